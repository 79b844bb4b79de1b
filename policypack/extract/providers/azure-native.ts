import type { ResourceKind } from "../resource-kind";
import type { ProviderRecord } from "./provider-record";
import { SHARED_KINDS, fieldPath as at } from "./provider-record";

/** Where the P2S settings live: messages name them from inside it (vpnClientProtocols), as azure-native's documentation does. */
const CLIENT = "vpnClientConfiguration";

/** @pulumi/azure-native (v3, and v2's names where they differ). */
export const AZURE_NATIVE: ProviderRecord = {
  // The default token (azure-native:network:X) and API-versioned ones (azure-native:network/v20240301:X);
  // private DNS and resolver resources live in their own modules, network:PrivateZone is an alias.
  tokens: [/^azure-native:(?:network|privatedns|dnsresolver)(?:\/v[0-9a-z]+)?:([A-Za-z]+)$/],
  kinds: new Map<string, ResourceKind>(
    [
      ...SHARED_KINDS,
      "PublicIPAddress",
      "PrivateZone",
      "VirtualNetworkLink",
      "PrivateEndpoint",
      "PrivateDnsZoneGroup",
      "DnsResolver",
      "InboundEndpoint",
      "NetworkSecurityGroup",
      "RouteTable",
      "Route",
    ].map((k): [string, ResourceKind] => [k, k as ResourceKind]),
  ),
  nameInput: {
    VirtualNetwork: "virtualNetworkName",
    Subnet: "subnetName",
    VirtualNetworkPeering: "virtualNetworkPeeringName",
    VirtualNetworkGateway: "virtualNetworkGatewayName",
    VirtualNetworkGatewayConnection: "virtualNetworkGatewayConnectionName",
    LocalNetworkGateway: "localNetworkGatewayName",
    PrivateZone: "privateZoneName",
    VirtualNetworkLink: "virtualNetworkLinkName",
    PrivateEndpoint: "privateEndpointName",
    PrivateDnsZoneGroup: "privateDnsZoneGroupName",
    DnsResolver: "dnsResolverName",
    InboundEndpoint: "inboundEndpointName",
    PublicIPAddress: "publicIpAddressName",
    NetworkSecurityGroup: "networkSecurityGroupName",
    RouteTable: "routeTableName",
    Route: "routeName",
  },
  fields: {
    "gateway.clientPool": at(CLIENT, "vpnClientAddressPool"),
    "gateway.clientPools": at("", `${CLIENT}.vpnClientAddressPool.addressPrefixes`),
    "gateway.groupPool": at(CLIENT, "vngClientConnectionConfigurations[*].vpnClientAddressPool"),
    "gateway.groupPools": at("", `${CLIENT}.vngClientConnectionConfigurations[*].vpnClientAddressPool.addressPrefixes`),
    "gateway.protocols": at(CLIENT, "vpnClientProtocols"),
    "gateway.authTypes": at(CLIENT, "vpnAuthenticationTypes"),
    "gateway.routing": at("", "vpnType"),
    "gateway.sku": at("", "sku.name"),
    "gateway.generation": at("", "vpnGatewayGeneration"),
    "gateway.asn": at("", "bgpSettings.asn"),
    "gateway.bgp": at("", "enableBgp"),
    "gateway.advertisedRoutePrefixes": at("", "customRoutes.addressPrefixes"),
    "gateway.entraTenant": at("", `${CLIENT}.aadTenant`),
    "gateway.entraIssuer": at("", `${CLIENT}.aadIssuer`),
    "gateway.entraAudience": at("", `${CLIENT}.aadAudience`),
    "gateway.publicIp": at("", "ipConfigurations[*].publicIPAddress"),
    "publicIp.sku": at("", "sku.name"),
    "publicIp.allocation": at("", "publicIPAllocationMethod"),
    "peering.allowsTransit": at("", "allowGatewayTransit"),
    "peering.usesRemoteGateway": at("", "useRemoteGateways"),
    "peering.allowsAccess": at("", "allowVirtualNetworkAccess"),
    "connection.bgp": at("", "enableBgp"),
    "site.bgp": at("", "bgpSettings"),
    "site.asn": at("", "bgpSettings.asn"),
    "vnet.prefixes": at("", "addressSpace.addressPrefixes"),
    "vnet.nameServers": at("", "dhcpOptions.dnsServers"),
    "inbound.address": at("", "ipConfigurations[*].privateIpAddress"),
    "site.prefixes": at("", "localNetworkAddressSpace.addressPrefixes"),
    // From a VNet's inline subnets; a standalone Subnet has the same fields at its root.
    "subnet.nsg": at("subnets[*]", "networkSecurityGroup"),
    "subnet.table": at("subnets[*]", "routeTable"),
    "table.routes": at("", "routes"),
    "table.propagation": at("", "disableBgpRoutePropagation"),
  },
  read: {
    gateway: {
      kind: ["gatewayType"],
      subnet: ["subnet", "id"],
      publicIp: ["publicIPAddress", "id"],
      certificates: "vpnClientRootCertificates",
    },
    peering: { remote: { field: "remoteVirtualNetwork", path: ["remoteVirtualNetwork", "id"] } },
    connection: {
      type: ["connectionType"],
      gateway: { field: "virtualNetworkGateway1", path: ["virtualNetworkGateway1", "id"] },
      remoteGateway: { field: "virtualNetworkGateway2", path: ["virtualNetworkGateway2", "id"] },
      site: { field: "localNetworkGateway2", path: ["localNetworkGateway2", "id"] },
    },
    publicIp: {},
    dns: {
      linkZoneName: "privateZoneName",
      linkVnet: { field: "virtualNetwork", path: ["virtualNetwork", "id"] },
      endpointSubnet: { field: "subnet", path: ["subnet", "id"] },
      resolverVnet: { field: "virtualNetwork", path: ["virtualNetwork", "id"] },
      inboundResolver: { byName: "dnsResolverName" },
      inboundSubnet: ["subnet", "id"],
    },
    subnet: { refId: ["id"] },
    routeTable: {
      propagationMeans: "disabled",
      routePrefix: ["addressPrefix"],
      routeNextHop: ["nextHopType"],
      routeTableName: "routeTableName",
    },
  },
};

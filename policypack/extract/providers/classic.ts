import type { ResourceKind } from "../resource-kind";
import type { ProviderRecord } from "./provider-record";
import { SHARED_KINDS, fieldPath as at } from "./provider-record";

const CLIENT = "vpnClientConfiguration";

/** The classic @pulumi/azure provider (v6): every name checked against its own types. */
export const CLASSIC: ProviderRecord = {
  tokens: [
    /^azure:network\/[A-Za-z]+:([A-Za-z]+)$/,
    // Only the private DNS and Private Link modules: azure:dns/zone:Zone is a public zone.
    /^azure:(?:privatedns|privatelink)\/[A-Za-z]+:([A-Za-z]+)$/,
  ],
  // It sets DNS servers with a resource of their own, and puts zone groups inline in endpoints.
  kinds: new Map<string, ResourceKind>([
    ...SHARED_KINDS.map((k): [string, ResourceKind] => [k, k]),
    ["VirtualNetworkDnsServers", "VirtualNetworkDnsServers"],
    ["PublicIp", "PublicIPAddress"],
    ["Zone", "PrivateZone"],
    ["ZoneVirtualNetworkLink", "VirtualNetworkLink"],
    ["Endpoint", "PrivateEndpoint"],
    ["Resolver", "DnsResolver"],
    ["ResolverInboundEndpoint", "InboundEndpoint"],
    ["NetworkSecurityGroup", "NetworkSecurityGroup"],
    ["RouteTable", "RouteTable"],
    ["Route", "Route"],
    ["SubnetNetworkSecurityGroupAssociation", "SubnetNetworkSecurityGroupAssociation"],
    ["SubnetRouteTableAssociation", "SubnetRouteTableAssociation"],
    ["NetworkSecurityRule", "SecurityRule"],
    ["Firewall", "AzureFirewall"],
    ["FirewallPolicy", "FirewallPolicy"],
    ["FirewallPolicyRuleCollectionGroup", "FirewallPolicyRuleCollectionGroup"],
    ["FirewallNetworkRuleCollection", "FirewallNetworkRuleCollection"],
    ["FirewallApplicationRuleCollection", "FirewallApplicationRuleCollection"],
    ["NetworkInterface", "NetworkInterface"],
    ["NetworkInterfaceSecurityGroupAssociation", "NetworkInterfaceSecurityGroupAssociation"],
  ]),
  nameInput: {},
  fields: {
    "gateway.clientPool": at("", `${CLIENT}.addressSpaces`),
    "gateway.clientPools": at("", `${CLIENT}.addressSpaces`),
    "gateway.groupPool": at("", `${CLIENT}.virtualNetworkGatewayClientConnections[*].addressPrefixes`),
    "gateway.groupPools": at("", `${CLIENT}.virtualNetworkGatewayClientConnections[*].addressPrefixes`),
    "gateway.protocols": at("", `${CLIENT}.vpnClientProtocols`),
    "gateway.authTypes": at("", `${CLIENT}.vpnAuthTypes`),
    "gateway.routing": at("", "vpnType"),
    "gateway.sku": at("", "sku"),
    "gateway.generation": at("", "generation"),
    "gateway.asn": at("", "bgpSettings.asn"),
    "gateway.bgp": at("", "bgpEnabled"),
    "gateway.advertisedRoutePrefixes": at("", "customRoute.addressPrefixes"),
    "gateway.entraTenant": at("", `${CLIENT}.aadTenant`),
    "gateway.entraIssuer": at("", `${CLIENT}.aadIssuer`),
    "gateway.entraAudience": at("", `${CLIENT}.aadAudience`),
    "gateway.publicIp": at("", "ipConfigurations[*].publicIpAddressId"),
    "publicIp.sku": at("", "sku"),
    "publicIp.allocation": at("", "allocationMethod"),
    "peering.allowsTransit": at("", "allowGatewayTransit"),
    "peering.usesRemoteGateway": at("", "useRemoteGateways"),
    "peering.allowsAccess": at("", "allowVirtualNetworkAccess"),
    "connection.bgp": at("", "bgpEnabled"),
    "site.bgp": at("", "bgpSettings"),
    "site.asn": at("", "bgpSettings.asn"),
    "vnet.prefixes": at("", "addressSpaces"),
    "vnet.nameServers": at("", "dnsServers"),
    // A single block here, a list in azure-native.
    "inbound.address": at("", "ipConfigurations.privateIpAddress"),
    "site.prefixes": at("", "addressSpaces"),
    // From a VNet's inline subnets; a standalone Subnet has neither, association resources attach them.
    "subnet.nsg": at("subnets[*]", "securityGroup"),
    "subnet.table": at("subnets[*]", "routeTableId"),
    "table.routes": at("", "routes"),
    "table.propagation": at("", "bgpRoutePropagationEnabled"),
  },
  read: {
    // bgpEnabled replaced enableBgp, which older programs still set.
    gateway: {
      kind: ["type"],
      bgpAlias: ["enableBgp"],
      subnet: ["subnetId"],
      publicIp: ["publicIpAddressId"],
      certificates: "rootCertificates",
    },
    peering: { remote: { field: "remoteVirtualNetworkId", path: ["remoteVirtualNetworkId"] } },
    connection: {
      type: ["type"],
      gateway: { field: "virtualNetworkGatewayId", path: ["virtualNetworkGatewayId"] },
      remoteGateway: { field: "peerVirtualNetworkGatewayId", path: ["peerVirtualNetworkGatewayId"] },
      site: { field: "localNetworkGatewayId", path: ["localNetworkGatewayId"] },
      bgpAlias: ["enableBgp"],
    },
    // "Defaults to Standard"; allocationMethod is required.
    publicIp: { defaultSku: "Standard" },
    dns: {
      linkZoneName: "privateDnsZoneName",
      linkVnet: { field: "virtualNetworkId", path: ["virtualNetworkId"] },
      endpointSubnet: { field: "subnetId", path: ["subnetId"] },
      inlineZoneIds: { field: "privateDnsZoneGroup", path: ["privateDnsZoneGroup", "privateDnsZoneIds"] },
      resolverVnet: { field: "virtualNetworkId", path: ["virtualNetworkId"] },
      inboundResolver: { ref: { field: "privateDnsResolverId", path: ["privateDnsResolverId"] } },
      inboundSubnet: ["subnetId"],
    },
    subnet: {
      refId: [],
      prefixes: ["addressPrefixes"],
      endpointPolicies: ["privateEndpointNetworkPolicies"],
      association: {
        subnet: { field: "subnetId", path: ["subnetId"] },
        nsg: { field: "networkSecurityGroupId", path: ["networkSecurityGroupId"] },
        table: { field: "routeTableId", path: ["routeTableId"] },
      },
    },
    // v6 inverted the flag: bgpRoutePropagationEnabled replaced disableBgpRoutePropagation.
    routeTable: {
      propagationMeans: "enabled",
      disabledAlias: ["disableBgpRoutePropagation"],
      routePrefix: ["addressPrefix"],
      routeNextHop: ["nextHopType"],
      routeNextHopAddress: ["nextHopInIpAddress"],
      routeTableName: "routeTableName",
    },
    nsg: {
      sourceGroups: ["sourceApplicationSecurityGroupIds"],
      destinationGroups: ["destinationApplicationSecurityGroupIds"],
      groupId: [],
    },
    nic: {
      subnet: ["subnetId"],
      address: ["privateIpAddress"],
      association: {
        nic: { field: "networkInterfaceId", path: ["networkInterfaceId"] },
        nsg: { field: "networkSecurityGroupId", path: ["networkSecurityGroupId"] },
      },
    },
    firewall: {
      privateAddress: ["privateIpAddress"],
      subnet: ["subnetId"],
      policy: { field: "firewallPolicyId", path: ["firewallPolicyId"] },
      groupPolicy: { ref: { field: "firewallPolicyId", path: ["firewallPolicyId"] } },
      groupCollections: { network: "networkRuleCollections", application: "applicationRuleCollections" },
      action: ["action"],
      appProtocol: "type",
      basePolicy: { field: "basePolicyId", path: ["basePolicyId"] },
    },
  },
};

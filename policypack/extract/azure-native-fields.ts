import type { FieldKey, FieldRef } from "../topology/sentence";

/** How azure-native spells each field a message names, as a path in the resource's inputs. */
export const AZURE_NATIVE_FIELDS: Readonly<Record<FieldKey, string>> = {
  "gateway.clientPool": "vpnClientAddressPool",
  "gateway.clientPools": "vpnClientConfiguration.vpnClientAddressPool.addressPrefixes",
  "gateway.groupPool": "vngClientConnectionConfigurations[*].vpnClientAddressPool",
  "gateway.groupPools": "vpnClientConfiguration.vngClientConnectionConfigurations[*].vpnClientAddressPool.addressPrefixes",
  "gateway.protocols": "vpnClientProtocols",
  "gateway.authTypes": "vpnAuthenticationTypes",
  "gateway.routing": "vpnType",
  "gateway.sku": "sku.name",
  "gateway.generation": "vpnGatewayGeneration",
  "gateway.asn": "bgpSettings.asn",
  "gateway.bgp": "enableBgp",
  "gateway.advertisedRoutes": "customRoutes",
  "gateway.advertisedRoutePrefixes": "customRoutes.addressPrefixes",
  "gateway.entraTenant": "vpnClientConfiguration.aadTenant",
  "gateway.entraIssuer": "vpnClientConfiguration.aadIssuer",
  "gateway.entraAudience": "vpnClientConfiguration.aadAudience",
  "gateway.publicIp": "ipConfigurations[*].publicIPAddress",
  "publicIp.sku": "sku.name",
  "publicIp.allocation": "publicIPAllocationMethod",
  "peering.allowsTransit": "allowGatewayTransit",
  "peering.usesRemoteGateway": "useRemoteGateways",
  "peering.allowsAccess": "allowVirtualNetworkAccess",
  "connection.bgp": "enableBgp",
  "site.bgp": "bgpSettings",
  "site.asn": "bgpSettings.asn",
  "vnet.prefixes": "addressSpace.addressPrefixes",
  "vnet.nameServers": "dhcpOptions.dnsServers",
  "inbound.address": "ipConfigurations[*].privateIpAddress",
  "site.prefixes": "localNetworkAddressSpace.addressPrefixes",
};

export function spellAzureNative(ref: FieldRef): string {
  return AZURE_NATIVE_FIELDS[ref.field];
}

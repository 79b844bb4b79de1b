import type { FieldKey, FieldRef, Spell } from "../topology/sentence";
import { AZURE_NATIVE_FIELDS } from "./azure-native-fields";
import type { Provider } from "./raw-resource";

/** How the classic @pulumi/azure provider (v6) spells each field a message names. */
export const CLASSIC_FIELDS: Readonly<Record<FieldKey, string>> = {
  "gateway.clientPool": "vpnClientConfiguration.addressSpaces",
  "gateway.clientPools": "vpnClientConfiguration.addressSpaces",
  "gateway.groupPool": "vpnClientConfiguration.virtualNetworkGatewayClientConnections[*].addressPrefixes",
  "gateway.groupPools": "vpnClientConfiguration.virtualNetworkGatewayClientConnections[*].addressPrefixes",
  "gateway.protocols": "vpnClientConfiguration.vpnClientProtocols",
  "gateway.authTypes": "vpnClientConfiguration.vpnAuthTypes",
  "gateway.routing": "vpnType",
  "gateway.sku": "sku",
  "gateway.generation": "generation",
  "gateway.asn": "bgpSettings.asn",
  "gateway.bgp": "bgpEnabled",
  "gateway.advertisedRoutes": "customRoute",
  "gateway.advertisedRoutePrefixes": "customRoute.addressPrefixes",
  "gateway.entraTenant": "vpnClientConfiguration.aadTenant",
  "gateway.entraIssuer": "vpnClientConfiguration.aadIssuer",
  "gateway.entraAudience": "vpnClientConfiguration.aadAudience",
  "gateway.publicIp": "ipConfigurations[*].publicIpAddressId",
  "publicIp.sku": "sku",
  "publicIp.allocation": "allocationMethod",
  "peering.allowsTransit": "allowGatewayTransit",
  "peering.usesRemoteGateway": "useRemoteGateways",
  "peering.allowsAccess": "allowVirtualNetworkAccess",
  "connection.bgp": "bgpEnabled",
  "site.bgp": "bgpSettings",
  "site.asn": "bgpSettings.asn",
  "vnet.prefixes": "addressSpaces",
  "vnet.nameServers": "dnsServers",
  // A single block in the classic provider, a list in azure-native.
  "inbound.address": "ipConfigurations.privateIpAddress",
  "site.prefixes": "addressSpaces",
};

const TABLES: Record<Provider, Readonly<Record<FieldKey, string>>> = { "azure-native": AZURE_NATIVE_FIELDS, azure: CLASSIC_FIELDS };

/**
 * Spells a field as the provider of the resource it belongs to: `providers` by model id (the URN);
 * an inline peering's id extends its VNet's URN; anything else is spelled as azure-native.
 */
export function spellFor(providers: ReadonlyMap<string, Provider>): Spell {
  return (ref: FieldRef) => TABLES[providers.get(ref.resource.split("#")[0]) ?? "azure-native"][ref.field];
}

/**
 * What a VPN gateway is and offers, as Azure decides it from the declared settings and its own
 * defaults: the engine, the checks and the report ask here, so every answer has one source.
 */
import type { AuthType, Protocol, VpnGateway } from "./model";
import { compareText } from "./order";
import type { FieldRef } from "./sentence";
import { fieldRef } from "./sentence";

/** Some client address pool is declared, known or not: the engine analyses the gateway's P2S clients. */
export function isP2sGateway(gateway: VpnGateway): boolean {
  return gateway.clientPool.length > 0 || (gateway.groupPools ?? []).length > 0 || gateway.clientPoolUnknown === true;
}

/** Some Point-to-Site setting is declared, a pool or not: Azure validates the settings when it deploys them. */
export function declaresP2s(gateway: VpnGateway): boolean {
  return isP2sGateway(gateway) || gateway.protocols !== undefined || gateway.authSettings !== undefined;
}

/** A Vpn gateway rather than an ExpressRoute one, whatever the case the provider writes it in. */
export function isVpnKind(gateway: VpnGateway): boolean {
  return gateway.kind.toLowerCase() === "vpn";
}

export function isPolicyBased(gateway: VpnGateway): boolean {
  return gateway.routing.toLowerCase() === "policybased";
}

/** Only a RouteBased Vpn gateway accepts Point-to-Site clients. */
export function acceptsP2sClients(gateway: VpnGateway): boolean {
  return isVpnKind(gateway) && gateway.routing.toLowerCase() === "routebased";
}

export function isBasicSku(gateway: VpnGateway): boolean {
  return (gateway.sku ?? "").toLowerCase() === "basic";
}

/** Protocols a gateway SKU supports for P2S: Basic has SSTP only. */
export function skuSupports(gateway: VpnGateway, protocol: Protocol): boolean {
  return !isBasicSku(gateway) || protocol === "SSTP";
}

/** BGP works on a gateway only when enabled on a SKU that has it. */
export function gatewayRunsBgp(gateway: VpnGateway): boolean {
  return gateway.bgp && !isBasicSku(gateway);
}

/** Azure's ASN for VPN gateways when BGP is on and no ASN is given; a gateway may use it, a site may not. */
export const AZURE_DEFAULT_ASN = 65515;

export function asnOf(gateway: VpnGateway): number {
  return gateway.asn ?? AZURE_DEFAULT_ASN;
}

const GENERATION2_SKUS = /^VpnGw[2-5](AZ)?$/i;
const NON_AZ_SKUS = /^VpnGw[1-5]$/i;
const LEGACY_SKUS = new Set(["standard", "highperformance"]);

/** The gateway's SKU when it asks for Generation2 and the SKU lacks it: Generation2 exists for VpnGw2-5 and VpnGw2AZ-5AZ only. */
export function skuWithoutGeneration2(gateway: VpnGateway): string | undefined {
  const { sku, generation } = gateway;
  return (generation ?? "").toLowerCase() === "generation2" && sku !== undefined && !GENERATION2_SKUS.test(sku) ? sku : undefined;
}

/**
 * The retired VPN SKU family the gateway uses: a non-AZ VpnGw1-5, or a legacy Standard or
 * HighPerformance. ExpressRoute gateways have SKUs of those names too, and keep them.
 */
export function retiredSku(gateway: VpnGateway): "non-az" | "legacy" | undefined {
  if (!isVpnKind(gateway)) return undefined;
  const sku = gateway.sku ?? "";
  if (NON_AZ_SKUS.test(sku)) return "non-az";
  return LEGACY_SKUS.has(sku.toLowerCase()) ? "legacy" : undefined;
}

/** Azure's default when a gateway lists no protocols. */
const DEFAULT_PROTOCOLS: readonly Protocol[] = ["IkeV2", "SSTP"];
/** A hub's P2S gateway offers IKEv2 and OpenVPN only (spec W3); its server configuration's default is IKEv2. */
const HUB_PROTOCOLS: readonly Protocol[] = ["IkeV2", "OpenVPN"];
const DEFAULT_HUB_PROTOCOLS: readonly Protocol[] = ["IkeV2"];

/** The protocols the gateway offers, sorted: those it lists, else Azure's default, assumed. */
export function protocolsOf(gateway: VpnGateway): { protocols: Protocol[]; assumed: boolean } {
  if (gateway.hub) {
    const listed = (gateway.protocols ?? DEFAULT_HUB_PROTOCOLS).filter((p) => HUB_PROTOCOLS.includes(p));
    return { protocols: [...listed].sort(compareText), assumed: gateway.protocols === undefined };
  }
  return { protocols: [...(gateway.protocols ?? DEFAULT_PROTOCOLS)].sort(compareText), assumed: gateway.protocols === undefined };
}

/** Where a gateway's protocols or authentication types are set: its own client configuration, or a hub gateway's server configuration. */
export function clientSetting(gateway: VpnGateway, setting: "protocols" | "authTypes"): FieldRef {
  const server = gateway.hub?.settingsFrom;
  if (server) return fieldRef(server.id, setting === "protocols" ? "server.protocols" : "server.authTypes");
  return fieldRef(gateway.id, setting === "protocols" ? "gateway.protocols" : "gateway.authTypes");
}

/** Listed types, else those the settings present imply, else Certificate, assumed (spec section 1). */
export function authenticationOf(gateway: VpnGateway): { types: AuthType[]; assumed: boolean } {
  if (gateway.authTypes !== undefined && gateway.authTypes.length > 0)
    return { types: [...new Set(gateway.authTypes)].sort(compareText), assumed: false };
  const settings = gateway.authSettings;
  const types: AuthType[] = [];
  if (settings?.aad) types.push("AAD");
  if (settings?.certificates) types.push("Certificate");
  if (settings?.radius) types.push("Radius");
  return types.length > 0 ? { types, assumed: false } : { types: ["Certificate"], assumed: true };
}

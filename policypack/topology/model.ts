/**
 * The provider-neutral topology the engine reasons about. Extraction fills it from
 * azure-native resources; tests build it directly. Every record has a stable `id`
 * (the URN when it comes from Pulumi) and a display `name` (the Pulumi logical name).
 */

export const PLATFORMS = ["windows", "macos", "linux", "ios", "android"] as const;
export type Platform = (typeof PLATFORMS)[number];

export const PROTOCOLS = ["IkeV2", "OpenVPN", "SSTP"] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export interface Named {
  /** Unique within the topology: the URN for extracted resources. */
  id: string;
  /** The Pulumi logical name, used in every message. */
  name: string;
  /** The name the resource has in Azure, when known. */
  azureName?: string;
  tags?: Record<string, string>;
}

export interface VirtualNetwork extends Named {
  prefixes: string[];
}

/** An on-premises site, i.e. a LocalNetworkGateway. */
export interface Site extends Named {
  prefixes: string[];
  bgpAsn?: number;
}

export interface VpnGateway extends Named {
  /** Id of the VNet whose GatewaySubnet the gateway sits in; undefined when unresolved. */
  vnet?: string;
  gatewayType: string;
  vpnType: string;
  sku?: string;
  enableBgp: boolean;
  asn?: number;
  /** The P2S client address pool; empty when the gateway has no P2S configuration. */
  clientPool: string[];
  /** Undefined when the configuration does not list protocols (Azure's default applies). */
  protocols?: Protocol[];
  customRoutes: string[];
}

/** One direction of a VNet peering. */
export interface Peering extends Named {
  /** Id of the VNet the peering belongs to. */
  from: string;
  /** Id of the remote VNet; undefined when it is outside the stack or unresolved. */
  to?: string;
  allowGatewayTransit: boolean;
  useRemoteGateways: boolean;
  allowVirtualNetworkAccess: boolean;
}

export type ConnectionType = "IPsec" | "Vnet2Vnet" | "ExpressRoute";

export interface Connection extends Named {
  type: ConnectionType;
  /** Id of the gateway that owns the connection (virtualNetworkGateway1). */
  gateway: string | undefined;
  /** Vnet2Vnet: id of the remote gateway (virtualNetworkGateway2). */
  remoteGateway?: string;
  /** IPsec: id of the site (localNetworkGateway2). */
  site?: string;
  enableBgp: boolean;
}

export interface Topology {
  vnets: VirtualNetwork[];
  sites: Site[];
  gateways: VpnGateway[];
  peerings: Peering[];
  connections: Connection[];
}

export function emptyTopology(): Topology {
  return { vnets: [], sites: [], gateways: [], peerings: [], connections: [] };
}

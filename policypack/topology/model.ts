/**
 * The provider-neutral topology the engine reasons about. Extraction fills it from a
 * provider's resources; tests build it directly. Every record has a stable `id`
 * (the URN when it comes from Pulumi) and a display `name` (the Pulumi logical name).
 */

import type { FirewallRules } from "./firewall-rules";
import type { Named } from "./named";
import type { NetworkSecurityGroup } from "./security-rules";
import type { HubGatewayFacts, VirtualWanTopology } from "./virtual-wan";

export type { Named } from "./named";

export const PLATFORMS = ["windows", "macos", "linux", "ios", "android"] as const;
export type Platform = (typeof PLATFORMS)[number];

export const PROTOCOLS = ["IkeV2", "OpenVPN", "SSTP"] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** How P2S users sign in: certificates, RADIUS, or Microsoft Entra ID (AAD). */
export const AUTH_TYPES = ["AAD", "Certificate", "Radius"] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

/** Which authentication settings a gateway has, whatever types it lists: Azure infers types from them. */
export interface AuthSettings {
  /** A Microsoft Entra ID tenant is set. */
  aad: boolean;
  /** A RADIUS server is set. */
  radius: boolean;
  /** At least one root certificate is set. */
  certificates: boolean;
}

export interface VirtualNetwork extends Named {
  prefixes: string[];
  /** The DNS servers the VNet gives its clients; undefined or empty for Azure-provided DNS. */
  nameServers?: string[];
  /** Some DNS server is not known to the pack: unknown until deployment (a preview), or secret. */
  nameServersUnknown?: "preview" | "secret";
  /** The resource that sets the DNS servers when it is not the VNet itself (the classic VirtualNetworkDnsServers). */
  nameServersFrom?: { id: string; name: string };
}

/** An on-premises site, i.e. a LocalNetworkGateway. */
export interface Site extends Named {
  prefixes: string[];
  bgpAsn?: number;
}

export interface VpnGateway extends Named {
  /** Id of the VNet whose GatewaySubnet the gateway sits in; undefined when unresolved. */
  vnet?: string;
  /** The Azure name of that VNet as the GatewaySubnet's id gives it, also when the VNet is in another stack. */
  vnetAzureName?: string;
  /** Vpn or ExpressRoute. */
  kind: string;
  /** RouteBased or PolicyBased. */
  routing: string;
  sku?: string;
  /** Generation1 or Generation2. */
  generation?: string;
  bgp: boolean;
  asn?: number;
  /** The P2S client address pool; empty when the gateway has no P2S configuration. */
  clientPool: string[];
  /** Some client pool is set but not known (a secret, or a value unknown during preview). */
  clientPoolUnknown?: boolean;
  /** The address pools of user groups, each a client pool too. */
  groupPools?: string[];
  /** The user-group configurations by name, with their pools, for intents that name them. */
  userGroups?: { name: string; pools: string[] }[];
  /** Undefined when the configuration does not list protocols (Azure's default applies), or lists them unknown. */
  protocols?: Protocol[];
  /** The protocols are listed but not known: unknown during preview, or secret. */
  protocolsHidden?: true;
  /** Undefined when the configuration does not list authentication types (inferred from the settings). */
  authTypes?: AuthType[];
  /** Undefined when the gateway has no P2S configuration. */
  authSettings?: AuthSettings;
  /**
   * Opaque digests of the settings a client profile carries (the Entra ID settings, the root
   * certificates), compared between two states and never shown.
   */
  profileDigests?: { aad: string; certificates: string };
  /** Custom routes the gateway advertises to its clients (R7). */
  advertisedRoutes: string[];
  /**
   * True when Azure has created the gateway: its properties hold what only a deployment sets (an
   * id, a provisioning state). Undefined when they do not tell: a preview sends a resource's inputs,
   * the same for a gateway being created and one that exists.
   */
  deployed?: true;
  /** The Microsoft Entra ID settings as declared; a secret or unknown one is left out. */
  aad?: { tenant?: string; issuer?: string; audience?: string };
  /** The public IP addresses of its ip configurations, as far as they resolve: a resource's id, or the Azure name an id gives. */
  publicIps?: { id?: string; name: string }[];
  /** A Virtual WAN hub's P2S gateway: its hub, connection configurations and server configuration (spec section 8). */
  hub?: HubGatewayFacts;
}

/** A public IP address, as a VPN gateway's ip configurations use them. */
export interface PublicIp extends Named {
  /** Basic, Standard or StandardV2; undefined when neither declared nor defaulted by the provider. */
  sku?: string;
  /** Static or Dynamic; undefined when not declared. */
  allocation?: string;
}

/** One direction of a VNet peering. */
export interface Peering extends Named {
  /** Id of the VNet the peering belongs to. */
  from: string;
  /** Id of the remote VNet; undefined when it is outside the stack or unresolved. */
  to?: string;
  /** The VNet lets peers use its gateway. */
  allowsTransit: boolean;
  /** The VNet uses the remote VNet's gateway. */
  usesRemoteGateway: boolean;
  /** The two VNets may exchange traffic (Azure's default). */
  allowsAccess: boolean;
}

export type ConnectionType = "IPsec" | "Vnet2Vnet" | "ExpressRoute";

export interface Connection extends Named {
  type: ConnectionType;
  /** Id of the gateway that owns the connection. */
  gateway: string | undefined;
  /** Vnet2Vnet: id of the gateway at the other end. */
  remoteGateway?: string;
  /** IPsec: id of the site at the other end. */
  site?: string;
  bgp: boolean;
}

/** A private DNS zone, such as privatelink.blob.core.windows.net. */
export interface PrivateZone extends Named {
  zoneName: string;
}

/** A zone's link to a VNet: resolvers in that VNet answer the zone. */
export interface ZoneLink extends Named {
  zone?: string;
  vnet?: string;
}

/** A private endpoint: its address lies in its subnet's VNet; zone groups put its name in zones. */
export interface PrivateEndpoint extends Named {
  vnet?: string;
  /** Id of its subnet record, when it resolves: the subnet's network policies decide what applies to it (spec P6). */
  subnet?: string;
  zones: string[];
}

export interface DnsResolver extends Named {
  vnet?: string;
}

/** A resolver's inbound endpoint: the address clients (or forwarders) send queries to. */
export interface InboundEndpoint extends Named {
  resolver?: string;
  vnet?: string;
  /** Undefined when dynamic or not known yet. */
  address?: string;
  /** Allocated dynamically with no declared address: it cannot be checked before deployment. */
  dynamic: boolean;
}

export interface DnsTopology {
  zones: PrivateZone[];
  links: ZoneLink[];
  endpoints: PrivateEndpoint[];
  resolvers: DnsResolver[];
  inbound: InboundEndpoint[];
}

/**
 * A GatewaySubnet with a network security group or a route table attached, as one resource
 * declares it: the subnet, the VNet that declares it inline, or a resource that only attaches
 * one of them (the classic provider's associations).
 */
export interface GatewaySubnet {
  /** The resource to report against: the one that attaches the NSG or route table. */
  id: string;
  /** Its Pulumi name. */
  name: string;
  /** Id of the subnet's VNet; undefined when it is not in the stack or unresolved. */
  vnet?: string;
  /** The record attaches and is nothing else: removing the resource detaches. */
  attachesOnly?: true;
  /** The network security group, by id when it is in the stack, else by the Azure name its id gives. */
  nsg?: { id?: string; name: string };
  /** Id of the route table, when it is in the stack. */
  table?: string;
}

/** A user-defined route (UDR). */
export interface Route {
  /** The route's name in Azure, for messages. */
  name?: string;
  prefix: string;
  /** Azure's next hop type, as declared: VirtualAppliance, VirtualNetworkGateway, VnetLocal, Internet, None. */
  nextHop: string;
  /** A virtual appliance's address, when known. */
  nextHopAddress?: string;
  /** The appliance the address belongs to, when it is declared: found by address, or through the address's dependencies in a preview. */
  appliance?: { id: string; name: string };
  /** The route resource, when it is declared on its own rather than inline in its table. */
  declaredBy?: { id: string; name: string };
}

/** A route table and its routes, inline or declared by route resources of their own. */
export interface RouteTable extends Named {
  /** Whether routes the VPN gateway knows reach the subnets (Azure's default); undefined when unknown. */
  propagation: boolean | undefined;
  /** Routes whose prefix and next hop are known. */
  routes: Route[];
}

/**
 * Any subnet, as paths and filters read it (spec section 7): standalone, inline in its VNet, and
 * amended by the classic provider's association resources.
 */
export interface Subnet {
  /** The subnet resource's URN, or its VNet's URN with "#subnets/<name>" for an inline subnet. */
  id: string;
  /** Its name in Azure ("web", "GatewaySubnet"). */
  name: string;
  /** The resource that declares it: the subnet, or the VNet for an inline subnet. */
  declaredBy: { id: string; name: string };
  /** Id of the VNet; undefined when it is not in the stack or unresolved. */
  vnet?: string;
  /** Its prefixes; empty when unknown. */
  prefixes: string[];
  /** The network security group, by id when it is in the stack, else by the Azure name its id gives; "unknown" in a preview that cannot tell. */
  nsg?: { id?: string; name: string } | "unknown";
  /** Id of the route table when it is in the stack; "unknown" when a table is attached that the pack cannot read. */
  table?: string | "unknown";
  /** Which policies apply to private endpoints in the subnet, as declared (spec P6); undefined is Azure's default, Disabled. */
  endpointPolicies?: string;
}

/** A network interface: its NSG, when it has one, decides for its own addresses after the subnet's (spec F2). */
export interface NetworkInterface extends Named {
  /** Id of its subnet record, when it resolves. */
  subnet?: string;
  /** Its private addresses, when known. */
  addresses: string[];
  nsg?: { id?: string; name: string } | "unknown";
}

/** An Azure Firewall, a virtual appliance whose rules the pack can read. */
export interface Firewall extends Named {
  /** Id of its VNet, when it sits in one of the stack's VNets. */
  vnet?: string;
  /** Id of its Virtual WAN hub, when it secures one (spec W7). */
  hub?: string;
  /** Its private addresses, when known. */
  addresses: string[];
  rules: FirewallRules;
}

export interface Topology {
  vnets: VirtualNetwork[];
  sites: Site[];
  gateways: VpnGateway[];
  peerings: Peering[];
  connections: Connection[];
  /** Public IP addresses; undefined when the stack declares none. */
  publicIps?: PublicIp[];
  /** The stacks the resources come from, as "project/stack"; empty when unknown. */
  stacks?: string[];
  /** Name resolution; undefined when the stack declares none of it. */
  dns?: DnsTopology;
  /** GatewaySubnets with an NSG or route table attached; undefined when the stack has none. */
  gatewaySubnets?: GatewaySubnet[];
  /** Route tables; undefined when the stack declares none. */
  routeTables?: RouteTable[];
  /** Every declared subnet; undefined when the stack declares none. */
  subnets?: Subnet[];
  /** Network security groups with their rules; undefined when the stack declares none. */
  nsgs?: NetworkSecurityGroup[];
  /** Network interfaces; undefined when the stack declares none. */
  nics?: NetworkInterface[];
  /** Azure Firewalls; undefined when the stack declares none. */
  firewalls?: Firewall[];
  /** Virtual WAN; undefined when the stack declares none of it. */
  wan?: VirtualWanTopology;
}

export function emptyTopology(): Topology {
  return { vnets: [], sites: [], gateways: [], peerings: [], connections: [] };
}

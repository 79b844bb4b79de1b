/**
 * Virtual WAN as the engine reads it (spec section 8): hubs route by their route tables, which
 * connections are associated with and propagate to. Provider-neutral, like the rest of the model.
 */
import type { Named } from "./named";

export interface VirtualWan extends Named {
  /** Basic or Standard; undefined means Standard (spec W5). */
  type?: string;
  /** Undefined means true (spec W5). */
  branchToBranch?: boolean;
}

export interface VirtualHub extends Named {
  /** Id of its WAN, when it resolves. */
  wan?: string;
  prefix?: string;
  /** Basic or Standard, as declared. */
  sku?: string;
}

/** A static route of a hub route table. */
export interface HubStaticRoute {
  name?: string;
  destinations: string[];
  /** ResourceId or IPAddress, as declared. */
  hopType?: string;
  /** The model id of the connection or firewall the route sends to, when it resolves. */
  target?: string;
}

/** The built-in tables every hub has, whether declared or not. */
export type BuiltInTable = "defaultRouteTable" | "noneRouteTable";
export const BUILT_IN_TABLES: readonly BuiltInTable[] = ["defaultRouteTable", "noneRouteTable"];

export interface HubRouteTable extends Named {
  /** Id of its hub, when it resolves. */
  hub?: string;
  /** The built-in table it is (declared to add routes, or only referred to). */
  builtIn?: BuiltInTable;
  /** The table is only referred to, not declared by the program. */
  implicit?: true;
  labels: string[];
  routes: HubStaticRoute[];
}

/** The id of a hub's built-in table when the program does not declare it. */
export function builtInTableId(hub: string, table: BuiltInTable): string {
  return `${hub}#${table}`;
}

/** A connection's association, propagation and static routes (W1). */
export interface RoutingConfiguration {
  /** Id of the associated table; undefined for the hub's defaultRouteTable; "unknown" when not known before deployment. */
  associated?: string | "unknown";
  /** Undefined when the connection declares no propagated tables at all (the default applies, W1). */
  propagation?: { tables: string[]; labels: string[]; unknown?: true };
  /** A VNet connection's static routes: prefixes sent to an appliance inside the VNet (W6). */
  applianceRoutes: { name?: string; prefixes: string[]; nextHopAddress?: string }[];
  /** Whether those static routes propagate (the default). */
  staticPropagate: boolean;
}

export type HubConnectionKind = "vnet" | "vpn" | "expressroute";

/** A hub's connection to a VNet, a VPN site or an ExpressRoute circuit. */
export interface HubConnection extends Named {
  kind: HubConnectionKind;
  /** Id of the hub, when it resolves. */
  hub?: string;
  /** Id of the VNet (vnet) or site (vpn), when it resolves. */
  remote?: string;
  /** A VPN connection runs BGP (W5). */
  bgp: boolean;
  routing: RoutingConfiguration;
}

/** One connection configuration of a hub's P2S gateway: its pools, routing and internet security flag. */
export interface P2sConfiguration {
  name: string;
  pools: string[];
  internetSecurity: boolean;
  routing: RoutingConfiguration;
  /** The user groups Azure associated with it, by name: known only from a deployed stack (W9). */
  userGroups?: string[];
}

/** A user group (policy group) of a VPN server configuration. */
export interface PolicyGroup {
  name: string;
  isDefault: boolean;
}

/** What a hub's P2S gateway adds to a VPN gateway of the model. */
export interface HubGatewayFacts {
  /** Id of its hub, when it resolves. */
  hub?: string;
  /** The VPN server configuration that holds the client settings, when it resolves. */
  settingsFrom?: { id: string; name: string };
  configurations: P2sConfiguration[];
  /** The gateway's custom DNS servers (W10); undefined for Azure-provided DNS. */
  nameServers?: string[];
  /** Some DNS server is not known: unknown until deployment, or secret. */
  nameServersUnknown?: "preview" | "secret";
  scaleUnits?: number;
  policyGroups: PolicyGroup[];
}

/** A hub's routing intent: where private and internet traffic go (W7). */
export interface RoutingIntent extends Named {
  hub?: string;
  /** Id of the next hop (a firewall) of the private-traffic policy, "unknown" when not resolved; undefined without one. */
  privateNextHop?: string;
  internetNextHop?: string;
  /** Prefixes the private policy adds to the private ranges. */
  additionalPrefixes: string[];
}

export interface VirtualWanTopology {
  wans: VirtualWan[];
  hubs: VirtualHub[];
  tables: HubRouteTable[];
  connections: HubConnection[];
  intents: RoutingIntent[];
  /** Server configurations declared, by id: their protocols and authentication are checked on their own (W8). */
  serverConfigurations: ServerConfiguration[];
}

/** A VPN server configuration's client settings, as W8 judges them. */
export interface ServerConfiguration extends Named {
  protocols?: string[];
  authTypes?: string[];
  /** Microsoft Entra ID settings are present. */
  aad: boolean;
  /** The RADIUS servers' addresses, as far as known. */
  radiusAddresses: string[];
}

export function emptyVirtualWan(): VirtualWanTopology {
  return { wans: [], hubs: [], tables: [], connections: [], intents: [], serverConfigurations: [] };
}

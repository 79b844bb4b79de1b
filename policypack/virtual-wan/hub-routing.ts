import type { Cidr } from "../topology/cidr";
import { parseCidr, sortedUnique } from "../topology/cidr";
import type { Topology, VpnGateway } from "../topology/model";
import { compareText } from "../topology/order";
import type {
  HubConnection,
  HubRouteTable,
  P2sConfiguration,
  RoutingConfiguration,
  RoutingIntent,
  VirtualHub,
  VirtualWan,
} from "../topology/virtual-wan";

/** The private ranges routing intent sends to its next hop (spec W7). */
export const PRIVATE_TRAFFIC = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];

/** A connection as routing sees it: a hub's VNet, VPN or ExpressRoute connection, or one P2S configuration. */
export interface RoutedConnection {
  id: string;
  name: string;
  kind: HubConnection["kind"] | "p2s";
  hub?: string;
  /** The VNet or site behind it. */
  remote?: string;
  routing: RoutingConfiguration;
  /** Its prefixes as W2 propagates them; undefined when they cannot be known (ExpressRoute, BGP-learned). */
  prefixes: string[];
  /** The static routes among them, which never leave their hub. */
  staticPrefixes: string[];
  bgp: boolean;
}

/** A route of a hub table and where it comes from (W2). */
export interface TableRoute {
  prefix: string;
  /** The connection that propagates it, or the table's own static route. */
  from: { connection: RoutedConnection } | { staticRoute: string | undefined; target?: string };
}

/** Everything a WAN's routing needs, computed once per topology (W1, W2). */
export interface HubRouting {
  wans: Map<string, VirtualWan>;
  hubs: Map<string, VirtualHub>;
  tables: Map<string, HubRouteTable>;
  connections: RoutedConnection[];
  intents: Map<string, RoutingIntent>;
  /** The table a connection is associated with: undefined when it is not known before deployment. */
  associated(connection: RoutedConnection): HubRouteTable | undefined;
  /** The tables a connection propagates to; `unknown` when part of its list is not known. */
  propagatesTo(connection: RoutedConnection): { tables: HubRouteTable[]; unknown: boolean };
  /** A table's routes: its static routes and every prefix propagated to it. */
  contents(table: HubRouteTable): TableRoute[];
  /** The WAN of a hub. */
  wanOf(hub: string | undefined): VirtualWan | undefined;
  /** A hub's built-in defaultRouteTable. */
  defaultOf(hub: string | undefined): HubRouteTable | undefined;
  /** The P2S configurations of a hub gateway, as connections. */
  configurations(gateway: VpnGateway): { configuration: P2sConfiguration; connection: RoutedConnection }[];
  /** VNets no hub connects, with their prefixes: static routes of a connection may lead to them (W6). */
  unconnected: { id: string; prefixes: string[] }[];
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** W1 and W2 for every hub of the topology. */
export function buildHubRouting(topology: Topology): HubRouting {
  const wan = topology.wan;
  const wans = new Map((wan?.wans ?? []).map((w) => [w.id, w]));
  const hubs = new Map((wan?.hubs ?? []).map((h) => [h.id, h]));
  const tables = new Map((wan?.tables ?? []).map((t) => [t.id, t]));
  const intents = new Map<string, RoutingIntent>();
  for (const intent of wan?.intents ?? [])
    if (intent.hub !== undefined && intent.privateNextHop !== undefined) intents.set(intent.hub, intent);
  const vnets = new Map(topology.vnets.map((v) => [v.id, v]));
  const sites = new Map(topology.sites.map((s) => [s.id, s]));
  const connections: RoutedConnection[] = (wan?.connections ?? []).map((c) => {
    const staticPrefixes = c.kind === "vnet" && c.routing.staticPropagate ? c.routing.applianceRoutes.flatMap((r) => r.prefixes) : [];
    const own =
      c.kind === "vnet" ? (vnets.get(c.remote ?? "")?.prefixes ?? []) : c.kind === "vpn" ? (sites.get(c.remote ?? "")?.prefixes ?? []) : [];
    return {
      id: c.id,
      name: c.name,
      kind: c.kind,
      ...(c.hub !== undefined ? { hub: c.hub } : {}),
      ...(c.remote !== undefined ? { remote: c.remote } : {}),
      routing: c.routing,
      prefixes: [...own, ...staticPrefixes],
      staticPrefixes,
      bgp: c.bgp,
    };
  });
  const byGateway = new Map<string, { configuration: P2sConfiguration; connection: RoutedConnection }[]>();
  for (const gateway of topology.gateways) {
    if (!gateway.hub) continue;
    const list = gateway.hub.configurations.map((configuration) => {
      const connection: RoutedConnection = {
        id: `${gateway.id}#${configuration.name}`,
        name: `${gateway.name}/${configuration.name}`,
        kind: "p2s",
        ...(gateway.hub?.hub !== undefined ? { hub: gateway.hub.hub } : {}),
        routing: configuration.routing,
        prefixes: configuration.pools,
        staticPrefixes: [],
        bgp: false,
      };
      connections.push(connection);
      return { configuration, connection };
    });
    byGateway.set(gateway.id, list);
  }
  const connected = new Set(connections.flatMap((c) => (c.kind === "vnet" && c.remote !== undefined ? [c.remote] : [])));
  const wanOf = (hub: string | undefined) => (hub === undefined ? undefined : wans.get(hubs.get(hub)?.wan ?? ""));
  const sameWan = (a: string | undefined, b: string | undefined) =>
    a !== undefined && b !== undefined && (a === b || (hubs.get(a)?.wan !== undefined && hubs.get(a)?.wan === hubs.get(b)?.wan));
  // Each hub's built-in tables, declared or implicit, found once: every connection asks for its hub's.
  const builtIns = new Map<string, HubRouteTable>();
  for (const t of tables.values()) if (t.hub !== undefined && t.builtIn !== undefined) builtIns.set(`${t.hub}|${t.builtIn}`, t);
  const defaultOf = (hub: string | undefined) => (hub === undefined ? undefined : builtIns.get(`${hub}|defaultRouteTable`));
  const noneOf = (hub: string | undefined) => (hub === undefined ? undefined : builtIns.get(`${hub}|noneRouteTable`));
  const associated = (c: RoutedConnection): HubRouteTable | undefined => {
    // Routing intent associates every connection of its hub with the default table (W7).
    if (c.hub !== undefined && intents.has(c.hub)) return defaultOf(c.hub);
    const id = c.routing.associated;
    if (id === "unknown") return undefined;
    return id === undefined ? defaultOf(c.hub) : tables.get(id);
  };
  const propagationCache = new Map<RoutedConnection, { tables: HubRouteTable[]; unknown: boolean }>();
  const propagatesTo = (c: RoutedConnection) => {
    let found = propagationCache.get(c);
    if (found) return found;
    const declared = c.routing.propagation;
    if (c.hub !== undefined && intents.has(c.hub)) {
      // With routing intent connections propagate to none: routes come from the intent.
      const none = noneOf(c.hub);
      found = { tables: none ? [none] : [], unknown: false };
    } else if (declared === undefined) {
      // The default: the hub's defaultRouteTable and the label "default", which every hub's default table carries.
      const out = new Set<HubRouteTable>();
      const own = defaultOf(c.hub);
      if (own) out.add(own);
      for (const t of tables.values()) if (sameWan(t.hub, c.hub) && t.labels.some((l) => same(l, "default"))) out.add(t);
      found = { tables: [...out], unknown: false };
    } else {
      const out = new Set<HubRouteTable>();
      for (const id of declared.tables) {
        const t = tables.get(id);
        if (t) out.add(t);
      }
      for (const t of tables.values())
        if (sameWan(t.hub, c.hub) && t.labels.some((l) => declared.labels.some((d) => same(l, d)))) out.add(t);
      found = { tables: [...out], unknown: declared.unknown === true };
    }
    propagationCache.set(c, found);
    return found;
  };
  // Table contents: each connection adds its prefixes to every table it propagates to.
  const contentsOf = new Map<string, TableRoute[]>();
  for (const t of tables.values())
    contentsOf.set(
      t.id,
      t.routes.flatMap((r) =>
        r.destinations.map((prefix) => ({
          prefix,
          from: { staticRoute: r.name, ...(r.target !== undefined ? { target: r.target } : {}) },
        })),
      ),
    );
  for (const c of connections) {
    for (const t of propagatesTo(c).tables) {
      if (t.builtIn === "noneRouteTable") continue;
      const crossing = t.hub !== c.hub;
      const list = contentsOf.get(t.id) as TableRoute[];
      for (const prefix of c.prefixes) {
        // Static routes and the default route never cross hubs (W2).
        if (crossing && (c.staticPrefixes.includes(prefix) || prefix === "0.0.0.0/0")) continue;
        list.push({ prefix, from: { connection: c } });
      }
    }
  }
  return {
    wans,
    hubs,
    tables,
    connections,
    intents,
    associated,
    propagatesTo,
    contents: (t) => contentsOf.get(t.id) ?? [],
    wanOf,
    defaultOf,
    configurations: (g) => byGateway.get(g.id) ?? [],
    unconnected: wan ? topology.vnets.filter((v) => !connected.has(v.id)).map((v) => ({ id: v.id, prefixes: v.prefixes })) : [],
  };
}

/** How a table is named in reports and the JSON: "hub1/defaultRouteTable". */
export function tableLabel(routing: HubRouting, table: HubRouteTable): string {
  const hub = table.hub !== undefined ? routing.hubs.get(table.hub) : undefined;
  return `${hub?.name ?? "(hub)"}/${table.builtIn ?? table.name}`;
}

export function parsedAll(texts: readonly string[]): Cidr[] {
  return texts.flatMap((t) => {
    const r = parseCidr(t);
    return r.ok ? [r.cidr] : [];
  });
}

/** The names of tables, sorted. */
export function tableLabels(routing: HubRouting, tables: readonly HubRouteTable[]): string[] {
  return [...new Set(tables.map((t) => tableLabel(routing, t)))].sort(compareText);
}

/** Prefixes as sorted unique texts. */
export function sortedPrefixes(texts: readonly string[]): string[] {
  return sortedUnique(parsedAll(texts));
}

import type { Cidr } from "../topology/cidr";
import type { Subnet } from "../topology/model";
import type { RouteCandidate, RoutedPart } from "./effective-route";
import { defaultRoutes, effectiveRoutes } from "./effective-route";
import type { DeclaredRoute, NextHop } from "./next-hop";
import { sameAppliance } from "./next-hop";
import type { PathIndex, SystemRoutes, TableRoutes } from "./path-index";

export type ApplianceHop = Extract<NextHop, { kind: "appliance" }>;

/**
 * A Virtual WAN hub's routing intent sends the clients' traffic to its spokes, and the spokes'
 * replies to the pools, through its next hop (spec W7): both ways, without a route a table declares.
 */
export interface IntentHop {
  kind: "via";
  hop: ApplianceHop;
  intent: { id: string; name: string };
}

/** A Virtual WAN hub that routes P2S traffic to a network, in place of a GatewaySubnet (spec W10). */
export interface HubEntry {
  name: string;
  through?: IntentHop;
}

/** P2: how P2S traffic leaves the gateway for the subnet. */
export type ForwardHop =
  | { kind: "direct" }
  | { kind: "via"; hop: ApplianceHop; route: DeclaredRoute }
  | IntentHop
  | { kind: "dropped"; route: DeclaredRoute }
  | { kind: "unknown"; why: string };

/** P3: how the subnet's reply to a pool address leaves it. */
export type ReturnHop =
  | { kind: "gateway"; route?: DeclaredRoute }
  | { kind: "via"; hop: ApplianceHop; route: DeclaredRoute }
  | IntentHop
  | { kind: "none"; route?: DeclaredRoute; propagationOff: boolean; toVnet?: true }
  | { kind: "unknown"; why: string };

export type PathVerdict = "ok" | "ok-via-appliance" | "asymmetric" | "no-return-route" | "dropped" | "not-checked";

/** One pool part's path to and from a subnet (spec P4). */
export interface PathPart {
  /** The part of a client pool, as one prefix. */
  pool: string;
  forward: ForwardHop;
  back: ReturnHop;
  verdict: PathVerdict;
}

export interface PathQuery {
  /** The gateway's client pools (its own and its user groups'). */
  pools: readonly Cidr[];
  /** The VNet whose gateway hands the traffic to the subnet's network; undefined when unresolved. */
  entryVnet?: string;
  /** The GatewaySubnet of that VNet, when declared. */
  gatewaySubnet?: Subnet;
  subnet: Subnet;
  /** The hub's routing intent, when the subnet's network is connected to the P2S gateway's secured hub. */
  through?: IntentHop;
}

/**
 * What the way in through one VNet needs, looked up once per entry VNet and gateway rather than
 * once per subnet: thousands of subnets enter through a hub.
 */
export interface EntryRoutes {
  /** The GatewaySubnet's table's routes; undefined when it has none or it is not in the stack. */
  udrs?: readonly RouteCandidate[];
  system?: SystemRoutes;
}

/** Spec P2-P4 for one subnet: the forward hop, then the return hop and verdict of every pool part. */
export function subnetPaths(index: PathIndex, query: PathQuery): PathPart[] {
  const table = typeof query.subnet.table === "string" ? index.tableRoutes(query.subnet.table) : undefined;
  return subnetPathsWith(index, query, table, entryRoutes(index, query));
}

export function entryRoutes(index: PathIndex, query: Omit<PathQuery, "subnet" | "pools">): EntryRoutes {
  const table = query.gatewaySubnet?.table;
  // Only a GatewaySubnet's table sends traffic other than directly: without one, no VNet's system routes are built.
  if (typeof table !== "string" || table === "unknown" || query.entryVnet === undefined) return {};
  const udrs = index.tableRoutes(table)?.udrs;
  return { ...(udrs ? { udrs } : {}), system: index.systemRoutes(query.entryVnet) };
}

/** subnetPaths with the subnet's table (looked up by the caller, who names it in failures) and its entry's routes. */
export function subnetPathsWith(index: PathIndex, query: PathQuery, table: TableRoutes | undefined, entry: EntryRoutes): PathPart[] {
  const forward = query.through ?? sharedForwardHop(index, query, entry);
  const parts: PathPart[] = [];
  for (const pool of query.pools)
    for (const part of returnHops(index, query, table, pool)) {
      const verdict = verdictOf(forward, part.back);
      for (const prefix of part.prefixes) parts.push({ pool: prefix, forward, back: part.back, verdict });
    }
  return parts;
}

function verdictOf(forward: ForwardHop, back: ReturnHop): PathVerdict {
  if (forward.kind === "dropped") return "dropped";
  if (forward.kind === "unknown" || back.kind === "unknown") return "not-checked";
  if (back.kind === "none") return "no-return-route";
  if (forward.kind === "direct" && back.kind === "gateway") return "ok";
  if (forward.kind === "via" && back.kind === "via") {
    const same = sameAppliance(forward.hop, back.hop);
    return same === undefined ? "not-checked" : same ? "ok-via-appliance" : "asymmetric";
  }
  return "asymmetric";
}

function hasDefaultRoute(candidates: readonly RouteCandidate[]): boolean {
  return candidates.some((c) => c.origin === "udr" && c.cidr.length === 0);
}

/**
 * The way to a subnet depends on where traffic enters, not on the gateway it comes from: the P2S
 * gateways of a stack reach the same subnets through the same hubs, so each subnet keeps its last.
 */
const forwardByIndex = new WeakMap<PathIndex, Map<Subnet, { entryVnet?: string; gatewaySubnet?: Subnet; forward: ForwardHop }>>();

function sharedForwardHop(index: PathIndex, query: PathQuery, entry: EntryRoutes): ForwardHop {
  let bySubnet = forwardByIndex.get(index);
  if (!bySubnet) forwardByIndex.set(index, (bySubnet = new Map()));
  const last = bySubnet.get(query.subnet);
  if (last && last.entryVnet === query.entryVnet && last.gatewaySubnet === query.gatewaySubnet) return last.forward;
  const forward = forwardHop(index, query, entry);
  bySubnet.set(query.subnet, { entryVnet: query.entryVnet, gatewaySubnet: query.gatewaySubnet, forward });
  return forward;
}

function forwardHop(index: PathIndex, query: PathQuery, entry: EntryRoutes): ForwardHop {
  const table = query.gatewaySubnet?.table;
  if (table === undefined || query.entryVnet === undefined) return { kind: "direct" };
  if (table === "unknown") return { kind: "unknown", why: "the GatewaySubnet's route table is not known" };
  let destination: Cidr | undefined;
  for (const prefix of query.subnet.prefixes) if ((destination = index.parsed(prefix))) break;
  if (!destination) return { kind: "unknown", why: "the subnet's prefixes are not known" };
  const udrs = entry.udrs ?? [];
  const system = (entry.system ?? index.systemRoutes(query.entryVnet)).containing(destination);
  // A user-defined route inside the subnet would split it; the route for its first address speaks for it.
  const route = effectiveRoutes(destination, udrs, system, defaultRoutes(hasDefaultRoute(udrs)))[0]?.route;
  if (!route || route.origin !== "udr" || !route.declared) return { kind: "direct" };
  const hop = route.hop;
  if (hop.kind === "appliance") return { kind: "via", hop, route: route.declared };
  if (hop.kind === "local") return { kind: "direct" };
  if (hop.kind === "other") return { kind: "unknown", why: `route ${route.declared.route.prefix} has next hop type ${hop.type}` };
  return { kind: "dropped", route: route.declared };
}

function returnHops(
  index: PathIndex,
  query: PathQuery,
  routes: TableRoutes | undefined,
  pool: Cidr,
): { prefixes: readonly string[]; back: ReturnHop }[] {
  const { subnet } = query;
  if (subnet.table === "unknown") return [{ prefixes: [pool.text], back: { kind: "unknown", why: "its route table is not known" } }];
  const propagation = routes ? routes.table.propagation : true;
  const udrs = routes?.udrs ?? [];
  // The subnet's VNet is routed from the gateway: its gateway knows the client pools (spec P1).
  const gatewayRoutes = propagation === false ? [] : gatewayRoutesOf(query.pools);
  const system = subnet.vnet !== undefined ? index.systemRoutesContaining(subnet.vnet, pool) : [];
  return effectiveRoutes(pool, udrs, gatewayRoutes, system, defaultRoutes(hasDefaultRoute(udrs))).map((part: RoutedPart) => ({
    prefixes: part.prefixes,
    back: backHop(part.route, propagation, query.through),
  }));
}

/** The gateway's routes to its client pools, once per gateway: every subnet it reaches asks. */
const gatewayRoutesByPools = new WeakMap<readonly Cidr[], readonly RouteCandidate[]>();
function gatewayRoutesOf(pools: readonly Cidr[]): readonly RouteCandidate[] {
  let routes = gatewayRoutesByPools.get(pools);
  if (!routes) {
    routes = pools.map((cidr) => ({ cidr, origin: "gateway" as const, hop: { kind: "gateway" as const } }));
    gatewayRoutesByPools.set(pools, routes);
  }
  return routes;
}

/** `through`: what the gateway's routes lead to in a secured hub, its routing intent's next hop. */
function backHop(route: RouteCandidate | undefined, propagation: boolean | undefined, through: IntentHop | undefined): ReturnHop {
  if (route?.origin === "gateway") {
    return propagation === undefined
      ? { kind: "unknown", why: "whether its route table propagates gateway routes is not known" }
      : (through ?? { kind: "gateway" });
  }
  if (route?.origin === "udr" && route.declared) {
    const hop = route.hop;
    if (hop.kind === "appliance") return { kind: "via", hop, route: route.declared };
    if (hop.kind === "gateway") return through ?? { kind: "gateway", route: route.declared };
    if (hop.kind === "other") return { kind: "unknown", why: `route ${route.declared.route.prefix} has next hop type ${hop.type}` };
    return { kind: "none", route: route.declared, propagationOff: propagation === false };
  }
  // A VNet's own and peering routes win over gateway routes: a pool inside a VNet's prefixes is sent there.
  if (route?.origin === "system") return { kind: "none", propagationOff: propagation === false, toVnet: true };
  // Without the gateway route, an unknown propagation flag may still give one.
  if (propagation === undefined) return { kind: "unknown", why: "whether its route table propagates gateway routes is not known" };
  return { kind: "none", propagationOff: propagation === false };
}

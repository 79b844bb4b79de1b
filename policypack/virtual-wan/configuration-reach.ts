import { PrefixSet, contains } from "../topology/cidr";
import type { VpnGateway } from "../topology/model";
import type { Fix, Sentence } from "../topology/sentence";
import { fieldRef, sentence } from "../topology/sentence";
import type { HubRouteTable, P2sConfiguration } from "../topology/virtual-wan";
import type { HubRouting, RoutedConnection } from "./hub-routing";
import { PRIVATE_TRAFFIC, parsedAll, sortedPrefixes, tableLabel } from "./hub-routing";

/** What a P2S configuration's clients get towards one connection of the WAN (W4-W7). */
export type DestinationVerdict = "reached" | "one-way" | "not-routed" | "branch-off";

export interface Destination {
  connection: RoutedConnection;
  verdict: DestinationVerdict;
  /** Reached, but through something the pack does not judge: why it is not checked. */
  notChecked?: string;
  /** Why it is not reached, and the fix. */
  text?: Sentence;
  fix?: Fix;
}

/** One connection configuration of a hub's P2S gateway: its table, its clients' routes and what they reach (W1-W7). */
export interface ConfigurationReach {
  name: string;
  pools: string[];
  /** Undefined when not known before deployment. */
  associated?: HubRouteTable;
  propagatesTo: HubRouteTable[];
  internetSecurity: boolean;
  /** The routes its clients receive, sorted (W3). */
  routes: string[];
  destinations: Destination[];
}

/** W3-W7 for one configuration; `nameOf` names the VNet or site behind a connection. */
export function configurationReach(
  routing: HubRouting,
  gateway: VpnGateway,
  configuration: P2sConfiguration,
  self: RoutedConnection,
  nameOf: (id: string | undefined) => string,
): ConfigurationReach {
  const hub = self.hub;
  const wan = routing.wanOf(hub);
  const branchToBranch = wan?.branchToBranch !== false;
  const intent = hub !== undefined ? routing.intents.get(hub) : undefined;
  const associated = routing.associated(self);
  const propagation = routing.propagatesTo(self);
  const pools = parsedAll(configuration.pools);
  const routes: string[] = [...configuration.pools];
  if (intent) {
    routes.push(...PRIVATE_TRAFFIC, ...intent.additionalPrefixes);
  } else if (associated) {
    for (const route of routing.contents(associated)) {
      if (route.prefix === "0.0.0.0/0" && !configuration.internetSecurity) continue;
      const from = "connection" in route.from ? route.from.connection : undefined;
      // P2S, VPN and ExpressRoute are all branches (W5).
      if (!branchToBranch && from !== undefined && from.kind !== "vnet") continue;
      routes.push(route.prefix);
    }
  }
  if (intent?.internetNextHop !== undefined && configuration.internetSecurity) routes.push("0.0.0.0/0");
  const routeSet = new PrefixSet(parsedAll(routes));
  const privateSet = new PrefixSet(parsedAll([...PRIVATE_TRAFFIC, ...(intent?.additionalPrefixes ?? [])]));
  const where = sentence`the configuration ${configuration.name} of ${gateway.name}`;
  const destinations: Destination[] = [];
  // Whether a table's own static routes cover the pools: a way back without propagation (W4); once per table.
  const staticBackOf = new Map<HubRouteTable, boolean>();
  for (const d of routing.connections) {
    if (d === self || (d.kind !== "vnet" && d.kind !== "vpn") || d.remote === undefined) continue;
    if (routing.wanOf(d.hub) !== wan || (wan === undefined && d.hub !== hub)) continue;
    const target = nameOf(d.remote);
    if (d.kind === "vpn" && !branchToBranch && wan) {
      destinations.push({
        connection: d,
        verdict: "branch-off",
        text: sentence`${wan.name} does not allow branch-to-branch traffic, so clients of ${where} reach no VPN site such as ${target}`,
        fix: {
          resource: wan.id,
          field: "wan.branchToBranch",
          action: "set",
          text: sentence`Set ${fieldRef(wan.id, "wan.branchToBranch")} of ${wan.name} to true.`,
        },
      });
      continue;
    }
    // Its own prefixes: static routes to appliances inside it lead to indirect spokes, and stay in their hub (W2, W6).
    const prefixes = parsedAll(d.prefixes.filter((p) => !d.staticPrefixes.includes(p)));
    if (!intent && associated === undefined) {
      destinations.push({
        connection: d,
        verdict: "reached",
        notChecked: `the route table ${gateway.name} is associated with is not known before deployment`,
      });
      continue;
    }
    if (prefixes.length === 0 || !prefixes.every((p) => routeSet.covers(p))) {
      if (routing.propagatesTo(d).unknown) {
        destinations.push({
          connection: d,
          verdict: "reached",
          notChecked: `the tables ${d.name} propagates to are not known before deployment`,
        });
        continue;
      }
      const tableName = associated ? tableLabel(routing, associated) : "its table";
      // noneRouteTable holds nothing whatever propagates to it (W1): the association is what to change.
      if (associated?.builtIn === "noneRouteTable") {
        const defaultTable = routing.defaultOf(hub);
        const target = defaultTable ? tableLabel(routing, defaultTable) : "the hub's defaultRouteTable";
        destinations.push({
          connection: d,
          verdict: "not-routed",
          text: sentence`clients of ${where} have no route to ${nameOf(d.remote)}: the configuration is associated with ${tableName}, which holds no routes`,
          fix: {
            resource: gateway.id,
            field: "p2s.associatedTable",
            action: "set",
            text: sentence`Associate ${configuration.name} with ${target} in ${fieldRef(gateway.id, "p2s.associatedTable")} of ${gateway.name}.`,
          },
        });
        continue;
      }
      destinations.push({
        connection: d,
        verdict: "not-routed",
        text: sentence`clients of ${where} have no route to ${target}: ${d.name} does not propagate to ${tableName}`,
        fix: {
          resource: d.id,
          field: "hubConnection.propagatedTables",
          action: "add",
          text: sentence`Add ${tableName} (or its label) to ${fieldRef(d.id, "hubConnection.propagatedTables")} of ${d.name}.`,
        },
      });
      continue;
    }
    if (intent) {
      const outside = pools.filter((p) => !privateSet.covers(p));
      if (outside.length > 0 && outside.length === pools.length) {
        destinations.push({
          connection: d,
          verdict: "one-way",
          text: sentence`${target} has no route back to the client pool: ${outside.map((p) => p.text).join(", ")} of ${where} is outside the private prefixes of ${intent.name}`,
          fix: {
            resource: gateway.id,
            field: "p2s.pools",
            action: "change",
            text: sentence`Use a pool inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 for ${where}, or add the pool to the private traffic prefixes of the hub's firewall policy.`,
          },
        });
        continue;
      }
      destinations.push({
        connection: d,
        verdict: "reached",
        // A VNet of the gateway's own hub has the next hop on its paths, whose rules decide its flows (F5).
        ...(d.kind === "vnet" && d.hub === hub ? {} : { notChecked: `traffic crosses the next hop of ${intent.name}, whose rules decide` }),
      });
      continue;
    }
    const back = routing.associated(d);
    if (back === undefined) {
      destinations.push({
        connection: d,
        verdict: "reached",
        notChecked: `the route table ${d.name} is associated with is not known before deployment`,
      });
      continue;
    }
    let staticBack = staticBackOf.get(back);
    if (staticBack === undefined) {
      const statics = routing.contents(back).flatMap((r) => ("staticRoute" in r.from ? parsedAll([r.prefix]) : []));
      staticBack = statics.length > 0 && pools.every((p) => statics.some((c) => contains(c, p)));
      staticBackOf.set(back, staticBack);
    }
    if (!propagation.tables.includes(back) && !staticBack) {
      if (propagation.unknown) {
        destinations.push({
          connection: d,
          verdict: "reached",
          notChecked: `the tables ${gateway.name} propagates to are not known before deployment`,
        });
        continue;
      }
      const label = tableLabel(routing, back);
      destinations.push({
        connection: d,
        verdict: "one-way",
        text: sentence`${target} has no route back to the client pool: ${where} does not propagate to ${label}, which ${d.name} is associated with`,
        fix: {
          resource: gateway.id,
          field: "p2s.propagatedTables",
          action: "add",
          text: sentence`Add ${label} (or one of its labels) to ${fieldRef(gateway.id, "p2s.propagatedTables")} of ${configuration.name} in ${gateway.name}.`,
        },
      });
      continue;
    }
    destinations.push({
      connection: d,
      verdict: "reached",
      ...(d.kind === "vpn" && !d.bgp ? { notChecked: `${target} is a static site: its route back to the pool is not checked` } : {}),
    });
  }
  destinations.push(...indirectSpokes(routing, destinations, routeSet, nameOf));
  return {
    name: configuration.name,
    pools: sortedPrefixes(configuration.pools),
    ...(associated ? { associated } : {}),
    propagatesTo: propagation.tables,
    internetSecurity: configuration.internetSecurity,
    routes: sortedPrefixes(routes),
    destinations,
  };
}

/**
 * W6: a VNet peered to a connected VNet is reached only through a static route of that VNet's
 * connection that covers it, sent to an appliance inside the connected VNet; whether the
 * appliance forwards, and the indirect spoke routes back through it, is not checked (F6).
 */
function indirectSpokes(
  routing: HubRouting,
  reached: readonly Destination[],
  routeSet: PrefixSet,
  nameOf: (id: string | undefined) => string,
): Destination[] {
  const out: Destination[] = [];
  for (const d of reached) {
    if (d.verdict !== "reached" || d.connection.kind !== "vnet") continue;
    for (const route of d.connection.routing.applianceRoutes) {
      const covering = parsedAll(route.prefixes).filter((p) => routeSet.covers(p));
      for (const spoke of routing.unconnected) {
        const prefixes = parsedAll(spoke.prefixes);
        if (prefixes.length === 0 || !prefixes.every((p) => covering.some((c) => contains(c, p)))) continue;
        const appliance = route.nextHopAddress ?? "an address not known yet";
        out.push({
          connection: { ...d.connection, id: `${d.connection.id}#${spoke.id}`, remote: spoke.id },
          verdict: "reached",
          notChecked: `${nameOf(spoke.id)} is routed via the appliance at ${appliance} in ${nameOf(d.connection.remote)}, whose forwarding is not checked`,
        });
      }
    }
  }
  return out;
}

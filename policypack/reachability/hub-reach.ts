import type { ApplianceHop, HubEntry } from "../paths/subnet-path";
import type { VpnGateway } from "../topology/model";
import type { Sentence } from "../topology/sentence";
import { sentence } from "../topology/sentence";
import type { ConfigurationReach, Destination } from "../virtual-wan/configuration-reach";
import { configurationReach } from "../virtual-wan/configuration-reach";
import { tableLabel, tableLabels } from "../virtual-wan/hub-routing";
import type { Reason, ReasonCode } from "./findings";
import type { GatewayReach, Reach } from "./gateway-reach";
import type { Network, TopologyIndex } from "./topology-index";
import { nameOf } from "./topology-index";

/** One connection configuration as the JSON reports it. */
export interface ConfigurationResult {
  name: string;
  clientPools: string[];
  /** "hub1/defaultRouteTable"; null when not known before deployment. */
  associatedTable: string | null;
  propagatesTo: string[];
  internetSecurity: boolean;
  /** The user groups whose users get this configuration, from a deployed stack; empty when not known (W9). */
  userGroups: string[];
  routes: string[];
  access: string[];
  unreachableRoutes: string[];
}

export interface HubGatewayReach {
  reach: GatewayReach;
  /** The routes every configuration's clients receive (W3), sorted. */
  routes: string[];
  configurations: ConfigurationResult[];
  /** Per configuration, as computed: the checks read the destinations. */
  computed: ConfigurationReach[];
}

/**
 * How traffic enters the networks a hub connects: through its routing intent's next hop when the
 * hub is the gateway's own (W7); another hub's next hop is not followed, and a note says so.
 */
function hubEntry(index: TopologyIndex, hub: string | undefined, own: boolean): HubEntry {
  const name = nameOf(index, hub);
  const intent = hub !== undefined && own ? index.hubs.intents.get(hub) : undefined;
  if (intent?.privateNextHop === undefined) return { name };
  const firewall = index.paths.firewalls.get(intent.privateNextHop);
  const hop: ApplianceHop = firewall
    ? {
        kind: "appliance",
        ...(firewall.addresses.length > 0 ? { address: firewall.addresses[0] } : {}),
        appliance: { id: firewall.id, name: firewall.name },
      }
    : { kind: "appliance", appliance: { id: `${intent.id}#next-hop`, name: `the next hop of ${intent.name}` } };
  return { name, through: { kind: "via", hop, intent: { id: intent.id, name: intent.name } } };
}

/** How many networks a note names before it counts the rest. */
const NAMED_NETWORKS = 5;

function append(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const CODE: Record<Exclude<Destination["verdict"], "reached">, { code: ReasonCode; rule: Reason["rule"] }> = {
  "one-way": { code: "hub-one-way", rule: "W4" },
  "not-routed": { code: "hub-not-routed", rule: "W4" },
  "branch-off": { code: "hub-branch-off", rule: "W5" },
};

/**
 * Reach of a Virtual WAN hub's P2S gateway (spec W1-W7): each connection configuration on its own,
 * then the networks and routes every configuration gets, as the gateway's.
 */
export function hubReach(index: TopologyIndex, gateway: VpnGateway, notes: Sentence[]): HubGatewayReach {
  const routing = index.hubs;
  const name = (id: string | undefined) => nameOf(index, id);
  const computed = routing
    .configurations(gateway)
    .map(({ configuration, connection }) => configurationReach(routing, gateway, configuration, connection, name));
  const how: (Reach | undefined)[] = new Array(index.networkList.length);
  const reached: Network[] = [];
  const unreached = new Map<number, Reason[]>();
  const counts = new Map<Network, number>();
  // The hub whose connection routes each network: a spoke of the gateway's own secured hub gets its firewall on the path (W7, W10).
  const hubOf = new Map<Network, string | undefined>();
  // One note per configuration and reason, naming a few networks: a preview of a large hub leaves thousands unchecked.
  const notChecked = new Map<string, string[]>();
  for (const configuration of computed) {
    // A network reached through several connections (two hubs, or two spokes' static routes) counts once per configuration.
    const counted = new Set<Network>();
    for (const d of configuration.destinations) {
      const network = d.connection.remote !== undefined ? index.networks.get(d.connection.remote) : undefined;
      if (!network) continue;
      if (d.notChecked) append(notChecked, `${configuration.name}\u0000${d.notChecked}`, network.name);
      if (d.verdict === "reached") {
        if (!counted.has(network)) counts.set(network, (counts.get(network) ?? 0) + 1);
        counted.add(network);
        if (!hubOf.has(network)) hubOf.set(network, d.connection.hub);
        continue;
      }
      const { code, rule } = CODE[d.verdict];
      const reason: Reason = {
        code,
        rule,
        subject: network.name,
        resources: [d.fix?.resource ?? d.connection.id, d.connection.id],
        text: d.text ?? sentence`${network.name} is not reached`,
        fix: d.fix ?? { action: "change", text: sentence`Connect ${network.name} to the hub.` },
      };
      const list = unreached.get(network.ix);
      if (list) list.push(reason);
      else unreached.set(network.ix, [reason]);
    }
  }
  for (const [key, names] of notChecked) {
    const [configuration, why] = key.split("\u0000");
    const shown =
      names.length <= NAMED_NETWORKS
        ? names.join(", ")
        : `${names.slice(0, NAMED_NETWORKS).join(", ")} and ${names.length - NAMED_NETWORKS} more`;
    notes.push(sentence`${gateway.name} (${configuration}) to ${shown} is not checked: ${why}.`);
  }
  const entries = new Map<string | undefined, HubEntry>();
  const entryOf = (hub: string | undefined) => {
    let entry = entries.get(hub);
    if (!entry) entries.set(hub, (entry = hubEntry(index, hub, hub === gateway.hub?.hub)));
    return entry;
  };
  // A network counts as reached when every configuration reaches it: the gateway's results hold for all its users.
  for (const [network, count] of counts)
    if (count === computed.length && !unreached.has(network.ix)) {
      how[network.ix] = { via: "hub", entry: entryOf(hubOf.get(network)) };
      reached.push(network);
    }
  reached.sort((a, b) => a.ix - b.ix);
  const groups = gateway.hub?.policyGroups.length ?? 0;
  const declared = gateway.hub?.configurations ?? [];
  // A deployed stack holds the groups Azure associated with each configuration: its results are then per group too.
  const groupsOf = new Map(declared.map((c) => [c.name, c.userGroups ?? []]));
  if (groups > 0 && !declared.every((c) => c.userGroups !== undefined))
    notes.push(
      sentence`${gateway.name} has ${groups} user groups, but which group gets which pool cannot be declared with either provider: results are per connection configuration, not per group.`,
    );
  if (computed.length > 1)
    notes.push(
      sentence`${gateway.name} has ${computed.length} connection configurations: its routes and access are those every configuration gets; each configuration's are in the report.`,
    );
  const sets = computed.map((c) => new Set(c.routes));
  const routes = computed.length === 0 ? [] : computed[0].routes.filter((r) => sets.every((s) => s.has(r)));
  const configurations = computed
    .map((c): ConfigurationResult => {
      const access = c.destinations
        .filter((d) => d.verdict === "reached" && d.connection.remote !== undefined)
        .map((d) => name(d.connection.remote))
        .sort();
      return {
        name: c.name,
        clientPools: c.pools,
        associatedTable: c.associated ? tableLabel(routing, c.associated) : null,
        propagatesTo: tableLabels(routing, c.propagatesTo),
        internetSecurity: c.internetSecurity,
        userGroups: groupsOf.get(c.name) ?? [],
        routes: c.routes,
        access: [...new Set(access)],
        unreachableRoutes: [],
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    reach: { how, reached, nonBgpRoutes: new Map(), unreached, blocked: new Set() },
    routes,
    configurations,
    computed,
  };
}

import type { Cidr } from "../topology/cidr";
import type { RouteTable, Subnet } from "../topology/model";
import { compareText, joinList } from "../topology/order";
import { sentenceKey } from "../topology/sentence";
import type { FailureContext, PathFailure } from "./path-failure";
import { pathFailure } from "./path-failure";
import type { PathIndex } from "./path-index";
import { isGatewaySubnetName } from "./path-index";
import type { SubnetFlowPart } from "./subnet-flows";
import { subnetFlows } from "./subnet-flows";
import type { EntryRoutes, HubEntry, PathPart } from "./subnet-path";
import { entryRoutes, subnetPathsWith } from "./subnet-path";

/** A network a gateway's clients have routes to (spec R1-R7), as paths need it. */
export interface RoutedNetwork {
  id: string;
  name: string;
  /**
   * The VNet whose gateway hands the clients' traffic to the network: the P2S gateway's own for its
   * VNet and peers, the far gateway's for networks reached over a VPN link (BGP). Its GatewaySubnet's
   * routes decide the way there; undefined when unresolved or behind a site.
   */
  entryVnet?: string;
  /** The Virtual WAN hub whose connection routes the network (spec W10), with its routing intent's next hop when it has one (W7). */
  hub?: HubEntry;
}

/** One subnet of a routed network, with its paths (P2-P4) and, when asked for, its flows (F4). */
export interface SubnetPaths {
  network: { id: string; name: string };
  subnet: Subnet;
  paths: PathPart[];
  /** Why parts fail, one per cause, for the part each first appears in. */
  failures: PathFailure[];
  /** Why each failing part fails. */
  failureOf: ReadonlyMap<PathPart, PathFailure>;
  /** Computed on first use: the policies need paths only, reports and port intents need flows. */
  flows(): SubnetFlowPart[];
}

/** A private endpoint judged as its subnet's network policies say (spec P6). */
export type EndpointPaths = SubnetPaths & { endpoint: { id: string; name: string } };

export interface GatewayPaths<N extends RoutedNetwork = RoutedNetwork> {
  /** By network, then subnet name. */
  subnets: SubnetPaths[];
  /** The private endpoints of those subnets, by name. */
  endpoints: EndpointPaths[];
  /** Routed networks none of whose subnets has a working path (spec P5): routed, not reached; with their subnets. */
  blocked: Map<N, SubnetPaths[]>;
}

export interface GatewayPathInput<N extends RoutedNetwork = RoutedNetwork> {
  pools: readonly Cidr[];
  /**
   * In the order reached; sites are left out by the caller (their return routes are outside the
   * program). The caller's own records, so that it finds what it knows of a blocked one without a lookup.
   */
  routed: readonly N[];
}

/** Spec P2-P5 for one P2S gateway over the subnets of every network its clients are routed to. */
export function gatewayPaths<N extends RoutedNetwork>(index: PathIndex, input: GatewayPathInput<N>): GatewayPaths<N> {
  const subnets: SubnetPaths[] = [];
  const endpoints: EndpointPaths[] = [];
  const blocked = new Map<N, SubnetPaths[]>();
  if (index.subnetsByVnet.size === 0) return { subnets, endpoints, blocked };
  // The GatewaySubnet of each VNet traffic enters through, its route table and the routes the way in takes.
  const entries = new Map<string, Entry>();
  const none: Entry = { routes: {} };
  const entryOf = (vnet: string | undefined) => {
    if (vnet === undefined) return none;
    let entry = entries.get(vnet);
    if (!entry) {
      const gatewaySubnet = index.subnetsByVnet.get(vnet)?.find((s) => isGatewaySubnetName(s.name));
      const gatewayTable = gatewaySubnet?.table !== undefined ? index.table(gatewaySubnet.table) : undefined;
      entry = {
        ...(gatewaySubnet ? { gatewaySubnet } : {}),
        ...(gatewayTable ? { gatewayTable } : {}),
        routes: entryRoutes(index, { entryVnet: vnet, gatewaySubnet }),
      };
      entries.set(vnet, entry);
    }
    return entry;
  };
  // Most stacks declare no private endpoint: then no subnet looks for its own.
  const hasEndpoints = index.endpointsBySubnet.size > 0;
  for (const network of input.routed) {
    const own = (index.subnetsByVnet.get(network.id) ?? []).filter((s) => !isGatewaySubnetName(s.name));
    const entry = entryOf(network.entryVnet);
    let failing = true;
    const judgeOne = (subnet: Subnet) => {
      const result = judge(index, input, network, subnet, entry);
      if (failing && !result.paths.every(isFailure)) failing = false;
      return result;
    };
    // A network without subnets of its own is judged as a whole, and reported without subnets.
    const results = own.length > 0 ? own.map(judgeOne) : [judgeOne(wholeNetwork(index, network))];
    if (own.length > 0) for (const result of results) subnets.push(result);
    if (hasEndpoints)
      for (const subnet of own)
        for (const endpoint of index.endpointsBySubnet.get(subnet.id) ?? [])
          endpoints.push({ ...judgeOne(asSeenByEndpoint(subnet)), endpoint: { id: endpoint.id, name: endpoint.name } });
    // Only where route tables are declared can a path fail (spec section 1); "not checked" is no failure.
    if (index.hasRouteTables && failing) blocked.set(network, results);
  }
  subnets.sort((a, b) => compareText(a.network.name, b.network.name) || compareText(a.subnet.name, b.subnet.name));
  endpoints.sort((a, b) => compareText(a.endpoint.name, b.endpoint.name) || compareText(a.endpoint.id, b.endpoint.id));
  return { subnets, endpoints, blocked };
}

/**
 * Spec P6: a private endpoint obeys its subnet's NSG only when the subnet's policies are Enabled or
 * NetworkSecurityGroupEnabled, and its route table only when Enabled or RouteTableEnabled; by
 * default (Disabled) neither, and its replies go straight back to the gateway.
 */
function asSeenByEndpoint(subnet: Subnet): Subnet {
  const policies = (subnet.endpointPolicies ?? "Disabled").toLowerCase();
  const { nsg, table, ...rest } = subnet;
  return {
    ...rest,
    ...(nsg !== undefined && (policies === "enabled" || policies === "networksecuritygroupenabled") ? { nsg } : {}),
    ...(table !== undefined && (policies === "enabled" || policies === "routetableenabled") ? { table } : {}),
  };
}

/** A network that declares no subnet but GatewaySubnet: its prefixes with system and gateway routes only (spec P1, P5). */
function wholeNetwork(index: PathIndex, network: RoutedNetwork): Subnet {
  return {
    id: network.id,
    name: network.name,
    declaredBy: { id: network.id, name: network.name },
    vnet: network.id,
    prefixes: index.vnetPrefixes(network.id),
  };
}

/** The way in through one VNet, for every subnet entered through it. */
interface Entry {
  gatewaySubnet?: Subnet;
  gatewayTable?: RouteTable;
  routes: EntryRoutes;
}

function judge(index: PathIndex, input: GatewayPathInput, network: RoutedNetwork, subnet: Subnet, entry: Entry): SubnetPaths {
  const { gatewaySubnet, gatewayTable } = entry;
  const routes = typeof subnet.table === "string" ? index.tableRoutes(subnet.table) : undefined;
  const query = { pools: input.pools, entryVnet: network.entryVnet, gatewaySubnet, subnet, through: network.hub?.through };
  const paths = subnetPathsWith(index, query, routes, entry.routes);
  let failureOf: Map<PathPart, PathFailure> | undefined;
  let context: FailureContext | undefined;
  for (const part of paths) {
    if (!isFailure(part)) continue;
    context ??= failureContext(network, subnet, gatewayTable, routes?.table);
    const failure = pathFailure(context, part);
    if (failure) (failureOf ??= new Map()).set(part, failure);
  }
  // Most subnets fail for one part at most: only several parts need grouping by cause.
  const failures = !failureOf || !context ? [] : failureOf.size === 1 ? [...failureOf.values()] : failuresByCause(context, failureOf);
  let flows: SubnetFlowPart[] | undefined;
  return {
    network: { id: network.id, name: network.name },
    subnet,
    paths,
    failures,
    failureOf: failureOf ?? NO_FAILURES,
    flows: () => (flows ??= subnetFlows(index, subnet, paths)),
  };
}

/** Most subnets' paths work: they share one empty map. */
const NO_FAILURES: ReadonlyMap<PathPart, PathFailure> = new Map();

function failureContext(network: RoutedNetwork, subnet: Subnet, gatewayTable?: RouteTable, table?: RouteTable): FailureContext {
  const context: FailureContext = { where: subnet.id === network.id ? network.name : `${network.name}/${subnet.name}`, subnet };
  if (network.hub) context.hub = network.hub;
  if (gatewayTable) context.gatewayTable = { id: gatewayTable.id, name: gatewayTable.name };
  if (table) context.table = { id: table.id, name: table.name };
  return context;
}

/** One failure per cause, naming every pool part it holds for. */
function failuresByCause(context: FailureContext, failureOf: ReadonlyMap<PathPart, PathFailure>): PathFailure[] {
  const byCause = new Map<string, PathPart[]>();
  for (const [part, failure] of failureOf) {
    const key = `${failure.code} ${failure.resource} ${sentenceKey(failure.fix.text).replace(part.pool, "")}`;
    byCause.set(key, [...(byCause.get(key) ?? []), part]);
  }
  return [...byCause.values()].flatMap((parts) =>
    // A cause of one part is that part's failure, already written.
    parts.length === 1
      ? (failureOf.get(parts[0]) ?? [])
      : (pathFailure(context, { ...parts[0], pool: joinList(parts.map((p) => p.pool)) }) ?? []),
  );
}

function isFailure(part: PathPart): boolean {
  return part.verdict === "asymmetric" || part.verdict === "no-return-route" || part.verdict === "dropped";
}

import type { Cidr } from "../topology/cidr";
import { parseCidr } from "../topology/cidr";
import { gatewayRunsBgp, isBasicSku } from "../topology/gateway";
import type { Connection, Peering, Site, Topology, VirtualNetwork, VpnGateway } from "../topology/model";
import { compareText } from "../topology/order";
import type { FieldKey, Fix, Sentence } from "../topology/sentence";
import { fieldRef, sentence } from "../topology/sentence";
import type { PathIndex } from "../paths/path-index";
import { buildPathIndex } from "../paths/path-index";
import type { HubRouting } from "../virtual-wan/hub-routing";
import { buildHubRouting } from "../virtual-wan/hub-routing";
import type { Finding } from "./findings";
import { finding } from "./findings";

export interface Network {
  /** Position in TopologyIndex.networkList: per-traversal state lives in arrays indexed by it. */
  ix: number;
  id: string;
  name: string;
  azureName?: string;
  kind: "vnet" | "site";
  prefixes: Cidr[];
  tags: Record<string, string>;
}

/** One peering direction with its ends resolved to networks once, so traversals need no id lookups. */
export interface PeeringEdge {
  peering: Peering;
  /** The network the peering is declared on; undefined when it is not in the topology. */
  from?: Network;
  /** The remote network; undefined when it is outside the topology or unresolved. */
  to?: Network;
}

/** Which nodes a VPN link joins (gateway or site ids), through one or two connection resources. */
interface LinkEnds {
  kind: "Vnet2Vnet" | "IPsec";
  a: string;
  b: string;
  connections: Connection[];
}

/** Why a link carries no routes, and how to make it carry them. */
interface LinkFault {
  why: Sentence;
  fix: Fix;
}

/**
 * A VPN link: up with BGP; up without BGP (R4); or declared on one side only (R5), where `bgp`
 * still tells whether BGP would run once both sides are declared.
 */
export type Link = LinkEnds &
  ({ up: true; bgp: true } | ({ up: true; bgp: false } & LinkFault) | ({ up: false; bgp: boolean } & LinkFault));

/** Everything the engine looks up, built once per topology in linear time. */
export interface TopologyIndex {
  topology: Topology;
  networks: Map<string, Network>;
  /** The same networks by Network.ix. */
  networkList: Network[];
  gateways: Map<string, VpnGateway>;
  sites: Map<string, Site>;
  gatewaysByVnet: Map<string, VpnGateway[]>;
  /** Every peering but self-peerings, in declaration order. */
  edges: PeeringEdge[];
  /** By Network.ix: the peerings declared on the network, and those towards it. */
  edgesFrom: PeeringEdge[][];
  edgesTo: PeeringEdge[][];
  /** For VNets with more than SCANNED_PEERINGS peerings (hubs): their peerings by remote Network.ix. */
  peeringsByRemote: Map<number, Map<number, Peering>>;
  links: Link[];
  linksByNode: Map<string, Link[]>;
  invalidPrefixes: Finding[];
  /** What the index left out, one sentence each. */
  notes: Sentence[];
  /** Resource-level cidrs parsed once: every client pool of a gateway (its own, then user groups'), its own alone, and custom routes. */
  pools: Map<string, Cidr[]>;
  ownPools: Map<string, Cidr[]>;
  advertisedRoutes: Map<string, Cidr[]>;
  /** Subnets, route tables and filters, for paths (spec section 7). */
  paths: PathIndex;
  /** Virtual WAN hubs' tables, association and propagation (spec section 8). */
  hubs: HubRouting;
}

export function pairKey(a: string, b: string): string {
  return `${a}\u0000${b}`;
}

/** Better than the current pick: Azure allows one peering per direction, so of duplicates the smaller id wins, in any order. */
function preferred(candidate: Peering, current: Peering | undefined): boolean {
  return !current || compareText(candidate.id, current.id) < 0;
}

/** Most VNets have a few peerings, scanned directly; a hub's thousands are indexed by remote network. */
const SCANNED_PEERINGS = 16;

/** The peering declared on network `from` towards network `to`, if any. */
export function peeringBetween(index: TopologyIndex, from: Network, to: Network): Peering | undefined {
  const list = index.edgesFrom[from.ix];
  if (list.length > SCANNED_PEERINGS) return index.peeringsByRemote.get(from.ix)?.get(to.ix);
  let found: Peering | undefined;
  for (const e of list) if (e.to === to && preferred(e.peering, found)) found = e.peering;
  return found;
}

// Findings name their resources by id, and a large stack's thousands of path findings name route
// tables and firewalls, which no other index holds: the kinds are indexed on first use.
const namesByIndex = new WeakMap<TopologyIndex, Names>();

/** The names of the kinds searched first, in one map; the kinds searched last, one map each, built when a search reaches them. */
interface Names {
  first: Map<string, string>;
  /** Route tables, NSGs, firewalls and Virtual WAN resources: a route table's name is found without indexing every NSG. */
  last: { resources: () => readonly { id: string; name: string }[]; names?: Map<string, string> }[];
}

/** Names by id, the first of an id winning. */
function firstNames(resources: readonly { id: string; name: string }[], names = new Map<string, string>()): Map<string, string> {
  for (let i = resources.length - 1; i >= 0; i--) names.set(resources[i].id, resources[i].name);
  return names;
}

/**
 * Names by id, as a search in this order finds them: networks, gateways, hubs, connections and
 * peerings (the last of an id within each kind), then DNS resources, the resources that set a
 * VNet's DNS servers (the classic VirtualNetworkDnsServers, named in DNS fixes), and last route
 * tables, filters and Virtual WAN resources (the first of an id within each). The first map is
 * written from the last place searched to the first, so that what is found first is written last.
 */
function namesOf(index: TopologyIndex): Names {
  let names = namesByIndex.get(index);
  if (!names) {
    const first = new Map<string, string>();
    const { topology } = index;
    const wan = topology.wan;
    firstNames(
      index.topology.vnets.flatMap((v) => v.nameServersFrom ?? []),
      first,
    );
    const dns = index.topology.dns;
    if (dns) firstNames([...dns.zones, ...dns.links, ...dns.endpoints, ...dns.resolvers, ...dns.inbound], first);
    for (const r of index.topology.peerings) first.set(r.id, r.name);
    for (const r of index.topology.connections) first.set(r.id, r.name);
    for (const [id, hub] of index.hubs.hubs) first.set(id, hub.name);
    for (const [id, gateway] of index.gateways) first.set(id, gateway.name);
    for (const [id, network] of index.networks) first.set(id, network.name);
    names = {
      first,
      last: [
        { resources: () => topology.routeTables ?? [] },
        { resources: () => topology.nsgs ?? [] },
        { resources: () => topology.firewalls ?? [] },
        { resources: () => (wan ? [...wan.wans, ...wan.tables, ...wan.connections, ...wan.intents, ...wan.serverConfigurations] : []) },
      ],
    };
    namesByIndex.set(index, names);
  }
  return names;
}

/** The Pulumi name of any resource by id (the id itself when it is not in the topology). */
export function nameOf(index: TopologyIndex, id: string | undefined): string {
  if (id === undefined) return "(unknown)";
  const names = namesOf(index);
  const found = names.first.get(id);
  if (found !== undefined) return found;
  for (const kind of names.last) {
    const name = (kind.names ??= firstNames(kind.resources())).get(id);
    if (name !== undefined) return name;
  }
  return id;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildIndex(topology: Topology): TopologyIndex {
  const invalidPrefixes: Finding[] = [];
  const parse = prefixParser(invalidPrefixes);
  const networks = indexNetworks(topology, parse);
  const gateways = indexGateways(topology.gateways, parse);
  const peerings = indexPeerings(topology.peerings, networks.networks, networks.networkList.length);
  const index: TopologyIndex = {
    topology,
    ...networks,
    sites: new Map(topology.sites.map((s) => [s.id, s])),
    ...gateways,
    ...peerings,
    links: [],
    linksByNode: new Map(),
    invalidPrefixes,
    paths: buildPathIndex(topology),
    hubs: buildHubRouting(topology),
  };
  // Links are described in sentences that name their ends, so they come once the rest is indexed.
  index.links = buildLinks(index, topology.connections);
  index.linksByNode = linksByNode(index.links);
  return index;
}

type ParsePrefixes = (ownerId: string, ownerName: string, key: FieldKey, values: string[]) => Cidr[];

/** Parses a resource's prefixes, recording each invalid one as a finding and leaving it out. */
function prefixParser(invalid: Finding[]): ParsePrefixes {
  return (ownerId, ownerName, key, values) => {
    const out: Cidr[] = [];
    const field = fieldRef(ownerId, key);
    for (const value of values) {
      const parsed = parseCidr(value);
      if (parsed.ok) out.push(parsed.cidr);
      else
        invalid.push(
          finding("address-overlap", {
            code: "invalid-prefix",
            resource: ownerId,
            related: [],
            subject: value,
            problem: sentence`${ownerName} lists ${parsed.given} in ${field}, which ${parsed.why}, so it is left out of the analysis.`,
            fix: {
              resource: ownerId,
              field: key,
              action: "change",
              text: sentence`Write ${field} entries as network-aligned CIDRs such as 10.1.0.0/16.`,
            },
          }),
        );
    }
    return out;
  };
}

/** VNets, then sites, numbered in that order. */
function indexNetworks(topology: Topology, parse: ParsePrefixes): Pick<TopologyIndex, "networks" | "networkList"> {
  const networks = new Map<string, Network>();
  const networkList: Network[] = [];
  const add = (n: VirtualNetwork | Site, kind: "vnet" | "site", field: FieldKey) => {
    const previous = networks.get(n.id);
    const network: Network = {
      ix: previous?.ix ?? networkList.length,
      id: n.id,
      name: n.name,
      azureName: n.azureName,
      kind,
      prefixes: parse(n.id, n.name, field, n.prefixes),
      tags: n.tags ?? {},
    };
    // A repeated id replaces the earlier record, as the map always did.
    networks.set(n.id, network);
    networkList[network.ix] = network;
  };
  for (const vnet of topology.vnets) add(vnet, "vnet", "vnet.prefixes");
  for (const site of topology.sites) add(site, "site", "site.prefixes");
  return { networks, networkList };
}

function indexGateways(
  gateways: readonly VpnGateway[],
  parse: ParsePrefixes,
): Pick<TopologyIndex, "gateways" | "gatewaysByVnet" | "pools" | "ownPools" | "advertisedRoutes"> {
  const out: ReturnType<typeof indexGateways> = {
    gateways: new Map(),
    gatewaysByVnet: new Map(),
    pools: new Map(),
    ownPools: new Map(),
    advertisedRoutes: new Map(),
  };
  for (const gateway of gateways) {
    out.gateways.set(gateway.id, gateway);
    if (gateway.vnet !== undefined) push(out.gatewaysByVnet, gateway.vnet, gateway);
    const own = parse(gateway.id, gateway.name, "gateway.clientPools", gateway.clientPool);
    out.ownPools.set(gateway.id, own);
    out.pools.set(gateway.id, [...own, ...parse(gateway.id, gateway.name, "gateway.groupPools", gateway.groupPools ?? [])]);
    out.advertisedRoutes.set(gateway.id, parse(gateway.id, gateway.name, "gateway.advertisedRoutePrefixes", gateway.advertisedRoutes));
  }
  return out;
}

/** Peering edges with their ends resolved, by network both ways, and hubs' peerings by remote network. */
function indexPeerings(
  peerings: readonly Peering[],
  networks: Map<string, Network>,
  networkCount: number,
): Pick<TopologyIndex, "edges" | "edgesFrom" | "edgesTo" | "peeringsByRemote" | "notes"> {
  const edges: PeeringEdge[] = [];
  const edgesFrom: PeeringEdge[][] = Array.from({ length: networkCount }, () => []);
  const edgesTo: PeeringEdge[][] = Array.from({ length: networkCount }, () => []);
  const notes: Sentence[] = [];
  for (const peering of peerings) {
    if (peering.from === peering.to) {
      notes.push(sentence`${peering.name} peers a VNet with itself, which Azure refuses; it is left out.`);
      continue;
    }
    const edge: PeeringEdge = {
      peering,
      from: networks.get(peering.from),
      to: peering.to === undefined ? undefined : networks.get(peering.to),
    };
    edges.push(edge);
    if (edge.from) edgesFrom[edge.from.ix].push(edge);
    if (edge.to) edgesTo[edge.to.ix].push(edge);
  }
  const peeringsByRemote = new Map<number, Map<number, Peering>>();
  edgesFrom.forEach((list, ix) => {
    if (list.length <= SCANNED_PEERINGS) return;
    const byRemote = new Map<number, Peering>();
    for (const e of list) if (e.to !== undefined && preferred(e.peering, byRemote.get(e.to.ix))) byRemote.set(e.to.ix, e.peering);
    peeringsByRemote.set(ix, byRemote);
  });
  return { edges, edgesFrom, edgesTo, peeringsByRemote, notes };
}

function linksByNode(links: readonly Link[]): Map<string, Link[]> {
  const byNode = new Map<string, Link[]>();
  for (const link of links) {
    push(byNode, link.a, link);
    if (link.b !== link.a) push(byNode, link.b, link);
  }
  return byNode;
}

function buildLinks(index: TopologyIndex, connections: Connection[]): Link[] {
  const grouped = new Map<string, LinkEnds>();
  for (const c of connections) {
    if (c.gateway === undefined) continue;
    const far = c.type === "Vnet2Vnet" ? c.remoteGateway : c.type === "IPsec" ? c.site : undefined;
    if (far === undefined || (c.type !== "Vnet2Vnet" && c.type !== "IPsec")) continue;
    const [a, b] = c.gateway < far ? [c.gateway, far] : [far, c.gateway];
    const key = `${c.type}\u0000${pairKey(a, b)}`;
    const group = grouped.get(key);
    if (group) group.connections.push(c);
    else grouped.set(key, { kind: c.type, a, b, connections: [c] });
  }
  return [...grouped.values()].map((g) =>
    describeLink(index, { ...g, connections: g.connections.sort((x, y) => compareText(x.name, y.name) || compareText(x.id, y.id)) }),
  );
}

function describeLink(index: TopologyIndex, ends: LinkEnds): Link {
  const oneSided = oneSidedFault(index, ends);
  const noBgp = noBgpFault(index, ends);
  if (oneSided) return { ...ends, up: false, bgp: noBgp === undefined, ...oneSided };
  if (noBgp) return { ...ends, up: true, bgp: false, ...noBgp };
  return { ...ends, up: true, bgp: true };
}

/** R5: a Vnet2Vnet link is up only when each gateway declares a connection to the other. */
function oneSidedFault(index: TopologyIndex, { kind, a, b, connections }: LinkEnds): LinkFault | undefined {
  if (kind !== "Vnet2Vnet") return undefined;
  const first = connections[0];
  for (const [from, to] of [
    [a, b],
    [b, a],
  ]) {
    if (connections.some((c) => c.gateway === from)) continue;
    return {
      why: sentence`${nameOf(index, from)} has no Vnet2Vnet connection to ${nameOf(index, to)}, so the link ${first.name} is not up`,
      fix: {
        resource: first.id,
        action: "declare",
        text: sentence`Declare a Vnet2Vnet connection from ${nameOf(index, from)} to ${nameOf(index, to)}.`,
      },
    };
  }
  return undefined;
}

/** R4: what keeps BGP off the link: a connection, a gateway, the site, or a gateway outside the stack. */
function noBgpFault(index: TopologyIndex, { kind, a, b, connections }: LinkEnds): LinkFault | undefined {
  const first = connections[0];
  const noBgpConnection = connections.find((c) => !c.bgp);
  const gatewayIds = kind === "Vnet2Vnet" ? [a, b] : [first.gateway as string];
  const noBgpGateway = gatewayIds.map((id) => index.gateways.get(id)).find((g) => g !== undefined && !gatewayRunsBgp(g));
  if (noBgpConnection) {
    const bgp = fieldRef(noBgpConnection.id, "connection.bgp");
    return {
      why: sentence`connection ${noBgpConnection.name} does not run BGP (${bgp} is not true)`,
      fix: {
        resource: noBgpConnection.id,
        field: "connection.bgp",
        action: "set",
        text: sentence`Set ${bgp} to true on every connection of the link, starting with ${noBgpConnection.name}.`,
      },
    };
  }
  if (noBgpGateway) {
    const bgp = fieldRef(noBgpGateway.id, "gateway.bgp");
    const basic = isBasicSku(noBgpGateway);
    return {
      why: basic
        ? sentence`gateway ${noBgpGateway.name} is Basic SKU, which has no BGP`
        : sentence`gateway ${noBgpGateway.name} does not have ${bgp} set`,
      fix: {
        resource: noBgpGateway.id,
        field: "gateway.bgp",
        action: basic ? "change" : "set",
        text: basic
          ? sentence`Move ${noBgpGateway.name} to a VpnGw SKU with ${bgp}.`
          : sentence`Set ${bgp} to true on ${noBgpGateway.name}.`,
      },
    };
  }
  const siteId = kind === "IPsec" ? (first.site as string) : undefined;
  if (siteId !== undefined && index.sites.get(siteId)?.bgpAsn === undefined) {
    return {
      why: sentence`site ${nameOf(index, siteId)} has no ${fieldRef(siteId, "site.asn")}`,
      fix: {
        resource: siteId,
        field: "site.bgp",
        action: "set",
        text: sentence`Give ${nameOf(index, siteId)} ${fieldRef(siteId, "site.bgp")} with the ASN of the on-premises device.`,
      },
    };
  }
  if (kind === "Vnet2Vnet" && gatewayIds.some((id) => !index.gateways.has(id))) {
    return {
      why: sentence`a gateway of connection ${first.name} is not in the stack`,
      fix: {
        action: "change",
        text: sentence`Analyse the stack that declares the other gateway together with this one (p2s-check takes several inputs).`,
      },
    };
  }
  return undefined;
}

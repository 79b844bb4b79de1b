import type { Cidr } from "../topology/cidr";
import { parseCidr } from "../topology/cidr";
import type { Connection, Peering, Site, Topology, VirtualNetwork, VpnGateway } from "../topology/model";
import { compareText } from "../topology/order";
import type { FieldKey, Fix, Sentence } from "../topology/sentence";
import { fieldRef, sentence } from "../topology/sentence";
import type { Finding } from "./findings";

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

/** A VPN link between two nodes (gateway or site ids), made of one or two connection resources. */
export interface Link {
  kind: "Vnet2Vnet" | "IPsec";
  a: string;
  b: string;
  connections: Connection[];
  up: boolean;
  bgp: boolean;
  /** Why the link is down or runs no BGP, when it does not. */
  whyDown?: Sentence;
  whyNoBgp?: Sentence;
  /** How to make the link up or BGP-capable. */
  fix?: Fix;
}

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
  /** For VNets with many peerings (hubs), their peerings by remote Network.ix; built on first lookup. */
  peeringsByRemote: Map<number, Map<number, Peering>>;
  links: Link[];
  linksByNode: Map<string, Link[]>;
  /** Networks behind each node of the VPN graph (see networksBehind), computed once for all gateways. */
  behind: Map<string, Network[]>;
  /** Pulumi names of connections, then of peerings, by id; each built on first use (see nameOf). */
  connectionNames?: Map<string, string>;
  peeringNames?: Map<string, string>;
  invalidPrefixes: Finding[];
  /** What the index left out, one sentence each. */
  notes: Sentence[];
  /** Resource-level cidrs parsed once: every client pool of a gateway (its own, then user groups'), its own alone, and custom routes. */
  pools: Map<string, Cidr[]>;
  ownPools: Map<string, Cidr[]>;
  advertisedRoutes: Map<string, Cidr[]>;
}

export function pairKey(a: string, b: string): string {
  return `${a}\u0000${b}`;
}

/** Better than the current pick: Azure allows one peering per direction, so of duplicates the smaller id wins, in any order. */
function preferred(candidate: Peering, current: Peering | undefined): boolean {
  return !current || compareText(candidate.id, current.id) < 0;
}

/**
 * The peering declared on network `from` towards network `to`, if any. Most VNets have a few
 * peerings, scanned directly; a hub's thousands are indexed by remote network on first use.
 */
export function peeringBetween(index: TopologyIndex, from: Network, to: Network): Peering | undefined {
  const list = index.edgesFrom[from.ix];
  if (list.length <= 16) {
    let found: Peering | undefined;
    for (const e of list) if (e.to === to && preferred(e.peering, found)) found = e.peering;
    return found;
  }
  let byRemote = index.peeringsByRemote.get(from.ix);
  if (!byRemote) {
    byRemote = new Map();
    for (const e of list) if (e.to !== undefined && preferred(e.peering, byRemote.get(e.to.ix))) byRemote.set(e.to.ix, e.peering);
    index.peeringsByRemote.set(from.ix, byRemote);
  }
  return byRemote.get(to.ix);
}

/** The Pulumi name of any resource by id (the id itself when it is not in the topology). */
export function nameOf(index: TopologyIndex, id: string | undefined): string {
  if (id === undefined) return "(unknown)";
  const known = index.networks.get(id)?.name ?? index.gateways.get(id)?.name;
  if (known !== undefined) return known;
  // Connections and peerings are named rarely (in messages only) and there are ten peerings
  // for every connection: each kind is indexed on first use, peerings only when asked for one.
  index.connectionNames ??= new Map(index.topology.connections.map((c) => [c.id, c.name]));
  const connection = index.connectionNames.get(id);
  if (connection !== undefined) return connection;
  index.peeringNames ??= new Map(index.topology.peerings.map((p) => [p.id, p.name]));
  const peering = index.peeringNames.get(id);
  if (peering !== undefined) return peering;
  const dns = index.topology.dns;
  const named = dns && [...dns.zones, ...dns.links, ...dns.endpoints, ...dns.resolvers, ...dns.inbound].find((r) => r.id === id);
  if (named) return named.name;
  // The resource that sets a VNet's DNS servers (the classic VirtualNetworkDnsServers) is named in DNS fixes.
  return index.topology.vnets.find((v) => v.nameServersFrom?.id === id)?.nameServersFrom?.name ?? id;
}

export function isBasicSku(gateway: VpnGateway): boolean {
  return (gateway.sku ?? "").toLowerCase() === "basic";
}

/** BGP works on a gateway only when enabled on a SKU that has it. */
export function gatewayRunsBgp(gateway: VpnGateway): boolean {
  return gateway.bgp && !isBasicSku(gateway);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildIndex(topology: Topology): TopologyIndex {
  const index: TopologyIndex = {
    topology,
    networks: new Map(),
    networkList: [],
    gateways: new Map(),
    sites: new Map(),
    gatewaysByVnet: new Map(),
    edges: [],
    edgesFrom: [],
    edgesTo: [],
    peeringsByRemote: new Map(),
    links: [],
    linksByNode: new Map(),
    behind: new Map(),
    invalidPrefixes: [],
    notes: [],
    pools: new Map(),
    ownPools: new Map(),
    advertisedRoutes: new Map(),
  };
  const parseAll = (ownerId: string, ownerName: string, key: FieldKey, values: string[]): Cidr[] => {
    const out: Cidr[] = [];
    const field = fieldRef(ownerId, key);
    for (const value of values) {
      const parsed = parseCidr(value);
      if (parsed.ok) out.push(parsed.cidr);
      else
        index.invalidPrefixes.push({
          category: "address-overlap",
          code: "invalid-prefix",
          resource: ownerId,
          related: [],
          subject: value,
          problem: sentence`${ownerName} lists ${parsed.error} in ${field}, so it is left out of the analysis.`,
          fix: {
            resource: ownerId,
            field: key,
            action: "change",
            text: sentence`Write ${field} entries as network-aligned CIDRs such as 10.1.0.0/16.`,
          },
        });
    }
    return out;
  };
  const addNetwork = (n: VirtualNetwork | Site, kind: "vnet" | "site", field: FieldKey) => {
    const previous = index.networks.get(n.id);
    const network: Network = {
      ix: previous?.ix ?? index.networkList.length,
      id: n.id,
      name: n.name,
      azureName: n.azureName,
      kind,
      prefixes: parseAll(n.id, n.name, field, n.prefixes),
      tags: n.tags ?? {},
    };
    // A repeated id replaces the earlier record, as the map always did.
    index.networks.set(n.id, network);
    index.networkList[network.ix] = network;
    if (!previous) {
      index.edgesFrom.push([]);
      index.edgesTo.push([]);
    }
  };
  for (const vnet of topology.vnets) addNetwork(vnet, "vnet", "vnet.prefixes");
  for (const site of topology.sites) {
    addNetwork(site, "site", "site.prefixes");
    index.sites.set(site.id, site);
  }
  for (const gateway of topology.gateways) {
    index.gateways.set(gateway.id, gateway);
    if (gateway.vnet !== undefined) push(index.gatewaysByVnet, gateway.vnet, gateway);
    const own = parseAll(gateway.id, gateway.name, "gateway.clientPools", gateway.clientPool);
    index.ownPools.set(gateway.id, own);
    index.pools.set(gateway.id, [...own, ...parseAll(gateway.id, gateway.name, "gateway.groupPools", gateway.groupPools ?? [])]);
    index.advertisedRoutes.set(gateway.id, parseAll(gateway.id, gateway.name, "gateway.advertisedRoutePrefixes", gateway.advertisedRoutes));
  }
  for (const peering of topology.peerings) {
    if (peering.from === peering.to) {
      index.notes.push(sentence`${peering.name} peers a VNet with itself, which Azure refuses; it is left out.`);
      continue;
    }
    const edge: PeeringEdge = {
      peering,
      from: index.networks.get(peering.from),
      to: peering.to === undefined ? undefined : index.networks.get(peering.to),
    };
    index.edges.push(edge);
    if (edge.from) index.edgesFrom[edge.from.ix].push(edge);
    if (edge.to) index.edgesTo[edge.to.ix].push(edge);
  }
  index.links = buildLinks(index, topology.connections);
  for (const link of index.links) {
    push(index.linksByNode, link.a, link);
    if (link.b !== link.a) push(index.linksByNode, link.b, link);
  }
  return index;
}

function buildLinks(index: TopologyIndex, connections: Connection[]): Link[] {
  const grouped = new Map<string, { kind: "Vnet2Vnet" | "IPsec"; a: string; b: string; connections: Connection[] }>();
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
    describeLink(index, g.kind, g.a, g.b, g.connections.sort((x, y) => compareText(x.name, y.name) || compareText(x.id, y.id))),
  );
}

function describeLink(
  index: TopologyIndex,
  kind: "Vnet2Vnet" | "IPsec",
  a: string,
  b: string,
  connections: Connection[],
): Link {
  const link: Link = { kind, a, b, connections, up: true, bgp: true };
  const first = connections[0];
  if (kind === "Vnet2Vnet") {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ]) {
      if (!connections.some((c) => c.gateway === from)) {
        link.up = false;
        link.whyDown = sentence`${nameOf(index, from)} has no Vnet2Vnet connection to ${nameOf(index, to)}, so the link ${first.name} is not up`;
        link.fix = {
          resource: first.id,
          action: "declare",
          text: sentence`Declare a Vnet2Vnet connection from ${nameOf(index, from)} to ${nameOf(index, to)}.`,
        };
        break;
      }
    }
  }
  const noBgpConnection = connections.find((c) => !c.bgp);
  const gatewayIds = kind === "Vnet2Vnet" ? [a, b] : [connections[0].gateway as string];
  const noBgpGateway = gatewayIds.map((id) => index.gateways.get(id)).find((g) => g !== undefined && !gatewayRunsBgp(g));
  const site = kind === "IPsec" ? index.sites.get(first.site as string) : undefined;
  if (noBgpConnection) {
    const bgp = fieldRef(noBgpConnection.id, "connection.bgp");
    link.bgp = false;
    link.whyNoBgp = sentence`connection ${noBgpConnection.name} does not run BGP (${bgp} is not true)`;
    link.fix ??= {
      resource: noBgpConnection.id,
      field: "connection.bgp",
      action: "set",
      text: sentence`Set ${bgp} to true on every connection of the link, starting with ${noBgpConnection.name}.`,
    };
  } else if (noBgpGateway) {
    const bgp = fieldRef(noBgpGateway.id, "gateway.bgp");
    link.bgp = false;
    link.whyNoBgp = isBasicSku(noBgpGateway)
      ? sentence`gateway ${noBgpGateway.name} is Basic SKU, which has no BGP`
      : sentence`gateway ${noBgpGateway.name} does not have ${bgp} set`;
    link.fix ??= {
      resource: noBgpGateway.id,
      field: "gateway.bgp",
      action: isBasicSku(noBgpGateway) ? "change" : "set",
      text: isBasicSku(noBgpGateway)
        ? sentence`Move ${noBgpGateway.name} to a VpnGw SKU with ${bgp}.`
        : sentence`Set ${bgp} to true on ${noBgpGateway.name}.`,
    };
  } else if (kind === "IPsec" && (site === undefined || site.bgpAsn === undefined)) {
    const siteId = first.site as string;
    link.bgp = false;
    link.whyNoBgp = sentence`site ${nameOf(index, siteId)} has no ${fieldRef(siteId, "site.asn")}`;
    link.fix ??= {
      resource: siteId,
      field: "site.bgp",
      action: "set",
      text: sentence`Give ${nameOf(index, siteId)} ${fieldRef(siteId, "site.bgp")} with the ASN of the on-premises device.`,
    };
  } else if (kind === "Vnet2Vnet" && gatewayIds.some((id) => !index.gateways.has(id))) {
    link.bgp = false;
    link.whyNoBgp = sentence`a gateway of connection ${first.name} is not in the stack`;
    link.fix ??= {
      action: "change",
      text: sentence`Analyse the stack that declares the other gateway together with this one (p2s-check takes several inputs).`,
    };
  }
  return link;
}

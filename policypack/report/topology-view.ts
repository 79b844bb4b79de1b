import type { Analysis } from "../reachability/results";
import { peeringBetween } from "../reachability/topology-index";
import type { Peering } from "../topology/model";
import { gatewayRunsBgp } from "../topology/gateway";
import { tableLabel } from "../virtual-wan/hub-routing";

/** A peering's gateway-transit flags, as the diagram labels them. */
export interface PeeringFlags {
  allowsTransit: boolean;
  usesRemoteGateway: boolean;
}

/** The network as the diagram draws it: every renderer reads this, never the analysis. */
export interface TopologyView {
  /** VNets, sites and Virtual WAN hubs, sorted by name. */
  networks: { id: string; name: string; kind: "vnet" | "site" | "hub"; prefixes: string[]; gateways: number }[];
  /**
   * One per pair of peered networks, in declaration order: `ab` the peering from `a`, `ba` the one
   * back when there is one; a hub's connection to a VNet is one too, `a` the hub, with the table
   * the connection is associated with when it is not the hub's default.
   */
  peerings: { a: string; b: string; ab: PeeringFlags; ba?: PeeringFlags; hubTable?: string | null }[];
  /** Site-to-site and VNet-to-VNet links between networks of the stack. */
  links: { a: string; b: string; kind: string; bgp: boolean; up: boolean }[];
  /** The P2S clients of each gateway whose VNet (or, in a Virtual WAN, hub) is known: `vnet` holds the hub then. */
  clients: { id: string; name: string; vnet: string; pool: string[]; protocols: string[]; bgp: boolean }[];
  /** Appliances P2S traffic goes through (spec P2-P4, W7), in the VNet they sit in (or the hub they secure: `vnet` holds the hub then), sorted by name. */
  appliances: { id: string; name: string; vnet: string; address: string | null }[];
}

const flags = (p: Peering): PeeringFlags => ({ allowsTransit: p.allowsTransit, usesRemoteGateway: p.usesRemoteGateway });

export function topologyView(analysis: Analysis): TopologyView {
  const index = analysis.index;
  const routing = index.hubs;
  const hubs = [...routing.hubs.values()].map((h) => ({
    id: h.id,
    name: h.name,
    kind: "hub" as const,
    prefixes: h.prefix !== undefined ? [h.prefix] : [],
    gateways: 0,
  }));
  const networks = [
    ...[...index.networks.values()].map((n) => ({
      id: n.id,
      name: n.name,
      kind: n.kind,
      prefixes: n.prefixes.map((c) => c.text),
      gateways: index.gatewaysByVnet.get(n.id)?.length ?? 0,
    })),
    ...hubs,
  ].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const peerings: TopologyView["peerings"] = [];
  const done = new Set<string>();
  for (const { peering, from, to } of index.edges) {
    if (!from || !to) continue;
    const key = [from.id, to.id].sort().join("\u0000");
    if (done.has(key)) continue;
    done.add(key);
    const back = peeringBetween(index, to, from);
    peerings.push({ a: from.id, b: to.id, ab: flags(peering), ...(back ? { ba: flags(back) } : {}) });
  }
  const none: PeeringFlags = { allowsTransit: false, usesRemoteGateway: false };
  for (const c of routing.connections) {
    if (c.kind !== "vnet" || c.hub === undefined || c.remote === undefined || !index.networks.has(c.remote)) continue;
    const table = routing.associated(c);
    const hubTable = table === undefined ? null : table.builtIn === "defaultRouteTable" ? undefined : tableLabel(routing, table);
    peerings.push({ a: c.hub, b: c.remote, ab: none, ba: none, ...(hubTable !== undefined ? { hubTable } : {}) });
  }
  const end = (id: string) => index.gateways.get(id)?.vnet ?? id;
  const links = index.links
    .map((link) => ({ a: end(link.a), b: end(link.b), kind: link.kind, bgp: link.bgp, up: link.up }))
    .filter((link) => index.networks.has(link.a) && index.networks.has(link.b));
  const clients = analysis.gateways.flatMap((g) => {
    const place = g.vnet ?? g.hub?.id;
    if (!place) return [];
    const gateway = index.gateways.get(g.id);
    return [
      {
        id: g.id,
        name: g.name,
        vnet: place,
        pool: g.clientPool,
        protocols: g.protocols,
        bgp: gateway !== undefined && gatewayRunsBgp(gateway),
      },
    ];
  });
  const appliances = new Map<string, TopologyView["appliances"][number]>();
  for (const g of analysis.gateways)
    for (const subnet of g.paths.subnets)
      for (const part of subnet.paths)
        for (const hop of [part.forward, part.back]) {
          const firewall = hop.kind === "via" && hop.hop.appliance ? index.paths.firewalls.get(hop.hop.appliance.id) : undefined;
          const place = firewall?.vnet ?? firewall?.hub;
          if (!firewall || place === undefined || appliances.has(firewall.id)) continue;
          if (index.networks.has(place) || routing.hubs.has(place))
            appliances.set(firewall.id, { id: firewall.id, name: firewall.name, vnet: place, address: firewall.addresses[0] ?? null });
        }
  const sorted = [...appliances.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { networks, peerings, links, clients, appliances: sorted };
}

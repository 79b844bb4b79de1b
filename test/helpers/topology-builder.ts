import type {
  Connection,
  DnsTopology,
  Peering,
  Protocol,
  Site,
  Topology,
  VirtualNetwork,
  VpnGateway,
} from "../../policypack/topology/model";

/** Builds topologies whose ids equal their names, with defaults of a compliant Azure setup. */
export class TopologyBuilder {
  private readonly t: Topology = { vnets: [], sites: [], gateways: [], peerings: [], connections: [] };

  vnet(name: string, ...prefixes: string[]): this {
    this.t.vnets.push({ id: name, name, prefixes } satisfies VirtualNetwork);
    return this;
  }

  site(name: string, prefixes: string[], bgpAsn?: number): this {
    this.t.sites.push({ id: name, name, prefixes, bgpAsn } satisfies Site);
    return this;
  }

  /** A RouteBased VpnGw1 gateway; with `p2s` it gets the seed's client pool. */
  gateway(name: string, vnet: string, options: Partial<VpnGateway> & { p2s?: boolean } = {}): this {
    const { p2s, ...rest } = options;
    this.t.gateways.push({
      id: name,
      name,
      vnet,
      kind: "Vpn",
      routing: "RouteBased",
      sku: "VpnGw1",
      bgp: false,
      clientPool: p2s ? ["192.168.0.0/24"] : [],
      protocols: p2s ? (["IkeV2", "SSTP"] as Protocol[]) : undefined,
      // The seed's gateways carry a root certificate.
      authSettings: p2s ? { aad: false, radius: false, certificates: true } : undefined,
      advertisedRoutes: [],
      ...rest,
    });
    return this;
  }

  p2sGateway(name: string, vnet: string, options: Partial<VpnGateway> = {}): this {
    return this.gateway(name, vnet, { p2s: true, ...options });
  }

  /** One direction, named "<from>-to-<to>". */
  peering(from: string, to: string, flags: Partial<Peering> = {}): this {
    this.t.peerings.push({
      id: `${from}-to-${to}`,
      name: `${from}-to-${to}`,
      from,
      to,
      allowsTransit: false,
      usesRemoteGateway: false,
      allowsAccess: true,
      ...flags,
    });
    return this;
  }

  /** Both directions, `hub` allowing gateway transit and `spoke` using it. */
  transitPeering(hub: string, spoke: string): this {
    return this.peering(hub, spoke, { allowsTransit: true }).peering(spoke, hub, { usesRemoteGateway: true });
  }

  /** Both directions, no gateway flags. */
  plainPeering(a: string, b: string): this {
    return this.peering(a, b).peering(b, a);
  }

  connection(c: Omit<Connection, "id">): this {
    this.t.connections.push({ id: c.name, ...c });
    return this;
  }

  /** A Vnet2Vnet link: one connection per side, named "<a>-to-<b>". */
  vnet2vnet(a: string, b: string, bgp = false): this {
    for (const [x, y] of [
      [a, b],
      [b, a],
    ]) {
      this.connection({ name: `${x}-to-${y}`, type: "Vnet2Vnet", gateway: x, remoteGateway: y, bgp });
    }
    return this;
  }

  /** An IPsec connection from an Azure gateway to a site, named "<gateway>-to-<site>". */
  s2s(gateway: string, site: string, bgp = false): this {
    return this.connection({ name: `${gateway}-to-${site}`, type: "IPsec", gateway, site, bgp });
  }

  private dnsPart(): DnsTopology {
    this.t.dns ??= { zones: [], links: [], endpoints: [], resolvers: [], inbound: [] };
    return this.t.dns;
  }

  /** A private DNS zone, named after the zone itself. */
  zone(zoneName: string): this {
    this.dnsPart().zones.push({ id: zoneName, name: zoneName, zoneName });
    return this;
  }

  /** A link of `zone` to `vnet`, named "<zone>-to-<vnet>". */
  zoneLink(zone: string, vnet: string): this {
    this.dnsPart().links.push({ id: `${zone}-to-${vnet}`, name: `${zone}-to-${vnet}`, zone, vnet });
    return this;
  }

  /** A DNS Private Resolver in `vnet` with one inbound endpoint "<name>-in"; no address means a dynamic one. */
  resolver(name: string, vnet: string, address?: string): this {
    this.dnsPart().resolvers.push({ id: name, name, vnet });
    this.dnsPart().inbound.push({ id: `${name}-in`, name: `${name}-in`, resolver: name, vnet, address, dynamic: address === undefined });
    return this;
  }

  /** A private endpoint in `vnet` whose zone group puts it in `zones`. */
  privateEndpoint(name: string, vnet: string, zones: string[]): this {
    this.dnsPart().endpoints.push({ id: name, name, vnet, zones });
    return this;
  }

  build(): Topology {
    return structuredClone(this.t);
  }
}

/** A copy of `topology` with one DNS record changed. */
export function changedDns<K extends keyof DnsTopology>(
  topology: Topology,
  kind: K,
  id: string,
  patch: Partial<DnsTopology[K][number]>,
): Topology {
  const copy = structuredClone(topology);
  const list = copy.dns?.[kind] as Array<DnsTopology[K][number]> | undefined;
  const i = list?.findIndex((r) => r.id === id) ?? -1;
  if (!list || i < 0) throw new Error(`no ${String(kind)} record ${id} in the baseline`);
  list[i] = { ...list[i], ...patch };
  return copy;
}

/** The record lists of a topology. */
type RecordKind = Exclude<
  keyof Topology,
  "stacks" | "dns" | "publicIps" | "gatewaySubnets" | "routeTables" | "subnets" | "nsgs" | "firewalls" | "nics" | "wan"
>;

/** A copy of `topology` with one record changed: the test's single change against a baseline. */
export function changed<K extends RecordKind>(topology: Topology, kind: K, id: string, patch: Partial<Topology[K][number]>): Topology {
  const copy = structuredClone(topology);
  const list = copy[kind] as Array<Topology[K][number]>;
  const i = list.findIndex((r) => r.id === id);
  if (i < 0) throw new Error(`no ${String(kind)} record ${id} in the baseline`);
  list[i] = { ...list[i], ...patch };
  return copy;
}

/** A copy of `topology` without one record. */
export function without<K extends RecordKind>(topology: Topology, kind: K, id: string): Topology {
  const copy = structuredClone(topology);
  const list = copy[kind] as Array<{ id: string }>;
  const i = list.findIndex((r) => r.id === id);
  if (i < 0) throw new Error(`no ${String(kind)} record ${id} in the baseline`);
  list.splice(i, 1);
  return copy;
}

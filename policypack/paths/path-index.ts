import type { Cidr } from "../topology/cidr";
import { PrefixIndex, contains, parseCidr } from "../topology/cidr";
import type { Firewall, NetworkInterface, PrivateEndpoint, RouteTable, Subnet, Topology, VirtualNetwork } from "../topology/model";
import type { NetworkSecurityGroup } from "../topology/security-rules";
import type { RouteCandidate } from "./effective-route";
import { nextHopOf } from "./next-hop";

/** Azure requires this name for the subnet of a virtual network gateway. */
const GATEWAY_SUBNET = "gatewaysubnet";

export function isGatewaySubnetName(name: string): boolean {
  return name.toLowerCase() === GATEWAY_SUBNET;
}

/** A VNet's system routes, asked for the ones that contain a prefix. */
export interface SystemRoutes {
  containing(cidr: Cidr): RouteCandidate[];
}

/** Up to this many routes a scan is cheaper than an index: a spoke has its own prefixes and its hub's. */
const SCANNED_ROUTES = 16;

/** What paths look up, built once per topology; a VNet's system routes are built when first asked for (a hub has thousands). */
export interface PathIndex {
  /** True when the stack declares a route table: without one every path is direct both ways (spec P5). */
  hasRouteTables: boolean;
  subnetsByVnet: Map<string, Subnet[]>;
  /** A route table by id. */
  table(tableId: string): RouteTable | undefined;
  nsgs: Map<string, NetworkSecurityGroup>;
  firewalls: Map<string, Firewall>;
  /** Private endpoints, by subnet id. */
  endpointsBySubnet: Map<string, PrivateEndpoint[]>;
  /** Network interfaces with an NSG of their own, by subnet id. */
  filteredNics: Map<string, NetworkInterface[]>;
  /** A VNet's prefixes, as declared. */
  vnetPrefixes(vnet: string): string[];
  /** The system routes of a VNet's subnets: its own prefixes and each peered VNet's (spec P1). */
  systemRoutes(vnet: string): SystemRoutes;
  /** Those of them that contain a prefix. */
  systemRoutesContaining(vnet: string, cidr: Cidr): RouteCandidate[];
  parsed(text: string): Cidr | undefined;
  /** A table with its routes as candidates, built when first asked for: a table serves many subnets and every gateway. */
  tableRoutes(tableId: string): TableRoutes | undefined;
}

export interface TableRoutes {
  table: RouteTable;
  udrs: RouteCandidate[];
}

/** A table, with its routes as candidates once asked for: one lookup by id per subnet, the slow part on a large stack. */
interface TableRecord {
  table: RouteTable;
  routes?: TableRoutes;
}

interface VnetRecord {
  /** Undefined for an id that only peerings name. */
  vnet?: VirtualNetwork;
  /** Ids of the VNets it peers with, one per peering. */
  peers: string[];
  /** Its own prefixes as system routes, once asked for. */
  own?: RouteCandidate[];
  system?: SystemRoutes;
}

/** Appends to the list under `key`, in place: a hub's peers and a VNet's subnets come in thousands. */
function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildPathIndex(topology: Topology): PathIndex {
  const subnetsByVnet = new Map<string, Subnet[]>();
  for (const subnet of topology.subnets ?? []) {
    if (subnet.vnet === undefined) continue;
    append(subnetsByVnet, subnet.vnet, subnet);
  }
  // One record per VNet id holds all paths keep of it, so that a hub's peers cost one lookup each.
  const records = new Map<string, VnetRecord>();
  const recordOf = (id: string) => {
    let record = records.get(id);
    if (!record) records.set(id, (record = { peers: [] }));
    return record;
  };
  for (const vnet of topology.vnets) recordOf(vnet.id).vnet = vnet;
  for (const peering of topology.peerings) {
    if (peering.to === undefined || peering.to === peering.from) continue;
    recordOf(peering.from).peers.push(peering.to);
  }
  const parsed = (text: string) => {
    const result = parseCidr(text);
    return result.ok ? result.cidr : undefined;
  };
  // Each VNet's prefixes as routes, once: every peer of a hub shares the hub's.
  const routesOf = (record: VnetRecord | undefined): RouteCandidate[] => {
    if (!record) return [];
    return (record.own ??= (record.vnet?.prefixes ?? []).flatMap((text) => {
      const cidr = parsed(text);
      return cidr ? [{ cidr, origin: "system" as const, hop: { kind: "local" as const } }] : [];
    }));
  };
  const endpointsBySubnet = new Map<string, PrivateEndpoint[]>();
  for (const endpoint of topology.dns?.endpoints ?? [])
    if (endpoint.subnet !== undefined) append(endpointsBySubnet, endpoint.subnet, endpoint);
  const filteredNics = new Map<string, NetworkInterface[]>();
  for (const nic of topology.nics ?? []) if (nic.subnet !== undefined && nic.nsg !== undefined) append(filteredNics, nic.subnet, nic);
  // Client pools lie outside every VNet as a rule: then no VNet has a system route for them, and
  // no subnet's VNet needs its routes built to say so. A gateway has a pool or two: each is
  // compared with every VNet's prefixes once, rather than every prefix indexed.
  const heldByVnets = new Map<Cidr, boolean>();
  const heldByAnyVnet = (cidr: Cidr) => {
    let held = heldByVnets.get(cidr);
    if (held === undefined) {
      held = false;
      for (const vnet of topology.vnets) {
        for (const text of vnet.prefixes) {
          const prefix = parsed(text);
          if (prefix && contains(prefix, cidr)) held = true;
        }
        if (held) break;
      }
      heldByVnets.set(cidr, held);
    }
    return held;
  };
  const tables = new Map<string, TableRecord>();
  for (const table of topology.routeTables ?? []) tables.set(table.id, { table });
  let nsgs: Map<string, NetworkSecurityGroup> | undefined;
  let firewalls: Map<string, Firewall> | undefined;
  const index: PathIndex = {
    hasRouteTables: (topology.routeTables ?? []).length > 0,
    subnetsByVnet,
    table: (tableId) => tables.get(tableId)?.table,
    // Only flows look filters up, and only when a report or port intent asks: indexed on first use.
    get nsgs() {
      return (nsgs ??= new Map((topology.nsgs ?? []).map((n) => [n.id, n])));
    },
    get firewalls() {
      return (firewalls ??= new Map((topology.firewalls ?? []).map((f) => [f.id, f])));
    },
    filteredNics,
    endpointsBySubnet,
    vnetPrefixes: (vnet) => records.get(vnet)?.vnet?.prefixes ?? [],
    systemRoutes(vnet) {
      const record = recordOf(vnet);
      if (!record.system) {
        const all = [...routesOf(record)];
        for (const peer of record.peers) for (const route of routesOf(records.get(peer))) all.push(route);
        if (all.length <= SCANNED_ROUTES) record.system = { containing: (cidr) => all.filter((r) => contains(r.cidr, cidr)) };
        else {
          const index = new PrefixIndex<RouteCandidate>();
          for (const route of all) index.add(route.cidr, route);
          record.system = index;
        }
      }
      return record.system;
    },
    systemRoutesContaining: (vnet, cidr) => (heldByAnyVnet(cidr) ? index.systemRoutes(vnet).containing(cidr) : []),
    parsed,
    tableRoutes(tableId) {
      const record = tables.get(tableId);
      if (!record || record.routes) return record?.routes;
      const { table } = record;
      const routes: TableRoutes = { table, udrs: [] };
      for (const route of table.routes) {
        const cidr = parsed(route.prefix);
        if (cidr) routes.udrs.push({ cidr, origin: "udr", hop: nextHopOf(route), declared: { table, route } });
      }
      return (record.routes = routes);
    },
  };
  return index;
}

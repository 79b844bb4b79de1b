import { parseCidr } from "../topology/cidr";
import type { GatewaySubnet, RouteTable, Topology } from "../topology/model";
import type { Sentence } from "../topology/sentence";
import { fieldRef, sentence } from "../topology/sentence";
import type { Finding } from "../reachability/findings";
import { finding } from "../reachability/findings";

/** Where the GatewaySubnet is, for messages: "the GatewaySubnet of hub", or just "the GatewaySubnet". */
function where(vnets: ReadonlyMap<string, string>, subnet: GatewaySubnet): Sentence {
  const vnet = subnet.vnet !== undefined ? vnets.get(subnet.vnet) : undefined;
  return vnet !== undefined ? sentence`the GatewaySubnet of ${vnet}` : sentence`the GatewaySubnet`;
}

/** The names of the VNets that hold GatewaySubnets, the last VNet of an id winning: a hub's thousands of spokes are not named. */
function gatewayVnetNames(topology: Topology, subnets: readonly GatewaySubnet[]): Map<string, string> {
  const wanted = new Set<string>();
  for (const subnet of subnets) if (subnet.vnet !== undefined) wanted.add(subnet.vnet);
  const names = new Map<string, string>();
  for (const vnet of topology.vnets) if (wanted.has(vnet.id)) names.set(vnet.id, vnet.name);
  return names;
}

/** A route for every IPv4 address: Azure says the gateway does not function with it on its subnet. */
function isDefaultRoute(prefix: string): boolean {
  // Only a prefix length of zero ("/0", or "/00" as the parser reads it) makes one: a hub's spoke routes are not parsed.
  if (!prefix.includes("/0")) return false;
  const parsed = parseCidr(prefix);
  return parsed.ok && parsed.cidr.family === 4 && parsed.cidr.length === 0;
}

/**
 * What Azure does not support on the gateway's subnet (spec 4a, strong): a network security group
 * ("might cause your virtual network gateway to stop functioning"), and a route table with a
 * 0.0.0.0/0 route or without gateway route propagation ("the gateway will not function"). Routes
 * for other prefixes, such as spokes sent through a firewall, are fine; unknown values report nothing.
 * `tableOf`: a route table by id, when the tables are already indexed.
 */
export function checkGatewaySubnets(topology: Topology, tableOf: (id: string) => RouteTable | undefined = tablesById(topology)): Finding[] {
  const out: Finding[] = [];
  const add = (f: Parameters<typeof finding>[1]) => out.push(finding("gateway-subnet", f));
  if ((topology.gatewaySubnets ?? []).length === 0) return out;
  // A hub's thousands of VNets: their names by id, once.
  const vnets = gatewayVnetNames(topology, topology.gatewaySubnets ?? []);
  // A table on several GatewaySubnets is reported once, naming every subnet that uses it.
  const onGatewaySubnets = new Map<RouteTable, GatewaySubnet[]>();
  for (const subnet of topology.gatewaySubnets ?? []) {
    const table = subnet.table !== undefined ? tableOf(subnet.table) : undefined;
    if (table) onGatewaySubnets.set(table, [...(onGatewaySubnets.get(table) ?? []), subnet]);
    if (!subnet.nsg) continue;
    const at = where(vnets, subnet);
    add({
      code: "nsg",
      resource: subnet.id,
      related: subnet.nsg.id !== undefined ? [subnet.nsg.id] : [],
      problem: sentence`${subnet.name} puts the network security group ${subnet.nsg.name} on ${at}, which Azure does not support: the VPN gateway may stop working.`,
      fix: subnet.attachesOnly
        ? { resource: subnet.id, action: "change", text: sentence`Remove ${subnet.name}, and filter traffic on the other subnets instead.` }
        : {
            resource: subnet.id,
            field: "subnet.nsg",
            action: "set",
            text: sentence`Remove ${fieldRef(subnet.id, "subnet.nsg")} from ${at} in ${subnet.name}, and filter traffic on the other subnets instead.`,
          },
    });
  }
  for (const [table, subnets] of onGatewaySubnets) {
    const at = where(vnets, subnets[0]);
    const related = subnets.map((s) => s.id);
    for (const route of table.routes.filter((r) => isDefaultRoute(r.prefix))) {
      const resource = route.declaredBy?.id ?? table.id;
      add({
        code: "default-route",
        resource,
        related,
        subject: route.prefix,
        problem: sentence`Route table ${table.name} on ${at} sends ${route.prefix} to ${route.nextHop}, with which the VPN gateway does not function.`,
        fix: route.declaredBy
          ? {
              resource,
              action: "change",
              text: sentence`Remove ${route.declaredBy.name}, or give ${at} a route table without a ${route.prefix} route; routes for spoke prefixes to a firewall are fine.`,
            }
          : {
              resource,
              field: "table.routes",
              action: "remove",
              text: sentence`Remove the ${route.prefix} route from ${fieldRef(table.id, "table.routes")} of ${table.name}; routes for spoke prefixes to a firewall are fine.`,
            },
      });
    }
    if (table.propagation === false) {
      add({
        code: "propagation-disabled",
        resource: table.id,
        related,
        problem: sentence`Route table ${table.name} on ${at} disables gateway route propagation, with which the VPN gateway does not function.`,
        fix: {
          resource: table.id,
          field: "table.propagation",
          action: "set",
          text: sentence`Turn gateway route propagation back on with ${fieldRef(table.id, "table.propagation")} of ${table.name}, or give ${at} a route table that keeps it on.`,
        },
      });
    }
  }
  return out;
}

function tablesById(topology: Topology): (id: string) => RouteTable | undefined {
  const tables = new Map((topology.routeTables ?? []).map((t) => [t.id, t]));
  return (id) => tables.get(id);
}

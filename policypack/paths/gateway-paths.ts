import type { Cidr } from "../topology/cidr";
import type { Subnet } from "../topology/model";
import { compareText } from "../topology/order";
import type { PathFailure } from "./path-failure";
import { pathFailure } from "./path-failure";
import type { PathIndex } from "./path-index";
import { isGatewaySubnetName } from "./path-index";
import type { SubnetFlowPart } from "./subnet-flows";
import { subnetFlows } from "./subnet-flows";
import type { PathPart } from "./subnet-path";
import { subnetPaths } from "./subnet-path";

/** A network a gateway's clients have routes to (spec R1-R7), as paths need it. */
export interface RoutedNetwork {
  id: string;
  name: string;
  /** Reached over a VPN link (BGP), not through the gateway's own VNet. */
  overLink: boolean;
}

/** One subnet of a routed network, with its paths (P2-P4) and, when asked for, its flows (F4). */
export interface SubnetPaths {
  network: { id: string; name: string };
  subnet: Subnet;
  paths: PathPart[];
  /** Why parts fail, one per cause, for the part each first appears in. */
  failures: PathFailure[];
  /** Computed on first use: the policies need paths only, reports and port intents need flows. */
  flows(): SubnetFlowPart[];
}

export interface GatewayPaths {
  /** By network, then subnet name. */
  subnets: SubnetPaths[];
  /** Routed networks none of whose subnets has a working path (spec P5): routed, not reached; with their subnets. */
  blocked: Map<string, SubnetPaths[]>;
}

export interface GatewayPathInput {
  gateway: { name: string };
  pools: readonly Cidr[];
  homeVnet?: string;
  /** In the order reached; sites are left out by the caller (their return routes are outside the program). */
  routed: readonly RoutedNetwork[];
}

/** Spec P2-P5 for one P2S gateway over the subnets of every network its clients are routed to. */
export function gatewayPaths(index: PathIndex, input: GatewayPathInput): GatewayPaths {
  const subnets: SubnetPaths[] = [];
  const blocked = new Map<string, SubnetPaths[]>();
  if (index.subnetsByVnet.size === 0) return { subnets, blocked };
  const home = input.homeVnet !== undefined ? index.subnetsByVnet.get(input.homeVnet) : undefined;
  const gatewaySubnet = home?.find((s) => isGatewaySubnetName(s.name));
  const gatewayTable = gatewaySubnet?.table !== undefined ? index.tables.get(gatewaySubnet.table) : undefined;
  for (const network of input.routed) {
    const own = (index.subnetsByVnet.get(network.id) ?? []).filter((s) => !isGatewaySubnetName(s.name));
    const results = own.map((subnet) => {
      const paths = subnetPaths(index, {
        pools: input.pools,
        homeVnet: input.homeVnet,
        gatewaySubnet,
        overLink: network.overLink,
        subnet,
      });
      const table = typeof subnet.table === "string" ? index.tables.get(subnet.table) : undefined;
      const where = `${network.name}/${subnet.name}`;
      const context = {
        gateway: input.gateway,
        where,
        subnet,
        ...(gatewayTable ? { gatewayTable: { id: gatewayTable.id, name: gatewayTable.name } } : {}),
        ...(table ? { table: { id: table.id, name: table.name } } : {}),
      };
      const failures = new Map<string, PathFailure>();
      for (const part of paths) {
        const failure = pathFailure(context, part);
        if (failure && !failures.has(`${failure.code} ${failure.resource}`)) failures.set(`${failure.code} ${failure.resource}`, failure);
      }
      let flows: SubnetFlowPart[] | undefined;
      return {
        network: { id: network.id, name: network.name },
        subnet,
        paths,
        failures: [...failures.values()],
        flows: () => (flows ??= subnetFlows(index, subnet, paths)),
      };
    });
    subnets.push(...results);
    // Not checked is not a failure: only a sure failure of every part of every subnet takes a network out of access.
    if (results.length > 0 && results.every((r) => r.paths.every((p) => isFailure(p)))) blocked.set(network.id, results);
  }
  subnets.sort((a, b) => compareText(a.network.name, b.network.name) || compareText(a.subnet.name, b.subnet.name));
  return { subnets, blocked };
}

function isFailure(part: PathPart): boolean {
  return part.verdict === "asymmetric" || part.verdict === "no-return-route" || part.verdict === "dropped";
}

import { VpnGateway } from "../topology/model";
import { Reason } from "./findings";
import { peersOf, transitFailure, transitSpokes } from "./transit";
import { Link, TopologyIndex, nameOf } from "./topology-index";

/** How a network is reached from a P2S gateway, independent of the client platform. */
export type Reach =
  | { via: "home" }
  | { via: "peering" }
  | { via: "bgp"; link: Link; from: string };

// Shared: a hub can have thousands of peered spokes.
const HOME: Reach = { via: "home" };
const PEERING: Reach = { via: "peering" };

export interface GatewayReach {
  reached: Map<string, Reach>;
  /** R4: VNets whose prefixes non-Windows clients receive without access, with the reason. */
  nonBgpRoutes: Map<string, Reason>;
  /** Networks next to the reached ones that are not reached, with why. */
  unreached: Map<string, Reason[]>;
}

function addReason(map: Map<string, Reason[]>, id: string, reason: Reason): void {
  const list = map.get(id);
  if (list) list.push(reason);
  else map.set(id, [reason]);
}

/** Networks behind a node of the VPN graph: a gateway's VNet and its transit spokes (R6), or a site. */
function networksBehind(index: TopologyIndex, node: string): string[] {
  const gateway = index.gateways.get(node);
  if (!gateway) return index.networks.has(node) ? [node] : [];
  if (gateway.vnet === undefined) return [];
  return [gateway.vnet, ...transitSpokes(index, gateway)];
}

/**
 * One traversal per gateway: R1 home, R3 transit peers, then breadth-first over BGP links (R5)
 * with the transit spokes of every gateway reached (R6). Linear in the size of what it visits.
 */
export function reachFrom(index: TopologyIndex, gateway: VpnGateway): GatewayReach {
  const reached = new Map<string, Reach>();
  const nonBgpRoutes = new Map<string, Reason>();
  const unreached = new Map<string, Reason[]>();
  const home = gateway.vnet;
  if (home !== undefined && index.networks.has(home)) {
    reached.set(home, HOME);
    for (const peer of peersOf(index, home)) {
      if (!index.networks.has(peer)) continue;
      const failure = transitFailure(index, home, peer, gateway, "R3");
      if (failure) addReason(unreached, peer, failure);
      else reached.set(peer, PEERING);
    }
  }

  const visited = new Set<string>([gateway.id]);
  const queue = [gateway.id];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i];
    for (const link of index.linksByNode.get(node) ?? []) {
      const far = link.a === node ? link.b : link.a;
      if (visited.has(far)) continue;
      const behind = networksBehind(index, far);
      if (!link.up || !link.bgp) {
        const text = link.up ? (link.whyNoBgp as string) : (link.whyDown as string);
        const fix = link.fix as string;
        const reason = (subject: string): Reason => ({
          code: link.up ? "link-without-bgp" : "link-down",
          rule: link.up ? "R4" : "R5",
          subject,
          resources: link.fixResource ? [link.fixResource] : link.connections.map((c) => c.id),
          text,
          fix,
        });
        for (const id of behind) addReason(unreached, id, reason(nameOf(index, id)));
        const farGateway = index.gateways.get(far);
        if (link.up && node === gateway.id && link.kind === "Vnet2Vnet" && farGateway?.vnet !== undefined) {
          nonBgpRoutes.set(farGateway.vnet, reason(nameOf(index, farGateway.vnet)));
        }
        continue;
      }
      visited.add(far);
      queue.push(far);
      for (const id of behind) {
        if (!reached.has(id)) reached.set(id, { via: "bgp", link, from: node });
      }
    }
  }

  explainNonTransitive(index, home, reached, unreached);
  for (const id of reached.keys()) unreached.delete(id);
  return { reached, nonBgpRoutes, unreached };
}

/** A VNet peered with a reached VNet, other than the home VNet, is not reached: peering is not transitive. */
function explainNonTransitive(
  index: TopologyIndex,
  home: string | undefined,
  reached: Map<string, Reach>,
  unreached: Map<string, Reason[]>,
): void {
  for (const [id, reach] of reached) {
    if (reach.via === "home") continue;
    const network = index.networks.get(id);
    if (!network || network.kind !== "vnet") continue;
    const ownGateway = index.gatewaysByVnet.get(id)?.[0];
    // Most peers of a reached VNet are reached too: collect (and allocate) only the others.
    let unreachedPeers: Set<string> | undefined;
    for (const p of index.peeringsFrom.get(id) ?? []) if (p.to !== undefined && !reached.has(p.to)) (unreachedPeers ??= new Set()).add(p.to);
    for (const p of index.peeringsTo.get(id) ?? []) if (!reached.has(p.from)) (unreachedPeers ??= new Set()).add(p.from);
    for (const peer of unreachedPeers ?? []) {
      if (!index.networks.has(peer)) continue;
      const failure =
        reach.via === "bgp" && ownGateway ? transitFailure(index, id, peer, ownGateway, "R6") : undefined;
      addReason(
        unreached,
        peer,
        failure ?? {
          code: "non-transitive-peering",
          rule: "R3",
          subject: nameOf(index, peer),
          resources: [peer],
          text: `${nameOf(index, peer)} is peered with ${network.name}, not with ${nameOf(index, home)}; peering is not transitive`,
          fix: `Peer ${nameOf(index, peer)} directly with ${nameOf(index, home)}, with allowGatewayTransit on the ${nameOf(index, home)} side and useRemoteGateways on the ${nameOf(index, peer)} side.`,
        },
      );
    }
  }
}

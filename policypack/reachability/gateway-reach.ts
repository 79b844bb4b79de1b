import type { HubEntry } from "../paths/subnet-path";
import type { VpnGateway } from "../topology/model";
import { fieldRef, sentence } from "../topology/sentence";
import type { Reason } from "./findings";
import { peersOf, transitFailure, transitSpokes } from "./transit";
import type { Link, Network, TopologyIndex } from "./topology-index";
import { nameOf } from "./topology-index";

/** How a network is reached from a P2S gateway, independent of the client platform. */
export type Reach = { via: "home" } | { via: "peering" } | { via: "bgp"; link: Link; from: string } | { via: "hub"; entry: HubEntry };

// Shared: a hub can have thousands of peered spokes.
const HOME: Reach = { via: "home" };
const PEERING: Reach = { via: "peering" };

export interface GatewayReach {
  /** How each network is reached, by Network.ix; undefined where it is not. */
  how: (Reach | undefined)[];
  /** The reached networks, in the order they were reached. */
  reached: Network[];
  /** R4: VNets whose prefixes non-Windows clients receive without access, with the reason. */
  nonBgpRoutes: Map<Network, Reason>;
  /** Networks next to the reached ones that are not reached, with why; by Network.ix. */
  unreached: Map<number, Reason[]>;
  /** Reached networks with no working path to any subnet (spec P5): routed, not accessible; by Network.ix. */
  blocked: Set<number>;
}

/** How the network with this id is reached, if it is accessible: routed with a working path (spec P5). */
export function reachOf(index: TopologyIndex, reach: GatewayReach, id: string): Reach | undefined {
  const network = index.networks.get(id);
  return network && !reach.blocked.has(network.ix) ? reach.how[network.ix] : undefined;
}

function addReason(map: Map<number, Reason[]>, network: Network, reason: Reason): void {
  const list = map.get(network.ix);
  if (list) list.push(reason);
  else map.set(network.ix, [reason]);
}

/** Networks behind each node of the VPN graph, by index: the same for every P2S gateway's traversal. */
const behindByIndex = new WeakMap<TopologyIndex, Map<string, Network[]>>();

/**
 * Networks behind a node of the VPN graph: a gateway's VNet and its transit spokes (R6), or a
 * site. They do not depend on where the traversal comes from, so every P2S gateway shares them.
 */
function networksBehind(index: TopologyIndex, node: string): Network[] {
  let cache = behindByIndex.get(index);
  if (!cache) behindByIndex.set(index, (cache = new Map()));
  let behind = cache.get(node);
  if (!behind) {
    const gateway = index.gateways.get(node);
    const vnet = gateway ? (gateway.vnet === undefined ? undefined : index.networks.get(gateway.vnet)) : index.networks.get(node);
    behind = !vnet ? [] : gateway ? [vnet, ...transitSpokes(index, vnet, gateway)] : [vnet];
    cache.set(node, behind);
  }
  return behind;
}

/**
 * One traversal per gateway: R1 home, R3 transit peers, then breadth-first over BGP links (R5)
 * with the transit spokes of every gateway reached (R6). Linear in the size of what it visits;
 * its state is kept in arrays indexed by Network.ix rather than in maps keyed by URN.
 */
export function reachFrom(index: TopologyIndex, gateway: VpnGateway): GatewayReach {
  const how: (Reach | undefined)[] = new Array(index.networkList.length);
  const reached: Network[] = [];
  const nonBgpRoutes = new Map<Network, Reason>();
  const unreached = new Map<number, Reason[]>();
  const mark = (network: Network, reach: Reach) => {
    if (how[network.ix] !== undefined) return;
    how[network.ix] = reach;
    reached.push(network);
  };
  const home = gateway.vnet === undefined ? undefined : index.networks.get(gateway.vnet);
  if (home !== undefined) {
    mark(home, HOME);
    for (const peer of peersOf(index, home)) {
      const failure = transitFailure(index, home, peer, gateway, "R3");
      if (failure) addReason(unreached, peer, failure);
      else mark(peer, PEERING);
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
        const { why, fix } = link;
        const reason = (subject: string): Reason => ({
          code: link.up ? "link-without-bgp" : "link-down",
          rule: link.up ? "R4" : "R5",
          subject,
          resources: fix.resource ? [fix.resource] : link.connections.map((c) => c.id),
          text: why,
          fix,
        });
        for (const network of behind) addReason(unreached, network, reason(network.name));
        const farGateway = index.gateways.get(far);
        const farVnet = farGateway?.vnet === undefined ? undefined : index.networks.get(farGateway.vnet);
        if (link.up && node === gateway.id && link.kind === "Vnet2Vnet" && farVnet !== undefined) {
          nonBgpRoutes.set(farVnet, reason(farVnet.name));
        }
        continue;
      }
      visited.add(far);
      queue.push(far);
      const viaLink: Reach = { via: "bgp", link, from: node };
      for (const network of behind) mark(network, viaLink);
    }
  }

  explainNonTransitive(index, gateway.vnet, how, reached, unreached);
  for (const ix of [...unreached.keys()]) if (how[ix] !== undefined) unreached.delete(ix);
  return { how, reached, nonBgpRoutes, unreached, blocked: new Set() };
}

/** A VNet peered with a reached VNet, other than the home VNet, is not reached: peering is not transitive. */
function explainNonTransitive(
  index: TopologyIndex,
  homeId: string | undefined,
  how: (Reach | undefined)[],
  reached: Network[],
  unreached: Map<number, Reason[]>,
): void {
  for (const network of reached) {
    const reach = how[network.ix] as Reach;
    if (reach.via === "home" || network.kind !== "vnet") continue;
    // Most peers of a reached VNet are reached too: collect (and allocate) only the others.
    let unreachedPeers: Set<Network> | undefined;
    for (const e of index.edgesFrom[network.ix])
      if (e.to !== undefined && how[e.to.ix] === undefined) (unreachedPeers ??= new Set()).add(e.to);
    for (const e of index.edgesTo[network.ix])
      if (e.from !== undefined && how[e.from.ix] === undefined) (unreachedPeers ??= new Set()).add(e.from);
    if (!unreachedPeers) continue;
    const homeName = nameOf(index, homeId);
    const ownGateway = index.gatewaysByVnet.get(network.id)?.[0];
    for (const peer of unreachedPeers) {
      const failure = reach.via === "bgp" && ownGateway ? transitFailure(index, network, peer, ownGateway, "R6") : undefined;
      addReason(
        unreached,
        peer,
        failure ?? {
          code: "non-transitive-peering",
          rule: "R3",
          subject: peer.name,
          resources: [peer.id],
          text: sentence`${peer.name} is peered with ${network.name}, not with ${homeName}; peering is not transitive`,
          fix: {
            resource: peer.id,
            action: "declare",
            text: sentence`Peer ${peer.name} directly with ${homeName}, with ${fieldRef(homeId ?? peer.id, "peering.allowsTransit")} on the ${homeName} side and ${fieldRef(peer.id, "peering.usesRemoteGateway")} on the ${peer.name} side.`,
          },
        },
      );
    }
  }
}

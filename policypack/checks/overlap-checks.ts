import type { Cidr } from "../topology/cidr";
import { overlaps } from "../topology/cidr";
import { sortedTexts } from "../topology/order";
import type { FieldKey } from "../topology/sentence";
import { fieldRef, sentence } from "../topology/sentence";
import type { Finding } from "../reachability/findings";
import type { GatewayAnalysis } from "../reachability/results";
import type { Network, TopologyIndex } from "../reachability/topology-index";
import { peeringBetween } from "../reachability/topology-index";
import { finding } from "../reachability/findings";

/** Spec section 4: client pools that overlap what clients reach or route, and overlapping peered VNets. */
export function checkOverlaps(index: TopologyIndex, gateways: GatewayAnalysis[]): Finding[] {
  return [...gateways.flatMap((g) => poolOverlaps(index, g)), ...poolsAgainstPools(index, gateways), ...peeredOverlaps(index)];
}

/** The field that holds a pool: the gateway's own pool, or a user group's. */
function poolField(index: TopologyIndex, gatewayId: string, pool: Cidr): FieldKey {
  return (index.ownPools.get(gatewayId) ?? []).includes(pool) ? "gateway.clientPool" : "gateway.groupPool";
}

/**
 * Client pools that overlap one another: two pools of one gateway (its own and user groups'), or
 * pools of two gateways when the clients of either reach the other's VNet.
 */
function poolsAgainstPools(index: TopologyIndex, gateways: GatewayAnalysis[]): Finding[] {
  const findings: Finding[] = [];
  const report = (owner: GatewayAnalysis, pool: Cidr, other: GatewayAnalysis, otherPool: Cidr) => {
    const field = poolField(index, owner.id, pool);
    const where =
      other === owner
        ? `its client pool ${otherPool.text}`
        : `the client pool ${otherPool.text} of ${other.name}, whose VNet its clients reach`;
    findings.push(
      finding("address-overlap", {
        code: "pools-overlap",
        resource: owner.id,
        subject: `${pool.text} ${otherPool.text}`,
        related: other === owner ? [] : [other.id],
        problem: sentence`The client pool ${pool.text} of ${owner.name} overlaps ${where}, so clients can get the same address.`,
        fix: {
          resource: owner.id,
          field,
          action: "change",
          text: sentence`Give ${owner.name} a ${fieldRef(owner.id, field)} apart from every other client pool.`,
        },
      }),
    );
  };
  for (const g of gateways) {
    const pools = index.pools.get(g.id) ?? [];
    for (let i = 0; i < pools.length; i++)
      for (let j = i + 1; j < pools.length; j++) if (overlaps(pools[i], pools[j])) report(g, pools[j], g, pools[i]);
  }
  const reaches = (from: GatewayAnalysis, to: GatewayAnalysis) => {
    const home = to.vnet === undefined ? undefined : index.networks.get(to.vnet);
    return home !== undefined && from.reach.how[home.ix] !== undefined;
  };
  for (let a = 0; a < gateways.length; a++) {
    for (let b = a + 1; b < gateways.length; b++) {
      const [x, y] = [gateways[a], gateways[b]];
      if (!reaches(x, y) && !reaches(y, x)) continue;
      for (const p of index.pools.get(x.id) ?? []) for (const q of index.pools.get(y.id) ?? []) if (overlaps(p, q)) report(x, p, y, q);
    }
  }
  return findings;
}

/**
 * A gateway has one pool prefix or a few, so each network the clients reach or route (R4) is
 * compared with each of them: linear in the networks. Custom routes that overlap the pool are
 * reported once, by the custom-route check.
 */
function poolOverlaps(index: TopologyIndex, analysis: GatewayAnalysis): Finding[] {
  const pool = index.pools.get(analysis.id) ?? [];
  if (pool.length === 0) return [];
  const hits = new Map<string, { labels: Set<string>; ids: Set<string> }>();
  const visit = (network: Network) => {
    for (const cidr of network.prefixes) {
      for (const poolCidr of pool) {
        if (!overlaps(poolCidr, cidr)) continue;
        const hit = hits.get(poolCidr.text) ?? { labels: new Set<string>(), ids: new Set<string>() };
        hit.labels.add(`${cidr.text} of ${network.name}`);
        hit.ids.add(network.id);
        hits.set(poolCidr.text, hit);
      }
    }
  };
  for (const network of analysis.reach.reached) visit(network);
  for (const network of analysis.reach.nonBgpRoutes.keys()) visit(network);
  return [...hits.entries()].map(([poolText, hit]): Finding => {
    const field = poolField(index, analysis.id, pool.find((c) => c.text === poolText) as Cidr);
    return finding("address-overlap", {
      code: "pool-overlap",
      resource: analysis.id,
      subject: poolText,
      related: sortedTexts(hit.ids),
      problem: sentence`The client pool ${poolText} of ${analysis.name} overlaps ${sortedTexts(hit.labels).join(", ")}, so clients cannot tell their own addresses from those networks.`,
      fix: {
        resource: analysis.id,
        field,
        action: "change",
        text: sentence`Give ${analysis.name} a ${fieldRef(analysis.id, field)} that overlaps no VNet, site or route its clients use.`,
      },
    });
  });
}

function peeredOverlaps(index: TopologyIndex): Finding[] {
  const findings: Finding[] = [];
  for (const { peering: candidate, from, to } of index.edges) {
    if (!from || !to) continue;
    // Each pair once, on the same peering whatever the declaration order: the lower VNet's.
    const [a, b] = from.id < to.id ? [from, to] : [to, from];
    const peering = peeringBetween(index, a, b) ?? peeringBetween(index, b, a);
    if (peering !== candidate) continue;
    const clashes: string[] = [];
    for (const x of a.prefixes) for (const y of b.prefixes) if (overlaps(x, y)) clashes.push(`${x.text} and ${y.text}`);
    if (clashes.length === 0) continue;
    findings.push(
      finding("address-overlap", {
        code: "peered-prefix-overlap",
        resource: peering.id,
        related: [a.id, b.id],
        problem: sentence`${peering.name} peers ${a.name} and ${b.name}, whose address spaces overlap (${clashes.join("; ")}), so Azure refuses the peering.`,
        fix: {
          resource: b.id,
          field: "vnet.prefixes",
          action: "change",
          text: sentence`Re-address ${b.name} or ${a.name} so that their prefixes are disjoint.`,
        },
      }),
    );
  }
  return findings;
}

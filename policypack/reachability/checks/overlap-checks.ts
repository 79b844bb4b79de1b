import { overlaps } from "../../topology/cidr";
import { sortedTexts } from "../../topology/order";
import { fieldRef, sentence } from "../../topology/sentence";
import type { Finding } from "../findings";
import type { GatewayAnalysis } from "../results";
import type { Network, TopologyIndex } from "../topology-index";
import { peeringBetween } from "../topology-index";

/** Spec section 4: client pools that overlap what clients reach or route, and overlapping peered VNets. */
export function checkOverlaps(index: TopologyIndex, gateways: GatewayAnalysis[]): Finding[] {
  return [...gateways.flatMap((g) => poolOverlaps(index, g)), ...peeredOverlaps(index)];
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
  return [...hits.entries()].map(([poolText, hit]) => ({
    category: "address-overlap" as const,
    code: "pool-overlap" as const,
    resource: analysis.id,
    subject: poolText,
    related: sortedTexts(hit.ids),
    problem: sentence`The client pool ${poolText} of ${analysis.name} overlaps ${sortedTexts(hit.labels).join(", ")}, so clients cannot tell their own addresses from those networks.`,
    fix: {
      resource: analysis.id,
      field: "gateway.clientPool" as const,
      action: "change" as const,
      text: sentence`Give ${analysis.name} a ${fieldRef(analysis.id, "gateway.clientPool")} that overlaps no VNet, site or route its clients use.`,
    },
  }));
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
    findings.push({
      category: "address-overlap",
      code: "peered-prefix-overlap",
      resource: peering.id,
      related: [a.id, b.id],
      problem: sentence`${peering.name} peers ${a.name} and ${b.name}, whose address spaces overlap (${clashes.join("; ")}), so Azure refuses the peering.`,
      fix: { resource: b.id, field: "vnet.prefixes", action: "change", text: sentence`Re-address ${b.name} or ${a.name} so that their prefixes are disjoint.` },
    });
  }
  return findings;
}

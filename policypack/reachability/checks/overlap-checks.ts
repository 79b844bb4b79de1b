import { Cidr, PrefixIndex, overlaps } from "../../topology/cidr";
import { compareText, sortedTexts } from "../../topology/order";
import { Finding } from "../findings";
import { GatewayAnalysis } from "../engine";
import { TopologyIndex, pairKey } from "../topology-index";

interface Labelled {
  cidr: Cidr;
  label: string;
  id: string;
}

/** Spec section 4: client pools that overlap what clients reach or route, and overlapping peered VNets. */
export function checkOverlaps(index: TopologyIndex, gateways: GatewayAnalysis[]): Finding[] {
  return [...gateways.flatMap((g) => poolOverlaps(index, g)), ...peeredOverlaps(index)];
}

function poolOverlaps(index: TopologyIndex, analysis: GatewayAnalysis): Finding[] {
  const pool = index.pools.get(analysis.id) ?? [];
  if (pool.length === 0) return [];
  const candidates = new PrefixIndex<Labelled>();
  const listed = new Map<string, Labelled>();
  const addCandidate = (cidr: Cidr, label: string, id: string) => {
    const key = `${cidr.text}\u0000${id}`;
    if (listed.has(key)) return;
    const entry = { cidr, label, id };
    listed.set(key, entry);
    candidates.add(cidr, entry);
  };
  for (const id of analysis.reach.reached.keys()) {
    const network = index.networks.get(id);
    for (const cidr of network?.prefixes ?? []) addCandidate(cidr, `${cidr.text} of ${network?.name}`, id);
  }
  for (const [vnet] of analysis.reach.nonBgpRoutes) {
    const network = index.networks.get(vnet);
    for (const cidr of network?.prefixes ?? []) addCandidate(cidr, `${cidr.text} of ${network?.name}`, vnet);
  }
  // Custom routes that overlap the pool are reported once, by the custom-route check.

  const poolIndex = new PrefixIndex<Cidr>();
  for (const cidr of pool) poolIndex.add(cidr, cidr);
  const hits = new Map<string, Labelled[]>();
  const record = (poolCidr: Cidr, hit: Labelled) => {
    const list = hits.get(poolCidr.text) ?? [];
    if (!list.some((h) => h.label === hit.label)) list.push(hit);
    hits.set(poolCidr.text, list);
  };
  // Overlap means one contains the other: look both ways through the indexes.
  for (const cidr of pool) for (const hit of candidates.containing(cidr)) record(cidr, hit);
  for (const entry of listed.values()) for (const poolCidr of poolIndex.containing(entry.cidr)) record(poolCidr, entry);
  return [...hits.entries()].map(([poolText, list]) => ({
    category: "address-overlap" as const,
    code: "pool-overlap" as const,
    resource: analysis.id,
    related: sortedTexts(list.map((h) => h.id)),
    problem: `The client pool ${poolText} of ${analysis.name} overlaps ${list
      .map((h) => h.label)
      .sort(compareText)
      .join(", ")}, so clients cannot tell their own addresses from those networks.`,
    fix: `Give ${analysis.name} a vpnClientAddressPool that overlaps no VNet, site or route its clients use.`,
  }));
}

function peeredOverlaps(index: TopologyIndex): Finding[] {
  const findings: Finding[] = [];
  const done = new Set<string>();
  for (const peering of index.topology.peerings) {
    if (peering.to === undefined) continue;
    const key = peering.from < peering.to ? pairKey(peering.from, peering.to) : pairKey(peering.to, peering.from);
    if (done.has(key)) continue;
    done.add(key);
    const a = index.networks.get(peering.from);
    const b = index.networks.get(peering.to);
    if (!a || !b) continue;
    const clashes = a.prefixes.flatMap((x) => b.prefixes.filter((y) => overlaps(x, y)).map((y) => `${x.text} and ${y.text}`));
    if (clashes.length === 0) continue;
    findings.push({
      category: "address-overlap",
      code: "peered-prefix-overlap",
      resource: peering.id,
      related: [a.id, b.id],
      problem: `${peering.name} peers ${a.name} and ${b.name}, whose address spaces overlap (${clashes.join("; ")}), so Azure refuses the peering.`,
      fix: `Re-address ${b.name} or ${a.name} so that their prefixes are disjoint.`,
    });
  }
  return findings;
}

import type { Analysis } from "../reachability/results";
import type { Network, TopologyIndex } from "../reachability/topology-index";
import { nameOf, peeringBetween } from "../reachability/topology-index";
import { gatewayRunsBgp } from "../topology/gateway";

/** Mermaid's defaults: beyond either, it draws an error instead of the diagram. */
export const MERMAID_MAX_EDGES = 500;
export const MERMAID_MAX_TEXT_SIZE = 50_000;
/** Above this many networks, spokes of one hub are drawn as one node per hub and peering flags. */
export const GROUP_SPOKES_ABOVE = 30;

/** "none": a node per network; "named": spokes grouped, first and last named; "counted": grouped, counted only. */
export type SpokeGrouping = "none" | "named" | "counted";

export interface Diagram {
  grouping: SpokeGrouping;
  /** The flowchart source. */
  text: string;
  /** Arrows of any kind, as Mermaid counts them against maxEdges. */
  edges: number;
  /** VNets and sites. */
  networks: number;
  /** Spokes drawn inside a group node, and the group nodes. */
  grouped: number;
  groups: number;
}

/** "spoke2" before "spoke10", so a group's first and last spoke read as its range. */
function naturalCompare(a: string, b: string): number {
  const chunks = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const x = chunks(a);
  const y = chunks(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i], y[i]];
    const numeric = /^\d/.test(p) && /^\d/.test(q);
    const d = numeric ? Number(p) - Number(q) || p.length - q.length : p < q ? -1 : p > q ? 1 : 0;
    if (d !== 0) return d;
  }
  return x.length - y.length || (a < b ? -1 : a > b ? 1 : 0);
}

interface SpokeGroup {
  hub: Network;
  spokes: Network[];
  /** The peering flags every spoke shares with the hub: [hub to spoke, spoke to hub], undefined when absent. */
  hubSide?: { allowsTransit: boolean; usesRemoteGateway: boolean };
  spokeSide?: { allowsTransit: boolean; usesRemoteGateway: boolean };
}

/**
 * Spokes of one hub with the same peering flags: VNets with no gateway whose only neighbour (by
 * peering, either direction) is that hub. Only groups of two or more; keyed by spoke id.
 */
function spokeGroups(index: TopologyIndex, networks: Network[]): Map<string, SpokeGroup> {
  const groups = new Map<string, SpokeGroup>();
  for (const n of networks) {
    if (n.kind !== "vnet" || (index.gatewaysByVnet.get(n.id)?.length ?? 0) > 0) continue;
    const neighbours = new Set<Network>();
    for (const e of index.edgesFrom[n.ix]) if (e.to && e.to !== n) neighbours.add(e.to);
    for (const e of index.edgesTo[n.ix]) if (e.from && e.from !== n) neighbours.add(e.from);
    if (neighbours.size !== 1) continue;
    const hub = [...neighbours][0];
    const flags = (from: Network, to: Network) => {
      const p = peeringBetween(index, from, to);
      return p ? { allowsTransit: p.allowsTransit, usesRemoteGateway: p.usesRemoteGateway } : undefined;
    };
    const hubSide = flags(hub, n);
    const spokeSide = flags(n, hub);
    const key = JSON.stringify([hub.id, hubSide ?? null, spokeSide ?? null]);
    const group = groups.get(key) ?? { hub, spokes: [], hubSide, spokeSide };
    groups.set(key, group);
    group.spokes.push(n);
  }
  const bySpoke = new Map<string, SpokeGroup>();
  for (const g of groups.values()) if (g.spokes.length > 1) for (const s of g.spokes) bySpoke.set(s.id, g);
  return bySpoke;
}

/** A Mermaid flowchart of VNets, sites, peerings (with transit flags), links (BGP or not) and P2S clients. */
export function diagram(analysis: Analysis, grouping: SpokeGrouping = "none"): Diagram {
  const index = analysis.index;
  const ids = new Map<string, string>();
  const node = (id: string) => {
    if (!ids.has(id)) ids.set(id, `n${ids.size}`);
    return ids.get(id) as string;
  };
  const label = (text: string) => text.replace(/"/g, "'");
  const lines = ["flowchart LR"];
  let edges = 0;
  const edge = (line: string) => {
    lines.push(line);
    edges++;
  };
  const networks = [...index.networks.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const grouped = grouping === "none" ? new Map<string, SpokeGroup>() : spokeGroups(index, networks);
  for (const n of networks) {
    if (grouped.has(n.id)) continue;
    const text = label(`${n.name}<br/>${n.prefixes.map((c) => c.text).join(", ")}`);
    lines.push(n.kind === "site" ? `  ${node(n.id)}[("${text}")]` : `  ${node(n.id)}["${text}"]`);
  }
  // By hub, then first spoke, so "spoke2" comes before "spoke10".
  const names = new Map([...new Set(grouped.values())].map((g) => [g, g.spokes.map((s) => s.name).sort(naturalCompare)]));
  const groups = [...names.keys()].sort(
    (a, b) => naturalCompare(a.hub.name, b.hub.name) || naturalCompare(names.get(a)?.[0] ?? "", names.get(b)?.[0] ?? ""),
  );
  groups.forEach((g, i) => {
    const spokes = names.get(g) ?? [];
    const named = spokes.length <= 3 ? spokes.join(", ") : `${spokes[0]} … ${spokes[spokes.length - 1]}`;
    lines.push(`  g${i}["${label(grouping === "named" ? `${spokes.length} spokes: ${named}` : `${spokes.length} spokes`)}"]`);
  });
  const done = new Set<string>();
  for (const { peering: p, from, to } of index.edges) {
    if (!from || !to || grouped.has(from.id) || grouped.has(to.id)) continue;
    const key = [from.id, to.id].sort().join("\u0000");
    if (done.has(key)) continue;
    done.add(key);
    const back = peeringBetween(index, to, from);
    const flags = [p, back].flatMap((x) =>
      x
        ? [
            x.allowsTransit ? `${nameOf(index, x.from)} allows transit` : "",
            x.usesRemoteGateway ? `${nameOf(index, x.from)} uses remote gw` : "",
          ]
        : [],
    );
    const text = label(["peering", ...flags.filter((f) => f !== ""), back ? "" : "one way"].filter((f) => f !== "").join("<br/>"));
    edge(`  ${node(from.id)} ${back ? "---" : "-.-"}|"${text}"| ${node(to.id)}`);
  }
  groups.forEach((g, i) => {
    const { hubSide: h, spokeSide: s } = g;
    const flags = [
      h?.allowsTransit ? `${g.hub.name} allows transit` : "",
      h?.usesRemoteGateway ? `${g.hub.name} uses remote gw` : "",
      s?.allowsTransit ? "spokes allow transit" : "",
      s?.usesRemoteGateway ? "spokes use remote gw" : "",
      h && s ? "" : "one way",
    ];
    edge(`  ${node(g.hub.id)} ${h && s ? "---" : "-.-"}|"${label(["peerings", ...flags].filter((f) => f !== "").join("<br/>"))}"| g${i}`);
  });
  for (const link of index.links) {
    const end = (id: string) => index.gateways.get(id)?.vnet ?? id;
    const a = end(link.a);
    const b = end(link.b);
    if (!index.networks.has(a) || !index.networks.has(b)) continue;
    const text = `${link.kind}${link.bgp ? " BGP" : " no BGP"}${link.up ? "" : " (one side only)"}`;
    edge(`  ${node(a)} ${link.bgp ? "===" : "-.-"}|"${text}"| ${node(b)}`);
  }
  for (const g of analysis.gateways) {
    if (!g.vnet) continue;
    const clients = `p2s_${node(g.id)}`;
    const gateway = index.gateways.get(g.id);
    lines.push(`  ${clients}(["${label(`P2S clients of ${g.name}<br/>${g.clientPool.join(", ")}`)}"])`);
    edge(`  ${clients} -->|"${label(`${g.protocols.join(", ")}${gateway && gatewayRunsBgp(gateway) ? ", BGP" : ""}`)}"| ${node(g.vnet)}`);
  }
  return { grouping, text: lines.join("\n"), edges, networks: networks.length, grouped: grouped.size, groups: groups.length };
}

/** The flowchart source alone. */
export function mermaidDiagram(analysis: Analysis, grouping: SpokeGrouping = "none"): string {
  return diagram(analysis, grouping).text;
}

export function rendersInMermaid(d: Diagram): boolean {
  return d.edges <= MERMAID_MAX_EDGES && d.text.length <= MERMAID_MAX_TEXT_SIZE;
}

/**
 * The diagrams worth drawing, least detailed first: spokes counted, spokes named, and (up to
 * GROUP_SPOKES_ABOVE networks) every network; only those Mermaid renders, without repeats. `least`
 * is the least detailed diagram, renderable or not, to say why none is drawn.
 */
export function diagramChoices(analysis: Analysis): { choices: Diagram[]; least: Diagram } {
  const least = diagram(analysis, "counted");
  // Naming spokes adds characters, never fewer edges: if counting them does not render, nothing does.
  if (!rendersInMermaid(least)) return { choices: [], least };
  const all = [least, diagram(analysis, "named")];
  if (analysis.index.networks.size <= GROUP_SPOKES_ABOVE) all.push(diagram(analysis, "none"));
  const choices: Diagram[] = [];
  for (const d of all) if (rendersInMermaid(d) && !choices.some((c) => c.text === d.text)) choices.push(d);
  return { choices, least };
}

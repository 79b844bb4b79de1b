import type { PeeringFlags, TopologyView } from "./topology-view";

type ViewNetwork = TopologyView["networks"][number];

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
  hub: ViewNetwork;
  spokes: ViewNetwork[];
  /** The peering flags every spoke shares with the hub: hub to spoke, spoke to hub; undefined when absent. */
  hubSide?: PeeringFlags;
  spokeSide?: PeeringFlags;
  /** A Virtual WAN hub's connections: the table they are associated with, undefined for the default. */
  connected?: { table?: string | null };
}

/** Each network's peered neighbours, and the flags of the peering from one network to another. */
function peeringMaps(view: TopologyView) {
  const neighbours = new Map<string, Set<string>>();
  const between = new Map<string, PeeringFlags>();
  const hubTables = new Map<string, string | null | undefined>();
  const add = (a: string, b: string) => {
    if (a === b) return;
    const set = neighbours.get(a) ?? new Set<string>();
    set.add(b);
    neighbours.set(a, set);
  };
  for (const p of view.peerings) {
    add(p.a, p.b);
    add(p.b, p.a);
    between.set(`${p.a}\u0000${p.b}`, p.ab);
    if (p.ba) between.set(`${p.b}\u0000${p.a}`, p.ba);
    if (byKind(view, p.a) === "hub") hubTables.set(`${p.a}\u0000${p.b}`, p.hubTable);
  }
  return {
    neighbours,
    flags: (from: string, to: string) => between.get(`${from}\u0000${to}`),
    hubTable: (hub: string, spoke: string) => hubTables.get(`${hub}\u0000${spoke}`),
  };
}

const kinds = new WeakMap<TopologyView, Map<string, string>>();
function byKind(view: TopologyView, id: string): string | undefined {
  let map = kinds.get(view);
  if (!map) kinds.set(view, (map = new Map(view.networks.map((n) => [n.id, n.kind]))));
  return map.get(id);
}

/**
 * Spokes of one hub with the same peering flags: VNets with no gateway whose only neighbour (by
 * peering, either direction) is that hub. Only groups of two or more; keyed by spoke id.
 */
function spokeGroups(view: TopologyView): Map<string, SpokeGroup> {
  const byId = new Map(view.networks.map((n) => [n.id, n]));
  const { neighbours, flags, hubTable } = peeringMaps(view);
  const groups = new Map<string, SpokeGroup>();
  for (const n of view.networks) {
    if (n.kind !== "vnet" || n.gateways > 0) continue;
    const around = neighbours.get(n.id);
    if (around?.size !== 1) continue;
    const hub = byId.get([...around][0]);
    if (!hub) continue;
    const hubSide = flags(hub.id, n.id);
    const spokeSide = flags(n.id, hub.id);
    const connected = hub.kind === "hub" ? { table: hubTable(hub.id, n.id) } : undefined;
    const key = JSON.stringify([hub.id, hubSide ?? null, spokeSide ?? null, connected?.table ?? null]);
    const group = groups.get(key) ?? { hub, spokes: [], hubSide, spokeSide, ...(connected ? { connected } : {}) };
    groups.set(key, group);
    group.spokes.push(n);
  }
  const bySpoke = new Map<string, SpokeGroup>();
  for (const g of groups.values()) if (g.spokes.length > 1) for (const s of g.spokes) bySpoke.set(s.id, g);
  return bySpoke;
}

/** A Mermaid flowchart of VNets, sites, peerings (with transit flags), links (BGP or not), firewalls on P2S paths and P2S clients. */
export function diagram(view: TopologyView, grouping: SpokeGrouping = "none"): Diagram {
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
  const names = new Map(view.networks.map((n) => [n.id, n.name]));
  const grouped = grouping === "none" ? new Map<string, SpokeGroup>() : spokeGroups(view);
  for (const n of view.networks) {
    if (grouped.has(n.id)) continue;
    const text = label(`${n.name}<br/>${n.prefixes.join(", ")}`);
    lines.push(
      n.kind === "site"
        ? `  ${node(n.id)}[("${text}")]`
        : n.kind === "hub"
          ? `  ${node(n.id)}(("${label(`hub ${n.name}<br/>${n.prefixes.join(", ")}`)}"))`
          : `  ${node(n.id)}["${text}"]`,
    );
  }
  // By hub, then first spoke, so "spoke2" comes before "spoke10".
  const spokeNames = new Map([...new Set(grouped.values())].map((g) => [g, g.spokes.map((s) => s.name).sort(naturalCompare)]));
  const groups = [...spokeNames.keys()].sort(
    (a, b) => naturalCompare(a.hub.name, b.hub.name) || naturalCompare(spokeNames.get(a)?.[0] ?? "", spokeNames.get(b)?.[0] ?? ""),
  );
  groups.forEach((g, i) => {
    const spokes = spokeNames.get(g) ?? [];
    const named = spokes.length <= 3 ? spokes.join(", ") : `${spokes[0]} … ${spokes[spokes.length - 1]}`;
    lines.push(`  g${i}["${label(grouping === "named" ? `${spokes.length} spokes: ${named}` : `${spokes.length} spokes`)}"]`);
  });
  const connectionLabel = (table: string | null | undefined) =>
    label(table === undefined ? "hub connection" : `hub connection<br/>associated with ${table ?? "a table not known yet"}`);
  for (const { a, b, ab, ba, hubTable } of view.peerings) {
    if (grouped.has(a) || grouped.has(b)) continue;
    if (byKind(view, a) === "hub") {
      edge(`  ${node(a)} ---|"${connectionLabel(hubTable)}"| ${node(b)}`);
      continue;
    }
    const flagsOf = (from: string, f: PeeringFlags | undefined) =>
      f ? [f.allowsTransit ? `${names.get(from)} allows transit` : "", f.usesRemoteGateway ? `${names.get(from)} uses remote gw` : ""] : [];
    const flags = [...flagsOf(a, ab), ...flagsOf(b, ba)];
    const text = label(["peering", ...flags.filter((f) => f !== ""), ba ? "" : "one way"].filter((f) => f !== "").join("<br/>"));
    edge(`  ${node(a)} ${ba ? "---" : "-.-"}|"${text}"| ${node(b)}`);
  }
  groups.forEach((g, i) => {
    if (g.connected) {
      edge(`  ${node(g.hub.id)} ---|"${connectionLabel(g.connected.table).replace("hub connection", "hub connections")}"| g${i}`);
      return;
    }
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
  for (const link of view.links) {
    const text = `${link.kind}${link.bgp ? " BGP" : " no BGP"}${link.up ? "" : " (one side only)"}`;
    edge(`  ${node(link.a)} ${link.bgp ? "===" : "-.-"}|"${text}"| ${node(link.b)}`);
  }
  for (const a of view.appliances) {
    lines.push(`  ${node(a.id)}{{"${label(a.address === null ? `firewall ${a.name}` : `firewall ${a.name}<br/>${a.address}`)}"}}`);
    edge(`  ${node(a.vnet)} ---|"P2S traffic through it"| ${node(a.id)}`);
  }
  for (const c of view.clients) {
    const clients = `p2s_${node(c.id)}`;
    lines.push(`  ${clients}(["${label(`P2S clients of ${c.name}<br/>${c.pool.join(", ")}`)}"])`);
    edge(`  ${clients} -->|"${label(`${c.protocols.join(", ")}${c.bgp ? ", BGP" : ""}`)}"| ${node(c.vnet)}`);
  }
  return { grouping, text: lines.join("\n"), edges, networks: view.networks.length, grouped: grouped.size, groups: groups.length };
}

export function rendersInMermaid(d: Diagram): boolean {
  return d.edges <= MERMAID_MAX_EDGES && d.text.length <= MERMAID_MAX_TEXT_SIZE;
}

/**
 * The diagrams worth drawing, least detailed first: spokes counted, spokes named, and (up to
 * GROUP_SPOKES_ABOVE networks) every network; only those Mermaid renders, without repeats. `least`
 * is the least detailed diagram, renderable or not, to say why none is drawn.
 */
export function diagramChoices(view: TopologyView): { choices: Diagram[]; least: Diagram } {
  const least = diagram(view, "counted");
  // Naming spokes adds characters, never fewer edges: if counting them does not render, nothing does.
  if (!rendersInMermaid(least)) return { choices: [], least };
  const all = [least, diagram(view, "named")];
  if (view.networks.length <= GROUP_SPOKES_ABOVE) all.push(diagram(view, "none"));
  const choices: Diagram[] = [];
  for (const d of all) if (rendersInMermaid(d) && !choices.some((c) => c.text === d.text)) choices.push(d);
  return { choices, least };
}

import type { Analysis } from "../reachability/results";
import { gatewayRunsBgp, nameOf, peeringBetween } from "../reachability/topology-index";

/** A Mermaid flowchart of VNets, sites, peerings (with transit flags), links (BGP or not) and P2S clients. */
export function mermaidDiagram(analysis: Analysis): string {
  const index = analysis.index;
  const ids = new Map<string, string>();
  const node = (id: string) => {
    if (!ids.has(id)) ids.set(id, `n${ids.size}`);
    return ids.get(id) as string;
  };
  const label = (text: string) => text.replace(/"/g, "'");
  const lines = ["flowchart LR"];
  const networks = [...index.networks.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const n of networks) {
    const text = label(`${n.name}<br/>${n.prefixes.map((c) => c.text).join(", ")}`);
    lines.push(n.kind === "site" ? `  ${node(n.id)}[("${text}")]` : `  ${node(n.id)}["${text}"]`);
  }
  const done = new Set<string>();
  for (const { peering: p, from, to } of index.edges) {
    if (!from || !to) continue;
    const key = [from.id, to.id].sort().join("\u0000");
    if (done.has(key)) continue;
    done.add(key);
    const back = peeringBetween(index, to, from);
    const flags = [p, back].flatMap((x) =>
      x ? [x.allowsTransit ? `${nameOf(index, x.from)} allows transit` : "", x.usesRemoteGateway ? `${nameOf(index, x.from)} uses remote gw` : ""] : [],
    );
    const text = label(["peering", ...flags.filter((f) => f !== ""), back ? "" : "one way"].filter((f) => f !== "").join("<br/>"));
    lines.push(`  ${node(from.id)} ${back ? "---" : "-.-"}|"${text}"| ${node(to.id)}`);
  }
  for (const link of index.links) {
    const end = (id: string) => index.gateways.get(id)?.vnet ?? id;
    const a = end(link.a);
    const b = end(link.b);
    if (!index.networks.has(a) || !index.networks.has(b)) continue;
    const text = `${link.kind}${link.bgp ? " BGP" : " no BGP"}${link.up ? "" : " (one side only)"}`;
    lines.push(`  ${node(a)} ${link.bgp ? "===" : "-.-"}|"${text}"| ${node(b)}`);
  }
  for (const g of analysis.gateways) {
    if (!g.vnet) continue;
    const clients = `p2s_${node(g.id)}`;
    const gateway = index.gateways.get(g.id);
    lines.push(`  ${clients}(["${label(`P2S clients of ${g.name}<br/>${g.clientPool.join(", ")}`)}"])`);
    lines.push(`  ${clients} -->|"${label(`${g.protocols.join(", ")}${gateway && gatewayRunsBgp(gateway) ? ", BGP" : ""}`)}"| ${node(g.vnet)}`);
  }
  return lines.join("\n");
}

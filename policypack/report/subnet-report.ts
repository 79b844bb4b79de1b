import type { SubnetPaths } from "../paths/gateway-paths";
import { applianceLabel } from "../paths/next-hop";
import type { FlowRule, SubnetFlowPart } from "../paths/subnet-flows";
import { flowRuleText } from "../paths/subnet-flows";
import { describeFlows } from "../filters/describe-flows";
import type { ForwardHop, PathPart, ReturnHop } from "../paths/subnet-path";
import type { Protocol } from "../filters/flow-set";
import { ALL_PORTS, cidrTexts, portsText } from "../filters/flow-set";
import type { Spell } from "../topology/sentence";
import { renderSentence } from "../topology/sentence";

/** The JSON contract of one subnet of a routed network: its paths per pool part, and its flows (spec P4, F4). */
export interface SubnetReport {
  network: string;
  name: string;
  prefixes: string[];
  paths: {
    pool: string;
    /** "direct", "via <address or resource name>", "dropped"; "not-checked" when the GatewaySubnet's table is not known. */
    forward: string;
    /** "gateway", "via <address or resource name>", "none"; "not-checked" when the subnet's table is not known. */
    return: string;
    verdict: PathPart["verdict"];
    /** Why a path fails or is not checked; null when it works. */
    reason: string | null;
  }[];
  /** One line for reports: "app/web · direct · TCP 443 from every pool; everything else denied by nsg-web/deny-all (4000)". */
  summary: string;
  /** A partition of the client pools x {tcp, udp, icmp} x ports 0-65535. */
  flows: { sources: string[]; protocol: Protocol; ports: string[]; verdict: "allowed" | "denied" | "not-checked"; rule: string }[];
}

function forwardText(hop: ForwardHop): string {
  return hop.kind === "via" ? `via ${applianceLabel(hop.hop)}` : hop.kind === "unknown" ? "not-checked" : hop.kind;
}

function returnText(hop: ReturnHop): string {
  return hop.kind === "via" ? `via ${applianceLabel(hop.hop)}` : hop.kind === "unknown" ? "not-checked" : hop.kind;
}

function reasonOf(subnet: SubnetPaths, part: PathPart, spell: Spell): string | null {
  const failure = subnet.failureOf.get(part);
  if (failure) return renderSentence(failure.text, spell);
  if (part.forward.kind === "unknown") return part.forward.why;
  if (part.back.kind === "unknown") return `the return path is not checked: ${part.back.why}`;
  return null;
}

/** "direct", "via 10.0.3.4", "asymmetric for 172.16.201.0/25, direct for 172.16.201.128/25". */
function pathSummary(parts: readonly PathPart[]): string {
  const groups = new Map<string, string[]>();
  for (const part of parts) {
    const working = part.verdict === "ok" || part.verdict === "ok-via-appliance";
    const key = working ? forwardText(part.forward) : part.verdict === "not-checked" ? "path not checked" : part.verdict;
    groups.set(key, [...(groups.get(key) ?? []), part.pool]);
  }
  if (groups.size <= 1) return [...groups.keys()][0] ?? "no pool";
  return [...groups].map(([key, pools]) => `${key} for ${pools.join(", ")}`).join(", ");
}

/** A deciding rule in a one-line summary: the failing path by its verdict, filters as the JSON names them. */
function summaryRule(rule: FlowRule): string {
  return rule.by === "path" ? `the ${rule.verdict} path` : flowRuleText(rule);
}

function flowSummary(parts: readonly SubnetFlowPart[]): string {
  if (parts.length === 1 && parts[0].verdict === "allowed" && parts[0].rule.by === "no filter")
    return "everything allowed: no network security group";
  // A one-line summary names the deciding rules; why a firewall denies by default goes without saying there.
  return describeFlows(
    parts.map((p) => (p.verdict === "denied" ? { verdict: p.verdict, rule: p.rule, flows: p.flows } : p)),
    summaryRule,
  );
}

export function subnetReport(subnet: SubnetPaths, spell: Spell): SubnetReport {
  const parts = subnet.flows();
  const flows: SubnetReport["flows"] = [];
  for (const part of parts) {
    // Rows with the same protocol and ports make one entry, whatever their addresses.
    const entries = new Map<string, SubnetReport["flows"][number]>();
    for (const row of part.flows.rows()) {
      const ports =
        row.protocol === "icmp" ? ["*"] : row.ports.map(([a, b]) => (a === ALL_PORTS[0] && b === ALL_PORTS[1] ? "*" : portsText([[a, b]])));
      const key = `${row.protocol} ${ports.join(",")}`;
      const entry = entries.get(key);
      const sources = cidrTexts(row.family, row.first, row.last);
      if (entry) entry.sources.push(...sources);
      else
        entries.set(key, {
          sources,
          protocol: row.protocol,
          ports,
          verdict: part.verdict === "not checked" ? "not-checked" : part.verdict,
          rule: flowRuleText(part.rule),
        });
    }
    flows.push(...entries.values());
  }
  return {
    network: subnet.network.name,
    name: subnet.subnet.name,
    prefixes: subnet.subnet.prefixes,
    summary: `${subnet.network.name}/${subnet.subnet.name} · ${pathSummary(subnet.paths)} · ${flowSummary(parts)}`,
    paths: subnet.paths.map((part) => ({
      pool: part.pool,
      forward: forwardText(part.forward),
      return: returnText(part.back),
      verdict: part.verdict,
      reason: reasonOf(subnet, part, spell),
    })),
    flows,
  };
}

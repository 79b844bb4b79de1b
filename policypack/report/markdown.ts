import { addRouteCommand } from "../findings/windows-connection";
import type { Analysis } from "../reachability/results";
import type { GatewayRouteChange } from "../reachability/route-diff";
import { clientRows, gatewaySettings } from "./client-rows";
import { dnsLines } from "./dns-lines";
import { mermaidDiagram } from "./mermaid";
import type { GatewayReport, Report, ViolationReport } from "./report-model";
import { routeChangeLines } from "./route-changes";
import { verdict } from "./verdict";

function cell(values: string[]): string {
  return values.length === 0 ? "–" : values.map((v) => `\`${v}\``).join("<br>");
}

function escape(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/</g, "&lt;");
}

function violationItems(violations: ViolationReport[]): string[] {
  return violations.map((v) => `- **${v.policy}**${v.resource ? ` on \`${v.resource}\`` : ""}: ${escape(v.message)}`);
}

/** A pull-request comment: verdict, per-gateway tables, violations, diagram, commands, route changes. */
export function renderMarkdown(report: Report, analysis: Analysis, changes: GatewayRouteChange[]): string {
  const out = [`## P2S reachability: ${verdict(report)}`, ""];
  for (const g of report.gateways) {
    out.push(`### ${g.name}`, "", `VNet \`${g.vnet ?? "unresolved"}\`, client pools ${cell(g.clientPools)}, ${gatewaySettings(g)}.`, "");
    out.push("| Platform · client | Routes | Reachable | Manual routes |", "|---|---|---|---|");
    for (const r of clientRows(g)) {
      out.push(`| ${r.canConnect ? r.client : `**${r.client}**`} | ${cell(r.routes)} | ${r.access.join(", ") || "–"} | ${cell(r.manualRoutes)} |`);
    }
    out.push("");
    const dns = dnsLines(g);
    if (dns.length > 0) out.push(...dns.map((l) => `- ${escape(l)}`), "");
  }
  const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory");
  const advisory = report.violations.filter((v) => v.enforcementLevel === "advisory");
  if (mandatory.length > 0) out.push("### Mandatory violations", "", ...violationItems(mandatory), "");
  if (advisory.length > 0) out.push("### Advisory violations", "", ...violationItems(advisory), "");
  // Only the Windows built-in client installs a static route list; the others receive their routes.
  const builtin = (g: GatewayReport) => g.clients.find((c) => c.routeSource === "static" && c.platforms.includes("windows"));
  const commands = report.gateways.filter((g) => (builtin(g)?.manualRoutes.length ?? 0) > 0);
  if (commands.length > 0) {
    out.push("### Routes users of the Windows built-in client must add", "");
    for (const g of commands) {
      out.push(`${g.name} (run in PowerShell after connecting once):`, "", "```powershell");
      out.push(...(builtin(g)?.manualRoutes ?? []).map((p) => addRouteCommand(g.vpnConnectionName, p)));
      out.push("```", "");
    }
  }
  if (changes.length > 0) {
    out.push("### Route changes in this preview", "");
    for (const c of changes) out.push(`**${c.name}**`, "", ...routeChangeLines(c).map((l) => `- ${l}`), "");
  }
  out.push("<details><summary>Topology</summary>", "", "```mermaid", mermaidDiagram(analysis), "```", "", "</details>", "");
  if (report.notes.length > 0) out.push("<details><summary>Notes</summary>", "", ...report.notes.map((n) => `- ${escape(n)}`), "", "</details>", "");
  return out.join("\n");
}

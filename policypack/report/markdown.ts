import { addRouteCommand } from "../findings/windows-connection";
import type { Analysis } from "../reachability/results";
import type { GatewayRouteChange } from "../reachability/route-diff";
import { PLATFORM_LABELS } from "../reachability/platforms";
import { PLATFORMS } from "../topology/model";
import { mermaidDiagram } from "./mermaid";
import type { Report, ViolationReport } from "./report-model";
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
    out.push(`### ${g.name}`, "", `VNet \`${g.vnet ?? "unresolved"}\`, client pool ${cell(g.clientAddressPool)}, protocols ${g.protocols.join(", ")}.`, "");
    out.push("| Platform | Connects | Routes | Reachable | Manual routes |", "|---|---|---|---|---|");
    for (const p of PLATFORMS) {
      const r = g.platforms[p];
      out.push(`| ${PLATFORM_LABELS[p]} | ${r.canConnect ? "yes" : "**no**"} | ${cell(r.routes)} | ${r.access.join(", ") || "–"} | ${cell(r.manualRoutes)} |`);
    }
    out.push("");
  }
  const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory");
  const advisory = report.violations.filter((v) => v.enforcementLevel === "advisory");
  if (mandatory.length > 0) out.push("### Mandatory violations", "", ...violationItems(mandatory), "");
  if (advisory.length > 0) out.push("### Advisory violations", "", ...violationItems(advisory), "");
  const commands = report.gateways.filter((g) => g.platforms.windows.manualRoutes.length > 0);
  if (commands.length > 0) {
    out.push("### Routes Windows users must add", "");
    for (const g of commands) {
      const connection = g.vpnConnectionName;
      out.push(`${g.name} (run in PowerShell after connecting once):`, "", "```powershell");
      out.push(...g.platforms.windows.manualRoutes.map((p) => addRouteCommand(connection, p)));
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

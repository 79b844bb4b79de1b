import type { Report } from "./report-model";
import { routeChangeLines } from "./route-changes";
import { gatewayTables } from "./text-table";
import { verdict } from "./verdict";

/** The terminal rendering of p2s-check. */
export function renderText(report: Report): string {
  const out = [`P2S reachability: ${verdict(report)}`, "", ...gatewayTables(report.gateways)];
  if (report.violations.length > 0) {
    out.push("Violations:");
    for (const v of report.violations)
      out.push(`  [${v.enforcementLevel}] ${v.policy}${v.resource ? ` (${v.resource})` : ""}`, `      ${v.message}`);
    out.push("");
  }
  if (report.routeChanges.length > 0) {
    out.push("Route changes:");
    for (const c of report.routeChanges) out.push(`  ${c.name}:`, ...routeChangeLines(c).map((l) => `      ${l}`));
    out.push("");
  }
  if (report.notes.length > 0) out.push("Notes:", ...report.notes.map((n) => `  - ${n}`), "");
  return out.join("\n");
}

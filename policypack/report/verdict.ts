import type { Report } from "./report-model";

/** One line: the outcome a reviewer reads first. */
export function verdict(report: Report): string {
  const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory").length;
  const advisory = report.violations.length - mandatory;
  const gateways = `${report.gateways.length} P2S gateway${report.gateways.length === 1 ? "" : "s"}`;
  if (mandatory > 0) return `❌ ${mandatory} mandatory and ${advisory} advisory violation${mandatory + advisory === 1 ? "" : "s"} (${gateways})`;
  if (advisory > 0) return `⚠️ ${advisory} advisory violation${advisory === 1 ? "" : "s"}, no mandatory one (${gateways})`;
  const notRead = report.coverage.resourcesNotRead.reduce((n, r) => n + r.count, 0);
  if (report.coverage.resourcesRead === 0) return `⚠️ nothing checked: no Azure network resource the pack reads${notRead > 0 ? ` (${notRead} not read)` : ""}`;
  if (notRead > 0) return `⚠️ no violation in what was read (${gateways}); ${notRead} network resource${notRead === 1 ? "" : "s"} not read`;
  return `✅ no violation (${gateways})`;
}

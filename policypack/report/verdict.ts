import type { Report } from "./report-model";

/** One line: the outcome a reviewer reads first. */
export function verdict(report: Report): string {
  const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory").length;
  const advisory = report.violations.length - mandatory;
  const gateways = `${report.gateways.length} P2S gateway${report.gateways.length === 1 ? "" : "s"}`;
  if (mandatory > 0) return `❌ ${mandatory} mandatory and ${advisory} advisory violation${mandatory + advisory === 1 ? "" : "s"} (${gateways})`;
  if (advisory > 0) return `⚠️ ${advisory} advisory violation${advisory === 1 ? "" : "s"}, no mandatory one (${gateways})`;
  return `✅ no violation (${gateways})`;
}

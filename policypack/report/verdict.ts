import type { Report } from "./report-model";

/** One line: the outcome a reviewer reads first. */
export function verdict(report: Report): string {
  const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory").length;
  const advisory = report.violations.length - mandatory;
  const gateways = count(report.gateways.length, "P2S gateway");
  if (mandatory > 0)
    return `❌ ${count(mandatory, "mandatory violation")}${advisory > 0 ? ` and ${count(advisory, "advisory violation")}` : ""} (${gateways})`;
  if (advisory > 0) return `⚠️ ${count(advisory, "advisory violation")}, no mandatory one (${gateways})`;
  const notRead = report.coverage.resourcesNotRead.reduce((n, r) => n + r.count, 0);
  if (report.coverage.resourcesRead === 0)
    return `⚠️ nothing checked: no Azure network resource the pack reads${notRead > 0 ? ` (${notRead} not read)` : ""}`;
  if (notRead > 0) return `⚠️ no violation in what was read (${gateways}); ${count(notRead, "network resource")} not read`;
  return `✅ no violation (${gateways})`;
}

/** "1 advisory violation", "2 advisory violations". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

import type { Problem } from "./violation";
import type { Finding, FindingCategory } from "../reachability/findings";

/** The area of each category in finding codes: "transit.one-way-peering". */
const AREA: Record<FindingCategory, string> = {
  "gateway-transit": "transit",
  "address-overlap": "overlap",
  "client-protocols": "protocols",
  "bgp-config": "bgp",
  "gateway-settings": "settings",
  "retired-features": "retired",
  "windows-manual-routes": "routes",
  "unreachable-routes": "routes",
  "dns-resolution": "dns",
  "gateway-subnet": "gateway-subnet",
  "return-path": "path",
  "virtual-wan-settings": "vwan",
  "virtual-wan-server": "vwan",
  "virtual-wan-routing": "vwan",
};

export function findingProblem(finding: Finding): Problem {
  const resource = finding.resource;
  const code = `${AREA[finding.category]}.${finding.code}`;
  const change = { resource: finding.fix.resource, field: finding.fix.field, action: finding.fix.action };
  // Two literals rather than a spread of a conditional object: thousands of path findings pass here.
  return finding.subject !== undefined
    ? { resource, code, subject: finding.subject, problem: finding.problem, fix: finding.fix.text, change, related: finding.related }
    : { resource, code, problem: finding.problem, fix: finding.fix.text, change, related: finding.related };
}

/** The configuration checks of one category, as problems. */
export function findingsOf(findings: readonly Finding[], category: FindingCategory): Problem[] {
  return findings.filter((f) => f.category === category).map(findingProblem);
}

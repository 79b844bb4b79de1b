import { analyze } from "../../policypack/pipeline/analyze";
import type { Finding, FindingCategory } from "../../policypack/reachability/findings";
import type { Topology } from "../../policypack/topology/model";

/** Findings of the other checks (manual routes, routes that lead nowhere, DNS), which their own tests cover. */
const OTHERS: readonly FindingCategory[] = ["windows-manual-routes", "unreachable-routes", "dns-resolution"];

/** The findings of the configuration checks of spec section 4, in the analysis' order. */
export function configurationFindings(topology: Topology): Finding[] {
  return analyze(topology).findings.filter((f) => !OTHERS.includes(f.category));
}

import { describeFlows } from "./describe-flows";
import type { NsgFlowPart } from "./nsg";
import { ruleText } from "./nsg";

/** `describeFlows` for one NSG's parts: "TCP 443 from every pool; everything else denied by nsg-app rule deny-all (priority 4000)". */
export function describeNsgFlows(parts: readonly NsgFlowPart[]): string {
  return describeFlows(parts, ruleText);
}

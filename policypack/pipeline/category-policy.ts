import type { FindingCategory } from "../reachability/findings";
import { findingsOf } from "./finding-problems";
import type { StackPolicyModule } from "./policy-module";

/** A stack policy that reports the configuration checks of one category. */
export function categoryPolicy(metadata: Omit<StackPolicyModule, "kind" | "problems">, category: FindingCategory): StackPolicyModule {
  return { ...metadata, kind: "stack", problems: (stack) => findingsOf(stack.analysis.findings, category) };
}

import type { StackAnalysis } from "./stack-analysis";
import type { Violation } from "./violation";
import { compareViolations, toViolation } from "./violation";
import type { PolicyModule } from "./policy-module";

/** The violations of one policy, given that policy's own configuration; sorted. */
export function violationsOf(policy: PolicyModule, stack: StackAnalysis, config: Record<string, unknown> = {}): Violation[] {
  return policy
    .problems(stack, config)
    .map((p) => toViolation(stack, policy.name, p))
    .sort(compareViolations);
}

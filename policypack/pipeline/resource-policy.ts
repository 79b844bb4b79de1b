import type { Finding } from "../reachability/findings";
import type { Topology } from "../topology/model";
import { findingProblem } from "./finding-problems";
import type { ResourcePolicyModule } from "./policy-module";

/** A resource policy whose stack-wide problems are its findings over every gateway and site of the stack. */
export function resourcePolicy(
  metadata: Omit<ResourcePolicyModule, "kind" | "findings" | "problems">,
  findings: (topology: Topology) => Finding[],
): ResourcePolicyModule {
  return { ...metadata, kind: "resource", findings, problems: (stack) => findings(stack.extraction.topology).map(findingProblem) };
}

import type { PolicyResource, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { toPlain } from "../extract/plain";
import type { RawResource } from "../extract/raw-resource";
import { toRawResource } from "../extract/raw-resource";
import type { StackAnalysis } from "../findings/stack-analysis";
import { analyzeResources } from "../findings/stack-analysis";
import type { PolicyModule } from "./policy-module";
import { violationsOf } from "./violations-of";

/** Reads a PolicyResource without touching the unknown-checking proxy's throwing path. */
function fromPolicyResource(r: PolicyResource): RawResource {
  const { type, urn, name, parent, dependencies, propertyDependencies } = r;
  return toRawResource({ type, urn, name, props: toPlain(r.props), parent, dependencies, propertyDependencies });
}

let cached: { key: string; value: StackAnalysis } | undefined;

/**
 * @pulumi/policy hands every stack policy its own copy of the resources, one policy after the
 * other within the same turn of the event loop. The analysis is computed for the first and reused
 * by the rest; it is dropped before the next request can arrive.
 */
export function stackAnalysis(args: StackValidationArgs): StackAnalysis {
  const key = args.resources.map((r) => r.urn).join("\n");
  if (cached && cached.key === key) return cached.value;
  const value = analyzeResources(args.resources.map(fromPolicyResource));
  cached = { key, value };
  setImmediate(() => {
    if (cached?.value === value) cached = undefined;
  });
  return value;
}

/** A stack policy reporting one policy's violations against the resource each one names. */
export function stackPolicy(policy: PolicyModule): StackValidationPolicy {
  return {
    name: policy.name,
    description: policy.description,
    enforcementLevel: policy.enforcementLevel,
    severity: policy.severity,
    tags: policy.tags,
    url: policy.url,
    remediationSteps: policy.remediationSteps,
    ...(policy.configSchema ? { configSchema: policy.configSchema } : {}),
    validateStack: (args, reportViolation) => {
      for (const violation of violationsOf(policy, stackAnalysis(args), args.getConfig<Record<string, unknown>>())) {
        reportViolation(violation.message, violation.urn);
      }
    },
  };
}

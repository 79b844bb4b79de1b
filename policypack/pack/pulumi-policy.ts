import type { PolicyResource, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { extractTopology } from "../extract/extract-topology";
import { toPlain } from "../extract/plain";
import type { RawResource } from "../extract/raw-resource";
import { toRawResource } from "../extract/raw-resource";
import type { StackAnalysis } from "../pipeline/stack-analysis";
import { analyzeExtraction, analyzeResources } from "../pipeline/stack-analysis";
import type { PolicyModule, ResourcePolicyModule } from "../pipeline/policy-module";
import { isSecretBox, keepSecretMarks } from "./secret-marks";
import { violationsOf } from "../pipeline/violations-of";

/** Reads a PolicyResource without touching the unknown-checking proxy's throwing path. */
function fromPolicyResource(r: PolicyResource): RawResource {
  const { type, urn, name, parent, dependencies, propertyDependencies } = r;
  return toRawResource({ type, urn, name, props: toPlain(r.props, isSecretBox), parent, dependencies, propertyDependencies });
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

/** The @pulumi/policy policy for a module: a stack policy, or a resource policy for resource modules. */
export function pulumiPolicy(policy: PolicyModule): StackValidationPolicy | ResourceValidationPolicy {
  if (!keepSecretMarks()) throw new Error("@pulumi/policy no longer has the deserializer that keeps secret marks; see secret-marks.ts");
  return policy.kind === "resource" ? resourcePolicy(policy) : stackPolicy(policy);
}

/**
 * A resource policy: the one resource is extracted alone (inputs in a preview, the provider's
 * outputs in an audit: azure-native names both alike) and only its own settings are checked.
 */
function resourcePolicy(policy: ResourcePolicyModule): ResourceValidationPolicy {
  return {
    ...metadata(policy),
    validateResource: (args, reportViolation) => {
      const { type, urn, name } = args;
      const stack = analyzeExtraction(extractTopology([toRawResource({ type, urn, name, props: toPlain(args.props, isSecretBox) })]));
      for (const violation of violationsOf(policy, stack)) reportViolation(violation.message, urn);
    },
  };
}

function metadata(policy: PolicyModule) {
  return {
    name: policy.name,
    description: policy.description,
    enforcementLevel: policy.enforcementLevel,
    severity: policy.severity,
    tags: policy.tags,
    remediationSteps: policy.remediationSteps,
    // No link at all rather than one to a page that may not exist (see documentation.ts).
    ...(policy.url !== undefined ? { url: policy.url } : {}),
    ...(policy.configSchema ? { configSchema: policy.configSchema } : {}),
  };
}

/** A stack policy reporting one policy's violations against the resource each one names. */
function stackPolicy(policy: PolicyModule): StackValidationPolicy {
  return {
    ...metadata(policy),
    validateStack: (args, reportViolation) => {
      for (const violation of violationsOf(policy, stackAnalysis(args), args.getConfig<Record<string, unknown>>())) {
        reportViolation(violation.message, violation.urn);
      }
    },
  };
}

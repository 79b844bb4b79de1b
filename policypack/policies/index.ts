import { StackValidationPolicy } from "@pulumi/policy";
import { POLICY_DEFINITIONS, PolicyDefinition } from "../violations/definitions";
import { violationsOf } from "../violations/compute";
import { stackAnalysis } from "./shared-analysis";

/** A stack policy reporting one policy's violations against the resource each one names. */
export function stackPolicy(definition: PolicyDefinition): StackValidationPolicy {
  return {
    name: definition.name,
    description: definition.description,
    enforcementLevel: definition.enforcementLevel,
    remediationSteps: definition.remediationSteps,
    ...(definition.configSchema ? { configSchema: definition.configSchema } : {}),
    validateStack: (args, reportViolation) => {
      const config = args.getConfig<Record<string, unknown>>();
      for (const violation of violationsOf(definition.name, stackAnalysis(args), config)) {
        reportViolation(violation.message, violation.urn);
      }
    },
  };
}

export const policies: StackValidationPolicy[] = POLICY_DEFINITIONS.map(stackPolicy);

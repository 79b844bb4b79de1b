import type { Problem } from "./violation";
import type { StackAnalysis } from "./stack-analysis";
import type { Finding } from "../reachability/findings";
import type { Topology } from "../topology/model";
import { PLATFORMS } from "../topology/model";

/** Each policy's page in the repository, when package.json says where the repository is; see documentation.ts. */
export { documentationUrl } from "./documentation";

export type EnforcementLevel = "advisory" | "mandatory" | "disabled";
/** As Pulumi Cloud sorts and filters findings. */
export type Severity = "low" | "medium" | "high" | "critical";

/** A JSON schema fragment, as Pulumi's policy configuration takes it. */
export type JsonSchema = { [key: string]: unknown };

/** One policy: what the pack declares to Pulumi, and how it turns the analysis into problems. */
export type PolicyModule = StackPolicyModule | ResourcePolicyModule;

/** A policy over the whole stack (the topology): @pulumi/policy runs it once per preview. */
export interface StackPolicyModule extends PolicyMetadata {
  kind: "stack";
}

/**
 * A policy over single resources: @pulumi/policy runs it on each resource, where stack policies
 * cannot run too (audits of discovered resources in Pulumi Cloud). Its findings come from the
 * resources' own settings, so the stack path and the per-resource path give the same.
 */
export interface ResourcePolicyModule extends PolicyMetadata {
  kind: "resource";
  /** The findings of the gateways and sites of a topology, one resource or a whole stack. */
  findings(topology: Topology): Finding[];
}

interface PolicyMetadata {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  severity: Severity;
  tags: string[];
  /** The policy's page (docs/policies/<name>.md); absent while package.json names no repository or homepage. */
  url?: string;
  remediationSteps: string;
  configSchema?: { properties: Record<string, JsonSchema>; required?: string[] };
  /** The problems in a stack, given the policy's own configuration (levels aside). */
  problems(stack: StackAnalysis, config: Record<string, unknown>): Problem[];
  /** What the policy did not check, one sentence each, for reports (the CLI has no channel for them). */
  notes?(stack: StackAnalysis, config: Record<string, unknown>): string[];
}

export const PLATFORM_LIST_SCHEMA: JsonSchema = {
  type: "array",
  items: { type: "string", enum: [...PLATFORMS] },
  maxItems: PLATFORMS.length,
  uniqueItems: true,
};

import type { EnforcementLevel, PolicyModule } from "./policy-module";

/**
 * Policy configuration as `--policy-pack-config` and Pulumi Cloud policy groups take it: per
 * policy a level, or an object with an optional `enforcementLevel` and the policy's own
 * properties; `all` gives a level to every policy without one.
 */
export type PolicyConfig = Record<string, unknown>;

function levelIn(entry: unknown): unknown {
  if (typeof entry === "string") return entry;
  return entry !== null && typeof entry === "object" ? (entry as { enforcementLevel?: unknown }).enforcementLevel : undefined;
}

/** The level the configuration gives a policy, its own entry's or else the `all` entry's; undefined when none. */
export function configuredLevel(policy: string, config: PolicyConfig): string | undefined {
  const level = levelIn(config[policy]) ?? levelIn(config.all);
  return typeof level === "string" ? level : undefined;
}

/** The level a stack policy runs at: `remediate` counts as mandatory, as @pulumi/policy treats it for stack policies. */
export function levelOf(policy: PolicyModule, config: PolicyConfig): EnforcementLevel {
  const level = configuredLevel(policy.name, config);
  if (level === "advisory" || level === "mandatory" || level === "disabled") return level;
  if (level === "remediate") return "mandatory";
  return policy.enforcementLevel;
}

/** The policy's own properties: its entry without `enforcementLevel`. */
export function propertiesOf(policy: string, config: PolicyConfig): Record<string, unknown> {
  const entry = config[policy];
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return {};
  const properties: Record<string, unknown> = { ...(entry as Record<string, unknown>) };
  delete properties.enforcementLevel;
  return properties;
}

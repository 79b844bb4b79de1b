import Ajv from "ajv";
import type { ErrorObject, ValidateFunction } from "ajv";
import { POLICIES } from "../policies/catalogue";
import { intendedAccess } from "../policies/intended-access";
import { parseTarget } from "../intents/port-target";
import { quoted } from "../topology/quoted";
import type { PolicyModule } from "../pipeline/policy-module";

const LEVELS = ["advisory", "mandatory", "disabled", "remediate"];

/**
 * Each policy's entry as the Pulumi CLI validates `--policy-pack-config`: its configSchema's
 * properties plus `enforcementLevel`, nothing else.
 */
function entrySchema(policy: PolicyModule | undefined) {
  return {
    type: "object",
    properties: { enforcementLevel: { enum: LEVELS }, ...(policy?.configSchema?.properties ?? {}) },
    required: policy?.configSchema?.required ?? [],
    additionalProperties: false,
  };
}

// verbose: errors carry their schema, so a message can list the keys that were expected.
const ajv = new Ajv({ allErrors: false, strict: false, verbose: true });
const validators = new Map<string, ValidateFunction>();

function validatorFor(name: string): ValidateFunction {
  let validate = validators.get(name);
  if (!validate) validators.set(name, (validate = ajv.compile(entrySchema(POLICIES.find((p) => p.name === name)))));
  return validate;
}

/** "p2s-intended-access.intents[0].platforms[1]" from the policy and a JSON pointer. */
function where(policy: string, pointer: string): string {
  return (
    policy +
    pointer
      .split("/")
      .slice(1)
      .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, "/").replace(/~0/g, "~")}`))
      .join("")
  );
}

/** A value as one short line; arrays and objects by kind, never walked (their depth is the user's). */
function describe(value: unknown): string {
  if (typeof value === "string") return quoted(value);
  if (Array.isArray(value)) return "an array";
  if (value !== null && typeof value === "object") return "an object";
  return String(value);
}

/** One line: the key, what it holds, what was expected. */
function explain(policy: string, error: ErrorObject, entry: unknown): string {
  const path = where(policy, error.instancePath);
  const value = error.instancePath
    .split("/")
    .slice(1)
    .reduce<unknown>(
      (v, key) =>
        v !== null && typeof v === "object" ? (v as Record<string, unknown>)[key.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined,
      entry,
    );
  switch (error.keyword) {
    case "additionalProperties": {
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return `${path} has the unknown key ${quoted((error.params as { additionalProperty: string }).additionalProperty)}; expected ${allowed.join(", ")}`;
    }
    case "enum":
      return `${path} is ${describe(value)}; expected one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(", ")}`;
    case "type":
      return `${path} is ${describe(value)}; expected ${(error.params as { type: string }).type === "array" ? "an array" : `a ${(error.params as { type: string }).type}`}`;
    case "required":
      return `${path} lacks "${(error.params as { missingProperty: string }).missingProperty}"`;
    default:
      return `${path} ${error.message ?? "is not valid"}`;
  }
}

/**
 * The first target whose ports do not parse, as one line. The schema cannot say it, and an intent
 * the pack could not read must fail here rather than pass unchecked. Runs on a schema-valid entry,
 * so its lists and strings are already bounded.
 */
function targetProblem(policy: string, entry: unknown): string | undefined {
  const intents = (entry as { intents?: { reach?: string[]; deny?: string[] }[] }).intents ?? [];
  for (const [i, intent] of intents.entries()) {
    for (const key of ["reach", "deny"] as const) {
      for (const [j, text] of (intent[key] ?? []).entries()) {
        const parsed = parseTarget(text);
        if (!parsed.ok) return `${policy}.intents[${i}].${key}[${j}] is ${quoted(text)}: ${parsed.why}`;
      }
    }
  }
  return undefined;
}

/**
 * Why a policy configuration would not be accepted by the Pulumi CLI (one line naming the key),
 * or undefined: known policy names and `all`, enforcement levels, and each policy's configSchema;
 * then what the CLI would accept but the pack could not read: an intent target's ports.
 */
export function configProblem(config: unknown): string | undefined {
  if (config === null || typeof config !== "object" || Array.isArray(config)) return "is not a JSON object";
  for (const [key, entry] of Object.entries(config)) {
    if (key !== "all" && !POLICIES.some((p) => p.name === key))
      return `names the unknown policy ${quoted(key)}; expected ${["all", ...POLICIES.map((p) => p.name)].join(", ")}`;
    if (typeof entry === "string") {
      if (!LEVELS.includes(entry))
        return `gives ${key} the unknown enforcement level ${describe(entry)}; expected one of ${LEVELS.join(", ")}`;
      continue;
    }
    const validate = validatorFor(key);
    if (!validate(entry)) return explain(key, (validate.errors ?? [])[0], entry);
    const targets = key === intendedAccess.name ? targetProblem(key, entry) : undefined;
    if (targets) return targets;
  }
  return undefined;
}

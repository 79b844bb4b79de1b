import type { AnalyzerInput } from "../../offline/analyzer-client";
import { toAnalyzerInputs } from "../../offline/registration";
import type { Scenario } from "../../sample-stack/declare-stack";
import type { Mode } from "./recordings";
import { recorded } from "./recordings";

export type { Mode } from "./recordings";

/**
 * The sample stack's resources as the engine sends them to AnalyzeStack, produced by running
 * the program with @pulumi/pulumi's runtime: "preview" is a brand-new stack (every id and
 * derived name unknown), "deployed" a stack whose resources exist (ids and names known).
 */
export async function sampleInputs(scenario: Scenario, mode: Mode): Promise<AnalyzerInput[]> {
  return toAnalyzerInputs(recorded(scenario, mode));
}

/** A copy with one resource's properties changed (a shallow merge per top-level key, deep for objects). */
export function withProperties(inputs: AnalyzerInput[], name: string, patch: Record<string, unknown>): AnalyzerInput[] {
  const copy = structuredClone(inputs);
  const target = copy.find((r) => r.name === name);
  if (!target) throw new Error(`no resource ${name}; have ${copy.map((r) => r.name).join(", ")}`);
  target.properties = merge(target.properties, patch);
  return copy;
}

function merge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const current = out[k];
    out[k] =
      v !== null && typeof v === "object" && !Array.isArray(v) && current !== null && typeof current === "object" && !Array.isArray(current)
        ? merge(current as Record<string, unknown>, v as Record<string, unknown>)
        : v;
  }
  return out;
}

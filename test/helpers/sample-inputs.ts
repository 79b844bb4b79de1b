import type { AnalyzerInput } from "../../offline/analyzer-client";
import { recordProgram, toAnalyzerInputs } from "../../offline/record-program";
import type { Scenario } from "../../sample-stack/declare-stack";
import { declareStack } from "../../sample-stack/declare-stack";

export type Mode = "preview" | "deployed";

const cache = new Map<string, AnalyzerInput[]>();

/**
 * The sample stack's resources as the engine sends them to AnalyzeStack, produced by running
 * the program with @pulumi/pulumi's runtime: "preview" is a brand-new stack (every id and
 * derived name unknown), "deployed" a stack whose resources exist (ids and names known).
 */
export async function sampleInputs(scenario: Scenario, mode: Mode): Promise<AnalyzerInput[]> {
  const key = `${scenario}/${mode}`;
  if (!cache.has(key)) {
    const registrations = await recordProgram(() => declareStack(scenario), {
      project: "azure-p2s-routing-sample",
      stack: "dev",
      preview: mode === "preview",
    });
    cache.set(key, toAnalyzerInputs(registrations));
  }
  return structuredClone(cache.get(key) as AnalyzerInput[]);
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

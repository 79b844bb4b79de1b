import type { Scenario } from "../sample-stack/declare-stack";
import { declareStack } from "../sample-stack/declare-stack";
import type { AnalyzerInput } from "./analyzer-client";
import { recordProgram } from "./record-program";
import { toAnalyzerInputs } from "./registration";

export const SAMPLE_PROJECT = "azure-p2s-routing-sample";
export const SAMPLE_STACK = "dev";

/** The sample stack's resources as the engine sends them to AnalyzeStack, recorded by @pulumi/pulumi's runtime. */
export async function sampleStackInputs(scenario: Scenario, preview: boolean): Promise<AnalyzerInput[]> {
  return toAnalyzerInputs(await recordProgram(() => declareStack(scenario), { project: SAMPLE_PROJECT, stack: SAMPLE_STACK, preview }));
}

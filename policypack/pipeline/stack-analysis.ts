import type { Extraction } from "../extract/extract-topology";
import { extractTopology } from "../extract/extract-topology";
import type { RawResource } from "../extract/raw-resource";
import { analyze } from "./analyze";
import type { Intent, IntentScope, IntentViolation } from "../intents/intents";
import { intentsFromTags } from "../intents/intents";
import type { Analysis } from "../reachability/results";

/** One extraction and one analysis, shared by every policy of a request. */
export interface StackAnalysis {
  extraction: Extraction;
  analysis: Analysis;
  tagIntents: { intents: Intent[]; violations: IntentViolation[] };
  /** One stack (the pack), or every stack a review was given (p2s-check). */
  intentScope: IntentScope;
}

export function analyzeExtraction(extraction: Extraction, intentScope: IntentScope = "stack"): StackAnalysis {
  return { extraction, analysis: analyze(extraction.topology), tagIntents: intentsFromTags(extraction.topology), intentScope };
}

export function analyzeResources(resources: RawResource[], intentScope: IntentScope = "stack"): StackAnalysis {
  return analyzeExtraction(extractTopology(resources), intentScope);
}

import type { Extraction } from "../extract/extract-topology";
import { extractTopology } from "../extract/extract-topology";
import type { RawResource } from "../extract/raw-resource";
import { analyze } from "../reachability/analyze";
import type { Intent, IntentViolation } from "../reachability/intents";
import { intentsFromTags } from "../reachability/intents";
import type { Analysis } from "../reachability/results";

/** One extraction and one analysis, shared by every policy of a request. */
export interface StackAnalysis {
  extraction: Extraction;
  analysis: Analysis;
  tagIntents: { intents: Intent[]; violations: IntentViolation[] };
}

export function analyzeExtraction(extraction: Extraction): StackAnalysis {
  return { extraction, analysis: analyze(extraction.topology), tagIntents: intentsFromTags(extraction.topology) };
}

export function analyzeResources(resources: RawResource[]): StackAnalysis {
  return analyzeExtraction(extractTopology(resources));
}

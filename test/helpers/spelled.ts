import { spellAzureNative } from "../../policypack/extract/providers/providers";
import type { Sentence } from "../../policypack/topology/sentence";
import { renderSentence } from "../../policypack/topology/sentence";

/** An engine sentence as an azure-native user reads it. */
export function spelled(text: Sentence | undefined): string | undefined {
  return text === undefined ? undefined : renderSentence(text, spellAzureNative);
}

import { Secret } from "@pulumi/policy";
import * as deserialize from "@pulumi/policy/deserialize";

type Deserializer = (struct: unknown, proxySecrets: boolean) => unknown;

/** @pulumi/policy's deserializer of request properties: internal, so absent from its type declarations. */
const sdk = deserialize as unknown as { deserializeProperties?: Deserializer & { keepsSecretMarks?: true } };

/**
 * The analyzer protocol marks secret values, but @pulumi/policy unwraps them for validation
 * policies and drops the mark, so a message could quote a secret. Its deserializer keeps each mark
 * as a `Secret` box when asked to (as it does for remediations); the pack always asks, and reads
 * the boxes as secrets (`isSecretBox`). Returns false when the SDK no longer has that deserializer
 * (a test then fails, rather than a secret reaching a message).
 */
export function keepSecretMarks(): boolean {
  const original = sdk.deserializeProperties;
  if (typeof original !== "function") return false;
  if (original.keepsSecretMarks) return true;
  const marking: Deserializer & { keepsSecretMarks?: true } = (struct) => original(struct, true);
  marking.keepsSecretMarks = true;
  sdk.deserializeProperties = marking;
  return true;
}

export function isSecretBox(value: object): boolean {
  return value instanceof Secret;
}

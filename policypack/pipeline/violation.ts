import type { Fix, FixAction, Sentence, Spell } from "../topology/sentence";
import { compareText } from "../topology/order";
import { nameOf } from "../reachability/topology-index";
import type { StackAnalysis } from "./stack-analysis";

/** What a policy found, before it is written for the user. */
export interface Problem {
  /** Id of the resource to fix; undefined for a stack-wide problem. */
  resource?: string;
  /** The check that found it, stable across releases: "transit.one-way-peering". */
  code: string;
  /** What it is about within the resource (a prefix, a network), when a resource can have several. */
  subject?: string;
  problem: Sentence;
  fix: Sentence;
  /** What the fix changes, for tools: the resource, the field when one field does it, and how. */
  change?: Omit<Fix, "text">;
  /** Ids of other resources involved. */
  related?: readonly string[];
}

export interface Violation {
  policy: string;
  code: string;
  subject?: string;
  /** Pulumi name of the resource to fix; undefined for a stack-wide problem. */
  resource?: string;
  urn?: string;
  /** The problem, then the fix, with fields spelled as the resource's provider spells them. */
  message: string;
  /** What the fix changes: the Pulumi name of the resource, the field as its provider spells it, and how. */
  fix?: { resource?: string; field?: string; action: FixAction };
  /** Pulumi names of other resources involved, sorted. */
  related?: string[];
}

/** Writes a problem for the user: the resource's Pulumi name and URN, the message in its provider's words. */
export function toViolation(stack: StackAnalysis, policy: string, p: Problem): Violation {
  const spell = stack.extraction.spell;
  const index = stack.analysis.index;
  // Fields set one by one, in the order of the object the spreads used to give: a large stack has
  // thousands of violations, and spreads of conditional objects build one object more per field.
  const resource = p.resource === undefined ? undefined : nameOf(index, p.resource);
  const urn = p.resource === undefined ? undefined : (stack.extraction.urns.get(p.resource) ?? p.resource);
  const message = renderMessage(p.problem, p.fix, spell);
  const violation: Violation =
    p.subject !== undefined
      ? { policy, code: p.code, subject: p.subject, resource, urn, message }
      : { policy, code: p.code, resource, urn, message };
  if (p.change !== undefined) violation.fix = fixOf(stack, p.change);
  if (p.related !== undefined && p.related.length > 0) violation.related = p.related.map((id) => nameOf(index, id)).sort(compareText);
  return violation;
}

/**
 * The problem, a space, then the fix, written in one pass: a text joined from two would be copied
 * again when first compared, and the violations of several gateways on one route table are
 * ordered by their messages.
 */
function renderMessage(problem: Sentence, fix: Sentence, spell: Spell): string {
  const parts: string[] = [];
  for (const part of problem) parts.push(typeof part === "string" ? part : spell(part));
  parts.push(" ");
  for (const part of fix) parts.push(typeof part === "string" ? part : spell(part));
  return parts.join("");
}

function fixOf(stack: StackAnalysis, change: Omit<Fix, "text">): NonNullable<Violation["fix"]> {
  const { resource, field, action } = change;
  return {
    ...(resource !== undefined ? { resource: nameOf(stack.analysis.index, resource) } : {}),
    ...(resource !== undefined && field !== undefined ? { field: stack.extraction.spell({ resource, field }) } : {}),
    action,
  };
}

export function compareViolations(a: Violation, b: Violation): number {
  return compareText(a.resource ?? "", b.resource ?? "") || compareText(a.message, b.message);
}

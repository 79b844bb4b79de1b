import type { Sentence } from "../topology/sentence";
import { renderSentence } from "../topology/sentence";
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
}

/** Writes a problem for the user: the resource's Pulumi name and URN, the message in its provider's words. */
export function toViolation(stack: StackAnalysis, policy: string, p: Problem): Violation {
  const spell = stack.extraction.spell;
  return {
    policy,
    code: p.code,
    ...(p.subject !== undefined ? { subject: p.subject } : {}),
    resource: p.resource === undefined ? undefined : nameOf(stack.analysis.index, p.resource),
    urn: p.resource === undefined ? undefined : (stack.extraction.urns.get(p.resource) ?? p.resource),
    message: `${renderSentence(p.problem, spell)} ${renderSentence(p.fix, spell)}`,
  };
}

export function compareViolations(a: Violation, b: Violation): number {
  return compareText(a.resource ?? "", b.resource ?? "") || compareText(a.message, b.message);
}

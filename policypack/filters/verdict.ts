import type { FlowSet } from "./flow-set";

/**
 * What a filter decides for a part of the pools' flows, with the rule that decides it (spec F4).
 * `R` names that rule as the filter knows it: an NSG rule, a firewall rule, a firewall's default.
 * A denial may say why when its rule's name alone does not (a firewall's default denial).
 */
export type Verdict<R> =
  { verdict: "allowed"; rule: R } | { verdict: "denied"; rule: R; why?: string } | { verdict: "not checked"; rule: R; why: string };

export type VerdictPart<R> = Verdict<R> & { flows: FlowSet };

/** Reports list what passes first, then what is open, then what is refused. */
export const VERDICT_ORDER: Record<Verdict<unknown>["verdict"], number> = { allowed: 0, "not checked": 1, denied: 2 };

import type { PortRange, Protocol } from "../filters/flow-set";
import { ALL_PORTS, FlowSet, PROTOCOLS, cidrTexts } from "../filters/flow-set";
import type { Cidr } from "../topology/cidr";
import { parseCidr } from "../topology/cidr";

/** The ports a target names: one protocol and its destination port ranges (ICMP: every port, it has none). */
export interface TargetPorts {
  protocol: Protocol;
  ranges: PortRange[];
}

/** A target as an intent names it; `ports` undefined means the network or CIDR itself (spec section 5). */
export type TargetParse = { ok: true; target: string; ports?: TargetPorts } | { ok: false; why: string };

const MAX_PORT = ALL_PORTS[1];

/** Pieces of the user's text in a reason stay short and on one line (escaped as in JSON), whatever the text. */
function cut(text: string, max = 40): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text).slice(1, -1);
}

function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** True when `text` ends with "/" and a prefix length: a CIDR, whose colons are the address's own. */
function endsWithLength(text: string): boolean {
  const slash = text.lastIndexOf("/");
  return slash >= 0 && isDigits(text.slice(slash + 1));
}

/**
 * Where the ports start, or -1. A name holds no ':' (Azure forbids it), so its last colon starts
 * the ports; a CIDR's colons are IPv6's until one follows its "/len". A colon that ends a "::"
 * is always the address's (or a Pulumi URN's), so `fd00::/64` and URNs keep their meaning.
 */
function portColon(text: string): number {
  const colon = text.lastIndexOf(":");
  if (colon < 0 || (colon > 0 && text[colon - 1] === ":")) return -1;
  const target = text.slice(0, colon);
  return !target.includes(":") || endsWithLength(target) ? colon : -1;
}

function parseRange(text: string): PortRange | string {
  if (text === "*") return ALL_PORTS;
  const dash = text.indexOf("-");
  const bounds = dash < 0 ? [text, text] : [text.slice(0, dash), text.slice(dash + 1)];
  if (!bounds.every(isDigits)) return `${cut(text)} is not a port, a range like 8000-8100 or *`;
  const high = bounds.find((b) => Number(b) > MAX_PORT);
  if (high !== undefined) return `port ${cut(high)} is above ${MAX_PORT}`;
  const [first, last] = bounds.map(Number);
  return first <= last ? [first, last] : `port range ${cut(text)} runs backwards: write ${last}-${first}`;
}

/**
 * Splits `TARGET:PORTS[/PROTOCOL]` (spec section 5): `app:443`, `10.2.1.0/24:3389/tcp`,
 * `app:8000-8100/udp`, `pci:*`, `fd00::/64:443`, and ICMP as `app:*` then `/icmp`; the protocol defaults to tcp
 * and is read in any case. A target names one port or one range: tags split their targets at
 * commas, so `app:80,443` would mean two things there; a configuration lists `app:80` and
 * `app:443` instead, and both places read alike. Linear in the text, with no regular expression.
 */
export function parseTarget(text: string): TargetParse {
  const colon = portColon(text);
  if (colon < 0) return { ok: true, target: text };
  const target = text.slice(0, colon);
  if (target.length === 0) return { ok: false, why: "no target before the colon" };
  const rest = text.slice(colon + 1);
  const slash = rest.indexOf("/");
  const portsText = slash < 0 ? rest : rest.slice(0, slash);
  const protocolText = slash < 0 ? "tcp" : rest.slice(slash + 1);
  if (portsText.length === 0) return { ok: false, why: "no port after the colon: write a port, a range like 8000-8100 or *" };
  if (protocolText.length === 0) return { ok: false, why: "no protocol after the slash: write tcp, udp or icmp" };
  const protocol = PROTOCOLS.find((p) => p === protocolText.toLowerCase());
  if (!protocol) return { ok: false, why: `protocol ${cut(protocolText)} is not tcp, udp or icmp` };
  if (protocol === "icmp") {
    return portsText === "*"
      ? { ok: true, target, ports: { protocol, ranges: [ALL_PORTS] } }
      : { ok: false, why: `icmp takes no port: write ${cut(target)}:*/icmp` };
  }
  if (portsText.includes(",")) {
    const [first, second] = portsText.split(",");
    return {
      ok: false,
      why: `a target names one port or range: list ${cut(target)}:${cut(first)} and ${cut(target)}:${cut(second)} apart`,
    };
  }
  const range = parseRange(portsText);
  if (typeof range === "string") return { ok: false, why: range };
  return { ok: true, target, ports: { protocol, ranges: [range] } };
}

/** How a subnet's filters treat a part of the flows (spec section 7, F4). */
export type FlowVerdict = "allowed" | "denied" | "not checked";

/** One subnet of a target, with the partition of the selected flows that its path and filters make; `L` names the deciding rule. */
export interface SubnetFlows<L> {
  name: string;
  parts: { verdict: FlowVerdict; flows: FlowSet; label: L }[];
}

/**
 * What a target with ports comes to for an intent:
 * - `reached`: required, every selected pool address is allowed every named port in one subnet;
 *   forbidden, some selected flow is allowed or not checked somewhere (the violation);
 * - `not-reached`: required, some selected address is surely denied in every subnet (the violation);
 *   forbidden, every selected flow is surely denied in every subnet;
 * - `not-checked`: required only, not reached for some address, and not surely (a note);
 * - `no-subnet`: the target has no subnet to judge; the caller judges the network itself (P5).
 *
 * `flows` are the offending ones, for messages: the selected flows of the addresses not reached
 * (required), or the flows not surely denied (forbidden); empty when the intent holds. `labels`
 * are the deciding rules of the parts that hold them, in subnet and part order, each once. `sure`
 * is false when the outcome rests on a "not checked" verdict (a forbidden target only maybe reached).
 */
export interface PortJudgement<L> {
  outcome: "reached" | "not-reached" | "not-checked" | "no-subnet";
  labels: L[];
  flows: FlowSet;
  sure: boolean;
}

/** The flows of `selection` whose source address has some flow in `flows`: addresses, spread back over the selection. */
function sameAddresses(selection: FlowSet, flows: FlowSet): FlowSet {
  const cidrs: Cidr[] = [];
  for (const row of flows.rows()) {
    for (const text of cidrTexts(row.family, row.first, row.last)) {
      const parsed = parseCidr(text);
      if (parsed.ok) cidrs.push(parsed.cidr);
    }
  }
  return selection.intersect(FlowSet.of(cidrs, PROTOCOLS, [ALL_PORTS]));
}

function partsOf<L>(subnets: readonly SubnetFlows<L>[], verdict: FlowVerdict): { flows: FlowSet; label: L }[] {
  return subnets.flatMap((s) => s.parts.filter((p) => p.verdict === verdict));
}

function union(sets: readonly FlowSet[]): FlowSet {
  return sets.reduce((all, s) => all.union(s), FlowSet.empty());
}

function labelsHolding<L>(parts: readonly { flows: FlowSet; label: L }[], flows: FlowSet): L[] {
  return [...new Set(parts.filter((p) => !p.flows.intersect(flows).isEmpty()).map((p) => p.label))];
}

/**
 * Judges a target with ports (spec section 5, F4) from each of its subnets' partitions. Flows a
 * partition leaves out count as "not checked" (F6: nothing undeclared passes). Sets of addresses
 * are computed, never enumerated: in a subnet, the addresses allowed every selected flow are the
 * selection's minus those of the selected flows it does not allow. An empty selection holds
 * vacuously (required reached, forbidden not reached); choosing pools that select nothing is the
 * caller's to report.
 */
export function judgePortTarget<L>(required: boolean, selection: FlowSet, subnets: readonly SubnetFlows<L>[]): PortJudgement<L> {
  if (subnets.length === 0) return { outcome: "no-subnet", labels: [], flows: selection, sure: true };
  const allowedIn = subnets.map((s) => union(s.parts.filter((p) => p.verdict === "allowed").map((p) => p.flows)));
  const deniedIn = subnets.map((s) => union(s.parts.filter((p) => p.verdict === "denied").map((p) => p.flows)));
  if (!required) {
    const open = union(deniedIn.map((denied) => selection.subtract(denied)));
    if (open.isEmpty()) return { outcome: "not-reached", labels: [], flows: open, sure: true };
    const allowed = open.intersect(union(allowedIn));
    const sure = !allowed.isEmpty();
    const labels = sure ? labelsHolding(partsOf(subnets, "allowed"), allowed) : labelsHolding(partsOf(subnets, "not checked"), open);
    return { outcome: "reached", labels, flows: sure ? allowed : open, sure };
  }
  // An address counts once one subnet allows it every named port: ports allowed in different subnets do not add up.
  const served = union(allowedIn.map((allowed) => selection.subtract(sameAddresses(selection, selection.subtract(allowed)))));
  const unserved = selection.subtract(served);
  if (unserved.isEmpty()) return { outcome: "reached", labels: [], flows: unserved, sure: true };
  // Surely not reached: in every subnet, some named port of the address is denied.
  const refused = deniedIn.reduce((left, denied) => left.intersect(sameAddresses(selection, selection.intersect(denied))), unserved);
  if (!refused.isEmpty())
    return { outcome: "not-reached", labels: labelsHolding(partsOf(subnets, "denied"), refused), flows: refused, sure: true };
  // Why it is not known: the unchecked rules of the subnets that deny the address nothing.
  const labels = subnets.flatMap((s, i) =>
    labelsHolding(
      s.parts.filter((p) => p.verdict === "not checked"),
      unserved.subtract(sameAddresses(selection, selection.intersect(deniedIn[i]))),
    ),
  );
  return { outcome: "not-checked", labels: [...new Set(labels)], flows: unserved, sure: false };
}

import type { Cidr } from "../topology/cidr";
import type { FirewallRule, FirewallRuleCollection, FirewallRules } from "../topology/firewall-rules";
import type { FlowPart, PortRange } from "./flow-set";
import { ALL_PORTS, FlowSet, PROTOCOLS, firstMatch } from "./flow-set";
import type { Tri } from "./rule-terms";
import { EVERYTHING, SERVICE_TAG, cidrsOfAddresses, cidrOrAddress, coverage, flowsOf, isAny, protocolPorts } from "./rule-terms";
import type { Verdict, VerdictPart } from "./verdict";
import { VERDICT_ORDER } from "./verdict";

/** A firewall rule as reports name it; `priority` is its collection's. */
export interface FirewallRulePlace {
  firewall: string;
  /** Undefined for a classic firewall's own collections, which belong to no group. */
  group?: string;
  collection: string;
  rule: string;
  priority: number;
}

/** What decides a part: a rule, the firewall's default denial, or its rules as a whole when they are not declared. */
export type FirewallRuleRef = FirewallRulePlace | { firewall: string; by: "default" | "undeclared rules" };

export type FirewallVerdict = Verdict<FirewallRuleRef>;

export type FirewallFlowPart = VerdictPart<FirewallRuleRef>;

export interface FirewallEvaluationInput {
  /** The client address pools; text that is no CIDR is left out (extraction reports it). */
  pools: readonly string[];
  /** The prefixes of the subnet behind the firewall that the flows are addressed to. */
  destination: readonly string[];
  firewall: { name: string; rules: FirewallRules };
}

/** "fw-hub rule allow-https in collection net-allow (priority 200) of group net", "the default of fw-hub", "fw-hub". */
export function firewallRuleText(ref: FirewallRuleRef): string {
  if ("by" in ref) return ref.by === "default" ? `the default of ${ref.firewall}` : ref.firewall;
  const group = ref.group === undefined ? "" : ` of group ${ref.group}`;
  return `${ref.firewall} rule ${ref.rule} in collection ${ref.collection} (priority ${ref.priority})${group}`;
}

const KIND_ORDER: Record<"network" | "application", number> = { network: 0, application: 1 };
const APPLICATION_WHY = "is an application rule: application rules filter by name, which the pack does not evaluate";
/** Application rule protocols without a port use the protocol's own. */
const APPLICATION_PORTS: Record<string, number> = { http: 80, https: 443, mssql: 1433 };

/**
 * Spec F5 for one Azure Firewall on the forward path: the pools' flows (address x protocol x
 * destination port) cut into parts, each decided by the first rule that matches it: network
 * collections before application ones whatever their priorities, each kind by group priority, then
 * collection priority. What no rule matches is denied. A rule that may or may not match a part (an
 * IP group, an FQDN, a service tag, a destination covering part of the subnet, any application
 * rule) makes that part `not checked`: nothing undeclared passes (F6).
 *
 * The parts that pass keep the pool as their source for private destinations (F1: a network rule
 * translates only towards public addresses), so the NSG behind the firewall judges them as it
 * would judge the pool's own flows.
 * Parts: allowed, then not checked, then denied; each group in rule order.
 */
export function evaluateFirewall(input: FirewallEvaluationInput): FirewallFlowPart[] {
  const pools = input.pools.map(cidrOrAddress).filter((c): c is Cidr => c !== undefined);
  const universe = FlowSet.of(pools, PROTOCOLS, [ALL_PORTS]);
  const firewall = input.firewall.name;
  const { collections, unknownBecause } = input.firewall.rules;
  if (collections === undefined) {
    if (universe.isEmpty()) return [];
    const why = `has no rules the pack can read${unknownBecause === undefined ? "" : `: ${unknownBecause}`}`;
    return [{ verdict: "not checked", rule: { firewall, by: "undeclared rules" }, why, flows: universe }];
  }
  const destination = input.destination.map(cidrOrAddress).filter((c): c is Cidr => c !== undefined);
  const entries = ordered(collections).flatMap(({ collection, kind }) =>
    collection.rules.flatMap((rule): FlowPart<FirewallVerdict>[] => {
      const ref: FirewallRulePlace = {
        firewall,
        group: collection.group,
        collection: collection.name,
        rule: rule.name,
        priority: collection.priority,
      };
      const match = kind === "network" ? networkMatch(rule, destination) : applicationMatch(rule, destination);
      return [
        { label: verdictOf(collection.action, ref), flows: match.sure },
        { label: { verdict: "not checked", rule: ref, why: match.why.join("; ") }, flows: match.maybe },
      ];
    }),
  );
  const { parts, rest } = firstMatch(universe, entries);
  const fallback: FirewallFlowPart[] = rest.isEmpty()
    ? []
    : [
        {
          verdict: "denied",
          rule: { firewall, by: "default" },
          why: `no rule of ${firewall} allows it; a firewall denies by default`,
          flows: rest,
        },
      ];
  return [...parts.map((p) => ({ ...p.label, flows: p.flows })), ...fallback].sort(
    (a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict],
  );
}

/** Application rules surely match nothing, so only network collections' actions ever decide. */
function verdictOf(action: FirewallRuleCollection["action"], ref: FirewallRulePlace): FirewallVerdict {
  if (action === "allow") return { verdict: "allowed", rule: ref };
  if (action === "deny") return { verdict: "denied", rule: ref };
  return { verdict: "not checked", rule: ref, why: `has action ${action} outside a DNAT collection, which is not understood` };
}

/**
 * The collections in the firewall's processing order. DNAT collections come first for the firewall,
 * but they translate traffic addressed to its own public address: a P2S flow to a spoke subnet
 * never matches one, so they are left out.
 */
function ordered(
  collections: readonly FirewallRuleCollection[],
): { collection: FirewallRuleCollection; kind: "network" | "application" }[] {
  return collections
    .flatMap((collection) => (collection.kind === "dnat" ? [] : [{ collection, kind: collection.kind }]))
    .sort(
      (a, b) =>
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        a.collection.groupPriority - b.collection.groupPriority ||
        a.collection.priority - b.collection.priority ||
        (a.collection.group ?? "").localeCompare(b.collection.group ?? "") ||
        a.collection.name.localeCompare(b.collection.name),
    );
}

/** What a rule surely matches, what it may match (disjoint), and why it is unsure. */
interface RuleMatch {
  sure: FlowSet;
  maybe: FlowSet;
  why: string[];
}

function networkMatch(rule: FirewallRule, destination: readonly Cidr[]): RuleMatch {
  const why: string[] = [];
  const sources = sourceAddresses(rule, why);
  const toSubnet = destinationMatch(rule, destination, why);
  const pieces = rule.protocols.map((protocol) => protocolPorts(protocol, rule.destinationPorts, why));
  const sure =
    toSubnet === "yes"
      ? flowsOf(
          sources.sure,
          pieces.flatMap((p) => p.sure),
        )
      : FlowSet.empty();
  const all =
    toSubnet === "no"
      ? FlowSet.empty()
      : flowsOf(
          [...sources.sure, ...sources.maybe],
          pieces.flatMap((p) => p.all),
        );
  return { sure, maybe: all.subtract(sure), why: [...new Set(why)] };
}

/**
 * Application rules match by name (FQDNs, URLs, categories), so at best the pack knows which flows
 * they may take: TCP to their protocols' ports. Their flows also reach the subnet from the
 * firewall's own address (F1), not the pool's.
 */
function applicationMatch(rule: FirewallRule, destination: readonly Cidr[]): RuleMatch {
  const why = [APPLICATION_WHY];
  const sources = sourceAddresses(rule, why);
  // A rule that names no destination here targets FQDN tags or web categories, which the records do not carry.
  const names = rule.destinations.length + rule.destinationGroups.length + rule.destinationFqdns.length > 0;
  if (names && destinationMatch(rule, destination, []) === "no") return { sure: FlowSet.empty(), maybe: FlowSet.empty(), why };
  const ports = rule.protocols.map((protocol): PortRange => {
    const match = /^(\w+)(?::(\d{1,5}))?$/.exec(protocol.trim());
    const port = match ? Number(match[2] ?? APPLICATION_PORTS[match[1].toLowerCase()]) : NaN;
    if (Number.isInteger(port) && port <= ALL_PORTS[1]) return [port, port];
    why.push(`has protocol ${JSON.stringify(protocol)}, which is not understood`);
    return ALL_PORTS;
  });
  return { sure: FlowSet.empty(), maybe: FlowSet.of([...sources.sure, ...sources.maybe], ["tcp"], ports), why: [...new Set(why)] };
}

/** Which addresses a rule's sources surely hold, and which they may hold. */
function sourceAddresses(rule: FirewallRule, why: string[]): { sure: Cidr[]; maybe: Cidr[] } {
  const sure: Cidr[] = [];
  const maybe: Cidr[] = [];
  for (const entry of rule.sources) {
    const text = entry.trim();
    const cidrs = cidrsOfAddresses(text);
    if (isAny(text)) sure.push(...EVERYTHING);
    else if (cidrs) sure.push(...cidrs);
    else {
      maybe.push(...EVERYTHING);
      why.push(`has source ${JSON.stringify(text)}, which is not understood`);
    }
  }
  if (rule.sourceGroups.length > 0) {
    maybe.push(...EVERYTHING);
    why.push(`has source IP groups ${rule.sourceGroups.join(",")}, which the pack does not read`);
  }
  return { sure, maybe };
}

/** Whether a rule's destinations cover the subnet: all of it, none of it, or part (or unknown). */
function destinationMatch(rule: FirewallRule, subnet: readonly Cidr[], why: string[]): Tri {
  const cidrs: Cidr[] = [];
  let result: Tri = "no";
  const maybe = (reason: string) => {
    if (result === "no") result = "maybe";
    why.push(reason);
  };
  for (const entry of rule.destinations) {
    const text = entry.trim();
    const addresses = cidrsOfAddresses(text);
    if (isAny(text)) result = "yes";
    else if (addresses) cidrs.push(...addresses);
    else if (SERVICE_TAG.test(text)) maybe(`has destination service tag ${text}, whose addresses the pack does not know`);
    else maybe(`has destination ${JSON.stringify(text)}, which is not understood`);
  }
  if (rule.destinationGroups.length > 0)
    maybe(`has destination IP groups ${rule.destinationGroups.join(",")}, which the pack does not read`);
  if (rule.destinationFqdns.length > 0) maybe(`has destination FQDNs ${rule.destinationFqdns.join(",")}, which the pack does not resolve`);
  if (result === "yes" || cidrs.length === 0) return result;
  const covered = coverage(cidrs, subnet);
  if (covered === "unknown") maybe("is evaluated for a subnet whose prefixes are not known");
  else if (covered === "all") return "yes";
  // Flows carry no destination address, so a rule for part of the subnet may or may not take a flow.
  else if (covered === "part") maybe(`has destinations ${cidrs.map((c) => c.text).join(",")}, which cover only part of the subnet`);
  return result;
}

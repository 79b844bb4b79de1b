import type { Cidr } from "../topology/cidr";
import type { NetworkSecurityGroup, SecurityRule } from "../topology/security-rules";
import type { FlowPart } from "./flow-set";
import { ALL_PORTS, FlowSet, PROTOCOLS, firstMatch } from "./flow-set";
import type { Tri } from "./rule-terms";
import { EVERYTHING, SERVICE_TAG, cidrOrAddress, coverage, coversAllPorts, flowsOf, isAny, parsePorts, protocolPorts } from "./rule-terms";
import type { Verdict, VerdictPart } from "./verdict";
import { VERDICT_ORDER } from "./verdict";

/** The rule that decides a part, named as reports name it. */
export interface RuleRef {
  nsg: string;
  rule: string;
  priority: number;
}

export type NsgVerdict = Verdict<RuleRef>;

export type NsgFlowPart = VerdictPart<RuleRef>;

/** Whether the service tag VirtualNetwork holds the pool: only a gateway route or a UDR to it says yes (spec F3). */
export type TagMembership = boolean | "unknown";

export interface NsgEvaluationInput {
  /** The client address pools; text that is no CIDR is left out (extraction reports it). */
  pools: readonly string[];
  /** The prefixes of the subnet the NSG guards. */
  destination: readonly string[];
  nsg: NetworkSecurityGroup;
  poolInVirtualNetworkTag: TagMembership;
}

/** `<nsg name> rule <rule name> (priority <n>)`. */
export function ruleText(ref: RuleRef): string {
  return `${ref.nsg} rule ${ref.rule} (priority ${ref.priority})`;
}

/** Every NSG holds these below its own rules. */
const DEFAULT_RULES: readonly SecurityRule[] = [
  defaultRule("AllowVnetInBound", 65000, "allow", "VirtualNetwork"),
  defaultRule("AllowAzureLoadBalancerInBound", 65001, "allow", "AzureLoadBalancer"),
  defaultRule("DenyAllInbound", 65500, "deny", "*"),
];

function defaultRule(name: string, priority: number, access: "allow" | "deny", source: string): SecurityRule {
  const destination = source === "VirtualNetwork" ? "VirtualNetwork" : "*";
  return {
    id: name,
    name,
    priority,
    direction: "inbound",
    access,
    protocol: "any",
    sources: [source],
    sourcePorts: ["*"],
    destinations: [destination],
    destinationPorts: ["*"],
  };
}

/**
 * Spec F2-F4 for one NSG, inbound at the subnet: the pools' flows (address x protocol x
 * destination port) cut into parts, each decided by the first rule in priority order that matches
 * it. A rule that may or may not match a part (source ports, an unknown tag membership, an
 * unknown protocol) makes that part `not checked`: nothing undeclared passes (F6).
 * Parts: allowed, then not checked, then denied; each group in priority order.
 */
export function evaluateNsg(input: NsgEvaluationInput): NsgFlowPart[] {
  const pools = input.pools.map(cidrOrAddress).filter((c): c is Cidr => c !== undefined);
  const universe = FlowSet.of(pools, PROTOCOLS, [ALL_PORTS]);
  const destination = input.destination.map(cidrOrAddress).filter((c): c is Cidr => c !== undefined);
  const rules = [...input.nsg.rules.filter((r) => r.direction === "inbound"), ...DEFAULT_RULES].sort(
    (a, b) => a.priority - b.priority || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
  const entries = rules.flatMap((rule): FlowPart<NsgVerdict>[] => {
    const ref = { nsg: input.nsg.name, rule: rule.name, priority: rule.priority };
    const match = ruleMatch(rule, input.poolInVirtualNetworkTag, destination);
    const decided: NsgVerdict = rule.access === "allow" ? { verdict: "allowed", rule: ref } : { verdict: "denied", rule: ref };
    return [
      { label: decided, flows: match.sure },
      { label: { verdict: "not checked", rule: ref, why: match.why.join("; ") }, flows: match.maybe },
    ];
  });
  return firstMatch(universe, entries)
    .parts.map((p) => ({ ...p.label, flows: p.flows }))
    .sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict]);
}

/** What a rule surely matches, what it may match (disjoint), and why it is unsure. */
interface RuleMatch {
  sure: FlowSet;
  maybe: FlowSet;
  why: string[];
}

function ruleMatch(rule: SecurityRule, membership: TagMembership, destination: readonly Cidr[]): RuleMatch {
  const why: string[] = [];
  const sources = sourceAddresses(rule.sources, membership, why);
  const toSubnet = destinationMatch(rule.destinations, destination, why);
  const sourcePorts = parsePorts(rule.sourcePorts);
  const anySourcePort = sourcePorts.unknown.length === 0 && coversAllPorts(sourcePorts.ranges);
  if (!anySourcePort) why.push(`restricts source ports to ${rule.sourcePorts.join(",")}, and a client's source port is arbitrary`);
  const protocols = protocolPorts(rule.protocol, rule.destinationPorts, why);
  const sure = toSubnet === "yes" && anySourcePort ? flowsOf(sources.sure, protocols.sure) : FlowSet.empty();
  const all = toSubnet === "no" ? FlowSet.empty() : flowsOf([...sources.sure, ...sources.maybe], protocols.all);
  return { sure, maybe: all.subtract(sure), why };
}

/** Spec F3: which addresses a rule's sources surely hold, and which they may hold. */
function sourceAddresses(entries: readonly string[], membership: TagMembership, why: string[]): { sure: Cidr[]; maybe: Cidr[] } {
  const sure: Cidr[] = [];
  const maybe: Cidr[] = [];
  const tag = (holds: TagMembership, name: string) => {
    if (holds === "unknown") {
      maybe.push(...EVERYTHING);
      why.push(`has source ${name}, and whether that tag holds the pool is unknown (no gateway route or UDR to it is declared)`);
    } else if (holds) sure.push(...EVERYTHING);
  };
  for (const entry of entries) {
    const text = entry.trim();
    const lower = text.toLowerCase();
    const cidr = cidrOrAddress(text);
    if (isAny(text)) sure.push(...EVERYTHING);
    else if (cidr) sure.push(cidr);
    else if (lower === "virtualnetwork") tag(membership, "VirtualNetwork");
    else if (lower === "internet") tag(membership === "unknown" ? "unknown" : !membership, "Internet");
    // Application security groups hold NICs, and other service tags Azure services: never a client's pool address.
    else if (lower.startsWith("asg:") || SERVICE_TAG.test(text)) continue;
    else {
      maybe.push(...EVERYTHING);
      why.push(`has source ${JSON.stringify(text)}, which is not understood`);
    }
  }
  return { sure, maybe };
}

/** Whether a rule's destinations cover the subnet: all of it, none of it, or part (or unknown). */
function destinationMatch(entries: readonly string[], subnet: readonly Cidr[], why: string[]): Tri {
  const cidrs: Cidr[] = [];
  let result: Tri = "no";
  const maybe = (reason: string) => {
    if (result === "no") result = "maybe";
    why.push(reason);
  };
  for (const entry of entries) {
    const text = entry.trim();
    const lower = text.toLowerCase();
    const cidr = cidrOrAddress(text);
    // A subnet is always inside its own VNet's tag VirtualNetwork.
    if (isAny(text) || lower === "virtualnetwork") result = "yes";
    else if (cidr) cidrs.push(cidr);
    else if (lower.startsWith("asg:")) maybe(`has destination application security group ${text.slice(4)}, whose NICs are not declared`);
    else if (SERVICE_TAG.test(text)) continue;
    else maybe(`has destination ${JSON.stringify(text)}, which is not understood`);
  }
  if (result === "yes" || cidrs.length === 0) return result;
  const covered = coverage(cidrs, subnet);
  if (covered === "unknown") maybe("guards a subnet whose prefixes are not known");
  else if (covered === "all") return "yes";
  else if (covered === "part") maybe(`has destinations ${cidrs.map((c) => c.text).join(",")}, which cover only part of the subnet`);
  return result;
}

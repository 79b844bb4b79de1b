import type { Cidr } from "../topology/cidr";
import { parseCidr } from "../topology/cidr";
import type { NetworkSecurityGroup, SecurityRule } from "../topology/security-rules";
import type { FlowPart, PortRange, Protocol } from "./flow-set";
import { ALL_PORTS, FlowSet, PROTOCOLS, firstMatch, normalisedPorts, portsText } from "./flow-set";

/** The rule that decides a part, named as reports name it. */
export interface RuleRef {
  nsg: string;
  rule: string;
  priority: number;
}

export type NsgVerdict =
  { verdict: "allowed"; rule: RuleRef } | { verdict: "denied"; rule: RuleRef } | { verdict: "not checked"; rule: RuleRef; why: string };

export type NsgFlowPart = NsgVerdict & { flows: FlowSet };

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

/** Text that names a service tag ("Storage", "Sql.WestEurope"): such tags hold Azure services' addresses, never a client pool's. */
const SERVICE_TAG = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)?$/;
/** "0.0.0.0/0" matches IPv6 too: the portal and the API treat it as "any" (spec F2). */
const EVERYTHING: readonly Cidr[] = ["0.0.0.0/0", "::/0"].map(cidrOrAddress).filter((c): c is Cidr => c !== undefined);
const ORDER: Record<NsgVerdict["verdict"], number> = { allowed: 0, "not checked": 1, denied: 2 };

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
    .sort((a, b) => ORDER[a.verdict] - ORDER[b.verdict]);
}

/** What a rule surely matches, what it may match (disjoint), and why it is unsure. */
interface RuleMatch {
  sure: FlowSet;
  maybe: FlowSet;
  why: string[];
}

type Tri = "yes" | "no" | "maybe";

interface ProtocolPorts {
  protocols: Protocol[];
  ports: readonly PortRange[];
}

function ruleMatch(rule: SecurityRule, membership: TagMembership, destination: readonly Cidr[]): RuleMatch {
  const why: string[] = [];
  const sources = sourceAddresses(rule.sources, membership, why);
  const toSubnet = destinationMatch(rule.destinations, destination, why);
  const sourcePorts = parsePorts(rule.sourcePorts);
  const anySourcePort = sourcePorts.unknown.length === 0 && coversAllPorts(sourcePorts.ranges);
  if (!anySourcePort) why.push(`restricts source ports to ${rule.sourcePorts.join(",")}, and a client's source port is arbitrary`);
  const protocols = protocolPorts(rule.protocol, rule.destinationPorts, why);
  const product = (cidrs: readonly Cidr[], pieces: readonly ProtocolPorts[]) =>
    pieces.reduce((set, piece) => set.union(FlowSet.of(cidrs, piece.protocols, piece.ports)), FlowSet.empty());
  const sure = toSubnet === "yes" && anySourcePort ? product(sources.sure, protocols.sure) : FlowSet.empty();
  const all = toSubnet === "no" ? FlowSet.empty() : product([...sources.sure, ...sources.maybe], protocols.all);
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
  // The ICMP track of a FlowSet is a plain address set.
  const covered = FlowSet.of(cidrs, ["icmp"], []);
  const own = FlowSet.of(subnet, ["icmp"], []);
  if (own.isEmpty()) maybe("guards a subnet whose prefixes are not known");
  else if (own.subtract(covered).isEmpty()) return "yes";
  else if (!own.intersect(covered).isEmpty())
    maybe(`has destinations ${cidrs.map((c) => c.text).join(",")}, which cover only part of the subnet`);
  return result;
}

/** Which protocols and destination ports a rule surely matches, and which it may match. */
function protocolPorts(
  protocol: string,
  destinationPorts: readonly string[],
  why: string[],
): { sure: ProtocolPorts[]; all: ProtocolPorts[] } {
  const parsed = parsePorts(destinationPorts);
  if (parsed.unknown.length > 0)
    why.push(`has destination ports ${parsed.unknown.map((p) => JSON.stringify(p)).join(",")}, which are not understood`);
  const allPorts = parsed.unknown.length > 0 ? [ALL_PORTS] : parsed.ranges;
  const name = protocol.trim().toLowerCase();
  if (name === "tcp" || name === "udp") {
    return { sure: [{ protocols: [name], ports: parsed.ranges }], all: [{ protocols: [name], ports: allPorts }] };
  }
  // ICMP has no ports: an ICMP rule matches every ICMP flow.
  if (name === "icmp") return { sure: [{ protocols: ["icmp"], ports: [] }], all: [{ protocols: ["icmp"], ports: [] }] };
  if (name === "any" || name === "*") {
    const portless = parsed.unknown.length === 0 && coversAllPorts(parsed.ranges);
    // A port-restricted "any" rule may or may not apply to ICMP, which has no port: not checked rather than guessed.
    if (!portless) why.push(`names destination ports ${portsText(parsed.ranges)} for every protocol, and ICMP has no ports`);
    const tcpUdp: ProtocolPorts = { protocols: ["tcp", "udp"], ports: parsed.ranges };
    return {
      sure: portless ? [tcpUdp, { protocols: ["icmp"], ports: [] }] : [tcpUdp],
      all: [
        { protocols: ["tcp", "udp"], ports: allPorts },
        { protocols: ["icmp"], ports: [] },
      ],
    };
  }
  why.push(`has protocol ${JSON.stringify(protocol)}, which is not evaluated`);
  return { sure: [], all: [{ protocols: [...PROTOCOLS], ports: [ALL_PORTS] }] };
}

/** "*", "80", "8000-8100"; anything else is kept as text that is not understood. */
function parsePorts(entries: readonly string[]): { ranges: PortRange[]; unknown: string[] } {
  const ranges: PortRange[] = [];
  const unknown: string[] = [];
  for (const entry of entries) {
    const text = entry.trim();
    const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
    if (isAny(text)) ranges.push(ALL_PORTS);
    else if (match && Number(match[1]) <= Number(match[2] ?? match[1]) && Number(match[2] ?? match[1]) <= ALL_PORTS[1]) {
      ranges.push([Number(match[1]), Number(match[2] ?? match[1])]);
    } else unknown.push(text);
  }
  return { ranges: normalisedPorts(ranges), unknown };
}

function coversAllPorts(ranges: readonly PortRange[]): boolean {
  const merged = normalisedPorts(ranges);
  return merged.length === 1 && merged[0][0] === ALL_PORTS[0] && merged[0][1] === ALL_PORTS[1];
}

function isAny(text: string): boolean {
  return text === "*" || text.toLowerCase() === "any" || text === "0.0.0.0/0";
}

/** A CIDR, or a plain address as its own /32 or /128 (rules may name single hosts). */
function cidrOrAddress(text: string): Cidr | undefined {
  const parsed = parseCidr(text.includes("/") ? text : `${text}/${text.includes(":") ? 128 : 32}`);
  return parsed.ok ? parsed.cidr : undefined;
}

import { ALL_PORTS, FlowSet, PROTOCOLS, cidrTexts, portsText } from "../filters/flow-set";
import type { SubnetPaths } from "../paths/gateway-paths";
import type { FlowRule } from "../paths/subnet-flows";
import { flowRuleSentence } from "../paths/subnet-flows";
import type { GatewayAnalysis } from "../reachability/results";
import type { Cidr } from "../topology/cidr";
import { overlaps, parseCidr } from "../topology/cidr";
import { joinList } from "../topology/order";
import type { Sentence } from "../topology/sentence";
import { sentence } from "../topology/sentence";
import type { PortJudgement, TargetPorts } from "./port-target";
import { judgePortTarget } from "./port-target";

/** A target with ports whose network clients of the gateway are routed to, with a working path or one not checked. */
export interface PortCheck {
  gateway: GatewayAnalysis;
  /** The accessible network that holds the target. */
  network: string;
  /** A CIDR target narrows the network to the subnets it overlaps. */
  cidr?: Cidr;
  /** A private endpoint target is judged as its subnet's network policies say (spec P6). */
  endpoint?: string;
  label: string;
  ports: TargetPorts;
  /** The intent's `pools`, or undefined for every pool of the gateway. */
  pools?: readonly string[];
  origin: string;
  required: boolean;
}

export type PortOutcome =
  { kind: "violation"; resource: string; problem: Sentence; fix: Sentence; subject: string } | { kind: "note"; text: string } | undefined;

const PROTOCOL_NAMES = { tcp: "TCP", udp: "UDP", icmp: "ICMP" } as const;

/** "TCP 443", "UDP 8000-8100", "TCP every port", "ICMP". */
export function portsLabel(ports: TargetPorts): string {
  if (ports.protocol === "icmp") return "ICMP";
  const all = ports.ranges.length === 1 && ports.ranges[0][0] === ALL_PORTS[0] && ports.ranges[0][1] === ALL_PORTS[1];
  return `${PROTOCOL_NAMES[ports.protocol]} ${all ? "every port" : portsText(ports.ranges)}`;
}

function addresses(flows: FlowSet): string[] {
  return [...new Set(flows.rows().flatMap((r) => cidrTexts(r.family, r.first, r.last)))];
}

function cidrsOf(texts: readonly string[]): Cidr[] {
  return texts.flatMap((t) => {
    const parsed = parseCidr(t);
    return parsed.ok ? [parsed.cidr] : [];
  });
}

/**
 * Spec section 5 with ports: the selected pool addresses x the named protocol and ports, judged in
 * the target's subnets (F4). A required target surely denied is a violation naming the deciding
 * rule, one only not checked a note; a forbidden target not surely denied everywhere is a violation.
 */
export function checkPortTarget(check: PortCheck): PortOutcome {
  const { gateway, ports } = check;
  const gatewayPools = FlowSet.of(cidrsOf(gateway.clientPools), PROTOCOLS, [ALL_PORTS]);
  const chosen =
    check.pools === undefined ? gatewayPools : FlowSet.of(cidrsOf(check.pools), PROTOCOLS, [ALL_PORTS]).intersect(gatewayPools);
  const selection = chosen.intersect(FlowSet.of([...cidrsOf(gateway.clientPools)], [ports.protocol], ports.ranges));
  if (selection.isEmpty())
    return {
      kind: "note",
      text: `${capitalise(check.origin)} names pools that hold no client address of ${gateway.name}, so ${check.label} on ${portsLabel(ports)} is not checked for it.`,
    };
  const endpoints = check.endpoint === undefined ? [] : gateway.paths.endpoints.filter((e) => e.endpoint.id === check.endpoint);
  const subnets =
    endpoints.length > 0
      ? endpoints
      : gateway.paths.subnets.filter(
          (s) =>
            s.network.id === check.network &&
            (check.cidr === undefined || cidrsOf(s.subnet.prefixes).some((c) => overlaps(c, check.cidr as Cidr))),
        );
  const judgement = judgePortTarget(
    check.required,
    selection,
    subnets.map((s) => ({
      name: s.subnet.name,
      parts: s.flows().map((p) => ({
        verdict: p.verdict,
        flows: p.flows,
        label: { rule: p.rule, subnet: s, ...(p.verdict === "not checked" ? { why: p.why } : {}) },
      })),
    })),
  );
  const who = `Clients of ${gateway.name} (${joinList(addresses(judgement.outcome === "no-subnet" ? selection : judgement.flows))})`;
  const what = `${check.label} on ${portsLabel(ports)}`;
  const verb = check.required ? "requires" : "forbids";
  if (check.required) {
    if (judgement.outcome === "not-checked")
      return {
        kind: "note",
        text: `${who.replace("Clients", "Whether clients")} reach ${what}, which ${check.origin} requires, is not checked: ${judgement.labels.map((l) => (l.why === undefined ? flowRuleSentence(l.rule) : `${flowRuleSentence(l.rule)} ${l.why}`)).join("; ")}.`,
      };
    if (judgement.outcome !== "not-reached") return undefined;
    const decider = judgement.labels[0];
    const sources = joinList(addresses(judgement.flows));
    return {
      kind: "violation",
      subject: `${gateway.name}/${check.label}:${portsLabel(ports)}`,
      resource: resourceOf(decider, gateway),
      problem: sentence`${who} cannot reach ${what}, which ${check.origin} ${verb}: ${denial(decider, sources)}.`,
      fix: allowFix(decider, sources, ports),
    };
  }
  if (judgement.outcome === "not-reached") return undefined;
  const decider = judgement.labels[0];
  const sources = joinList(addresses(judgement.outcome === "no-subnet" ? selection : judgement.flows));
  const how = decider === undefined ? sentence`no subnet of it filters traffic` : allowance(decider, judgement);
  return {
    kind: "violation",
    subject: `${gateway.name}/${check.label}:${portsLabel(ports)}`,
    resource: decider === undefined ? check.network : resourceOf(decider, gateway),
    problem: sentence`${who} ${judgement.sure ? "reach" : "may reach"} ${what}, which ${check.origin} ${verb}: ${how}.`,
    fix: denyFix(decider, sources, ports, check.label),
  };
}

interface Decider {
  rule: FlowRule;
  subnet: SubnetPaths;
  /** Why a part is not checked. */
  why?: string;
}

function resourceOf(decider: Decider | undefined, gateway: GatewayAnalysis): string {
  if (!decider) return gateway.id;
  const { rule, subnet } = decider;
  if (rule.by === "nsg") return rule.nsgId;
  if (rule.by === "firewall" && rule.firewallId !== undefined) return rule.firewallId;
  if (rule.by === "path") return subnet.failures[0]?.resource ?? subnet.subnet.declaredBy.id;
  return subnet.subnet.declaredBy.id;
}

function denial(decider: Decider | undefined, sources: string): Sentence {
  if (!decider) return sentence`no subnet allows it`;
  const { rule, subnet } = decider;
  if (rule.by === "path") {
    const failure = subnet.failures[0];
    return failure ? sentence`the path to ${subnet.network.name}/${subnet.subnet.name} fails: ${failure.text}` : sentence`the path fails`;
  }
  return sentence`${flowRuleSentence(rule)} denies ${sources}`;
}

function allowance(decider: Decider, judgement: PortJudgement<Decider>): Sentence {
  const { rule, subnet } = decider;
  const where = `${subnet.network.name}/${subnet.subnet.name}`;
  if (!judgement.sure) return sentence`in ${where}, ${flowRuleSentence(rule)} is not checked`;
  if (rule.by === "no filter") return sentence`${where} has no network security group`;
  return sentence`${flowRuleSentence(rule)} allows it in ${where}`;
}

function allowFix(decider: Decider | undefined, sources: string, ports: TargetPorts): Sentence {
  const port = ports.protocol === "icmp" ? "ICMP" : `port ${portsText(ports.ranges)}`;
  if (!decider) return sentence`Allow ${sources} to ${port} in the network security group of a subnet of the target.`;
  const { rule, subnet } = decider;
  if (rule.by === "nsg") return sentence`Allow ${sources} to ${port} in ${rule.ref.nsg} at a priority below ${rule.ref.priority}.`;
  if (rule.by === "firewall")
    return "by" in rule.ref
      ? sentence`Allow ${sources} to ${port} in a network rule collection of ${rule.ref.firewall}.`
      : sentence`Allow ${sources} to ${port} in ${rule.ref.firewall} before collection ${rule.ref.collection} (priority ${rule.ref.priority}).`;
  if (rule.by === "path") return subnet.failures[0]?.fix.text ?? sentence`Give ${subnet.subnet.name} a working path both ways.`;
  return sentence`Allow ${sources} to ${port} where ${subnet.subnet.name} filters traffic.`;
}

function denyFix(decider: Decider | undefined, sources: string, ports: TargetPorts, label: string): Sentence {
  const port = ports.protocol === "icmp" ? "ICMP" : `port ${portsText(ports.ranges)}`;
  if (!decider) return sentence`Deny ${sources} to ${port} in a network security group on every subnet of ${label}.`;
  const { rule, subnet } = decider;
  if (rule.by === "nsg" && rule.ref.priority < 65000)
    return sentence`Deny ${sources} to ${port} in ${rule.ref.nsg} at a priority below ${rule.ref.priority}.`;
  if (rule.by === "nsg") return sentence`Deny ${sources} to ${port} in ${rule.ref.nsg} with a rule of its own.`;
  if (rule.by === "firewall") return sentence`Deny ${sources} to ${port} in ${rule.ref.firewall} before the rule that lets it through.`;
  return sentence`Deny ${sources} to ${port} in a network security group on ${subnet.network.name}/${subnet.subnet.name}.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

import type { FirewallRuleRef } from "../filters/firewall";
import { evaluateFirewall, firewallRuleText } from "../filters/firewall";
import { ALL_PORTS, FlowSet, PROTOCOLS } from "../filters/flow-set";
import type { RuleRef } from "../filters/nsg";
import { evaluateNsg, ruleText } from "../filters/nsg";
import type { Verdict, VerdictPart } from "../filters/verdict";
import { VERDICT_ORDER } from "../filters/verdict";
import { parseCidr } from "../topology/cidr";
import type { Subnet } from "../topology/model";
import { applianceLabel } from "./next-hop";
import type { PathIndex } from "./path-index";
import type { ApplianceHop, PathPart, PathVerdict } from "./subnet-path";

/** What decides a part of a subnet's flows (spec F4): a filter's rule, a failing path, or nothing at all. */
export type FlowRule =
  | { by: "nsg"; ref: RuleRef; nsgId: string }
  | { by: "firewall"; ref: FirewallRuleRef; firewallId?: string }
  | { by: "path"; verdict: PathVerdict }
  | { by: "no filter" }
  | { by: "unknown"; what: string };

export type SubnetFlowPart = VerdictPart<FlowRule>;

/** How reports and the JSON name a deciding rule: "nsg-app/deny-vpn (200)", "AllowVnetInBound (65000)", "fw-hub/net/allow-https (100)". */
export function flowRuleText(rule: FlowRule): string {
  switch (rule.by) {
    case "nsg":
      // Every NSG has the default rules: their names and priorities are Azure's, the same everywhere.
      return rule.ref.priority >= 65000
        ? `${rule.ref.rule} (${rule.ref.priority})`
        : `${rule.ref.nsg}/${rule.ref.rule} (${rule.ref.priority})`;
    case "firewall":
      return "by" in rule.ref
        ? `${rule.ref.firewall} (${rule.ref.by === "default" ? "no rule allows it" : "rules not declared"})`
        : `${rule.ref.firewall}/${rule.ref.collection}/${rule.ref.rule} (${rule.ref.priority})`;
    case "path":
      return `path ${rule.verdict}`;
    case "no filter":
      return "no network security group";
    case "unknown":
      return rule.what;
  }
}

/** The sentence form of a deciding rule, for one-line reports. */
export function flowRuleSentence(rule: FlowRule): string {
  switch (rule.by) {
    case "nsg":
      return ruleText(rule.ref);
    case "firewall":
      return firewallRuleText(rule.ref);
    case "path":
      return `the path is ${rule.verdict}`;
    default:
      return flowRuleText(rule);
  }
}

/**
 * Spec F4 for one subnet: the pools' flows cut into allowed, denied and not checked parts,
 * following the forward path: a failing path denies its pool part; an appliance's rules (F5) come
 * first where the path goes through one; the subnet's NSG (F2, F3) decides what reaches it.
 */
export function subnetFlows(index: PathIndex, subnet: Subnet, paths: readonly PathPart[]): SubnetFlowPart[] {
  const out: SubnetFlowPart[] = [];
  const poolsOf = (verdicts: PathVerdict[]) => paths.filter((p) => verdicts.includes(p.verdict)).map((p) => p.pool);
  for (const part of paths.filter((p) => !["ok", "ok-via-appliance"].includes(p.verdict))) {
    const flows = everything([part.pool]);
    const rule: FlowRule = { by: "path", verdict: part.verdict };
    if (part.verdict === "not-checked") out.push({ verdict: "not checked", rule, why: notCheckedWhy(part), flows });
    else out.push({ verdict: "denied", rule, flows });
  }
  out.push(...nsgStage(index, subnet, poolsOf(["ok"]), undefined));
  // Parts through the same appliance are judged together.
  const byAppliance = new Map<string, PathPart[]>();
  for (const part of paths.filter((p) => p.verdict === "ok-via-appliance")) {
    const key = part.forward.kind === "via" ? applianceLabel(part.forward.hop) : "";
    byAppliance.set(key, [...(byAppliance.get(key) ?? []), part]);
  }
  for (const parts of byAppliance.values()) {
    const forward = parts[0].forward;
    if (forward.kind !== "via") continue;
    out.push(
      ...applianceStage(
        index,
        subnet,
        parts.map((p) => p.pool),
        forward.hop,
      ),
    );
  }
  return out.filter((p) => !p.flows.isEmpty()).sort((a, b) => VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict]);
}

function everything(pools: readonly string[]): FlowSet {
  const cidrs = pools.map((p) => parseCidr(p)).flatMap((p) => (p.ok ? [p.cidr] : []));
  return FlowSet.of(cidrs, PROTOCOLS, [ALL_PORTS]);
}

function notCheckedWhy(part: PathPart): string {
  if (part.forward.kind === "unknown") return `because ${part.forward.why}`;
  if (part.back.kind === "unknown") return `because ${part.back.why}`;
  return "because the appliances on the way there and back cannot be compared before deployment";
}

/** The subnet's NSG over the pools that reach it; `within` limits the flows to those an appliance let through. */
function nsgStage(index: PathIndex, subnet: Subnet, pools: readonly string[], within: FlowSet | undefined): SubnetFlowPart[] {
  if (pools.length === 0) return [];
  const all = within ?? everything(pools);
  const nsg = subnet.nsg;
  if (nsg === undefined) return [{ verdict: "allowed", rule: { by: "no filter" }, flows: all }];
  const known = nsg !== "unknown" && nsg.id !== undefined ? index.nsgs.get(nsg.id) : undefined;
  if (nsg === "unknown" || !known) {
    const what = nsg === "unknown" ? "its network security group" : nsg.name;
    const why = nsg === "unknown" ? "is not known before deployment" : "is not in the stack, so its rules are not read";
    return [{ verdict: "not checked", rule: { by: "unknown", what }, why, flows: all }];
  }
  // Traffic that arrives through the gateway or an appliance the subnet routes the pool to is in the tag VirtualNetwork (F3).
  const parts = evaluateNsg({ pools, destination: subnet.prefixes, nsg: known, poolInVirtualNetworkTag: true }).map(
    (part): SubnetFlowPart => ({ ...relabel(part, { by: "nsg", ref: part.rule, nsgId: known.id }), flows: part.flows.intersect(all) }),
  );
  return nicStage(index, subnet, pools, parts);
}

/**
 * Spec F2: a NIC's own NSG decides for its addresses after the subnet's. A subnet's flows do not tell
 * its addresses apart, so what the subnet allows and a NIC's NSG does not surely allow is not checked.
 */
function nicStage(index: PathIndex, subnet: Subnet, pools: readonly string[], parts: SubnetFlowPart[]): SubnetFlowPart[] {
  const nics = index.filteredNics.get(subnet.id) ?? [];
  if (nics.length === 0) return parts;
  return parts.flatMap((part): SubnetFlowPart[] => {
    if (part.verdict !== "allowed") return [part];
    let allowed = part.flows;
    const out: SubnetFlowPart[] = [];
    for (const nic of nics) {
      const nsg = nic.nsg !== "unknown" && nic.nsg?.id !== undefined ? index.nsgs.get(nic.nsg.id) : undefined;
      const passes = nsg
        ? evaluateNsg({
            pools,
            destination: nic.addresses.length > 0 ? nic.addresses : subnet.prefixes,
            nsg,
            poolInVirtualNetworkTag: true,
          })
            .filter((p) => p.verdict === "allowed")
            .reduce((set, p) => set.union(p.flows), FlowSet.empty())
        : FlowSet.empty();
      const held = allowed.subtract(passes);
      if (held.isEmpty()) continue;
      const what = `${nic.name}'s network security group`;
      const why = `may not allow it for the addresses of ${nic.name}${nic.addresses.length > 0 ? ` (${nic.addresses.join(", ")})` : ""}`;
      out.push({ verdict: "not checked", rule: { by: "unknown", what }, why, flows: held });
      allowed = allowed.subtract(held);
    }
    return allowed.isEmpty() ? out : [{ ...part, flows: allowed }, ...out];
  });
}

/** Spec F5, then F2 on what the appliance lets through: a denial by either is sure, anything else unsure is not checked. */
function applianceStage(index: PathIndex, subnet: Subnet, pools: readonly string[], hop: ApplianceHop): SubnetFlowPart[] {
  const firewall = hop.appliance ? index.firewalls.get(hop.appliance.id) : undefined;
  const name = hop.appliance?.name ?? applianceLabel(hop);
  const stage = firewall
    ? evaluateFirewall({ pools, destination: subnet.prefixes, firewall: { name: firewall.name, rules: firewall.rules } })
    : [
        {
          verdict: "not checked" as const,
          rule: { firewall: name, by: "undeclared rules" as const },
          why: "is an appliance whose rules the pack does not read",
          flows: everything(pools),
        },
      ];
  const out: SubnetFlowPart[] = [];
  for (const part of stage) {
    const rule: FlowRule = { by: "firewall", ref: part.rule, ...(firewall ? { firewallId: firewall.id } : {}) };
    if (part.verdict === "denied") {
      out.push({ ...relabel(part, rule), flows: part.flows });
      continue;
    }
    for (const after of nsgStage(index, subnet, pools, part.flows)) {
      if (part.verdict === "allowed" || after.verdict === "denied") out.push(after);
      else out.push({ verdict: "not checked", rule, why: part.why, flows: after.flows });
    }
  }
  return out;
}

function relabel<R>(part: Verdict<R>, rule: FlowRule): Verdict<FlowRule> {
  if (part.verdict === "not checked") return { verdict: "not checked", rule, why: part.why };
  if (part.verdict === "denied") return { verdict: "denied", rule, ...(part.why !== undefined ? { why: part.why } : {}) };
  return { verdict: "allowed", rule };
}

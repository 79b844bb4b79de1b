import type { Cidr } from "../topology/cidr";
import { PrefixIndex, contains, overlaps, parseCidr } from "../topology/cidr";
import type { Platform, Topology } from "../topology/model";
import { PLATFORMS } from "../topology/model";
import { distance } from "fastest-levenshtein";
import { compareText, joinList } from "../topology/order";
import { matchesStack } from "../topology/stack-pattern";
import type { Sentence } from "../topology/sentence";
import { fieldRef, sentence, sentenceKey } from "../topology/sentence";
import type { Reason } from "../reachability/findings";
import { reachOf } from "../reachability/gateway-reach";
import { checkPortTarget } from "./port-intents";
import type { TargetPorts } from "./port-target";
import { parseTarget } from "./port-target";
import { PLATFORM_LABELS, isPlatform } from "../reachability/platforms";
import { explainUnreached } from "../reachability/reach";
import type { Analysis, GatewayAnalysis } from "../reachability/results";
import type { Network } from "../reachability/topology-index";
import { nameOf } from "../reachability/topology-index";
import type { ConfigurationReach } from "../virtual-wan/configuration-reach";

/** What P2S clients must and must not reach (spec section 5), from configuration or tags. */
export interface Intent {
  /** Where the intent was stated, for messages: "the policy configuration", "tag p2s-access on vnet3". */
  origin: string;
  /** Id of the tagged resource, for intents from tags. */
  originResource?: string;
  /** "*", or a gateway's id, Pulumi name or Azure name. */
  gateway: string;
  /** Undefined means all five. */
  platforms?: string[];
  /** Network ids, Pulumi names, Azure names or CIDRs. */
  reach: string[];
  deny: string[];
  /** "project/stack" patterns with "*": the intent is about these stacks only, and strict in them. */
  stacks?: string[];
  /** Client pools the intent is about: prefixes or names of user-group configurations; undefined means every pool of the gateway. */
  pools?: string[];
}

/**
 * Where intents are checked: one stack (the pack), or every stack a review was given (p2s-check),
 * where a target found in none of them is a violation, scoped or not.
 */
export type IntentScope = "stack" | "all-inputs";

export interface IntentViolation {
  /** Id of the resource to fix; undefined for a stack-wide problem. */
  resource?: string;
  code: IntentCode;
  /** What the violation is about within its resource: the target, gateway or platform named. */
  subject: string;
  problem: Sentence;
  fix: Sentence;
}

export type IntentCode =
  | "intent.invalid-access-tag"
  | "intent.unknown-platform"
  | "intent.unknown-gateway"
  | "intent.unknown-target"
  | "intent.required-not-reached"
  | "intent.forbidden-reached";

export interface IntentResult {
  violations: IntentViolation[];
  notes: string[];
}

/** An endpoint target is reached when its VNet is accessible and its name resolves (spec section 6, D6). */
type Target =
  | { kind: "network"; id: string; label: string }
  | { kind: "cidr"; cidr: Cidr; label: string }
  | { kind: "endpoint"; id: string; network: string | undefined; label: string };

const ACCESS_TAG = "p2s-access";
const PLATFORMS_TAG = "p2s-platforms";

function splitList(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The intents of the policy configuration's `intents` list, read whatever it holds. */
export function intentsFromConfig(value: unknown): Intent[] {
  if (!Array.isArray(value)) return [];
  return value.map((raw, i) => {
    const bag = (raw !== null && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
    const texts = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
    return {
      origin: `intent ${i + 1} of the policy configuration`,
      gateway: typeof bag.gateway === "string" ? bag.gateway : "*",
      platforms: Array.isArray(bag.platforms) ? texts(bag.platforms) : undefined,
      reach: texts(bag.reach),
      deny: texts(bag.deny),
      ...(Array.isArray(bag.stacks) ? { stacks: texts(bag.stacks) } : {}),
      ...(Array.isArray(bag.pools) ? { pools: texts(bag.pools) } : {}),
    };
  });
}

/** Intents carried by tags: p2s-access on networks, p2s-reach and p2s-deny on gateways. */
export function intentsFromTags(topology: Topology): { intents: Intent[]; violations: IntentViolation[] } {
  const intents: Intent[] = [];
  const violations: IntentViolation[] = [];
  const platformsOf = (tags: Record<string, string>) =>
    tags[PLATFORMS_TAG] === undefined ? undefined : splitList(tags[PLATFORMS_TAG]).map((p) => p.toLowerCase());
  for (const network of [...topology.vnets, ...topology.sites]) {
    const tags = network.tags ?? {};
    const value = tags[ACCESS_TAG];
    if (value === undefined) continue;
    const access = value.trim().toLowerCase();
    if (access !== "required" && access !== "forbidden") {
      violations.push({
        resource: network.id,
        code: "intent.invalid-access-tag",
        subject: network.name,
        problem: sentence`${network.name} has tag ${ACCESS_TAG} "${value}", which is neither required nor forbidden.`,
        fix: sentence`Set tag ${ACCESS_TAG} on ${network.name} to required or forbidden.`,
      });
      continue;
    }
    intents.push({
      origin: `tag ${ACCESS_TAG} on ${network.name}`,
      originResource: network.id,
      gateway: "*",
      platforms: platformsOf(tags),
      reach: access === "required" ? [network.id] : [],
      deny: access === "forbidden" ? [network.id] : [],
    });
  }
  for (const gateway of topology.gateways) {
    const tags = gateway.tags ?? {};
    for (const tag of ["p2s-reach", "p2s-deny"] as const) {
      if (tags[tag] === undefined) continue;
      intents.push({
        origin: `tag ${tag} on ${gateway.name}`,
        originResource: gateway.id,
        gateway: gateway.id,
        platforms: platformsOf(tags),
        reach: tag === "p2s-reach" ? splitList(tags[tag]) : [],
        deny: tag === "p2s-deny" ? splitList(tags[tag]) : [],
      });
    }
  }
  return { intents, violations };
}

class Resolver {
  private readonly byName = new Map<string, string[]>();
  private networkPrefixes?: PrefixIndex<string>;

  constructor(private readonly analysis: Analysis) {
    for (const network of analysis.index.networks.values()) {
      for (const key of [network.id, network.name, `azure:${(network.azureName ?? "").toLowerCase()}`]) {
        const list = this.byName.get(key) ?? [];
        if (!list.includes(network.id)) list.push(network.id);
        this.byName.set(key, list);
      }
    }
  }

  gatewayNames(): string[] {
    return this.analysis.gateways.flatMap((g) => [g.name, this.analysis.index.gateways.get(g.id)?.azureName ?? g.name]);
  }

  /** Every name a target may be given by: networks (Pulumi and Azure names) and private endpoints. */
  targetNames(): string[] {
    const endpoints = (this.analysis.index.topology.dns?.endpoints ?? []).map((e) => e.name);
    return [...this.analysis.index.networks.values()].flatMap((n) => (n.azureName ? [n.name, n.azureName] : [n.name])).concat(endpoints);
  }

  gateways(selector: string): GatewayAnalysis[] {
    if (selector === "*") return this.analysis.gateways;
    const lower = selector.toLowerCase();
    return this.analysis.gateways.filter((g) => {
      const azureName = this.analysis.index.gateways.get(g.id)?.azureName;
      return g.id === selector || g.name === selector || azureName?.toLowerCase() === lower;
    });
  }

  /** Resolves a target; undefined when nothing in the stack matches. */
  target(text: string): Target[] | undefined {
    const ids = this.byName.get(text) ?? this.byName.get(`azure:${text.toLowerCase()}`);
    if (ids && text.length > 0) {
      return ids.map((id) => ({ kind: "network", id, label: nameOf(this.analysis.index, id) }));
    }
    const endpoint = this.analysis.index.topology.dns?.endpoints.find((e) => e.name === text);
    if (endpoint) return [{ kind: "endpoint", id: endpoint.id, network: endpoint.vnet, label: endpoint.name }];
    const parsed = parseCidr(text);
    if (!parsed.ok || this.stackPrefixes().containing(parsed.cidr).length === 0) return undefined;
    return [{ kind: "cidr", cidr: parsed.cidr, label: parsed.cidr.text }];
  }

  /** The network holding a CIDR target, to explain why it is not reached. */
  networkHolding(cidr: Cidr): string | undefined {
    return this.stackPrefixes().containing(cidr)[0];
  }

  private stackPrefixes(): PrefixIndex<string> {
    if (!this.networkPrefixes) {
      this.networkPrefixes = new PrefixIndex<string>();
      for (const network of this.analysis.index.networks.values()) {
        for (const cidr of network.prefixes) this.networkPrefixes.add(cidr, network.id);
      }
    }
    return this.networkPrefixes;
  }
}

interface Outcome {
  gateway: GatewayAnalysis;
  target: Target;
  intent: Intent;
  required: boolean;
  resource: string;
  detail: Sentence;
  fix: Sentence;
  platform: Platform;
}

/** The name a typo could have meant: equal but for case, or one or two characters away. */
function nearMiss(text: string, names: Iterable<string>): string | undefined {
  const lower = text.toLowerCase();
  // Names whose lengths differ by more than two are never two edits apart: skip the quadratic distance.
  for (const name of names) if (Math.abs(name.length - lower.length) <= 2 && distance(lower, name.toLowerCase()) <= 2) return name;
  return undefined;
}

/** What evaluating intents works with, and what it collects: violations and notes as found, outcomes to group. */
interface Evaluation {
  analysis: Analysis;
  resolver: Resolver;
  scope: IntentScope;
  violations: IntentViolation[];
  notes: string[];
  outcomes: Outcome[];
}

/**
 * Checks every intent that applies to the stack against the analysis; one violation per gateway,
 * target and cause, naming every intent that asks for it. An intent scoped with `stacks` applies
 * where a pattern matches and is strict there; an unscoped one applies where its gateway is "*"
 * or one of the stack's, and a name that matches nothing is a violation only when it looks like a
 * typo of one in the stack (elsewhere it is another stack's, and a note says so).
 */
export function evaluateIntents(analysis: Analysis, intents: Intent[], scope: IntentScope = "stack"): IntentResult {
  if (intents.length === 0) return { violations: [], notes: [] };
  const evaluation: Evaluation = { analysis, resolver: new Resolver(analysis), scope, violations: [], notes: [], outcomes: [] };
  for (const intent of intents) {
    if (!appliesToStacks(evaluation, intent)) continue;
    const platforms = knownPlatforms(evaluation, intent);
    const gateways = intendedGateways(evaluation, intent);
    if (gateways.length > 0) checkTargets(evaluation, intent, gateways, platforms);
  }
  const violations = [...evaluation.violations, ...groupOutcomes(evaluation.outcomes)];
  return { violations: violations.sort(compareViolations), notes: [...new Set(evaluation.notes)].sort(compareText) };
}

/** An unscoped intent applies everywhere; a scoped one where a pattern matches a stack, and elsewhere a note says so. */
function appliesToStacks(evaluation: Evaluation, intent: Intent): boolean {
  const patterns = intent.stacks;
  const stacks = evaluation.analysis.index.topology.stacks ?? [];
  if (patterns === undefined || stacks.some((stack) => patterns.some((pattern) => matchesStack(pattern, stack)))) return true;
  // Silence here would read as "no violation" in a repository the configuration is not about.
  const checked = stacks.length === 0 ? "the stack's name is not known" : `it matches none of ${joinList([...stacks].sort(compareText))}`;
  const about = patterns.length > 0 ? `it is about ${joinList(patterns)}` : "its list of stacks is empty";
  evaluation.notes.push(`${capitalise(intent.origin)} is not checked: ${about}, and ${checked}.`);
  return false;
}

/** The intent's platforms, all five when it names none; each unknown one is a violation. */
function knownPlatforms(evaluation: Evaluation, intent: Intent): Platform[] {
  const known: Platform[] = [];
  for (const p of intent.platforms ?? PLATFORMS) {
    if (isPlatform(p)) known.push(p);
    else
      evaluation.violations.push({
        resource: intent.originResource,
        code: "intent.unknown-platform",
        subject: p,
        problem: sentence`${capitalise(intent.origin)} names platform "${p}", which is not one of ${PLATFORMS.join(", ")}.`,
        fix: sentence`Use only ${PLATFORMS.join(", ")} as platforms.`,
      });
  }
  return known;
}

/** The P2S gateways the intent is about; when none, a note (another stack's gateway) or a violation (a typo, or a strict scope). */
function intendedGateways(evaluation: Evaluation, intent: Intent): GatewayAnalysis[] {
  const gateways = evaluation.resolver.gateways(intent.gateway);
  if (gateways.length > 0) return gateways;
  if (intent.gateway === "*") evaluation.notes.push(`${capitalise(intent.origin)} is not checked: the stack declares no P2S gateway.`);
  else if (intent.stacks === undefined && !nearMiss(intent.gateway, evaluation.resolver.gatewayNames()))
    evaluation.notes.push(`${capitalise(intent.origin)} is not checked: ${intent.gateway} is not a P2S gateway of this stack.`);
  else
    evaluation.violations.push({
      resource: intent.originResource,
      code: "intent.unknown-gateway",
      subject: intent.gateway,
      problem: sentence`${capitalise(intent.origin)} names gateway "${intent.gateway}", which is no P2S gateway of the stack.`,
      fix: sentence`Name a P2S gateway by its Pulumi or Azure name, or use "*" for all of them.`,
    });
  return [];
}

/** Every target the intent requires or forbids, on every gateway and platform: an outcome for each that breaks it. */
function checkTargets(evaluation: Evaluation, intent: Intent, gateways: GatewayAnalysis[], platforms: Platform[]): void {
  const { analysis, resolver, scope } = evaluation;
  for (const [texts, required] of [
    [intent.reach, true],
    [intent.deny, false],
  ] as const) {
    for (const given of texts) {
      const parsed = parseTarget(given);
      // Validation refuses a target it cannot parse; a tag is not validated, so such a target stays as written.
      const text = parsed.ok ? parsed.target : given;
      const ports = parsed.ok ? parsed.ports : undefined;
      const targets = resolver.target(text);
      if (!targets && intent.stacks === undefined && scope === "stack" && !nearMiss(text, resolver.targetNames())) {
        evaluation.notes.push(`${text}, named by ${intent.origin}, is not in this stack; check across stacks with p2s-check.`);
        continue;
      }
      if (!targets) {
        evaluation.violations.push({
          resource: intent.originResource,
          code: "intent.unknown-target",
          subject: text,
          problem: sentence`${capitalise(intent.origin)} names "${text}", which is neither a network of the stack nor a CIDR inside one.`,
          fix: sentence`Name the VNet or site by its Pulumi or Azure name, or give a CIDR inside one of them.`,
        });
        continue;
      }
      for (const gateway of gateways) {
        for (const target of targets) {
          if (ports && checkPorts(evaluation, intent, gateway, target, ports, platforms, required)) continue;
          const selected = gateway.hubConfigurations && selectedConfigurations(evaluation, intent, gateway, gateway.hubConfigurations);
          for (const platform of platforms) {
            const outcome = selected
              ? hubCheck(analysis, resolver, gateway, target, platform, required, selected)
              : check(analysis, resolver, gateway, target, platform, required);
            if (outcome) evaluation.outcomes.push({ ...outcome, gateway, target, intent, required, platform });
          }
        }
      }
    }
  }
}

function check(
  analysis: Analysis,
  resolver: Resolver,
  gateway: GatewayAnalysis,
  target: Target,
  platform: Platform,
  required: boolean,
): { resource: string; detail: Sentence; fix: Sentence } | undefined {
  const result = gateway.platforms[platform];
  const reachedVia = reachedNetwork(analysis, gateway, target, platform);
  const resolution =
    target.kind === "endpoint"
      ? analysis.dns.find((d) => d.gateway.id === gateway.id)?.endpoints.find((e) => e.id === target.id)
      : undefined;
  if (required && reachedVia === undefined) {
    const held = target.kind === "cidr" ? resolver.networkHolding(target.cidr) : target.kind === "network" ? target.id : target.network;
    const reason: Reason | undefined =
      result.blockedBy ?? (held === undefined ? undefined : explainUnreached(analysis.index, gateway, held));
    if (!reason)
      return {
        resource: target.kind === "endpoint" ? target.id : gateway.id,
        detail: sentence`${target.label} lies in no VNet of the stack`,
        fix: sentence`Place ${target.label} in a subnet of a VNet that clients of ${gateway.name} reach.`,
      };
    return { resource: reason.resources[0] ?? gateway.id, detail: reason.text, fix: reason.fix.text };
  }
  if (required && resolution?.resolves === false && resolution.reason && resolution.fix) {
    return {
      resource: resolution.fix.resource ?? gateway.vnet ?? gateway.id,
      detail: sentence`its name does not resolve: ${resolution.reason}`,
      fix: resolution.fix.text,
    };
  }
  // A forbidden endpoint counts as reached unless its name surely does not resolve: an unchecked name may.
  if (!required && reachedVia !== undefined && (target.kind !== "endpoint" || resolution?.resolves !== false))
    return howReached(analysis, gateway, reachedVia);
  return undefined;
}

/**
 * A target with ports, judged once per gateway over its pools (spec section 5) when some platform of
 * the intent connects and the target's network is accessible; false leaves it to the checks without
 * ports, which say why the network is not reached.
 */
function checkPorts(
  evaluation: Evaluation,
  intent: Intent,
  gateway: GatewayAnalysis,
  target: Target,
  ports: TargetPorts,
  platforms: Platform[],
  required: boolean,
): boolean {
  const platform = platforms.find((p) => gateway.platforms[p].canConnect);
  const network = platform === undefined ? undefined : reachedNetwork(evaluation.analysis, gateway, target, platform);
  if (network === undefined) return false;
  const pools = intent.pools === undefined ? undefined : selectedPools(evaluation, intent, gateway, intent.pools);
  const outcome = checkPortTarget({
    gateway,
    network,
    ...(target.kind === "cidr" ? { cidr: target.cidr } : {}),
    ...(target.kind === "endpoint" ? { endpoint: target.id } : {}),
    label: target.label,
    ports,
    ...(pools !== undefined ? { pools } : {}),
    origin: intent.origin,
    required,
  });
  if (outcome?.kind === "note") evaluation.notes.push(outcome.text);
  else if (outcome)
    evaluation.violations.push({
      resource: outcome.resource,
      code: required ? "intent.required-not-reached" : "intent.forbidden-reached",
      subject: outcome.subject,
      problem: outcome.problem,
      fix: outcome.fix,
    });
  return true;
}

/**
 * The connection configurations of a hub gateway an intent is about: all of them, or those its
 * `pools` name or whose pools overlap a prefix it gives.
 */
function selectedConfigurations(
  evaluation: Evaluation,
  intent: Intent,
  gateway: GatewayAnalysis,
  configurations: readonly ConfigurationReach[],
): ConfigurationReach[] {
  if (intent.pools === undefined) return [...configurations];
  const prefixes = intent.pools.flatMap((entry) => {
    const parsed = parseCidr(entry);
    return parsed.ok ? [parsed.cidr] : [];
  });
  const selected = configurations.filter(
    (c) =>
      intent.pools?.some((entry) => entry.toLowerCase() === c.name.toLowerCase()) ||
      c.pools.some((pool) => {
        const parsed = parseCidr(pool);
        return parsed.ok && prefixes.some((p) => overlaps(p, parsed.cidr));
      }),
  );
  if (selected.length === 0)
    evaluation.notes.push(
      `${capitalise(intent.origin)} names pools that select no connection configuration of ${gateway.name}, so it is not checked there.`,
    );
  return selected;
}

/**
 * A hub gateway's intent (spec section 8): a required target must be reached by every selected
 * configuration, a forbidden one by none.
 */
function hubCheck(
  analysis: Analysis,
  resolver: Resolver,
  gateway: GatewayAnalysis,
  target: Target,
  platform: Platform,
  required: boolean,
  selected: readonly ConfigurationReach[],
): { resource: string; detail: Sentence; fix: Sentence } | undefined {
  const result = gateway.platforms[platform];
  if (!result.canConnect)
    return required && result.blockedBy
      ? { resource: result.blockedBy.resources[0] ?? gateway.id, detail: result.blockedBy.text, fix: result.blockedBy.fix.text }
      : undefined;
  const network = target.kind === "cidr" ? resolver.networkHolding(target.cidr) : target.kind === "network" ? target.id : target.network;
  // Routed, but without a working path in any of its subnets (P5; a spoke's route table, W10): no configuration reaches it.
  const ix = network !== undefined ? analysis.index.networks.get(network)?.ix : undefined;
  const pathFailure = ix !== undefined && gateway.reach.blocked.has(ix) ? gateway.reach.unreached.get(ix)?.[0] : undefined;
  const reaches = (c: ConfigurationReach) =>
    pathFailure === undefined && c.destinations.some((d) => d.verdict === "reached" && d.connection.remote === network);
  const name = nameOf(analysis.index, network);
  const hub = gateway.hub?.name ?? "its hub";
  if (required) {
    const missing = selected.find((c) => !reaches(c));
    if (!missing) return undefined;
    const why = missing.destinations.find((d) => d.connection.remote === network && d.text !== undefined && d.fix !== undefined);
    if (why?.text && why.fix) return { resource: why.fix.resource ?? gateway.id, detail: why.text, fix: why.fix.text };
    if (pathFailure) return { resource: pathFailure.resources[0] ?? gateway.id, detail: pathFailure.text, fix: pathFailure.fix.text };
    return {
      resource: network ?? gateway.id,
      detail: network === undefined ? sentence`${target.label} lies in no VNet of the stack` : sentence`${name} is not connected to ${hub}`,
      fix: sentence`Connect ${network === undefined ? target.label : name} to ${hub} with a hub virtual network connection.`,
    };
  }
  const reaching = selected.filter(reaches);
  if (reaching.length === 0) return undefined;
  const connection = reaching[0].destinations.find((d) => d.connection.remote === network)?.connection;
  return {
    resource: connection?.id.split("#")[0] ?? gateway.id,
    detail: sentence`${name} is connected to ${hub} by ${connection?.name ?? "a connection"}, whose routes ${joinList(reaching.map((c) => c.name))} of ${gateway.name} receive`,
    fix: sentence`Associate ${connection?.name ?? "the connection"} with a route table that the configuration does not propagate to, and stop propagating it to the configuration's table, or remove it.`,
  };
}

/** An intent's `pools` as prefixes: each a prefix, or the name of a user-group configuration of the gateway; others are noted. */
function selectedPools(evaluation: Evaluation, intent: Intent, gateway: GatewayAnalysis, pools: readonly string[]): string[] {
  const groups = evaluation.analysis.index.gateways.get(gateway.id)?.userGroups ?? [];
  return pools.flatMap((entry) => {
    if (parseCidr(entry).ok) return [entry];
    const group = groups.find((g) => g.name.toLowerCase() === entry.toLowerCase());
    if (!group)
      evaluation.notes.push(
        `${capitalise(intent.origin)} names the pool ${entry}, which is neither a prefix nor a user group of ${gateway.name}.`,
      );
    return group?.pools ?? [];
  });
}

/** The accessible network that holds the target, if any. */
function reachedNetwork(analysis: Analysis, gateway: GatewayAnalysis, target: Target, platform: Platform): string | undefined {
  const result = gateway.platforms[platform];
  if (target.kind !== "cidr") {
    const network = target.kind === "network" ? target.id : target.network;
    return network !== undefined && result.canConnect && reachOf(analysis.index, gateway.reach, network) ? network : undefined;
  }
  return result.accessNetworks.find((network) => network.prefixes.some((c) => contains(c, target.cidr)))?.id;
}

function howReached(
  analysis: Analysis,
  gateway: GatewayAnalysis,
  networkId: string,
): { resource: string; detail: Sentence; fix: Sentence } {
  const index = analysis.index;
  const name = nameOf(index, networkId);
  const reach = reachOf(index, gateway.reach, networkId);
  if (reach?.via === "peering") {
    const network = index.networks.get(networkId) as Network;
    const peering = index.edgesFrom[network.ix].find((e) => e.peering.to === gateway.vnet)?.peering;
    const id = peering?.id ?? networkId;
    return {
      resource: id,
      detail: sentence`${name} uses ${gateway.name} through ${peering?.name ?? "gateway transit"}`,
      fix: sentence`Set ${fieldRef(id, "peering.usesRemoteGateway")} to false on ${peering?.name ?? "the peering"} or remove the peering.`,
    };
  }
  if (reach?.via === "bgp") {
    const connection = reach.link.connections[0];
    return {
      resource: connection.id,
      detail: sentence`${name} is reached over BGP through ${connection.name}`,
      fix: sentence`Stop advertising ${name} to ${gateway.name}: disable BGP on ${connection.name} or remove the link.`,
    };
  }
  return {
    resource: gateway.id,
    detail: sentence`${name} is the VNet of ${gateway.name}`,
    fix: sentence`Move the workloads that P2S clients must not reach out of ${name}.`,
  };
}

function platformList(platforms: Platform[]): string {
  if (platforms.length === PLATFORMS.length) return "All";
  return joinList(PLATFORMS.filter((p) => platforms.includes(p)).map((p) => PLATFORM_LABELS[p]));
}

function groupOutcomes(outcomes: Outcome[]): IntentViolation[] {
  const groups = new Map<string, Outcome[]>();
  for (const o of outcomes) {
    const key = [o.gateway.id, o.target.label, o.required, sentenceKey(o.detail)].join("\u0000");
    const list = groups.get(key) ?? [];
    list.push(o);
    groups.set(key, list);
  }
  return [...groups.values()].map((list) => {
    const o = list[0];
    const who = `${platformList([...new Set(list.map((x) => x.platform))])} clients of ${o.gateway.name}`;
    const origins = [...new Set(list.map((x) => x.intent.origin))];
    const verb = o.required ? (origins.length > 1 ? "require" : "requires") : origins.length > 1 ? "forbid" : "forbids";
    const problem = o.required
      ? sentence`${who} cannot reach ${o.target.label}, which ${joinList(origins)} ${verb}: ${o.detail}.`
      : sentence`${who} reach ${o.target.label}, which ${joinList(origins)} ${verb}: ${o.detail}.`;
    return {
      resource: o.resource,
      code: o.required ? "intent.required-not-reached" : "intent.forbidden-reached",
      // One violation per gateway and target: both tell violations on one resource apart.
      subject: `${o.gateway.name}/${o.target.label}`,
      problem,
      fix: o.fix,
    };
  });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function compareViolations(a: IntentViolation, b: IntentViolation): number {
  return compareText(a.resource ?? "", b.resource ?? "") || compareText(sentenceKey(a.problem), sentenceKey(b.problem));
}

import { checkRequiredPlatforms } from "../reachability/checks/index";
import { Analysis, GatewayAnalysis, analyze } from "../reachability/engine";
import { Finding, FindingCategory } from "../reachability/findings";
import { Intent, IntentViolation, evaluateIntents, intentsFromTags } from "../reachability/intents";
import { PLATFORM_LABELS, isPlatform } from "../reachability/platforms";
import { nameOf } from "../reachability/topology-index";
import { Extraction, extractTopology } from "../extract/extract-topology";
import { RawResource } from "../extract/raw-resource";
import { PLATFORMS, Platform } from "../topology/model";
import { compareText, joinList } from "../topology/order";
import { PolicyName } from "./definitions";

export interface Violation {
  policy: PolicyName;
  /** Pulumi name of the resource to fix; undefined for a stack-wide problem. */
  resource?: string;
  urn?: string;
  message: string;
}

/** One extraction and one analysis, shared by every policy of a request. */
export interface StackAnalysis {
  extraction: Extraction;
  analysis: Analysis;
  tagIntents: { intents: Intent[]; violations: IntentViolation[] };
}

export function analyzeResources(resources: RawResource[]): StackAnalysis {
  const extraction = extractTopology(resources);
  return {
    extraction,
    analysis: analyze(extraction.topology),
    tagIntents: intentsFromTags(extraction.topology),
  };
}

const CATEGORY_POLICY: Record<FindingCategory, PolicyName> = {
  "gateway-transit": "p2s-gateway-transit",
  "address-overlap": "p2s-address-overlap",
  "client-protocols": "p2s-client-protocols",
  "bgp-config": "p2s-bgp-config",
};

/** The violations of one policy, given that policy's configuration; sorted. */
export function violationsOf(policy: PolicyName, stack: StackAnalysis, config: Record<string, unknown> = {}): Violation[] {
  const make = (resourceId: string | undefined, problem: string, fix: string): Violation => ({
    policy,
    resource: resourceId === undefined ? undefined : nameOf(stack.analysis.index, resourceId),
    urn: resourceId === undefined ? undefined : (stack.extraction.urns.get(resourceId) ?? resourceId),
    message: `${problem} ${fix}`,
  });
  const fromFindings = (findings: Finding[]) => findings.map((f) => make(f.resource, f.problem, f.fix));
  let out: Violation[];
  switch (policy) {
    case "p2s-intended-access":
      out = intendedAccess(stack, config).map((v) => make(v.resource, v.problem, v.fix));
      break;
    case "p2s-windows-manual-routes":
      out = windowsManualRoutes(stack).map((v) => make(v.resource, v.problem, v.fix));
      break;
    case "p2s-unreachable-routes":
      out = unreachableRoutes(stack).map((v) => make(v.resource, v.problem, v.fix));
      break;
    case "p2s-client-protocols":
      out = fromFindings([
        ...stack.analysis.findings.filter((f) => f.category === "client-protocols"),
        ...checkRequiredPlatforms(stack.analysis.gateways, requiredPlatforms(config)),
      ]);
      break;
    default:
      out = fromFindings(stack.analysis.findings.filter((f) => CATEGORY_POLICY[f.category] === policy));
  }
  return out.sort((a, b) => compareText(a.resource ?? "", b.resource ?? "") || compareText(a.message, b.message));
}

function requiredPlatforms(config: Record<string, unknown>): Platform[] {
  const value = config.requiredPlatforms;
  if (!Array.isArray(value)) return [...PLATFORMS];
  return value.filter((p): p is Platform => typeof p === "string" && isPlatform(p));
}

function configIntents(config: Record<string, unknown>): Intent[] {
  const value = config.intents;
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
    };
  });
}

function intendedAccess(stack: StackAnalysis, config: Record<string, unknown>): IntentViolation[] {
  const intents = [...configIntents(config), ...stack.tagIntents.intents];
  return [...stack.tagIntents.violations, ...evaluateIntents(stack.analysis, intents).violations];
}

/**
 * The name Windows gives the VPN connection its client package creates: the VNet's Azure name
 * (its Pulumi name when the Azure name is not known yet).
 */
export function vpnConnectionName(stack: StackAnalysis, gateway: GatewayAnalysis): string {
  const home = gateway.vnet !== undefined ? stack.analysis.index.networks.get(gateway.vnet) : undefined;
  return home?.azureName ?? gateway.vnetName ?? gateway.name;
}

/** A message lists this many items at most; the JSON report and the Markdown comment list them all. */
const LISTED = 12;

function listed(items: string[], noun: string): string {
  return items.length <= LISTED ? joinList(items) : `${items.slice(0, LISTED).join(", ")} and ${items.length - LISTED} more ${noun}`;
}

function windowsManualRoutes(stack: StackAnalysis): IntentViolation[] {
  const out: IntentViolation[] = [];
  for (const gateway of stack.analysis.gateways) {
    const windows = gateway.platforms.windows;
    if (windows.manualRoutes.length === 0) continue;
    const manual = new Set(windows.manualRoutes);
    const networks = windows.accessNetworks
      .filter((network) => network.prefixes.some((c) => manual.has(c.text)))
      .map((network) => network.name)
      .sort(compareText);
    const connectionName = vpnConnectionName(stack, gateway);
    const prefixes = listed(windows.manualRoutes, "prefixes");
    const commands =
      windows.manualRoutes.length <= LISTED
        ? `: ${windows.manualRoutes.map((prefix) => `Add-VpnConnectionRoute -ConnectionName "${connectionName}" -DestinationPrefix ${prefix}`).join("; ")}`
        : ` Add-VpnConnectionRoute -ConnectionName "${connectionName}" -DestinationPrefix <prefix> for each (p2s-check --format markdown writes the commands)`;
    out.push({
      resource: gateway.id,
      problem: `Windows clients of ${gateway.name} can reach ${listed(networks, "networks")} over BGP but get no route to ${prefixes}.`,
      fix: `Add ${windows.manualRoutes.length <= LISTED ? prefixes : "them"} to customRoutes.addressPrefixes of ${gateway.name}, or have each Windows user run${commands}.`,
    });
  }
  return out;
}

function unreachableRoutes(stack: StackAnalysis): IntentViolation[] {
  const groups = new Map<string, { resource: string; gateway: string; platforms: Platform[]; prefixes: Set<string>; text: string; fix: string }>();
  for (const gateway of stack.analysis.gateways) {
    for (const platform of PLATFORMS) {
      for (const { prefix, reason } of gateway.platforms[platform].unreachableRoutes) {
        const key = `${gateway.id}\u0000${reason.text}`;
        const group = groups.get(key) ?? {
          resource: reason.resources[0] ?? gateway.id,
          gateway: gateway.name,
          platforms: [],
          prefixes: new Set<string>(),
          text: reason.text,
          fix: reason.fix,
        };
        if (!group.platforms.includes(platform)) group.platforms.push(platform);
        group.prefixes.add(prefix);
        groups.set(key, group);
      }
    }
  }
  return [...groups.values()].map((g) => {
    const who = g.platforms.length === PLATFORMS.length ? "All" : joinList(g.platforms.map((p) => PLATFORM_LABELS[p]));
    const prefixes = [...g.prefixes];
    return {
      resource: g.resource,
      problem: `${who} clients of ${g.gateway} receive ${prefixes.length > 1 ? "routes" : "a route"} to ${joinList(prefixes)} but cannot reach ${prefixes.length > 1 ? "them" : "it"}: ${g.text}.`,
      fix: g.fix,
    };
  });
}

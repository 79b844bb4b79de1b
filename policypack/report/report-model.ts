import { PLATFORMS, Platform, Protocol } from "../topology/model";
import { compareText } from "../topology/order";
import { EnforcementLevel, POLICY_DEFINITIONS, PolicyName } from "../violations/definitions";
import { StackAnalysis, violationsOf, vpnConnectionName } from "../violations/compute";

/** The JSON contract of p2s-check: fields may be added, never renamed. */
export interface PlatformReport {
  canConnect: boolean;
  routes: string[];
  access: string[];
  manualRoutes: string[];
}

export interface GatewayReport {
  name: string;
  urn: string;
  vnet: string | null;
  clientAddressPool: string[];
  protocols: Protocol[];
  /** The name of the VPN connection on Windows clients, for Add-VpnConnectionRoute. */
  vpnConnectionName: string;
  platforms: Record<Platform, PlatformReport>;
}

export interface ViolationReport {
  policy: PolicyName;
  enforcementLevel: EnforcementLevel;
  resource: string | null;
  urn: string | null;
  message: string;
}

export interface Report {
  gateways: GatewayReport[];
  violations: ViolationReport[];
  notes: string[];
}

/** Per-policy settings as `--policy-pack-config` gives them: a level, or an object with one. */
export type PolicyPackConfig = Record<string, unknown>;

/** The level a policy configuration gives a policy: its own entry's, else the "all" entry's. */
export function configuredLevel(policy: string, config: PolicyPackConfig): unknown {
  const levelIn = (entry: unknown) =>
    typeof entry === "string" ? entry : entry !== null && typeof entry === "object" ? (entry as { enforcementLevel?: unknown }).enforcementLevel : undefined;
  return levelIn(config[policy]) ?? levelIn(config.all);
}

export function levelOf(policy: PolicyName, config: PolicyPackConfig): EnforcementLevel {
  const level = configuredLevel(policy, config);
  if (level === "advisory" || level === "mandatory" || level === "disabled") return level;
  if (level === "remediate") return "mandatory"; // as @pulumi/policy treats it for stack policies
  return POLICY_DEFINITIONS.find((d) => d.name === policy)?.enforcementLevel ?? "advisory";
}

export function policyProperties(policy: PolicyName, config: PolicyPackConfig): Record<string, unknown> {
  const entry = config[policy];
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return {};
  const properties: Record<string, unknown> = { ...(entry as Record<string, unknown>) };
  delete properties.enforcementLevel;
  return properties;
}

const LEVEL_ORDER: Record<EnforcementLevel, number> = { mandatory: 0, advisory: 1, disabled: 2 };

export function buildReport(stack: StackAnalysis, config: PolicyPackConfig = {}): Report {
  const urns = stack.extraction.urns;
  const gateways = stack.analysis.gateways.map(
    (g): GatewayReport => ({
      name: g.name,
      urn: urns.get(g.id) ?? g.id,
      vnet: g.vnetName ?? null,
      clientAddressPool: g.clientPool,
      protocols: g.protocols,
      vpnConnectionName: vpnConnectionName(stack, g),
      platforms: Object.fromEntries(
        PLATFORMS.map((p) => {
          const r = g.platforms[p];
          return [p, { canConnect: r.canConnect, routes: r.routes, access: r.access, manualRoutes: r.manualRoutes }];
        }),
      ) as Record<Platform, PlatformReport>,
    }),
  );
  const violations: ViolationReport[] = [];
  for (const definition of POLICY_DEFINITIONS) {
    const level = levelOf(definition.name, config);
    if (level === "disabled") continue;
    for (const v of violationsOf(definition.name, stack, policyProperties(definition.name, config))) {
      violations.push({ policy: v.policy, enforcementLevel: level, resource: v.resource ?? null, urn: v.urn ?? null, message: v.message });
    }
  }
  violations.sort(
    (a, b) =>
      LEVEL_ORDER[a.enforcementLevel] - LEVEL_ORDER[b.enforcementLevel] ||
      compareText(a.policy, b.policy) ||
      compareText(a.resource ?? "", b.resource ?? "") ||
      compareText(a.message, b.message),
  );
  const notes = [...new Set([...stack.extraction.notes, ...stack.analysis.notes])].sort(compareText);
  return { gateways, violations, notes };
}

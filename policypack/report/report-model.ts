import type { StackAnalysis } from "../pipeline/stack-analysis";
import type { GatewayRouteChange } from "../reachability/route-diff";
import type { SubnetReport } from "./subnet-report";
import { subnetReport } from "./subnet-report";
import type { TopologyView } from "./topology-view";
import { topologyView } from "./topology-view";
import { vpnConnectionName } from "../reachability/windows-connection";
import { POLICIES } from "../policies/catalogue";
import type { PolicyConfig } from "../pipeline/policy-config";
import { levelOf, propertiesOf } from "../pipeline/policy-config";
import type { EnforcementLevel } from "../pipeline/policy-module";
import { violationsOf } from "../pipeline/violations-of";
import type { RouteSource } from "../reachability/clients";
import type { ConfigurationResult } from "../reachability/hub-reach";
import type { AuthType, Platform, Protocol } from "../topology/model";
import { PLATFORMS } from "../topology/model";
import { compareText } from "../topology/order";
import type { Sentence } from "../topology/sentence";
import { renderSentence } from "../topology/sentence";

/** The JSON contract of p2s-check: fields may be added, never renamed. */
export interface PlatformReport {
  canConnect: boolean;
  routes: string[];
  access: string[];
  manualRoutes: string[];
  /** Ids of the clients offered for the platform, sorted. */
  clients: string[];
}

export interface ClientReport {
  id: string;
  label: string;
  /** The platforms the client runs on, in the order windows, macos, linux, ios, android. */
  platforms: Platform[];
  /** The client's protocols that the gateway offers. */
  protocols: Protocol[];
  routeSource: RouteSource;
  routes: string[];
  access: string[];
  manualRoutes: string[];
  unreachableRoutes: string[];
}

export interface GatewayReport {
  name: string;
  urn: string;
  /** A VNet's gateway, or a Virtual WAN hub's P2S gateway. */
  kind: "vnet-gateway" | "virtual-wan";
  /** A hub gateway's hub, by name; null when it does not resolve. Absent for VNet gateways. */
  hub?: string | null;
  vnet: string | null;
  clientAddressPool: string[];
  /** Every client pool, user groups' included, in route order. */
  clientPools: string[];
  protocols: Protocol[];
  /** No protocol is listed: Azure's default was assumed. */
  protocolsAssumed: boolean;
  /** Listed, or inferred from the settings present, or assumed: see authenticationAssumed. */
  authenticationTypes: AuthType[];
  authenticationAssumed: boolean;
  /** The name of the VPN connection on Windows clients, for Add-VpnConnectionRoute. */
  vpnConnectionName: string;
  platforms: Record<Platform, PlatformReport>;
  /** The clients the gateway offers, sorted by id. */
  clients: ClientReport[];
  /** Name resolution: the home VNet's DNS servers and the private endpoints clients reach. */
  dns: {
    servers: { address: string; works: boolean; reason: string | null; zones: string[] | null }[];
    /** Why the servers are not checked (some are not known until deployment); null when they are. */
    serversNotChecked: string | null;
    privateEndpoints: { name: string; resolves: boolean | null; reason: string | null }[];
  };
  /** Each subnet of a routed network (the home VNet's included, GatewaySubnet excluded), by network then name. */
  subnets: SubnetReport[];
  /** A hub gateway's connection configurations, sorted by name; absent for VNet gateways. */
  configurations?: (Omit<ConfigurationResult, "associatedTable"> & { associatedRouteTable: string | null })[];
}

export interface ViolationReport {
  policy: string;
  /** The check that found it, stable across releases (message wording is not). */
  code: string;
  /** What it is about within the resource (a prefix, a network), when a resource can have several. */
  subject?: string;
  enforcementLevel: EnforcementLevel;
  resource: string | null;
  urn: string | null;
  message: string;
  /** What the fix changes, for tools: the resource's Pulumi name, the field as its provider spells it, and set, add, remove, declare or change. */
  fix?: { resource?: string; field?: string; action: string };
  /** Pulumi names of other resources involved. */
  related?: string[];
}

export interface Report {
  /** What the input held that the pack reads, and network resources it does not read yet. */
  coverage: { resourcesRead: number; resourcesNotRead: { type: string; count: number }[] };
  gateways: GatewayReport[];
  violations: ViolationReport[];
  notes: string[];
  /** The networks, peerings, links and P2S clients the diagram draws. */
  topology: TopologyView;
  /** What changes for each gateway's clients, when the input holds a state before and after (a preview). */
  routeChanges: GatewayRouteChange[];
}

function dnsReport(stack: StackAnalysis, gatewayId: string): GatewayReport["dns"] {
  const dns = stack.analysis.dns.find((d) => d.gateway.id === gatewayId);
  const text = (s: Sentence | undefined) => (s === undefined ? null : renderSentence(s, stack.extraction.spell));
  return {
    servers: (dns?.servers ?? []).map((s) => ({ address: s.address, works: s.works, reason: text(s.reason), zones: s.zones ?? null })),
    serversNotChecked: text(dns?.notChecked),
    privateEndpoints: (dns?.endpoints ?? []).map((e) => ({ name: e.name, resolves: e.resolves ?? null, reason: text(e.reason) })),
  };
}

const LEVEL_ORDER: Record<EnforcementLevel, number> = { mandatory: 0, advisory: 1, disabled: 2 };

/** Everything a renderer writes: each format is a function of the report alone. */
export function buildReport(stack: StackAnalysis, config: PolicyConfig = {}, routeChanges: GatewayRouteChange[] = []): Report {
  const urns = stack.extraction.urns;
  const gateways = stack.analysis.gateways.map((g): GatewayReport => ({
    name: g.name,
    urn: urns.get(g.id) ?? g.id,
    kind: g.kind,
    ...(g.hub !== undefined ? { hub: g.hub?.name ?? null } : {}),
    vnet: g.vnetName ?? null,
    clientAddressPool: g.clientPool,
    clientPools: g.clientPools,
    protocols: g.protocols,
    protocolsAssumed: g.protocolsAssumed,
    authenticationTypes: g.authTypes,
    authenticationAssumed: g.authAssumed,
    vpnConnectionName: vpnConnectionName(stack.analysis.index, g),
    platforms: Object.fromEntries(
      PLATFORMS.map((p) => {
        const r = g.platforms[p];
        return [p, { canConnect: r.canConnect, routes: r.routes, access: r.access, manualRoutes: r.manualRoutes, clients: r.clients }];
      }),
    ) as Record<Platform, PlatformReport>,
    clients: g.clients.map((c) => ({
      id: c.id,
      label: c.label,
      platforms: c.platforms,
      protocols: c.protocols,
      routeSource: c.routeSource,
      routes: c.routes,
      access: c.access,
      manualRoutes: c.manualRoutes,
      unreachableRoutes: c.unreachableRoutes.map((r) => r.prefix),
    })),
    dns: dnsReport(stack, g.id),
    subnets: g.paths.subnets.map((s) => subnetReport(s, stack.extraction.spell)),
    ...(g.configurations
      ? { configurations: g.configurations.map(({ associatedTable, ...rest }) => ({ ...rest, associatedRouteTable: associatedTable })) }
      : {}),
  }));
  const violations: ViolationReport[] = [];
  for (const policy of POLICIES) {
    const level = levelOf(policy, config);
    if (level === "disabled") continue;
    for (const v of violationsOf(policy, stack, propertiesOf(policy.name, config))) {
      violations.push({
        policy: v.policy,
        code: v.code,
        ...(v.subject !== undefined ? { subject: v.subject } : {}),
        enforcementLevel: level,
        resource: v.resource ?? null,
        urn: v.urn ?? null,
        message: v.message,
        ...(v.fix !== undefined ? { fix: v.fix } : {}),
        ...(v.related !== undefined ? { related: v.related } : {}),
      });
    }
  }
  violations.sort(
    (a, b) =>
      LEVEL_ORDER[a.enforcementLevel] - LEVEL_ORDER[b.enforcementLevel] ||
      compareText(a.policy, b.policy) ||
      compareText(a.resource ?? "", b.resource ?? "") ||
      compareText(a.message, b.message),
  );
  const analysisNotes = stack.analysis.notes.map((n) => renderSentence(n, stack.extraction.spell));
  const policyNotes = POLICIES.filter((p) => levelOf(p, config) !== "disabled").flatMap(
    (p) => p.notes?.(stack, propertiesOf(p.name, config)) ?? [],
  );
  const coverage = stack.extraction.coverage;
  const coverageNotes = coverage.notRead.map(
    ({ type, count, virtualWan }) =>
      `${count} ${type} resource${count === 1 ? " is" : "s are"} not read${virtualWan ? " (a Virtual WAN type the pack does not read yet)" : ""}, so ${count === 1 ? "it is" : "they are"} not checked.`,
  );
  if (coverage.read === 0) coverageNotes.push("The input holds no Azure network resource the pack reads, so nothing was checked.");
  const notes = [...new Set([...stack.extraction.notes, ...analysisNotes, ...policyNotes, ...coverageNotes])].sort(compareText);
  return {
    coverage: { resourcesRead: coverage.read, resourcesNotRead: coverage.notRead.map(({ type, count }) => ({ type, count })) },
    gateways,
    violations,
    notes,
    topology: topologyView(stack.analysis),
    routeChanges,
  };
}

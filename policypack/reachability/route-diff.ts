import type { Platform } from "../topology/model";
import { PLATFORMS } from "../topology/model";
import type { RouteSource } from "./clients";
import type { Analysis, GatewayAnalysis } from "./results";

export interface PlatformRouteChange {
  platform: Platform;
  added: string[];
  removed: string[];
}

export interface ClientRouteChange {
  id: string;
  routeSource: RouteSource;
  added: string[];
  removed: string[];
}

/** What a new client profile carries: a change to any of them needs a new profile on every device. */
export type ProfileSetting = "protocols" | "authentication types" | "Microsoft Entra ID settings" | "root certificates" | "DNS servers";

/** Spec R8: what a change does to the routes clients of one gateway receive, and what users must do. */
export interface GatewayRouteChange {
  id: string;
  name: string;
  platforms: PlatformRouteChange[];
  clients: ClientRouteChange[];
  /** The routes of a static-route client changed: its users download and install the client package again. */
  windowsReinstall: boolean;
  /** Settings whose change needs a new profile on every user's device. */
  newProfile: ProfileSetting[];
  /** The custom routes changed: connected clients are disconnected when it is applied. */
  customRoutesChanged: boolean;
  /**
   * A hub gateway's resources whose change disconnects connected users when applied (spec W10): the
   * P2S gateway, its server configuration, its hub's VNet connections; by name, sorted. Absent for VNet gateways.
   */
  disconnectedBy?: string[];
}

function difference(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return a.filter((x) => !other.has(x));
}

function changed(a: readonly string[], b: readonly string[]): boolean {
  return difference(a, b).length + difference(b, a).length > 0;
}

function nameServers(analysis: Analysis, gateway: GatewayAnalysis): string[] {
  const hub = analysis.index.gateways.get(gateway.id)?.hub;
  if (hub) return hub.nameServers ?? [];
  const vnet = analysis.index.topology.vnets.find((v) => v.id === gateway.vnet);
  return vnet?.nameServers ?? [];
}

/** The state of each resource whose change disconnects a hub gateway's users, by name: compared, never shown. */
function hubResources(analysis: Analysis, gateway: GatewayAnalysis): Map<string, string> {
  const model = analysis.index.gateways.get(gateway.id);
  const out = new Map<string, string>();
  if (!model?.hub) return out;
  const { hub } = model;
  out.set(model.name, JSON.stringify([hub.configurations, hub.nameServers ?? [], hub.scaleUnits ?? null]));
  const server = analysis.index.topology.wan?.serverConfigurations.find((c) => c.id === hub.settingsFrom?.id);
  if (server)
    out.set(server.name, JSON.stringify([server.protocols ?? [], server.authTypes ?? [], server.aad, model.profileDigests ?? null]));
  for (const c of analysis.index.topology.wan?.connections ?? [])
    if (c.kind === "vnet" && c.hub !== undefined && c.hub === hub.hub) out.set(c.name, JSON.stringify([c.remote ?? null, c.routing]));
  return out;
}

function disconnecting(before: Analysis, previous: GatewayAnalysis, after: Analysis, gateway: GatewayAnalysis): string[] {
  const old = hubResources(before, previous);
  const now = hubResources(after, gateway);
  return [...new Set([...old.keys(), ...now.keys()])].filter((name) => old.get(name) !== now.get(name)).sort();
}

function profileChanges(before: Analysis, previous: GatewayAnalysis, after: Analysis, gateway: GatewayAnalysis): ProfileSetting[] {
  const old = before.index.gateways.get(previous.id);
  const now = after.index.gateways.get(gateway.id);
  const out: ProfileSetting[] = [];
  if (changed(previous.protocols, gateway.protocols)) out.push("protocols");
  if (changed(previous.authTypes, gateway.authTypes)) out.push("authentication types");
  if (old?.profileDigests?.aad !== now?.profileDigests?.aad) out.push("Microsoft Entra ID settings");
  if (old?.profileDigests?.certificates !== now?.profileDigests?.certificates) out.push("root certificates");
  if (changed(nameServers(before, previous), nameServers(after, gateway))) out.push("DNS servers");
  return out;
}

/** Compares the analyses of the old and new states; gateways new or gone are not changes. */
export function diffRoutes(before: Analysis, after: Analysis): GatewayRouteChange[] {
  const old = new Map(before.gateways.map((g) => [g.id, g]));
  const changes: GatewayRouteChange[] = [];
  for (const gateway of after.gateways) {
    const previous = old.get(gateway.id);
    if (!previous) continue;
    const platforms: PlatformRouteChange[] = [];
    for (const platform of PLATFORMS) {
      const added = difference(gateway.platforms[platform].routes, previous.platforms[platform].routes);
      const removed = difference(previous.platforms[platform].routes, gateway.platforms[platform].routes);
      if (added.length + removed.length > 0) platforms.push({ platform, added, removed });
    }
    const clients: ClientRouteChange[] = [];
    for (const client of gateway.clients) {
      const was = previous.clients.find((c) => c.id === client.id);
      if (!was) continue;
      const added = difference(client.routes, was.routes);
      const removed = difference(was.routes, client.routes);
      if (added.length + removed.length > 0) clients.push({ id: client.id, routeSource: client.routeSource, added, removed });
    }
    const newProfile = profileChanges(before, previous, after, gateway);
    const customRoutesChanged = changed(gateway.advertisedRoutes, previous.advertisedRoutes);
    const disconnectedBy = gateway.kind === "virtual-wan" ? disconnecting(before, previous, after, gateway) : [];
    if (platforms.length === 0 && clients.length === 0 && newProfile.length === 0 && !customRoutesChanged && disconnectedBy.length === 0)
      continue;
    changes.push({
      id: gateway.id,
      name: gateway.name,
      platforms,
      clients,
      windowsReinstall: clients.some((c) => c.routeSource === "static"),
      newProfile,
      customRoutesChanged,
      ...(gateway.kind === "virtual-wan" ? { disconnectedBy } : {}),
    });
  }
  return changes;
}

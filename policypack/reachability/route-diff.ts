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
}

function difference(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return a.filter((x) => !other.has(x));
}

function changed(a: readonly string[], b: readonly string[]): boolean {
  return difference(a, b).length + difference(b, a).length > 0;
}

function nameServers(analysis: Analysis, gateway: GatewayAnalysis): string[] {
  const vnet = analysis.index.topology.vnets.find((v) => v.id === gateway.vnet);
  return vnet?.nameServers ?? [];
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
    if (platforms.length === 0 && clients.length === 0 && newProfile.length === 0 && !customRoutesChanged) continue;
    changes.push({
      id: gateway.id,
      name: gateway.name,
      platforms,
      clients,
      windowsReinstall: clients.some((c) => c.routeSource === "static"),
      newProfile,
      customRoutesChanged,
    });
  }
  return changes;
}

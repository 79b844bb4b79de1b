import type { Platform } from "../topology/model";
import { PLATFORMS } from "../topology/model";
import type { Analysis } from "./results";

export interface PlatformRouteChange {
  platform: Platform;
  added: string[];
  removed: string[];
}

/** Spec R8: what a change does to the routes clients of one gateway receive. */
export interface GatewayRouteChange {
  id: string;
  name: string;
  platforms: PlatformRouteChange[];
  /** Windows routes changed: users must download and install the VPN client package again. */
  windowsReinstall: boolean;
  /** The custom routes changed: connected clients are disconnected when it is applied. */
  customRoutesChanged: boolean;
}

function difference(a: string[], b: string[]): string[] {
  const other = new Set(b);
  return a.filter((x) => !other.has(x));
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
    const customRoutesChanged =
      difference(gateway.advertisedRoutes, previous.advertisedRoutes).length +
        difference(previous.advertisedRoutes, gateway.advertisedRoutes).length >
      0;
    if (platforms.length === 0 && !customRoutesChanged) continue;
    changes.push({
      id: gateway.id,
      name: gateway.name,
      platforms,
      windowsReinstall: platforms.some((p) => p.platform === "windows"),
      customRoutesChanged,
    });
  }
  return changes;
}

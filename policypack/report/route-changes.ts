import { PLATFORM_LABELS } from "../reachability/platforms";
import type { GatewayRouteChange } from "../reachability/route-diff";
import { joinList } from "../topology/order";

/**
 * One line per group of platforms with the same route change ("Windows clients: +10.4.0.0/16"),
 * then what users must do (spec R8): reinstall the package for the static-route client only, a new
 * profile everywhere after a profile setting changed, and a disconnection for custom routes.
 */
export function routeChangeLines(change: GatewayRouteChange): string[] {
  const groups = new Map<string, { labels: string[]; text: string }>();
  for (const p of change.platforms) {
    const text = [...p.added.map((r) => `+${r}`), ...p.removed.map((r) => `-${r}`)].join(", ");
    const group = groups.get(text) ?? { labels: [], text };
    group.labels.push(PLATFORM_LABELS[p.platform]);
    groups.set(text, group);
  }
  const lines = [...groups.values()].map((g) => `${joinList(g.labels)} clients: ${g.text}`);
  if (change.windowsReinstall) lines.push("Windows built-in client: download and reinstall the VPN client package");
  if (change.newProfile.length > 0) {
    lines.push(
      `Every client of ${change.name}: ${joinList(change.newProfile)} changed; download the new client profile and import it on every device`,
    );
  }
  if (change.customRoutesChanged) lines.push(`The custom routes of ${change.name} change: applying it disconnects connected clients`);
  if (change.disconnectedBy !== undefined && change.disconnectedBy.length > 0)
    lines.push(
      `${joinList(change.disconnectedBy)} ${change.disconnectedBy.length === 1 ? "changes" : "change"}: applying it disconnects connected users of ${change.name}`,
    );
  return lines;
}

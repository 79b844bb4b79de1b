import { PLATFORM_LABELS } from "../reachability/platforms";
import type { GatewayRouteChange } from "../reachability/route-diff";
import { joinList } from "../topology/order";

/** One line per group of platforms with the same change, e.g. "Windows clients: +10.4.0.0/16; …". */
export function routeChangeLines(change: GatewayRouteChange): string[] {
  const groups = new Map<string, { labels: string[]; text: string; windows: boolean }>();
  for (const p of change.platforms) {
    const text = [...p.added.map((r) => `+${r}`), ...p.removed.map((r) => `-${r}`)].join(", ");
    const windows = p.platform === "windows";
    const key = `${windows}\u0000${text}`;
    const group = groups.get(key) ?? { labels: [], text, windows };
    group.labels.push(PLATFORM_LABELS[p.platform]);
    groups.set(key, group);
  }
  const lines = [...groups.values()].map(
    (g) => `${joinList(g.labels)} clients: ${g.text}${g.windows ? "; download and reinstall the VPN client package" : ""}`,
  );
  if (change.customRoutesChanged) {
    lines.push(`customRoutes of ${change.name} change: applying it disconnects connected clients`);
  }
  return lines;
}

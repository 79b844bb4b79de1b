import { CLIENTS, clientLabel } from "../reachability/clients";
import { PLATFORM_LABELS } from "../reachability/platforms";
import type { Platform } from "../topology/model";
import { PLATFORMS } from "../topology/model";
import type { ClientReport, GatewayReport } from "./report-model";

/** One row per platform and client offered for it, and one per platform that cannot connect. */
export interface ClientRow {
  /** "Windows · Azure VPN Client (OpenVPN) · routes pushed", or "Linux · cannot connect". */
  client: string;
  canConnect: boolean;
  routes: string[];
  access: string[];
  manualRoutes: string[];
}

/** A client on one platform (or no client: the platform cannot connect), in PLATFORMS then client order. */
interface PlatformClient {
  platform: Platform;
  client?: ClientReport;
}

function platformClients(gateway: GatewayReport): PlatformClient[] {
  return PLATFORMS.flatMap((platform) => {
    const offered = gateway.clients.filter((c) => c.platforms.includes(platform));
    return offered.length === 0 ? [{ platform }] : offered.map((client) => ({ platform, client }));
  });
}

/** "Azure VPN Client (OpenVPN) · routes pushed", named as on `platforms` when they all name it alike. */
function clientText(c: ClientReport, platforms: Platform[]): string {
  const spec = CLIENTS.find((x) => x.id === c.id);
  const labels = new Set(platforms.map((p) => (spec ? clientLabel(spec, p) : c.label)));
  const label = labels.size === 1 ? [...labels][0] : c.label;
  return `${label} (${c.protocols.join(", ")}) · ${c.routeSource === "static" ? "static routes" : "routes pushed"}`;
}

function platformText(platforms: Platform[]): string {
  return platforms.map((p) => PLATFORM_LABELS[p]).join(", ");
}

export function clientRows(gateway: GatewayReport): ClientRow[] {
  return platformClients(gateway).map(({ platform, client: c }) =>
    c
      ? {
          client: `${platformText([platform])} · ${clientText(c, [platform])}`,
          canConnect: true,
          routes: c.routes,
          access: c.access,
          manualRoutes: c.manualRoutes,
        }
      : { client: `${platformText([platform])} · cannot connect`, canConnect: false, routes: [], access: [], manualRoutes: [] },
  );
}

/** Platforms and clients that get the same result: same routes, reachable networks, manual routes and canConnect. */
export interface GroupedClientRow extends Omit<ClientRow, "client"> {
  /**
   * One label per client in the group, with the platforms it runs on: "macOS, Linux, iOS, Android ·
   * IKEv2 client (IkeV2) · routes pushed", "Linux, iOS · cannot connect". Rows and labels come in the
   * order of their first platform and client in clientRows.
   */
  clients: string[];
}

/** Lists of thousands of prefixes are often one array shared by several clients. */
function same(a: string[], b: string[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => x === b[i]));
}

/** clientRows with the rows of identical results merged: usually two or three rows instead of twelve. */
export function groupedClientRows(gateway: GatewayReport): GroupedClientRow[] {
  const rows: { row: Omit<ClientRow, "client">; clients: Map<string, { client?: ClientReport; platforms: Platform[] }> }[] = [];
  for (const { platform, client: c } of platformClients(gateway)) {
    const row = c
      ? { canConnect: true, routes: c.routes, access: c.access, manualRoutes: c.manualRoutes }
      : { canConnect: false, routes: [], access: [], manualRoutes: [] };
    let group = rows.find(
      ({ row: r }) =>
        r.canConnect === row.canConnect &&
        same(r.routes, row.routes) &&
        same(r.access, row.access) &&
        same(r.manualRoutes, row.manualRoutes),
    );
    if (!group) rows.push((group = { row, clients: new Map() }));
    const id = c?.id ?? "";
    const sub = group.clients.get(id) ?? { client: c, platforms: [] };
    group.clients.set(id, sub);
    sub.platforms.push(platform);
  }
  return rows.map(({ row, clients }) => ({
    ...row,
    clients: [...clients.values()].map(
      ({ client: c, platforms }) => `${platformText(platforms)} · ${c ? clientText(c, platforms) : "cannot connect"}`,
    ),
  }));
}

/** "protocols IkeV2, SSTP (Azure's default); authentication Certificate (assumed)". */
export function gatewaySettings(gateway: GatewayReport): string {
  return `protocols ${gateway.protocols.join(", ")}${gateway.protocolsAssumed ? " (Azure's default)" : ""}; authentication ${gateway.authenticationTypes.join(", ")}${gateway.authenticationAssumed ? " (assumed)" : ""}`;
}

import { CLIENTS, clientLabel } from "../reachability/clients";
import { PLATFORM_LABELS } from "../reachability/platforms";
import { PLATFORMS } from "../topology/model";
import type { GatewayReport } from "./report-model";

/** One row per platform and client offered for it, and one per platform that cannot connect. */
export interface ClientRow {
  /** "Windows · Azure VPN Client (OpenVPN) · routes pushed", or "Linux · cannot connect". */
  client: string;
  canConnect: boolean;
  routes: string[];
  access: string[];
  manualRoutes: string[];
}

export function clientRows(gateway: GatewayReport): ClientRow[] {
  const rows: ClientRow[] = [];
  for (const platform of PLATFORMS) {
    const offered = gateway.clients.filter((c) => c.platforms.includes(platform));
    if (offered.length === 0) {
      rows.push({ client: `${PLATFORM_LABELS[platform]} · cannot connect`, canConnect: false, routes: [], access: [], manualRoutes: [] });
      continue;
    }
    for (const c of offered) {
      const spec = CLIENTS.find((x) => x.id === c.id);
      const label = spec ? clientLabel(spec, platform) : c.label;
      const source = c.routeSource === "static" ? "static routes" : "routes pushed";
      rows.push({ client: `${PLATFORM_LABELS[platform]} · ${label} (${c.protocols.join(", ")}) · ${source}`, canConnect: true, routes: c.routes, access: c.access, manualRoutes: c.manualRoutes });
    }
  }
  return rows;
}

/** "protocols IkeV2, SSTP (Azure's default); authentication Certificate (assumed)". */
export function gatewaySettings(gateway: GatewayReport): string {
  return `protocols ${gateway.protocols.join(", ")}${gateway.protocolsAssumed ? " (Azure's default)" : ""}; authentication ${gateway.authenticationTypes.join(", ")}${gateway.authenticationAssumed ? " (assumed)" : ""}`;
}

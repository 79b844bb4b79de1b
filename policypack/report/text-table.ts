import { PLATFORMS } from "../topology/model";
import { PLATFORM_LABELS } from "../reachability/platforms";
import type { GatewayReport } from "./report-model";

function pad(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ").trimEnd());
}

/** A plain-text table per gateway: platform, connects, routes, reachable networks, manual routes. */
export function gatewayTables(gateways: GatewayReport[]): string[] {
  const lines: string[] = [];
  for (const g of gateways) {
    lines.push(`${g.name} (VNet ${g.vnet ?? "unresolved"}; client pool ${g.clientAddressPool.join(", ")}; protocols ${g.protocols.join(", ")})`);
    const rows = [["Platform", "Connects", "Routes", "Reachable", "Manual routes"]];
    for (const p of PLATFORMS) {
      const r = g.platforms[p];
      rows.push([PLATFORM_LABELS[p], r.canConnect ? "yes" : "no", r.routes.join(", ") || "-", r.access.join(", ") || "-", r.manualRoutes.join(", ") || "-"]);
    }
    lines.push(...pad(rows).map((l) => `    ${l}`), "");
  }
  return lines;
}

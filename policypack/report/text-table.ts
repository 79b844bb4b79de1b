import { configurationLines, gatewayPlace } from "./configuration-lines";
import type { GatewayReport } from "./report-model";
import { clientRows, gatewaySettings } from "./client-rows";
import { dnsLines } from "./dns-lines";
import { subnetLines } from "./subnet-lines";

function pad(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) =>
    r
      .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i])))
      .join("  ")
      .trimEnd(),
  );
}

/** A plain-text table per gateway: one row per platform and client, with routes, reachable networks and manual routes, then what clients resolve and each subnet's path and flows. */
export function gatewayTables(gateways: GatewayReport[]): string[] {
  const lines: string[] = [];
  for (const g of gateways) {
    lines.push(`${g.name} (${gatewayPlace(g)}; client pools ${g.clientPools.join(", ")}; ${gatewaySettings(g)})`);
    const rows = [["Platform · client", "Routes", "Reachable", "Manual routes"]];
    for (const r of clientRows(g))
      rows.push([r.client, r.routes.join(", ") || "-", r.access.join(", ") || "-", r.manualRoutes.join(", ") || "-"]);
    lines.push(
      ...pad(rows).map((l) => `    ${l}`),
      ...[...configurationLines(g), ...dnsLines(g), ...subnetLines(g)].map((l) => `    ${l}`),
      "",
    );
  }
  return lines;
}

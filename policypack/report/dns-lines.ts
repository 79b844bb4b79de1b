import type { GatewayReport } from "./report-model";

/** What a gateway's clients resolve, one line per DNS server and private endpoint; none when the stack declares no DNS. */
export function dnsLines(g: GatewayReport): string[] {
  const { servers, serversNotChecked, privateEndpoints } = g.dns;
  if (servers.length === 0 && !serversNotChecked && privateEndpoints.length === 0) return [];
  const serverLines = servers.map((s) => {
    const zones = s.zones === null ? "zones not checked" : `answers ${s.zones.join(", ") || "no private zone"}`;
    return s.works
      ? `DNS ${s.address}: works, ${zones}${s.reason ? ` (${s.reason})` : ""}`
      : `DNS ${s.address}: fails, ${s.reason ?? "unreachable"}`;
  });
  const lines = serversNotChecked
    ? [`DNS: not checked, ${serversNotChecked}`, ...serverLines]
    : servers.length === 0
      ? [`DNS: none on VNet ${g.vnet ?? "unresolved"} (Azure-provided DNS): clients keep their own resolver`]
      : serverLines;
  for (const e of privateEndpoints) {
    const verdict = e.resolves === true ? "resolves" : e.resolves === false ? "does not resolve" : "not checked";
    lines.push(`Private endpoint ${e.name}: ${verdict}${e.reason ? `, ${e.reason}` : ""}`);
  }
  return lines;
}

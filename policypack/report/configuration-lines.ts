import type { GatewayReport } from "./report-model";

/** Where a gateway sits: "VNet hub" or, for a Virtual WAN P2S gateway, "hub hub1"; `quote` marks up the name. */
export function gatewayPlace(g: GatewayReport, quote: (name: string) => string = (name) => name): string {
  if (g.kind === "virtual-wan") return `hub ${quote(g.hub ?? "unresolved")}`;
  return `VNet ${quote(g.vnet ?? "unresolved")}`;
}

/** A hub gateway's connection configurations, a line each: their table, where they propagate and what their users reach. */
export function configurationLines(g: GatewayReport): string[] {
  return (g.configurations ?? []).map(
    (c) =>
      `${c.name} (${c.clientPools.join(", ") || "no pool"})${c.userGroups.length > 0 ? ` · user groups ${c.userGroups.join(", ")}` : ""} · associated with ${c.associatedRouteTable ?? "a table not known yet"}` +
      ` · propagates to ${c.propagatesTo.join(", ") || "no table"}${c.internetSecurity ? " · internet security on" : ""}` +
      ` · reaches ${c.access.join(", ") || "nothing"}`,
  );
}

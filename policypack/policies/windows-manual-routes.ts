import type { Problem } from "../findings/violation";
import type { StackAnalysis } from "../findings/stack-analysis";
import { addRouteCommand, vpnConnectionName } from "../findings/windows-connection";
import { compareText, joinList } from "../topology/order";
import { fieldRef, sentence } from "../topology/sentence";
import type { PolicyModule } from "./policy-module";
import { documentationUrl } from "./policy-module";

const NAME = "p2s-windows-manual-routes";

/** A message lists this many items at most; the JSON report and the Markdown comment list them all. */
const LISTED = 12;

function listed(items: string[], noun: string): string {
  return items.length <= LISTED ? joinList(items) : `${items.slice(0, LISTED).join(", ")} and ${items.length - LISTED} more ${noun}`;
}

function problems(stack: StackAnalysis): Problem[] {
  const out: Problem[] = [];
  for (const gateway of stack.analysis.gateways) {
    const windows = gateway.platforms.windows;
    if (windows.manualRoutes.length === 0) continue;
    const manual = new Set(windows.manualRoutes);
    const networks = windows.accessNetworks
      .filter((network) => network.prefixes.some((c) => manual.has(c.text)))
      .map((network) => network.name)
      .sort(compareText);
    const connectionName = vpnConnectionName(stack, gateway);
    const prefixes = listed(windows.manualRoutes, "prefixes");
    const few = windows.manualRoutes.length <= LISTED;
    const commands = few
      ? `: ${windows.manualRoutes.map((prefix) => addRouteCommand(connectionName, prefix)).join("; ")}`
      : ` ${addRouteCommand(connectionName, "<prefix>")} for each (p2s-check --format markdown writes the commands)`;
    out.push({
      resource: gateway.id,
      code: "routes.windows-manual-route",
      problem: sentence`Windows clients of ${gateway.name} can reach ${listed(networks, "networks")} over BGP but get no route to ${prefixes}.`,
      fix: sentence`Add ${few ? prefixes : "them"} to ${fieldRef(gateway.id, "gateway.advertisedRoutePrefixes")} of ${gateway.name}, or have each Windows user run${commands}.`,
    });
  }
  return out;
}

export const windowsManualRoutes: PolicyModule = {
  name: NAME,
  description:
    "Checks that Windows VPN clients receive a route to every network they can reach, since Windows does not install routes learned over BGP.",
  enforcementLevel: "advisory",
  severity: "medium",
  tags: ["azure", "p2s-vpn", "routing", "windows"],
  url: documentationUrl(NAME),
  remediationSteps:
    "Add the prefixes to the gateway's custom routes so the Windows client package carries them, or have users run Add-VpnConnectionRoute.",
  problems,
};

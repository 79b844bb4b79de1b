import type { Problem } from "../pipeline/violation";
import type { StackAnalysis } from "../pipeline/stack-analysis";
import { addRouteCommand, vpnConnectionName } from "../pipeline/windows-connection";
import { compareText, joinList } from "../topology/order";
import type { Sentence } from "../topology/sentence";
import { fieldRef, sentence } from "../topology/sentence";
import type { ClientSpec } from "../reachability/clients";
import { CLIENTS } from "../reachability/clients";
import type { GatewayAnalysis } from "../reachability/results";
import type { PolicyModule } from "../pipeline/policy-module";
import { documentationUrl } from "../pipeline/policy-module";

const NAME = "p2s-windows-manual-routes";

/** A message lists this many items at most; the JSON report and the Markdown comment list them all. */
const LISTED = 12;

function listed(items: string[], noun: string): string {
  return items.length <= LISTED ? joinList(items) : `${items.slice(0, LISTED).join(", ")} and ${items.length - LISTED} more ${noun}`;
}

/** The way out that needs nothing of users: a client that receives its routes from the gateway. */
function pushedAlternative(gateway: GatewayAnalysis): Sentence {
  const azure = CLIENTS.find((c) => c.id === "azure-vpn-client") as ClientSpec;
  if (gateway.clients.some((c) => c.id === azure.id)) return sentence` and is already offered by ${gateway.name}`;
  const protocols = fieldRef(gateway.id, "gateway.protocols");
  if (gateway.authTypes.some((a) => azure.authentication.includes(a))) return sentence`, once ${gateway.name} lists OpenVPN in ${protocols}`;
  return sentence`, once ${gateway.name} offers OpenVPN with certificate or Microsoft Entra ID authentication`;
}

function problems(stack: StackAnalysis): Problem[] {
  const out: Problem[] = [];
  for (const gateway of stack.analysis.gateways) {
    for (const client of gateway.clients) {
      if (client.routeSource !== "static" || client.manualRoutes.length === 0) continue;
      const manual = new Set(client.manualRoutes);
      const networks = client.accessNetworks
        .filter((network) => network.prefixes.some((c) => manual.has(c.text)))
        .map((network) => network.name)
        .sort(compareText);
      const connectionName = vpnConnectionName(stack, gateway);
      const prefixes = listed(client.manualRoutes, "prefixes");
      const few = client.manualRoutes.length <= LISTED;
      const commands = few
        ? `: ${client.manualRoutes.map((prefix) => addRouteCommand(connectionName, prefix)).join("; ")}`
        : ` ${addRouteCommand(connectionName, "<prefix>")} for each (p2s-check --format markdown writes the commands)`;
      out.push({
        resource: gateway.id,
        code: "routes.windows-manual-route",
        subject: client.id,
        problem: sentence`The ${client.label} of ${gateway.name} can reach ${listed(networks, "networks")} over BGP but gets no route to ${prefixes}.`,
        fix: sentence`Add ${few ? prefixes : "them"} to ${fieldRef(gateway.id, "gateway.advertisedRoutePrefixes")} of ${gateway.name}; or have each user of it run${commands}; or move them to the Azure VPN Client over OpenVPN, which receives the routes from the gateway${pushedAlternative(gateway)}.`,
      });
    }
  }
  return out;
}

export const windowsManualRoutes: PolicyModule = {
  kind: "stack",
  name: NAME,
  description:
    "Checks that clients with a static route list (Windows' built-in client) receive a route to every network they can reach, since they do not install routes learned over BGP.",
  enforcementLevel: "advisory",
  severity: "medium",
  tags: ["azure", "p2s-vpn", "routing", "windows"],
  url: documentationUrl(NAME),
  remediationSteps:
    "Add the prefixes to the gateway's custom routes so the Windows client package carries them, have users run Add-VpnConnectionRoute, or move them to the Azure VPN Client over OpenVPN.",
  problems,
};

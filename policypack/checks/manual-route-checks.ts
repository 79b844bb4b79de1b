import { compareText, joinList } from "../topology/order";
import type { Sentence } from "../topology/sentence";
import { fieldRef, sentence } from "../topology/sentence";
import type { ClientSpec } from "../reachability/clients";
import { CLIENTS } from "../reachability/clients";
import type { Finding } from "../reachability/findings";
import type { GatewayAnalysis } from "../reachability/results";
import type { TopologyIndex } from "../reachability/topology-index";
import { addRouteCommand, vpnConnectionName } from "../reachability/windows-connection";
import { finding } from "../reachability/findings";

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
  if (gateway.authTypes.some((a) => azure.authentication.includes(a)))
    return sentence`, once ${gateway.name} lists OpenVPN in ${protocols}`;
  return sentence`, once ${gateway.name} offers OpenVPN with certificate or Microsoft Entra ID authentication`;
}

/** Networks a static-route client reaches over BGP without a route to them, one finding per gateway and client (R5). */
export function checkManualRoutes(index: TopologyIndex, gateways: readonly GatewayAnalysis[]): Finding[] {
  const out: Finding[] = [];
  for (const gateway of gateways) {
    for (const client of gateway.clients) {
      if (client.routeSource !== "static" || client.manualRoutes.length === 0) continue;
      const manual = new Set(client.manualRoutes);
      const networks = client.accessNetworks
        .filter((network) => network.prefixes.some((c) => manual.has(c.text)))
        .map((network) => network.name)
        .sort(compareText);
      const connectionName = vpnConnectionName(index, gateway);
      const prefixes = listed(client.manualRoutes, "prefixes");
      const few = client.manualRoutes.length <= LISTED;
      const commands = few
        ? `: ${client.manualRoutes.map((prefix) => addRouteCommand(connectionName, prefix)).join("; ")}`
        : ` ${addRouteCommand(connectionName, "<prefix>")} for each (p2s-check --format markdown writes the commands)`;
      out.push(
        finding("windows-manual-routes", {
          code: "windows-manual-route",
          resource: gateway.id,
          related: [],
          subject: client.id,
          problem: sentence`The ${client.label} of ${gateway.name} can reach ${listed(networks, "networks")} over BGP but gets no route to ${prefixes}.`,
          fix: {
            resource: gateway.id,
            field: "gateway.advertisedRoutePrefixes",
            action: "add",
            text: sentence`Add ${few ? prefixes : "them"} to ${fieldRef(gateway.id, "gateway.advertisedRoutePrefixes")} of ${gateway.name}; or have each user of it run${commands}; or move them to the Azure VPN Client over OpenVPN, which receives the routes from the gateway${pushedAlternative(gateway)}.`,
          },
        }),
      );
    }
  }
  return out;
}

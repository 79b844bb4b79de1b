import { PLATFORMS } from "../topology/model";
import { joinList } from "../topology/order";
import { sentence, sentenceKey } from "../topology/sentence";
import { clientLabel } from "../reachability/clients";
import type { Finding, Reason, ReasonCode } from "../reachability/findings";
import { PLATFORM_LABELS } from "../reachability/platforms";
import type { ClientResult, GatewayAnalysis } from "../reachability/results";
import { finding } from "../reachability/findings";

/** The reasons a route leads nowhere, which are also the findings' codes. */
const ROUTE_CODES = ["link-without-bgp", "link-down", "route-without-access"] as const;

function routeCode(code: ReasonCode): (typeof ROUTE_CODES)[number] {
  return ROUTE_CODES.find((c) => c === code) ?? "route-without-access";
}

interface Group {
  gateway: GatewayAnalysis;
  reason: Reason;
  clients: ClientResult[];
  prefixes: Set<string>;
}

/**
 * The platforms of the clients that have the route, each named with its clients when other
 * clients on it (of the other route source) do not: "Windows (Azure VPN Client), macOS and Linux".
 */
function who(group: Group): string {
  const labels: string[] = [];
  let qualified = false;
  for (const platform of PLATFORMS) {
    const having = group.clients.filter((c) => c.platforms.includes(platform));
    if (having.length === 0) continue;
    const others = group.gateway.platforms[platform].clients.filter((id) => !having.some((c) => c.id === id));
    qualified ||= others.length > 0;
    labels.push(
      others.length > 0
        ? `${PLATFORM_LABELS[platform]} (${joinList(having.map((c) => clientLabel(c.spec, platform)))})`
        : PLATFORM_LABELS[platform],
    );
  }
  return labels.length === PLATFORMS.length && !qualified ? "All" : joinList(labels);
}

/** Routes clients receive to networks they cannot reach: one finding per gateway, reason and route source, since routes differ between static and pushed clients. */
export function checkUnreachableRoutes(gateways: readonly GatewayAnalysis[]): Finding[] {
  const groups = new Map<string, Group>();
  for (const gateway of gateways) {
    for (const client of gateway.clients) {
      for (const { prefix, reason } of client.unreachableRoutes) {
        const key = `${gateway.id}\u0000${client.routeSource}\u0000${sentenceKey(reason.text)}`;
        const group = groups.get(key) ?? { gateway, reason, clients: [], prefixes: new Set<string>() };
        if (!group.clients.includes(client)) group.clients.push(client);
        group.prefixes.add(prefix);
        groups.set(key, group);
      }
    }
  }
  return [...groups.values()].map((g): Finding => {
    const prefixes = [...g.prefixes];
    const many = prefixes.length > 1;
    return finding("unreachable-routes", {
      code: routeCode(g.reason.code),
      resource: g.reason.resources[0] ?? g.gateway.id,
      related: g.reason.resources.slice(1),
      subject: `${g.clients[0].routeSource} ${prefixes.join(",")}`,
      problem: sentence`${who(g)} clients of ${g.gateway.name} receive ${many ? "routes" : "a route"} to ${joinList(prefixes)} but cannot reach ${many ? "them" : "it"}: ${g.reason.text}.`,
      fix: g.reason.fix,
    });
  });
}

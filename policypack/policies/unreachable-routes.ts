import type { Problem } from "../pipeline/violation";
import type { StackAnalysis } from "../pipeline/stack-analysis";
import { PLATFORM_LABELS } from "../reachability/platforms";
import { PLATFORMS } from "../topology/model";
import { clientLabel } from "../reachability/clients";
import type { ClientResult, GatewayAnalysis } from "../reachability/results";
import { joinList } from "../topology/order";
import type { Sentence } from "../topology/sentence";
import { sentence, sentenceKey } from "../topology/sentence";
import type { PolicyModule } from "../pipeline/policy-module";
import { documentationUrl } from "../pipeline/policy-module";

const NAME = "p2s-unreachable-routes";

interface Group {
  resource: string;
  code: string;
  gateway: GatewayAnalysis;
  clients: ClientResult[];
  prefixes: Set<string>;
  text: Sentence;
  fix: Sentence;
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
    labels.push(others.length > 0 ? `${PLATFORM_LABELS[platform]} (${joinList(having.map((c) => clientLabel(c.spec, platform)))})` : PLATFORM_LABELS[platform]);
  }
  return labels.length === PLATFORMS.length && !qualified ? "All" : joinList(labels);
}

/** One violation per gateway, reason and route source: routes differ between static and pushed clients. */
function problems(stack: StackAnalysis): Problem[] {
  const groups = new Map<string, Group>();
  for (const gateway of stack.analysis.gateways) {
    for (const client of gateway.clients) {
      for (const { prefix, reason } of client.unreachableRoutes) {
        const key = `${gateway.id}\u0000${client.routeSource}\u0000${sentenceKey(reason.text)}`;
        const group = groups.get(key) ?? {
          resource: reason.resources[0] ?? gateway.id,
          code: `routes.${reason.code}`,
          gateway,
          clients: [],
          prefixes: new Set<string>(),
          text: reason.text,
          fix: reason.fix.text,
        };
        if (!group.clients.includes(client)) group.clients.push(client);
        group.prefixes.add(prefix);
        groups.set(key, group);
      }
    }
  }
  return [...groups.values()].map((g) => {
    const prefixes = [...g.prefixes];
    const many = prefixes.length > 1;
    return {
      resource: g.resource,
      code: g.code,
      subject: `${g.clients[0].routeSource} ${prefixes.join(",")}`,
      problem: sentence`${who(g)} clients of ${g.gateway.name} receive ${many ? "routes" : "a route"} to ${joinList(prefixes)} but cannot reach ${many ? "them" : "it"}: ${g.text}.`,
      fix: g.fix,
    };
  });
}

export const unreachableRoutes: PolicyModule = {
  kind: "stack",
  name: NAME,
  description: "Checks that VPN clients are not given routes to networks they cannot reach.",
  enforcementLevel: "advisory",
  severity: "low",
  tags: ["azure", "p2s-vpn", "routing"],
  url: documentationUrl(NAME),
  remediationSteps: "Run BGP on the links the message names, or remove the custom route that leads nowhere.",
  problems,
};

import type { Problem } from "../findings/violation";
import type { StackAnalysis } from "../findings/stack-analysis";
import { PLATFORM_LABELS } from "../reachability/platforms";
import type { Platform } from "../topology/model";
import { PLATFORMS } from "../topology/model";
import { joinList } from "../topology/order";
import type { Sentence } from "../topology/sentence";
import { sentence, sentenceKey } from "../topology/sentence";
import type { PolicyModule } from "./policy-module";
import { documentationUrl } from "./policy-module";

const NAME = "p2s-unreachable-routes";

interface Group {
  resource: string;
  code: string;
  gateway: string;
  platforms: Platform[];
  prefixes: Set<string>;
  text: Sentence;
  fix: Sentence;
}

function problems(stack: StackAnalysis): Problem[] {
  const groups = new Map<string, Group>();
  for (const gateway of stack.analysis.gateways) {
    for (const platform of PLATFORMS) {
      for (const { prefix, reason } of gateway.platforms[platform].unreachableRoutes) {
        const key = `${gateway.id}\u0000${sentenceKey(reason.text)}`;
        const group = groups.get(key) ?? {
          resource: reason.resources[0] ?? gateway.id,
          code: `routes.${reason.code}`,
          gateway: gateway.name,
          platforms: [],
          prefixes: new Set<string>(),
          text: reason.text,
          fix: reason.fix.text,
        };
        if (!group.platforms.includes(platform)) group.platforms.push(platform);
        group.prefixes.add(prefix);
        groups.set(key, group);
      }
    }
  }
  return [...groups.values()].map((g) => {
    const who = g.platforms.length === PLATFORMS.length ? "All" : joinList(g.platforms.map((p) => PLATFORM_LABELS[p]));
    const prefixes = [...g.prefixes];
    const many = prefixes.length > 1;
    return {
      resource: g.resource,
      code: g.code,
      subject: prefixes.join(","),
      problem: sentence`${who} clients of ${g.gateway} receive ${many ? "routes" : "a route"} to ${joinList(prefixes)} but cannot reach ${many ? "them" : "it"}: ${g.text}.`,
      fix: g.fix,
    };
  });
}

export const unreachableRoutes: PolicyModule = {
  name: NAME,
  description: "Checks that VPN clients are not given routes to networks they cannot reach.",
  enforcementLevel: "advisory",
  severity: "low",
  tags: ["azure", "p2s-vpn", "routing"],
  url: documentationUrl(NAME),
  remediationSteps: "Run BGP on the links the message names, or remove the custom route that leads nowhere.",
  problems,
};

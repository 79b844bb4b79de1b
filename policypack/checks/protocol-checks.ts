import type { Platform } from "../topology/model";
import { joinList } from "../topology/order";
import { sentence, sentenceKey } from "../topology/sentence";
import type { Finding, Reason } from "../reachability/findings";
import { PLATFORM_LABELS } from "../reachability/platforms";
import type { GatewayAnalysis } from "../reachability/results";
import { finding } from "../reachability/findings";

/**
 * Platforms the user requires that no client of a gateway serves, grouped by why: no protocol for
 * them, or no client that signs in the way the gateway authenticates.
 */
export function checkRequiredPlatforms(gateways: GatewayAnalysis[], required: readonly Platform[]): Finding[] {
  const findings: Finding[] = [];
  for (const analysis of gateways) {
    const groups = new Map<string, { platforms: Platform[]; reason: Reason }>();
    for (const platform of required) {
      const reason = analysis.platforms[platform].blockedBy;
      if (reason?.code !== "no-protocol-for-platform" && reason?.code !== "no-client-for-authentication") continue;
      const key = reason.code === "no-protocol-for-platform" ? reason.code : sentenceKey(reason.text);
      const group = groups.get(key) ?? { platforms: [], reason };
      group.platforms.push(platform);
      groups.set(key, group);
    }
    for (const { platforms, reason } of groups.values()) {
      const labels = joinList(platforms.map((p) => PLATFORM_LABELS[p]));
      findings.push(
        finding("client-protocols", {
          code: "platform-not-served",
          resource: analysis.id,
          subject: platforms.join(","),
          related: [],
          problem:
            reason.code === "no-protocol-for-platform"
              ? sentence`${labels} clients cannot connect to ${analysis.name}, whose protocols are ${analysis.protocols.join(", ")}${analysis.protocolsAssumed ? " (Azure's default)" : ""}.`
              : sentence`${labels} clients cannot connect to ${analysis.name}: ${reason.text}.`,
          fix: reason.fix,
        }),
      );
    }
  }
  return findings;
}

/** Clients that would receive more routes than they accept (spec 4a): they fail to connect. */
export function checkRouteLimits(gateways: GatewayAnalysis[]): Finding[] {
  const findings: Finding[] = [];
  for (const analysis of gateways) {
    for (const client of analysis.clients) {
      const limit = client.spec.routeLimit;
      if (!limit || !client.protocols.includes(limit.protocol) || client.routes.length <= limit.max) continue;
      findings.push(
        finding("client-protocols", {
          code: "too-many-routes",
          resource: analysis.id,
          subject: client.id,
          related: [],
          problem: sentence`The ${client.label} of ${analysis.name} would receive ${client.routes.length} routes over ${limit.protocol}, more than ${limit.max}, ${limit.why}, so it fails to connect.`,
          fix: {
            resource: analysis.id,
            action: "change",
            text: sentence`Summarise the networks behind ${analysis.name} into fewer, wider prefixes, for example with custom routes that cover several VNets.`,
          },
        }),
      );
    }
  }
  return findings;
}

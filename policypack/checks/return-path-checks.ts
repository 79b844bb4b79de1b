import { sentence } from "../topology/sentence";
import type { Finding } from "../reachability/findings";
import { finding } from "../reachability/findings";
import type { GatewayAnalysis } from "../reachability/results";

/**
 * Spec P4 as checks: every failing path of a P2S gateway's clients to a subnet (asymmetric, no
 * return route, dropped), once per gateway, subnet and cause, against the route table to change.
 */
export function checkReturnPaths(gateways: readonly GatewayAnalysis[]): Finding[] {
  const out: Finding[] = [];
  for (const gateway of gateways)
    for (const subnet of gateway.paths.subnets)
      // A pool inside a VNet's prefixes is an address overlap, which that check reports.
      for (const failure of subnet.failures)
        if (!failure.overlap)
          out.push(
            finding("return-path", {
              code: failure.code,
              resource: failure.resource,
              related: failure.related,
              subject: `${gateway.name} ${subnet.network.name}/${subnet.subnet.name}`,
              problem: sentence`For clients of ${gateway.name}, ${failure.text}.`,
              fix: failure.fix,
            }),
          );
  return out;
}

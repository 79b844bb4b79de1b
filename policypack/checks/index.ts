import type { Finding } from "../reachability/findings";
import type { GatewayAnalysis } from "../reachability/results";
import type { TopologyIndex } from "../reachability/topology-index";
import { checkBgp } from "./bgp-checks";
import { checkOverlaps } from "./overlap-checks";
import { checkRouteLimits } from "./protocol-checks";
import { checkGatewayTransit } from "./transit-checks";

export { checkRequiredPlatforms } from "./protocol-checks";

export function checkConfiguration(index: TopologyIndex, gateways: GatewayAnalysis[]): Finding[] {
  return [...checkGatewayTransit(index), ...checkOverlaps(index, gateways), ...checkRouteLimits(gateways), ...checkBgp(index)];
}

import type { Finding } from "../findings";
import type { GatewayAnalysis } from "../results";
import type { TopologyIndex } from "../topology-index";
import { checkBgp } from "./bgp-checks";
import { checkOverlaps } from "./overlap-checks";
import { checkRouteLimits } from "./protocol-checks";
import { checkGatewayTransit } from "./transit-checks";

export { checkRequiredPlatforms } from "./protocol-checks";

export function checkConfiguration(index: TopologyIndex, gateways: GatewayAnalysis[]): Finding[] {
  return [
    ...checkGatewayTransit(index),
    ...checkOverlaps(index, gateways),
    ...checkRouteLimits(gateways),
    ...checkBgp(index),
  ];
}

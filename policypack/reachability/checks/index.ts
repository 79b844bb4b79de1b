import { Finding } from "../findings";
import { GatewayAnalysis } from "../engine";
import { TopologyIndex } from "../topology-index";
import { checkBgp } from "./bgp-checks";
import { checkOverlaps } from "./overlap-checks";
import { checkProtocols } from "./protocol-checks";
import { checkGatewayTransit } from "./transit-checks";

export { checkRequiredPlatforms } from "./protocol-checks";

export function checkConfiguration(index: TopologyIndex, gateways: GatewayAnalysis[]): Finding[] {
  return [
    ...checkGatewayTransit(index),
    ...checkOverlaps(index, gateways),
    ...checkProtocols(index, gateways),
    ...checkBgp(index),
  ];
}

import type { Topology } from "../topology/model";
import { uniqueSentences } from "../topology/sentence";
import { checkDns } from "../checks/dns-checks";
import { checkGatewaySubnets } from "../checks/gateway-subnet-checks";
import { checkConfiguration } from "../checks/index";
import { checkManualRoutes } from "../checks/manual-route-checks";
import { checkReturnPaths } from "../checks/return-path-checks";
import { checkUnreachableRoutes } from "../checks/unreachable-route-checks";
import { checkVirtualWanRouting, checkVirtualWanTopology } from "../checks/virtual-wan-checks";
import { compareFindings } from "../reachability/findings";
import { analyzeDns } from "../reachability/dns";
import { computeReach } from "../reachability/reach";
import type { Analysis } from "../reachability/results";
import { buildIndex } from "../reachability/topology-index";

/** The whole analysis of a topology: the index, then reach, and beside it the configuration checks and name resolution. */
export function analyze(topology: Topology): Analysis {
  const index = buildIndex(topology);
  const reach = computeReach(index);
  const dns = analyzeDns(index, reach.gateways);
  const findings = [
    ...index.invalidPrefixes,
    ...checkConfiguration(index, reach.gateways),
    ...checkManualRoutes(index, reach.gateways),
    ...checkUnreachableRoutes(reach.gateways),
    ...checkDns(index, dns),
    ...checkGatewaySubnets(topology, index.paths.table),
    ...checkReturnPaths(reach.gateways),
    ...checkVirtualWanTopology(index),
    ...checkVirtualWanRouting(index, reach.gateways),
  ].sort(compareFindings);
  return { index, gateways: reach.gateways, dns, findings, notes: uniqueSentences([...reach.notes, ...index.notes]) };
}

import type { Topology } from "../../policypack/topology/model";
import { TopologyBuilder } from "./topology-builder";

/** The eight topologies of the seed document (spec section 3), by number. */
export function seedScenario(n: number): Topology {
  const bgp = n === 4 || n === 6 || n === 8;
  const b = new TopologyBuilder().vnet("vnet1", "10.1.0.0/16").p2sGateway("vnet1-gw", "vnet1", bgpGateway(bgp, 1));
  switch (n) {
    case 1:
      break;
    case 2:
      b.vnet("vnet2", "10.2.0.0/16").vnet("vnet3", "10.3.0.0/16").vnet("vnet4", "10.4.0.0/16");
      b.transitPeering("vnet1", "vnet2").transitPeering("vnet1", "vnet4").plainPeering("vnet2", "vnet3");
      break;
    case 3:
    case 4:
    case 7:
    case 8:
      b.vnet("vnet2", "10.2.0.0/16").gateway("vnet2-gw", "vnet2", bgpGateway(bgp, 2));
      b.vnet("vnet3", "10.3.0.0/16").gateway("vnet3-gw", "vnet3", bgpGateway(bgp, 3));
      b.vnet2vnet("vnet1-gw", "vnet2-gw", bgp).vnet2vnet("vnet2-gw", "vnet3-gw", bgp);
      if (n >= 7) b.site("site1", ["10.101.0.0/16"], bgp ? 65101 : undefined).s2s("vnet3-gw", "site1", bgp);
      break;
    case 5:
    case 6:
      b.site("site1", ["10.101.0.0/16"], bgp ? 65101 : undefined).s2s("vnet1-gw", "site1", bgp);
      break;
    default:
      throw new Error(`no seed scenario ${n}`);
  }
  return b.build();
}

function bgpGateway(bgp: boolean, n: number) {
  return bgp ? { bgp: true, asn: 65000 + n } : {};
}

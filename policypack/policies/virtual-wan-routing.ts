import { categoryPolicy } from "../pipeline/category-policy";
import { documentationUrl } from "../pipeline/policy-module";

const NAME = "p2s-virtual-wan-routing";

export const virtualWanRouting = categoryPolicy(
  {
    name: NAME,
    description:
      "Checks that a Virtual WAN hub routes its point-to-site users both ways: every network they are routed to has a route back to their pools, no configuration is associated with noneRouteTable, branches propagate alike, pools fit routing intent's private prefixes, and scale units, user groups and address spaces stay within Azure's limits.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["azure", "p2s-vpn", "virtual-wan", "routing"],
    url: documentationUrl(NAME),
    remediationSteps:
      "Propagate the P2S configuration to the route table of each network its users need, or change the setting the message names.",
  },
  "virtual-wan-routing",
);

import { categoryPolicy } from "../pipeline/category-policy";
import { documentationUrl } from "../pipeline/policy-module";

const NAME = "p2s-return-path";

export const returnPath = categoryPolicy(
  {
    name: NAME,
    description:
      "Checks that traffic from Point-to-Site VPN clients reaches each subnet of the networks they are routed to and that the replies come back the same way: through the same firewall both ways, or through none.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["azure", "p2s-vpn", "routing"],
    url: documentationUrl(NAME),
    remediationSteps:
      "Route the client pools back through the same appliance in the subnet's route table, route the subnet through that appliance in the GatewaySubnet's route table, or turn gateway route propagation on.",
  },
  "return-path",
);

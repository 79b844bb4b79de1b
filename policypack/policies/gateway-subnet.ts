import { categoryPolicy } from "../pipeline/category-policy";
import { documentationUrl } from "../pipeline/policy-module";

const NAME = "p2s-gateway-subnet";

export const gatewaySubnet = categoryPolicy(
  {
    name: NAME,
    description:
      "Checks that the GatewaySubnet has no network security group, and no route table with a 0.0.0.0/0 route or with gateway route propagation disabled: Azure says the VPN gateway then stops working.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["azure", "p2s-vpn", "routing"],
    url: documentationUrl(NAME),
    remediationSteps:
      "Remove the network security group from the GatewaySubnet, and give it no route table or one that keeps gateway route propagation on and has no 0.0.0.0/0 route.",
  },
  "gateway-subnet",
);

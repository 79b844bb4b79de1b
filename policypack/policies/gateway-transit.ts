import { categoryPolicy } from "../pipeline/category-policy";
import { documentationUrl } from "../pipeline/policy-module";

const NAME = "p2s-gateway-transit";

export const gatewayTransit = categoryPolicy(
  {
    name: NAME,
    description:
      "Checks that VNet peerings are declared in both directions and set gateway transit flags that Azure accepts and that let spokes use the P2S gateway.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["azure", "p2s-vpn", "peering"],
    url: documentationUrl(NAME),
    remediationSteps:
      "Allow gateway transit on the hub side and use remote gateways on the spoke side, declare both directions, and use a VpnGw SKU for transit.",
  },
  "gateway-transit",
);

import type { PolicyModule } from "./policy-module";
import { documentationUrl } from "./policy-module";
import { findingsOf } from "./finding-problems";

const NAME = "p2s-gateway-transit";

export const gatewayTransit: PolicyModule = {
  kind: "stack",
  name: NAME,
  description:
    "Checks that VNet peerings are declared in both directions and set gateway transit flags that Azure accepts and that let spokes use the P2S gateway.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["azure", "p2s-vpn", "peering"],
  url: documentationUrl(NAME),
  remediationSteps:
    "Allow gateway transit on the hub side and use remote gateways on the spoke side, declare both directions, and use a VpnGw SKU for transit.",
  problems: (stack) => findingsOf(stack.analysis.findings, "gateway-transit"),
};

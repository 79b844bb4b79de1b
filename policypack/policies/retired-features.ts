import { checkRetiredFeatures } from "../checks/gateway-settings";
import { documentationUrl } from "../pipeline/policy-module";
import { resourcePolicy } from "../pipeline/resource-policy";

const NAME = "p2s-retired-features";

export const retiredFeatures = resourcePolicy(
  {
    name: NAME,
    description:
      "Checks that VPN gateways use no feature Azure has retired or announced it will retire: SSTP, non-AZ VpnGw SKUs, a 0.0.0.0/0 custom route, several authentication settings without a list of types, IKEv2 on Basic, the hand-registered Entra ID audience, and protocols left to an undocumented default on a new gateway.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["azure", "p2s-vpn", "retirement"],
    url: documentationUrl(NAME),
    remediationSteps: "Move off the feature before the announced date the message gives.",
  },
  (topology) => topology.gateways.flatMap((gateway) => checkRetiredFeatures(gateway, topology.publicIps)),
);

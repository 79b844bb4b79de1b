import { categoryPolicy } from "../pipeline/category-policy";
import { documentationUrl } from "../pipeline/policy-module";

const NAME = "p2s-virtual-wan-settings";

export const virtualWanSettings = categoryPolicy(
  {
    name: NAME,
    description:
      "Checks that a Virtual WAN's point-to-site setup is one Azure accepts at deployment: a Standard WAN and hub, P2S configurations associated with a built-in route table, each VNet connected to one hub and without a gateway of its own, and routing intent only on hubs without custom route tables.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["azure", "p2s-vpn", "virtual-wan", "deployment"],
    url: documentationUrl(NAME),
    remediationSteps: "Change the resource the message names before deploying: Azure rejects the Virtual WAN setup as declared.",
  },
  "virtual-wan-settings",
);

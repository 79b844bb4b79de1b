import { categoryPolicy } from "../pipeline/category-policy";
import { documentationUrl } from "../pipeline/policy-module";

const NAME = "p2s-unreachable-routes";

export const unreachableRoutes = categoryPolicy(
  {
    name: NAME,
    description: "Checks that VPN clients are not given routes to networks they cannot reach.",
    enforcementLevel: "advisory",
    severity: "low",
    tags: ["azure", "p2s-vpn", "routing"],
    url: documentationUrl(NAME),
    remediationSteps: "Run BGP on the links the message names, or remove the custom route that leads nowhere.",
  },
  "unreachable-routes",
);

import { categoryPolicy } from "../pipeline/category-policy";
import { documentationUrl } from "../pipeline/policy-module";

const NAME = "p2s-bgp-config";

export const bgpConfig = categoryPolicy(
  {
    name: NAME,
    description:
      "Checks that BGP is possible wherever a connection asks for it, that ASNs differ across each BGP link, and that no custom route overlaps the client pool.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["azure", "p2s-vpn", "bgp"],
    url: documentationUrl(NAME),
    remediationSteps:
      "Enable BGP on both gateways with distinct ASNs, give sites their device's ASN, and keep custom routes off the client pool.",
  },
  "bgp-config",
);

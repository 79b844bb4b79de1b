import { categoryPolicy } from "../pipeline/category-policy";
import { documentationUrl } from "../pipeline/policy-module";

const NAME = "p2s-address-overlap";

export const addressOverlap = categoryPolicy(
  {
    name: NAME,
    description:
      "Checks that P2S client address pools overlap no network or route the clients use, that peered VNets have disjoint prefixes, and that every prefix is a valid CIDR.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["azure", "p2s-vpn", "addressing"],
    url: documentationUrl(NAME),
    remediationSteps: "Choose a client pool and VNet prefixes that do not overlap.",
  },
  "address-overlap",
);

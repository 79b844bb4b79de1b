import { categoryPolicy } from "../pipeline/category-policy";
import { documentationUrl } from "../pipeline/policy-module";

const NAME = "p2s-dns-resolution";

export const dnsResolution = categoryPolicy(
  {
    name: NAME,
    description:
      "Checks that P2S clients resolve the names of the private endpoints they reach: DNS servers they can use, 168.63.129.16 never, resolvers whose VNet is linked to the endpoints' zones.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["azure", "p2s-vpn", "dns"],
    url: documentationUrl(NAME),
    remediationSteps:
      "Point the P2S gateway's VNet at a DNS Private Resolver inbound endpoint that clients reach, with a static address, and link the resolver's VNet to the endpoints' privatelink zones.",
  },
  "dns-resolution",
);

import type { PolicyModule } from "./policy-module";
import { documentationUrl } from "./policy-module";
import { findingsOf } from "./finding-problems";

const NAME = "p2s-bgp-config";

export const bgpConfig: PolicyModule = {
  kind: "stack",
  name: NAME,
  description:
    "Checks that BGP is possible wherever a connection asks for it, that ASNs differ across each BGP link and avoid Azure's reserved ones, and that custom routes are supported.",
  enforcementLevel: "advisory",
  severity: "medium",
  tags: ["azure", "p2s-vpn", "bgp"],
  url: documentationUrl(NAME),
  remediationSteps:
    "Enable BGP on both gateways with distinct ASNs, give sites their device's ASN, and keep custom routes free of 0.0.0.0/0 and of the client pool.",
  problems: (stack) => findingsOf(stack.analysis.findings, "bgp-config"),
};

import type { PolicyModule } from "./policy-module";
import { documentationUrl } from "./policy-module";
import { findingsOf } from "./finding-problems";

const NAME = "p2s-address-overlap";

export const addressOverlap: PolicyModule = {
  kind: "stack",
  name: NAME,
  description:
    "Checks that P2S client address pools overlap no network or route the clients use, that peered VNets have disjoint prefixes, and that every prefix is a valid CIDR.",
  enforcementLevel: "mandatory",
  severity: "high",
  tags: ["azure", "p2s-vpn", "addressing"],
  url: documentationUrl(NAME),
  remediationSteps: "Choose a client pool and VNet prefixes that do not overlap.",
  problems: (stack) => findingsOf(stack.analysis.findings, "address-overlap"),
};

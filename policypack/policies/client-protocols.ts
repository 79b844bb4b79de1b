import { checkRequiredPlatforms } from "../checks/index";
import { isPlatform } from "../reachability/platforms";
import type { Platform } from "../topology/model";
import { PLATFORMS } from "../topology/model";
import type { PolicyModule } from "../pipeline/policy-module";
import { PLATFORM_LIST_SCHEMA, documentationUrl } from "../pipeline/policy-module";
import { findingProblem, findingsOf } from "../pipeline/finding-problems";

const NAME = "p2s-client-protocols";

function requiredPlatforms(config: Record<string, unknown>): Platform[] {
  const value = config.requiredPlatforms;
  if (!Array.isArray(value)) return [...PLATFORMS];
  return value.filter((p): p is Platform => typeof p === "string" && isPlatform(p));
}

export const clientProtocols: PolicyModule = {
  kind: "stack",
  name: NAME,
  description:
    "Checks that every client platform the organisation requires has a client the gateway offers, and that no client receives more routes than it accepts.",
  enforcementLevel: "advisory",
  severity: "medium",
  tags: ["azure", "p2s-vpn", "protocols"],
  url: documentationUrl(NAME),
  remediationSteps:
    "Offer a protocol and an authentication type that a client of each required platform supports, and summarise routes below the clients' limits.",
  configSchema: {
    properties: {
      requiredPlatforms: { ...PLATFORM_LIST_SCHEMA, default: [...PLATFORMS] },
    },
  },
  problems: (stack, config) => [
    ...findingsOf(stack.analysis.findings, "client-protocols"),
    ...checkRequiredPlatforms(stack.analysis.gateways, requiredPlatforms(config)).map(findingProblem),
  ],
};

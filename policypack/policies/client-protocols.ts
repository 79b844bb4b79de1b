import { checkRequiredPlatforms } from "../reachability/checks/index";
import { isPlatform } from "../reachability/platforms";
import type { Platform } from "../topology/model";
import { PLATFORMS } from "../topology/model";
import type { PolicyModule } from "./policy-module";
import { PLATFORM_LIST_SCHEMA, documentationUrl } from "./policy-module";
import { findingProblem, findingsOf } from "./finding-problems";

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
    "Checks that P2S gateways are RouteBased, list only protocols their SKU supports, and serve every client platform the organisation requires.",
  enforcementLevel: "advisory",
  severity: "medium",
  tags: ["azure", "p2s-vpn", "protocols"],
  url: documentationUrl(NAME),
  remediationSteps: "Use a RouteBased VpnGw gateway and add IkeV2 or OpenVPN for macOS, Linux, iOS and Android clients.",
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

import { PLATFORMS } from "../topology/model";

export type EnforcementLevel = "advisory" | "mandatory" | "disabled";

export const POLICY_NAMES = [
  "p2s-intended-access",
  "p2s-windows-manual-routes",
  "p2s-unreachable-routes",
  "p2s-gateway-transit",
  "p2s-address-overlap",
  "p2s-client-protocols",
  "p2s-bgp-config",
] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

/** A JSON schema fragment, as Pulumi's policy configuration takes it. */
export type JsonSchema = { [key: string]: unknown };

export interface PolicyDefinition {
  name: PolicyName;
  description: string;
  enforcementLevel: EnforcementLevel;
  remediationSteps: string;
  configSchema?: { properties: Record<string, JsonSchema>; required?: string[] };
}

const platformList: JsonSchema = {
  type: "array",
  items: { type: "string", enum: [...PLATFORMS] },
  uniqueItems: true,
};

/** Every policy of the pack with its default level; the CLI and the pack share these. */
export const POLICY_DEFINITIONS: readonly PolicyDefinition[] = [
  {
    name: "p2s-intended-access",
    description:
      "Checks that Point-to-Site VPN clients reach every network they must reach and no network they must not, as stated in policy configuration and in p2s-access, p2s-reach and p2s-deny tags.",
    enforcementLevel: "mandatory",
    remediationSteps:
      "Change the peering, connection or gateway the message names, or correct the intent if it names the wrong target.",
    configSchema: {
      properties: {
        intents: {
          type: "array",
          items: {
            type: "object",
            properties: {
              gateway: { type: "string", description: "A P2S gateway's Pulumi or Azure name, or * for all." },
              platforms: platformList,
              reach: { type: "array", items: { type: "string" } },
              deny: { type: "array", items: { type: "string" } },
            },
            required: ["gateway"],
            additionalProperties: false,
          },
        },
      },
    },
  },
  {
    name: "p2s-windows-manual-routes",
    description:
      "Checks that Windows VPN clients receive a route to every network they can reach, since Windows does not install routes learned over BGP.",
    enforcementLevel: "advisory",
    remediationSteps:
      "Add the prefixes to the gateway's customRoutes so the Windows client package carries them, or have users run Add-VpnConnectionRoute.",
  },
  {
    name: "p2s-unreachable-routes",
    description: "Checks that VPN clients are not given routes to networks they cannot reach.",
    enforcementLevel: "advisory",
    remediationSteps: "Run BGP on the links the message names, or remove the custom route that leads nowhere.",
  },
  {
    name: "p2s-gateway-transit",
    description:
      "Checks that VNet peerings are declared in both directions and set gateway transit flags that Azure accepts and that let spokes use the P2S gateway.",
    enforcementLevel: "mandatory",
    remediationSteps:
      "Set allowGatewayTransit on the hub side and useRemoteGateways on the spoke side, declare both directions, and use a VpnGw SKU for transit.",
  },
  {
    name: "p2s-address-overlap",
    description:
      "Checks that P2S client address pools overlap no network or route the clients use, that peered VNets have disjoint prefixes, and that every prefix is a valid CIDR.",
    enforcementLevel: "mandatory",
    remediationSteps: "Choose a client pool and VNet prefixes that do not overlap.",
  },
  {
    name: "p2s-client-protocols",
    description:
      "Checks that P2S gateways are RouteBased, list only protocols their SKU supports, and serve every client platform the organisation requires.",
    enforcementLevel: "advisory",
    remediationSteps: "Use a RouteBased VpnGw gateway and add IkeV2 or OpenVPN for macOS, Linux, iOS and Android clients.",
    configSchema: {
      properties: {
        requiredPlatforms: { ...platformList, default: [...PLATFORMS] },
      },
    },
  },
  {
    name: "p2s-bgp-config",
    description:
      "Checks that BGP is possible wherever a connection asks for it, that ASNs differ across each BGP link and avoid Azure's reserved ones, and that custom routes are supported.",
    enforcementLevel: "advisory",
    remediationSteps:
      "Enable BGP on both gateways with distinct ASNs, give sites their device's ASN, and keep customRoutes free of 0.0.0.0/0 and of the client pool.",
  },
];

export function definitionOf(name: PolicyName): PolicyDefinition {
  return POLICY_DEFINITIONS.find((d) => d.name === name) as PolicyDefinition;
}

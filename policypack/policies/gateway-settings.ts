import { checkGatewaySettings, checkSiteSettings } from "../checks/gateway-settings";
import { documentationUrl } from "../pipeline/policy-module";
import { resourcePolicy } from "../pipeline/resource-policy";

const NAME = "p2s-gateway-settings";

export const gatewaySettings = resourcePolicy(
  {
    name: NAME,
    description:
      "Checks that VPN gateway and site settings are ones Azure accepts at deployment: SSTP never with OpenVPN, Entra ID only with OpenVPN, the limits of the Basic SKU and of Generation2, no IPv6 pool with SSTP, no reserved ASN, no P2S on a PolicyBased gateway, and Microsoft Entra ID tenant and issuer settings that sign-ins accept.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["azure", "p2s-vpn", "deployment"],
    url: documentationUrl(NAME),
    remediationSteps: "Change the setting the message names before deploying: Azure rejects the gateway or site as declared.",
  },
  (topology) => [...topology.gateways.flatMap(checkGatewaySettings), ...topology.sites.flatMap(checkSiteSettings)],
);

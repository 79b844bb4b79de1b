import { checkServerConfiguration } from "../checks/virtual-wan-checks";
import { documentationUrl } from "../pipeline/policy-module";
import { resourcePolicy } from "../pipeline/resource-policy";

const NAME = "p2s-virtual-wan-server";

export const virtualWanServer = resourcePolicy(
  {
    name: NAME,
    description:
      "Checks that a Virtual WAN VPN server configuration offers what hub P2S gateways accept: IKEv2 or OpenVPN but no SSTP, Microsoft Entra ID only with OpenVPN, and one authentication type when IKEv2 is the only protocol.",
    enforcementLevel: "mandatory",
    severity: "high",
    tags: ["azure", "p2s-vpn", "virtual-wan", "deployment"],
    url: documentationUrl(NAME),
    remediationSteps:
      "Change the protocols or authentication types of the server configuration before deploying: Azure rejects it as declared.",
  },
  (topology) => (topology.wan?.serverConfigurations ?? []).flatMap(checkServerConfiguration),
);

import { categoryPolicy } from "../pipeline/category-policy";
import { documentationUrl } from "../pipeline/policy-module";

const NAME = "p2s-windows-manual-routes";

export const windowsManualRoutes = categoryPolicy(
  {
    name: NAME,
    description:
      "Checks that clients with a static route list (Windows' built-in client) receive a route to every network they can reach, since they do not install routes learned over BGP.",
    enforcementLevel: "advisory",
    severity: "medium",
    tags: ["azure", "p2s-vpn", "routing", "windows"],
    url: documentationUrl(NAME),
    remediationSteps:
      "Add the prefixes to the gateway's custom routes so the Windows client package carries them, have users run Add-VpnConnectionRoute, or move them to the Azure VPN Client over OpenVPN.",
  },
  "windows-manual-routes",
);

import type { Seen } from "../../offline/pack-session";

/**
 * The one violation the pack reports on the default sample stack ("hub") in preview: the Windows
 * built-in client reaches the BGP branch without a route to it. Tests through the pack start there.
 */
export const MANUAL_BRANCH: Seen = {
  policy: "p2s-windows-manual-routes",
  level: "advisory",
  resource: "hub-gw",
  message:
    'The Windows built-in client of hub-gw can reach branch over BGP but gets no route to 10.101.0.0/16. Add 10.101.0.0/16 to customRoutes.addressPrefixes of hub-gw; or have each user of it run: Add-VpnConnectionRoute -ConnectionName "hub" -DestinationPrefix 10.101.0.0/16; or move them to the Azure VPN Client over OpenVPN, which receives the routes from the gateway, once hub-gw lists OpenVPN in vpnClientProtocols.',
};

/** What the pack reported besides the sample hub's Windows manual routes, which the tests' changes leave alone. */
export function besidesManualRoutes(got: Seen[]): Seen[] {
  return got.filter((s) => s.policy !== "p2s-windows-manual-routes");
}

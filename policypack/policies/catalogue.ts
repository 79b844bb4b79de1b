import { addressOverlap } from "./address-overlap";
import { bgpConfig } from "./bgp-config";
import { clientProtocols } from "./client-protocols";
import { dnsResolution } from "./dns-resolution";
import { gatewaySettings } from "./gateway-settings";
import { gatewaySubnet } from "./gateway-subnet";
import { gatewayTransit } from "./gateway-transit";
import { intendedAccess } from "./intended-access";
import type { PolicyModule } from "../pipeline/policy-module";
import { retiredFeatures } from "./retired-features";
import { returnPath } from "./return-path";
import { unreachableRoutes } from "./unreachable-routes";
import { virtualWanRouting } from "./virtual-wan-routing";
import { virtualWanServer } from "./virtual-wan-server";
import { virtualWanSettings } from "./virtual-wan-settings";
import { windowsManualRoutes } from "./windows-manual-routes";

/** Every policy of the pack, in the order the pack declares them; the pack, p2s-check and npm start share it. */
export const POLICIES: readonly PolicyModule[] = [
  intendedAccess,
  windowsManualRoutes,
  unreachableRoutes,
  gatewayTransit,
  gatewaySubnet,
  returnPath,
  addressOverlap,
  clientProtocols,
  bgpConfig,
  dnsResolution,
  gatewaySettings,
  retiredFeatures,
  virtualWanSettings,
  virtualWanServer,
  virtualWanRouting,
];

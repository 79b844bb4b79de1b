import type { Analysis, GatewayAnalysis } from "../../policypack/reachability/results";
import type { Platform } from "../../policypack/topology/model";
import { PLATFORMS } from "../../policypack/topology/model";

export interface Expected {
  routes: string[];
  access: string[];
  manualRoutes: string[];
}

/** The compact view tests compare, so a failure prints everything that was got. */
export function platformView(gateway: GatewayAnalysis, platform: Platform): Expected & { canConnect: boolean } {
  const r = gateway.platforms[platform];
  return { canConnect: r.canConnect, routes: r.routes, access: r.access, manualRoutes: r.manualRoutes };
}

export function gatewayNamed(analysis: Analysis, name: string): GatewayAnalysis {
  const g = analysis.gateways.find((x) => x.name === name);
  if (!g) throw new Error(`no P2S gateway ${name}; got ${analysis.gateways.map((x) => x.name).join(", ") || "none"}`);
  return g;
}

export const NON_WINDOWS = PLATFORMS.filter((p) => p !== "windows");

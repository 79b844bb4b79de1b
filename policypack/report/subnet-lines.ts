import type { GatewayReport } from "./report-model";

/** Each subnet's path and flows in one line, per routed network: none when the stack declares no subnet there. */
export function subnetLines(g: GatewayReport): string[] {
  return g.subnets.map((s) => s.summary);
}

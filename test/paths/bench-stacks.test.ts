import type { StackFilters, TopologyKind } from "../../bench/generate-stack";
import { generateStack } from "../../bench/generate-stack";
import { analyzerInputToRaw } from "../../offline/analyzer-client";
import { analyzeResources } from "../../policypack/pipeline/stack-analysis";

// The bench compares the engine on these stacks with and without NSGs and route tables, all meant to
// be compliant: paths that failed by mistake would time findings a compliant estate does not have.
function pathsOf(kind: TopologyKind, filters: StackFilters) {
  const { analysis } = analyzeResources(generateStack(kind, 100, { filters }).map(analyzerInputToRaw));
  const verdicts: Record<string, number> = {};
  for (const gateway of analysis.gateways)
    for (const subnet of gateway.paths.subnets) for (const part of subnet.paths) verdicts[part.verdict] = (verdicts[part.verdict] ?? 0) + 1;
  const findings = analysis.findings.filter((f) => f.category === "return-path" || f.category === "gateway-subnet");
  return { verdicts, findings: findings.map((f) => `${f.code} ${f.resource}`) };
}

describe.each(["hub-spoke", "bgp-chain", "mixed"] as const)("the bench's %s stack", (kind) => {
  it("with filters, routes every P2S client to every spoke subnet through its hub's firewall, both ways", () => {
    expect(pathsOf(kind, "all")).toEqual({
      // The hubs' own subnets (their firewall's) are reached directly; mixed has three gateways and spokes without transit.
      verdicts: kind === "mixed" ? { ok: 12, "ok-via-appliance": 195 } : { ok: 5, "ok-via-appliance": 95 },
      findings: [],
    });
  });

  // The bound's yardstick: the same subnets with nothing on the way, so the engine judges the same paths.
  it("without NSGs and route tables, routes every P2S client to the same subnets directly, both ways", () => {
    expect(pathsOf(kind, "no-nsgs-or-route-tables")).toEqual({ verdicts: { ok: kind === "mixed" ? 207 : 100 }, findings: [] });
  });
});

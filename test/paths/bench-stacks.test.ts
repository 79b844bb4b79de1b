import { generateStack } from "../../bench/generate-stack";
import { analyzerInputToRaw } from "../../offline/analyzer-client";
import { analyzeResources } from "../../policypack/pipeline/stack-analysis";

// The bench compares the engine with and without filters on stacks meant to be compliant: paths that
// failed by mistake would time findings a compliant estate does not have.
describe.each(["hub-spoke", "bgp-chain", "mixed"] as const)("the bench's %s stack with filters", (kind) => {
  it("routes every P2S client to every spoke subnet through its hub's firewall, both ways", () => {
    const { analysis } = analyzeResources(generateStack(kind, 100).map(analyzerInputToRaw));
    const verdicts: Record<string, number> = {};
    for (const gateway of analysis.gateways)
      for (const subnet of gateway.paths.subnets)
        for (const part of subnet.paths) verdicts[part.verdict] = (verdicts[part.verdict] ?? 0) + 1;
    const findings = analysis.findings.filter((f) => f.category === "return-path" || f.category === "gateway-subnet");
    expect({ verdicts, findings: findings.map((f) => `${f.code} ${f.resource}`) }).toEqual({
      // The hubs' own subnets (their firewall's) are reached directly; mixed has three gateways and spokes without transit.
      verdicts: kind === "mixed" ? { ok: 12, "ok-via-appliance": 195 } : { ok: 5, "ok-via-appliance": 95 },
      findings: [],
    });
  });
});

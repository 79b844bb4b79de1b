import { generateStack } from "../../bench/generate-stack";
import { analyzerInputToRaw } from "../../offline/analyzer-client";
import { analyzeResources } from "../../policypack/pipeline/stack-analysis";
import { POLICIES } from "../../policypack/policies/catalogue";
import { violationsOf } from "../../policypack/pipeline/violations-of";

// The bench times this stack's analysis: if the pack stopped reading part of it (a renamed field, a
// lost reference), the bench would time less work and still look fine, so what it reads is pinned here.
describe("the bench's virtual-wan stack", () => {
  // 600 spokes keep each client's routes under OpenVPN's 1,000, so the stack has no finding at all.
  const inputs = generateStack("virtual-wan", 600, { filters: "none" });
  const stack = analyzeResources(inputs.map(analyzerInputToRaw));

  it("has two hubs of 300 spokes, labelled tables, two P2S and two VPN gateways", () => {
    const counts: Record<string, number> = {};
    for (const r of inputs) counts[r.type.split(":").pop() as string] = (counts[r.type.split(":").pop() as string] ?? 0) + 1;
    expect(counts).toEqual({
      VirtualWan: 1,
      VpnServerConfiguration: 1,
      VirtualHub: 2,
      HubRouteTable: 6,
      P2sVpnGateway: 2,
      VpnSite: 2,
      VpnGateway: 2,
      VirtualNetwork: 600,
      HubVirtualNetworkConnection: 600,
    });
  });

  it("gives both hubs' P2S clients every spoke and site, with no finding and no violation", () => {
    const gateways = stack.analysis.gateways.filter((g) => g.kind === "virtual-wan");
    expect({
      gateways: gateways.map((g) => ({
        name: g.name,
        hub: g.hub?.name,
        configurations: (g.configurations ?? []).map((c) => ({ associated: c.associatedTable, propagatesTo: c.propagatesTo })),
        spokes: g.platforms.macos.access.filter((a) => a.startsWith("spoke")).length,
        sites: g.platforms.macos.access.filter((a) => a.startsWith("site")),
      })),
      findings: stack.analysis.findings.map((f) => f.code),
      violations: POLICIES.flatMap((p) => violationsOf(p, stack)).length,
    }).toEqual({
      gateways: ["hub0", "hub1"].map((hub) => ({
        name: `${hub}-p2s`,
        hub,
        configurations: [
          {
            associated: `${hub}/defaultRouteTable`,
            propagatesTo: ["hub0/defaultRouteTable", "hub0/hub0-spokes-rt", "hub1/defaultRouteTable", "hub1/hub1-spokes-rt"],
          },
        ],
        spokes: 600,
        sites: ["site0", "site1"],
      })),
      findings: [],
      violations: 0,
    });
  });
});

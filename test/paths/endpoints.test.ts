import type { Topology } from "../../policypack/topology/model";
import { baseline, changedPath, hubGw, pathTuples, withRoutes } from "./baseline";

/** Spec P6: a private endpoint obeys its subnet's route table and NSG only when the subnet's network policies say so. */
function withEndpoint(policies?: string): Topology {
  const t = changedPath(baseline(), "subnets", "app/web", policies === undefined ? {} : { endpointPolicies: policies });
  t.dns = {
    zones: [],
    links: [],
    endpoints: [{ id: "blob", name: "blob", vnet: "app", subnet: "app/web", zones: [] }],
    resolvers: [],
    inbound: [],
  };
  // The GatewaySubnet sends app directly while app's table sends the pool through fw: asymmetric for the subnet.
  return withRoutes(t, "rt-gateway", []);
}

function endpointVerdicts(t: Topology): string[][] {
  return hubGw(t).paths.endpoints.map((e) => [e.endpoint.name, ...e.paths.map((p) => `${p.pool} ${p.verdict}`)]);
}

describe("private endpoints (P6)", () => {
  it("sends an endpoint's replies straight back by default (policies Disabled), so app stays accessible though its subnet is asymmetric", () => {
    const t = withEndpoint();
    expect({
      subnet: pathTuples(t).filter((p) => p[0] === "app/web"),
      endpoint: endpointVerdicts(t),
      access: hubGw(t).platforms.windows.access,
    }).toEqual({
      subnet: [["app/web", "172.16.201.0/24", "direct", "via 10.0.3.4", "asymmetric"]],
      endpoint: [["blob", "172.16.201.0/24 ok"]],
      access: ["app", "hub"],
    });
  });

  it("applies the subnet's route table to the endpoint when its policies are RouteTableEnabled", () => {
    const t = withEndpoint("RouteTableEnabled");
    expect({ endpoint: endpointVerdicts(t), access: hubGw(t).platforms.windows.access }).toEqual({
      endpoint: [["blob", "172.16.201.0/24 asymmetric"]],
      access: ["hub"],
    });
  });
});

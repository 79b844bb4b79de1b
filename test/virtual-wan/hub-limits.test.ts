import { analyzeResources } from "../../policypack/pipeline/stack-analysis";
import { renderSentence } from "../../policypack/topology/sentence";
import { RG, native } from "../helpers/raw-resources";
import type { Declared } from "../helpers/virtual-wan-stack";
import { nativeWan } from "../helpers/virtual-wan-stack";

/** Azure's limits on a hub (spec W9): routes a client accepts, and VNet address spaces under routing intent. */
function withSpokes(count: number, change: (r: Record<string, Declared>) => void = () => {}) {
  return nativeWan((r) => {
    for (let i = 3; i <= count; i++) {
      r[`spoke${i}`] = native("VirtualNetwork", `spoke${i}`, {
        resourceGroupName: "rg",
        virtualNetworkName: `spoke${i}`,
        addressSpace: { addressPrefixes: [`10.${i >> 8}.${i & 255}.0/24`] },
      }) as Declared;
      r[`spoke${i}-conn`] = native("HubVirtualNetworkConnection", `spoke${i}-conn`, {
        resourceGroupName: "rg",
        virtualHubName: "hub1",
        connectionName: `spoke${i}-conn`,
        remoteVirtualNetwork: { id: `${RG}/virtualNetworks/spoke${i}` },
      }) as Declared;
    }
    change(r);
  });
}

function findings(resources: ReturnType<typeof withSpokes>, code: string): string[] {
  const { analysis, extraction } = analyzeResources(resources);
  return analysis.findings
    .filter((f) => f.code === code)
    .map((f) => `${f.resource.split("::").pop()}: ${renderSentence(f.problem, extraction.spell)}`);
}

const INTENT = (r: Record<string, Declared>) => {
  r.fw = native("AzureFirewall", "fw", { resourceGroupName: "rg", virtualHub: { id: `${RG}/virtualHubs/hub1` } }) as Declared;
  r.intent = native("RoutingIntent", "intent", {
    resourceGroupName: "rg",
    virtualHubName: "hub1",
    routingPolicies: [{ name: "private", destinations: ["PrivateTraffic"], nextHop: `${RG}/azureFirewalls/fw` }],
  }) as Declared;
};

describe("a hub's limits (W9)", () => {
  it("says nothing of 1,000 routes, which the Azure VPN Client over OpenVPN accepts", () => {
    expect(findings(withSpokes(999), "too-many-routes")).toEqual([]);
  });

  it("reports a client that would receive more than 1,000 routes over OpenVPN, against the P2S gateway", () => {
    expect(findings(withSpokes(1000), "too-many-routes")).toEqual([
      "p2s: The Azure VPN Client of p2s would receive 1001 routes over OpenVPN, more than 1000, the routes OpenVPN clients accept, so it fails to connect.",
    ]);
  });

  it("says nothing of 600 VNet address spaces on a hub with routing intent", () => {
    expect(findings(withSpokes(600, INTENT), "intent-address-spaces")).toEqual([]);
  });

  it("reports 601 VNet address spaces on a hub with routing intent, against the intent", () => {
    expect(findings(withSpokes(601, INTENT), "intent-address-spaces")).toEqual([
      "intent: The hub of intent has 601 VNet address spaces; with routing intent a hub takes 600.",
    ]);
  });
});

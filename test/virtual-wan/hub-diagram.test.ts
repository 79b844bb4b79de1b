import type { RawResource } from "../../policypack/extract/raw-resource";
import { analyzeResources } from "../../policypack/pipeline/stack-analysis";
import { diagram } from "../../policypack/report/mermaid";
import { buildReport } from "../../policypack/report/report-model";
import { RG, native } from "../helpers/raw-resources";
import type { Declared } from "../helpers/virtual-wan-stack";
import { nativeWan, tableId } from "../helpers/virtual-wan-stack";

function drawn(resources: RawResource[], grouping: "none" | "counted" = "none"): string {
  return diagram(buildReport(analyzeResources(resources)).topology, grouping).text;
}

describe("the Mermaid diagram of a Virtual WAN hub", () => {
  it("draws the hub, its connections with the table each is associated with when not the default, and the P2S clients at the hub", () => {
    const resources = nativeWan((r) => {
      r.isolated = native("HubRouteTable", "isolated", {
        resourceGroupName: "rg",
        virtualHubName: "hub1",
        labels: ["isolated"],
      }) as Declared;
      r["spoke2-conn"].props.routingConfiguration = {
        associatedRouteTable: { id: tableId("hub1", "isolated") },
        propagatedRouteTables: { labels: ["default"] },
      };
    });
    expect(drawn(resources).split("\n")).toEqual([
      "flowchart LR",
      '  n0(("hub hub1<br/>10.100.0.0/23"))',
      '  n1["spoke1<br/>10.1.0.0/16"]',
      '  n2["spoke2<br/>10.2.0.0/16"]',
      '  n0 ---|"hub connection"| n1',
      '  n0 ---|"hub connection<br/>associated with hub1/isolated"| n2',
      '  p2s_n3(["P2S clients of p2s<br/>172.16.50.0/24"])',
      '  p2s_n3 -->|"OpenVPN"| n0',
    ]);
  });

  it("groups a hub's many spokes into one node per table", () => {
    const resources = nativeWan((r) => {
      for (let i = 3; i <= 40; i++) {
        r[`spoke${i}`] = native("VirtualNetwork", `spoke${i}`, {
          resourceGroupName: "rg",
          virtualNetworkName: `spoke${i}`,
          addressSpace: { addressPrefixes: [`10.${i}.0.0/16`] },
        }) as Declared;
        r[`spoke${i}-conn`] = native("HubVirtualNetworkConnection", `spoke${i}-conn`, {
          resourceGroupName: "rg",
          virtualHubName: "hub1",
          remoteVirtualNetwork: { id: `${RG}/virtualNetworks/spoke${i}` },
        }) as Declared;
      }
    });
    expect(drawn(resources, "counted").split("\n")).toEqual([
      "flowchart LR",
      '  n0(("hub hub1<br/>10.100.0.0/23"))',
      '  g0["40 spokes"]',
      '  n0 ---|"hub connections"| g0',
      '  p2s_n1(["P2S clients of p2s<br/>172.16.50.0/24"])',
      '  p2s_n1 -->|"OpenVPN"| n0',
    ]);
  });
});

import { analyzeResources } from "../../policypack/pipeline/stack-analysis";
import { diffRoutes } from "../../policypack/reachability/route-diff";
import { routeChangeLines } from "../../policypack/report/route-changes";
import { nativeWan } from "../helpers/virtual-wan-stack";
import type { Declared } from "../helpers/virtual-wan-stack";

function changeLines(change: (r: Record<string, Declared>) => void): string[] {
  const before = analyzeResources(nativeWan()).analysis;
  const after = analyzeResources(nativeWan(change)).analysis;
  return diffRoutes(before, after).flatMap(routeChangeLines);
}

describe("what a change to a Virtual WAN hub does to connected users (spec R8, W10)", () => {
  it("says nothing when nothing changes", () => {
    expect(changeLines(() => {})).toEqual([]);
  });

  it("names the hub connection whose change disconnects users, with the routes they lose", () => {
    expect(
      changeLines((r) => {
        r["spoke2-conn"].props.routingConfiguration = { propagatedRouteTables: { labels: ["none"] } };
      }),
    ).toEqual(["Windows and macOS clients: -10.2.0.0/16", "spoke2-conn changes: applying it disconnects connected users of p2s"]);
  });

  it("asks for a new profile and says users are disconnected when the server configuration's protocols change", () => {
    expect(
      changeLines((r) => {
        (r["vpn-config"].props.properties as Record<string, unknown>).vpnProtocols = ["OpenVPN", "IkeV2"];
      }),
    ).toEqual([
      "Every client of p2s: protocols changed; download the new client profile and import it on every device",
      "vpn-config changes: applying it disconnects connected users of p2s",
    ]);
  });
});

import type { AnalyzerInput } from "../../offline/analyzer-client";
import type { Topology } from "../../policypack/topology/model";
import { InProcessPack } from "../helpers/in-process-pack";
import { violationsFound } from "../helpers/policy-violations";
import { MANUAL_BRANCH } from "../helpers/sample-hub";
import { sampleInputs, withProperties } from "../helpers/sample-inputs";
import { seedScenario } from "../helpers/seed-scenarios";
import { TopologyBuilder, changed } from "../helpers/topology-builder";

/**
 * p2s-windows-manual-routes (code routes.windows-manual-route). Baseline: seed scenario 6 (a branch
 * over BGP) whose gateway carries the branch prefix as a custom route, so the Windows built-in
 * client installs a route to everything it reaches.
 */
const POLICY = "p2s-windows-manual-routes";
const baseline = changed(seedScenario(6), "gateways", "vnet1-gw", { advertisedRoutes: ["10.101.0.0/16"] });

const NO_ROUTE_TO_SITE1 =
  'The Windows built-in client of vnet1-gw can reach site1 over BGP but gets no route to 10.101.0.0/16. Add 10.101.0.0/16 to customRoutes.addressPrefixes of vnet1-gw; or have each user of it run: Add-VpnConnectionRoute -ConnectionName "vnet1" -DestinationPrefix 10.101.0.0/16; or move them to the Azure VPN Client over OpenVPN, which receives the routes from the gateway, once vnet1-gw lists OpenVPN in vpnClientProtocols.';

/** Seed scenario 6 with `sites` branch offices over BGP instead of one, and no custom route. */
function branches(sites: number): Topology {
  const b = new TopologyBuilder().vnet("vnet1", "10.1.0.0/16").p2sGateway("vnet1-gw", "vnet1", { bgp: true, asn: 65001 });
  for (let i = 0; i < sites; i++) b.site(`site${i}`, [`10.${101 + i}.0.0/16`], 65101 + i).s2s("vnet1-gw", `site${i}`, true);
  return b.build();
}

describe("p2s-windows-manual-routes", () => {
  it("reports nothing when a custom route covers the BGP branch", () => {
    expect(violationsFound(POLICY, baseline)).toEqual([]);
  });

  it("reports the branch prefix, the PowerShell command and the OpenVPN way out once the custom route is gone", () => {
    expect(violationsFound(POLICY, changed(baseline, "gateways", "vnet1-gw", { advertisedRoutes: [] }))).toEqual([
      ["routes.windows-manual-route", "vnet1-gw", NO_ROUTE_TO_SITE1],
    ]);
  });

  it("still reports the whole branch prefix when the custom route covers only half of it", () => {
    expect(violationsFound(POLICY, changed(baseline, "gateways", "vnet1-gw", { advertisedRoutes: ["10.101.0.0/17"] }))).toEqual([
      ["routes.windows-manual-route", "vnet1-gw", NO_ROUTE_TO_SITE1],
    ]);
  });

  it("says the Azure VPN Client is already offered when the gateway lists OpenVPN", () => {
    expect(
      violationsFound(POLICY, changed(baseline, "gateways", "vnet1-gw", { advertisedRoutes: [], protocols: ["IkeV2", "OpenVPN"] })),
    ).toEqual([
      [
        "routes.windows-manual-route",
        "vnet1-gw",
        'The Windows built-in client of vnet1-gw can reach site1 over BGP but gets no route to 10.101.0.0/16. Add 10.101.0.0/16 to customRoutes.addressPrefixes of vnet1-gw; or have each user of it run: Add-VpnConnectionRoute -ConnectionName "vnet1" -DestinationPrefix 10.101.0.0/16; or move them to the Azure VPN Client over OpenVPN, which receives the routes from the gateway and is already offered by vnet1-gw.',
      ],
    ]);
  });

  it("names the authentication the Azure VPN Client needs when the gateway offers only RADIUS", () => {
    expect(violationsFound(POLICY, changed(baseline, "gateways", "vnet1-gw", { advertisedRoutes: [], authTypes: ["Radius"] }))).toEqual([
      [
        "routes.windows-manual-route",
        "vnet1-gw",
        'The Windows built-in client of vnet1-gw can reach site1 over BGP but gets no route to 10.101.0.0/16. Add 10.101.0.0/16 to customRoutes.addressPrefixes of vnet1-gw; or have each user of it run: Add-VpnConnectionRoute -ConnectionName "vnet1" -DestinationPrefix 10.101.0.0/16; or move them to the Azure VPN Client over OpenVPN, which receives the routes from the gateway, once vnet1-gw offers OpenVPN with certificate or Microsoft Entra ID authentication.',
      ],
    ]);
  });

  it("lists every prefix and command when there are a few", () => {
    expect(violationsFound(POLICY, branches(2))).toEqual([
      [
        "routes.windows-manual-route",
        "vnet1-gw",
        'The Windows built-in client of vnet1-gw can reach site0 and site1 over BGP but gets no route to 10.101.0.0/16 and 10.102.0.0/16. Add 10.101.0.0/16 and 10.102.0.0/16 to customRoutes.addressPrefixes of vnet1-gw; or have each user of it run: Add-VpnConnectionRoute -ConnectionName "vnet1" -DestinationPrefix 10.101.0.0/16; Add-VpnConnectionRoute -ConnectionName "vnet1" -DestinationPrefix 10.102.0.0/16; or move them to the Azure VPN Client over OpenVPN, which receives the routes from the gateway, once vnet1-gw lists OpenVPN in vpnClientProtocols.',
      ],
    ]);
  });

  it("keeps the message short when hundreds of prefixes need a route", () => {
    expect(violationsFound(POLICY, branches(14))).toEqual([
      [
        "routes.windows-manual-route",
        "vnet1-gw",
        'The Windows built-in client of vnet1-gw can reach site0, site1, site10, site11, site12, site13, site2, site3, site4, site5, site6, site7 and 2 more networks over BGP but gets no route to 10.101.0.0/16, 10.102.0.0/16, 10.103.0.0/16, 10.104.0.0/16, 10.105.0.0/16, 10.106.0.0/16, 10.107.0.0/16, 10.108.0.0/16, 10.109.0.0/16, 10.110.0.0/16, 10.111.0.0/16, 10.112.0.0/16 and 2 more prefixes. Add them to customRoutes.addressPrefixes of vnet1-gw; or have each user of it run Add-VpnConnectionRoute -ConnectionName "vnet1" -DestinationPrefix <prefix> for each (p2s-check --format markdown writes the commands); or move them to the Azure VPN Client over OpenVPN, which receives the routes from the gateway, once vnet1-gw lists OpenVPN in vpnClientProtocols.',
      ],
    ]);
  });
});

describe("p2s-windows-manual-routes through the pack, on the default sample stack", () => {
  const session = new InProcessPack();
  let hub: AnalyzerInput[];

  beforeAll(async () => {
    hub = await sampleInputs("hub", "preview");
  });
  beforeEach(() => session.configure());

  it("reports nothing once customRoutes carries the branch prefix", async () => {
    const inputs = withProperties(hub, "hub-gw", { customRoutes: { addressPrefixes: ["10.101.0.0/16"] } });
    expect(await session.run(inputs)).toEqual([]);
  });

  it("is raised to mandatory by the policy configuration", async () => {
    session.configure({ "p2s-windows-manual-routes": { enforcementLevel: "mandatory" } });
    expect(await session.run(hub)).toEqual([{ ...MANUAL_BRANCH, level: "mandatory" }]);
  });

  it("is silenced when disabled in the policy configuration", async () => {
    session.configure({ "p2s-windows-manual-routes": { enforcementLevel: "disabled" } });
    expect(await session.run(hub)).toEqual([]);
  });
});

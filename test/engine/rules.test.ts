import { analyze } from "../../policypack/pipeline/analyze";
import { explainUnreached, manualRouteReasons } from "../../policypack/reachability/reach";
import type { Topology } from "../../policypack/topology/model";
import { NON_WINDOWS, gatewayNamed, platformView } from "../helpers/expect-result";
import { seedScenario } from "../helpers/seed-scenarios";
import { spelled } from "../helpers/spelled";
import { TopologyBuilder, changed, without } from "../helpers/topology-builder";

const POOL = "192.168.0.0/24";

function vnet1gw(topology: Topology) {
  return gatewayNamed(analyze(topology), "vnet1-gw");
}

/** Code and text of the first reason recorded for a network that is not reached. */
function why(topology: Topology, network: string) {
  const analysis = analyze(topology);
  const gateway = gatewayNamed(analysis, "vnet1-gw");
  const reason = explainUnreached(analysis.index, gateway, network);
  return { code: reason.code, rule: reason.rule, resource: reason.resources[0], text: spelled(reason.text), fix: spelled(reason.fix.text) };
}

describe("R1 home VNet and R2 client pool", () => {
  it("routes the home VNet and the pool and reaches the home VNet on every platform", () => {
    const g = vnet1gw(seedScenario(1));
    for (const platform of ["windows", ...NON_WINDOWS] as const) {
      expect(platformView(g, platform)).toEqual({ canConnect: true, routes: ["10.1.0.0/16", POOL], access: ["vnet1"], manualRoutes: [] });
    }
  });

  it("routes every prefix of a dual-stack home VNet and pool, IPv4 before IPv6", () => {
    const t = changed(seedScenario(1), "vnets", "vnet1", { prefixes: ["fd00:1::/48", "10.1.0.0/16", "10.0.0.0/16"] });
    const g = vnet1gw(changed(t, "gateways", "vnet1-gw", { clientPool: ["fd00:99::/64", POOL] }));
    expect(g.platforms.linux.routes).toEqual(["10.0.0.0/16", "10.1.0.0/16", POOL, "fd00:1::/48", "fd00:99::/64"]);
  });

  it("sorts routes numerically, 10.2.0.0/16 before 10.101.0.0/16, shorter prefix first", () => {
    const t = changed(seedScenario(1), "vnets", "vnet1", { prefixes: ["10.101.0.0/16", "10.2.0.0/24", "10.2.0.0/16"] });
    expect(vnet1gw(t).platforms.windows.routes).toEqual(["10.2.0.0/16", "10.2.0.0/24", "10.101.0.0/16", POOL]);
  });

  it("analyses only the pool when the home VNet cannot be resolved, and notes it", () => {
    const analysis = analyze(changed(seedScenario(1), "gateways", "vnet1-gw", { vnet: undefined }));
    expect(platformView(gatewayNamed(analysis, "vnet1-gw"), "windows")).toEqual({
      canConnect: true,
      routes: [POOL],
      access: [],
      manualRoutes: [],
    });
    expect(analysis.notes.map(spelled)).toContain(
      "The VNet of vnet1-gw could not be resolved, so only its client pool and custom routes are analysed.",
    );
  });

  it("does not analyse a gateway without a client pool", () => {
    expect(analyze(changed(seedScenario(1), "gateways", "vnet1-gw", { clientPool: [] })).gateways).toEqual([]);
  });
});

describe("R3 gateway transit peering", () => {
  const baseline = seedScenario(2);

  it("does not reach a VNet peered only with a spoke, and says peering is not transitive", () => {
    expect(vnet1gw(baseline).platforms.macos.access).not.toContain("vnet3");
    expect(why(baseline, "vnet3")).toEqual({
      code: "non-transitive-peering",
      rule: "R3",
      resource: "vnet3",
      text: "vnet3 is peered with vnet2, not with vnet1; peering is not transitive",
      fix: "Peer vnet3 directly with vnet1, with allowGatewayTransit on the vnet1 side and useRemoteGateways on the vnet3 side.",
    });
  });

  it("does not reach vnet2 when vnet1-to-vnet2 lacks allowGatewayTransit, and names that peering", () => {
    const t = changed(baseline, "peerings", "vnet1-to-vnet2", { allowsTransit: false });
    expect(vnet1gw(t).platforms.windows.access).toEqual(["vnet1", "vnet4"]);
    expect(vnet1gw(t).platforms.windows.routes).toEqual(["10.1.0.0/16", "10.4.0.0/16", POOL]);
    expect(why(t, "vnet2")).toMatchObject({
      code: "peering-missing-allow-gateway-transit",
      resource: "vnet1-to-vnet2",
      text: "vnet1-to-vnet2 lacks allowGatewayTransit, so vnet2 cannot use vnet1-gw",
    });
  });

  it("does not reach vnet2 when vnet2-to-vnet1 lacks useRemoteGateways, and names that peering", () => {
    const t = changed(baseline, "peerings", "vnet2-to-vnet1", { usesRemoteGateway: false });
    expect(vnet1gw(t).platforms.linux.access).toEqual(["vnet1", "vnet4"]);
    expect(why(t, "vnet2")).toMatchObject({
      code: "peering-missing-use-remote-gateways",
      resource: "vnet2-to-vnet1",
      text: "vnet2-to-vnet1 lacks useRemoteGateways, so vnet2 does not use vnet1-gw",
    });
  });

  it("does not reach vnet2 when the peering back to vnet1 is missing", () => {
    const t = without(baseline, "peerings", "vnet2-to-vnet1");
    expect(vnet1gw(t).platforms.ios.access).toEqual(["vnet1", "vnet4"]);
    expect(why(t, "vnet2")).toMatchObject({
      code: "peering-missing-direction",
      text: "vnet2 has no peering to vnet1; a peering must exist in both directions",
    });
  });

  it("does not reach vnet2 when a side disables virtual network access", () => {
    const t = changed(baseline, "peerings", "vnet2-to-vnet1", { allowsAccess: false });
    expect(vnet1gw(t).platforms.android.access).toEqual(["vnet1", "vnet4"]);
    expect(why(t, "vnet2")).toMatchObject({ code: "peering-access-disabled", resource: "vnet2-to-vnet1" });
  });

  it("gives no transit through a Basic SKU gateway", () => {
    const t = changed(baseline, "gateways", "vnet1-gw", { sku: "Basic", protocols: ["SSTP"] });
    expect(vnet1gw(t).platforms.windows.access).toEqual(["vnet1"]);
    expect(why(t, "vnet4")).toMatchObject({ code: "basic-sku-no-transit", resource: "vnet1-gw" });
  });
});

describe("R4 connections without BGP", () => {
  it("gives non-Windows clients vnet2's prefix without access, because the link does not run BGP", () => {
    const g = vnet1gw(seedScenario(3));
    const written = g.platforms.linux.unreachableRoutes.map(({ prefix, reason }) => ({
      prefix,
      reason: { ...reason, text: spelled(reason.text), fix: spelled(reason.fix.text) },
    }));
    expect(written).toEqual([
      {
        prefix: "10.2.0.0/16",
        reason: {
          code: "link-without-bgp",
          rule: "R4",
          subject: "10.2.0.0/16",
          resources: ["vnet1-gw-to-vnet2-gw"],
          text: "connection vnet1-gw-to-vnet2-gw does not run BGP (enableBgp is not true)",
          fix: "Set enableBgp to true on every connection of the link, starting with vnet1-gw-to-vnet2-gw.",
        },
      },
    ]);
    expect(g.platforms.windows.unreachableRoutes).toEqual([]);
  });

  it("says vnet2 is not reached because connection vnet1-gw-to-vnet2-gw does not run BGP", () => {
    expect(why(seedScenario(3), "vnet2")).toMatchObject({ code: "link-without-bgp", resource: "vnet1-gw-to-vnet2-gw" });
  });

  it("adds no route for a site connected without BGP", () => {
    expect(vnet1gw(seedScenario(5)).platforms.linux.routes).toEqual(["10.1.0.0/16", POOL]);
    expect(why(seedScenario(5), "site1")).toMatchObject({
      code: "link-without-bgp",
      text: "connection vnet1-gw-to-site1 does not run BGP (enableBgp is not true)",
    });
  });

  it("adds no route through a Vnet2Vnet link that has a connection in one direction only", () => {
    const t = without(seedScenario(3), "connections", "vnet2-gw-to-vnet1-gw");
    expect(vnet1gw(t).platforms.linux.routes).toEqual(["10.1.0.0/16", POOL]);
    expect(why(t, "vnet2")).toMatchObject({
      code: "link-down",
      text: "vnet2-gw has no Vnet2Vnet connection to vnet1-gw, so the link vnet1-gw-to-vnet2-gw is not up",
    });
  });
});

describe("R5 connections with BGP", () => {
  const baseline = seedScenario(8);

  it("stops the chain at vnet2 when vnet2-gw-to-vnet3-gw does not run BGP", () => {
    const t = changed(baseline, "connections", "vnet2-gw-to-vnet3-gw", { bgp: false });
    expect(platformView(vnet1gw(t), "macos")).toEqual({
      canConnect: true,
      routes: ["10.1.0.0/16", "10.2.0.0/16", POOL],
      access: ["vnet1", "vnet2"],
      manualRoutes: [],
    });
    expect(why(t, "vnet3")).toEqual({
      code: "link-without-bgp",
      rule: "R4",
      resource: "vnet2-gw-to-vnet3-gw",
      text: "connection vnet2-gw-to-vnet3-gw does not run BGP (enableBgp is not true)",
      fix: "Set enableBgp to true on every connection of the link, starting with vnet2-gw-to-vnet3-gw.",
    });
  });

  it("stops the chain when a gateway on it does not enable BGP", () => {
    const t = changed(baseline, "gateways", "vnet3-gw", { bgp: false });
    expect(vnet1gw(t).platforms.windows.access).toEqual(["vnet1", "vnet2"]);
    expect(why(t, "vnet3")).toMatchObject({ resource: "vnet3-gw", text: "gateway vnet3-gw does not have enableBgp set" });
  });

  it("does not reach a site that has no BGP ASN", () => {
    const t = changed(baseline, "sites", "site1", { bgpAsn: undefined });
    expect(vnet1gw(t).platforms.linux.access).toEqual(["vnet1", "vnet2", "vnet3"]);
    expect(why(t, "site1")).toMatchObject({ resource: "site1", text: "site site1 has no bgpSettings.asn" });
  });

  it("explains each Windows manual route by the BGP connection it is learned over", () => {
    const g = vnet1gw(seedScenario(6));
    expect(manualRouteReasons(g, g.platforms.windows).map((m) => [m.prefix, spelled(m.reason.text), spelled(m.reason.fix.text)])).toEqual([
      [
        "10.101.0.0/16",
        "site1 is reached over BGP through vnet1-gw-to-site1, and Windows clients do not install BGP-learned routes",
        "Add 10.101.0.0/16 to customRoutes.addressPrefixes of vnet1-gw, or have Windows users add the route with Add-VpnConnectionRoute.",
      ],
    ]);
  });
});

describe("R6 transit spokes behind a BGP-reached gateway", () => {
  const baseline = new TopologyBuilder()
    .vnet("vnet1", "10.1.0.0/16")
    .p2sGateway("vnet1-gw", "vnet1", { bgp: true, asn: 65001 })
    .vnet("vnet2", "10.2.0.0/16")
    .gateway("vnet2-gw", "vnet2", { bgp: true, asn: 65002 })
    .vnet2vnet("vnet1-gw", "vnet2-gw", true)
    .vnet("spoke", "10.20.0.0/16")
    .transitPeering("vnet2", "spoke")
    .build();

  it("reaches a spoke that uses a BGP-reached gateway, as a Windows manual route", () => {
    expect(platformView(vnet1gw(baseline), "windows")).toEqual({
      canConnect: true,
      routes: ["10.1.0.0/16", POOL],
      access: ["spoke", "vnet1", "vnet2"],
      manualRoutes: ["10.2.0.0/16", "10.20.0.0/16"],
    });
    expect(vnet1gw(baseline).platforms.android.routes).toEqual(["10.1.0.0/16", "10.2.0.0/16", "10.20.0.0/16", POOL]);
  });

  it("does not reach the spoke when it does not use vnet2's gateway", () => {
    const t = changed(baseline, "peerings", "spoke-to-vnet2", { usesRemoteGateway: false });
    expect(vnet1gw(t).platforms.android.access).toEqual(["vnet1", "vnet2"]);
    expect(why(t, "spoke")).toMatchObject({ code: "peering-missing-use-remote-gateways", rule: "R6", resource: "spoke-to-vnet2" });
  });
});

describe("R7 custom routes", () => {
  it("turns a Windows manual route into an installed route", () => {
    const t = changed(seedScenario(4), "gateways", "vnet1-gw", { advertisedRoutes: ["10.2.0.0/16"] });
    expect(platformView(vnet1gw(t), "windows")).toEqual({
      canConnect: true,
      routes: ["10.1.0.0/16", "10.2.0.0/16", POOL],
      access: ["vnet1", "vnet2", "vnet3"],
      manualRoutes: ["10.3.0.0/16"],
    });
  });

  it("covers several manual routes with one wider custom route", () => {
    const t = changed(seedScenario(4), "gateways", "vnet1-gw", { advertisedRoutes: ["10.0.0.0/8"] });
    expect(vnet1gw(t).platforms.windows.manualRoutes).toEqual([]);
    expect(vnet1gw(t).platforms.windows.unreachableRoutes).toEqual([]);
  });

  it("grants no access by itself and reports a custom route to nothing as unreachable", () => {
    const t = changed(seedScenario(1), "gateways", "vnet1-gw", { advertisedRoutes: ["10.50.0.0/16"] });
    const g = vnet1gw(t);
    expect(platformView(g, "windows")).toEqual({
      canConnect: true,
      routes: ["10.1.0.0/16", "10.50.0.0/16", POOL],
      access: ["vnet1"],
      manualRoutes: [],
    });
    expect(g.platforms.windows.unreachableRoutes.map((u) => [u.prefix, u.reason.code, u.reason.rule])).toEqual([
      ["10.50.0.0/16", "route-without-access", "R7"],
    ]);
  });
});

describe("client platforms and protocols", () => {
  const baseline = seedScenario(1);

  it("lets only Windows connect when SSTP is the only protocol, and says why for the others", () => {
    const g = vnet1gw(changed(baseline, "gateways", "vnet1-gw", { protocols: ["SSTP"] }));
    expect(g.platforms.windows.canConnect).toBe(true);
    expect(platformView(g, "macos")).toEqual({ canConnect: false, routes: [], access: [], manualRoutes: [] });
    expect(spelled(g.platforms.macos.blockedBy?.text)).toBe("no protocol of vnet1-gw serves macOS (SSTP only)");
  });

  it("serves every platform with OpenVPN alone", () => {
    const g = vnet1gw(changed(baseline, "gateways", "vnet1-gw", { protocols: ["OpenVPN"] }));
    expect(Object.values(g.platforms).map((p) => p.canConnect)).toEqual([true, true, true, true, true]);
  });

  it("assumes IkeV2 and SSTP when no protocol is listed, and notes it", () => {
    const analysis = analyze(changed(baseline, "gateways", "vnet1-gw", { protocols: undefined }));
    expect(gatewayNamed(analysis, "vnet1-gw").protocols).toEqual(["IkeV2", "SSTP"]);
    expect(gatewayNamed(analysis, "vnet1-gw").platforms.ios.canConnect).toBe(true);
    expect(analysis.notes.map(spelled)).toEqual(["vnet1-gw lists no vpnClientProtocols; Azure's default of IkeV2 and SSTP is assumed."]);
  });

  it("serves only Windows on a Basic SKU, which has SSTP only", () => {
    const g = vnet1gw(changed(baseline, "gateways", "vnet1-gw", { sku: "Basic" }));
    expect(connectingPlatforms(g)).toEqual(["windows"]);
  });

  it("lets no platform connect to a PolicyBased gateway", () => {
    const g = vnet1gw(changed(baseline, "gateways", "vnet1-gw", { routing: "PolicyBased" }));
    expect(connectingPlatforms(g)).toEqual([]);
    expect(g.platforms.windows.blockedBy?.code).toBe("gateway-not-p2s-capable");
  });
});

function connectingPlatforms(g: ReturnType<typeof vnet1gw>): string[] {
  return Object.entries(g.platforms)
    .filter(([, r]) => r.canConnect)
    .map(([p]) => p);
}

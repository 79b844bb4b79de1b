import fc from "fast-check";
import { analyze } from "../../policypack/pipeline/analyze";
import { explainUnreached } from "../../policypack/reachability/reach";
import type { Topology } from "../../policypack/topology/model";
import { PLATFORMS } from "../../policypack/topology/model";
import { gatewayNamed } from "../helpers/expect-result";
import { spelled } from "../helpers/spelled";
import { TopologyBuilder, changed } from "../helpers/topology-builder";
import { POOL, baseline, changedPath, hubGw, nsgRule, subnet, withRoutes } from "./baseline";

const ROUTES = ["10.0.0.0/16", "10.1.0.0/16", POOL];

/** Routes and access of every platform, and the P5 reason for app when it is routed but not reached. */
function view(topology: Topology) {
  const analysis = analyze(topology);
  const g = gatewayNamed(analysis, "hub-gw");
  const reason = g.platforms.windows.access.includes("app") ? undefined : explainUnreached(analysis.index, g, "app");
  return {
    routes: g.platforms.windows.routes,
    access: [...new Set(PLATFORMS.map((p) => g.platforms[p].access.join(" ")))],
    ...(reason ? { reason: { code: reason.code, rule: reason.rule, resources: reason.resources, text: spelled(reason.text) } } : {}),
  };
}

describe("P5 access narrowed to networks with a working path", () => {
  it("keeps app in access in the baseline", () => {
    expect(view(baseline())).toEqual({ routes: ROUTES, access: ["app hub"] });
  });

  it("takes app out of access, keeps its routes and says why, when its only subnet's path is asymmetric", () => {
    const t = withRoutes(baseline(), "rt-app", [], { propagation: true });
    expect(view(t)).toEqual({
      routes: ROUTES,
      access: ["hub"],
      reason: {
        code: "no-working-path",
        rule: "P5",
        resources: ["rt-app", "rt-gateway", "fw"],
        text:
          "app is routed, but its subnet has no working path: traffic reaches app/web through 10.0.3.4 " +
          "(spoke-via-fw of rt-gateway), but replies to 172.16.201.0/24 go straight to the gateway, and a stateful firewall drops what it saw only one way",
      },
    });
  });

  it("keeps app in access when one of its two subnets has a working path", () => {
    const t = structuredClone(baseline());
    t.subnets?.push(subnet("db", "app", "10.1.2.0/24"));
    expect(hubGw(t).paths.subnets.map((s) => [s.subnet.name, s.paths.map((p) => p.verdict).join(" ")])).toEqual([
      ["db", "asymmetric"],
      ["web", "ok-via-appliance"],
      ["AzureFirewallSubnet", "ok"],
    ]);
    expect(view(t)).toEqual({ routes: ROUTES, access: ["app hub"] });
  });

  it("says none of the subnets works when every subnet of app fails", () => {
    const t = structuredClone(withRoutes(baseline(), "rt-app", []));
    t.subnets?.push(subnet("db", "app", "10.1.2.0/24", { table: "rt-app" }));
    expect(view(t).reason?.text).toBe(
      "app is routed, but none of its subnets has a working path: rt-app on app/web disables gateway route propagation and has no route for " +
        "172.16.201.0/24, so replies are dropped",
    );
  });

  it("keeps a routed spoke that declares no subnet in access when its path works", () => {
    const t = new TopologyBuilder().vnet("data", "10.2.0.0/16").transitPeering("hub", "data").build();
    const withData = { ...baseline(), vnets: [...baseline().vnets, ...t.vnets], peerings: [...baseline().peerings, ...t.peerings] };
    expect(view(withData).access).toEqual(["app data hub"]);
  });

  // Spec P5: "in access when at least one of its subnets (or the network itself, when it declares no subnet other than
  // GatewaySubnet) has ok or ok via A"; P1: "No subnet declared ...: system and gateway routes only". Without web, app
  // itself is reached through fw (rt-gateway) and replies by the gateway route: asymmetric. The engine judges no path.
  it("judges a spoke that declares no subnet itself: asymmetric through fw, so app leaves access", () => {
    const t = structuredClone(baseline());
    t.subnets = t.subnets?.filter((s) => s.name !== "web");
    expect(view(t).access).toEqual(["hub"]);
  });

  // Spec 5: a required target that is only "not checked" is a note, a forbidden one counts as reached: a path the
  // pack cannot judge keeps its network in access, where intents see it as reached.
  it("keeps app in access when its only subnet's path is not checked", () => {
    const t = changedPath(baseline(), "subnets", "app/web", { table: "unknown" });
    expect(view(t).access).toEqual(["app hub"]);
  });

  // Section 1: access is "routed there by R1-R7 and, where route tables are declared, with a working path".
  it("leaves access unchanged without route tables even when a pool lies inside a spoke's prefixes", () => {
    const t = changed(baseline(), "vnets", "app", { prefixes: ["10.1.0.0/16", "172.16.0.0/16"] });
    delete t.routeTables;
    t.subnets = t.subnets?.map((s) => ({ ...s, table: undefined }));
    const bare = structuredClone(t);
    delete bare.subnets;
    delete bare.nsgs;
    expect(view(t).access).toEqual(view(bare).access);
  });
});

/** Hub and spokes with random peering flags, subnets and NSGs, and no route table. */
const topologies = fc
  .record({
    spokes: fc.array(
      fc.record({
        transit: fc.boolean(),
        useRemote: fc.boolean(),
        access: fc.boolean(),
        subnets: fc.integer({ min: 0, max: 3 }),
        nsg: fc.constantFrom("none", "allow", "deny", "unknown"),
      }),
      { maxLength: 4 },
    ),
    hubSubnets: fc.integer({ min: 0, max: 2 }),
    gatewaySubnet: fc.boolean(),
    pools: fc.uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 2 }),
  })
  .map(({ spokes, hubSubnets, gatewaySubnet, pools }) => {
    const b = new TopologyBuilder()
      .vnet("hub", "10.0.0.0/16")
      .p2sGateway("hub-gw", "hub", { clientPool: pools.map((p) => `172.16.${p}.0/24`) });
    spokes.forEach((s, i) => {
      const name = `spoke${i + 1}`;
      b.vnet(name, `10.${i + 1}.0.0/16`)
        .peering("hub", name, { allowsTransit: s.transit, allowsAccess: s.access })
        .peering(name, "hub", { usesRemoteGateway: s.useRemote });
    });
    const t = b.build();
    t.subnets = [
      ...(gatewaySubnet ? [subnet("GatewaySubnet", "hub", "10.0.0.0/27")] : []),
      ...Array.from({ length: hubSubnets }, (_, j) => subnet(`hub${j}`, "hub", `10.0.${j + 1}.0/24`)),
      ...spokes.flatMap((s, i) =>
        Array.from({ length: s.subnets }, (_, j) =>
          subnet(`s${j}`, `spoke${i + 1}`, `10.${i + 1}.${j}.0/24`, {
            ...(s.nsg === "unknown"
              ? { nsg: "unknown" as const }
              : s.nsg === "none"
                ? {}
                : { nsg: { id: `nsg-${s.nsg}`, name: `nsg-${s.nsg}` } }),
          }),
        ),
      ),
    ];
    t.nsgs = [
      { id: "nsg-allow", name: "nsg-allow", rules: [nsgRule("allow-https", 100, { destinationPorts: ["443"] })] },
      { id: "nsg-deny", name: "nsg-deny", rules: [nsgRule("deny-all", 100, { access: "deny", protocol: "any" })] },
    ];
    return t;
  });

function accessLists(topology: Topology) {
  return analyze(topology).gateways.map((g) => ({
    gateway: g.name,
    platforms: PLATFORMS.map((p) => g.platforms[p].access),
    clients: g.clients.map((c) => [c.id, c.access]),
  }));
}

describe("P5 without route tables", () => {
  it("gives the same access lists as the same topology without subnets and NSGs (property)", () => {
    fc.assert(
      fc.property(topologies, (t) => {
        const bare = structuredClone(t);
        delete bare.subnets;
        delete bare.nsgs;
        expect(accessLists(t)).toEqual(accessLists(bare));
      }),
      { numRuns: 100 },
    );
  });
});

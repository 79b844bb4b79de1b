import type { RouteCandidate, RouteOrigin } from "../../policypack/paths/effective-route";
import { defaultRoutes, effectiveRoutes } from "../../policypack/paths/effective-route";
import type { NextHop } from "../../policypack/paths/next-hop";
import { buildPathIndex } from "../../policypack/paths/path-index";
import { subnetPaths } from "../../policypack/paths/subnet-path";
import type { Cidr } from "../../policypack/topology/cidr";
import { parseCidr } from "../../policypack/topology/cidr";
import type { Topology } from "../../policypack/topology/model";
import { TopologyBuilder, changed } from "../helpers/topology-builder";
import { FW, FW_ADDRESS, POOL, baseline, changedPath, partTuple, pathTuples, subnet, toFirewall, withRoutes } from "./baseline";

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`${text} ${parsed.why}`);
  return parsed.cidr;
}

const APPLIANCE: NextHop = { kind: "appliance", address: FW_ADDRESS, appliance: FW };

function candidate(text: string, origin: RouteOrigin, hop: NextHop): RouteCandidate {
  return { cidr: cidr(text), origin, hop };
}

/** Each part as [prefixes, "origin prefix hop"]: a failure prints the whole cut. */
function routed(query: string, candidates: readonly RouteCandidate[]): string[][] {
  return effectiveRoutes(cidr(query), candidates).map((p) => [
    p.prefixes.join(" "),
    p.route ? `${p.route.origin} ${p.route.cidr.text} ${p.route.hop.kind}` : "no route",
  ]);
}

/** The baseline's hub-gw parts that do not change in these tests: the hub's firewall subnet is direct both ways. */
const HUB_OK = ["hub/AzureFirewallSubnet", POOL, "direct", "gateway", "ok"];

/** app/web's parts, the hub's own subnet (always ok here) left out. */
function web(topology: Topology): string[][] {
  return pathTuples(topology).filter((t) => t[0] === "app/web");
}

describe("P1 effective route (effectiveRoutes)", () => {
  it("prefers a UDR to a gateway route for the same prefix", () => {
    expect(routed(POOL, [candidate(POOL, "gateway", { kind: "gateway" }), candidate(POOL, "udr", APPLIANCE)])).toEqual([
      [POOL, "udr 172.16.201.0/24 appliance"],
    ]);
  });

  it("prefers the longer prefix: a gateway route for the pool beats a UDR for 172.16.0.0/16", () => {
    expect(routed(POOL, [candidate("172.16.0.0/16", "udr", APPLIANCE), candidate(POOL, "gateway", { kind: "gateway" })])).toEqual([
      [POOL, "gateway 172.16.201.0/24 gateway"],
    ]);
  });

  it("lets a VNet's own or peering system route win over a more specific gateway route", () => {
    const candidates = [candidate("10.1.5.0/24", "gateway", { kind: "gateway" }), candidate("10.1.0.0/16", "system", { kind: "local" })];
    expect(routed("10.1.5.0/24", candidates)).toEqual([["10.1.5.0/24", "system 10.1.0.0/16 local"]]);
  });

  it("lets a more specific UDR win over the system route", () => {
    const candidates = [candidate("10.1.1.0/24", "udr", APPLIANCE), candidate("10.1.0.0/16", "system", { kind: "local" })];
    expect(routed("10.1.1.0/24", candidates)).toEqual([["10.1.1.0/24", "udr 10.1.1.0/24 appliance"]]);
  });

  it("sends the private ranges to None and the rest to the internet by Azure's defaults", () => {
    expect(routed(POOL, defaultRoutes(false))).toEqual([[POOL, "default 172.16.0.0/12 none"]]);
    expect(routed("203.0.113.0/24", defaultRoutes(false))).toEqual([["203.0.113.0/24", "default 0.0.0.0/0 internet"]]);
  });

  it("lets a 0.0.0.0/0 UDR replace the private ranges' None routes", () => {
    const udr = candidate("0.0.0.0/0", "udr", APPLIANCE);
    expect(defaultRoutes(true).map((r) => r.cidr.text)).toEqual(["0.0.0.0/0", "::/0"]);
    expect(routed(POOL, [udr, ...defaultRoutes(true)])).toEqual([[POOL, "udr 0.0.0.0/0 appliance"]]);
    // Without the replacement the longer None route of 172.16.0.0/12 would win.
    expect(routed(POOL, [udr, ...defaultRoutes(false)])).toEqual([[POOL, "default 172.16.0.0/12 none"]]);
  });

  it("cuts a pool where a UDR covers part of it, each part with its own route", () => {
    const candidates = [candidate(POOL, "gateway", { kind: "gateway" }), candidate("172.16.201.64/26", "udr", APPLIANCE)];
    expect(routed(POOL, candidates)).toEqual([
      ["172.16.201.0/26", "gateway 172.16.201.0/24 gateway"],
      ["172.16.201.64/26", "udr 172.16.201.64/26 appliance"],
      ["172.16.201.128/25", "gateway 172.16.201.0/24 gateway"],
    ]);
  });

  it("leaves the part no route matches without a route, and ignores routes of the other family", () => {
    const candidates = [candidate("172.16.201.0/25", "gateway", { kind: "gateway" }), candidate("::/0", "udr", APPLIANCE)];
    expect(routed(POOL, candidates)).toEqual([
      ["172.16.201.0/25", "gateway 172.16.201.0/25 gateway"],
      ["172.16.201.128/25", "no route"],
    ]);
  });
});

describe("P1-P4 in the baseline", () => {
  it("goes through fw both ways: ok via the appliance, and the hub's own subnet is ok directly", () => {
    expect(pathTuples(baseline())).toEqual([["app/web", POOL, "via 10.0.3.4", "via 10.0.3.4", "ok-via-appliance"], HUB_OK]);
  });

  it("lets a longer spoke UDR for the pool win over a peering route that holds the pool", () => {
    const t = changed(baseline(), "vnets", "hub", { prefixes: ["10.0.0.0/16", "172.16.0.0/16"] });
    expect(web(t)).toEqual([["app/web", POOL, "via 10.0.3.4", "via 10.0.3.4", "ok-via-appliance"]]);
  });

  it("sends replies into a peered VNet whose prefixes hold the pool, over the gateway route: no return route", () => {
    const overlapping = changed(baseline(), "vnets", "hub", { prefixes: ["10.0.0.0/16", "172.16.0.0/16"] });
    const t = withRoutes(overlapping, "rt-app", [], { propagation: true });
    expect(web(t)).toEqual([["app/web", POOL, "via 10.0.3.4", "none", "no-return-route"]]);
  });
});

describe("P2 forward path", () => {
  it("goes directly when the GatewaySubnet has no route table, so the return via fw is asymmetric", () => {
    const t = changedPath(baseline(), "subnets", "hub/GatewaySubnet", { table: undefined });
    expect(pathTuples(t)).toEqual([["app/web", POOL, "direct", "via 10.0.3.4", "asymmetric"], HUB_OK]);
  });

  it.each(["None", "Internet", "VirtualNetworkGateway"])("drops what a GatewaySubnet UDR sends to %s", (nextHop) => {
    const t = withRoutes(baseline(), "rt-gateway", [{ name: "spoke-dropped", prefix: "10.1.0.0/16", nextHop }]);
    expect(pathTuples(t)).toEqual([["app/web", POOL, "dropped", "via 10.0.3.4", "dropped"], HUB_OK]);
  });

  it("goes directly for a GatewaySubnet UDR to VnetLocal", () => {
    const t = withRoutes(baseline(), "rt-gateway", [{ name: "spoke-local", prefix: "10.1.0.0/16", nextHop: "VnetLocal" }]);
    expect(web(t)).toEqual([["app/web", POOL, "direct", "via 10.0.3.4", "asymmetric"]]);
  });

  it("goes directly when the GatewaySubnet's UDRs do not cover the spoke", () => {
    const t = withRoutes(baseline(), "rt-gateway", [toFirewall("other-via-fw", "10.2.0.0/16")]);
    expect(web(t)).toEqual([["app/web", POOL, "direct", "via 10.0.3.4", "asymmetric"]]);
  });

  it("does not check a forward path whose GatewaySubnet route table is unknown", () => {
    const t = changedPath(baseline(), "subnets", "hub/GatewaySubnet", { table: "unknown" });
    expect(pathTuples(t)).toEqual([
      ["app/web", POOL, "unknown", "via 10.0.3.4", "not-checked"],
      ["hub/AzureFirewallSubnet", POOL, "unknown", "gateway", "not-checked"],
    ]);
  });

  it("does not check a forward path through a next hop type the pack does not know", () => {
    const t = withRoutes(baseline(), "rt-gateway", [{ name: "odd", prefix: "10.1.0.0/16", nextHop: "HyperNetGateway" }]);
    expect(web(t)).toEqual([["app/web", POOL, "unknown", "via 10.0.3.4", "not-checked"]]);
  });

  it("takes the way there from the GatewaySubnet of the VNet traffic enters through", () => {
    const t = baseline();
    const index = buildPathIndex(t);
    const gatewaySubnet = t.subnets?.find((s) => s.name === "GatewaySubnet");
    const query = { pools: [cidr(POOL)], gatewaySubnet, subnet: subnet("db", "app", "10.1.2.0/24") };
    expect(subnetPaths(index, { ...query, entryVnet: "hub" }).map((p) => partTuple("app/db", p))).toEqual([
      ["app/db", POOL, "via 10.0.3.4", "gateway", "asymmetric"],
    ]);
    expect(subnetPaths(index, { ...query, entryVnet: "hub2", gatewaySubnet: undefined }).map((p) => partTuple("app/db", p))).toEqual([
      ["app/db", POOL, "direct", "gateway", "ok"],
    ]);
  });

  it("sends a spoke of a remote hub, reached over a BGP link, through that hub's GatewaySubnet routes, not the P2S hub's", () => {
    const t = new TopologyBuilder()
      .vnet("hub", "10.0.0.0/16")
      .vnet("hub2", "10.5.0.0/16")
      .vnet("far", "10.6.0.0/16")
      .p2sGateway("hub-gw", "hub", { clientPool: [POOL], bgp: true, asn: 65001 })
      .gateway("hub2-gw", "hub2", { bgp: true, asn: 65002 })
      .vnet2vnet("hub-gw", "hub2-gw", true)
      .transitPeering("hub2", "far")
      .build();
    t.subnets = [
      subnet("GatewaySubnet", "hub", "10.0.0.0/27", { table: "rt-gateway" }),
      subnet("GatewaySubnet", "hub2", "10.5.0.0/27", { table: "rt-gateway2" }),
      subnet("db", "far", "10.6.1.0/24", { table: "rt-far" }),
    ];
    const via = (address: string, name: string) => ({ name, prefix: "", nextHop: "VirtualAppliance", nextHopAddress: address });
    t.routeTables = [
      // The P2S hub's table would send far to its firewall: it does not apply to traffic that leaves over the link.
      { id: "rt-gateway", name: "rt-gateway", propagation: true, routes: [{ ...via("10.0.3.4", "far-via-fw"), prefix: "10.6.0.0/16" }] },
      { id: "rt-gateway2", name: "rt-gateway2", propagation: true, routes: [{ ...via("10.5.3.4", "far-via-fw2"), prefix: "10.6.0.0/16" }] },
      { id: "rt-far", name: "rt-far", propagation: true, routes: [{ ...via("10.5.3.4", "pool-via-fw2"), prefix: POOL }] },
    ];
    expect(pathTuples(t).filter((p) => p[0].startsWith("far/"))).toEqual([
      ["far/db", POOL, "via 10.5.3.4", "via 10.5.3.4", "ok-via-appliance"],
    ]);
  });
});

describe("P3 return path", () => {
  it("has no return route when propagation is off and no UDR covers the pool", () => {
    expect(web(withRoutes(baseline(), "rt-app", []))).toEqual([["app/web", POOL, "via 10.0.3.4", "none", "no-return-route"]]);
  });

  it("returns by the gateway route when propagation is on and no UDR covers the pool", () => {
    const t = withRoutes(baseline(), "rt-app", [], { propagation: true });
    expect(web(t)).toEqual([["app/web", POOL, "via 10.0.3.4", "gateway", "asymmetric"]]);
  });

  it("returns to the gateway by a UDR with next hop VirtualNetworkGateway, even with propagation off", () => {
    const t = withRoutes(baseline(), "rt-app", [{ name: "pool-gw", prefix: POOL, nextHop: "VirtualNetworkGateway" }]);
    expect(web(t)).toEqual([["app/web", POOL, "via 10.0.3.4", "gateway", "asymmetric"]]);
  });

  it.each(["None", "Internet", "VnetLocal"])("has no return route by a UDR for the pool to %s", (nextHop) => {
    const t = withRoutes(baseline(), "rt-app", [{ name: "pool-nowhere", prefix: POOL, nextHop }], { propagation: true });
    expect(web(t)).toEqual([["app/web", POOL, "via 10.0.3.4", "none", "no-return-route"]]);
  });

  it("returns through fw by a 0.0.0.0/0 UDR, which replaces the None route of 172.16.0.0/12", () => {
    const t = withRoutes(baseline(), "rt-app", [toFirewall("default-via-fw", "0.0.0.0/0")]);
    expect(web(t)).toEqual([["app/web", POOL, "via 10.0.3.4", "via 10.0.3.4", "ok-via-appliance"]]);
  });

  it("judges each part of a pool that the UDRs split on its own", () => {
    const t = withRoutes(baseline(), "rt-app", [
      toFirewall("pool-via-fw", POOL),
      { name: "upper-gw", prefix: "172.16.201.128/25", nextHop: "VirtualNetworkGateway" },
    ]);
    expect(web(t)).toEqual([
      ["app/web", "172.16.201.0/25", "via 10.0.3.4", "via 10.0.3.4", "ok-via-appliance"],
      ["app/web", "172.16.201.128/25", "via 10.0.3.4", "gateway", "asymmetric"],
    ]);
  });

  it("does not need the propagation flag when a UDR covers the pool", () => {
    const t = changedPath(baseline(), "routeTables", "rt-app", { propagation: undefined });
    expect(web(t)).toEqual([["app/web", POOL, "via 10.0.3.4", "via 10.0.3.4", "ok-via-appliance"]]);
  });

  it("does not check a return path whose propagation is unknown when no UDR covers the pool", () => {
    const t = withRoutes(baseline(), "rt-app", [], { propagation: undefined });
    expect(web(t)).toEqual([["app/web", POOL, "via 10.0.3.4", "unknown", "not-checked"]]);
  });

  it("does not check a return path when the subnet's route table is unknown", () => {
    const t = changedPath(baseline(), "subnets", "app/web", { table: "unknown" });
    expect(web(t)).toEqual([["app/web", POOL, "via 10.0.3.4", "unknown", "not-checked"]]);
  });
});

describe("P4 path verdict", () => {
  it("is asymmetric when the forward path goes through fw and replies go straight to the gateway", () => {
    const t = changedPath(baseline(), "subnets", "app/web", { table: undefined });
    expect(web(t)).toEqual([["app/web", POOL, "via 10.0.3.4", "gateway", "asymmetric"]]);
  });

  it("is asymmetric when the forward path is direct and a 0.0.0.0/0 UDR sends replies through fw", () => {
    const viaDefault = withRoutes(baseline(), "rt-app", [toFirewall("default-via-fw", "0.0.0.0/0")]);
    const t = changedPath(viaDefault, "subnets", "hub/GatewaySubnet", { table: undefined });
    expect(web(t)).toEqual([["app/web", POOL, "direct", "via 10.0.3.4", "asymmetric"]]);
  });

  it("is asymmetric when the two directions go through different appliances", () => {
    const t = withRoutes(baseline(), "rt-app", [
      {
        name: "pool-via-nva",
        prefix: POOL,
        nextHop: "VirtualAppliance",
        nextHopAddress: "10.0.4.4",
        appliance: { id: "nva", name: "nva" },
      },
    ]);
    expect(web(t)).toEqual([["app/web", POOL, "via 10.0.3.4", "via 10.0.4.4", "asymmetric"]]);
  });

  it("is ok via the appliance when both routes name the same resource and no address is known yet (a preview)", () => {
    const noAddress = (name: string, prefix: string) => ({ name, prefix, nextHop: "VirtualAppliance", appliance: FW });
    const t = withRoutes(withRoutes(baseline(), "rt-gateway", [noAddress("spoke-via-fw", "10.1.0.0/16")]), "rt-app", [
      noAddress("pool-via-fw", POOL),
    ]);
    expect(web(t)).toEqual([["app/web", POOL, "via fw", "via fw", "ok-via-appliance"]]);
  });

  it("is ok via the appliance when one route has the address and the other only the same resource", () => {
    const t = withRoutes(baseline(), "rt-app", [{ name: "pool-via-fw", prefix: POOL, nextHop: "VirtualAppliance", appliance: FW }]);
    expect(web(t)).toEqual([["app/web", POOL, "via 10.0.3.4", "via fw", "ok-via-appliance"]]);
  });

  it("is asymmetric when one route has the address and the other only a different resource", () => {
    const t = withRoutes(baseline(), "rt-app", [
      { name: "pool-via-nva", prefix: POOL, nextHop: "VirtualAppliance", appliance: { id: "nva", name: "nva" } },
    ]);
    expect(web(t)).toEqual([["app/web", POOL, "via 10.0.3.4", "via nva", "asymmetric"]]);
  });

  it("is not checked when one route has only an address and the other only a resource: they cannot be compared", () => {
    const t = withRoutes(baseline(), "rt-app", [{ name: "pool-via-fw", prefix: POOL, nextHop: "VirtualAppliance", appliance: FW }]);
    const noResource = withRoutes(t, "rt-gateway", [
      { name: "spoke-via-fw", prefix: "10.1.0.0/16", nextHop: "VirtualAppliance", nextHopAddress: FW_ADDRESS },
    ]);
    expect(web(noResource)).toEqual([["app/web", POOL, "via 10.0.3.4", "via fw", "not-checked"]]);
  });

  it("is dropped whatever the return path when the forward path is dropped", () => {
    const dropped = withRoutes(baseline(), "rt-gateway", [{ name: "spoke-dropped", prefix: "10.1.0.0/16", nextHop: "None" }]);
    expect(web(withRoutes(dropped, "rt-app", []))).toEqual([["app/web", POOL, "dropped", "none", "dropped"]]);
  });
});

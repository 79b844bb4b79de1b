import fc from "fast-check";
import { ALL_PORTS, FlowSet, PROTOCOLS } from "../../policypack/filters/flow-set";
import { analyze } from "../../policypack/pipeline/analyze";
import type { Analysis } from "../../policypack/reachability/results";
import { parseCidr } from "../../policypack/topology/cidr";
import type { FirewallRule, FirewallRuleCollection } from "../../policypack/topology/firewall-rules";
import type { Firewall, Route, RouteTable, Subnet, Topology } from "../../policypack/topology/model";
import { PLATFORMS } from "../../policypack/topology/model";
import type { NetworkSecurityGroup, SecurityRule } from "../../policypack/topology/security-rules";
import { TopologyBuilder } from "../helpers/topology-builder";
import { POOL, subnet } from "./baseline";

/**
 * Properties of paths and flows (spec section 7) on random hub-and-spoke topologies: hub-gw's
 * clients (172.16.201.0/24, sometimes a user-group pool too) reach up to three spokes; the
 * GatewaySubnet, the hub's shared subnet and the spokes' subnets pick random route tables and NSGs;
 * the hub's firewall fw has random rule collections (or rules not declared). The seed is the global
 * one (test/setup/fast-check-seed.ts).
 */
const GROUP_POOL = "172.16.202.0/25";
const POOL_HALVES = ["172.16.201.0/25", "172.16.201.128/25"];
const TABLES = ["rt-gw", "rt-a", "rt-b"] as const;
const NSGS = ["nsg-a", "nsg-b"] as const;

const hopArb: fc.Arbitrary<Omit<Route, "name" | "prefix">> = fc.constantFrom(
  { nextHop: "VirtualAppliance", nextHopAddress: "10.0.3.4", appliance: { id: "fw", name: "fw" } },
  // The firewall in a preview: its resource, not yet its address.
  { nextHop: "VirtualAppliance", appliance: { id: "fw", name: "fw" } },
  { nextHop: "VirtualAppliance", nextHopAddress: "10.0.4.4", appliance: { id: "nva", name: "nva" } },
  { nextHop: "None" },
  { nextHop: "VirtualNetworkGateway" },
  { nextHop: "Internet" },
  { nextHop: "VnetLocal" },
);

const routeArb = fc.record({
  prefix: fc.constantFrom(
    POOL,
    ...POOL_HALVES,
    GROUP_POOL,
    "0.0.0.0/0",
    "172.16.0.0/12",
    "10.1.0.0/16",
    "10.1.1.0/24",
    "10.2.0.0/16",
    "10.0.0.0/8",
  ),
  hop: hopArb,
});

const tableArb = fc.record({
  propagation: fc.constantFrom<boolean | undefined>(true, true, false, false, undefined),
  routes: fc.array(routeArb, { maxLength: 4 }),
});

const nsgRuleArb: fc.Arbitrary<Omit<SecurityRule, "id" | "name">> = fc.record({
  priority: fc.integer({ min: 100, max: 4096 }),
  direction: fc.constantFrom<SecurityRule["direction"]>("inbound", "inbound", "inbound", "outbound"),
  access: fc.constantFrom<SecurityRule["access"]>("allow", "deny"),
  protocol: fc.constantFrom("tcp", "udp", "icmp", "any"),
  sources: fc.constantFrom(["*"], [POOL], [POOL_HALVES[0]], [POOL_HALVES[1]], [GROUP_POOL], ["VirtualNetwork"], ["10.0.0.0/8"]),
  sourcePorts: fc.constantFrom(["*"], ["*"], ["*"], ["1024-65535"]),
  destinations: fc.constantFrom(["*"], ["10.1.1.0/24"], ["10.0.0.0/8"], ["VirtualNetwork"]),
  destinationPorts: fc.constantFrom(["*"], ["443"], ["80-90"], ["22", "3389"], ["1000-2000"]),
});

/** A rule the monotonic properties add, inbound from any source port. */
const addedRuleArb = nsgRuleArb.map((r) => ({ ...r, direction: "inbound" as const, sourcePorts: ["*"] }));

/**
 * An added rule that surely matches what it names: not protocol "any" with destination ports, which
 * may or may not apply to ICMP (no ports), so that the pack leaves ICMP not checked under it.
 */
const sureRuleArb = addedRuleArb.filter((r) => r.protocol !== "any" || r.destinationPorts.join() === "*");

const firewallRuleArb: fc.Arbitrary<FirewallRule> = fc.record({
  name: fc.constantFrom("r1", "r2", "r3"),
  protocols: fc.subarray(["TCP", "UDP", "ICMP", "Any", "Https:443"], { minLength: 1 }),
  sources: fc.subarray(["*", POOL, ...POOL_HALVES, GROUP_POOL, "10.0.0.0/8"], { minLength: 1 }),
  sourceGroups: fc.constantFrom([], [], ["ipg-a"]),
  destinations: fc.subarray(["*", "10.1.0.0/16", "10.1.1.0/24", "10.2.0.0/16", "AzureCloud"], { minLength: 1 }),
  destinationGroups: fc.constant([]),
  destinationFqdns: fc.constant([]),
  destinationPorts: fc.subarray(["*", "443", "80-90", "1000-2000"], { minLength: 1 }),
});

const collectionArb: fc.Arbitrary<FirewallRuleCollection> = fc.record({
  name: fc.constantFrom("c1", "c2", "c3"),
  kind: fc.constantFrom<FirewallRuleCollection["kind"]>("network", "network", "network", "application", "dnat"),
  groupPriority: fc.integer({ min: 100, max: 300 }),
  group: fc.constant("g1"),
  priority: fc.integer({ min: 100, max: 300 }),
  action: fc.constantFrom<FirewallRuleCollection["action"]>("allow", "allow", "deny", "dnat"),
  rules: fc.array(firewallRuleArb, { minLength: 1, maxLength: 3 }),
});

/** Where a subnet points: a route table and an NSG of the stack, or none. */
const attachmentArb = fc.record({
  table: fc.constantFrom<string | undefined>(...TABLES.slice(1), undefined),
  nsg: fc.constantFrom<string | undefined>(...NSGS, undefined),
});

const spokeArb = fc.record({
  usesGateway: fc.constantFrom(true, true, true, false),
  /** A spoke whose address space holds half the pool: an overlap, whose replies stay in the VNet. */
  holdsPool: fc.constantFrom(false, false, false, false, true),
  subnets: fc.array(attachmentArb, { minLength: 0, maxLength: 2 }),
});

const topologyArb: fc.Arbitrary<Topology> = fc
  .record({
    groupPool: fc.boolean(),
    spokes: fc.array(spokeArb, { minLength: 1, maxLength: 3 }),
    gatewayTable: fc.boolean(),
    /** Often the standard design: the GatewaySubnet sends the spokes to fw and the spokes' tables send the pools back to it. */
    throughFirewall: fc.constantFrom(true, true, false),
    shared: fc.option(attachmentArb, { nil: undefined }),
    tables: fc.tuple(tableArb, tableArb, tableArb),
    nsgs: fc.tuple(fc.array(nsgRuleArb, { maxLength: 5 }), fc.array(nsgRuleArb, { maxLength: 5 })),
    firewall: fc.option(fc.array(collectionArb, { maxLength: 3 }), { nil: undefined, freq: 4 }),
  })
  .map((r) => {
    const b = new TopologyBuilder()
      .vnet("hub", "10.0.0.0/16")
      .p2sGateway("hub-gw", "hub", { clientPool: [POOL], ...(r.groupPool ? { groupPools: [GROUP_POOL] } : {}) });
    r.spokes.forEach((s, i) => {
      const name = `spoke${i + 1}`;
      b.vnet(name, `10.${i + 1}.0.0/16`, ...(s.holdsPool ? [POOL_HALVES[1]] : []));
      if (s.usesGateway) b.transitPeering("hub", name);
      else b.plainPeering("hub", name);
    });
    const t = b.build();
    const attached = (a: { table?: string; nsg?: string }): Partial<Subnet> => ({
      ...(a.table !== undefined ? { table: a.table } : {}),
      ...(a.nsg !== undefined ? { nsg: { id: a.nsg, name: a.nsg } } : {}),
    });
    t.subnets = [
      subnet("GatewaySubnet", "hub", "10.0.255.0/27", r.gatewayTable ? { table: "rt-gw" } : {}),
      subnet("AzureFirewallSubnet", "hub", "10.0.3.0/26"),
      ...(r.shared ? [subnet("shared", "hub", "10.0.1.0/24", attached(r.shared))] : []),
      ...r.spokes.flatMap((s, i) =>
        s.subnets.map((a, j) => subnet(`s${j + 1}`, `spoke${i + 1}`, `10.${i + 1}.${j + 1}.0/24`, attached(a))),
      ),
    ];
    const toFw = { nextHop: "VirtualAppliance", nextHopAddress: "10.0.3.4", appliance: { id: "fw", name: "fw" } };
    const firewallRoutes = (id: string): Route[] =>
      !r.throughFirewall
        ? []
        : id === "rt-gw"
          ? r.spokes.map((_, k) => ({ name: `spoke${k + 1}-via-fw`, prefix: `10.${k + 1}.0.0/16`, ...toFw }))
          : [POOL, GROUP_POOL].map((prefix, k) => ({ name: `pools-via-fw-${k}`, prefix, ...toFw }));
    t.routeTables = TABLES.map((id, i): RouteTable => ({
      id,
      name: id,
      propagation: r.tables[i].propagation,
      routes: [
        ...firewallRoutes(id),
        ...r.tables[i].routes.map((route, k) => ({ name: `${id}-r${k}`, prefix: route.prefix, ...route.hop })),
      ],
    }));
    t.nsgs = NSGS.map((id, i): NetworkSecurityGroup => ({
      id,
      name: id,
      rules: r.nsgs[i].map((rule, k) => ({ ...rule, id: `${id}/rule${k}`, name: `rule${k}` })),
    }));
    const firewall: Firewall = {
      id: "fw",
      name: "fw",
      vnet: "hub",
      addresses: ["10.0.3.4"],
      rules: r.firewall ? { collections: r.firewall } : { unknownBecause: "its firewall policy is not in the stack" },
    };
    t.firewalls = [firewall];
    return t;
  });

const RUNS = { numRuns: 150 };

function cidrs(texts: readonly string[]) {
  return texts.flatMap((t) => {
    const parsed = parseCidr(t);
    return parsed.ok ? [parsed.cidr] : [];
  });
}

function subnetsOf(analysis: Analysis) {
  return analysis.gateways[0].paths.subnets;
}

/** Per subnet ("spoke1/s1"), the union of its flows with one of `verdicts`. */
function verdictBySubnet(t: Topology, verdicts: readonly string[]): Map<string, FlowSet> {
  return new Map(
    subnetsOf(analyze(t)).map((s) => [
      `${s.network.name}/${s.subnet.name}`,
      s
        .flows()
        .filter((p) => verdicts.includes(p.verdict))
        .reduce((all, p) => all.union(p.flows), FlowSet.empty()),
    ]),
  );
}

function allowedBySubnet(t: Topology): Map<string, FlowSet> {
  return verdictBySubnet(t, ["allowed"]);
}

/** Each subnet's flows of `a` that `b` lacks, for the subnets where there are some: [] when `a` is inside `b` everywhere. */
function beyond(a: Map<string, FlowSet>, b: Map<string, FlowSet>): [string, string[]][] {
  return [...a].flatMap(([key, flows]): [string, string[]][] => {
    const extra = flows.subtract(b.get(key) ?? FlowSet.empty());
    return extra.isEmpty() ? [] : [[key, extra.toStrings()]];
  });
}

/** A copy of `t` whose NSG `nsg` has one more rule. */
function withRule(t: Topology, nsg: string, rule: Omit<SecurityRule, "id" | "name">): Topology {
  const copy = structuredClone(t);
  copy.nsgs = (copy.nsgs ?? []).map((n) =>
    n.id === nsg ? { ...n, rules: [...n.rules, { ...rule, id: `${nsg}/added`, name: "added" }] } : n,
  );
  return copy;
}

describe("paths and flows on random hub-and-spoke topologies", () => {
  it("cuts every subnet's flows into pairwise disjoint parts that cover the pools x protocols x ports exactly (F4)", () => {
    fc.assert(
      fc.property(topologyArb, (t) => {
        const analysis = analyze(t);
        const universe = FlowSet.of(cidrs(analysis.gateways[0].clientPools), PROTOCOLS, [ALL_PORTS]);
        for (const s of subnetsOf(analysis)) {
          const where = `${s.network.name}/${s.subnet.name}`;
          const parts = s.flows();
          const overlapping = parts.flatMap((a, i) =>
            parts.slice(i + 1).flatMap((b) => {
              const both = a.flows.intersect(b.flows);
              return both.isEmpty() ? [] : [[where, a.verdict, b.verdict, both.toStrings()]];
            }),
          );
          expect(overlapping).toEqual([]);
          const union = parts.reduce((all, p) => all.union(p.flows), FlowSet.empty());
          expect([where, union.toStrings()]).toEqual([where, universe.toStrings()]);
        }
      }),
      RUNS,
    );
  });

  it("never allows more after a deny rule is added to an NSG, at any priority (F2)", () => {
    fc.assert(
      fc.property(topologyArb, fc.constantFrom(...NSGS), addedRuleArb, (t, nsg, rule) => {
        const deny = { ...rule, access: "deny" as const };
        expect(beyond(allowedBySubnet(withRule(t, nsg, deny)), allowedBySubnet(t))).toEqual([]);
      }),
      RUNS,
    );
  });

  it("never allows less after an allow rule that surely matches what it names is added to an NSG, at any priority (F2)", () => {
    fc.assert(
      fc.property(topologyArb, fc.constantFrom(...NSGS), sureRuleArb, (t, nsg, rule) => {
        const allow = { ...rule, access: "allow" as const };
        expect(beyond(allowedBySubnet(t), allowedBySubnet(withRule(t, nsg, allow)))).toEqual([]);
      }),
      RUNS,
    );
  });

  it("never denies a flow it allowed after any allow rule is added to an NSG: what it left may only become not checked (F2, F6)", () => {
    fc.assert(
      fc.property(topologyArb, fc.constantFrom(...NSGS), addedRuleArb, (t, nsg, rule) => {
        const allow = { ...rule, access: "allow" as const };
        const after = withRule(t, nsg, allow);
        expect(beyond(allowedBySubnet(t), verdictBySubnet(after, ["allowed", "not checked"]))).toEqual([]);
      }),
      RUNS,
    );
  });

  it("gives the same routes, access and findings with subnets as without when no route table, NSG or firewall is declared (P1, P5)", () => {
    const view = (a: Analysis) => ({
      platforms: a.gateways.map((g) =>
        PLATFORMS.map((p) => ({ p, routes: g.platforms[p].routes, access: [...g.platforms[p].accessIds].sort() })),
      ),
      findings: a.findings,
    });
    fc.assert(
      fc.property(topologyArb, (t) => {
        const bare = structuredClone(t);
        delete bare.routeTables;
        delete bare.nsgs;
        delete bare.firewalls;
        bare.subnets = (bare.subnets ?? []).map(({ table: _table, nsg: _nsg, ...s }) => s);
        const withoutSubnets = structuredClone(bare);
        delete withoutSubnets.subnets;
        expect(view(analyze(bare))).toEqual(view(analyze(withoutSubnets)));
      }),
      RUNS,
    );
  });
});

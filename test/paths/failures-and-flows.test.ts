import type { Topology } from "../../policypack/topology/model";
import { FW_ADDRESS, POOL, baseline, changedPath, failuresOf, firewallRule, flowsOf, toFirewall, withRoutes } from "./baseline";

const EVERYTHING = ["tcp 172.16.201.0/24 0-65535", "udp 172.16.201.0/24 0-65535", "icmp 172.16.201.0/24"];
const REST = ["tcp 172.16.201.0/24 0-442,444-65535", "udp 172.16.201.0/24 0-65535", "icmp 172.16.201.0/24"];

/** An appliance that is not a declared firewall, by address and resource. */
const NVA = { nextHop: "VirtualAppliance", nextHopAddress: "10.0.4.4", appliance: { id: "nva", name: "nva" } };

describe("path failures: what fails, the table to change and the fix (spec P4)", () => {
  it("reports no failure in the baseline", () => {
    expect(failuresOf(baseline())).toEqual([]);
  });

  it("asks for a spoke route to fw when traffic arrives through fw and replies go to the gateway", () => {
    expect(failuresOf(withRoutes(baseline(), "rt-app", [], { propagation: true }))).toEqual([
      {
        code: "asymmetric",
        resource: "rt-app",
        related: ["rt-gateway", "fw"],
        text:
          "traffic reaches app/web through 10.0.3.4 (spoke-via-fw of rt-gateway), but replies to 172.16.201.0/24 " +
          "go straight to the gateway, and a stateful firewall drops what it saw only one way",
        fix: "Add a route for 172.16.201.0/24 with next hop VirtualAppliance 10.0.3.4 to routes of rt-app, so that replies go back through 10.0.3.4.",
      },
    ]);
  });

  it("asks to attach a route table when the spoke subnet has none", () => {
    expect(failuresOf(changedPath(baseline(), "subnets", "app/web", { table: undefined })).map((f) => [f.resource, f.fix])).toEqual([
      [
        "app",
        "Attach a route table with a route for 172.16.201.0/24 with next hop VirtualAppliance 10.0.3.4 to app/web in app, so that replies go back through 10.0.3.4.",
      ],
    ]);
  });

  it("asks for a gateway route on the spoke or a GatewaySubnet table when traffic arrives directly and replies go through fw", () => {
    expect(failuresOf(changedPath(baseline(), "subnets", "hub/GatewaySubnet", { table: undefined }))).toEqual([
      {
        code: "asymmetric",
        resource: "rt-app",
        related: ["fw"],
        text:
          "app/web sends replies to 172.16.201.0/24 through 10.0.3.4 (pool-via-fw of rt-app), but traffic arrives directly from the gateway, " +
          "and a stateful firewall drops what it saw only one way",
        fix:
          "Add a route for 172.16.201.0/24 with next hop VirtualNetworkGateway to routes of rt-app, or give the GatewaySubnet a route table " +
          "that sends 10.1.1.0/24 to 10.0.3.4.",
      },
    ]);
  });

  it("names the GatewaySubnet's table in the fix when it has one that does not cover the spoke", () => {
    const t = withRoutes(baseline(), "rt-gateway", []);
    expect(failuresOf(t).map((f) => [f.resource, f.related, f.fix])).toEqual([
      [
        "rt-app",
        ["rt-gateway", "fw"],
        "Add a route for 172.16.201.0/24 with next hop VirtualNetworkGateway to routes of rt-app, or route 10.1.1.0/24 to 10.0.3.4 in routes " +
          "of rt-gateway (the GatewaySubnet's).",
      ],
    ]);
  });

  it("names both appliances when the directions go through different ones", () => {
    const t = withRoutes(baseline(), "rt-app", [{ name: "pool-via-nva", prefix: POOL, ...NVA }]);
    expect(failuresOf(t).map((f) => [f.resource, f.related, f.text])).toEqual([
      [
        "rt-app",
        ["rt-gateway", "nva"],
        "app/web sends replies to 172.16.201.0/24 through 10.0.4.4 (pool-via-nva of rt-app), but traffic arrives through " +
          "10.0.3.4, and a stateful firewall drops what it saw only one way",
      ],
    ]);
  });

  it("asks to turn propagation on when the spoke's table disables it and has no route for the pool", () => {
    expect(failuresOf(withRoutes(baseline(), "rt-app", []))).toEqual([
      {
        code: "no-return-route",
        resource: "rt-app",
        related: [],
        text: "rt-app on app/web disables gateway route propagation and has no route for 172.16.201.0/24, so replies are dropped",
        fix: "Turn gateway route propagation on with disableBgpRoutePropagation of rt-app, or add a route for 172.16.201.0/24 with next hop VirtualNetworkGateway.",
      },
    ]);
  });

  it("names the UDR that sends replies to None", () => {
    const t = withRoutes(baseline(), "rt-app", [{ name: "pool-none", prefix: POOL, nextHop: "None" }], { propagation: true });
    expect(failuresOf(t)).toEqual([
      {
        code: "no-return-route",
        resource: "rt-app",
        related: [],
        text: "app/web sends replies to 172.16.201.0/24 to None by pool-none of rt-app, so they never arrive",
        fix: "Give 172.16.201.0/24 a route with next hop VirtualNetworkGateway (or the firewall that forwards it) in routes of rt-app.",
      },
    ]);
  });

  it("names the GatewaySubnet route that drops traffic for the spoke", () => {
    const t = withRoutes(baseline(), "rt-gateway", [{ name: "spoke-dropped", prefix: "10.1.0.0/16", nextHop: "None" }]);
    expect(failuresOf(t)).toEqual([
      {
        code: "dropped",
        resource: "rt-gateway",
        related: [],
        text: "spoke-dropped of rt-gateway sends traffic for app/web to None, so it never arrives",
        fix: "Remove the 10.1.0.0/16 route from routes of rt-gateway, or send it to the firewall that inspects this traffic.",
      },
    ]);
  });
});

function withCollections(topology: Topology, collections: NonNullable<Topology["firewalls"]>[number]["rules"]["collections"]): Topology {
  return changedPath(topology, "firewalls", "fw", (f) => ({ ...f, rules: { collections } }));
}

describe("F4 flows of a subnet (firewall, then NSG, after the path)", () => {
  it("allows only TCP 443 in the baseline: fw and nsg-app both allow it, fw's default denies the rest", () => {
    expect(flowsOf(baseline())).toEqual([
      ["allowed", "nsg-app/allow-https (100)", ["tcp 172.16.201.0/24 443"]],
      ["denied", "fw (no rule allows it)", REST],
    ]);
  });

  it("denies TCP 443 by the firewall rule that denies it before the allowing collection", () => {
    const t = withCollections(baseline(), [
      {
        name: "block",
        kind: "network",
        groupPriority: 100,
        group: "p2s",
        priority: 100,
        action: "deny",
        rules: [firewallRule("deny-https")],
      },
      ...(baseline().firewalls?.[0].rules.collections ?? []),
    ]);
    expect(flowsOf(t)).toEqual([
      ["denied", "fw/block/deny-https (100)", ["tcp 172.16.201.0/24 443"]],
      ["denied", "fw (no rule allows it)", REST],
    ]);
  });

  it("denies by the NSG what the firewall allows and the NSG does not", () => {
    const t = withCollections(baseline(), [
      {
        name: "net",
        kind: "network",
        groupPriority: 100,
        group: "p2s",
        priority: 200,
        action: "allow",
        rules: [firewallRule("allow-web", { destinationPorts: ["443", "80"] })],
      },
    ]);
    expect(flowsOf(t)).toEqual([
      ["allowed", "nsg-app/allow-https (100)", ["tcp 172.16.201.0/24 443"]],
      ["denied", "nsg-app/deny-all (4000)", ["tcp 172.16.201.0/24 80"]],
      [
        "denied",
        "fw (no rule allows it)",
        ["tcp 172.16.201.0/24 0-79,81-442,444-65535", "udp 172.16.201.0/24 0-65535", "icmp 172.16.201.0/24"],
      ],
    ]);
  });

  it("does not check what passes an appliance that is not a declared firewall, and denies what the NSG denies", () => {
    const viaNva = withRoutes(baseline(), "rt-gateway", [{ name: "spoke-via-nva", prefix: "10.1.0.0/16", ...NVA }]);
    const t = withRoutes(viaNva, "rt-app", [{ name: "pool-via-nva", prefix: POOL, ...NVA }]);
    expect(flowsOf(t)).toEqual([
      ["not checked", "nva (rules not declared)", "is an appliance whose rules the pack does not read", ["tcp 172.16.201.0/24 443"]],
      ["denied", "nsg-app/deny-all (4000)", REST],
    ]);
  });

  it("denies every flow of a pool part whose path fails, by the path", () => {
    expect(flowsOf(withRoutes(baseline(), "rt-app", [], { propagation: true }))).toEqual([["denied", "path asymmetric", EVERYTHING]]);
  });

  it("does not check the flows of a pool part whose path is not checked, and says why", () => {
    expect(flowsOf(changedPath(baseline(), "subnets", "app/web", { table: "unknown" }))).toEqual([
      ["not checked", "path not-checked", "because its route table is not known", EVERYTHING],
    ]);
  });

  it("cuts the flows where the UDRs split the pool: one half through fw, the other denied by its asymmetric path", () => {
    const t = withRoutes(baseline(), "rt-app", [
      toFirewall("pool-via-fw", POOL),
      { name: "upper-gw", prefix: "172.16.201.128/25", nextHop: "VirtualNetworkGateway" },
    ]);
    expect(flowsOf(t)).toEqual([
      ["allowed", "nsg-app/allow-https (100)", ["tcp 172.16.201.0/25 443"]],
      ["denied", "path asymmetric", ["tcp 172.16.201.128/25 0-65535", "udp 172.16.201.128/25 0-65535", "icmp 172.16.201.128/25"]],
      ["denied", "fw (no rule allows it)", ["tcp 172.16.201.0/25 0-442,444-65535", "udp 172.16.201.0/25 0-65535", "icmp 172.16.201.0/25"]],
    ]);
  });

  it("allows what fw allows by 'no network security group' when the subnet has no NSG", () => {
    expect(flowsOf(changedPath(baseline(), "subnets", "app/web", { nsg: undefined }))).toEqual([
      ["allowed", "no network security group", ["tcp 172.16.201.0/24 443"]],
      ["denied", "fw (no rule allows it)", REST],
    ]);
  });

  it("allows everything by 'no network security group' on a direct path to a subnet without NSG", () => {
    expect(flowsOf(baseline(), "hub/AzureFirewallSubnet")).toEqual([["allowed", "no network security group", EVERYTHING]]);
  });

  it("applies the NSG alone on a direct path (no route to fw either way)", () => {
    const direct = withRoutes(baseline(), "rt-gateway", []);
    const t = withRoutes(direct, "rt-app", [], { propagation: true });
    expect(flowsOf(t)).toEqual([
      ["allowed", "nsg-app/allow-https (100)", ["tcp 172.16.201.0/24 443"]],
      ["denied", "nsg-app/deny-all (4000)", REST],
    ]);
  });

  it("uses the firewall's address in the path when the appliance is named by address only", () => {
    const byAddress = { nextHop: "VirtualAppliance", nextHopAddress: FW_ADDRESS };
    const t = withRoutes(withRoutes(baseline(), "rt-gateway", [{ name: "a", prefix: "10.1.0.0/16", ...byAddress }]), "rt-app", [
      { name: "b", prefix: POOL, ...byAddress },
    ]);
    expect(flowsOf(t)).toEqual([
      ["not checked", "10.0.3.4 (rules not declared)", "is an appliance whose rules the pack does not read", ["tcp 172.16.201.0/24 443"]],
      ["denied", "nsg-app/deny-all (4000)", REST],
    ]);
  });
});

import { violationsFound } from "../helpers/policy-violations";
import { seedScenario } from "../helpers/seed-scenarios";
import type { GatewaySubnet, RouteTable, Topology } from "../../policypack/topology/model";

/**
 * p2s-gateway-subnet (codes subnet.*). Baseline: seed scenario 2 (vnet1's P2S gateway, spokes
 * vnet2-vnet4), whose GatewaySubnet has the route table hub-rt: spoke prefixes to a firewall,
 * gateway route propagation on.
 */
const POLICY = "p2s-gateway-subnet";
const FIREWALL_ROUTES = [
  { prefix: "10.2.0.0/16", nextHop: "VirtualAppliance" },
  { prefix: "10.4.0.0/16", nextHop: "VirtualAppliance" },
];
const baseline: Topology = {
  ...seedScenario(2),
  gatewaySubnets: [{ id: "gateway-subnet", name: "gateway-subnet", vnet: "vnet1", table: "hub-rt" }],
  routeTables: [{ id: "hub-rt", name: "hub-rt", propagation: true, routes: FIREWALL_ROUTES }],
};

function withSubnet(patch: Partial<GatewaySubnet>): Topology {
  const copy = structuredClone(baseline);
  copy.gatewaySubnets = [{ ...(copy.gatewaySubnets ?? [])[0], ...patch }];
  return copy;
}

function withTable(patch: Partial<RouteTable>): Topology {
  const copy = structuredClone(baseline);
  copy.routeTables = [{ ...(copy.routeTables ?? [])[0], ...patch }];
  return copy;
}

describe("p2s-gateway-subnet", () => {
  it("reports nothing on a GatewaySubnet whose route table sends spoke prefixes to a firewall", () => {
    expect(violationsFound(POLICY, baseline)).toEqual([]);
  });

  it("reports a network security group on the GatewaySubnet", () => {
    expect(violationsFound(POLICY, withSubnet({ nsg: { id: "nsg-hub", name: "nsg-hub" } }))).toEqual([
      [
        "gateway-subnet.nsg",
        "gateway-subnet",
        "gateway-subnet puts the network security group nsg-hub on the GatewaySubnet of vnet1, which Azure does not support: the VPN gateway may stop working. Remove networkSecurityGroup from the GatewaySubnet of vnet1 in gateway-subnet, and filter traffic on the other subnets instead.",
      ],
    ]);
  });

  it("reports a resource that only attaches a network security group, by the resource to remove", () => {
    expect(violationsFound(POLICY, withSubnet({ nsg: { name: "nsg-hub" }, attachesOnly: true }))).toEqual([
      [
        "gateway-subnet.nsg",
        "gateway-subnet",
        "gateway-subnet puts the network security group nsg-hub on the GatewaySubnet of vnet1, which Azure does not support: the VPN gateway may stop working. Remove gateway-subnet, and filter traffic on the other subnets instead.",
      ],
    ]);
  });

  it("reports a 0.0.0.0/0 route in the GatewaySubnet's route table", () => {
    const routes = [...FIREWALL_ROUTES, { prefix: "0.0.0.0/0", nextHop: "VirtualAppliance" }];
    expect(violationsFound(POLICY, withTable({ routes }))).toEqual([
      [
        "gateway-subnet.default-route",
        "hub-rt",
        "Route table hub-rt on the GatewaySubnet of vnet1 sends 0.0.0.0/0 to VirtualAppliance, with which the VPN gateway does not function. Remove the 0.0.0.0/0 route from routes of hub-rt; routes for spoke prefixes to a firewall are fine.",
      ],
    ]);
  });

  it("reports a 0.0.0.0/0 route declared as a resource of its own, by that resource", () => {
    const routes = [{ prefix: "0.0.0.0/0", nextHop: "Internet", declaredBy: { id: "default-route", name: "default-route" } }];
    expect(violationsFound(POLICY, withTable({ routes }))).toEqual([
      [
        "gateway-subnet.default-route",
        "default-route",
        "Route table hub-rt on the GatewaySubnet of vnet1 sends 0.0.0.0/0 to Internet, with which the VPN gateway does not function. Remove default-route, or give the GatewaySubnet of vnet1 a route table without a 0.0.0.0/0 route; routes for spoke prefixes to a firewall are fine.",
      ],
    ]);
  });

  it("reports a route table that disables gateway route propagation", () => {
    expect(violationsFound(POLICY, withTable({ propagation: false }))).toEqual([
      [
        "gateway-subnet.propagation-disabled",
        "hub-rt",
        "Route table hub-rt on the GatewaySubnet of vnet1 disables gateway route propagation, with which the VPN gateway does not function. Turn gateway route propagation back on with disableBgpRoutePropagation of hub-rt, or give the GatewaySubnet of vnet1 a route table that keeps it on.",
      ],
    ]);
  });

  it("reports nothing when propagation is unknown, or when the table is not on the GatewaySubnet", () => {
    expect(violationsFound(POLICY, withTable({ propagation: undefined }))).toEqual([]);
    expect(violationsFound(POLICY, withSubnet({ table: undefined }))).toEqual([]);
  });
});

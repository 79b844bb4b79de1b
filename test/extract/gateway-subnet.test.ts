import { extractTopology } from "../../policypack/extract/extract-topology";
import { UNKNOWN } from "../../policypack/extract/plain";
import { analyze } from "../../policypack/pipeline/analyze";
import { renderSentence } from "../../policypack/topology/sentence";
import { RG, classic, native } from "../helpers/raw-resources";

/** Extraction of what spec 4a's GatewaySubnet checks read, from both providers. */

describe("GatewaySubnet extraction from azure-native", () => {
  const vnet = native("VirtualNetwork", "hub", {
    virtualNetworkName: "hub",
    resourceGroupName: "rg",
    addressSpace: { addressPrefixes: ["10.0.0.0/16"] },
  });
  const nsg = native("NetworkSecurityGroup", "nsg-hub", { networkSecurityGroupName: "nsg-hub", resourceGroupName: "rg" });
  const table = native("RouteTable", "hub-rt", {
    routeTableName: "hub-rt",
    resourceGroupName: "rg",
    disableBgpRoutePropagation: true,
    routes: [
      { name: "spoke", addressPrefix: "10.1.0.0/16", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.0.1.4" },
      { name: "unknown", addressPrefix: UNKNOWN, nextHopType: "Internet" },
    ],
  });

  it("reads a standalone Subnet's NSG and route table by ARM id, and the table's routes and propagation", () => {
    const subnet = native("Subnet", "gw-subnet", {
      subnetName: "GatewaySubnet",
      virtualNetworkName: "hub",
      resourceGroupName: "rg",
      networkSecurityGroup: { id: `${RG}/networkSecurityGroups/nsg-hub` },
      routeTable: { id: `${RG}/routeTables/hub-rt` },
    });
    const other = native("Subnet", "apps", {
      subnetName: "apps",
      virtualNetworkName: "hub",
      resourceGroupName: "rg",
      networkSecurityGroup: { id: `${RG}/networkSecurityGroups/nsg-hub` },
    });
    const { topology } = extractTopology([vnet, nsg, table, subnet, other]);
    expect(topology.gatewaySubnets).toEqual([
      { id: subnet.urn, name: "gw-subnet", vnet: vnet.urn, nsg: { id: nsg.urn, name: "nsg-hub" }, table: table.urn },
    ]);
    expect(topology.routeTables).toEqual([
      {
        id: table.urn,
        name: "hub-rt",
        azureName: "hub-rt",
        propagation: false,
        routes: [{ name: "spoke", prefix: "10.1.0.0/16", nextHop: "VirtualAppliance", nextHopAddress: "10.0.1.4" }],
      },
    ]);
  });

  it("reads the GatewaySubnet inline in a VNet, reported against the VNet, and a standalone Route", () => {
    const inline = native("VirtualNetwork", "hub", {
      virtualNetworkName: "hub",
      resourceGroupName: "rg",
      subnets: [{ name: "GatewaySubnet", addressPrefix: "10.0.255.0/27", routeTable: { id: `${RG}/routeTables/rt` } }],
    });
    const rt = native("RouteTable", "rt", { routeTableName: "rt", resourceGroupName: "rg" });
    const route = native("Route", "default", {
      routeTableName: "rt",
      resourceGroupName: "rg",
      addressPrefix: "0.0.0.0/0",
      nextHopType: "Internet",
    });
    const { topology } = extractTopology([route, inline, rt]);
    expect(topology.gatewaySubnets).toEqual([{ id: inline.urn, name: "hub", vnet: inline.urn, table: rt.urn }]);
    expect(topology.routeTables?.[0]).toMatchObject({
      propagation: true,
      routes: [{ prefix: "0.0.0.0/0", nextHop: "Internet", declaredBy: { id: route.urn, name: "default" } }],
    });
  });

  it("resolves the NSG through propertyDependencies in a brand-new preview where ids are unknown", () => {
    const subnet = native(
      "Subnet",
      "gw-subnet",
      { subnetName: "GatewaySubnet", virtualNetworkName: UNKNOWN, resourceGroupName: UNKNOWN, networkSecurityGroup: { id: UNKNOWN } },
      { propertyDependencies: { virtualNetworkName: [vnet.urn], networkSecurityGroup: [nsg.urn] } },
    );
    expect(extractTopology([vnet, nsg, subnet]).topology.gatewaySubnets).toEqual([
      { id: subnet.urn, name: "gw-subnet", vnet: vnet.urn, nsg: { id: nsg.urn, name: "nsg-hub" } },
    ]);
  });

  it("reads a propagation flag unknown during preview as unknown", () => {
    const rt = native("RouteTable", "rt", { routeTableName: "rt", disableBgpRoutePropagation: UNKNOWN });
    expect(extractTopology([rt]).topology.routeTables?.[0].propagation).toBeUndefined();
  });
});

describe("GatewaySubnet extraction from the classic provider", () => {
  const vnet = classic("virtualNetwork", "VirtualNetwork", "hub", { name: "hub", resourceGroupName: "rg", addressSpaces: ["10.0.0.0/16"] });
  const subnet = classic("subnet", "Subnet", "gw-subnet", {
    name: "GatewaySubnet",
    virtualNetworkName: "hub",
    resourceGroupName: "rg",
    addressPrefixes: ["10.0.255.0/27"],
  });
  const nsg = classic("networkSecurityGroup", "NetworkSecurityGroup", "nsg-hub", { name: "nsg-hub", resourceGroupName: "rg" });
  const subnetId = `${RG}/virtualNetworks/hub/subnets/GatewaySubnet`;

  it("reads the association resources, the inverted bgpRoutePropagationEnabled and inline routes", () => {
    const rt = classic("routeTable", "RouteTable", "hub-rt", {
      name: "hub-rt",
      resourceGroupName: "rg",
      bgpRoutePropagationEnabled: false,
      routes: [{ name: "all", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopInIpAddress: "10.0.1.4" }],
    });
    const nsgLink = classic("subnetNetworkSecurityGroupAssociation", "SubnetNetworkSecurityGroupAssociation", "gw-nsg", {
      id: subnetId,
      subnetId,
      networkSecurityGroupId: `${RG}/networkSecurityGroups/nsg-hub`,
    });
    const rtLink = classic("subnetRouteTableAssociation", "SubnetRouteTableAssociation", "gw-rt", {
      subnetId,
      routeTableId: `${RG}/routeTables/hub-rt`,
    });
    const { topology } = extractTopology([vnet, subnet, nsg, rt, nsgLink, rtLink]);
    expect(topology.gatewaySubnets).toEqual([
      { id: nsgLink.urn, name: "gw-nsg", vnet: vnet.urn, attachesOnly: true, nsg: { id: nsg.urn, name: "nsg-hub" } },
      { id: rtLink.urn, name: "gw-rt", vnet: vnet.urn, attachesOnly: true, table: rt.urn },
    ]);
    expect(topology.routeTables?.[0]).toMatchObject({ propagation: false, routes: [{ prefix: "0.0.0.0/0", nextHop: "VirtualAppliance" }] });
  });

  it("spells the propagation flag in the fix as the classic provider names it", () => {
    const rt = classic("routeTable", "RouteTable", "hub-rt", {
      name: "hub-rt",
      resourceGroupName: "rg",
      bgpRoutePropagationEnabled: false,
    });
    const rtLink = classic("subnetRouteTableAssociation", "SubnetRouteTableAssociation", "gw-rt", {
      subnetId,
      routeTableId: `${RG}/routeTables/hub-rt`,
    });
    const extraction = extractTopology([vnet, subnet, rt, rtLink]);
    const fixes = analyze(extraction.topology)
      .findings.filter((f) => f.category === "gateway-subnet")
      .map((f) => [f.code, renderSentence(f.fix.text, extraction.spell)]);
    expect(fixes).toEqual([
      [
        "propagation-disabled",
        "Turn gateway route propagation back on with bgpRoutePropagationEnabled of hub-rt, or give the GatewaySubnet of hub a route table that keeps it on.",
      ],
    ]);
  });

  it("reads the disableBgpRoutePropagation of v4-v5 programs, and a standalone Route", () => {
    const rt = classic("routeTable", "RouteTable", "hub-rt", { name: "hub-rt", resourceGroupName: "rg", disableBgpRoutePropagation: true });
    const route = classic("route", "Route", "spoke", {
      routeTableName: "hub-rt",
      resourceGroupName: "rg",
      addressPrefix: "10.1.0.0/16",
      nextHopType: "VirtualAppliance",
    });
    expect(extractTopology([rt, route]).topology.routeTables).toEqual([
      {
        id: rt.urn,
        name: "hub-rt",
        azureName: "hub-rt",
        propagation: false,
        routes: [{ prefix: "10.1.0.0/16", nextHop: "VirtualAppliance", declaredBy: { id: route.urn, name: "spoke" } }],
      },
    ]);
  });

  it("reads an inline subnet's securityGroup, and ignores associations of other subnets", () => {
    const inline = classic("virtualNetwork", "VirtualNetwork", "hub", {
      name: "hub",
      resourceGroupName: "rg",
      subnets: [{ name: "GatewaySubnet", addressPrefixes: ["10.0.255.0/27"], securityGroup: `${RG}/networkSecurityGroups/nsg-hub` }],
    });
    const appsId = `${RG}/virtualNetworks/hub/subnets/apps`;
    const appsLink = classic("subnetNetworkSecurityGroupAssociation", "SubnetNetworkSecurityGroupAssociation", "apps-nsg", {
      subnetId: appsId,
      networkSecurityGroupId: `${RG}/networkSecurityGroups/nsg-hub`,
    });
    expect(extractTopology([inline, nsg, appsLink]).topology.gatewaySubnets).toEqual([
      { id: inline.urn, name: "hub", vnet: inline.urn, nsg: { id: nsg.urn, name: "nsg-hub" } },
    ]);
  });

  it("resolves an association through propertyDependencies in a brand-new preview where ids are unknown", () => {
    const fresh = classic(
      "subnet",
      "Subnet",
      "gw-subnet",
      { name: "GatewaySubnet", virtualNetworkName: UNKNOWN, resourceGroupName: UNKNOWN },
      {
        propertyDependencies: { virtualNetworkName: [vnet.urn] },
      },
    );
    const link = classic(
      "subnetNetworkSecurityGroupAssociation",
      "SubnetNetworkSecurityGroupAssociation",
      "gw-nsg",
      { subnetId: UNKNOWN, networkSecurityGroupId: UNKNOWN },
      { propertyDependencies: { subnetId: [fresh.urn], networkSecurityGroupId: [nsg.urn] } },
    );
    expect(extractTopology([vnet, fresh, nsg, link]).topology.gatewaySubnets).toEqual([
      { id: link.urn, name: "gw-nsg", vnet: vnet.urn, attachesOnly: true, nsg: { id: nsg.urn, name: "nsg-hub" } },
    ]);
  });
});

import { extractTopology } from "../../policypack/extract/extract-topology";
import { UNKNOWN } from "../../policypack/extract/plain";
import { UNKNOWN_TERM } from "../../policypack/topology/security-rules";
import { RG, allowCollection, classic, httpsNetworkRule, native, resource } from "../helpers/raw-resources";

/** Extraction of what spec section 7 reads: subnets, NSG rules, route next hops and Azure Firewalls, from both providers. */

const HTTPS_RULE = {
  name: "allow-https",
  priority: 100,
  direction: "Inbound",
  access: "Allow",
  protocol: "Tcp",
  sourceAddressPrefix: "172.16.201.0/24",
  sourcePortRange: "*",
  destinationAddressPrefix: "*",
  destinationPortRanges: ["443", "8443"],
};
const HTTPS_RECORD = {
  name: "allow-https",
  priority: 100,
  direction: "inbound",
  access: "allow",
  protocol: "tcp",
  sources: ["172.16.201.0/24"],
  sourcePorts: ["*"],
  destinations: ["*"],
  destinationPorts: ["443", "8443"],
};

describe("subnets, NSGs and firewalls from azure-native", () => {
  const vnet = native("VirtualNetwork", "spoke", {
    virtualNetworkName: "spoke",
    resourceGroupName: "rg",
    addressSpace: { addressPrefixes: ["10.1.0.0/16"] },
    subnets: [{ name: "web", addressPrefix: "10.1.1.0/24", networkSecurityGroup: { id: `${RG}/networkSecurityGroups/nsg-web` } }],
  });
  const nsg = native("NetworkSecurityGroup", "nsg-web", {
    networkSecurityGroupName: "nsg-web",
    resourceGroupName: "rg",
    securityRules: [HTTPS_RULE],
  });

  it("reads inline subnets with their prefixes and NSG, and the NSG's inline and standalone rules", () => {
    const rule = native("SecurityRule", "deny-all", {
      securityRuleName: "deny-all",
      networkSecurityGroupName: "nsg-web",
      resourceGroupName: "rg",
      priority: 4000,
      direction: "Inbound",
      access: "Deny",
      protocol: "*",
      sourceAddressPrefix: "*",
      sourcePortRange: "*",
      destinationAddressPrefix: "*",
      destinationPortRange: "*",
      sourceApplicationSecurityGroups: [{ id: `${RG}/applicationSecurityGroups/asg-admin` }],
    });
    const { topology } = extractTopology([rule, vnet, nsg]);
    expect(topology.subnets).toEqual([
      {
        id: `${vnet.urn}#subnets/web`,
        name: "web",
        declaredBy: { id: vnet.urn, name: "spoke" },
        vnet: vnet.urn,
        prefixes: ["10.1.1.0/24"],
        nsg: { id: nsg.urn, name: "nsg-web" },
      },
    ]);
    expect(topology.nsgs).toEqual([
      {
        id: nsg.urn,
        name: "nsg-web",
        rules: [
          { id: `${nsg.urn}#allow-https`, ...HTTPS_RECORD },
          {
            id: rule.urn,
            name: "deny-all",
            priority: 4000,
            direction: "inbound",
            access: "deny",
            protocol: "any",
            sources: ["*", `asg:${RG}/applicationSecurityGroups/asg-admin`],
            sourcePorts: ["*"],
            destinations: ["*"],
            destinationPorts: ["*"],
          },
        ],
      },
    ]);
  });

  it("reads a firewall with its policy's rule collection groups, and names it on a route to its address", () => {
    const firewall = native("AzureFirewall", "fw", {
      azureFirewallName: "fw",
      resourceGroupName: "rg",
      ipConfigurations: [
        { name: "ip", subnet: { id: `${RG}/virtualNetworks/spoke/subnets/AzureFirewallSubnet` }, privateIPAddress: "10.1.255.4" },
      ],
      firewallPolicy: { id: `${RG}/firewallPolicies/policy` },
    });
    const policy = native("FirewallPolicy", "policy", { firewallPolicyName: "policy", resourceGroupName: "rg" });
    const group = native("FirewallPolicyRuleCollectionGroup", "p2s", {
      firewallPolicyName: "policy",
      resourceGroupName: "rg",
      ruleCollectionGroupName: "p2s",
      priority: 200,
      ruleCollections: [
        allowCollection([
          httpsNetworkRule("172.16.201.0/24", "10.1.1.0/24"),
          {
            ruleType: "ApplicationRule",
            name: "web",
            protocols: [{ protocolType: "Https", port: 443 }],
            sourceAddresses: ["*"],
            targetFqdns: ["example.com"],
          },
        ]),
        {
          ruleCollectionType: "FirewallPolicyNatRuleCollection",
          name: "dnat",
          priority: 50,
          rules: [{ ruleType: "NatRule", name: "rdp" }],
        },
      ],
    });
    const table = native("RouteTable", "rt", {
      routeTableName: "rt",
      resourceGroupName: "rg",
      routes: [{ name: "pool", addressPrefix: "172.16.201.0/24", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.1.255.4" }],
    });
    const { topology } = extractTopology([group, firewall, policy, table, vnet]);
    const rule = { sourceGroups: [], destinationGroups: [], destinationFqdns: [] as string[] };
    expect(topology.firewalls).toEqual([
      {
        id: firewall.urn,
        name: "fw",
        azureName: "fw",
        vnet: vnet.urn,
        addresses: ["10.1.255.4"],
        rules: {
          collections: [
            {
              name: "vpn",
              kind: "network",
              group: "p2s",
              groupPriority: 200,
              priority: 100,
              action: "allow",
              rules: [
                {
                  ...rule,
                  name: "https",
                  protocols: ["TCP"],
                  sources: ["172.16.201.0/24"],
                  destinations: ["10.1.1.0/24"],
                  destinationPorts: ["443"],
                },
              ],
            },
            {
              name: "vpn",
              kind: "application",
              group: "p2s",
              groupPriority: 200,
              priority: 100,
              action: "allow",
              rules: [
                {
                  ...rule,
                  name: "web",
                  protocols: ["Https:443"],
                  sources: ["*"],
                  destinations: [],
                  destinationFqdns: ["example.com"],
                  destinationPorts: [],
                },
              ],
            },
          ],
        },
      },
    ]);
    expect(topology.routeTables?.[0].routes).toEqual([
      {
        name: "pool",
        prefix: "172.16.201.0/24",
        nextHop: "VirtualAppliance",
        nextHopAddress: "10.1.255.4",
        appliance: { id: firewall.urn, name: "fw" },
      },
    ]);
  });

  it("names the firewall on a route through propertyDependencies in a brand-new preview, and marks unknown rule values", () => {
    const firewall = native("AzureFirewall", "fw", { resourceGroupName: UNKNOWN, ipConfigurations: UNKNOWN });
    const route = native(
      "Route",
      "pool",
      {
        routeTableName: UNKNOWN,
        resourceGroupName: UNKNOWN,
        addressPrefix: "172.16.201.0/24",
        nextHopType: "VirtualAppliance",
        nextHopIpAddress: UNKNOWN,
      },
      { propertyDependencies: { nextHopIpAddress: [firewall.urn], routeTableName: [] } },
    );
    const table = native("RouteTable", "rt", { resourceGroupName: UNKNOWN });
    const withTable = { ...route, propertyDependencies: { ...route.propertyDependencies, routeTableName: [table.urn] } };
    const unknownNsg = native("NetworkSecurityGroup", "nsg", { securityRules: [{ ...HTTPS_RULE, sourceAddressPrefix: UNKNOWN }] });
    const { topology } = extractTopology([firewall, withTable, table, unknownNsg]);
    expect(topology.routeTables?.[0].routes).toEqual([
      {
        name: undefined,
        prefix: "172.16.201.0/24",
        nextHop: "VirtualAppliance",
        appliance: { id: firewall.urn, name: "fw" },
        declaredBy: { id: route.urn, name: "pool" },
      },
    ]);
    expect(topology.nsgs?.[0].rules[0].sources).toEqual([UNKNOWN_TERM]);
  });
});

describe("subnets, NSGs and firewalls from the classic provider", () => {
  const vnet = classic("virtualNetwork", "VirtualNetwork", "spoke", {
    name: "spoke",
    resourceGroupName: "rg",
    addressSpaces: ["10.1.0.0/16"],
  });
  const subnet = classic("subnet", "Subnet", "web", {
    name: "web",
    virtualNetworkName: "spoke",
    resourceGroupName: "rg",
    addressPrefixes: ["10.1.1.0/24"],
    privateEndpointNetworkPolicies: "NetworkSecurityGroupEnabled",
  });
  const subnetId = `${RG}/virtualNetworks/spoke/subnets/web`;
  const nsg = classic("networkSecurityGroup", "NetworkSecurityGroup", "nsg-web", {
    name: "nsg-web",
    resourceGroupName: "rg",
    securityRules: [HTTPS_RULE],
  });

  it("attaches the NSG and route table of the association resources to the standalone subnet", () => {
    const rt = classic("routeTable", "RouteTable", "rt", { name: "rt", resourceGroupName: "rg" });
    const nsgLink = classic("subnetNetworkSecurityGroupAssociation", "SubnetNetworkSecurityGroupAssociation", "web-nsg", {
      subnetId,
      networkSecurityGroupId: `${RG}/networkSecurityGroups/nsg-web`,
    });
    const rtLink = classic("subnetRouteTableAssociation", "SubnetRouteTableAssociation", "web-rt", {
      subnetId,
      routeTableId: `${RG}/routeTables/rt`,
    });
    const { topology } = extractTopology([
      nsgLink,
      rtLink,
      vnet,
      nsg,
      rt,
      { ...subnet, props: { ...(subnet.props as Record<string, unknown>), id: subnetId } },
    ]);
    expect(topology.subnets).toEqual([
      {
        id: subnet.urn,
        name: "web",
        declaredBy: { id: subnet.urn, name: "web" },
        vnet: vnet.urn,
        prefixes: ["10.1.1.0/24"],
        endpointPolicies: "NetworkSecurityGroupEnabled",
        nsg: { id: nsg.urn, name: "nsg-web" },
        table: rt.urn,
      },
    ]);
    expect(topology.nsgs?.[0].rules).toEqual([{ id: `${nsg.urn}#allow-https`, ...HTTPS_RECORD }]);
  });

  it("reads a standalone NetworkSecurityRule and the firewall's own network rule collections", () => {
    const rule = classic("networkSecurityRule", "NetworkSecurityRule", "deny-vpn", {
      name: "deny-vpn",
      networkSecurityGroupName: "nsg-web",
      resourceGroupName: "rg",
      priority: 200,
      direction: "Inbound",
      access: "Deny",
      protocol: "Tcp",
      sourceAddressPrefixes: ["172.16.201.0/25", "172.16.201.128/25"],
      sourcePortRange: "*",
      destinationAddressPrefix: "*",
      destinationPortRange: "3389",
      destinationApplicationSecurityGroupIds: `${RG}/applicationSecurityGroups/asg-db`,
    });
    const firewall = classic("firewall", "Firewall", "fw", {
      name: "fw",
      resourceGroupName: "rg",
      ipConfigurations: [
        { name: "ip", subnetId: `${RG}/virtualNetworks/spoke/subnets/AzureFirewallSubnet`, privateIpAddress: "10.1.255.4" },
      ],
    });
    const collection = classic("firewallNetworkRuleCollection", "FirewallNetworkRuleCollection", "vpn", {
      name: "vpn",
      azureFirewallName: "fw",
      resourceGroupName: "rg",
      priority: 100,
      action: "Deny",
      rules: [
        {
          name: "ssh",
          protocols: ["TCP"],
          sourceAddresses: ["*"],
          sourceIpGroups: [`${RG}/ipGroups/admins`],
          destinationAddresses: ["*"],
          destinationPorts: ["22"],
        },
      ],
    });
    const { topology } = extractTopology([rule, collection, vnet, nsg, firewall]);
    expect(topology.nsgs?.[0].rules[1]).toMatchObject({
      name: "deny-vpn",
      sources: ["172.16.201.0/25", "172.16.201.128/25"],
      destinations: ["*", "asg:" + `${RG}/applicationSecurityGroups/asg-db`],
    });
    expect(topology.firewalls?.[0]).toMatchObject({
      vnet: vnet.urn,
      addresses: ["10.1.255.4"],
      rules: {
        collections: [
          {
            name: "vpn",
            kind: "network",
            groupPriority: 0,
            priority: 100,
            action: "deny",
            rules: [
              {
                name: "ssh",
                protocols: ["TCP"],
                sources: ["*"],
                sourceGroups: [`${RG}/ipGroups/admins`],
                destinations: ["*"],
                destinationGroups: [],
                destinationFqdns: [],
                destinationPorts: ["22"],
              },
            ],
          },
        ],
      },
    });
  });

  it("says the rules are not known when the firewall's policy is outside the stack", () => {
    const firewall = classic("firewall", "Firewall", "fw", { name: "fw", firewallPolicyId: `${RG}/firewallPolicies/central` });
    expect(extractTopology([firewall]).topology.firewalls?.[0].rules).toEqual({
      unknownBecause: "its firewall policy central is not in the stack",
    });
  });
});

describe("network interfaces from both providers", () => {
  it("reads an azure-native NIC's inline subnet, private address and own NSG", () => {
    const vnet = native("VirtualNetwork", "spoke", {
      virtualNetworkName: "spoke",
      resourceGroupName: "rg",
      subnets: [{ name: "web", addressPrefix: "10.1.1.0/24" }],
    });
    const nsg = native("NetworkSecurityGroup", "nsg-vm", { networkSecurityGroupName: "nsg-vm", resourceGroupName: "rg" });
    const nic = native("NetworkInterface", "vm-nic", {
      networkInterfaceName: "vm-nic",
      resourceGroupName: "rg",
      ipConfigurations: [{ name: "ip", subnet: { id: `${RG}/virtualNetworks/spoke/subnets/web` }, privateIPAddress: "10.1.1.4" }],
      networkSecurityGroup: { id: `${RG}/networkSecurityGroups/nsg-vm` },
    });
    expect(extractTopology([nic, vnet, nsg]).topology.nics).toEqual([
      {
        id: nic.urn,
        name: "vm-nic",
        azureName: "vm-nic",
        subnet: `${vnet.urn}#subnets/web`,
        addresses: ["10.1.1.4"],
        nsg: { id: nsg.urn, name: "nsg-vm" },
      },
    ]);
  });

  it("attaches a classic NIC's NSG through its association, whatever the order they are declared in", () => {
    const subnet = classic("subnet", "Subnet", "web", { name: "web", virtualNetworkName: "spoke", resourceGroupName: "rg" });
    const nsg = classic("networkSecurityGroup", "NetworkSecurityGroup", "nsg-vm", { name: "nsg-vm", resourceGroupName: "rg" });
    const nic = classic(
      "networkInterface",
      "NetworkInterface",
      "vm-nic",
      {
        name: "vm-nic",
        resourceGroupName: "rg",
        ipConfigurations: [{ name: "ip", subnetId: UNKNOWN, privateIpAddress: "10.1.1.4" }],
      },
      { propertyDependencies: { ipConfigurations: [subnet.urn] } },
    );
    const link = classic("networkInterfaceSecurityGroupAssociation", "NetworkInterfaceSecurityGroupAssociation", "vm-nic-nsg", {
      networkInterfaceId: `${RG}/networkInterfaces/vm-nic`,
      networkSecurityGroupId: `${RG}/networkSecurityGroups/nsg-vm`,
    });
    expect(extractTopology([link, nic, subnet, nsg]).topology.nics).toEqual([
      {
        id: nic.urn,
        name: "vm-nic",
        azureName: "vm-nic",
        subnet: subnet.urn,
        addresses: ["10.1.1.4"],
        nsg: { id: nsg.urn, name: "nsg-vm" },
      },
    ]);
  });
});

describe("coverage of network resource types", () => {
  it("counts every network type the pack does not read, Virtual WAN's marked, and none it reads", () => {
    const resources = [
      native("LoadBalancer", "lb", {}),
      native("ApplicationSecurityGroup", "asg", {}),
      native("ApplicationSecurityGroup", "asg2", {}),
      resource("azure:network/virtualHubBgpConnection:VirtualHubBgpConnection", "nva", {}),
      native("NetworkSecurityGroup", "nsg", {}),
      resource("azure-native:storage:StorageAccount", "data", {}),
    ];
    expect(extractTopology(resources).coverage).toEqual({
      read: 1,
      notRead: [
        { type: "azure-native:network:ApplicationSecurityGroup", count: 2, virtualWan: false },
        { type: "azure-native:network:LoadBalancer", count: 1, virtualWan: false },
        { type: "azure:network/virtualHubBgpConnection:VirtualHubBgpConnection", count: 1, virtualWan: true },
      ],
    });
  });
});

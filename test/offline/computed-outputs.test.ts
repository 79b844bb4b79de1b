import * as azure from "@pulumi/azure";
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import * as pulumi from "@pulumi/pulumi";
import { ComputedOutputs } from "../../offline/computed-outputs";
import type { Registration } from "../../offline/registration";
import { record } from "../helpers/record";

/**
 * Programs that read what Azure computes (a firewall's private address, inline subnets' ids, a
 * hub's default route table) recorded as a deployed stack: with the ids, names and outputs Azure
 * gives, so that what they pass on to other resources is what a deployment would pass.
 */

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const net = (rg: string) => `${SUB}/resourceGroups/${rg}/providers/Microsoft.Network`;

/** Resolves an output once the recorded program has run (its values are known in deployed mode). */
function read<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

function byName(registrations: Registration[], name: string): Registration {
  const found = registrations.find((r) => r.name === name);
  if (!found) throw new Error(`no registration ${name}`);
  return found;
}

/** [logical name, id, Azure name], by logical name: registration order follows when inputs resolve. */
const ids = (registrations: Registration[]) =>
  registrations.map((r) => [r.name, r.id, r.azureName]).sort(([a], [b]) => (String(a) < String(b) ? -1 : 1));

describe("azure-native resources recorded as deployed", () => {
  let outputs: Record<string, Promise<unknown>> = {};

  function program(): void {
    outputs = {};
    const rg = new resources.ResourceGroup("rg", { resourceGroupName: "net-rg" });
    const vnet = new network.VirtualNetwork("hub-vnet", {
      resourceGroupName: rg.name,
      virtualNetworkName: "hub-vnet",
      addressSpace: { addressPrefixes: ["10.0.0.0/16"] },
      subnets: [
        { name: "AzureFirewallSubnet", addressPrefix: "10.0.3.0/26" },
        { name: "workload", addressPrefixes: ["10.0.1.0/24"] },
      ],
    });
    const firewallSubnet = vnet.subnets.apply((s) => s![0].id!);
    const workloadSubnet = vnet.subnets.apply((s) => s![1].id!);
    const ip = new network.PublicIPAddress("fw-ip", { resourceGroupName: rg.name, publicIpAddressName: "fw-ip" });
    const fw = new network.AzureFirewall("fw", {
      resourceGroupName: rg.name,
      azureFirewallName: "hub-fw",
      ipConfigurations: [{ name: "fw-config", subnet: { id: firewallSubnet }, publicIPAddress: { id: ip.id } }],
    });
    const firewallAddress = fw.ipConfigurations.apply((c) => c![0].privateIPAddress!);
    const rt = new network.RouteTable("rt", {
      resourceGroupName: rg.name,
      routeTableName: "spoke-rt",
      routes: [{ name: "default", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: firewallAddress }],
    });
    new network.Route("to-onprem", {
      resourceGroupName: rg.name,
      routeTableName: rt.name,
      addressPrefix: "192.168.0.0/16",
      nextHopType: "VirtualAppliance",
      nextHopIpAddress: firewallAddress,
    });
    const nsg = new network.NetworkSecurityGroup("nsg", {
      resourceGroupName: rg.name,
      networkSecurityGroupName: "spoke-nsg",
      securityRules: [{ name: "deny-all", access: "Deny", direction: "Inbound", protocol: "*", priority: 4096 }],
    });
    new network.SecurityRule("allow-ssh", {
      resourceGroupName: rg.name,
      networkSecurityGroupName: nsg.name,
      securityRuleName: "allow-ssh",
      access: "Allow",
      direction: "Inbound",
      protocol: "Tcp",
      priority: 100,
    });
    const staticNic = new network.NetworkInterface("static-nic", {
      resourceGroupName: rg.name,
      networkInterfaceName: "static-nic",
      ipConfigurations: [
        { name: "ipconfig1", subnet: { id: workloadSubnet }, privateIPAllocationMethod: "Static", privateIPAddress: "10.0.1.10" },
      ],
    });
    const nic = new network.NetworkInterface("vm-nic", {
      resourceGroupName: rg.name,
      ipConfigurations: [{ name: "ipconfig1", subnet: { id: workloadSubnet } }],
    });
    const unknownSubnet = new network.NetworkInterface("elsewhere-nic", {
      resourceGroupName: rg.name,
      networkInterfaceName: "elsewhere-nic",
      ipConfigurations: [{ name: "ipconfig1", subnet: { id: `${net("other-rg")}/virtualNetworks/other/subnets/default` } }],
    });
    const policy = new network.FirewallPolicy("policy", { resourceGroupName: rg.name, firewallPolicyName: "hub-policy" });
    new network.FirewallPolicyRuleCollectionGroup("rcg", {
      resourceGroupName: rg.name,
      firewallPolicyName: policy.name,
      ruleCollectionGroupName: "spokes",
      priority: 200,
    });

    const wan = new network.VirtualWan("wan", { resourceGroupName: rg.name, virtualWANName: "corp-wan" });
    const hub = new network.VirtualHub("hub", {
      resourceGroupName: rg.name,
      virtualHubName: "hub-we",
      addressPrefix: "10.100.0.0/23",
      virtualWan: { id: wan.id },
    });
    new network.HubRouteTable("spokes-rt", { resourceGroupName: rg.name, virtualHubName: hub.name, routeTableName: "spokes" });
    new network.HubVirtualNetworkConnection("hub-to-vnet", {
      resourceGroupName: rg.name,
      virtualHubName: hub.name,
      connectionName: "hub-to-vnet",
      remoteVirtualNetwork: { id: vnet.id },
    });
    new network.RoutingIntent("intent", { resourceGroupName: rg.name, virtualHubName: hub.name, routingIntentName: "intent" });
    const vpnConfig = new network.VpnServerConfiguration("p2s-config", {
      resourceGroupName: rg.name,
      vpnServerConfigurationName: "p2s-config",
      properties: { vpnProtocols: ["IkeV2"], configurationPolicyGroups: [{ name: "staff", isDefault: true, priority: 0 }] },
    });
    const p2s = new network.P2sVpnGateway("p2s", {
      resourceGroupName: rg.name,
      gatewayName: "hub-p2s",
      virtualHub: { id: hub.id },
      vpnServerConfiguration: { id: vpnConfig.id },
      p2SConnectionConfigurations: [{ name: "staff", vpnClientAddressPool: { addressPrefixes: ["172.16.0.0/24"] } }],
    });
    const site = new network.VpnSite("branch", {
      resourceGroupName: rg.name,
      vpnSiteName: "branch",
      virtualWan: { id: wan.id },
      vpnSiteLinks: [{ name: "isp1", ipAddress: "203.0.113.1" }],
    });
    const s2s = new network.VpnGateway("s2s", { resourceGroupName: rg.name, gatewayName: "hub-s2s", virtualHub: { id: hub.id } });
    new network.VpnConnection("to-branch", {
      resourceGroupName: rg.name,
      gatewayName: s2s.name,
      connectionName: "to-branch",
      remoteVpnSite: { id: site.id },
      vpnLinkConnections: [{ name: "isp1", vpnSiteLink: { id: site.vpnSiteLinks.apply((l) => l![0].id!) } }],
    });
    const er = new network.ExpressRouteGateway("er", {
      resourceGroupName: rg.name,
      expressRouteGatewayName: "hub-er",
      virtualHub: { id: hub.id },
    });
    new network.ExpressRouteConnection("er-conn", {
      resourceGroupName: rg.name,
      expressRouteGatewayName: er.name,
      connectionName: "er-conn",
      name: "er-conn",
      expressRouteCircuitPeering: { id: `${net("er-rg")}/expressRouteCircuits/c/peerings/AzurePrivatePeering` },
    });

    outputs = {
      firewall: read(fw.ipConfigurations),
      routes: read(rt.routes),
      securityRules: read(nsg.securityRules),
      subnets: read(vnet.subnets),
      staticNic: read(staticNic.ipConfigurations),
      nic: read(nic.ipConfigurations),
      unknownSubnet: read(unknownSubnet.ipConfigurations),
      hubAsn: read(hub.virtualRouterAsn),
      p2s: read(p2s.p2SConnectionConfigurations),
      policyGroups: read(vpnConfig.properties.apply((p) => p.configurationPolicyGroups)),
    };
  }

  let deployed: Registration[];
  let seen: Record<string, unknown>;
  beforeAll(async () => {
    deployed = await record(program, false);
    seen = Object.fromEntries(await Promise.all(Object.entries(outputs).map(async ([k, v]) => [k, await v])));
  });

  it("gives every network and Virtual WAN resource its ARM id and Azure name", () => {
    const n = net("net-rg");
    expect(ids(deployed)).toEqual([
      ["allow-ssh", `${n}/networkSecurityGroups/spoke-nsg/securityRules/allow-ssh`, "allow-ssh"],
      ["branch", `${n}/vpnSites/branch`, "branch"],
      ["elsewhere-nic", `${n}/networkInterfaces/elsewhere-nic`, "elsewhere-nic"],
      ["er", `${n}/expressRouteGateways/hub-er`, "hub-er"],
      ["er-conn", `${n}/expressRouteGateways/hub-er/expressRouteConnections/er-conn`, "er-conn"],
      ["fw", `${n}/azureFirewalls/hub-fw`, "hub-fw"],
      ["fw-ip", `${n}/publicIPAddresses/fw-ip`, "fw-ip"],
      ["hub", `${n}/virtualHubs/hub-we`, "hub-we"],
      ["hub-to-vnet", `${n}/virtualHubs/hub-we/hubVirtualNetworkConnections/hub-to-vnet`, "hub-to-vnet"],
      ["hub-vnet", `${n}/virtualNetworks/hub-vnet`, "hub-vnet"],
      ["intent", `${n}/virtualHubs/hub-we/routingIntent/intent`, "intent"],
      ["nsg", `${n}/networkSecurityGroups/spoke-nsg`, "spoke-nsg"],
      ["p2s", `${n}/p2svpnGateways/hub-p2s`, "hub-p2s"],
      ["p2s-config", `${n}/vpnServerConfigurations/p2s-config`, "p2s-config"],
      ["policy", `${n}/firewallPolicies/hub-policy`, "hub-policy"],
      ["rcg", `${n}/firewallPolicies/hub-policy/ruleCollectionGroups/spokes`, "spokes"],
      ["rg", `${SUB}/resourceGroups/net-rg`, "net-rg"],
      ["rt", `${n}/routeTables/spoke-rt`, "spoke-rt"],
      ["s2s", `${n}/vpnGateways/hub-s2s`, "hub-s2s"],
      ["spokes-rt", `${n}/virtualHubs/hub-we/hubRouteTables/spokes`, "spokes"],
      ["static-nic", `${n}/networkInterfaces/static-nic`, "static-nic"],
      ["to-branch", `${n}/vpnGateways/hub-s2s/vpnConnections/to-branch`, "to-branch"],
      ["to-onprem", `${n}/routeTables/spoke-rt/routes/to-onpremfe91753a`, "to-onpremfe91753a"],
      ["vm-nic", `${n}/networkInterfaces/vm-nic5a988fe6`, "vm-nic5a988fe6"],
      ["wan", `${n}/virtualWans/corp-wan`, "corp-wan"],
    ]);
  });

  it("routes to the firewall's private address, the 4th of the AzureFirewallSubnet", () => {
    expect({
      firewall: seen.firewall,
      routeTable: byName(deployed, "rt").inputs.routes,
      route: byName(deployed, "to-onprem").inputs.nextHopIpAddress,
    }).toEqual({
      firewall: [
        {
          name: "fw-config",
          id: `${net("net-rg")}/azureFirewalls/hub-fw/azureFirewallIpConfigurations/fw-config`,
          subnet: { id: `${net("net-rg")}/virtualNetworks/hub-vnet/subnets/AzureFirewallSubnet` },
          publicIPAddress: { id: `${net("net-rg")}/publicIPAddresses/fw-ip` },
          privateIPAddress: "10.0.3.4",
        },
      ],
      routeTable: [{ name: "default", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: "10.0.3.4" }],
      route: "10.0.3.4",
    });
  });

  it("gives inline subnets, routes and security rules ids below their parent", () => {
    const n = net("net-rg");
    expect({ subnets: seen.subnets, routes: seen.routes, securityRules: seen.securityRules }).toEqual({
      subnets: [
        { name: "AzureFirewallSubnet", addressPrefix: "10.0.3.0/26", id: `${n}/virtualNetworks/hub-vnet/subnets/AzureFirewallSubnet` },
        { name: "workload", addressPrefixes: ["10.0.1.0/24"], id: `${n}/virtualNetworks/hub-vnet/subnets/workload` },
      ],
      routes: [
        {
          name: "default",
          addressPrefix: "0.0.0.0/0",
          nextHopType: "VirtualAppliance",
          nextHopIpAddress: "10.0.3.4",
          id: `${n}/routeTables/spoke-rt/routes/default`,
        },
      ],
      securityRules: [
        {
          name: "deny-all",
          access: "Deny",
          direction: "Inbound",
          protocol: "*",
          priority: 4096,
          id: `${n}/networkSecurityGroups/spoke-nsg/securityRules/deny-all`,
        },
      ],
    });
  });

  it("puts NICs on an inline subnet, a dynamic one at the subnet's first free address, and gives none where the prefix is unknown", () => {
    const n = net("net-rg");
    const workload = `${n}/virtualNetworks/hub-vnet/subnets/workload`;
    expect({
      staticInput: byName(deployed, "static-nic").inputs.ipConfigurations,
      staticNic: seen.staticNic,
      nic: seen.nic,
      unknownSubnet: seen.unknownSubnet,
    }).toEqual({
      staticInput: [{ name: "ipconfig1", subnet: { id: workload }, privateIPAllocationMethod: "Static", privateIPAddress: "10.0.1.10" }],
      staticNic: [
        {
          name: "ipconfig1",
          id: `${n}/networkInterfaces/static-nic/ipConfigurations/ipconfig1`,
          subnet: { id: workload },
          privateIPAllocationMethod: "Static",
          privateIPAddress: "10.0.1.10",
        },
      ],
      nic: [
        {
          name: "ipconfig1",
          id: `${n}/networkInterfaces/vm-nic5a988fe6/ipConfigurations/ipconfig1`,
          subnet: { id: workload },
          privateIPAddress: "10.0.1.4",
        },
      ],
      unknownSubnet: [
        {
          name: "ipconfig1",
          id: `${n}/networkInterfaces/elsewhere-nic/ipConfigurations/ipconfig1`,
          subnet: { id: `${net("other-rg")}/virtualNetworks/other/subnets/default` },
        },
      ],
    });
  });

  it("gives Virtual WAN children their ids and a hub the router ASN Azure gives", () => {
    const n = net("net-rg");
    expect({
      hubAsn: seen.hubAsn,
      p2s: seen.p2s,
      policyGroups: seen.policyGroups,
      linkConnection: byName(deployed, "to-branch").inputs.vpnLinkConnections,
    }).toEqual({
      hubAsn: 65515,
      p2s: [
        {
          name: "staff",
          vpnClientAddressPool: { addressPrefixes: ["172.16.0.0/24"] },
          id: `${n}/p2svpnGateways/hub-p2s/p2sConnectionConfigurations/staff`,
        },
      ],
      policyGroups: [
        { name: "staff", isDefault: true, priority: 0, id: `${n}/vpnServerConfigurations/p2s-config/configurationPolicyGroups/staff` },
      ],
      linkConnection: [{ name: "isp1", vpnSiteLink: { id: `${n}/vpnSites/branch/vpnSiteLinks/isp1` } }],
    });
  });

  it("leaves the firewall's address unknown in a new stack's preview, as before", async () => {
    const preview = await record(program, true);
    expect([byName(preview, "to-onprem").inputs.nextHopIpAddress, byName(preview, "fw").id]).toEqual([UNKNOWN, undefined]);
  });
});

describe("classic azure resources recorded as deployed", () => {
  let outputs: Record<string, Promise<unknown>> = {};

  function program(): void {
    const rg = new azure.core.ResourceGroup("rg", { name: "classic-rg", location: "westeurope" });
    const common = { resourceGroupName: rg.name, location: rg.location };
    const vnet = new azure.network.VirtualNetwork("vnet", {
      ...common,
      name: "classic-vnet",
      addressSpaces: ["10.1.0.0/16"],
      subnets: [
        { name: "AzureFirewallSubnet", addressPrefixes: ["10.1.3.0/26"] },
        { name: "workload", addressPrefixes: ["10.1.1.0/24"] },
      ],
    });
    const firewallSubnet = vnet.subnets.apply((s) => s[0].id);
    const workloadSubnet = vnet.subnets.apply((s) => s[1].id);
    const ip = new azure.network.PublicIp("fw-ip", { ...common, name: "fw-ip", allocationMethod: "Static", sku: "Standard" });
    const fw = new azure.network.Firewall("fw", {
      ...common,
      name: "classic-fw",
      skuName: "AZFW_VNet",
      skuTier: "Standard",
      ipConfigurations: [{ name: "fw-config", subnetId: firewallSubnet, publicIpAddressId: ip.id }],
    });
    const firewallAddress = fw.ipConfigurations.apply((c) => c![0].privateIpAddress);
    const rt = new azure.network.RouteTable("rt", {
      ...common,
      name: "classic-rt",
      routes: [{ name: "default", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopInIpAddress: firewallAddress }],
    });
    new azure.network.Route("to-onprem", {
      resourceGroupName: rg.name,
      routeTableName: rt.name,
      name: "to-onprem",
      addressPrefix: "192.168.0.0/16",
      nextHopType: "VirtualAppliance",
      nextHopInIpAddress: firewallAddress,
    });
    new azure.network.SubnetRouteTableAssociation("rt-assoc", { subnetId: workloadSubnet, routeTableId: rt.id });
    const nsg = new azure.network.NetworkSecurityGroup("nsg", { ...common, name: "classic-nsg" });
    new azure.network.NetworkSecurityRule("allow-ssh", {
      resourceGroupName: rg.name,
      networkSecurityGroupName: nsg.name,
      name: "allow-ssh",
      access: "Allow",
      direction: "Inbound",
      protocol: "Tcp",
      priority: 100,
    });
    new azure.network.SubnetNetworkSecurityGroupAssociation("nsg-assoc", { subnetId: workloadSubnet, networkSecurityGroupId: nsg.id });
    const nic = new azure.network.NetworkInterface("nic", {
      ...common,
      name: "classic-nic",
      ipConfigurations: [{ name: "ipconfig1", subnetId: workloadSubnet, privateIpAddressAllocation: "Dynamic" }],
    });
    new azure.network.FirewallNetworkRuleCollection("fw-rules", {
      resourceGroupName: rg.name,
      azureFirewallName: fw.name,
      name: "spokes",
      action: "Allow",
      priority: 100,
      rules: [{ name: "any", destinationPorts: ["*"], protocols: ["Any"], sourceAddresses: ["10.1.0.0/16"], destinationAddresses: ["*"] }],
    });
    const policy = new azure.network.FirewallPolicy("policy", { ...common, name: "classic-policy" });
    new azure.network.FirewallPolicyRuleCollectionGroup("rcg", { firewallPolicyId: policy.id, name: "spokes", priority: 200 });

    const wan = new azure.network.VirtualWan("wan", { ...common, name: "classic-wan" });
    const hub = new azure.network.VirtualHub("hub", {
      ...common,
      name: "classic-hub",
      addressPrefix: "10.200.0.0/23",
      virtualWanId: wan.id,
    });
    new azure.network.VirtualHubRouteTable("spokes-rt", { virtualHubId: hub.id, name: "spokes" });
    new azure.network.VirtualHubConnection("hub-to-vnet", {
      virtualHubId: hub.id,
      name: "hub-to-vnet",
      remoteVirtualNetworkId: vnet.id,
      routing: { associatedRouteTableId: hub.defaultRouteTableId },
    });
    new azure.network.RoutingIntent("intent", {
      virtualHubId: hub.id,
      name: "intent",
      routingPolicies: [{ name: "PrivateTrafficPolicy", destinations: ["PrivateTraffic"], nextHop: fw.id }],
    });
    const vpnConfig = new azure.network.VpnServerConfiguration("p2s-config", {
      ...common,
      name: "p2s-config",
      vpnAuthenticationTypes: ["Certificate"],
    });
    new azure.network.PointToPointVpnGateway("p2s", {
      ...common,
      name: "classic-p2s",
      virtualHubId: hub.id,
      vpnServerConfigurationId: vpnConfig.id,
      scaleUnit: 1,
      connectionConfigurations: [{ name: "staff", vpnClientAddressPool: { addressPrefixes: ["172.17.0.0/24"] } }],
    });
    const site = new azure.network.VpnSite("branch", {
      ...common,
      name: "branch",
      virtualWanId: wan.id,
      links: [{ name: "isp1", ipAddress: "203.0.113.1" }],
    });
    const s2s = new azure.network.VpnGateway("s2s", { ...common, name: "classic-s2s", virtualHubId: hub.id });
    new azure.network.VpnGatewayConnection("to-branch", {
      name: "to-branch",
      vpnGatewayId: s2s.id,
      remoteVpnSiteId: site.id,
      vpnLinks: [{ name: "isp1", vpnSiteLinkId: site.links.apply((l) => l![0].id) }],
    });
    const er = new azure.network.ExpressRouteGateway("er", { ...common, name: "classic-er", virtualHubId: hub.id, scaleUnits: 1 });
    new azure.network.ExpressRouteConnection("er-conn", {
      name: "er-conn",
      expressRouteGatewayId: er.id,
      expressRouteCircuitPeeringId: `${net("er-rg")}/expressRouteCircuits/c/peerings/AzurePrivatePeering`,
    });

    outputs = {
      firewall: read(fw.ipConfigurations),
      subnets: read(vnet.subnets),
      nic: read(pulumi.all([nic.ipConfigurations, nic.privateIpAddress, nic.privateIpAddresses])),
      defaultRouteTableId: read(hub.defaultRouteTableId),
    };
  }

  let deployed: Registration[];
  let seen: Record<string, unknown>;
  beforeAll(async () => {
    deployed = await record(program, false);
    seen = Object.fromEntries(await Promise.all(Object.entries(outputs).map(async ([k, v]) => [k, await v])));
  });

  it("gives every network and Virtual WAN resource its ARM id and Azure name, and associations their subnet's id", () => {
    const n = net("classic-rg");
    const workload = `${n}/virtualNetworks/classic-vnet/subnets/workload`;
    expect(ids(deployed)).toEqual([
      ["allow-ssh", `${n}/networkSecurityGroups/classic-nsg/securityRules/allow-ssh`, "allow-ssh"],
      ["branch", `${n}/vpnSites/branch`, "branch"],
      ["er", `${n}/expressRouteGateways/classic-er`, "classic-er"],
      ["er-conn", `${n}/expressRouteGateways/classic-er/expressRouteConnections/er-conn`, "er-conn"],
      ["fw", `${n}/azureFirewalls/classic-fw`, "classic-fw"],
      ["fw-ip", `${n}/publicIPAddresses/fw-ip`, "fw-ip"],
      ["fw-rules", `${n}/azureFirewalls/classic-fw/networkRuleCollections/spokes`, "spokes"],
      ["hub", `${n}/virtualHubs/classic-hub`, "classic-hub"],
      ["hub-to-vnet", `${n}/virtualHubs/classic-hub/hubVirtualNetworkConnections/hub-to-vnet`, "hub-to-vnet"],
      ["intent", `${n}/virtualHubs/classic-hub/routingIntent/intent`, "intent"],
      ["nic", `${n}/networkInterfaces/classic-nic`, "classic-nic"],
      ["nsg", `${n}/networkSecurityGroups/classic-nsg`, "classic-nsg"],
      ["nsg-assoc", workload, undefined],
      ["p2s", `${n}/p2svpnGateways/classic-p2s`, "classic-p2s"],
      ["p2s-config", `${n}/vpnServerConfigurations/p2s-config`, "p2s-config"],
      ["policy", `${n}/firewallPolicies/classic-policy`, "classic-policy"],
      ["rcg", `${n}/firewallPolicies/classic-policy/ruleCollectionGroups/spokes`, "spokes"],
      ["rg", `${SUB}/resourceGroups/classic-rg`, "classic-rg"],
      ["rt", `${n}/routeTables/classic-rt`, "classic-rt"],
      ["rt-assoc", workload, undefined],
      ["s2s", `${n}/vpnGateways/classic-s2s`, "classic-s2s"],
      ["spokes-rt", `${n}/virtualHubs/classic-hub/hubRouteTables/spokes`, "spokes"],
      ["to-branch", `${n}/vpnGateways/classic-s2s/vpnConnections/to-branch`, "to-branch"],
      ["to-onprem", `${n}/routeTables/classic-rt/routes/to-onprem`, "to-onprem"],
      ["vnet", `${n}/virtualNetworks/classic-vnet`, "classic-vnet"],
      ["wan", `${n}/virtualWans/classic-wan`, "classic-wan"],
    ]);
  });

  it("routes to the firewall's private address, the 4th of the AzureFirewallSubnet", () => {
    const n = net("classic-rg");
    expect({
      firewall: seen.firewall,
      routeTable: byName(deployed, "rt").inputs.routes,
      route: byName(deployed, "to-onprem").inputs.nextHopInIpAddress,
    }).toEqual({
      firewall: [
        {
          name: "fw-config",
          subnetId: `${n}/virtualNetworks/classic-vnet/subnets/AzureFirewallSubnet`,
          publicIpAddressId: `${n}/publicIPAddresses/fw-ip`,
          privateIpAddress: "10.1.3.4",
        },
      ],
      routeTable: [{ name: "default", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopInIpAddress: "10.1.3.4" }],
      route: "10.1.3.4",
    });
  });

  it("gives inline subnets ids and a NIC on one its dynamic address", () => {
    const n = net("classic-rg");
    const workload = `${n}/virtualNetworks/classic-vnet/subnets/workload`;
    expect({ subnets: seen.subnets, nic: seen.nic, association: byName(deployed, "rt-assoc").inputs.subnetId }).toEqual({
      subnets: [
        {
          name: "AzureFirewallSubnet",
          addressPrefixes: ["10.1.3.0/26"],
          id: `${n}/virtualNetworks/classic-vnet/subnets/AzureFirewallSubnet`,
        },
        { name: "workload", addressPrefixes: ["10.1.1.0/24"], id: workload },
      ],
      nic: [
        [{ name: "ipconfig1", subnetId: workload, privateIpAddressAllocation: "Dynamic", privateIpAddress: "10.1.1.4" }],
        "10.1.1.4",
        ["10.1.1.4"],
      ],
      association: workload,
    });
  });

  it("gives a hub its default route table, which connections associate with", () => {
    const hubId = `${net("classic-rg")}/virtualHubs/classic-hub`;
    expect([seen.defaultRouteTableId, byName(deployed, "hub-to-vnet").inputs.routing]).toEqual([
      `${hubId}/hubRouteTables/defaultRouteTable`,
      { associatedRouteTableId: `${hubId}/hubRouteTables/defaultRouteTable` },
    ]);
  });

  it("gives VPN site links ids that connections refer to", () => {
    expect(byName(deployed, "to-branch").inputs.vpnLinks).toEqual([
      { name: "isp1", vpnSiteLinkId: `${net("classic-rg")}/vpnSites/branch/vpnSiteLinks/isp1` },
    ]);
  });
});

describe("private addresses Azure hands out", () => {
  const subnet = `${net("rg")}/virtualNetworks/v/subnets/small`;
  const nic = (computed: ComputedOutputs, name: string, privateIPAddress?: string) =>
    computed.of("azure-native:network:NetworkInterface", `${net("rg")}/networkInterfaces/${name}`, {
      ipConfigurations: [
        {
          name: "ipconfig1",
          subnet: { id: subnet },
          ...(privateIPAddress ? { privateIPAllocationMethod: "Static", privateIPAddress } : {}),
        },
      ],
    });
  const address = (outputs: Record<string, unknown>) => (outputs.ipConfigurations as { privateIPAddress?: string }[])[0].privateIPAddress;

  it("skips addresses taken by static configurations and stops before the subnet's last address", () => {
    const computed = new ComputedOutputs();
    computed.of("azure-native:network:Subnet", subnet, { addressPrefix: "10.9.0.0/29" });
    expect([nic(computed, "a", "10.9.0.4"), nic(computed, "b"), nic(computed, "c"), nic(computed, "d")].map(address)).toEqual([
      "10.9.0.4",
      "10.9.0.5",
      "10.9.0.6",
      undefined,
    ]);
  });

  it("gives none in an IPv6 subnet", () => {
    const computed = new ComputedOutputs();
    computed.of("azure-native:network:Subnet", subnet, { addressPrefix: "fd00::/64" });
    expect(address(nic(computed, "a"))).toBeUndefined();
  });
});

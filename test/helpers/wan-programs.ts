import * as azure from "@pulumi/azure";
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import * as pulumi from "@pulumi/pulumi";
import { analyzeResources } from "../../policypack/pipeline/stack-analysis";
import type { StackAnalysis } from "../../policypack/pipeline/stack-analysis";
import { readStackInput } from "../../policypack/cli/read-input";
import { virtualWanServer } from "../../policypack/policies/virtual-wan-server";
import type { Sentence } from "../../policypack/topology/sentence";
import { renderSentence } from "../../policypack/topology/sentence";
import { previewJson, stackExport } from "../../offline/stack-documents";
import { record } from "./record";

/**
 * A compliant Virtual WAN program (spec section 8), written with each provider as public programs
 * are, and one change at a time: a Standard WAN, hub1 (10.100.0.0/23) with spoke1 and spoke2
 * connected, a branch site over BGP, and a P2S gateway (pool 172.16.50.0/24) whose server
 * configuration offers OpenVPN with Microsoft Entra ID. Each change is what a test names.
 */
export type WanChange =
  | "none"
  /** W8: a Basic WAN, or a Basic hub. */
  | "basic-wan"
  | "basic-hub"
  /** W5: no branch-to-branch traffic; the site without BGP. */
  | "no-branch-to-branch"
  | "static-site"
  /** W4: spoke2 associated with its own table, still propagating to the default label. */
  | "spoke2-own-table"
  /** W1: the same, and the P2S configuration propagating to that table by label (two lines of one change). */
  | "spoke2-own-table-propagated"
  /** W1: users declare the defaults, associated with and propagating to the hub's default table by its id. */
  | "p2s-explicit-default"
  /** W3: spoke2 propagates to no table. */
  | "spoke2-propagates-none"
  /** W8, W9: the P2S configuration associated with a custom table, or with noneRouteTable. */
  | "p2s-custom-table"
  | "p2s-none-table"
  /** W3: spoke2's connection has a static 0.0.0.0/0 to an appliance; with and without the configuration's internet security. */
  | "default-route-internet-on"
  | "default-route-internet-off"
  /** W6: a VNet peered to spoke1, reached through a static route of spoke1's connection. */
  | "indirect-spoke"
  /** W7: an Azure Firewall in the hub with a private-traffic routing intent. */
  | "routing-intent"
  /** W8: server configuration settings Azure rejects. */
  | "sstp"
  | "entra-ikev2-only"
  | "ikev2-two-auth-types"
  /** W8: spoke1 connected to a second hub of the WAN as well. */
  | "spoke1-two-hubs"
  /** W8: spoke1 has a VNet gateway of its own. */
  | "spoke-with-gateway"
  /** W9: routing intent with the pool outside the private prefixes. */
  | "intent-pool-outside"
  /** W9: two user groups of the server configuration, both the default. */
  | "two-default-groups"
  /** The same groups declared as resources of their own (azure-native's ConfigurationPolicyGroup; the classic provider has only those). */
  | "two-default-groups-standalone"
  /** A stack mixing gateways: a VNet of its own with a VNet gateway for P2S, beside the hub. */
  | "with-vnet-gateway"
  /** W8: routing intent on a hub that also has a custom route table. */
  | "intent-with-custom-table"
  /** W9: RADIUS, its server in spoke2 (which propagates to the default table) or in no connected VNet. */
  | "radius-in-spoke"
  | "radius-outside"
  /** W9: the pool overlaps the hub's prefix. */
  | "pool-in-hub"
  /** W9: 40 scale units with one pool. */
  | "scale-units"
  /** W10: the gateway's custom DNS servers, one in spoke1, and Azure's own. */
  | "dns-in-spoke"
  | "dns-azure"
  /** W10: spoke2's subnet has a route table with gateway route propagation off. */
  | "spoke2-no-propagation";

export type WanProvider = "azure-native" | "classic";
export type WanShape = "export" | "preview";

/** One cell of the rule tests' tables: a provider and a shape. */
export type WanCell = [WanProvider, WanShape];
export const WAN_CELLS: WanCell[] = [
  ["azure-native", "export"],
  ["azure-native", "preview"],
  ["classic", "export"],
  ["classic", "preview"],
];
/** The cells hand-written azure-native resources (deployed shape) do not cover. */
export const BUT_NATIVE_EXPORT: WanCell[] = WAN_CELLS.slice(1);

const TENANT = "00000000-0000-0000-0000-000000000001";
const ENTRA = {
  tenant: `https://login.microsoftonline.com/${TENANT}/`,
  issuer: `https://sts.windows.net/${TENANT}/`,
  audience: "c632b3df-fb67-4d84-bdcf-b95ad541b5c8",
};
export const POOL = "172.16.50.0/24";

function serverSettings(change: WanChange): { protocols: string[]; auth: string[]; entra: boolean; radius?: string } {
  switch (change) {
    case "sstp":
      return { protocols: ["SSTP", "OpenVPN"], auth: ["AAD"], entra: true };
    case "entra-ikev2-only":
      return { protocols: ["IkeV2"], auth: ["AAD"], entra: true };
    case "ikev2-two-auth-types":
      return { protocols: ["IkeV2"], auth: ["Certificate", "Radius"], entra: false, radius: "10.2.0.10" };
    case "radius-in-spoke":
      return { protocols: ["OpenVPN"], auth: ["Radius"], entra: false, radius: "10.2.0.10" };
    case "radius-outside":
      return { protocols: ["OpenVPN"], auth: ["Radius"], entra: false, radius: "10.9.0.10" };
    default:
      return { protocols: ["OpenVPN"], auth: ["AAD"], entra: true };
  }
}

const pool = (change: WanChange) =>
  change === "pool-in-hub" ? "10.100.1.0/24" : change === "intent-pool-outside" ? "100.64.50.0/24" : POOL;
const dnsServers = (change: WanChange) =>
  change === "dns-in-spoke" ? ["10.1.0.4"] : change === "dns-azure" ? ["168.63.129.16"] : undefined;
const hasIntent = (change: WanChange) =>
  change === "routing-intent" || change === "intent-with-custom-table" || change === "intent-pool-outside";
/** Two user groups, both marked the default (W9). */
const GROUPS = [
  { name: "engineering", value: "00000000-0000-0000-0000-00000000000a" },
  { name: "operations", value: "00000000-0000-0000-0000-00000000000b" },
];
const ownTable = (change: WanChange) =>
  change === "spoke2-own-table" ||
  change === "spoke2-own-table-propagated" ||
  change === "p2s-custom-table" ||
  change === "intent-with-custom-table";

/** A VPN server configuration as @pulumi/azure-native v2 registered it: its settings at the root. */
class V2ServerConfiguration extends pulumi.CustomResource {
  declare readonly id: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  constructor(name: string, props: pulumi.Inputs) {
    super("azure-native:network:VpnServerConfiguration", name, props);
  }
}

/** The azure-native program; `serverShape` "v2" declares the server configuration as azure-native v2 sent it (flat). */
export function nativeWanProgram(change: WanChange, serverShape: "v2" | "v3" = "v3"): () => void {
  return () => {
    const resourceGroupName = new resources.ResourceGroup("rg").name;
    const wan = new network.VirtualWan("wan", {
      resourceGroupName,
      type: change === "basic-wan" ? "Basic" : "Standard",
      ...(change === "no-branch-to-branch" ? { allowBranchToBranchTraffic: false } : {}),
    });
    const hub = new network.VirtualHub("hub1", {
      resourceGroupName,
      addressPrefix: "10.100.0.0/23",
      sku: change === "basic-hub" ? "Basic" : "Standard",
      virtualWan: { id: wan.id },
    });
    const vnet = (name: string, prefix: string, subnets?: network.VirtualNetworkArgs["subnets"]) =>
      new network.VirtualNetwork(name, { resourceGroupName, addressSpace: { addressPrefixes: [prefix] }, ...(subnets ? { subnets } : {}) });
    const spoke1 = vnet(
      "spoke1",
      "10.1.0.0/16",
      change === "spoke-with-gateway" ? [{ name: "GatewaySubnet", addressPrefix: "10.1.255.0/27" }] : undefined,
    );
    let spoke2Subnets: network.VirtualNetworkArgs["subnets"];
    if (change === "spoke2-no-propagation") {
      const table = new network.RouteTable("spoke2-routes", { resourceGroupName, disableBgpRoutePropagation: true });
      spoke2Subnets = [{ name: "app", addressPrefix: "10.2.1.0/24", routeTable: { id: table.id } }];
    }
    const spoke2 = vnet("spoke2", "10.2.0.0/16", spoke2Subnets);
    const isolated = ownTable(change)
      ? new network.HubRouteTable("isolated", { resourceGroupName, virtualHubName: hub.name, labels: ["isolated"] })
      : undefined;
    const defaultRoute = change === "default-route-internet-on" || change === "default-route-internet-off";
    new network.HubVirtualNetworkConnection("spoke1-conn", {
      resourceGroupName,
      virtualHubName: hub.name,
      remoteVirtualNetwork: { id: spoke1.id },
      ...(change === "indirect-spoke"
        ? {
            routingConfiguration: {
              vnetRoutes: { staticRoutes: [{ name: "to-behind", addressPrefixes: ["10.30.0.0/16"], nextHopIpAddress: "10.1.0.4" }] },
            },
          }
        : {}),
    });
    new network.HubVirtualNetworkConnection("spoke2-conn", {
      resourceGroupName,
      virtualHubName: hub.name,
      remoteVirtualNetwork: { id: spoke2.id },
      ...(isolated && change !== "p2s-custom-table" && change !== "intent-with-custom-table"
        ? { routingConfiguration: { associatedRouteTable: { id: isolated.id }, propagatedRouteTables: { labels: ["default"] } } }
        : change === "spoke2-propagates-none"
          ? { routingConfiguration: { propagatedRouteTables: { labels: ["none"] } } }
          : defaultRoute
            ? {
                routingConfiguration: {
                  vnetRoutes: { staticRoutes: [{ name: "nva", addressPrefixes: ["0.0.0.0/0"], nextHopIpAddress: "10.2.0.4" }] },
                },
              }
            : {}),
    });
    if (change === "indirect-spoke") {
      const behind = vnet("behind", "10.30.0.0/16");
      new network.VirtualNetworkPeering("spoke1-to-behind", {
        resourceGroupName,
        virtualNetworkName: spoke1.name,
        remoteVirtualNetwork: { id: behind.id },
      });
      new network.VirtualNetworkPeering("behind-to-spoke1", {
        resourceGroupName,
        virtualNetworkName: behind.name,
        remoteVirtualNetwork: { id: spoke1.id },
      });
    }
    if (change === "spoke1-two-hubs") {
      const hub2 = new network.VirtualHub("hub2", {
        resourceGroupName,
        addressPrefix: "10.102.0.0/23",
        sku: "Standard",
        virtualWan: { id: wan.id },
      });
      new network.HubVirtualNetworkConnection("spoke1-conn2", {
        resourceGroupName,
        virtualHubName: hub2.name,
        remoteVirtualNetwork: { id: spoke1.id },
      });
    }
    if (change === "spoke-with-gateway") {
      new network.VirtualNetworkGateway("spoke1-gw", {
        resourceGroupName,
        gatewayType: "Vpn",
        vpnType: "RouteBased",
        sku: { name: "VpnGw1AZ", tier: "VpnGw1AZ" },
        ipConfigurations: [{ name: "default", subnet: { id: spoke1.subnets.apply((s) => s?.[0]?.id ?? "") } }],
      });
    }
    if (change === "with-vnet-gateway") {
      const home = vnet("home", "10.50.0.0/16", [{ name: "GatewaySubnet", addressPrefix: "10.50.255.0/27" }]);
      new network.VirtualNetworkGateway("home-gw", {
        resourceGroupName,
        gatewayType: "Vpn",
        vpnType: "RouteBased",
        sku: { name: "VpnGw1AZ", tier: "VpnGw1AZ" },
        ipConfigurations: [{ name: "default", subnet: { id: home.subnets.apply((s) => s?.[0]?.id ?? "") } }],
        vpnClientConfiguration: {
          vpnClientAddressPool: { addressPrefixes: ["172.16.70.0/24"] },
          vpnClientProtocols: ["OpenVPN"],
          vpnClientRootCertificates: [{ name: "root", publicCertData: "MIIC5zCCAc+gAwIBAgIQ" }],
        },
      });
    }
    const s = serverSettings(change);
    const settings = {
      vpnProtocols: s.protocols,
      vpnAuthenticationTypes: s.auth,
      ...(s.entra
        ? { aadAuthenticationParameters: { aadTenant: ENTRA.tenant, aadIssuer: ENTRA.issuer, aadAudience: ENTRA.audience } }
        : {}),
      ...(s.radius !== undefined ? { radiusServerAddress: s.radius, radiusServerSecret: pulumi.secret("radius-secret") } : {}),
      ...(change === "ikev2-two-auth-types"
        ? { vpnClientRootCertificates: [{ name: "root", publicCertData: "MIIC5zCCAc+gAwIBAgIQ" }] }
        : {}),
      ...(change === "two-default-groups"
        ? {
            configurationPolicyGroups: GROUPS.map((g, i) => ({
              name: g.name,
              isDefault: true,
              priority: i,
              policyMembers: [{ name: g.name, attributeType: "AADGroupId", attributeValue: g.value }],
            })),
          }
        : {}),
    };
    // azure-native v2 declared the settings at the root of the resource; v3 nests them under properties.
    const server =
      serverShape === "v3"
        ? new network.VpnServerConfiguration("vpn-config", { resourceGroupName, properties: settings })
        : new V2ServerConfiguration("vpn-config", { resourceGroupName, ...settings });
    const p2sConfiguration: network.P2sVpnGatewayArgs["p2SConnectionConfigurations"] = [
      {
        name: "users",
        vpnClientAddressPool: { addressPrefixes: [pool(change)] },
        ...(change === "default-route-internet-on" ? { enableInternetSecurity: true } : {}),
        ...(change === "default-route-internet-off" ? { enableInternetSecurity: false } : {}),
        ...(change === "spoke2-own-table-propagated"
          ? { routingConfiguration: { propagatedRouteTables: { labels: ["default", "isolated"] } } }
          : change === "p2s-custom-table" && isolated
            ? { routingConfiguration: { associatedRouteTable: { id: isolated.id } } }
            : change === "p2s-none-table"
              ? { routingConfiguration: { associatedRouteTable: { id: pulumi.interpolate`${hub.id}/hubRouteTables/noneRouteTable` } } }
              : change === "p2s-explicit-default"
                ? {
                    routingConfiguration: {
                      associatedRouteTable: { id: pulumi.interpolate`${hub.id}/hubRouteTables/defaultRouteTable` },
                      propagatedRouteTables: { ids: [{ id: pulumi.interpolate`${hub.id}/hubRouteTables/defaultRouteTable` }] },
                    },
                  }
                : {}),
      },
    ];
    if (change === "two-default-groups-standalone")
      GROUPS.forEach(
        (g, i) =>
          new network.ConfigurationPolicyGroup(g.name, {
            resourceGroupName,
            vpnServerConfigurationName: server.name,
            isDefault: true,
            priority: i,
            policyMembers: [{ name: g.name, attributeType: "AADGroupId", attributeValue: g.value }],
          }),
      );
    new network.P2sVpnGateway("p2s", {
      resourceGroupName,
      virtualHub: { id: hub.id },
      vpnServerConfiguration: { id: server.id },
      vpnGatewayScaleUnit: change === "scale-units" ? 40 : 1,
      p2SConnectionConfigurations: p2sConfiguration,
      ...(dnsServers(change) ? { customDnsServers: dnsServers(change) } : {}),
    });
    const site = new network.VpnSite("branch", {
      resourceGroupName,
      virtualWan: { id: wan.id },
      addressSpace: { addressPrefixes: ["10.101.0.0/16"] },
      ipAddress: "203.0.113.10",
      ...(change === "static-site" ? {} : { bgpProperties: { asn: 65101, bgpPeeringAddress: "10.101.0.1" } }),
    });
    new network.VpnGateway("hub1-vpn", {
      resourceGroupName,
      virtualHub: { id: hub.id },
      connections: [{ name: "branch", remoteVpnSite: { id: site.id }, enableBgp: change !== "static-site" }],
    });
    if (hasIntent(change)) {
      const firewall = new network.AzureFirewall("hub1-fw", {
        resourceGroupName,
        sku: { name: "AZFW_Hub", tier: "Standard" },
        virtualHub: { id: hub.id },
        hubIPAddresses: { publicIPs: { count: 1 } },
      });
      new network.RoutingIntent("hub1-intent", {
        resourceGroupName,
        virtualHubName: hub.name,
        routingPolicies: [{ name: "private", destinations: ["PrivateTraffic"], nextHop: firewall.id }],
      });
    }
  };
}

/** The same program with the classic @pulumi/azure provider. */
export function classicWanProgram(change: WanChange): () => void {
  return () => {
    const group = new azure.core.ResourceGroup("rg", { location: "westeurope" });
    const placement = { resourceGroupName: group.name, location: group.location };
    const wan = new azure.network.VirtualWan("wan", {
      ...placement,
      type: change === "basic-wan" ? "Basic" : "Standard",
      ...(change === "no-branch-to-branch" ? { allowBranchToBranchTraffic: false } : {}),
    });
    const hub = new azure.network.VirtualHub("hub1", {
      ...placement,
      virtualWanId: wan.id,
      addressPrefix: "10.100.0.0/23",
      sku: change === "basic-hub" ? "Basic" : "Standard",
    });
    const vnet = (name: string, prefix: string, subnets?: azure.network.VirtualNetworkArgs["subnets"]) =>
      new azure.network.VirtualNetwork(name, { ...placement, addressSpaces: [prefix], ...(subnets ? { subnets } : {}) });
    const spoke1 = vnet("spoke1", "10.1.0.0/16");
    const spoke2 = vnet("spoke2", "10.2.0.0/16");
    if (change === "spoke2-no-propagation") {
      const table = new azure.network.RouteTable("spoke2-routes", { ...placement, bgpRoutePropagationEnabled: false });
      const subnet = new azure.network.Subnet("spoke2-app", {
        name: "app",
        resourceGroupName: group.name,
        virtualNetworkName: spoke2.name,
        addressPrefixes: ["10.2.1.0/24"],
      });
      new azure.network.SubnetRouteTableAssociation("spoke2-app-routes", { subnetId: subnet.id, routeTableId: table.id });
    }
    const isolated = ownTable(change)
      ? new azure.network.VirtualHubRouteTable("isolated", { virtualHubId: hub.id, labels: ["isolated"] })
      : undefined;
    const defaultRoute = change === "default-route-internet-on" || change === "default-route-internet-off";
    new azure.network.VirtualHubConnection("spoke1-conn", {
      virtualHubId: hub.id,
      remoteVirtualNetworkId: spoke1.id,
      ...(change === "indirect-spoke"
        ? { routing: { staticVnetRoutes: [{ name: "to-behind", addressPrefixes: ["10.30.0.0/16"], nextHopIpAddress: "10.1.0.4" }] } }
        : {}),
    });
    new azure.network.VirtualHubConnection("spoke2-conn", {
      virtualHubId: hub.id,
      remoteVirtualNetworkId: spoke2.id,
      ...(isolated && change !== "p2s-custom-table" && change !== "intent-with-custom-table"
        ? { routing: { associatedRouteTableId: isolated.id, propagatedRouteTable: { labels: ["default"] } } }
        : change === "spoke2-propagates-none"
          ? { routing: { propagatedRouteTable: { labels: ["none"] } } }
          : defaultRoute
            ? { routing: { staticVnetRoutes: [{ name: "nva", addressPrefixes: ["0.0.0.0/0"], nextHopIpAddress: "10.2.0.4" }] } }
            : {}),
    });
    if (change === "indirect-spoke") {
      const behind = vnet("behind", "10.30.0.0/16");
      new azure.network.VirtualNetworkPeering("spoke1-to-behind", {
        resourceGroupName: group.name,
        virtualNetworkName: spoke1.name,
        remoteVirtualNetworkId: behind.id,
      });
      new azure.network.VirtualNetworkPeering("behind-to-spoke1", {
        resourceGroupName: group.name,
        virtualNetworkName: behind.name,
        remoteVirtualNetworkId: spoke1.id,
      });
    }
    if (change === "spoke1-two-hubs") {
      const hub2 = new azure.network.VirtualHub("hub2", {
        ...placement,
        virtualWanId: wan.id,
        addressPrefix: "10.102.0.0/23",
        sku: "Standard",
      });
      new azure.network.VirtualHubConnection("spoke1-conn2", { virtualHubId: hub2.id, remoteVirtualNetworkId: spoke1.id });
    }
    if (change === "spoke-with-gateway") {
      const subnet = new azure.network.Subnet("spoke1-gw-subnet", {
        name: "GatewaySubnet",
        resourceGroupName: group.name,
        virtualNetworkName: spoke1.name,
        addressPrefixes: ["10.1.255.0/27"],
      });
      const ip = new azure.network.PublicIp("spoke1-gw-ip", { ...placement, allocationMethod: "Static", sku: "Standard" });
      new azure.network.VirtualNetworkGateway("spoke1-gw", {
        ...placement,
        type: "Vpn",
        vpnType: "RouteBased",
        sku: "VpnGw1AZ",
        ipConfigurations: [{ subnetId: subnet.id, publicIpAddressId: ip.id }],
      });
    }
    if (change === "with-vnet-gateway") {
      const home = vnet("home", "10.50.0.0/16");
      const subnet = new azure.network.Subnet("home-gw-subnet", {
        name: "GatewaySubnet",
        resourceGroupName: group.name,
        virtualNetworkName: home.name,
        addressPrefixes: ["10.50.255.0/27"],
      });
      const ip = new azure.network.PublicIp("home-gw-ip", { ...placement, allocationMethod: "Static", sku: "Standard" });
      new azure.network.VirtualNetworkGateway("home-gw", {
        ...placement,
        type: "Vpn",
        vpnType: "RouteBased",
        sku: "VpnGw1AZ",
        ipConfigurations: [{ subnetId: subnet.id, publicIpAddressId: ip.id }],
        vpnClientConfiguration: {
          addressSpaces: ["172.16.70.0/24"],
          vpnClientProtocols: ["OpenVPN"],
          rootCertificates: [{ name: "root", publicCertData: "MIIC5zCCAc+gAwIBAgIQ" }],
        },
      });
    }
    const s = serverSettings(change);
    const server = new azure.network.VpnServerConfiguration("vpn-config", {
      ...placement,
      vpnProtocols: s.protocols,
      vpnAuthenticationTypes: s.auth,
      ...(s.entra
        ? { azureActiveDirectoryAuthentications: [{ tenant: ENTRA.tenant, issuer: ENTRA.issuer, audience: ENTRA.audience }] }
        : {}),
      ...(s.radius !== undefined ? { radius: { servers: [{ address: s.radius, secret: pulumi.secret("radius-secret"), score: 1 }] } } : {}),
      ...(change === "ikev2-two-auth-types" ? { clientRootCertificates: [{ name: "root", publicCertData: "MIIC5zCCAc+gAwIBAgIQ" }] } : {}),
    });
    if (change === "two-default-groups" || change === "two-default-groups-standalone")
      GROUPS.forEach(
        (g, i) =>
          new azure.network.VpnServerConfigurationPolicyGroup(g.name, {
            vpnServerConfigurationId: server.id,
            isDefault: true,
            priority: i,
            policies: [{ name: g.name, type: "AADGroupId", value: g.value }],
          }),
      );
    new azure.network.PointToPointVpnGateway("p2s", {
      ...placement,
      virtualHubId: hub.id,
      vpnServerConfigurationId: server.id,
      scaleUnit: change === "scale-units" ? 40 : 1,
      connectionConfigurations: [
        {
          name: "users",
          vpnClientAddressPool: { addressPrefixes: [pool(change)] },
          ...(change === "default-route-internet-on" ? { internetSecurityEnabled: true } : {}),
          ...(change === "default-route-internet-off" ? { internetSecurityEnabled: false } : {}),
          ...(change === "spoke2-own-table-propagated"
            ? {
                route: {
                  associatedRouteTableId: hub.defaultRouteTableId,
                  propagatedRouteTable: { ids: [hub.defaultRouteTableId], labels: ["isolated"] },
                },
              }
            : change === "p2s-custom-table" && isolated
              ? { route: { associatedRouteTableId: isolated.id } }
              : change === "p2s-none-table"
                ? { route: { associatedRouteTableId: pulumi.interpolate`${hub.id}/hubRouteTables/noneRouteTable` } }
                : change === "p2s-explicit-default"
                  ? { route: { associatedRouteTableId: hub.defaultRouteTableId, propagatedRouteTable: { ids: [hub.defaultRouteTableId] } } }
                  : {}),
        },
      ],
      ...(dnsServers(change) ? { dnsServers: dnsServers(change) } : {}),
    });
    const site = new azure.network.VpnSite("branch", {
      ...placement,
      virtualWanId: wan.id,
      addressCidrs: ["10.101.0.0/16"],
      links: [
        {
          name: "link1",
          ipAddress: "203.0.113.10",
          ...(change === "static-site" ? {} : { bgp: { asn: 65101, peeringAddress: "10.101.0.1" } }),
        },
      ],
    });
    const vpnGateway = new azure.network.VpnGateway("hub1-vpn", { ...placement, virtualHubId: hub.id });
    new azure.network.VpnGatewayConnection("branch-conn", {
      vpnGatewayId: vpnGateway.id,
      remoteVpnSiteId: site.id,
      vpnLinks: [
        {
          name: "link1",
          vpnSiteLinkId: site.links.apply((links) => links?.[0]?.id ?? ""),
          bgpEnabled: change !== "static-site",
        },
      ],
    });
    if (hasIntent(change)) {
      const firewall = new azure.network.Firewall("hub1-fw", {
        ...placement,
        skuName: "AZFW_Hub",
        skuTier: "Standard",
        virtualHub: { virtualHubId: hub.id, publicIpCount: 1 },
      });
      new azure.network.RoutingIntent("hub1-intent", {
        virtualHubId: hub.id,
        routingPolicies: [{ name: "private", destinations: ["PrivateTraffic"], nextHop: firewall.id }],
      });
    }
  };
}

/**
 * Two hubs of one Standard WAN (W1, W2): hub1 with spoke1 and the P2S gateway (internet security on),
 * hub2 with spoke3, whose connection has static routes (10.30.0.0/16 and 0.0.0.0/0 to an appliance),
 * and spoke4, associated with hub2's custom table "shared". With `sharedLabel` users propagate to the
 * labels default and Shared (labels compare without case), which reach both hubs' tables; without it, to the default only.
 */
export function twoHubProgram(provider: WanProvider, sharedLabel: boolean): () => void {
  const staticRoutes = [{ name: "nva", addressPrefixes: ["10.30.0.0/16", "0.0.0.0/0"], nextHopIpAddress: "10.3.0.4" }];
  if (provider === "azure-native")
    return () => {
      const resourceGroupName = new resources.ResourceGroup("rg").name;
      const wan = new network.VirtualWan("wan", { resourceGroupName, type: "Standard" });
      const hub = (name: string, prefix: string) =>
        new network.VirtualHub(name, { resourceGroupName, addressPrefix: prefix, sku: "Standard", virtualWan: { id: wan.id } });
      const hub1 = hub("hub1", "10.100.0.0/23");
      const hub2 = hub("hub2", "10.102.0.0/23");
      const shared = new network.HubRouteTable("shared", { resourceGroupName, virtualHubName: hub2.name, labels: ["shared"] });
      const connect = (
        name: string,
        prefix: string,
        on: network.VirtualHub,
        routing?: network.HubVirtualNetworkConnectionArgs["routingConfiguration"],
      ) => {
        const spoke = new network.VirtualNetwork(name, { resourceGroupName, addressSpace: { addressPrefixes: [prefix] } });
        new network.HubVirtualNetworkConnection(`${name}-conn`, {
          resourceGroupName,
          virtualHubName: on.name,
          remoteVirtualNetwork: { id: spoke.id },
          ...(routing ? { routingConfiguration: routing } : {}),
        });
      };
      connect("spoke1", "10.1.0.0/16", hub1);
      connect("spoke3", "10.3.0.0/16", hub2, { vnetRoutes: { staticRoutes } });
      connect("spoke4", "10.4.0.0/16", hub2, { associatedRouteTable: { id: shared.id }, propagatedRouteTables: { labels: ["default"] } });
      const server = new network.VpnServerConfiguration("vpn-config", {
        resourceGroupName,
        properties: {
          vpnProtocols: ["OpenVPN"],
          vpnAuthenticationTypes: ["AAD"],
          aadAuthenticationParameters: { aadTenant: ENTRA.tenant, aadIssuer: ENTRA.issuer, aadAudience: ENTRA.audience },
        },
      });
      new network.P2sVpnGateway("p2s", {
        resourceGroupName,
        virtualHub: { id: hub1.id },
        vpnServerConfiguration: { id: server.id },
        vpnGatewayScaleUnit: 1,
        p2SConnectionConfigurations: [
          {
            name: "users",
            vpnClientAddressPool: { addressPrefixes: [POOL] },
            enableInternetSecurity: true,
            ...(sharedLabel ? { routingConfiguration: { propagatedRouteTables: { labels: ["default", "Shared"] } } } : {}),
          },
        ],
      });
    };
  return () => {
    const group = new azure.core.ResourceGroup("rg", { location: "westeurope" });
    const placement = { resourceGroupName: group.name, location: group.location };
    const wan = new azure.network.VirtualWan("wan", { ...placement, type: "Standard" });
    const hub = (name: string, prefix: string) =>
      new azure.network.VirtualHub(name, { ...placement, virtualWanId: wan.id, addressPrefix: prefix, sku: "Standard" });
    const hub1 = hub("hub1", "10.100.0.0/23");
    const hub2 = hub("hub2", "10.102.0.0/23");
    const shared = new azure.network.VirtualHubRouteTable("shared", { virtualHubId: hub2.id, labels: ["shared"] });
    const connect = (
      name: string,
      prefix: string,
      on: azure.network.VirtualHub,
      routing?: azure.network.VirtualHubConnectionArgs["routing"],
    ) => {
      const spoke = new azure.network.VirtualNetwork(name, { ...placement, addressSpaces: [prefix] });
      new azure.network.VirtualHubConnection(`${name}-conn`, {
        virtualHubId: on.id,
        remoteVirtualNetworkId: spoke.id,
        ...(routing ? { routing } : {}),
      });
    };
    connect("spoke1", "10.1.0.0/16", hub1);
    connect("spoke3", "10.3.0.0/16", hub2, { staticVnetRoutes: staticRoutes });
    connect("spoke4", "10.4.0.0/16", hub2, { associatedRouteTableId: shared.id, propagatedRouteTable: { labels: ["default"] } });
    const server = new azure.network.VpnServerConfiguration("vpn-config", {
      ...placement,
      vpnProtocols: ["OpenVPN"],
      vpnAuthenticationTypes: ["AAD"],
      azureActiveDirectoryAuthentications: [{ tenant: ENTRA.tenant, issuer: ENTRA.issuer, audience: ENTRA.audience }],
    });
    new azure.network.PointToPointVpnGateway("p2s", {
      ...placement,
      virtualHubId: hub1.id,
      vpnServerConfigurationId: server.id,
      scaleUnit: 1,
      connectionConfigurations: [
        {
          name: "users",
          vpnClientAddressPool: { addressPrefixes: [POOL] },
          internetSecurityEnabled: true,
          // The classic provider's route block needs the association; its ids are the hub's default table.
          ...(sharedLabel
            ? {
                route: {
                  associatedRouteTableId: hub1.defaultRouteTableId,
                  propagatedRouteTable: { ids: [hub1.defaultRouteTableId], labels: ["default", "Shared"] },
                },
              }
            : {}),
        },
      ],
    });
  };
}

/**
 * What the pack computes from a program as `pulumi stack export` (deployed) or `pulumi preview
 * --json` of a brand-new stack writes it: recorded by @pulumi/pulumi's runtime, written as the
 * CLI writes the document, and read back as p2s-check reads it.
 */
export async function analyzeProgram(program: () => void, shape: WanShape): Promise<StackAnalysis> {
  // azure-native resources alias every API version of their type, which costs most of a recording;
  // aliases reach neither the analyzer nor the documents, so the programs are recorded without them.
  const withoutAliases = () => {
    pulumi.runtime.registerStackTransformation((args) => ({ props: args.props, opts: { ...args.opts, aliases: [] } }));
    program();
  };
  const registrations = await record(withoutAliases, shape === "preview");
  const doc = shape === "export" ? stackExport(registrations) : previewJson(registrations);
  const input = readStackInput(JSON.stringify(doc), shape);
  if (typeof input === "string") throw new Error(input);
  return analyzeResources(input.after);
}

/** Each program once per provider, shape and change: tests that share one do not record it again. */
const cache = new Map<string, Promise<StackAnalysis>>();
/** Pulumi's runtime is one per process: recordings run one after the other. */
let queue: Promise<unknown> = Promise.resolve();

/** Records a program once per key (see wanStack). */
export function cachedStack(key: string, program: () => void, shape: WanShape): Promise<StackAnalysis> {
  let found = cache.get(key);
  if (!found) {
    found = queue.then(() => analyzeProgram(program, shape));
    queue = found.catch(() => undefined);
    cache.set(key, found);
  }
  return found;
}

export function wanStack(
  provider: WanProvider,
  shape: WanShape,
  change: WanChange,
  serverShape: "v2" | "v3" = "v3",
): Promise<StackAnalysis> {
  const program = provider === "azure-native" ? nativeWanProgram(change, serverShape) : classicWanProgram(change);
  return cachedStack(`${provider}|${shape}|${change}|${serverShape}`, program, shape);
}

/** What a test asserts of a stack: the hub gateway's configurations, its access, findings with their resource, reasons and notes. */
export interface WanOutcome {
  configurations: { name: string; associated: string | null; propagatesTo: string[]; routes: string[]; access: string[] }[];
  access: string[];
  findings: string[];
  reasons: string[];
  notes: string[];
}

export function wanOutcome({ analysis, extraction }: StackAnalysis, gatewayName = "p2s"): WanOutcome {
  const gateway = analysis.gateways.find((g) => g.name === gatewayName);
  const name = (id: string) => id.split("::").pop() ?? id;
  const render = (s: Sentence) => renderSentence(s, extraction.spell);
  return {
    configurations: (gateway?.configurations ?? []).map((c) => ({
      name: c.name,
      associated: c.associatedTable,
      propagatesTo: c.propagatesTo,
      routes: c.routes,
      access: c.access,
    })),
    access: gateway?.platforms.macos.access ?? [],
    findings: [...analysis.findings, ...virtualWanServer.findings(extraction.topology)].map((f) => `${f.code} ${name(f.resource)}`).sort(),
    reasons: gateway ? [...gateway.reach.unreached.values()].flat().map((r) => `${r.code} ${r.subject}: ${render(r.text)}`) : [],
    notes: analysis.notes.map(render),
  };
}

/** The findings' problems and fixes as the reports word them, against their resource. */
export function findingMessages({ analysis, extraction }: StackAnalysis, withFixes = true): string[] {
  const render = (s: Sentence) => renderSentence(s, extraction.spell);
  return [...analysis.findings, ...virtualWanServer.findings(extraction.topology)]
    .map((f) => `${f.resource.split("::").pop() ?? f.resource}: ${render(f.problem)}${withFixes ? ` ${render(f.fix.text)}` : ""}`)
    .sort();
}

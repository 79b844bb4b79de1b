import * as azure from "@pulumi/azure";
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import type * as pulumi from "@pulumi/pulumi";
import { AZURE_VPN_CLIENT_APP, SAMPLE_TENANT } from "./network-builder";

const ENTRA = {
  tenant: `https://login.microsoftonline.com/${SAMPLE_TENANT}/`,
  issuer: `https://sts.windows.net/${SAMPLE_TENANT}/`,
  audience: AZURE_VPN_CLIENT_APP,
};

/**
 * `vwan`: a Standard WAN with one hub whose P2S gateway offers OpenVPN with Microsoft Entra ID,
 * two spokes connected (data associated with a custom table, isolated, to which the P2S
 * configuration does not propagate: routed one way), and a branch office over BGP. `vwan-secured`:
 * the same hub secured by an Azure Firewall with routing intent, its spokes on the default table,
 * and the client pool outside the private ranges, which the intent does not send back.
 */
export function declareVirtualWan(secured: boolean): pulumi.Resource[] {
  const out: pulumi.Resource[] = [];
  const add = <T extends pulumi.Resource>(r: T): T => (out.push(r), r);
  const group = add(new resources.ResourceGroup("rg"));
  const resourceGroupName = group.name;
  const wan = add(new network.VirtualWan("wan", { resourceGroupName, type: "Standard" }));
  const hub = add(
    new network.VirtualHub("hub1", { resourceGroupName, addressPrefix: "10.100.0.0/23", sku: "Standard", virtualWan: { id: wan.id } }),
  );
  const vnet = (name: string, prefix: string, tags?: Record<string, string>) =>
    add(new network.VirtualNetwork(name, { resourceGroupName, addressSpace: { addressPrefixes: [prefix] }, tags }));
  // Microsoft Entra ID serves the Azure VPN Client only, on Windows and macOS: the intents are about those.
  const app = vnet("app", "10.1.0.0/16", { "p2s-access": "required", "p2s-platforms": "windows,macos" });
  const data = vnet("data", "10.2.0.0/16");
  const isolated = secured
    ? undefined
    : add(new network.HubRouteTable("isolated", { resourceGroupName, virtualHubName: hub.name, labels: ["isolated"] }));
  const connect = (name: string, target: network.VirtualNetwork, table?: network.HubRouteTable) =>
    add(
      new network.HubVirtualNetworkConnection(name, {
        resourceGroupName,
        virtualHubName: hub.name,
        remoteVirtualNetwork: { id: target.id },
        // Associated with its own table, it still propagates to the default one: clients get its route, it gets none back.
        ...(table
          ? { routingConfiguration: { associatedRouteTable: { id: table.id }, propagatedRouteTables: { labels: ["default"] } } }
          : {}),
      }),
    );
  connect("app-conn", app);
  connect("data-conn", data, isolated);
  const server = add(
    new network.VpnServerConfiguration("vpn-config", {
      resourceGroupName,
      properties: {
        vpnProtocols: ["OpenVPN"],
        vpnAuthenticationTypes: ["AAD"],
        aadAuthenticationParameters: { aadTenant: ENTRA.tenant, aadIssuer: ENTRA.issuer, aadAudience: ENTRA.audience },
      },
    }),
  );
  add(
    new network.P2sVpnGateway("hub1-p2s", {
      resourceGroupName,
      virtualHub: { id: hub.id },
      vpnServerConfiguration: { id: server.id },
      vpnGatewayScaleUnit: 1,
      p2SConnectionConfigurations: [
        // Secured: a pool outside 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16, which routing intent does not cover.
        { name: "users", vpnClientAddressPool: { addressPrefixes: [secured ? "100.64.50.0/24" : "172.16.50.0/24"] } },
      ],
      tags: { "p2s-reach": "app", "p2s-platforms": "windows,macos" },
    }),
  );
  const site = add(
    new network.VpnSite("branch", {
      resourceGroupName,
      virtualWan: { id: wan.id },
      addressSpace: { addressPrefixes: ["10.101.0.0/16"] },
      ipAddress: "203.0.113.10",
      bgpProperties: { asn: 65101, bgpPeeringAddress: "10.101.0.1" },
    }),
  );
  add(
    new network.VpnGateway("hub1-vpn", {
      resourceGroupName,
      virtualHub: { id: hub.id },
      connections: [{ name: "branch", remoteVpnSite: { id: site.id }, enableBgp: true }],
    }),
  );
  if (secured) {
    const policy = add(new network.FirewallPolicy("hub1-fw-policy", { resourceGroupName }));
    const firewall = add(
      new network.AzureFirewall("hub1-fw", {
        resourceGroupName,
        sku: { name: "AZFW_Hub", tier: "Standard" },
        virtualHub: { id: hub.id },
        hubIPAddresses: { publicIPs: { count: 1 } },
        firewallPolicy: { id: policy.id },
      }),
    );
    add(
      new network.RoutingIntent("hub1-intent", {
        resourceGroupName,
        virtualHubName: hub.name,
        routingPolicies: [{ name: "private", destinations: ["PrivateTraffic"], nextHop: firewall.id }],
      }),
    );
  }
  return out;
}

/** `vwan-classic`: the `vwan` scenario written with the classic @pulumi/azure provider. */
export function declareClassicVirtualWan(): pulumi.Resource[] {
  const out: pulumi.Resource[] = [];
  const add = <T extends pulumi.Resource>(r: T): T => (out.push(r), r);
  const group = add(new azure.core.ResourceGroup("rg", { location: "westeurope" }));
  const placement = { resourceGroupName: group.name, location: group.location };
  const wan = add(new azure.network.VirtualWan("wan", { ...placement, type: "Standard" }));
  const hub = add(
    new azure.network.VirtualHub("hub1", { ...placement, virtualWanId: wan.id, addressPrefix: "10.100.0.0/23", sku: "Standard" }),
  );
  const vnet = (name: string, prefix: string, tags?: Record<string, string>) =>
    add(new azure.network.VirtualNetwork(name, { ...placement, addressSpaces: [prefix], tags }));
  const app = vnet("app", "10.1.0.0/16", { "p2s-access": "required", "p2s-platforms": "windows,macos" });
  const data = vnet("data", "10.2.0.0/16");
  const isolated = add(new azure.network.VirtualHubRouteTable("isolated", { virtualHubId: hub.id, labels: ["isolated"] }));
  add(new azure.network.VirtualHubConnection("app-conn", { virtualHubId: hub.id, remoteVirtualNetworkId: app.id }));
  add(
    new azure.network.VirtualHubConnection("data-conn", {
      virtualHubId: hub.id,
      remoteVirtualNetworkId: data.id,
      routing: { associatedRouteTableId: isolated.id, propagatedRouteTable: { labels: ["default"] } },
    }),
  );
  const server = add(
    new azure.network.VpnServerConfiguration("vpn-config", {
      ...placement,
      vpnProtocols: ["OpenVPN"],
      vpnAuthenticationTypes: ["AAD"],
      azureActiveDirectoryAuthentications: [{ tenant: ENTRA.tenant, issuer: ENTRA.issuer, audience: ENTRA.audience }],
    }),
  );
  add(
    new azure.network.PointToPointVpnGateway("hub1-p2s", {
      ...placement,
      virtualHubId: hub.id,
      vpnServerConfigurationId: server.id,
      scaleUnit: 1,
      connectionConfigurations: [
        {
          name: "users",
          vpnClientAddressPool: { addressPrefixes: ["172.16.50.0/24"] },
          route: { associatedRouteTableId: hub.defaultRouteTableId, propagatedRouteTable: { ids: [hub.defaultRouteTableId] } },
        },
      ],
      tags: { "p2s-reach": "app", "p2s-platforms": "windows,macos" },
    }),
  );
  return out;
}

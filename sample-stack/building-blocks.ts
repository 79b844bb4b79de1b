import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network";
import * as dnsresolver from "@pulumi/azure-native/dnsresolver";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as resources from "@pulumi/azure-native/resources";
import * as storage from "@pulumi/azure-native/storage";
import type { FirewallPath, GatewayOptions, NetworkBuilder, SpokeFilters } from "./network-builder";
import { AZURE_VPN_CLIENT_APP, SAMPLE_ROOT_CERT, SAMPLE_TENANT } from "./network-builder";

/** The scenarios written with azure-native; resources are declared into one list. */
export class StackBuilder implements NetworkBuilder<
  network.VirtualNetwork,
  network.Subnet,
  network.VirtualNetworkGateway,
  network.LocalNetworkGateway
> {
  readonly resources: pulumi.Resource[] = [];
  readonly group: resources.ResourceGroup;
  private readonly sharedKey: pulumi.Output<string>;
  /** Each hub's firewall, its private address and the GatewaySubnet's route table. */
  private readonly firewalls = new Map<
    string,
    {
      firewall: network.AzureFirewall;
      address: pulumi.Output<string>;
      policy: network.FirewallPolicy;
      gatewayRoutes: network.RouteTable;
      groups: number;
    }
  >();

  constructor(config: pulumi.Config) {
    this.group = this.add(new resources.ResourceGroup("rg"));
    // Read as a secret so it never appears in plain text anywhere; the sample value is a placeholder.
    this.sharedKey = config.getSecret("sharedKey") ?? pulumi.secret("sample-shared-key-change-me");
  }

  private add<T extends pulumi.Resource>(resource: T): T {
    this.resources.push(resource);
    return resource;
  }

  /**
   * A VNet; with `gatewaySubnet` also its GatewaySubnet, declared as a Subnet resource; with
   * `firewallSubnet` also an Azure Firewall with a firewall policy, and a route table on the
   * GatewaySubnet that throughFirewall fills.
   */
  vnet(
    name: string,
    prefix: string,
    options: { gatewaySubnet?: string; dnsServers?: string[]; tags?: Record<string, string>; firewallSubnet?: string } = {},
  ) {
    const vnet = this.add(
      new network.VirtualNetwork(
        name,
        {
          resourceGroupName: this.group.name,
          addressSpace: { addressPrefixes: [prefix] },
          ...(options.dnsServers ? { dhcpOptions: { dnsServers: options.dnsServers } } : {}),
          tags: options.tags,
        },
        { ignoreChanges: ["subnets", "virtualNetworkPeerings"] },
      ),
    );
    const gatewayRoutes = options.firewallSubnet ? this.firewall(name, vnet, options.firewallSubnet) : undefined;
    const subnet = options.gatewaySubnet
      ? this.add(
          new network.Subnet(`${name}-gateway-subnet`, {
            resourceGroupName: this.group.name,
            virtualNetworkName: vnet.name,
            subnetName: "GatewaySubnet",
            addressPrefix: options.gatewaySubnet,
            ...(gatewayRoutes ? { routeTable: { id: gatewayRoutes.id } } : {}),
          }),
        )
      : undefined;
    return { vnet, subnet };
  }

  /** The hub's Azure Firewall and its policy; returns the GatewaySubnet's route table (gateway route propagation on, as Azure requires). */
  private firewall(hubName: string, hub: network.VirtualNetwork, prefix: string): network.RouteTable {
    const group = this.group.name;
    const subnet = this.add(
      new network.Subnet(`${hubName}-firewall-subnet`, {
        resourceGroupName: group,
        virtualNetworkName: hub.name,
        subnetName: "AzureFirewallSubnet",
        addressPrefix: prefix,
      }),
    );
    const ip = this.add(
      new network.PublicIPAddress(`${hubName}-fw-ip`, {
        resourceGroupName: group,
        publicIPAllocationMethod: "Static",
        sku: { name: "Standard" },
      }),
    );
    const policy = this.add(new network.FirewallPolicy(`${hubName}-fw-policy`, { resourceGroupName: group, sku: { tier: "Standard" } }));
    const firewall = this.add(
      new network.AzureFirewall(`${hubName}-fw`, {
        resourceGroupName: group,
        sku: { name: "AZFW_VNet", tier: "Standard" },
        firewallPolicy: { id: policy.id },
        ipConfigurations: [{ name: "default", subnet: { id: subnet.id }, publicIPAddress: { id: ip.id } }],
      }),
    );
    const address = firewall.ipConfigurations.apply((configs) => configs?.[0]?.privateIPAddress ?? "");
    const gatewayRoutes = this.add(new network.RouteTable(`${hubName}-gateway-routes`, { resourceGroupName: group }));
    this.firewalls.set(hubName, { firewall, address, policy, gatewayRoutes, groups: 0 });
    return gatewayRoutes;
  }

  throughFirewall(
    hubName: string,
    spokeName: string,
    spoke: network.VirtualNetwork,
    spokePrefix: string,
    path: FirewallPath,
  ): SpokeFilters {
    const hub = this.firewalls.get(hubName);
    if (!hub) throw new Error(`${hubName} has no firewall: declare it with firewallSubnet`);
    const group = this.group.name;
    hub.groups += 1;
    this.add(
      new network.FirewallPolicyRuleCollectionGroup(`${hubName}-fw-${spokeName}`, {
        resourceGroupName: group,
        firewallPolicyName: hub.policy.name,
        priority: 100 + hub.groups * 10,
        ruleCollections: [
          {
            ruleCollectionType: "FirewallPolicyFilterRuleCollection",
            name: `p2s-to-${spokeName}`,
            priority: 100,
            action: { type: "Allow" },
            rules: [
              {
                ruleType: "NetworkRule",
                name: "https",
                ipProtocols: ["TCP"],
                sourceAddresses: [path.pool],
                destinationAddresses: [spokePrefix],
                destinationPorts: ["443"],
              },
            ],
          },
        ],
      }),
    );
    const symmetric = path.mode === "symmetric";
    if (symmetric)
      this.add(
        new network.Route(`${hubName}-to-${spokeName}`, {
          resourceGroupName: group,
          routeTableName: hub.gatewayRoutes.name,
          addressPrefix: spokePrefix,
          nextHopType: "VirtualAppliance",
          nextHopIpAddress: hub.address,
        }),
      );
    const routeTable = this.add(
      new network.RouteTable(`${spokeName}-routes`, {
        resourceGroupName: group,
        // Asymmetric: everything to the firewall and no gateway routes, while the gateway sends the spoke directly.
        disableBgpRoutePropagation: !symmetric,
        routes: [
          {
            name: symmetric ? "p2s-via-firewall" : "all-via-firewall",
            addressPrefix: symmetric ? path.pool : "0.0.0.0/0",
            nextHopType: "VirtualAppliance",
            nextHopIpAddress: hub.address,
          },
        ],
      }),
    );
    const rule = (name: string, priority: number, access: "Allow" | "Deny") => ({
      name,
      priority,
      direction: "Inbound",
      access,
      protocol: "Tcp",
      sourceAddressPrefix: path.pool,
      sourcePortRange: "*",
      destinationAddressPrefix: "*",
      destinationPortRange: "443",
    });
    const networkSecurityGroup = this.add(
      new network.NetworkSecurityGroup(`nsg-${spokeName}`, {
        resourceGroupName: group,
        securityRules: [...(path.denyPool ? [rule("deny-vpn", 200, "Deny")] : []), rule("allow-vpn-https", 300, "Allow")],
      }),
    );
    this.add(
      new network.Subnet(`${spokeName}-${path.subnet.name}`, {
        resourceGroupName: group,
        virtualNetworkName: spoke.name,
        subnetName: path.subnet.name,
        addressPrefix: path.subnet.prefix,
        routeTable: { id: routeTable.id },
        networkSecurityGroup: { id: networkSecurityGroup.id },
      }),
    );
    return { routeTable, networkSecurityGroup };
  }

  /** A RouteBased VpnGw1AZ gateway in the subnet, with a P2S configuration when `p2sPool` is set. */
  gateway(name: string, subnet: network.Subnet, options: GatewayOptions = {}): network.VirtualNetworkGateway {
    const ip = this.add(
      new network.PublicIPAddress(`${name}-ip`, {
        resourceGroupName: this.group.name,
        publicIPAllocationMethod: "Static",
        sku: { name: "Standard" },
      }),
    );
    return this.add(
      new network.VirtualNetworkGateway(name, {
        resourceGroupName: this.group.name,
        gatewayType: "Vpn",
        vpnType: "RouteBased",
        sku: { name: "VpnGw1AZ", tier: "VpnGw1AZ" },
        enableBgp: options.asn !== undefined,
        bgpSettings: options.asn !== undefined ? { asn: options.asn } : undefined,
        ipConfigurations: [{ name: "default", subnet: { id: subnet.id }, publicIPAddress: { id: ip.id } }],
        vpnClientConfiguration: options.p2sPool
          ? {
              vpnClientAddressPool: { addressPrefixes: [options.p2sPool] },
              // Without a list Azure applies its default (spec section 1), as the seed's gateways do.
              ...(options.protocols ? { vpnClientProtocols: options.protocols } : {}),
              ...(options.entra
                ? {
                    vpnAuthenticationTypes: ["AAD"],
                    aadTenant: `https://login.microsoftonline.com/${SAMPLE_TENANT}/`,
                    aadIssuer: `https://sts.windows.net/${SAMPLE_TENANT}/`,
                    aadAudience: AZURE_VPN_CLIENT_APP,
                  }
                : { vpnClientRootCertificates: [{ name: "p2s-root", publicCertData: SAMPLE_ROOT_CERT }] }),
            }
          : undefined,
        customRoutes: options.customRoutes ? { addressPrefixes: options.customRoutes } : undefined,
        tags: options.tags,
      }),
    );
  }

  privateEndpointDns(
    hub: network.VirtualNetwork,
    hubName: string,
    spoke: network.VirtualNetwork,
    spokeName: string,
    inboundAddress: string,
    filters?: SpokeFilters,
  ): void {
    const group = this.group.name;
    const inboundSubnet = this.add(
      new network.Subnet(`${hubName}-resolver-subnet`, {
        resourceGroupName: group,
        virtualNetworkName: hub.name,
        subnetName: "resolver-inbound",
        addressPrefix: "10.0.5.0/28",
        delegations: [{ name: "resolver", serviceName: "Microsoft.Network/dnsResolvers" }],
      }),
    );
    const resolver = this.add(
      new dnsresolver.DnsResolver(`${hubName}-resolver`, { resourceGroupName: group, virtualNetwork: { id: hub.id } }),
    );
    this.add(
      new dnsresolver.InboundEndpoint(`${hubName}-resolver-inbound`, {
        resourceGroupName: group,
        dnsResolverName: resolver.name,
        ipConfigurations: [{ privateIpAllocationMethod: "Static", privateIpAddress: inboundAddress, subnet: { id: inboundSubnet.id } }],
      }),
    );
    const zone = this.add(
      new privatedns.PrivateZone("blob-zone", {
        resourceGroupName: group,
        privateZoneName: "privatelink.blob.core.windows.net",
        location: "global",
      }),
    );
    this.add(
      new privatedns.VirtualNetworkLink(`blob-zone-${hubName}`, {
        resourceGroupName: group,
        privateZoneName: zone.name,
        location: "global",
        virtualNetwork: { id: hub.id },
        registrationEnabled: false,
      }),
    );
    const account = this.add(
      new storage.StorageAccount(`${spokeName}data`, { resourceGroupName: group, kind: "StorageV2", sku: { name: "Standard_LRS" } }),
    );
    const endpoints = this.add(
      new network.Subnet(`${spokeName}-endpoints`, {
        resourceGroupName: group,
        virtualNetworkName: spoke.name,
        subnetName: "endpoints",
        addressPrefix: "10.1.1.0/24",
        ...(filters
          ? {
              routeTable: { id: (filters.routeTable as network.RouteTable).id },
              networkSecurityGroup: { id: (filters.networkSecurityGroup as network.NetworkSecurityGroup).id },
            }
          : {}),
      }),
    );
    const endpoint = this.add(
      new network.PrivateEndpoint(`${spokeName}data-blob`, {
        resourceGroupName: group,
        subnet: { id: endpoints.id },
        privateLinkServiceConnections: [{ name: "blob", privateLinkServiceId: account.id, groupIds: ["blob"] }],
      }),
    );
    this.add(
      new network.PrivateDnsZoneGroup(`${spokeName}data-blob-zones`, {
        resourceGroupName: group,
        privateEndpointName: endpoint.name,
        privateDnsZoneConfigs: [{ name: "blob", privateDnsZoneId: zone.id }],
      }),
    );
  }

  /** One direction of a peering, named "<from>-to-<to>" by the caller. */
  peering(
    name: string,
    from: network.VirtualNetwork,
    to: network.VirtualNetwork,
    flags: { allowGatewayTransit?: boolean; useRemoteGateways?: boolean } = {},
    dependsOn: pulumi.Resource[] = [],
  ): network.VirtualNetworkPeering {
    return this.add(
      new network.VirtualNetworkPeering(
        name,
        {
          resourceGroupName: this.group.name,
          virtualNetworkName: from.name,
          remoteVirtualNetwork: { id: to.id },
          allowVirtualNetworkAccess: true,
          allowForwardedTraffic: true,
          allowGatewayTransit: flags.allowGatewayTransit ?? false,
          useRemoteGateways: flags.useRemoteGateways ?? false,
        },
        // useRemoteGateways is refused until the remote gateway exists.
        { dependsOn },
      ),
    );
  }

  /** Hub and spoke peered both ways; the spoke uses the hub's gateway when `transit` is set. */
  peerPair(
    hubName: string,
    hub: network.VirtualNetwork,
    spokeName: string,
    spoke: network.VirtualNetwork,
    transit: boolean,
    hubGateway?: network.VirtualNetworkGateway,
  ) {
    this.peering(`${hubName}-to-${spokeName}`, hub, spoke, { allowGatewayTransit: transit });
    this.peering(`${spokeName}-to-${hubName}`, spoke, hub, { useRemoteGateways: transit }, hubGateway ? [hubGateway] : []);
  }

  /** A gateway connection in the stack's group, keyed with the shared secret. */
  private connection(name: string, args: Omit<network.VirtualNetworkGatewayConnectionArgs, "resourceGroupName" | "sharedKey">) {
    this.add(new network.VirtualNetworkGatewayConnection(name, { ...args, resourceGroupName: this.group.name, sharedKey: this.sharedKey }));
  }

  /** A VNet-to-VNet link: one connection from each side, as Azure requires. */
  vnet2vnet(aName: string, a: network.VirtualNetworkGateway, bName: string, b: network.VirtualNetworkGateway, enableBgp: boolean) {
    this.connection(`${aName}-to-${bName}`, {
      connectionType: "Vnet2Vnet",
      virtualNetworkGateway1: { id: a.id },
      virtualNetworkGateway2: { id: b.id },
      enableBgp,
    });
    this.connection(`${bName}-to-${aName}`, {
      connectionType: "Vnet2Vnet",
      virtualNetworkGateway1: { id: b.id },
      virtualNetworkGateway2: { id: a.id },
      enableBgp,
    });
  }

  /** An on-premises site, with BGP when `asn` is set. */
  site(name: string, prefix: string, options: { asn?: number; tags?: Record<string, string> } = {}): network.LocalNetworkGateway {
    return this.add(
      new network.LocalNetworkGateway(name, {
        resourceGroupName: this.group.name,
        gatewayIpAddress: "203.0.113.10",
        localNetworkAddressSpace: { addressPrefixes: [prefix] },
        bgpSettings: options.asn !== undefined ? { asn: options.asn, bgpPeeringAddress: "10.255.255.1" } : undefined,
        tags: options.tags,
      }),
    );
  }

  /** A site-to-site IPsec connection from an Azure gateway to a site. */
  s2s(
    gatewayName: string,
    gateway: network.VirtualNetworkGateway,
    siteName: string,
    site: network.LocalNetworkGateway,
    enableBgp: boolean,
  ) {
    this.connection(`${gatewayName}-to-${siteName}`, {
      connectionType: "IPsec",
      virtualNetworkGateway1: { id: gateway.id },
      localNetworkGateway2: { id: site.id },
      enableBgp,
    });
  }
}

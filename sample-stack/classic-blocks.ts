import * as azure from "@pulumi/azure";
import * as pulumi from "@pulumi/pulumi";
import type { GatewayOptions, NetworkBuilder } from "./network-builder";
import { AZURE_VPN_CLIENT_APP, SAMPLE_ROOT_CERT, SAMPLE_TENANT } from "./network-builder";

type Vnet = azure.network.VirtualNetwork;
type Subnet = azure.network.Subnet;
type Gateway = azure.network.VirtualNetworkGateway;
type Site = azure.network.LocalNetworkGateway;

/** The same scenarios written with the classic @pulumi/azure provider (v6), as its users write them. */
export class ClassicStackBuilder implements NetworkBuilder<Vnet, Subnet, Gateway, Site> {
  readonly resources: pulumi.Resource[] = [];
  readonly group: azure.core.ResourceGroup;
  private readonly sharedKey: pulumi.Output<string>;

  constructor(config: pulumi.Config) {
    this.group = this.add(new azure.core.ResourceGroup("rg", { location: "westeurope" }));
    this.sharedKey = config.getSecret("sharedKey") ?? pulumi.secret("sample-shared-key-change-me");
  }

  private add<T extends pulumi.Resource>(resource: T): T {
    this.resources.push(resource);
    return resource;
  }

  private get placement() {
    return { resourceGroupName: this.group.name, location: this.group.location };
  }

  privateEndpointDns(hub: Vnet, hubName: string, spoke: Vnet, spokeName: string, inboundAddress: string): void {
    const group = this.group.name;
    const inboundSubnet = this.add(
      new azure.network.Subnet(`${hubName}-resolver-subnet`, {
        resourceGroupName: group,
        virtualNetworkName: hub.name,
        name: "resolver-inbound",
        addressPrefixes: ["10.0.5.0/28"],
        delegations: [
          {
            name: "resolver",
            serviceDelegation: {
              name: "Microsoft.Network/dnsResolvers",
              actions: ["Microsoft.Network/virtualNetworks/subnets/join/action"],
            },
          },
        ],
      }),
    );
    const resolver = this.add(new azure.privatedns.Resolver(`${hubName}-resolver`, { ...this.placement, virtualNetworkId: hub.id }));
    this.add(
      new azure.privatedns.ResolverInboundEndpoint(`${hubName}-resolver-inbound`, {
        location: this.group.location,
        privateDnsResolverId: resolver.id,
        ipConfigurations: { subnetId: inboundSubnet.id, privateIpAllocationMethod: "Static", privateIpAddress: inboundAddress },
      }),
    );
    const zone = this.add(new azure.privatedns.Zone("blob-zone", { resourceGroupName: group, name: "privatelink.blob.core.windows.net" }));
    this.add(
      new azure.privatedns.ZoneVirtualNetworkLink(`blob-zone-${hubName}`, {
        resourceGroupName: group,
        privateDnsZoneName: zone.name,
        virtualNetworkId: hub.id,
      }),
    );
    const account = this.add(
      new azure.storage.Account(`${spokeName}data`, { ...this.placement, accountTier: "Standard", accountReplicationType: "LRS" }),
    );
    const endpoints = this.add(
      new azure.network.Subnet(`${spokeName}-endpoints`, {
        resourceGroupName: group,
        virtualNetworkName: spoke.name,
        name: "endpoints",
        addressPrefixes: ["10.1.1.0/24"],
      }),
    );
    this.add(
      new azure.privatelink.Endpoint(`${spokeName}data-blob`, {
        ...this.placement,
        subnetId: endpoints.id,
        privateServiceConnection: {
          name: "blob",
          privateConnectionResourceId: account.id,
          isManualConnection: false,
          subresourceNames: ["blob"],
        },
        privateDnsZoneGroup: { name: "blob", privateDnsZoneIds: [zone.id] },
      }),
    );
  }

  vnet(name: string, prefix: string, options: { gatewaySubnet?: string; dnsServers?: string[]; tags?: Record<string, string> } = {}) {
    const vnet = this.add(
      new azure.network.VirtualNetwork(name, {
        ...this.placement,
        addressSpaces: [prefix],
        dnsServers: options.dnsServers,
        tags: options.tags,
      }),
    );
    const subnet = options.gatewaySubnet
      ? this.add(
          new azure.network.Subnet(`${name}-gateway-subnet`, {
            name: "GatewaySubnet",
            resourceGroupName: this.group.name,
            virtualNetworkName: vnet.name,
            addressPrefixes: [options.gatewaySubnet],
          }),
        )
      : undefined;
    return { vnet, subnet };
  }

  gateway(name: string, subnet: Subnet, options: GatewayOptions = {}): Gateway {
    const ip = this.add(new azure.network.PublicIp(`${name}-ip`, { ...this.placement, allocationMethod: "Static", sku: "Standard" }));
    return this.add(
      new azure.network.VirtualNetworkGateway(name, {
        ...this.placement,
        type: "Vpn",
        vpnType: "RouteBased",
        sku: "VpnGw1AZ",
        bgpEnabled: options.asn !== undefined,
        bgpSettings: options.asn !== undefined ? { asn: options.asn } : undefined,
        ipConfigurations: [{ name: "default", subnetId: subnet.id, publicIpAddressId: ip.id }],
        vpnClientConfiguration: options.p2sPool
          ? {
              addressSpaces: [options.p2sPool],
              ...(options.protocols ? { vpnClientProtocols: options.protocols } : {}),
              ...(options.entra
                ? {
                    vpnAuthTypes: ["AAD"],
                    aadTenant: `https://login.microsoftonline.com/${SAMPLE_TENANT}/`,
                    aadIssuer: `https://sts.windows.net/${SAMPLE_TENANT}/`,
                    aadAudience: AZURE_VPN_CLIENT_APP,
                  }
                : { rootCertificates: [{ name: "p2s-root", publicCertData: SAMPLE_ROOT_CERT }] }),
            }
          : undefined,
        customRoute: options.customRoutes ? { addressPrefixes: options.customRoutes } : undefined,
        tags: options.tags,
      }),
    );
  }

  private peering(
    name: string,
    from: Vnet,
    to: Vnet,
    flags: { allowGatewayTransit?: boolean; useRemoteGateways?: boolean },
    dependsOn: pulumi.Resource[],
  ) {
    this.add(
      new azure.network.VirtualNetworkPeering(
        name,
        {
          resourceGroupName: this.group.name,
          virtualNetworkName: from.name,
          remoteVirtualNetworkId: to.id,
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

  peerPair(hubName: string, hub: Vnet, spokeName: string, spoke: Vnet, transit: boolean, hubGateway?: Gateway): void {
    this.peering(`${hubName}-to-${spokeName}`, hub, spoke, { allowGatewayTransit: transit }, []);
    this.peering(`${spokeName}-to-${hubName}`, spoke, hub, { useRemoteGateways: transit }, hubGateway ? [hubGateway] : []);
  }

  private connection(
    name: string,
    args: Omit<azure.network.VirtualNetworkGatewayConnectionArgs, "resourceGroupName" | "location" | "sharedKey">,
  ) {
    this.add(new azure.network.VirtualNetworkGatewayConnection(name, { ...args, ...this.placement, sharedKey: this.sharedKey }));
  }

  vnet2vnet(aName: string, a: Gateway, bName: string, b: Gateway, enableBgp: boolean): void {
    this.connection(`${aName}-to-${bName}`, {
      type: "Vnet2Vnet",
      virtualNetworkGatewayId: a.id,
      peerVirtualNetworkGatewayId: b.id,
      bgpEnabled: enableBgp,
    });
    this.connection(`${bName}-to-${aName}`, {
      type: "Vnet2Vnet",
      virtualNetworkGatewayId: b.id,
      peerVirtualNetworkGatewayId: a.id,
      bgpEnabled: enableBgp,
    });
  }

  site(name: string, prefix: string, options: { asn?: number; tags?: Record<string, string> } = {}): Site {
    return this.add(
      new azure.network.LocalNetworkGateway(name, {
        ...this.placement,
        gatewayAddress: "203.0.113.10",
        addressSpaces: [prefix],
        bgpSettings: options.asn !== undefined ? { asn: options.asn, bgpPeeringAddress: "10.255.255.1" } : undefined,
        tags: options.tags,
      }),
    );
  }

  s2s(gatewayName: string, gateway: Gateway, siteName: string, site: Site, enableBgp: boolean): void {
    this.connection(`${gatewayName}-to-${siteName}`, {
      type: "IPsec",
      virtualNetworkGatewayId: gateway.id,
      localNetworkGatewayId: site.id,
      bgpEnabled: enableBgp,
    });
  }
}

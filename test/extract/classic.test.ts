import { extractTopology } from "../../policypack/extract/extract-topology";
import { UNKNOWN } from "../../policypack/extract/plain";
import type { RawResource } from "../../policypack/extract/raw-resource";

const RG = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network";
const TOKENS: Record<string, string> = {
  VirtualNetwork: "azure:network/virtualNetwork:VirtualNetwork",
  Subnet: "azure:network/subnet:Subnet",
  VirtualNetworkPeering: "azure:network/virtualNetworkPeering:VirtualNetworkPeering",
  VirtualNetworkGateway: "azure:network/virtualNetworkGateway:VirtualNetworkGateway",
  VirtualNetworkGatewayConnection: "azure:network/virtualNetworkGatewayConnection:VirtualNetworkGatewayConnection",
  LocalNetworkGateway: "azure:network/localNetworkGateway:LocalNetworkGateway",
  VirtualNetworkDnsServers: "azure:network/virtualNetworkDnsServers:VirtualNetworkDnsServers",
  Zone: "azure:privatedns/zone:Zone",
  ZoneVirtualNetworkLink: "azure:privatedns/zoneVirtualNetworkLink:ZoneVirtualNetworkLink",
  Endpoint: "azure:privatelink/endpoint:Endpoint",
  Resolver: "azure:privatedns/resolver:Resolver",
  ResolverInboundEndpoint: "azure:privatedns/resolverInboundEndpoint:ResolverInboundEndpoint",
  PublicIp: "azure:network/publicIp:PublicIp",
};
const urn = (kind: string, name: string) => `urn:pulumi:dev::p::${TOKENS[kind] ?? kind}::${name}`;

function classic(kind: string, name: string, props: Record<string, unknown>, more: Partial<RawResource> = {}): RawResource {
  return { type: TOKENS[kind], urn: urn(kind, name), name, props, dependencies: [], propertyDependencies: {}, ...more };
}

/** A deployed classic hub: ids known, references by ARM id and by name and group. */
function deployedHub(): RawResource[] {
  return [
    classic("VirtualNetwork", "hub", {
      id: `${RG}/virtualNetworks/hub-x1`,
      name: "hub-x1",
      resourceGroupName: "rg",
      addressSpaces: ["10.0.0.0/16"],
      dnsServers: ["10.0.5.4"],
    }),
    classic("VirtualNetwork", "spoke", {
      id: `${RG}/virtualNetworks/spoke-x2`,
      name: "spoke-x2",
      resourceGroupName: "rg",
      addressSpaces: ["10.1.0.0/16"],
    }),
    classic("Subnet", "gw-subnet", {
      id: `${RG}/virtualNetworks/hub-x1/subnets/GatewaySubnet`,
      name: "GatewaySubnet",
      resourceGroupName: "rg",
      virtualNetworkName: "hub-x1",
      addressPrefixes: ["10.0.255.0/27"],
    }),
    classic("VirtualNetworkGateway", "hub-gw", {
      id: `${RG}/virtualNetworkGateways/hub-gw-x3`,
      type: "Vpn",
      vpnType: "RouteBased",
      sku: "VpnGw2AZ",
      generation: "Generation2",
      bgpEnabled: true,
      bgpSettings: { asn: 65010 },
      ipConfigurations: [{ subnetId: `${RG}/virtualNetworks/hub-x1/subnets/GatewaySubnet` }],
      vpnClientConfiguration: {
        addressSpaces: ["172.16.0.0/24"],
        vpnClientProtocols: ["IkeV2", "OpenVPN"],
        vpnAuthTypes: ["Certificate", "AAD"],
        aadTenant: "https://login.microsoftonline.com/t/",
        rootCertificates: [{ name: "root", publicCertData: "MII" }],
        radiusServers: [{ address: "10.0.0.9", score: 1, secret: "s3cret" }],
        virtualNetworkGatewayClientConnections: [{ name: "admins", addressPrefixes: ["172.16.10.0/24"], policyGroupNames: ["admins"] }],
      },
      customRoute: { addressPrefixes: ["10.50.0.0/16"] },
    }),
    classic("VirtualNetworkPeering", "spoke-to-hub", {
      virtualNetworkName: "spoke-x2",
      resourceGroupName: "rg",
      remoteVirtualNetworkId: `${RG}/virtualNetworks/hub-x1`,
      useRemoteGateways: true,
    }),
    classic("LocalNetworkGateway", "branch", {
      id: `${RG}/localNetworkGateways/branch-x4`,
      addressSpaces: ["10.101.0.0/16"],
      bgpSettings: { asn: 65101, bgpPeeringAddress: "10.255.255.1" },
    }),
    classic("VirtualNetworkGatewayConnection", "hub-to-branch", {
      type: "IPsec",
      virtualNetworkGatewayId: `${RG}/virtualNetworkGateways/hub-gw-x3`,
      localNetworkGatewayId: `${RG}/localNetworkGateways/branch-x4`,
      enableBgp: true,
    }),
  ];
}

describe("extraction from the classic @pulumi/azure provider", () => {
  it("reads a VNet's address spaces and DNS servers", () => {
    expect(extractTopology(deployedHub()).topology.vnets.map((v) => [v.name, v.azureName, v.prefixes, v.nameServers])).toEqual([
      ["hub", "hub-x1", ["10.0.0.0/16"], ["10.0.5.4"]],
      ["spoke", "spoke-x2", ["10.1.0.0/16"], []],
    ]);
  });

  it("reads a gateway: its subnet by id, SKU and generation as strings, bgpEnabled, pools, protocols, authentication and custom routes", () => {
    const [g] = extractTopology(deployedHub()).topology.gateways;
    expect({ ...g, profileDigests: undefined }).toEqual({
      id: urn("VirtualNetworkGateway", "hub-gw"),
      name: "hub-gw",
      azureName: "hub-gw-x3",
      tags: {},
      vnet: urn("VirtualNetwork", "hub"),
      kind: "Vpn",
      routing: "RouteBased",
      sku: "VpnGw2AZ",
      generation: "Generation2",
      bgp: true,
      asn: 65010,
      clientPool: ["172.16.0.0/24"],
      clientPoolUnknown: false,
      groupPools: ["172.16.10.0/24"],
      userGroups: [{ name: "admins", pools: ["172.16.10.0/24"] }],
      protocols: ["IkeV2", "OpenVPN"],
      authTypes: ["Certificate", "AAD"],
      authSettings: { aad: true, radius: true, certificates: true },
      profileDigests: undefined,
      advertisedRoutes: ["10.50.0.0/16"],
      vnetAzureName: "hub-x1",
      deployed: true,
      aad: { tenant: "https://login.microsoftonline.com/t/", issuer: undefined, audience: undefined },
      publicIps: [],
    });
  });

  it("reads an empty vpnAuthTypes in a deployed gateway's outputs as unset, as a preview's inputs leave it", () => {
    const hub = deployedHub().map((r) =>
      r.name === "hub-gw"
        ? {
            ...r,
            props: {
              ...(r.props as object),
              vpnClientConfiguration: { addressSpaces: ["172.16.0.0/24"], vpnAuthTypes: [], vpnClientProtocols: [] },
            },
          }
        : r,
    );
    const [g] = extractTopology(hub).topology.gateways;
    expect({ authTypes: g.authTypes, protocols: g.protocols }).toEqual({ authTypes: undefined, protocols: undefined });
  });

  it("reads the gateway's public IP addresses, with the provider's default SKU when none is declared", () => {
    const ip = classic("PublicIp", "hub-pip", {
      id: `${RG}/publicIPAddresses/hub-pip-x9`,
      name: "hub-pip-x9",
      resourceGroupName: "rg",
      allocationMethod: "Dynamic",
    });
    const hub = deployedHub().map((r) =>
      r.name === "hub-gw"
        ? {
            ...r,
            props: {
              ...(r.props as object),
              ipConfigurations: [
                { subnetId: `${RG}/virtualNetworks/hub-x1/subnets/GatewaySubnet`, publicIpAddressId: `${RG}/publicIPAddresses/hub-pip-x9` },
              ],
            },
          }
        : r,
    );
    const { topology } = extractTopology([...hub, ip]);
    expect({ gateway: topology.gateways[0].publicIps, ips: topology.publicIps?.map((p) => [p.name, p.sku, p.allocation]) }).toEqual({
      gateway: [{ id: urn("PublicIp", "hub-pip"), name: "hub-pip" }],
      ips: [["hub-pip", "Standard", "Dynamic"]],
    });
  });

  it("reads a peering by VNet name and remote id, a site, and a connection with the deprecated enableBgp", () => {
    const { topology } = extractTopology(deployedHub());
    expect({
      peerings: topology.peerings.map((p) => [p.name, p.from, p.to, p.usesRemoteGateway, p.allowsAccess]),
      sites: topology.sites.map((s) => [s.name, s.prefixes, s.bgpAsn]),
      connections: topology.connections.map((c) => [c.name, c.type, c.gateway, c.site, c.bgp]),
    }).toEqual({
      peerings: [["spoke-to-hub", urn("VirtualNetwork", "spoke"), urn("VirtualNetwork", "hub"), true, true]],
      sites: [["branch", ["10.101.0.0/16"], 65101]],
      connections: [["hub-to-branch", "IPsec", urn("VirtualNetworkGateway", "hub-gw"), urn("LocalNetworkGateway", "branch"), true]],
    });
  });

  it("reads private DNS: a zone by name, its link by zone name and VNet id, an endpoint with its inline zone group, a resolver and its single inbound block", () => {
    const zone = `${RG}/privateDnsZones/privatelink.blob.core.windows.net`;
    const resources = [
      ...deployedHub(),
      classic("Zone", "blob-zone", { id: zone, name: "privatelink.blob.core.windows.net", resourceGroupName: "rg" }),
      classic("ZoneVirtualNetworkLink", "blob-hub", {
        name: "blob-hub",
        resourceGroupName: "rg",
        privateDnsZoneName: "privatelink.blob.core.windows.net",
        virtualNetworkId: `${RG}/virtualNetworks/hub-x1`,
      }),
      classic("Endpoint", "data-blob", {
        name: "data-blob",
        subnetId: `${RG}/virtualNetworks/spoke-x2/subnets/endpoints`,
        privateDnsZoneGroup: { name: "blob", privateDnsZoneIds: [zone] },
      }),
      classic("Resolver", "hub-resolver", {
        id: `${RG}/dnsResolvers/hub-resolver-x5`,
        name: "hub-resolver-x5",
        virtualNetworkId: `${RG}/virtualNetworks/hub-x1`,
      }),
      classic("ResolverInboundEndpoint", "hub-in", {
        name: "hub-in",
        privateDnsResolverId: `${RG}/dnsResolvers/hub-resolver-x5`,
        ipConfigurations: {
          subnetId: `${RG}/virtualNetworks/hub-x1/subnets/inbound`,
          privateIpAllocationMethod: "Static",
          privateIpAddress: "10.0.5.4",
        },
      }),
    ];
    const dns = extractTopology(resources).topology.dns;
    const name = (id: string | undefined) => id?.split("::").pop();
    expect({
      zones: dns?.zones.map((z) => [z.name, z.zoneName]),
      links: dns?.links.map((l) => [l.name, name(l.zone), name(l.vnet)]),
      endpoints: dns?.endpoints.map((e) => [e.name, name(e.vnet), e.zones.map(name)]),
      resolvers: dns?.resolvers.map((r) => [r.name, name(r.vnet)]),
      inbound: dns?.inbound.map((i) => [i.name, name(i.resolver), name(i.vnet), i.address, i.dynamic]),
    }).toEqual({
      zones: [["blob-zone", "privatelink.blob.core.windows.net"]],
      links: [["blob-hub", "blob-zone", "hub"]],
      endpoints: [["data-blob", "spoke", ["blob-zone"]]],
      resolvers: [["hub-resolver", "hub"]],
      inbound: [["hub-in", "hub-resolver", "hub", "10.0.5.4", false]],
    });
  });

  it("sets DNS servers from a VirtualNetworkDnsServers resource, whatever the order", () => {
    const dns = classic("VirtualNetworkDnsServers", "hub-dns", {
      virtualNetworkId: `${RG}/virtualNetworks/hub-x1`,
      dnsServers: ["10.0.5.5"],
    });
    expect(extractTopology([dns, ...deployedHub()]).topology.vnets.find((v) => v.name === "hub")?.nameServers).toEqual(["10.0.5.5"]);
  });

  it("reads DNS servers unknown during preview, on the VNet or a VirtualNetworkDnsServers resource, as not known, and keeps which resource sets them", () => {
    const onVnet = deployedHub().map((r) => (r.name === "hub" ? { ...r, props: { ...(r.props as object), dnsServers: [UNKNOWN] } } : r));
    const dns = classic("VirtualNetworkDnsServers", "hub-dns", { virtualNetworkId: `${RG}/virtualNetworks/hub-x1`, dnsServers: [UNKNOWN] });
    const hubOf = (resources: RawResource[]) => {
      const vnet = extractTopology(resources).topology.vnets.find((v) => v.name === "hub");
      return [vnet?.nameServers, vnet?.nameServersUnknown, vnet?.nameServersFrom];
    };
    expect([hubOf(onVnet), hubOf([...deployedHub(), dns])]).toEqual([
      [[], "preview", undefined],
      [[], "preview", { id: dns.urn, name: "hub-dns" }],
    ]);
  });

  it("resolves references through propertyDependencies when ids are unknown in a new stack's preview", () => {
    const hub = classic("VirtualNetwork", "hub", { name: UNKNOWN, resourceGroupName: UNKNOWN, addressSpaces: ["10.0.0.0/16"] });
    const spoke = classic("VirtualNetwork", "spoke", { name: UNKNOWN, resourceGroupName: UNKNOWN, addressSpaces: ["10.1.0.0/16"] });
    const peering = classic(
      "VirtualNetworkPeering",
      "spoke-to-hub",
      { virtualNetworkName: UNKNOWN, remoteVirtualNetworkId: UNKNOWN, useRemoteGateways: true },
      { propertyDependencies: { virtualNetworkName: [spoke.urn], remoteVirtualNetworkId: [hub.urn] } },
    );
    expect(extractTopology([hub, spoke, peering]).topology.peerings.map((p) => [p.from, p.to])).toEqual([[spoke.urn, hub.urn]]);
  });

  it("resolves a stack mixing both providers by ARM id: a classic VNet, an azure-native gateway", () => {
    const vnet = classic("VirtualNetwork", "hub", {
      id: `${RG}/virtualNetworks/hub-x1`,
      name: "hub-x1",
      resourceGroupName: "rg",
      addressSpaces: ["10.0.0.0/16"],
    });
    const gateway: RawResource = {
      type: "azure-native:network:VirtualNetworkGateway",
      urn: "urn:pulumi:dev::p::azure-native:network:VirtualNetworkGateway::gw",
      name: "gw",
      props: {
        ipConfigurations: [{ subnet: { id: `${RG}/virtualNetworks/hub-x1/subnets/GatewaySubnet` } }],
        vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: ["172.16.0.0/24"] } },
      },
      dependencies: [],
      propertyDependencies: {},
    };
    const extraction = extractTopology([vnet, gateway]);
    const spell = (field: "gateway.clientPool" | "vnet.prefixes", resource: string) => extraction.spell({ field, resource });
    expect({
      vnet: extraction.topology.gateways[0].vnet,
      spelled: [spell("gateway.clientPool", gateway.urn), spell("vnet.prefixes", vnet.urn)],
    }).toEqual({ vnet: vnet.urn, spelled: ["vpnClientAddressPool", "addressSpaces"] });
  });
});

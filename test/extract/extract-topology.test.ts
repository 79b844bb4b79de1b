import { extractTopology } from "../../policypack/extract/extract-topology";
import { SECRET, UNKNOWN, toPlain } from "../../policypack/extract/plain";
import type { RawResource } from "../../policypack/extract/raw-resource";
import { analyzeResources } from "../../policypack/pipeline/stack-analysis";
import { buildReport } from "../../policypack/report/report-model";

// The proxy @pulumi/policy wraps every stack policy's props in; internal, so not in its typings.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(value: T): T };

const RG = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network";
const urn = (type: string, name: string) => `urn:pulumi:dev::p::azure-native:network:${type}::${name}`;

function raw(type: string, name: string, props: Record<string, unknown>, more: Partial<RawResource> = {}): RawResource {
  return { type: `azure-native:network:${type}`, urn: urn(type, name), name, props, dependencies: [], propertyDependencies: {}, ...more };
}

/** A deployed hub: ids known, references by ARM id only (no dependency information). */
function deployedHub(): RawResource[] {
  return [
    raw("VirtualNetwork", "hub", {
      id: `${RG}/virtualNetworks/hub-x1`,
      name: "hub-x1",
      resourceGroupName: "rg",
      addressSpace: { addressPrefixes: ["10.0.0.0/16"] },
    }),
    raw("VirtualNetwork", "spoke", {
      id: `${RG}/virtualNetworks/spoke-x2`,
      name: "spoke-x2",
      resourceGroupName: "rg",
      addressSpace: { addressPrefixes: ["10.1.0.0/16"] },
    }),
    raw("VirtualNetworkGateway", "hub-gw", {
      id: `${RG}/virtualNetworkGateways/hub-gw-x3`,
      ipConfigurations: [{ subnet: { id: `${RG.toUpperCase()}/VIRTUALNETWORKS/HUB-X1/subnets/GatewaySubnet` } }],
      vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: ["192.168.0.0/24"] }, vpnClientProtocols: ["ikev2"] },
    }),
    raw("VirtualNetworkPeering", "hub-to-spoke", {
      virtualNetworkName: "hub-x1",
      resourceGroupName: "rg",
      remoteVirtualNetwork: { id: `${RG}/virtualNetworks/spoke-x2` },
      allowGatewayTransit: true,
    }),
  ];
}

describe("extraction from azure-native resources", () => {
  it("resolves a gateway's public IP address through propertyDependencies in a brand-new stack's preview", () => {
    const ip = raw("PublicIPAddress", "hub-pip", { sku: { name: "Basic" }, publicIPAllocationMethod: "Dynamic" });
    const gateway = raw(
      "VirtualNetworkGateway",
      "hub-gw",
      {
        ipConfigurations: [{ subnet: { id: UNKNOWN }, publicIPAddress: { id: UNKNOWN } }],
        vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: ["192.168.0.0/24"] } },
      },
      { propertyDependencies: { ipConfigurations: [ip.urn] } },
    );
    const { topology } = extractTopology([ip, gateway]);
    expect({
      gateway: topology.gateways[0].publicIps,
      deployed: topology.gateways[0].deployed,
      ips: topology.publicIps?.map((p) => [p.name, p.sku, p.allocation]),
    }).toEqual({
      gateway: [{ id: ip.urn, name: "hub-pip" }],
      deployed: undefined,
      ips: [["hub-pip", "Basic", "Dynamic"]],
    });
  });

  it("names the Windows connection after the VNet that the GatewaySubnet's id names when that VNet is in another stack", () => {
    const gateway = raw("VirtualNetworkGateway", "hub-gw", {
      ipConfigurations: [{ subnet: { id: `${RG}/virtualNetworks/vnet-hub-prd/subnets/GatewaySubnet` } }],
      vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: ["192.168.0.0/24"] } },
    });
    const stack = analyzeResources([gateway]);
    expect(buildReport(stack).gateways.map((g) => [g.name, g.vnet, g.vpnConnectionName])).toEqual([["hub-gw", null, "vnet-hub-prd"]]);
  });

  it("resolves references by ARM id, case-insensitively, without dependency information", () => {
    const { topology, notes } = extractTopology(deployedHub());
    expect(notes).toEqual([]);
    expect(topology.gateways.map((g) => [g.name, g.vnet, g.protocols])).toEqual([["hub-gw", urn("VirtualNetwork", "hub"), ["IkeV2"]]]);
    expect(topology.peerings.map((p) => [p.name, p.from, p.to, p.allowsAccess])).toEqual([
      ["hub-to-spoke", urn("VirtualNetwork", "hub"), urn("VirtualNetwork", "spoke"), true],
    ]);
  });

  it("resolves unknown ids in preview through propertyDependencies", () => {
    const preview = [
      raw("VirtualNetwork", "hub", { resourceGroupName: UNKNOWN, addressSpace: { addressPrefixes: ["10.0.0.0/16"] } }),
      raw("VirtualNetwork", "spoke", { resourceGroupName: UNKNOWN, addressSpace: { addressPrefixes: ["10.1.0.0/16"] } }),
      raw(
        "Subnet",
        "gw-subnet",
        { virtualNetworkName: UNKNOWN, subnetName: "GatewaySubnet" },
        { propertyDependencies: { virtualNetworkName: [urn("VirtualNetwork", "hub")] } },
      ),
      raw(
        "VirtualNetworkGateway",
        "hub-gw",
        {
          ipConfigurations: [{ subnet: { id: UNKNOWN }, publicIPAddress: { id: UNKNOWN } }],
          vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: ["192.168.0.0/24"] } },
        },
        {
          propertyDependencies: {
            ipConfigurations: [urn("Subnet", "gw-subnet"), "urn:pulumi:dev::p::azure-native:network:PublicIPAddress::ip"],
          },
        },
      ),
      raw(
        "VirtualNetworkPeering",
        "spoke-to-hub",
        { virtualNetworkName: UNKNOWN, remoteVirtualNetwork: { id: UNKNOWN }, useRemoteGateways: true },
        {
          propertyDependencies: {
            virtualNetworkName: [urn("VirtualNetwork", "spoke")],
            remoteVirtualNetwork: [urn("VirtualNetwork", "hub")],
          },
        },
      ),
    ];
    const { topology, notes } = extractTopology(preview);
    expect(notes).toEqual([]);
    expect(topology.gateways[0].vnet).toBe(urn("VirtualNetwork", "hub"));
    expect(topology.peerings.map((p) => [p.from, p.to, p.usesRemoteGateway])).toEqual([
      [urn("VirtualNetwork", "spoke"), urn("VirtualNetwork", "hub"), true],
    ]);
  });

  it("reads peerings declared inline on a VNet, reporting them against the VNet", () => {
    const hub = raw("VirtualNetwork", "hub", {
      id: `${RG}/virtualNetworks/hub`,
      addressSpace: { addressPrefixes: ["10.0.0.0/16"] },
      subnets: [{ name: "GatewaySubnet", addressPrefix: "10.0.255.0/27" }],
      virtualNetworkPeerings: [
        { name: "hub-to-spoke", remoteVirtualNetwork: { id: `${RG}/virtualNetworks/spoke` }, allowGatewayTransit: true },
      ],
    });
    const spoke = raw("VirtualNetwork", "spoke", { id: `${RG}/virtualNetworks/spoke`, addressSpace: { addressPrefixes: ["10.1.0.0/16"] } });
    const { topology, urns } = extractTopology([hub, spoke]);
    expect(topology.peerings.map((p) => [p.name, p.to, p.allowsTransit])).toEqual([["hub-to-spoke", spoke.urn, true]]);
    expect(urns.get(topology.peerings[0].id)).toBe(hub.urn);
  });

  it("reads DNS servers unknown during preview, or secret, as not known rather than as Azure-provided DNS, wherever the unknown is", () => {
    const hub = (dhcpOptions: unknown) => raw("VirtualNetwork", "hub", { addressSpace: { addressPrefixes: ["10.0.0.0/16"] }, dhcpOptions });
    const read = (dhcpOptions: unknown) => {
      const [vnet] = extractTopology([hub(dhcpOptions)]).topology.vnets;
      return [vnet.nameServers, vnet.nameServersUnknown];
    };
    expect([
      read({ dnsServers: [UNKNOWN] }),
      read({ dnsServers: UNKNOWN }),
      read(UNKNOWN),
      read({ dnsServers: ["10.0.0.4", SECRET] }),
      read({ dnsServers: ["10.0.0.4"] }),
    ]).toEqual([
      [[], "preview"],
      [[], "preview"],
      [[], "preview"],
      [["10.0.0.4"], "secret"],
      [["10.0.0.4"], undefined],
    ]);
  });

  it("accepts API-versioned type tokens", () => {
    const resources = deployedHub().map((r) => ({
      ...r,
      type: r.type.replace("azure-native:network:", "azure-native:network/v20240301:"),
    }));
    expect(extractTopology(resources).topology.gateways.map((g) => g.vnet)).toEqual([urn("VirtualNetwork", "hub")]);
  });

  it("reads private DNS zones from their own module, their network alias and an API-versioned token alike", () => {
    const zone = (type: string, name: string): RawResource => ({
      type,
      urn: `urn:pulumi:dev::p::${type}::${name}`,
      name,
      props: { privateZoneName: `${name}.privatelink.blob.core.windows.net`, resourceGroupName: "rg" },
      dependencies: [],
      propertyDependencies: {},
    });
    const resources = [
      zone("azure-native:privatedns:PrivateZone", "a"),
      zone("azure-native:network:PrivateZone", "b"),
      zone("azure-native:privatedns/v20240601:PrivateZone", "c"),
    ];
    expect(extractTopology(resources).topology.dns?.zones.map((z) => z.zoneName)).toEqual([
      "a.privatelink.blob.core.windows.net",
      "b.privatelink.blob.core.windows.net",
      "c.privatelink.blob.core.windows.net",
    ]);
  });

  it("notes a peering to a VNet outside the stack instead of failing", () => {
    const resources = deployedHub().filter((r) => r.name !== "spoke");
    const { topology, notes } = extractTopology(resources);
    expect(topology.peerings[0].to).toBeUndefined();
    expect(notes).toEqual(["hub-to-spoke peers with spoke-x2, which is not in the stack; it is analysed as a one-sided peering."]);
  });

  it("notes an unknown reference with no dependency to resolve it", () => {
    const resources = [
      raw("VirtualNetworkGatewayConnection", "c", {
        connectionType: "IPsec",
        virtualNetworkGateway1: { id: UNKNOWN },
        localNetworkGateway2: { id: UNKNOWN },
      }),
    ];
    expect(extractTopology(resources).notes).toEqual([
      "localNetworkGateway2 of c resolves to a value unknown during preview, so it is left out of the analysis.",
      "virtualNetworkGateway1 of c resolves to a value unknown during preview, so it is left out of the analysis.",
    ]);
  });

  it("notes a reference that could be several resources", () => {
    const hub = deployedHub();
    const gw = raw(
      "VirtualNetworkGateway",
      "gw2",
      { ipConfigurations: [{ subnet: { id: UNKNOWN } }] },
      { propertyDependencies: { ipConfigurations: [urn("VirtualNetwork", "hub"), urn("VirtualNetwork", "spoke")] } },
    );
    expect(extractTopology([...hub, gw]).notes).toEqual([
      "The GatewaySubnet of gw2 resolves to several possible resources, so it is left out of the analysis.",
    ]);
  });

  it("survives wrong types everywhere and says what it left out", () => {
    const hostile = [
      raw("VirtualNetwork", "v", {
        addressSpace: { addressPrefixes: [42, null, "10.0.0.0/16"] },
        tags: "not-an-object",
        virtualNetworkPeerings: "x",
      }),
      raw("VirtualNetworkGateway", "g", {
        ipConfigurations: {},
        vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: "10.9.0.0/24" }, vpnClientProtocols: ["IkeV2", "WireGuard"] },
        bgpSettings: { asn: "x" },
      }),
      raw("VirtualNetworkGatewayConnection", "c", { connectionType: 7 }),
      { ...raw("LocalNetworkGateway", "s", {}), props: null },
    ];
    const { topology, notes } = extractTopology(hostile as RawResource[]);
    expect(topology.vnets.map((v) => v.prefixes)).toEqual([["10.0.0.0/16"]]);
    expect(notes).toEqual([
      "The GatewaySubnet of g resolves to nothing, so it is left out of the analysis.",
      "addressSpace.addressPrefixes of v holds values that are not strings; they are left out.",
      "c has no readable connectionType; it is left out.",
      "g has a vpnClientConfiguration without a usable address pool, so it is not analysed as a P2S gateway.",
      'g lists the unknown VPN client protocol "WireGuard"; it is ignored.',
      "vpnClientConfiguration.vpnClientAddressPool.addressPrefixes of g holds values that are not strings; they are left out.",
    ]);
  });
});

describe("reading @pulumi/policy's unknown-checking proxy", () => {
  it("copies properties holding unknowns without throwing", () => {
    const proxy = unknownCheckingProxy({ remoteVirtualNetwork: { id: UNKNOWN }, flags: [true, UNKNOWN] });
    expect(() => (proxy as { remoteVirtualNetwork: { id: string } }).remoteVirtualNetwork.id).toThrow("can't be known during preview");
    expect(toPlain(proxy)).toEqual({ remoteVirtualNetwork: { id: UNKNOWN }, flags: [true, UNKNOWN] });
  });
});

describe("extraction of P2S authentication and user groups", () => {
  const gateway = (client: Record<string, unknown>) => {
    const { topology, notes } = extractTopology([
      raw("VirtualNetworkGateway", "gw", {
        vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: ["192.168.0.0/24"] }, ...client },
      }),
    ]);
    const g = topology.gateways[0];
    // The gateway stands alone: its subnet's note is not what these tests are about.
    return {
      authTypes: g.authTypes,
      authSettings: g.authSettings,
      groupPools: g.groupPools,
      notes: notes.filter((n) => !n.includes("GatewaySubnet")),
    };
  };
  const none = { aad: false, radius: false, certificates: false };

  it("reads listed authentication types whatever their case, and which settings are present", () => {
    expect(
      gateway({
        vpnAuthenticationTypes: ["aad", "Certificate"],
        aadTenant: "https://login.microsoftonline.com/t/",
        vpnClientRootCertificates: [{ name: "r", publicCertData: "MII" }],
      }),
    ).toEqual({
      authTypes: ["AAD", "Certificate"],
      authSettings: { aad: true, radius: false, certificates: true },
      groupPools: [],
      notes: [],
    });
  });

  it("counts RADIUS from radiusServerAddress and from radiusServers, without reading any secret", () => {
    expect(gateway({ radiusServerAddress: "10.0.0.5", radiusServerSecret: "s3cret" }).authSettings).toEqual({ ...none, radius: true });
    expect(gateway({ radiusServers: [{ radiusServerAddress: "10.0.0.6", radiusServerSecret: "s3cret" }] }).authSettings).toEqual({
      ...none,
      radius: true,
    });
  });

  it("counts a setting unknown during preview as present, and leaves the types to inference when the list is unknown", () => {
    expect(gateway({ aadTenant: UNKNOWN, vpnAuthenticationTypes: UNKNOWN })).toEqual({
      authTypes: undefined,
      authSettings: { ...none, aad: true },
      groupPools: [],
      notes: ["vpnAuthenticationTypes of gw is unknown during preview; the types are inferred from its settings."],
    });
  });

  it("reads the pools of user groups", () => {
    const groups = [
      { name: "a", vpnClientAddressPool: { addressPrefixes: ["192.168.10.0/24"] } },
      { name: "b", vpnClientAddressPool: { addressPrefixes: ["192.168.11.0/24", UNKNOWN] } },
    ];
    expect(gateway({ vngClientConnectionConfigurations: groups })).toMatchObject({
      groupPools: ["192.168.10.0/24", "192.168.11.0/24"],
      notes: ["Some user-group pools of gw are unknown during preview and are left out."],
    });
  });

  it("carries the Entra ID tenant, issuer and audience (identifiers users' profiles hold too) but no certificate, and leaves a secret one out", () => {
    const client = {
      vpnClientAddressPool: { addressPrefixes: ["192.168.0.0/24"] },
      vpnClientRootCertificates: [{ name: "root", publicCertData: "MIIC-cert" }],
    };
    const a = extractTopology([
      raw("VirtualNetworkGateway", "gw", { vpnClientConfiguration: { ...client, aadTenant: "tenant-one", aadIssuer: SECRET } }),
    ]);
    const b = extractTopology([raw("VirtualNetworkGateway", "gw", { vpnClientConfiguration: { ...client, aadTenant: "tenant-two" } })]);
    expect(a.topology.gateways[0].aad).toEqual({ tenant: "tenant-one", issuer: undefined, audience: undefined });
    expect(JSON.stringify(a.topology)).not.toContain("MIIC-cert");
    expect(a.topology.gateways[0].profileDigests?.aad).not.toBe(b.topology.gateways[0].profileDigests?.aad);
    expect(a.topology.gateways[0].profileDigests?.certificates).toBe(b.topology.gateways[0].profileDigests?.certificates);
  });
});

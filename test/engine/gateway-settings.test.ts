import { checkGatewaySettings, checkRetiredFeatures, checkSiteSettings } from "../../policypack/checks/gateway-settings";
import type { Finding } from "../../policypack/reachability/findings";
import type { PublicIp, Site, Topology, VpnGateway } from "../../policypack/topology/model";
import { TENANT, compliantEntraHub, compliantHub } from "../helpers/gateway-baselines";
import { spelled } from "../helpers/spelled";

function hubGateway(topology: Topology): VpnGateway {
  return topology.gateways.find((g) => g.name === "hub-gw") as VpnGateway;
}

/** The compliant hub's gateway (test/helpers/gateway-baselines.ts), alone: the checks read one gateway's own settings. */
const compliant: VpnGateway = hubGateway(compliantHub());

const written = (findings: Finding[]) => findings.map((f) => [f.code, spelled(f.problem), spelled(f.fix.text)]);
const codes = (findings: Finding[]) => findings.map((f) => (f.subject ? `${f.code} ${f.subject}` : f.code));
const settings = (patch: Partial<VpnGateway>) => codes(checkGatewaySettings({ ...compliant, ...patch }));
const retired = (patch: Partial<VpnGateway>) => codes(checkRetiredFeatures({ ...compliant, ...patch }));

describe("gateway settings Azure rejects (spec 4b)", () => {
  it("finds nothing on the compliant gateway", () => {
    expect({ settings: settings({}), retired: retired({}) }).toEqual({ settings: [], retired: [] });
  });

  it("rejects a Point-to-Site configuration on a PolicyBased gateway", () => {
    expect(written(checkGatewaySettings({ ...compliant, routing: "PolicyBased" }))).toEqual([
      [
        "policy-based-p2s",
        "hub-gw is PolicyBased but declares a Point-to-Site configuration, which only RouteBased gateways support.",
        "Set vpnType to RouteBased on hub-gw.",
      ],
    ]);
  });

  it("rejects SSTP together with OpenVPN", () => {
    expect(written(checkGatewaySettings({ ...compliant, protocols: ["OpenVPN", "SSTP"] }))).toEqual([
      [
        "sstp-with-openvpn",
        "hub-gw lists both SSTP and OpenVPN in vpnClientProtocols, which Azure rejects because both use TLS.",
        "Remove SSTP; Windows users can connect with IKEv2 or the Azure VPN Client.",
      ],
    ]);
  });

  it("rejects Microsoft Entra ID without OpenVPN, listed or inferred from a tenant", () => {
    expect(settings({ protocols: ["IkeV2"], authTypes: ["AAD"] })).toEqual(["aad-without-openvpn"]);
    expect(
      settings({ protocols: ["IkeV2"], authTypes: undefined, authSettings: { aad: true, radius: false, certificates: false } }),
    ).toEqual(["aad-without-openvpn"]);
    expect(settings({ protocols: ["OpenVPN"], authTypes: ["AAD"] })).toEqual([]);
  });

  it.each<[string, Partial<VpnGateway>, string[]]>([
    ["OpenVPN", { protocols: ["OpenVPN"] }, ["basic-sku-unsupported OpenVPN"]],
    ["RADIUS", { protocols: ["SSTP"], authTypes: ["Radius"] }, ["basic-sku-unsupported Radius"]],
    ["BGP", { protocols: ["SSTP"], bgp: true }, ["basic-sku-unsupported BGP"]],
    ["an IPv6 pool", { protocols: [], clientPool: ["fd00:1::/64"] }, ["basic-sku-unsupported IPv6"]],
  ])("rejects %s on a Basic gateway", (_label, patch, expected) => {
    expect(settings({ sku: "Basic", generation: "Generation1", bgp: false, asn: undefined, ...patch })).toEqual(expected);
  });

  it.each([
    ["VpnGw2", []],
    ["VpnGw5AZ", []],
    ["VpnGw1", ["generation2-sku"]],
    ["VpnGw1AZ", ["generation2-sku"]],
    ["Basic", ["generation2-sku"]],
  ])("with Generation2 on %s reports %j", (sku, expected) => {
    expect(
      settings({ sku, bgp: sku !== "Basic", protocols: sku === "Basic" ? ["SSTP"] : compliant.protocols }).filter((c) =>
        c.startsWith("generation2"),
      ),
    ).toEqual(expected);
  });

  it("rejects an IPv6 client pool with SSTP", () => {
    expect(settings({ protocols: ["IkeV2", "SSTP"], clientPool: ["172.16.201.0/24", "fd00:1::/64"] })).toEqual(["ipv6-pool-with-sstp"]);
  });

  it.each([
    [65515, []],
    [65010, []],
    [65517, ["reserved-asn 65517"]],
    [23456, ["reserved-asn 23456"]],
    [65551, ["reserved-asn 65551"]],
  ])("with ASN %i on the gateway reports %j", (asn, expected) => {
    expect(settings({ asn })).toEqual(expected);
  });

  it("rejects a reserved ASN on a site, 65515 included", () => {
    const site = (bgpAsn: number): Site => ({ id: "s", name: "branch", prefixes: ["10.101.0.0/16"], bgpAsn });
    expect([65101, 65515, 8075].map((asn) => codes(checkSiteSettings(site(asn))))).toEqual([
      [],
      ["reserved-asn 65515"],
      ["reserved-asn 8075"],
    ]);
    expect(written(checkSiteSettings(site(65515)))).toEqual([
      [
        "reserved-asn",
        "branch uses ASN 65515, which Azure reserves.",
        "Give branch the real ASN of the on-premises device, outside 65515, 8074-8075, 12076, 23456, 64496-64511, 65517-65520 and 65535-65551.",
      ],
    ]);
  });

  it("does not fire on a value unknown during preview (extraction leaves it out)", () => {
    expect(settings({ sku: undefined, generation: undefined, asn: undefined, protocols: undefined })).toEqual([]);
  });
});

const OTHER_TENANT = "0b3d9f6e-2a44-4f0c-9a7e-1c2d3e4f5a6b";
/** The compliant gateway with Microsoft Entra ID, set as Azure's documentation says. */
const entra: VpnGateway = hubGateway(compliantEntraHub());

describe("Microsoft Entra ID settings that sign-ins refuse (spec 4a)", () => {
  it("finds nothing on the compliant Entra ID gateway", () => {
    expect([codes(checkGatewaySettings(entra)), codes(checkRetiredFeatures(entra))]).toEqual([[], []]);
  });

  it("asks for the issuer's trailing slash", () => {
    expect(written(checkGatewaySettings({ ...entra, aad: { ...entra.aad, issuer: `https://sts.windows.net/${TENANT}` } }))).toEqual([
      [
        "entra-issuer-without-slash",
        `vpnClientConfiguration.aadIssuer of hub-gw is "https://sts.windows.net/${TENANT}", without the trailing /, so Microsoft Entra ID sign-ins might fail.`,
        `Set vpnClientConfiguration.aadIssuer of hub-gw to "https://sts.windows.net/${TENANT}/". Users then need a new client profile.`,
      ],
    ]);
  });

  it("finds a tenant that is no tenant URL, as a missing value makes it in real programs", () => {
    expect(
      written(checkGatewaySettings({ ...entra, aad: { ...entra.aad, tenant: "https://login.microsoftonline.com/undefined" } })),
    ).toEqual([
      [
        "entra-tenant-invalid",
        'vpnClientConfiguration.aadTenant of hub-gw is "https://login.microsoftonline.com/undefined", which names no tenant (a tenant URL ends with the tenant\'s ID), so users cannot sign in.',
        "Set vpnClientConfiguration.aadTenant of hub-gw to https://login.microsoftonline.com/<tenant ID>/ with the ID of the tenant users sign in to. Users then need a new client profile.",
      ],
    ]);
  });

  it("finds a tenant and an issuer naming different tenants", () => {
    expect(written(checkGatewaySettings({ ...entra, aad: { ...entra.aad, issuer: `https://sts.windows.net/${OTHER_TENANT}/` } }))).toEqual([
      [
        "entra-tenant-issuer-mismatch",
        `vpnClientConfiguration.aadTenant and vpnClientConfiguration.aadIssuer of hub-gw name different tenants (${TENANT} and ${OTHER_TENANT}), so sign-ins fail.`,
        `Set vpnClientConfiguration.aadIssuer of hub-gw to https://sts.windows.net/${TENANT}/, the tenant of vpnClientConfiguration.aadTenant, or correct vpnClientConfiguration.aadTenant. Users then need a new client profile.`,
      ],
    ]);
  });
});

describe("retired and retiring features (spec 4c)", () => {
  it("names the announced SSTP dates", () => {
    expect(written(checkRetiredFeatures({ ...compliant, protocols: ["IkeV2", "SSTP"] }))).toEqual([
      [
        "sstp-retiring",
        "hub-gw lists SSTP in vpnClientProtocols, which Azure retired as announced: no gateway can enable it since 2026-03-31, and SSTP connections stop on 2027-03-31.",
        "Replace SSTP with IkeV2 or OpenVPN; Windows users can connect with the built-in client over IKEv2 or with the Azure VPN Client.",
      ],
    ]);
  });

  it.each([
    ["VpnGw1", ["sku-retiring VpnGw1"]],
    ["VpnGw5", ["sku-retiring VpnGw5"]],
    ["VpnGw1AZ", []],
    ["Standard", ["sku-retiring Standard"]],
    ["HighPerformance", ["sku-retiring HighPerformance"]],
  ])("with the %s SKU reports %j", (sku, expected) => {
    expect(retired({ sku })).toEqual(expected);
  });

  it("advises 0.0.0.0/1 and 128.0.0.0/1 instead of a 0.0.0.0/0 custom route", () => {
    expect(written(checkRetiredFeatures({ ...compliant, advertisedRoutes: ["0.0.0.0/0"] }))).toEqual([
      [
        "default-custom-route",
        "hub-gw lists 0.0.0.0/0 in customRoutes.addressPrefixes, and Microsoft says the gateway drops the internet-bound traffic it attracts.",
        "Advertise 0.0.0.0/1 and 128.0.0.0/1 in customRoutes.addressPrefixes of hub-gw instead, for forced tunnelling.",
      ],
    ]);
  });

  it("warns of several authentication settings without a list of types, not of one or of a list", () => {
    const both = { aad: true, radius: false, certificates: true };
    expect([
      retired({ authTypes: undefined, authSettings: both }),
      retired({ authTypes: ["AAD", "Certificate"], authSettings: both }),
      retired({ authTypes: undefined }),
    ]).toEqual([["several-auth-settings"], [], []]);
  });

  it("advises declaring the protocols on a gateway that lists none, unless its properties show it exists", () => {
    expect([
      retired({ protocols: undefined }),
      retired({ protocols: undefined, deployed: true }),
      retired({ protocols: undefined, clientPool: [], authSettings: undefined }),
    ]).toEqual([["protocols-not-declared"], [], []]);
  });

  it("leaves the Standard and HighPerformance SKUs of ExpressRoute gateways alone: the retirements are of VPN gateways' SKUs", () => {
    const expressRoute = { kind: "ExpressRoute", clientPool: [], protocols: undefined, authTypes: undefined, authSettings: undefined };
    expect([
      retired({ ...expressRoute, sku: "Standard" }),
      retired({ ...expressRoute, sku: "HighPerformance" }),
      retired({ ...expressRoute, kind: "Vpn", sku: "Standard" }),
    ]).toEqual([[], [], ["sku-retiring Standard"]]);
  });

  it("tells a gateway that exists to let Azure migrate it first, since changing the SKU family may replace it", () => {
    expect(written(checkRetiredFeatures({ ...compliant, sku: "VpnGw1", deployed: true }))).toEqual([
      [
        "sku-retiring",
        "hub-gw uses the VpnGw1 SKU, which Azure retired on 2026-09-30 as announced: it creates no gateway of the non-AZ SKUs and migrates existing ones to the zone-redundant AZ SKUs itself.",
        "Once Azure has migrated hub-gw, set sku.name to VpnGw1AZ so that the code matches; changing the SKU family in code before that may replace the gateway (a new public IP address, downtime).",
      ],
    ]);
  });

  it("names the Basic or dynamic public IP address that a gateway being created must change with the AZ SKU", () => {
    const gateway: VpnGateway = { ...compliant, sku: "VpnGw1", publicIps: [{ id: "pip", name: "hub-pip" }] };
    const fix = (ip: PublicIp | undefined, g: VpnGateway = gateway) => spelled(checkRetiredFeatures(g, ip ? [ip] : [])[0].fix.text);
    expect([
      fix({ id: "pip", name: "hub-pip", sku: "Basic", allocation: "Dynamic" }),
      fix({ id: "pip", name: "hub-pip", sku: "Standard", allocation: "Static" }),
      fix(undefined, { ...gateway, publicIps: [] }),
    ]).toEqual([
      "If hub-gw is being created, set sku.name to VpnGw1AZ, and set sku.name to Standard and publicIPAllocationMethod to Static on hub-pip, since the AZ SKUs need Standard, static public IP addresses; if it exists, once Azure has migrated hub-gw, set sku.name to VpnGw1AZ so that the code matches; changing the SKU family in code before that may replace the gateway (a new public IP address, downtime).",
      "If hub-gw is being created, set sku.name to VpnGw1AZ; if it exists, once Azure has migrated hub-gw, set sku.name to VpnGw1AZ so that the code matches; changing the SKU family in code before that may replace the gateway (a new public IP address, downtime).",
      "If hub-gw is being created, set sku.name to VpnGw1AZ, with a Standard, static public IP address in each of ipConfigurations[*].publicIPAddress (Azure rejects Basic and dynamic ones for the AZ SKUs); if it exists, once Azure has migrated hub-gw, set sku.name to VpnGw1AZ so that the code matches; changing the SKU family in code before that may replace the gateway (a new public IP address, downtime).",
    ]);
  });

  it("advises the app Microsoft registered instead of the hand-registered Azure VPN audience", () => {
    expect(written(checkRetiredFeatures({ ...entra, aad: { ...entra.aad, audience: "41b23e61-6c1e-4545-b367-cd054e0ed4b4" } }))).toEqual([
      [
        "entra-legacy-audience",
        "vpnClientConfiguration.aadAudience of hub-gw is 41b23e61-6c1e-4545-b367-cd054e0ed4b4, the Azure VPN Client app registered by hand, which is legacy: new Azure VPN Clients use the app Microsoft registered.",
        "Set vpnClientConfiguration.aadAudience of hub-gw to c632b3df-fb67-4d84-bdcf-b95ad541b5c8 (Azure public cloud); users then need a new client profile.",
      ],
    ]);
  });

  it("calls IKEv2 on a Basic gateway contested, not rejected", () => {
    expect({
      settings: settings({ sku: "Basic", generation: "Generation1", bgp: false, asn: undefined, protocols: ["IkeV2"] }),
      retired: retired({ sku: "Basic", protocols: ["IkeV2"] }),
    }).toEqual({
      settings: [],
      retired: ["basic-sku-ikev2"],
    });
  });
});

import type { AnalyzerInput } from "../../offline/analyzer-client";
import { InProcessPack } from "../helpers/in-process-pack";
import { TENANT, compliantEntraHub, compliantHub, withEntra, withHubGateway } from "../helpers/gateway-baselines";
import { violationsFound } from "../helpers/policy-violations";
import { besidesManualRoutes } from "../helpers/sample-hub";
import { sampleInputs, withProperties } from "../helpers/sample-inputs";
import { changed } from "../helpers/topology-builder";

/**
 * p2s-gateway-settings (codes settings.*), a resource policy: settings of one gateway or site that
 * Azure rejects, or that make Microsoft Entra ID sign-ins fail. Baselines: a compliant hub gateway
 * (VpnGw2AZ Generation2, IKEv2 and OpenVPN, certificates, BGP on 65010) with a BGP branch, and the
 * same gateway with Microsoft Entra ID over OpenVPN.
 */
const POLICY = "p2s-gateway-settings";
const baseline = compliantHub();
const entra = compliantEntraHub();

describe("p2s-gateway-settings", () => {
  it("reports nothing on the compliant gateway and branch", () => {
    expect(violationsFound(POLICY, baseline)).toEqual([]);
  });

  it("reports a Point-to-Site configuration on a PolicyBased gateway", () => {
    expect(violationsFound(POLICY, withHubGateway(baseline, { routing: "PolicyBased" }))).toEqual([
      [
        "settings.policy-based-p2s",
        "hub-gw",
        "hub-gw is PolicyBased but declares a Point-to-Site configuration, which only RouteBased gateways support. Set vpnType to RouteBased on hub-gw.",
      ],
    ]);
  });

  it("reports SSTP together with OpenVPN", () => {
    expect(violationsFound(POLICY, withHubGateway(baseline, { protocols: ["OpenVPN", "SSTP"] }))).toEqual([
      [
        "settings.sstp-with-openvpn",
        "hub-gw",
        "hub-gw lists both SSTP and OpenVPN in vpnClientProtocols, which Azure rejects because both use TLS. Remove SSTP; Windows users can connect with IKEv2 or the Azure VPN Client.",
      ],
    ]);
  });

  it("reports Microsoft Entra ID on a gateway that offers IKEv2 only", () => {
    expect(violationsFound(POLICY, withHubGateway(entra, { protocols: ["IkeV2"] }))).toEqual([
      [
        "settings.aad-without-openvpn",
        "hub-gw",
        "hub-gw uses Microsoft Entra ID authentication without OpenVPN in vpnClientProtocols, which Azure rejects: Entra ID works only over OpenVPN. Add OpenVPN to vpnClientProtocols of hub-gw.",
      ],
    ]);
  });

  it("reports each setting the Basic SKU does not support, and Generation2 on it", () => {
    expect(violationsFound(POLICY, withHubGateway(baseline, { sku: "Basic" }))).toEqual([
      [
        "settings.basic-sku-unsupported",
        "hub-gw",
        "hub-gw is a Basic SKU gateway with BGP, which Azure rejects: Basic supports none of OpenVPN, RADIUS, Entra ID, BGP and IPv6 pools. Set sku.name of hub-gw to a VpnGw AZ SKU, or remove BGP.",
      ],
      [
        "settings.basic-sku-unsupported",
        "hub-gw",
        "hub-gw is a Basic SKU gateway with OpenVPN, which Azure rejects: Basic supports none of OpenVPN, RADIUS, Entra ID, BGP and IPv6 pools. Set sku.name of hub-gw to a VpnGw AZ SKU, or remove OpenVPN.",
      ],
      [
        "settings.generation2-sku",
        "hub-gw",
        "hub-gw sets vpnGatewayGeneration to Generation2 on the Basic SKU, which Azure rejects: Generation2 exists for VpnGw2-5 and VpnGw2AZ-5AZ only. Set vpnGatewayGeneration of hub-gw to Generation1, or sku.name to VpnGw2AZ or larger.",
      ],
    ]);
  });

  it("reports Generation2 on VpnGw1AZ", () => {
    expect(violationsFound(POLICY, withHubGateway(baseline, { sku: "VpnGw1AZ" }))).toEqual([
      [
        "settings.generation2-sku",
        "hub-gw",
        "hub-gw sets vpnGatewayGeneration to Generation2 on the VpnGw1AZ SKU, which Azure rejects: Generation2 exists for VpnGw2-5 and VpnGw2AZ-5AZ only. Set vpnGatewayGeneration of hub-gw to Generation1, or sku.name to VpnGw2AZ or larger.",
      ],
    ]);
  });

  it("reports an IPv6 client pool beside SSTP", () => {
    expect(
      violationsFound(POLICY, withHubGateway(baseline, { protocols: ["IkeV2", "SSTP"], clientPool: ["172.16.201.0/24", "fd00:1::/64"] })),
    ).toEqual([
      [
        "settings.ipv6-pool-with-sstp",
        "hub-gw",
        "hub-gw has the IPv6 client pool fd00:1::/64 and lists SSTP, which Azure rejects. Remove SSTP from vpnClientProtocols of hub-gw, or use only IPv4 client pools.",
      ],
    ]);
  });

  it("reports an ASN Azure reserves on the gateway", () => {
    expect(violationsFound(POLICY, withHubGateway(baseline, { asn: 65517 }))).toEqual([
      [
        "settings.reserved-asn",
        "hub-gw",
        "hub-gw uses ASN 65517 in bgpSettings.asn, which Azure reserves. Give hub-gw a private ASN outside Azure's reserved ranges (8074-8075, 12076, 23456, 64496-64511, 65517-65520, 65535-65551), or Azure's default 65515.",
      ],
    ]);
  });

  it("reports Azure's own 65515 on a site", () => {
    expect(violationsFound(POLICY, changed(baseline, "sites", "branch", { bgpAsn: 65515 }))).toEqual([
      [
        "settings.reserved-asn",
        "branch",
        "branch uses ASN 65515, which Azure reserves. Give branch the real ASN of the on-premises device, outside 65515, 8074-8075, 12076, 23456, 64496-64511, 65517-65520 and 65535-65551.",
      ],
    ]);
  });

  it("reports nothing on the compliant Microsoft Entra ID gateway", () => {
    expect(violationsFound(POLICY, entra)).toEqual([]);
  });

  it("asks for the trailing slash of the Entra ID issuer", () => {
    expect(violationsFound(POLICY, withEntra(entra, { issuer: `https://sts.windows.net/${TENANT}` }))).toEqual([
      [
        "settings.entra-issuer-without-slash",
        "hub-gw",
        'vpnClientConfiguration.aadIssuer of hub-gw is "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47", without the trailing /, so Microsoft Entra ID sign-ins might fail. Set vpnClientConfiguration.aadIssuer of hub-gw to "https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/". Users then need a new client profile.',
      ],
    ]);
  });

  it("reports a tenant URL that names no tenant, as a missing value makes it in real programs", () => {
    expect(violationsFound(POLICY, withEntra(entra, { tenant: "https://login.microsoftonline.com/undefined" }))).toEqual([
      [
        "settings.entra-tenant-invalid",
        "hub-gw",
        'vpnClientConfiguration.aadTenant of hub-gw is "https://login.microsoftonline.com/undefined", which names no tenant (a tenant URL ends with the tenant\'s ID), so users cannot sign in. Set vpnClientConfiguration.aadTenant of hub-gw to https://login.microsoftonline.com/<tenant ID>/ with the ID of the tenant users sign in to. Users then need a new client profile.',
      ],
    ]);
  });

  it("reports a tenant and an issuer that name different tenants", () => {
    expect(violationsFound(POLICY, withEntra(entra, { issuer: "https://sts.windows.net/0b3d9f6e-2a44-4f0c-9a7e-1c2d3e4f5a6b/" }))).toEqual([
      [
        "settings.entra-tenant-issuer-mismatch",
        "hub-gw",
        "vpnClientConfiguration.aadTenant and vpnClientConfiguration.aadIssuer of hub-gw name different tenants (72f988bf-86f1-41af-91ab-2d7cd011db47 and 0b3d9f6e-2a44-4f0c-9a7e-1c2d3e4f5a6b), so sign-ins fail. Set vpnClientConfiguration.aadIssuer of hub-gw to https://sts.windows.net/72f988bf-86f1-41af-91ab-2d7cd011db47/, the tenant of vpnClientConfiguration.aadTenant, or correct vpnClientConfiguration.aadTenant. Users then need a new client profile.",
      ],
    ]);
  });
});

describe("p2s-gateway-settings through the pack, on the default sample stack", () => {
  let hub: AnalyzerInput[];

  beforeAll(async () => {
    hub = await sampleInputs("hub", "preview");
  });

  it("reports an Azure-reserved ASN on the branch site, through the per-resource Analyze call", async () => {
    const inputs = withProperties(hub, "branch", { bgpSettings: { asn: 65515 } });
    expect(besidesManualRoutes(await new InProcessPack().run(inputs))).toEqual([
      {
        policy: "p2s-gateway-settings",
        level: "mandatory",
        resource: "branch",
        message:
          "branch uses ASN 65515, which Azure reserves. Give branch the real ASN of the on-premises device, outside 65515, 8074-8075, 12076, 23456, 64496-64511, 65517-65520 and 65535-65551.",
      },
    ]);
  });
});

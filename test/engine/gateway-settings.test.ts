import { checkGatewaySettings, checkRetiredFeatures, checkSiteSettings } from "../../policypack/reachability/checks/gateway-settings";
import type { Finding } from "../../policypack/reachability/findings";
import type { Site, VpnGateway } from "../../policypack/topology/model";
import { spelled } from "../helpers/spelled";

/** A compliant P2S gateway: RouteBased VpnGw2AZ, IKEv2 and OpenVPN with certificates, BGP on 65010. */
const compliant: VpnGateway = {
  id: "gw",
  name: "hub-gw",
  kind: "Vpn",
  routing: "RouteBased",
  sku: "VpnGw2AZ",
  generation: "Generation2",
  bgp: true,
  asn: 65010,
  clientPool: ["172.16.201.0/24"],
  protocols: ["IkeV2", "OpenVPN"],
  authTypes: ["Certificate"],
  authSettings: { aad: false, radius: false, certificates: true },
  advertisedRoutes: [],
};

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
      ["policy-based-p2s", "hub-gw is PolicyBased but declares a Point-to-Site configuration, which only RouteBased gateways support.", "Set vpnType to RouteBased on hub-gw."],
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
    expect(settings({ protocols: ["IkeV2"], authTypes: undefined, authSettings: { aad: true, radius: false, certificates: false } })).toEqual(["aad-without-openvpn"]);
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
    expect(settings({ sku, bgp: sku !== "Basic", protocols: sku === "Basic" ? ["SSTP"] : compliant.protocols }).filter((c) => c.startsWith("generation2"))).toEqual(expected);
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
    expect([65101, 65515, 8075].map((asn) => codes(checkSiteSettings(site(asn))))).toEqual([[], ["reserved-asn 65515"], ["reserved-asn 8075"]]);
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

describe("retired and retiring features (spec 4c)", () => {
  it("names the announced SSTP dates", () => {
    expect(written(checkRetiredFeatures({ ...compliant, protocols: ["IkeV2", "SSTP"] }))).toEqual([
      [
        "sstp-retiring",
        "hub-gw lists SSTP in vpnClientProtocols, which Azure announced it retires: no gateway can enable it from 2026-03-31, and SSTP connections stop on 2027-03-31 (announced dates).",
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
    expect([retired({ authTypes: undefined, authSettings: both }), retired({ authTypes: ["AAD", "Certificate"], authSettings: both }), retired({ authTypes: undefined })]).toEqual([
      ["several-auth-settings"],
      [],
      [],
    ]);
  });

  it("calls IKEv2 on a Basic gateway contested, not rejected", () => {
    expect({ settings: settings({ sku: "Basic", generation: "Generation1", bgp: false, asn: undefined, protocols: ["IkeV2"] }), retired: retired({ sku: "Basic", protocols: ["IkeV2"] }) }).toEqual({
      settings: [],
      retired: ["basic-sku-ikev2"],
    });
  });
});

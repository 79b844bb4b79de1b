import { compliantEntraHub, compliantHub, withEntra, withHubGateway } from "../helpers/gateway-baselines";
import { violationsFound } from "../helpers/policy-violations";

/**
 * p2s-retired-features (codes retired.*), a resource policy: features of one gateway that Azure
 * retired or announced it will retire. Baselines: a compliant hub gateway (VpnGw2AZ, IKEv2 and
 * OpenVPN listed, one root certificate) and the same gateway with Microsoft Entra ID over OpenVPN.
 * (test/policies/resource-policies.test.ts checks the policy through the pack's per-resource call.)
 */
const POLICY = "p2s-retired-features";
const baseline = compliantHub();
const entra = compliantEntraHub();

describe("p2s-retired-features", () => {
  it("reports nothing on the compliant gateway", () => {
    expect(violationsFound(POLICY, baseline)).toEqual([]);
  });

  it("names the announced SSTP dates when SSTP is listed", () => {
    expect(violationsFound(POLICY, withHubGateway(baseline, { protocols: ["IkeV2", "SSTP"] }))).toEqual([
      [
        "retired.sstp-retiring",
        "hub-gw",
        "hub-gw lists SSTP in vpnClientProtocols, which Azure retired as announced: no gateway can enable it since 2026-03-31, and SSTP connections stop on 2027-03-31. Replace SSTP with IkeV2 or OpenVPN; Windows users can connect with the built-in client over IKEv2 or with the Azure VPN Client.",
      ],
    ]);
  });

  it("advises declaring the protocols on a gateway that lists none", () => {
    expect(violationsFound(POLICY, withHubGateway(baseline, { protocols: undefined }))).toEqual([
      [
        "retired.protocols-not-declared",
        "hub-gw",
        "hub-gw lists no vpnClientProtocols, and what Azure gives a gateway created since SSTP's retirement is not documented (the analysis assumes IkeV2 and SSTP). List the protocols users connect with in vpnClientProtocols of hub-gw, such as IkeV2 and OpenVPN, which together serve every platform.",
      ],
    ]);
  });

  it("reports nothing on a gateway that lists no protocols but whose properties show it exists", () => {
    expect(violationsFound(POLICY, withHubGateway(baseline, { protocols: undefined, deployed: true }))).toEqual([]);
  });

  it("reports a non-AZ SKU with the AZ SKU to move to, whether the gateway is being created or exists", () => {
    expect(violationsFound(POLICY, withHubGateway(baseline, { sku: "VpnGw2" }))).toEqual([
      [
        "retired.sku-retiring",
        "hub-gw",
        "hub-gw uses the VpnGw2 SKU, which Azure retired on 2026-09-30 as announced: it creates no gateway of the non-AZ SKUs and migrates existing ones to the zone-redundant AZ SKUs itself. If hub-gw is being created, set sku.name to VpnGw2AZ, with a Standard, static public IP address in each of ipConfigurations[*].publicIPAddress (Azure rejects Basic and dynamic ones for the AZ SKUs); if it exists, once Azure has migrated hub-gw, set sku.name to VpnGw2AZ so that the code matches; changing the SKU family in code before that may replace the gateway (a new public IP address, downtime).",
      ],
    ]);
  });

  it("advises 0.0.0.0/1 and 128.0.0.0/1 instead of a 0.0.0.0/0 custom route", () => {
    expect(violationsFound(POLICY, withHubGateway(baseline, { advertisedRoutes: ["0.0.0.0/0"] }))).toEqual([
      [
        "retired.default-custom-route",
        "hub-gw",
        "hub-gw lists 0.0.0.0/0 in customRoutes.addressPrefixes, and Microsoft says the gateway drops the internet-bound traffic it attracts. Advertise 0.0.0.0/1 and 128.0.0.0/1 in customRoutes.addressPrefixes of hub-gw instead, for forced tunnelling.",
      ],
    ]);
  });

  it("warns of a RADIUS server beside the root certificate while no authentication types are listed", () => {
    expect(violationsFound(POLICY, withHubGateway(baseline, { authSettings: { aad: false, radius: true, certificates: true } }))).toEqual([
      [
        "retired.several-auth-settings",
        "hub-gw",
        "hub-gw has certificate and RADIUS settings but lists no vpnAuthenticationTypes, so Azure infers one type and some users cannot sign in. List every type users sign in with in vpnAuthenticationTypes of hub-gw.",
      ],
    ]);
  });

  it("calls IKEv2 on a Basic gateway contested, not rejected", () => {
    expect(violationsFound(POLICY, withHubGateway(baseline, { sku: "Basic" }))).toEqual([
      [
        "retired.basic-sku-ikev2",
        "hub-gw",
        "hub-gw lists IkeV2 on a Basic SKU gateway: Azure announced IKEv2 on Basic from November 2025, but its Point-to-Site documentation (2026) still says Basic does not support it. Set sku.name of hub-gw to a VpnGw AZ SKU so that IKEv2 clients connect for certain.",
      ],
    ]);
  });

  it("reports nothing on the compliant Microsoft Entra ID gateway", () => {
    expect(violationsFound(POLICY, entra)).toEqual([]);
  });

  it("advises the app Microsoft registered instead of the hand-registered Azure VPN audience", () => {
    expect(violationsFound(POLICY, withEntra(entra, { audience: "41b23e61-6c1e-4545-b367-cd054e0ed4b4" }))).toEqual([
      [
        "retired.entra-legacy-audience",
        "hub-gw",
        "vpnClientConfiguration.aadAudience of hub-gw is 41b23e61-6c1e-4545-b367-cd054e0ed4b4, the Azure VPN Client app registered by hand, which is legacy: new Azure VPN Clients use the app Microsoft registered. Set vpnClientConfiguration.aadAudience of hub-gw to c632b3df-fb67-4d84-bdcf-b95ad541b5c8 (Azure public cloud); users then need a new client profile.",
      ],
    ]);
  });
});

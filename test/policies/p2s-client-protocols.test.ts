import { InProcessPack } from "../helpers/in-process-pack";
import { violationsFound } from "../helpers/policy-violations";
import { sampleInputs, withProperties } from "../helpers/sample-inputs";
import { seedScenario } from "../helpers/seed-scenarios";
import { changed } from "../helpers/topology-builder";

/**
 * p2s-client-protocols (codes protocols.platform-not-served, protocols.too-many-routes). Baseline:
 * seed scenario 1, whose gateway offers Azure's default IKEv2 and SSTP with a root certificate, so
 * every platform has a client, and which gives its clients two routes.
 */
const POLICY = "p2s-client-protocols";
const baseline = seedScenario(1);

/** `n` distinct /24 prefixes, 10.0.0.0/24 upwards. */
function prefixes(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `10.${Math.floor(i / 256)}.${i % 256}.0/24`);
}

describe("p2s-client-protocols", () => {
  it("reports nothing when every platform has a client", () => {
    expect(violationsFound(POLICY, baseline)).toEqual([]);
  });

  it("reports the platforms an SSTP-only gateway cannot serve", () => {
    expect(violationsFound(POLICY, changed(baseline, "gateways", "vnet1-gw", { protocols: ["SSTP"] }))).toEqual([
      [
        "protocols.platform-not-served",
        "vnet1-gw",
        "macOS, Linux, iOS and Android clients cannot connect to vnet1-gw, whose protocols are SSTP. Add IkeV2 or OpenVPN to vpnClientProtocols of vnet1-gw.",
      ],
    ]);
  });

  it("reports nothing for platforms requiredPlatforms leaves out", () => {
    expect(
      violationsFound(POLICY, changed(baseline, "gateways", "vnet1-gw", { protocols: ["SSTP"] }), { requiredPlatforms: ["windows"] }),
    ).toEqual([]);
  });

  it("says why platforms have no client: Microsoft Entra ID works only with the Azure VPN Client", () => {
    expect(violationsFound(POLICY, changed(baseline, "gateways", "vnet1-gw", { protocols: ["OpenVPN"], authTypes: ["AAD"] }))).toEqual([
      [
        "protocols.platform-not-served",
        "vnet1-gw",
        "Linux, iOS and Android clients cannot connect to vnet1-gw: Microsoft Entra ID works only with the Azure VPN Client, which runs on Windows and macOS. Add Certificate to vpnAuthenticationTypes of vnet1-gw, with a root certificate, so that users on other platforms connect with OpenVPN clients (or with IKEv2 clients once vpnClientProtocols lists IkeV2 too).",
      ],
    ]);
  });

  it("says Microsoft Entra ID needs OpenVPN when the gateway offers only IKEv2", () => {
    const t = changed(baseline, "gateways", "vnet1-gw", { protocols: ["IkeV2"], authTypes: ["AAD"] });
    expect(violationsFound(POLICY, t, { requiredPlatforms: ["windows"] })).toEqual([
      [
        "protocols.platform-not-served",
        "vnet1-gw",
        "Windows clients cannot connect to vnet1-gw: Microsoft Entra ID works only with the Azure VPN Client over OpenVPN, which vnet1-gw does not offer. Add OpenVPN to vpnClientProtocols of vnet1-gw.",
      ],
    ]);
  });

  it("reports nothing at 255 routes, the most the Windows built-in client accepts over IKEv2", () => {
    expect(violationsFound(POLICY, changed(baseline, "vnets", "vnet1", { prefixes: prefixes(254) }))).toEqual([]);
  });

  it("reports the Windows built-in client at 256 routes over IKEv2", () => {
    expect(violationsFound(POLICY, changed(baseline, "vnets", "vnet1", { prefixes: prefixes(255) }))).toEqual([
      [
        "protocols.too-many-routes",
        "vnet1-gw",
        "The Windows built-in client of vnet1-gw would receive 256 routes over IkeV2, more than 255, the traffic selectors Windows accepts over IKEv2 (25 before Windows 10 version 2004), so it fails to connect. Summarise the networks behind vnet1-gw into fewer, wider prefixes, for example with custom routes that cover several VNets.",
      ],
    ]);
  });

  it("reports each OpenVPN client above 1,000 routes", () => {
    const t = changed(changed(baseline, "vnets", "vnet1", { prefixes: prefixes(1000) }), "gateways", "vnet1-gw", {
      protocols: ["OpenVPN"],
    });
    expect(violationsFound(POLICY, t)).toEqual([
      [
        "protocols.too-many-routes",
        "vnet1-gw",
        "The Azure VPN Client of vnet1-gw would receive 1001 routes over OpenVPN, more than 1000, the routes OpenVPN clients accept, so it fails to connect. Summarise the networks behind vnet1-gw into fewer, wider prefixes, for example with custom routes that cover several VNets.",
      ],
      [
        "protocols.too-many-routes",
        "vnet1-gw",
        "The OpenVPN client of vnet1-gw would receive 1001 routes over OpenVPN, more than 1000, the routes OpenVPN clients accept, so it fails to connect. Summarise the networks behind vnet1-gw into fewer, wider prefixes, for example with custom routes that cover several VNets.",
      ],
    ]);
  });
});

describe("p2s-client-protocols through the pack, on the default sample stack", () => {
  it("reports the platforms an SSTP-only gateway cannot serve, of those the configuration requires", async () => {
    const session = new InProcessPack();
    session.configure({ "p2s-client-protocols": { requiredPlatforms: ["windows", "macos"] } });
    const inputs = withProperties(await sampleInputs("hub", "preview"), "hub-gw", {
      vpnClientConfiguration: { vpnClientProtocols: ["SSTP"] },
    });
    expect((await session.run(inputs)).filter((s) => s.policy === POLICY)).toEqual([
      {
        policy: "p2s-client-protocols",
        level: "advisory",
        resource: "hub-gw",
        message: "macOS clients cannot connect to hub-gw, whose protocols are SSTP. Add IkeV2 or OpenVPN to vpnClientProtocols of hub-gw.",
      },
    ]);
  });
});

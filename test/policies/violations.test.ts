import type { Topology } from "../../policypack/topology/model";
import { spellAzureNative } from "../../policypack/extract/azure-native-fields";
import type { StackAnalysis } from "../../policypack/pipeline/stack-analysis";
import { analyzeExtraction } from "../../policypack/pipeline/stack-analysis";
import { clientProtocols } from "../../policypack/policies/client-protocols";
import { unreachableRoutes } from "../../policypack/policies/unreachable-routes";
import { windowsManualRoutes } from "../../policypack/policies/windows-manual-routes";
import { seedScenario } from "../helpers/seed-scenarios";
import { violationsOf } from "../../policypack/pipeline/violations-of";
import { TopologyBuilder } from "../helpers/topology-builder";

function stackOf(topology: Topology): StackAnalysis {
  return analyzeExtraction({ topology, urns: new Map(), notes: [], spell: spellAzureNative, coverage: { read: 1, notRead: [] } });
}

/** Seed scenario 6 with `sites` branch offices over BGP instead of one. */
function branches(sites: number): Topology {
  const b = new TopologyBuilder().vnet("vnet1", "10.1.0.0/16").p2sGateway("vnet1-gw", "vnet1", { bgp: true, asn: 65001 });
  for (let i = 0; i < sites; i++) b.site(`site${i}`, [`10.${101 + i}.0.0/16`], 65101 + i).s2s("vnet1-gw", `site${i}`, true);
  return b.build();
}

describe("p2s-windows-manual-routes messages", () => {
  it("lists every prefix and command when there are a few", () => {
    expect(violationsOf(windowsManualRoutes, stackOf(branches(2))).map((v) => v.message)).toEqual([
      'The Windows built-in client of vnet1-gw can reach site0 and site1 over BGP but gets no route to 10.101.0.0/16 and 10.102.0.0/16. Add 10.101.0.0/16 and 10.102.0.0/16 to customRoutes.addressPrefixes of vnet1-gw; or have each user of it run: Add-VpnConnectionRoute -ConnectionName "vnet1" -DestinationPrefix 10.101.0.0/16; Add-VpnConnectionRoute -ConnectionName "vnet1" -DestinationPrefix 10.102.0.0/16; or move them to the Azure VPN Client over OpenVPN, which receives the routes from the gateway, once vnet1-gw lists OpenVPN in vpnClientProtocols.',
    ]);
  });

  it("keeps the message short when hundreds of prefixes need a route", () => {
    const [violation] = violationsOf(windowsManualRoutes, stackOf(branches(14)));
    expect(violation.message).toBe(
      "The Windows built-in client of vnet1-gw can reach site0, site1, site10, site11, site12, site13, site2, site3, site4, site5, site6, site7 and 2 more networks over BGP but gets no route to 10.101.0.0/16, 10.102.0.0/16, 10.103.0.0/16, 10.104.0.0/16, 10.105.0.0/16, 10.106.0.0/16, 10.107.0.0/16, 10.108.0.0/16, 10.109.0.0/16, 10.110.0.0/16, 10.111.0.0/16, 10.112.0.0/16 and 2 more prefixes. Add them to customRoutes.addressPrefixes of vnet1-gw; or have each user of it run Add-VpnConnectionRoute -ConnectionName \"vnet1\" -DestinationPrefix <prefix> for each (p2s-check --format markdown writes the commands); or move them to the Azure VPN Client over OpenVPN, which receives the routes from the gateway, once vnet1-gw lists OpenVPN in vpnClientProtocols.",
    );
  });
});

describe("p2s-unreachable-routes per route source", () => {
  it("names the pushed-route clients that get a non-BGP Vnet2Vnet route, and on Windows the clients beside the built-in one", () => {
    const t = seedScenario(3);
    t.gateways = t.gateways.map((g) => (g.id === "vnet1-gw" ? { ...g, protocols: ["IkeV2", "OpenVPN"] } : g));
    expect(violationsOf(unreachableRoutes, stackOf(t)).map((v) => [v.code, v.resource, v.message])).toEqual([
      [
        "routes.link-without-bgp",
        "vnet1-gw-to-vnet2-gw",
        "Windows (Azure VPN Client and OpenVPN Connect), macOS, Linux, iOS and Android clients of vnet1-gw receive a route to 10.2.0.0/16 but cannot reach it: connection vnet1-gw-to-vnet2-gw does not run BGP (enableBgp is not true). Set enableBgp to true on every connection of the link, starting with vnet1-gw-to-vnet2-gw.",
      ],
    ]);
  });
});

describe("p2s-client-protocols", () => {
  it("says why platforms have no client: Microsoft Entra ID works only with the Azure VPN Client", () => {
    const t = seedScenario(1);
    t.gateways = t.gateways.map((g) => ({ ...g, protocols: ["OpenVPN"], authTypes: ["AAD"] }));
    expect(violationsOf(clientProtocols, stackOf(t)).map((v) => [v.code, v.message])).toEqual([
      [
        "protocols.platform-not-served",
        "Linux, iOS and Android clients cannot connect to vnet1-gw: Microsoft Entra ID works only with the Azure VPN Client, which runs on Windows and macOS. Add Certificate to vpnAuthenticationTypes of vnet1-gw, with a root certificate, so that users on other platforms connect with OpenVPN clients (or with IKEv2 clients once vpnClientProtocols lists IkeV2 too).",
      ],
    ]);
  });

  it("says Microsoft Entra ID needs OpenVPN when the gateway offers only IKEv2", () => {
    const t = seedScenario(1);
    t.gateways = t.gateways.map((g) => ({ ...g, protocols: ["IkeV2"], authTypes: ["AAD"] }));
    expect(violationsOf(clientProtocols, stackOf(t), { requiredPlatforms: ["windows"] }).map((v) => v.message)).toEqual([
      "Windows clients cannot connect to vnet1-gw: Microsoft Entra ID works only with the Azure VPN Client over OpenVPN, which vnet1-gw does not offer. Add OpenVPN to vpnClientProtocols of vnet1-gw.",
    ]);
  });
});

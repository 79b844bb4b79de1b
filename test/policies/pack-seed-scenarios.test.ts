import type { Scenario } from "../../sample-stack/declare-stack";
import type { Seen } from "../../offline/pack-session";
import { compareSeen } from "../../offline/pack-session";
import { InProcessPack } from "../helpers/in-process-pack";
import type { Mode } from "../helpers/sample-inputs";
import { sampleInputs } from "../helpers/sample-inputs";

/**
 * The eight seed scenarios through @pulumi/policy's AnalyzeStack handler, as a deployed stack and as a
 * brand-new stack in preview. The Windows VPN connection is named after the VNet's Azure name,
 * which only a deployed stack knows (azure-native auto-names vnet1 "vnet158f78e04").
 */
const session = new InProcessPack();

const unreachable10_2: Seen = {
  policy: "p2s-unreachable-routes",
  level: "advisory",
  resource: "vnet1-gw-to-vnet2-gw",
  message:
    "macOS, Linux, iOS and Android clients of vnet1-gw receive a route to 10.2.0.0/16 but cannot reach it: connection vnet1-gw-to-vnet2-gw does not run BGP (enableBgp is not true). Set enableBgp to true on every connection of the link, starting with vnet1-gw-to-vnet2-gw.",
};

function manual(mode: Mode, networks: string, prefixes: string[]): Seen {
  const connection = mode === "deployed" ? "vnet158f78e04" : "vnet1";
  const list = prefixes.length === 1 ? prefixes[0] : `${prefixes.slice(0, -1).join(", ")} and ${prefixes[prefixes.length - 1]}`;
  const commands = prefixes.map((p) => `Add-VpnConnectionRoute -ConnectionName "${connection}" -DestinationPrefix ${p}`).join("; ");
  return {
    policy: "p2s-windows-manual-routes",
    level: "advisory",
    resource: "vnet1-gw",
    message: `The Windows built-in client of vnet1-gw can reach ${networks} over BGP but gets no route to ${list}. Add ${list} to customRoutes.addressPrefixes of vnet1-gw; or have each user of it run: ${commands}; or move them to the Azure VPN Client over OpenVPN, which receives the routes from the gateway, once vnet1-gw lists OpenVPN in vpnClientProtocols.`,
  };
}

const expected: Record<string, (mode: Mode) => Seen[]> = {
  "1": () => [],
  "2": () => [],
  "3": () => [unreachable10_2],
  "4": (mode) => [manual(mode, "vnet2 and vnet3", ["10.2.0.0/16", "10.3.0.0/16"])],
  "5": () => [],
  "6": (mode) => [manual(mode, "site1", ["10.101.0.0/16"])],
  "7": () => [unreachable10_2],
  "8": (mode) => [manual(mode, "site1, vnet2 and vnet3", ["10.2.0.0/16", "10.3.0.0/16", "10.101.0.0/16"])],
};

/** The seed's gateways list no protocols: a preview's inputs cannot tell a new gateway from an existing one (spec 4c). */
const protocolsNotDeclared: Seen = {
  policy: "p2s-retired-features",
  level: "advisory",
  resource: "vnet1-gw",
  message:
    "vnet1-gw lists no vpnClientProtocols, and what Azure gives a gateway created since SSTP's retirement is not documented (the analysis assumes IkeV2 and SSTP). List the protocols users connect with in vpnClientProtocols of vnet1-gw, such as IkeV2 and OpenVPN, which together serve every platform.",
};

describe.each(["deployed", "preview"] as const)("seed scenarios over the analyzer protocol, %s", (mode) => {
  it.each(Object.keys(expected))("reports exactly the expected violations for scenario %s", async (scenario) => {
    const got = await session.run(await sampleInputs(scenario as Scenario, mode));
    expect(got).toEqual([...expected[scenario](mode), ...(mode === "preview" ? [protocolsNotDeclared] : [])].sort(compareSeen));
  });
});

import { PackSession } from "../../offline/pack-session";
import { POLICIES } from "../../policypack/policies/catalogue";
import { sampleInputs } from "../helpers/sample-inputs";

/**
 * End to end: the pack started as the Pulumi CLI starts it (run-policy-pack in its folder), asked
 * for its policies, configured and sent AnalyzeStack over gRPC. Every other pack test calls
 * @pulumi/policy's handler in-process.
 */
let session: PackSession;
beforeAll(async () => {
  session = await PackSession.start();
});
afterAll(async () => session?.stop());

describe("the pack as the CLI starts it", () => {
  it("declares every policy with its level, severity, tags and documentation link (empty while there is none)", () => {
    expect(session.policies.map((p) => [p.name, p.enforcementLevel, p.severity, p.tags, p.url])).toEqual(
      POLICIES.map((p) => [p.name, p.enforcementLevel, p.severity, p.tags, p.url ?? ""]),
    );
  });

  it("applies the configuration the CLI sends and reports the forbidden network against full URNs, stack-wide problems with none", async () => {
    await session.configure({
      "p2s-intended-access": { intents: [{ gateway: "hub-gw", stacks: ["azure-p2s-routing-sample/dev"], deny: ["nowhere"] }] },
    });
    const diagnostics = await session.pack.analyzeStack(await sampleInputs("pci-leak", "preview"));
    expect(
      diagnostics
        .filter((d) => d.enforcementLevel === "mandatory")
        .map((d) => [d.policyName, d.policyPackName, d.policyPackVersion, d.urn])
        .sort(),
    ).toEqual([
      ["p2s-intended-access", "azure-p2s-routing", "0.1.0", ""],
      [
        "p2s-intended-access",
        "azure-p2s-routing",
        "0.1.0",
        "urn:pulumi:dev::azure-p2s-routing-sample::azure-native:network:VirtualNetworkPeering::pci-to-hub",
      ],
    ]);
  });

  it("reports the hub VNet of a brand-new stack whose clients cannot resolve the private endpoint, ids still unknown", async () => {
    await session.configure({});
    const diagnostics = await session.pack.analyzeStack(await sampleInputs("dns-broken", "preview"));
    expect(
      diagnostics.filter((d) => d.policyName === "p2s-dns-resolution").map((d) => [d.enforcementLevel, d.urn, d.message.split("\n").pop()]),
    ).toEqual([
      [
        "advisory",
        "urn:pulumi:dev::azure-p2s-routing-sample::azure-native:network:VirtualNetwork::hub",
        "Clients of hub-gw reach the private endpoint appdata-blob but cannot resolve its name: hub uses Azure-provided DNS, so P2S clients keep their own resolver, which answers privatelink.blob.core.windows.net with public addresses. Set dhcpOptions.dnsServers of hub to 10.0.5.4, the inbound endpoint of hub-resolver, whose VNet is linked to privatelink.blob.core.windows.net. Users then need a new client profile: download it and import it on every device.",
      ],
    ]);
  });
});

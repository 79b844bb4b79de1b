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
  it("declares every policy with its level, severity, tags and documentation link", () => {
    expect(session.policies.map((p) => [p.name, p.enforcementLevel, p.severity, p.tags, p.url])).toEqual(
      POLICIES.map((p) => [p.name, p.enforcementLevel, p.severity, p.tags, p.url]),
    );
  });

  it("applies the configuration the CLI sends and reports the forbidden network against full URNs, stack-wide problems with none", async () => {
    await session.configure({ "p2s-intended-access": { intents: [{ gateway: "hub-gw", stacks: ["azure-p2s-routing-sample/dev"], deny: ["nowhere"] }] } });
    const diagnostics = await session.pack.analyzeStack(await sampleInputs("pci-leak", "preview"));
    expect(diagnostics.filter((d) => d.enforcementLevel === "mandatory").map((d) => [d.policyName, d.policyPackName, d.policyPackVersion, d.urn]).sort()).toEqual([
      ["p2s-intended-access", "azure-p2s-routing", "0.1.0", ""],
      ["p2s-intended-access", "azure-p2s-routing", "0.1.0", "urn:pulumi:dev::azure-p2s-routing-sample::azure-native:network:VirtualNetworkPeering::pci-to-hub"],
    ]);
  });
});

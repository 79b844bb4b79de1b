import type { AnalyzerInput } from "../../offline/analyzer-client";
import { InProcessPack } from "../helpers/in-process-pack";
import { sampleInputs } from "../helpers/sample-inputs";

/**
 * The shipped policy-config.json on the default policy group, which covers every stack of an
 * organisation: stacks it is not about pass; the sample hub still gets its intents.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SHIPPED = require("../../policy-config.json") as Record<string, unknown>;
const pack = new InProcessPack();
beforeEach(() => pack.configure(SHIPPED));

/** The same resources as if another project's stack had declared them. */
function inProject(inputs: AnalyzerInput[], project: string, stack = "prod"): AnalyzerInput[] {
  const moved = JSON.stringify(inputs).replace(/urn:pulumi:dev::azure-p2s-routing-sample::/g, `urn:pulumi:${stack}::${project}::`);
  return JSON.parse(moved) as AnalyzerInput[];
}

async function mandatory(inputs: AnalyzerInput[]): Promise<string[]> {
  return (await pack.run(inputs))
    .filter((s) => s.level === "mandatory")
    .map((s) => `${s.policy} ${s.resource}: ${s.message.split(": ")[0]}`);
}

const spokeOnly: AnalyzerInput[] = [
  {
    type: "azure-native:network:VirtualNetwork",
    urn: "urn:pulumi:prod::spokes::azure-native:network:VirtualNetwork::spoke-a",
    name: "spoke-a",
    properties: { resourceGroupName: "spokes", addressSpace: { addressPrefixes: ["10.20.0.0/16"] }, tags: { "p2s-access": "required" } },
  },
  {
    type: "azure-native:network:VirtualNetworkPeering",
    urn: "urn:pulumi:prod::spokes::azure-native:network:VirtualNetworkPeering::spoke-a-to-hub",
    name: "spoke-a-to-hub",
    properties: {
      resourceGroupName: "spokes",
      virtualNetworkName: "spoke-a",
      remoteVirtualNetwork: { id: "/subscriptions/s/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/hub" },
      useRemoteGateways: true,
    },
  },
];

describe("the shipped policy-config.json, enforced for a whole organisation", () => {
  it("passes a stack without any Azure resource", async () => {
    const aws: AnalyzerInput = {
      type: "aws:s3/bucket:Bucket",
      urn: "urn:pulumi:prod::web::aws:s3/bucket:Bucket::site",
      name: "site",
      properties: { bucket: "site" },
    };
    expect(await mandatory([aws])).toEqual([]);
  });

  it("passes a spoke-only stack whose spoke uses a hub deployed elsewhere", async () => {
    expect(await mandatory(spokeOnly)).toEqual([]);
  });

  it("passes another team's hub stack, whose gateway the intents do not name", async () => {
    expect(await mandatory(inProject(await sampleInputs("2", "preview"), "team-b"))).toEqual([]);
  });

  it("still holds the sample hub to its intents", async () => {
    expect(await mandatory(await sampleInputs("pci-leak", "preview"))).toEqual([
      "p2s-intended-access pci-to-hub: All clients of hub-gw reach pci, which intent 1 of the policy configuration and tag p2s-access on pci forbid",
    ]);
  });

  it("still reports a misspelled gateway in a stack with P2S gateways", async () => {
    pack.configure({ "p2s-intended-access": { intents: [{ gateway: "hub-gww", reach: ["app"] }] } });
    expect(await mandatory(await sampleInputs("hub", "preview"))).toEqual([
      'p2s-intended-access (stack): Intent 1 of the policy configuration names gateway "hub-gww", which is no P2S gateway of the stack. Name a P2S gateway by its Pulumi or Azure name, or use "*" for all of them.',
    ]);
  });
});

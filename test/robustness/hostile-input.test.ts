import fc from "fast-check";
import type { AnalyzerInput } from "../../offline/analyzer-client";
import { InProcessPack } from "../helpers/in-process-pack";
import { runCheck } from "../../policypack/cli/p2s-check";
import { UNKNOWN } from "../../policypack/extract/plain";
import type { RawResource } from "../../policypack/extract/raw-resource";
import { analyzeResources } from "../../policypack/pipeline/stack-analysis";
import { POLICIES } from "../../policypack/policies/catalogue";
import { violationsOf } from "../../policypack/pipeline/violations-of";
import { spelled } from "../helpers/spelled";
import { writeJson } from "../helpers/stack-files";

const TYPES = [
  "VirtualNetwork",
  "network/v20240301:VirtualNetwork",
  "Subnet",
  "VirtualNetworkPeering",
  "VirtualNetworkGateway",
  "VirtualNetworkGatewayConnection",
  "LocalNetworkGateway",
].map((t) => (t.includes("/") ? `azure-native:${t}` : `azure-native:network:${t}`));

/** Values of the wrong type anywhere a field is read, unknowns at any depth, odd CIDRs, IPv6. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(UNKNOWN),
  fc.constantFrom(
    "10.0.0.0/16",
    "10.0.0.0/33",
    "10.0.0.1/16",
    "fd00::/48",
    "::/0",
    "0.0.0.0/0",
    "not-a-cidr",
    "",
    "Vnet2Vnet",
    "IPsec",
    "IkeV2",
    "Basic",
    "PolicyBased",
  ),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.constantFrom("10.1.0.0/16", "192.168.0.0/24", UNKNOWN, "fd00::/64"), { maxLength: 3 }),
  fc.dictionary(fc.constantFrom("id", "addressPrefixes", "asn", "name"), fc.constantFrom(UNKNOWN, "x", "10.2.0.0/16", 65515)),
);

const FIELDS = [
  "addressSpace",
  "virtualNetworkPeerings",
  "subnets",
  "virtualNetworkName",
  "remoteVirtualNetwork",
  "allowGatewayTransit",
  "useRemoteGateways",
  "allowVirtualNetworkAccess",
  "ipConfigurations",
  "vpnClientConfiguration",
  "customRoutes",
  "enableBgp",
  "bgpSettings",
  "sku",
  "vpnType",
  "gatewayType",
  "connectionType",
  "virtualNetworkGateway1",
  "virtualNetworkGateway2",
  "localNetworkGateway2",
  "localNetworkAddressSpace",
  "tags",
  "id",
  "name",
  "resourceGroupName",
];

const NAMES = ["vnet1", "vnet2", "gw", "site", "dup", "dup"];

const hostileStack: fc.Arbitrary<AnalyzerInput[]> = fc
  .array(
    fc.record({
      type: fc.constantFrom(...TYPES),
      name: fc.constantFrom(...NAMES),
      properties: fc.dictionary(fc.constantFrom(...FIELDS), oddValue, { maxKeys: 8 }),
      deps: fc.subarray(NAMES.map((n, i) => `urn:pulumi:dev::p::azure-native:network:VirtualNetwork::${n}${i}`)),
    }),
    { maxLength: 14 },
  )
  .map((rs) =>
    rs.map((r, i) => ({
      type: r.type,
      // Duplicate Pulumi names under distinct URNs, as two stacks or two parents can have.
      urn: `urn:pulumi:dev::p::${r.type}::${r.name}${i}`,
      name: r.name,
      properties: r.properties as Record<string, unknown>,
      dependencies: r.deps,
      propertyDependencies: Object.fromEntries(Object.keys(r.properties).map((k) => [k, r.deps])),
    })),
  );

function asRaw(inputs: AnalyzerInput[]): RawResource[] {
  return inputs.map((r) => ({
    type: r.type,
    urn: r.urn,
    name: r.name,
    props: r.properties,
    dependencies: r.dependencies ?? [],
    propertyDependencies: r.propertyDependencies ?? {},
  }));
}

describe("hostile input", () => {
  it("never makes extraction, the engine or any policy throw", () => {
    fc.assert(
      fc.property(hostileStack, (inputs) => {
        const stack = analyzeResources(asRaw(inputs));
        for (const policy of POLICIES)
          violationsOf(policy, stack, { intents: [{ gateway: "*", reach: ["vnet1", "10.1.0.0/16"] }], requiredPlatforms: ["macos"] });
      }),
      { numRuns: 400 },
    );
  });

  it("survives hand-picked worst cases: peering cycles, self-peering, zero gateways, references outside the stack", () => {
    const vnet = (name: string, prefixes: unknown) => ({
      type: TYPES[0],
      urn: `urn:x::${name}`,
      name,
      props: { name, addressSpace: { addressPrefixes: prefixes } },
      dependencies: [],
      propertyDependencies: {},
    });
    const peer = (name: string, from: string, to: string) => ({
      type: TYPES[3],
      urn: `urn:x::${name}`,
      name,
      props: {
        virtualNetworkName: from,
        remoteVirtualNetwork: { id: `/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/${to}` },
        useRemoteGateways: true,
        allowGatewayTransit: true,
      },
      dependencies: [],
      propertyDependencies: {},
    });
    const stack = analyzeResources([
      vnet("a", ["10.0.0.0/16"]),
      vnet("b", ["10.0.0.0/8", "fd00::/48"]),
      vnet("c", { not: "a list" }),
      peer("a-b", "a", "b"),
      peer("b-c", "b", "c"),
      peer("c-a", "c", "a"),
      peer("a-a", "a", "a"),
      peer("a-elsewhere", "a", "elsewhere"),
    ]);
    expect(stack.analysis.gateways).toEqual([]);
    expect(stack.extraction.notes).toEqual([
      "a-elsewhere peers with elsewhere, which is not in the stack; it is analysed as a one-sided peering.",
      "addressSpace.addressPrefixes of c holds values that are not strings; they are left out.",
    ]);
    expect(stack.analysis.notes.map(spelled)).toEqual(["a-a peers a VNet with itself, which Azure refuses; it is left out."]);
    expect(POLICIES.flatMap((p) => violationsOf(p, stack)).map((v) => `${v.policy} ${v.resource}: ${v.message.split(",")[0]}`)).toEqual([
      "p2s-gateway-transit a-b: a-b peers a with b",
      "p2s-gateway-transit a-b: a-b sets useRemoteGateways",
      "p2s-gateway-transit a-elsewhere: a uses remote gateways through a-b and a-elsewhere",
      "p2s-gateway-transit b-c: b-c peers b with c",
      "p2s-gateway-transit b-c: b-c sets useRemoteGateways",
      "p2s-gateway-transit c-a: c-a peers c with a",
      "p2s-gateway-transit c-a: c-a sets useRemoteGateways",
      "p2s-address-overlap a-b: a-b peers a and b",
    ]);
  });

  it("never makes p2s-check fail on odd resources inside a well-formed document", () => {
    const samples = fc.sample(hostileStack, { numRuns: 40, seed: 7 });
    const codes = samples.map((inputs) => {
      const doc = {
        version: 3,
        deployment: {
          resources: inputs.map((r) => ({
            urn: r.urn,
            type: r.type,
            custom: true,
            inputs: r.properties,
            outputs: r.properties,
            dependencies: r.dependencies,
            propertyDependencies: r.propertyDependencies,
          })),
        },
      };
      const result = runCheck(["--format", "json", writeJson(doc, "hostile")]);
      return result.code === 2 ? result.stderr : result.code;
    });
    expect(codes.filter((c) => c !== 0 && c !== 1)).toEqual([]);
  });

  describe("through @pulumi/policy's AnalyzeStack handler", () => {
    const session = new InProcessPack();
    beforeAll(() => session.configure({ "p2s-intended-access": { intents: [{ gateway: "*", reach: ["vnet1"] }] } }));

    it("answers every hostile stack without an error and never says it cannot run during preview", async () => {
      const samples = fc.sample(hostileStack, { numRuns: 25, seed: 11 });
      const answers: string[] = [];
      for (const inputs of samples) {
        const diagnostics = await session.diagnostics(inputs);
        answers.push(...diagnostics.filter((d) => d.message.includes("can't run")).map((d) => d.message));
      }
      expect(answers).toEqual([]);
    });
  });
});

import { analyze } from "../../policypack/pipeline/analyze";
import type { Intent, IntentScope, IntentViolation } from "../../policypack/intents/intents";
import { evaluateIntents, intentsFromTags } from "../../policypack/intents/intents";
import type { Topology } from "../../policypack/topology/model";
import { seedScenario } from "../helpers/seed-scenarios";
import { spelled } from "../helpers/spelled";
import { changed } from "../helpers/topology-builder";

/** A violation as the user reads it: the resource, then the problem and fix in azure-native words. */
function written(v: IntentViolation) {
  return { resource: v.resource, problem: spelled(v.problem), fix: spelled(v.fix) };
}

/** The topology as extraction gives it for stack dev of project network. */
function inStack(topology: Topology): Topology {
  return { ...topology, stacks: ["network/prod"] };
}

function evaluate(topology: Topology, intents: Partial<Intent>[]) {
  const full = intents.map((i) => ({ origin: "the policy configuration", gateway: "*", reach: [], deny: [], ...i }));
  const result = evaluateIntents(analyze(topology), full);
  return { violations: result.violations.map(written), notes: result.notes };
}

function fromTags(topology: Topology) {
  const tagged = intentsFromTags(topology);
  const result = evaluateIntents(analyze(topology), tagged.intents);
  return { violations: [...tagged.violations, ...result.violations].map(written), notes: result.notes };
}

describe("intents from policy configuration (spec section 5)", () => {
  const baseline = seedScenario(2);

  it("passes when every required network is reached and no forbidden one is", () => {
    expect(evaluate(baseline, [{ reach: ["vnet2", "vnet4", "10.2.1.0/24"], deny: ["vnet3"] }])).toEqual({ violations: [], notes: [] });
  });

  it("reports a required VNet peered only with a spoke, against that VNet, with the reason", () => {
    expect(evaluate(baseline, [{ gateway: "vnet1-gw", platforms: ["windows", "linux"], reach: ["vnet3"] }]).violations).toEqual([
      {
        resource: "vnet3",
        problem:
          "Windows and Linux clients of vnet1-gw cannot reach vnet3, which the policy configuration requires: vnet3 is peered with vnet2, not with vnet1; peering is not transitive.",
        fix: "Peer vnet3 directly with vnet1, with allowGatewayTransit on the vnet1 side and useRemoteGateways on the vnet3 side.",
      },
    ]);
  });

  it("reports a forbidden VNet that is reached, against the peering that makes it reachable", () => {
    expect(evaluate(baseline, [{ deny: ["vnet4"] }]).violations).toEqual([
      {
        resource: "vnet4-to-vnet1",
        problem: "All clients of vnet1-gw reach vnet4, which the policy configuration forbids: vnet4 uses vnet1-gw through vnet4-to-vnet1.",
        fix: "Set useRemoteGateways to false on vnet4-to-vnet1 or remove the peering.",
      },
    ]);
  });

  it("resolves a CIDR target inside a network and explains it by that network", () => {
    expect(evaluate(baseline, [{ reach: ["10.3.7.0/24"] }]).violations.map((v) => v.problem)).toEqual([
      "All clients of vnet1-gw cannot reach 10.3.7.0/24, which the policy configuration requires: vnet3 is peered with vnet2, not with vnet1; peering is not transitive.",
    ]);
  });

  it("reports a target that is not in the stack as a stack-wide violation", () => {
    expect(evaluate(baseline, [{ reach: ["vnet9"] }]).violations).toEqual([
      {
        resource: undefined,
        problem: 'The policy configuration names "vnet9", which is neither a network of the stack nor a CIDR inside one.',
        fix: "Name the VNet or site by its Pulumi or Azure name, or give a CIDR inside one of them.",
      },
    ]);
  });

  it("reports a gateway that is not in the stack when the intent is scoped to the stack", () => {
    expect(
      evaluate(inStack(baseline), [{ gateway: "hub-gw", stacks: ["network/*"], reach: ["vnet2"] }]).violations.map((v) => v.problem),
    ).toEqual(['The policy configuration names gateway "hub-gw", which is no P2S gateway of the stack.']);
  });

  it("reports a gateway that differs from one of the stack's by one or two characters or by case: a likely typo", () => {
    expect(
      [
        evaluate(baseline, [{ gateway: "vnet1-gx", reach: ["vnet2"] }]),
        evaluate(baseline, [{ gateway: "VNET1-GW", reach: ["vnet2"] }]),
      ].map((r) => r.violations.length),
    ).toEqual([1, 1]);
  });

  it("does not apply an unscoped intent about another stack's gateway, and says so in a note", () => {
    expect(evaluate(baseline, [{ gateway: "hub-gw", reach: ["vnet2"] }])).toEqual({
      violations: [],
      notes: ["The policy configuration is not checked: hub-gw is not a P2S gateway of this stack."],
    });
  });

  it("does not apply an intent scoped to other stacks, and says so in a note", () => {
    expect(evaluate(inStack(baseline), [{ gateway: "*", stacks: ["network/dev", "other/*"], reach: ["vnet3"] }])).toEqual({
      violations: [],
      notes: ["The policy configuration is not checked: it is about network/dev and other/*, and it matches none of network/prod."],
    });
  });

  it("notes a target in another stack, reports it when it is a near miss, when the intent is scoped, or across every input", () => {
    const t = inStack(baseline);
    const unknown = (intent: Partial<Intent>, scope?: IntentScope) =>
      evaluateIntents(analyze(t), [{ origin: "the policy configuration", gateway: "*", reach: [], deny: [], ...intent }], scope);
    expect({
      elsewhere: unknown({ reach: ["spoke-x"] }),
      nearMiss: unknown({ reach: ["vnet22"] }).violations.map((v) => v.code),
      scoped: unknown({ reach: ["spoke-x"], stacks: ["network/prod"] }).violations.map((v) => v.code),
      acrossInputs: unknown({ reach: ["spoke-x"] }, "all-inputs").violations.map((v) => v.code),
    }).toEqual({
      elsewhere: {
        violations: [],
        notes: ["spoke-x, named by the policy configuration, is not in this stack; check across stacks with p2s-check."],
      },
      nearMiss: ["intent.unknown-target"],
      scoped: ["intent.unknown-target"],
      acrossInputs: ["intent.unknown-target"],
    });
  });

  it("reports a target forbidden by the configuration and by a tag once, naming both", () => {
    const t = changed(baseline, "vnets", "vnet4", { tags: { "p2s-access": "forbidden" } });
    const tagged = intentsFromTags(t);
    const result = evaluateIntents(analyze(t), [
      { origin: "the policy configuration", gateway: "*", reach: [], deny: ["vnet4"] },
      ...tagged.intents,
    ]);
    expect(result.violations.map((v) => spelled(v.problem))).toEqual([
      "All clients of vnet1-gw reach vnet4, which the policy configuration and tag p2s-access on vnet4 forbid: vnet4 uses vnet1-gw through vnet4-to-vnet1.",
    ]);
  });

  it("reports an unknown platform", () => {
    expect(evaluate(baseline, [{ platforms: ["windoze"], reach: ["vnet2"] }]).violations.map((v) => v.problem)).toEqual([
      'The policy configuration names platform "windoze", which is not one of windows, macos, linux, ios, android.',
    ]);
  });

  it("finds a network by its Azure name, case-insensitively", () => {
    const t = changed(baseline, "vnets", "vnet3", { azureName: "VNet-Three" });
    expect(evaluate(t, [{ reach: ["vnet-three"] }]).violations.map((v) => v.resource)).toEqual(["vnet3"]);
  });

  it("reports a platform that cannot connect, with the protocol reason", () => {
    const t = changed(baseline, "gateways", "vnet1-gw", { protocols: ["SSTP"] });
    expect(evaluate(t, [{ platforms: ["macos"], reach: ["vnet2"] }]).violations).toEqual([
      {
        resource: "vnet1-gw",
        problem:
          "macOS clients of vnet1-gw cannot reach vnet2, which the policy configuration requires: no protocol of vnet1-gw serves macOS (SSTP only).",
        fix: "Add IkeV2 or OpenVPN to vpnClientProtocols of vnet1-gw.",
      },
    ]);
  });

  it("counts a BGP-reached site as reached on Windows, where it needs a manual route", () => {
    expect(evaluate(seedScenario(6), [{ platforms: ["windows"], reach: ["site1"] }]).violations).toEqual([]);
  });
});

describe("intents from tags (spec section 5)", () => {
  it("reports a VNet tagged p2s-access required that is not reached, for the tagged platforms only", () => {
    const t = changed(seedScenario(2), "vnets", "vnet3", { tags: { "p2s-access": "required", "p2s-platforms": "windows, macos" } });
    expect(fromTags(t).violations.map((v) => [v.resource, v.problem])).toEqual([
      [
        "vnet3",
        "Windows and macOS clients of vnet1-gw cannot reach vnet3, which tag p2s-access on vnet3 requires: vnet3 is peered with vnet2, not with vnet1; peering is not transitive.",
      ],
    ]);
  });

  it("reports a site tagged p2s-access forbidden that is reached over BGP, against the connection", () => {
    const t = changed(seedScenario(6), "sites", "site1", { tags: { "p2s-access": "forbidden" } });
    expect(fromTags(t).violations.map((v) => [v.resource, v.problem])).toEqual([
      [
        "vnet1-gw-to-site1",
        "All clients of vnet1-gw reach site1, which tag p2s-access on site1 forbids: site1 is reached over BGP through vnet1-gw-to-site1.",
      ],
    ]);
  });

  it("reads p2s-reach and p2s-deny on a gateway", () => {
    const t = changed(seedScenario(2), "gateways", "vnet1-gw", { tags: { "p2s-reach": "vnet2,vnet3", "p2s-deny": "vnet4" } });
    expect(fromTags(t).violations.map((v) => v.resource)).toEqual(["vnet3", "vnet4-to-vnet1"]);
  });

  it("reports a p2s-access tag with a value other than required or forbidden", () => {
    const t = changed(seedScenario(2), "vnets", "vnet2", { tags: { "p2s-access": "yes" } });
    expect(fromTags(t).violations.map((v) => v.problem)).toEqual([
      'vnet2 has tag p2s-access "yes", which is neither required nor forbidden.',
    ]);
  });

  it("notes, without a violation, a tagged network in a stack that has no P2S gateway", () => {
    const t = changed(changed(seedScenario(2), "gateways", "vnet1-gw", { clientPool: [] }), "vnets", "vnet2", {
      tags: { "p2s-access": "required" },
    });
    expect(fromTags(t)).toEqual({ violations: [], notes: ["Tag p2s-access on vnet2 is not checked: the stack declares no P2S gateway."] });
  });
});

import type { AnalyzerInput } from "../../offline/analyzer-client";
import { InProcessPack } from "../helpers/in-process-pack";
import { plus, violationsFound } from "../helpers/policy-violations";
import { MANUAL_BRANCH, besidesManualRoutes } from "../helpers/sample-hub";
import { sampleInputs, withProperties } from "../helpers/sample-inputs";
import { seedScenario } from "../helpers/seed-scenarios";
import { changed } from "../helpers/topology-builder";

/**
 * p2s-intended-access (codes intent.*). Baseline: seed scenario 2, where clients of vnet1-gw reach
 * vnet1, vnet2 and vnet4 but not vnet3, with an intent in the policy configuration that says so.
 */
const POLICY = "p2s-intended-access";
const baseline = seedScenario(2);
const config = { intents: [{ gateway: "vnet1-gw", reach: ["vnet2", "vnet4"], deny: ["vnet3"] }] };

describe("p2s-intended-access", () => {
  it("reports nothing when every required network is reached and the forbidden one is not", () => {
    expect(violationsFound(POLICY, baseline, config)).toEqual([]);
  });

  it("reports a required spoke whose peering no longer uses the hub's gateway, against that peering", () => {
    expect(violationsFound(POLICY, changed(baseline, "peerings", "vnet2-to-vnet1", { usesRemoteGateway: false }), config)).toEqual([
      [
        "intent.required-not-reached",
        "vnet2-to-vnet1",
        "All clients of vnet1-gw cannot reach vnet2, which intent 1 of the policy configuration requires: vnet2-to-vnet1 lacks useRemoteGateways, so vnet2 does not use vnet1-gw. Set useRemoteGateways to true on vnet2-to-vnet1.",
      ],
    ]);
  });

  it("reports the forbidden VNet once it is peered with the hub, against the peering that lets clients in", () => {
    expect(
      violationsFound(
        POLICY,
        plus(baseline, (b) => b.transitPeering("vnet1", "vnet3")),
        config,
      ),
    ).toEqual([
      [
        "intent.forbidden-reached",
        "vnet3-to-vnet1",
        "All clients of vnet1-gw reach vnet3, which intent 1 of the policy configuration forbids: vnet3 uses vnet1-gw through vnet3-to-vnet1. Set useRemoteGateways to false on vnet3-to-vnet1 or remove the peering.",
      ],
    ]);
  });

  it("reports a VNet tagged p2s-access forbidden that clients reach", () => {
    expect(violationsFound(POLICY, changed(baseline, "vnets", "vnet4", { tags: { "p2s-access": "forbidden" } }))).toEqual([
      [
        "intent.forbidden-reached",
        "vnet4-to-vnet1",
        "All clients of vnet1-gw reach vnet4, which tag p2s-access on vnet4 forbids: vnet4 uses vnet1-gw through vnet4-to-vnet1. Set useRemoteGateways to false on vnet4-to-vnet1 or remove the peering.",
      ],
    ]);
  });

  it("reports a VNet tagged p2s-access required that is peered only with a spoke, saying peering is not transitive", () => {
    expect(violationsFound(POLICY, changed(baseline, "vnets", "vnet3", { tags: { "p2s-access": "required" } }))).toEqual([
      [
        "intent.required-not-reached",
        "vnet3",
        "All clients of vnet1-gw cannot reach vnet3, which tag p2s-access on vnet3 requires: vnet3 is peered with vnet2, not with vnet1; peering is not transitive. Peer vnet3 directly with vnet1, with allowGatewayTransit on the vnet1 side and useRemoteGateways on the vnet3 side.",
      ],
    ]);
  });

  it("reports a p2s-access tag that is neither required nor forbidden", () => {
    expect(violationsFound(POLICY, changed(baseline, "vnets", "vnet2", { tags: { "p2s-access": "yes" } }))).toEqual([
      [
        "intent.invalid-access-tag",
        "vnet2",
        'vnet2 has tag p2s-access "yes", which is neither required nor forbidden. Set tag p2s-access on vnet2 to required or forbidden.',
      ],
    ]);
  });

  it("reports a target one character away from a network of the stack, a likely typo, stack-wide", () => {
    expect(violationsFound(POLICY, baseline, { intents: [{ gateway: "vnet1-gw", reach: ["vnet2", "vnet5"] }] })).toEqual([
      [
        "intent.unknown-target",
        "(stack)",
        'Intent 1 of the policy configuration names "vnet5", which is neither a network of the stack nor a CIDR inside one. Name the VNet or site by its Pulumi or Azure name, or give a CIDR inside one of them.',
      ],
    ]);
  });

  it("reports a target not in the stack when the intent is scoped to the stack", () => {
    const t = { ...baseline, stacks: ["network/prod"] };
    expect(violationsFound(POLICY, t, { intents: [{ gateway: "vnet1-gw", stacks: ["network/*"], reach: ["dta"] }] })).toEqual([
      [
        "intent.unknown-target",
        "(stack)",
        'Intent 1 of the policy configuration names "dta", which is neither a network of the stack nor a CIDR inside one. Name the VNet or site by its Pulumi or Azure name, or give a CIDR inside one of them.',
      ],
    ]);
  });

  it("reports a gateway one character away from the stack's P2S gateway, a likely typo, stack-wide", () => {
    expect(violationsFound(POLICY, baseline, { intents: [{ gateway: "vnet1-gv", reach: ["vnet2"] }] })).toEqual([
      [
        "intent.unknown-gateway",
        "(stack)",
        'Intent 1 of the policy configuration names gateway "vnet1-gv", which is no P2S gateway of the stack. Name a P2S gateway by its Pulumi or Azure name, or use "*" for all of them.',
      ],
    ]);
  });

  it("reports an unknown platform, stack-wide", () => {
    expect(violationsFound(POLICY, baseline, { intents: [{ gateway: "vnet1-gw", platforms: ["windoze"], reach: ["vnet2"] }] })).toEqual([
      [
        "intent.unknown-platform",
        "(stack)",
        'Intent 1 of the policy configuration names platform "windoze", which is not one of windows, macos, linux, ios, android. Use only windows, macos, linux, ios, android as platforms.',
      ],
    ]);
  });
});

describe("p2s-intended-access through the pack, on the default sample stack", () => {
  const session = new InProcessPack();
  let hub: AnalyzerInput[];

  beforeAll(async () => {
    hub = await sampleInputs("hub", "preview");
  });
  beforeEach(() => session.configure());

  it("reports the PCI VNet tagged forbidden when its peering uses the hub gateway", async () => {
    const leak = await sampleInputs("pci-leak", "preview");
    expect(besidesManualRoutes(await session.run(leak))).toEqual([
      {
        policy: "p2s-intended-access",
        level: "mandatory",
        resource: "pci-to-hub",
        message:
          "All clients of hub-gw reach pci, which tag p2s-access on pci forbids: pci uses hub-gw through pci-to-hub. Set useRemoteGateways to false on pci-to-hub or remove the peering.",
      },
    ]);
  });

  it("reports a required spoke that lost gateway transit, next to the transit error itself", async () => {
    const inputs = withProperties(hub, "hub-to-app", { allowGatewayTransit: false });
    expect(besidesManualRoutes(await session.run(inputs))).toEqual([
      {
        policy: "p2s-gateway-transit",
        level: "mandatory",
        resource: "hub-to-app",
        message:
          "app-to-hub sets useRemoteGateways, but hub-to-app does not set allowGatewayTransit, so app cannot use the gateway of hub. Set allowGatewayTransit to true on hub-to-app.",
      },
      {
        policy: "p2s-intended-access",
        level: "mandatory",
        resource: "hub-to-app",
        message:
          "All clients of hub-gw cannot reach app, which tag p2s-access on app and tag p2s-reach on hub-gw require: hub-to-app lacks allowGatewayTransit, so app cannot use hub-gw. Set allowGatewayTransit to true on hub-to-app.",
      },
    ]);
  });

  it("reports a configured intent that names a network not in the stack, stack-wide", async () => {
    session.configure({ "p2s-intended-access": { intents: [{ gateway: "hub-gw", reach: ["dta"] }] } });
    expect(besidesManualRoutes(await session.run(hub))).toEqual([
      {
        policy: "p2s-intended-access",
        level: "mandatory",
        resource: "(stack)",
        message:
          'Intent 1 of the policy configuration names "dta", which is neither a network of the stack nor a CIDR inside one. Name the VNet or site by its Pulumi or Azure name, or give a CIDR inside one of them.',
      },
    ]);
  });

  it("passes the repository's policy-config.json on the default stack", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    session.configure(require("../../policy-config.json"));
    expect(await session.run(hub)).toEqual([MANUAL_BRANCH]);
  });
});

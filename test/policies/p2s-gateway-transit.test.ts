import type { AnalyzerInput } from "../../offline/analyzer-client";
import { InProcessPack } from "../helpers/in-process-pack";
import { plus, violationsFound } from "../helpers/policy-violations";
import { sampleInputs } from "../helpers/sample-inputs";
import { seedScenario } from "../helpers/seed-scenarios";
import { changed, without } from "../helpers/topology-builder";

/**
 * p2s-gateway-transit (codes transit.*). Baseline: seed scenario 2, vnet2 and vnet4 using the
 * gateway of vnet1 through transit peerings, vnet3 peered plainly with vnet2.
 */
const POLICY = "p2s-gateway-transit";
const baseline = seedScenario(2);

describe("p2s-gateway-transit", () => {
  it("reports nothing on the compliant hub and spokes", () => {
    expect(violationsFound(POLICY, baseline)).toEqual([]);
  });

  it("reports a peering declared in one direction only", () => {
    expect(violationsFound(POLICY, without(baseline, "peerings", "vnet3-to-vnet2"))).toEqual([
      [
        "transit.one-way-peering",
        "vnet2-to-vnet3",
        "vnet2-to-vnet3 peers vnet2 with vnet3, but vnet3 has no peering back to vnet2, so the peering stays Initiated and carries no traffic. Declare a VirtualNetworkPeering from vnet3 to vnet2.",
      ],
    ]);
  });

  it("reports every peering that uses remote gateways towards a VNet without a VPN gateway", () => {
    expect(violationsFound(POLICY, without(baseline, "gateways", "vnet1-gw"))).toEqual([
      [
        "transit.use-remote-gateways-without-gateway",
        "vnet2-to-vnet1",
        "vnet2-to-vnet1 sets useRemoteGateways, but vnet1 has no VPN gateway, so Azure rejects the peering. Set useRemoteGateways to false on vnet2-to-vnet1, or deploy the gateway in vnet1 first.",
      ],
      [
        "transit.use-remote-gateways-without-gateway",
        "vnet4-to-vnet1",
        "vnet4-to-vnet1 sets useRemoteGateways, but vnet1 has no VPN gateway, so Azure rejects the peering. Set useRemoteGateways to false on vnet4-to-vnet1, or deploy the gateway in vnet1 first.",
      ],
    ]);
  });

  it("reports the hub peering that lacks allowGatewayTransit while the spoke uses remote gateways", () => {
    expect(violationsFound(POLICY, changed(baseline, "peerings", "vnet1-to-vnet4", { allowsTransit: false }))).toEqual([
      [
        "transit.use-remote-gateways-without-transit",
        "vnet1-to-vnet4",
        "vnet4-to-vnet1 sets useRemoteGateways, but vnet1-to-vnet4 does not set allowGatewayTransit, so vnet4 cannot use the gateway of vnet1. Set allowGatewayTransit to true on vnet1-to-vnet4.",
      ],
    ]);
  });

  it("reports a spoke that gets a gateway of its own while it uses the hub's", () => {
    expect(
      violationsFound(
        POLICY,
        plus(baseline, (b) => b.gateway("vnet2-gw", "vnet2")),
      ),
    ).toEqual([
      [
        "transit.own-gateway-and-remote-gateway",
        "vnet2-to-vnet1",
        "vnet2-to-vnet1 sets useRemoteGateways, but vnet2 has its own gateway, and a VNet cannot use both. Set useRemoteGateways to false on vnet2-to-vnet1, or remove the gateway from vnet2.",
      ],
    ]);
  });

  it("reports a spoke that also uses the gateway of a second hub, keeping the peering to the P2S gateway's VNet", () => {
    const t = plus(baseline, (b) => b.vnet("hub2", "10.5.0.0/16").gateway("hub2-gw", "hub2").transitPeering("hub2", "vnet2"));
    expect(violationsFound(POLICY, t)).toEqual([
      [
        "transit.multiple-remote-gateways",
        "vnet2-to-hub2",
        "vnet2 uses remote gateways through vnet2-to-hub2 and vnet2-to-vnet1, but a VNet can use only one. Keep useRemoteGateways on vnet2-to-vnet1 only and set it to false on vnet2-to-hub2.",
      ],
    ]);
  });

  it("reports gateway transit through a Basic SKU gateway, against the gateway", () => {
    expect(violationsFound(POLICY, changed(baseline, "gateways", "vnet1-gw", { sku: "Basic" }))).toEqual([
      [
        "transit.basic-sku-gateway-transit",
        "vnet1-gw",
        "vnet1-gw is a Basic SKU gateway, which does not support the gateway transit that vnet1-to-vnet2, vnet1-to-vnet4 allow. Move vnet1-gw to a VpnGw SKU, or remove allowGatewayTransit from those peerings.",
      ],
    ]);
  });
});

describe("p2s-gateway-transit through the pack, on the default sample stack", () => {
  let hub: AnalyzerInput[];

  beforeAll(async () => {
    hub = await sampleInputs("hub", "preview");
  });

  it("reports a peering declared in one direction only", async () => {
    const inputs = hub.filter((r) => r.name !== "data-to-hub");
    expect((await new InProcessPack().run(inputs)).filter((s) => s.policy === POLICY)).toEqual([
      {
        policy: "p2s-gateway-transit",
        level: "mandatory",
        resource: "hub-to-data",
        message:
          "hub-to-data peers hub with data, but data has no peering back to hub, so the peering stays Initiated and carries no traffic. Declare a VirtualNetworkPeering from data to hub.",
      },
    ]);
  });
});

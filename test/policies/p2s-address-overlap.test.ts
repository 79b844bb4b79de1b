import { InProcessPack } from "../helpers/in-process-pack";
import { plus, violationsFound } from "../helpers/policy-violations";
import { besidesManualRoutes } from "../helpers/sample-hub";
import { sampleInputs, withProperties } from "../helpers/sample-inputs";
import { seedScenario } from "../helpers/seed-scenarios";
import { changed } from "../helpers/topology-builder";

/**
 * p2s-address-overlap (codes overlap.*). Baseline: seed scenario 2, VNets 10.1-10.4.0.0/16 and the
 * client pool 192.168.0.0/24, all disjoint.
 */
const POLICY = "p2s-address-overlap";
const baseline = seedScenario(2);

describe("p2s-address-overlap", () => {
  it("reports nothing when pools and prefixes are disjoint", () => {
    expect(violationsFound(POLICY, baseline)).toEqual([]);
  });

  it("reports a client pool inside the home VNet", () => {
    expect(violationsFound(POLICY, changed(baseline, "gateways", "vnet1-gw", { clientPool: ["10.1.200.0/24"] }))).toEqual([
      [
        "overlap.pool-overlap",
        "vnet1-gw",
        "The client pool 10.1.200.0/24 of vnet1-gw overlaps 10.1.0.0/16 of vnet1, so clients cannot tell their own addresses from those networks. Give vnet1-gw a vpnClientAddressPool that overlaps no VNet, site or route its clients use.",
      ],
    ]);
  });

  it("reports a client pool inside a spoke the clients reach", () => {
    expect(violationsFound(POLICY, changed(baseline, "gateways", "vnet1-gw", { clientPool: ["10.4.0.0/24"] }))).toEqual([
      [
        "overlap.pool-overlap",
        "vnet1-gw",
        "The client pool 10.4.0.0/24 of vnet1-gw overlaps 10.4.0.0/16 of vnet4, so clients cannot tell their own addresses from those networks. Give vnet1-gw a vpnClientAddressPool that overlaps no VNet, site or route its clients use.",
      ],
    ]);
  });

  it("reports a user group's pool that overlaps the gateway's own pool", () => {
    expect(violationsFound(POLICY, changed(baseline, "gateways", "vnet1-gw", { groupPools: ["192.168.0.128/25"] }))).toEqual([
      [
        "overlap.pools-overlap",
        "vnet1-gw",
        "The client pool 192.168.0.128/25 of vnet1-gw overlaps its client pool 192.168.0.0/24, so clients can get the same address. Give vnet1-gw a vngClientConnectionConfigurations[*].vpnClientAddressPool apart from every other client pool.",
      ],
    ]);
  });

  it("reports a second P2S gateway in a reached spoke with the same client pool", () => {
    expect(
      violationsFound(
        POLICY,
        plus(baseline, (b) => b.p2sGateway("vnet2-gw", "vnet2")),
      ),
    ).toEqual([
      [
        "overlap.pools-overlap",
        "vnet1-gw",
        "The client pool 192.168.0.0/24 of vnet1-gw overlaps the client pool 192.168.0.0/24 of vnet2-gw, whose VNet its clients reach, so clients can get the same address. Give vnet1-gw a vpnClientAddressPool apart from every other client pool.",
      ],
    ]);
  });

  it("reports peered VNets whose prefixes overlap, once per pair", () => {
    expect(violationsFound(POLICY, changed(baseline, "vnets", "vnet4", { prefixes: ["10.1.128.0/17"] }))).toEqual([
      [
        "overlap.peered-prefix-overlap",
        "vnet1-to-vnet4",
        "vnet1-to-vnet4 peers vnet1 and vnet4, whose address spaces overlap (10.1.0.0/16 and 10.1.128.0/17), so Azure refuses the peering. Re-address vnet4 or vnet1 so that their prefixes are disjoint.",
      ],
    ]);
  });

  it("reports a prefix that is no CIDR instead of failing", () => {
    expect(violationsFound(POLICY, changed(baseline, "vnets", "vnet4", { prefixes: ["10.4.0.0/33"] }))).toEqual([
      [
        "overlap.invalid-prefix",
        "vnet4",
        'vnet4 lists "10.4.0.0/33" in addressSpace.addressPrefixes, which is not a valid CIDR, so it is left out of the analysis. Write addressSpace.addressPrefixes entries as network-aligned CIDRs such as 10.1.0.0/16.',
      ],
    ]);
  });

  it("reports a prefix with host bits set, naming its network", () => {
    expect(violationsFound(POLICY, changed(baseline, "vnets", "vnet4", { prefixes: ["10.4.1.0/16"] }))).toEqual([
      [
        "overlap.invalid-prefix",
        "vnet4",
        'vnet4 lists "10.4.1.0/16" in addressSpace.addressPrefixes, which has host bits set (the network is 10.4.0.0/16), so it is left out of the analysis. Write addressSpace.addressPrefixes entries as network-aligned CIDRs such as 10.1.0.0/16.',
      ],
    ]);
  });
});

describe("p2s-address-overlap through the pack, on the default sample stack", () => {
  it("reports a client pool inside the hub's address space", async () => {
    const inputs = withProperties(await sampleInputs("hub", "preview"), "hub-gw", {
      vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: ["10.0.200.0/24"] } },
    });
    // The pool inside the hub's prefixes also breaks the way back from the hub and the spokes (their VNet and peering routes
    // win over the gateway's): the intents and DNS report that; this policy reports the overlap itself.
    const found = besidesManualRoutes(await new InProcessPack().run(inputs)).filter((v) => v.policy === "p2s-address-overlap");
    expect(found).toEqual([
      {
        policy: "p2s-address-overlap",
        level: "mandatory",
        resource: "hub-gw",
        message:
          "The client pool 10.0.200.0/24 of hub-gw overlaps 10.0.0.0/16 of hub, so clients cannot tell their own addresses from those networks. Give hub-gw a vpnClientAddressPool that overlaps no VNet, site or route its clients use.",
      },
    ]);
  });
});

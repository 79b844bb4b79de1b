import { checkRequiredPlatforms } from "../../policypack/checks/index";
import { analyze } from "../../policypack/pipeline/analyze";
import type { Topology } from "../../policypack/topology/model";
import { seedScenario } from "../helpers/seed-scenarios";
import { configurationFindings } from "../helpers/configuration-findings";
import { spelled } from "../helpers/spelled";
import { TopologyBuilder, changed, without } from "../helpers/topology-builder";

/** The configuration checks' findings (spec section 4), as [code, resource, problem, fix], so a failure prints all of them. */
function findings(topology: Topology) {
  return configurationFindings(topology).map((f) => [f.code, f.resource, spelled(f.problem), spelled(f.fix.text)]);
}
function codes(topology: Topology) {
  return configurationFindings(topology).map((f) => `${f.code} ${f.resource}`);
}

describe("gateway transit checks (spec section 4)", () => {
  const baseline = seedScenario(2);

  it("finds nothing in the compliant hub and spokes", () => {
    expect(findings(baseline)).toEqual([]);
  });

  it("reports useRemoteGateways towards a VNet without a VPN gateway", () => {
    const t = without(baseline, "gateways", "vnet1-gw");
    expect(codes(t)).toEqual(["use-remote-gateways-without-gateway vnet2-to-vnet1", "use-remote-gateways-without-gateway vnet4-to-vnet1"]);
  });

  it("reports on the hub peering that lacks allowGatewayTransit when the spoke uses remote gateways", () => {
    const t = changed(baseline, "peerings", "vnet1-to-vnet4", { allowsTransit: false });
    expect(findings(t)).toEqual([
      [
        "use-remote-gateways-without-transit",
        "vnet1-to-vnet4",
        "vnet4-to-vnet1 sets useRemoteGateways, but vnet1-to-vnet4 does not set allowGatewayTransit, so vnet4 cannot use the gateway of vnet1.",
        "Set allowGatewayTransit to true on vnet1-to-vnet4.",
      ],
    ]);
  });

  it("reports a VNet that has its own gateway and uses a remote one", () => {
    const t = new TopologyBuilder()
      .vnet("vnet1", "10.1.0.0/16")
      .p2sGateway("vnet1-gw", "vnet1")
      .vnet("vnet2", "10.2.0.0/16")
      .gateway("vnet2-gw", "vnet2")
      .transitPeering("vnet1", "vnet2")
      .build();
    expect(codes(t)).toEqual(["own-gateway-and-remote-gateway vnet2-to-vnet1"]);
  });

  it("reports a VNet with two useRemoteGateways peerings on the second one", () => {
    const t = new TopologyBuilder()
      .vnet("hub-a", "10.1.0.0/16")
      .p2sGateway("gw-a", "hub-a")
      .vnet("hub-b", "10.2.0.0/16")
      .gateway("gw-b", "hub-b")
      .vnet("spoke", "10.3.0.0/16")
      .transitPeering("hub-a", "spoke")
      .transitPeering("hub-b", "spoke")
      .build();
    expect(codes(t)).toEqual(["multiple-remote-gateways spoke-to-hub-b"]);
  });

  it("reports gateway transit on a Basic SKU gateway against the gateway", () => {
    const t = changed(baseline, "gateways", "vnet1-gw", { sku: "Basic", protocols: ["SSTP"] });
    expect(findings(t)).toEqual([
      [
        "basic-sku-gateway-transit",
        "vnet1-gw",
        "vnet1-gw is a Basic SKU gateway, which does not support the gateway transit that vnet1-to-vnet2, vnet1-to-vnet4 allow.",
        "Move vnet1-gw to a VpnGw SKU, or remove allowGatewayTransit from those peerings.",
      ],
    ]);
  });

  it("reports a peering declared in one direction only", () => {
    const t = without(baseline, "peerings", "vnet3-to-vnet2");
    expect(codes(t)).toEqual(["one-way-peering vnet2-to-vnet3"]);
  });
});

describe("address overlap checks (spec section 4)", () => {
  it("reports a client pool that overlaps the home VNet", () => {
    const t = changed(seedScenario(1), "gateways", "vnet1-gw", { clientPool: ["10.1.200.0/24"] });
    expect(findings(t)).toEqual([
      [
        "pool-overlap",
        "vnet1-gw",
        "The client pool 10.1.200.0/24 of vnet1-gw overlaps 10.1.0.0/16 of vnet1, so clients cannot tell their own addresses from those networks.",
        "Give vnet1-gw a vpnClientAddressPool that overlaps no VNet, site or route its clients use.",
      ],
    ]);
  });

  it("reports a client pool that contains a BGP-reached site's prefix", () => {
    const t = changed(seedScenario(6), "sites", "site1", { prefixes: ["192.168.0.128/25"] });
    expect(codes(t)).toEqual(["pool-overlap vnet1-gw"]);
  });

  it("reports a client pool that overlaps a route given without access (R4)", () => {
    const t = changed(seedScenario(3), "vnets", "vnet2", { prefixes: ["192.168.0.0/16"] });
    expect(codes(t)).toEqual(["pool-overlap vnet1-gw"]);
  });

  it("does not report a pool that overlaps a network the clients never see", () => {
    const t = changed(seedScenario(2), "vnets", "vnet3", { prefixes: ["192.168.0.0/16"] });
    expect(codes(t)).toEqual([]);
  });

  it("reports peered VNets with overlapping prefixes once per pair", () => {
    const t = changed(seedScenario(2), "vnets", "vnet4", { prefixes: ["10.1.128.0/17"] });
    expect(findings(t)).toEqual([
      [
        "peered-prefix-overlap",
        "vnet1-to-vnet4",
        "vnet1-to-vnet4 peers vnet1 and vnet4, whose address spaces overlap (10.1.0.0/16 and 10.1.128.0/17), so Azure refuses the peering.",
        "Re-address vnet4 or vnet1 so that their prefixes are disjoint.",
      ],
    ]);
  });

  it("reports an invalid prefix as a finding instead of failing", () => {
    const t = changed(seedScenario(1), "vnets", "vnet1", { prefixes: ["10.1.0.0/16", "10.1.0.0/33", "10.1.2.3/16"] });
    expect(findings(t).map((f) => f[2])).toEqual([
      'vnet1 lists "10.1.0.0/33" in addressSpace.addressPrefixes, which is not a valid CIDR, so it is left out of the analysis.',
      'vnet1 lists "10.1.2.3/16" in addressSpace.addressPrefixes, which has host bits set (the network is 10.1.0.0/16), so it is left out of the analysis.',
    ]);
  });
});

describe("client protocol checks (spec section 4)", () => {
  const baseline = seedScenario(1);

  it("reports a required platform that no protocol serves", () => {
    const analysis = analyze(changed(baseline, "gateways", "vnet1-gw", { protocols: ["SSTP"] }));
    expect(checkRequiredPlatforms(analysis.gateways, ["windows", "macos", "linux"]).map((f) => [f.resource, spelled(f.problem)])).toEqual([
      ["vnet1-gw", "macOS and Linux clients cannot connect to vnet1-gw, whose protocols are SSTP."],
    ]);
    expect(checkRequiredPlatforms(analysis.gateways, ["windows"])).toEqual([]);
  });
});

describe("BGP checks (spec section 4)", () => {
  const baseline = seedScenario(8);

  it("finds nothing in the compliant BGP chain", () => {
    expect(findings(baseline)).toEqual([]);
  });

  it("reports BGP asked for on a connection while a gateway on it does not enable BGP", () => {
    const t = changed(baseline, "gateways", "vnet3-gw", { bgp: false });
    expect(findings(t)).toEqual([
      [
        "bgp-unavailable",
        "vnet3-gw",
        "vnet2-gw-to-vnet3-gw, vnet3-gw-to-site1, vnet3-gw-to-vnet2-gw enable BGP, but vnet3-gw does not set enableBgp.",
        "Set enableBgp to true on vnet3-gw, or to false on those connections.",
      ],
    ]);
  });

  it("reports BGP asked for towards a site without an ASN", () => {
    expect(codes(changed(baseline, "sites", "site1", { bgpAsn: undefined }))).toEqual(["bgp-unavailable site1"]);
  });

  it("reports equal ASNs on the two ends of a BGP link", () => {
    const t = changed(baseline, "gateways", "vnet2-gw", { asn: 65003 });
    expect(codes(t)).toEqual(["equal-asn vnet3-gw"]);
  });

  it("treats a gateway without an ASN as Azure's default 65515", () => {
    const t = changed(changed(baseline, "gateways", "vnet2-gw", { asn: undefined }), "gateways", "vnet3-gw", { asn: undefined });
    expect(codes(t)).toEqual(["equal-asn vnet3-gw"]);
  });

  it("reports a custom route that overlaps the client pool", () => {
    expect(codes(changed(seedScenario(1), "gateways", "vnet1-gw", { advertisedRoutes: ["192.168.0.0/16"] }))).toEqual([
      "custom-route-overlaps-pool vnet1-gw",
    ]);
  });
});

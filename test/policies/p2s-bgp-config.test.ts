import { violationsFound } from "../helpers/policy-violations";
import { seedScenario } from "../helpers/seed-scenarios";
import { changed } from "../helpers/topology-builder";

/**
 * p2s-bgp-config (codes bgp.*). Baseline: seed scenario 8, a chain of BGP links (ASNs 65001-65003)
 * to a branch on 65101, every gateway and connection enabling BGP.
 */
const POLICY = "p2s-bgp-config";
const baseline = seedScenario(8);

describe("p2s-bgp-config", () => {
  it("reports nothing on the compliant BGP chain", () => {
    expect(violationsFound(POLICY, baseline)).toEqual([]);
  });

  it("reports a gateway that does not enable BGP while its connections do", () => {
    expect(violationsFound(POLICY, changed(baseline, "gateways", "vnet3-gw", { bgp: false }))).toEqual([
      [
        "bgp.bgp-unavailable",
        "vnet3-gw",
        "vnet2-gw-to-vnet3-gw, vnet3-gw-to-site1, vnet3-gw-to-vnet2-gw enable BGP, but vnet3-gw does not set enableBgp. Set enableBgp to true on vnet3-gw, or to false on those connections.",
      ],
    ]);
  });

  it("reports a site without an ASN that a connection runs BGP with", () => {
    expect(violationsFound(POLICY, changed(baseline, "sites", "site1", { bgpAsn: undefined }))).toEqual([
      [
        "bgp.bgp-unavailable",
        "site1",
        "vnet3-gw-to-site1 enables BGP, but site1 has no bgpSettings.asn. Give site1 bgpSettings with the ASN and BGP peer address of the on-premises device.",
      ],
    ]);
  });

  it("reports equal ASNs on the two gateways of a link", () => {
    expect(violationsFound(POLICY, changed(baseline, "gateways", "vnet2-gw", { asn: 65003 }))).toEqual([
      [
        "bgp.equal-asn",
        "vnet3-gw",
        "vnet2-gw and vnet3-gw both use ASN 65003 on vnet2-gw-to-vnet3-gw, so BGP does not exchange routes between them. Give vnet3-gw an ASN different from vnet2-gw's.",
      ],
    ]);
  });

  it("reports a site with the ASN of the gateway it peers with", () => {
    expect(violationsFound(POLICY, changed(baseline, "sites", "site1", { bgpAsn: 65003 }))).toEqual([
      [
        "bgp.equal-asn",
        "site1",
        "vnet3-gw and site1 both use ASN 65003 on vnet3-gw-to-site1, so BGP does not exchange routes between them. Give site1 an ASN different from vnet3-gw's.",
      ],
    ]);
  });

  it("reports a custom route that overlaps the client pool", () => {
    expect(violationsFound(POLICY, changed(baseline, "gateways", "vnet1-gw", { advertisedRoutes: ["192.168.0.0/16"] }))).toEqual([
      [
        "bgp.custom-route-overlaps-pool",
        "vnet1-gw",
        "Custom route 192.168.0.0/16 of vnet1-gw overlaps its client pool 192.168.0.0/24. Remove 192.168.0.0/16 from customRoutes.addressPrefixes of vnet1-gw or narrow it to exclude the client pool.",
      ],
    ]);
  });
});

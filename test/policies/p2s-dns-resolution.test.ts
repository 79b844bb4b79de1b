import { BLOB, dnsBaseline } from "../helpers/dns-baseline";
import { violationsFound } from "../helpers/policy-violations";
import { changed, changedDns } from "../helpers/topology-builder";

/**
 * p2s-dns-resolution (codes dns.*). Baseline, spec section 6's compliant hub: a DNS Private
 * Resolver in the hub whose inbound endpoint 10.0.5.4 is the hub's DNS server, the blob zone linked
 * to the hub, and a private endpoint in it in a spoke that uses the hub's gateway.
 * (test/policies/dns-preview.test.ts checks the same through the pack on the sample stack.)
 */
const POLICY = "p2s-dns-resolution";
const baseline = dnsBaseline();

const NO_SERVER_ANSWERS_BLOB =
  "Clients of hub-gw reach the private endpoint appdata-blob but cannot resolve its name: no DNS server of hub that P2S clients reach answers privatelink.blob.core.windows.net. Set dhcpOptions.dnsServers of hub to 10.0.5.4, the inbound endpoint of hub-resolver, whose VNet is linked to privatelink.blob.core.windows.net. Users then need a new client profile: download it and import it on every device.";

describe("p2s-dns-resolution", () => {
  it("reports nothing when the hub's DNS server is the resolver that answers the endpoint's zone", () => {
    expect(violationsFound(POLICY, baseline)).toEqual([]);
  });

  it("reports the endpoint against the hub when the hub uses Azure-provided DNS", () => {
    expect(violationsFound(POLICY, changed(baseline, "vnets", "hub", { nameServers: [] }))).toEqual([
      [
        "dns.endpoint-not-resolved",
        "hub",
        "Clients of hub-gw reach the private endpoint appdata-blob but cannot resolve its name: hub uses Azure-provided DNS, so P2S clients keep their own resolver, which answers privatelink.blob.core.windows.net with public addresses. Set dhcpOptions.dnsServers of hub to 10.0.5.4, the inbound endpoint of hub-resolver, whose VNet is linked to privatelink.blob.core.windows.net. Users then need a new client profile: download it and import it on every device.",
      ],
    ]);
  });

  it("reports 168.63.129.16 as a DNS server, and the endpoint it leaves unresolved", () => {
    expect(violationsFound(POLICY, changed(baseline, "vnets", "hub", { nameServers: ["168.63.129.16"] }))).toEqual([
      [
        "dns.azure-dns-listed",
        "hub",
        "Clients of hub-gw cannot use the DNS server 168.63.129.16: 168.63.129.16, Azure's own DNS, answers only inside Azure VNets and never over a Point-to-Site connection. Set dhcpOptions.dnsServers of hub to 10.0.5.4, the inbound endpoint of hub-resolver. Users then need a new client profile: download it and import it on every device.",
      ],
      ["dns.endpoint-not-resolved", "hub", NO_SERVER_ANSWERS_BLOB],
    ]);
  });

  it("reports a DNS server in a network the clients do not reach, and the endpoint it leaves unresolved", () => {
    expect(violationsFound(POLICY, changed(baseline, "vnets", "hub", { nameServers: ["10.9.0.4"] }))).toEqual([
      [
        "dns.server-unreachable",
        "hub",
        "Clients of hub-gw cannot use the DNS server 10.9.0.4: P2S clients of hub-gw reach no network that holds 10.9.0.4. Set dhcpOptions.dnsServers of hub to 10.0.5.4, the inbound endpoint of hub-resolver. Users then need a new client profile: download it and import it on every device.",
      ],
      ["dns.endpoint-not-resolved", "hub", NO_SERVER_ANSWERS_BLOB],
    ]);
  });

  it("reports the zone when the resolver's VNet is not linked to it", () => {
    expect(violationsFound(POLICY, changedDns(baseline, "links", `${BLOB}-to-hub`, { vnet: "iso" }))).toEqual([
      [
        "dns.endpoint-not-resolved",
        "privatelink.blob.core.windows.net",
        "Clients of hub-gw reach the private endpoint appdata-blob but cannot resolve its name: no DNS server of hub that P2S clients reach answers privatelink.blob.core.windows.net. Link privatelink.blob.core.windows.net to the VNet of hub-resolver, whose inbound endpoint 10.0.5.4 the clients already use.",
      ],
    ]);
  });

  it("reports the endpoint when it has no DNS zone group", () => {
    expect(violationsFound(POLICY, changedDns(baseline, "endpoints", "appdata-blob", { zones: [] }))).toEqual([
      [
        "dns.endpoint-not-resolved",
        "appdata-blob",
        "Clients of hub-gw reach the private endpoint appdata-blob but cannot resolve its name: appdata-blob is in no private DNS zone (it has no zone group). Give appdata-blob a private DNS zone group that puts it in its privatelink zone.",
      ],
    ]);
  });

  it("reports an inbound endpoint with a dynamic address, which cannot be checked before deployment", () => {
    expect(violationsFound(POLICY, changedDns(baseline, "inbound", "hub-resolver-in", { address: undefined, dynamic: true }))).toEqual([
      [
        "dns.dynamic-inbound-endpoint",
        "hub-resolver-in",
        "hub-resolver-in takes a dynamic private address, so whether P2S clients reach it and use it cannot be checked before deployment. Give hub-resolver-in a static address in ipConfigurations[*].privateIpAddress, and list that address as a DNS server of the VNet of the P2S gateway. Users then need a new client profile: download it and import it on every device.",
      ],
    ]);
  });
});

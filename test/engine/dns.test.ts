import type { StackAnalysis } from "../../policypack/pipeline/stack-analysis";
import { dnsResolution } from "../../policypack/policies/dns-resolution";
import { analyze } from "../../policypack/pipeline/analyze";
import type { Intent } from "../../policypack/intents/intents";
import { evaluateIntents } from "../../policypack/intents/intents";
import type { Topology } from "../../policypack/topology/model";
import { BLOB, dnsBaseline } from "../helpers/dns-baseline";
import { spelled } from "../helpers/spelled";
import { TopologyBuilder, changed, changedDns } from "../helpers/topology-builder";

const VAULT = "privatelink.vaultcore.azure.net";

const baseline = dnsBaseline;

/** What clients of hub-gw resolve, as the reports show it. */
function resolution(t: Topology) {
  const [dns] = analyze(t).dns;
  return {
    notChecked: spelled(dns.notChecked),
    servers: dns.servers.map((s) => ({ address: s.address, works: s.works, zones: s.zones, reason: spelled(s.reason) })),
    endpoints: dns.endpoints.map((e) => ({ name: e.name, resolves: e.resolves, reason: spelled(e.reason) })),
  };
}

/** The policy's violations, in azure-native words; it reads nothing but the analysis. */
function problems(t: Topology) {
  const stack = { analysis: analyze(t) } as StackAnalysis;
  return dnsResolution
    .problems(stack, {})
    .map((p) => ({ resource: p.resource, code: p.code, problem: spelled(p.problem), fix: spelled(p.fix) }));
}

const RESOLVED = { name: "appdata-blob", resolves: true, reason: undefined };
const HUB_DNS = { address: "10.0.5.4", works: true, zones: [BLOB], reason: undefined };
/** R8: every fix that changes what clients receive ends with this. */
const NEW_PROFILE = "Users then need a new client profile: download it and import it on every device.";
const SET_HUB_DNS = `Set dhcpOptions.dnsServers of hub to 10.0.5.4, the inbound endpoint of hub-resolver, whose VNet is linked to ${BLOB}. ${NEW_PROFILE}`;

describe("name resolution for P2S clients (spec section 6)", () => {
  it("resolves the spoke's private endpoint through the hub's resolver, with no violation", () => {
    expect({ resolution: resolution(baseline()), problems: problems(baseline()) }).toEqual({
      resolution: { servers: [HUB_DNS], endpoints: [RESOLVED] },
      problems: [],
    });
  });

  it("D1: ignores the DNS servers of a peered spoke, since clients use those of the gateway's VNet", () => {
    const t = changed(changed(baseline(), "vnets", "hub", { nameServers: [] }), "vnets", "app", { nameServers: ["10.0.5.4"] });
    expect(resolution(t)).toEqual({
      servers: [],
      endpoints: [
        {
          name: "appdata-blob",
          resolves: false,
          reason: `hub uses Azure-provided DNS, so P2S clients keep their own resolver, which answers ${BLOB} with public addresses`,
        },
      ],
    });
  });

  it("D1: does not take DNS servers unknown until deployment for Azure-provided DNS: the endpoint's name is not checked, with no violation", () => {
    const t = changed(baseline(), "vnets", "hub", { nameServers: [], nameServersUnknown: "preview" });
    expect({ resolution: resolution(t), problems: problems(t) }).toEqual({
      resolution: {
        notChecked: "the DNS servers of hub are not known until deployment",
        servers: [],
        endpoints: [
          {
            name: "appdata-blob",
            resolves: undefined,
            reason: `the DNS servers of hub are not known until deployment, so whether they answer ${BLOB} is not checked`,
          },
        ],
      },
      problems: [],
    });
  });

  it("D1: fixes the resource that sets the hub's DNS servers (the classic VirtualNetworkDnsServers), not the VNet, and reports against it", () => {
    const t = changed(baseline(), "vnets", "hub", { nameServers: ["168.63.129.16"], nameServersFrom: { id: "hub-dns", name: "hub-dns" } });
    const [dns] = analyze(t).dns;
    expect({
      fixes: [...dns.servers, ...dns.endpoints].map((r) => ({ resource: r.fix?.resource, field: r.fix?.field, action: r.fix?.action })),
      resources: problems(t).map((p) => [p.resource, p.code]),
    }).toEqual({
      fixes: [
        { resource: "hub-dns", field: "vnet.nameServers", action: "set" },
        { resource: "hub-dns", field: "vnet.nameServers", action: "set" },
      ],
      resources: [
        ["hub-dns", "dns.azure-dns-listed"],
        ["hub-dns", "dns.endpoint-not-resolved"],
      ],
    });
  });

  it("R8: ends a fix that changes the hub's DNS servers by saying that users need a new client profile", () => {
    expect(problems(changed(baseline(), "vnets", "hub", { nameServers: [] })).map((p) => p.fix)).toEqual([
      `Set dhcpOptions.dnsServers of hub to 10.0.5.4, the inbound endpoint of hub-resolver, whose VNet is linked to ${BLOB}. Users then need a new client profile: download it and import it on every device.`,
    ]);
  });

  it("D2: reports the endpoint against the hub when the hub uses Azure-provided DNS, naming the inbound endpoint to set", () => {
    expect(problems(changed(baseline(), "vnets", "hub", { nameServers: [] }))).toEqual([
      {
        resource: "hub",
        code: "dns.endpoint-not-resolved",
        problem: `Clients of hub-gw reach the private endpoint appdata-blob but cannot resolve its name: hub uses Azure-provided DNS, so P2S clients keep their own resolver, which answers ${BLOB} with public addresses.`,
        fix: SET_HUB_DNS,
      },
    ]);
  });

  it("D3: reports 168.63.129.16 even in a stack that declares no other DNS resource", () => {
    const bare = changed(new TopologyBuilder().vnet("hub", "10.0.0.0/16").p2sGateway("hub-gw", "hub").build(), "vnets", "hub", {
      nameServers: ["168.63.129.16"],
    });
    expect(problems(bare).map((p) => [p.resource, p.code, p.fix])).toEqual([
      [
        "hub",
        "dns.azure-dns-listed",
        `Set dhcpOptions.dnsServers of hub to the inbound endpoint of a DNS Private Resolver that P2S clients reach. ${NEW_PROFILE}`,
      ],
    ]);
  });

  it("D3: reports 168.63.129.16 as a DNS server no P2S client reaches", () => {
    expect(problems(changed(baseline(), "vnets", "hub", { nameServers: ["168.63.129.16"] }))).toEqual([
      {
        resource: "hub",
        code: "dns.azure-dns-listed",
        problem:
          "Clients of hub-gw cannot use the DNS server 168.63.129.16: 168.63.129.16, Azure's own DNS, answers only inside Azure VNets and never over a Point-to-Site connection.",
        fix: `Set dhcpOptions.dnsServers of hub to 10.0.5.4, the inbound endpoint of hub-resolver. ${NEW_PROFILE}`,
      },
      {
        resource: "hub",
        code: "dns.endpoint-not-resolved",
        problem: `Clients of hub-gw reach the private endpoint appdata-blob but cannot resolve its name: no DNS server of hub that P2S clients reach answers ${BLOB}.`,
        fix: SET_HUB_DNS,
      },
    ]);
  });

  it("D4: reports a DNS server in a network the clients do not reach", () => {
    expect(problems(changed(baseline(), "vnets", "hub", { nameServers: ["10.9.0.4"] })).map((p) => [p.code, p.problem])).toEqual([
      [
        "dns.endpoint-not-resolved",
        `Clients of hub-gw reach the private endpoint appdata-blob but cannot resolve its name: no DNS server of hub that P2S clients reach answers ${BLOB}.`,
      ],
      [
        "dns.server-unreachable",
        "Clients of hub-gw cannot use the DNS server 10.9.0.4: P2S clients of hub-gw reach no network that holds 10.9.0.4.",
      ],
    ]);
  });

  it("D4: fails a server reached over BGP for a gateway whose only client installs static routes, until a manual route is added", () => {
    const t = new TopologyBuilder()
      .vnet("hub", "10.0.0.0/16")
      .site("branch", ["10.101.0.0/16"], 65010)
      .p2sGateway("hub-gw", "hub", { bgp: true, protocols: ["SSTP"] })
      .s2s("hub-gw", "branch", true)
      .build();
    expect(resolution(changed(t, "vnets", "hub", { nameServers: ["10.101.0.53"] })).servers).toEqual([
      {
        address: "10.101.0.53",
        works: false,
        zones: undefined,
        reason: "the Windows built-in client of hub-gw has no route to 10.101.0.53 until its users add one by hand",
      },
    ]);
  });

  it("D4: asks for a custom route to a server that the static-route client reaches only by a manual route, not for the DNS servers already set", () => {
    const t = new TopologyBuilder()
      .vnet("hub", "10.0.0.0/16")
      .site("branch", ["10.101.0.0/16"], 65010)
      .p2sGateway("hub-gw", "hub", { bgp: true, protocols: ["SSTP"] })
      .s2s("hub-gw", "branch", true)
      .build();
    expect(problems(changed(t, "vnets", "hub", { nameServers: ["10.101.0.53"] }))).toEqual([
      {
        resource: "hub-gw",
        code: "dns.server-unreachable",
        problem:
          "Clients of hub-gw cannot use the DNS server 10.101.0.53: the Windows built-in client of hub-gw has no route to 10.101.0.53 until its users add one by hand.",
        fix: `Add 10.101.0.0/16 to customRoutes.addressPrefixes of hub-gw, so that the Windows built-in client gets a route to 10.101.0.53, or set dhcpOptions.dnsServers of hub to a DNS server that the Windows built-in client has a route to. ${NEW_PROFILE}`,
      },
    ]);
  });

  it("D4: asks for a custom route, not for the DNS servers already set, when the listed resolver answers the zone but the static-route client has no route to it", () => {
    const t = new TopologyBuilder()
      .vnet("hub", "10.0.0.0/16")
      .vnet("shared", "10.20.0.0/16")
      .p2sGateway("hub-gw", "hub", { bgp: true, asn: 65010, protocols: ["SSTP"] })
      .gateway("shared-gw", "shared", { bgp: true, asn: 65020 })
      .vnet2vnet("hub-gw", "shared-gw", true)
      .resolver("shared-resolver", "shared", "10.20.0.4")
      .zone(BLOB)
      .zoneLink(BLOB, "shared")
      .privateEndpoint("hubdata-blob", "hub", [BLOB])
      .build();
    const fix = `Add 10.20.0.0/16 to customRoutes.addressPrefixes of hub-gw, so that the Windows built-in client gets a route to 10.20.0.4, or set dhcpOptions.dnsServers of hub to a DNS server that the Windows built-in client has a route to. ${NEW_PROFILE}`;
    expect(problems(changed(t, "vnets", "hub", { nameServers: ["10.20.0.4"] })).map((p) => [p.resource, p.code, p.fix])).toEqual([
      ["hub-gw", "dns.endpoint-not-resolved", fix],
      ["hub-gw", "dns.server-unreachable", fix],
    ]);
  });

  it("D5: does not pass a forwarder the pack cannot read: its zones and the endpoint's name are not checked", () => {
    expect({
      ...resolution(changed(baseline(), "vnets", "hub", { nameServers: ["10.0.0.10"] })),
      problems: problems(changed(baseline(), "vnets", "hub", { nameServers: ["10.0.0.10"] })),
    }).toEqual({
      servers: [{ address: "10.0.0.10", works: true, zones: undefined, reason: undefined }],
      endpoints: [
        {
          name: "appdata-blob",
          resolves: undefined,
          reason: `the DNS servers of hub are not resolvers the pack reads, so whether they answer ${BLOB} is not checked`,
        },
      ],
      problems: [],
    });
  });

  it("D5: reports the endpoint against its zone when the resolver's VNet is not linked to it", () => {
    expect(problems(changedDns(baseline(), "links", `${BLOB}-to-hub`, { vnet: "app" }))).toEqual([
      {
        resource: BLOB,
        code: "dns.endpoint-not-resolved",
        problem: `Clients of hub-gw reach the private endpoint appdata-blob but cannot resolve its name: no DNS server of hub that P2S clients reach answers ${BLOB}.`,
        fix: `Link ${BLOB} to the VNet of hub-resolver, whose inbound endpoint 10.0.5.4 the clients already use.`,
      },
    ]);
  });

  it("D6: asks for a zone group when the endpoint is in no private DNS zone", () => {
    expect(problems(changedDns(baseline(), "endpoints", "appdata-blob", { zones: [] }))).toEqual([
      {
        resource: "appdata-blob",
        code: "dns.endpoint-not-resolved",
        problem:
          "Clients of hub-gw reach the private endpoint appdata-blob but cannot resolve its name: appdata-blob is in no private DNS zone (it has no zone group).",
        fix: "Give appdata-blob a private DNS zone group that puts it in its privatelink zone.",
      },
    ]);
  });

  it("D6: reports an endpoint whose zone no working server answers, naming the resolver to link", () => {
    const t = new TopologyBuilder().zone(VAULT).build();
    const withVault = {
      ...baseline(),
      dns: { ...(baseline().dns as NonNullable<Topology["dns"]>), zones: [...(baseline().dns?.zones ?? []), ...(t.dns?.zones ?? [])] },
    };
    const vault = changedDns(withVault, "endpoints", "appdata-blob", { zones: [VAULT] });
    expect(problems(vault).map((p) => p.fix)).toEqual([
      `Link ${VAULT} to the VNet of hub-resolver, whose inbound endpoint 10.0.5.4 the clients already use.`,
    ]);
  });

  it("D6: leaves out an endpoint in a network the clients do not reach", () => {
    expect(resolution(changedDns(baseline(), "endpoints", "appdata-blob", { vnet: "iso" }))).toEqual({ servers: [HUB_DNS], endpoints: [] });
  });

  it("D8: reports an inbound endpoint with a dynamic address, which cannot be checked before deployment, and leaves the name unchecked", () => {
    const t = changedDns(baseline(), "inbound", "hub-resolver-in", { address: undefined, dynamic: true });
    expect({ endpoints: resolution(t).endpoints.map((e) => e.resolves), problems: problems(t) }).toEqual({
      endpoints: [undefined],
      problems: [
        {
          resource: "hub-resolver-in",
          code: "dns.dynamic-inbound-endpoint",
          problem:
            "hub-resolver-in takes a dynamic private address, so whether P2S clients reach it and use it cannot be checked before deployment.",
          fix: `Give hub-resolver-in a static address in ipConfigurations[*].privateIpAddress, and list that address as a DNS server of the VNet of the P2S gateway. ${NEW_PROFILE}`,
        },
      ],
    });
  });
});

describe("private endpoints as intent targets", () => {
  function evaluate(t: Topology, intent: Partial<Intent>) {
    const result = evaluateIntents(analyze(t), [{ origin: "the policy configuration", gateway: "*", reach: [], deny: [], ...intent }]);
    return result.violations.map((v) => ({ resource: v.resource, problem: spelled(v.problem), fix: spelled(v.fix) }));
  }

  it("counts a required endpoint reached when its VNet is accessible and its name resolves", () => {
    expect(evaluate(baseline(), { reach: ["appdata-blob"] })).toEqual([]);
  });

  it("reports a required endpoint whose name does not resolve, against the VNet whose DNS servers to set", () => {
    expect(evaluate(changed(baseline(), "vnets", "hub", { nameServers: [] }), { reach: ["appdata-blob"] })).toEqual([
      {
        resource: "hub",
        problem: `All clients of hub-gw cannot reach appdata-blob, which the policy configuration requires: its name does not resolve: hub uses Azure-provided DNS, so P2S clients keep their own resolver, which answers ${BLOB} with public addresses.`,
        fix: SET_HUB_DNS,
      },
    ]);
  });

  it("reports a forbidden endpoint that clients reach and resolve, against the peering that lets them", () => {
    expect(evaluate(baseline(), { deny: ["appdata-blob"] }).map((v) => v.resource)).toEqual(["app-to-hub"]);
  });
});

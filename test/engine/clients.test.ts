import { analyze } from "../../policypack/pipeline/analyze";
import { configurationFindings } from "../helpers/configuration-findings";
import type { AuthType, Protocol, Topology, VpnGateway } from "../../policypack/topology/model";
import { PLATFORMS } from "../../policypack/topology/model";
import { gatewayNamed } from "../helpers/expect-result";
import { seedScenario } from "../helpers/seed-scenarios";
import { spelled } from "../helpers/spelled";
import { TopologyBuilder, changed } from "../helpers/topology-builder";

const POOL = "192.168.0.0/24";
const NO_SETTINGS = { aad: false, radius: false, certificates: false };

function gateway(topology: Topology) {
  return gatewayNamed(analyze(topology), "vnet1-gw");
}

function withGateway(topology: Topology, patch: Partial<VpnGateway>): Topology {
  return changed(topology, "gateways", "vnet1-gw", patch);
}

/** Which clients serve each platform, as the JSON report lists them. */
function clientsByPlatform(topology: Topology) {
  const g = gateway(topology);
  return Object.fromEntries(PLATFORMS.map((p) => [p, g.platforms[p].clients]));
}

describe("the client catalogue (spec section 1)", () => {
  it.each<[string, Protocol[], AuthType[], string[]]>([
    ["windows-builtin: SSTP with certificates", ["SSTP"], ["Certificate"], ["windows-builtin"]],
    ["ikev2: IKEv2 with certificates, next to the Windows built-in client", ["IkeV2"], ["Certificate"], ["ikev2", "windows-builtin"]],
    ["azure-vpn-client: OpenVPN with Microsoft Entra ID", ["OpenVPN"], ["AAD"], ["azure-vpn-client"]],
    ["openvpn: OpenVPN with RADIUS", ["OpenVPN"], ["Radius"], ["openvpn"]],
  ])("offers %s", (_label, protocols, authTypes, expected) => {
    expect(gateway(withGateway(seedScenario(1), { protocols, authTypes })).clients.map((c) => c.id)).toEqual(expected);
  });

  it("describes an offered client by its platforms, the protocols the gateway offers it and its route source", () => {
    const g = gateway(withGateway(seedScenario(1), { protocols: ["IkeV2", "OpenVPN", "SSTP"], authTypes: ["Certificate"] }));
    expect(g.clients.map((c) => [c.id, c.platforms, c.protocols, c.routeSource])).toEqual([
      ["azure-vpn-client", ["windows", "macos"], ["OpenVPN"], "pushed"],
      ["ikev2", ["macos", "linux", "ios", "android"], ["IkeV2"], "pushed"],
      ["openvpn", ["windows", "macos", "linux", "ios", "android"], ["OpenVPN"], "pushed"],
      ["windows-builtin", ["windows"], ["IkeV2", "SSTP"], "static"],
    ]);
  });

  it("offers the seed's Windows built-in client on Windows and the IKEv2 client elsewhere", () => {
    expect(clientsByPlatform(seedScenario(1))).toEqual({
      windows: ["windows-builtin"],
      macos: ["ikev2"],
      linux: ["ikev2"],
      ios: ["ikev2"],
      android: ["ikev2"],
    });
  });
});

describe("authentication types (spec section 1)", () => {
  const types = (settings: Partial<VpnGateway>) => {
    const g = gateway(withGateway(seedScenario(1), { authSettings: NO_SETTINGS, ...settings }));
    return { types: g.authTypes, assumed: g.authAssumed };
  };

  it("takes the listed types, whatever the settings", () => {
    expect(types({ authTypes: ["Radius", "AAD"], authSettings: { aad: false, radius: false, certificates: true } })).toEqual({
      types: ["AAD", "Radius"],
      assumed: false,
    });
  });

  it.each<[string, Partial<VpnGateway["authSettings"]>, AuthType[]]>([
    ["a tenant", { aad: true }, ["AAD"]],
    ["a RADIUS server", { radius: true }, ["Radius"]],
    ["a root certificate", { certificates: true }, ["Certificate"]],
    ["a tenant and a root certificate", { aad: true, certificates: true }, ["AAD", "Certificate"]],
  ])("infers them from %s when none is listed", (_label, settings, expected) => {
    expect(types({ authSettings: { ...NO_SETTINGS, ...settings } })).toEqual({ types: expected, assumed: false });
  });

  it("assumes Certificate, and says so, when neither a type nor a setting is given", () => {
    const analysis = analyze(withGateway(seedScenario(1), { authSettings: NO_SETTINGS, protocols: ["IkeV2"] }));
    expect({
      types: analysis.gateways[0].authTypes,
      assumed: analysis.gateways[0].authAssumed,
      notes: analysis.notes.map(spelled),
    }).toEqual({
      types: ["Certificate"],
      assumed: true,
      notes: ["vnet1-gw lists no vpnAuthenticationTypes and has no authentication setting; certificate authentication is assumed."],
    });
  });
});

describe("the seed's topologies with OpenVPN and Microsoft Entra ID (spec section 3)", () => {
  const NW: Record<number, { routes: string[]; access: string[] }> = {
    1: { routes: ["10.1.0.0/16", POOL], access: ["vnet1"] },
    2: { routes: ["10.1.0.0/16", "10.2.0.0/16", "10.4.0.0/16", POOL], access: ["vnet1", "vnet2", "vnet4"] },
    3: { routes: ["10.1.0.0/16", "10.2.0.0/16", POOL], access: ["vnet1"] },
    4: { routes: ["10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16", POOL], access: ["vnet1", "vnet2", "vnet3"] },
    5: { routes: ["10.1.0.0/16", POOL], access: ["vnet1"] },
    6: { routes: ["10.1.0.0/16", "10.101.0.0/16", POOL], access: ["site1", "vnet1"] },
    7: { routes: ["10.1.0.0/16", "10.2.0.0/16", POOL], access: ["vnet1"] },
    8: { routes: ["10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16", "10.101.0.0/16", POOL], access: ["site1", "vnet1", "vnet2", "vnet3"] },
  };

  it.each(Object.keys(NW).map(Number))(
    "gives the Azure VPN Client the non-Windows column of scenario %i on Windows and macOS, and nobody else a connection",
    (n) => {
      const g = gateway(withGateway(seedScenario(n), { protocols: ["OpenVPN"], authTypes: ["AAD"] }));
      const view = Object.fromEntries(
        PLATFORMS.map((p) => {
          const r = g.platforms[p];
          return [p, { canConnect: r.canConnect, clients: r.clients, routes: r.routes, access: r.access, manualRoutes: r.manualRoutes }];
        }),
      );
      const served = { canConnect: true, clients: ["azure-vpn-client"], ...NW[n], manualRoutes: [] };
      const none = { canConnect: false, clients: [], routes: [], access: [], manualRoutes: [] };
      expect(view).toEqual({ windows: served, macos: served, linux: none, ios: none, android: none });
    },
  );

  it("says why Linux cannot connect: Microsoft Entra ID works only with the Azure VPN Client", () => {
    const reason = gateway(withGateway(seedScenario(1), { protocols: ["OpenVPN"], authTypes: ["AAD"] })).platforms.linux.blockedBy;
    expect([reason?.code, spelled(reason?.text), spelled(reason?.fix.text)]).toEqual([
      "no-client-for-authentication",
      "Microsoft Entra ID works only with the Azure VPN Client, which runs on Windows and macOS",
      "Add Certificate to vpnAuthenticationTypes of vnet1-gw, with a root certificate, so that users on other platforms connect with OpenVPN clients (or with IKEv2 clients once vpnClientProtocols lists IkeV2 too).",
    ]);
  });

  it("names IKEv2 clients in the way out only when the gateway offers IkeV2 too", () => {
    const reason = gateway(withGateway(seedScenario(1), { protocols: ["OpenVPN", "IkeV2"], authTypes: ["AAD"] })).platforms.linux.blockedBy;
    expect(spelled(reason?.fix.text)).toBe(
      "Add Certificate to vpnAuthenticationTypes of vnet1-gw, with a root certificate, so that users on other platforms connect with OpenVPN or IKEv2 clients.",
    );
  });
});

describe("a Windows platform with clients of both route sources", () => {
  const mixed = withGateway(seedScenario(6), { protocols: ["IkeV2", "OpenVPN"] });

  it("gives Windows the routes every client receives and the manual routes any needs", () => {
    const g = gateway(mixed);
    expect({
      clients: g.platforms.windows.clients,
      routes: g.platforms.windows.routes,
      manual: g.platforms.windows.manualRoutes,
      azure: g.clients.find((c) => c.id === "azure-vpn-client")?.manualRoutes,
    }).toEqual({
      clients: ["azure-vpn-client", "openvpn", "windows-builtin"],
      routes: ["10.1.0.0/16", POOL],
      manual: ["10.101.0.0/16"],
      azure: [],
    });
  });
});

describe("user-group pools (R2)", () => {
  const groups = withGateway(seedScenario(1), { groupPools: ["192.168.10.0/24"] });

  it("routes every client pool for every client", () => {
    const g = gateway(groups);
    expect({ pools: g.clientPools, own: g.clientPool, routes: g.clients.map((c) => [c.id, c.routes]) }).toEqual({
      pools: [POOL, "192.168.10.0/24"],
      own: [POOL],
      routes: [
        ["ikev2", ["10.1.0.0/16", POOL, "192.168.10.0/24"]],
        ["windows-builtin", ["10.1.0.0/16", POOL, "192.168.10.0/24"]],
      ],
    });
  });

  it("reports a user-group pool that overlaps the gateway's own pool", () => {
    const findings = configurationFindings(withGateway(seedScenario(1), { groupPools: ["192.168.0.128/25"] }));
    expect(findings.map((f) => [f.code, spelled(f.problem), spelled(f.fix.text)])).toEqual([
      [
        "pools-overlap",
        "The client pool 192.168.0.128/25 of vnet1-gw overlaps its client pool 192.168.0.0/24, so clients can get the same address.",
        "Give vnet1-gw a vngClientConnectionConfigurations[*].vpnClientAddressPool apart from every other client pool.",
      ],
    ]);
  });

  it("reports a user-group pool that overlaps a reached network", () => {
    const findings = configurationFindings(withGateway(seedScenario(1), { groupPools: ["10.1.200.0/24"] }));
    expect(findings.map((f) => [f.code, f.subject])).toEqual([["pool-overlap", "10.1.200.0/24"]]);
  });

  it("reports overlapping pools of two gateways whose clients reach each other's VNet", () => {
    const t = new TopologyBuilder()
      .vnet("vnet1", "10.1.0.0/16")
      .vnet("vnet2", "10.2.0.0/16")
      .p2sGateway("vnet1-gw", "vnet1", { bgp: true, asn: 65001 })
      .p2sGateway("vnet2-gw", "vnet2", { bgp: true, asn: 65002 })
      .vnet2vnet("vnet1-gw", "vnet2-gw", true)
      .build();
    expect(configurationFindings(t).map((f) => [f.code, f.resource, f.related])).toEqual([["pools-overlap", "vnet1-gw", ["vnet2-gw"]]]);
  });
});

describe("route-count limits (spec 4a)", () => {
  /** vnet1 with `n` prefixes in all: n - 1 of its own and the pool. */
  function withRoutes(n: number, protocols: Protocol[]): Topology {
    const prefixes = Array.from({ length: n - 1 }, (_, i) => `10.${Math.floor(i / 256)}.${i % 256}.0/24`);
    return withGateway(changed(seedScenario(1), "vnets", "vnet1", { prefixes }), { protocols });
  }
  const limits = (t: Topology) =>
    analyze(t)
      .findings.filter((f) => f.code === "too-many-routes")
      .map((f) => f.subject);

  it.each([
    [255, ["IkeV2"], []],
    [256, ["IkeV2"], ["windows-builtin"]],
    [256, ["SSTP"], []],
    [1000, ["OpenVPN"], []],
    [1001, ["OpenVPN"], ["azure-vpn-client", "openvpn"]],
  ] as const)("with %i routes over %j reports %j", (n, protocols, expected) => {
    expect(limits(withRoutes(n, [...protocols]))).toEqual(expected);
  });

  it("says what the limit is and that the client fails to connect", () => {
    const [finding] = analyze(withRoutes(256, ["IkeV2"])).findings.filter((f) => f.code === "too-many-routes");
    expect(spelled(finding.problem)).toBe(
      "The Windows built-in client of vnet1-gw would receive 256 routes over IkeV2, more than 255, the traffic selectors Windows accepts over IKEv2 (25 before Windows 10 version 2004), so it fails to connect.",
    );
  });
});

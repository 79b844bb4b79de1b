import type { RawResource } from "../../policypack/extract/raw-resource";
import { analyzeResources } from "../../policypack/pipeline/stack-analysis";
import { renderSentence } from "../../policypack/topology/sentence";
import { virtualWanServer } from "../../policypack/policies/virtual-wan-server";
import { RG, classic, native } from "../helpers/raw-resources";
import type { Declared } from "../helpers/virtual-wan-stack";
import { POOL, classicWan, nativeWan, tableId } from "../helpers/virtual-wan-stack";

/** An azure-native resource a test adds to the baseline. */
const declared = (kind: string, name: string, props: Record<string, unknown>) => native(kind, name, props) as Declared;

/** What a test asserts of a stack: the hub gateway's configurations and the Virtual WAN findings, codes with their resource. */
function outcome(resources: RawResource[]) {
  const { analysis, extraction } = analyzeResources(resources);
  const gateway = analysis.gateways.find((g) => g.kind === "virtual-wan");
  const name = (id: string) => extraction.topology.wan?.connections.find((c) => c.id === id)?.name ?? id.split("::").pop();
  return {
    hub: gateway?.hub?.name ?? null,
    configurations: (gateway?.configurations ?? []).map((c) => ({
      name: c.name,
      associated: c.associatedTable,
      propagatesTo: c.propagatesTo,
      routes: c.routes,
      access: c.access,
    })),
    access: gateway?.platforms.macos.access ?? [],
    findings: [...analysis.findings, ...virtualWanServer.findings(extraction.topology)]
      .filter((f) => f.category.startsWith("virtual-wan"))
      .map((f) => `${f.code} ${name(f.resource)}`),
  };
}

const BASELINE = {
  hub: "hub1",
  configurations: [
    {
      name: "users",
      associated: "hub1/defaultRouteTable",
      propagatesTo: ["hub1/defaultRouteTable"],
      routes: ["10.1.0.0/16", "10.2.0.0/16", POOL],
      access: ["spoke1", "spoke2"],
    },
  ],
  access: ["spoke1", "spoke2"],
  findings: [],
};

const CUSTOM_TABLE = declared("HubRouteTable", "isolated", {
  resourceGroupName: "rg",
  virtualHubName: "hub1",
  routeTableName: "isolated",
  labels: ["isolated"],
});

/** A second hub of the same WAN. */
const HUB2 = declared("VirtualHub", "hub2", {
  resourceGroupName: "rg",
  virtualHubName: "hub2",
  addressPrefix: "10.101.0.0/23",
  virtualWan: { id: `${RG}/virtualWans/wan` },
});

describe.each([
  ["azure-native", nativeWan],
  ["classic", classicWan],
])("a Virtual WAN hub's P2S gateway (%s)", (_provider, stack) => {
  it("reaches every spoke of a compliant hub through the default table (W1-W4)", () => {
    expect(outcome(stack())).toEqual(BASELINE);
  });

  it("reports a Basic WAN as rejected (W8)", () => {
    const got = outcome(
      stack((r) => {
        (r.wan.props as Record<string, unknown>).type = "Basic";
      }),
    );
    expect(got.findings).toEqual(["basic-wan wan"]);
  });

  it("reaches no spoke over a WAN without branch-to-branch only for sites: spokes stay reached (W5)", () => {
    const got = outcome(
      stack((r) => {
        (r.wan.props as Record<string, unknown>).allowBranchToBranchTraffic = false;
      }),
    );
    expect(got.access).toEqual(["spoke1", "spoke2"]);
  });
});

describe("association and propagation (azure-native)", () => {
  it("finds a spoke routed one way when it is associated with a table the P2S configuration does not propagate to (W4)", () => {
    const resources = nativeWan((r) => {
      r.isolated = CUSTOM_TABLE;
      r["spoke2-conn"].props.routingConfiguration = {
        associatedRouteTable: { id: tableId("hub1", "isolated") },
        propagatedRouteTables: { ids: [{ id: tableId("hub1", "defaultRouteTable") }], labels: [] },
      };
    });
    const got = outcome(resources);
    expect(got.configurations[0].routes).toEqual(["10.1.0.0/16", "10.2.0.0/16", POOL]);
    expect(got.access).toEqual(["spoke1"]);
    expect(got.findings).toEqual(["one-way p2s"]);
  });

  it("reaches that spoke once the P2S configuration propagates to its table by label (W1)", () => {
    const got = outcome(
      nativeWan((r) => {
        r.isolated = CUSTOM_TABLE;
        r["spoke2-conn"].props.routingConfiguration = {
          associatedRouteTable: { id: tableId("hub1", "isolated") },
          propagatedRouteTables: { ids: [{ id: tableId("hub1", "defaultRouteTable") }] },
        };
        const configurations = r.p2s.props.p2SConnectionConfigurations as Record<string, unknown>[];
        configurations[0].routingConfiguration = { propagatedRouteTables: { labels: ["default", "isolated"] } };
      }),
    );
    expect({ access: got.access, findings: got.findings, propagatesTo: got.configurations[0].propagatesTo }).toEqual({
      access: ["spoke1", "spoke2"],
      findings: [],
      propagatesTo: ["hub1/defaultRouteTable", "hub1/isolated"],
    });
  });

  it("gives no route to a spoke that does not propagate to the configuration's table (W3)", () => {
    const got = outcome(
      nativeWan((r) => {
        r["spoke2-conn"].props.routingConfiguration = { propagatedRouteTables: { labels: ["none"] } };
      }),
    );
    expect({ routes: got.configurations[0].routes, access: got.access }).toEqual({ routes: ["10.1.0.0/16", POOL], access: ["spoke1"] });
  });

  it("rejects a P2S configuration associated with a custom table (W8)", () => {
    const got = outcome(
      nativeWan((r) => {
        r.isolated = CUSTOM_TABLE;
        const configurations = r.p2s.props.p2SConnectionConfigurations as Record<string, unknown>[];
        configurations[0].routingConfiguration = { associatedRouteTable: { id: tableId("hub1", "isolated") } };
      }),
    );
    expect(got.findings).toEqual(["custom-associated-table p2s"]);
  });

  it("says users reach nothing when the configuration is associated with noneRouteTable (W9)", () => {
    const got = outcome(
      nativeWan((r) => {
        const configurations = r.p2s.props.p2SConnectionConfigurations as Record<string, unknown>[];
        configurations[0].routingConfiguration = { associatedRouteTable: { id: tableId("hub1", "noneRouteTable") } };
      }),
    );
    expect({ access: got.access, findings: got.findings }).toEqual({ access: [], findings: ["none-table p2s"] });
  });

  it("rejects a VNet connected to two hubs (W8)", () => {
    const got = outcome(
      nativeWan((r) => {
        r.hub2 = HUB2;
        r["spoke1-conn2"] = declared("HubVirtualNetworkConnection", "spoke1-conn2", {
          resourceGroupName: "rg",
          virtualHubName: "hub2",
          connectionName: "spoke1-conn2",
          remoteVirtualNetwork: { id: `${RG}/virtualNetworks/spoke1` },
        });
      }),
    );
    expect(got.findings).toEqual(["vnet-two-hubs spoke1-conn2"]);
  });

  it("routes a spoke of a second hub of the WAN through the default label, which every hub's default table carries (W1, W2)", () => {
    const got = outcome(
      nativeWan((r) => {
        r.hub2 = HUB2;
        r.spoke3 = declared("VirtualNetwork", "spoke3", {
          resourceGroupName: "rg",
          virtualNetworkName: "spoke3",
          addressSpace: { addressPrefixes: ["10.3.0.0/16"] },
        });
        r["spoke3-conn"] = declared("HubVirtualNetworkConnection", "spoke3-conn", {
          resourceGroupName: "rg",
          virtualHubName: "hub2",
          connectionName: "spoke3-conn",
          remoteVirtualNetwork: { id: `${RG}/virtualNetworks/spoke3` },
          routingConfiguration: {
            vnetRoutes: { staticRoutes: [{ name: "nva", addressPrefixes: ["10.30.0.0/16"], nextHopIpAddress: "10.3.0.4" }] },
          },
        });
      }),
    );
    // The static route of hub2's connection stays in hub2 (W2).
    expect({ routes: got.configurations[0].routes, access: got.access }).toEqual({
      routes: ["10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16", POOL],
      access: ["spoke1", "spoke2", "spoke3"],
    });
  });

  it("gives clients 0.0.0.0/0 from their own hub only with internet security on, and never from another hub (W2, W3)", () => {
    const withDefault = (internetSecurity: boolean, hub: "hub1" | "hub2") =>
      outcome(
        nativeWan((r) => {
          r.hub2 = HUB2;
          r["spoke2-conn"].props.virtualHubName = hub;
          r["spoke2-conn"].props.routingConfiguration = {
            vnetRoutes: { staticRoutes: [{ name: "nva", addressPrefixes: ["0.0.0.0/0"], nextHopIpAddress: "10.2.0.4" }] },
          };
          (r.p2s.props.p2SConnectionConfigurations as Record<string, unknown>[])[0].enableInternetSecurity = internetSecurity;
        }),
      ).configurations[0].routes;
    expect({
      sameHubOn: withDefault(true, "hub1"),
      sameHubOff: withDefault(false, "hub1"),
      otherHubOn: withDefault(true, "hub2"),
    }).toEqual({
      sameHubOn: ["0.0.0.0/0", "10.1.0.0/16", "10.2.0.0/16", POOL],
      sameHubOff: ["10.1.0.0/16", "10.2.0.0/16", POOL],
      otherHubOn: ["10.1.0.0/16", "10.2.0.0/16", POOL],
    });
  });

  it("rejects SSTP in the server configuration, v3 and v2 shapes alike (W8)", () => {
    const v3 = outcome(
      nativeWan((r) => {
        (r["vpn-config"].props.properties as Record<string, unknown>).vpnProtocols = ["SSTP", "OpenVPN"];
      }),
    );
    const v2 = outcome(
      nativeWan((r) => {
        const { properties, ...rest } = r["vpn-config"].props as { properties: Record<string, unknown> };
        r["vpn-config"].props = { ...rest, ...properties, vpnProtocols: ["SSTP", "OpenVPN"] };
      }),
    );
    expect({ v3: v3.findings, v2: v2.findings }).toEqual({ v3: ["protocols vpn-config"], v2: ["protocols vpn-config"] });
  });

  it("routes the private ranges through routing intent and flags a pool outside them (W7, W9)", () => {
    const got = outcome(
      nativeWan((r) => {
        r.fw = declared("AzureFirewall", "fw", {
          resourceGroupName: "rg",
          azureFirewallName: "fw",
          virtualHub: { id: `${RG}/virtualHubs/hub1` },
        });
        r.intent = declared("RoutingIntent", "intent", {
          resourceGroupName: "rg",
          virtualHubName: "hub1",
          routingPolicies: [{ name: "private", destinations: ["PrivateTraffic"], nextHop: `${RG}/azureFirewalls/fw` }],
        });
        const configurations = r.p2s.props.p2SConnectionConfigurations as Record<string, unknown>[];
        configurations[0].vpnClientAddressPool = { addressPrefixes: ["100.64.0.0/24"] };
      }),
    );
    expect({ routes: got.configurations[0].routes, access: got.access, findings: got.findings }).toEqual({
      routes: ["10.0.0.0/8", "100.64.0.0/24", "172.16.0.0/12", "192.168.0.0/16"],
      access: [],
      findings: ["pool-outside-intent p2s"],
    });
  });

  it("does not check, and does not fail, what a brand-new preview cannot know: tables referred to by unknown ids", () => {
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const got = outcome(
      nativeWan((r) => {
        r["spoke2-conn"].props.routingConfiguration = { associatedRouteTable: { id: unknown } };
        r.p2s.props.virtualHub = { id: unknown };
        r.p2s.propertyDependencies = { virtualHub: [r.hub1.urn], vpnServerConfiguration: [r["vpn-config"].urn] };
        r.p2s.props.vpnServerConfiguration = { id: unknown };
      }),
    );
    expect({ hub: got.hub, access: got.access, findings: got.findings }).toEqual({
      hub: "hub1",
      access: ["spoke1", "spoke2"],
      findings: [],
    });
  });
});

describe("name resolution through a hub's P2S gateway (W10)", () => {
  function dnsFindings(servers: string[]): string[] {
    const { analysis, extraction } = analyzeResources(
      nativeWan((r) => {
        r.p2s.props.customDnsServers = servers;
      }),
    );
    return analysis.findings
      .filter((f) => f.category === "dns-resolution")
      .map((f) => `${f.code} ${f.resource.split("::").pop()}: ${renderSentence(f.fix.text, extraction.spell)}`);
  }

  it("finds nothing wrong with a custom DNS server in a spoke the clients reach", () => {
    expect(dnsFindings(["10.1.0.4"])).toEqual([]);
  });

  it("reports Azure's own DNS among the gateway's custom DNS servers, against the gateway's customDnsServers", () => {
    expect(dnsFindings(["168.63.129.16"])).toEqual([
      "azure-dns-listed p2s: Set customDnsServers of p2s to the inbound endpoint of a DNS Private Resolver that P2S clients reach. " +
        "Users then need a new client profile: download it and import it on every device.",
    ]);
  });

  it("reports a server in a network the clients do not reach", () => {
    expect(dnsFindings(["10.9.0.4"]).map((f) => f.split(":")[0])).toEqual(["server-unreachable p2s"]);
  });
});

describe("association and propagation (classic)", () => {
  const isolated = () =>
    classic("virtualHubRouteTable", "VirtualHubRouteTable", "isolated", {
      name: "isolated",
      virtualHubId: `${RG}/virtualHubs/hub1`,
      labels: ["isolated"],
    }) as Declared;

  it("finds a spoke routed one way when it is associated with a table the P2S configuration does not propagate to (W4)", () => {
    const got = outcome(
      classicWan((r) => {
        r.isolated = isolated();
        r["spoke2-conn"].props.routing = {
          associatedRouteTableId: tableId("hub1", "isolated"),
          propagatedRouteTable: { labels: ["default"] },
        };
      }),
    );
    expect({ access: got.access, findings: got.findings }).toEqual({ access: ["spoke1"], findings: ["one-way p2s"] });
  });

  it("rejects a P2S configuration associated with a custom table (W8)", () => {
    const got = outcome(
      classicWan((r) => {
        r.isolated = isolated();
        (r.p2s.props.connectionConfigurations as Record<string, unknown>[])[0].route = {
          associatedRouteTableId: tableId("hub1", "isolated"),
          propagatedRouteTable: { ids: [tableId("hub1", "defaultRouteTable")] },
        };
      }),
    );
    expect(got.findings).toEqual(["custom-associated-table p2s"]);
  });
});

describe("client pools of a hub gateway (W9)", () => {
  it("reports a pool overlapping a connected VNet, naming the pools as the P2S gateway spells them", () => {
    const { analysis, extraction } = analyzeResources(
      nativeWan((r) => {
        (r.p2s.props.p2SConnectionConfigurations as Record<string, unknown>[])[0].vpnClientAddressPool = {
          addressPrefixes: ["10.1.5.0/24"],
        };
      }),
    );
    expect(analysis.findings.map((f) => `${f.code}: ${renderSentence(f.fix.text, extraction.spell)}`)).toEqual([
      "pool-overlap: Give p2s a p2SConnectionConfigurations[*].vpnClientAddressPool that overlaps no VNet, site or route its clients use.",
    ]);
  });
});

describe("a RADIUS server the hub's P2S gateway must reach (W9)", () => {
  function radius(address: string, change: (r: Record<string, Declared>) => void = () => {}): string[] {
    return outcome(
      nativeWan((r) => {
        r["vpn-config"].props.properties = { vpnProtocols: ["OpenVPN"], vpnAuthenticationTypes: ["Radius"], radiusServerAddress: address };
        change(r);
      }),
    ).findings;
  }

  it("finds nothing when the server's VNet propagates to the hub's default table", () => {
    expect(radius("10.2.0.10")).toEqual([]);
  });

  it("names the connection that does not propagate to the default table", () => {
    expect(
      radius("10.2.0.10", (r) => {
        r["spoke2-conn"].props.routingConfiguration = { propagatedRouteTables: { labels: ["none"] } };
      }),
    ).toEqual(["radius-unreachable spoke2-conn"]);
  });

  it("names the server configuration when the server is in no connected VNet", () => {
    expect(radius("10.9.0.10")).toEqual(["radius-unreachable vpn-config"]);
  });

  it("reads the classic provider's radius.servers the same way", () => {
    const got = outcome(
      classicWan((r) => {
        Object.assign(r["vpn-config"].props, {
          vpnAuthenticationTypes: ["Radius"],
          azureActiveDirectoryAuthentications: undefined,
          radius: { servers: [{ address: "10.9.0.10", secret: "s", score: 1 }] },
        });
      }),
    );
    expect(got.findings).toEqual(["radius-unreachable vpn-config"]);
  });
});

describe("indirect spokes and mixed stacks", () => {
  it("reaches a VNet behind a connected one through the connection's static route, forwarding not checked (W6)", () => {
    const { analysis } = analyzeResources(
      nativeWan((r) => {
        r.behind = declared("VirtualNetwork", "behind", {
          resourceGroupName: "rg",
          virtualNetworkName: "behind",
          addressSpace: { addressPrefixes: ["10.30.0.0/16"] },
        });
        r["spoke1-conn"].props.routingConfiguration = {
          vnetRoutes: { staticRoutes: [{ name: "to-behind", addressPrefixes: ["10.30.0.0/16"], nextHopIpAddress: "10.1.0.4" }] },
        };
      }),
    );
    expect({
      access: analysis.gateways[0].platforms.macos.access,
      routes: analysis.gateways[0].platforms.macos.routes,
      notes: analysis.notes.map((n) => n.join("")).filter((n) => n.includes("behind")),
    }).toEqual({
      access: ["behind", "spoke1", "spoke2"],
      routes: ["10.1.0.0/16", "10.2.0.0/16", "10.30.0.0/16", POOL],
      notes: [
        "p2s (users) to behind is not checked: behind is routed via the appliance at 10.1.0.4 in spoke1, whose forwarding is not checked.",
      ],
    });
  });

  it("analyses a VNet gateway and a hub gateway side by side, each with its own kind", () => {
    const { analysis } = analyzeResources(
      nativeWan((r) => {
        r.home = declared("VirtualNetwork", "home", {
          resourceGroupName: "rg",
          virtualNetworkName: "home",
          addressSpace: { addressPrefixes: ["10.50.0.0/16"] },
          subnets: [{ name: "GatewaySubnet", addressPrefix: "10.50.255.0/27" }],
        });
        r["home-gw"] = declared("VirtualNetworkGateway", "home-gw", {
          resourceGroupName: "rg",
          gatewayType: "Vpn",
          vpnType: "RouteBased",
          sku: { name: "VpnGw1AZ", tier: "VpnGw1AZ" },
          ipConfigurations: [{ name: "default", subnet: { id: `${RG}/virtualNetworks/home/subnets/GatewaySubnet` } }],
          vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: ["172.16.70.0/24"] }, vpnClientProtocols: ["IkeV2"] },
        });
      }),
    );
    expect(analysis.gateways.map((g) => [g.name, g.kind, g.hub?.name ?? null, g.platforms.macos.access])).toEqual([
      ["home-gw", "vnet-gateway", null, ["home"]],
      ["p2s", "virtual-wan", "hub1", ["spoke1", "spoke2"]],
    ]);
  });
});

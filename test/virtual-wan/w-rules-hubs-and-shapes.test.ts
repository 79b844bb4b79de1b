import type { WanOutcome, WanProvider, WanShape } from "../helpers/wan-programs";
import { POOL, WAN_CELLS, cachedStack, findingMessages, twoHubProgram, wanOutcome, wanStack } from "../helpers/wan-programs";

/**
 * Recorded with @pulumi/pulumi's runtime, with each provider, as a stack export and as the preview
 * of a brand-new stack: two hubs of one WAN (W1, W2), a stack mixing a VNet gateway and a hub, and
 * azure-native's v2 and v3 shapes of the VPN server configuration.
 */
const ALL = WAN_CELLS;
const field = (p: WanProvider, native: string, classic: string) => (p === "azure-native" ? native : classic);

const twoHubs = async (p: WanProvider, s: WanShape, sharedLabel: boolean) => {
  const stack = await cachedStack(`two-hubs|${p}|${s}|${sharedLabel}`, twoHubProgram(p, sharedLabel), s);
  return { ...wanOutcome(stack), messages: findingMessages(stack) };
};

describe("two hubs of one WAN (W1, W2)", () => {
  it.each(ALL)(
    "reaches spokes of the other hub through the default label and a custom table's label, without that hub's static routes or 0.0.0.0/0, %s %s",
    async (p, s) => {
      // The classic provider's route block makes users name the hub's defaultRouteTableId, which a brand-new preview does not know.
      const unknownAssociation = p === "classic" && s === "preview";
      const expected: WanOutcome & { messages: string[] } = {
        configurations: [
          {
            name: "users",
            associated: unknownAssociation ? null : "hub1/defaultRouteTable",
            propagatesTo: ["hub1/defaultRouteTable", "hub2/defaultRouteTable", "hub2/shared"],
            // Internet security is on, yet hub2's 0.0.0.0/0 and its static route to 10.30.0.0/16 stay in hub2.
            routes: unknownAssociation ? [POOL] : ["10.1.0.0/16", "10.3.0.0/16", "10.4.0.0/16", POOL],
            access: ["spoke1", "spoke3", "spoke4"],
          },
        ],
        access: ["spoke1", "spoke3", "spoke4"],
        findings: [],
        reasons: [],
        notes: unknownAssociation
          ? ["p2s (users) to spoke1, spoke3, spoke4 is not checked: the route table p2s is associated with is not known before deployment."]
          : [],
        messages: [],
      };
      expect(await twoHubs(p, s, true)).toEqual(expected);
    },
  );

  it.each(ALL)("finds a spoke of the other hub routed one way when users do not propagate to its table's label, %s %s", async (p, s) => {
    const oneWay =
      "spoke4 has no route back to the client pool: the configuration users of p2s does not propagate to hub2/shared, which spoke4-conn is associated with";
    expect(await twoHubs(p, s, false)).toEqual({
      configurations: [
        {
          name: "users",
          associated: "hub1/defaultRouteTable",
          propagatesTo: ["hub1/defaultRouteTable", "hub2/defaultRouteTable"],
          routes: ["10.1.0.0/16", "10.3.0.0/16", "10.4.0.0/16", POOL],
          access: ["spoke1", "spoke3"],
        },
      ],
      access: ["spoke1", "spoke3"],
      findings: ["one-way p2s"],
      reasons: [`hub-one-way spoke4: ${oneWay}`],
      notes: [],
      messages: [
        `p2s: ${oneWay}. Add hub2/shared (or one of its labels) to ${field(p, "p2SConnectionConfigurations[*].routingConfiguration.propagatedRouteTables", "connectionConfigurations[*].route.propagatedRouteTable")} of users in p2s.`,
      ],
    });
  });
});

describe("a stack mixing a VNet gateway and a hub", () => {
  it.each(ALL)("analyses each gateway with its own kind, place, routes and access, %s %s", async (p, s) => {
    const { analysis } = await wanStack(p, s, "with-vnet-gateway");
    expect({
      gateways: analysis.gateways.map((g) => ({
        name: g.name,
        kind: g.kind,
        place: g.kind === "virtual-wan" ? `hub ${g.hub?.name}` : `VNet ${g.vnetName}`,
        routes: g.platforms.macos.routes,
        access: g.platforms.macos.access,
      })),
      findings: analysis.findings.map((f) => f.code),
    }).toEqual({
      gateways: [
        { name: "home-gw", kind: "vnet-gateway", place: "VNet home", routes: ["10.50.0.0/16", "172.16.70.0/24"], access: ["home"] },
        {
          name: "p2s",
          kind: "virtual-wan",
          place: "hub hub1",
          routes: ["10.1.0.0/16", "10.2.0.0/16", "10.101.0.0/16", POOL],
          access: ["branch", "spoke1", "spoke2"],
        },
      ],
      findings: [],
    });
  });
});

describe("azure-native's v2 (settings at the root) and v3 (under properties) server configurations", () => {
  const SHAPES: WanShape[] = ["export", "preview"];
  const of = async (shape: WanShape, server: "v2" | "v3", change: "sstp" | "radius-outside") => {
    const stack = await wanStack("azure-native", shape, change, server);
    return { findings: wanOutcome(stack).findings, messages: findingMessages(stack, false) };
  };

  it.each(SHAPES)("reports SSTP in vpnProtocols the same from both shapes, %s", async (s) => {
    const expected = {
      findings: ["protocols vpn-config"],
      messages: ["vpn-config: vpn-config lists SSTP in vpnProtocols, which Virtual WAN does not offer."],
    };
    expect({ v2: await of(s, "v2", "sstp"), v3: await of(s, "v3", "sstp") }).toEqual({ v2: expected, v3: expected });
  });

  it.each(SHAPES)("reads the RADIUS server, beside its secret, the same from both shapes, %s", async (s) => {
    const expected = {
      findings: ["radius-unreachable vpn-config"],
      messages: [
        "vpn-config: The RADIUS server 10.9.0.10 of vpn-config is in no VNet connected to the WAN, so p2s cannot reach it and users cannot sign in.",
      ],
    };
    expect({ v2: await of(s, "v2", "radius-outside"), v3: await of(s, "v3", "radius-outside") }).toEqual({ v2: expected, v3: expected });
  });
});

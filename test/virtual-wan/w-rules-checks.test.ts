import { evaluateIntents, intentsFromConfig } from "../../policypack/intents/intents";
import { renderSentence } from "../../policypack/topology/sentence";
import type { WanCell, WanChange, WanOutcome, WanProvider, WanShape } from "../helpers/wan-programs";
import { BUT_NATIVE_EXPORT, POOL, WAN_CELLS, findingMessages, wanOutcome, wanStack } from "../helpers/wan-programs";

/**
 * Spec W9 (checks) and W10 (spokes' route tables, DNS) on programs recorded by @pulumi/pulumi's
 * runtime with each provider, as a stack export and as the preview of a brand-new stack: a compliant
 * hub (see w-rules-routing.test.ts), then one change each. Cells test/virtual-wan/hub-routing.test.ts
 * and test/policies/p2s-virtual-wan.test.ts already cover are left out of each table.
 */
const ALL = WAN_CELLS;

async function outcome(provider: WanProvider, shape: WanShape, change: WanChange, withFixes = true) {
  const stack = await wanStack(provider, shape, change);
  return { ...wanOutcome(stack), messages: findingMessages(stack, withFixes) };
}

const REACHED = ["branch", "spoke1", "spoke2"];
const ROUTES = ["10.1.0.0/16", "10.2.0.0/16", "10.101.0.0/16", POOL];
const BASELINE: WanOutcome & { messages: string[] } = {
  configurations: [
    { name: "users", associated: "hub1/defaultRouteTable", propagatesTo: ["hub1/defaultRouteTable"], routes: ROUTES, access: REACHED },
  ],
  access: REACHED,
  findings: [],
  reasons: [],
  notes: [],
  messages: [],
};
const field = (p: WanProvider, native: string, classic: string) => (p === "azure-native" ? native : classic);

describe("W9: a P2S configuration associated with noneRouteTable", () => {
  it("says its users reach nothing, each connection not routed, classic export", async () => {
    expect(await outcome("classic", "export", "p2s-none-table")).toEqual({
      configurations: [
        { name: "users", associated: "hub1/noneRouteTable", propagatesTo: ["hub1/defaultRouteTable"], routes: [POOL], access: [] },
      ],
      access: [],
      findings: ["none-table p2s"],
      reasons: [
        "hub-not-routed spoke1: clients of the configuration users of p2s have no route to spoke1: the configuration is associated with hub1/noneRouteTable, which holds no routes",
        "hub-not-routed spoke2: clients of the configuration users of p2s have no route to spoke2: the configuration is associated with hub1/noneRouteTable, which holds no routes",
        "hub-not-routed branch: clients of the configuration users of p2s have no route to branch: the configuration is associated with hub1/noneRouteTable, which holds no routes",
      ],
      notes: [],
      messages: [
        "p2s: users of p2s is associated with noneRouteTable, so its users reach nothing. Associate users with the hub's defaultRouteTable in connectionConfigurations[*].route.associatedRouteTableId.",
      ],
    });
  });

  it.each([
    ["azure-native", "preview"],
    ["classic", "preview"],
  ] as WanCell[])(
    "does not check, and reports nothing about, a table named by an id a brand-new preview does not know (the hub's id), %s %s",
    async (p, s) => {
      expect(await outcome(p, s, "p2s-none-table")).toEqual({
        ...BASELINE,
        configurations: [{ ...BASELINE.configurations[0], associated: null, routes: [POOL] }],
        notes: [
          "p2s (users) to spoke1, spoke2, branch is not checked: the route table p2s is associated with is not known before deployment.",
        ],
      });
    },
  );
});

describe("W9: the RADIUS server must be reachable from the hub", () => {
  it.each(BUT_NATIVE_EXPORT)(
    "finds nothing wrong with a RADIUS server in a spoke that propagates to the default table, %s %s",
    async (p, s) => {
      expect(await outcome(p, s, "radius-in-spoke")).toEqual(BASELINE);
    },
  );

  // The classic export is covered by hub-routing.test.ts; azure-native's export holds the RADIUS secret inside properties.
  it.each([ALL[0], ALL[1], ALL[3]])(
    "reports a RADIUS server in no connected VNet, against the server configuration, %s %s",
    async (p, s) => {
      expect(await outcome(p, s, "radius-outside")).toEqual({
        ...BASELINE,
        findings: ["radius-unreachable vpn-config"],
        messages: [
          "vpn-config: The RADIUS server 10.9.0.10 of vpn-config is in no VNet connected to the WAN, so p2s cannot reach it and users cannot sign in. Run the RADIUS server in a VNet connected to a hub of the WAN that propagates to hub1/defaultRouteTable.",
        ],
      });
    },
  );
});

describe("W9: client pools and scale units", () => {
  it.each(ALL)("reports a pool inside the hub's address prefix, against the P2S gateway, %s %s", async (p, s) => {
    expect(await outcome(p, s, "pool-in-hub")).toEqual({
      ...BASELINE,
      configurations: [{ ...BASELINE.configurations[0], routes: ["10.1.0.0/16", "10.2.0.0/16", "10.100.1.0/24", "10.101.0.0/16"] }],
      findings: ["pool-overlaps-hub p2s"],
      messages: [
        "p2s: 10.100.1.0/24 of p2s overlaps the address prefix 10.100.0.0/23 of hub1. " +
          `Use a pool in ${field(p, "p2SConnectionConfigurations", "connectionConfigurations")}[*].vpnClientAddressPool.addressPrefixes that overlaps no hub, VNet or site of the WAN.`,
      ],
    });
  });

  it.each(ALL)("reports 40 scale units with one pool, %s %s", async (p, s) => {
    expect(await outcome(p, s, "scale-units")).toEqual({
      ...BASELINE,
      findings: ["scale-units p2s"],
      messages: [
        "p2s: p2s has 40 scale units and one client pool; from 40 units Azure needs a pool per 20 units. " +
          `Give p2s at least 2 pools in ${field(p, "p2SConnectionConfigurations", "connectionConfigurations")}[*].vpnClientAddressPool.addressPrefixes.`,
      ],
    });
  });

  // azure-native is covered in both shapes by the vwan-secured scenario.
  it.each(ALL.slice(2))(
    "reports a pool outside routing intent's private prefixes, each spoke and the site without a route back, %s %s",
    async (p, s) => {
      const oneWay = (name: string) =>
        `hub-one-way ${name}: ${name} has no route back to the client pool: 100.64.50.0/24 of the configuration users of p2s is outside the private prefixes of hub1-intent`;
      expect(await outcome(p, s, "intent-pool-outside")).toEqual({
        configurations: [
          {
            name: "users",
            associated: "hub1/defaultRouteTable",
            propagatesTo: ["hub1/noneRouteTable"],
            routes: ["10.0.0.0/8", "100.64.50.0/24", "172.16.0.0/12", "192.168.0.0/16"],
            access: [],
          },
        ],
        access: [],
        findings: ["pool-outside-intent p2s"],
        reasons: [oneWay("spoke1"), oneWay("spoke2"), oneWay("branch")],
        notes: [],
        messages: [
          "p2s: 100.64.50.0/24 of p2s is outside the private prefixes of hub1-intent, so replies to it are not routed through the hub's firewall. Use a pool inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, or add 100.64.50.0/24 to the private traffic prefixes of the firewall policy.",
        ],
      });
    },
  );
});

describe("W9: user groups", () => {
  it.each(ALL)(
    "reports two default user groups against the server configuration, and notes that results are per configuration, %s %s",
    async (p, s) => {
      // The problems only: the classic fix names the field that links a group to its configuration (see the report).
      expect(await outcome(p, s, "two-default-groups", false)).toEqual({
        ...BASELINE,
        findings: ["user-groups vpn-config"],
        notes: [
          "p2s has 2 user groups, but which group gets which pool cannot be declared with either provider: results are per connection configuration, not per group.",
        ],
        messages: ["vpn-config: vpn-config has 2 default user groups; exactly one must be the default."],
      });
    },
  );
});

describe("W9: user groups declared as azure-native ConfigurationPolicyGroup resources", () => {
  it.each(ALL.slice(0, 2))("reads them as the inline ones, and reports two defaults, %s %s", async (p, s) => {
    expect(await outcome(p, s, "two-default-groups-standalone", false)).toEqual({
      ...BASELINE,
      findings: ["user-groups vpn-config"],
      notes: [
        "p2s has 2 user groups, but which group gets which pool cannot be declared with either provider: results are per connection configuration, not per group.",
      ],
      messages: ["vpn-config: vpn-config has 2 default user groups; exactly one must be the default."],
    });
  });
});

describe("W10: the hub gateway's custom DNS servers", () => {
  it.each(BUT_NATIVE_EXPORT)("finds nothing wrong with a DNS server in a spoke the clients reach, %s %s", async (p, s) => {
    expect(await outcome(p, s, "dns-in-spoke")).toEqual(BASELINE);
  });

  it.each(BUT_NATIVE_EXPORT)("reports Azure's own DNS among them, against the gateway, in the provider's words, %s %s", async (p, s) => {
    expect(await outcome(p, s, "dns-azure")).toEqual({
      ...BASELINE,
      findings: ["azure-dns-listed p2s"],
      messages: [
        "p2s: Clients of p2s cannot use the DNS server 168.63.129.16: 168.63.129.16, Azure's own DNS, answers only inside Azure VNets and never over a Point-to-Site connection. " +
          `Set ${field(p, "customDnsServers", "dnsServers")} of p2s to the inbound endpoint of a DNS Private Resolver that P2S clients reach. Users then need a new client profile: download it and import it on every device.`,
      ],
    });
  });
});

describe("W10: a spoke's route table must keep gateway route propagation on", () => {
  const noReturn =
    "spoke2-routes on spoke2/app disables gateway route propagation and has no route for 172.16.50.0/24, so replies are dropped";

  it.each(ALL)(
    "keeps the spoke routed but reached by neither the gateway nor its configuration, with the route table to fix, %s %s",
    async (p, s) => {
      expect(await outcome(p, s, "spoke2-no-propagation")).toEqual({
        configurations: [{ ...BASELINE.configurations[0], access: ["branch", "spoke1"] }],
        access: ["branch", "spoke1"],
        findings: ["no-return-route spoke2-routes"],
        reasons: [`no-working-path spoke2: spoke2 is routed, but its subnet has no working path: ${noReturn}`],
        notes: [],
        messages: [
          `spoke2-routes: For clients of p2s, ${noReturn}. ` +
            `Turn gateway route propagation on with ${field(p, "disableBgpRoutePropagation", "bgpRoutePropagationEnabled")} of spoke2-routes, or add a route for 172.16.50.0/24 with next hop VirtualNetworkGateway.`,
        ],
      });
    },
  );

  it.each(ALL)("fails an intent that requires that spoke, naming the route table, %s %s", async (p, s) => {
    const { analysis, extraction } = await wanStack(p, s, "spoke2-no-propagation");
    const result = evaluateIntents(analysis, intentsFromConfig([{ gateway: "p2s", platforms: ["macos"], reach: ["spoke2"] }]));
    expect(
      result.violations.map((v) => `${v.code} ${(v.resource ?? "").split("::").pop()}: ${renderSentence(v.problem, extraction.spell)}`),
    ).toEqual([
      `intent.required-not-reached spoke2-routes: macOS clients of p2s cannot reach spoke2, which intent 1 of the policy configuration requires: spoke2 is routed, but its subnet has no working path: ${noReturn}.`,
    ]);
  });
});

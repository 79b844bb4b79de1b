import type { WanCell, WanChange, WanOutcome, WanProvider, WanShape } from "../helpers/wan-programs";
import { POOL, WAN_CELLS, findingMessages, wanOutcome, wanStack } from "../helpers/wan-programs";

/**
 * Spec W8, what Azure rejects, on programs recorded by @pulumi/pulumi's runtime with each provider,
 * as a stack export and as the preview of a brand-new stack: a compliant hub (see
 * w-rules-routing.test.ts), then one change each. Cells test/virtual-wan/hub-routing.test.ts and
 * test/policies/p2s-virtual-wan.test.ts already cover are left out of each table.
 */
const ALL = WAN_CELLS;
const PREVIEWS: WanCell[] = [
  ["azure-native", "preview"],
  ["classic", "preview"],
];

async function outcome(provider: WanProvider, shape: WanShape, change: WanChange): Promise<WanOutcome & { messages: string[] }> {
  const stack = await wanStack(provider, shape, change);
  return { ...wanOutcome(stack), messages: findingMessages(stack) };
}

const REACHED = ["branch", "spoke1", "spoke2"];
const BASELINE: WanOutcome = {
  configurations: [
    {
      name: "users",
      associated: "hub1/defaultRouteTable",
      propagatesTo: ["hub1/defaultRouteTable"],
      routes: ["10.1.0.0/16", "10.2.0.0/16", "10.101.0.0/16", POOL],
      access: REACHED,
    },
  ],
  access: REACHED,
  findings: [],
  reasons: [],
  notes: [],
};

/** The azure-native and classic spellings of a field in a fix. */
const field = (p: WanProvider, native: string, classic: string) => (p === "azure-native" ? native : classic);

describe("W8: a P2S gateway in a Basic WAN or hub", () => {
  it.each(PREVIEWS)("reports a Basic WAN as rejected, against the WAN, %s %s", async (p, s) => {
    expect(await outcome(p, s, "basic-wan")).toEqual({
      ...BASELINE,
      findings: ["basic-wan wan"],
      messages: ["wan: wan is a Basic WAN, which has site-to-site VPN only, so p2s is rejected. Set type of wan to Standard."],
    });
  });

  it.each(ALL)("reports a Basic hub as rejected, against the hub, %s %s", async (p, s) => {
    expect(await outcome(p, s, "basic-hub")).toEqual({
      ...BASELINE,
      findings: ["basic-wan hub1"],
      messages: ["hub1: hub1 is a Basic hub, which has site-to-site VPN only, so p2s is rejected. Set sku of hub1 to Standard."],
    });
  });
});

describe("W8: a P2S configuration associated with a custom route table", () => {
  it.each(PREVIEWS)(
    "reports it as rejected with Azure's words, the table found through propertyDependencies, and gives users no route, %s %s",
    async (p, s) => {
      const branch = p === "azure-native" ? "branch" : "branch-conn";
      expect(await outcome(p, s, "p2s-custom-table")).toEqual({
        configurations: [
          { name: "users", associated: "hub1/isolated", propagatesTo: ["hub1/defaultRouteTable"], routes: [POOL], access: [] },
        ],
        access: [],
        findings: ["custom-associated-table p2s"],
        reasons: [
          "hub-not-routed spoke1: clients of the configuration users of p2s have no route to spoke1: spoke1-conn does not propagate to hub1/isolated",
          "hub-not-routed spoke2: clients of the configuration users of p2s have no route to spoke2: spoke2-conn does not propagate to hub1/isolated",
          `hub-not-routed branch: clients of the configuration users of p2s have no route to branch: ${branch} does not propagate to hub1/isolated`,
        ],
        notes: [],
        messages: [
          `p2s: users of p2s is associated with the custom route table hub1/isolated; Azure rejects it: "Associated route table on branches can't be custom route table". ` +
            `Associate users with the hub's defaultRouteTable in ${field(p, "p2SConnectionConfigurations[*].routingConfiguration.associatedRouteTable", "connectionConfigurations[*].route.associatedRouteTableId")}, and propagate it to hub1/isolated instead.`,
        ],
      });
    },
  );
});

describe("W8: server configurations Azure rejects", () => {
  // azure-native's SSTP is covered in both shapes by the pack's tests on the vwan scenario.
  it.each(ALL.slice(2))("reports SSTP in vpnProtocols against the server configuration, %s %s", async (p, s) => {
    expect(await outcome(p, s, "sstp")).toEqual({
      ...BASELINE,
      findings: ["protocols vpn-config"],
      messages: [
        "vpn-config: vpn-config lists SSTP in vpnProtocols, which Virtual WAN does not offer. Remove SSTP from vpnProtocols; use IkeV2 or OpenVPN.",
      ],
    });
  });

  it.each(ALL)("reports Microsoft Entra ID without OpenVPN, and its users connect from no platform, %s %s", async (p, s) => {
    expect(await outcome(p, s, "entra-ikev2-only")).toEqual({
      ...BASELINE,
      access: [],
      findings: ["entra-without-openvpn vpn-config"],
      messages: [
        "vpn-config: vpn-config uses Microsoft Entra ID without OpenVPN in vpnProtocols; Entra ID works only over OpenVPN. Add OpenVPN to vpnProtocols of vpn-config.",
      ],
    });
  });

  it.each(ALL)(
    "reports an IKEv2-only configuration with two authentication types (a RADIUS secret among them), and notes the Windows built-in client's routes (W3), %s %s",
    async (p, s) => {
      expect(await outcome(p, s, "ikev2-two-auth-types")).toEqual({
        ...BASELINE,
        findings: ["ikev2-auth-types vpn-config"],
        notes: [
          "Azure documents no route behaviour of the Windows built-in client on a Virtual WAN hub: p2s's Windows built-in clients are assumed to install the routes the other clients receive.",
        ],
        messages: [
          "vpn-config: vpn-config offers IKEv2 only with 2 authentication types in vpnAuthenticationTypes; an IKEv2-only configuration takes one. Keep one type in vpnAuthenticationTypes of vpn-config, or add OpenVPN to vpnProtocols.",
        ],
      });
    },
  );
});

describe("W8: hub connections and routing intent Azure rejects", () => {
  // azure-native's export is covered by hub-routing.test.ts.
  it.each(ALL.slice(1))("reports a VNet connected to two hubs, against the second connection, %s %s", async (p, s) => {
    expect(await outcome(p, s, "spoke1-two-hubs")).toEqual({
      ...BASELINE,
      // The label default, which users propagate to by default, is on every hub's default table (W1).
      configurations: [{ ...BASELINE.configurations[0], propagatesTo: ["hub1/defaultRouteTable", "hub2/defaultRouteTable"] }],
      findings: ["vnet-two-hubs spoke1-conn2"],
      messages: [
        "spoke1-conn2: spoke1 is connected to two hubs, by spoke1-conn and spoke1-conn2; a VNet connects to one hub only. Remove spoke1-conn2, or connect spoke1 to one hub only.",
      ],
    });
  });

  it.each(ALL)("reports the hub connection of a VNet that has a VNet gateway of its own, against the connection, %s %s", async (p, s) => {
    expect(await outcome(p, s, "spoke-with-gateway")).toEqual({
      ...BASELINE,
      findings: ["vnet-with-gateway spoke1-conn"],
      messages: [
        "spoke1-conn: spoke1 has the VNet gateway spoke1-gw, so its hub connection spoke1-conn is rejected. Remove spoke1-gw from spoke1, or do not connect it to a hub.",
      ],
    });
  });

  it.each(ALL)("reports routing intent on a hub that has a custom route table, against the intent, %s %s", async (p, s) => {
    expect(await outcome(p, s, "intent-with-custom-table")).toEqual({
      configurations: [
        {
          name: "users",
          associated: "hub1/defaultRouteTable",
          propagatesTo: ["hub1/noneRouteTable"],
          routes: ["10.0.0.0/8", "172.16.0.0/12", POOL, "192.168.0.0/16"],
          access: REACHED,
        },
      ],
      access: REACHED,
      findings: ["routing-intent-prerequisites hub1-intent"],
      reasons: [],
      notes: ["p2s (users) to branch is not checked: traffic crosses the next hop of hub1-intent, whose rules decide."],
      messages: [
        "hub1-intent: hub1-intent sets routing intent on a hub with the custom route tables isolated, which Azure rejects. Remove the custom route tables and static routes of the hub before declaring hub1-intent.",
      ],
    });
  });
});

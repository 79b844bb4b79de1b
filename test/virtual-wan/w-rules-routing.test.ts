import { analyzeResources } from "../../policypack/pipeline/stack-analysis";
import { native } from "../helpers/raw-resources";
import type { Declared } from "../helpers/virtual-wan-stack";
import { nativeWan } from "../helpers/virtual-wan-stack";
import type { WanChange, WanOutcome, WanProvider, WanShape } from "../helpers/wan-programs";
import { BUT_NATIVE_EXPORT, POOL, WAN_CELLS, wanOutcome, wanStack } from "../helpers/wan-programs";

/**
 * Spec W1-W7 on programs recorded by @pulumi/pulumi's runtime, with each provider, as a stack export
 * (deployed: ids and outputs) and as the preview of a brand-new stack (every id and computed output
 * unknown, references only through propertyDependencies): a compliant hub, then one change each.
 * Cells test/virtual-wan/hub-routing.test.ts and test/policies/p2s-virtual-wan.test.ts already cover
 * are left out of each table.
 */
const ALL = WAN_CELLS;

const outcome = async (provider: WanProvider, shape: WanShape, change: WanChange) => wanOutcome(await wanStack(provider, shape, change));

const EVERYTHING = ["10.1.0.0/16", "10.2.0.0/16", "10.101.0.0/16", POOL];

/** The compliant hub: users associated with the default table, propagating to it, reaching both spokes and the BGP site. */
const BASELINE: WanOutcome = {
  configurations: [
    {
      name: "users",
      associated: "hub1/defaultRouteTable",
      propagatesTo: ["hub1/defaultRouteTable"],
      routes: EVERYTHING,
      access: ["branch", "spoke1", "spoke2"],
    },
  ],
  access: ["branch", "spoke1", "spoke2"],
  findings: [],
  reasons: [],
  notes: [],
};

const ASSOCIATION_UNKNOWN =
  "p2s (users) to spoke1, spoke2, branch is not checked: the route table p2s is associated with is not known before deployment.";

function withConfiguration(change: Partial<WanOutcome["configurations"][number]>, rest: Partial<WanOutcome> = {}): WanOutcome {
  const configuration = { ...BASELINE.configurations[0], ...change };
  return { ...BASELINE, configurations: [configuration], access: configuration.access, ...rest };
}

describe("W1-W3: association, propagation and client routes of a compliant hub", () => {
  it.each(ALL)(
    "associates users with hub1's default table, propagates there and reaches both spokes and the BGP site, %s %s",
    async (p, s) => {
      expect(await outcome(p, s, "none")).toEqual(BASELINE);
    },
  );
});

describe("W1: propagation by label", () => {
  it.each(BUT_NATIVE_EXPORT)(
    "reaches a spoke associated with a custom table once users propagate to its label, and flags branches that propagate differently (W9), %s %s",
    async (p, s) => {
      const got = await outcome(p, s, "spoke2-own-table-propagated");
      // The classic provider makes a configuration that declares its propagation name its association and
      // propagation ids too: the hub's defaultRouteTableId, which a brand-new preview does not know. Its
      // routes and the branches' propagation are then not checked, and not reported.
      const unknownIds = p === "classic" && s === "preview";
      expect(got).toEqual(
        unknownIds
          ? withConfiguration({ associated: null, propagatesTo: ["hub1/isolated"], routes: [POOL] }, { notes: [ASSOCIATION_UNKNOWN] })
          : withConfiguration({ propagatesTo: ["hub1/defaultRouteTable", "hub1/isolated"] }, { findings: ["branch-propagation p2s"] }),
      );
    },
  );
});

describe("W1: the defaults declared", () => {
  it.each(ALL)(
    "reads users associated with and propagating to the hub's defaultRouteTable by id as the defaults; a brand-new preview, which does not know the id, checks neither and reports nothing, %s %s",
    async (p, s) => {
      expect(await outcome(p, s, "p2s-explicit-default")).toEqual(
        s === "preview"
          ? withConfiguration({ associated: null, propagatesTo: [], routes: [POOL] }, { notes: [ASSOCIATION_UNKNOWN] })
          : BASELINE,
      );
    },
  );
});

describe("W3: routes clients receive", () => {
  it.each(BUT_NATIVE_EXPORT)("gives no route to a spoke that propagates to no table, and says so, %s %s", async (p, s) => {
    expect(await outcome(p, s, "spoke2-propagates-none")).toEqual(
      withConfiguration(
        { routes: ["10.1.0.0/16", "10.101.0.0/16", POOL], access: ["branch", "spoke1"] },
        {
          reasons: [
            "hub-not-routed spoke2: clients of the configuration users of p2s have no route to spoke2: spoke2-conn does not propagate to hub1/defaultRouteTable",
          ],
        },
      ),
    );
  });

  it.each(BUT_NATIVE_EXPORT)("gives clients a spoke connection's 0.0.0.0/0 when internet security is on, %s %s", async (p, s) => {
    expect(await outcome(p, s, "default-route-internet-on")).toEqual(withConfiguration({ routes: ["0.0.0.0/0", ...EVERYTHING] }));
  });

  it.each(BUT_NATIVE_EXPORT)("does not give clients that 0.0.0.0/0 when internet security is off, %s %s", async (p, s) => {
    expect(await outcome(p, s, "default-route-internet-off")).toEqual(BASELINE);
  });
});

describe("W4: access needs a route back", () => {
  // azure-native is covered by the vwan scenario in both shapes, the classic provider's export by vwan-classic.
  it("finds a spoke associated with a table users do not propagate to routed one way, through propertyDependencies, classic preview", async () => {
    expect(await outcome("classic", "preview", "spoke2-own-table")).toEqual(
      withConfiguration(
        { access: ["branch", "spoke1"] },
        {
          findings: ["one-way p2s"],
          reasons: [
            "hub-one-way spoke2: spoke2 has no route back to the client pool: the configuration users of p2s does not propagate to hub1/isolated, which spoke2-conn is associated with",
          ],
        },
      ),
    );
  });
});

describe("W5: branch to branch", () => {
  it.each(ALL)("reaches no VPN site and gets no route to it when the WAN disallows branch-to-branch traffic, %s %s", async (p, s) => {
    expect(await outcome(p, s, "no-branch-to-branch")).toEqual(
      withConfiguration(
        { routes: ["10.1.0.0/16", "10.2.0.0/16", POOL], access: ["spoke1", "spoke2"] },
        {
          reasons: [
            "hub-branch-off branch: wan does not allow branch-to-branch traffic, so clients of the configuration users of p2s reach no VPN site such as branch",
          ],
        },
      ),
    );
  });

  it.each(ALL)("routes a site without BGP and notes that its route back is not checked, %s %s", async (p, s) => {
    expect(await outcome(p, s, "static-site")).toEqual({
      ...BASELINE,
      notes: ["p2s (users) to branch is not checked: branch is a static site: its route back to the pool is not checked."],
    });
  });
});

describe("W6: indirect spokes", () => {
  it.each(BUT_NATIVE_EXPORT)(
    "reaches a VNet peered to spoke1 through the static route of spoke1's connection, forwarding not checked, %s %s",
    async (p, s) => {
      expect(await outcome(p, s, "indirect-spoke")).toEqual(
        withConfiguration(
          {
            routes: ["10.1.0.0/16", "10.2.0.0/16", "10.30.0.0/16", "10.101.0.0/16", POOL],
            access: ["behind", "branch", "spoke1", "spoke2"],
          },
          {
            notes: [
              "p2s (users) to behind is not checked: behind is routed via the appliance at 10.1.0.4 in spoke1, whose forwarding is not checked.",
            ],
          },
        ),
      );
    },
  );
});

describe("W6: a VNet behind two connected spokes", () => {
  it("reaches it once, through either spoke's static route, azure-native export (hand-written)", () => {
    const behind = native("VirtualNetwork", "behind", {
      resourceGroupName: "rg",
      virtualNetworkName: "behind",
      addressSpace: { addressPrefixes: ["10.30.0.0/16"] },
    }) as Declared;
    const stack = analyzeResources(
      nativeWan((r) => {
        r.behind = behind;
        for (const [spoke, hop] of [
          ["spoke1", "10.1.0.4"],
          ["spoke2", "10.2.0.4"],
        ])
          r[`${spoke}-conn`].props.routingConfiguration = {
            vnetRoutes: { staticRoutes: [{ name: "to-behind", addressPrefixes: ["10.30.0.0/16"], nextHopIpAddress: hop }] },
          };
      }),
    );
    const reached = ["behind", "spoke1", "spoke2"];
    expect(wanOutcome(stack)).toEqual({
      configurations: [
        {
          name: "users",
          associated: "hub1/defaultRouteTable",
          propagatesTo: ["hub1/defaultRouteTable"],
          routes: ["10.1.0.0/16", "10.2.0.0/16", "10.30.0.0/16", POOL],
          access: reached,
        },
      ],
      access: reached,
      findings: [],
      reasons: [],
      notes: [
        "p2s (users) to behind is not checked: behind is routed via the appliance at 10.1.0.4 in spoke1, whose forwarding is not checked.",
        "p2s (users) to behind is not checked: behind is routed via the appliance at 10.2.0.4 in spoke2, whose forwarding is not checked.",
      ],
    });
  });
});

describe("W7: routing intent", () => {
  // azure-native is covered by the vwan-secured scenario in both shapes.
  it.each(ALL.slice(2))(
    "gives clients the private summaries, propagating to none; the hub's spokes have its next hop on their paths, a site is not checked, %s %s",
    async (p, s) => {
      expect(await outcome(p, s, "routing-intent")).toEqual(
        withConfiguration(
          { propagatesTo: ["hub1/noneRouteTable"], routes: ["10.0.0.0/8", "172.16.0.0/12", POOL, "192.168.0.0/16"] },
          {
            notes: ["p2s (users) to branch is not checked: traffic crosses the next hop of hub1-intent, whose rules decide."],
          },
        ),
      );
    },
  );
});

import { analyze } from "../../policypack/pipeline/analyze";
import { configurationFindings } from "../helpers/configuration-findings";
import { NON_WINDOWS, gatewayNamed, platformView } from "../helpers/expect-result";
import { seedScenario } from "../helpers/seed-scenarios";

const POOL = "192.168.0.0/24";
const p = (n: number) => `10.${n}.0.0/16`;

/**
 * Spec section 3, row by row. Two rows deviate from the source document on purpose:
 * (a) scenario 4 gives Windows the client pool route, as every other scenario and the
 *     source's later revision do; (b) scenario 7 gives non-Windows clients 10.2 only, as
 *     scenario 3 does, because without BGP the gateway learns nothing beyond vnet2.
 */
const table: Array<{
  n: number;
  title: string;
  windows: string[];
  nonWindows: string[];
  access: string[];
  manual: string[];
}> = [
  { n: 1, title: "isolated VNet", windows: [p(1), POOL], nonWindows: [p(1), POOL], access: ["vnet1"], manual: [] },
  {
    n: 2,
    title: "peered VNets with gateway transit, vnet3 peered only with vnet2",
    windows: [p(1), p(2), p(4), POOL],
    nonWindows: [p(1), p(2), p(4), POOL],
    access: ["vnet1", "vnet2", "vnet4"],
    manual: [],
  },
  { n: 3, title: "S2S chain without BGP", windows: [p(1), POOL], nonWindows: [p(1), p(2), POOL], access: ["vnet1"], manual: [] },
  {
    n: 4,
    title: "S2S chain with BGP (deviation a: Windows keeps the pool route)",
    windows: [p(1), POOL],
    nonWindows: [p(1), p(2), p(3), POOL],
    access: ["vnet1", "vnet2", "vnet3"],
    manual: [p(2), p(3)],
  },
  { n: 5, title: "branch site without BGP", windows: [p(1), POOL], nonWindows: [p(1), POOL], access: ["vnet1"], manual: [] },
  {
    n: 6,
    title: "branch site with BGP",
    windows: [p(1), POOL],
    nonWindows: [p(1), "10.101.0.0/16", POOL],
    access: ["site1", "vnet1"],
    manual: ["10.101.0.0/16"],
  },
  {
    n: 7,
    title: "S2S chain and branch site without BGP (deviation b: like scenario 3)",
    windows: [p(1), POOL],
    nonWindows: [p(1), p(2), POOL],
    access: ["vnet1"],
    manual: [],
  },
  {
    n: 8,
    title: "S2S chain and branch site with BGP",
    windows: [p(1), POOL],
    nonWindows: [p(1), p(2), p(3), "10.101.0.0/16", POOL],
    access: ["site1", "vnet1", "vnet2", "vnet3"],
    manual: [p(2), p(3), "10.101.0.0/16"],
  },
];

describe("seed scenarios (spec section 3)", () => {
  describe.each(table)("scenario $n: $title", ({ n, windows, nonWindows, access, manual }) => {
    const gateway = gatewayNamed(analyze(seedScenario(n)), "vnet1-gw");

    it("gives Windows clients the table's routes, access and manual routes", () => {
      expect(platformView(gateway, "windows")).toEqual({ canConnect: true, routes: windows, access, manualRoutes: manual });
    });

    it.each(NON_WINDOWS)("gives %s clients the table's routes and access, with no manual route", (platform) => {
      expect(platformView(gateway, platform)).toEqual({ canConnect: true, routes: nonWindows, access, manualRoutes: [] });
    });
  });

  it("raises no configuration finding in any seed scenario", () => {
    const got = table.map(({ n }) => ({ n, findings: configurationFindings(seedScenario(n)) }));
    expect(got).toEqual(table.map(({ n }) => ({ n, findings: [] })));
  });
});

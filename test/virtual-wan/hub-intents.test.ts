import { evaluateIntents, intentsFromConfig } from "../../policypack/intents/intents";
import { analyzeResources } from "../../policypack/pipeline/stack-analysis";
import { renderSentence } from "../../policypack/topology/sentence";
import { POOL, nativeWan } from "../helpers/virtual-wan-stack";

/**
 * A hub gateway with two connection configurations: users (the default routing) and contractors,
 * whose pool propagates to no table, so no spoke has a route back to it.
 */
function twoConfigurations() {
  return analyzeResources(
    nativeWan((r) => {
      r.p2s.props.p2SConnectionConfigurations = [
        { name: "users", vpnClientAddressPool: { addressPrefixes: [POOL] } },
        {
          name: "contractors",
          vpnClientAddressPool: { addressPrefixes: ["172.16.60.0/24"] },
          routingConfiguration: { propagatedRouteTables: { labels: ["none"] } },
        },
      ];
    }),
  );
}

function violations(intent: Record<string, unknown>): string[] {
  const { analysis, extraction } = twoConfigurations();
  const result = evaluateIntents(analysis, intentsFromConfig([{ gateway: "p2s", platforms: ["macos"], ...intent }]));
  return result.violations.map((v) => `${v.code}: ${renderSentence(v.problem, extraction.spell)}`);
}

describe("intents on a hub gateway with several connection configurations", () => {
  it("reports the gateway's access as what every configuration gets, and says so", () => {
    const { analysis } = twoConfigurations();
    const gateway = analysis.gateways[0];
    expect({
      access: gateway.platforms.macos.access,
      configurations: gateway.configurations?.map((c) => [c.name, c.access]),
      note: analysis.notes.some((n) => n.join("").includes("has 2 connection configurations")),
    }).toEqual({
      access: [],
      configurations: [
        ["contractors", []],
        ["users", ["spoke1", "spoke2"]],
      ],
      note: true,
    });
  });

  it("is met when every configuration its pools select reaches a required target", () => {
    expect(violations({ reach: ["spoke1"], pools: ["users"] })).toEqual([]);
  });

  it("names the configuration without a way back when all configurations must reach a required target", () => {
    expect(violations({ reach: ["spoke1"] })).toEqual([
      "intent.required-not-reached: macOS clients of p2s cannot reach spoke1, which intent 1 of the policy configuration requires: spoke1 has no route back to the client pool: the configuration contractors of p2s does not propagate to hub1/defaultRouteTable, which spoke1-conn is associated with.",
    ]);
  });

  it("is met when no selected configuration reaches a forbidden target, whatever the others reach", () => {
    expect(violations({ deny: ["spoke2"], pools: ["172.16.60.0/24"] })).toEqual([]);
  });

  it("names the connection when a selected configuration reaches a forbidden target", () => {
    expect(violations({ deny: ["spoke2"], pools: ["users"] })).toEqual([
      "intent.forbidden-reached: macOS clients of p2s reach spoke2, which intent 1 of the policy configuration forbids: spoke2 is connected to hub1 by spoke2-conn, whose routes users of p2s receive.",
    ]);
  });
});

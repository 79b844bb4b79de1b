import { analyzeResources } from "../../policypack/pipeline/stack-analysis";
import { configurationLines } from "../../policypack/report/configuration-lines";
import { buildReport } from "../../policypack/report/report-model";
import { renderSentence } from "../../policypack/topology/sentence";
import { RG } from "../helpers/raw-resources";
import { POOL, nativeWan } from "../helpers/virtual-wan-stack";

/**
 * Which user group gets which pool (spec W9): no provider declares it, but a deployed azure-native
 * stack holds Azure's answer in each connection configuration's configurationPolicyGroupAssociations.
 */
const group = (name: string) => ({ id: `${RG}/vpnServerConfigurations/vpn-config/configurationPolicyGroups/${name}` });

function twoGroups(associations: boolean) {
  return analyzeResources(
    nativeWan((r) => {
      (r["vpn-config"].props.properties as Record<string, unknown>).configurationPolicyGroups = [
        { name: "staff", isDefault: true, priority: 0, policyMembers: [] },
        { name: "contractors", isDefault: false, priority: 1, policyMembers: [] },
      ];
      r.p2s.props.p2SConnectionConfigurations = [
        {
          name: "users",
          vpnClientAddressPool: { addressPrefixes: [POOL] },
          ...(associations ? { configurationPolicyGroupAssociations: [group("staff")] } : {}),
        },
        {
          name: "guests",
          vpnClientAddressPool: { addressPrefixes: ["172.16.60.0/24"] },
          ...(associations ? { configurationPolicyGroupAssociations: [group("contractors")] } : {}),
        },
      ];
    }),
  );
}

function outcome(associations: boolean) {
  const stack = twoGroups(associations);
  return {
    lines: configurationLines(buildReport(stack).gateways[0]),
    notes: stack.analysis.notes.map((n) => renderSentence(n, stack.extraction.spell)).filter((n) => n.includes("user groups")),
  };
}

describe("user groups of a hub gateway (W9)", () => {
  it("gives each configuration's user groups from a deployed stack, and no note", () => {
    expect(outcome(true)).toEqual({
      lines: [
        "guests (172.16.60.0/24) · user groups contractors · associated with hub1/defaultRouteTable · propagates to hub1/defaultRouteTable · reaches spoke1, spoke2",
        `users (${POOL}) · user groups staff · associated with hub1/defaultRouteTable · propagates to hub1/defaultRouteTable · reaches spoke1, spoke2`,
      ],
      notes: [],
    });
  });

  it("notes that results are per configuration when the stack does not say which group gets which pool", () => {
    expect(outcome(false)).toEqual({
      lines: [
        "guests (172.16.60.0/24) · associated with hub1/defaultRouteTable · propagates to hub1/defaultRouteTable · reaches spoke1, spoke2",
        `users (${POOL}) · associated with hub1/defaultRouteTable · propagates to hub1/defaultRouteTable · reaches spoke1, spoke2`,
      ],
      notes: [
        "p2s has 2 user groups, but which group gets which pool cannot be declared with either provider: results are per connection configuration, not per group.",
      ],
    });
  });
});

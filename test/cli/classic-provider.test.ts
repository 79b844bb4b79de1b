import { runCheck } from "../../policypack/cli/p2s-check";
import type { Report } from "../../policypack/report/report-model";
import { exportFile, previewFile } from "../helpers/stack-files";

/** What a report says, with nothing that differs between providers by design (URNs, field spelling). */
function essence(file: string) {
  const report = JSON.parse(runCheck(["--format", "json", file]).stdout) as Report;
  return {
    gateways: report.gateways.map(({ urn: _urn, ...rest }) => rest),
    violations: report.violations.map((v) => [v.enforcementLevel, v.policy, v.code, v.resource, v.subject]),
  };
}

describe("the seed's eight scenarios written with the classic @pulumi/azure provider", () => {
  describe.each([
    ["deployed (stack export)", exportFile],
    ["in a brand-new stack's preview", previewFile],
  ] as const)("%s", (_label, file) => {
    it.each([1, 2, 3, 4, 5, 6, 7, 8])("gives exactly the azure-native results for scenario %i", async (n) => {
      expect(essence(await file(`classic-${n}`))).toEqual(essence(await file(String(n) as "1")));
    });
  });

  it("spells the classic fields in its messages", async () => {
    const report = JSON.parse(runCheck(["--format", "json", await exportFile("classic-3")]).stdout) as Report;
    expect(report.violations.map((v) => v.message)).toEqual([
      "macOS, Linux, iOS and Android clients of vnet1-gw receive a route to 10.2.0.0/16 but cannot reach it: connection vnet1-gw-to-vnet2-gw does not run BGP (bgpEnabled is not true). Set bgpEnabled to true on every connection of the link, starting with vnet1-gw-to-vnet2-gw.",
    ]);
  });
});

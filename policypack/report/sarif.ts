import { POLICY_DEFINITIONS } from "../violations/definitions";
import { Report } from "./report-model";

/** SARIF 2.1.0 for GitHub code scanning: one rule per policy, one result per violation. */
export function renderSarif(report: Report, artifact = "Pulumi.yaml"): string {
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "p2s-check",
            rules: POLICY_DEFINITIONS.map((d) => ({
              id: d.name,
              shortDescription: { text: d.description },
              help: { text: d.remediationSteps },
              defaultConfiguration: { level: d.enforcementLevel === "mandatory" ? "error" : "warning" },
            })),
          },
        },
        results: report.violations.map((v) => ({
          ruleId: v.policy,
          level: v.enforcementLevel === "mandatory" ? "error" : "warning",
          message: { text: v.message },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri: artifact }, region: { startLine: 1 } },
              logicalLocations: v.urn ? [{ name: v.resource, fullyQualifiedName: v.urn, kind: "resource" }] : [],
            },
          ],
          partialFingerprints: { p2sViolation: `${v.policy}/${v.urn ?? "stack"}/${v.message}` },
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

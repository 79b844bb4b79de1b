import { POLICIES } from "../policies/catalogue";
import type { Report } from "./report-model";

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per policy, one result per violation. A result's
 * fingerprint comes from its finding code, resource and subject, never from the message, so
 * rewording a message keeps code-scanning history.
 */
export function renderSarif(report: Report, artifact = "Pulumi.yaml"): string {
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "p2s-check",
            rules: POLICIES.map((p) => ({
              id: p.name,
              shortDescription: { text: p.description },
              help: { text: p.remediationSteps },
              // Absent while package.json names no repository or homepage (see policies/documentation.ts).
              ...(p.url !== undefined ? { helpUri: p.url } : {}),
              defaultConfiguration: { level: p.enforcementLevel === "mandatory" ? "error" : "warning" },
              properties: { tags: p.tags, severity: p.severity },
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
          partialFingerprints: { p2sFinding: [v.code, v.urn ?? "stack", v.subject ?? ""].join("/") },
          properties: { code: v.code },
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

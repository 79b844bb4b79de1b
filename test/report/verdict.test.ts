import type { Report, ViolationReport } from "../../policypack/report/report-model";
import { verdict } from "../../policypack/report/verdict";

const violation = (enforcementLevel: "mandatory" | "advisory"): ViolationReport => ({
  policy: "p",
  code: "c",
  enforcementLevel,
  resource: null,
  urn: null,
  message: "m",
});
const report = (mandatory: number, advisory: number, gateways = 1): Report => ({
  coverage: { resourcesRead: 3, resourcesNotRead: [] },
  gateways: Array.from({ length: gateways }) as Report["gateways"],
  violations: [
    ...Array.from({ length: mandatory }, () => violation("mandatory")),
    ...Array.from({ length: advisory }, () => violation("advisory")),
  ],
  notes: [],
  topology: { networks: [], peerings: [], links: [], clients: [], appliances: [] },
  routeChanges: [],
});

describe("the verdict line", () => {
  it.each([
    [1, 0, 1, "❌ 1 mandatory violation (1 P2S gateway)"],
    [2, 0, 3, "❌ 2 mandatory violations (3 P2S gateways)"],
    [1, 1, 1, "❌ 1 mandatory violation and 1 advisory violation (1 P2S gateway)"],
    [1, 2, 2, "❌ 1 mandatory violation and 2 advisory violations (2 P2S gateways)"],
    [0, 1, 1, "⚠️ 1 advisory violation, no mandatory one (1 P2S gateway)"],
    [0, 0, 0, "✅ no violation (0 P2S gateways)"],
  ])("%i mandatory and %i advisory violations on %i gateways read: %s", (mandatory, advisory, gateways, expected) => {
    expect(verdict(report(mandatory, advisory, gateways))).toBe(expected);
  });
});

import type { AnalyzerInput } from "../../offline/analyzer-client";
import { InProcessPack } from "../helpers/in-process-pack";
import { MANUAL_BRANCH } from "../helpers/sample-hub";
import { sampleInputs, withProperties } from "../helpers/sample-inputs";

/**
 * The whole pack against the default sample stack ("hub") in preview, through @pulumi/policy's own
 * AnalyzeStack handler. Each policy's own tests, through the pack too, are in p2s-<policy>.test.ts.
 */
const session = new InProcessPack();
let baseline: AnalyzerInput[];
const SECRET_KEY = "sample-shared-key-change-me";

beforeAll(async () => {
  baseline = await sampleInputs("hub", "preview");
});

describe("the default sample stack", () => {
  it("gives only the advisory Windows manual route for the BGP branch", async () => {
    expect(await session.run(baseline)).toEqual([MANUAL_BRANCH]);
  });

  it("never prints the shared key or the root certificate, and never says it cannot run during preview", async () => {
    const inputs = withProperties(baseline, "hub-gw", { customRoutes: { addressPrefixes: ["0.0.0.0/0"] } });
    const text = JSON.stringify(await session.run(inputs));
    expect(text).not.toContain(SECRET_KEY);
    expect(text).not.toContain("MIIC5zCCAc");
    expect(text).not.toContain("can't run");
  });
});

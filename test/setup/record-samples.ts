import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { recordProgram } from "../../offline/record-program";
import { SCENARIOS, declareSeedStack, declareStack } from "../../sample-stack/declare-stack";
import { CHANGES, recordingFile } from "../helpers/recordings";

const PROJECT = "azure-p2s-routing-sample";

/**
 * Runs the sample stack's scenarios once per test run with @pulumi/pulumi's runtime, deployed and
 * in preview, plus the changes the tests preview, and leaves what the engine was sent in a folder
 * every test file reads: recording is the slow part of a test, and the results never differ.
 */
export default async function recordSamples(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "p2s-recordings-"));
  process.env.P2S_RECORDINGS = dir;
  for (const scenario of SCENARIOS) {
    for (const preview of [false, true]) {
      const registrations = await recordProgram(() => declareStack(scenario), { project: PROJECT, stack: "dev", preview });
      fs.writeFileSync(recordingFile(dir, scenario, preview ? "preview" : "deployed"), JSON.stringify(registrations));
    }
  }
  for (let n = 1; n <= 8; n++) {
    for (const preview of [false, true]) {
      const registrations = await recordProgram(() => declareSeedStack(n, "azure"), { project: PROJECT, stack: "dev", preview });
      fs.writeFileSync(recordingFile(dir, `classic-${n}`, preview ? "preview" : "deployed"), JSON.stringify(registrations));
    }
  }
  for (const [from, to] of CHANGES) {
    const before = JSON.parse(fs.readFileSync(recordingFile(dir, from, "deployed"), "utf8")) as { name: string }[];
    const existing = new Set(before.map((r) => r.name));
    const after = await recordProgram(() => declareStack(to), { project: PROJECT, stack: "dev", preview: true, existing });
    fs.writeFileSync(recordingFile(dir, `${from}-to-${to}`, "preview"), JSON.stringify(after));
  }
}

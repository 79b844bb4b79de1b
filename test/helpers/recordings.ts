import * as fs from "fs";
import * as path from "path";
import type { Registration } from "../../offline/registration";
import type { Scenario } from "../../sample-stack/declare-stack";

export type Mode = "preview" | "deployed";

/** Deployed stacks changed into another scenario, previewed: [from, to]. */
export const CHANGES: readonly [Scenario, Scenario][] = [
  ["3", "4"],
  ["hub", "pci-leak"],
];

export function recordingFile(dir: string, name: string, mode: Mode): string {
  return path.join(dir, `${name}.${mode}.json`);
}

/** What the engine was sent for a scenario, recorded once per test run (test/setup/record-samples.ts). */
export function recorded(name: string, mode: Mode): Registration[] {
  const dir = process.env.P2S_RECORDINGS;
  if (dir === undefined) throw new Error("no recordings: jest runs test/setup/record-samples.ts first (see jest.config.js)");
  return JSON.parse(fs.readFileSync(recordingFile(dir, name, mode), "utf8")) as Registration[];
}

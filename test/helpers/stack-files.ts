import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { previewJson, stackExport } from "../../offline/stack-documents";
import type { Scenario } from "../../sample-stack/declare-stack";
import { recorded } from "./recordings";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "p2s-check-"));
let counter = 0;

/** Writes a JSON document to a fresh temporary file and returns its path. */
export function writeJson(doc: unknown, name = "input"): string {
  const file = path.join(dir, `${name}-${counter++}.json`);
  fs.writeFileSync(file, typeof doc === "string" ? doc : JSON.stringify(doc, null, 2));
  return file;
}

/** `pulumi stack export` of the sample stack deployed with `scenario` (or a recorded `classic-N` seed). */
export async function exportFile(scenario: Scenario | `classic-${number}`): Promise<string> {
  return writeJson(stackExport(recorded(scenario, "deployed")), `export-${scenario}`);
}

/** `pulumi preview --json` of a brand-new stack with `scenario` (or a recorded `classic-N` seed). */
export async function previewFile(scenario: Scenario | `classic-${number}`): Promise<string> {
  return writeJson(previewJson(recorded(scenario, "preview")), `preview-${scenario}`);
}

/** `pulumi preview --json` of changing a deployed `from` stack into `to` (one of the recorded CHANGES). */
export async function changePreviewFile(from: Scenario, to: Scenario): Promise<string> {
  return writeJson(previewJson(recorded(`${from}-to-${to}`, "preview"), recorded(from, "deployed")), `preview-${from}-to-${to}`);
}

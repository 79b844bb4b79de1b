import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Registration } from "../../offline/record-program";
import { recordProgram } from "../../offline/record-program";
import { previewJson, stackExport } from "../../offline/stack-documents";
import type { Scenario } from "../../sample-stack/declare-stack";
import { declareStack } from "../../sample-stack/declare-stack";
import type * as pulumi from "@pulumi/pulumi";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "p2s-check-"));
let counter = 0;

/** Writes a JSON document to a fresh temporary file and returns its path. */
export function writeJson(doc: unknown, name = "input"): string {
  const file = path.join(dir, `${name}-${counter++}.json`);
  fs.writeFileSync(file, typeof doc === "string" ? doc : JSON.stringify(doc, null, 2));
  return file;
}

export async function record(program: () => pulumi.Resource[], preview: boolean, existing?: ReadonlySet<string>, stack = "dev"): Promise<Registration[]> {
  return recordProgram(program, { project: "azure-p2s-routing-sample", stack, preview, existing });
}

/** `pulumi stack export` of the sample stack deployed with `scenario`. */
export async function exportFile(scenario: Scenario): Promise<string> {
  return writeJson(stackExport(await record(() => declareStack(scenario), false)), `export-${scenario}`);
}

/** `pulumi preview --json` of a brand-new stack with `scenario`. */
export async function previewFile(scenario: Scenario): Promise<string> {
  return writeJson(previewJson(await record(() => declareStack(scenario), true)), `preview-${scenario}`);
}

/** `pulumi preview --json` of changing a deployed `from` stack into `to`. */
export async function changePreviewFile(from: Scenario, to: Scenario): Promise<string> {
  const before = await record(() => declareStack(from), false);
  const after = await record(() => declareStack(to), true, new Set(before.map((r) => r.name)));
  return writeJson(previewJson(after, before), `preview-${from}-to-${to}`);
}

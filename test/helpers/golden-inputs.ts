import * as path from "path";
import { changePreviewFile, exportFile, previewFile } from "./stack-files";

/** The committed outputs of p2s-check, one file per input and format (UPDATE_GOLDEN=1 rewrites them). */
export const GOLDEN = path.join(__dirname, "..", "cli", "golden");
const CONFIG = path.resolve(__dirname, "../../policy-config.json");

/** The five inputs every golden format is kept for, by the name of their files: p2s-check's arguments. */
export const GOLDEN_INPUTS: [string, () => Promise<string[]>][] = [
  ["hub-export-with-config", async () => ["--config", CONFIG, await exportFile("hub")]],
  ["pci-leak-export", async () => [await exportFile("pci-leak")]],
  ["seed-4-preview", async () => [await previewFile("4")]],
  ["seed-8-export", async () => [await exportFile("8")]],
  ["seed-3-to-4-change", async () => [await changePreviewFile("3", "4")]],
];

import * as fs from "fs";
import * as path from "path";

/** The repository root (where Pulumi.yaml is), whether running from sources or from dist/. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "Pulumi.yaml"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find the repository root (no Pulumi.yaml above this file)");
    dir = parent;
  }
  return dir;
}

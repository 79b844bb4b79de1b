import * as fs from "fs";
import * as path from "path";
import { ROOT, sourceFiles } from "./source-files";

describe("the published pack's manifest", () => {
  const root = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, { version?: string }>;
  };
  const shrinkwrap = JSON.parse(fs.readFileSync(path.join(ROOT, "policypack/npm-shrinkwrap.json"), "utf8")) as {
    packages: Record<string, { version?: string }>;
  };
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "policypack/package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };

  it("pins each dependency of the pack to the version the tests ran with", () => {
    const versions = (lock: typeof root) =>
      Object.keys(manifest.dependencies).map((name) => [name, lock.packages[`node_modules/${name}`]?.version]);
    expect(versions(shrinkwrap)).toEqual(versions(root));
  });

  it("lists every package the compiled pack loads", () => {
    const imported = new Set<string>();
    for (const file of sourceFiles("policypack").filter((f) => !f.includes("/cli/") && !f.includes("/report/"))) {
      for (const m of fs.readFileSync(path.join(ROOT, file), "utf8").matchAll(/^import (?!type )[^;]*from "([^.][^"]*)";/gm)) {
        imported.add(m[1].startsWith("@") ? m[1].split("/").slice(0, 2).join("/") : m[1].split("/")[0]);
      }
    }
    const builtins = new Set(["crypto", "fs", "path", "util"]);
    expect([...imported].filter((name) => !builtins.has(name) && !(name in manifest.dependencies)).sort()).toEqual([]);
  });
});

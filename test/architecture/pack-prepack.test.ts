import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "./source-files";

/**
 * `npm pack` in policypack/ (and so `pulumi policy publish`) builds dist/ first. In a fresh clone,
 * where nothing is installed at the repository's root, it must stop with one line instead of packing
 * a tarball without code; and nothing but the tarball's name may reach standard output, which
 * `pulumi policy publish` reads. The success path is CI's: `cd policypack && npm pack` after `npm ci`.
 */
describe("packing the policy pack", () => {
  it("fails in one line, packing nothing, when the repository's root has nothing installed", () => {
    const clone = fs.mkdtempSync(path.join(os.tmpdir(), "p2s-fresh-clone-"));
    try {
      const pack = path.join(clone, "policypack");
      const source = path.join(ROOT, "policypack");
      fs.cpSync(source, pack, {
        recursive: true,
        filter: (file) => !/^(dist|node_modules)$/.test(path.relative(source, file).split(path.sep)[0]),
      });
      expect(fs.existsSync(path.join(pack, "dist"))).toBe(false);
      const run = spawnSync("npm", ["pack", "--loglevel=error"], {
        cwd: pack,
        encoding: "utf8",
        env: { ...process.env, npm_config_cache: path.join(clone, "npm-cache") },
      });
      expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 1, stdout: "" });
      expect(run.stderr).toContain(
        "azure-p2s-routing-policypack: cannot build dist/ to pack: run `npm ci` at the repository root first (it installs TypeScript and the pack's dependencies).\n",
      );
      expect(fs.readdirSync(pack).filter((f) => f.endsWith(".tgz"))).toEqual([]);
    } finally {
      fs.rmSync(clone, { recursive: true, force: true });
    }
  });
});

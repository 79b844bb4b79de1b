import { execFile } from "child_process";
import * as path from "path";
import { runCheck } from "../../policypack/cli/p2s-check";
import { exportFile } from "../helpers/stack-files";

/** `npx p2s-check` as a user's CI runs it: the bin script, as a process, on a stack export. */
function p2sCheck(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const bin = path.resolve(__dirname, "../../bin/p2s-check.js");
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
  });
}

describe("the p2s-check process", () => {
  it("writes the same JSON report as in-process and exits 1 on the pci-leak stack's mandatory violation", async () => {
    const file = await exportFile("pci-leak");
    const got = await p2sCheck(["--format", "json", file]);
    const inProcess = runCheck(["--format", "json", file]);
    expect({ code: got.code, stderr: got.stderr, report: JSON.parse(got.stdout) }).toEqual({ code: 1, stderr: "", report: JSON.parse(inProcess.stdout) });
  });
});

import { execFile, spawn } from "child_process";
import * as path from "path";
import { runCheck } from "../../policypack/cli/p2s-check";
import { exportFile, writeJson } from "../helpers/stack-files";

/** `npx p2s-check` as a user's CI runs it: the bin script, as a process, on a stack export. */
function p2sCheck(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const bin = path.resolve(__dirname, "../../bin/p2s-check.js");
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe("the p2s-check process", () => {
  it("writes the same JSON report as in-process and exits 1 on the pci-leak stack's mandatory violation", async () => {
    const file = await exportFile("pci-leak");
    const got = await p2sCheck(["--format", "json", file]);
    const inProcess = runCheck(["--format", "json", file]);
    expect({ code: got.code, stderr: got.stderr, report: JSON.parse(got.stdout) }).toEqual({
      code: 1,
      stderr: "",
      report: JSON.parse(inProcess.stdout),
    });
  });

  it("ends quietly when its reader closes the pipe early (| head)", async () => {
    // More than a pipe holds (64 KiB): one violation for each of 3,000 VNets' invalid prefixes.
    const resources = Array.from({ length: 3000 }, (_, i) => ({
      urn: `urn:pulumi:dev::big::azure-native:network:VirtualNetwork::vnet${i}`,
      type: "azure-native:network:VirtualNetwork",
      custom: true,
      outputs: { name: `vnet${i}`, addressSpace: { addressPrefixes: [`10.${Math.floor(i / 256)}.${i % 256}.0/33`] } },
    }));
    const file = writeJson({ version: 3, deployment: { resources } }, "big");
    const bin = path.resolve(__dirname, "../../bin/p2s-check.js");
    const child = spawn("sh", ["-c", `"${process.execPath}" "${bin}" --format text "${file}" | head -n 1`]);
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect({ stderr, crashed: code !== 0 && code !== 1 }).toEqual({ stderr: "", crashed: false });
  });
});

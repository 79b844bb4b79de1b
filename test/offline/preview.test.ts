import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { PreviewOptions } from "../../offline/preview";
import { runPreview } from "../../offline/preview";
import { InProcessPack } from "../helpers/in-process-pack";
import { recorded } from "../helpers/recordings";

/**
 * npm start with the pack's policies in this process and the scenarios this test run recorded once
 * (test/setup/record-samples.ts); the end-to-end test below runs the program and starts the pack.
 */
const inProcess: PreviewOptions = {
  startAnalyzer: async () => new InProcessPack(),
  record: async (scenario) => recorded(scenario, "preview"),
};

/** What `npm start` runs once the build is done (CI builds at npm ci): the compiled preview, as a process. */
function npmStart(): Promise<{ code: number; stdout: string }> {
  const script = path.resolve(__dirname, "../../dist/offline/preview.js");
  return new Promise((resolve) => {
    execFile(process.execPath, [script], { cwd: path.resolve(__dirname, "../..") }, (error, stdout) => {
      resolve({ code: error ? Number(error.code ?? 2) : 0, stdout });
    });
  });
}

/** The "- [level]  policy  (type: name)" lines the preview prints under Policies:. */
function violationLines(stdout: string): string[] {
  return stdout
    .split("\n")
    .filter((l) => /^ {8}- \[/.test(l))
    .map((l) => l.trim().replace(/\s+/g, " "));
}

const manualVnet1 = "- [advisory] p2s-windows-manual-routes (azure-native:network:VirtualNetworkGateway: vnet1-gw)";
const unreachable = "- [advisory] p2s-unreachable-routes (azure-native:network:VirtualNetworkGatewayConnection: vnet1-gw-to-vnet2-gw)";
/** The seed's gateways list no protocols, which a preview advises declaring (spec 4c). */
const undeclared = "- [advisory] p2s-retired-features (azure-native:network:VirtualNetworkGateway: vnet1-gw)";

describe("npm start: the offline preview", () => {
  it.each([
    ["1", [undeclared]],
    ["2", [undeclared]],
    ["3", [undeclared, unreachable]],
    ["4", [undeclared, manualVnet1]],
    ["5", [undeclared]],
    ["6", [undeclared, manualVnet1]],
    ["7", [undeclared, unreachable]],
    ["8", [undeclared, manualVnet1]],
  ])("prints the violations of seed scenario %s and exits 0", async (scenario, expected) => {
    const result = await runPreview(["--scenario", scenario], inProcess);
    expect({ code: result.code, violations: violationLines(result.stdout) }).toEqual({ code: 0, violations: expected });
  });

  it("passes the default stack with its policy-config.json, with an advisory and the reachability table (npm start, which starts the pack as the CLI does)", async () => {
    const result = await npmStart();
    expect({ code: result.code, violations: violationLines(result.stdout) }).toEqual({
      code: 0,
      violations: ["- [advisory] p2s-windows-manual-routes (azure-native:network:VirtualNetworkGateway: hub-gw)"],
    });
    expect(result.stdout).toContain("Policies:\n    ⚠️  azure-p2s-routing@v0.1.0 (local: policypack)");
    expect(result.stdout).toMatch(
      / {4}Windows · Windows built-in client \(IkeV2\) · static routes +10\.0\.0\.0\/16, 10\.1\.0\.0\/16, 10\.2\.0\.0\/16, 172\.16\.201\.0\/24 +app, branch, data, hub +10\.101\.0\.0\/16/,
    );
    expect(result.stdout).not.toContain("sample-shared-key");
  });

  it("fails with exit 1 on the pci-leak scenario, which reaches a forbidden network", async () => {
    const result = await runPreview(["--scenario", "pci-leak"], inProcess);
    expect({ code: result.code, violations: violationLines(result.stdout) }).toEqual({
      code: 1,
      violations: [
        "- [mandatory] p2s-intended-access (azure-native:network:VirtualNetworkPeering: pci-to-hub)",
        "- [advisory] p2s-windows-manual-routes (azure-native:network:VirtualNetworkGateway: hub-gw)",
      ],
    });
    expect(result.stdout).toContain("which intent 1 of the policy configuration and tag p2s-access on pci forbid");
    expect(result.stdout).toContain("error: preview failed: 1 mandatory policy violation");
  });

  it("passes the entra scenario with one advisory: Linux, iOS and Android have no client for Microsoft Entra ID", async () => {
    const result = await runPreview(["--scenario", "entra"], inProcess);
    expect({ code: result.code, violations: violationLines(result.stdout) }).toEqual({
      code: 0,
      violations: ["- [advisory] p2s-client-protocols (azure-native:network:VirtualNetworkGateway: hub-gw)"],
    });
    expect(result.stdout).toContain(
      "Linux, iOS and Android clients cannot connect to hub-gw: Microsoft Entra ID works only with the Azure VPN Client",
    );
    expect(result.stdout).toMatch(
      / {4}Windows · Azure VPN Client \(OpenVPN\) · routes pushed +10\.0\.0\.0\/16, 10\.1\.0\.0\/16, 10\.2\.0\.0\/16, 10\.101\.0\.0\/16, 172\.16\.201\.0\/24 +app, branch, data, hub +-/,
    );
  });

  it("passes the mixed-clients scenario with the manual route for the Windows built-in client only", async () => {
    const result = await runPreview(["--scenario", "mixed-clients"], inProcess);
    expect({ code: result.code, violations: violationLines(result.stdout) }).toEqual({
      code: 0,
      violations: ["- [advisory] p2s-windows-manual-routes (azure-native:network:VirtualNetworkGateway: hub-gw)"],
    });
    expect(result.stdout).toContain(
      "or move them to the Azure VPN Client over OpenVPN, which receives the routes from the gateway and is already offered by hub-gw.",
    );
    expect(result.stdout).toMatch(
      / {4}Windows · Azure VPN Client \(OpenVPN\) · routes pushed +10\.0\.0\.0\/16, 10\.1\.0\.0\/16, 10\.2\.0\.0\/16, 10\.101\.0\.0\/16, 172\.16\.201\.0\/24 +app, branch, data, hub +-/,
    );
  });

  it("fails with exit 1 on SSTP together with OpenVPN, naming p2s-gateway-settings", async () => {
    const result = await runPreview(["--scenario", "sstp-openvpn"], inProcess);
    expect({ code: result.code, violations: violationLines(result.stdout) }).toEqual({
      code: 1,
      violations: [
        "- [mandatory] p2s-gateway-settings (azure-native:network:VirtualNetworkGateway: hub-gw)",
        "- [advisory] p2s-retired-features (azure-native:network:VirtualNetworkGateway: hub-gw)",
        "- [advisory] p2s-windows-manual-routes (azure-native:network:VirtualNetworkGateway: hub-gw)",
      ],
    });
    expect(result.stdout).toContain("error: preview failed: 1 mandatory policy violation");
  });

  it("passes the dns-broken scenario with the DNS advisory against the hub VNet and the endpoint that does not resolve", async () => {
    const result = await runPreview(["--scenario", "dns-broken"], inProcess);
    expect({ code: result.code, violations: violationLines(result.stdout) }).toEqual({
      code: 0,
      violations: [
        "- [advisory] p2s-windows-manual-routes (azure-native:network:VirtualNetworkGateway: hub-gw)",
        "- [advisory] p2s-dns-resolution (azure-native:network:VirtualNetwork: hub)",
      ],
    });
    expect(result.stdout).toContain("    Private endpoint appdata-blob: does not resolve, hub uses Azure-provided DNS");
  });

  it("gives the classic-provider hub the same findings as the azure-native hub, spelled for the classic provider", async () => {
    const classic = await runPreview(["--scenario", "classic", "--no-config"], inProcess);
    const native = await runPreview(["--scenario", "hub", "--no-config"], inProcess);
    const findings = (stdout: string) => violationLines(stdout).map((l) => l.replace(/\(azure(-native)?:[^:]+:[^ ]+ /, "("));
    expect({ code: classic.code, findings: findings(classic.stdout) }).toEqual({ code: native.code, findings: findings(native.stdout) });
    expect(classic.stdout).toContain("Add 10.101.0.0/16 to customRoute.addressPrefixes of hub-gw");
    expect(classic.stdout).toContain(
      "    DNS 10.0.5.4: works, answers privatelink.blob.core.windows.net\n    Private endpoint appdata-blob: resolves\n",
    );
    expect(classic.stdout.split("\n").slice(0, 2)).toEqual([
      "Previewing update (dev):  scenario classic, policy configuration none",
      "No policy configuration: only intents kept in tags are checked, and every policy runs at its default level (--config FILE gives one).",
    ]);
  });

  it("rejects a configuration the Pulumi CLI would reject, with exit 2 and one line naming the key", async () => {
    const file = path.join(os.tmpdir(), `p2s-config-${process.pid}.json`);
    fs.writeFileSync(file, JSON.stringify({ "p2s-intended-access": { intents: [{ gateway: "hub-gw", denny: ["pci"] }] } }));
    const result = await runPreview(["--config", file], inProcess);
    expect({ code: result.code, stdout: result.stdout, stderr: result.stderr.replace(file, "F") }).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'error: policy configuration F p2s-intended-access.intents[0] has the unknown key "denny"; expected gateway, platforms, reach, deny, stacks, pools (npm start -- --help for usage)',
    });
  });

  it("rejects a configuration that is not JSON with one line saying where", async () => {
    const file = path.join(os.tmpdir(), `p2s-config-bad-${process.pid}.json`);
    fs.writeFileSync(file, '{\n  "p2s-intended-access": "mandatory",\n  "all" "advisory"\n}');
    const result = await runPreview(["--config", file], inProcess);
    expect({ code: result.code, stderr: result.stderr.replace(file, "F") }).toEqual({
      code: 2,
      stderr: "error: policy configuration F is not valid JSON: colon expected at line 3, column 9 (npm start -- --help for usage)",
    });
  });

  it("rejects an unknown scenario with exit 2 and one line", async () => {
    const result = await runPreview(["--scenario", "9"], inProcess);
    expect({ code: result.code, stderr: result.stderr }).toEqual({
      code: 2,
      stderr:
        'error: unknown scenario "9"; choose one of hub, pci-leak, entra, mixed-clients, sstp-openvpn, dns-broken, asymmetric, nsg-blocked, classic, vwan, vwan-secured, vwan-classic, 1, 2, 3, 4, 5, 6, 7, 8 (npm start -- --help for usage)',
    });
  });
});

import * as fs from "fs";
import * as network from "@pulumi/azure-native/network";
import * as resources from "@pulumi/azure-native/resources";
import { runCheck } from "../../policypack/cli/p2s-check";
import { renderSarif } from "../../policypack/report/sarif";
import { analyze } from "../../policypack/pipeline/analyze";
import type { Report } from "../../policypack/report/report-model";
import { stackExport } from "../../offline/stack-documents";
import type { Scenario } from "../../sample-stack/declare-stack";
import { seedScenario } from "../helpers/seed-scenarios";
import { record } from "../helpers/record";
import { changePreviewFile, exportFile, previewFile, writeJson } from "../helpers/stack-files";

function json(args: string[]): { code: number; report: Report & { routeChanges: unknown[] } } {
  const result = runCheck([...args, "--format", "json"]);
  if (result.code === 2) throw new Error(result.stderr);
  return { code: result.code, report: JSON.parse(result.stdout) };
}

const SEEDS = ["1", "2", "3", "4", "5", "6", "7", "8"] as const;
const seedViolations: Record<string, string[]> = {
  "3": ["advisory p2s-unreachable-routes vnet1-gw-to-vnet2-gw"],
  "4": ["advisory p2s-windows-manual-routes vnet1-gw"],
  "6": ["advisory p2s-windows-manual-routes vnet1-gw"],
  "7": ["advisory p2s-unreachable-routes vnet1-gw-to-vnet2-gw"],
  "8": ["advisory p2s-windows-manual-routes vnet1-gw"],
};

describe("p2s-check on both input formats", () => {
  describe.each([
    ["a stack export", exportFile],
    ["a preview of a new stack", previewFile],
  ])("reading %s", (_label, makeFile) => {
    it.each(SEEDS)("reports seed scenario %s as the engine computes it, with its violations", async (scenario) => {
      const { code, report } = json([await makeFile(scenario as Scenario)]);
      const engine = analyze(seedScenario(Number(scenario))).gateways[0];
      const expectedPlatforms = Object.fromEntries(
        Object.entries(engine.platforms).map(([p, r]) => [
          p,
          { canConnect: r.canConnect, routes: r.routes, access: r.access, manualRoutes: r.manualRoutes, clients: r.clients },
        ]),
      );
      expect({
        code,
        gateways: report.gateways.map((g) => ({
          name: g.name,
          vnet: g.vnet,
          pool: g.clientAddressPool,
          protocols: g.protocols,
          platforms: g.platforms,
        })),
        violations: report.violations.map((v) => `${v.enforcementLevel} ${v.policy} ${v.resource}`),
      }).toEqual({
        code: 0,
        gateways: [
          { name: "vnet1-gw", vnet: "vnet1", pool: ["192.168.0.0/24"], protocols: ["IkeV2", "SSTP"], platforms: expectedPlatforms },
        ],
        // A preview's new gateway that lists no protocols is advised to (spec 4c); an export's exists.
        violations: [
          ...(seedViolations[scenario] ?? []),
          ...(makeFile === previewFile ? ["advisory p2s-retired-features vnet1-gw"] : []),
        ].sort(),
      });
    });
  });

  it("names gateways and violations by Pulumi name, with their URNs", async () => {
    const { report } = json([await exportFile("4")]);
    expect(report.gateways[0].urn).toBe("urn:pulumi:dev::azure-p2s-routing-sample::azure-native:network:VirtualNetworkGateway::vnet1-gw");
    expect(report.violations[0]).toMatchObject({ policy: "p2s-windows-manual-routes", resource: "vnet1-gw", urn: report.gateways[0].urn });
  });
});

describe("p2s-check exit codes and verdicts", () => {
  it("exits 1 with the mandatory violation first on the pci-leak stack", async () => {
    const { code, report } = json([await exportFile("pci-leak")]);
    expect({ code, violations: report.violations.map((v) => `${v.enforcementLevel} ${v.policy} ${v.resource}`) }).toEqual({
      code: 1,
      violations: ["mandatory p2s-intended-access pci-to-hub", "advisory p2s-windows-manual-routes hub-gw"],
    });
  });

  it("applies --config like --policy-pack-config: intents and levels", async () => {
    const config = writeJson({
      "p2s-intended-access": { intents: [{ gateway: "hub-gw", reach: ["pci"] }] },
      "p2s-windows-manual-routes": "disabled",
    });
    const { code, report } = json(["--config", config, await exportFile("hub")]);
    expect({ code, violations: report.violations.map((v) => v.message) }).toEqual({
      code: 1,
      violations: [
        "All clients of hub-gw cannot reach pci, which intent 1 of the policy configuration requires: hub-to-pci lacks allowGatewayTransit, so pci cannot use hub-gw. Set allowGatewayTransit to true on hub-to-pci.",
      ],
    });
  });

  it('applies an "all" level to every policy without its own', async () => {
    const config = writeJson({ all: "mandatory", "p2s-unreachable-routes": "advisory" });
    const { code, report } = json(["--config", config, await exportFile("8")]);
    expect({ code, violations: report.violations.map((v) => `${v.enforcementLevel} ${v.policy}`) }).toEqual({
      code: 1,
      violations: ["mandatory p2s-windows-manual-routes"],
    });
  });

  it.each([
    [["missing.json"], "p2s-check: cannot read missing.json: no such file"],
    [["--format", "html", "x.json"], 'p2s-check: unknown format "html"; use text, json, markdown, sarif'],
    [["--frobnicate", "x.json"], "p2s-check: unknown option --frobnicate"],
    [["x.json", "--config"], "p2s-check: option --config needs a value"],
    [[], "p2s-check: no INPUT given (a 'pulumi stack export' or 'pulumi preview --json' file, or - for stdin)"],
  ])("exits 2 with one line for usage %j", (args, message) => {
    expect(runCheck(args as string[])).toEqual({ code: 2, stdout: "", stderr: message });
  });

  it("exits 2 on input that is not JSON, truncated, or neither format, saying where it stops being JSON and never what it holds", () => {
    const inputs = [
      writeJson("not json"),
      writeJson('{"version": 3, "deployment": {"resources": ['),
      writeJson({ hello: "world" }),
      // Control bytes and newlines in the text: Node's parser would quote them, on two lines.
      writeJson('{\n  "a": "x\u0001\ny"\n}'),
      // A damaged export written with --show-secrets: Node's parser would quote the plaintext.
      writeJson('{"deployment": {"resources": [{"urn": "u", "outputs": {"key": {"plaintext": "\\"hunter2-secret\\"" "x": 1}}}]}}'),
    ];
    const results = inputs.map((f) => runCheck([f]));
    expect(results.map((r) => [r.code, r.stdout, r.stderr.replace(/\/\S+\//, "<dir>/").replace(/input-\d+/, "input")])).toEqual([
      [2, "", "p2s-check: <dir>/input.json is not valid JSON: invalid symbol at line 1, column 1"],
      [2, "", "p2s-check: <dir>/input.json is not valid JSON: it ends early; is it truncated?"],
      [
        2,
        "",
        "p2s-check: <dir>/input.json is neither a 'pulumi stack export' (deployment.resources) nor a 'pulumi preview --json' (steps) document",
      ],
      [2, "", "p2s-check: <dir>/input.json is not valid JSON: unexpected end of string at line 2, column 8"],
      [2, "", "p2s-check: <dir>/input.json is not valid JSON: comma expected at line 1, column 98"],
    ]);
  });

  it("exits 2 on a bad policy configuration, with one line naming the key and what was expected", async () => {
    const file = await exportFile("1");
    const configs: unknown[] = [
      "{",
      [1],
      { "p2s-typo": {} },
      { "p2s-bgp-config": "strict" },
      { all: { enforcementLevel: "loud" } },
      { "p2s-intended-access": { intents: [{ gateway: "hub-gw", denny: ["pci"] }] } },
      { "p2s-intended-access": { intents: [{ gateway: "hub-gw", platforms: ["windoze"], reach: ["app"] }] } },
      { "p2s-intended-access": { intents: "everything" } },
      { "p2s-intended-access": { intents: [{ reach: ["app"] }] } },
      { "p2s-client-protocols": { requiredPlatform: ["linux"] } },
    ];
    const bad = configs
      .map((c) => runCheck(["--config", writeJson(c), file]))
      .map((r) => [r.code, r.stderr.split("\n").length, r.stderr.replace(/\S+\.json/, "F").replace(/\(.*\)/, "(…)")]);
    const expected = (line: string) => [2, 1, `p2s-check: policy configuration F ${line}`];
    expect(bad).toEqual([
      expected("is not valid JSON: it ends early; is it truncated?"),
      expected("is not a JSON object"),
      expected(
        'names the unknown policy "p2s-typo"; expected all, p2s-intended-access, p2s-windows-manual-routes, p2s-unreachable-routes, p2s-gateway-transit, p2s-gateway-subnet, p2s-return-path, p2s-address-overlap, p2s-client-protocols, p2s-bgp-config, p2s-dns-resolution, p2s-gateway-settings, p2s-retired-features, p2s-virtual-wan-settings, p2s-virtual-wan-server, p2s-virtual-wan-routing',
      ),
      expected('gives p2s-bgp-config the unknown enforcement level "strict"; expected one of advisory, mandatory, disabled, remediate'),
      expected('all.enforcementLevel is "loud"; expected one of advisory, mandatory, disabled, remediate'),
      expected('p2s-intended-access.intents[0] has the unknown key "denny"; expected gateway, platforms, reach, deny, stacks, pools'),
      expected('p2s-intended-access.intents[0].platforms[0] is "windoze"; expected one of windows, macos, linux, ios, android'),
      expected('p2s-intended-access.intents is "everything"; expected an array'),
      expected('p2s-intended-access.intents[0] lacks "gateway"'),
      expected('p2s-client-protocols has the unknown key "requiredPlatform"; expected enforcementLevel, requiredPlatforms'),
    ]);
  });

  it("reads standard input for -", async () => {
    const text = fs.readFileSync(await exportFile("6"), "utf8");
    const result = runCheck(["-", "--format", "json"], () => text);
    expect({ code: result.code, gateways: JSON.parse(result.stdout).gateways.length }).toEqual({ code: 0, gateways: 1 });
  });

  it("writes the report to --out", async () => {
    const out = writeJson("", "out");
    const result = runCheck(["--out", out, "--format", "json", await exportFile("1")]);
    expect({ result, gateways: JSON.parse(fs.readFileSync(out, "utf8")).gateways.map((g: { name: string }) => g.name) }).toEqual({
      result: { code: 0, stdout: "", stderr: "" },
      gateways: ["vnet1-gw"],
    });
  });
});

describe("p2s-check on changes and across stacks", () => {
  it("shows the route change of a preview that holds old states, and asks Windows users to reinstall", async () => {
    const result = runCheck(["--format", "markdown", await changePreviewFile("hub", "pci-leak")]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      [
        "### Route changes in this preview",
        "",
        "**hub-gw**",
        "",
        "- Windows, macOS, Linux, iOS and Android clients: +10.9.0.0/16",
        "- Windows built-in client: download and reinstall the VPN client package",
      ].join("\n"),
    );
  });

  it("reports no route change when only BGP-learned routes change, except for non-Windows clients", async () => {
    const { report } = json([await changePreviewFile("3", "4")]);
    expect(report.routeChanges).toEqual([
      {
        id: "urn:pulumi:dev::azure-p2s-routing-sample::azure-native:network:VirtualNetworkGateway::vnet1-gw",
        name: "vnet1-gw",
        platforms: ["macos", "linux", "ios", "android"].map((platform) => ({ platform, added: ["10.3.0.0/16"], removed: [] })),
        clients: [{ id: "ikev2", routeSource: "pushed", added: ["10.3.0.0/16"], removed: [] }],
        windowsReinstall: false,
        newProfile: [],
        customRoutesChanged: false,
      },
    ]);
  });

  it("merges a hub stack and a spoke stack that refer to each other by ARM id", async () => {
    const hubRegs = await record(
      () => {
        const rg = new resources.ResourceGroup("rg", { resourceGroupName: "network" });
        const hub = new network.VirtualNetwork("hub", {
          resourceGroupName: rg.name,
          virtualNetworkName: "hub",
          addressSpace: { addressPrefixes: ["10.0.0.0/16"] },
        });
        const subnet = new network.Subnet("hub-gateway-subnet", {
          resourceGroupName: rg.name,
          virtualNetworkName: hub.name,
          subnetName: "GatewaySubnet",
          addressPrefix: "10.0.255.0/27",
        });
        const gw = new network.VirtualNetworkGateway("hub-gw", {
          resourceGroupName: rg.name,
          ipConfigurations: [{ name: "default", subnet: { id: subnet.id } }],
          vpnClientConfiguration: { vpnClientAddressPool: { addressPrefixes: ["172.16.0.0/24"] }, vpnClientProtocols: ["OpenVPN"] },
        });
        const toSpoke = new network.VirtualNetworkPeering("hub-to-spoke", {
          resourceGroupName: rg.name,
          virtualNetworkName: hub.name,
          remoteVirtualNetwork: {
            id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/spokes/providers/Microsoft.Network/virtualNetworks/spoke",
          },
          allowGatewayTransit: true,
        });
        return [rg, hub, subnet, gw, toSpoke];
      },
      false,
      undefined,
      "hub",
    );
    const spokeRegs = await record(
      () => {
        const rg = new resources.ResourceGroup("rg", { resourceGroupName: "spokes" });
        const spoke = new network.VirtualNetwork("spoke", {
          resourceGroupName: rg.name,
          virtualNetworkName: "spoke",
          addressSpace: { addressPrefixes: ["10.5.0.0/16"] },
        });
        const toHub = new network.VirtualNetworkPeering("spoke-to-hub", {
          resourceGroupName: rg.name,
          virtualNetworkName: spoke.name,
          remoteVirtualNetwork: {
            id: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/network/providers/Microsoft.Network/virtualNetworks/hub",
          },
          useRemoteGateways: true,
        });
        return [rg, spoke, toHub];
      },
      false,
      undefined,
      "spokes",
    );
    const hubFile = writeJson(stackExport(hubRegs));
    const spokeFile = writeJson(stackExport(spokeRegs));
    const alone = json([hubFile]);
    const merged = json([hubFile, spokeFile]);
    expect({
      alone: alone.report.gateways[0].platforms.linux.access,
      merged: merged.report.gateways[0].platforms.linux.access,
      mergedViolations: merged.report.violations.map((v) => v.policy),
    }).toEqual({ alone: ["hub"], merged: ["hub", "spoke"], mergedViolations: [] });
  });
});

describe("p2s-check formats and secrets", () => {
  it("never prints a secret or certificate in any format, from exports (encrypted) or previews ([secret])", async () => {
    const files = [await exportFile("hub"), await previewFile("hub")];
    const raw = fs.readFileSync(files[0], "utf8");
    expect(raw).toContain('"ciphertext"');
    expect(fs.readFileSync(files[1], "utf8")).toContain('"[secret]"');
    const outputs = ["text", "json", "markdown", "sarif"].flatMap((format) => files.map((f) => runCheck(["--format", format, f]).stdout));
    const leaks = outputs.filter(
      (o) => o.includes("sample-shared-key") || o.includes("ciphertext") || o.includes("v1:") || o.includes("MIIC5zCCAc"),
    );
    expect(leaks).toEqual([]);
  });

  it("writes SARIF 2.1.0 with one rule per policy and levels from enforcement", async () => {
    const sarif = JSON.parse(runCheck(["--format", "sarif", await exportFile("pci-leak")]).stdout);
    expect({
      version: sarif.version,
      rules: sarif.runs[0].tool.driver.rules.length,
      results: sarif.runs[0].results.map((r: { ruleId: string; level: string; locations: { logicalLocations: { name: string }[] }[] }) => [
        r.ruleId,
        r.level,
        r.locations[0].logicalLocations[0].name,
      ]),
    }).toEqual({
      version: "2.1.0",
      rules: 15,
      results: [
        ["p2s-intended-access", "error", "pci-to-hub"],
        ["p2s-windows-manual-routes", "warning", "hub-gw"],
      ],
    });
  });

  it("fingerprints SARIF results by finding code, URN and subject, never by message, one fingerprint per result", async () => {
    const config = writeJson({
      "p2s-intended-access": {
        intents: [
          { gateway: "hub-gw", reach: ["pci", "app"] },
          { gateway: "*", reach: ["pci"] },
        ],
      },
    });
    const report: Report = JSON.parse(runCheck(["--format", "json", "--config", config, await exportFile("pci-leak")]).stdout);
    const fingerprints = (r: Report) =>
      JSON.parse(renderSarif(r)).runs[0].results.map(
        (x: { partialFingerprints: { p2sFinding: string } }) => x.partialFingerprints.p2sFinding,
      ) as string[];
    const reworded = { ...report, violations: report.violations.map((v) => ({ ...v, message: `Reworded: ${v.message}` })) };
    const got = fingerprints(report);
    expect({ unique: new Set(got).size, reworded: fingerprints(reworded) }).toEqual({ unique: got.length, reworded: got });
    expect(got).toContain(
      "routes.windows-manual-route/urn:pulumi:dev::azure-p2s-routing-sample::azure-native:network:VirtualNetworkGateway::hub-gw/windows-builtin",
    );
  });

  it("writes a Markdown comment with verdict, tables, commands and a Mermaid diagram", async () => {
    const md = runCheck(["--format", "markdown", await exportFile("hub")]).stdout;
    expect(md.split("\n")[0]).toBe("## P2S reachability: ⚠️ 1 advisory violation, no mandatory one (1 P2S gateway)");
    expect(md).toContain(
      "| Windows · Windows built-in client (IkeV2) · static routes | `10.0.0.0/16`<br>`10.1.0.0/16`<br>`10.2.0.0/16`<br>`172.16.201.0/24` | app, branch, data, hub | `10.101.0.0/16` |",
    );
    // The connection is named after the VNet's Azure name, which a deployed stack knows.
    expect(md).toContain('```powershell\nAdd-VpnConnectionRoute -ConnectionName "hub65acf0a7" -DestinationPrefix 10.101.0.0/16\n```');
    expect(md).toContain("```mermaid\nflowchart LR");
    expect(md).toMatch(/-->\|"IkeV2, BGP"\|/);
    expect(md).toContain("\n- DNS 10.0.5.4: works, answers privatelink.blob.core.windows.net\n- Private endpoint appdata-blob: resolves\n");
  });
});

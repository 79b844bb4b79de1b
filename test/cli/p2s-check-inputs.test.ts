import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCheck } from "../../policypack/cli/p2s-check";
import type { Report } from "../../policypack/report/report-model";
import { exportFile, writeJson } from "../helpers/stack-files";

/** The inputs users give p2s-check, each as they come. */
function json(args: string[], stdin?: () => Buffer | string) {
  const result = runCheck([...args, "--format", "json"], stdin);
  return { code: result.code, stderr: result.stderr, report: result.stdout ? (JSON.parse(result.stdout) as Report) : undefined };
}

describe("p2s-check on the inputs users give it", () => {
  it("reads the export of an empty or destroyed stack, and says nothing was checked", () => {
    const file = writeJson({ version: 3, deployment: { manifest: { time: "2026-01-01T00:00:00Z", magic: "", version: "v3.0.0" } } });
    const got = json([file]);
    const text = runCheck([file]).stdout.split("\n")[0];
    expect({ code: got.code, gateways: got.report?.gateways, text }).toEqual({
      code: 0,
      gateways: [],
      text: "P2S reachability: ⚠️ nothing checked: no Azure network resource the pack reads",
    });
  });

  it("exits 2 on a preview that failed before it planned anything, repeating the preview's own error in one line", () => {
    const message =
      "\u001b[31merror: \u001b[0mcould not load plugin for azure-native provider 'default_3_5_0':\n  no resource plugin found\n";
    const file = writeJson({
      config: {},
      diagnostics: [
        { message: "warning: a newer version of Pulumi is available", severity: "warning" },
        { prefix: "error: ", message, severity: "error" },
      ],
    });
    expect(runCheck([file])).toEqual({
      code: 2,
      stdout: "",
      stderr: `p2s-check: ${file} is a preview that failed before planning anything: could not load plugin for azure-native provider 'default_3_5_0': no resource plugin found`,
    });
  });

  it("reads a preview without steps or errors (nothing to change) and says nothing was checked", () => {
    const got = json([writeJson({ config: {}, diagnostics: [{ message: "info: nothing to do", severity: "info" }], changeSummary: {} })]);
    expect({ code: got.code, gateways: got.report?.gateways.length, notes: got.report?.notes }).toEqual({
      code: 0,
      gateways: 0,
      notes: ["The input holds no Azure network resource the pack reads, so nothing was checked."],
    });
  });

  it("says in a note that the shipped configuration's intents, scoped to the sample project, check nothing in another project", async () => {
    const text = fs
      .readFileSync(await exportFile("hub"), "utf8")
      .split("::azure-p2s-routing-sample::")
      .join("::network::");
    const got = json(["--config", path.join(__dirname, "..", "..", "policy-config.json"), writeJson(text, "other-project")]);
    expect(got.report?.notes.filter((n) => n.includes("is not checked: it is about"))).toEqual([
      "Intent 1 of the policy configuration is not checked: it is about azure-p2s-routing-sample/*, and it matches none of network/dev.",
      "Intent 2 of the policy configuration is not checked: it is about azure-p2s-routing-sample/*, and it matches none of network/dev.",
    ]);
  });

  it("says which inputs hold the same URNs, and checks the first input's resources", async () => {
    const first = await exportFile("hub");
    const second = writeJson(fs.readFileSync(await exportFile("pci-leak"), "utf8"), "again");
    const got = json([first, second]);
    const alone = json([first]);
    expect({
      notes: got.report?.notes.filter((n) => n.includes("URN")),
      gateways: got.report?.gateways,
      violations: got.report?.violations,
    }).toEqual({
      notes: [
        expect.stringMatching(
          new RegExp(
            `^\\d+ resources of ${second} have the URNs of resources in ${first} \\(the same stack given twice\\?\\); ${first}'s were checked, ${second}'s not\\.$`,
          ),
        ),
      ],
      gateways: alone.report?.gateways,
      violations: alone.report?.violations,
    });
  });

  it("reads UTF-8 with a byte-order mark, and UTF-16 as Windows PowerShell's > writes it", async () => {
    const text = fs.readFileSync(await exportFile("4"), "utf8");
    const bom = writeJson(`\uFEFF${text}`, "bom");
    const utf16 = path.join(os.tmpdir(), `p2s-utf16-${process.pid}.json`);
    fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const gateways = (file: string) => json([file]).report?.gateways.map((g) => g.name);
    expect([
      gateways(bom),
      gateways(utf16),
      json(["-"], () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])).report?.gateways.length,
    ]).toEqual([["vnet1-gw"], ["vnet1-gw"], 1]);
  });

  it("reads an input of 150,000 resources without crashing", () => {
    const resources = Array.from({ length: 150_000 }, (_, i) => ({
      urn: `urn:pulumi:dev::big::azure-native:network:VirtualNetwork::vnet${i}`,
      type: "azure-native:network:VirtualNetwork",
      custom: true,
      outputs: { name: `vnet${i}`, addressSpace: { addressPrefixes: [`10.${Math.floor(i / 256) % 256}.${i % 256}.0/24`] } },
    }));
    const got = json([writeJson({ version: 3, deployment: { resources } }, "big")]);
    expect({ code: got.code, stderr: got.stderr, read: got.report?.coverage.resourcesRead }).toEqual({
      code: 0,
      stderr: "",
      read: 150_000,
    });
  });

  it("says in one line why it cannot write --out, or read standard input twice", async () => {
    const file = await exportFile("1");
    const missing = path.join(os.tmpdir(), "no-such-folder-p2s", "out.md");
    const folder = os.tmpdir();
    expect([
      runCheck(["--out", missing, file]).stderr,
      runCheck(["--out", folder, file]).stderr,
      runCheck(["-", "-"], () => "{}").stderr,
    ]).toEqual([
      `p2s-check: cannot write ${missing}: its folder does not exist`,
      `p2s-check: cannot write ${folder}: it is a folder`,
      "p2s-check: standard input (-) is named twice; it can be read once",
    ]);
  });

  it("prints its version, and help with an example and where the configuration format is", () => {
    const help = runCheck(["--help"]).stdout;
    expect({
      version: runCheck(["--version"]).stdout,
      example: help.includes("p2s-check --config policy-config.json --format markdown"),
      config: help.includes('see "Intents" in the README'),
    }).toEqual({
      version: JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8")).version,
      example: true,
      config: true,
    });
  });
});

describe("p2s-check never gives a false green", () => {
  it("notes Point-to-Site resources it does not read (a hub's BGP connection), and does not say no violation as if all was checked", () => {
    const wan = {
      urn: "urn:pulumi:dev::p::azure:network/virtualHubBgpConnection:VirtualHubBgpConnection::nva",
      type: "azure:network/virtualHubBgpConnection:VirtualHubBgpConnection",
      custom: true,
      outputs: { name: "nva" },
    };
    const doc = writeJson({ version: 3, deployment: { resources: [wan] } });
    const got = json([doc]);
    expect({ coverage: got.report?.coverage, notes: got.report?.notes, verdict: runCheck([doc]).stdout.split("\n")[0] }).toEqual({
      coverage: {
        resourcesRead: 0,
        resourcesNotRead: [{ type: "azure:network/virtualHubBgpConnection:VirtualHubBgpConnection", count: 1 }],
      },
      notes: [
        "1 azure:network/virtualHubBgpConnection:VirtualHubBgpConnection resource is not read (a Virtual WAN type the pack does not read yet), so it is not checked.",
        "The input holds no Azure network resource the pack reads, so nothing was checked.",
      ],
      verdict: "P2S reachability: ⚠️ nothing checked: no Azure network resource the pack reads (1 not read)",
    });
  });

  it("calls a secret secret, and still analyses a gateway whose pool is secret", async () => {
    const doc = JSON.parse(fs.readFileSync(await exportFile("1"), "utf8")) as {
      deployment: { resources: { urn: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }[] };
    };
    const sealed = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" };
    for (const r of doc.deployment.resources) {
      if (!r.urn.endsWith("::vnet1-gw")) continue;
      for (const props of [r.inputs, r.outputs])
        (props?.vpnClientConfiguration as Record<string, unknown>).vpnClientAddressPool = { addressPrefixes: sealed };
    }
    const got = json([writeJson(doc)]);
    expect({
      gateways: got.report?.gateways.map((g) => [g.name, g.clientAddressPool]),
      notes: got.report?.notes.filter((n) => n.includes("secret")),
    }).toEqual({
      gateways: [["vnet1-gw", []]],
      notes: ["Some of vpnClientConfiguration.vpnClientAddressPool.addressPrefixes of vnet1-gw is secret and is left out."],
    });
  });
});

import { generateStack } from "../../bench/generate-stack";
import { analyzerInputToRaw } from "../../offline/analyzer-client";
import type { StackAnalysis } from "../../policypack/pipeline/stack-analysis";
import { analyzeResources } from "../../policypack/pipeline/stack-analysis";
import { POLICIES } from "../../policypack/policies/catalogue";
import { diffRoutes } from "../../policypack/reachability/route-diff";
import { groupedClientRows } from "../../policypack/report/client-rows";
import type { Block } from "../../policypack/report/fit-blocks";
import { fitBlocks } from "../../policypack/report/fit-blocks";
import { FULL_REPORT, MARKDOWN_BUDGET, renderMarkdown } from "../../policypack/report/markdown";
import { topologyView } from "../../policypack/report/topology-view";
import { diagram, diagramChoices, MERMAID_MAX_EDGES, MERMAID_MAX_TEXT_SIZE } from "../../policypack/report/mermaid";
import type { Report } from "../../policypack/report/report-model";
import { buildReport } from "../../policypack/report/report-model";
import { sampleInputs } from "../helpers/sample-inputs";

/** Synthetic "mixed" stacks (three P2S gateways, links without BGP, spokes without transit) by VNet count. */
const SIZES = [
  ["600", 200],
  ["3,000", 1000],
  ["30,000", 10000],
] as const;
type Size = (typeof SIZES)[number][0];

const ALL_MANDATORY = Object.fromEntries(POLICIES.map((p) => [p.name, "mandatory"]));

// Analysing 30,000 resources takes about a second and a half: each stack is analysed once per file.
const stacks = new Map<Size, { stack: StackAnalysis; resources: number }>();
function stackOf(size: Size): { stack: StackAnalysis; resources: number } {
  let got = stacks.get(size);
  if (!got) {
    const raw = generateStack("mixed", SIZES.find(([s]) => s === size)?.[1] ?? 0, { filters: "none" }).map(analyzerInputToRaw);
    got = { stack: analyzeResources(raw), resources: raw.length };
    stacks.set(size, got);
  }
  return got;
}

const reports = new Map<string, Report>();
function reportOf(size: Size, mandatory: boolean): Report {
  const key = `${size} ${mandatory}`;
  let report = reports.get(key);
  if (!report) {
    report = buildReport(stackOf(size).stack, mandatory ? ALL_MANDATORY : {});
    reports.set(key, report);
  }
  return report;
}

const rendered = new Map<string, string>();
function markdownOf(size: Size, mandatory: boolean): string {
  const key = `${size} ${mandatory}`;
  let md = rendered.get(key);
  if (md === undefined) {
    md = renderMarkdown(reportOf(size, mandatory));
    rendered.set(key, md);
  }
  return md;
}

/** The text from a level-3 heading to the next heading of any level 2 or 3. */
function section(md: string, heading: string): string {
  const start = md.indexOf(`\n### ${heading}\n`);
  if (start < 0) return "";
  const next = md.slice(start + 1).search(/\n##+ /);
  return next < 0 ? md.slice(start) : md.slice(start, start + 1 + next);
}

/** Mandatory violations named neither with their message nor in the policy's line of names. */
function unnamedMandatory(md: string, report: Report): string[] {
  const text = section(md, "Mandatory violations");
  const lines = text.split("\n");
  return report.violations
    .filter((v) => v.enforcementLevel === "mandatory")
    .filter((v) => {
      const name = v.resource ? `\`${v.resource}\`` : "the stack";
      return !lines.some((l) => l.startsWith(`- **${v.policy}** on `) && l.includes(name));
    })
    .map((v) => `${v.policy} ${v.resource}`);
}

/** Where two strings first differ, with some context; null when equal. */
function firstDifference(a: string, b: string): { at: number; a: string; b: string } | null {
  if (a === b) return null;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return { at: i, a: a.slice(Math.max(0, i - 40), i + 40), b: b.slice(Math.max(0, i - 40), i + 40) };
}

describe("the Markdown comment's size budget", () => {
  it("is a stated constant below GitHub's 65,536-character limit for comments", () => {
    expect(MARKDOWN_BUDGET).toBe(60_000);
  });

  it.each(SIZES.map(([s]) => s))("stays within MARKDOWN_BUDGET at %s resources, whether violations are advisory or mandatory", (size) => {
    const got = [false, true].map((mandatory) => ({ mandatory, length: markdownOf(size, mandatory).length }));
    expect({ resources: stackOf(size).resources > 0, over: got.filter((g) => g.length > MARKDOWN_BUDGET) }).toEqual({
      resources: true,
      over: [],
    });
  });

  it.each(SIZES.map(([s]) => s))("names every gateway and every mandatory violation's resource at %s resources", (size) => {
    const report = reportOf(size, true);
    const md = markdownOf(size, true);
    expect({
      gateways: report.gateways.map((g) => g.name).filter((name) => !md.includes(`\n### ${name}\n`)),
      mandatory: unnamedMandatory(md, report),
      count: report.violations.filter((v) => v.enforcementLevel === "mandatory").length > 0,
    }).toEqual({ gateways: [], mandatory: [], count: true });
  });

  it("gives every mandatory violation its message at 600 resources, and says where the others' are when it cannot at 30,000", () => {
    const small = reportOf("600", true);
    const smallMd = markdownOf("600", true);
    const withoutMessage = small.violations.filter((v) => !smallMd.includes(v.message.replace(/</g, "&lt;")));
    const large = markdownOf("30,000", true);
    expect({
      withoutMessage: withoutMessage.map((v) => v.message),
      largeSays:
        /\n\d[\d,]* more mandatory violations are named above without their message: see the SARIF \/ the full report \(`p2s-check --format text` or `--format json`\)\.\n/.test(
          large,
        ),
    }).toEqual({ withoutMessage: [], largeSays: true });
  });

  it("says how many advisory violations are left out and where to read them at 30,000 resources", () => {
    const report = reportOf("30,000", false);
    const md = markdownOf("30,000", false);
    const shown = section(md, "Advisory violations")
      .split("\n")
      .filter((l) => l.startsWith("- **")).length;
    const left = report.violations.length - shown;
    expect({
      shown: shown > 0,
      line: md.includes(`\n${left.toLocaleString("en-US")} more advisory violations in the SARIF / ${FULL_REPORT}.\n`),
    }).toEqual({
      shown: true,
      line: true,
    });
  });

  it("cuts advisory violations first, then notes, then client tables, and the diagram last (3,000 resources, shrinking budgets)", () => {
    const report = reportOf("3,000", false);
    const state = (budget: number) => {
      const md = renderMarkdown(report, budget);
      const advisory = section(md, "Advisory violations")
        .split("\n")
        .filter((l) => l.startsWith("- **")).length;
      return {
        budget,
        within: md.length <= budget,
        advisory: advisory === report.violations.length ? "all" : advisory > 0 ? "some" : "none",
        notes: md.includes("<summary>Notes</summary>"),
        tables: (md.match(/\| Platform · client \|/g) ?? []).length,
        listsCutAt: Number(/Lists are cut at (\d+) entr/.exec(md)?.[1] ?? Infinity),
        diagram: md.includes("```mermaid"),
      };
    };
    expect([60_000, 40_000, 20_000, 14_000, 10_000].map(state)).toEqual([
      // Only entries beyond the readable 24 per list are cut.
      { budget: 60_000, within: true, advisory: "all", notes: true, tables: 3, listsCutAt: 24, diagram: true },
      { budget: 40_000, within: true, advisory: "some", notes: true, tables: 3, listsCutAt: 24, diagram: true },
      { budget: 20_000, within: true, advisory: "none", notes: true, tables: 3, listsCutAt: 16, diagram: true },
      { budget: 14_000, within: true, advisory: "none", notes: true, tables: 2, listsCutAt: 1, diagram: true },
      // The least diagram (about 11,600 characters) does not fit even with every table cut: the tables use the room.
      { budget: 10_000, within: true, advisory: "none", notes: true, tables: 3, listsCutAt: 24, diagram: false },
    ]);
  });

  it("falls back to names alone, cut at the budget, when not even a heading per gateway fits", () => {
    const report = reportOf("30,000", true);
    const md = renderMarkdown(report, 3_000);
    expect({
      within: md.length <= 3_000 || md.length,
      verdict: md.split("\n")[0].startsWith("## P2S reachability: ❌"),
      end: md.slice(-200),
    }).toEqual({
      within: true,
      verdict: true,
      end: expect.stringMatching(
        /\n… cut here to fit GitHub's comment limit: the rest is in the SARIF \/ the full report \(`p2s-check --format text` or `--format json`\)\.\n$/,
      ),
    });
  });

  it("cuts long route changes of a preview, saying where the rest is", () => {
    const before = analyzeResources(generateStack("mixed", 500, { filters: "none" }).map(analyzerInputToRaw)).analysis;
    const changes = diffRoutes(before, stackOf("3,000").stack.analysis);
    const md = renderMarkdown({ ...reportOf("3,000", false), routeChanges: changes }, 5_000);
    const lines = section(md, "Route changes in this preview").split("\n");
    expect({
      changes: changes.length > 0,
      within: md.length <= 5_000,
      named: changes.every((c) => md.includes(c.name)),
      cutLine: lines.some((l) => l.endsWith(` more in ${FULL_REPORT}`)) || lines.some((l) => l.startsWith("The route changes of ")),
    }).toEqual({ changes: true, within: true, named: true, cutLine: true });
  });
});

describe("fitting blocks to a budget", () => {
  /** A block of `size(level)` characters at each of `levels` levels. */
  const block = (levels: number, size: (level: number) => number): Block => ({ levels, render: (level) => ["x".repeat(size(level))] });
  const levelsOf = (fitted: ReturnType<typeof fitBlocks>, blocks: Block[]) => blocks.map((b) => fitted.pieces.get(b)?.[0].length);

  it("gives an earlier stage all it can use before a later one gets the rest", () => {
    const first = block(11, (l) => 10 * l);
    const second = block(11, (l) => 10 * l);
    const fitted = fitBlocks([first, second], [{ block: second }, { block: first }], 125);
    expect({ sizes: levelsOf(fitted, [first, second]), length: fitted.length, fits: fitted.fits }).toEqual({
      sizes: [20, 100],
      length: 120,
      fits: true,
    });
  });

  it("raises a block only up to its stage's upTo, then further in a later stage", () => {
    const a = block(11, (l) => 10 * l);
    const b = block(11, (l) => 10 * l);
    const fitted = fitBlocks([a, b], [{ block: a, upTo: 3 }, { block: b, upTo: 5 }, { block: a }], 100);
    expect(levelsOf(fitted, [a, b])).toEqual([50, 50]);
  });

  it("leaves every block at level 0, and says so, when even that exceeds the budget", () => {
    const a = block(3, (l) => 40 + l);
    const b = block(3, (l) => 70 + l);
    const fitted = fitBlocks([a, b], [{ block: a }, { block: b }], 100);
    expect({ sizes: levelsOf(fitted, [a, b]), fits: fitted.fits }).toEqual({ sizes: [40, 70], fits: false });
  });
});

describe("the Markdown client tables", () => {
  it("shows one row for platforms and clients with the same result", () => {
    const hub0 = reportOf("600", false).gateways[0];
    expect({ name: hub0.name, rows: groupedClientRows(hub0).map((r) => r.clients) }).toEqual({
      name: "hub0-gw",
      rows: [
        [
          "Windows, macOS · Azure VPN Client (OpenVPN) · routes pushed",
          "Windows, macOS, Linux, iOS, Android · OpenVPN client (OpenVPN) · routes pushed",
          "macOS, Linux, iOS, Android · IKEv2 client (IkeV2) · routes pushed",
        ],
        ["Windows · Windows built-in client (IkeV2) · static routes"],
      ],
    });
  });

  it("writes the grouped row's clients one per line in the first cell", () => {
    const md = markdownOf("600", false);
    expect(md).toContain(
      "\n| Windows, macOS · Azure VPN Client (OpenVPN) · routes pushed<br>Windows, macOS, Linux, iOS, Android · OpenVPN client (OpenVPN) · routes pushed<br>macOS, Linux, iOS, Android · IKEv2 client (IkeV2) · routes pushed | `10.0.0.0/24`<br>",
    );
  });

  it("folds each gateway's client table when there are more than three gateways, naming every gateway", () => {
    const report = reportOf("600", false);
    const many = {
      ...report,
      gateways: Array.from({ length: 8 }, (_, i) => ({ ...report.gateways[i % report.gateways.length], name: `gateway-${i + 1}` })),
    };
    const md = renderMarkdown(many);
    expect({
      within: md.length <= MARKDOWN_BUDGET || md.length,
      folded: many.gateways.map(
        (g) => md.includes(`\n### ${g.name}\n\nVNet `) && md.includes(`<details><summary>Clients of ${g.name}: 2 rows</summary>`),
      ),
      unfoldedWithThree: markdownOf("600", false).includes("<summary>Clients of"),
    }).toEqual({ within: true, folded: many.gateways.map(() => true), unfoldedWithThree: false });
  });

  it("keeps a platform that cannot connect in a bold row of its own, grouped with other such platforms", () => {
    const gateway = reportOf("600", false).gateways[0];
    const ikev2Only = {
      ...gateway,
      clients: gateway.clients.filter((c) => c.id === "ikev2" || c.id === "windows-builtin"),
    };
    expect(groupedClientRows(ikev2Only).map((r) => [r.canConnect, r.clients])).toEqual([
      [true, ["Windows · Windows built-in client (IkeV2) · static routes"]],
      [true, ["macOS, Linux, iOS, Android · IKEv2 client (IkeV2) · routes pushed"]],
    ]);
    const windowsOnly = { ...gateway, clients: gateway.clients.filter((c) => c.id === "windows-builtin") };
    expect(groupedClientRows(windowsOnly).map((r) => [r.canConnect, r.clients])).toEqual([
      [true, ["Windows · Windows built-in client (IkeV2) · static routes"]],
      [false, ["macOS, Linux, iOS, Android · cannot connect"]],
    ]);
  });
});

describe("the Markdown topology diagram", () => {
  it("groups spokes of one hub with the same peering flags into one node, named by first and last spoke", () => {
    const view = topologyView(stackOf("600").stack.analysis);
    const named = diagram(view, "named");
    const counted = diagram(view, "counted");
    expect({
      named: named.text.split("\n").filter((l) => l.includes("spoke1 …") || l.includes("spoke7,")),
      counted: counted.text.includes('["17 spokes"]'),
      groups: named.groups,
      grouped: named.grouped,
      networks: named.networks,
    }).toEqual({
      named: ['  g0["17 spokes: spoke1 … spoke19"]', '  g1["2 spokes: spoke7, spoke14"]'],
      counted: true,
      groups: 20,
      grouped: 190,
      networks: 200,
    });
  });

  it("stays within Mermaid's maxEdges and maxTextSize, or is left out with a line saying so", () => {
    const got = SIZES.map(([size]) => {
      const { choices } = diagramChoices(topologyView(stackOf(size).stack.analysis));
      const md = markdownOf(size, false);
      const fence = /```mermaid\n([\s\S]*?)\n```/.exec(md)?.[1];
      const edges = fence === undefined ? 0 : fence.split("\n").filter((l) => /(---|-\.-|===|-->)/.test(l)).length;
      return {
        size,
        drawn: fence !== undefined,
        withinLimits: fence === undefined || (edges <= MERMAID_MAX_EDGES && fence.length <= MERMAID_MAX_TEXT_SIZE),
        grouped: fence === undefined || fence.includes(" spokes"),
        saysLeftOut: fence !== undefined || md.includes("\nTopology diagram left out: even with spokes grouped, its 10,000 networks make "),
        choicesWithinLimits: choices.every((d) => d.edges <= MERMAID_MAX_EDGES && d.text.length <= MERMAID_MAX_TEXT_SIZE),
      };
    });
    expect(got).toEqual([
      { size: "600", drawn: true, withinLimits: true, grouped: true, saysLeftOut: true, choicesWithinLimits: true },
      { size: "3,000", drawn: true, withinLimits: true, grouped: true, saysLeftOut: true, choicesWithinLimits: true },
      { size: "30,000", drawn: false, withinLimits: true, grouped: true, saysLeftOut: true, choicesWithinLimits: true },
    ]);
  });
});

describe("the Markdown comment of a small stack", () => {
  it("cuts nothing on the sample hub: the same as with no budget, with no 'more' line and every network drawn", async () => {
    const stack = analyzeResources((await sampleInputs("hub", "deployed")).map(analyzerInputToRaw));
    const report = buildReport(stack);
    const md = renderMarkdown(report);
    expect({
      same: md === renderMarkdown(report, Infinity),
      more: md.split("\n").filter((l) => / more\b|left out|cut /.test(l)),
      ungrouped: md.includes(diagram(topologyView(stack.analysis), "none").text),
    }).toEqual({ same: true, more: [], ungrouped: true });
  });
});

describe("the Markdown comment is deterministic", () => {
  it.each(["600", "3,000"] as const)("renders a %s-resource stack to the same string twice, from two analyses", (size) => {
    const again = analyzeResources(
      generateStack("mixed", SIZES.find(([s]) => s === size)?.[1] ?? 0, { filters: "none" }).map(analyzerInputToRaw),
    );
    const first = markdownOf(size, false);
    const second = renderMarkdown(buildReport(again));
    const twice = renderMarkdown(reportOf(size, false));
    expect({ fromAnotherAnalysis: firstDifference(first, second), twice: firstDifference(first, twice) }).toEqual({
      fromAnotherAnalysis: null,
      twice: null,
    });
  });
});

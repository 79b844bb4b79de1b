import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { analyzeResources } from "../policypack/pipeline/stack-analysis";
import { decodeText } from "../policypack/cli/decode-text";
import { parseJson } from "../policypack/cli/parse-json";
import { configProblem } from "../policypack/cli/validate-config";
import { buildReport } from "../policypack/report/report-model";
import { gatewayTables } from "../policypack/report/text-table";
import type { Scenario } from "../sample-stack/declare-stack";
import { SCENARIOS, declareStack, isScenario } from "../sample-stack/declare-stack";
import type { AnalyzerInput, Diagnostic } from "./analyzer-client";
import { analyzerInputToRaw } from "./analyzer-client";
import type { PreviewAnalyzer } from "./pack-session";
import { PackSession } from "./pack-session";
import { repoRoot } from "./repo-root";
import { SAMPLE_PROJECT, SAMPLE_STACK } from "./sample-inputs";
import { recordProgram } from "./record-program";
import type { Registration } from "./registration";
import { toAnalyzerInputs } from "./registration";

const PROJECT = SAMPLE_PROJECT;
const STACK = SAMPLE_STACK;

const USAGE = `Usage: npm start -- [--scenario NAME] [--config FILE | --no-config]

Runs the sample stack (sample-stack/) in preview with @pulumi/pulumi's runtime and an in-process
resource monitor, sends what the engine would send to the policy pack over the analyzer protocol,
and prints what 'pulumi preview --policy-pack policypack' prints, then a reachability table.

  --scenario NAME  ${SCENARIOS.join(", ")} (default hub; pci-leak shows a mandatory violation)
  --config FILE    policy configuration, as for --policy-pack-config
                   (default: policy-config.json for hub and pci-leak, none for seed scenarios)
  --no-config      no policy configuration
Exit code: 0 without mandatory violations, 1 with, 2 on bad usage.`;

const NO_CONFIG = "none";

interface Options {
  scenario: Scenario;
  config: Record<string, unknown>;
  configLabel: string;
}

function parse(argv: string[]): Options | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        scenario: { type: "string" },
        config: { type: "string" },
        "no-config": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    return (e as Error).message;
  }
  if (values.help) return "";
  const scenario = values.scenario ?? "hub";
  if (!isScenario(scenario)) return `unknown scenario "${scenario}"; choose one of ${SCENARIOS.join(", ")}`;
  const defaultConfig = scenario === "hub" || scenario === "pci-leak" ? path.join(repoRoot(), "policy-config.json") : undefined;
  const file = values["no-config"] ? undefined : (values.config ?? defaultConfig);
  if (file === undefined) return { scenario, config: {}, configLabel: NO_CONFIG };
  let text: string;
  try {
    text = decodeText(fs.readFileSync(file));
  } catch (e) {
    return `cannot read policy configuration ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  }
  const parsed = parseJson(text, `policy configuration ${file}`);
  if ("problem" in parsed) return parsed.problem;
  // The CLI refuses a configuration its schemas reject; so does the offline preview, before the pack sees it.
  const problem = configProblem(parsed.value);
  if (problem !== undefined) return `policy configuration ${file} ${problem}`;
  return { scenario, config: parsed.value as Record<string, unknown>, configLabel: path.relative(process.cwd(), file) || file };
}

function plan(registrations: Registration[]): string[] {
  const rows = [
    ["Type", "Name", "Plan"],
    ["pulumi:pulumi:Stack", `${PROJECT}-${STACK}`, "create"],
  ];
  registrations.forEach((r) => rows.push([r.type, r.name, "create"]));
  const widths = [0, 1].map((i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r, i) => {
    const tree = i < 2 ? "" : i === rows.length - 1 ? "└─ " : "├─ ";
    const mark = i === 0 ? "    " : " +  ";
    return `${mark} ${(tree + r[0]).padEnd(widths[0] + 3)}  ${r[1].padEnd(widths[1])}  ${r[2]}`.trimEnd();
  });
}

function policyBlock(packName: string, version: string, diagnostics: Diagnostic[], inputs: AnalyzerInput[]): string[] {
  const byUrn = new Map(inputs.map((r) => [r.urn, r]));
  const failed = diagnostics.some((d) => d.enforcementLevel === "mandatory");
  const lines = ["Policies:", `    ${failed ? "❌" : diagnostics.length > 0 ? "⚠️ " : "✅"} ${packName}@v${version} (local: policypack)`];
  const order = (d: Diagnostic) => (d.enforcementLevel === "mandatory" ? 0 : 1);
  for (const d of [...diagnostics].sort((a, b) => order(a) - order(b))) {
    const r = byUrn.get(d.urn);
    const where = r ? `${r.type}: ${r.name}` : `pulumi:pulumi:Stack: ${PROJECT}-${STACK}`;
    lines.push(`        - [${d.enforcementLevel}]  ${d.policyName}  (${where})`);
    for (const line of d.message.split("\n")) lines.push(`          ${line}`);
  }
  return lines;
}

export interface PreviewResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface PreviewOptions {
  /** The analyzer to send the resources to; default: the pack, started as the Pulumi CLI starts it. */
  startAnalyzer?: () => Promise<PreviewAnalyzer>;
  /**
   * What the engine is sent when a brand-new stack of the scenario is previewed; default: the sample
   * program run with @pulumi/pulumi's runtime (tests pass the recordings their run already made).
   */
  record?: (scenario: Scenario) => Promise<Registration[]>;
}

/** Records the sample stack's scenario in preview, as `npm start` does. */
function recordScenario(scenario: Scenario): Promise<Registration[]> {
  return recordProgram(() => declareStack(scenario), { project: PROJECT, stack: STACK, preview: true });
}

/** Runs the offline preview, against the pack started as the CLI starts it unless told otherwise; the caller prints the result. */
export async function runPreview(argv: string[], run: PreviewOptions = {}): Promise<PreviewResult> {
  const { startAnalyzer = () => PackSession.start({ stack: STACK, project: PROJECT, dryRun: true }), record = recordScenario } = run;
  const options = parse(argv);
  if (typeof options === "string") {
    // One line, as p2s-check gives it: the whole usage would bury the reason.
    return options === ""
      ? { code: 0, stdout: USAGE, stderr: "" }
      : { code: 2, stdout: "", stderr: `error: ${options} (npm start -- --help for usage)` };
  }
  const registrations = await record(options.scenario);
  const inputs = toAnalyzerInputs(registrations);
  const session = await startAnalyzer();
  const info = session.info;
  let diagnostics: Diagnostic[];
  try {
    await session.configure(options.config);
    diagnostics = await session.diagnostics(inputs);
  } finally {
    await session.stop();
  }
  const mandatory = diagnostics.filter((d) => d.enforcementLevel === "mandatory").length;
  const report = buildReport(analyzeResources(inputs.map(analyzerInputToRaw)), options.config);
  const out = [
    `Previewing update (${STACK}):  scenario ${options.scenario}, policy configuration ${options.configLabel}`,
    ...(options.configLabel === NO_CONFIG
      ? [
          "No policy configuration: only intents kept in tags are checked, and every policy runs at its default level (--config FILE gives one).",
        ]
      : []),
    "",
    ...plan(registrations),
    "",
    ...policyBlock(info.name, info.version, diagnostics, inputs),
    "",
    "Resources:",
    `    + ${registrations.length + 1} to create`,
    "",
    "Point-to-Site reachability (what each client platform gets once deployed):",
    "",
    ...gatewayTables(report.gateways),
  ];
  if (report.notes.length > 0) out.push("Notes:", ...report.notes.map((n) => `    - ${n}`), "");
  out.push(
    mandatory > 0
      ? `error: preview failed: ${mandatory} mandatory policy violation${mandatory > 1 ? "s" : ""}`
      : "Preview passed the policy pack.",
  );
  return { code: mandatory > 0 ? 1 : 0, stdout: out.join("\n"), stderr: "" };
}

if (require.main === module) {
  runPreview(process.argv.slice(2)).then(
    ({ code, stdout, stderr }) => {
      if (stdout) console.log(stdout);
      if (stderr) console.error(stderr);
      process.exit(code);
    },
    (e: Error) => {
      console.error(`error: ${e.message}`);
      process.exit(2);
    },
  );
}

import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { diffRoutes } from "../reachability/route-diff";
import { renderMarkdown } from "../report/markdown";
import type { Report } from "../report/report-model";
import { buildReport } from "../report/report-model";
import { renderSarif } from "../report/sarif";
import { renderText } from "../report/text";
import { analyzeResources } from "../pipeline/stack-analysis";
import { configProblem } from "./validate-config";
import { compareText } from "../topology/order";
import { decodeText } from "./decode-text";
import { parseJson } from "./parse-json";
import { InputMerge } from "./input-merge";
import { readStackInput } from "./read-input";

export const USAGE = `Usage: p2s-check [--config FILE] [--format text|json|markdown|sarif] [--out FILE] INPUT...

Reports what Azure Point-to-Site VPN clients reach, per gateway, client and platform, and the
azure-p2s-routing policy violations, from 'pulumi stack export' or 'pulumi preview --json' files.
Several inputs are analysed as one network (a hub in one stack, spokes in others). '-' reads stdin.

  --config FILE   the policy configuration, as given to --policy-pack-config: per policy a level
                  or {"enforcementLevel", ...settings}; see "Intents" in the README
  --format FMT    text (default), json, markdown (pull-request comment) or sarif (code scanning)
  --out FILE      write the report to FILE instead of stdout
  --version       print the version
Exit code: 0 no mandatory violation, 1 mandatory violations, 2 unusable input or usage.

Example:
  pulumi preview --stack org/network/prod --json > preview.json
  p2s-check --config policy-config.json --format markdown --out p2s.md preview.json`;

const FORMATS = ["text", "json", "markdown", "sarif"] as const;
type Format = (typeof FORMATS)[number];

export interface CheckResult {
  code: number;
  stdout: string;
  stderr: string;
}

class UsageError extends Error {}

type Stdin = () => Buffer | string;

function readSource(source: string, stdin: Stdin): string {
  if (source === "-") {
    const read = stdin();
    return typeof read === "string" ? read : decodeText(read);
  }
  if (!fs.existsSync(source)) throw new UsageError(`cannot read ${source}: no such file`);
  try {
    return decodeText(fs.readFileSync(source));
  } catch (e) {
    throw new UsageError(`cannot read ${source}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function writeReport(file: string, text: string): void {
  try {
    fs.writeFileSync(file, text + "\n");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "its folder does not exist"
        : code === "EACCES" || code === "EPERM"
          ? "permission denied"
          : code === "EISDIR"
            ? "it is a folder"
            : (code ?? (e as Error).message);
    throw new UsageError(`cannot write ${file}: ${why}`);
  }
}

/** The version in the package's manifest: the first package.json above this file that is ours. */
export function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
      if (manifest.name === "azure-p2s-routing") return manifest.version ?? "unknown";
    }
    if (path.dirname(dir) === dir) return "unknown";
  }
}

function readConfig(file: string, stdin: Stdin): Record<string, unknown> {
  const parsed = parseJson(readSource(file, stdin), `policy configuration ${file}`);
  if ("problem" in parsed) throw new UsageError(parsed.problem);
  const problem = configProblem(parsed.value);
  if (problem !== undefined) throw new UsageError(`policy configuration ${file} ${problem}`);
  return parsed.value as Record<string, unknown>;
}

/** Runs p2s-check on arguments; never throws for bad input, and never prints a stack trace. */
export function runCheck(argv: string[], stdin: Stdin = () => fs.readFileSync(0)): CheckResult {
  try {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          config: { type: "string" },
          format: { type: "string", default: "text" },
          out: { type: "string" },
          help: { type: "boolean", short: "h" },
          version: { type: "boolean" },
        },
      });
    } catch (e) {
      const error = e as NodeJS.ErrnoException;
      const option = /'(--?[\w-]+)/.exec(error.message)?.[1] ?? "";
      if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new UsageError(`unknown option ${option}`);
      if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw new UsageError(`option ${option} needs a value`);
      throw new UsageError(error.message.split("\n")[0]);
    }
    const { values, positionals } = parsed;
    if (values.help) return { code: 0, stdout: USAGE, stderr: "" };
    if (values.version) return { code: 0, stdout: packageVersion(), stderr: "" };
    const format = values.format as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}"; use ${FORMATS.join(", ")}`);
    if (positionals.length === 0)
      throw new UsageError("no INPUT given (a 'pulumi stack export' or 'pulumi preview --json' file, or - for stdin)");
    if ([...positionals, values.config].filter((s) => s === "-").length > 1)
      throw new UsageError("standard input (-) is named twice; it can be read once");
    const config = values.config ? readConfig(values.config, stdin) : {};
    const after = new InputMerge();
    const before = new InputMerge();
    for (const source of positionals) {
      const label = source === "-" ? "standard input" : source;
      const input = readStackInput(readSource(source, stdin), label);
      if (typeof input === "string") throw new UsageError(input);
      after.add(input.after, label);
      before.add(input.before, label);
    }
    // Targets are resolved across every input: one found in none of them is a violation.
    const stack = analyzeResources(after.resources, "all-inputs");
    const changes = before.resources.length > 0 ? diffRoutes(analyzeResources(before.resources).analysis, stack.analysis) : [];
    const built: Report = buildReport(stack, config, changes);
    const report: Report = { ...built, notes: [...built.notes, ...after.notes()].sort(compareText) };
    const rendered =
      format === "json"
        ? JSON.stringify(report, null, 2)
        : format === "markdown"
          ? renderMarkdown(report)
          : format === "sarif"
            ? renderSarif(report)
            : renderText(report);
    const code = report.violations.some((v) => v.enforcementLevel === "mandatory") ? 1 : 0;
    if (values.out) {
      writeReport(values.out, rendered);
      return { code, stdout: "", stderr: "" };
    }
    return { code, stdout: rendered, stderr: "" };
  } catch (e) {
    const message = e instanceof UsageError ? e.message : `unexpected failure: ${(e as Error).message}`;
    return { code: 2, stdout: "", stderr: `p2s-check: ${message}` };
  }
}

/** The command: arguments from the process, the report to stdout, the exit code. */
export function main(): void {
  // A reader that stops early (| head) closes the pipe: end quietly, as command-line tools do.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  const { code, stdout, stderr } = runCheck(process.argv.slice(2));
  if (stdout) process.stdout.write(stdout + "\n");
  if (stderr) process.stderr.write(stderr + "\n");
  process.exitCode = code;
}

if (require.main === module) main();

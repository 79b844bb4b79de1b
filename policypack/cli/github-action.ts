/**
 * The GitHub Action (action.yml runs this file from dist/): p2s-check on the inputs, the Markdown
 * report in the step summary and in one pull-request comment, SARIF when asked, the counts as outputs.
 */
import * as fs from "fs";
import * as path from "path";
import { upsertComment } from "./github-comment";
import { packageVersion, runCheck } from "./p2s-check";

/** Hidden in the comment's Markdown: how the action finds its own comment again. */
export const MARKER = "<!-- azure-p2s-routing -->";
/** GitHub rejects a comment body longer than this. */
export const COMMENT_LIMIT = 65_536;

export interface ActionInputs {
  files: string[];
  config?: string;
  comment: boolean;
  sarifFile?: string;
  token: string;
}

interface Outcome {
  /** p2s-check's exit code: 0, 1 mandatory violations, 2 unusable input. */
  code: number;
  /** The Markdown report and, when something failed, why. */
  markdown: string;
  counts?: { mandatory: number; advisory: number };
  problem?: string;
}

type Log = (line: string) => void;

/** Escapes a workflow command's message (`::warning::…`) as the runner expects. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** The inputs action.yml maps to INPUT_* variables, relative paths resolved against the user's checkout. */
export function readInputs(env: NodeJS.ProcessEnv): ActionInputs | string {
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const resolve = (file: string) => path.resolve(workspace, file);
  const files = (env.INPUT_FILES ?? "").split(/\s+/).filter((f) => f !== "");
  if (files.length === 0) return "no input file: set `files` to one or more 'pulumi preview --json' or 'pulumi stack export' files";
  const comment = (env.INPUT_COMMENT ?? "").trim() || "true";
  if (!/^(true|True|TRUE|false|False|FALSE)$/.test(comment)) return `comment must be true or false, not "${comment}"`;
  const config = env.INPUT_CONFIG?.trim();
  const sarifFile = env.INPUT_SARIF_FILE?.trim();
  return {
    files: files.map(resolve),
    config: config ? resolve(config) : undefined,
    comment: comment.toLowerCase() === "true",
    sarifFile: sarifFile ? resolve(sarifFile) : undefined,
    token: env.INPUT_GITHUB_TOKEN ?? "",
  };
}

function notChecked(problem: string): Outcome {
  return { code: 2, markdown: `## P2S reachability: ❌ not checked\n\n${problem}`, problem };
}

/** p2s-check once per format it needs: Markdown for people, JSON for the counts, SARIF when asked. */
function check(inputs: ActionInputs): Outcome {
  const common = [...(inputs.config ? ["--config", inputs.config] : []), "--", ...inputs.files];
  const markdown = runCheck(["--format", "markdown", ...common]);
  if (markdown.code === 2) return notChecked(markdown.stderr);
  const json = runCheck(["--format", "json", ...common]);
  if (json.code === 2) return notChecked(json.stderr);
  const levels = (JSON.parse(json.stdout) as { violations: { enforcementLevel: string }[] }).violations.map((v) => v.enforcementLevel);
  const counts = { mandatory: levels.filter((l) => l === "mandatory").length, advisory: levels.filter((l) => l === "advisory").length };
  if (inputs.sarifFile) {
    try {
      fs.mkdirSync(path.dirname(inputs.sarifFile), { recursive: true });
    } catch {
      // p2s-check says why it cannot write there
    }
    const sarif = runCheck(["--format", "sarif", "--out", inputs.sarifFile, ...common]);
    if (sarif.code === 2) return { code: 2, markdown: `${markdown.stdout}\n\n${sarif.stderr}`, counts, problem: sarif.stderr };
  }
  return { code: json.code, markdown: markdown.stdout, counts };
}

/** The comment's body: marker and report, cut at a line to fit GitHub's limit, with a line saying where the rest is. */
export function commentBody(markdown: string, sarifFile?: string): string {
  const body = `${MARKER}\n${markdown}`;
  if (body.length <= COMMENT_LIMIT) return body;
  const note = `\n**The report is cut here to fit GitHub's comment limit: the full report is in the job's step summary${sarifFile ? " and the SARIF file" : ""}.**\n`;
  const closeFence = "```\n";
  let kept = body.slice(0, COMMENT_LIMIT - note.length - closeFence.length);
  kept = kept.slice(0, kept.lastIndexOf("\n") + 1);
  // A cut inside a code block (the Mermaid diagram, PowerShell lines) would swallow the note.
  if ((kept.match(/^ {0,3}```/gm) ?? []).length % 2 === 1) kept += closeFence;
  return kept + note;
}

/** The pull request's number from the event payload, or undefined when the event is not a pull request. */
function pullRequestNumber(eventPath: string | undefined): number | undefined {
  if (!eventPath || !fs.existsSync(eventPath)) return undefined;
  try {
    return (JSON.parse(fs.readFileSync(eventPath, "utf8")) as { pull_request?: { number?: number } }).pull_request?.number;
  } catch {
    return undefined;
  }
}

async function comment(env: NodeJS.ProcessEnv, inputs: ActionInputs, body: string, log: Log): Promise<void> {
  const pr = pullRequestNumber(env.GITHUB_EVENT_PATH);
  if (pr === undefined) return log("not a pull request: no comment");
  const hide = (text: string) => (inputs.token ? text.split(inputs.token).join("***") : text);
  try {
    if (!inputs.token) throw new Error("no github-token");
    if (!env.GITHUB_REPOSITORY) throw new Error("GITHUB_REPOSITORY is not set");
    const api = {
      baseUrl: env.GITHUB_API_URL || "https://api.github.com",
      token: inputs.token,
      repository: env.GITHUB_REPOSITORY,
      userAgent: `azure-p2s-routing/${packageVersion()}`,
    };
    const { action, id } = await upsertComment(api, pr, MARKER, body);
    log(`${action} comment ${id} on pull request #${pr}`);
  } catch (e) {
    const error = e as Error & { cause?: Error };
    const why = error.cause?.message ? `${error.message} (${error.cause.message})` : error.message;
    log(`::warning::${escapeData(hide(`could not comment on pull request #${pr}: ${why}`))}`);
  }
}

/** Runs the action on the runner's environment; resolves to the step's exit code (p2s-check's). */
export async function runAction(env: NodeJS.ProcessEnv, log: Log = (line) => process.stdout.write(line + "\n")): Promise<number> {
  const inputs = readInputs(env);
  const outcome = typeof inputs === "string" ? notChecked(`p2s-check action: ${inputs}`) : check(inputs);

  if (env.GITHUB_STEP_SUMMARY) fs.appendFileSync(env.GITHUB_STEP_SUMMARY, outcome.markdown + "\n");
  else log(outcome.markdown);
  if (env.GITHUB_OUTPUT) {
    const counts = outcome.counts ? `mandatory=${outcome.counts.mandatory}\nadvisory=${outcome.counts.advisory}\n` : "";
    fs.appendFileSync(env.GITHUB_OUTPUT, `${counts}exit-code=${outcome.code}\n`);
  }
  if (outcome.counts) log(`p2s-check: ${outcome.counts.mandatory} mandatory and ${outcome.counts.advisory} advisory violation(s)`);

  if (typeof inputs !== "string" && inputs.comment) await comment(env, inputs, commentBody(outcome.markdown, inputs.sarifFile), log);

  if (outcome.problem) log(`::error::${escapeData(outcome.problem)}`);
  else if (outcome.code === 1)
    log(`::error::${outcome.counts?.mandatory} mandatory violation(s) of azure-p2s-routing: see the step summary`);
  return outcome.code;
}

export function main(): void {
  runAction(process.env).then(
    (code) => (process.exitCode = code),
    (e: Error) => {
      process.stdout.write(`::error::${escapeData(`p2s-check action: unexpected failure: ${e.message}`)}\n`);
      process.exitCode = 2;
    },
  );
}

if (require.main === module) main();

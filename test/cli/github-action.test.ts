import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { COMMENT_LIMIT, MARKER, commentBody, runAction } from "../../policypack/cli/github-action";
import { runCheck } from "../../policypack/cli/p2s-check";

// The entry point in-process, with the variables a runner sets, against a local stand-in of GitHub's API.

const FIXTURE = path.join(__dirname, "fixtures", "hub-export.json"); // 1 gateway, 1 advisory violation
const TOKEN = "ghs_test-token-never-printed";
const REPO = "octo/network";
const PR = 7;

interface Seen {
  method: string;
  path: string;
  authorization?: string;
  accept?: string;
  apiVersion?: string;
  userAgent?: string;
  body?: string;
}

interface Answer {
  status: number;
  json: unknown;
  link?: string;
}

interface StandIn {
  url: string;
  seen: Seen[];
  close(): Promise<void>;
}

const servers: StandIn[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** An HTTP server on 127.0.0.1 that records each request and answers with `answer(request, its own URL)`. */
async function standIn(answer: (request: Seen, url: string) => Answer): Promise<StandIn> {
  const seen: Seen[] = [];
  let url = "";
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
    req.on("end", () => {
      const request: Seen = {
        method: req.method ?? "",
        path: req.url ?? "",
        authorization: req.headers.authorization,
        accept: req.headers.accept,
        apiVersion: req.headers["x-github-api-version"] as string | undefined,
        userAgent: req.headers["user-agent"],
        ...(text ? { body: (JSON.parse(text) as { body: string }).body } : {}),
      };
      seen.push(request);
      const { status, json, link } = answer(request, url);
      res.writeHead(status, { "Content-Type": "application/json", ...(link ? { Link: link } : {}) });
      res.end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stand = { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
  servers.push(stand);
  return stand;
}

interface Run {
  code: number;
  log: string[];
  summary: string;
  outputs: string;
  workspace: string;
}

/** A workspace holding the fixture as stacks/hub.json (inputs name it relative to the workspace), then the action. */
async function run(options: { inputs: Record<string, string>; event: object; apiUrl?: string; config?: object }): Promise<Run> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "p2s-action-"));
  fs.mkdirSync(path.join(workspace, "stacks"));
  fs.copyFileSync(FIXTURE, path.join(workspace, "stacks", "hub.json"));
  if (options.config) fs.writeFileSync(path.join(workspace, "policy-config.json"), JSON.stringify(options.config));
  const runner = fs.mkdtempSync(path.join(os.tmpdir(), "p2s-runner-"));
  const file = (name: string, text = "") => {
    fs.writeFileSync(path.join(runner, name), text);
    return path.join(runner, name);
  };
  const env: NodeJS.ProcessEnv = {
    GITHUB_API_URL: options.apiUrl ?? "http://127.0.0.1:9", // nothing listens there: a request would fail
    GITHUB_REPOSITORY: REPO,
    GITHUB_EVENT_PATH: file("event.json", JSON.stringify(options.event)),
    GITHUB_STEP_SUMMARY: file("summary.md"),
    GITHUB_OUTPUT: file("output.txt"),
    GITHUB_WORKSPACE: workspace,
    INPUT_FILES: "stacks/hub.json",
    INPUT_COMMENT: "true",
    INPUT_GITHUB_TOKEN: TOKEN,
    ...options.inputs,
  };
  const log: string[] = [];
  const code = await runAction(env, (line) => log.push(line));
  const read = (name: string) => fs.readFileSync(path.join(runner, name), "utf8");
  return { code, log, summary: read("summary.md"), outputs: read("output.txt"), workspace };
}

/** What p2s-check prints for the fixture, as the action should pass it on. */
function markdownOf(...args: string[]): string {
  return runCheck(["--format", "markdown", ...args, FIXTURE]).stdout;
}

const PULL_REQUEST = { action: "synchronize", number: PR, pull_request: { number: PR } };
const PUSH = { ref: "refs/heads/main", after: "0000000000000000000000000000000000000000" };
const HEADERS = { authorization: `Bearer ${TOKEN}`, accept: "application/vnd.github+json", apiVersion: "2022-11-28" };

/** Method, path and the headers that matter of each request; the comment body separately. */
function requests(seen: Seen[]) {
  return seen.map(({ method, path: p, authorization, accept, apiVersion, userAgent }) => ({
    method,
    path: p,
    authorization,
    accept,
    apiVersion,
    userAgent: /^azure-p2s-routing\//.test(userAgent ?? ""),
  }));
}

describe("the GitHub Action's entry point", () => {
  it("on a pull request without an earlier comment, lists the comments once and POSTs one marked comment with the report", async () => {
    const api = await standIn((req) =>
      req.method === "GET" ? { status: 200, json: [{ id: 1, body: "LGTM" }] } : { status: 201, json: { id: 99 } },
    );
    const got = await run({ inputs: {}, event: PULL_REQUEST, apiUrl: api.url });
    expect({ requests: requests(api.seen), code: got.code, outputs: got.outputs, log: got.log }).toEqual({
      requests: [
        { method: "GET", path: `/repos/${REPO}/issues/${PR}/comments?per_page=100`, ...HEADERS, userAgent: true },
        { method: "POST", path: `/repos/${REPO}/issues/${PR}/comments`, ...HEADERS, userAgent: true },
      ],
      code: 0,
      outputs: "mandatory=0\nadvisory=1\nexit-code=0\n",
      log: ["p2s-check: 0 mandatory and 1 advisory violation(s)", `created comment 99 on pull request #${PR}`],
    });
    expect(api.seen[1].body).toBe(`${MARKER}\n${markdownOf()}`);
    expect(api.seen[1].body).toContain("p2s-windows-manual-routes");
    expect(got.summary).toBe(markdownOf() + "\n");
  });

  it("finds its earlier comment on the second page (Link rel=next) and PATCHes it, without POST, under a GHES-style /api/v3 base", async () => {
    const api = await standIn((req, url) => {
      if (req.path === "/api/v3/repos/octo/network/issues/7/comments?per_page=100") {
        return {
          status: 200,
          json: [{ id: 10, body: "first" }],
          link: `<${url}/api/v3/repositories/42/issues/7/comments?per_page=100&page=2>; rel="next", <${url}/api/v3/repositories/42/issues/7/comments?per_page=100&page=2>; rel="last"`,
        };
      }
      if (req.path === "/api/v3/repositories/42/issues/7/comments?per_page=100&page=2")
        return {
          status: 200,
          json: [
            { id: 11, body: "other" },
            { id: 12, body: `${MARKER}\nan older report` },
          ],
        };
      return { status: 200, json: { id: 12 } };
    });
    const got = await run({ inputs: {}, event: PULL_REQUEST, apiUrl: `${api.url}/api/v3` });
    expect({ requests: requests(api.seen), code: got.code, log: got.log }).toEqual({
      requests: [
        { method: "GET", path: `/api/v3/repos/${REPO}/issues/${PR}/comments?per_page=100`, ...HEADERS, userAgent: true },
        { method: "GET", path: `/api/v3/repositories/42/issues/${PR}/comments?per_page=100&page=2`, ...HEADERS, userAgent: true },
        { method: "PATCH", path: `/api/v3/repos/${REPO}/issues/comments/12`, ...HEADERS, userAgent: true },
      ],
      code: 0,
      log: ["p2s-check: 0 mandatory and 1 advisory violation(s)", `updated comment 12 on pull request #${PR}`],
    });
    expect(api.seen[2].body).toBe(`${MARKER}\n${markdownOf()}`);
  });

  it("with comment: false makes no request, and still writes the summary and outputs", async () => {
    const api = await standIn(() => ({ status: 500, json: {} }));
    const got = await run({ inputs: { INPUT_COMMENT: "false" }, event: PULL_REQUEST, apiUrl: api.url });
    expect({ requests: api.seen, code: got.code, outputs: got.outputs, summary: got.summary }).toEqual({
      requests: [],
      code: 0,
      outputs: "mandatory=0\nadvisory=1\nexit-code=0\n",
      summary: markdownOf() + "\n",
    });
  });

  it("on a push (no pull_request in the event) makes no request", async () => {
    const api = await standIn(() => ({ status: 500, json: {} }));
    const got = await run({ inputs: {}, event: PUSH, apiUrl: api.url });
    expect({ requests: api.seen, code: got.code, outputs: got.outputs, log: got.log }).toEqual({
      requests: [],
      code: 0,
      outputs: "mandatory=0\nadvisory=1\nexit-code=0\n",
      log: ["p2s-check: 0 mandatory and 1 advisory violation(s)", "not a pull request: no comment"],
    });
  });

  it("exits 1 on a mandatory violation, after posting the comment that shows it", async () => {
    const api = await standIn((req) => (req.method === "GET" ? { status: 200, json: [] } : { status: 201, json: { id: 5 } }));
    const config = { "p2s-windows-manual-routes": "mandatory" };
    const got = await run({ inputs: { INPUT_CONFIG: "policy-config.json" }, event: PULL_REQUEST, apiUrl: api.url, config });
    const expected = markdownOf("--config", path.join(got.workspace, "policy-config.json"));
    expect({ methods: api.seen.map((r) => r.method), code: got.code, outputs: got.outputs, log: got.log }).toEqual({
      methods: ["GET", "POST"],
      code: 1,
      outputs: "mandatory=1\nadvisory=0\nexit-code=1\n",
      log: [
        "p2s-check: 1 mandatory and 0 advisory violation(s)",
        `created comment 5 on pull request #${PR}`,
        "::error::1 mandatory violation(s) of azure-p2s-routing: see the step summary",
      ],
    });
    expect(api.seen[1].body).toBe(`${MARKER}\n${expected}`);
    expect(expected).not.toBe(markdownOf()); // the configuration changed the report
    expect(got.summary).toBe(expected + "\n");
  });

  it("exits 2 on unusable input, with why in the summary, the comment and an error annotation", async () => {
    const api = await standIn((req) => (req.method === "GET" ? { status: 200, json: [] } : { status: 201, json: { id: 6 } }));
    const got = await run({ inputs: { INPUT_FILES: "missing.json" }, event: PULL_REQUEST, apiUrl: api.url });
    const why = runCheck(["--format", "markdown", path.join(got.workspace, "missing.json")]).stderr;
    expect(why).toContain("missing.json: no such file");
    expect({ methods: api.seen.map((r) => r.method), code: got.code, outputs: got.outputs, summary: got.summary, log: got.log }).toEqual({
      methods: ["GET", "POST"],
      code: 2,
      outputs: "exit-code=2\n",
      summary: `## P2S reachability: ❌ not checked\n\n${why}\n`,
      log: [`created comment 6 on pull request #${PR}`, `::error::${why}`],
    });
    expect(api.seen[1].body).toBe(`${MARKER}\n## P2S reachability: ❌ not checked\n\n${why}`);
  });

  it("turns a 403 from the API into a warning, never printing the token, and still writes the result with the exit code of the violations", async () => {
    const api = await standIn(() => ({
      status: 403,
      json: { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest" },
    }));
    const got = await run({ inputs: {}, event: PULL_REQUEST, apiUrl: api.url });
    expect({
      requests: api.seen.map((r) => `${r.method} ${r.path}`),
      code: got.code,
      outputs: got.outputs,
      summary: got.summary,
      log: got.log,
    }).toEqual({
      requests: [`GET /repos/${REPO}/issues/${PR}/comments?per_page=100`],
      code: 0,
      outputs: "mandatory=0\nadvisory=1\nexit-code=0\n",
      summary: markdownOf() + "\n",
      log: [
        "p2s-check: 0 mandatory and 1 advisory violation(s)",
        `::warning::could not comment on pull request #${PR}: GET /repos/${REPO}/issues/${PR}/comments answered 403: Resource not accessible by integration`,
      ],
    });
    expect(got.log.join("\n")).not.toContain(TOKEN);
  });

  it("writes SARIF to the given path relative to the workspace, creating its folder", async () => {
    const got = await run({ inputs: { INPUT_SARIF_FILE: "reports/p2s.sarif", INPUT_COMMENT: "false" }, event: PUSH });
    const file = path.join(got.workspace, "reports", "p2s.sarif");
    const sarif = JSON.parse(fs.readFileSync(file, "utf8")) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect({ code: got.code, version: sarif.version, rules: sarif.runs[0].results.map((r) => r.ruleId) }).toEqual({
      code: 0,
      version: "2.1.0",
      rules: ["p2s-windows-manual-routes"],
    });
    expect(fs.readFileSync(file, "utf8")).toBe(runCheck(["--format", "sarif", FIXTURE]).stdout + "\n");
  });
});

describe("the comment's body", () => {
  it("cuts a report over GitHub's 65,536 characters at a line, closes an open code block and says where the full report is", () => {
    const report = "## P2S reachability\n\n```mermaid\n" + "  a --> b\n".repeat(8000) + "```\n";
    const body = commentBody(report, "p2s.sarif");
    const lines = body.split("\n");
    expect({
      length: body.length <= COMMENT_LIMIT,
      start: body.startsWith(`${MARKER}\n## P2S reachability`),
      tail: lines.slice(-5),
    }).toEqual({
      length: true,
      start: true,
      tail: [
        "  a --> b",
        "```",
        "",
        "**The report is cut here to fit GitHub's comment limit: the full report is in the job's step summary and the SARIF file.**",
        "",
      ],
    });
  });

  it("keeps a report that fits as it is, after the marker", () => {
    expect(commentBody("short")).toBe(`${MARKER}\nshort`);
  });
});

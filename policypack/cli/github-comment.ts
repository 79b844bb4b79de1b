/** The one pull-request comment the GitHub Action keeps up to date, through GitHub's REST API (Node's fetch). */

export interface GitHubApi {
  /** GITHUB_API_URL: https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server. */
  baseUrl: string;
  token: string;
  /** GITHUB_REPOSITORY: owner/name. */
  repository: string;
  userAgent: string;
}

interface IssueComment {
  id: number;
  body?: string;
}

const TIMEOUT_MS = 30_000;

/** An API answer that is not 2xx: method, path, status and GitHub's message; never the token. */
export class GitHubApiError extends Error {
  constructor(
    method: string,
    url: string,
    readonly status: number,
    detail: string,
  ) {
    super(`${method} ${new URL(url).pathname} answered ${status}${detail ? `: ${detail}` : ""}`);
  }
}

async function request(api: GitHubApi, method: string, url: string, body?: unknown): Promise<Response> {
  const response = await fetch(url, {
    method,
    headers: {
      Authorization: `Bearer ${api.token}`,
      Accept: "application/vnd.github+json",
      "X-GitHub-Api-Version": "2022-11-28",
      "User-Agent": api.userAgent,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) {
    const text = await response.text().catch(() => "");
    let detail = text;
    try {
      detail = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      // not JSON: keep the text
    }
    throw new GitHubApiError(method, url, response.status, detail.replace(/\s+/g, " ").slice(0, 200));
  }
  return response;
}

/** The URL of rel="next" in a Link header, e.g. `<https://…&page=2>; rel="next", <…>; rel="last"`. */
export function nextPage(link: string | null): string | undefined {
  for (const part of (link ?? "").split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match) return match[1];
  }
  return undefined;
}

function apiUrl(api: GitHubApi, path: string): string {
  return `${api.baseUrl.replace(/\/+$/, "")}/repos/${api.repository}${path}`;
}

/** The first comment of the issue or pull request whose body contains the marker, reading every page. */
async function findMarked(api: GitHubApi, issue: number, marker: string): Promise<IssueComment | undefined> {
  const origin = new URL(api.baseUrl).origin;
  let url: string | undefined = apiUrl(api, `/issues/${issue}/comments?per_page=100`);
  while (url !== undefined) {
    const response = await request(api, "GET", url);
    const found = ((await response.json()) as IssueComment[]).find((c) => c.body?.includes(marker));
    if (found) return found;
    url = nextPage(response.headers.get("link"));
    // The token goes only to the API it was given for.
    if (url !== undefined && new URL(url).origin !== origin)
      throw new Error(`the next page of comments is on another host (${new URL(url).host})`);
  }
  return undefined;
}

/** Updates the comment that holds the marker, or creates one; `body` must already contain the marker. */
export async function upsertComment(
  api: GitHubApi,
  issue: number,
  marker: string,
  body: string,
): Promise<{ action: "created" | "updated"; id: number }> {
  const existing = await findMarked(api, issue, marker);
  if (existing) {
    await request(api, "PATCH", apiUrl(api, `/issues/comments/${existing.id}`), { body });
    return { action: "updated", id: existing.id };
  }
  const created = (await (await request(api, "POST", apiUrl(api, `/issues/${issue}/comments`), { body })).json()) as IssueComment;
  return { action: "created", id: created.id };
}

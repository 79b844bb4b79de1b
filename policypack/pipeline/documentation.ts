import * as fs from "fs";
import * as path from "path";

/**
 * Where each policy's page lives: docs/policies/<name>.md of the repository. The base comes from
 * the package's own package.json, the one fact of where the repository is:
 *
 * - `repository` naming a GitHub repository (`https://github.com/o/r`, `git+https://github.com/o/r.git`,
 *   `git@github.com:o/r.git`, `github:o/r`, `o/r`): `https://github.com/o/r/blob/HEAD/docs/policies/<name>.md`,
 *   HEAD being the default branch;
 * - else `homepage`: the same page when it is a GitHub repository's address (`https://github.com/o/r#readme`),
 *   else `<homepage>/docs/policies/<name>.md`;
 * - else no link: a policy then has no `url` and a SARIF rule no `helpUri`.
 */
export const POLICY_PAGES = "docs/policies";

/** The fields of a package.json that matter here. */
export interface PackageLinks {
  name?: unknown;
  homepage?: unknown;
  repository?: unknown;
}

/** The manifests that carry the links: the repository's (p2s-check) and the published pack's (a test keeps their links equal). */
export const OWN_PACKAGES: readonly string[] = ["azure-p2s-routing", "azure-p2s-routing-policypack"];

const GITHUB_URL = /^(?:git\+)?(?:https?|git|ssh):\/\/(?:[^@/]+@)?github\.com\/([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?(?:[#?].*)?$/i;
const GITHUB_SHORT = /^(?:github:|git@github\.com:)?([\w.-]+)\/([\w.-]+?)(?:\.git)?(?:#.*)?$/i;

/** https://github.com/o/r for a GitHub repository's address in any of npm's spellings. */
function githubRepository(text: string, shorthand: boolean): string | undefined {
  const m = GITHUB_URL.exec(text) ?? (shorthand ? GITHUB_SHORT.exec(text) : null);
  return m ? `https://github.com/${m[1]}/${m[2]}` : undefined;
}

/** The address the page paths are appended to, and whether it is a GitHub repository; undefined when package.json sets neither field. */
function documentationBase(manifest: PackageLinks): { base: string; github: boolean } | undefined {
  const repository = manifest.repository;
  const repositoryUrl = typeof repository === "string" ? repository : (repository as { url?: unknown } | null)?.url;
  const fromRepository = typeof repositoryUrl === "string" ? githubRepository(repositoryUrl.trim(), true) : undefined;
  if (fromRepository) return { base: fromRepository, github: true };
  if (typeof manifest.homepage !== "string") return undefined;
  const homepage = manifest.homepage.trim();
  const fromHomepage = githubRepository(homepage, false);
  if (fromHomepage) return { base: fromHomepage, github: true };
  if (!/^https?:\/\/[^\s/]+/i.test(homepage)) return undefined;
  return { base: homepage.replace(/[#?].*$/, "").replace(/\/+$/, ""), github: false };
}

/**
 * The nearest package.json at or above a folder named azure-p2s-routing or azure-p2s-routing-policypack:
 * from this file, the pack's own in policypack/ (sources or dist/) and where Pulumi installs the pack,
 * the repository's in dist/policypack/ and where npm installs p2s-check. {} when there is none.
 */
export function nearestOwnPackage(start: string): PackageLinks {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      try {
        const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as PackageLinks;
        if (OWN_PACKAGES.includes(manifest.name as string)) return manifest;
      } catch {
        // Not a manifest of ours: keep looking upwards.
      }
    }
    if (path.dirname(dir) === dir) return {};
  }
}

/** The package's own package.json, read once, when the policy modules load. */
let own: PackageLinks | undefined;

/** The link to a policy's page; from the package's own package.json unless a manifest is given (tests). */
export function documentationUrl(policy: string, manifest: PackageLinks = (own ??= nearestOwnPackage(__dirname))): string | undefined {
  const found = documentationBase(manifest);
  if (!found) return undefined;
  return `${found.base}${found.github ? "/blob/HEAD" : ""}/${POLICY_PAGES}/${policy}.md`;
}

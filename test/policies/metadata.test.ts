import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCheck } from "../../policypack/cli/p2s-check";
import { policies } from "../../policypack/pack/policies";
import { POLICIES } from "../../policypack/policies/catalogue";
import { documentationUrl, nearestOwnPackage } from "../../policypack/pipeline/documentation";

const ROOT = path.join(__dirname, "../..");
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8")) as Record<string, unknown>;

describe("policy metadata", () => {
  it("names every policy in kebab-case, uniquely, with the p2s- prefix", () => {
    const names = policies.map((p) => p.name);
    expect(names.filter((n) => !/^p2s(-[a-z0-9]+)+$/.test(n))).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([
      "p2s-intended-access",
      "p2s-windows-manual-routes",
      "p2s-unreachable-routes",
      "p2s-gateway-transit",
      "p2s-gateway-subnet",
      "p2s-return-path",
      "p2s-address-overlap",
      "p2s-client-protocols",
      "p2s-bgp-config",
      "p2s-dns-resolution",
      "p2s-gateway-settings",
      "p2s-retired-features",
      "p2s-virtual-wan-settings",
      "p2s-virtual-wan-server",
      "p2s-virtual-wan-routing",
    ]);
  });

  it("gives every policy a description that is a full sentence starting with a verb, and remediation steps", () => {
    const bad = policies.filter((p) => !/^Checks that [^\n]+\.$/.test(p.description) || !(p.remediationSteps ?? "").endsWith("."));
    expect(bad.map((p) => p.name)).toEqual([]);
  });

  it("sets the default enforcement levels the issue asks for", () => {
    expect(Object.fromEntries(policies.map((p) => [p.name, p.enforcementLevel]))).toEqual({
      "p2s-intended-access": "mandatory",
      "p2s-windows-manual-routes": "advisory",
      "p2s-unreachable-routes": "advisory",
      "p2s-gateway-transit": "mandatory",
      "p2s-gateway-subnet": "mandatory",
      "p2s-return-path": "advisory",
      "p2s-address-overlap": "mandatory",
      "p2s-client-protocols": "advisory",
      "p2s-bgp-config": "advisory",
      "p2s-dns-resolution": "advisory",
      "p2s-gateway-settings": "mandatory",
      "p2s-retired-features": "advisory",
      "p2s-virtual-wan-settings": "mandatory",
      "p2s-virtual-wan-server": "mandatory",
      "p2s-virtual-wan-routing": "advisory",
    });
  });

  it("keeps config schemas to JSON-schema property objects, never with enforcementLevel inside", () => {
    for (const d of POLICIES.filter((x) => x.configSchema)) {
      const schema = d.configSchema as { properties: Record<string, { type?: string }> };
      expect({ name: d.name, keys: Object.keys(schema.properties).includes("enforcementLevel") }).toEqual({ name: d.name, keys: false });
      for (const [key, prop] of Object.entries(schema.properties)) {
        expect({ name: d.name, key, type: typeof prop.type }).toEqual({ name: d.name, key, type: "string" });
      }
    }
  });
});

describe("policy metadata for Pulumi Cloud", () => {
  it("gives every policy a severity and tags, and no link while package.json names no repository or homepage", () => {
    expect(POLICIES.map((p) => [p.name, p.severity, p.tags.length > 0, p.url])).toEqual(
      POLICIES.map((p) => [p.name, expect.stringMatching(/^(low|medium|high|critical)$/), true, undefined]),
    );
    expect(policies.filter((p) => "url" in p).map((p) => p.name)).toEqual([]);
  });

  it("leaves helpUri out of SARIF rules while there is no link", () => {
    const sarif = JSON.parse(runCheck(["--format", "sarif", path.join(ROOT, "test/cli/fixtures/hub-export.json")]).stdout);
    const rules = sarif.runs[0].tool.driver.rules as Record<string, unknown>[];
    expect(rules.length).toBe(POLICIES.length);
    expect(rules.filter((r) => "helpUri" in r).map((r) => r.id)).toEqual([]);
  });

  it("keeps the links of the repository's package.json and the published pack's equal", () => {
    const links = (m: Record<string, unknown>) => ({ repository: m.repository, homepage: m.homepage });
    expect(links(readJson("policypack/package.json"))).toEqual(links(readJson("package.json")));
  });

  it("reads the links from the nearest package.json of its own, in sources and where either package is installed", () => {
    expect(nearestOwnPackage(path.join(ROOT, "policypack/policies")).name).toBe("azure-p2s-routing-policypack");
    expect(nearestOwnPackage(path.join(ROOT, "dist/policypack/policies")).name).toBe("azure-p2s-routing");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "p2s-links-"));
    try {
      fs.mkdirSync(path.join(dir, "pack/dist/policies"), { recursive: true });
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "someone-elses", homepage: "https://example.org" }));
      fs.writeFileSync(path.join(dir, "pack/package.json"), "{ not json");
      expect(nearestOwnPackage(path.join(dir, "pack/dist/policies"))).toEqual({});
      fs.writeFileSync(
        path.join(dir, "pack/package.json"),
        JSON.stringify({ name: "azure-p2s-routing-policypack", homepage: "https://example.org/p2s" }),
      );
      expect(documentationUrl("p2s-bgp-config", nearestOwnPackage(path.join(dir, "pack/dist/policies")))).toBe(
        "https://example.org/p2s/docs/policies/p2s-bgp-config.md",
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("links each policy's page in the repository once package.json names it", () => {
    const page = "/blob/HEAD/docs/policies/p2s-gateway-transit.md";
    const url = (manifest: Record<string, unknown>) => documentationUrl("p2s-gateway-transit", manifest);
    expect(url({})).toBeUndefined();
    expect(url({ repository: { type: "git", url: "git+https://github.com/acme/azure-p2s-routing.git" } })).toBe(
      `https://github.com/acme/azure-p2s-routing${page}`,
    );
    expect(url({ repository: "https://github.com/acme/azure-p2s-routing" })).toBe(`https://github.com/acme/azure-p2s-routing${page}`);
    expect(url({ repository: "git@github.com:acme/azure-p2s-routing.git" })).toBe(`https://github.com/acme/azure-p2s-routing${page}`);
    expect(url({ repository: "github:acme/azure-p2s-routing" })).toBe(`https://github.com/acme/azure-p2s-routing${page}`);
    expect(url({ repository: "acme/azure-p2s-routing" })).toBe(`https://github.com/acme/azure-p2s-routing${page}`);
    // The repository wins over the homepage; a homepage that is a GitHub repository links the same page.
    expect(url({ repository: "github:acme/azure-p2s-routing", homepage: "https://example.org" })).toBe(
      `https://github.com/acme/azure-p2s-routing${page}`,
    );
    expect(url({ homepage: "https://github.com/acme/azure-p2s-routing#readme" })).toBe(`https://github.com/acme/azure-p2s-routing${page}`);
    // Another host's repository is not guessed at: the homepage, or nothing.
    expect(url({ repository: "https://gitlab.com/acme/azure-p2s-routing.git", homepage: "https://example.org/p2s/" })).toBe(
      "https://example.org/p2s/docs/policies/p2s-gateway-transit.md",
    );
    expect(url({ repository: "gitlab:acme/azure-p2s-routing" })).toBeUndefined();
    expect(url({ homepage: "example.org" })).toBeUndefined();
  });

  it("documents every policy on its own page, with its level, severity, tags and every code the README gives it", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const pages = fs.readdirSync(path.join(ROOT, "docs/policies")).sort();
    expect(pages).toEqual(POLICIES.map((p) => `${p.name}.md`).sort());
    for (const p of POLICIES) {
      const page = fs.readFileSync(path.join(ROOT, "docs/policies", `${p.name}.md`), "utf8");
      const section = readme.split(`\n### ${p.name}\n`)[1]?.split("\n### ")[0].split("\n## ")[0] ?? "";
      const codes = [...section.matchAll(/`([a-z]+\.[a-z0-9-]+)`/g)].map((m) => m[1]);
      expect({ name: p.name, title: page.split("\n")[0], linked: section.includes(`(docs/policies/${p.name}.md)`) }).toEqual({
        name: p.name,
        title: `# ${p.name}`,
        linked: true,
      });
      expect({
        name: p.name,
        level: page.includes(`| Default level | ${p.enforcementLevel} |`),
        severity: page.includes(`| Severity | ${p.severity} |`),
      }).toEqual({ name: p.name, level: true, severity: true });
      expect({ name: p.name, tags: page.includes(`| Tags | ${p.tags.map((t) => `\`${t}\``).join(", ")} |`) }).toEqual({
        name: p.name,
        tags: true,
      });
      expect({ name: p.name, undocumented: codes.filter((c) => !page.includes(`\`${c}\``)) }).toEqual({ name: p.name, undocumented: [] });
    }
  });

  it("documents every policy in a README section named after it", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(POLICIES.filter((p) => !readme.includes(`\n### ${p.name}\n`)).map((p) => p.name)).toEqual([]);
  });
});

import * as fs from "fs";
import * as path from "path";
import { policies } from "../../policypack/policies/index";
import { POLICIES } from "../../policypack/policies/catalogue";

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
      "p2s-address-overlap",
      "p2s-client-protocols",
      "p2s-bgp-config",
      "p2s-dns-resolution",
      "p2s-gateway-settings",
      "p2s-retired-features",
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
      "p2s-address-overlap": "mandatory",
      "p2s-client-protocols": "advisory",
      "p2s-bgp-config": "advisory",
      "p2s-dns-resolution": "advisory",
      "p2s-gateway-settings": "mandatory",
      "p2s-retired-features": "advisory",
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
  it("gives every policy a severity, tags and a link to its README section", () => {
    expect(POLICIES.map((p) => [p.name, p.severity, p.tags.length > 0, p.url])).toEqual(
      POLICIES.map((p) => [p.name, expect.stringMatching(/^(low|medium|high|critical)$/), true, `https://www.npmjs.com/package/azure-p2s-routing#${p.name}`]),
    );
  });

  it("documents every policy in a README section named after it", () => {
    const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
    expect(POLICIES.filter((p) => !readme.includes(`\n### ${p.name}\n`)).map((p) => p.name)).toEqual([]);
  });
});

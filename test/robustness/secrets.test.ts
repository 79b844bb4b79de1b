import type { AnalyzerInput } from "../../offline/analyzer-client";
import type { Registration } from "../../offline/registration";
import { toAnalyzerInputs } from "../../offline/registration";
import { previewJson, stackExport } from "../../offline/stack-documents";
import { runCheck } from "../../policypack/cli/p2s-check";
import { SECRET_SIG } from "../../policypack/extract/plain";
import { InProcessPack } from "../helpers/in-process-pack";
import { recorded } from "../helpers/recordings";
import { writeJson } from "../helpers/stack-files";

/** Pulumi's marker of a secret on the wire and in state files. */
const SECRET_VALUE_SIG = "1b47061264138c4ac30d75fd1eb44270";
const secret = (value: unknown) => ({ [SECRET_SIG]: SECRET_VALUE_SIG, value });

/** Each planted plaintext is recognisable, and shaped as the field it replaces (a CIDR stays a CIDR). */
class Canaries {
  readonly planted: string[] = [];
  next(like: string): string {
    const n = this.planted.length;
    const value = /^\d+\.\d+\.\d+\.\d+(\/\d+)?$/.test(like) ? `10.250.${n % 250}.${like.includes("/") ? "0/24" : "4"}` : `canary${n}x`;
    this.planted.push(value);
    return value;
  }
}

/** Every string the resource's inputs hold, and its intent tags, as secrets with canary plaintexts. */
function plantSecrets(value: unknown, canaries: Canaries): unknown {
  if (typeof value === "string") return secret(canaries.next(value));
  if (Array.isArray(value)) return value.map((v) => plantSecrets(v, canaries));
  if (value === null || typeof value !== "object") return value;
  if (SECRET_SIG in value) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plantSecrets(v, canaries)]));
}

const TAGS = { "p2s-access": "required", "p2s-platforms": "windows,linux", "p2s-reach": "app", "p2s-deny": "pci" };

function planted(registrations: Registration[], target: number, canaries: Canaries): Registration[] {
  return registrations.map((r, i) =>
    i === target
      ? {
          ...r,
          inputs: plantSecrets({ ...r.inputs, tags: { ...(r.inputs.tags as object), ...TAGS } }, canaries) as Record<string, unknown>,
        }
      : r,
  );
}

/** The canaries a text holds: none is the only right answer. */
function leaked(text: string, canaries: Canaries): string[] {
  return canaries.planted.filter((c) => text.includes(c));
}

const INTENTS = { "p2s-intended-access": { intents: [{ gateway: "*", reach: ["app", "10.250.0.0/16"], deny: ["pci"] }] } };

describe("secrets never reach a message, a note or a report", () => {
  const session = new InProcessPack();
  beforeAll(() => session.configure(INTENTS));

  for (const mode of ["preview", "deployed"] as const) {
    it(`in the pack (Analyze and AnalyzeStack), with each resource's every string and intent tag secret in turn (${mode})`, async () => {
      const base = recorded("hub", mode);
      const found: string[] = [];
      let answered = 0;
      for (let target = 0; target < base.length; target++) {
        const canaries = new Canaries();
        const inputs: AnalyzerInput[] = toAnalyzerInputs(planted(base, target, canaries));
        const diagnostics = await session.diagnostics(inputs);
        answered++;
        for (const d of diagnostics)
          found.push(...leaked(d.message, canaries).map((c) => `${base[target].name}: ${c} in ${d.policyName}: ${d.message}`));
      }
      expect(found).toEqual([]);
      expect(answered).toBe(base.length);
    });
  }

  it("in every p2s-check format, for an export written with --show-secrets and a preview", () => {
    const base = recorded("hub", "deployed");
    const found: string[] = [];
    for (let target = 0; target < base.length; target++) {
      const canaries = new Canaries();
      const registrations = planted(base, target, canaries);
      // --show-secrets writes each secret's plaintext beside its signature.
      const exported = JSON.stringify(stackExport(registrations)).replace(
        /"ciphertext":"[^"]*"/g,
        () => `"plaintext":${JSON.stringify(JSON.stringify(canaries.planted[0]))}`,
      );
      const files = [writeJson(exported, "secret-export"), writeJson(previewJson(registrations), "secret-preview")];
      const config = writeJson(INTENTS, "secret-config");
      for (const file of files) {
        for (const format of ["text", "json", "markdown", "sarif"]) {
          const { stdout, stderr } = runCheck(["--config", config, "--format", format, file]);
          found.push(...leaked(stdout + stderr, canaries).map((c) => `${base[target].name} ${format}: ${c}`));
        }
      }
    }
    expect(found).toEqual([]);
  });

  it("marks a secret value as secret where the pack would have printed it", async () => {
    const base = recorded("hub", "preview");
    const spoke = base.findIndex((r) => r.name === "app");
    const withSecretPrefix = base.map((r, i) =>
      i === spoke ? { ...r, inputs: { ...r.inputs, addressSpace: { addressPrefixes: [secret("not-a-cidr-canary")] } } } : r,
    );
    const messages = (await session.diagnostics(toAnalyzerInputs(withSecretPrefix))).map((d) => d.message);
    expect(messages.filter((m) => m.includes("canary"))).toEqual([]);
    expect(messages.filter((m) => m.includes("not a valid CIDR"))).toEqual([]);
  });
});

import { createHash } from "crypto";
import { SECRET_SIG } from "../policypack/extract/plain";
import type { Registration } from "./registration";

/**
 * The two documents p2s-check reads, in the shapes the Pulumi CLI writes them (apitype.ResourceV3
 * states): `pulumi stack export` (version 3 deployment) and `pulumi preview --json` (steps).
 * They are assembled from registrations recorded from @pulumi/pulumi's runtime.
 */

type Json = unknown;

/** Rewrites secret envelopes: exports keep them encrypted, previews print "[secret]". */
function mapSecrets(value: Json, replace: (plain: Json) => Json): Json {
  if (Array.isArray(value)) return value.map((v) => mapSecrets(v, replace));
  if (value === null || typeof value !== "object") return value;
  const bag = value as Record<string, Json>;
  if (SECRET_SIG in bag) return replace(bag.value);
  return Object.fromEntries(Object.entries(bag).map(([k, v]) => [k, mapSecrets(v, replace)]));
}

const encrypted = (plain: Json) => ({
  [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270",
  ciphertext: `v1:${createHash("sha256").update(JSON.stringify(plain)).digest("base64")}`,
});
const blinded = () => "[secret]";

function stackUrn(registrations: Registration[]): string {
  const [stack, project] = (registrations[0]?.urn ?? "urn:pulumi:dev::project::x::y").split("::");
  return `${stack}::${project}::pulumi:pulumi:Stack::${project}-${stack.replace("urn:pulumi:", "")}`;
}

function state(r: Registration, secrets: (plain: Json) => Json, withOutputs: boolean): Record<string, Json> {
  const inputs = mapSecrets(r.inputs, secrets);
  return {
    urn: r.urn,
    custom: r.custom,
    ...(r.id !== undefined ? { id: r.id } : {}),
    type: r.type,
    inputs,
    outputs:
      withOutputs && r.id !== undefined
        ? {
            ...(inputs as Record<string, Json>),
            ...(mapSecrets(r.computed ?? {}, secrets) as Record<string, Json>),
            id: r.id,
            name: r.azureName,
          }
        : {},
    ...(r.parent ? { parent: r.parent } : {}),
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
  };
}

/** `pulumi stack export` of a deployed stack (registrations recorded with preview: false). */
export function stackExport(registrations: Registration[]): Json {
  const root = { urn: stackUrn(registrations), custom: false, type: "pulumi:pulumi:Stack", outputs: {} };
  return {
    version: 3,
    deployment: {
      manifest: { time: "2026-01-01T00:00:00Z", magic: "", version: "v3.0.0" },
      secrets_providers: { type: "passphrase", state: { salt: "v1:sample" } },
      resources: [root, ...registrations.map((r) => state(r, encrypted, true))],
    },
  };
}

/** `pulumi preview --json`: creates for new resources, and old states when `before` is deployed. */
export function previewJson(after: Registration[], before: Registration[] = []): Json {
  const old = new Map(before.map((r) => [r.urn, r]));
  const steps: Json[] = after.map((r) => {
    const previous = old.get(r.urn);
    const newState = state(r, blinded, true);
    if (!previous) return { op: "create", urn: r.urn, newState };
    const same = JSON.stringify(previous.inputs) === JSON.stringify(r.inputs);
    return { op: same ? "same" : "update", urn: r.urn, oldState: state(previous, blinded, true), newState };
  });
  const kept = new Set(after.map((r) => r.urn));
  for (const r of before) if (!kept.has(r.urn)) steps.push({ op: "delete", urn: r.urn, oldState: state(r, blinded, true) });
  const count = (op: string) => steps.filter((s) => (s as { op: string }).op === op).length;
  return {
    config: {},
    steps,
    changeSummary: Object.fromEntries(["create", "update", "same", "delete"].map((op) => [op, count(op)]).filter(([, n]) => n !== 0)),
  };
}

import { UNKNOWN, markSecrets } from "../extract/plain";
import type { RawResource } from "../extract/raw-resource";
import { toRawResource } from "../extract/raw-resource";
import { parseJson } from "./parse-json";

/** A resource state as `pulumi stack export` and `pulumi preview --json` write it (apitype.ResourceV3). */
interface ResourceV3 {
  urn?: unknown;
  type?: unknown;
  custom?: unknown;
  delete?: unknown;
  inputs?: unknown;
  outputs?: unknown;
  parent?: unknown;
  dependencies?: unknown;
  propertyDependencies?: unknown;
}

export interface StackInput {
  /** The state after the change (the exported state, or the preview's new states). */
  after: RawResource[];
  /** A preview's old states, when it has any. */
  before: RawResource[];
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Outputs describe what exists; inputs fill what outputs lack (resourceGroupName, say). */
function toRaw(state: ResourceV3): RawResource | undefined {
  if (typeof state.urn !== "string" || typeof state.type !== "string") return undefined;
  const inputs = asObject(markSecrets(state.inputs)) ?? {};
  const outputs = asObject(markSecrets(state.outputs)) ?? {};
  const props: Record<string, unknown> = { ...inputs };
  for (const [k, v] of Object.entries(outputs)) if (v !== UNKNOWN || !(k in props)) props[k] = v;
  const propertyDependencies: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(asObject(state.propertyDependencies) ?? {})) propertyDependencies[k] = strings(v);
  return toRawResource({
    type: state.type,
    urn: state.urn,
    props,
    parent: typeof state.parent === "string" ? state.parent : undefined,
    dependencies: strings(state.dependencies),
    propertyDependencies,
  });
}

function collect(states: unknown[]): RawResource[] {
  const byUrn = new Map<string, RawResource>();
  for (const s of states) {
    const state = asObject(s) as ResourceV3 | undefined;
    if (!state || state.delete === true) continue;
    const raw = toRaw(state);
    if (raw) byUrn.set(raw.urn, raw);
  }
  return [...byUrn.values()];
}

/** The longest part of a preview's own error message repeated: one line, enough to say what failed. */
const ERROR_LENGTH = 300;

/** The first error diagnostic of a preview, as one line without colours or its "error: " prefix. */
function previewError(diagnostics: unknown): string | undefined {
  for (const d of Array.isArray(diagnostics) ? diagnostics : []) {
    const diagnostic = asObject(d);
    if (diagnostic?.severity !== "error" || typeof diagnostic.message !== "string") continue;
    const line = diagnostic.message
      .replace(/\u001b\[[0-9;]*m/g, "")
      .replace(/[\u0000-\u001f\u007f]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .replace(/^error:\s*/i, "");
    return line.length > ERROR_LENGTH ? `${line.slice(0, ERROR_LENGTH)}…` : line;
  }
  return undefined;
}

/** Detects the format and reads it; a string is the one-line reason it cannot be used. */
export function readStackInput(text: string, source: string): StackInput | string {
  const parsed = parseJson(text, source);
  if ("problem" in parsed) return parsed.problem;
  const root = asObject(parsed.value);
  const deployment = asObject(root?.deployment);
  // An empty or destroyed stack exports a deployment without resources.
  if (deployment && (Array.isArray(deployment.resources) || deployment.resources === undefined || deployment.resources === null)) {
    return { after: collect(Array.isArray(deployment.resources) ? deployment.resources : []), before: [] };
  }
  // A preview that failed before planning anything prints its diagnostics without steps: nothing
  // was checked, and a green job would hide the failure.
  if (root && root.steps === undefined && (Array.isArray(root.diagnostics) || asObject(root.config) || asObject(root.changeSummary))) {
    const error = previewError(root.diagnostics);
    if (error !== undefined) return `${source} is a preview that failed before planning anything: ${error}`;
    return { after: [], before: [] };
  }
  if (root && Array.isArray(root.steps)) {
    const after: unknown[] = [];
    const before: unknown[] = [];
    for (const s of root.steps) {
      const step = asObject(s);
      if (!step) continue;
      const op = typeof step.op === "string" ? step.op : "";
      if (op !== "delete" && op !== "delete-replaced" && op !== "discard" && step.newState !== undefined) after.push(step.newState);
      if (op !== "create" && step.oldState !== undefined) before.push(step.oldState);
    }
    return { after: collect(after), before: collect(before) };
  }
  return `${source} is neither a 'pulumi stack export' (deployment.resources) nor a 'pulumi preview --json' (steps) document`;
}

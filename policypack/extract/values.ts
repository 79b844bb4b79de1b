import { isSecret, isUnknown } from "./plain";

/** Reads of plain property bags that tolerate unknowns, wrong types and missing fields. */
export type Bag = Record<string, unknown>;

export function asBag(value: unknown): Bag | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Bag) : undefined;
}

/** Follows a path of keys; undefined as soon as a step is missing, unknown or not an object. */
export function at(bag: unknown, ...path: string[]): unknown {
  return atPath(bag, path);
}

/** `at` with the path as a list: readers of resources that come in tens of thousands build no list of arguments per read. */
export function atPath(bag: unknown, path: readonly string[]): unknown {
  let current: unknown = bag;
  for (const key of path) {
    const b = asBag(current);
    if (!b) return undefined;
    current = b[key];
  }
  return current;
}

export function str(value: unknown): string | undefined {
  return typeof value === "string" && !isUnknown(value) ? value : undefined;
}

export function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === "boolean" ? value : fallback;
}

export function num(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** True when the value, or anything inside it, is unknown. */
export function hasUnknown(value: unknown, depth = 0): boolean {
  if (isUnknown(value)) return true;
  if (depth > 32 || value === null || typeof value !== "object") return false;
  return Object.values(value as Bag).some((v) => hasUnknown(v, depth + 1));
}

export function stringTags(value: unknown): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(asBag(value) ?? {})) {
    const s = str(v);
    if (s !== undefined) tags[k] = s;
  }
  return tags;
}

/** Known strings of a list; `unknown` tells whether the list or any entry was unknown. */
export function strings(value: unknown): { values: string[]; unknown: boolean; secret: boolean; invalid: unknown[] } {
  if (isUnknown(value)) return { values: [], unknown: true, secret: isSecret(value), invalid: [] };
  const values: string[] = [];
  const invalid: unknown[] = [];
  let unknown = false;
  let secret = false;
  for (const entry of list(value)) {
    if (isUnknown(entry)) {
      unknown = true;
      secret ||= isSecret(entry);
    } else if (typeof entry === "string") values.push(entry);
    else invalid.push(entry);
  }
  if (value !== undefined && value !== null && !Array.isArray(value)) invalid.push(value);
  return { values, unknown, secret, invalid };
}

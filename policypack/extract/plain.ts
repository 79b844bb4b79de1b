/** The key that marks a secret value in Pulumi's serialised properties and state files. */
export const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** The string the Pulumi engine sends for a value not known until the update (all types). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** What a state file's secret becomes on input (a preview prints it so): known to Pulumi, not to the pack. */
export const SECRET = "[secret]";

export function isSecret(value: unknown): boolean {
  return value === SECRET;
}

/** Sentinels @pulumi/policy uses for unknowns of each type; the engine sends the first for all. A secret is read as one. */
const UNKNOWN_SENTINELS = new Set([
  UNKNOWN,
  SECRET,
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** The sentinels' lengths: every string read is tested, and almost none has one of them, so few are looked up. */
const SENTINEL_LENGTHS = new Set([...UNKNOWN_SENTINELS].map((s) => s.length));

export function isUnknown(value: unknown): boolean {
  return typeof value === "string" && SENTINEL_LENGTHS.has(value.length) && UNKNOWN_SENTINELS.has(value);
}

const MAX_DEPTH = 64;

/**
 * Secrets arrive in Pulumi's envelope ({sig, value} on the analyzer protocol, {sig, ciphertext}
 * in an export) or as "[secret]" in previews. Each becomes SECRET, so no secret value ever reaches
 * extraction, nor any message built from it.
 */
export function markSecrets(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return undefined;
  if (Array.isArray(value)) return value.map((v) => markSecrets(v, depth + 1));
  if (value === null || typeof value !== "object") return value;
  const bag = value as Record<string, unknown>;
  if (SECRET_SIG in bag) return SECRET;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(bag)) out[k] = markSecrets(v, depth + 1);
  return out;
}

/**
 * A plain deep copy of resource properties that never triggers @pulumi/policy's unknown-checking
 * proxy: that proxy traps only property reads, so own keys and property descriptors reach the
 * underlying object, and unknowns come through as their sentinel strings instead of throwing.
 * A value the SDK boxed as secret (`isSecretBox`) becomes SECRET: its plaintext never gets further.
 */
export function toPlain(
  value: unknown,
  isSecretBox: (value: object) => boolean = () => false,
  depth = 0,
  seen: WeakSet<object> = new WeakSet(),
): unknown {
  if (value === null || typeof value !== "object") return typeof value === "function" ? undefined : value;
  if (isSecretBox(value)) return SECRET;
  if (depth > MAX_DEPTH || seen.has(value)) return undefined;
  seen.add(value);
  const read = (key: PropertyKey) => {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    return descriptor && "value" in descriptor ? descriptor.value : undefined;
  };
  let out: unknown;
  if (Array.isArray(value)) {
    const length = read("length");
    const n = typeof length === "number" ? length : 0;
    const list: unknown[] = [];
    for (let i = 0; i < n; i++) list.push(toPlain(read(String(i)), isSecretBox, depth + 1, seen));
    out = list;
  } else {
    const obj: Record<string, unknown> = {};
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key !== "string") continue;
      obj[key] = toPlain(read(key), isSecretBox, depth + 1, seen);
    }
    out = obj;
  }
  seen.delete(value);
  return out;
}

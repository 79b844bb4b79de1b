import { compareText } from "./order";

/**
 * Messages without provider vocabulary. The engine writes a sentence with references to fields by
 * provider-neutral keys; the front end spells each key as the provider of the named resource does.
 */

/** Settings a fix can name, by what they mean rather than by how a provider spells them. */
export const FIELD_KEYS = [
  "gateway.clientPool",
  "gateway.clientPools",
  "gateway.groupPool",
  "gateway.groupPools",
  "gateway.protocols",
  "gateway.authTypes",
  "gateway.routing",
  "gateway.sku",
  "gateway.generation",
  "gateway.asn",
  "gateway.bgp",
  "gateway.advertisedRoutePrefixes",
  "gateway.entraTenant",
  "gateway.entraIssuer",
  "gateway.entraAudience",
  "gateway.publicIp",
  "publicIp.sku",
  "publicIp.allocation",
  "peering.allowsTransit",
  "peering.usesRemoteGateway",
  "peering.allowsAccess",
  "connection.bgp",
  "site.bgp",
  "site.asn",
  "vnet.prefixes",
  "vnet.nameServers",
  "inbound.address",
  "site.prefixes",
  "subnet.nsg",
  "subnet.table",
  "table.routes",
  "table.propagation",
  "wan.type",
  "wan.branchToBranch",
  "hub.sku",
  "hubTable.routes",
  "p2s.pools",
  "p2s.associatedTable",
  "p2s.propagatedTables",
  "p2s.internetSecurity",
  "p2s.scaleUnits",
  "p2s.nameServers",
  "server.protocols",
  "server.authTypes",
  "server.policyGroups",
  "hubConnection.associatedTable",
  "hubConnection.propagatedTables",
  "hubConnection.applianceRoutes",
  "hubConnection.bgp",
  "intent.policies",
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

/** A field of one resource: the resource decides the provider, hence the spelling. */
export interface FieldRef {
  field: FieldKey;
  /** Id of the resource that has (or will have) the field. */
  resource: string;
}

export type SentencePart = string | FieldRef;
/** Text with field references in it, written by the engine and spelled by the front end. */
export type Sentence = readonly SentencePart[];

/** How a field key is written for a resource. */
export type Spell = (ref: FieldRef) => string;

export function fieldRef(resource: string, field: FieldKey): FieldRef {
  return { field, resource };
}

type Value = string | number | FieldRef | Sentence;

/** A tagged template: `sentence\`Set ${fieldRef(id, "peering.allowsTransit")} to true.\``. */
export function sentence(strings: TemplateStringsArray, ...values: Value[]): Sentence {
  // Loops rather than closures: every finding and path failure writes several sentences.
  const parts: SentencePart[] = [];
  for (let i = 0; i < strings.length; i++) {
    pushPart(parts, strings[i]);
    if (i >= values.length) continue;
    const value = values[i];
    if (Array.isArray(value)) for (const part of value as Sentence) pushPart(parts, part);
    else pushPart(parts, typeof value === "number" ? String(value) : (value as string | FieldRef));
  }
  return parts;
}

/** Appends a part, joining neighbouring texts and leaving out empty ones. */
function pushPart(parts: SentencePart[], part: SentencePart): void {
  const last = parts[parts.length - 1];
  if (typeof part === "string" && typeof last === "string") parts[parts.length - 1] = last + part;
  else if (part !== "") parts.push(part);
}

export function renderSentence(text: Sentence, spell: Spell): string {
  return text.map((part) => (typeof part === "string" ? part : spell(part))).join("");
}

/** Equal sentences have equal keys, whatever the spelling. */
export function sentenceKey(text: Sentence): string {
  return text.map(keyPart).join("");
}

/** A part as sentenceKey writes it. */
function keyPart(part: SentencePart): string {
  return typeof part === "string" ? part : `{${part.field}@${part.resource}}`;
}

/**
 * compareText of two sentences' keys without writing them: sentences that are sorted mostly differ
 * early ("For clients of hub1-gw" and "... hub2-gw"), and thousands of path findings are sorted.
 */
export function compareSentenceKeys(a: Sentence, b: Sentence): number {
  let i = 0;
  let j = 0;
  let textA = "";
  let textB = "";
  let atA = 0;
  let atB = 0;
  for (;;) {
    while (atA >= textA.length && i < a.length) {
      textA = keyPart(a[i++]);
      atA = 0;
    }
    while (atB >= textB.length && j < b.length) {
      textB = keyPart(b[j++]);
      atB = 0;
    }
    const endA = atA >= textA.length;
    const endB = atB >= textB.length;
    if (endA || endB) return endA && endB ? 0 : endA ? -1 : 1;
    const n = Math.min(textA.length - atA, textB.length - atB);
    for (let k = 0; k < n; k++) {
      const x = textA.charCodeAt(atA + k);
      const y = textB.charCodeAt(atB + k);
      if (x !== y) return x < y ? -1 : 1;
    }
    atA += n;
    atB += n;
  }
}

/** What a fix does to its field: set a value, add to or remove from a list, declare or change a resource. */
export type FixAction = "set" | "add" | "remove" | "declare" | "change";

/** A fix: the resource to change, the field (when one field does it), what to do, and the sentence. */
export interface Fix {
  resource?: string;
  field?: FieldKey;
  action: FixAction;
  text: Sentence;
}

/** Each sentence once, in the order of their keys. */
export function uniqueSentences(texts: Iterable<Sentence>): Sentence[] {
  const byKey = new Map<string, Sentence>();
  for (const text of texts) byKey.set(sentenceKey(text), text);
  return [...byKey.keys()].sort(compareText).map((key) => byKey.get(key) as Sentence);
}

import ipaddr from "ipaddr.js";
import { quoted } from "./quoted";

/** A parsed, network-aligned CIDR. All arithmetic is left to ipaddr.js. */
export interface Cidr {
  /** Canonical text, e.g. "10.1.0.0/16" or "fd00::/64". */
  text: string;
  family: 4 | 6;
  address: ipaddr.IPv4 | ipaddr.IPv6;
  length: number;
  /** The address bytes as fixed-width hex, so that ordering compares strings, not byte arrays. */
  sortKey: string;
}

/** A failed parse says what was given ("10.1.0.0/33", quoted and cut short) and why it is no CIDR ("is not a valid CIDR"). */
export type CidrParse = { ok: true; cidr: Cidr } | { ok: false; given: string; why: string };

const cache = new Map<string, CidrParse>();

/** Parses a CIDR strictly: four-part decimal IPv4 or IPv6, prefix length present, no host bits set. */
export function parseCidr(input: unknown): CidrParse {
  if (typeof input !== "string") {
    return { ok: false, given: describe(input), why: "is not a CIDR string" };
  }
  const hit = cache.get(input);
  if (hit) return hit;
  const result = parseUncached(input.trim());
  if (cache.size > 100_000) cache.clear();
  cache.set(input, result);
  return result;
}

function parseUncached(text: string): CidrParse {
  let family: 4 | 6;
  if (ipaddr.IPv4.isValidCIDRFourPartDecimal(text)) family = 4;
  else if (!text.includes(".") && ipaddr.IPv6.isValidCIDR(text)) family = 6;
  else return { ok: false, given: quoted(text), why: "is not a valid CIDR" };
  // The family's own parser: ipaddr.parseCIDR tries IPv6 first and throws on every IPv4 prefix.
  const [address, length] = family === 4 ? ipaddr.IPv4.parseCIDR(text) : ipaddr.IPv6.parseCIDR(text);
  const network = family === 4 ? ipaddr.IPv4.networkAddressFromCIDR(text) : ipaddr.IPv6.networkAddressFromCIDR(text);
  const canonical = `${network.toString()}/${length}`;
  if (network.toString() !== address.toString()) {
    return { ok: false, given: quoted(text), why: `has host bits set (the network is ${canonical})` };
  }
  const sortKey = network
    .toByteArray()
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");
  return { ok: true, cidr: { text: canonical, family, address: network, length, sortKey } };
}

function describe(value: unknown): string {
  if (value === undefined) return "a missing value";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `the ${typeof value} ${quoted(String(value))}`;
}

/** True when `inner` lies inside `outer` (equal counts). */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && outer.length <= inner.length && inner.address.match(outer.address, outer.length);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return contains(a, b) || contains(b, a);
}

/** Orders by family (IPv4 first), then numeric address, then prefix length (shorter first). */
export function compareCidrs(a: Cidr, b: Cidr): number {
  if (a.family !== b.family) return a.family - b.family;
  if (a.sortKey !== b.sortKey) return a.sortKey < b.sortKey ? -1 : 1;
  return a.length - b.length;
}

/** Unique, sorted canonical texts. */
export function sortedUnique(cidrs: Iterable<Cidr>): string[] {
  // Sorting puts equal prefixes side by side, so no set is needed to drop duplicates.
  const sorted = [...cidrs].sort(compareCidrs);
  const out: string[] = [];
  for (const c of sorted) if (out.length === 0 || out[out.length - 1] !== c.text) out.push(c.text);
  return out;
}

function networkKey(cidr: Cidr, length: number): string {
  // Every subnet's paths ask a hub's system routes: masking the octets spares a text to parse.
  if (cidr.family === 4) {
    const octets = (cidr.address as ipaddr.IPv4).octets;
    let text = "";
    for (let i = 0; i < 4; i++) {
      const bits = Math.min(8, Math.max(0, length - 8 * i));
      text += `${i > 0 ? "." : ""}${octets[i] & (0xff00 >> bits) & 0xff}`;
    }
    return `${text}/${length}`;
  }
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${cidr.address.toString()}/${length}`).toString()}/${length}`;
}

/** A set of prefixes (no payload) with the same lookups as PrefixIndex, for the hot paths. */
export class PrefixSet {
  private readonly byText = new Map<string, Cidr>();
  private readonly lengths: [Set<number>, Set<number>] = [new Set(), new Set()];

  constructor(members: Iterable<Cidr> = []) {
    for (const cidr of members) this.add(cidr);
  }

  add(cidr: Cidr): void {
    this.byText.set(cidr.text, cidr);
    this.lengths[cidr.family === 4 ? 0 : 1].add(cidr.length);
  }

  /** Every member that contains `cidr` (itself included). */
  containing(cidr: Cidr): Cidr[] {
    const out: Cidr[] = [];
    for (const length of this.lengths[cidr.family === 4 ? 0 : 1]) {
      if (length > cidr.length) continue;
      const member = this.byText.get(length === cidr.length ? cidr.text : networkKey(cidr, length));
      if (member) out.push(member);
    }
    return out;
  }

  covers(cidr: Cidr): boolean {
    for (const length of this.lengths[cidr.family === 4 ? 0 : 1]) {
      if (length > cidr.length) continue;
      if (this.byText.has(length === cidr.length ? cidr.text : networkKey(cidr, length))) return true;
    }
    return false;
  }
}

/** Prefixes with values attached: "which members contain this prefix?", and their values. */
export class PrefixIndex<T> {
  private readonly members = new PrefixSet();
  private readonly values = new Map<string, T[]>();

  add(cidr: Cidr, value: T): void {
    this.members.add(cidr);
    const list = this.values.get(cidr.text);
    if (list) list.push(value);
    else this.values.set(cidr.text, [value]);
  }

  /** Values of every member that contains `cidr` (itself included). */
  containing(cidr: Cidr): T[] {
    // A loop rather than flatMap: every subnet's forward hop asks its hub's routes.
    const out: T[] = [];
    for (const member of this.members.containing(cidr)) {
      const values = this.values.get(member.text);
      if (values) for (const value of values) out.push(value);
    }
    return out;
  }

  covers(cidr: Cidr): boolean {
    return this.members.covers(cidr);
  }
}

/** Canonical prefix texts (as sortedUnique gives them) merged: unique and sorted the same way. */
export function mergedPrefixes(lists: Iterable<readonly string[]>): string[] {
  const cidrs: Cidr[] = [];
  for (const list of lists)
    for (const text of list) {
      const parsed = parseCidr(text);
      if (parsed.ok) cidrs.push(parsed.cidr);
    }
  return sortedUnique(cidrs);
}

import ipaddr from "ipaddr.js";
import type { Cidr } from "../topology/cidr";

/**
 * A set of flows (source address x protocol x destination port) kept as a canonical partition, so
 * that filters can be cut, combined and compared exactly without enumerating addresses.
 *
 * Layout: one track per (address family, protocol); a track is a sorted list of disjoint address
 * intervals (bigint, inclusive), each carrying a normalised set of destination port ranges.
 * Neighbouring intervals with the same ports are merged, so two equal sets have equal structure.
 * A binary operation sweeps both tracks' interval edges once: O((n + m) log(n + m) + (n + m) k)
 * for n and m intervals with at most k port ranges each.
 *
 * ICMP has no ports: its flows all carry the single pseudo-port 0, whatever ports a caller names.
 * That keeps one shape for every track, and an ICMP track doubles as a plain address set.
 */

export type Protocol = "tcp" | "udp" | "icmp";
export const PROTOCOLS: readonly Protocol[] = ["tcp", "udp", "icmp"];
export type Family = 4 | 6;
/** Inclusive [first, last]. */
export type PortRange = readonly [number, number];
export const ALL_PORTS: PortRange = [0, 65535];
export const ICMP_PSEUDO_PORT = 0;

/** One interval of a track, as callers read it. */
export interface FlowRow {
  family: Family;
  protocol: Protocol;
  first: bigint;
  last: bigint;
  ports: readonly PortRange[];
}

export interface Flow {
  family: Family;
  address: bigint;
  protocol: Protocol;
  port: number;
}

interface Row {
  first: bigint;
  last: bigint;
  ports: readonly PortRange[];
}

type Keep = (inA: boolean, inB: boolean) => boolean;
const UNION: Keep = (a, b) => a || b;
const INTERSECTION: Keep = (a, b) => a && b;
const DIFFERENCE: Keep = (a, b) => a && !b;

const FAMILIES: readonly Family[] = [4, 6];
const TRACK_COUNT = FAMILIES.length * PROTOCOLS.length;

function trackIndex(family: Family, protocol: Protocol): number {
  return (family === 4 ? 0 : PROTOCOLS.length) + PROTOCOLS.indexOf(protocol);
}

export class FlowSet {
  private constructor(private readonly tracks: readonly (readonly Row[])[]) {}

  static empty(): FlowSet {
    return new FlowSet(Array.from({ length: TRACK_COUNT }, () => []));
  }

  /** Every flow from `cidrs` with one of `protocols` to one of `ports` (ICMP: the pseudo-port, whatever `ports` say). */
  static of(cidrs: readonly Cidr[], protocols: readonly Protocol[], ports: readonly PortRange[]): FlowSet {
    const tracks: Row[][] = Array.from({ length: TRACK_COUNT }, () => []);
    const portSet = normalisedPorts(ports.map(([a, b]): PortRange => [Math.max(a, ALL_PORTS[0]), Math.min(b, ALL_PORTS[1])]));
    for (const family of FAMILIES) {
      const intervals = mergedIntervals(cidrs.filter((c) => c.family === family).map(intervalOf));
      for (const protocol of new Set(protocols)) {
        const rowPorts = protocol === "icmp" ? [[ICMP_PSEUDO_PORT, ICMP_PSEUDO_PORT] as const] : portSet;
        if (rowPorts.length === 0) continue;
        tracks[trackIndex(family, protocol)] = intervals.map(([first, last]) => ({ first, last, ports: rowPorts }));
      }
    }
    return new FlowSet(tracks);
  }

  union(other: FlowSet): FlowSet {
    return this.combine(other, UNION);
  }

  intersect(other: FlowSet): FlowSet {
    return this.combine(other, INTERSECTION);
  }

  subtract(other: FlowSet): FlowSet {
    return this.combine(other, DIFFERENCE);
  }

  isEmpty(): boolean {
    return this.tracks.every((t) => t.length === 0);
  }

  /** Structural equality is set equality, because the layout is canonical. */
  equals(other: FlowSet): boolean {
    return this.tracks.every((track, i) => {
      const theirs = other.tracks[i];
      return (
        track.length === theirs.length &&
        track.every((r, j) => r.first === theirs[j].first && r.last === theirs[j].last && sameRanges(r.ports, theirs[j].ports))
      );
    });
  }

  has(flow: Flow): boolean {
    const row = this.tracks[trackIndex(flow.family, flow.protocol)].find((r) => r.first <= flow.address && flow.address <= r.last);
    return row !== undefined && row.ports.some(([a, b]) => a <= flow.port && flow.port <= b);
  }

  /** The rows in canonical order: IPv4 before IPv6, TCP, UDP, ICMP, then by address. */
  rows(): FlowRow[] {
    return FAMILIES.flatMap((family) =>
      PROTOCOLS.flatMap((protocol) => this.tracks[trackIndex(family, protocol)].map((r) => ({ family, protocol, ...r }))),
    );
  }

  /** One line per prefix, "tcp 10.0.0.0/25 443,8000-8100" or "icmp 10.0.0.0/25": what tests and debug output compare. */
  toStrings(): string[] {
    return this.rows().flatMap((row) =>
      cidrTexts(row.family, row.first, row.last).map((cidr) =>
        row.protocol === "icmp" ? `icmp ${cidr}` : `${row.protocol} ${cidr} ${portsText(row.ports)}`,
      ),
    );
  }

  private combine(other: FlowSet, keep: Keep): FlowSet {
    return new FlowSet(this.tracks.map((track, i) => combineRows(track, other.tracks[i], keep)));
  }
}

/** "443", "80,443", "8000-8100": port ranges as one token. */
export function portsText(ports: readonly PortRange[]): string {
  return ports.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(",");
}

/** The address interval [first, last] a prefix covers. */
export function intervalOf(cidr: Cidr): [bigint, bigint] {
  const bits = cidr.family === 4 ? 32 : 128;
  const first = cidr.address.toByteArray().reduce((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
  return [first, first + (1n << BigInt(bits - cidr.length)) - 1n];
}

/** The fewest prefixes that cover [first, last] exactly, in address order. */
export function cidrTexts(family: Family, first: bigint, last: bigint): string[] {
  const bits = family === 4 ? 32 : 128;
  const out: string[] = [];
  let start = first;
  while (start <= last) {
    // The largest aligned block at `start` that stays inside the interval.
    let size = start === 0n ? 1n << BigInt(bits) : start & -start;
    while (start + size - 1n > last) size >>= 1n;
    out.push(`${addressText(family, start)}/${bits - (size.toString(2).length - 1)}`);
    start += size;
  }
  return out;
}

function addressText(family: Family, value: bigint): string {
  const bytes: number[] = [];
  for (let i = 0; i < (family === 4 ? 4 : 16); i++) bytes.unshift(Number((value >> BigInt(8 * i)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

function mergedIntervals(intervals: [bigint, bigint][]): [bigint, bigint][] {
  const sorted = [...intervals].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (const [first, last] of sorted) {
    const prev = out[out.length - 1];
    if (prev && first <= prev[1] + 1n) prev[1] = last > prev[1] ? last : prev[1];
    else out.push([first, last]);
  }
  return out;
}

/** Sorted, disjoint, non-adjacent ranges: the canonical form every track keeps. */
export function normalisedPorts(ranges: readonly PortRange[]): PortRange[] {
  const sorted = ranges.filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const prev = out[out.length - 1];
    if (prev && a <= prev[1] + 1) prev[1] = Math.max(prev[1], b);
    else out.push([a, b]);
  }
  return out;
}

function sameRanges(a: readonly PortRange[], b: readonly PortRange[]): boolean {
  return a.length === b.length && a.every((r, i) => r[0] === b[i][0] && r[1] === b[i][1]);
}

/** Sweeps the edges of two canonical range lists; a range is in the result where `keep` says so. */
function combineRanges(a: readonly PortRange[], b: readonly PortRange[], keep: Keep): PortRange[] {
  const points = [...new Set([...a, ...b].flatMap(([first, last]) => [first, last + 1]))].sort((x, y) => x - y);
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const start = points[k];
    while (i < a.length && a[i][1] < start) i++;
    while (j < b.length && b[j][1] < start) j++;
    if (!keep(i < a.length && a[i][0] <= start, j < b.length && b[j][0] <= start)) continue;
    const prev = out[out.length - 1];
    if (prev && prev[1] + 1 === start) prev[1] = points[k + 1] - 1;
    else out.push([start, points[k + 1] - 1]);
  }
  return out;
}

/** The same sweep over address edges, combining the ports of each elementary interval. */
function combineRows(a: readonly Row[], b: readonly Row[], keep: Keep): Row[] {
  if (a.length === 0 && b.length === 0) return [];
  const points = [...new Set([...a, ...b].flatMap((r) => [r.first, r.last + 1n]))].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const out: { first: bigint; last: bigint; ports: readonly PortRange[] }[] = [];
  let i = 0;
  let j = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const start = points[k];
    while (i < a.length && a[i].last < start) i++;
    while (j < b.length && b[j].last < start) j++;
    const inA = i < a.length && a[i].first <= start;
    const inB = j < b.length && b[j].first <= start;
    if (!inA && !inB) continue;
    const ports = combineRanges(inA ? a[i].ports : [], inB ? b[j].ports : [], keep);
    if (ports.length === 0) continue;
    const prev = out[out.length - 1];
    if (prev && prev.last + 1n === start && sameRanges(prev.ports, ports)) prev.last = points[k + 1] - 1n;
    else out.push({ first: start, last: points[k + 1] - 1n, ports });
  }
  return out;
}

/** One labelled part of a partition. */
export interface FlowPart<L> {
  label: L;
  flows: FlowSet;
}

/**
 * Cuts `universe` by rules in order, the first match winning: each rule takes what it matches of
 * what earlier rules left. Cutting at the rules' own prefixes and port ranges is what the set
 * operations do, so the parts need no separate grid. Empty parts are left out.
 */
export function firstMatch<L>(universe: FlowSet, rules: readonly FlowPart<L>[]): { parts: FlowPart<L>[]; rest: FlowSet } {
  const parts: FlowPart<L>[] = [];
  let rest = universe;
  for (const rule of rules) {
    if (rest.isEmpty()) break;
    const taken = rest.intersect(rule.flows);
    if (taken.isEmpty()) continue;
    parts.push({ label: rule.label, flows: taken });
    rest = rest.subtract(rule.flows);
  }
  return { parts, rest };
}

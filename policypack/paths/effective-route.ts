import type { Cidr } from "../topology/cidr";
import { contains, parseCidr } from "../topology/cidr";
import { cidrTexts, intervalOf } from "../filters/flow-set";
import type { DeclaredRoute, NextHop } from "./next-hop";

/** Where a candidate route comes from (spec P1): user-defined, learned from the gateway, the VNet's own or a peering's, or Azure's defaults. */
export type RouteOrigin = "udr" | "gateway" | "system" | "default";

export interface RouteCandidate {
  cidr: Cidr;
  origin: RouteOrigin;
  hop: NextHop;
  /** The user-defined route, for messages. */
  declared?: DeclaredRoute;
}

/** A part of a queried prefix with the one route that decides it; undefined when no route matches. */
export interface RoutedPart {
  /** The part as the fewest prefixes. */
  prefixes: readonly string[];
  route: RouteCandidate | undefined;
}

/** On equal prefixes a user-defined route wins, then a gateway route, then a system route (spec P1). */
const RANK: Record<RouteOrigin, number> = { udr: 0, gateway: 1, system: 2, default: 3 };

const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"];

/**
 * Azure's default system routes: the internet for everything, and none for the private ranges,
 * which a 0.0.0.0/0 user-defined route replaces (spec P3, virtual-networks-udr-overview).
 */
export function defaultRoutes(hasDefaultUdr: boolean): readonly RouteCandidate[] {
  return hasDefaultUdr ? INTERNET : DEFAULTS;
}

function route(text: string, hop: NextHop): RouteCandidate[] {
  const parsed = parseCidr(text);
  return parsed.ok ? [{ cidr: parsed.cidr, origin: "default", hop }] : [];
}

const INTERNET: readonly RouteCandidate[] = [...route("0.0.0.0/0", { kind: "internet" }), ...route("::/0", { kind: "internet" })];
const DEFAULTS: readonly RouteCandidate[] = [...INTERNET, ...PRIVATE_RANGES.flatMap((r) => route(r, { kind: "none" }))];

/** Address intervals by prefix: every subnet of every gateway asks for the same few. */
const intervals = new WeakMap<Cidr, [bigint, bigint]>();
function interval(cidr: Cidr): [bigint, bigint] {
  let found = intervals.get(cidr);
  if (!found) intervals.set(cidr, (found = intervalOf(cidr)));
  return found;
}

/**
 * Spec P1 over a prefix: the longest matching candidate decides each address, with the ties of
 * RANK; the VNet's own and peering system routes win over gateway routes even when those are more
 * specific. The prefix is cut wherever a candidate starts or ends inside it, so each part has one
 * deciding route; neighbouring parts with the same route are merged.
 */
export function effectiveRoutes(query: Cidr, ...lists: (readonly RouteCandidate[])[]): RoutedPart[] {
  // Prefixes nest or are disjoint: unless a candidate lies strictly inside the query, one route
  // decides it whole, and that is found without the intervals. The candidates come in several
  // lists, in order, so that each subnet's query does not copy them into one.
  // The best of those containing the query is kept as they are met, as `choose` would pick it: one
  // best of all, one without gateway routes for when a system route is among them.
  let best: RouteCandidate | undefined;
  let bestNotGateway: RouteCandidate | undefined;
  let system = false;
  for (const candidates of lists)
    for (const c of candidates) {
      if (c.cidr.family !== query.family) continue;
      if (c.cidr.length > query.length) {
        if (contains(query, c.cidr)) return cutByRoutes(query, lists.flat());
      } else if (contains(c.cidr, query)) {
        if (better(c, best)) best = c;
        if (c.origin !== "gateway" && better(c, bestNotGateway)) bestNotGateway = c;
        if (c.origin === "system") system = true;
      }
    }
  return [{ prefixes: wholeTexts(query), route: system ? bestNotGateway : best }];
}

function better(c: RouteCandidate, best: RouteCandidate | undefined): boolean {
  return !best || c.cidr.length > best.cidr.length || (c.cidr.length === best.cidr.length && RANK[c.origin] < RANK[best.origin]);
}

/** A prefix's own texts, as cidrTexts writes them: a query is asked for by every subnet of every gateway. */
const wholes = new WeakMap<Cidr, readonly string[]>();
function wholeTexts(cidr: Cidr): readonly string[] {
  let texts = wholes.get(cidr);
  if (!texts) {
    const [first, last] = interval(cidr);
    wholes.set(cidr, (texts = cidrTexts(cidr.family, first, last)));
  }
  return texts;
}

function cutByRoutes(query: Cidr, candidates: readonly RouteCandidate[]): RoutedPart[] {
  const [first, last] = interval(query);
  const relevant = candidates
    .filter((c) => c.cidr.family === query.family)
    .map((c) => ({ c, range: interval(c.cidr) }))
    .filter(({ range }) => range[0] <= last && range[1] >= first);
  const edges = new Set<bigint>([first]);
  for (const { range } of relevant) {
    if (range[0] > first) edges.add(range[0]);
    if (range[1] < last) edges.add(range[1] + 1n);
  }
  const starts = [...edges].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const parts: { first: bigint; last: bigint; route: RouteCandidate | undefined }[] = [];
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1] - 1n : last;
    const route = choose(relevant.filter(({ range }) => range[0] <= start && range[1] >= end).map(({ c }) => c));
    const previous = parts[parts.length - 1];
    if (previous && previous.route === route) previous.last = end;
    else parts.push({ first: start, last: end, route });
  });
  return parts.map((p) => ({ prefixes: cidrTexts(query.family, p.first, p.last), route: p.route }));
}

/** The first of the longest, then best ranked, candidates: a scan, since every subnet of every gateway asks. */
function choose(containing: readonly RouteCandidate[]): RouteCandidate | undefined {
  const system = containing.some((c) => c.origin === "system");
  let best: RouteCandidate | undefined;
  for (const c of containing) {
    if (system && c.origin === "gateway") continue;
    if (better(c, best)) best = c;
  }
  return best;
}

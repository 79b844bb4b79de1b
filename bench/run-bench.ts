import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type { AnalyzerInput } from "../offline/analyzer-client";
import { analyzerInputToRaw, PolicyPackProcess, toAnalyzerResource } from "../offline/analyzer-client";
import { repoRoot } from "../offline/repo-root";
import { analyzeResources } from "../policypack/pipeline/stack-analysis";
import { POLICIES } from "../policypack/policies/catalogue";
import { violationsOf } from "../policypack/pipeline/violations-of";
import type { RawResource } from "../policypack/extract/raw-resource";
import type { StackAnalysis } from "../policypack/pipeline/stack-analysis";
import type { TopologyKind } from "./generate-stack";
import { TOPOLOGIES, generateStack } from "./generate-stack";

const SIZES = [1000, 3000, 10000];
/** The size at which the engine is also measured on the same stacks without NSGs and route tables, and without any of the filters stacks' additions. */
const LARGEST = SIZES[SIZES.length - 1];
/** Engine runs per stack: at least this many, and more until ENGINE_MIN_MS have passed. */
const ENGINE_REPS = 9;
const ENGINE_MIN_MS = 2000;
const WARM_UPS = 3;
const PACK_REPS = 5;
/** Runs of the engine with every subnet's flows (--flows), after one warm-up: a run takes seconds. */
const FLOWS_REPS = 3;

/** The bounds of the issue: the pack against the no-op pack, filters against none, and the scaling exponent. */
const MAX_PACK_RATIO = 1.5;
const MAX_FILTERS_RATIO = 2;

interface Run {
  topology: TopologyKind;
  vnets: number;
  resources: number;
  engineMs: number;
  /** One pass that indexes every resource by URN in a Map: the least any URN-keyed work on the stack costs. */
  mapFloorMs: number;
  packMs: number;
  noopMs: number;
  ratio: number;
  violations: number;
  /**
   * At LARGEST VNets: the engine on the same stack without NSGs and route tables (its subnets and
   * firewalls kept, so every path is direct), measured interleaved with engineMs: the bound.
   */
  engineNoNsgsOrTablesMs?: number;
  /** engineMs / engineNoNsgsOrTablesMs. */
  filtersRatio?: number;
  /** At LARGEST VNets, in the same interleaving: the stack without subnets, NSGs, route tables and firewalls (VNets, peerings and gateways only). */
  engineBareMs?: number;
  /** engineMs / engineBareMs. */
  bareRatio?: number;
  /** With --flows: the engine and every P2S gateway's subnets' flows (what reports and port intents compute, the policies do not). */
  engineFlowsMs?: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timed(f: () => unknown | Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Least-squares slope of log(time) over log(size). */
function exponent(points: { x: number; y: number }[]): number {
  const xs = points.map((p) => Math.log(p.x));
  const ys = points.map((p) => Math.log(p.y));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const num = xs.reduce((a, x, i) => a + (x - mx) * (ys[i] - my), 0);
  const den = xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  return num / den;
}

const STARTS = 7;

/**
 * From starting a pack as the CLI does to its first answer (GetAnalyzerInfo), median of STARTS
 * starts, for the real pack and for the no-op pack, both compiled JavaScript.
 */
async function measureStartup(packDir: string, noopDir: string): Promise<{ packMs: number; noopMs: number; ratio: number }> {
  const once = async (dir: string) =>
    timed(async () => {
      const pack = await PolicyPackProcess.start(dir);
      await pack.getAnalyzerInfo();
      await pack.stop();
    });
  const packTimes: number[] = [];
  const noopTimes: number[] = [];
  await once(packDir); // file caches
  await once(noopDir);
  for (let i = 0; i < STARTS; i++) {
    packTimes.push(await once(packDir));
    noopTimes.push(await once(noopDir));
  }
  return { packMs: round(median(packTimes)), noopMs: round(median(noopTimes)), ratio: round(median(packTimes) / median(noopTimes), 3) };
}

async function startPack(dir: string): Promise<PolicyPackProcess> {
  const pack = await PolicyPackProcess.start(dir);
  await pack.configureStack("bench", "bench", true);
  const info = await pack.getAnalyzerInfo();
  await pack.configure(Object.fromEntries(info.policies.map((p) => [p.name, { enforcementLevel: p.enforcementLevel }])));
  return pack;
}

/**
 * Median time of `f` after warm-ups, over at least ENGINE_REPS runs and ENGINE_MIN_MS: a 1,000-VNet
 * stack takes a few milliseconds, so nine runs of it would leave its median (and with it the
 * scaling exponent) to timer and scheduler noise.
 */
async function medianOf(f: () => unknown): Promise<number> {
  for (let i = 0; i < WARM_UPS; i++) await f(); // JIT and caches
  const times: number[] = [];
  const start = Date.now();
  while (times.length < ENGINE_REPS || (Date.now() - start < ENGINE_MIN_MS && times.length < 1000)) times.push(await timed(f));
  return median(times);
}

/**
 * The medians of functions run in turn (after warm-ups of each), over at least ENGINE_REPS runs
 * each and ENGINE_MIN_MS: load from other processes then falls on all alike.
 */
async function mediansInTurn(functions: (() => unknown)[]): Promise<number[]> {
  for (let i = 0; i < WARM_UPS; i++) for (const f of functions) await f();
  const times: number[][] = functions.map(() => []);
  const start = Date.now();
  while (times[0].length < ENGINE_REPS || (Date.now() - start < ENGINE_MIN_MS && times[0].length < 1000))
    for (let i = 0; i < functions.length; i++) times[i].push(await timed(functions[i]));
  return times.map(median);
}

/** Extraction, analysis and all policies' violations: what the pack computes for a request. */
function engine(raw: RawResource[]): { stack: StackAnalysis; violations: number } {
  const stack = analyzeResources(raw);
  return { stack, violations: POLICIES.reduce((n, p) => n + violationsOf(p, stack).length, 0) };
}

/** Every P2S gateway's subnets' flows (NSGs and firewalls), computed lazily: reports and port intents ask for them. */
function allFlows(stack: StackAnalysis): number {
  let parts = 0;
  for (const gateway of stack.analysis.gateways) for (const subnet of gateway.paths.subnets) parts += subnet.flows().length;
  return parts;
}

async function measureEngine(topology: TopologyKind, vnets: number, flows: boolean) {
  const raw = generateStack(topology, vnets).map(analyzerInputToRaw);
  let violations = 0;
  const run = () => (violations = engine(raw).violations);
  let engineMs: number;
  let without: Pick<Run, "engineNoNsgsOrTablesMs" | "filtersRatio" | "engineBareMs" | "bareRatio"> | undefined;
  if (vnets === LARGEST) {
    const unfiltered = generateStack(topology, vnets, { filters: "no-nsgs-or-route-tables" }).map(analyzerInputToRaw);
    const bare = generateStack(topology, vnets, { filters: "none" }).map(analyzerInputToRaw);
    const [withMs, unfilteredMs, bareMs] = await mediansInTurn([run, () => engine(unfiltered), () => engine(bare)]);
    engineMs = withMs;
    without = {
      engineNoNsgsOrTablesMs: round(unfilteredMs),
      filtersRatio: round(withMs / unfilteredMs, 3),
      engineBareMs: round(bareMs),
      bareRatio: round(withMs / bareMs, 3),
    };
  } else engineMs = await medianOf(run);
  const mapFloorMs = await medianOf(() => {
    const byUrn = new Map<string, RawResource>();
    for (const r of raw) if (!byUrn.has(r.urn)) byUrn.set(r.urn, r);
    return byUrn;
  });
  let engineFlowsMs: number | undefined;
  if (flows) {
    allFlows(engine(raw).stack); // warm-up
    const times: number[] = [];
    for (let i = 0; i < FLOWS_REPS; i++) times.push(await timed(() => allFlows(engine(raw).stack)));
    engineFlowsMs = round(median(times));
  }
  return {
    engineMs: round(engineMs),
    mapFloorMs: round(mapFloorMs, 2),
    violations,
    resources: raw.length,
    ...without,
    ...(engineFlowsMs !== undefined ? { engineFlowsMs } : {}),
  };
}

/**
 * An AnalyzeStackRequest serialised once, resource by resource (field 1, repeated): google-protobuf's
 * Struct of a 60,000-resource stack with NSG rules takes gigabytes of heap and tens of seconds to
 * serialise, the client's cost (the CLI's, in Go), which would otherwise fall into both packs' times.
 */
function serialisedRequest(inputs: AnalyzerInput[]): analyzerPb.AnalyzeStackRequest {
  const parts: Uint8Array[] = [];
  for (const input of inputs) {
    const bytes = toAnalyzerResource(input).serializeBinary();
    const head = [0x0a];
    for (let n = bytes.length; ; n >>>= 7) {
      if (n < 0x80) {
        head.push(n);
        break;
      }
      head.push((n & 0x7f) | 0x80);
    }
    parts.push(Uint8Array.from(head), bytes);
  }
  const all = Buffer.concat(parts);
  const request = new analyzerPb.AnalyzeStackRequest();
  request.serializeBinary = () => all;
  return request;
}

async function measurePacks(pack: PolicyPackProcess, noop: PolicyPackProcess, topology: TopologyKind, vnets: number) {
  const request = serialisedRequest(generateStack(topology, vnets));
  await pack.analyzeStack(request);
  await noop.analyzeStack(request);
  const packTimes: number[] = [];
  const noopTimes: number[] = [];
  for (let i = 0; i < PACK_REPS; i++) {
    packTimes.push(await timed(() => pack.analyzeStack(request)));
    noopTimes.push(await timed(() => noop.analyzeStack(request)));
  }
  return { packMs: round(median(packTimes)), noopMs: round(median(noopTimes)), ratio: round(median(packTimes) / median(noopTimes), 3) };
}

async function main(): Promise<void> {
  const root = repoRoot();
  const args = process.argv.slice(2);
  const engineOnly = args.includes("--engine-only");
  const flows = args.includes("--flows");
  const only = args.filter((a) => !a.startsWith("--"));
  const topologies = TOPOLOGIES.filter((t) => only.length === 0 || only.includes(t));
  const runs: Run[] = [];
  // Let V8 optimise the engine on a mid-size stack first, so the first small stack is not
  // measured half-interpreted (that would bend the scaling exponent).
  for (const filters of ["all", "no-nsgs-or-route-tables", "none"] as const) {
    const warm = generateStack("mixed", 3000, { filters }).map(analyzerInputToRaw);
    for (let i = 0; i < 10; i++) engine(warm);
    // The Virtual WAN readers and hub routing run on no other kind: warm them too, on a smaller stack.
    if (topologies.includes("virtual-wan")) {
      const wan = generateStack("virtual-wan", 1000, { filters }).map(analyzerInputToRaw);
      for (let i = 0; i < 10; i++) engine(wan);
    }
  }
  // The engine first, before this process holds the large gRPC requests, whose heap would
  // otherwise slow its garbage collection; then the two packs.
  for (const topology of topologies) {
    for (const vnets of SIZES) {
      runs.push({ topology, vnets, ...(await measureEngine(topology, vnets, flows)), packMs: NaN, noopMs: NaN, ratio: NaN });
    }
  }
  let startup: { packMs: number; noopMs: number; ratio: number } | undefined;
  if (!engineOnly || args.includes("--startup")) {
    startup = await measureStartup(path.join(root, "policypack"), path.join(root, "bench", "noop-pack"));
    console.log(`startup to first answer: pack ${startup.packMs} ms, no-op ${startup.noopMs} ms, ratio ${startup.ratio}`);
  }
  if (!engineOnly) {
    const pack = await startPack(path.join(root, "policypack"));
    const noop = await startPack(path.join(root, "bench", "noop-pack"));
    try {
      for (const run of runs) Object.assign(run, await measurePacks(pack, noop, run.topology, run.vnets));
    } finally {
      await pack.stop();
      await noop.stop();
    }
  }
  for (const run of runs) {
    console.log(
      `${run.topology.padEnd(10)} ${String(run.vnets).padStart(6)} VNets ${String(run.resources).padStart(6)} resources  engine ${String(run.engineMs).padStart(8)} ms  URN map ${String(run.mapFloorMs).padStart(6)} ms  pack ${String(run.packMs).padStart(9)} ms  no-op ${String(run.noopMs).padStart(9)} ms  ratio ${run.ratio}` +
        (run.engineNoNsgsOrTablesMs !== undefined
          ? `  without NSGs and route tables ${run.engineNoNsgsOrTablesMs} ms, ratio ${run.filtersRatio}; without any filters ${run.engineBareMs} ms, ratio ${run.bareRatio}`
          : "") +
        (run.engineFlowsMs !== undefined ? `  with flows ${run.engineFlowsMs} ms` : ""),
    );
  }
  const slope = (topology: TopologyKind, y: (r: Run) => number) =>
    round(exponent(runs.filter((r) => r.topology === topology).map((r) => ({ x: r.vnets, y: y(r) }))), 3);
  const scaling = topologies.map((topology) => ({
    topology,
    exponent: slope(topology, (r) => r.engineMs),
    mapFloorExponent: slope(topology, (r) => r.mapFloorMs),
  }));
  for (const s of scaling) {
    console.log(`scaling ${s.topology}: engine time grows as VNets^${s.exponent} (indexing by URN alone: VNets^${s.mapFloorExponent})`);
  }
  const bounds = checkBounds(runs, scaling, !engineOnly);
  for (const b of bounds)
    console.log(`bound ${b.bound}: ${b.holds === null ? "not measured" : b.holds ? "holds" : "NOT MET"} (${b.detail})`);
  const cpus = os.cpus();
  const results = {
    machine: `${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.arch()}`,
    node: process.version,
    date: new Date().toISOString(),
    method: `stacks with subnets, NSGs, route tables and firewalls; median of at least ${ENGINE_REPS} engine runs and ${ENGINE_MIN_MS / 1000} s (extraction, analysis and all policies' violations, as the pack computes them; not the subnets' flows, which only reports and port intents compute) after ${WARM_UPS} warm-ups, and the same for one pass indexing the resources by URN in a Map (mapFloorMs); at ${LARGEST} VNets the engine runs take turns with runs on the same stack without NSGs and route tables (engineNoNsgsOrTablesMs, filtersRatio: the bound) and without subnets, NSGs, route tables and firewalls (engineBareMs, bareRatio); median of ${PACK_REPS} AnalyzeStack requests per pack over gRPC (the same request, serialised once beforehand, to the real pack and to a no-op pack with the same policies); startup: median of ${STARTS} starts as the CLI starts a pack, to its first answer, both packs compiled JavaScript`,
    startup,
    runs,
    scaling,
    bounds,
  };
  if (engineOnly) return; // a quick look: results.json keeps the last full run
  const file = path.join(root, "bench", "results.json");
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
  console.log(`written ${path.relative(process.cwd(), file) || file}`);
}

interface Bound {
  bound: string;
  /** null when not measured (the packs in --engine-only). */
  holds: boolean | null;
  detail: string;
}

/** The bounds: pack / no-op at most MAX_PACK_RATIO on every stack; filters at most MAX_FILTERS_RATIO at LARGEST; engine exponent at most the URN map's. */
function checkBounds(
  runs: Run[],
  scaling: { topology: TopologyKind; exponent: number; mapFloorExponent: number }[],
  packs: boolean,
): Bound[] {
  const worst = (values: { run: Run; value: number }[]) => values.reduce((a, b) => (b.value > a.value ? b : a));
  const where = (run: Run) => `${run.topology} ${run.vnets.toLocaleString("en-US")}`;
  const out: Bound[] = [];
  if (packs && runs.length > 0) {
    const w = worst(runs.map((run) => ({ run, value: run.ratio })));
    out.push({
      bound: `pack / no-op <= ${MAX_PACK_RATIO}`,
      holds: w.value <= MAX_PACK_RATIO,
      detail: `highest ${w.value}, ${where(w.run)}`,
    });
  } else out.push({ bound: `pack / no-op <= ${MAX_PACK_RATIO}`, holds: null, detail: "--engine-only" });
  const compared = runs.filter((r) => r.filtersRatio !== undefined).map((run) => ({ run, value: run.filtersRatio as number }));
  if (compared.length > 0) {
    const w = worst(compared);
    out.push({
      bound: `engine with / without NSGs and route tables at ${LARGEST.toLocaleString("en-US")} VNets <= ${MAX_FILTERS_RATIO}`,
      holds: w.value <= MAX_FILTERS_RATIO,
      detail: compared.map((c) => `${c.run.topology} ${c.value} (without any filters: ${c.run.bareRatio})`).join(", "),
    });
  }
  if (scaling.length > 0 && SIZES.every((size) => runs.some((r) => r.vnets === size))) {
    out.push({
      bound: "engine exponent <= URN map exponent",
      holds: scaling.every((s) => s.exponent <= s.mapFloorExponent),
      detail: scaling.map((s) => `${s.topology} ${s.exponent} vs ${s.mapFloorExponent}`).join(", "),
    });
  }
  return out;
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exit(1);
});

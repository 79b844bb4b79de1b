import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { analyzeStackRequest, analyzerInputToRaw, PolicyPackProcess } from "../offline/analyzer-client";
import { repoRoot } from "../offline/repo-root";
import { analyzeResources } from "../policypack/pipeline/stack-analysis";
import { POLICIES } from "../policypack/policies/catalogue";
import { violationsOf } from "../policypack/pipeline/violations-of";
import type { RawResource } from "../policypack/extract/raw-resource";
import type { TopologyKind } from "./generate-stack";
import { TOPOLOGIES, generateStack } from "./generate-stack";

const SIZES = [1000, 3000, 10000];
/** Engine runs per stack: at least this many, and more until ENGINE_MIN_MS have passed. */
const ENGINE_REPS = 9;
const ENGINE_MIN_MS = 2000;
const WARM_UPS = 3;
const PACK_REPS = 5;

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

async function measureEngine(topology: TopologyKind, vnets: number) {
  const raw = generateStack(topology, vnets).map(analyzerInputToRaw);
  let violations = 0;
  const engineMs = await medianOf(() => {
    const stack = analyzeResources(raw);
    violations = POLICIES.reduce((n, p) => n + violationsOf(p, stack).length, 0);
  });
  const mapFloorMs = await medianOf(() => {
    const byUrn = new Map<string, RawResource>();
    for (const r of raw) if (!byUrn.has(r.urn)) byUrn.set(r.urn, r);
    return byUrn;
  });
  return { engineMs: round(engineMs), mapFloorMs: round(mapFloorMs, 2), violations, resources: raw.length };
}

async function measurePacks(pack: PolicyPackProcess, noop: PolicyPackProcess, topology: TopologyKind, vnets: number) {
  const request = analyzeStackRequest(generateStack(topology, vnets));
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
  const only = args.filter((a) => !a.startsWith("--"));
  const topologies = TOPOLOGIES.filter((t) => only.length === 0 || only.includes(t));
  const runs: Run[] = [];
  // Let V8 optimise the engine on a mid-size stack first, so the first small stack is not
  // measured half-interpreted (that would bend the scaling exponent).
  const warm = generateStack("mixed", 3000).map(analyzerInputToRaw);
  for (let i = 0; i < 10; i++) {
    const stack = analyzeResources(warm);
    for (const policy of POLICIES) violationsOf(policy, stack);
  }
  // The engine first, before this process holds the large gRPC requests, whose heap would
  // otherwise slow its garbage collection; then the two packs.
  for (const topology of topologies) {
    for (const vnets of SIZES) {
      runs.push({ topology, vnets, ...(await measureEngine(topology, vnets)), packMs: NaN, noopMs: NaN, ratio: NaN });
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
      `${run.topology.padEnd(10)} ${String(run.vnets).padStart(6)} VNets ${String(run.resources).padStart(6)} resources  engine ${String(run.engineMs).padStart(8)} ms  URN map ${String(run.mapFloorMs).padStart(6)} ms  pack ${String(run.packMs).padStart(9)} ms  no-op ${String(run.noopMs).padStart(9)} ms  ratio ${run.ratio}`,
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
  const cpus = os.cpus();
  const results = {
    machine: `${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.arch()}`,
    node: process.version,
    date: new Date().toISOString(),
    method: `median of at least ${ENGINE_REPS} engine runs and ${ENGINE_MIN_MS / 1000} s (extraction, analysis and all policies' violations) after ${WARM_UPS} warm-ups, and the same for one pass indexing the resources by URN in a Map (mapFloorMs); median of ${PACK_REPS} AnalyzeStack requests per pack over gRPC (the same prebuilt request to the real pack and to a no-op pack with the same policies); startup: median of ${STARTS} starts as the CLI starts a pack, to its first answer, both packs compiled JavaScript`,
    startup,
    runs,
    scaling,
  };
  if (engineOnly) return; // a quick look: results.json keeps the last full run
  const file = path.join(root, "bench", "results.json");
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
  console.log(`written ${path.relative(process.cwd(), file) || file}`);
}

function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

main().catch((e: Error) => {
  console.error(e.stack ?? e.message);
  process.exit(1);
});

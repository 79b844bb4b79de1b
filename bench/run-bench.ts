import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { analyzeStackRequest, PolicyPackProcess, toRawResource } from "../offline/analyzer-client";
import { repoRoot } from "../offline/repo-root";
import { POLICY_NAMES } from "../policypack/violations/definitions";
import { analyzeResources, violationsOf } from "../policypack/violations/compute";
import { TOPOLOGIES, TopologyKind, generateStack } from "./generate-stack";

const SIZES = [1000, 3000, 10000];
const ENGINE_REPS = 9;
const WARM_UPS = 3;
const PACK_REPS = 5;

interface Run {
  topology: TopologyKind;
  vnets: number;
  resources: number;
  engineMs: number;
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

async function startPack(dir: string): Promise<PolicyPackProcess> {
  const pack = await PolicyPackProcess.start(dir);
  await pack.configureStack("bench", "bench", true);
  const info = await pack.getAnalyzerInfo();
  await pack.configure(Object.fromEntries(info.policies.map((p) => [p.name, { enforcementLevel: p.enforcementLevel }])));
  return pack;
}

async function measureEngine(topology: TopologyKind, vnets: number): Promise<{ engineMs: number; violations: number; resources: number }> {
  const raw = generateStack(topology, vnets).map(toRawResource);
  let violations = 0;
  const engine = async () => {
    const stack = analyzeResources(raw);
    violations = POLICY_NAMES.reduce((n, p) => n + violationsOf(p, stack).length, 0);
  };
  for (let i = 0; i < WARM_UPS; i++) await engine(); // JIT and caches
  const times: number[] = [];
  for (let i = 0; i < ENGINE_REPS; i++) times.push(await timed(engine));
  return { engineMs: round(median(times)), violations, resources: raw.length };
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
  const warm = generateStack("mixed", 3000).map(toRawResource);
  for (let i = 0; i < 10; i++) {
    const stack = analyzeResources(warm);
    for (const policy of POLICY_NAMES) violationsOf(policy, stack);
  }
  // The engine first, before this process holds the large gRPC requests, whose heap would
  // otherwise slow its garbage collection; then the two packs.
  for (const topology of topologies) {
    for (const vnets of SIZES) {
      runs.push({ topology, vnets, ...(await measureEngine(topology, vnets)), packMs: NaN, noopMs: NaN, ratio: NaN });
    }
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
      `${run.topology.padEnd(10)} ${String(run.vnets).padStart(6)} VNets ${String(run.resources).padStart(6)} resources  engine ${String(run.engineMs).padStart(8)} ms  pack ${String(run.packMs).padStart(9)} ms  no-op ${String(run.noopMs).padStart(9)} ms  ratio ${run.ratio}`,
    );
  }
  const scaling = topologies.map((topology) => ({
    topology,
    exponent: round(exponent(runs.filter((r) => r.topology === topology).map((r) => ({ x: r.vnets, y: r.engineMs }))), 3),
  }));
  for (const s of scaling) console.log(`scaling ${s.topology}: engine time grows as VNets^${s.exponent}`);
  const cpus = os.cpus();
  const results = {
    machine: `${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.arch()}`,
    node: process.version,
    date: new Date().toISOString(),
    method: `median of ${ENGINE_REPS} engine runs (extraction, analysis and all seven policies' violations) after ${WARM_UPS} warm-ups; median of ${PACK_REPS} AnalyzeStack requests per pack over gRPC (the same prebuilt request to the real pack and to a no-op pack with the same seven stack policies)`,
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

import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { ROOT, sourceFiles } from "./source-files";

/** Every file's imports under policypack/, type-only ones included, resolved as the compiler resolves them. */
function importGraph(): Map<string, string[]> {
  const options: ts.CompilerOptions = { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10 };
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles("policypack")) {
    const info = ts.preProcessFile(fs.readFileSync(path.join(ROOT, file), "utf8"), true, true);
    const targets = info.importedFiles
      .map((i) => ts.resolveModuleName(i.fileName, path.join(ROOT, file), options, ts.sys).resolvedModule?.resolvedFileName)
      .filter((f): f is string => f !== undefined && !f.includes("node_modules"))
      .map((f) => path.relative(ROOT, f));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The cycles a depth-first search meets, each as the path that closes it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

/** Each room's floor: a file imports its own room's files and lower floors' only. */
const LAYER: Record<string, number> = {
  topology: 0,
  extract: 1,
  filters: 1.5,
  paths: 1.7,
  "virtual-wan": 1.8,
  reachability: 2,
  checks: 3,
  intents: 4,
  pipeline: 5,
  policies: 6,
  report: 7,
  pack: 7,
  cli: 8,
  index: 9,
};

/** "policypack/checks/bgp-checks.ts" is in the room "checks"; policypack/index.ts is a room of its own. */
function roomOf(file: string): string {
  const parts = file.split("/");
  const room = parts.length > 2 ? parts[1] : "index";
  if (!(room in LAYER)) throw new Error(`${file} is in no known room: add its folder to LAYER`);
  return room;
}

describe("module structure", () => {
  it("has no import cycle anywhere under policypack/", () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(30);
    expect(cycles(graph)).toEqual([]);
  });

  it("keeps @pulumi/* in the pack's wiring: extraction, the engine, the checks, the pipeline and the policies never load it", () => {
    const sdkUsers = sourceFiles("policypack").filter((f) => /from "@pulumi\//.test(fs.readFileSync(path.join(ROOT, f), "utf8")));
    expect(sdkUsers).toEqual([
      "policypack/index.ts",
      "policypack/pack/policies.ts",
      "policypack/pack/pulumi-policy.ts",
      "policypack/pack/secret-marks.ts",
    ]);
  });

  it("imports only downward, room by room: topology, extract, reachability, checks, intents, pipeline, policies, then report and pack side by side, then cli", () => {
    const graph = importGraph();
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) {
        const [from, to] = [roomOf(file), roomOf(target)];
        const allowed = from === to || LAYER[to] < LAYER[from] || (from === "index" && to === "pack");
        if (!allowed || (LAYER[to] === LAYER[from] && from !== to)) upward.push(`${file} -> ${target}`);
      }
    }
    expect(upward).toEqual([]);
  });
});

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

describe("module structure", () => {
  it("has no import cycle anywhere under policypack/", () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(30);
    expect(cycles(graph)).toEqual([]);
  });

  it("keeps @pulumi/* out of extraction's consumers: the engine, the findings and the policy modules", () => {
    const sdkUsers = sourceFiles("policypack").filter((f) => /from "@pulumi\//.test(fs.readFileSync(path.join(ROOT, f), "utf8")));
    expect(sdkUsers).toEqual(["policypack/index.ts", "policypack/policies/index.ts", "policypack/policies/pulumi-policy.ts", "policypack/policies/secret-marks.ts"]);
  });
});

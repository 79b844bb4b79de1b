import * as path from "path";
import { compareText } from "../policypack/topology/order";
import { configuredLevel, propertiesOf } from "../policypack/pipeline/policy-config";
import { repoRoot } from "./repo-root";
import type { AnalyzerInput, Diagnostic, Level, PolicyInfo } from "./analyzer-client";
import { PolicyPackProcess } from "./analyzer-client";

export const PACK_DIR = path.join(repoRoot(), "policypack");

/** A compact view of a diagnostic: what a test asserts and what a failure prints. */
export interface Seen {
  policy: string;
  level: Level;
  resource: string;
  message: string;
}

/** What the offline preview needs of a pack: who it is, configuration, and the diagnostics of a stack. */
export interface PreviewAnalyzer {
  info: { name: string; version: string };
  configure(config?: Record<string, unknown>): Promise<void> | void;
  diagnostics(inputs: AnalyzerInput[]): Promise<Diagnostic[]>;
  stop(): Promise<void>;
}

/** Drives the pack like `pulumi preview --policy-pack policypack [--policy-pack-config F]`. */
export class PackSession implements PreviewAnalyzer {
  private constructor(
    readonly pack: PolicyPackProcess,
    readonly info: { name: string; version: string },
    readonly policies: PolicyInfo[],
  ) {}

  static async start(options: { packDir?: string; stack?: string; project?: string; dryRun?: boolean } = {}): Promise<PackSession> {
    const pack = await PolicyPackProcess.start(options.packDir ?? PACK_DIR);
    await pack.configureStack(options.stack ?? "dev", options.project ?? "azure-p2s-routing-sample", options.dryRun ?? true);
    const info = await pack.getAnalyzerInfo();
    return new PackSession(pack, { name: info.name, version: info.version }, info.policies);
  }

  /**
   * Configure as the CLI does with `--policy-pack-config`: every policy with its level (the
   * file's, its "all" entry's, or the policy's default) and its properties. A policy may be given
   * as a bare level.
   */
  async configure(config: Record<string, unknown> = {}): Promise<void> {
    const request: Record<string, { enforcementLevel: Level; properties: Record<string, unknown> }> = {};
    for (const policy of this.policies) {
      const level = (configuredLevel(policy.name, config) as Level | undefined) ?? policy.enforcementLevel;
      request[policy.name] = { enforcementLevel: level, properties: propertiesOf(policy.name, config) };
    }
    await this.pack.configure(request);
  }

  /** Analyze for each resource, then AnalyzeStack, as the engine does in a preview. */
  async diagnostics(inputs: AnalyzerInput[]): Promise<Diagnostic[]> {
    const out: Diagnostic[] = [];
    for (const input of inputs) out.push(...(await this.pack.analyze(input)));
    out.push(...(await this.pack.analyzeStack(inputs)));
    return out;
  }

  /** The diagnostics of the resource and stack policies in compact form, sorted: a resource policy reports once per resource it finds. */
  async run(inputs: AnalyzerInput[]): Promise<Seen[]> {
    const diagnostics = await this.diagnostics(inputs);
    return diagnostics.map(seen).sort(compareSeen);
  }

  async stop(): Promise<void> {
    await this.pack.stop();
  }
}

export function seen(d: Diagnostic): Seen {
  const description = `${d.description}\n`;
  return {
    policy: d.policyName,
    level: d.enforcementLevel,
    resource: d.urn === "" ? "(stack)" : (d.urn.split("::").pop() as string),
    // The CLI prints the description before the message; the message itself must not repeat it.
    message: d.message.startsWith(description) ? d.message.slice(description.length) : `UNEXPECTED FORMAT: ${d.message}`,
  };
}

/** By policy, then resource and message as one text, so a list of diagnostics reads the same on every run. */
export function compareSeen(a: Seen, b: Seen): number {
  return compareText(a.policy + a.resource + a.message, b.policy + b.resource + b.message);
}

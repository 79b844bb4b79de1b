import * as path from "path";
import { AnalyzerInput, Diagnostic, Level, PolicyInfo, PolicyPackProcess } from "../../offline/analyzer-client";

export const PACK_DIR = path.join(__dirname, "..", "..", "policypack");

/** A compact view of a diagnostic: what a test asserts and what a failure prints. */
export interface Seen {
  policy: string;
  level: Level;
  resource: string;
  message: string;
}

/** Drives the pack like `pulumi preview --policy-pack policypack [--policy-pack-config F]`. */
export class PackSession {
  private constructor(
    readonly pack: PolicyPackProcess,
    readonly policies: PolicyInfo[],
  ) {}

  static async start(): Promise<PackSession> {
    const pack = await PolicyPackProcess.start(PACK_DIR);
    await pack.configureStack("dev", "azure-p2s-routing-sample", true);
    const info = await pack.getAnalyzerInfo();
    return new PackSession(pack, info.policies);
  }

  /** Configure as the CLI does: every policy with its level, then the given properties. */
  async configure(config: Record<string, { enforcementLevel?: Level; [key: string]: unknown }> = {}): Promise<void> {
    const request: Record<string, { enforcementLevel: Level; properties: Record<string, unknown> }> = {};
    for (const policy of this.policies) {
      const { enforcementLevel, ...properties } = config[policy.name] ?? {};
      request[policy.name] = { enforcementLevel: enforcementLevel ?? policy.enforcementLevel, properties };
    }
    await this.pack.configure(request);
  }

  /** Analyze for each resource (the pack has no resource policies: none may answer), then AnalyzeStack. */
  async run(inputs: AnalyzerInput[]): Promise<Seen[]> {
    for (const input of inputs) {
      const perResource = await this.pack.analyze(input);
      if (perResource.length > 0) throw new Error(`Analyze(${input.name}) answered ${JSON.stringify(perResource)}`);
    }
    const diagnostics = await this.pack.analyzeStack(inputs);
    return diagnostics.map(seen).sort((a, b) => (a.policy + a.resource + a.message < b.policy + b.resource + b.message ? -1 : 1));
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

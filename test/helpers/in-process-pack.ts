import type { StackValidationPolicy } from "@pulumi/policy";
import * as server from "@pulumi/policy/server";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type { AnalyzerInput, Diagnostic, Level } from "../../offline/analyzer-client";
import { analyzeStackRequest, diagnostics } from "../../offline/analyzer-client";
import type { PreviewAnalyzer, Seen } from "../../offline/pack-session";
import { compareSeen, seen } from "../../offline/pack-session";
import { policies } from "../../policypack/policies/index";
import { configuredLevel, propertiesOf } from "../../policypack/policies/policy-config";
import packJson from "../../policypack/package.json";

type Callback<T> = (err: Error | null | undefined, response?: T) => void;
type RpcFun<Req, Res> = (call: { request: Req }, callback: Callback<Res>) => Promise<void>;

/** @pulumi/policy's own request handlers, as its tests call them (internal, so untyped in its d.ts). */
const sdk = server as unknown as {
  makeAnalyzeStackRpcFun(name: string, version: string, level: Level, policies: StackValidationPolicy[]): RpcFun<analyzerPb.AnalyzeStackRequest, analyzerPb.AnalyzeResponse>;
};

export const PACK_NAME = "azure-p2s-routing";

/**
 * The pack's policies behind @pulumi/policy's AnalyzeStack handler, in this process: the request
 * is the protobuf message the CLI sends, deserialised and wrapped in the unknown-checking proxy
 * by the SDK itself. Configuration takes the path the CLI's Configure call would: each policy
 * runs at its configured level and reads its own properties through getConfig.
 */
export class InProcessPack implements PreviewAnalyzer {
  readonly info = { name: PACK_NAME, version: packJson.version };
  private analyzeStack = this.handler({});

  async stop(): Promise<void> {}

  configure(config: Record<string, unknown> = {}): void {
    this.analyzeStack = this.handler(config);
  }

  private handler(config: Record<string, unknown>) {
    const configured = policies.map(
      (p): StackValidationPolicy => ({
        ...p,
        enforcementLevel: (configuredLevel(p.name, config) as Level | undefined) ?? p.enforcementLevel,
        validateStack: (args, report) => p.validateStack({ ...args, getConfig: <T>() => propertiesOf(p.name, config) as T }, report),
      }),
    );
    return sdk.makeAnalyzeStackRpcFun(PACK_NAME, packJson.version, "advisory", configured);
  }

  async diagnostics(inputs: AnalyzerInput[]): Promise<Diagnostic[]> {
    // gRPC hands the pack each request in a turn of the event loop of its own; the pack's shared
    // analysis (one per request, for all its policies) relies on that.
    await new Promise((resolve) => setImmediate(resolve));
    let response: analyzerPb.AnalyzeResponse | undefined;
    let error: Error | null | undefined;
    await this.analyzeStack({ request: analyzeStackRequest(inputs) }, (err, res) => {
      error = err;
      response = res;
    });
    if (error || !response) throw error ?? new Error("AnalyzeStack gave no response");
    return diagnostics(response);
  }

  async run(inputs: AnalyzerInput[]): Promise<Seen[]> {
    return (await this.diagnostics(inputs)).map(seen).sort(compareSeen);
  }
}

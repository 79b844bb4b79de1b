import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import * as server from "@pulumi/policy/server";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type { AnalyzerInput, Diagnostic, Level } from "../../offline/analyzer-client";
import { analyzeRequest, analyzeStackRequest, diagnostics } from "../../offline/analyzer-client";
import type { PreviewAnalyzer, Seen } from "../../offline/pack-session";
import { compareSeen, seen } from "../../offline/pack-session";
import { policies } from "../../policypack/pack/policies";
import { configuredLevel, propertiesOf } from "../../policypack/pipeline/policy-config";
import packJson from "../../policypack/package.json";

type Callback<T> = (err: Error | null | undefined, response?: T) => void;
type RpcFun<Req, Res> = (call: { request: Req }, callback: Callback<Res>) => Promise<void>;

/** @pulumi/policy's own request handlers, as its tests call them (internal, so untyped in its d.ts). */
const sdk = server as unknown as {
  makeAnalyzeStackRpcFun(
    name: string,
    version: string,
    level: Level,
    policies: Policy[],
  ): RpcFun<analyzerPb.AnalyzeStackRequest, analyzerPb.AnalyzeResponse>;
  makeAnalyzeRpcFun(
    name: string,
    version: string,
    level: Level,
    policies: Policy[],
  ): RpcFun<analyzerPb.AnalyzeRequest, analyzerPb.AnalyzeResponse>;
};

type Policy = StackValidationPolicy | ResourceValidationPolicy;

export const PACK_NAME = "azure-p2s-routing";

/**
 * The pack's policies behind @pulumi/policy's AnalyzeStack handler, in this process: the request
 * is the protobuf message the CLI sends, deserialised and wrapped in the unknown-checking proxy
 * by the SDK itself. Configuration takes the path the CLI's Configure call would: each policy
 * runs at its configured level and reads its own properties through getConfig.
 */
export class InProcessPack implements PreviewAnalyzer {
  readonly info = { name: PACK_NAME, version: packJson.version };
  private handlers = this.makeHandlers({});

  async stop(): Promise<void> {}

  configure(config: Record<string, unknown> = {}): void {
    this.handlers = this.makeHandlers(config);
  }

  private makeHandlers(config: Record<string, unknown>) {
    const configured = policies.map((p): Policy => {
      const getConfig = <T>() => propertiesOf(p.name, config) as T;
      const enforcementLevel = (configuredLevel(p.name, config) as Level | undefined) ?? p.enforcementLevel;
      if ("validateStack" in p)
        return { ...p, enforcementLevel, validateStack: (args, report) => p.validateStack({ ...args, getConfig }, report) };
      const validate = p.validateResource;
      if (typeof validate !== "function") throw new Error(`${p.name}: one validateResource function expected`);
      return { ...p, enforcementLevel, validateResource: (args, report) => validate({ ...args, getConfig }, report) };
    });
    return {
      analyze: sdk.makeAnalyzeRpcFun(PACK_NAME, packJson.version, "advisory", configured),
      analyzeStack: sdk.makeAnalyzeStackRpcFun(PACK_NAME, packJson.version, "advisory", configured),
    };
  }

  private async call<Req>(fun: RpcFun<Req, analyzerPb.AnalyzeResponse>, request: Req): Promise<Diagnostic[]> {
    // gRPC hands the pack each request in a turn of the event loop of its own; the pack's shared
    // analysis (one per request, for all its policies) relies on that.
    await new Promise((resolve) => setImmediate(resolve));
    let response: analyzerPb.AnalyzeResponse | undefined;
    let error: Error | null | undefined;
    await fun({ request }, (err, res) => {
      error = err;
      response = res;
    });
    if (error || !response) throw error ?? new Error("the analyzer gave no response");
    return diagnostics(response);
  }

  /** Analyze for one resource, as the engine sends it for each resource it registers. */
  async analyze(input: AnalyzerInput): Promise<Diagnostic[]> {
    return this.call(this.handlers.analyze, analyzeRequest(input));
  }

  /** Analyze for each resource, then AnalyzeStack, as the engine does in a preview. */
  async diagnostics(inputs: AnalyzerInput[]): Promise<Diagnostic[]> {
    const out: Diagnostic[] = [];
    for (const input of inputs) out.push(...(await this.analyze(input)));
    out.push(...(await this.call(this.handlers.analyzeStack, analyzeStackRequest(inputs))));
    return out;
  }

  async run(inputs: AnalyzerInput[]): Promise<Seen[]> {
    return (await this.diagnostics(inputs)).map(seen).sort(compareSeen);
  }
}

import type { ChildProcess } from "child_process";
import { spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type { RawResource } from "../policypack/extract/raw-resource";
import { toRawResource } from "../policypack/extract/raw-resource";
import { markSecrets } from "../policypack/extract/plain";

/** The Pulumi CLI's limit on one gRPC message to or from a plugin (rpcutil.MaxRPCMessageSize): 400 MiB. */
const MAX_RPC_MESSAGE_SIZE = 400 * 1024 * 1024;

/** A resource as the engine describes it to an analyzer. */
export interface AnalyzerInput {
  type: string;
  urn: string;
  name: string;
  /** Inputs for Analyze, outputs for AnalyzeStack; unknowns and secrets in their wire encodings. */
  properties: Record<string, unknown>;
  parent?: string;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
  protect?: boolean;
}

export type Level = "advisory" | "mandatory" | "disabled" | "remediate";

export interface Diagnostic {
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  description: string;
  message: string;
  enforcementLevel: Level;
  urn: string;
}

export interface PolicyInfo {
  name: string;
  description: string;
  enforcementLevel: Level;
  severity: string;
  tags: string[];
  url: string;
  remediationSteps: string;
  configSchema?: Record<string, unknown>;
}

/** The same resource as extraction reads it (what the pack sees after deserialising). */
export function analyzerInputToRaw(r: AnalyzerInput): RawResource {
  return toRawResource({ ...r, props: markSecrets(r.properties) });
}

const LEVELS: Record<number, Level> = {
  [analyzerPb.EnforcementLevel.ADVISORY]: "advisory",
  [analyzerPb.EnforcementLevel.MANDATORY]: "mandatory",
  [analyzerPb.EnforcementLevel.DISABLED]: "disabled",
  [analyzerPb.EnforcementLevel.REMEDIATE]: "remediate",
};
const LEVEL_CODES: Record<Level, analyzerPb.EnforcementLevel> = {
  advisory: analyzerPb.EnforcementLevel.ADVISORY,
  mandatory: analyzerPb.EnforcementLevel.MANDATORY,
  disabled: analyzerPb.EnforcementLevel.DISABLED,
  remediate: analyzerPb.EnforcementLevel.REMEDIATE,
};

const SEVERITIES: Record<number, string> = {
  [analyzerPb.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
  [analyzerPb.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
  [analyzerPb.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
  [analyzerPb.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

const RUN_POLICY_PACK = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");

/**
 * A policy pack started the way the Pulumi CLI starts one (`pulumi-analyzer-policy` runs
 * `run-policy-pack <engine address> .` in the pack folder), spoken to over the Analyzer service.
 */
export class PolicyPackProcess {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: analyzerRpc.AnalyzerClient,
    readonly stderr: () => string,
  ) {}

  /**
   * Starts the pack in `packDir`. The CLI runs the run-policy-pack of the pack's own @pulumi/pulumi;
   * in this repository the pack has none of its own, so the root's is the default.
   */
  static async start(packDir: string, engineAddress = "127.0.0.1:0", runPolicyPack = RUN_POLICY_PACK): Promise<PolicyPackProcess> {
    const child = spawn(process.execPath, [runPolicyPack, engineAddress, "."], {
      cwd: path.resolve(packDir),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // Like the CLI, outlive no pack: a pack left running would keep serving (and spending CPU).
    const killChild = () => child.kill();
    process.once("exit", killChild);
    child.once("exit", () => process.off("exit", killChild));
    const port = await new Promise<number>((resolve, reject) => {
      let stdout = "";
      const onData = (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /^(\d+)\s*$/m.exec(stdout);
        if (match) {
          child.stdout?.off("data", onData);
          resolve(Number(match[1]));
        }
      };
      child.stdout?.on("data", onData);
      child.on("exit", (code) => reject(new Error(`policy pack exited with ${code} before serving:\n${stderr}`)));
    });
    const client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      // The CLI dials plugins with rpcutil.MaxRPCMessageSize, not gRPC's 4 MB: a large stack's violations exceed that.
      "grpc.max_receive_message_length": MAX_RPC_MESSAGE_SIZE,
      "grpc.max_send_message_length": MAX_RPC_MESSAGE_SIZE,
    });
    return new PolicyPackProcess(child, client, () => stderr);
  }

  private call<Req, Res>(method: (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown, req: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      method.call(this.client, req, (err, res) => (err ? reject(err) : resolve(res)));
    });
  }

  async configureStack(stack: string, project: string, dryRun: boolean): Promise<void> {
    const req = new analyzerPb.AnalyzerStackConfigureRequest().setStack(stack).setProject(project).setDryRun(dryRun);
    await this.call(this.client.configureStack, req);
  }

  async getAnalyzerInfo(): Promise<{ name: string; version: string; policies: PolicyInfo[] }> {
    const info = await this.call<Empty, analyzerPb.AnalyzerInfo>(this.client.getAnalyzerInfo, new Empty());
    return {
      name: info.getName(),
      version: info.getVersion(),
      policies: info.getPoliciesList().map((p) => ({
        name: p.getName(),
        description: p.getDescription(),
        enforcementLevel: LEVELS[p.getEnforcementlevel()],
        severity: SEVERITIES[p.getSeverity()] ?? "unspecified",
        tags: p.getTagsList(),
        url: p.getUrl(),
        remediationSteps: p.getRemediationSteps(),
        configSchema: p.getConfigschema()?.getProperties()?.toJavaScript() as Record<string, unknown> | undefined,
      })),
    };
  }

  /** What the CLI sends for `--policy-pack-config`: every policy with its level and properties. */
  async configure(config: Record<string, { enforcementLevel: Level; properties?: Record<string, unknown> }>): Promise<void> {
    const req = new analyzerPb.ConfigureAnalyzerRequest();
    for (const [name, c] of Object.entries(config)) {
      const policyConfig = new analyzerPb.PolicyConfig()
        .setEnforcementlevel(LEVEL_CODES[c.enforcementLevel])
        .setProperties(Struct.fromJavaScript((c.properties ?? {}) as Parameters<typeof Struct.fromJavaScript>[0]));
      req.getPolicyconfigMap().set(name, policyConfig);
    }
    await this.call(this.client.configure, req);
  }

  async analyze(resource: AnalyzerInput): Promise<Diagnostic[]> {
    return diagnostics(await this.call(this.client.analyze, analyzeRequest(resource)));
  }

  async analyzeStack(resources: AnalyzerInput[] | analyzerPb.AnalyzeStackRequest): Promise<Diagnostic[]> {
    const req = Array.isArray(resources) ? analyzeStackRequest(resources) : resources;
    return diagnostics(await this.call(this.client.analyzeStack, req));
  }

  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.kill("SIGTERM");
    });
  }
}

function toStruct(value: Record<string, unknown>): Struct {
  return Struct.fromJavaScript(value as Parameters<typeof Struct.fromJavaScript>[0]);
}

function options(resource: AnalyzerInput): analyzerPb.AnalyzerResourceOptions {
  const opts = new analyzerPb.AnalyzerResourceOptions().setProtect(resource.protect ?? false);
  if (resource.parent) opts.setParent(resource.parent);
  return opts;
}

export function toAnalyzerResource(resource: AnalyzerInput): analyzerPb.AnalyzerResource {
  const r = new analyzerPb.AnalyzerResource()
    .setType(resource.type)
    .setUrn(resource.urn)
    .setName(resource.name)
    .setProperties(toStruct(resource.properties))
    .setOptions(options(resource))
    .setDependenciesList(resource.dependencies ?? []);
  if (resource.parent) r.setParent(resource.parent);
  for (const [key, urns] of Object.entries(resource.propertyDependencies ?? {})) {
    r.getPropertydependenciesMap().set(key, new analyzerPb.AnalyzerPropertyDependencies().setUrnsList(urns));
  }
  return r;
}

/** The Analyze request the engine sends for one resource: its inputs. */
export function analyzeRequest(resource: AnalyzerInput): analyzerPb.AnalyzeRequest {
  return new analyzerPb.AnalyzeRequest()
    .setType(resource.type)
    .setUrn(resource.urn)
    .setName(resource.name)
    .setProperties(toStruct(resource.properties))
    .setOptions(options(resource));
}

/** Built once, a request can be sent many times (the benchmark sends the same one to two packs). */
export function analyzeStackRequest(resources: AnalyzerInput[]): analyzerPb.AnalyzeStackRequest {
  return new analyzerPb.AnalyzeStackRequest().setResourcesList(resources.map(toAnalyzerResource));
}

export function diagnostics(res: analyzerPb.AnalyzeResponse): Diagnostic[] {
  return res.getDiagnosticsList().map((d) => ({
    policyName: d.getPolicyname(),
    policyPackName: d.getPolicypackname(),
    policyPackVersion: d.getPolicypackversion(),
    description: d.getDescription(),
    message: d.getMessage(),
    enforcementLevel: LEVELS[d.getEnforcementlevel()],
    urn: d.getUrn(),
  }));
}

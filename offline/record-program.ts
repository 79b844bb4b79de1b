import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { armNaming } from "./arm-naming";
import { ComputedOutputs } from "./computed-outputs";
import type { Registration } from "./registration";
import { SECRET_SIG } from "../policypack/extract/plain";

export interface RecordOptions {
  project: string;
  stack: string;
  /** true: a preview, where outputs of resources not yet created are unknown; false: a deployed stack. */
  preview: boolean;
  /** In a preview, the logical names of resources that already exist (their ids and names are known). */
  existing?: ReadonlySet<string>;
}

class RecordingMonitor extends MockMonitor {
  readonly registrations: Registration[] = [];
  /** The inputs on the wire of the registration being answered: newResource runs before registerResource first awaits. */
  wireInputs: Record<string, unknown> = {};

  // The request type is the SDK's protobuf RegisterResourceRequest; only its getters are read.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override async registerResource(req: any, callback: (err: any, response: any) => void): Promise<void> {
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps: { getUrnsList(): string[] }, key: string) => {
      propertyDependencies[key] = deps.getUrnsList();
    });
    const registration: Registration = {
      type: req.getType(),
      name: req.getName(),
      urn: "",
      custom: req.getCustom(),
      parent: req.getParent() || undefined,
      inputs: (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
      dependencies: req.getDependenciesList(),
      propertyDependencies,
    };
    this.registrations.push(registration);
    this.wireInputs = registration.inputs;
    // The engine leaves the root stack out of its children's URNs; the SDK's mock monitor would not.
    if (registration.parent?.includes("::pulumi:pulumi:Stack::")) req.setParent("");
    return super.registerResource(req, (err, response) => {
      if (response) registration.urn = response.getUrn();
      callback(err, response);
    });
  }
}

const isSecretValue = (value: unknown) => typeof value === "object" && value !== null && SECRET_SIG in value;

/**
 * The SDK's deserializer marks a whole input secret when anything inside it is (properties of a
 * VPN server configuration holding radiusServerSecret); the engine keeps an output's secrets where
 * they are (annotateSecrets), so outputs are computed from the inputs as sent, secret at the leaves.
 */
function leafSecrets(inputs: Record<string, unknown>, wire: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(inputs).map(([k, v]) => [k, isSecretValue(v) && k in wire && !isSecretValue(wire[k]) ? wire[k] : v]),
  );
}

/**
 * Runs a Pulumi program with @pulumi/pulumi's own runtime against an in-process resource
 * monitor and returns what the engine would have been sent.
 */
export async function recordProgram(program: () => unknown, options: RecordOptions): Promise<Registration[]> {
  const names = new Map<string, { id: string; azureName?: string; computed: Record<string, unknown> }>();
  const computed = new ComputedOutputs();
  const monitor = new RecordingMonitor({
    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
      if (options.preview && !options.existing?.has(args.name)) return { id: undefined, state: {} };
      const naming = armNaming(args.type, args.name, args.inputs);
      if (!naming) return { id: `${args.name}-id`, state: { ...args.inputs } };
      const { id, azureName } = naming;
      const outputs = computed.of(args.type, id, leafSecrets(args.inputs, monitor.wireInputs));
      names.set(args.name + "\u0000" + args.type, { ...naming, computed: outputs });
      const state = { ...args.inputs, ...outputs, id };
      return { id, state: azureName === undefined ? state : { ...state, name: azureName } };
    },
    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
      return args.inputs;
    },
  });
  pulumi.runtime.setMockOptions(monitor, options.project, options.stack, options.preview);
  // The language host asks the monitor what it supports (secrets among them) before the program runs.
  await (settings as unknown as { awaitFeatureSupport(): Promise<void> }).awaitFeatureSupport();
  // As the Pulumi runtime runs a program: inside the root stack resource, which component libraries
  // parent or tag resources by, then until every registration is done, those made late inside
  // apply() included.
  await pulumi.runtime.runInPulumiStack(async () => {
    await program();
    return undefined;
  });
  await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  for (const r of monitor.registrations) {
    const n = names.get(r.name + "\u0000" + r.type);
    if (n) Object.assign(r, n);
  }
  // The root stack is the engine's own resource: what the program declared is what it sends on.
  return monitor.registrations.filter((r) => r.type !== "pulumi:pulumi:Stack");
}

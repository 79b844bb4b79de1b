import type { RawResource } from "../../policypack/extract/raw-resource";

/** Resources as AnalyzeStack hands them to extraction, for tests of one provider's spelling. */
export const RG = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network";

type Props = Record<string, unknown>;

export function resource(type: string, name: string, props: Props, more: Partial<RawResource> = {}): RawResource {
  return { type, urn: `urn:pulumi:dev::p::${type}::${name}`, name, props, dependencies: [], propertyDependencies: {}, ...more };
}

/** An azure-native network resource: `native("Subnet", ...)`. */
export const native = (kind: string, name: string, props: Props, more: Partial<RawResource> = {}) =>
  resource(`azure-native:network:${kind}`, name, props, more);

/** A classic @pulumi/azure network resource: `classic("subnet", "Subnet", ...)`. */
export const classic = (module: string, kind: string, name: string, props: Props, more: Partial<RawResource> = {}) =>
  resource(`azure:network/${module}:${kind}`, name, props, more);

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

/** An azure-native firewall policy's rule collection named "vpn" (priority 100) that allows `rules`. */
export const allowCollection = (rules: Props[]): Props => ({
  ruleCollectionType: "FirewallPolicyFilterRuleCollection",
  name: "vpn",
  priority: 100,
  action: { type: "Allow" },
  rules,
});

/** An azure-native network rule "https": TCP 443 from `source` to `destination`. */
export const httpsNetworkRule = (source: string, destination: string): Props => ({
  ruleType: "NetworkRule",
  name: "https",
  ipProtocols: ["TCP"],
  sourceAddresses: [source],
  destinationAddresses: [destination],
  destinationPorts: ["443"],
});

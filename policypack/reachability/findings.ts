/** Structured results the policies and reports turn into messages. */
import { compareText, sortedTexts } from "../topology/order";
import type { Fix, Sentence } from "../topology/sentence";
import { compareSentenceKeys, sentenceKey } from "../topology/sentence";

/** The rule of the specification (docs/rules.md) that decided: tests assert it, so a reason cannot come from the wrong rule. */
export type RuleId = "R1" | "R2" | "R3" | "R4" | "R5" | "R6" | "R7" | "R8" | "P5" | "W4" | "W5";

export type ReasonCode =
  | "no-working-path"
  | "hub-one-way"
  | "hub-not-routed"
  | "hub-branch-off"
  | "home-vnet-unresolved"
  | "gateway-not-p2s-capable"
  | "no-protocol-for-platform"
  | "no-client-for-authentication"
  | "peering-missing-direction"
  | "peering-missing-allow-gateway-transit"
  | "peering-missing-use-remote-gateways"
  | "peering-access-disabled"
  | "basic-sku-no-transit"
  | "non-transitive-peering"
  | "link-down"
  | "link-without-bgp"
  | "not-connected"
  | "windows-bgp-route"
  | "route-without-access";

/** Why a network is not reached, or why a route is manual or leads nowhere. */
export interface Reason {
  code: ReasonCode;
  rule: RuleId;
  /** Display name of the network, or the prefix, the reason is about. */
  subject: string;
  /** Ids of the resources involved; the first is the one to change. */
  resources: string[];
  /** One sentence, without a full stop, naming the resources by their Pulumi names. */
  text: Sentence;
  /** What to change. */
  fix: Fix;
}

export type FindingCategory =
  | "gateway-transit"
  | "address-overlap"
  | "client-protocols"
  | "bgp-config"
  | "gateway-settings"
  | "retired-features"
  | "windows-manual-routes"
  | "unreachable-routes"
  | "dns-resolution"
  | "gateway-subnet"
  | "return-path"
  | "virtual-wan-settings"
  | "virtual-wan-server"
  | "virtual-wan-routing";

export type FindingCode =
  | "invalid-prefix"
  | "use-remote-gateways-without-gateway"
  | "use-remote-gateways-without-transit"
  | "own-gateway-and-remote-gateway"
  | "multiple-remote-gateways"
  | "basic-sku-gateway-transit"
  | "one-way-peering"
  | "pool-overlap"
  | "pools-overlap"
  | "peered-prefix-overlap"
  | "policy-based-p2s"
  | "protocol-not-supported-by-sku"
  | "platform-not-served"
  | "too-many-routes"
  | "bgp-unavailable"
  | "equal-asn"
  | "reserved-asn"
  | "default-custom-route"
  | "sstp-with-openvpn"
  | "aad-without-openvpn"
  | "basic-sku-unsupported"
  | "generation2-sku"
  | "ipv6-pool-with-sstp"
  | "sstp-retiring"
  | "sku-retiring"
  | "several-auth-settings"
  | "basic-sku-ikev2"
  | "custom-route-overlaps-pool"
  | "entra-issuer-without-slash"
  | "entra-tenant-invalid"
  | "entra-tenant-issuer-mismatch"
  | "entra-legacy-audience"
  | "protocols-not-declared"
  | "windows-manual-route"
  | "link-without-bgp"
  | "link-down"
  | "route-without-access"
  | "azure-dns-listed"
  | "server-unreachable"
  | "endpoint-not-resolved"
  | "dynamic-inbound-endpoint"
  | "nsg"
  | "default-route"
  | "propagation-disabled"
  | "asymmetric"
  | "no-return-route"
  | "dropped"
  | "basic-wan"
  | "custom-associated-table"
  | "protocols"
  | "entra-without-openvpn"
  | "ikev2-auth-types"
  | "vnet-two-hubs"
  | "vnet-with-gateway"
  | "routing-intent-prerequisites"
  | "none-table"
  | "one-way"
  | "branch-propagation"
  | "scale-units"
  | "pool-outside-intent"
  | "intent-address-spaces"
  | "user-groups"
  | "pool-overlaps-hub"
  | "radius-unreachable";

/** A configuration problem of spec section 4. */
export interface Finding {
  category: FindingCategory;
  code: FindingCode;
  /** Id of the resource to fix. */
  resource: string;
  /** Ids of other resources involved. */
  related: string[];
  /** What the finding is about within the resource (a prefix, a connection), when there can be several. */
  subject?: string;
  /** One sentence: what is wrong. */
  problem: Sentence;
  /** How to fix it. */
  fix: Fix;
}

/**
 * The one way a check reports: what is wrong with which resource and how to fix it, in the check's
 * category. Other resources involved and the subject (a prefix, a client) are optional.
 */
export function finding(
  category: FindingCategory,
  f: { code: FindingCode; resource: string; problem: Sentence; fix: Fix; related?: readonly string[]; subject?: string },
): Finding {
  return {
    category,
    code: f.code,
    resource: f.resource,
    // Sorted once here rather than copied again by the analysis: a large stack has thousands of findings.
    related: sortedTexts(f.related ?? []),
    ...(f.subject !== undefined ? { subject: f.subject } : {}),
    problem: f.problem,
    fix: f.fix,
  };
}

/**
 * Problems are compared without writing their keys: the path findings of several gateways on one
 * route table tie up to the key, and differ early in it.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.category, b.category) ||
    compareText(a.resource, b.resource) ||
    compareText(a.code, b.code) ||
    compareSentenceKeys(a.problem, b.problem)
  );
}

export function compareReasons(a: Reason, b: Reason): number {
  return compareText(a.subject, b.subject) || compareText(a.code, b.code) || compareText(sentenceKey(a.text), sentenceKey(b.text));
}

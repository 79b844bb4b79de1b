/**
 * Network security groups as the filters read them, with provider-neutral names: extraction maps
 * both providers' rule shapes onto these records, so the evaluation never sees a provider's spelling.
 */

/** The protocols the filters evaluate; any other text (a provider may add AH or ESP) is kept as given and judged `not checked`. */
export type KnownRuleProtocol = "tcp" | "udp" | "icmp" | "any";

export interface SecurityRule {
  id: string;
  name: string;
  /** Lower numbers are evaluated first; the first matching rule decides. */
  priority: number;
  direction: "inbound" | "outbound";
  access: "allow" | "deny";
  /** `string & Record<never, never>` keeps the known values visible to editors while any text is accepted. */
  protocol: KnownRuleProtocol | (string & Record<never, never>);
  /** CIDRs or plain addresses, "*", service tags ("VirtualNetwork", "Internet", ...) or "asg:<id>" for an application security group. */
  sources: string[];
  /** "*", a port ("80") or a range ("8000-8100"). */
  sourcePorts: string[];
  destinations: string[];
  destinationPorts: string[];
}

export interface NetworkSecurityGroup {
  id: string;
  name: string;
  rules: SecurityRule[];
}

/** Stands for a rule's value that is unknown until deployment or secret: it may match anything, so what it decides is `not checked`. */
export const UNKNOWN_TERM = "(unknown)";

/**
 * Azure Firewalls as the filters read them, with provider-neutral names: extraction maps a firewall
 * policy's rule collection groups (azure-native and classic) and the classic firewall's own network
 * rule collections onto these records.
 */

/** Evaluated in this order whatever the priorities say (spec F5): DNAT, then network, then application collections. */
export type RuleCollectionKind = "dnat" | "network" | "application";

export interface FirewallRule {
  name: string;
  /** Network rules: "TCP", "UDP", "ICMP", "Any" as declared. Application rules: "Http:80", "Https:443", "Mssql:1433". */
  protocols: string[];
  /** CIDRs, plain addresses, ranges ("10.0.0.1-10.0.0.9") or "*". */
  sources: string[];
  /** Source IP groups, which the pack does not read: a rule that names one matches `not checked`. */
  sourceGroups: string[];
  /** CIDRs, plain addresses, ranges, "*" or service tags. */
  destinations: string[];
  /** Destination IP groups and FQDNs, which the pack does not resolve. */
  destinationGroups: string[];
  destinationFqdns: string[];
  /** "*", "443", "8000-8100". Application rules carry their ports in `protocols`. */
  destinationPorts: string[];
}

export interface FirewallRuleCollection {
  name: string;
  kind: RuleCollectionKind;
  /** The rule collection group's priority (a classic firewall's own collections have none: 0). */
  groupPriority: number;
  /** The group's name, for messages; undefined for a classic firewall's own collections. */
  group?: string;
  priority: number;
  /** DNAT collections translate rather than allow or deny. */
  action: "allow" | "deny" | "dnat";
  rules: FirewallRule[];
}

/** What a firewall decides with; `undefined` collections mean the rules are not declared where the pack can read them. */
export interface FirewallRules {
  collections?: FirewallRuleCollection[];
  /** Why the rules are not known, for a `not checked` verdict ("its firewall policy is not in the stack"). */
  unknownBecause?: string;
}

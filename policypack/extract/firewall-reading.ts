import type { FirewallRuleCollection } from "../topology/firewall-rules";
import type { Resolution } from "./resolver";

/**
 * Rule collections as they are read, by the URN of what owns them (a firewall policy, or a classic
 * firewall), and what each firewall takes its rules from: they meet once every resource is read.
 */
export interface FirewallReading {
  collections: Map<string, FirewallRuleCollection[]>;
  sources: Map<string, { policy?: Resolution; basePolicy?: boolean }>;
}

export function newFirewallReading(): FirewallReading {
  return { collections: new Map(), sources: new Map() };
}

import { emptyTopology } from "../topology/model";
import type { Topology } from "../topology/model";
import { compareText } from "../topology/order";
import type { Spell } from "../topology/sentence";
import { kindOf, spellFor } from "./providers/providers";
import { newFirewallReading } from "./firewall-reading";
import { finishFirewalls } from "./read-firewall";
import { readResource } from "./read-resource";
import { readVirtualWan } from "./read-virtual-wan";
import type { Context } from "./context";
import type { RawResource } from "./raw-resource";
import type { Entry } from "./resolver";
import type { ResourceKind } from "./resource-kind";
import { Resolver } from "./resolver";

export interface Extraction {
  topology: Topology;
  /** The URN to report against, for model ids that are not URNs (inline peerings report on their VNet). */
  urns: Map<string, string>;
  /** What could not be read or resolved, one sentence each. */
  notes: string[];
  /** How a field key is written for the resource the user declared. */
  spell: Spell;
  /** Resources read, and network resources of other providers that are not (yet), by type. */
  coverage: Coverage;
}

export interface Coverage {
  read: number;
  /** `virtualWan`: a Virtual WAN type the pack does not read yet (BGP connections of hubs, route maps, appliances in hubs). */
  notRead: { type: string; count: number; virtualWan: boolean }[];
}

/** Network resources of either provider: the modules whose types can change what P2S clients reach. */
const NETWORK_TYPE =
  /^(azure:(network|privatedns|privatelink)\/[A-Za-z0-9]+:[A-Za-z0-9]+|azure-native:(network|privatedns|dnsresolver)(\/v[0-9a-z]+)?:[A-Za-z0-9]+)$/;

/** Virtual WAN's types in either provider; those the pack reads never reach the coverage note. */
const VIRTUAL_WAN =
  /:(VirtualHub\w+|VpnSiteLink\w*|RouteMap|NetworkVirtualAppliance\w*|ConfigurationPolicyGroup|VpnGatewayNatRule\w*|NatRule)$/;

/** Network resources the pack does not read, by type: Virtual WAN's, load balancers, NAT gateways, application security groups... */
function coverageOf(resources: RawResource[], read: number): Coverage {
  const counts = new Map<string, number>();
  // A stack has a handful of types: each is judged once.
  const notRead = new Map<string, boolean>();
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    if (typeof r.type !== "string") continue;
    let skipped = notRead.get(r.type);
    if (skipped === undefined) notRead.set(r.type, (skipped = NETWORK_TYPE.test(r.type) && kindOf(r.type) === undefined));
    if (skipped) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  }
  return {
    read,
    notRead: [...counts]
      .sort(([a], [b]) => compareText(a, b))
      .map(([type, count]) => ({ type, count, virtualWan: VIRTUAL_WAN.test(type) })),
  };
}

const AMENDING: ReadonlySet<ResourceKind> = new Set<ResourceKind>([
  "VirtualNetworkDnsServers",
  "PrivateDnsZoneGroup",
  "Route",
  "SecurityRule",
  "SubnetNetworkSecurityGroupAssociation",
  "SubnetRouteTableAssociation",
  "FirewallPolicyRuleCollectionGroup",
  "FirewallNetworkRuleCollection",
  "FirewallApplicationRuleCollection",
  "NetworkInterface",
]);
/** Resources that amend what amends another: a classic NIC's NSG association amends the NIC. */
const AMENDING_AMENDED: ReadonlySet<ResourceKind> = new Set<ResourceKind>(["NetworkInterfaceSecurityGroupAssociation"]);

/** Builds the engine's topology from azure-native and classic @pulumi/azure resources; never throws on odd input. */
export function extractTopology(resources: RawResource[]): Extraction {
  const resolver = new Resolver(resources);
  const topology = emptyTopology();
  const urns = new Map<string, string>();
  const notes: string[] = [];
  const ctx: Context = { resolver, topology, urns, notes, firewallReading: newFirewallReading() };
  // Resources that amend another (classic VirtualNetworkDnsServers, zone groups, routes and rules of their own, associations) are read after the rest.
  const amending: Entry[] = [];
  const amendingAmended: Entry[] = [];
  // Indexed loops over every resource: see the Resolver's.
  const entries = resolver.entries;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (AMENDING_AMENDED.has(entry.kind)) amendingAmended.push(entry);
    else if (AMENDING.has(entry.kind)) amending.push(entry);
    else readResource(ctx, entry);
  }
  for (const entry of amending) readResource(ctx, entry);
  for (const entry of amendingAmended) readResource(ctx, entry);
  readVirtualWan(ctx);
  finishFirewalls(ctx, ctx.firewallReading);
  topology.stacks = stacksOf(resolver.entries);
  const coverage = coverageOf(resources, resolver.entries.length);
  return {
    topology,
    urns,
    notes: [...new Set(notes)].sort(compareText),
    spell: spellFor((urn) => resolver.entry(urn)),
    coverage,
  };
}

/** "project/stack" of each URN (urn:pulumi:<stack>::<project>::<type>::<name>), each once, sorted. */
function stacksOf(entries: readonly Entry[]): string[] {
  const out = new Set<string>();
  // The stack's URNs share their beginning: one that starts as the last match did matches the same.
  let last: string | undefined;
  for (let i = 0; i < entries.length; i++) {
    const urn = entries[i].raw.urn;
    if (last !== undefined && urn.startsWith(last)) continue;
    const match = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn);
    if (match) {
      out.add(`${match[2]}/${match[1]}`);
      last = match[0];
    }
  }
  return [...out].sort(compareText);
}

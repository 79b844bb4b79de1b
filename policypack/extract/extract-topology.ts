import { emptyTopology } from "../topology/model";
import type { Topology } from "../topology/model";
import { compareText } from "../topology/order";
import type { Spell } from "../topology/sentence";
import { spellFor } from "./providers/providers";
import { newFirewallReading } from "./firewall-reading";
import { finishFirewalls } from "./read-firewall";
import { readResource } from "./read-resource";
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
  notRead: { type: string; count: number }[];
}

/** Point-to-Site resources the pack does not read: Virtual WAN's hubs, P2S and VPN gateways, in either provider. */
const UNREAD_NETWORK =
  /^(azure:network\/[A-Za-z]+:(VirtualHub|PointToPointVpnGateway|VpnGateway|VpnServerConfiguration)|azure-native:network(\/v[0-9a-z]+)?:(VirtualHub|P2sVpnGateway|VpnGateway|VpnServerConfiguration))$/;

function coverageOf(resources: RawResource[], read: number): Coverage {
  const counts = new Map<string, number>();
  for (const r of resources)
    if (typeof r.type === "string" && UNREAD_NETWORK.test(r.type)) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return { read, notRead: [...counts].sort(([a], [b]) => compareText(a, b)).map(([type, count]) => ({ type, count })) };
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
]);

/** Builds the engine's topology from azure-native and classic @pulumi/azure resources; never throws on odd input. */
export function extractTopology(resources: RawResource[]): Extraction {
  const resolver = new Resolver(resources.filter((r) => r !== null && typeof r === "object"));
  const topology = emptyTopology();
  const urns = new Map<string, string>();
  const notes: string[] = [];
  const ctx: Context = { resolver, topology, urns, notes, firewallReading: newFirewallReading() };
  // Resources that amend another (classic VirtualNetworkDnsServers, zone groups, routes and rules of their own, associations) are read after the rest.
  const amending = (e: Entry) => AMENDING.has(e.kind);
  for (const entry of [...resolver.entries.filter((e) => !amending(e)), ...resolver.entries.filter(amending)]) readResource(ctx, entry);
  finishFirewalls(ctx, ctx.firewallReading);
  topology.stacks = stacksOf(resolver.entries.map((e) => e.raw.urn));
  const coverage = coverageOf(resources, resolver.entries.length);
  const providers = new Map(resolver.entries.map((e) => [e.raw.urn, e.provider]));
  return { topology, urns, notes: [...new Set(notes)].sort(compareText), spell: spellFor(providers), coverage };
}

/** "project/stack" of each URN (urn:pulumi:<stack>::<project>::<type>::<name>), each once, sorted. */
function stacksOf(urns: string[]): string[] {
  const out = new Set<string>();
  for (const urn of urns) {
    const match = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn);
    if (match) out.add(`${match[2]}/${match[1]}`);
  }
  return [...out].sort(compareText);
}

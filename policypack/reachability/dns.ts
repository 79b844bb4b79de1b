import type { Cidr } from "../topology/cidr";
import { PrefixSet, parseCidr } from "../topology/cidr";
import type { DnsTopology, InboundEndpoint, PrivateEndpoint } from "../topology/model";
import { compareText, joinList } from "../topology/order";
import type { FieldRef, Fix, Sentence } from "../topology/sentence";
import { fieldRef, sentence } from "../topology/sentence";
import type { DnsServerResult, EndpointResult, GatewayAnalysis, GatewayDns } from "./results";
import type { TopologyIndex } from "./topology-index";
import { nameOf } from "./topology-index";

/** Azure's own DNS address: answers only inside Azure VNets, never over a P2S connection (D3). */
export const AZURE_DNS = "168.63.129.16";

function hostOf(address: string): Cidr | undefined {
  const parsed = parseCidr(`${address}/32`);
  return parsed.ok ? parsed.cidr : undefined;
}

function prefixSet(texts: readonly string[]): PrefixSet {
  const set = new PrefixSet();
  for (const text of texts) {
    const parsed = parseCidr(text);
    if (parsed.ok) set.add(parsed.cidr);
  }
  return set;
}

function emptyDns(): DnsTopology {
  return { zones: [], links: [], endpoints: [], resolvers: [], inbound: [] };
}

/** Zone names linked to a VNet (D5), sorted. */
function zonesLinkedTo(dns: DnsTopology, vnet: string | undefined): string[] {
  if (vnet === undefined) return [];
  const ids = new Set(dns.links.filter((l) => l.vnet === vnet && l.zone !== undefined).map((l) => l.zone as string));
  return dns.zones.filter((z) => ids.has(z.id)).map((z) => z.zoneName).sort();
}

function resolverName(dns: DnsTopology, inbound: InboundEndpoint): string {
  return dns.resolvers.find((r) => r.id === inbound.resolver)?.name ?? inbound.name;
}

function resolverVnet(dns: DnsTopology, inbound: InboundEndpoint): string | undefined {
  return dns.resolvers.find((r) => r.id === inbound.resolver)?.vnet ?? inbound.vnet;
}

/** Per P2S gateway: the DNS servers its clients use, whether each works and what it answers, and the private endpoints they reach by name (D1-D6). */
export function analyzeDns(index: TopologyIndex, gateways: GatewayAnalysis[]): GatewayDns[] {
  const dns = index.topology.dns ?? emptyDns();
  const nameServers = new Map(index.topology.vnets.map((v) => [v.id, v.nameServers ?? []]));
  return gateways.map((gateway) => gatewayDns(index, dns, gateway, (gateway.vnet !== undefined && nameServers.get(gateway.vnet)) || []));
}

/** What every fix for one gateway's VNet needs: where clients could be pointed, and how the VNet and its field are named. */
interface FixContext {
  dns: DnsTopology;
  /** Inbound endpoints the clients reach. */
  candidates: InboundEndpoint[];
  listed: readonly string[];
  vnet: string | undefined;
  vnetName: string;
  field: FieldRef | string;
}

function setServers(ctx: FixContext, text: Sentence): Fix {
  return { resource: ctx.vnet, field: "vnet.nameServers", action: "set", text };
}

/** For a server that does not work: point the VNet at an inbound endpoint the clients reach. */
function serverFix(ctx: FixContext): Fix {
  const { candidates, field, vnetName } = ctx;
  return setServers(
    ctx,
    candidates.length > 0
      ? sentence`Set ${field} of ${vnetName} to ${candidates[0].address as string}, the inbound endpoint of ${resolverName(ctx.dns, candidates[0])}.`
      : sentence`Set ${field} of ${vnetName} to the inbound endpoint of a DNS Private Resolver that P2S clients reach.`,
  );
}

function gatewayDns(index: TopologyIndex, dns: DnsTopology, gateway: GatewayAnalysis, listed: readonly string[]): GatewayDns {
  const vnetId = gateway.vnet;
  // Nothing listed and no endpoint to resolve: nothing to say, and no cost in stacks without DNS.
  if (listed.length === 0 && dns.endpoints.length === 0) return { gateway, vnet: vnetId, servers: [], endpoints: [] };
  const vnetName = nameOf(index, vnetId);
  const access = new PrefixSet(gateway.reach.reached.flatMap((n) => n.prefixes));
  const staticClients = gateway.clients.filter((c) => c.routeSource === "static").map((client) => ({ client, routes: prefixSet(client.routes) }));
  const pushed = gateway.clients.some((c) => c.routeSource === "pushed");
  const ctx: FixContext = {
    dns,
    candidates: dns.inbound.filter((i) => {
      const host = i.address === undefined ? undefined : hostOf(i.address);
      return host !== undefined && access.covers(host);
    }),
    listed,
    vnet: vnetId,
    vnetName,
    field: vnetId === undefined ? "the DNS servers" : fieldRef(vnetId, "vnet.nameServers"),
  };
  const servers = listed.map((address): DnsServerResult => {
    if (address === AZURE_DNS) {
      return { address, works: false, reason: sentence`${AZURE_DNS}, Azure's own DNS, answers only inside Azure VNets and never over a Point-to-Site connection`, fix: serverFix(ctx) };
    }
    const host = hostOf(address);
    if (host === undefined || !access.covers(host)) {
      return { address, works: false, reason: sentence`P2S clients of ${gateway.name} reach no network that holds ${address}`, fix: serverFix(ctx) };
    }
    const inbound = dns.inbound.find((i) => i.address === address);
    const zones = inbound ? zonesLinkedTo(dns, resolverVnet(dns, inbound)) : undefined;
    // D4: a static-route client reaches it only through a route of its own, a manual one at worst.
    const unrouted = staticClients.filter((c) => !c.routes.covers(host)).map((c) => c.client);
    if (!pushed && unrouted.length > 0) {
      return { address, works: false, zones, reason: sentence`the ${unrouted[0].label} of ${gateway.name} has no route to ${address} until its users add one by hand`, fix: serverFix(ctx) };
    }
    return { address, works: true, zones, ...(unrouted.length > 0 ? { reason: sentence`users of the ${unrouted[0].label} reach it only once they add a route to it by hand` } : {}) };
  });
  const working = servers.filter((s) => s.works);
  const reachable = (endpoint: PrivateEndpoint) => {
    const network = endpoint.vnet === undefined ? undefined : index.networks.get(endpoint.vnet);
    return network !== undefined && gateway.reach.how[network.ix] !== undefined;
  };
  // Servers keep the order the VNet lists them in (clients try them in it); endpoints go by name.
  const endpoints = [...dns.endpoints].sort((a, b) => compareText(a.name, b.name)).filter(reachable).map((endpoint): EndpointResult => {
    const zoneNames = dns.zones.filter((z) => endpoint.zones.includes(z.id)).map((z) => z.zoneName).sort();
    const base = { id: endpoint.id, name: endpoint.name };
    if (zoneNames.length === 0) {
      return { ...base, resolves: false, reason: sentence`${endpoint.name} is in no private DNS zone (it has no zone group)`, fix: { resource: endpoint.id, action: "declare", text: sentence`Give ${endpoint.name} a private DNS zone group that puts it in its privatelink zone.` } };
    }
    const zoneText = joinList(zoneNames);
    if (listed.length === 0) {
      return { ...base, resolves: false, reason: sentence`${vnetName} uses Azure-provided DNS, so P2S clients keep their own resolver, which answers ${zoneText} with public addresses`, fix: fixFor(ctx, zoneNames) };
    }
    if (working.some((s) => s.zones?.some((z) => zoneNames.includes(z)))) return { ...base, resolves: true };
    if (working.some((s) => s.zones === undefined)) return { ...base, resolves: undefined, reason: sentence`the DNS servers of ${vnetName} are not resolvers the pack reads, so whether they answer ${zoneText} is not checked` };
    return { ...base, resolves: false, reason: sentence`no DNS server of ${vnetName} that P2S clients reach answers ${zoneText}`, fix: fixFor(ctx, zoneNames) };
  });
  return { gateway, vnet: vnetId, servers, endpoints };
}

/** Points the home VNet at a reachable inbound endpoint whose resolver's VNet is linked to the zones, or says what to link or deploy. */
function fixFor(ctx: FixContext, zones: string[]): Fix {
  const { dns, candidates, listed, vnetName, field } = ctx;
  const answering = candidates.find((i) => zonesLinkedTo(dns, resolverVnet(dns, i)).some((z) => zones.includes(z)));
  if (answering) {
    return setServers(ctx, sentence`Set ${field} of ${vnetName} to ${answering.address as string}, the inbound endpoint of ${resolverName(dns, answering)}, whose VNet is linked to ${joinList(zones)}.`);
  }
  const zone = dns.zones.find((z) => zones.includes(z.zoneName))?.id;
  const used = candidates.find((i) => listed.includes(i.address as string));
  if (used) {
    const text = sentence`Link ${joinList(zones)} to the VNet of ${resolverName(dns, used)}, whose inbound endpoint ${used.address as string} the clients already use.`;
    return { resource: zone, action: "declare", text };
  }
  if (candidates.length > 0) {
    const resolver = resolverName(dns, candidates[0]);
    return setServers(ctx, sentence`Link ${joinList(zones)} to the VNet of ${resolver} and set ${field} of ${vnetName} to ${candidates[0].address as string}, its inbound endpoint.`);
  }
  return setServers(ctx, sentence`Deploy a DNS Private Resolver whose VNet P2S clients reach and is linked to ${joinList(zones)}, and set ${field} of ${vnetName} to its inbound endpoint.`);
}

/** D8: inbound endpoints whose address is dynamic cannot be checked before deployment. */
export function dynamicInboundEndpoints(index: TopologyIndex): InboundEndpoint[] {
  return (index.topology.dns ?? emptyDns()).inbound.filter((i) => i.dynamic);
}

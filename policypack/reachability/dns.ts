import type { Cidr } from "../topology/cidr";
import { PrefixSet, contains, parseCidr } from "../topology/cidr";
import type { DnsTopology, InboundEndpoint, PrivateEndpoint, VirtualNetwork } from "../topology/model";
import { compareText, joinList } from "../topology/order";
import type { FieldKey, FieldRef, Fix, Sentence } from "../topology/sentence";
import { fieldRef, sentence } from "../topology/sentence";
import type { ClientResult, DnsServerResult, EndpointResult, GatewayAnalysis, GatewayDns } from "./results";
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
  return dns.zones
    .filter((z) => ids.has(z.id))
    .map((z) => z.zoneName)
    .sort();
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
  const vnets = new Map(index.topology.vnets.map((v) => [v.id, v]));
  return gateways.map((gateway) => {
    const hub = index.gateways.get(gateway.id)?.hub;
    // W10: a hub's P2S gateway gives its clients its own custom DNS servers, where a VNet gateway gives its VNet's (D1).
    if (hub) {
      const holder: VirtualNetwork = {
        id: gateway.id,
        name: gateway.name,
        prefixes: [],
        nameServers: hub.nameServers,
        ...(hub.nameServersUnknown ? { nameServersUnknown: hub.nameServersUnknown } : {}),
      };
      return gatewayDns(index, dns, gateway, { holder: holder, key: "p2s.nameServers" });
    }
    const vnet = gateway.vnet === undefined ? undefined : vnets.get(gateway.vnet);
    return gatewayDns(index, dns, gateway, vnet && { holder: vnet, key: "vnet.nameServers" });
  });
}

/** What every fix for one gateway's VNet needs: where clients could be pointed, and how the resource that holds the DNS servers and its field are named. */
interface FixContext {
  dns: DnsTopology;
  /** Inbound endpoints the clients reach, those every static-route client has a route to first. */
  candidates: InboundEndpoint[];
  /** The candidates every static-route client has a route to. */
  routed: InboundEndpoint[];
  listed: readonly string[];
  /** The resource that holds the DNS servers: the VNet, or the classic resource that sets them. */
  target: string | undefined;
  targetName: string;
  field: FieldRef | string;
  /** The field that holds the servers: a VNet's, or a hub P2S gateway's custom DNS servers. */
  key: FieldKey;
}

/** R8, D7: clients take a changed DNS server list (and the Windows built-in client its routes) only from a new profile. */
export const NEW_PROFILE = "Users then need a new client profile: download it and import it on every device.";

function setServers(ctx: FixContext, text: Sentence): Fix {
  return { resource: ctx.target, field: ctx.key, action: "set", text: sentence`${text} ${NEW_PROFILE}` };
}

/** For a server that does not work: point the VNet at an inbound endpoint the clients reach. */
function serverFix(ctx: FixContext): Fix {
  const { candidates, field, targetName } = ctx;
  return setServers(
    ctx,
    candidates.length > 0
      ? sentence`Set ${field} of ${targetName} to ${candidates[0].address as string}, the inbound endpoint of ${resolverName(ctx.dns, candidates[0])}.`
      : sentence`Set ${field} of ${targetName} to the inbound endpoint of a DNS Private Resolver that P2S clients reach.`,
  );
}

/** D4: a server that the static-route client reaches only once its users add a route by hand: a custom route to it, or a server the client has a route to. */
function routeFix(ctx: FixContext, gateway: GatewayAnalysis, client: ClientResult, address: string, host: Cidr): Fix {
  const manual = client.manualRoutes.find((text) => {
    const parsed = parseCidr(text);
    return parsed.ok && contains(parsed.cidr, host);
  });
  const other = ctx.routed.find((i) => i.address !== address);
  const instead = other
    ? sentence`set ${ctx.field} of ${ctx.targetName} to ${other.address as string}, the inbound endpoint of ${resolverName(ctx.dns, other)}`
    : sentence`set ${ctx.field} of ${ctx.targetName} to a DNS server that the ${client.label} has a route to`;
  const routes = fieldRef(gateway.id, "gateway.advertisedRoutePrefixes");
  return {
    resource: gateway.id,
    field: "gateway.advertisedRoutePrefixes",
    action: "add",
    text: sentence`Add ${manual ?? `${address}/32`} to ${routes} of ${gateway.name}, so that the ${client.label} gets a route to ${address}, or ${instead}. ${NEW_PROFILE}`,
  };
}

/** What holds the DNS servers the clients get: the home VNet (D1), or a hub P2S gateway (W10), and the field. */
interface ServerHolder {
  holder: VirtualNetwork;
  key: FieldKey;
}

function gatewayDns(index: TopologyIndex, dns: DnsTopology, gateway: GatewayAnalysis, servedBy: ServerHolder | undefined): GatewayDns {
  const vnet = servedBy?.holder;
  const key = servedBy?.key ?? "vnet.nameServers";
  const vnetId = vnet?.id ?? gateway.vnet;
  const listed = vnet?.nameServers ?? [];
  const unknown = vnet?.nameServersUnknown;
  // Nothing listed and no endpoint to resolve: nothing to say, and no cost in stacks without DNS.
  if (listed.length === 0 && unknown === undefined && dns.endpoints.length === 0)
    return { gateway, vnet: gateway.vnet, servers: [], endpoints: [] };
  const vnetName = vnet?.name ?? nameOf(index, vnetId);
  // D1: servers unknown in a preview are not "no servers": nothing is checked that depends on them.
  const notChecked =
    unknown === undefined
      ? undefined
      : unknown === "secret"
        ? sentence`the DNS servers of ${vnetName} are secret`
        : sentence`the DNS servers of ${vnetName} are not known until deployment`;
  const access = new PrefixSet(gateway.reach.reached.filter((n) => !gateway.reach.blocked.has(n.ix)).flatMap((n) => n.prefixes));
  const staticClients = gateway.clients
    .filter((c) => c.routeSource === "static")
    .map((client) => ({ client, routes: prefixSet(client.routes) }));
  const pushed = gateway.clients.some((c) => c.routeSource === "pushed");
  const reached = dns.inbound.filter((i) => {
    const host = i.address === undefined ? undefined : hostOf(i.address);
    return host !== undefined && access.covers(host);
  });
  const routed = reached.filter((i) => staticClients.every((c) => c.routes.covers(hostOf(i.address as string) as Cidr)));
  const target = vnet?.nameServersFrom?.id ?? vnetId;
  const ctx: FixContext = {
    dns,
    candidates: [...routed, ...reached.filter((i) => !routed.includes(i))],
    routed,
    listed,
    target,
    targetName: vnet !== undefined && target === vnet.id ? vnet.name : nameOf(index, target),
    field: target === undefined ? "the DNS servers" : fieldRef(target, key),
    key,
  };
  const servers = listed.map((address): DnsServerResult => {
    if (address === AZURE_DNS) {
      return {
        address,
        works: false,
        reason: sentence`${AZURE_DNS}, Azure's own DNS, answers only inside Azure VNets and never over a Point-to-Site connection`,
        fix: serverFix(ctx),
      };
    }
    const host = hostOf(address);
    if (host === undefined || !access.covers(host)) {
      return {
        address,
        works: false,
        reason: sentence`P2S clients of ${gateway.name} reach no network that holds ${address}`,
        fix: serverFix(ctx),
      };
    }
    const inbound = dns.inbound.find((i) => i.address === address);
    const zones = inbound ? zonesLinkedTo(dns, resolverVnet(dns, inbound)) : undefined;
    // D4: a static-route client reaches it only through a route of its own, a manual one at worst.
    const unrouted = staticClients.filter((c) => !c.routes.covers(host)).map((c) => c.client);
    if (!pushed && unrouted.length > 0) {
      const reason = sentence`the ${unrouted[0].label} of ${gateway.name} has no route to ${address} until its users add one by hand`;
      return { address, works: false, zones, reason, fix: routeFix(ctx, gateway, unrouted[0], address, host) };
    }
    return {
      address,
      works: true,
      zones,
      ...(unrouted.length > 0
        ? { reason: sentence`users of the ${unrouted[0].label} reach it only once they add a route to it by hand` }
        : {}),
    };
  });
  const working = servers.filter((s) => s.works);
  const reachable = (endpoint: PrivateEndpoint) => {
    const network = endpoint.vnet === undefined ? undefined : index.networks.get(endpoint.vnet);
    return network !== undefined && gateway.reach.how[network.ix] !== undefined && !gateway.reach.blocked.has(network.ix);
  };
  // Servers keep the order the VNet lists them in (clients try them in it); endpoints go by name.
  const endpoints = [...dns.endpoints]
    .sort((a, b) => compareText(a.name, b.name))
    .filter(reachable)
    .map((endpoint): EndpointResult => {
      const zoneNames = dns.zones
        .filter((z) => endpoint.zones.includes(z.id))
        .map((z) => z.zoneName)
        .sort();
      const base = { id: endpoint.id, name: endpoint.name };
      if (zoneNames.length === 0) {
        return {
          ...base,
          resolves: false,
          reason: sentence`${endpoint.name} is in no private DNS zone (it has no zone group)`,
          fix: {
            resource: endpoint.id,
            action: "declare",
            text: sentence`Give ${endpoint.name} a private DNS zone group that puts it in its privatelink zone.`,
          },
        };
      }
      const zoneText = joinList(zoneNames);
      if (notChecked)
        return { ...base, resolves: undefined, reason: sentence`${notChecked}, so whether they answer ${zoneText} is not checked` };
      if (listed.length === 0) {
        return {
          ...base,
          resolves: false,
          reason: sentence`${vnetName} uses Azure-provided DNS, so P2S clients keep their own resolver, which answers ${zoneText} with public addresses`,
          fix: fixFor(ctx, zoneNames, servers),
        };
      }
      if (working.some((s) => s.zones?.some((z) => zoneNames.includes(z)))) return { ...base, resolves: true };
      if (working.some((s) => s.zones === undefined))
        return {
          ...base,
          resolves: undefined,
          reason: sentence`the DNS servers of ${vnetName} are not resolvers the pack reads, so whether they answer ${zoneText} is not checked`,
        };
      return {
        ...base,
        resolves: false,
        reason: sentence`no DNS server of ${vnetName} that P2S clients reach answers ${zoneText}`,
        fix: fixFor(ctx, zoneNames, servers),
      };
    });
  return { gateway, vnet: gateway.vnet, servers, ...(notChecked ? { notChecked } : {}), endpoints };
}

/** Points the home VNet at a reachable inbound endpoint whose resolver's VNet is linked to the zones, or says what to link or deploy. */
function fixFor(ctx: FixContext, zones: string[], servers: DnsServerResult[]): Fix {
  const { dns, candidates, listed, targetName, field } = ctx;
  const answering = candidates.find((i) => zonesLinkedTo(dns, resolverVnet(dns, i)).some((z) => zones.includes(z)));
  // Already listed but not working (D4, a route missing): setting it again would change nothing.
  const failing = answering && servers.find((s) => s.address === answering.address && !s.works);
  if (failing?.fix) return failing.fix;
  if (answering) {
    return setServers(
      ctx,
      sentence`Set ${field} of ${targetName} to ${answering.address as string}, the inbound endpoint of ${resolverName(dns, answering)}, whose VNet is linked to ${joinList(zones)}.`,
    );
  }
  const zone = dns.zones.find((z) => zones.includes(z.zoneName))?.id;
  const used = candidates.find((i) => listed.includes(i.address as string));
  if (used) {
    const text = sentence`Link ${joinList(zones)} to the VNet of ${resolverName(dns, used)}, whose inbound endpoint ${used.address as string} the clients already use.`;
    return { resource: zone, action: "declare", text };
  }
  if (candidates.length > 0) {
    const resolver = resolverName(dns, candidates[0]);
    return setServers(
      ctx,
      sentence`Link ${joinList(zones)} to the VNet of ${resolver} and set ${field} of ${targetName} to ${candidates[0].address as string}, its inbound endpoint.`,
    );
  }
  return setServers(
    ctx,
    sentence`Deploy a DNS Private Resolver whose VNet P2S clients reach and is linked to ${joinList(zones)}, and set ${field} of ${targetName} to its inbound endpoint.`,
  );
}

/** D8: inbound endpoints whose address is dynamic cannot be checked before deployment. */
export function dynamicInboundEndpoints(index: TopologyIndex): InboundEndpoint[] {
  return (index.topology.dns ?? emptyDns()).inbound.filter((i) => i.dynamic);
}

import type { DnsTopology, PrivateEndpoint } from "../topology/model";
import type { Context } from "./context";
import { subnetRecordOf, unresolvedNote, urnOf, vnetOfReference } from "./context";
import type { RefPath } from "./providers/provider-record";
import { PROVIDERS } from "./providers/providers";
import type { Entry } from "./resolver";
import { at, list, str } from "./values";

function dnsOf(ctx: Context): DnsTopology {
  return (ctx.topology.dns ??= { zones: [], links: [], endpoints: [], resolvers: [], inbound: [] });
}

/** Reads a name-resolution resource (spec section 6) of either provider into the model. */
export function readDnsResource(ctx: Context, entry: Entry): void {
  const dns = dnsOf(ctx);
  const paths = PROVIDERS[entry.provider].read.dns;
  const p = entry.props;
  const named = { id: entry.raw.urn, name: entry.raw.name, azureName: entry.azureName };
  const vnetAt = (source: unknown, ref: RefPath) => {
    const r = ctx.resolver.reference(entry, at(source, ...ref.path), ref.field, ["Subnet", "VirtualNetwork"]);
    unresolvedNote(ctx, entry, ref.field, r);
    return vnetOfReference(ctx, r);
  };
  switch (entry.kind) {
    case "PrivateZone":
      if (entry.azureName === undefined) ctx.notes.push(`The zone name of ${entry.raw.name} is unknown during preview; it is left out.`);
      else dns.zones.push({ ...named, zoneName: entry.azureName });
      break;
    case "VirtualNetworkLink": {
      const zone = ctx.resolver.byAzureName(entry, p[paths.linkZoneName], paths.linkZoneName, "PrivateZone");
      unresolvedNote(ctx, entry, paths.linkZoneName, zone);
      dns.links.push({ ...named, zone: urnOf(zone), vnet: vnetAt(p, paths.linkVnet) });
      break;
    }
    case "PrivateEndpoint": {
      const subnetId = at(p, ...paths.endpointSubnet.path);
      const r = ctx.resolver.reference(entry, subnetId, paths.endpointSubnet.field, ["Subnet", "VirtualNetwork"]);
      unresolvedNote(ctx, entry, paths.endpointSubnet.field, r);
      const subnet = subnetRecordOf(ctx, r, subnetId);
      const endpoint: PrivateEndpoint = { ...named, vnet: vnetOfReference(ctx, r), ...(subnet !== undefined ? { subnet } : {}), zones: [] };
      dns.endpoints.push(endpoint);
      if (paths.inlineZoneIds) addZones(ctx, entry, endpoint, list(at(p, ...paths.inlineZoneIds.path)), [], paths.inlineZoneIds.field);
      break;
    }
    case "PrivateDnsZoneGroup":
      addZoneGroup(ctx, entry);
      break;
    case "DnsResolver":
      dns.resolvers.push({ ...named, vnet: vnetAt(p, paths.resolverVnet) });
      break;
    case "InboundEndpoint": {
      const how = paths.inboundResolver;
      const resolver =
        "byName" in how
          ? ctx.resolver.byAzureName(entry, p[how.byName], how.byName, "DnsResolver")
          : ctx.resolver.reference(entry, at(p, ...how.ref.path), how.ref.field, ["DnsResolver"]);
      unresolvedNote(ctx, entry, "byName" in how ? how.byName : how.ref.field, resolver);
      // azure-native lists ipConfigurations; the classic provider has a single block.
      const config = Array.isArray(p.ipConfigurations) ? p.ipConfigurations[0] : p.ipConfigurations;
      const address = str(at(config, "privateIpAddress"));
      const method = str(at(config, "privateIpAllocationMethod")) ?? "Dynamic";
      dns.inbound.push({
        ...named,
        resolver: urnOf(resolver),
        vnet: vnetAt(config, { field: "ipConfigurations", path: paths.inboundSubnet }),
        address,
        dynamic: address === undefined && method.toLowerCase() === "dynamic",
      });
      break;
    }
  }
}

/** azure-native's zone group puts its private endpoint's name in the zones it lists (read after the endpoints). */
function addZoneGroup(ctx: Context, entry: Entry): void {
  const p = entry.props;
  const target = ctx.resolver.byAzureName(entry, p.privateEndpointName, "privateEndpointName", "PrivateEndpoint");
  unresolvedNote(ctx, entry, "privateEndpointName", target);
  const endpoint = dnsOf(ctx).endpoints.find((e) => e.id === urnOf(target));
  if (!endpoint) return;
  addZones(ctx, entry, endpoint, [], list(p.privateDnsZoneConfigs), "privateDnsZoneConfigs");
}

/** Adds the zones named by ids, or by zone configs holding `privateDnsZoneId`, to the endpoint. */
function addZones(ctx: Context, entry: Entry, endpoint: PrivateEndpoint, ids: unknown[], configs: unknown[], field: string): void {
  for (const id of [...ids, ...configs.map((c) => at(c, "privateDnsZoneId"))]) {
    const r = ctx.resolver.reference(entry, id, field, ["PrivateZone"]);
    // In preview the ids are unknown and several share one dependency list: take every zone it names.
    const zones = urnOf(r) !== undefined ? [urnOf(r) as string] : ctx.resolver.dependenciesOf(entry, field, "PrivateZone");
    for (const zone of zones) if (!endpoint.zones.includes(zone)) endpoint.zones.push(zone);
  }
}

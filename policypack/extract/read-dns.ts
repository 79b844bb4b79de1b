import type { DnsTopology } from "../topology/model";
import type { Context } from "./context";
import { unresolvedNote, urnOf, vnetOfReference } from "./context";
import type { Entry } from "./resolver";
import { at, list, str } from "./values";

function dnsOf(ctx: Context): DnsTopology {
  return (ctx.topology.dns ??= { zones: [], links: [], endpoints: [], resolvers: [], inbound: [] });
}

/** Reads a name-resolution resource (spec section 6) of azure-native into the model. */
export function readDnsResource(ctx: Context, entry: Entry): void {
  const dns = dnsOf(ctx);
  const p = entry.props;
  const named = { id: entry.raw.urn, name: entry.raw.name, azureName: entry.azureName };
  const vnetOf = (id: unknown, field: string) => {
    const r = ctx.resolver.reference(entry, id, field, ["Subnet", "VirtualNetwork"]);
    unresolvedNote(ctx, entry, field, r);
    return vnetOfReference(ctx, r);
  };
  switch (entry.kind) {
    case "PrivateZone":
      if (entry.azureName === undefined) ctx.notes.push(`The zone name of ${entry.raw.name} is unknown during preview; it is left out.`);
      else dns.zones.push({ ...named, zoneName: entry.azureName });
      break;
    case "VirtualNetworkLink": {
      const zone = ctx.resolver.byAzureName(entry, p.privateZoneName, "privateZoneName", "PrivateZone");
      unresolvedNote(ctx, entry, "privateZoneName", zone);
      dns.links.push({ ...named, zone: urnOf(zone), vnet: vnetOf(at(p, "virtualNetwork", "id"), "virtualNetwork") });
      break;
    }
    case "PrivateEndpoint":
      dns.endpoints.push({ ...named, vnet: vnetOf(at(p, "subnet", "id"), "subnet"), zones: [] });
      break;
    case "PrivateDnsZoneGroup":
      addZoneGroup(ctx, entry);
      break;
    case "DnsResolver":
      dns.resolvers.push({ ...named, vnet: vnetOf(at(p, "virtualNetwork", "id"), "virtualNetwork") });
      break;
    case "InboundEndpoint": {
      const resolver = ctx.resolver.byAzureName(entry, p.dnsResolverName, "dnsResolverName", "DnsResolver");
      unresolvedNote(ctx, entry, "dnsResolverName", resolver);
      const config = list(p.ipConfigurations)[0];
      const address = str(at(config, "privateIpAddress"));
      const method = str(at(config, "privateIpAllocationMethod")) ?? "Dynamic";
      dns.inbound.push({
        ...named,
        resolver: urnOf(resolver),
        vnet: vnetOf(at(config, "subnet", "id"), "ipConfigurations"),
        address,
        dynamic: address === undefined && method.toLowerCase() === "dynamic",
      });
      break;
    }
  }
}

/** A zone group puts its private endpoint's name in the zones it lists (read after the endpoints). */
function addZoneGroup(ctx: Context, entry: Entry): void {
  const p = entry.props;
  const target = ctx.resolver.byAzureName(entry, p.privateEndpointName, "privateEndpointName", "PrivateEndpoint");
  unresolvedNote(ctx, entry, "privateEndpointName", target);
  const endpoint = dnsOf(ctx).endpoints.find((e) => e.id === urnOf(target));
  if (!endpoint) return;
  for (const config of list(p.privateDnsZoneConfigs)) {
    const r = ctx.resolver.reference(entry, at(config, "privateDnsZoneId"), "privateDnsZoneConfigs", ["PrivateZone"]);
    // In preview the ids are unknown and several configs share one dependency list: take every zone it names.
    const zones = urnOf(r) !== undefined ? [urnOf(r) as string] : ctx.resolver.dependenciesOf(entry, "privateDnsZoneConfigs", "PrivateZone");
    for (const zone of zones) if (!endpoint.zones.includes(zone)) endpoint.zones.push(zone);
  }
}

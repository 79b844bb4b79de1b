import type { ConnectionType, Peering, VpnGateway } from "../topology/model";
import { PROTOCOLS } from "../topology/model";
import { parseArmId } from "./arm-id";
import type { Context } from "./context";
import { authentication, isEmptyList, listedNames, prefixes, present, unresolvedNote, urnOf, vnetOfReference } from "./context";
import { isSecret, isUnknown } from "./plain";
import type { FieldPath, ProviderRecord } from "./providers/provider-record";
import { RULE_FIELDS, eachItem, spelled } from "./providers/provider-record";
import { PROVIDERS } from "./providers/providers";
import { readDnsResource } from "./read-dns";
import { readFirewallResource } from "./read-firewall";
import { readNicResource } from "./read-nic";
import { readNsgResource } from "./read-nsg";
import { readInlineSubnets, readSubnetResource } from "./read-subnet";
import { isVirtualWanKind } from "./read-virtual-wan";
import type { Entry, Resolution } from "./resolver";
import type { Bag } from "./values";
import { asBag, at, bool, hasUnknown, list, num, str, stringTags, strings } from "./values";

/** Reads one resource of either provider into the model, through that provider's paths. */
export function readResource(ctx: Context, entry: Entry): void {
  const record = PROVIDERS[entry.provider];
  switch (entry.kind) {
    case "VirtualNetwork":
      addVnet(ctx, entry, record);
      break;
    case "VirtualNetworkPeering":
      addPeering(ctx, entry, record, entry.props, entry.raw.urn, entry.raw.name, undefined);
      break;
    case "VirtualNetworkGateway":
      addGateway(ctx, entry, record);
      break;
    case "VirtualNetworkGatewayConnection":
      addConnection(ctx, entry, record);
      break;
    case "LocalNetworkGateway":
      addSite(ctx, entry, record);
      break;
    case "VirtualNetworkDnsServers":
      setDnsServers(ctx, entry, record);
      break;
    case "PublicIPAddress":
      addPublicIp(ctx, entry, record);
      break;
    case "Subnet":
    case "SubnetNetworkSecurityGroupAssociation":
    case "SubnetRouteTableAssociation":
    case "RouteTable":
    case "Route":
      readSubnetResource(ctx, entry);
      break;
    case "NetworkSecurityGroup":
    case "SecurityRule":
      readNsgResource(ctx, entry);
      break;
    case "NetworkInterface":
    case "NetworkInterfaceSecurityGroupAssociation":
      readNicResource(ctx, entry);
      break;
    case "AzureFirewall":
    case "FirewallPolicy":
    case "FirewallPolicyRuleCollectionGroup":
    case "FirewallNetworkRuleCollection":
    case "FirewallApplicationRuleCollection":
      readFirewallResource(ctx, ctx.firewallReading, entry);
      break;
    default:
      // Virtual WAN is read as a whole once everything else is (read-virtual-wan.ts).
      if (!isVirtualWanKind(entry.kind)) readDnsResource(ctx, entry);
  }
}

/** The value at a field's path (a path without "*"). */
function read(props: unknown, field: FieldPath): unknown {
  return at(props, ...field.path);
}

/** The boolean at a field's path, or at an older name of it, else `fallback`. */
function flag(props: Bag, field: FieldPath, fallback: boolean, alias?: readonly string[]): boolean {
  for (const path of [field.path, ...(alias ? [alias] : [])]) {
    const value = at(props, ...path);
    if (typeof value === "boolean") return value;
  }
  return fallback;
}

function addVnet(ctx: Context, entry: Entry, record: ProviderRecord): void {
  ctx.topology.vnets.push({
    id: entry.raw.urn,
    name: entry.raw.name,
    azureName: entry.azureName,
    prefixes: prefixes(ctx, entry, record.fields["vnet.prefixes"].path),
    nameServers: strings(read(entry.props, record.fields["vnet.nameServers"])).values,
    nameServersUnknown: hiddenServers(entry.props, record.fields["vnet.nameServers"].path),
    tags: stringTags(entry.props.tags),
  });
  // azure-native also takes peerings inline on the VNet; they are reported against the VNet.
  list(entry.props.virtualNetworkPeerings).forEach((value, i) => {
    const props = asBag(value);
    if (!props) return;
    const azureName = str(props.name);
    const id = `${entry.raw.urn}#virtualNetworkPeerings/${azureName ?? i}`;
    addPeering(ctx, entry, record, props, id, azureName ?? `${entry.raw.name} peering ${i + 1}`, entry.raw.urn);
  });
  readInlineSubnets(ctx, entry, record);
}

/** A classic VirtualNetworkDnsServers resource sets the DNS servers of the VNet it names (read after every VNet). */
function setDnsServers(ctx: Context, entry: Entry, record: ProviderRecord): void {
  const r = ctx.resolver.reference(entry, entry.props.virtualNetworkId, "virtualNetworkId", ["VirtualNetwork"]);
  unresolvedNote(ctx, entry, "virtualNetworkId", r);
  const vnet = ctx.topology.vnets.find((v) => v.id === urnOf(r));
  if (!vnet) return;
  // The resource keeps the list under the name the classic VNet does.
  vnet.nameServers = strings(read(entry.props, record.fields["vnet.nameServers"])).values;
  vnet.nameServersUnknown = hiddenServers(entry.props, record.fields["vnet.nameServers"].path);
  vnet.nameServersFrom = { id: entry.raw.urn, name: entry.raw.name };
}

/** Whether the DNS servers at `path` are hidden from the pack: unknown in a preview (the list, an entry or an object on the way), or secret. */
function hiddenServers(props: Bag, path: readonly string[]): "preview" | "secret" | undefined {
  for (let i = 1; i < path.length; i++) {
    const step = at(props, ...path.slice(0, i));
    if (isUnknown(step)) return isSecret(step) ? "secret" : "preview";
  }
  const read = strings(at(props, ...path));
  return read.secret ? "secret" : read.unknown ? "preview" : undefined;
}

/** A peering, standalone (`owner` undefined) or declared inline on the VNet `owner`. */
function addPeering(
  ctx: Context,
  entry: Entry,
  record: ProviderRecord,
  props: Bag,
  id: string,
  name: string,
  owner: string | undefined,
): void {
  const from = owner !== undefined ? { urn: owner } : ctx.resolver.vnetByName(entry, props.virtualNetworkName, "virtualNetworkName");
  const remote = record.read.peering.remote;
  const to = ctx.resolver.reference(entry, at(props, ...remote.path), owner !== undefined ? "virtualNetworkPeerings" : remote.field, [
    "VirtualNetwork",
  ]);
  const fromUrn = urnOf(from);
  if (fromUrn === undefined) {
    unresolvedNote(ctx, entry, "The VNet", from);
    return;
  }
  if ("external" in to)
    ctx.notes.push(`${name} peers with ${to.external}, which is not in the stack; it is analysed as a one-sided peering.`);
  else unresolvedNote(ctx, entry, `The remote VNet of ${name}`, to);
  const peering: Peering = {
    id,
    name,
    azureName: str(props.name) ?? (owner === undefined ? entry.azureName : undefined),
    from: fromUrn,
    to: urnOf(to),
    allowsTransit: bool(read(props, record.fields["peering.allowsTransit"]), false),
    usesRemoteGateway: bool(read(props, record.fields["peering.usesRemoteGateway"]), false),
    // Azure's default: peered VNets can reach each other unless told otherwise.
    allowsAccess: bool(read(props, record.fields["peering.allowsAccess"]), true),
  };
  ctx.topology.peerings.push(peering);
  if (owner !== undefined) ctx.urns.set(id, owner);
}

function addGateway(ctx: Context, entry: Entry, record: ProviderRecord): void {
  const p = entry.props;
  const g = record.read.gateway;
  const field = record.fields;
  // Active-active gateways have two ip configurations in the same GatewaySubnet: the first that resolves wins.
  let vnet: string | undefined;
  let first: Resolution = { unresolved: "missing" };
  let vnetAzureName: string | undefined;
  list(p.ipConfigurations).forEach((config, i) => {
    if (vnet !== undefined) return;
    const subnet = at(config, ...g.subnet);
    const r = ctx.resolver.reference(entry, subnet, "ipConfigurations", ["Subnet", "VirtualNetwork"]);
    if (i === 0) first = r;
    vnet = vnetOfReference(ctx, r);
    // A VNet in another stack is still named by the subnet's id: Windows names the connection after it.
    const id = typeof subnet === "string" ? parseArmId(subnet) : undefined;
    if (id?.types[0] === "virtualnetworks") vnetAzureName ??= id.names[0];
  });
  if (vnet === undefined) unresolvedNote(ctx, entry, "The GatewaySubnet", first);
  const publicIps = list(p.ipConfigurations).flatMap((config) => {
    const r = ctx.resolver.reference(entry, at(config, ...g.publicIp), "ipConfigurations", ["PublicIPAddress"]);
    if ("urn" in r) return [{ id: r.urn, name: ctx.resolver.entry(r.urn)?.raw.name ?? r.urn }];
    return "external" in r ? [{ name: r.external }] : [];
  });
  // Every P2S setting lives in the client configuration, in both providers.
  const client = asBag(at(p, field["gateway.clientPools"].path[0]));
  const pool = client ? prefixes(ctx, entry, field["gateway.clientPools"].path) : [];
  const groupList = at(p, ...eachItem(field["gateway.groupPools"]).list);
  const poolUnknown =
    client !== undefined && (hasUnknown(at(p, ...field["gateway.clientPools"].path.slice(0, 2))) || hasUnknown(groupList));
  const groups = client ? list(groupList).map((group) => strings(at(group, ...eachItem(field["gateway.groupPools"]).item))) : [];
  if (client && (isUnknown(groupList) || groups.some((r) => r.unknown))) {
    ctx.notes.push(`Some user-group pools of ${entry.raw.name} are unknown during preview and are left out.`);
  }
  const groupPools = groups.flatMap((r) => r.values);
  const userGroups = client
    ? list(groupList).flatMap((group, i) => {
        const name = str(at(group, RULE_FIELDS.name));
        return name !== undefined ? [{ name, pools: groups[i].values }] : [];
      })
    : [];
  if (client && pool.length === 0 && groupPools.length === 0 && !poolUnknown) {
    ctx.notes.push(`${entry.raw.name} has a vpnClientConfiguration without a usable address pool, so it is not analysed as a P2S gateway.`);
  }
  const listedProtocols = read(p, field["gateway.protocols"]);
  const entra = {
    tenant: read(p, field["gateway.entraTenant"]),
    issuer: read(p, field["gateway.entraIssuer"]),
    audience: read(p, field["gateway.entraAudience"]),
  };
  const gateway: VpnGateway = {
    id: entry.raw.urn,
    name: entry.raw.name,
    azureName: entry.azureName,
    tags: stringTags(p.tags),
    vnet,
    ...(vnetAzureName !== undefined ? { vnetAzureName } : {}),
    kind: str(at(p, ...g.kind)) ?? "Vpn",
    routing: str(read(p, field["gateway.routing"])) ?? "RouteBased",
    sku: str(read(p, field["gateway.sku"])),
    generation: str(read(p, field["gateway.generation"])),
    bgp: flag(p, field["gateway.bgp"], false, g.bgpAlias),
    asn: num(read(p, field["gateway.asn"])),
    clientPool: pool,
    // A pool that is secret or not known yet is still a pool: the gateway is a P2S gateway.
    clientPoolUnknown: poolUnknown,
    groupPools,
    ...(userGroups.length > 0 ? { userGroups } : {}),
    // Outputs hold an empty list when nothing was set; Azure's default applies, as when it is absent.
    protocols:
      client && !isEmptyList(listedProtocols)
        ? listedNames(
            ctx,
            entry,
            listedProtocols,
            spelled(field["gateway.protocols"]),
            { names: PROTOCOLS, what: "VPN client protocol" },
            "Azure's default is assumed.",
          )
        : undefined,
    ...(client
      ? authentication(ctx, entry, {
          listed: read(p, field["gateway.authTypes"]),
          listedField: spelled(field["gateway.authTypes"]),
          aad: [entra.tenant, entra.audience, entra.issuer],
          radius: present(client.radiusServerAddress) || list(client.radiusServers).length > 0 || isUnknown(client.radiusServers),
          certificates: client[g.certificates],
        })
      : {}),
    advertisedRoutes: prefixes(ctx, entry, field["gateway.advertisedRoutePrefixes"].path),
    ...(isDeployed(p) ? { deployed: true as const } : {}),
    ...(client && Object.values(entra).some((v) => str(v) !== undefined)
      ? { aad: { tenant: str(entra.tenant), issuer: str(entra.issuer), audience: str(entra.audience) } }
      : {}),
    publicIps,
    ...(client && hasUnknown(listedProtocols) ? { protocolsHidden: true as const } : {}),
  };
  ctx.topology.gateways.push(gateway);
}

/** What only Azure sets: a resource that has them exists (an export, an audit, a preview of a change). */
function isDeployed(props: Bag): boolean {
  const id = str(props.id);
  return (
    (id !== undefined && parseArmId(id) !== undefined) ||
    [props.provisioningState, props.etag, props.resourceGuid].some((v) => str(v) !== undefined)
  );
}

function addPublicIp(ctx: Context, entry: Entry, record: ProviderRecord): void {
  (ctx.topology.publicIps ??= []).push({
    id: entry.raw.urn,
    name: entry.raw.name,
    azureName: entry.azureName,
    sku: str(read(entry.props, record.fields["publicIp.sku"])) ?? record.read.publicIp.defaultSku,
    allocation: str(read(entry.props, record.fields["publicIp.allocation"])),
  });
}

const CONNECTION_TYPES: ConnectionType[] = ["IPsec", "Vnet2Vnet", "ExpressRoute"];

function addConnection(ctx: Context, entry: Entry, record: ProviderRecord): void {
  const p = entry.props;
  const c = record.read.connection;
  const typeText = str(at(p, ...c.type));
  const type = CONNECTION_TYPES.find((t) => t.toLowerCase() === (typeText ?? "").toLowerCase());
  if (!type) {
    ctx.notes.push(
      typeText === undefined
        ? `${entry.raw.name} has no readable ${c.type.join(".")}; it is left out.`
        : `${entry.raw.name} has ${c.type.join(".")} "${typeText}", which P2S routing does not use; it is left out.`,
    );
    return;
  }
  const ref = (ref: { field: string; path: string[] }, kind: "VirtualNetworkGateway" | "LocalNetworkGateway") => {
    const r = ctx.resolver.reference(entry, at(p, ...ref.path), ref.field, [kind]);
    unresolvedNote(ctx, entry, ref.field, r);
    return urnOf(r);
  };
  ctx.topology.connections.push({
    id: entry.raw.urn,
    name: entry.raw.name,
    azureName: entry.azureName,
    type,
    gateway: ref(c.gateway, "VirtualNetworkGateway"),
    remoteGateway: type === "Vnet2Vnet" ? ref(c.remoteGateway, "VirtualNetworkGateway") : undefined,
    site: type === "IPsec" ? ref(c.site, "LocalNetworkGateway") : undefined,
    bgp: flag(p, record.fields["connection.bgp"], false, c.bgpAlias),
  });
}

function addSite(ctx: Context, entry: Entry, record: ProviderRecord): void {
  ctx.topology.sites.push({
    id: entry.raw.urn,
    name: entry.raw.name,
    azureName: entry.azureName,
    tags: stringTags(entry.props.tags),
    prefixes: prefixes(ctx, entry, record.fields["site.prefixes"].path),
    bgpAsn: num(read(entry.props, record.fields["site.asn"])),
  });
}

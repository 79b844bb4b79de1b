import type { ConnectionType, VpnGateway } from "../topology/model";
import { PROTOCOLS } from "../topology/model";
import type { Context } from "./context";
import { authentication, listedNames, prefixes, present, unresolvedNote, urnOf, vnetOfReference } from "./context";
import { isUnknown } from "./plain";
import type { Entry, Resolution } from "./resolver";
import { asBag, at, bool, hasUnknown, list, num, str, stringTags, strings } from "./values";

/** Reads one resource of the classic @pulumi/azure provider (azure:network/*, v6) into the model. */
export function readClassic(ctx: Context, entry: Entry): void {
  switch (entry.kind) {
    case "VirtualNetwork":
      addVnet(ctx, entry);
      break;
    case "VirtualNetworkPeering":
      addPeering(ctx, entry);
      break;
    case "VirtualNetworkGateway":
      addGateway(ctx, entry);
      break;
    case "VirtualNetworkGatewayConnection":
      addConnection(ctx, entry);
      break;
    case "LocalNetworkGateway":
      addSite(ctx, entry);
      break;
    case "VirtualNetworkDnsServers":
      setDnsServers(ctx, entry);
      break;
  }
}

/** The classic provider renamed enableBgp to bgpEnabled; programs use either. */
function bgpOf(props: Record<string, unknown>): boolean {
  return bool(props.bgpEnabled, bool(props.enableBgp, false));
}

function addVnet(ctx: Context, entry: Entry): void {
  ctx.topology.vnets.push({
    id: entry.raw.urn,
    name: entry.raw.name,
    azureName: entry.azureName,
    prefixes: prefixes(ctx, entry, ["addressSpaces"]),
    dnsServers: strings(entry.props.dnsServers).values,
    tags: stringTags(entry.props.tags),
  });
}

/** A VirtualNetworkDnsServers resource sets the DNS servers of the VNet it names (read after every VNet). */
function setDnsServers(ctx: Context, entry: Entry): void {
  const r = ctx.resolver.reference(entry, entry.props.virtualNetworkId, "virtualNetworkId", ["VirtualNetwork"]);
  unresolvedNote(ctx, entry, "virtualNetworkId", r);
  const vnet = ctx.topology.vnets.find((v) => v.id === urnOf(r));
  if (vnet) vnet.dnsServers = strings(entry.props.dnsServers).values;
}

function addPeering(ctx: Context, entry: Entry): void {
  const p = entry.props;
  const from = ctx.resolver.vnetByName(entry, p.virtualNetworkName, "virtualNetworkName");
  const to = ctx.resolver.reference(entry, p.remoteVirtualNetworkId, "remoteVirtualNetworkId", ["VirtualNetwork"]);
  const fromUrn = urnOf(from);
  if (fromUrn === undefined) {
    unresolvedNote(ctx, entry, "The VNet", from);
    return;
  }
  if ("external" in to) ctx.notes.push(`${entry.raw.name} peers with ${to.external}, which is not in the stack; it is analysed as a one-sided peering.`);
  else unresolvedNote(ctx, entry, `The remote VNet of ${entry.raw.name}`, to);
  ctx.topology.peerings.push({
    id: entry.raw.urn,
    name: entry.raw.name,
    azureName: entry.azureName,
    from: fromUrn,
    to: urnOf(to),
    allowsTransit: bool(p.allowGatewayTransit, false),
    usesRemoteGateway: bool(p.useRemoteGateways, false),
    allowsAccess: bool(p.allowVirtualNetworkAccess, true),
  });
}

function addGateway(ctx: Context, entry: Entry): void {
  const p = entry.props;
  let vnet: string | undefined;
  let first: Resolution = { unresolved: "missing" };
  list(p.ipConfigurations).forEach((config, i) => {
    if (vnet !== undefined) return;
    const r = ctx.resolver.reference(entry, at(config, "subnetId"), "ipConfigurations", ["Subnet", "VirtualNetwork"]);
    if (i === 0) first = r;
    vnet = vnetOfReference(ctx, r);
  });
  if (vnet === undefined) unresolvedNote(ctx, entry, "The GatewaySubnet", first);
  const client = asBag(p.vpnClientConfiguration);
  const pool = client ? prefixes(ctx, entry, ["vpnClientConfiguration", "addressSpaces"]) : [];
  const groups = list(client?.virtualNetworkGatewayClientConnections).map((c) => strings(at(c, "addressPrefixes")));
  if (groups.some((g) => g.unknown)) ctx.notes.push(`Some user-group pools of ${entry.raw.name} are unknown during preview and are left out.`);
  const gateway: VpnGateway = {
    id: entry.raw.urn,
    name: entry.raw.name,
    azureName: entry.azureName,
    tags: stringTags(p.tags),
    vnet,
    kind: str(p.type) ?? "Vpn",
    routing: str(p.vpnType) ?? "RouteBased",
    sku: str(p.sku),
    generation: str(p.generation),
    bgp: bgpOf(p),
    asn: num(at(p, "bgpSettings", "asn")),
    clientPool: pool,
    clientPoolUnknown: client !== undefined && (hasUnknown(client.addressSpaces) || hasUnknown(client.virtualNetworkGatewayClientConnections)),
    groupPools: groups.flatMap((g) => g.values),
    protocols: client
      ? listedNames(ctx, entry, client.vpnClientProtocols, "vpnClientProtocols", { names: PROTOCOLS, what: "VPN client protocol" }, "Azure's default is assumed.")
      : undefined,
    ...(client
      ? authentication(ctx, entry, {
          listed: client.vpnAuthTypes,
          listedField: "vpnAuthTypes",
          aad: [client.aadTenant, client.aadAudience, client.aadIssuer],
          radius: present(client.radiusServerAddress) || list(client.radiusServers).length > 0 || isUnknown(client.radiusServers),
          certificates: client.rootCertificates,
        })
      : {}),
    advertisedRoutes: prefixes(ctx, entry, ["customRoute", "addressPrefixes"]),
  };
  ctx.topology.gateways.push(gateway);
}

const CONNECTION_TYPES: ConnectionType[] = ["IPsec", "Vnet2Vnet", "ExpressRoute"];

function addConnection(ctx: Context, entry: Entry): void {
  const p = entry.props;
  const typeText = str(p.type);
  const type = CONNECTION_TYPES.find((t) => t.toLowerCase() === (typeText ?? "").toLowerCase());
  if (!type) {
    ctx.notes.push(
      typeText === undefined
        ? `${entry.raw.name} has no readable type; it is left out.`
        : `${entry.raw.name} has type "${typeText}", which P2S routing does not use; it is left out.`,
    );
    return;
  }
  const ref = (field: string, kind: "VirtualNetworkGateway" | "LocalNetworkGateway") => {
    const r = ctx.resolver.reference(entry, p[field], field, [kind]);
    unresolvedNote(ctx, entry, field, r);
    return urnOf(r);
  };
  ctx.topology.connections.push({
    id: entry.raw.urn,
    name: entry.raw.name,
    azureName: entry.azureName,
    type,
    gateway: ref("virtualNetworkGatewayId", "VirtualNetworkGateway"),
    remoteGateway: type === "Vnet2Vnet" ? ref("peerVirtualNetworkGatewayId", "VirtualNetworkGateway") : undefined,
    site: type === "IPsec" ? ref("localNetworkGatewayId", "LocalNetworkGateway") : undefined,
    bgp: bgpOf(p),
  });
}

function addSite(ctx: Context, entry: Entry): void {
  ctx.topology.sites.push({
    id: entry.raw.urn,
    name: entry.raw.name,
    azureName: entry.azureName,
    tags: stringTags(entry.props.tags),
    prefixes: prefixes(ctx, entry, ["addressSpaces"]),
    bgpAsn: num(at(entry.props, "bgpSettings", "asn")),
  });
}

import type { Connection, ConnectionType, Peering, VpnGateway } from "../topology/model";
import { PROTOCOLS } from "../topology/model";
import type { Context } from "./context";
import { authentication, listedNames, prefixes, present, unresolvedNote, urnOf, vnetOfReference } from "./context";
import { isUnknown } from "./plain";
import type { Entry, Resolution } from "./resolver";
import type { Bag } from "./values";
import { asBag, at, bool, hasUnknown, list, num, str, stringTags, strings } from "./values";

/** Reads one azure-native resource (azure-native:network:*) into the model. */
export function readAzureNative(ctx: Context, entry: Entry): void {
  switch (entry.kind) {
    case "VirtualNetwork":
      addVnet(ctx, entry);
      break;
    case "VirtualNetworkPeering":
      addPeering(ctx, entry, entry.props, entry.raw.urn, entry.raw.name, undefined);
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
  }
}

function addVnet(ctx: Context, entry: Entry): void {
  ctx.topology.vnets.push({
    id: entry.raw.urn,
    name: entry.raw.name,
    azureName: entry.azureName,
    prefixes: prefixes(ctx, entry, ["addressSpace", "addressPrefixes"]),
    dnsServers: strings(at(entry.props, "dhcpOptions", "dnsServers")).values,
    tags: stringTags(entry.props.tags),
  });
  list(entry.props.virtualNetworkPeerings).forEach((value, i) => {
    const props = asBag(value);
    if (!props) return;
    const azureName = str(props.name);
    const id = `${entry.raw.urn}#virtualNetworkPeerings/${azureName ?? i}`;
    const name = azureName ?? `${entry.raw.name} peering ${i + 1}`;
    addPeering(ctx, entry, props, id, name, entry.raw.urn);
  });
}

/** A peering, standalone (`owner` undefined) or declared inline on the VNet `owner`. */
function addPeering(ctx: Context, entry: Entry, props: Bag, id: string, name: string, owner: string | undefined): void {
  const from = owner !== undefined ? { urn: owner } : ctx.resolver.vnetByName(entry, props.virtualNetworkName, "virtualNetworkName");
  const field = owner !== undefined ? "virtualNetworkPeerings" : "remoteVirtualNetwork";
  const to = ctx.resolver.reference(entry, at(props, "remoteVirtualNetwork", "id"), field, ["VirtualNetwork"]);
  const fromUrn = urnOf(from);
  if (fromUrn === undefined) {
    unresolvedNote(ctx, entry, "The VNet", from);
    return;
  }
  if ("external" in to) ctx.notes.push(`${name} peers with ${to.external}, which is not in the stack; it is analysed as a one-sided peering.`);
  else unresolvedNote(ctx, entry, `The remote VNet of ${name}`, to);
  const peering: Peering = {
    id,
    name,
    azureName: str(props.name) ?? (owner === undefined ? entry.azureName : undefined),
    from: fromUrn,
    to: urnOf(to),
    allowsTransit: bool(props.allowGatewayTransit, false),
    usesRemoteGateway: bool(props.useRemoteGateways, false),
    // Azure's default: peered VNets can reach each other unless told otherwise.
    allowsAccess: bool(props.allowVirtualNetworkAccess, true),
  };
  ctx.topology.peerings.push(peering);
  if (owner !== undefined) ctx.urns.set(id, owner);
}

function addGateway(ctx: Context, entry: Entry): void {
  const p = entry.props;
  // Active-active gateways have two ip configurations in the same GatewaySubnet: the first that resolves wins.
  let vnet: string | undefined;
  let first: Resolution = { unresolved: "missing" };
  list(p.ipConfigurations).forEach((config, i) => {
    if (vnet !== undefined) return;
    const r = ctx.resolver.reference(entry, at(config, "subnet", "id"), "ipConfigurations", ["Subnet", "VirtualNetwork"]);
    if (i === 0) first = r;
    vnet = vnetOfReference(ctx, r);
  });
  if (vnet === undefined) unresolvedNote(ctx, entry, "The GatewaySubnet", first);
  const client = asBag(p.vpnClientConfiguration);
  const pool = client ? prefixes(ctx, entry, ["vpnClientConfiguration", "vpnClientAddressPool", "addressPrefixes"]) : [];
  if (client && pool.length === 0 && !hasUnknown(client.vpnClientAddressPool) && !hasUnknown(client.vngClientConnectionConfigurations)) {
    ctx.notes.push(`${entry.raw.name} has a vpnClientConfiguration without a usable address pool, so it is not analysed as a P2S gateway.`);
  }
  const groupPools = client ? groupPoolsOf(ctx, entry, client) : [];
  const gateway: VpnGateway = {
    id: entry.raw.urn,
    name: entry.raw.name,
    azureName: entry.azureName,
    tags: stringTags(p.tags),
    vnet,
    kind: str(p.gatewayType) ?? "Vpn",
    routing: str(p.vpnType) ?? "RouteBased",
    sku: str(at(p, "sku", "name")),
    generation: str(p.vpnGatewayGeneration),
    bgp: bool(p.enableBgp, false),
    asn: num(at(p, "bgpSettings", "asn")),
    clientPool: pool,
    // A pool that is secret or not known yet is still a pool: the gateway is a P2S gateway.
    clientPoolUnknown: client !== undefined && (hasUnknown(client.vpnClientAddressPool) || hasUnknown(client.vngClientConnectionConfigurations)),
    groupPools,
    protocols: client
      ? listedNames(ctx, entry, client.vpnClientProtocols, "vpnClientProtocols", { names: PROTOCOLS, what: "VPN client protocol" }, "Azure's default is assumed.")
      : undefined,
    ...(client
      ? authentication(ctx, entry, {
          listed: client.vpnAuthenticationTypes,
          listedField: "vpnAuthenticationTypes",
          aad: [client.aadTenant, client.aadAudience, client.aadIssuer],
          radius: present(client.radiusServerAddress) || list(client.radiusServers).length > 0 || isUnknown(client.radiusServers),
          certificates: client.vpnClientRootCertificates,
        })
      : {}),
    advertisedRoutes: prefixes(ctx, entry, ["customRoutes", "addressPrefixes"]),
  };
  ctx.topology.gateways.push(gateway);
}

/** The pools of user groups: vngClientConnectionConfigurations[*].vpnClientAddressPool.addressPrefixes. */
function groupPoolsOf(ctx: Context, entry: Entry, client: Bag): string[] {
  const read = list(client.vngClientConnectionConfigurations).map((group) => strings(at(group, "vpnClientAddressPool", "addressPrefixes")));
  if (isUnknown(client.vngClientConnectionConfigurations) || read.some((r) => r.unknown)) {
    ctx.notes.push(`Some user-group pools of ${entry.raw.name} are unknown during preview and are left out.`);
  }
  return read.flatMap((r) => r.values);
}

const CONNECTION_TYPES: ConnectionType[] = ["IPsec", "Vnet2Vnet", "ExpressRoute"];

function addConnection(ctx: Context, entry: Entry): void {
  const p = entry.props;
  const typeText = str(p.connectionType);
  const type = CONNECTION_TYPES.find((t) => t.toLowerCase() === (typeText ?? "").toLowerCase());
  if (!type) {
    ctx.notes.push(
      typeText === undefined
        ? `${entry.raw.name} has no readable connectionType; it is left out.`
        : `${entry.raw.name} has connectionType "${typeText}", which P2S routing does not use; it is left out.`,
    );
    return;
  }
  const ref = (field: string, kind: "VirtualNetworkGateway" | "LocalNetworkGateway") => {
    const r = ctx.resolver.reference(entry, at(p, field, "id"), field, [kind]);
    unresolvedNote(ctx, entry, field, r);
    return urnOf(r);
  };
  const connection: Connection = {
    id: entry.raw.urn,
    name: entry.raw.name,
    azureName: entry.azureName,
    type,
    gateway: ref("virtualNetworkGateway1", "VirtualNetworkGateway"),
    remoteGateway: type === "Vnet2Vnet" ? ref("virtualNetworkGateway2", "VirtualNetworkGateway") : undefined,
    site: type === "IPsec" ? ref("localNetworkGateway2", "LocalNetworkGateway") : undefined,
    bgp: bool(p.enableBgp, false),
  };
  ctx.topology.connections.push(connection);
}

function addSite(ctx: Context, entry: Entry): void {
  ctx.topology.sites.push({
    id: entry.raw.urn,
    name: entry.raw.name,
    azureName: entry.azureName,
    tags: stringTags(entry.props.tags),
    prefixes: prefixes(ctx, entry, ["localNetworkAddressSpace", "addressPrefixes"]),
    bgpAsn: num(at(entry.props, "bgpSettings", "asn")),
  });
}

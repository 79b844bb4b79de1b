import { createHash } from "crypto";
import type { AuthType, Connection, ConnectionType, Peering, Protocol, Topology, VpnGateway } from "../topology/model";
import { AUTH_TYPES, PROTOCOLS, emptyTopology } from "../topology/model";
import { compareText } from "../topology/order";
import type { Spell } from "../topology/sentence";
import { spellAzureNative } from "./azure-native-fields";
import type { RawResource } from "./raw-resource";
import type { Entry, Resolution } from "./resolver";
import { Resolver, describeResolution } from "./resolver";
import type { Bag } from "./values";
import { isUnknown } from "./plain";
import { asBag, at, bool, hasUnknown, list, num, str, stringTags, strings } from "./values";

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

/** Network resources of providers the pack does not read yet: the classic @pulumi/azure. */
const UNREAD_NETWORK = /^azure:network\//;

function coverageOf(resources: RawResource[], read: number): Coverage {
  const counts = new Map<string, number>();
  for (const r of resources) if (typeof r.type === "string" && UNREAD_NETWORK.test(r.type)) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return { read, notRead: [...counts].sort(([a], [b]) => compareText(a, b)).map(([type, count]) => ({ type, count })) };
}

/** Builds the engine's topology from azure-native resources; never throws on odd input. */
export function extractTopology(resources: RawResource[]): Extraction {
  const resolver = new Resolver(resources.filter((r) => r !== null && typeof r === "object"));
  const topology = emptyTopology();
  const urns = new Map<string, string>();
  const notes: string[] = [];
  const ctx: Context = { resolver, topology, urns, notes };

  for (const entry of resolver.entries) {
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
      case "Subnet":
        break;
    }
  }
  topology.stacks = stacksOf(resolver.entries.map((e) => e.raw.urn));
  const coverage = coverageOf(resources, resolver.entries.length);
  return { topology, urns, notes: [...new Set(notes)].sort(compareText), spell: spellAzureNative, coverage };
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

interface Context {
  resolver: Resolver;
  topology: Topology;
  urns: Map<string, string>;
  notes: string[];
}

function prefixes(ctx: Context, entry: Entry, path: string[]): string[] {
  const read = strings(at(entry.props, ...path));
  if (read.secret) ctx.notes.push(`Some of ${path.join(".")} of ${entry.raw.name} is secret and is left out.`);
  else if (read.unknown) ctx.notes.push(`Some of ${path.join(".")} of ${entry.raw.name} is unknown during preview and is left out.`);
  if (read.invalid.length > 0) ctx.notes.push(`${path.join(".")} of ${entry.raw.name} holds values that are not strings; they are left out.`);
  return read.values;
}

function unresolvedNote(ctx: Context, entry: Entry, what: string, r: Resolution): void {
  if ("urn" in r) return;
  ctx.notes.push(`${what} of ${entry.raw.name} resolves to ${describeResolution(r)}, so it is left out of the analysis.`);
}

function urnOf(r: Resolution): string | undefined {
  return "urn" in r ? r.urn : undefined;
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

function protocolsOf(ctx: Context, entry: Entry, value: unknown): Protocol[] | undefined {
  if (value === undefined || value === null) return undefined;
  const read = strings(value);
  if (read.unknown) {
    ctx.notes.push(`vpnClientProtocols of ${entry.raw.name} is unknown during preview; Azure's default is assumed.`);
    return undefined;
  }
  const out: Protocol[] = [];
  for (const text of read.values) {
    const protocol = PROTOCOLS.find((p) => p.toLowerCase() === text.toLowerCase());
    if (protocol) out.push(protocol);
    else ctx.notes.push(`${entry.raw.name} lists the unknown VPN client protocol "${text}"; it is ignored.`);
  }
  return [...new Set(out)];
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
    protocols: client ? protocolsOf(ctx, entry, client.vpnClientProtocols) : undefined,
    ...(client ? authenticationOf(ctx, entry, client) : {}),
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

/** A setting counts as present when it is set, even to a value unknown during preview. */
function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/**
 * Authentication types as listed, and which settings are present (Azure infers the types from
 * them when none is listed). Values are only compared through digests: none is ever shown.
 */
function authenticationOf(ctx: Context, entry: Entry, client: Bag): Pick<VpnGateway, "authTypes" | "authSettings" | "profileDigests"> {
  let authTypes: AuthType[] | undefined;
  const listed = client.vpnAuthenticationTypes;
  if (listed !== undefined && listed !== null) {
    const read = strings(listed);
    if (read.unknown) ctx.notes.push(`vpnAuthenticationTypes of ${entry.raw.name} is unknown during preview; the types are inferred from its settings.`);
    else {
      authTypes = [];
      for (const text of read.values) {
        const type = AUTH_TYPES.find((t) => t.toLowerCase() === text.toLowerCase());
        if (type) authTypes.push(type);
        else ctx.notes.push(`${entry.raw.name} lists the unknown authentication type "${text}"; it is ignored.`);
      }
    }
  }
  const certificates = list(client.vpnClientRootCertificates);
  const digest = (value: unknown) => createHash("sha256").update(JSON.stringify(value ?? null)).digest("hex");
  return {
    authTypes,
    authSettings: {
      aad: present(client.aadTenant),
      radius: present(client.radiusServerAddress) || list(client.radiusServers).length > 0 || isUnknown(client.radiusServers),
      certificates: certificates.length > 0 || isUnknown(client.vpnClientRootCertificates),
    },
    profileDigests: {
      aad: digest([client.aadTenant, client.aadAudience, client.aadIssuer]),
      rootCertificates: digest(certificates.map((c) => [at(c, "name"), at(c, "publicCertData")])),
    },
  };
}

/** A gateway's subnet reference names a Subnet resource or, by its id, the VNet itself. */
function vnetOfReference(ctx: Context, r: Resolution): string | undefined {
  const urn = urnOf(r);
  if (urn === undefined) return undefined;
  const target = ctx.resolver.entry(urn);
  if (target?.kind === "VirtualNetwork") return urn;
  if (target?.kind === "Subnet") return urnOf(ctx.resolver.vnetByName(target, target.props.virtualNetworkName, "virtualNetworkName"));
  return undefined;
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

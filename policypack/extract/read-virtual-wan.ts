import type { VpnGateway } from "../topology/model";
import { PROTOCOLS } from "../topology/model";
import { compareText } from "../topology/order";
import type {
  HubConnection,
  HubConnectionKind,
  HubRouteTable,
  HubStaticRoute,
  P2sConfiguration,
  PolicyGroup,
  RoutingConfiguration,
  ServerConfiguration,
  VirtualWanTopology,
} from "../topology/virtual-wan";
import { BUILT_IN_TABLES, builtInTableId, emptyVirtualWan } from "../topology/virtual-wan";
import { parseArmId } from "./arm-id";
import type { Context } from "./context";
import { authentication, isEmptyList, listedNames, present, urnOf } from "./context";
import { isUnknown } from "./plain";
import type { ProviderRecord, RefPath, VirtualWanPaths } from "./providers/provider-record";
import { HUB_PREFIX, HUB_ROUTE_FIELDS, RULE_FIELDS, spelled } from "./providers/provider-record";
import { PROVIDERS } from "./providers/providers";
import type { Entry, Resolution } from "./resolver";
import type { ResourceKind } from "./resource-kind";
import type { Bag } from "./values";
import { asBag, at, bool, hasUnknown, list, num, str, stringTags, strings } from "./values";

const WAN_KINDS: ReadonlySet<ResourceKind> = new Set<ResourceKind>([
  "VirtualWan",
  "VirtualHub",
  "HubRouteTable",
  "HubRouteTableRoute",
  "HubVirtualNetworkConnection",
  "P2sVpnGateway",
  "VpnServerConfiguration",
  "VpnServerConfigurationPolicyGroup",
  "VpnGateway",
  "VpnConnection",
  "VpnSite",
  "ExpressRouteGateway",
  "ExpressRouteConnection",
  "RoutingIntent",
]);

export function isVirtualWanKind(kind: ResourceKind): boolean {
  return WAN_KINDS.has(kind);
}

/** What the readers share while they read one stack's Virtual WAN. */
interface WanReading {
  ctx: Context;
  wan: VirtualWanTopology;
  /** Declared tables by hub id and lower-cased Azure name. */
  tables: Map<string, HubRouteTable>;
}

function pathsOf(entry: Entry): VirtualWanPaths {
  return PROVIDERS[entry.provider].read.wan;
}

function recordOf(entry: Entry): ProviderRecord {
  return PROVIDERS[entry.provider];
}

function ref(ctx: Context, entry: Entry, path: RefPath, kinds: ResourceKind[]): Resolution {
  return ctx.resolver.reference(entry, at(entry.props, ...path.path), path.field, kinds);
}

/** The resource of a kind another names by Azure name (azure-native) or by id (classic): a hub, a VPN or ExpressRoute gateway. */
function namedBy(ctx: Context, entry: Entry, how: { byName: string } | { ref: RefPath }, kind: ResourceKind): string | undefined {
  if ("byName" in how) return urnOf(ctx.resolver.byAzureName(entry, entry.props[how.byName], how.byName, kind));
  return urnOf(ref(ctx, entry, how.ref, [kind]));
}

function hubOf(ctx: Context, entry: Entry, how: VirtualWanPaths["hub"]): string | undefined {
  return namedBy(ctx, entry, how, "VirtualHub");
}

/**
 * Reads every Virtual WAN resource of the stack (spec section 8) once the rest is read: tables
 * need their hubs, connections their tables, P2S gateways their server configurations.
 */
export function readVirtualWan(ctx: Context): void {
  const entries = ctx.resolver.entries.filter((e) => WAN_KINDS.has(e.kind));
  if (entries.length === 0) return;
  const of = (kind: ResourceKind) => entries.filter((e) => e.kind === kind);
  const reading: WanReading = { ctx, wan: emptyVirtualWan(), tables: new Map() };
  const { wan } = reading;
  for (const e of of("VirtualWan")) {
    const f = recordOf(e).fields;
    const branch = at(e.props, ...f["wan.branchToBranch"].path);
    wan.wans.push({
      ...named(e),
      type: str(at(e.props, ...f["wan.type"].path)),
      ...(typeof branch === "boolean" ? { branchToBranch: branch } : {}),
    });
  }
  for (const e of of("VirtualHub")) {
    const f = recordOf(e).fields;
    wan.hubs.push({
      ...named(e),
      wan: urnOf(ref(ctx, e, pathsOf(e).hubWan, ["VirtualWan"])),
      prefix: str(e.props[HUB_PREFIX]),
      sku: str(at(e.props, ...f["hub.sku"].path)),
    });
  }
  for (const e of of("HubRouteTable")) readTable(reading, e);
  for (const e of of("HubRouteTableRoute")) {
    const r = ref(ctx, e, pathsOf(e).routeTable as RefPath, ["HubRouteTable"]);
    const table = wan.tables.find((t) => t.id === urnOf(r));
    if (table) table.routes.push(...routesOf(reading, e, [e.props]));
  }
  // Every hub has both built-in tables, declared or not.
  for (const hub of wan.hubs)
    for (const builtIn of BUILT_IN_TABLES)
      if (!reading.tables.has(`${hub.id}|${builtIn.toLowerCase()}`)) {
        const table: HubRouteTable = {
          id: builtInTableId(hub.id, builtIn),
          name: builtIn,
          azureName: builtIn,
          hub: hub.id,
          builtIn,
          implicit: true,
          labels: [builtIn === "defaultRouteTable" ? "default" : "none"],
          routes: [],
        };
        wan.tables.push(table);
        reading.tables.set(`${hub.id}|${builtIn.toLowerCase()}`, table);
      }
  for (const e of of("VpnSite")) readSite(ctx, e);
  const groups = new Map<string, PolicyGroup[]>();
  for (const e of of("VpnServerConfigurationPolicyGroup")) {
    const how = pathsOf(e).policyGroupServer;
    const server = how !== undefined ? namedBy(ctx, e, how, "VpnServerConfiguration") : undefined;
    if (server !== undefined) append(groups, server, { name: e.azureName ?? e.raw.name, isDefault: bool(e.props.isDefault, false) });
  }
  const servers = new Map<string, ServerReading>();
  for (const e of of("VpnServerConfiguration")) {
    const server = readServer(ctx, e, groups.get(e.raw.urn) ?? []);
    wan.serverConfigurations.push(server.config);
    servers.set(e.raw.urn, server);
  }
  for (const e of of("P2sVpnGateway")) readP2sGateway(reading, e, servers);
  for (const e of of("HubVirtualNetworkConnection")) {
    const p = pathsOf(e);
    const vnet = ref(ctx, e, p.connectionVnet, ["VirtualNetwork"]);
    addConnection(reading, e, e.props, e.raw.urn, e.raw.name, "vnet", hubOf(ctx, e, p.hub), urnOf(vnet), false);
  }
  const gatewayHubs = new Map<string, string | undefined>();
  for (const e of [...of("VpnGateway"), ...of("ExpressRouteGateway")])
    gatewayHubs.set(e.raw.urn, urnOf(ref(ctx, e, pathsOf(e).gatewayHub, ["VirtualHub"])));
  for (const e of of("VpnGateway")) {
    const p = pathsOf(e);
    if (p.vpnGatewayConnections === undefined) continue;
    list(e.props[p.vpnGatewayConnections]).forEach((value, i) => {
      const props = asBag(value);
      if (!props) return;
      const name = str(props.name) ?? `${e.raw.name} connection ${i + 1}`;
      const site = ctx.resolver.reference(e, at(props, ...p.vpnSite.path), p.vpnGatewayConnections as string, ["VpnSite"]);
      const id = `${e.raw.urn}#connections/${name}`;
      addConnection(reading, e, props, id, name, "vpn", gatewayHubs.get(e.raw.urn), urnOf(site), vpnBgp(p, props));
      ctx.urns.set(id, e.raw.urn);
    });
  }
  for (const e of of("VpnConnection")) {
    const p = pathsOf(e);
    const site = ref(ctx, e, p.vpnSite, ["VpnSite"]);
    const hub = gatewayHubs.get(namedBy(ctx, e, p.vpnGateway, "VpnGateway") ?? "");
    addConnection(reading, e, e.props, e.raw.urn, e.raw.name, "vpn", hub, urnOf(site), vpnBgp(p, e.props));
  }
  for (const e of of("ExpressRouteConnection")) {
    const p = pathsOf(e);
    const hub = gatewayHubs.get(namedBy(ctx, e, p.erGateway, "ExpressRouteGateway") ?? "");
    addConnection(reading, e, e.props, e.raw.urn, e.raw.name, "expressroute", hub, undefined, false);
  }
  for (const e of of("RoutingIntent")) {
    const p = pathsOf(e);
    let privateNextHop: string | undefined;
    let internetNextHop: string | undefined;
    for (const policy of list(e.props[p.intentPolicies])) {
      const destinations = strings(at(policy, "destinations")).values.map((d) => d.toLowerCase());
      const hop = ctx.resolver.reference(e, at(policy, "nextHop"), p.intentPolicies, ["AzureFirewall"]);
      const target = urnOf(hop) ?? "unknown";
      if (destinations.includes("privatetraffic")) privateNextHop = target;
      if (destinations.includes("internet")) internetNextHop = target;
    }
    wan.intents.push({
      ...named(e),
      hub: hubOf(ctx, e, p.hub),
      ...(privateNextHop !== undefined ? { privateNextHop } : {}),
      ...(internetNextHop !== undefined ? { internetNextHop } : {}),
      additionalPrefixes: [],
    });
  }
  readHubFirewalls(ctx);
  ctx.topology.wan = wan;
}

function named(e: Entry): { id: string; name: string; azureName?: string; tags?: Record<string, string> } {
  return {
    id: e.raw.urn,
    name: e.raw.name,
    ...(e.azureName !== undefined ? { azureName: e.azureName } : {}),
    tags: stringTags(e.props.tags),
  };
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const found = map.get(key);
  if (found) found.push(value);
  else map.set(key, [value]);
}

function readTable(reading: WanReading, e: Entry): void {
  const hub = hubOf(reading.ctx, e, pathsOf(e).hub);
  const azureName = e.azureName ?? e.raw.name;
  const builtIn = BUILT_IN_TABLES.find((b) => b.toLowerCase() === azureName.toLowerCase());
  const labels = strings(e.props.labels).values;
  // A declared built-in table keeps its label: Azure gives defaultRouteTable "default".
  if (builtIn === "defaultRouteTable" && !labels.some((l) => l.toLowerCase() === "default")) labels.push("default");
  const table: HubRouteTable = {
    ...named(e),
    ...(hub !== undefined ? { hub } : {}),
    ...(builtIn ? { builtIn } : {}),
    labels,
    routes: routesOf(reading, e, list(at(e.props, ...recordOf(e).fields["hubTable.routes"].path))),
  };
  reading.wan.tables.push(table);
  if (hub !== undefined) reading.tables.set(`${hub}|${azureName.toLowerCase()}`, table);
}

function routesOf(reading: WanReading, e: Entry, values: unknown[]): HubStaticRoute[] {
  const names = HUB_ROUTE_FIELDS;
  return values.flatMap((value) => {
    const route = asBag(value);
    if (!route) return [];
    const nextHop = at(route, names.nextHop);
    const target = reading.ctx.resolver.reference(e, nextHop, "routes", ["HubVirtualNetworkConnection", "AzureFirewall"]);
    return [
      {
        name: str(route.name),
        destinations: strings(at(route, names.destinations)).values,
        hopType: str(at(route, names.nextHopType)),
        ...(urnOf(target) !== undefined ? { target: urnOf(target) } : {}),
      },
    ];
  });
}

function readSite(ctx: Context, e: Entry): void {
  const p = pathsOf(e);
  const asn =
    (p.siteBgp.root ? num(at(e.props, ...p.siteBgp.root)) : undefined) ??
    list(e.props[p.siteBgp.links])
      .map((link) => num(at(link, ...p.siteBgp.linkAsn)))
      .find((n) => n !== undefined);
  ctx.topology.sites.push({
    id: e.raw.urn,
    name: e.raw.name,
    azureName: e.azureName,
    tags: stringTags(e.props.tags),
    prefixes: strings(at(e.props, ...p.sitePrefixes)).values,
    bgpAsn: asn,
  });
}

function vpnBgp(p: VirtualWanPaths, props: Bag): boolean {
  return bool(props.enableBgp, false) || list(props[p.vpnLinks]).some((link) => at(link, ...p.vpnLinkBgp) === true);
}

function addConnection(
  reading: WanReading,
  e: Entry,
  props: Bag,
  id: string,
  name: string,
  kind: HubConnectionKind,
  hub: string | undefined,
  remote: string | undefined,
  bgp: boolean,
): void {
  const p = pathsOf(e);
  const connection: HubConnection = {
    id,
    name,
    ...(id === e.raw.urn && e.azureName !== undefined ? { azureName: e.azureName } : {}),
    kind,
    ...(hub !== undefined ? { hub } : {}),
    ...(remote !== undefined ? { remote } : {}),
    bgp,
    routing: routingOf(reading, e, props[p.routing.connection], hub, p.routing.connection),
  };
  reading.wan.connections.push(connection);
}

/** A routing configuration (W1): association, propagation by ids and labels, static routes. */
function routingOf(reading: WanReading, e: Entry, value: unknown, hub: string | undefined, field: string): RoutingConfiguration {
  const p = pathsOf(e).paths;
  const bag = asBag(value);
  const out: RoutingConfiguration = { applianceRoutes: [], staticPropagate: true };
  if (isUnknown(value)) return { ...out, associated: "unknown", propagation: { tables: [], labels: [], unknown: true } };
  if (!bag) return out;
  const associated = p.associated.map((path) => at(bag, ...path)).find((v) => v !== undefined && v !== null);
  if (associated !== undefined) out.associated = tableOf(reading, e, associated, hub, field, true);
  const propagated = bag[p.propagated];
  if (isUnknown(propagated)) out.propagation = { tables: [], labels: [], unknown: true };
  else if (asBag(propagated)) {
    const ids = p.propagatedIds.flatMap((key) => list(at(propagated, key)));
    const tables = ids.map((item) => tableOf(reading, e, p.idInItem.length > 0 ? at(item, ...p.idInItem) : item, hub, field, false));
    const labels = strings(at(propagated, "labels"));
    out.propagation = {
      tables: tables.filter((t) => t !== "unknown"),
      labels: labels.values,
      ...(tables.includes("unknown") || labels.unknown || hasUnknown(at(propagated, p.propagatedIds[0])) ? { unknown: true as const } : {}),
    };
  }
  out.applianceRoutes = list(at(bag, ...p.staticRoutes)).flatMap((route) => {
    const r = asBag(route);
    if (!r) return [];
    return [{ name: str(r.name), prefixes: strings(r.addressPrefixes).values, nextHopAddress: str(r.nextHopIpAddress) }];
  });
  out.staticPropagate = bool(at(bag, ...p.staticPropagate), true);
  return out;
}

/**
 * A hub route table reference: a declared table by id, or by its hub and name in the id (the
 * built-in tables need not be declared); in a preview, the one table the field depends on when
 * `viaDependencies`: the property holds several references, so only the association may take it.
 */
function tableOf(
  reading: WanReading,
  e: Entry,
  value: unknown,
  hub: string | undefined,
  field: string,
  viaDependencies: boolean,
): string | "unknown" {
  const { ctx } = reading;
  const text = str(value);
  const parsed = text !== undefined ? parseArmId(text) : undefined;
  if (parsed) {
    const exact = ctx.resolver.reference(e, text, field, ["HubRouteTable"]);
    const hubAt = parsed.types.indexOf("virtualhubs");
    const tableName = parsed.names[parsed.names.length - 1];
    if (hubAt >= 0 && parsed.types[parsed.types.length - 1] === "hubroutetables") {
      const hubUrn = ctx.resolver.namedIn("VirtualHub", parsed.resourceGroup, parsed.names[hubAt])?.raw.urn ?? hub;
      const found = hubUrn !== undefined ? reading.tables.get(`${hubUrn}|${tableName.toLowerCase()}`) : undefined;
      if (found) return found.id;
    }
    if ("urn" in exact) return exact.urn;
    return "unknown";
  }
  const deps = viaDependencies ? ctx.resolver.dependenciesOf(e, field, "HubRouteTable") : [];
  return deps.length === 1 ? deps[0] : "unknown";
}

/** A server configuration as read, with what its P2S gateways take from it. */
interface ServerReading {
  config: ServerConfiguration;
  entry: Entry;
  groups: PolicyGroup[];
  protocols: VpnGateway["protocols"];
  auth: Pick<VpnGateway, "authTypes" | "authSettings" | "profileDigests">;
  entra?: Bag;
}

function readServer(ctx: Context, e: Entry, declaredGroups: PolicyGroup[]): ServerReading {
  const p = pathsOf(e);
  const f = recordOf(e).fields;
  // v3 nests the settings under properties, v2 (and the classic provider) keeps them at the root.
  const root = (p.serverRoots.map((r) => (r.length === 0 ? e.props : asBag(at(e.props, ...r)))).find((b) => b !== undefined) ?? {}) as Bag;
  const settings = (name: string) => root[name];
  const protocolsValue = settings(f["server.protocols"].path[f["server.protocols"].path.length - 1]);
  const authValue = settings(f["server.authTypes"].path[f["server.authTypes"].path.length - 1]);
  const aad = settings(p.server.aad);
  const auth = authentication(ctx, e, {
    listed: authValue,
    listedField: spelled(f["server.authTypes"]),
    aad: [Array.isArray(aad) ? aad[0] : aad],
    radius: present(at(root, ...p.server.radius)),
    certificates: at(root, ...p.server.certificates),
  });
  const protocols = isEmptyList(protocolsValue)
    ? undefined
    : listedNames(
        ctx,
        e,
        protocolsValue,
        spelled(f["server.protocols"]),
        { names: PROTOCOLS, what: "VPN protocol" },
        "Azure's default is assumed.",
      );
  const inline = p.server.policyGroups !== undefined ? list(root[p.server.policyGroups]) : [];
  const groups = [
    ...declaredGroups,
    ...inline.flatMap((g) => {
      const name = str(at(g, RULE_FIELDS.name));
      return name !== undefined ? [{ name, isDefault: at(g, "isDefault") === true }] : [];
    }),
  ];
  const config: ServerConfiguration = {
    ...named(e),
    ...(protocols !== undefined ? { protocols } : {}),
    ...(auth.authTypes !== undefined ? { authTypes: auth.authTypes } : {}),
    aad: auth.authSettings?.aad ?? false,
    radiusAddresses: [
      ...(p.server.radiusAddress !== undefined && str(root[p.server.radiusAddress]) !== undefined
        ? [str(root[p.server.radiusAddress]) as string]
        : []),
      ...list(at(root, ...p.server.radiusList)).flatMap((server) => str(at(server, p.server.radiusItemAddress)) ?? []),
    ],
  };
  const entra = Array.isArray(aad) ? asBag(aad[0]) : asBag(aad);
  return { config, entry: e, groups, protocols, auth, entra };
}

/**
 * The user groups Azure associated with a connection configuration, by name (the last segment of
 * each ".../configurationPolicyGroups/<name>" id); undefined when there are none or they are not known.
 */
function groupNames(value: unknown): string[] | undefined {
  const names = list(value).flatMap((a) => {
    const id = str(at(a, "id"));
    const parsed = id !== undefined ? parseArmId(id) : undefined;
    return parsed && parsed.types[parsed.types.length - 1] === "configurationpolicygroups" ? [parsed.names[parsed.names.length - 1]] : [];
  });
  return names.length > 0 ? [...new Set(names)].sort(compareText) : undefined;
}

function readP2sGateway(reading: WanReading, e: Entry, servers: Map<string, ServerReading>): void {
  const { ctx } = reading;
  const p = pathsOf(e);
  const f = recordOf(e).fields;
  const hub = urnOf(ref(ctx, e, p.gatewayHub, ["VirtualHub"]));
  const serverUrn = urnOf(ref(ctx, e, p.serverConfiguration, ["VpnServerConfiguration"]));
  const server = serverUrn !== undefined ? servers.get(serverUrn) : undefined;
  if (!server)
    ctx.notes.push(`The VPN server configuration of ${e.raw.name} is not in the stack, so its clients are analysed with Azure's defaults.`);
  const configsValue = e.props[p.p2sConfigurations];
  const configurations: P2sConfiguration[] = list(configsValue).flatMap((value, i) => {
    const c = asBag(value);
    if (!c) return [];
    const pools = strings(at(c, ...p.p2sPool));
    if (pools.unknown) ctx.notes.push(`Some pools of ${e.raw.name} are unknown during preview and are left out.`);
    const userGroups = p.p2sGroupAssociations !== undefined ? groupNames(c[p.p2sGroupAssociations]) : undefined;
    return [
      {
        name: str(c.name) ?? `configuration ${i + 1}`,
        pools: pools.values,
        internetSecurity: bool(c[p.p2sInternetSecurity], false),
        routing: routingOf(reading, e, c[p.routing.p2s], hub, p.p2sConfigurations),
        ...(userGroups ? { userGroups } : {}),
      },
    ];
  });
  const pools = configurations.flatMap((c) => c.pools);
  const dns = strings(at(e.props, ...f["p2s.nameServers"].path));
  const gateway: VpnGateway = {
    id: e.raw.urn,
    name: e.raw.name,
    azureName: e.azureName,
    tags: stringTags(e.props.tags),
    kind: "Vpn",
    routing: "RouteBased",
    bgp: false,
    clientPool: pools,
    clientPoolUnknown: hasUnknown(configsValue) || (pools.length === 0 && configurations.length > 0),
    groupPools: [],
    protocols: server?.protocols,
    ...(server
      ? { authTypes: server.auth.authTypes, authSettings: server.auth.authSettings, profileDigests: server.auth.profileDigests }
      : {}),
    ...(server?.entra ? { aad: { tenant: str(server.entra.aadTenant ?? server.entra.tenant) } } : {}),
    advertisedRoutes: [],
    hub: {
      ...(hub !== undefined ? { hub } : {}),
      ...(server ? { settingsFrom: { id: server.entry.raw.urn, name: server.entry.raw.name } } : {}),
      configurations,
      ...(dns.values.length > 0 ? { nameServers: dns.values } : {}),
      ...(dns.unknown ? { nameServersUnknown: dns.secret ? ("secret" as const) : ("preview" as const) } : {}),
      ...(num(at(e.props, ...f["p2s.scaleUnits"].path)) !== undefined ? { scaleUnits: num(at(e.props, ...f["p2s.scaleUnits"].path)) } : {}),
      policyGroups: server?.groups ?? [],
    },
  };
  ctx.topology.gateways.push(gateway);
}

/** A firewall in a hub secures it (W7): its hub, and its private address there. */
function readHubFirewalls(ctx: Context): void {
  for (const firewall of ctx.topology.firewalls ?? []) {
    const e = ctx.resolver.entry(firewall.id);
    if (!e) continue;
    const p = pathsOf(e);
    const hub = urnOf(ref(ctx, e, p.firewallHub, ["VirtualHub"]));
    if (hub === undefined) continue;
    firewall.hub = hub;
    const address = str(at(e.props, ...p.firewallHubAddress));
    if (address !== undefined && !firewall.addresses.includes(address)) firewall.addresses.push(address);
  }
}

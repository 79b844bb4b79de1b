import type { Cidr } from "../topology/cidr";
import { PrefixSet, mergedPrefixes, sortedUnique } from "../topology/cidr";
import {
  acceptsP2sClients,
  authenticationOf,
  clientSetting,
  isBasicSku,
  isP2sGateway,
  protocolsOf,
  skuSupports,
} from "../topology/gateway";
import type { AuthType, Platform, Protocol, VpnGateway } from "../topology/model";
import { PLATFORMS } from "../topology/model";
import { compareText, joinList } from "../topology/order";
import type { Sentence } from "../topology/sentence";
import { fieldRef, sentence } from "../topology/sentence";
import type { Reason } from "./findings";
import { compareReasons } from "./findings";
import type { GatewayReach, Reach } from "./gateway-reach";
import { reachFrom } from "./gateway-reach";
import type { ClientSpec, RouteSource } from "./clients";
import { CLIENTS } from "./clients";
import type { GatewayPaths } from "../paths/gateway-paths";
import { gatewayPaths } from "../paths/gateway-paths";
import type { ConfigurationResult } from "./hub-reach";
import { hubReach } from "./hub-reach";
import { PLATFORM_LABELS } from "./platforms";
import type { ClientResult, GatewayAnalysis, PlatformResult, ReachResult, RouteReason, RouteSet } from "./results";
import type { Link, Network, TopologyIndex } from "./topology-index";
import { nameOf } from "./topology-index";

/** Per P2S gateway and platform: routes, access, manual and unreachable routes (rules R1-R7). */
export function computeReach(index: TopologyIndex): ReachResult {
  const notes: Sentence[] = [];
  const gateways = index.topology.gateways
    .filter(isP2sGateway)
    .map((g) => analyzeGateway(index, g, notes))
    .sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id));
  return { gateways, notes };
}

function analyzeGateway(index: TopologyIndex, gateway: VpnGateway, notes: Sentence[]): GatewayAnalysis {
  const { protocols, assumed: protocolsAssumed } = protocolsOf(gateway);
  if (protocolsAssumed) {
    notes.push(
      sentence`${gateway.name} lists no ${clientSetting(gateway, "protocols")}; Azure's default of ${joinList(protocols)} is assumed.`,
    );
  }
  const auth = authenticationOf(gateway);
  if (auth.assumed) {
    notes.push(
      sentence`${gateway.name} lists no ${clientSetting(gateway, "authTypes")} and has no authentication setting; certificate authentication is assumed.`,
    );
  }
  const home = gateway.vnet !== undefined ? index.networks.get(gateway.vnet) : undefined;
  if (!home && !gateway.hub) {
    notes.push(sentence`The VNet of ${gateway.name} could not be resolved, so only its client pool and custom routes are analysed.`);
  }
  const hub = gateway.hub ? hubReach(index, gateway, notes) : undefined;
  const reach = hub?.reach ?? reachFrom(index, gateway);
  const paths = narrowByPaths(index, gateway, reach);
  const access = sharedAccess(reach);
  const usable = protocols.filter((p) => skuSupports(gateway, p));
  // Clients with the same route source install the same routes: each source is computed once.
  const bySource = new Map<RouteSource, RouteSet>();
  const routesOf = (source: RouteSource) => {
    let set = bySource.get(source);
    if (!set) bySource.set(source, (set = hub ? hubRouteSet(hub.routes, access) : routeSet(index, gateway, reach, source, access)));
    return set;
  };
  const clients = offeredClients(gateway, usable, auth.types).map((spec) => clientResult(spec, usable, routesOf(spec.routes)));
  if (hub && clients.some((c) => c.routeSource === "static"))
    notes.push(
      sentence`Azure documents no route behaviour of the Windows built-in client on a Virtual WAN hub: ${gateway.name}'s Windows built-in clients are assumed to install the routes the other clients receive.`,
    );
  const platforms = {} as Record<Platform, PlatformResult>;
  const summaries = new Map<string, PlatformResult>();
  for (const platform of PLATFORMS) {
    const offered = clients.filter((c) => c.platforms.includes(platform));
    if (offered.length === 0) {
      platforms[platform] = blocked(whyBlocked(gateway, usable, auth.types, platform), []);
      continue;
    }
    const key = offered.map((c) => c.id).join(",");
    let summary = summaries.get(key);
    if (!summary) summaries.set(key, (summary = platformSummary(offered, routesOf)));
    platforms[platform] = summary;
  }
  const hubRecord = gateway.hub?.hub !== undefined ? index.hubs.hubs.get(gateway.hub.hub) : undefined;
  return {
    id: gateway.id,
    name: gateway.name,
    kind: gateway.hub ? "virtual-wan" : "vnet-gateway",
    ...(gateway.hub ? { hub: hubRecord ? { id: hubRecord.id, name: hubRecord.name } : null } : {}),
    ...(hub ? { configurations: withoutBlocked(index, hub.configurations, reach), hubConfigurations: hub.computed } : {}),
    vnet: home?.id,
    vnetName: home?.name,
    clientPool: sortedUnique(index.ownPools.get(gateway.id) ?? []),
    clientPools: sortedUnique(index.pools.get(gateway.id) ?? []),
    protocols,
    protocolsAssumed,
    authTypes: auth.types,
    authAssumed: auth.assumed,
    clients,
    advertisedRoutes: sortedUnique(index.advertisedRoutes.get(gateway.id) ?? []),
    platforms,
    reach,
    paths,
  };
}

/** A hub gateway's configurations reach no network that has no working path (P5; a spoke's route table, W10). */
function withoutBlocked(index: TopologyIndex, configurations: ConfigurationResult[], reach: GatewayReach): ConfigurationResult[] {
  if (reach.blocked.size === 0) return configurations;
  const blocked = new Set(index.networkList.filter((n) => reach.blocked.has(n.ix)).map((n) => n.name));
  return configurations.map((c) => ({ ...c, access: c.access.filter((name) => !blocked.has(name)) }));
}

/** The VNet whose gateway hands traffic to a network: the far gateway's over a VPN link, the P2S gateway's otherwise. */
function entryVnet(index: TopologyIndex, gateway: VpnGateway, how: Reach | undefined): string | undefined {
  if (how?.via !== "bgp") return gateway.vnet;
  const far = how.link.a === how.from ? how.link.b : how.link.a;
  return index.gateways.get(far)?.vnet;
}

/**
 * Spec P5: a routed VNet is accessible when some subnet has a working path both ways. The others
 * stay routed (clients keep their routes) but leave access, with the path's failure as the reason.
 */
function narrowByPaths(index: TopologyIndex, gateway: VpnGateway, reach: GatewayReach): GatewayPaths {
  const routed = reach.reached
    .filter((n) => n.kind === "vnet")
    .map((network) => {
      const how = reach.how[network.ix];
      return {
        id: network.id,
        name: network.name,
        entryVnet: entryVnet(index, gateway, how),
        ...(how?.via === "hub" ? { hub: how.entry } : {}),
        network,
      };
    });
  const paths = gatewayPaths(index.paths, { pools: index.pools.get(gateway.id) ?? [], routed });
  for (const [{ network }, subnets] of paths.blocked) {
    const failure = subnets.flatMap((s) => s.failures)[0];
    if (!failure) continue;
    reach.blocked.add(network.ix);
    const reason: Reason = {
      code: "no-working-path",
      rule: "P5",
      subject: network.name,
      resources: [failure.resource, ...failure.related],
      text: sentence`${network.name} is routed, but ${subnets.length === 1 ? "its subnet has no" : "none of its subnets has a"} working path: ${failure.text}`,
      fix: failure.fix,
    };
    reach.unreached.set(network.ix, [reason, ...(reach.unreached.get(network.ix) ?? [])]);
  }
  return paths;
}

/** A client is offered when the gateway offers one of its protocols and one of its authentication types. */
function offeredClients(gateway: VpnGateway, usable: Protocol[], auth: AuthType[]): ClientSpec[] {
  if (!acceptsP2sClients(gateway)) return [];
  return CLIENTS.filter((c) => c.protocols.some((p) => usable.includes(p)) && c.authentication.some((a) => auth.includes(a)));
}

function clientResult(spec: ClientSpec, usable: Protocol[], routes: RouteSet): ClientResult {
  return {
    id: spec.id,
    label: spec.label,
    spec,
    platforms: PLATFORMS.filter((p) => spec.platforms.includes(p)),
    protocols: usable.filter((p) => spec.protocols.includes(p)),
    routeSource: spec.routes,
    ...routes,
  };
}

/** Per platform: the routes every offered client receives, the manual and unreachable routes any has. */
function platformSummary(offered: ClientResult[], routesOf: (source: RouteSource) => RouteSet): PlatformResult {
  const clients = offered.map((c) => c.id).sort(compareText);
  const sources = [...new Set(offered.map((c) => c.routeSource))];
  if (sources.length === 1) return { canConnect: true, clients, ...routesOf(sources[0]) };
  const sets = sources.map(routesOf);
  const first = sets[0];
  const others = sets.slice(1).map((s) => new Set(s.routes));
  const routes = first.routes.filter((r) => others.every((s) => s.has(r)));
  const unreachable = new Map<string, RouteReason>();
  for (const set of sets) for (const r of set.unreachableRoutes) if (!unreachable.has(r.prefix)) unreachable.set(r.prefix, r);

  return {
    canConnect: true,
    clients,
    routes,
    access: first.access,
    accessNetworks: first.accessNetworks,
    accessIds: first.accessIds,
    manualRoutes: mergedPrefixes(sets.map((s) => s.manualRoutes)),
    unreachableRoutes: mergedPrefixes([[...unreachable.keys()]]).map((prefix) => unreachable.get(prefix) as RouteReason),
  };
}

function blocked(reason: Reason, clients: string[]): PlatformResult {
  return {
    canConnect: false,
    clients,
    routes: [],
    access: [],
    accessNetworks: [],
    accessIds: [],
    manualRoutes: [],
    unreachableRoutes: [],
    blockedBy: reason,
  };
}

function whyBlocked(gateway: VpnGateway, usable: Protocol[], auth: AuthType[], platform: Platform): Reason {
  const label = PLATFORM_LABELS[platform];
  const reason = (code: Reason["code"], text: Sentence, fix: Reason["fix"]): Reason => ({
    code,
    rule: "R1",
    subject: label,
    resources: [gateway.id],
    text,
    fix,
  });
  if (!acceptsP2sClients(gateway)) {
    return reason(
      "gateway-not-p2s-capable",
      sentence`${gateway.name} is a ${gateway.routing} ${gateway.kind} gateway, which does not accept Point-to-Site clients`,
      {
        resource: gateway.id,
        field: "gateway.routing",
        action: "change",
        text: sentence`Use a RouteBased Vpn gateway for ${gateway.name}.`,
      },
    );
  }
  const candidates = CLIENTS.filter((c) => c.platforms.includes(platform));
  if (!candidates.some((c) => c.protocols.some((p) => usable.includes(p)))) {
    return reason(
      "no-protocol-for-platform",
      sentence`no protocol of ${gateway.name} serves ${label} (${usable.length > 0 ? `${usable.join(", ")} only` : "none usable"})`,
      addProtocolsFix(gateway),
    );
  }
  const authTypes = clientSetting(gateway, "authTypes");
  const entra = CLIENTS.filter((c) => c.authentication.includes("AAD"));
  if (auth.every((a) => a === "AAD")) {
    const forPlatform = entra.find((c) => c.platforms.includes(platform));
    if (forPlatform) {
      return reason(
        "no-client-for-authentication",
        sentence`Microsoft Entra ID works only with the ${forPlatform.label} over ${forPlatform.protocols.join(" or ")}, which ${gateway.name} does not offer`,
        {
          ...settingFix(gateway, "protocols"),
          action: "add",
          text: sentence`Add ${forPlatform.protocols.join(" or ")} to ${clientSetting(gateway, "protocols")} of ${gateway.name}.`,
        },
      );
    }
    const where = entra.map((c) => `the ${c.label}, which runs on ${joinList(c.platforms.map((p) => PLATFORM_LABELS[p]))}`);
    return reason("no-client-for-authentication", sentence`Microsoft Entra ID works only with ${joinList(where)}`, {
      ...settingFix(gateway, "authTypes"),
      action: "add",
      // IKEv2 clients need IkeV2 among the protocols too: say so rather than promise them.
      text: protocolsOf(gateway).protocols.includes("IkeV2")
        ? sentence`Add Certificate to ${authTypes} of ${gateway.name}, with a root certificate, so that users on other platforms connect with OpenVPN or IKEv2 clients.`
        : sentence`Add Certificate to ${authTypes} of ${gateway.name}, with a root certificate, so that users on other platforms connect with OpenVPN clients (or with IKEv2 clients once ${clientSetting(gateway, "protocols")} lists IkeV2 too).`,
    });
  }
  return reason(
    "no-client-for-authentication",
    sentence`no ${label} client supports both a protocol (${usable.join(", ")}) and an authentication type (${auth.join(", ")}) of ${gateway.name}`,
    {
      ...settingFix(gateway, "authTypes"),
      action: "add",
      text: sentence`Add Certificate to ${authTypes} of ${gateway.name}, with a root certificate.`,
    },
  );
}

/** What every platform that connects reaches (access does not depend on route behaviour); built once per gateway. */
interface SharedAccess {
  networks: readonly Network[];
  prefixes: readonly Cidr[];
  /** The networks' names, sorted, and their ids in the order reached. */
  names: string[];
  ids: string[];
  /** The prefixes as a set, built on first use: only a route that leads nowhere needs it, and few gateways have one. */
  set(): PrefixSet;
}

function sharedAccess(reach: GatewayReach): SharedAccess {
  const accessible = reach.blocked.size === 0 ? reach.reached : reach.reached.filter((n) => !reach.blocked.has(n.ix));
  const prefixes: Cidr[] = [];
  for (const network of accessible) for (const cidr of network.prefixes) prefixes.push(cidr);
  let set: PrefixSet | undefined;
  return {
    networks: accessible,
    prefixes,
    names: sortedNames(accessible),
    ids: accessible.map((n) => n.id),
    set: () => (set ??= new PrefixSet(prefixes)),
  };
}

/** Each name once, in compareText's order: the default sort's, which needs no call per comparison on a hub's thousands. */
function sortedNames(networks: readonly Network[]): string[] {
  const sorted = networks.map((n) => n.name).sort();
  return sorted.filter((name, i) => i === 0 || name !== sorted[i - 1]);
}

/**
 * Routes, access and manual routes of the clients with one route source. Every accessible prefix
 * is a route except, for static-route clients, those learned over BGP; so only those need a
 * covering route looked up, and only the other routes (pools, custom, R4) can lead nowhere.
 */
function routeSet(index: TopologyIndex, gateway: VpnGateway, reach: GatewayReach, source: RouteSource, access: SharedAccess): RouteSet {
  const windows = source === "static";
  const pool = index.pools.get(gateway.id) ?? [];
  /** Routes that do not come from an accessible network, with why they are installed. */
  const extra: Cidr[] = [...pool];
  const routeOrigins = new Map<string, Reason>();
  for (const cidr of index.advertisedRoutes.get(gateway.id) ?? []) {
    extra.push(cidr);
    routeOrigins.set(cidr.text, {
      code: "route-without-access",
      rule: "R7",
      subject: cidr.text,
      resources: [gateway.id],
      text: sentence`custom route ${cidr.text} of ${gateway.name} covers no network the clients can reach`,
      fix: {
        resource: gateway.id,
        field: "gateway.advertisedRoutePrefixes",
        action: "remove",
        text: sentence`Remove ${cidr.text} from ${fieldRef(gateway.id, "gateway.advertisedRoutePrefixes")} of ${gateway.name}, or make the network behind it reachable.`,
      },
    });
  }
  if (!windows) {
    for (const [vnet, reason] of reach.nonBgpRoutes) {
      for (const cidr of vnet.prefixes) {
        extra.push(cidr);
        routeOrigins.set(cidr.text, { ...reason, subject: cidr.text });
      }
    }
  }
  const routes: Cidr[] = [...extra];
  /** Windows only: accessible prefixes learned over BGP, which get no route of their own. */
  const bgpLearned: Cidr[] = [];
  for (const network of reach.reached) {
    const learned = windows && reach.how[network.ix]?.via === "bgp";
    for (const cidr of network.prefixes) (learned ? bgpLearned : routes).push(cidr);
  }

  const manual: Cidr[] = [];
  if (bgpLearned.length > 0) {
    const routeSet = new PrefixSet(routes);
    for (const cidr of bgpLearned) if (!routeSet.covers(cidr)) manual.push(cidr);
  }
  // A route that is not an accessible prefix leads somewhere when it contains one or lies inside one.
  const extraSet = new PrefixSet(extra);
  const used = new Set<string>(pool.map((c) => c.text));
  for (const cidr of access.prefixes) for (const route of extraSet.containing(cidr)) used.add(route.text);
  const unreachable = extra.filter((r) => !used.has(r.text) && !access.set().covers(r));
  return {
    routes: sortedUnique(routes),
    access: access.names,
    accessNetworks: access.networks,
    accessIds: access.ids,
    manualRoutes: sortedUnique(manual),
    unreachableRoutes: sortedUnique(unreachable).map((prefix) => ({ prefix, reason: routeOrigins.get(prefix) as Reason })),
  };
}

/** A hub gateway's clients all receive their routes from the hub: no manual routes (spec W3). */
function hubRouteSet(routes: string[], access: SharedAccess): RouteSet {
  return {
    routes,
    access: access.names,
    accessNetworks: access.networks,
    accessIds: access.ids,
    manualRoutes: [],
    unreachableRoutes: [],
  };
}

/**
 * Why each manual route of a client or platform is needed: its network is learned over BGP, which
 * Windows does not install. Thousands of prefixes may need one and the policies never ask why, so
 * the reasons are written only when asked for.
 */
export function manualRouteReasons(gateway: GatewayAnalysis, routes: Pick<RouteSet, "manualRoutes">): RouteReason[] {
  const { reach } = gateway;
  const origins = new Map<string, { network: Network; link: Link }>();
  for (const network of reach.reached) {
    const how = reach.how[network.ix];
    if (how?.via !== "bgp") continue;
    for (const cidr of network.prefixes) origins.set(cidr.text, { network, link: how.link });
  }
  return routes.manualRoutes.map((prefix) => {
    const origin = origins.get(prefix);
    if (!origin) {
      // Only BGP-learned prefixes lack a route; this guards against overlapping prefixes in odd input.
      return {
        prefix,
        reason: {
          code: "windows-bgp-route",
          rule: "R5",
          subject: prefix,
          resources: [gateway.id],
          text: sentence`${prefix} has no route on Windows clients of ${gateway.name}`,
          fix: addCustomRouteFix(gateway, prefix, sentence`.`),
        },
      };
    }
    const { network, link } = origin;
    const connection = link.connections[0];
    const reason: Reason = {
      code: "windows-bgp-route",
      rule: "R5",
      subject: prefix,
      resources: [connection.id],
      text: sentence`${network.name} is reached over BGP through ${connection.name}, and Windows clients do not install BGP-learned routes`,
      fix: addCustomRouteFix(gateway, prefix, sentence`, or have Windows users add the route with Add-VpnConnectionRoute.`),
    };
    return { prefix, reason };
  });
}

/** Why a network is not reached from a gateway: the recorded reason, or "not connected". */
export function explainUnreached(index: TopologyIndex, analysis: GatewayAnalysis, networkId: string): Reason {
  const network = index.networks.get(networkId);
  const recorded = network && analysis.reach.unreached.get(network.ix);
  if (recorded && recorded.length > 0) return [...recorded].sort(compareReasons)[0];
  const name = nameOf(index, networkId);
  return {
    code: "not-connected",
    rule: "R3",
    subject: name,
    resources: [networkId],
    text: sentence`${name} is neither peered with ${analysis.vnetName ?? "the VNet"} of ${analysis.name} nor reached over a BGP link`,
    fix: {
      resource: networkId,
      action: "declare",
      text: sentence`Peer ${name} with ${analysis.vnetName ?? "the gateway's VNet"} using gateway transit, or connect it to ${analysis.name} over a BGP link.`,
    },
  };
}

/** The resource and field a fix of the clients' protocols or authentication changes. */
function settingFix(gateway: VpnGateway, setting: "protocols" | "authTypes"): Pick<Reason["fix"], "resource" | "field"> {
  const ref = clientSetting(gateway, setting);
  return { resource: ref.resource, field: ref.field };
}

function addProtocolsFix(gateway: VpnGateway): Reason["fix"] {
  const protocols = clientSetting(gateway, "protocols");
  return {
    ...settingFix(gateway, "protocols"),
    action: isBasicSku(gateway) ? "change" : "add",
    text: isBasicSku(gateway)
      ? sentence`Move ${gateway.name} to a VpnGw SKU and add IkeV2 or OpenVPN to ${protocols}.`
      : sentence`Add IkeV2 or OpenVPN to ${protocols} of ${gateway.name}.`,
  };
}

function addCustomRouteFix(gateway: { id: string; name: string }, prefix: string, rest: Sentence): Reason["fix"] {
  return {
    resource: gateway.id,
    field: "gateway.advertisedRoutePrefixes",
    action: "add",
    text: sentence`Add ${prefix} to ${fieldRef(gateway.id, "gateway.advertisedRoutePrefixes")} of ${gateway.name}${rest}`,
  };
}

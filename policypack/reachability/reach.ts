import type { Cidr } from "../topology/cidr";
import { PrefixSet, sortedUnique } from "../topology/cidr";
import type { Platform, Protocol, VpnGateway } from "../topology/model";
import { PLATFORMS } from "../topology/model";
import { compareText, sortedTexts } from "../topology/order";
import type { Sentence } from "../topology/sentence";
import { fieldRef, sentence } from "../topology/sentence";
import type { Reason } from "./findings";
import { compareReasons } from "./findings";
import type { GatewayReach } from "./gateway-reach";
import { reachFrom } from "./gateway-reach";
import { DEFAULT_PROTOCOLS, PLATFORM_LABELS, PROTOCOL_PLATFORMS, isWindows, skuSupports } from "./platforms";
import type { GatewayAnalysis, PlatformResult, ReachResult, RouteReason } from "./results";
import type { Link, Network, TopologyIndex } from "./topology-index";
import { isBasicSku, nameOf } from "./topology-index";

/** A gateway is analysed for P2S when it declares a client address pool. */
export function isP2sGateway(gateway: VpnGateway): boolean {
  return gateway.clientPool.length > 0;
}

function p2sCapable(gateway: VpnGateway): boolean {
  return gateway.kind.toLowerCase() === "vpn" && gateway.routing.toLowerCase() === "routebased";
}

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
  const protocolsAssumed = gateway.protocols === undefined;
  const protocols = [...(gateway.protocols ?? DEFAULT_PROTOCOLS)].sort(compareText);
  if (protocolsAssumed) {
    notes.push(sentence`${gateway.name} lists no ${fieldRef(gateway.id, "gateway.protocols")}; Azure's default of IkeV2 and SSTP is assumed.`);
  }
  const home = gateway.vnet !== undefined ? index.networks.get(gateway.vnet) : undefined;
  if (!home) {
    notes.push(sentence`The VNet of ${gateway.name} could not be resolved, so only its client pool and custom routes are analysed.`);
  }
  const reach = reachFrom(index, gateway);
  const platforms = {} as Record<Platform, PlatformResult>;
  // Platforms differ only in route behaviour (Windows or not) and in whether they connect:
  // each distinct case is computed once and shared.
  const computed = new Map<string, PlatformResult>();
  const access = sharedAccess(reach);
  for (const platform of PLATFORMS) {
    const block = whyBlocked(gateway, protocols, platform);
    const key = block ? `blocked:${platform}` : isWindows(platform) ? "windows" : "other";
    let result = computed.get(key);
    if (!result) {
      result = block ? blocked(block) : analyzePlatform(index, gateway, reach, isWindows(platform), access);
      computed.set(key, result);
    }
    platforms[platform] = result;
  }
  return {
    id: gateway.id,
    name: gateway.name,
    vnet: home?.id,
    vnetName: home?.name,
    clientPool: sortedUnique(index.pools.get(gateway.id) ?? []),
    protocols,
    protocolsAssumed,
    advertisedRoutes: sortedUnique(index.advertisedRoutes.get(gateway.id) ?? []),
    platforms,
    reach,
  };
}

function blocked(reason: Reason): PlatformResult {
  return {
    canConnect: false,
    routes: [],
    access: [],
    accessNetworks: [],
    accessIds: [],
    manualRoutes: [],
    manualRouteReasons: [],
    unreachableRoutes: [],
    blockedBy: reason,
  };
}

function whyBlocked(gateway: VpnGateway, protocols: Protocol[], platform: Platform): Reason | undefined {
  const label = PLATFORM_LABELS[platform];
  if (!p2sCapable(gateway)) {
    return {
      code: "gateway-not-p2s-capable",
      rule: "R1",
      subject: label,
      resources: [gateway.id],
      text: sentence`${gateway.name} is a ${gateway.routing} ${gateway.kind} gateway, which does not accept Point-to-Site clients`,
      fix: { resource: gateway.id, field: "gateway.routing", action: "change", text: sentence`Use a RouteBased Vpn gateway for ${gateway.name}.` },
    };
  }
  const usable = protocols.filter((p) => skuSupports(gateway, p));
  if (usable.some((p) => PROTOCOL_PLATFORMS[p].includes(platform))) return undefined;
  return {
    code: "no-protocol-for-platform",
    rule: "R1",
    subject: label,
    resources: [gateway.id],
    text: sentence`no protocol of ${gateway.name} serves ${label} (${usable.length > 0 ? `${usable.join(", ")} only` : "none usable"})`,
    fix: addProtocolsFix(gateway),
  };
}

/** What every platform that connects reaches (access does not depend on route behaviour); built once per gateway. */
interface SharedAccess {
  networks: readonly Network[];
  prefixes: readonly Cidr[];
  /** The prefixes as a set; built on first use. */
  set(): PrefixSet;
  names(): string[];
  ids(): string[];
}

function sharedAccess(reach: GatewayReach): SharedAccess {
  const prefixes: Cidr[] = [];
  for (const network of reach.reached) for (const cidr of network.prefixes) prefixes.push(cidr);
  let set: PrefixSet | undefined;
  let names: string[] | undefined;
  let ids: string[] | undefined;
  return {
    networks: reach.reached,
    prefixes,
    set: () => (set ??= new PrefixSet(prefixes)),
    names: () => (names ??= sortedTexts(reach.reached.map((n) => n.name))),
    ids: () => (ids ??= reach.reached.map((n) => n.id)),
  };
}

/**
 * Routes, access and manual routes of a platform that connects, by route behaviour. Every
 * accessible prefix is a route except, on Windows, those learned over BGP; so only those need a
 * covering route looked up, and only the other routes (pool, custom, R4) can lead nowhere.
 */
function analyzePlatform(
  index: TopologyIndex,
  gateway: VpnGateway,
  reach: GatewayReach,
  windows: boolean,
  access: SharedAccess,
): PlatformResult {
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
        field: "gateway.advertisedRoutes",
        action: "remove",
        text: sentence`Remove ${cidr.text} from ${fieldRef(gateway.id, "gateway.advertisedRoutes")} of ${gateway.name}, or make the network behind it reachable.`,
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
  const manualRoutes = sortedUnique(manual);
  let manualRouteReasons: RouteReason[] | undefined;
  return {
    canConnect: true,
    routes: sortedUnique(routes),
    get access() {
      return access.names();
    },
    get accessIds() {
      return access.ids();
    },
    accessNetworks: access.networks,
    manualRoutes,
    // Thousands of BGP-learned prefixes may need a manual route; their reasons are written on demand.
    get manualRouteReasons() {
      return (manualRouteReasons ??= windowsManualReasons(gateway, reach, manualRoutes));
    },
    unreachableRoutes: sortedUnique(unreachable).map((prefix) => ({ prefix, reason: routeOrigins.get(prefix) as Reason })),
  };
}

/** Why each manual route is needed: the network is learned over BGP, which Windows does not install. */
function windowsManualReasons(gateway: VpnGateway, reach: GatewayReach, manualRoutes: string[]): RouteReason[] {
  const origins = new Map<string, { network: Network; link: Link }>();
  for (const network of reach.reached) {
    const how = reach.how[network.ix];
    if (how?.via !== "bgp") continue;
    for (const cidr of network.prefixes) origins.set(cidr.text, { network, link: how.link });
  }
  return manualRoutes.map((prefix) => {
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

function addProtocolsFix(gateway: VpnGateway): Reason["fix"] {
  const protocols = fieldRef(gateway.id, "gateway.protocols");
  return {
    resource: gateway.id,
    field: "gateway.protocols",
    action: isBasicSku(gateway) ? "change" : "add",
    text: isBasicSku(gateway)
      ? sentence`Move ${gateway.name} to a VpnGw SKU and add IkeV2 or OpenVPN to ${protocols}.`
      : sentence`Add IkeV2 or OpenVPN to ${protocols} of ${gateway.name}.`,
  };
}

function addCustomRouteFix(gateway: VpnGateway, prefix: string, rest: Sentence): Reason["fix"] {
  return {
    resource: gateway.id,
    field: "gateway.advertisedRoutes",
    action: "add",
    text: sentence`Add ${prefix} to ${fieldRef(gateway.id, "gateway.advertisedRoutes")} of ${gateway.name}${rest}`,
  };
}

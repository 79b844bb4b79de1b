/** What the engine computes: per P2S gateway and platform, and for the whole topology. */
import type { AuthType, Platform, Protocol } from "../topology/model";
import type { ClientSpec, RouteSource } from "./clients";
import type { Fix, Sentence } from "../topology/sentence";
import type { Finding, Reason } from "./findings";
import type { GatewayReach } from "./gateway-reach";
import type { GatewayPaths } from "../paths/gateway-paths";
import type { ConfigurationReach } from "../virtual-wan/configuration-reach";
import type { ConfigurationResult } from "./hub-reach";
import type { Network, TopologyIndex } from "./topology-index";

export interface RouteReason {
  prefix: string;
  reason: Reason;
}

/** What a client installs and reaches: the same for every client with the same route source. */
export interface RouteSet {
  /** Prefixes installed on the client, unique and sorted. */
  routes: string[];
  /** Names of the networks the client can exchange traffic with, sorted. */
  access: string[];
  /** The same networks, in the order they were reached. */
  accessNetworks: readonly Network[];
  /** Their ids, in the same order (unsorted: ids are long URNs). */
  accessIds: string[];
  /** Accessible prefixes no route covers: the user adds them by hand; manualRouteReasons (reach.ts) says why. */
  manualRoutes: string[];
  /** Routes that lead to no accessible network (the client pools aside). */
  unreachableRoutes: RouteReason[];
}

/** A client the gateway offers (spec section 1), with what it installs and reaches. */
export interface ClientResult extends RouteSet {
  id: string;
  label: string;
  spec: ClientSpec;
  /** The platforms the client runs on, in PLATFORMS order. */
  platforms: Platform[];
  /** The client's protocols that the gateway offers, sorted like the gateway's. */
  protocols: Protocol[];
  routeSource: RouteSource;
}

/**
 * Per platform, over the clients offered for it: routes every one of them receives, manual and
 * unreachable routes any of them has.
 */
export interface PlatformResult extends RouteSet {
  canConnect: boolean;
  /** Ids of the clients offered for the platform, sorted. */
  clients: string[];
  /** Why the platform cannot connect. */
  blockedBy?: Reason;
}

export interface GatewayAnalysis {
  id: string;
  name: string;
  /** A VNet's gateway, or a Virtual WAN hub's P2S gateway (spec section 8). */
  kind: "vnet-gateway" | "virtual-wan";
  /** A hub gateway's hub; null when it does not resolve. */
  hub?: { id: string; name: string } | null;
  /** A hub gateway's connection configurations, sorted by name. */
  configurations?: ConfigurationResult[];
  /** The same, as computed, for the checks. */
  hubConfigurations?: ConfigurationReach[];
  vnet?: string;
  vnetName?: string;
  /** The gateway's own client pool (user groups aside), sorted. */
  clientPool: string[];
  /** Every client pool, user groups' included, in route order. */
  clientPools: string[];
  /** Configured (or assumed) protocols, sorted. */
  protocols: Protocol[];
  protocolsAssumed: boolean;
  /** Listed, inferred from the settings, or assumed (Certificate) authentication types, sorted. */
  authTypes: AuthType[];
  authAssumed: boolean;
  /** The clients the gateway offers, sorted by id. */
  clients: ClientResult[];
  /** The custom routes the gateway advertises (R7), sorted. */
  advertisedRoutes: string[];
  platforms: Record<Platform, PlatformResult>;
  reach: GatewayReach;
  /** Paths and flows to the subnets of the routed networks (spec section 7). */
  paths: GatewayPaths;
}

/** Reach per P2S gateway, as computed without the configuration checks. */
export interface ReachResult {
  gateways: GatewayAnalysis[];
  notes: Sentence[];
}

export interface Analysis {
  index: TopologyIndex;
  gateways: GatewayAnalysis[];
  /** Name resolution per P2S gateway (spec section 6), in the order of `gateways`. */
  dns: GatewayDns[];
  findings: Finding[];
  notes: Sentence[];
}

export interface DnsServerResult {
  address: string;
  works: boolean;
  reason?: Sentence;
  fix?: Fix;
  /** The private zones the server answers; undefined when the pack cannot know (a forwarder VM, say). */
  zones?: string[];
}

export interface EndpointResult {
  id: string;
  name: string;
  /** Undefined when a working server's zones cannot be known: not checked. */
  resolves?: boolean;
  reason?: Sentence;
  fix?: Fix;
}

export interface GatewayDns {
  gateway: GatewayAnalysis;
  /** The home VNet, whose DNS servers P2S clients use (D1). */
  vnet?: string;
  servers: DnsServerResult[];
  /** Why the VNet's DNS servers are not checked (some are not known until deployment); undefined when they are. */
  notChecked?: Sentence;
  endpoints: EndpointResult[];
}

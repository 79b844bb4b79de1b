/** What the engine computes: per P2S gateway and platform, and for the whole topology. */
import type { Platform, Protocol } from "../topology/model";
import type { Sentence } from "../topology/sentence";
import type { Finding, Reason } from "./findings";
import type { GatewayReach } from "./gateway-reach";
import type { Network, TopologyIndex } from "./topology-index";

export interface RouteReason {
  prefix: string;
  reason: Reason;
}

export interface PlatformResult {
  canConnect: boolean;
  /** Prefixes installed on the client, unique and sorted. */
  routes: string[];
  /** Names of the networks the client can exchange traffic with, sorted; computed on first read. */
  readonly access: string[];
  /** The same networks, in the order they were reached. */
  accessNetworks: readonly Network[];
  /** Their ids, in the same order (unsorted: ids are long URNs); computed on first read. */
  readonly accessIds: string[];
  /** Accessible prefixes no route covers: the user adds them by hand. */
  manualRoutes: string[];
  /** Computed on first read. */
  readonly manualRouteReasons: RouteReason[];
  /** Routes that lead to no accessible network (the client pool aside). */
  unreachableRoutes: RouteReason[];
  /** Why the platform cannot connect. */
  blockedBy?: Reason;
}

export interface GatewayAnalysis {
  id: string;
  name: string;
  vnet?: string;
  vnetName?: string;
  clientPool: string[];
  /** Configured (or assumed) protocols, sorted. */
  protocols: Protocol[];
  protocolsAssumed: boolean;
  /** The custom routes the gateway advertises (R7), sorted. */
  advertisedRoutes: string[];
  platforms: Record<Platform, PlatformResult>;
  reach: GatewayReach;
}

/** Reach per P2S gateway, as computed without the configuration checks. */
export interface ReachResult {
  gateways: GatewayAnalysis[];
  notes: Sentence[];
}

export interface Analysis {
  index: TopologyIndex;
  gateways: GatewayAnalysis[];
  findings: Finding[];
  notes: Sentence[];
}

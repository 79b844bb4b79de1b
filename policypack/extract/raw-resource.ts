/** A resource as every front end hands it to extraction: plain data, references by URN. */
export interface RawResource {
  type: string;
  urn: string;
  /** The Pulumi logical name. */
  name: string;
  /** Plain property values; unknowns appear as the engine's sentinel string. */
  props: unknown;
  parent?: string;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
}

export type ResourceKind =
  | "VirtualNetwork"
  | "Subnet"
  | "VirtualNetworkPeering"
  | "VirtualNetworkGateway"
  | "VirtualNetworkGatewayConnection"
  | "LocalNetworkGateway";

const KINDS: ReadonlySet<string> = new Set<ResourceKind>([
  "VirtualNetwork",
  "Subnet",
  "VirtualNetworkPeering",
  "VirtualNetworkGateway",
  "VirtualNetworkGatewayConnection",
  "LocalNetworkGateway",
]);

/** The default token (azure-native:network:X) and API-versioned ones (azure-native:network/v20240301:X). */
const TOKEN = /^azure-native:network(?:\/v[0-9a-z]+)?:([A-Za-z]+)$/;

const kinds = new Map<string, ResourceKind | undefined>();

export function kindOf(type: unknown): ResourceKind | undefined {
  if (typeof type !== "string") return undefined;
  if (kinds.has(type)) return kinds.get(type);
  const match = TOKEN.exec(type);
  const kind = match && KINDS.has(match[1]) ? (match[1] as ResourceKind) : undefined;
  // A stack has a handful of type tokens; remember each one's answer.
  if (kinds.size < 10_000) kinds.set(type, kind);
  return kind;
}

/** The property that carries a resource's own Azure name as an input. */
export const NAME_INPUT: Record<ResourceKind, string> = {
  VirtualNetwork: "virtualNetworkName",
  Subnet: "subnetName",
  VirtualNetworkPeering: "virtualNetworkPeeringName",
  VirtualNetworkGateway: "virtualNetworkGatewayName",
  VirtualNetworkGatewayConnection: "virtualNetworkGatewayConnectionName",
  LocalNetworkGateway: "localNetworkGatewayName",
};

/** The ARM type segment of each kind, lower-cased. */
export const ARM_TYPE: Record<ResourceKind, string> = {
  VirtualNetwork: "virtualnetworks",
  Subnet: "subnets",
  VirtualNetworkPeering: "virtualnetworkpeerings",
  VirtualNetworkGateway: "virtualnetworkgateways",
  VirtualNetworkGatewayConnection: "connections",
  LocalNetworkGateway: "localnetworkgateways",
};

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

/** A reference to another resource: its URN, or the resource itself as the policy SDK gives it. */
type Ref = string | { urn: string };

/** A resource as any front end holds it: the policy SDK, the analyzer protocol, a state file. */
export interface ResourceRecord {
  type: string;
  urn: string;
  /** The Pulumi logical name; the URN's last part when not given. */
  name?: string;
  props: unknown;
  parent?: Ref;
  dependencies?: readonly Ref[];
  propertyDependencies?: Readonly<Record<string, readonly Ref[] | undefined>>;
}

const urnOf = (ref: Ref) => (typeof ref === "string" ? ref : ref.urn);

/** The one conversion every front end uses: references become URNs, the name comes from the URN if need be. */
export function toRawResource(r: ResourceRecord): RawResource {
  const propertyDependencies: Record<string, string[]> = {};
  for (const [key, deps] of Object.entries(r.propertyDependencies ?? {})) propertyDependencies[key] = (deps ?? []).map(urnOf);
  return {
    type: r.type,
    urn: r.urn,
    name: r.name ?? (r.urn.split("::").pop() as string),
    props: r.props,
    parent: r.parent === undefined ? undefined : urnOf(r.parent),
    dependencies: (r.dependencies ?? []).map(urnOf),
    propertyDependencies,
  };
}

export type ResourceKind =
  | "VirtualNetwork"
  | "Subnet"
  | "VirtualNetworkPeering"
  | "VirtualNetworkGateway"
  | "VirtualNetworkGatewayConnection"
  | "LocalNetworkGateway"
  | "VirtualNetworkDnsServers"
  | "PrivateZone"
  | "VirtualNetworkLink"
  | "PrivateEndpoint"
  | "PrivateDnsZoneGroup"
  | "DnsResolver"
  | "InboundEndpoint"
  | "PublicIPAddress";

/** Name resolution (spec section 6): private DNS zones and their links, private endpoints, DNS Private Resolvers. */
const DNS_KINDS: ResourceKind[] = [
  "PrivateZone",
  "VirtualNetworkLink",
  "PrivateEndpoint",
  "PrivateDnsZoneGroup",
  "DnsResolver",
  "InboundEndpoint",
];

/** The providers the pack reads: azure-native, and the classic @pulumi/azure ("azure"). */
export type Provider = "azure-native" | "azure";

/** What both providers have, under the same name. */
const NETWORK_KINDS: ResourceKind[] = [
  "VirtualNetwork",
  "Subnet",
  "VirtualNetworkPeering",
  "VirtualNetworkGateway",
  "VirtualNetworkGatewayConnection",
  "LocalNetworkGateway",
  "PublicIPAddress",
];

const KINDS: Record<Provider, ReadonlySet<string>> = {
  "azure-native": new Set<ResourceKind>([...NETWORK_KINDS, ...DNS_KINDS]),
  // The classic provider sets DNS servers with a resource of their own, and puts zone groups inline in endpoints.
  azure: new Set<ResourceKind>([...NETWORK_KINDS, "VirtualNetworkDnsServers", ...DNS_KINDS.filter((k) => k !== "PrivateDnsZoneGroup")]),
};

/** The classic provider's names, where they differ from azure-native's (its zone group is inline in Endpoint). */
const CLASSIC_NAMES: Record<string, ResourceKind> = {
  PublicIp: "PublicIPAddress",
  Zone: "PrivateZone",
  ZoneVirtualNetworkLink: "VirtualNetworkLink",
  Endpoint: "PrivateEndpoint",
  Resolver: "DnsResolver",
  ResolverInboundEndpoint: "InboundEndpoint",
};

/**
 * azure-native's default token (azure-native:network:X) and API-versioned ones
 * (azure-native:network/v20240301:X); the classic provider's azure:network/module:X.
 */
const TOKENS: [Provider, RegExp][] = [
  // Private DNS and resolver resources live in their own modules; network:PrivateZone is an alias.
  ["azure-native", /^azure-native:(?:network|privatedns|dnsresolver)(?:\/v[0-9a-z]+)?:([A-Za-z]+)$/],
  ["azure", /^azure:network\/[A-Za-z]+:([A-Za-z]+)$/],
  // Only the private DNS and Private Link modules: azure:dns/zone:Zone is a public zone.
  ["azure", /^azure:(?:privatedns|privatelink)\/[A-Za-z]+:([A-Za-z]+)$/],
];

const kinds = new Map<string, { kind: ResourceKind; provider: Provider } | undefined>();

/** The kind of resource a type token names, and its provider; undefined for what the pack does not read. */
export function kindOf(type: unknown): { kind: ResourceKind; provider: Provider } | undefined {
  if (typeof type !== "string") return undefined;
  if (kinds.has(type)) return kinds.get(type);
  let found: { kind: ResourceKind; provider: Provider } | undefined;
  for (const [provider, token] of TOKENS) {
    const match = token.exec(type);
    const name = match && (provider === "azure" ? (CLASSIC_NAMES[match[1]] ?? match[1]) : match[1]);
    if (name && KINDS[provider].has(name)) found = { kind: name as ResourceKind, provider };
  }
  // A stack has a handful of type tokens; remember each one's answer.
  if (kinds.size < 10_000) kinds.set(type, found);
  return found;
}

/** The property that carries a resource's own Azure name as an input (azure-native; the classic provider's is `name`). */
export const NAME_INPUT: Record<ResourceKind, string> = {
  VirtualNetwork: "virtualNetworkName",
  Subnet: "subnetName",
  VirtualNetworkPeering: "virtualNetworkPeeringName",
  VirtualNetworkGateway: "virtualNetworkGatewayName",
  VirtualNetworkGatewayConnection: "virtualNetworkGatewayConnectionName",
  LocalNetworkGateway: "localNetworkGatewayName",
  VirtualNetworkDnsServers: "name",
  PrivateZone: "privateZoneName",
  VirtualNetworkLink: "virtualNetworkLinkName",
  PrivateEndpoint: "privateEndpointName",
  PrivateDnsZoneGroup: "privateDnsZoneGroupName",
  DnsResolver: "dnsResolverName",
  InboundEndpoint: "inboundEndpointName",
  PublicIPAddress: "publicIpAddressName",
};

/** The ARM type segment of each kind, lower-cased. */
export const ARM_TYPE: Record<ResourceKind, string> = {
  VirtualNetwork: "virtualnetworks",
  Subnet: "subnets",
  VirtualNetworkPeering: "virtualnetworkpeerings",
  VirtualNetworkGateway: "virtualnetworkgateways",
  VirtualNetworkGatewayConnection: "connections",
  LocalNetworkGateway: "localnetworkgateways",
  VirtualNetworkDnsServers: "dnsservers",
  PrivateZone: "privatednszones",
  VirtualNetworkLink: "virtualnetworklinks",
  PrivateEndpoint: "privateendpoints",
  PrivateDnsZoneGroup: "privatednszonegroups",
  DnsResolver: "dnsresolvers",
  InboundEndpoint: "inboundendpoints",
  PublicIPAddress: "publicipaddresses",
};

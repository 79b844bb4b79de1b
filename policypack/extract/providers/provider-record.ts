import type { FieldKey } from "../../topology/sentence";
import type { ResourceKind } from "../resource-kind";

/**
 * Where a provider keeps a setting, as a path from the resource's root ("*" steps into each item of
 * a list), and from which step a message names it: a message spells the path itself, so what is read
 * and what is written cannot disagree.
 */
export interface FieldPath {
  path: readonly string[];
  /** The first step a message names: azure-native's messages name vpnClientProtocols, not vpnClientConfiguration.vpnClientProtocols. */
  named: number;
}

/** "vpnClientConfiguration" + "vngClientConnectionConfigurations[*].vpnClientAddressPool": a message names the second part. */
export function fieldPath(unnamed: string, named: string): FieldPath {
  const steps = (text: string) =>
    text === "" ? [] : text.split(".").flatMap((step) => (step.endsWith("[*]") ? [step.slice(0, -3), "*"] : [step]));
  const prefix = steps(unnamed);
  return { path: [...prefix, ...steps(named)], named: prefix.length };
}

/** How a message names the field: "vngClientConnectionConfigurations[*].vpnClientAddressPool". */
export function spelled(field: FieldPath): string {
  return field.path.slice(field.named).reduce((text, step) => (step === "*" ? `${text}[*]` : text === "" ? step : `${text}.${step}`), "");
}

/** The steps to a list, and inside each of its items, of a path with one "*". */
export function eachItem(field: FieldPath): { list: readonly string[]; item: readonly string[] } {
  const star = field.path.indexOf("*");
  return star < 0 ? { list: field.path, item: [] } : { list: field.path.slice(0, star), item: field.path.slice(star + 1) };
}

/** Where a reference lives: the property named in propertyDependencies, and the path to the id. */
export interface RefPath {
  field: string;
  path: string[];
}

/** What extraction reads that no message names: references, kinds, older spellings of a flag. */
export interface ReadPaths {
  gateway: {
    kind: string[];
    /** An older name of the BGP flag, read when the current one is not set. */
    bgpAlias?: string[];
    /** Inside each of ipConfigurations. */
    subnet: string[];
    /** Inside each of ipConfigurations. */
    publicIp: string[];
    /** Inside vpnClientConfiguration. */
    certificates: string;
  };
  peering: { remote: RefPath };
  connection: { type: string[]; gateway: RefPath; remoteGateway: RefPath; site: RefPath; bgpAlias?: string[] };
  publicIp: {
    /** The SKU when none is declared, where the provider documents one. */
    defaultSku?: string;
  };
  dns: {
    /** The link's zone, by its Azure name. */
    linkZoneName: string;
    linkVnet: RefPath;
    endpointSubnet: RefPath;
    /** The classic provider's zone group, inline in the endpoint; azure-native's is a resource of its own. */
    inlineZoneIds?: RefPath;
    resolverVnet: RefPath;
    /** The inbound endpoint's resolver: by Azure name (azure-native) or by id (classic). */
    inboundResolver: { byName: string } | { ref: RefPath };
    /** Inside the first of ipConfigurations. */
    inboundSubnet: string[];
  };
  subnet: {
    /** The id inside an NSG or route table reference: azure-native nests it in an object, the classic fields are ids. */
    refId: string[];
    /** Inside a subnet, standalone or inline: azure-native also takes a single prefix. */
    prefix?: string[];
    prefixes: string[];
    endpointPolicies: string[];
    /** The classic resources that attach an NSG or a route table to a subnet, each naming the subnet and what it attaches. */
    association?: { subnet: RefPath; nsg: RefPath; table: RefPath };
  };
  routeTable: {
    /** What true means in the propagation field: azure-native disables propagation, the classic v6 flag enables it. */
    propagationMeans: "disabled" | "enabled";
    /** An older name of the flag, meaning disabled: what programs for classic v4-v5 still set. */
    disabledAlias?: string[];
    /** Inside each route, inline or standalone. */
    routePrefix: string[];
    routeNextHop: string[];
    /** A virtual appliance's address, inside each route. */
    routeNextHopAddress: string[];
    /** A standalone route's table, by Azure name. */
    routeTableName: string;
  };
  nsg: {
    /** Inside each rule: application security groups, as references (azure-native) or ids (classic). */
    sourceGroups: string[];
    destinationGroups: string[];
    /** The id inside one application security group reference. */
    groupId: string[];
  };
  nic: {
    /** Inside each of ipConfigurations. */
    subnet: string[];
    address: string[];
    /** The NIC's own NSG (azure-native); the classic provider attaches it with an association resource. */
    nsg?: RefPath;
    association?: { nic: RefPath; nsg: RefPath };
  };
  firewall: {
    /** Inside each of ipConfigurations. */
    privateAddress: string[];
    subnet: string[];
    policy: RefPath;
    /** The firewall's own rule collections, inline (azure-native); the classic provider declares them as resources. */
    inline?: { network: string; application: string };
    /** A rule collection group's firewall policy: by Azure name (azure-native) or by id (classic). */
    groupPolicy: { byName: string } | { ref: RefPath };
    /** A group's collections: one typed list whose rules carry their type (azure-native), or one list per type (classic). */
    groupCollections: { list: string; ruleType: string; networkProtocols: string } | { network: string; application: string };
    /** Inside a collection. */
    action: string[];
    /** Inside each protocol of an application rule. */
    appProtocol: string;
    basePolicy: RefPath;
  };
  wan: VirtualWanPaths;
}

/** Where a connection's routing configuration keeps association, propagation and static routes (spec W1). */
export interface RoutingPaths {
  /** Alternatives, inside the routing configuration: the classic VPN connection names the id otherwise. */
  associated: readonly (readonly string[])[];
  propagated: string;
  /** Alternatives inside the propagated tables: ids (classic P2S), routeTableIds (classic connections). */
  propagatedIds: readonly string[];
  /** The id inside each propagated table reference (azure-native nests it in an object). */
  idInItem: readonly string[];
  staticRoutes: readonly string[];
  staticPropagate: readonly string[];
}

/** What extraction reads of Virtual WAN resources that no message names (spec section 8). */
export interface VirtualWanPaths {
  hubWan: RefPath;
  /** A resource's hub: by Azure name (azure-native) or by id (classic). */
  hub: { byName: string } | { ref: RefPath };
  /** The hub of a P2S, VPN or ExpressRoute gateway, by id in both providers. */
  gatewayHub: RefPath;
  /** Where each kind keeps its routing configuration. */
  routing: { connection: string; p2s: string };
  paths: RoutingPaths;
  /** The classic route resource's table. */
  routeTable?: RefPath;
  connectionVnet: RefPath;
  p2sConfigurations: string;
  p2sPool: readonly string[];
  p2sInternetSecurity: string;
  /** A configuration's user groups, an output only Azure fills (azure-native); absent from the classic provider. */
  p2sGroupAssociations?: string;
  serverConfiguration: RefPath;
  /** Where a server configuration keeps its settings: azure-native v3 under `properties`, v2 and classic at the root. */
  serverRoots: readonly (readonly string[])[];
  server: {
    aad: string;
    aadTenant: readonly string[];
    radius: readonly string[];
    /** RADIUS servers' addresses: a single one (azure-native) and a list whose items hold one each. */
    radiusAddress?: string;
    radiusList: readonly string[];
    radiusItemAddress: string;
    certificates: readonly string[];
    /** Inline policy groups (azure-native); the classic provider declares them as resources. */
    policyGroups?: string;
  };
  /** A user group's server configuration: by Azure name (azure-native) or by id (classic). */
  policyGroupServer?: { byName: string } | { ref: RefPath };
  /** A VPN connection's gateway: by Azure name (azure-native) or by id (classic). */
  vpnGateway: { byName: string } | { ref: RefPath };
  vpnSite: RefPath;
  /** Inline connections of a VPN gateway (azure-native). */
  vpnGatewayConnections?: string;
  vpnLinks: string;
  vpnLinkBgp: readonly string[];
  siteWan: RefPath;
  sitePrefixes: readonly string[];
  /** A site's ASN: on the site (azure-native's older shape) or on each link. */
  siteBgp: { root?: readonly string[]; links: string; linkAsn: readonly string[] };
  erGateway: { byName: string } | { ref: RefPath };
  intentPolicies: string;
  firewallHub: RefPath;
  firewallHubAddress: readonly string[];
}

/**
 * Names both providers spell alike inside security rules and firewall rules and collections, so
 * that they are written once.
 */
export const RULE_FIELDS = {
  nsgRules: "securityRules",
  /** A standalone security rule's NSG, or a classic firewall rule collection's firewall, by Azure name. */
  nsgName: "networkSecurityGroupName",
  firewallName: "azureFirewallName",
  priority: "priority",
  direction: "direction",
  access: "access",
  protocol: "protocol",
  sourcePrefix: "sourceAddressPrefix",
  sourcePrefixes: "sourceAddressPrefixes",
  sourcePort: "sourcePortRange",
  sourcePorts: "sourcePortRanges",
  destinationPrefix: "destinationAddressPrefix",
  destinationPrefixes: "destinationAddressPrefixes",
  destinationPort: "destinationPortRange",
  destinationPorts: "destinationPortRanges",
  ipConfigurations: "ipConfigurations",
  rules: "rules",
  name: "name",
  protocols: "protocols",
  port: "port",
  sourceAddresses: "sourceAddresses",
  sourceIpGroups: "sourceIpGroups",
  destinationAddresses: "destinationAddresses",
  destinationIpGroups: "destinationIpGroups",
  destinationFqdns: "destinationFqdns",
  firewallPorts: "destinationPorts",
  targetFqdns: "targetFqdns",
} as const;

/** A hub route table's routes, which both providers spell alike. */
export const HUB_ROUTE_FIELDS = { destinations: "destinations", nextHopType: "nextHopType", nextHop: "nextHop" } as const;
/** A hub's own address prefix, spelled alike by both providers. */
export const HUB_PREFIX = "addressPrefix";

/** Everything the pack knows of one provider: its type tokens, its names, where it keeps each setting. */
export interface ProviderRecord {
  /** Type tokens, each capturing the type's last part: azure-native:network:VirtualNetwork. */
  tokens: readonly RegExp[];
  /** The kinds the provider has, by the name the kind has in this provider when it differs. */
  kinds: ReadonlyMap<string, ResourceKind>;
  /** The input that carries a resource's own Azure name, where it is not `name`. */
  nameInput: Readonly<Partial<Record<ResourceKind, string>>>;
  /** Every setting a message names, and extraction reads where it reads it. */
  fields: Readonly<Record<FieldKey, FieldPath>>;
  /** Where a kind keeps a setting elsewhere than `fields` says: a Virtual WAN VPN site's prefixes and ASN. */
  kindFields?: Readonly<Partial<Record<ResourceKind, Readonly<Partial<Record<FieldKey, FieldPath>>>>>>;
  read: ReadPaths;
}

/** The kinds both providers share under the same name. */
export const SHARED_KINDS: readonly ResourceKind[] = [
  "VirtualNetwork",
  "Subnet",
  "VirtualNetworkPeering",
  "VirtualNetworkGateway",
  "VirtualNetworkGatewayConnection",
  "LocalNetworkGateway",
];

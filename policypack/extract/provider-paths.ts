import type { Provider } from "./raw-resource";

/** Where a reference lives: the property named in propertyDependencies, and the path to the id. */
export interface RefPath {
  field: string;
  path: string[];
}

/**
 * Where each provider keeps what the model needs, as paths into a resource's properties (inputs
 * and outputs alike). One table per provider; one reader (`read-resource.ts`) for both.
 */
export interface ProviderPaths {
  vnet: { prefixes: string[]; dnsServers: string[] };
  peering: { remote: RefPath };
  gateway: {
    kind: string[];
    sku: string[];
    generation: string[];
    /** The first that is set wins: providers renamed the flag. */
    bgp: string[][];
    /** Inside each of ipConfigurations. */
    subnet: string[];
    /** Inside vpnClientConfiguration. */
    pool: string[];
    groups: string;
    /** Inside each group. */
    groupPool: string[];
    authTypes: string;
    certificates: string;
    customRoutes: string[];
    /** Inside each of ipConfigurations. */
    publicIp: string[];
  };
  publicIp: {
    sku: string[];
    allocation: string[];
    /** The SKU when none is declared, where the provider documents one. */
    defaultSku?: string;
  };
  connection: { type: string[]; gateway: RefPath; remoteGateway: RefPath; site: RefPath; bgp: string[][] };
  site: { prefixes: string[] };
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
}

export const PROVIDER_PATHS: Record<Provider, ProviderPaths> = {
  "azure-native": {
    vnet: { prefixes: ["addressSpace", "addressPrefixes"], dnsServers: ["dhcpOptions", "dnsServers"] },
    peering: { remote: { field: "remoteVirtualNetwork", path: ["remoteVirtualNetwork", "id"] } },
    gateway: {
      kind: ["gatewayType"],
      sku: ["sku", "name"],
      generation: ["vpnGatewayGeneration"],
      bgp: [["enableBgp"]],
      subnet: ["subnet", "id"],
      pool: ["vpnClientAddressPool", "addressPrefixes"],
      groups: "vngClientConnectionConfigurations",
      groupPool: ["vpnClientAddressPool", "addressPrefixes"],
      authTypes: "vpnAuthenticationTypes",
      certificates: "vpnClientRootCertificates",
      customRoutes: ["customRoutes", "addressPrefixes"],
      publicIp: ["publicIPAddress", "id"],
    },
    publicIp: { sku: ["sku", "name"], allocation: ["publicIPAllocationMethod"] },
    connection: {
      type: ["connectionType"],
      gateway: { field: "virtualNetworkGateway1", path: ["virtualNetworkGateway1", "id"] },
      remoteGateway: { field: "virtualNetworkGateway2", path: ["virtualNetworkGateway2", "id"] },
      site: { field: "localNetworkGateway2", path: ["localNetworkGateway2", "id"] },
      bgp: [["enableBgp"]],
    },
    site: { prefixes: ["localNetworkAddressSpace", "addressPrefixes"] },
    dns: {
      linkZoneName: "privateZoneName",
      linkVnet: { field: "virtualNetwork", path: ["virtualNetwork", "id"] },
      endpointSubnet: { field: "subnet", path: ["subnet", "id"] },
      resolverVnet: { field: "virtualNetwork", path: ["virtualNetwork", "id"] },
      inboundResolver: { byName: "dnsResolverName" },
      inboundSubnet: ["subnet", "id"],
    },
  },
  azure: {
    vnet: { prefixes: ["addressSpaces"], dnsServers: ["dnsServers"] },
    peering: { remote: { field: "remoteVirtualNetworkId", path: ["remoteVirtualNetworkId"] } },
    gateway: {
      kind: ["type"],
      sku: ["sku"],
      generation: ["generation"],
      bgp: [["bgpEnabled"], ["enableBgp"]],
      subnet: ["subnetId"],
      pool: ["addressSpaces"],
      groups: "virtualNetworkGatewayClientConnections",
      groupPool: ["addressPrefixes"],
      authTypes: "vpnAuthTypes",
      certificates: "rootCertificates",
      customRoutes: ["customRoute", "addressPrefixes"],
      publicIp: ["publicIpAddressId"],
    },
    // @pulumi/azure v6: "Defaults to Standard"; allocationMethod is required.
    publicIp: { sku: ["sku"], allocation: ["allocationMethod"], defaultSku: "Standard" },
    connection: {
      type: ["type"],
      gateway: { field: "virtualNetworkGatewayId", path: ["virtualNetworkGatewayId"] },
      remoteGateway: { field: "peerVirtualNetworkGatewayId", path: ["peerVirtualNetworkGatewayId"] },
      site: { field: "localNetworkGatewayId", path: ["localNetworkGatewayId"] },
      bgp: [["bgpEnabled"], ["enableBgp"]],
    },
    site: { prefixes: ["addressSpaces"] },
    dns: {
      linkZoneName: "privateDnsZoneName",
      linkVnet: { field: "virtualNetworkId", path: ["virtualNetworkId"] },
      endpointSubnet: { field: "subnetId", path: ["subnetId"] },
      inlineZoneIds: { field: "privateDnsZoneGroup", path: ["privateDnsZoneGroup", "privateDnsZoneIds"] },
      resolverVnet: { field: "virtualNetworkId", path: ["virtualNetworkId"] },
      inboundResolver: { ref: { field: "privateDnsResolverId", path: ["privateDnsResolverId"] } },
      inboundSubnet: ["subnetId"],
    },
  },
};

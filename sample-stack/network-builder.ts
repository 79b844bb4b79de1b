import type * as pulumi from "@pulumi/pulumi";

export interface GatewayOptions {
  asn?: number;
  p2sPool?: string;
  protocols?: string[];
  /** Microsoft Entra ID instead of a root certificate. */
  entra?: boolean;
  customRoutes?: string[];
  tags?: Record<string, string>;
}

/** How P2S traffic to a spoke goes through the hub's firewall. */
export interface FirewallPath {
  /** The client pool the firewall lets through and the spoke sends back. */
  pool: string;
  /** The spoke's workload subnet, given a route table and an NSG that allows HTTPS from the pool. */
  subnet: { name: string; prefix: string };
  /**
   * "symmetric": the GatewaySubnet sends the spoke to the firewall and the spoke sends the pool back
   * to it. "asymmetric": the GatewaySubnet sends the spoke directly while the spoke sends 0.0.0.0/0 to
   * the firewall with gateway route propagation off (the reply is dropped as asymmetric).
   */
  mode: "symmetric" | "asymmetric";
  /** The spoke's NSG also denies the pool HTTPS, before the rule that allows it. */
  denyPool?: boolean;
}

/** What a spoke's subnets are given when its traffic goes through a firewall: the same route table and NSG for every subnet. */
export interface SpokeFilters {
  routeTable: unknown;
  networkSecurityGroup: unknown;
}

/**
 * What a scenario declares, whichever provider declares it: VNets `V` with GatewaySubnets `S`,
 * gateways `G` and sites `L`. Each provider's builder writes the resources as its users would.
 */
export interface NetworkBuilder<V, S, G, L> {
  readonly resources: pulumi.Resource[];
  /** A VNet; with `gatewaySubnet` also its GatewaySubnet, declared as a Subnet resource. */
  vnet(
    name: string,
    prefix: string,
    options?: { gatewaySubnet?: string; dnsServers?: string[]; tags?: Record<string, string>; firewallSubnet?: string },
  ): { vnet: V; subnet?: S };
  /**
   * The spoke's traffic from P2S clients through the Azure Firewall of `hubName` (declared by
   * `firewallSubnet` on the hub): a rule collection group allowing HTTPS, route tables, an NSG.
   * Only where the builder's provider is read for paths and filters (azure-native).
   */
  throughFirewall?(hubName: string, spokeName: string, spoke: V, spokePrefix: string, path: FirewallPath): SpokeFilters;
  /**
   * A storage account's private endpoint in `spoke`, in the blob privatelink zone, and a DNS Private
   * Resolver in `hub` whose inbound endpoint has `inboundAddress` and whose VNet is linked to the zone.
   * Only where the builder's provider is read for DNS (azure-native).
   */
  privateEndpointDns?(hub: V, hubName: string, spoke: V, spokeName: string, inboundAddress: string, filters?: SpokeFilters): void;
  /** A RouteBased VpnGw1AZ gateway in the subnet, with a P2S configuration when `p2sPool` is set. */
  gateway(name: string, subnet: S, options?: GatewayOptions): G;
  /** Hub and spoke peered both ways; the spoke uses the hub's gateway when `transit` is set. */
  peerPair(hubName: string, hub: V, spokeName: string, spoke: V, transit: boolean, hubGateway?: G): void;
  /** A VNet-to-VNet link: one connection from each side, as Azure requires. */
  vnet2vnet(aName: string, a: G, bName: string, b: G, enableBgp: boolean): void;
  /** An on-premises site, with BGP when `asn` is set. */
  site(name: string, prefix: string, options?: { asn?: number; tags?: Record<string, string> }): L;
  /** A site-to-site IPsec connection from an Azure gateway to a site. */
  s2s(gatewayName: string, gateway: G, siteName: string, site: L, enableBgp: boolean): void;
}

/** The public half of a self-signed P2S root certificate (sample data, not a secret). */
export const SAMPLE_ROOT_CERT =
  "MIIC5zCCAc+gAwIBAgIQFSwsLuUrCIdHwI3hzJbdBjANBgkqhkiG9w0BAQsFADAWMRQwEgYDVQQDDAtQMlNSb290Q2VydDAeFw0yNjAxMDEwMDAwMDBaFw0yNzAxMDEwMDAwMDBa";

/**
 * A placeholder Microsoft Entra tenant, and the Azure VPN Client's application id in Azure public
 * cloud: the Microsoft-registered app, which new clients need (the hand-registered 41b23e61-… is legacy).
 */
export const SAMPLE_TENANT = "00000000-0000-0000-0000-000000000000";
export const AZURE_VPN_CLIENT_APP = "c632b3df-fb67-4d84-bdcf-b95ad541b5c8";

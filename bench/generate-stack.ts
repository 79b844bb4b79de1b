import type { AnalyzerInput } from "../offline/analyzer-client";

export const TOPOLOGIES = ["hub-spoke", "bgp-chain", "mixed", "virtual-wan"] as const;
export type TopologyKind = (typeof TOPOLOGIES)[number];

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/bench/providers/Microsoft.Network";
const PROJECT = "bench";

/** What a stack holds besides VNets, peerings and gateways: see StackOptions.filters. */
export type StackFilters = "all" | "no-nsgs-or-route-tables" | "none";

export interface StackOptions {
  /**
   * "all" (the default): subnets, NSGs, route tables and firewalls. Every spoke gets a subnet "workload"
   * (the lower /25 of its prefix) with an NSG of 20 inline rules and a route table that sends
   * everything, and every client pool, to the hub's firewall; every hub gets a GatewaySubnet
   * whose route table sends each spoke's prefix to the firewall, an AzureFirewallSubnet, an Azure
   * Firewall and a firewall policy with one rule collection group allowing the client pools to
   * the spokes. P2S clients then reach every spoke through its hub's firewall and its NSG, their
   * own hub's and the other hubs' (over the Vnet2Vnet links) alike: every path works. In virtual-wan, only
   * the spokes' subnets and NSGs: its hubs have no firewall.
   * "no-nsgs-or-route-tables": the same subnets, firewalls and firewall policies, without the NSGs and
   * route tables, so every path is direct. "none": VNets, peerings and gateways only.
   */
  filters?: StackFilters;
}

/**
 * Synthetic deployed stacks as AnalyzeStack receives them (outputs with ARM ids): `vnets` VNets,
 * one gateway per 20 VNets (each the hub of 19 spokes using it through gateway transit, so about
 * two peering resources per VNet), hubs linked to each other by Vnet2Vnet connections.
 *  - hub-spoke: hub 0 has the P2S gateway; every other hub is linked to it over BGP.
 *  - bgp-chain: hubs form a BGP chain from the P2S hub, each with a branch site over BGP.
 *  - mixed: three P2S hubs, every third link without BGP, every seventh spoke without transit.
 *  - virtual-wan: no VNet gateways but a Standard Virtual WAN; see generateVirtualWan.
 */
export function generateStack(kind: TopologyKind, vnets: number, options: StackOptions = {}): AnalyzerInput[] {
  const filters = options.filters ?? "all";
  const nsgsAndTables = filters === "all";
  const out: AnalyzerInput[] = [];
  const add = adder(out);
  if (kind === "virtual-wan") {
    generateVirtualWan(add, vnets, filters);
    return out;
  }
  const vnetId = (name: string) => `${SUB}/virtualNetworks/${name}`;
  const gwId = (name: string) => `${SUB}/virtualNetworkGateways/${name}`;
  const prefix = (i: number) => `10.${i >> 8}.${i & 255}.0/24`;
  const hubs = Math.max(1, Math.floor(vnets / 20));
  const p2s = (h: number) => h === 0 || (kind === "mixed" && (h === Math.floor(hubs / 2) || h === hubs - 1));
  const pool = (h: number) => `172.16.${h & 255}.0/24`;
  const pools = Array.from({ length: hubs }, (_, h) => h)
    .filter(p2s)
    .map(pool);

  for (let h = 0; h < hubs; h++) {
    const hub = `hub${h}`;
    const first = h * 20;
    add("VirtualNetwork", hub, { id: vnetId(hub), resourceGroupName: "bench", addressSpace: { addressPrefixes: [prefix(first)] } });
    add("VirtualNetworkGateway", `${hub}-gw`, {
      id: gwId(`${hub}-gw`),
      resourceGroupName: "bench",
      gatewayType: "Vpn",
      vpnType: "RouteBased",
      sku: { name: "VpnGw2" },
      enableBgp: true,
      bgpSettings: { asn: 64512 + h },
      ipConfigurations: [{ subnet: { id: `${vnetId(hub)}/subnets/GatewaySubnet` } }],
      ...(p2s(h)
        ? {
            vpnClientConfiguration: {
              vpnClientAddressPool: { addressPrefixes: [pool(h)] },
              vpnClientProtocols: ["IkeV2", "OpenVPN"],
            },
          }
        : {}),
    });
    for (let s = 1; s < 20 && first + s < vnets; s++) {
      const spoke = `spoke${first + s}`;
      const transit = !(kind === "mixed" && (first + s) % 7 === 0);
      add("VirtualNetwork", spoke, {
        id: vnetId(spoke),
        resourceGroupName: "bench",
        addressSpace: { addressPrefixes: [prefix(first + s)] },
      });
      add("VirtualNetworkPeering", `${hub}-to-${spoke}`, {
        virtualNetworkName: hub,
        resourceGroupName: "bench",
        remoteVirtualNetwork: { id: vnetId(spoke) },
        allowGatewayTransit: true,
      });
      add("VirtualNetworkPeering", `${spoke}-to-${hub}`, {
        virtualNetworkName: spoke,
        resourceGroupName: "bench",
        remoteVirtualNetwork: { id: vnetId(hub) },
        useRemoteGateways: transit,
      });
      if (filters !== "none") addSpokeFilters(add, { spoke, index: first + s, hub: h, pools, nsgsAndTables });
    }
    if (filters !== "none") {
      const spokes = Array.from({ length: Math.min(19, vnets - first - 1) }, (_, s) => first + s + 1);
      addHubFilters(add, { hub: h, index: first, pools, spokes: spokes.map(prefix), nsgsAndTables });
    }
    const peer = kind === "bgp-chain" ? h - 1 : 0;
    if (h > 0) {
      const bgp = !(kind === "mixed" && h % 3 === 0);
      for (const [a, b] of [
        [h, peer],
        [peer, h],
      ]) {
        add("VirtualNetworkGatewayConnection", `hub${a}-gw-to-hub${b}-gw`, {
          resourceGroupName: "bench",
          connectionType: "Vnet2Vnet",
          virtualNetworkGateway1: { id: gwId(`hub${a}-gw`) },
          virtualNetworkGateway2: { id: gwId(`hub${b}-gw`) },
          enableBgp: bgp,
        });
      }
    }
    if (kind === "bgp-chain") {
      const site = `site${h}`;
      add("LocalNetworkGateway", site, {
        id: `${SUB}/localNetworkGateways/${site}`,
        resourceGroupName: "bench",
        localNetworkAddressSpace: { addressPrefixes: [`100.64.${h & 255}.${(h >> 8) * 16}/28`] },
        bgpSettings: { asn: 65100 + (h % 400), bgpPeeringAddress: "100.127.0.1" },
      });
      add("VirtualNetworkGatewayConnection", `${hub}-gw-to-${site}`, {
        resourceGroupName: "bench",
        connectionType: "IPsec",
        virtualNetworkGateway1: { id: gwId(`${hub}-gw`) },
        localNetworkGateway2: { id: `${SUB}/localNetworkGateways/${site}` },
        enableBgp: true,
      });
    }
  }
  return out;
}

type Add = (type: string, name: string, properties: Record<string, unknown>) => void;

function adder(out: AnalyzerInput[]): Add {
  return (type, name, properties) =>
    out.push({
      type: `azure-native:network:${type}`,
      urn: `urn:pulumi:bench::${PROJECT}::azure-native:network:${type}::${name}`,
      name,
      properties: { name, ...properties },
      dependencies: [],
      propertyDependencies: {},
    });
}

/** Azure's limit of VNet connections per Virtual WAN hub, so larger stacks need more hubs. */
const SPOKES_PER_HUB = 500;
/** The custom route tables of every hub and their labels: spoke connections associate with "spokes-rt" (every fourth spoke). */
const HUB_TABLES = [
  { name: "spokes-rt", labels: ["spokes"] },
  { name: "shared-rt", labels: ["shared"] },
  { name: "isolated-rt", labels: ["isolated"] },
];

/**
 * A Standard Virtual WAN with one hub per 500 spokes (at least two), each hub with three custom
 * route tables, a VPN gateway and one BGP branch site; P2S gateways on the first and last hubs,
 * one certificate-authenticated OpenVPN server configuration, their clients associated with the
 * hub's defaultRouteTable and propagating to the labels "default" and "spokes". Every fourth
 * spoke connection is associated with its hub's "spokes-rt" and propagates to the label
 * "default"; the others keep Azure's default routing. Every client so reaches every spoke and
 * site, and every spoke has a route back. With filters, every spoke has a subnet "workload" with
 * the 20-rule NSG (no route table: the hub's routes reach it directly).
 */
function generateVirtualWan(add: Add, vnets: number, filters: StackFilters): void {
  const wanId = `${SUB}/virtualWans/wan`;
  const hubs = Math.max(2, Math.ceil(vnets / SPOKES_PER_HUB));
  const hubName = (h: number) => `hub${h}`;
  const hubId = (h: number) => `${SUB}/virtualHubs/${hubName(h)}`;
  const tableId = (h: number, table: string) => `${hubId(h)}/hubRouteTables/${table}`;
  const p2sHubs = [0, hubs - 1];
  const pool = (h: number) => `172.16.${h & 255}.0/24`;
  const pools = p2sHubs.map(pool);
  // Azure applies one branch's propagation to all branches of a hub (P2S, VPN), so they share it.
  const branchRouting = (h: number) => ({
    associatedRouteTable: { id: tableId(h, "defaultRouteTable") },
    propagatedRouteTables: { labels: ["default", "spokes"], ids: [{ id: tableId(h, "defaultRouteTable") }] },
  });
  // 10.100.0.0/23 upwards: clear of the spokes' 10.0.0.0/24 to 10.39.15.0/24.
  const hubPrefix = (h: number) => `10.${100 + (h >> 7)}.${(h & 127) * 2}.0/23`;
  add("VirtualWan", "wan", {
    id: wanId,
    resourceGroupName: "bench",
    virtualWANName: "wan",
    type: "Standard",
    allowBranchToBranchTraffic: true,
  });
  add("VpnServerConfiguration", "vpn-config", {
    id: `${SUB}/vpnServerConfigurations/vpn-config`,
    resourceGroupName: "bench",
    vpnServerConfigurationName: "vpn-config",
    // azure-native v3 nests the settings under properties.
    properties: {
      vpnProtocols: ["OpenVPN"],
      vpnAuthenticationTypes: ["Certificate"],
      vpnClientRootCertificates: [{ name: "bench-root", publicCertData: "MIIC5zCCAc+gAwIBAgIQbench" }],
    },
  });
  for (let h = 0; h < hubs; h++) {
    const hub = hubName(h);
    add("VirtualHub", hub, {
      id: hubId(h),
      resourceGroupName: "bench",
      virtualHubName: hub,
      addressPrefix: hubPrefix(h),
      sku: "Standard",
      virtualWan: { id: wanId },
    });
    for (const table of HUB_TABLES)
      add("HubRouteTable", `${hub}-${table.name}`, {
        id: tableId(h, table.name),
        // Deployed outputs name the resource as Azure does, not as the program does.
        name: table.name,
        resourceGroupName: "bench",
        virtualHubName: hub,
        routeTableName: table.name,
        labels: table.labels,
        routes: [],
      });
    if (p2sHubs.includes(h)) {
      add("P2sVpnGateway", `${hub}-p2s`, {
        id: `${SUB}/p2sVpnGateways/${hub}-p2s`,
        resourceGroupName: "bench",
        gatewayName: `${hub}-p2s`,
        virtualHub: { id: hubId(h) },
        vpnServerConfiguration: { id: `${SUB}/vpnServerConfigurations/vpn-config` },
        vpnGatewayScaleUnit: 1,
        p2SConnectionConfigurations: [
          {
            name: "users",
            vpnClientAddressPool: { addressPrefixes: [pool(h)] },
            routingConfiguration: branchRouting(h),
          },
        ],
      });
    }
    const site = `site${h}`;
    add("VpnSite", site, {
      id: `${SUB}/vpnSites/${site}`,
      resourceGroupName: "bench",
      vpnSiteName: site,
      virtualWan: { id: wanId },
      addressSpace: { addressPrefixes: [`192.168.${h & 255}.0/24`] },
      bgpProperties: { asn: 65100 + h, bgpPeeringAddress: `192.168.${h & 255}.1` },
    });
    add("VpnGateway", `${hub}-vpn`, {
      id: `${SUB}/vpnGateways/${hub}-vpn`,
      resourceGroupName: "bench",
      gatewayName: `${hub}-vpn`,
      virtualHub: { id: hubId(h) },
      bgpSettings: { asn: 65515 },
      connections: [
        { name: `${site}-conn`, remoteVpnSite: { id: `${SUB}/vpnSites/${site}` }, enableBgp: true, routingConfiguration: branchRouting(h) },
      ],
    });
  }
  for (let i = 0; i < vnets; i++) {
    const spoke = `spoke${i}`;
    const h = Math.floor((i * hubs) / vnets);
    const hub = hubName(h);
    add("VirtualNetwork", spoke, {
      id: `${SUB}/virtualNetworks/${spoke}`,
      resourceGroupName: "bench",
      virtualNetworkName: spoke,
      addressSpace: { addressPrefixes: [`${base(i)}.0/24`] },
    });
    add("HubVirtualNetworkConnection", `${spoke}-conn`, {
      id: `${hubId(h)}/hubVirtualNetworkConnections/${spoke}-conn`,
      resourceGroupName: "bench",
      virtualHubName: hub,
      connectionName: `${spoke}-conn`,
      remoteVirtualNetwork: { id: `${SUB}/virtualNetworks/${spoke}` },
      enableInternetSecurity: false,
      ...(i % 4 === 3
        ? {
            routingConfiguration: {
              associatedRouteTable: { id: tableId(h, "spokes-rt") },
              propagatedRouteTables: { labels: ["default"], ids: [{ id: tableId(h, "defaultRouteTable") }] },
            },
          }
        : {}),
    });
    if (filters !== "none") addSpokeSubnet(add, { spoke, index: i, pools, hubPrefix: hubPrefix(h), nsg: filters === "all" });
  }
}

/** A spoke's subnet "workload" (the lower /25 of its prefix) with the 20-rule NSG (its hub's prefix in the firewall's place) and no route table. */
function addSpokeSubnet(add: Add, s: { spoke: string; index: number; pools: string[]; hubPrefix: string; nsg: boolean }): void {
  const nsg = `${s.spoke}-nsg`;
  const subnet = `${base(s.index)}.0/25`;
  if (s.nsg)
    add("NetworkSecurityGroup", nsg, {
      id: `${SUB}/networkSecurityGroups/${nsg}`,
      resourceGroupName: "bench",
      securityRules: spokeRules(s.pools, subnet, s.hubPrefix),
    });
  add("Subnet", `${s.spoke}-workload`, {
    id: `${SUB}/virtualNetworks/${s.spoke}/subnets/workload`,
    name: "workload",
    subnetName: "workload",
    virtualNetworkName: s.spoke,
    resourceGroupName: "bench",
    addressPrefix: subnet,
    ...(s.nsg ? { networkSecurityGroup: { id: `${SUB}/networkSecurityGroups/${nsg}` } } : {}),
  });
}

const base = (i: number) => `10.${i >> 8}.${i & 255}`;
/** The hub's firewall, first usable address of its AzureFirewallSubnet (the hub's x.x.x.64/26). */
const firewallAddress = (hubIndex: number) => `${base(hubIndex)}.68`;

/**
 * A spoke's subnet "workload" with its NSG (20 rules) and route table (everything and every client
 * pool to the hub's firewall); without nsgsAndTables, the subnet alone.
 */
function addSpokeFilters(add: Add, s: { spoke: string; index: number; hub: number; pools: string[]; nsgsAndTables: boolean }): void {
  const vnet = `${SUB}/virtualNetworks/${s.spoke}`;
  const nsg = `${s.spoke}-nsg`;
  const table = `${s.spoke}-rt`;
  const subnet = `${base(s.index)}.0/25`;
  const firewall = firewallAddress(s.hub * 20);
  const workload = { id: `${vnet}/subnets/workload`, name: "workload", subnetName: "workload", virtualNetworkName: s.spoke };
  if (!s.nsgsAndTables) {
    add("Subnet", `${s.spoke}-workload`, { ...workload, resourceGroupName: "bench", addressPrefix: subnet });
    return;
  }
  add("NetworkSecurityGroup", nsg, {
    id: `${SUB}/networkSecurityGroups/${nsg}`,
    resourceGroupName: "bench",
    securityRules: spokeRules(s.pools, subnet, `${base(s.hub * 20)}.64/26`),
  });
  add("RouteTable", table, {
    id: `${SUB}/routeTables/${table}`,
    resourceGroupName: "bench",
    disableBgpRoutePropagation: false,
    routes: [
      { name: "default-to-firewall", addressPrefix: "0.0.0.0/0", nextHopType: "VirtualAppliance", nextHopIpAddress: firewall },
      // Replies to every client pool go back through the firewall their requests came through: the
      // hub's GatewaySubnet sends the spoke's prefix there, whichever gateway the clients use, and the
      // gateway's routes to the pools are more specific than 0.0.0.0/0.
      ...s.pools.map((pool, i) => ({
        name: `p2s-${i}-to-firewall`,
        addressPrefix: pool,
        nextHopType: "VirtualAppliance",
        nextHopIpAddress: firewall,
      })),
    ],
  });
  add("Subnet", `${s.spoke}-workload`, {
    ...workload,
    resourceGroupName: "bench",
    addressPrefix: subnet,
    networkSecurityGroup: { id: `${SUB}/networkSecurityGroups/${nsg}` },
    routeTable: { id: `${SUB}/routeTables/${table}` },
  });
}

/** 20 inline rules: the pools on 443, 22 and 3389 and ICMP, denials, service tags, port ranges, two outbound rules, deny-all at 4000. */
function spokeRules(pools: string[], subnet: string, firewallSubnet: string): Record<string, unknown>[] {
  const rule = (
    name: string,
    priority: number,
    access: "Allow" | "Deny",
    protocol: string,
    source: string | string[],
    destination: string,
    ports: string | string[],
    direction: "Inbound" | "Outbound" = "Inbound",
  ) => ({
    name,
    priority,
    direction,
    access,
    protocol,
    ...(Array.isArray(source) ? { sourceAddressPrefixes: source } : { sourceAddressPrefix: source }),
    sourcePortRange: "*",
    destinationAddressPrefix: destination,
    ...(Array.isArray(ports) ? { destinationPortRanges: ports } : { destinationPortRange: ports }),
  });
  return [
    rule("allow-p2s-https", 100, "Allow", "Tcp", pools, subnet, "443"),
    rule("allow-p2s-ssh", 110, "Allow", "Tcp", pools, subnet, "22"),
    rule("allow-p2s-rdp", 120, "Allow", "Tcp", pools, subnet, "3389"),
    rule("deny-p2s-smb", 130, "Deny", "Tcp", pools, "*", "445"),
    rule("deny-p2s-winrm", 140, "Deny", "Tcp", pools, "*", "5985-5986"),
    rule("allow-p2s-icmp", 150, "Allow", "Icmp", pools, subnet, "*"),
    rule("deny-p2s-netbios", 160, "Deny", "Udp", pools, "*", "137-139"),
    rule("deny-p2s-high-ports", 170, "Deny", "Tcp", pools, "*", "49152-65535"),
    rule("allow-firewall-app", 200, "Allow", "Tcp", firewallSubnet, subnet, "8080-8090"),
    rule("allow-vnet-monitoring", 210, "Allow", "Tcp", "VirtualNetwork", subnet, "9100-9200"),
    rule("allow-lb-probes", 220, "Allow", "*", "AzureLoadBalancer", "*", "*"),
    rule("allow-vnet-ntp", 230, "Allow", "Udp", "VirtualNetwork", subnet, "123"),
    rule("allow-internal-db", 240, "Allow", "Tcp", "10.0.0.0/8", subnet, ["1433", "5432"]),
    rule("deny-telnet", 250, "Deny", "Tcp", "*", "*", "23"),
    rule("allow-gateway-manager", 260, "Allow", "Tcp", "GatewayManager", "*", "443"),
    rule("allow-partner-https", 270, "Allow", "Tcp", ["192.168.10.0/24", "192.168.20.0/24"], subnet, "443"),
    rule("deny-internet", 300, "Deny", "*", "Internet", "*", "*"),
    rule("allow-storage-out", 3000, "Allow", "Tcp", subnet, "Storage", "443", "Outbound"),
    rule("deny-internet-out", 3010, "Deny", "*", "*", "Internet", "*", "Outbound"),
    rule("deny-all-inbound", 4000, "Deny", "*", "*", "*", "*"),
  ];
}

/** A hub's GatewaySubnet (with nsgsAndTables, its table sends each spoke to the firewall), AzureFirewallSubnet, firewall and firewall policy. */
function addHubFilters(add: Add, h: { hub: number; index: number; pools: string[]; spokes: string[]; nsgsAndTables: boolean }): void {
  const hub = `hub${h.hub}`;
  const vnet = `${SUB}/virtualNetworks/${hub}`;
  const firewall = firewallAddress(h.index);
  const table = `${hub}-gateway-rt`;
  const policy = `${hub}-fw-policy`;
  if (h.nsgsAndTables)
    add("RouteTable", table, {
      id: `${SUB}/routeTables/${table}`,
      resourceGroupName: "bench",
      disableBgpRoutePropagation: false,
      routes: h.spokes.map((spoke, i) => ({
        name: `spoke-${i + 1}-to-firewall`,
        addressPrefix: spoke,
        nextHopType: "VirtualAppliance",
        nextHopIpAddress: firewall,
      })),
    });
  add("Subnet", `${hub}-gateway-subnet`, {
    id: `${vnet}/subnets/GatewaySubnet`,
    name: "GatewaySubnet",
    subnetName: "GatewaySubnet",
    virtualNetworkName: hub,
    resourceGroupName: "bench",
    addressPrefix: `${base(h.index)}.0/27`,
    ...(h.nsgsAndTables ? { routeTable: { id: `${SUB}/routeTables/${table}` } } : {}),
  });
  add("Subnet", `${hub}-firewall-subnet`, {
    id: `${vnet}/subnets/AzureFirewallSubnet`,
    name: "AzureFirewallSubnet",
    subnetName: "AzureFirewallSubnet",
    virtualNetworkName: hub,
    resourceGroupName: "bench",
    addressPrefix: `${base(h.index)}.64/26`,
  });
  add("FirewallPolicy", policy, { id: `${SUB}/firewallPolicies/${policy}`, resourceGroupName: "bench" });
  const network = (name: string, ipProtocols: string[], destinationAddresses: string[], destinationPorts: string[]) => ({
    ruleType: "NetworkRule",
    name,
    ipProtocols,
    sourceAddresses: h.pools,
    destinationAddresses,
    destinationPorts,
  });
  add("FirewallPolicyRuleCollectionGroup", `${policy}-p2s`, {
    name: "p2s",
    ruleCollectionGroupName: "p2s",
    firewallPolicyName: policy,
    resourceGroupName: "bench",
    priority: 200,
    ruleCollections: [
      {
        ruleCollectionType: "FirewallPolicyFilterRuleCollection",
        name: "p2s-to-spokes",
        priority: 100,
        action: { type: "Allow" },
        rules: [
          network("https", ["TCP"], h.spokes, ["443"]),
          network("admin", ["TCP"], h.spokes, ["22", "3389"]),
          network("icmp", ["ICMP"], ["10.0.0.0/8"], ["*"]),
          network("dns", ["UDP"], [`${base(h.index)}.0/24`], ["53"]),
        ],
      },
    ],
  });
  add("AzureFirewall", `${hub}-fw`, {
    id: `${SUB}/azureFirewalls/${hub}-fw`,
    resourceGroupName: "bench",
    sku: { name: "AZFW_VNet", tier: "Standard" },
    ipConfigurations: [{ name: "ipconfig", subnet: { id: `${vnet}/subnets/AzureFirewallSubnet` }, privateIPAddress: firewall }],
    firewallPolicy: { id: `${SUB}/firewallPolicies/${policy}` },
  });
}

import type { AnalyzerInput } from "../offline/analyzer-client";

export const TOPOLOGIES = ["hub-spoke", "bgp-chain", "mixed"] as const;
export type TopologyKind = (typeof TOPOLOGIES)[number];

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/bench/providers/Microsoft.Network";
const PROJECT = "bench";

/**
 * Synthetic deployed stacks as AnalyzeStack receives them (outputs with ARM ids): `vnets` VNets,
 * one gateway per 20 VNets (each the hub of 19 spokes using it through gateway transit, so about
 * two peering resources per VNet), hubs linked to each other by Vnet2Vnet connections.
 *  - hub-spoke: hub 0 has the P2S gateway; every other hub is linked to it over BGP.
 *  - bgp-chain: hubs form a BGP chain from the P2S hub, each with a branch site over BGP.
 *  - mixed: three P2S hubs, every third link without BGP, every seventh spoke without transit.
 */
export function generateStack(kind: TopologyKind, vnets: number): AnalyzerInput[] {
  const out: AnalyzerInput[] = [];
  const urn = (type: string, name: string) => `urn:pulumi:bench::${PROJECT}::azure-native:network:${type}::${name}`;
  const add = (type: string, name: string, properties: Record<string, unknown>) =>
    out.push({
      type: `azure-native:network:${type}`,
      urn: urn(type, name),
      name,
      properties: { name, ...properties },
      dependencies: [],
      propertyDependencies: {},
    });
  const vnetId = (name: string) => `${SUB}/virtualNetworks/${name}`;
  const gwId = (name: string) => `${SUB}/virtualNetworkGateways/${name}`;
  const prefix = (i: number) => `10.${i >> 8}.${i & 255}.0/24`;
  const hubs = Math.max(1, Math.floor(vnets / 20));
  const p2s = (h: number) => h === 0 || (kind === "mixed" && (h === Math.floor(hubs / 2) || h === hubs - 1));

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
              vpnClientAddressPool: { addressPrefixes: [`172.16.${h & 255}.0/24`] },
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

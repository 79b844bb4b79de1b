import type { RawResource } from "../../policypack/extract/raw-resource";
import { RG, classic, native } from "./raw-resources";

/** A compliant Virtual WAN stack (spec section 8): a Standard WAN, one hub, two spokes, a P2S gateway with OpenVPN and Entra ID. */
export const TENANT = "00000000-0000-0000-0000-000000000001";
export const POOL = "172.16.50.0/24";

const hubId = `${RG}/virtualHubs/hub1`;

/** A resource whose properties a test changes. */
export type Declared = RawResource & { props: Record<string, unknown> };
export const tableId = (hub: string, table: string) => `${RG}/virtualHubs/${hub}/hubRouteTables/${table}`;

/** The azure-native baseline; `change` edits the resources before they are returned. */
export function nativeWan(change: (resources: Record<string, Declared>) => void = () => {}): RawResource[] {
  const r: Record<string, Declared> = {
    wan: native("VirtualWan", "wan", { resourceGroupName: "rg", virtualWANName: "wan", type: "Standard" }),
    hub1: native("VirtualHub", "hub1", {
      resourceGroupName: "rg",
      virtualHubName: "hub1",
      addressPrefix: "10.100.0.0/23",
      sku: "Standard",
      virtualWan: { id: `${RG}/virtualWans/wan` },
    }),
    spoke1: native("VirtualNetwork", "spoke1", {
      resourceGroupName: "rg",
      virtualNetworkName: "spoke1",
      addressSpace: { addressPrefixes: ["10.1.0.0/16"] },
    }),
    spoke2: native("VirtualNetwork", "spoke2", {
      resourceGroupName: "rg",
      virtualNetworkName: "spoke2",
      addressSpace: { addressPrefixes: ["10.2.0.0/16"] },
    }),
    "spoke1-conn": native("HubVirtualNetworkConnection", "spoke1-conn", {
      resourceGroupName: "rg",
      virtualHubName: "hub1",
      connectionName: "spoke1-conn",
      remoteVirtualNetwork: { id: `${RG}/virtualNetworks/spoke1` },
    }),
    "spoke2-conn": native("HubVirtualNetworkConnection", "spoke2-conn", {
      resourceGroupName: "rg",
      virtualHubName: "hub1",
      connectionName: "spoke2-conn",
      remoteVirtualNetwork: { id: `${RG}/virtualNetworks/spoke2` },
    }),
    "vpn-config": native("VpnServerConfiguration", "vpn-config", {
      resourceGroupName: "rg",
      vpnServerConfigurationName: "vpn-config",
      properties: {
        vpnProtocols: ["OpenVPN"],
        vpnAuthenticationTypes: ["AAD"],
        aadAuthenticationParameters: {
          aadTenant: `https://login.microsoftonline.com/${TENANT}/`,
          aadIssuer: `https://sts.windows.net/${TENANT}/`,
          aadAudience: "c632b3df-fb67-4d84-bdcf-b95ad541b5c8",
        },
      },
    }),
    p2s: native("P2sVpnGateway", "p2s", {
      resourceGroupName: "rg",
      gatewayName: "p2s",
      virtualHub: { id: hubId },
      vpnServerConfiguration: { id: `${RG}/vpnServerConfigurations/vpn-config` },
      vpnGatewayScaleUnit: 1,
      p2SConnectionConfigurations: [{ name: "users", vpnClientAddressPool: { addressPrefixes: [POOL] } }],
    }),
  } as Record<string, Declared>;
  change(r);
  return Object.values(r);
}

/** The same stack with the classic provider. */
export function classicWan(change: (resources: Record<string, Declared>) => void = () => {}): RawResource[] {
  const r: Record<string, Declared> = {
    wan: classic("virtualWan", "VirtualWan", "wan", { resourceGroupName: "rg", name: "wan", type: "Standard" }),
    hub1: classic("virtualHub", "VirtualHub", "hub1", {
      resourceGroupName: "rg",
      name: "hub1",
      addressPrefix: "10.100.0.0/23",
      sku: "Standard",
      virtualWanId: `${RG}/virtualWans/wan`,
    }),
    spoke1: classic("virtualNetwork", "VirtualNetwork", "spoke1", {
      resourceGroupName: "rg",
      name: "spoke1",
      addressSpaces: ["10.1.0.0/16"],
    }),
    spoke2: classic("virtualNetwork", "VirtualNetwork", "spoke2", {
      resourceGroupName: "rg",
      name: "spoke2",
      addressSpaces: ["10.2.0.0/16"],
    }),
    "spoke1-conn": classic("virtualHubConnection", "VirtualHubConnection", "spoke1-conn", {
      name: "spoke1-conn",
      virtualHubId: hubId,
      remoteVirtualNetworkId: `${RG}/virtualNetworks/spoke1`,
    }),
    "spoke2-conn": classic("virtualHubConnection", "VirtualHubConnection", "spoke2-conn", {
      name: "spoke2-conn",
      virtualHubId: hubId,
      remoteVirtualNetworkId: `${RG}/virtualNetworks/spoke2`,
    }),
    "vpn-config": classic("vpnServerConfiguration", "VpnServerConfiguration", "vpn-config", {
      resourceGroupName: "rg",
      name: "vpn-config",
      vpnProtocols: ["OpenVPN"],
      vpnAuthenticationTypes: ["AAD"],
      azureActiveDirectoryAuthentications: [
        {
          tenant: `https://login.microsoftonline.com/${TENANT}/`,
          issuer: `https://sts.windows.net/${TENANT}/`,
          audience: "c632b3df-fb67-4d84-bdcf-b95ad541b5c8",
        },
      ],
    }),
    p2s: classic("pointToPointVpnGateway", "PointToPointVpnGateway", "p2s", {
      resourceGroupName: "rg",
      name: "p2s",
      virtualHubId: hubId,
      vpnServerConfigurationId: `${RG}/vpnServerConfigurations/vpn-config`,
      scaleUnit: 1,
      connectionConfigurations: [{ name: "users", vpnClientAddressPool: { addressPrefixes: [POOL] } }],
    }),
  } as Record<string, Declared>;
  change(r);
  return Object.values(r);
}

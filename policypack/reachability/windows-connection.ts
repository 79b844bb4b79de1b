import type { GatewayAnalysis } from "./results";
import type { TopologyIndex } from "./topology-index";

/**
 * The name Windows gives the VPN connection its client package creates: the VNet's Azure name,
 * from the VNet or from the GatewaySubnet's id when the VNet is in another stack (its Pulumi name
 * when the Azure name is not known yet; the gateway's only when nothing names the VNet).
 */
export function vpnConnectionName(index: TopologyIndex, gateway: GatewayAnalysis): string {
  const home = gateway.vnet !== undefined ? index.networks.get(gateway.vnet) : undefined;
  return home?.azureName ?? index.gateways.get(gateway.id)?.vnetAzureName ?? gateway.vnetName ?? gateway.name;
}

/** The PowerShell line a Windows user runs to add a route to the VPN connection. */
export function addRouteCommand(connectionName: string, prefix: string): string {
  return `Add-VpnConnectionRoute -ConnectionName "${connectionName}" -DestinationPrefix ${prefix}`;
}

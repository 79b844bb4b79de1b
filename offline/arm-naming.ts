import { createHash } from "crypto";

export const SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-000000000000";

type Inputs = Record<string, unknown>;

interface Naming {
  /** The input holding the Azure name; none for resources Azure does not name (their id is another's). */
  nameInput?: string;
  /** The ARM id below the subscription. */
  path: (inputs: Inputs, name: string) => string;
}

function net(inputs: Inputs, rest: string): string {
  return `/resourceGroups/${inputs.resourceGroupName}/providers/Microsoft.Network/${rest}`;
}

function belowSubscription(id: unknown): string {
  return String(id).replace(/^\/subscriptions\/[^/]+/i, "");
}

/** Classic resources name their parent by its full id rather than by resource group and name. */
function under(parentId: unknown, rest: string): string {
  return `${belowSubscription(parentId)}/${rest}`;
}

/** A classic association is not an Azure resource: the provider gives it the subnet's id. */
const subnetAssociation: Naming = { path: (i) => belowSubscription(i.subnetId) };

/** Where each type's name input lives and how Azure forms its ARM id, for the deployed mode. */
const NAMING: Record<string, Naming> = {
  "azure-native:resources:ResourceGroup": { nameInput: "resourceGroupName", path: (_i, n) => `/resourceGroups/${n}` },
  "azure-native:network:VirtualNetwork": { nameInput: "virtualNetworkName", path: (i, n) => net(i, `virtualNetworks/${n}`) },
  "azure-native:network:Subnet": {
    nameInput: "subnetName",
    path: (i, n) => net(i, `virtualNetworks/${i.virtualNetworkName}/subnets/${n}`),
  },
  "azure-native:network:VirtualNetworkPeering": {
    nameInput: "virtualNetworkPeeringName",
    path: (i, n) => net(i, `virtualNetworks/${i.virtualNetworkName}/virtualNetworkPeerings/${n}`),
  },
  "azure-native:network:PublicIPAddress": { nameInput: "publicIpAddressName", path: (i, n) => net(i, `publicIPAddresses/${n}`) },
  "azure-native:network:VirtualNetworkGateway": {
    nameInput: "virtualNetworkGatewayName",
    path: (i, n) => net(i, `virtualNetworkGateways/${n}`),
  },
  "azure-native:network:VirtualNetworkGatewayConnection": {
    nameInput: "virtualNetworkGatewayConnectionName",
    path: (i, n) => net(i, `connections/${n}`),
  },
  "azure-native:network:LocalNetworkGateway": { nameInput: "localNetworkGatewayName", path: (i, n) => net(i, `localNetworkGateways/${n}`) },
  "azure-native:network:PrivateEndpoint": { nameInput: "privateEndpointName", path: (i, n) => net(i, `privateEndpoints/${n}`) },
  "azure-native:network:PrivateDnsZoneGroup": {
    nameInput: "privateDnsZoneGroupName",
    path: (i, n) => net(i, `privateEndpoints/${i.privateEndpointName}/privateDnsZoneGroups/${n}`),
  },
  "azure-native:network:NetworkSecurityGroup": {
    nameInput: "networkSecurityGroupName",
    path: (i, n) => net(i, `networkSecurityGroups/${n}`),
  },
  "azure-native:network:SecurityRule": {
    nameInput: "securityRuleName",
    path: (i, n) => net(i, `networkSecurityGroups/${i.networkSecurityGroupName}/securityRules/${n}`),
  },
  "azure-native:network:RouteTable": { nameInput: "routeTableName", path: (i, n) => net(i, `routeTables/${n}`) },
  "azure-native:network:Route": { nameInput: "routeName", path: (i, n) => net(i, `routeTables/${i.routeTableName}/routes/${n}`) },
  "azure-native:network:NetworkInterface": { nameInput: "networkInterfaceName", path: (i, n) => net(i, `networkInterfaces/${n}`) },
  "azure-native:network:AzureFirewall": { nameInput: "azureFirewallName", path: (i, n) => net(i, `azureFirewalls/${n}`) },
  "azure-native:network:FirewallPolicy": { nameInput: "firewallPolicyName", path: (i, n) => net(i, `firewallPolicies/${n}`) },
  "azure-native:network:FirewallPolicyRuleCollectionGroup": {
    nameInput: "ruleCollectionGroupName",
    path: (i, n) => net(i, `firewallPolicies/${i.firewallPolicyName}/ruleCollectionGroups/${n}`),
  },
  "azure-native:network:VirtualWan": { nameInput: "virtualWANName", path: (i, n) => net(i, `virtualWans/${n}`) },
  "azure-native:network:VirtualHub": { nameInput: "virtualHubName", path: (i, n) => net(i, `virtualHubs/${n}`) },
  "azure-native:network:HubRouteTable": {
    nameInput: "routeTableName",
    path: (i, n) => net(i, `virtualHubs/${i.virtualHubName}/hubRouteTables/${n}`),
  },
  "azure-native:network:HubVirtualNetworkConnection": {
    nameInput: "connectionName",
    path: (i, n) => net(i, `virtualHubs/${i.virtualHubName}/hubVirtualNetworkConnections/${n}`),
  },
  "azure-native:network:RoutingIntent": {
    nameInput: "routingIntentName",
    path: (i, n) => net(i, `virtualHubs/${i.virtualHubName}/routingIntent/${n}`),
  },
  "azure-native:network:P2sVpnGateway": { nameInput: "gatewayName", path: (i, n) => net(i, `p2svpnGateways/${n}`) },
  "azure-native:network:VpnServerConfiguration": {
    nameInput: "vpnServerConfigurationName",
    path: (i, n) => net(i, `vpnServerConfigurations/${n}`),
  },
  "azure-native:network:VpnGateway": { nameInput: "gatewayName", path: (i, n) => net(i, `vpnGateways/${n}`) },
  "azure-native:network:VpnConnection": {
    nameInput: "connectionName",
    path: (i, n) => net(i, `vpnGateways/${i.gatewayName}/vpnConnections/${n}`),
  },
  "azure-native:network:VpnSite": { nameInput: "vpnSiteName", path: (i, n) => net(i, `vpnSites/${n}`) },
  "azure-native:network:ExpressRouteGateway": {
    nameInput: "expressRouteGatewayName",
    path: (i, n) => net(i, `expressRouteGateways/${n}`),
  },
  "azure-native:network:ExpressRouteConnection": {
    nameInput: "connectionName",
    path: (i, n) => net(i, `expressRouteGateways/${i.expressRouteGatewayName}/expressRouteConnections/${n}`),
  },
  "azure-native:privatedns:PrivateZone": { nameInput: "privateZoneName", path: (i, n) => net(i, `privateDnsZones/${n}`) },
  "azure-native:privatedns:VirtualNetworkLink": {
    nameInput: "virtualNetworkLinkName",
    path: (i, n) => net(i, `privateDnsZones/${i.privateZoneName}/virtualNetworkLinks/${n}`),
  },
  "azure-native:dnsresolver:DnsResolver": { nameInput: "dnsResolverName", path: (i, n) => net(i, `dnsResolvers/${n}`) },
  "azure-native:dnsresolver:InboundEndpoint": {
    nameInput: "inboundEndpointName",
    path: (i, n) => net(i, `dnsResolvers/${i.dnsResolverName}/inboundEndpoints/${n}`),
  },
  "azure-native:storage:StorageAccount": {
    nameInput: "accountName",
    path: (i, n) => `/resourceGroups/${i.resourceGroupName}/providers/Microsoft.Storage/storageAccounts/${n}`,
  },
  // The classic @pulumi/azure provider names every resource by its `name` input.
  "azure:core/resourceGroup:ResourceGroup": { nameInput: "name", path: (_i, n) => `/resourceGroups/${n}` },
  "azure:network/virtualNetwork:VirtualNetwork": { nameInput: "name", path: (i, n) => net(i, `virtualNetworks/${n}`) },
  "azure:network/subnet:Subnet": { nameInput: "name", path: (i, n) => net(i, `virtualNetworks/${i.virtualNetworkName}/subnets/${n}`) },
  "azure:network/virtualNetworkPeering:VirtualNetworkPeering": {
    nameInput: "name",
    path: (i, n) => net(i, `virtualNetworks/${i.virtualNetworkName}/virtualNetworkPeerings/${n}`),
  },
  "azure:network/publicIp:PublicIp": { nameInput: "name", path: (i, n) => net(i, `publicIPAddresses/${n}`) },
  "azure:network/virtualNetworkGateway:VirtualNetworkGateway": { nameInput: "name", path: (i, n) => net(i, `virtualNetworkGateways/${n}`) },
  "azure:network/virtualNetworkGatewayConnection:VirtualNetworkGatewayConnection": {
    nameInput: "name",
    path: (i, n) => net(i, `connections/${n}`),
  },
  "azure:network/localNetworkGateway:LocalNetworkGateway": { nameInput: "name", path: (i, n) => net(i, `localNetworkGateways/${n}`) },
  "azure:network/networkSecurityGroup:NetworkSecurityGroup": { nameInput: "name", path: (i, n) => net(i, `networkSecurityGroups/${n}`) },
  "azure:network/networkSecurityRule:NetworkSecurityRule": {
    nameInput: "name",
    path: (i, n) => net(i, `networkSecurityGroups/${i.networkSecurityGroupName}/securityRules/${n}`),
  },
  "azure:network/subnetNetworkSecurityGroupAssociation:SubnetNetworkSecurityGroupAssociation": subnetAssociation,
  "azure:network/routeTable:RouteTable": { nameInput: "name", path: (i, n) => net(i, `routeTables/${n}`) },
  "azure:network/route:Route": { nameInput: "name", path: (i, n) => net(i, `routeTables/${i.routeTableName}/routes/${n}`) },
  "azure:network/subnetRouteTableAssociation:SubnetRouteTableAssociation": subnetAssociation,
  "azure:network/networkInterface:NetworkInterface": { nameInput: "name", path: (i, n) => net(i, `networkInterfaces/${n}`) },
  "azure:network/firewall:Firewall": { nameInput: "name", path: (i, n) => net(i, `azureFirewalls/${n}`) },
  "azure:network/firewallNetworkRuleCollection:FirewallNetworkRuleCollection": {
    nameInput: "name",
    path: (i, n) => net(i, `azureFirewalls/${i.azureFirewallName}/networkRuleCollections/${n}`),
  },
  "azure:network/firewallApplicationRuleCollection:FirewallApplicationRuleCollection": {
    nameInput: "name",
    path: (i, n) => net(i, `azureFirewalls/${i.azureFirewallName}/applicationRuleCollections/${n}`),
  },
  "azure:network/firewallNatRuleCollection:FirewallNatRuleCollection": {
    nameInput: "name",
    path: (i, n) => net(i, `azureFirewalls/${i.azureFirewallName}/natRuleCollections/${n}`),
  },
  "azure:network/firewallPolicy:FirewallPolicy": { nameInput: "name", path: (i, n) => net(i, `firewallPolicies/${n}`) },
  "azure:network/firewallPolicyRuleCollectionGroup:FirewallPolicyRuleCollectionGroup": {
    nameInput: "name",
    path: (i, n) => under(i.firewallPolicyId, `ruleCollectionGroups/${n}`),
  },
  "azure:network/virtualWan:VirtualWan": { nameInput: "name", path: (i, n) => net(i, `virtualWans/${n}`) },
  "azure:network/virtualHub:VirtualHub": { nameInput: "name", path: (i, n) => net(i, `virtualHubs/${n}`) },
  "azure:network/virtualHubRouteTable:VirtualHubRouteTable": {
    nameInput: "name",
    path: (i, n) => under(i.virtualHubId, `hubRouteTables/${n}`),
  },
  "azure:network/virtualHubConnection:VirtualHubConnection": {
    nameInput: "name",
    path: (i, n) => under(i.virtualHubId, `hubVirtualNetworkConnections/${n}`),
  },
  "azure:network/routingIntent:RoutingIntent": { nameInput: "name", path: (i, n) => under(i.virtualHubId, `routingIntent/${n}`) },
  "azure:network/pointToPointVpnGateway:PointToPointVpnGateway": { nameInput: "name", path: (i, n) => net(i, `p2svpnGateways/${n}`) },
  "azure:network/vpnServerConfiguration:VpnServerConfiguration": {
    nameInput: "name",
    path: (i, n) => net(i, `vpnServerConfigurations/${n}`),
  },
  "azure:network/vpnGateway:VpnGateway": { nameInput: "name", path: (i, n) => net(i, `vpnGateways/${n}`) },
  "azure:network/vpnGatewayConnection:VpnGatewayConnection": {
    nameInput: "name",
    path: (i, n) => under(i.vpnGatewayId, `vpnConnections/${n}`),
  },
  "azure:network/vpnSite:VpnSite": { nameInput: "name", path: (i, n) => net(i, `vpnSites/${n}`) },
  "azure:network/expressRouteGateway:ExpressRouteGateway": { nameInput: "name", path: (i, n) => net(i, `expressRouteGateways/${n}`) },
  "azure:network/expressRouteConnection:ExpressRouteConnection": {
    nameInput: "name",
    path: (i, n) => under(i.expressRouteGatewayId, `expressRouteConnections/${n}`),
  },
  "azure:privatedns/zone:Zone": { nameInput: "name", path: (i, n) => net(i, `privateDnsZones/${n}`) },
  "azure:privatedns/zoneVirtualNetworkLink:ZoneVirtualNetworkLink": {
    nameInput: "name",
    path: (i, n) => net(i, `privateDnsZones/${i.privateDnsZoneName}/virtualNetworkLinks/${n}`),
  },
  "azure:privatedns/resolver:Resolver": { nameInput: "name", path: (i, n) => net(i, `dnsResolvers/${n}`) },
  "azure:privatedns/resolverInboundEndpoint:ResolverInboundEndpoint": {
    nameInput: "name",
    path: (i, n) => under(i.privateDnsResolverId, `inboundEndpoints/${n}`),
  },
  "azure:privatelink/endpoint:Endpoint": { nameInput: "name", path: (i, n) => net(i, `privateEndpoints/${n}`) },
  "azure:storage/account:Account": {
    nameInput: "name",
    path: (i, n) => `/resourceGroups/${i.resourceGroupName}/providers/Microsoft.Storage/storageAccounts/${n}`,
  },
};

/** Both providers auto-name resources "<logical name><random suffix>"; here the suffix is stable. */
function autoName(name: string): string {
  return name + createHash("sha1").update(name).digest("hex").slice(0, 8);
}

/**
 * The ARM id and Azure name a deployment gives a resource of a type whose naming is known, from
 * the inputs it was registered with; undefined for other types.
 */
export function armNaming(type: string, logicalName: string, inputs: Inputs): { id: string; azureName?: string } | undefined {
  const naming = NAMING[type];
  if (!naming) return undefined;
  if (naming.nameInput === undefined) return { id: SUBSCRIPTION + naming.path(inputs, "") };
  const given = inputs[naming.nameInput];
  const azureName = typeof given === "string" ? given : autoName(logicalName);
  return { id: SUBSCRIPTION + naming.path(inputs, azureName), azureName };
}

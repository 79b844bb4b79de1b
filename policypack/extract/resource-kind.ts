/** The kinds of resource the pack reads, named as azure-native names them. */
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
  | "PublicIPAddress"
  | "NetworkSecurityGroup"
  | "RouteTable"
  | "Route"
  | "SubnetNetworkSecurityGroupAssociation"
  | "SubnetRouteTableAssociation"
  | "SecurityRule"
  | "AzureFirewall"
  | "FirewallPolicy"
  | "FirewallPolicyRuleCollectionGroup"
  | "FirewallNetworkRuleCollection"
  | "FirewallApplicationRuleCollection"
  | "NetworkInterface"
  | "NetworkInterfaceSecurityGroupAssociation"
  | "VirtualWan"
  | "VirtualHub"
  | "HubRouteTable"
  | "HubRouteTableRoute"
  | "HubVirtualNetworkConnection"
  | "P2sVpnGateway"
  | "VpnServerConfiguration"
  | "VpnServerConfigurationPolicyGroup"
  | "VpnGateway"
  | "VpnConnection"
  | "VpnSite"
  | "ExpressRouteGateway"
  | "ExpressRouteConnection"
  | "RoutingIntent";

/** The providers the pack reads: azure-native, and the classic @pulumi/azure ("azure"). */
export type Provider = "azure-native" | "azure";

/** The ARM type segment of each kind, lower-cased: Azure's, whichever provider declared the resource. */
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
  NetworkSecurityGroup: "networksecuritygroups",
  RouteTable: "routetables",
  Route: "routes",
  // The classic provider's associations are no ARM resources: they set a property of the subnet, whose id they take.
  SubnetNetworkSecurityGroupAssociation: "subnets",
  SubnetRouteTableAssociation: "subnets",
  SecurityRule: "securityrules",
  AzureFirewall: "azurefirewalls",
  FirewallPolicy: "firewallpolicies",
  FirewallPolicyRuleCollectionGroup: "rulecollectiongroups",
  // The classic provider's collections of a firewall's own rules: a part of the firewall in ARM, no resource.
  FirewallNetworkRuleCollection: "networkrulecollections",
  FirewallApplicationRuleCollection: "applicationrulecollections",
  NetworkInterface: "networkinterfaces",
  // The classic association sets a property of the NIC, whose id it takes.
  NetworkInterfaceSecurityGroupAssociation: "networkinterfaces",
  VirtualWan: "virtualwans",
  VirtualHub: "virtualhubs",
  HubRouteTable: "hubroutetables",
  // The classic provider's route of a hub table: a part of the table in ARM.
  HubRouteTableRoute: "hubroutetableroutes",
  HubVirtualNetworkConnection: "hubvirtualnetworkconnections",
  P2sVpnGateway: "p2svpngateways",
  VpnServerConfiguration: "vpnserverconfigurations",
  VpnServerConfigurationPolicyGroup: "configurationpolicygroups",
  VpnGateway: "vpngateways",
  VpnConnection: "vpnconnections",
  VpnSite: "vpnsites",
  ExpressRouteGateway: "expressroutegateways",
  ExpressRouteConnection: "expressrouteconnections",
  RoutingIntent: "routingintent",
};

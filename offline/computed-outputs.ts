type Inputs = Record<string, unknown>;

function isObject(value: unknown): value is Inputs {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Azure keeps a subnet's first four addresses and its last; it hands out the rest lowest first. */
class SubnetPool {
  private readonly taken = new Set<number>();

  private constructor(
    private readonly base: number,
    private readonly size: number,
  ) {}

  /** IPv4 only: Azure gives no IPv6 address unless asked for one. */
  static parse(prefix: unknown): SubnetPool | undefined {
    const match = typeof prefix === "string" ? /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(prefix) : null;
    if (!match) return undefined;
    const bits = Number(match[5]);
    const octets = match.slice(1, 5).map(Number);
    if (bits > 32 || octets.some((o) => o > 255)) return undefined;
    const size = 2 ** (32 - bits);
    const address = octets.reduce((a, o) => a * 256 + o, 0);
    return new SubnetPool(address - (address % size), size);
  }

  claim(address: unknown): void {
    const offset = typeof address === "string" ? this.offsetOf(address) : undefined;
    if (offset !== undefined) this.taken.add(offset);
  }

  next(): string | undefined {
    for (let offset = 4; offset < this.size - 1; offset++) {
      if (this.taken.has(offset)) continue;
      this.taken.add(offset);
      return format(this.base + offset);
    }
    return undefined;
  }

  private offsetOf(address: string): number | undefined {
    const parsed = SubnetPool.parse(`${address}/32`);
    const offset = parsed ? parsed.base - this.base : -1;
    return offset >= 0 && offset < this.size ? offset : undefined;
  }
}

function format(address: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(address / 2 ** shift) % 256).join(".");
}

/** Private addresses by subnet, for the subnets whose prefix the program declared. */
class SubnetAddresses {
  // ARM ids compare case-insensitively.
  private readonly pools = new Map<string, SubnetPool>();

  learn(subnetId: string, prefix: unknown): void {
    const pool = SubnetPool.parse(prefix);
    if (pool && !this.pools.has(subnetId.toLowerCase())) this.pools.set(subnetId.toLowerCase(), pool);
  }

  /** The address a configuration ends up with: the one it asked for, else the next free one when dynamic. */
  assign(subnetId: unknown, requested: unknown, dynamic: boolean): string | undefined {
    const pool = typeof subnetId === "string" ? this.pools.get(subnetId.toLowerCase()) : undefined;
    if (typeof requested === "string") {
      pool?.claim(requested);
      return requested;
    }
    return dynamic ? pool?.next() : undefined;
  }
}

/** Azure gives every inline child an id below its parent, named by the child's name. */
function withChildIds(children: unknown, parentId: string, segment: string): unknown[] | undefined {
  if (!Array.isArray(children)) return undefined;
  return children.map((child) =>
    isObject(child) && typeof child.name === "string" && child.id === undefined
      ? { ...child, id: `${parentId}/${segment}/${child.name}` }
      : child,
  );
}

function mapList(list: unknown, each: (item: Inputs) => Inputs): unknown[] | undefined {
  return Array.isArray(list) ? list.map((item) => (isObject(item) ? each(item) : item)) : undefined;
}

function firstPrefix(subnet: Inputs): unknown {
  return subnet.addressPrefix ?? (Array.isArray(subnet.addressPrefixes) ? subnet.addressPrefixes[0] : undefined);
}

/** Omits what Azure would not add, so that a program reads it as absent rather than undefined-valued. */
function defined(outputs: Inputs): Inputs {
  return Object.fromEntries(Object.entries(outputs).filter(([, v]) => v !== undefined));
}

const isDynamic = (method: unknown) => method === undefined || String(method).toLowerCase() === "dynamic";

/** The ASN Azure gives every Virtual WAN hub's router. */
const HUB_ROUTER_ASN = 65515;

type Rule = (inputs: Inputs, id: string, subnets: SubnetAddresses) => Inputs;

/** Both providers call a virtual network's inline subnets `subnets`. */
const inlineSubnets: Rule = (i, id, subnets) => {
  const list = withChildIds(i.subnets, id, "subnets");
  for (const s of list ?? []) if (isObject(s) && typeof s.id === "string") subnets.learn(s.id, firstPrefix(s));
  return { subnets: list };
};

const subnet: Rule = (i, id, subnets) => {
  subnets.learn(id, firstPrefix(i));
  return {};
};

const RULES: Record<string, Rule> = {
  "azure-native:network:VirtualNetwork": inlineSubnets,
  "azure-native:network:Subnet": subnet,
  "azure-native:network:NetworkSecurityGroup": (i, id) => ({ securityRules: withChildIds(i.securityRules, id, "securityRules") }),
  "azure-native:network:RouteTable": (i, id) => ({ routes: withChildIds(i.routes, id, "routes") }),
  "azure-native:network:NetworkInterface": (i, id, subnets) => ({
    ipConfigurations: mapList(withChildIds(i.ipConfigurations, id, "ipConfigurations"), (c) => {
      const ipv6 = String(c.privateIPAddressVersion).toLowerCase() === "ipv6";
      const subnetId = isObject(c.subnet) ? c.subnet.id : undefined;
      const address = subnets.assign(subnetId, c.privateIPAddress, !ipv6 && isDynamic(c.privateIPAllocationMethod));
      return defined({ ...c, privateIPAddress: address });
    }),
  }),
  "azure-native:network:AzureFirewall": (i, id, subnets) => {
    const configuration = (c: Inputs) => {
      const subnetId = isObject(c.subnet) ? c.subnet.id : undefined;
      return defined({ ...c, privateIPAddress: subnetId === undefined ? undefined : subnets.assign(subnetId, undefined, true) });
    };
    const management = isObject(i.managementIpConfiguration)
      ? withChildIds([i.managementIpConfiguration], id, "azureFirewallIpConfigurations")
      : [];
    return {
      ipConfigurations: mapList(withChildIds(i.ipConfigurations, id, "azureFirewallIpConfigurations"), configuration),
      managementIpConfiguration: mapList(management, configuration)?.[0],
    };
  },
  "azure-native:network:VirtualNetworkGateway": (i, id) => ({ ipConfigurations: withChildIds(i.ipConfigurations, id, "ipConfigurations") }),
  "azure-native:network:VirtualHub": (i) => ({ virtualRouterAsn: i.virtualRouterAsn ?? HUB_ROUTER_ASN }),
  "azure-native:network:P2sVpnGateway": (i, id) => ({
    p2SConnectionConfigurations: withChildIds(i.p2SConnectionConfigurations, id, "p2sConnectionConfigurations"),
  }),
  "azure-native:network:VpnServerConfiguration": (i, id) =>
    isObject(i.properties)
      ? {
          properties: defined({
            ...i.properties,
            configurationPolicyGroups: withChildIds(i.properties.configurationPolicyGroups, id, "configurationPolicyGroups"),
          }),
        }
      : {},
  "azure-native:network:VpnGateway": (i, id) => ({
    connections: mapList(withChildIds(i.connections, id, "vpnConnections"), (c) =>
      defined({
        ...c,
        vpnLinkConnections: typeof c.id === "string" ? withChildIds(c.vpnLinkConnections, c.id, "vpnLinkConnections") : undefined,
      }),
    ),
  }),
  "azure-native:network:VpnConnection": (i, id) => ({ vpnLinkConnections: withChildIds(i.vpnLinkConnections, id, "vpnLinkConnections") }),
  "azure-native:network:VpnSite": (i, id) => ({ vpnSiteLinks: withChildIds(i.vpnSiteLinks, id, "vpnSiteLinks") }),
  "azure-native:network:ExpressRouteGateway": (i, id) => ({
    expressRouteConnections: withChildIds(i.expressRouteConnections, id, "expressRouteConnections"),
  }),

  "azure:network/virtualNetwork:VirtualNetwork": inlineSubnets,
  "azure:network/subnet:Subnet": subnet,
  "azure:network/networkInterface:NetworkInterface": (i, _id, subnets) => {
    const configurations = mapList(i.ipConfigurations, (c) => {
      const ipv6 = String(c.privateIpAddressVersion).toLowerCase() === "ipv6";
      const address = subnets.assign(c.subnetId, c.privateIpAddress, !ipv6 && isDynamic(c.privateIpAddressAllocation));
      return defined({ ...c, privateIpAddress: address });
    });
    const addresses = (configurations ?? []).flatMap((c) =>
      isObject(c) && typeof c.privateIpAddress === "string" ? [c.privateIpAddress] : [],
    );
    return { ipConfigurations: configurations, privateIpAddress: addresses[0], privateIpAddresses: configurations && addresses };
  },
  "azure:network/firewall:Firewall": (i, _id, subnets) => {
    const configuration = (c: Inputs) =>
      defined({ ...c, privateIpAddress: c.subnetId === undefined ? undefined : subnets.assign(c.subnetId, undefined, true) });
    return {
      ipConfigurations: mapList(i.ipConfigurations, configuration),
      managementIpConfiguration: isObject(i.managementIpConfiguration) ? configuration(i.managementIpConfiguration) : undefined,
    };
  },
  "azure:network/virtualHub:VirtualHub": (i, id) => ({
    defaultRouteTableId: `${id}/hubRouteTables/defaultRouteTable`,
    virtualRouterAsn: i.virtualRouterAsn ?? HUB_ROUTER_ASN,
  }),
  "azure:network/vpnSite:VpnSite": (i, id) => ({ links: withChildIds(i.links, id, "vpnSiteLinks") }),
};

/**
 * The outputs Azure computes when it creates a resource (sub-resource ids, private addresses, a
 * hub's default route table) that a program can read, for the deployed mode. It remembers the
 * subnets declared so far, since a private address depends on its subnet's prefix and on the
 * addresses already handed out there.
 */
export class ComputedOutputs {
  private readonly subnets = new SubnetAddresses();

  /** What to add to a created resource's inputs, beside its id and name. */
  of(type: string, id: string, inputs: Inputs): Inputs {
    const rule = RULES[type];
    return rule ? defined(rule(inputs, id, this.subnets)) : {};
  }
}

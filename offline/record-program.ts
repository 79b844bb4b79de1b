import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as settings from "@pulumi/pulumi/runtime/settings";
import type { Registration } from "./registration";

export interface RecordOptions {
  project: string;
  stack: string;
  /** true: a preview, where outputs of resources not yet created are unknown; false: a deployed stack. */
  preview: boolean;
  /** In a preview, the logical names of resources that already exist (their ids and names are known). */
  existing?: ReadonlySet<string>;
}

const SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-000000000000";

/** Where each type's name input lives and how its ARM id is formed, for the deployed mode. */
const NAMING: Record<string, { nameInput: string; path: (inputs: Record<string, unknown>, name: string) => string }> = {
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
  "azure:privatedns/zone:Zone": { nameInput: "name", path: (i, n) => net(i, `privateDnsZones/${n}`) },
  "azure:privatedns/zoneVirtualNetworkLink:ZoneVirtualNetworkLink": {
    nameInput: "name",
    path: (i, n) => net(i, `privateDnsZones/${i.privateDnsZoneName}/virtualNetworkLinks/${n}`),
  },
  "azure:privatedns/resolver:Resolver": { nameInput: "name", path: (i, n) => net(i, `dnsResolvers/${n}`) },
  "azure:privatedns/resolverInboundEndpoint:ResolverInboundEndpoint": {
    nameInput: "name",
    path: (i, n) => `${String(i.privateDnsResolverId).slice(SUBSCRIPTION.length)}/inboundEndpoints/${n}`,
  },
  "azure:privatelink/endpoint:Endpoint": { nameInput: "name", path: (i, n) => net(i, `privateEndpoints/${n}`) },
  "azure:storage/account:Account": {
    nameInput: "name",
    path: (i, n) => `/resourceGroups/${i.resourceGroupName}/providers/Microsoft.Storage/storageAccounts/${n}`,
  },
};

function net(inputs: Record<string, unknown>, rest: string): string {
  return `/resourceGroups/${inputs.resourceGroupName}/providers/Microsoft.Network/${rest}`;
}

/** Both providers auto-name resources "<logical name><random suffix>"; here the suffix is stable. */
function autoName(name: string): string {
  return name + createHash("sha1").update(name).digest("hex").slice(0, 8);
}

class RecordingMonitor extends MockMonitor {
  readonly registrations: Registration[] = [];

  // The request type is the SDK's protobuf RegisterResourceRequest; only its getters are read.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override async registerResource(req: any, callback: (err: any, response: any) => void): Promise<void> {
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps: { getUrnsList(): string[] }, key: string) => {
      propertyDependencies[key] = deps.getUrnsList();
    });
    const registration: Registration = {
      type: req.getType(),
      name: req.getName(),
      urn: "",
      custom: req.getCustom(),
      parent: req.getParent() || undefined,
      inputs: (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
      dependencies: req.getDependenciesList(),
      propertyDependencies,
    };
    this.registrations.push(registration);
    // The engine leaves the root stack out of its children's URNs; the SDK's mock monitor would not.
    if (registration.parent?.includes("::pulumi:pulumi:Stack::")) req.setParent("");
    return super.registerResource(req, (err, response) => {
      if (response) registration.urn = response.getUrn();
      callback(err, response);
    });
  }
}

/**
 * Runs a Pulumi program with @pulumi/pulumi's own runtime against an in-process resource
 * monitor and returns what the engine would have been sent.
 */
export async function recordProgram(program: () => unknown, options: RecordOptions): Promise<Registration[]> {
  const names = new Map<string, { id: string; azureName: string }>();
  const monitor = new RecordingMonitor({
    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
      if (options.preview && !options.existing?.has(args.name)) return { id: undefined, state: {} };
      const naming = NAMING[args.type];
      if (!naming) return { id: `${args.name}-id`, state: { ...args.inputs } };
      const azureName = typeof args.inputs[naming.nameInput] === "string" ? (args.inputs[naming.nameInput] as string) : autoName(args.name);
      const id = SUBSCRIPTION + naming.path(args.inputs, azureName);
      names.set(args.name + "\u0000" + args.type, { id, azureName });
      return { id, state: { ...args.inputs, id, name: azureName } };
    },
    call(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
      return args.inputs;
    },
  });
  pulumi.runtime.setMockOptions(monitor, options.project, options.stack, options.preview);
  // The language host asks the monitor what it supports (secrets among them) before the program runs.
  await (settings as unknown as { awaitFeatureSupport(): Promise<void> }).awaitFeatureSupport();
  // As the Pulumi runtime runs a program: inside the root stack resource, which component libraries
  // parent or tag resources by, then until every registration is done, those made late inside
  // apply() included.
  await pulumi.runtime.runInPulumiStack(async () => {
    await program();
    return undefined;
  });
  await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
  for (const r of monitor.registrations) {
    const n = names.get(r.name + "\u0000" + r.type);
    if (n) Object.assign(r, n);
  }
  // The root stack is the engine's own resource: what the program declared is what it sends on.
  return monitor.registrations.filter((r) => r.type !== "pulumi:pulumi:Stack");
}

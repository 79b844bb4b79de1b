import { extractTopology } from "../../policypack/extract/extract-topology";
import type { FieldPath } from "../../policypack/extract/providers/provider-record";
import { spelled } from "../../policypack/extract/providers/provider-record";
import { PROVIDERS } from "../../policypack/extract/providers/providers";
import type { RawResource } from "../../policypack/extract/raw-resource";
import type { Provider } from "../../policypack/extract/resource-kind";
import type { Topology } from "../../policypack/topology/model";
import type { FieldKey } from "../../policypack/topology/sentence";
import { FIELD_KEYS } from "../../policypack/topology/sentence";

/** The type token of each kind a test declares, per provider. */
const TOKENS: Record<Provider, Record<string, string>> = {
  "azure-native": {
    VirtualNetwork: "azure-native:network:VirtualNetwork",
    VirtualNetworkGateway: "azure-native:network:VirtualNetworkGateway",
    VirtualNetworkPeering: "azure-native:network:VirtualNetworkPeering",
    VirtualNetworkGatewayConnection: "azure-native:network:VirtualNetworkGatewayConnection",
    LocalNetworkGateway: "azure-native:network:LocalNetworkGateway",
    PublicIPAddress: "azure-native:network:PublicIPAddress",
    VirtualWan: "azure-native:network:VirtualWan",
    VirtualHub: "azure-native:network:VirtualHub",
  },
  azure: {
    VirtualNetwork: "azure:network/virtualNetwork:VirtualNetwork",
    VirtualNetworkGateway: "azure:network/virtualNetworkGateway:VirtualNetworkGateway",
    VirtualNetworkPeering: "azure:network/virtualNetworkPeering:VirtualNetworkPeering",
    VirtualNetworkGatewayConnection: "azure:network/virtualNetworkGatewayConnection:VirtualNetworkGatewayConnection",
    LocalNetworkGateway: "azure:network/localNetworkGateway:LocalNetworkGateway",
    PublicIPAddress: "azure:network/publicIp:PublicIp",
    VirtualWan: "azure:network/virtualWan:VirtualWan",
    VirtualHub: "azure:network/virtualHub:VirtualHub",
  },
};

/** A value at a field's path: objects on the way, a one-item list for each "*". */
function put(path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [step, ...rest] = path;
  return step === "*" ? [put(rest, value)] : { [step]: put(rest, value) };
}

function merge(a: unknown, b: unknown): unknown {
  if (a === null || typeof a !== "object" || Array.isArray(a) || b === null || typeof b !== "object" || Array.isArray(b)) return b;
  const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
  for (const [k, v] of Object.entries(b)) out[k] = k in out ? merge(out[k], v) : v;
  return out;
}

/**
 * For each field extraction reads: the kind of resource that has it, a value to plant at the field's
 * path, what else the resource needs (in the field's own provider's words, through the record), and
 * where the model shows the value.
 */
const READ: Partial<Record<FieldKey, { kind: string; value: unknown; also?: FieldKey[]; got: (t: Topology) => unknown }>> = {
  "wan.type": { kind: "VirtualWan", value: "Basic", got: (t) => t.wan?.wans[0]?.type },
  "wan.branchToBranch": { kind: "VirtualWan", value: false, got: (t) => t.wan?.wans[0]?.branchToBranch },
  "hub.sku": { kind: "VirtualHub", value: "Basic", got: (t) => t.wan?.hubs[0]?.sku },
  "peering.allowsTransit": { kind: "VirtualNetworkPeering", value: true, got: (t) => t.peerings[0]?.allowsTransit },
  "peering.usesRemoteGateway": { kind: "VirtualNetworkPeering", value: true, got: (t) => t.peerings[0]?.usesRemoteGateway },
  "peering.allowsAccess": { kind: "VirtualNetworkPeering", value: false, got: (t) => t.peerings[0]?.allowsAccess },
  "connection.bgp": { kind: "VirtualNetworkGatewayConnection", value: true, got: (t) => t.connections[0]?.bgp },
  "vnet.prefixes": { kind: "VirtualNetwork", value: ["10.7.0.0/16"], got: (t) => t.vnets[0]?.prefixes },
  "vnet.nameServers": { kind: "VirtualNetwork", value: ["10.7.0.4"], got: (t) => t.vnets[0]?.nameServers },
  "gateway.clientPools": { kind: "VirtualNetworkGateway", value: ["172.16.7.0/24"], got: (t) => t.gateways[0]?.clientPool },
  "gateway.groupPools": { kind: "VirtualNetworkGateway", value: ["172.16.8.0/24"], got: (t) => t.gateways[0]?.groupPools },
  "gateway.protocols": { kind: "VirtualNetworkGateway", value: ["OpenVPN"], got: (t) => t.gateways[0]?.protocols },
  "gateway.authTypes": {
    kind: "VirtualNetworkGateway",
    value: ["Radius"],
    also: ["gateway.clientPools"],
    got: (t) => t.gateways[0]?.authTypes,
  },
  "gateway.routing": { kind: "VirtualNetworkGateway", value: "PolicyBased", got: (t) => t.gateways[0]?.routing },
  "gateway.sku": { kind: "VirtualNetworkGateway", value: "VpnGw3AZ", got: (t) => t.gateways[0]?.sku },
  "gateway.generation": { kind: "VirtualNetworkGateway", value: "Generation2", got: (t) => t.gateways[0]?.generation },
  "gateway.asn": { kind: "VirtualNetworkGateway", value: 65077, got: (t) => t.gateways[0]?.asn },
  "gateway.bgp": { kind: "VirtualNetworkGateway", value: true, got: (t) => t.gateways[0]?.bgp },
  "gateway.advertisedRoutePrefixes": {
    kind: "VirtualNetworkGateway",
    value: ["10.77.0.0/16"],
    got: (t) => t.gateways[0]?.advertisedRoutes,
  },
  "gateway.entraTenant": { kind: "VirtualNetworkGateway", value: "tenant-x", got: (t) => t.gateways[0]?.aad?.tenant },
  "gateway.entraIssuer": { kind: "VirtualNetworkGateway", value: "issuer-x", got: (t) => t.gateways[0]?.aad?.issuer },
  "gateway.entraAudience": { kind: "VirtualNetworkGateway", value: "audience-x", got: (t) => t.gateways[0]?.aad?.audience },
  "publicIp.sku": { kind: "PublicIPAddress", value: "Basic", got: (t) => t.publicIps?.[0]?.sku },
  "publicIp.allocation": { kind: "PublicIPAddress", value: "Dynamic", got: (t) => t.publicIps?.[0]?.allocation },
  "site.prefixes": { kind: "LocalNetworkGateway", value: ["10.107.0.0/16"], got: (t) => t.sites[0]?.prefixes },
  "site.asn": { kind: "LocalNetworkGateway", value: 65107, got: (t) => t.sites[0]?.bgpAsn },
};

/** Fields only named in messages: a setting whose parts are read (a pool and its prefixes), or a reference. */
const NAMED_ONLY: FieldKey[] = [
  "gateway.clientPool",
  "gateway.groupPool",
  "gateway.publicIp",
  "site.bgp",
  "inbound.address",
  // References, and a flag one provider inverts: test/extract/gateway-subnet.test.ts reads them.
  "subnet.nsg",
  "subnet.table",
  "table.routes",
  "table.propagation",
  // Virtual WAN's routing and server settings: test/virtual-wan reads them through whole stacks of both providers.
  "hubTable.routes",
  "p2s.pools",
  "p2s.associatedTable",
  "p2s.propagatedTables",
  "p2s.internetSecurity",
  "p2s.scaleUnits",
  "p2s.nameServers",
  "server.protocols",
  "server.authTypes",
  "server.policyGroups",
  "hubConnection.associatedTable",
  "hubConnection.propagatedTables",
  "hubConnection.applianceRoutes",
  "hubConnection.bgp",
  "intent.policies",
];

/** What a peering and a connection need to be read at all: the VNet a peering belongs to, a connection's type. */
function companions(provider: Provider, kind: string): { props: unknown; others: RawResource[] } {
  const record = PROVIDERS[provider];
  if (kind === "VirtualNetworkPeering") {
    const vnet = raw(provider, "VirtualNetwork", "v", { name: "v" });
    return { props: { virtualNetworkName: "v" }, others: [vnet] };
  }
  if (kind === "VirtualNetworkGatewayConnection") return { props: put(record.read.connection.type, "IPsec"), others: [] };
  return { props: {}, others: [] };
}

function raw(provider: Provider, kind: string, name: string, props: unknown): RawResource {
  const type = TOKENS[provider][kind];
  return { type, urn: `urn:pulumi:dev::p::${type}::${name}`, name, props, dependencies: [], propertyDependencies: {} };
}

describe.each(Object.keys(PROVIDERS) as Provider[])("the %s provider record", (provider) => {
  const record = PROVIDERS[provider];

  it("gives every field key a path that a message spells", () => {
    const wrong = FIELD_KEYS.filter((key) => !/^[A-Za-z0-9]+(\[\*\])?(\.[A-Za-z0-9]+(\[\*\])?)*$/.test(spelled(record.fields[key])));
    expect(wrong).toEqual([]);
    expect([...FIELD_KEYS].sort()).toEqual([...Object.keys(READ), ...NAMED_ONLY].sort());
  });

  it.each(Object.keys(READ) as FieldKey[])("reads %s where the record says, so the message names what was read", (key) => {
    const { kind, value, also, got } = READ[key] as NonNullable<(typeof READ)[FieldKey]>;
    const field: FieldPath = record.fields[key];
    const extra = (also ?? []).map((k) => put(record.fields[k].path, READ[k]?.value));
    const { props: needed, others } = companions(provider, kind);
    const props = [needed, put(field.path, value), ...extra].reduce(merge, {});
    expect(got(extractTopology([...others, raw(provider, kind, "r", props)]).topology)).toEqual(value);
  });
});

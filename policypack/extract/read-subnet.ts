import type { GatewaySubnet, Route, RouteTable, Subnet } from "../topology/model";
import { parseArmId } from "./arm-id";
import type { Context } from "./context";
import { unresolvedNote, urnOf } from "./context";
import { isUnknown } from "./plain";
import type { ProviderRecord } from "./providers/provider-record";
import { RULE_FIELDS, eachItem } from "./providers/provider-record";
import { PROVIDERS } from "./providers/providers";
import type { Entry, Resolution } from "./resolver";
import type { ResourceKind } from "./resource-kind";
import type { Bag } from "./values";
import { asBag, at, atPath, list, str } from "./values";

/** Azure requires this name for the subnet of a virtual network gateway. */
const GATEWAY_SUBNET = "gatewaysubnet";

function isGatewaySubnet(name: string | undefined): boolean {
  return name?.toLowerCase() === GATEWAY_SUBNET;
}

/** Reads subnets, what attaches an NSG or a route table to them, and route tables with their routes. */
export function readSubnetResource(ctx: Context, entry: Entry): void {
  const record = PROVIDERS[entry.provider];
  switch (entry.kind) {
    case "Subnet": {
      const vnet = urnOf(ctx.resolver.vnetByName(entry, entry.props.virtualNetworkName, "virtualNetworkName"));
      const declaredBy = { id: entry.raw.urn, name: entry.raw.name };
      addSubnet(ctx, entry, record, entry.props, { id: entry.raw.urn, name: entry.azureName ?? entry.raw.name, declaredBy, vnet }, false);
      break;
    }
    case "SubnetNetworkSecurityGroupAssociation":
    case "SubnetRouteTableAssociation":
      addAssociation(ctx, entry, record);
      break;
    case "RouteTable":
      addRouteTable(ctx, entry, record);
      break;
    case "Route":
      addRoute(ctx, entry, record);
      break;
    default:
      break;
  }
}

/** A VNet's inline subnets; the VNet is what a finding names. */
export function readInlineSubnets(ctx: Context, entry: Entry, record: ProviderRecord): void {
  for (const value of list(at(entry.props, ...eachItem(record.fields["subnet.nsg"]).list))) {
    const props = asBag(value);
    const name = props ? str(props.name) : undefined;
    if (!props || name === undefined) continue;
    const id = `${entry.raw.urn}#subnets/${name}`;
    ctx.urns.set(id, entry.raw.urn);
    addSubnet(ctx, entry, record, props, { id, name, declaredBy: { id: entry.raw.urn, name: entry.raw.name }, vnet: entry.raw.urn }, true);
  }
}

/** A subnet's prefixes, NSG, route table and endpoint policies, from `props` (the subnet resource, or one inline subnet of a VNet). */
function addSubnet(
  ctx: Context,
  entry: Entry,
  record: ProviderRecord,
  props: Bag,
  base: Pick<Subnet, "id" | "name" | "declaredBy" | "vnet">,
  inline: boolean,
): void {
  const refs = subnetRefs(record, inline);
  const nsgRef = subnetRef(ctx, entry, record, props, refs.nsg);
  const tableRef = subnetRef(ctx, entry, record, props, refs.table);
  const paths = record.read.subnet;
  const prefixes: string[] = [];
  const addPrefix = (p: unknown) => {
    if (typeof p === "string" && !isUnknown(p)) prefixes.push(p);
  };
  if (paths.prefix) addPrefix(atPath(props, paths.prefix));
  for (const p of list(atPath(props, paths.prefixes))) addPrefix(p);
  const policies = str(atPath(props, paths.endpointPolicies));
  // Fields set one by one, in the order the spreads of base gave: thousands of subnets.
  const subnet: Subnet = { id: base.id, name: base.name, declaredBy: base.declaredBy, vnet: base.vnet, prefixes };
  if (policies !== undefined) subnet.endpointPolicies = policies;
  (ctx.topology.subnets ??= []).push(subnet);
  attach(ctx, subnet, nsgRef, tableRef);
  if (isGatewaySubnet(base.name)) {
    const gateway = { id: entry.raw.urn, name: entry.raw.name, vnet: base.vnet };
    push(ctx, entry, gateway, nsgRef, tableRef);
  }
}

/** Where a subnet's reference sits, the property propertyDependencies names it by, and the kind it names. */
interface SubnetRef {
  path: readonly string[];
  field: string;
  kinds: ResourceKind[];
}

/** Each provider's reference paths for standalone and inline subnets, worked out once: every subnet asks. */
const subnetRefPaths = new Map<
  ProviderRecord,
  { standalone: Record<"nsg" | "table", SubnetRef>; inline: Record<"nsg" | "table", SubnetRef> }
>();

function subnetRefs(record: ProviderRecord, inline: boolean): Record<"nsg" | "table", SubnetRef> {
  let paths = subnetRefPaths.get(record);
  if (!paths) {
    // A reference in propertyDependencies is named by the property of the resource: the list for inline subnets.
    const of = (key: "nsg" | "table", inline: boolean): SubnetRef => {
      const ref = record.fields[key === "nsg" ? "subnet.nsg" : "subnet.table"];
      const path = inline ? eachItem(ref).item : ref.path.slice(ref.named);
      const field = inline ? eachItem(ref).list[0] : path[0];
      return { path, field, kinds: [key === "nsg" ? "NetworkSecurityGroup" : "RouteTable"] };
    };
    paths = {
      standalone: { nsg: of("nsg", false), table: of("table", false) },
      inline: { nsg: of("nsg", true), table: of("table", true) },
    };
    subnetRefPaths.set(record, paths);
  }
  return inline ? paths.inline : paths.standalone;
}

function subnetRef(ctx: Context, entry: Entry, record: ProviderRecord, props: Bag, ref: SubnetRef): Resolution | undefined {
  const declared = atPath(props, ref.path);
  if (declared === undefined || declared === null) return undefined;
  return ctx.resolver.reference(entry, atPath(declared, record.read.subnet.refId), ref.field, ref.kinds);
}

/** A resolved NSG by id and Pulumi name. */
function resolvedNsg(ctx: Context, r: { urn: string; entry?: Entry }): { id: string; name: string } {
  return { id: r.urn, name: (r.entry ?? ctx.resolver.entry(r.urn))?.raw.name ?? r.urn };
}

/** Sets what resolves of an NSG and a route table on a subnet record; what is attached but cannot be read is "unknown". */
function attach(ctx: Context, subnet: Subnet, nsgRef: Resolution | undefined, tableRef: Resolution | undefined): void {
  if (nsgRef && "urn" in nsgRef) subnet.nsg = resolvedNsg(ctx, nsgRef);
  else if (nsgRef && "external" in nsgRef) subnet.nsg = { name: nsgRef.external };
  else if (nsgRef) subnet.nsg = "unknown";
  if (tableRef) subnet.table = urnOf(tableRef) ?? "unknown";
}

/** A classic association: the subnet it names, and the NSG or route table it attaches. */
function addAssociation(ctx: Context, entry: Entry, record: ProviderRecord): void {
  const paths = record.read.subnet.association;
  if (!paths) return;
  const subnetId = atPath(entry.props, paths.subnet.path);
  // The subnet id names the subnet and its VNet; in a new stack's preview it is unknown, and the dependencies tell.
  const parsed = typeof subnetId === "string" && !isUnknown(subnetId) ? parseArmId(subnetId) : undefined;
  let vnet: string | undefined;
  let subnetName: string | undefined;
  let subnetUrn: string | undefined;
  if (parsed && parsed.types[0] === "virtualnetworks") {
    subnetName = parsed.names[parsed.names.length - 1];
    const r = ctx.resolver.reference(entry, subnetId, paths.subnet.field, ["Subnet", "VirtualNetwork"]);
    const found = urnOf(r) !== undefined ? ctx.resolver.entry(urnOf(r) as string) : undefined;
    if (found?.kind === "Subnet") {
      subnetUrn = found.raw.urn;
      vnet = urnOf(ctx.resolver.vnetByName(found, found.props.virtualNetworkName, "virtualNetworkName"));
    } else vnet = found?.raw.urn;
  } else {
    const r = ctx.resolver.reference(entry, subnetId, paths.subnet.field, ["Subnet"]);
    const subnet = urnOf(r) !== undefined ? ctx.resolver.entry(urnOf(r) as string) : undefined;
    if (!subnet) {
      unresolvedNote(ctx, entry, paths.subnet.field, r);
      return;
    }
    subnetName = subnet.azureName;
    subnetUrn = subnet.raw.urn;
    vnet = urnOf(ctx.resolver.vnetByName(subnet, subnet.props.virtualNetworkName, "virtualNetworkName"));
  }
  const nsg = entry.kind === "SubnetNetworkSecurityGroupAssociation";
  const ref = nsg ? paths.nsg : paths.table;
  const r = ctx.resolver.reference(entry, atPath(entry.props, ref.path), ref.field, [nsg ? "NetworkSecurityGroup" : "RouteTable"]);
  // Associations are read after every subnet, so the subnet they amend is there, standalone or inline.
  const inlineId = vnet !== undefined && subnetName !== undefined ? `${vnet}#subnets/${subnetName}` : undefined;
  const subnet = ctx.topology.subnets?.find((s) => s.id === subnetUrn || s.id === inlineId);
  if (subnet) attach(ctx, subnet, nsg ? r : undefined, nsg ? undefined : r);
  if (!isGatewaySubnet(subnetName)) return;
  const base = { id: entry.raw.urn, name: entry.raw.name, vnet, attachesOnly: true as const };
  push(ctx, entry, base, nsg ? r : undefined, nsg ? undefined : r);
}

/** Records a GatewaySubnet with what resolves of its NSG and route table; unresolved ones are noted and left out. */
function push(ctx: Context, entry: Entry, base: GatewaySubnet, nsgRef: Resolution | undefined, tableRef: Resolution | undefined): void {
  let nsg: GatewaySubnet["nsg"];
  if (nsgRef && "urn" in nsgRef) nsg = resolvedNsg(ctx, nsgRef);
  else if (nsgRef && "external" in nsgRef) nsg = { name: nsgRef.external };
  else if (nsgRef) unresolvedNote(ctx, entry, "The network security group of the GatewaySubnet", nsgRef);
  if (tableRef && "external" in tableRef)
    ctx.notes.push(
      `The route table of the GatewaySubnet of ${entry.raw.name} is ${tableRef.external}, which is not in the stack, so its routes are not checked.`,
    );
  else if (tableRef) unresolvedNote(ctx, entry, "The route table of the GatewaySubnet", tableRef);
  const table = tableRef ? urnOf(tableRef) : undefined;
  if (nsg === undefined && table === undefined) return;
  (ctx.topology.gatewaySubnets ??= []).push({
    ...base,
    ...(nsg !== undefined ? { nsg } : {}),
    ...(table !== undefined ? { table } : {}),
  });
}

/**
 * A route's prefix, next hop and appliance. In a brand-new stack's preview an appliance's address is
 * unknown, but the property it comes from still depends on the firewall: `dependsOn` names it.
 */
function route(ctx: Context, entry: Entry, record: ProviderRecord, props: unknown, dependsOn: string): Route | undefined {
  const paths = record.read.routeTable;
  const prefix = str(atPath(props, paths.routePrefix));
  const nextHop = str(atPath(props, paths.routeNextHop));
  // A route whose prefix or next hop is unknown until deployment cannot be judged: it is left out.
  if (prefix === undefined || nextHop === undefined) return undefined;
  const name = str(at(props, RULE_FIELDS.name));
  const address = atPath(props, paths.routeNextHopAddress);
  const known = typeof address === "string" && !isUnknown(address);
  // A known address finds its firewall once every resource is read; an unknown one only through the dependencies.
  const firewalls = known ? undefined : ctx.resolver.dependenciesOf(entry, dependsOn, "AzureFirewall");
  const appliance = firewalls?.length === 1 ? ctx.resolver.entry(firewalls[0]) : undefined;
  // Fields added in place, in the order spreads would give: a hub's table holds a route per spoke.
  const read: Route = name !== undefined ? { name, prefix, nextHop } : { prefix, nextHop };
  if (known) read.nextHopAddress = address;
  if (appliance) read.appliance = { id: appliance.raw.urn, name: appliance.raw.name };
  return read;
}

/** Whether gateway routes propagate: Azure's default unless the flag (or its older, inverted name) says otherwise. */
function propagation(record: ProviderRecord, props: Bag): boolean | undefined {
  const value = atPath(props, record.fields["table.propagation"].path);
  if (isUnknown(value)) return undefined;
  if (typeof value === "boolean") return record.read.routeTable.propagationMeans === "enabled" ? value : !value;
  const alias = record.read.routeTable.disabledAlias;
  const older = alias ? atPath(props, alias) : undefined;
  if (isUnknown(older)) return undefined;
  return typeof older === "boolean" ? !older : true;
}

function addRouteTable(ctx: Context, entry: Entry, record: ProviderRecord): void {
  const field = record.fields["table.routes"].path;
  const routes: Route[] = [];
  for (const props of list(atPath(entry.props, field))) {
    const read = route(ctx, entry, record, props, field[0]);
    if (read) routes.push(read);
  }
  const table: RouteTable = {
    id: entry.raw.urn,
    name: entry.raw.name,
    azureName: entry.azureName,
    propagation: propagation(record, entry.props),
    routes,
  };
  (ctx.topology.routeTables ??= []).push(table);
}

/** A route of its own adds to its table's routes (read after every table). */
function addRoute(ctx: Context, entry: Entry, record: ProviderRecord): void {
  const field = record.read.routeTable.routeTableName;
  const r = ctx.resolver.byAzureName(entry, entry.props[field], field, "RouteTable");
  const table = ctx.topology.routeTables?.find((t) => t.id === urnOf(r));
  const read = route(ctx, entry, record, entry.props, record.read.routeTable.routeNextHopAddress[0]);
  if (!table || !read) return;
  table.routes.push({ ...read, name: read.name ?? entry.azureName, declaredBy: { id: entry.raw.urn, name: entry.raw.name } });
}

import type { GatewaySubnet, RouteTable } from "../topology/model";
import { parseArmId } from "./arm-id";
import type { Context } from "./context";
import { unresolvedNote, urnOf } from "./context";
import { isUnknown } from "./plain";
import type { ProviderRecord } from "./providers/provider-record";
import { eachItem } from "./providers/provider-record";
import { PROVIDERS } from "./providers/providers";
import type { Entry, Resolution } from "./resolver";
import type { Bag } from "./values";
import { asBag, at, list, str } from "./values";

/** Azure requires this name for the subnet of a virtual network gateway. */
const GATEWAY_SUBNET = "gatewaysubnet";

function isGatewaySubnet(name: string | undefined): boolean {
  return name?.toLowerCase() === GATEWAY_SUBNET;
}

/** Reads what attaches an NSG or a route table to a GatewaySubnet, and route tables with their routes. */
export function readSubnetResource(ctx: Context, entry: Entry): void {
  const record = PROVIDERS[entry.provider];
  switch (entry.kind) {
    case "Subnet":
      // The classic Subnet has neither field: its associations attach them.
      if (record.read.subnet.association === undefined && isGatewaySubnet(entry.azureName)) {
        const vnet = urnOf(ctx.resolver.vnetByName(entry, entry.props.virtualNetworkName, "virtualNetworkName"));
        addGatewaySubnet(ctx, entry, record, entry.props, { id: entry.raw.urn, name: entry.raw.name, vnet }, false);
      }
      break;
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

/** The GatewaySubnet among a VNet's inline subnets; the VNet is what a finding names. */
export function readInlineSubnets(ctx: Context, entry: Entry, record: ProviderRecord): void {
  for (const value of list(at(entry.props, ...eachItem(record.fields["subnet.nsg"]).list))) {
    const props = asBag(value);
    if (!props || !isGatewaySubnet(str(props.name))) continue;
    addGatewaySubnet(ctx, entry, record, props, { id: entry.raw.urn, name: entry.raw.name, vnet: entry.raw.urn }, true);
  }
}

/** A subnet's NSG and route table, from `props` (the subnet resource, or one inline subnet of a VNet). */
function addGatewaySubnet(
  ctx: Context,
  entry: Entry,
  record: ProviderRecord,
  props: Bag,
  base: Pick<GatewaySubnet, "id" | "name" | "vnet">,
  inline: boolean,
): void {
  const refs = { nsg: record.fields["subnet.nsg"], table: record.fields["subnet.table"] };
  // A reference in propertyDependencies is named by the property of the resource: the list for inline subnets.
  const refOf = (key: "nsg" | "table") => {
    const path = inline ? eachItem(refs[key]).item : refs[key].path.slice(refs[key].named);
    const field = inline ? eachItem(refs[key]).list[0] : path[0];
    const declared = at(props, ...path);
    if (declared === undefined || declared === null) return undefined;
    return ctx.resolver.reference(entry, at(declared, ...record.read.subnet.refId), field, [
      key === "nsg" ? "NetworkSecurityGroup" : "RouteTable",
    ]);
  };
  push(ctx, entry, base, refOf("nsg"), refOf("table"));
}

/** A classic association: the subnet it names, and the NSG or route table it attaches. */
function addAssociation(ctx: Context, entry: Entry, record: ProviderRecord): void {
  const paths = record.read.subnet.association;
  if (!paths) return;
  const subnetId = at(entry.props, ...paths.subnet.path);
  // The subnet id names the subnet and its VNet; in a new stack's preview it is unknown, and the dependencies tell.
  const parsed = typeof subnetId === "string" && !isUnknown(subnetId) ? parseArmId(subnetId) : undefined;
  let vnet: string | undefined;
  let subnetName: string | undefined;
  if (parsed && parsed.types[0] === "virtualnetworks") {
    subnetName = parsed.names[parsed.names.length - 1];
    vnet = urnOf(ctx.resolver.reference(entry, subnetId, paths.subnet.field, ["VirtualNetwork"]));
  } else {
    const r = ctx.resolver.reference(entry, subnetId, paths.subnet.field, ["Subnet"]);
    const subnet = urnOf(r) !== undefined ? ctx.resolver.entry(urnOf(r) as string) : undefined;
    if (!subnet) {
      unresolvedNote(ctx, entry, paths.subnet.field, r);
      return;
    }
    subnetName = subnet.azureName;
    vnet = urnOf(ctx.resolver.vnetByName(subnet, subnet.props.virtualNetworkName, "virtualNetworkName"));
  }
  if (!isGatewaySubnet(subnetName)) return;
  const nsg = entry.kind === "SubnetNetworkSecurityGroupAssociation";
  const ref = nsg ? paths.nsg : paths.table;
  const r = ctx.resolver.reference(entry, at(entry.props, ...ref.path), ref.field, [nsg ? "NetworkSecurityGroup" : "RouteTable"]);
  const base = { id: entry.raw.urn, name: entry.raw.name, vnet, attachesOnly: true as const };
  push(ctx, entry, base, nsg ? r : undefined, nsg ? undefined : r);
}

/** Records a GatewaySubnet with what resolves of its NSG and route table; unresolved ones are noted and left out. */
function push(ctx: Context, entry: Entry, base: GatewaySubnet, nsgRef: Resolution | undefined, tableRef: Resolution | undefined): void {
  let nsg: GatewaySubnet["nsg"];
  if (nsgRef && "urn" in nsgRef) nsg = { id: nsgRef.urn, name: ctx.resolver.entry(nsgRef.urn)?.raw.name ?? nsgRef.urn };
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

function route(record: ProviderRecord, props: unknown): { prefix: string; nextHop: string } | undefined {
  const prefix = str(at(props, ...record.read.routeTable.routePrefix));
  const nextHop = str(at(props, ...record.read.routeTable.routeNextHop));
  // A route whose prefix or next hop is unknown until deployment cannot be judged: it is left out.
  return prefix !== undefined && nextHop !== undefined ? { prefix, nextHop } : undefined;
}

/** Whether gateway routes propagate: Azure's default unless the flag (or its older, inverted name) says otherwise. */
function propagation(record: ProviderRecord, props: Bag): boolean | undefined {
  const value = at(props, ...record.fields["table.propagation"].path);
  if (isUnknown(value)) return undefined;
  if (typeof value === "boolean") return record.read.routeTable.propagationMeans === "enabled" ? value : !value;
  const alias = record.read.routeTable.disabledAlias;
  const older = alias ? at(props, ...alias) : undefined;
  if (isUnknown(older)) return undefined;
  return typeof older === "boolean" ? !older : true;
}

function addRouteTable(ctx: Context, entry: Entry, record: ProviderRecord): void {
  const routes = list(at(entry.props, ...record.fields["table.routes"].path)).flatMap((props) => route(record, props) ?? []);
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
  const read = route(record, entry.props);
  if (!table || !read) return;
  table.routes.push({ ...read, declaredBy: { id: entry.raw.urn, name: entry.raw.name } });
}

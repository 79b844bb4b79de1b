import type { NetworkInterface } from "../topology/model";
import { parseArmId } from "./arm-id";
import type { Context } from "./context";
import { urnOf } from "./context";
import { isUnknown } from "./plain";
import { RULE_FIELDS } from "./providers/provider-record";
import { PROVIDERS } from "./providers/providers";
import type { Entry, Resolution } from "./resolver";
import { at, list, str } from "./values";

/** Reads network interfaces (after every subnet, to name theirs) and the classic provider's NSG associations of NICs. */
export function readNicResource(ctx: Context, entry: Entry): void {
  const paths = PROVIDERS[entry.provider].read.nic;
  if (entry.kind === "NetworkInterfaceSecurityGroupAssociation") {
    if (!paths.association) return;
    const { nic: nicRef, nsg: nsgRef } = paths.association;
    const nic = urnOf(ctx.resolver.reference(entry, at(entry.props, ...nicRef.path), nicRef.field, ["NetworkInterface"]));
    const record = ctx.topology.nics?.find((n) => n.id === nic);
    if (record)
      record.nsg = nsgOf(ctx, ctx.resolver.reference(entry, at(entry.props, ...nsgRef.path), nsgRef.field, ["NetworkSecurityGroup"]));
    return;
  }
  const configs = list(entry.props[RULE_FIELDS.ipConfigurations]);
  const addresses = configs.flatMap((c) => str(at(c, ...paths.address)) ?? []);
  const subnetId = configs.length > 0 ? at(configs[0], ...paths.subnet) : undefined;
  const nic: NetworkInterface = { id: entry.raw.urn, name: entry.raw.name, azureName: entry.azureName, addresses };
  const subnet = subnetOf(ctx, entry, subnetId);
  if (subnet !== undefined) nic.subnet = subnet;
  const declared = paths.nsg ? at(entry.props, ...paths.nsg.path) : undefined;
  if (paths.nsg && declared !== undefined && declared !== null)
    nic.nsg = nsgOf(ctx, ctx.resolver.reference(entry, declared, paths.nsg.field, ["NetworkSecurityGroup"]));
  (ctx.topology.nics ??= []).push(nic);
}

/** The subnet record a NIC's subnet id names: a Subnet resource, or an inline subnet of a VNet by its name in the id. */
function subnetOf(ctx: Context, entry: Entry, id: unknown): string | undefined {
  const r = ctx.resolver.reference(entry, id, RULE_FIELDS.ipConfigurations, ["Subnet", "VirtualNetwork"]);
  const urn = urnOf(r);
  const target = urn !== undefined ? ctx.resolver.entry(urn) : undefined;
  if (target?.kind === "Subnet") return target.raw.urn;
  const parsed = typeof id === "string" && !isUnknown(id) ? parseArmId(id) : undefined;
  if (target?.kind === "VirtualNetwork" && parsed && parsed.names.length > 1) return `${target.raw.urn}#subnets/${parsed.names[1]}`;
  return undefined;
}

function nsgOf(ctx: Context, r: Resolution): NetworkInterface["nsg"] {
  if ("urn" in r) return { id: r.urn, name: ctx.resolver.entry(r.urn)?.raw.name ?? r.urn };
  if ("external" in r) return { name: r.external };
  return "unknown";
}

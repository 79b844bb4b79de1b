import type { NetworkInterface } from "../topology/model";
import type { Context } from "./context";
import { subnetRecordOf, urnOf } from "./context";
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
  const subnet = subnetRecordOf(
    ctx,
    ctx.resolver.reference(entry, subnetId, RULE_FIELDS.ipConfigurations, ["Subnet", "VirtualNetwork"]),
    subnetId,
  );
  if (subnet !== undefined) nic.subnet = subnet;
  const declared = paths.nsg ? at(entry.props, ...paths.nsg.path) : undefined;
  if (paths.nsg && declared !== undefined && declared !== null)
    nic.nsg = nsgOf(ctx, ctx.resolver.reference(entry, declared, paths.nsg.field, ["NetworkSecurityGroup"]));
  (ctx.topology.nics ??= []).push(nic);
}

function nsgOf(ctx: Context, r: Resolution): NetworkInterface["nsg"] {
  if ("urn" in r) return { id: r.urn, name: ctx.resolver.entry(r.urn)?.raw.name ?? r.urn };
  if ("external" in r) return { name: r.external };
  return "unknown";
}

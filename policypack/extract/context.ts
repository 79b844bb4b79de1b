import { createHash } from "crypto";
import type { AuthType, Topology, VpnGateway } from "../topology/model";
import { AUTH_TYPES } from "../topology/model";
import { isUnknown } from "./plain";
import type { Entry, Resolution, Resolver } from "./resolver";
import { describeResolution } from "./resolver";
import { parseArmId } from "./arm-id";
import type { FirewallReading } from "./firewall-reading";
import { at, strings } from "./values";

/** What every provider's reader adds to as it reads the stack's resources. */
export interface Context {
  resolver: Resolver;
  topology: Topology;
  urns: Map<string, string>;
  notes: string[];
  /** Firewall rules as they are read, joined to their firewalls at the end. */
  firewallReading: FirewallReading;
}

/** The prefixes at `path` of a resource, noting what is secret, unknown or not a string. */
export function prefixes(ctx: Context, entry: Entry, path: readonly string[]): string[] {
  const read = strings(at(entry.props, ...path));
  if (read.secret) ctx.notes.push(`Some of ${path.join(".")} of ${entry.raw.name} is secret and is left out.`);
  else if (read.unknown) ctx.notes.push(`Some of ${path.join(".")} of ${entry.raw.name} is unknown during preview and is left out.`);
  if (read.invalid.length > 0)
    ctx.notes.push(`${path.join(".")} of ${entry.raw.name} holds values that are not strings; they are left out.`);
  return read.values;
}

export function unresolvedNote(ctx: Context, entry: Entry, what: string, r: Resolution): void {
  if ("urn" in r) return;
  ctx.notes.push(`${what} of ${entry.raw.name} resolves to ${describeResolution(r)}, so it is left out of the analysis.`);
}

export function urnOf(r: Resolution): string | undefined {
  return "urn" in r ? r.urn : undefined;
}

/** A setting counts as present when it is set, even to a value unknown during preview. */
export function present(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/**
 * The known names a list holds (`field` of the resource, e.g. its protocols), matched without
 * regard to case; undefined when the list is not set or not known yet, which `unknownNote` says.
 */
export function listedNames<T extends string>(
  ctx: Context,
  entry: Entry,
  value: unknown,
  field: string,
  known: { names: readonly T[]; what: string },
  unknownNote: string,
): T[] | undefined {
  if (value === undefined || value === null) return undefined;
  const read = strings(value);
  if (read.unknown) {
    ctx.notes.push(`${field} of ${entry.raw.name} is ${read.secret ? "secret" : "unknown during preview"}; ${unknownNote}`);
    return undefined;
  }
  const out: T[] = [];
  for (const text of read.values) {
    const name = known.names.find((k) => k.toLowerCase() === text.toLowerCase());
    if (name) out.push(name);
    else ctx.notes.push(`${entry.raw.name} lists the unknown ${known.what} "${text}"; it is ignored.`);
  }
  return [...new Set(out)];
}

export function isEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}

/** A digest to compare a value between two states without keeping it. */
function digest(value: unknown): string {
  return createHash("sha256")
    .update(JSON.stringify(value ?? null))
    .digest("hex");
}

/**
 * Authentication types as listed, and which settings are present (Azure infers the types from
 * them when none is listed). Values are only compared through digests: none is ever kept.
 */
export function authentication(
  ctx: Context,
  entry: Entry,
  settings: { listed: unknown; listedField: string; aad: unknown[]; radius: boolean; certificates: unknown },
): Pick<VpnGateway, "authTypes" | "authSettings" | "profileDigests"> {
  const certificates = Array.isArray(settings.certificates) ? settings.certificates : [];
  return {
    // An empty list is what outputs hold when nothing was set (the classic provider's vpnAuthTypes: []).
    authTypes: isEmptyList(settings.listed)
      ? undefined
      : listedNames<AuthType>(
          ctx,
          entry,
          settings.listed,
          settings.listedField,
          { names: AUTH_TYPES, what: "authentication type" },
          "the types are inferred from its settings.",
        ),
    authSettings: {
      aad: present(settings.aad[0]),
      radius: settings.radius,
      certificates: certificates.length > 0 || isUnknown(settings.certificates),
    },
    profileDigests: {
      aad: digest(settings.aad),
      certificates: digest(certificates.map((c) => [at(c, "name"), at(c, "publicCertData")])),
    },
  };
}

/** The subnet record a subnet reference names: a Subnet resource, or an inline subnet of a VNet by its name in the id. */
export function subnetRecordOf(ctx: Context, r: Resolution, id: unknown): string | undefined {
  const urn = urnOf(r);
  const target = urn !== undefined ? ctx.resolver.entry(urn) : undefined;
  if (target?.kind === "Subnet") return target.raw.urn;
  const parsed = typeof id === "string" && !isUnknown(id) ? parseArmId(id) : undefined;
  if (target?.kind === "VirtualNetwork" && parsed && parsed.names.length > 1) return `${target.raw.urn}#subnets/${parsed.names[1]}`;
  return undefined;
}

/** A gateway's subnet reference names a Subnet resource or, by its id, the VNet itself. */
export function vnetOfReference(ctx: Context, r: Resolution): string | undefined {
  const urn = urnOf(r);
  if (urn === undefined) return undefined;
  const target = ctx.resolver.entry(urn);
  if (target?.kind === "VirtualNetwork") return urn;
  if (target?.kind === "Subnet") return urnOf(ctx.resolver.vnetByName(target, target.props.virtualNetworkName, "virtualNetworkName"));
  return undefined;
}

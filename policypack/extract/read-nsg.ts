import type { NetworkSecurityGroup, SecurityRule } from "../topology/security-rules";
import { UNKNOWN_TERM } from "../topology/security-rules";
import type { Context } from "./context";
import { urnOf } from "./context";
import { isUnknown } from "./plain";
import type { ProviderRecord } from "./providers/provider-record";
import { RULE_FIELDS } from "./providers/provider-record";
import { PROVIDERS } from "./providers/providers";
import type { Entry } from "./resolver";
import { asBag, at, list, num, str } from "./values";

/** Rules as declared, read when the rules are first asked for: inline ones (named by position when unnamed), then standalone ones. */
interface DeclaredRules {
  record: ProviderRecord;
  urn: string;
  inline: unknown[];
  standalone: { record: ProviderRecord; props: unknown; id: string; name: string }[];
}

/** Each NSG's rules as declared, for the getter every NSG shares: a getter of its own would give each NSG a hidden class of its own. */
const declaredOf = new WeakMap<NetworkSecurityGroup, DeclaredRules>();

/** Each context's NSGs by URN, indexed when the first rule of its own is read (most stacks declare rules inline). */
const readings = new WeakMap<Context, Map<string, DeclaredRules>>();

function declaredByUrn(ctx: Context): Map<string, DeclaredRules> {
  let byUrn = readings.get(ctx);
  if (!byUrn) {
    byUrn = new Map();
    for (const nsg of ctx.topology.nsgs ?? []) {
      const declared = declaredOf.get(nsg);
      if (declared) byUrn.set(declared.urn, declared);
    }
    readings.set(ctx, byUrn);
  }
  return byUrn;
}

function rulesOf(this: NetworkSecurityGroup): SecurityRule[] {
  const declared = declaredOf.get(this);
  const rules = declared
    ? [
        ...declared.inline.flatMap((props, i) => {
          const name = str(at(props, RULE_FIELDS.name)) ?? `rule ${i + 1}`;
          return securityRule(declared.record, props, `${declared.urn}#${name}`, name) ?? [];
        }),
        ...declared.standalone.flatMap((d) => securityRule(d.record, d.props, d.id, d.name) ?? []),
      ]
    : [];
  Object.defineProperty(this, "rules", { value: rules, enumerable: true, writable: true, configurable: true });
  return rules;
}

/**
 * Reads network security groups with their inline rules, and security rules of their own (read
 * after every group). Rules are turned into records when first asked for: only flows and port
 * intents need them, and a large estate declares hundreds of thousands.
 */
export function readNsgResource(ctx: Context, entry: Entry): void {
  const record = PROVIDERS[entry.provider];
  if (entry.kind === "NetworkSecurityGroup") {
    const declared: DeclaredRules = { record, urn: entry.raw.urn, inline: list(entry.props[RULE_FIELDS.nsgRules]), standalone: [] };
    const nsg = { id: entry.raw.urn, name: entry.raw.name } as NetworkSecurityGroup;
    declaredOf.set(nsg, declared);
    Object.defineProperty(nsg, "rules", { enumerable: true, configurable: true, get: rulesOf });
    (ctx.topology.nsgs ??= []).push(nsg);
    return;
  }
  if (entry.kind !== "SecurityRule") return;
  const r = ctx.resolver.byAzureName(entry, entry.props[RULE_FIELDS.nsgName], RULE_FIELDS.nsgName, "NetworkSecurityGroup");
  const declared = declaredByUrn(ctx).get(urnOf(r) ?? "");
  if (declared) declared.standalone.push({ record, props: entry.props, id: entry.raw.urn, name: entry.azureName ?? entry.raw.name });
  else
    ctx.notes.push(`The network security group of ${entry.raw.name} is not in the stack, so the rule is not evaluated where it applies.`);
}

/** One rule, singular and plural fields together; a value the pack cannot read becomes UNKNOWN_TERM. */
function securityRule(record: ProviderRecord, value: unknown, id: string, name: string): SecurityRule | undefined {
  const props = asBag(value);
  if (!props) return undefined;
  const text = (key: string) => str(props[key])?.toLowerCase();
  const terms = (single: string, plural: string) => [...termsOf(props[single]), ...list(props[plural]).flatMap(termsOf)];
  // The classic standalone rule takes one group id as a string, its inline rules a list.
  const groups = (path: readonly string[]) =>
    termsList(at(props, ...path)).flatMap((g) => {
      const id = record.read.nsg.groupId.length > 0 ? at(g, ...record.read.nsg.groupId) : g;
      return typeof id === "string" && !isUnknown(id) ? [`asg:${id}`] : [UNKNOWN_TERM];
    });
  const direction = text(RULE_FIELDS.direction);
  const access = text(RULE_FIELDS.access);
  const protocol = text(RULE_FIELDS.protocol);
  const priority = num(props[RULE_FIELDS.priority]);
  return {
    id,
    name,
    // An unknown priority may place the rule before every other: everything it may match is then not checked.
    priority: priority ?? 0,
    direction: direction === "outbound" ? "outbound" : "inbound",
    // An unknown access is evaluated as a deny, which never grows what is allowed; its parts are not checked below.
    access: access === "allow" ? "allow" : "deny",
    protocol: priority === undefined || access === undefined || protocol === undefined ? UNKNOWN_TERM : protocol === "*" ? "any" : protocol,
    sources: [...terms(RULE_FIELDS.sourcePrefix, RULE_FIELDS.sourcePrefixes), ...groups(record.read.nsg.sourceGroups)],
    sourcePorts: terms(RULE_FIELDS.sourcePort, RULE_FIELDS.sourcePorts),
    destinations: [...terms(RULE_FIELDS.destinationPrefix, RULE_FIELDS.destinationPrefixes), ...groups(record.read.nsg.destinationGroups)],
    destinationPorts: terms(RULE_FIELDS.destinationPort, RULE_FIELDS.destinationPorts),
  };
}

function termsList(value: unknown): unknown[] {
  return typeof value === "string" ? [value] : list(value);
}

/** A declared value as terms: absent gives none, unknown or secret gives UNKNOWN_TERM. */
function termsOf(value: unknown): string[] {
  if (value === undefined || value === null || value === "") return [];
  if (typeof value === "string" && !isUnknown(value)) return [value];
  return [UNKNOWN_TERM];
}

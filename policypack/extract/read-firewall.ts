import type { FirewallRule, FirewallRuleCollection, RuleCollectionKind } from "../topology/firewall-rules";
import { UNKNOWN_TERM } from "../topology/security-rules";
import type { Firewall } from "../topology/model";
import type { Context } from "./context";
import { urnOf, vnetOfReference } from "./context";
import { isUnknown } from "./plain";
import type { ProviderRecord } from "./providers/provider-record";
import { RULE_FIELDS } from "./providers/provider-record";
import { PROVIDERS } from "./providers/providers";
import type { FirewallReading } from "./firewall-reading";
import type { Entry } from "./resolver";
import { asBag, at, list, num, str } from "./values";

/** Reads Azure Firewalls, firewall policies' rule collection groups and the classic firewall's own rule collections. */
export function readFirewallResource(ctx: Context, reading: FirewallReading, entry: Entry): void {
  const record = PROVIDERS[entry.provider];
  const paths = record.read.firewall;
  switch (entry.kind) {
    case "AzureFirewall": {
      const configs = list(entry.props[RULE_FIELDS.ipConfigurations]);
      const subnet = configs.length > 0 ? at(configs[0], ...paths.subnet) : undefined;
      const vnet = vnetOfReference(ctx, ctx.resolver.reference(entry, subnet, RULE_FIELDS.ipConfigurations, ["Subnet", "VirtualNetwork"]));
      const addresses = configs.flatMap((c) => str(at(c, ...paths.privateAddress)) ?? []);
      const declaredPolicy = at(entry.props, ...paths.policy.path);
      const policy =
        declaredPolicy !== undefined ? ctx.resolver.reference(entry, declaredPolicy, paths.policy.field, ["FirewallPolicy"]) : undefined;
      const firewall: Firewall = { id: entry.raw.urn, name: entry.raw.name, azureName: entry.azureName, vnet, addresses, rules: {} };
      (ctx.topology.firewalls ??= []).push(firewall);
      reading.sources.set(entry.raw.urn, policy ? { policy } : {});
      if (paths.inline) {
        const own = [
          ...collections(record, entry.props[paths.inline.network], "network"),
          ...collections(record, entry.props[paths.inline.application], "application"),
        ];
        add(reading, entry.raw.urn, own);
      }
      break;
    }
    case "FirewallPolicy":
      if (at(entry.props, ...paths.basePolicy.path) !== undefined) reading.sources.set(entry.raw.urn, { basePolicy: true });
      break;
    case "FirewallPolicyRuleCollectionGroup": {
      const owner =
        "byName" in paths.groupPolicy
          ? ctx.resolver.byAzureName(entry, entry.props[paths.groupPolicy.byName], paths.groupPolicy.byName, "FirewallPolicy")
          : ctx.resolver.reference(entry, at(entry.props, ...paths.groupPolicy.ref.path), paths.groupPolicy.ref.field, ["FirewallPolicy"]);
      const policy = urnOf(owner);
      if (policy === undefined) {
        ctx.notes.push(`The firewall policy of ${entry.raw.name} is not in the stack, so its rules are not evaluated.`);
        return;
      }
      const group = { name: entry.azureName ?? entry.raw.name, priority: num(entry.props[RULE_FIELDS.priority]) ?? 0 };
      const shape = paths.groupCollections;
      const found =
        "list" in shape
          ? list(entry.props[shape.list]).flatMap((c) => typedCollection(record, shape, c))
          : [
              ...collections(record, entry.props[shape.network], "network"),
              ...collections(record, entry.props[shape.application], "application"),
            ];
      add(
        reading,
        policy,
        found.map((c) => ({ ...c, group: group.name, groupPriority: group.priority })),
      );
      break;
    }
    case "FirewallNetworkRuleCollection":
    case "FirewallApplicationRuleCollection": {
      const r = ctx.resolver.byAzureName(entry, entry.props[RULE_FIELDS.firewallName], RULE_FIELDS.firewallName, "AzureFirewall");
      const firewall = urnOf(r);
      const kind = entry.kind === "FirewallNetworkRuleCollection" ? "network" : "application";
      const found = collection(record, { ...entry.props, name: entry.azureName ?? entry.raw.name }, kind);
      if (firewall !== undefined && found) add(reading, firewall, [found]);
      break;
    }
    default:
      break;
  }
}

/** Gives each firewall its rules, and each route to a firewall's address that firewall, once every resource is read. */
export function finishFirewalls(ctx: Context, reading: FirewallReading): void {
  for (const firewall of ctx.topology.firewalls ?? []) {
    const source = reading.sources.get(firewall.id) ?? {};
    const policy = source.policy;
    if (policy === undefined) firewall.rules = { collections: reading.collections.get(firewall.id) ?? [] };
    else if ("urn" in policy) {
      firewall.rules = reading.sources.get(policy.urn)?.basePolicy
        ? {
            unknownBecause: `its firewall policy ${ctx.resolver.entry(policy.urn)?.raw.name ?? ""} inherits rules from a base policy, which the pack does not merge`,
          }
        : { collections: reading.collections.get(policy.urn) ?? [] };
    } else if ("external" in policy) firewall.rules = { unknownBecause: `its firewall policy ${policy.external} is not in the stack` };
    else firewall.rules = { unknownBecause: "its firewall policy cannot be resolved" };
  }
  const byAddress = new Map((ctx.topology.firewalls ?? []).flatMap((f) => f.addresses.map((a): [string, Firewall] => [a, f])));
  for (const table of ctx.topology.routeTables ?? [])
    for (const route of table.routes) {
      const firewall = route.nextHopAddress !== undefined ? byAddress.get(route.nextHopAddress) : undefined;
      if (firewall && !route.appliance) route.appliance = { id: firewall.id, name: firewall.name };
    }
}

function add(reading: FirewallReading, owner: string, found: FirewallRuleCollection[]): void {
  if (found.length > 0) reading.collections.set(owner, [...(reading.collections.get(owner) ?? []), ...found]);
}

/** The collections of one kind in a list (the classic groups', azure-native's inline ones). */
function collections(record: ProviderRecord, value: unknown, kind: RuleCollectionKind): FirewallRuleCollection[] {
  return list(value).flatMap((c) => collection(record, c, kind) ?? []);
}

function collection(record: ProviderRecord, value: unknown, kind: RuleCollectionKind): FirewallRuleCollection | undefined {
  const props = asBag(value);
  if (!props) return undefined;
  const rules = list(props[RULE_FIELDS.rules]).flatMap((r, i) => rule(record, r, i, kind) ?? []);
  return {
    name: str(props[RULE_FIELDS.name]) ?? "(unnamed)",
    kind,
    groupPriority: 0,
    priority: num(props[RULE_FIELDS.priority]) ?? 0,
    action: action(at(props, ...record.read.firewall.action)),
    rules,
  };
}

/** azure-native's collections carry their rules' types: a filter collection holds network and application rules, evaluated apart. */
function typedCollection(
  record: ProviderRecord,
  shape: { ruleType: string; networkProtocols: string },
  value: unknown,
): FirewallRuleCollection[] {
  const props = asBag(value);
  if (!props) return [];
  const base = collection(record, { ...props, [RULE_FIELDS.rules]: [] }, "network");
  if (!base) return [];
  const byType = (type: string) => list(props[RULE_FIELDS.rules]).filter((r) => at(r, shape.ruleType) === type);
  const network = byType("NetworkRule").flatMap(
    (r, i) => rule(record, { ...asBag(r), [RULE_FIELDS.protocols]: at(r, shape.networkProtocols) }, i, "network") ?? [],
  );
  const application = byType("ApplicationRule").flatMap((r, i) => rule(record, r, i, "application") ?? []);
  // NAT collections translate traffic sent to the firewall's own public address, never P2S traffic to a subnet.
  return [
    ...(network.length > 0 ? [{ ...base, rules: network }] : []),
    ...(application.length > 0 ? [{ ...base, kind: "application" as const, rules: application }] : []),
  ];
}

function action(value: unknown): FirewallRuleCollection["action"] {
  const text = str(value)?.toLowerCase();
  return text === "allow" ? "allow" : text === "dnat" ? "dnat" : "deny";
}

function rule(record: ProviderRecord, value: unknown, index: number, kind: RuleCollectionKind): FirewallRule | undefined {
  const props = asBag(value);
  if (!props) return undefined;
  const texts = (key: string) =>
    list(props[key]).map((v) => (typeof v === "string" && !isUnknown(v) ? v : typeof v === "number" ? String(v) : UNKNOWN_TERM));
  // Application rules name protocol and port together ("Https:443"), as the portal shows them.
  const protocols =
    kind === "application"
      ? list(props[RULE_FIELDS.protocols]).map((p) => {
          const type = str(at(p, record.read.firewall.appProtocol));
          const port = num(at(p, RULE_FIELDS.port));
          return type !== undefined && port !== undefined ? `${type}:${port}` : UNKNOWN_TERM;
        })
      : texts(RULE_FIELDS.protocols);
  return {
    name: str(props[RULE_FIELDS.name]) ?? `rule ${index + 1}`,
    protocols,
    sources: texts(RULE_FIELDS.sourceAddresses),
    sourceGroups: texts(RULE_FIELDS.sourceIpGroups),
    destinations: texts(RULE_FIELDS.destinationAddresses),
    destinationGroups: texts(RULE_FIELDS.destinationIpGroups),
    destinationFqdns: [...texts(RULE_FIELDS.destinationFqdns), ...texts(RULE_FIELDS.targetFqdns)],
    destinationPorts: texts(RULE_FIELDS.firewallPorts),
  };
}

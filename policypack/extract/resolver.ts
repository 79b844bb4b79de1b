import { parseArmId } from "./arm-id";
import { isUnknown } from "./plain";
import type { RawResource } from "./raw-resource";
import type { Provider, ResourceKind } from "./resource-kind";
import { ARM_TYPE } from "./resource-kind";
import { PROVIDERS, kindOf } from "./providers/providers";
import type { Bag } from "./values";
import { asBag, str } from "./values";

export interface Entry {
  raw: RawResource;
  kind: ResourceKind;
  provider: Provider;
  props: Bag;
  azureName?: string;
  resourceGroup?: string;
}

/** A resolved reference carries its entry, when the resolver found it, so that readers need no second look-up by URN. */
export type Resolution = { urn: string; entry?: Entry } | { external: string } | { unresolved: "unknown" | "ambiguous" | "missing" };

function resolved(entry: Entry): Resolution {
  return { urn: entry.raw.urn, entry };
}

/** Finds the stack resource a reference points to: by ARM id, by name and group, then by dependencies. */
export class Resolver {
  readonly entries: Entry[] = [];
  private readonly byUrn = new Map<string, Entry>();
  private readonly byId = new Map<string, Entry>();
  /** ARM ids compare case-insensitively; the lower-cased map is built only when an exact match fails. */
  private byLowerId?: Map<string, Entry>;
  /** By ARM type, then lower-cased name; entries of every resource group (filtered on lookup). */
  private readonly byName = new Map<string, Map<string, Entry[]>>();
  /**
   * Named entries by ARM type, indexed by name when a type is first looked up by name: most
   * references are ARM ids, and a large stack's NSGs and route tables are never looked up by name.
   */
  private readonly namedByType = new Map<string, Entry[]>();

  constructor(resources: RawResource[]) {
    let firsts: Map<string, Entry> | undefined;
    // An indexed loop: this runs once a request over every resource, too seldom for the optimiser to
    // drop the iterator's results, tens of thousands of them.
    for (let i = 0; i < resources.length; i++) {
      const raw = resources[i];
      if (raw === null || typeof raw !== "object") continue;
      const known = kindOf(raw.type);
      if (!known || typeof raw.urn !== "string") continue;
      const { kind, provider } = known;
      const props = asBag(raw.props) ?? {};
      const id = str(props.id);
      const nameInput = PROVIDERS[provider].nameInput[kind];
      let azureName = str(props.name) ?? (nameInput !== undefined ? str(props[nameInput]) : undefined);
      let resourceGroup = str(props.resourceGroupName);
      if (id !== undefined && (azureName === undefined || resourceGroup === undefined)) {
        const parsed = parseArmId(id);
        azureName = azureName ?? parsed?.names[parsed.names.length - 1];
        resourceGroup = resourceGroup ?? parsed?.resourceGroup;
      }
      const entry: Entry = { raw, kind, provider, props, azureName, resourceGroup };
      // One map operation per resource rather than a look-up and an insert: a repeated URN (rare)
      // leaves the map's size as it was, and the first resource of that URN is put back.
      const size = this.byUrn.size;
      this.byUrn.set(raw.urn, entry);
      if (this.byUrn.size === size) {
        firsts ??= new Map(this.entries.map((e) => [e.raw.urn, e]));
        this.byUrn.set(raw.urn, firsts.get(raw.urn) as Entry);
        continue;
      }
      this.entries.push(entry);
      firsts?.set(raw.urn, entry);
      // A classic association takes its subnet's id: the id must keep naming the subnet.
      if (id && !ASSOCIATIONS.has(kind)) this.byId.set(id, entry);
      if (azureName && NAMED_KINDS.has(kind)) {
        const list = this.namedByType.get(ARM_TYPE[kind]);
        if (list) list.push(entry);
        else this.namedByType.set(ARM_TYPE[kind], [entry]);
      }
    }
  }

  private namesOf(type: string): Map<string, Entry[]> | undefined {
    let byType = this.byName.get(type);
    if (!byType) {
      const entries = this.namedByType.get(type);
      if (!entries) return undefined;
      byType = new Map();
      for (const entry of entries) {
        const key = (entry.azureName as string).toLowerCase();
        const list = byType.get(key);
        if (list) list.push(entry);
        else byType.set(key, [entry]);
      }
      this.byName.set(type, byType);
    }
    return byType;
  }

  private lowerIds(): Map<string, Entry> {
    if (!this.byLowerId) {
      this.byLowerId = new Map();
      for (const [id, entry] of this.byId) this.byLowerId.set(id.toLowerCase(), entry);
    }
    return this.byLowerId;
  }

  entry(urn: string): Entry | undefined {
    return this.byUrn.get(urn);
  }

  /** Resolves an ARM id (or unknown) in property `field` of `from` to a resource of one of `kinds`. */
  reference(from: Entry, id: unknown, field: string, kinds: ResourceKind[]): Resolution {
    const text = str(id);
    if (text !== undefined) {
      const exact = this.byId.get(text);
      if (exact && kinds.includes(exact.kind)) return resolved(exact);
      const parsed = parseArmId(text);
      if (parsed) {
        for (const kind of kinds) {
          const found = this.byArmName(ARM_TYPE[kind], parsed.resourceGroup, parsed.types, parsed.names);
          if (found) return resolved(found);
        }
        // A subnet id names its VNet: resolve to the VNet when a VNet is acceptable.
        if (kinds.includes("VirtualNetwork") && parsed.types[0] === "virtualnetworks") {
          const vnet = this.named("virtualnetworks", parsed.resourceGroup, parsed.names[0]);
          if (vnet) return resolved(vnet);
        }
        const anyCase = this.lowerIds().get(text.toLowerCase());
        if (anyCase && kinds.includes(anyCase.kind)) return resolved(anyCase);
        return { external: parsed.names.join("/") };
      }
    }
    const viaDeps = this.fromDependencies(from, field, kinds);
    if (viaDeps) return viaDeps;
    if (isUnknown(id)) return { unresolved: "unknown" };
    return text !== undefined ? { external: text } : { unresolved: "missing" };
  }

  /** Resolves a VNet given by Azure name (and group), e.g. a peering's or subnet's virtualNetworkName. */
  vnetByName(from: Entry, name: unknown, field: string): Resolution {
    return this.byAzureName(from, name, field, "VirtualNetwork");
  }

  /** Resolves a resource given by Azure name (and group): a zone link's privateZoneName, say. */
  byAzureName(from: Entry, name: unknown, field: string, kind: ResourceKind): Resolution {
    const text = str(name);
    if (text !== undefined) {
      const found = this.named(ARM_TYPE[kind], from.resourceGroup, text);
      if (found) return resolved(found);
    }
    const viaDeps = this.fromDependencies(from, field, [kind]);
    if (viaDeps) return viaDeps;
    const parent = from.raw.parent ? this.byUrn.get(from.raw.parent) : undefined;
    if (parent?.kind === kind) return resolved(parent);
    if (isUnknown(name)) return { unresolved: "unknown" };
    return text !== undefined ? { external: text } : { unresolved: "missing" };
  }

  /** The one resource of a kind with this Azure name in this group, as an id names it. */
  namedIn(kind: ResourceKind, group: string, name: string): Entry | undefined {
    return this.named(ARM_TYPE[kind], group, name);
  }

  /**
   * The one resource of a type with this name in this group; when the group is unknown on
   * either side (preview), the one resource of that name if there is exactly one.
   */
  private named(type: string, group: string | undefined, name: string): Entry | undefined {
    const list = this.namesOf(type)?.get(name.toLowerCase());
    if (!list) return undefined;
    let found: Entry | undefined;
    for (const e of list) {
      if (group !== undefined && e.resourceGroup !== undefined && !sameText(e.resourceGroup, group)) continue;
      if (found) return undefined; // ambiguous
      found = e;
    }
    return found;
  }

  private byArmName(type: string, group: string, types: string[], names: string[]): Entry | undefined {
    const i = types.lastIndexOf(type);
    if (i < 0 || i !== types.length - 1) return undefined;
    return this.named(type, group, names[i]);
  }

  /** The resources of a kind that a property of `from` depends on, by URN. */
  dependenciesOf(from: Entry, field: string, kind: ResourceKind): string[] {
    return [...new Set(from.raw.propertyDependencies[field] ?? [])].filter((urn) => this.byUrn.get(urn)?.kind === kind);
  }

  /**
   * In preview, ids of resources not yet created are unknown, but the engine still says which
   * resources a property depends on. Use them when they point at exactly one candidate.
   */
  private fromDependencies(from: Entry, field: string, kinds: ResourceKind[]): Resolution | undefined {
    const declared = from.raw.propertyDependencies[field];
    const pool = declared && declared.length > 0 ? declared : from.raw.dependencies;
    const candidates = [...new Set(pool)]
      .map((urn) => this.byUrn.get(urn))
      .filter((e): e is Entry => e !== undefined && kinds.includes(e.kind));
    if (candidates.length === 1) return resolved(candidates[0]);
    if (candidates.length > 1) return { unresolved: "ambiguous" };
    return undefined;
  }
}

const NAMED_KINDS: ReadonlySet<ResourceKind> = new Set<ResourceKind>([
  "VirtualNetwork",
  "VirtualNetworkGateway",
  "LocalNetworkGateway",
  "PrivateZone",
  "PrivateEndpoint",
  "DnsResolver",
  "NetworkSecurityGroup",
  "RouteTable",
  "AzureFirewall",
  "FirewallPolicy",
  "NetworkInterface",
  "VirtualWan",
  "VirtualHub",
  "HubRouteTable",
  "VpnServerConfiguration",
  "VpnGateway",
  "VpnSite",
  "ExpressRouteGateway",
]);

const ASSOCIATIONS: ReadonlySet<ResourceKind> = new Set<ResourceKind>([
  "SubnetNetworkSecurityGroupAssociation",
  "SubnetRouteTableAssociation",
  "NetworkInterfaceSecurityGroupAssociation",
]);

function sameText(a: string | undefined, b: string | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase());
}

export function describeResolution(r: Resolution): string {
  if ("urn" in r) return r.urn;
  if ("external" in r) return `${r.external}, which is not in the stack`;
  return r.unresolved === "unknown"
    ? "a value unknown during preview"
    : r.unresolved === "ambiguous"
      ? "several possible resources"
      : "nothing";
}

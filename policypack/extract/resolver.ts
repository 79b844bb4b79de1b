import { parseArmId } from "./arm-id";
import { isUnknown } from "./plain";
import { ARM_TYPE, NAME_INPUT, RawResource, ResourceKind, kindOf } from "./raw-resource";
import { Bag, asBag, str } from "./values";

export interface Entry {
  raw: RawResource;
  kind: ResourceKind;
  props: Bag;
  azureName?: string;
  resourceGroup?: string;
}

export type Resolution = { urn: string } | { external: string } | { unresolved: "unknown" | "ambiguous" | "missing" };

/** Finds the stack resource a reference points to: by ARM id, by name and group, then by dependencies. */
export class Resolver {
  readonly entries: Entry[] = [];
  private readonly byUrn = new Map<string, Entry>();
  private readonly byId = new Map<string, Entry>();
  private readonly byName = new Map<string, Entry[]>();

  constructor(resources: RawResource[]) {
    for (const raw of resources) {
      const kind = kindOf(raw.type);
      if (!kind || typeof raw.urn !== "string" || this.byUrn.has(raw.urn)) continue;
      const props = asBag(raw.props) ?? {};
      const id = str(props.id);
      const parsed = id ? parseArmId(id) : undefined;
      const entry: Entry = {
        raw,
        kind,
        props,
        azureName: str(props.name) ?? str(props[NAME_INPUT[kind]]) ?? parsed?.names[parsed.names.length - 1],
        resourceGroup: str(props.resourceGroupName) ?? parsed?.resourceGroup,
      };
      this.entries.push(entry);
      this.byUrn.set(raw.urn, entry);
      if (id) this.byId.set(id.toLowerCase(), entry);
      if (entry.azureName && kind !== "Subnet" && kind !== "VirtualNetworkPeering") {
        const key = nameKey(ARM_TYPE[kind], entry.resourceGroup, entry.azureName);
        this.byName.set(key, [...(this.byName.get(key) ?? []), entry]);
      }
    }
  }

  entry(urn: string): Entry | undefined {
    return this.byUrn.get(urn);
  }

  /** Resolves an ARM id (or unknown) in property `field` of `from` to a resource of one of `kinds`. */
  reference(from: Entry, id: unknown, field: string, kinds: ResourceKind[]): Resolution {
    const text = str(id);
    if (text !== undefined) {
      const direct = this.byId.get(text.toLowerCase());
      if (direct && kinds.includes(direct.kind)) return { urn: direct.raw.urn };
      const parsed = parseArmId(text);
      if (parsed) {
        for (const kind of kinds) {
          const found = this.byArmName(ARM_TYPE[kind], parsed.resourceGroup, parsed.types, parsed.names);
          if (found) return { urn: found.raw.urn };
        }
        // A subnet id names its VNet: resolve to the VNet when a VNet is acceptable.
        if (kinds.includes("VirtualNetwork") && parsed.types[0] === "virtualnetworks") {
          const vnet = this.byArmName("virtualnetworks", parsed.resourceGroup, parsed.types.slice(0, 1), parsed.names.slice(0, 1));
          if (vnet) return { urn: vnet.raw.urn };
        }
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
    const text = str(name);
    if (text !== undefined) {
      const found = this.byName.get(nameKey("virtualnetworks", from.resourceGroup, text)) ?? this.byName.get(nameKey("virtualnetworks", undefined, text));
      if (found && found.length === 1) return { urn: found[0].raw.urn };
    }
    const viaDeps = this.fromDependencies(from, field, ["VirtualNetwork"]);
    if (viaDeps) return viaDeps;
    const parent = from.raw.parent ? this.byUrn.get(from.raw.parent) : undefined;
    if (parent?.kind === "VirtualNetwork") return { urn: parent.raw.urn };
    if (isUnknown(name)) return { unresolved: "unknown" };
    return text !== undefined ? { external: text } : { unresolved: "missing" };
  }

  private byArmName(type: string, group: string, types: string[], names: string[]): Entry | undefined {
    const i = types.lastIndexOf(type);
    if (i < 0 || i !== types.length - 1) return undefined;
    const found = this.byName.get(nameKey(type, group, names[i]));
    return found && found.length === 1 ? found[0] : undefined;
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
    if (candidates.length === 1) return { urn: candidates[0].raw.urn };
    if (candidates.length > 1) return { unresolved: "ambiguous" };
    return undefined;
  }
}

function nameKey(type: string, group: string | undefined, name: string): string {
  return `${type}\u0000${(group ?? "").toLowerCase()}\u0000${name.toLowerCase()}`;
}

export function describeResolution(r: Resolution): string {
  if ("urn" in r) return r.urn;
  if ("external" in r) return `${r.external}, which is not in the stack`;
  return r.unresolved === "unknown" ? "a value unknown during preview" : r.unresolved === "ambiguous" ? "several possible resources" : "nothing";
}


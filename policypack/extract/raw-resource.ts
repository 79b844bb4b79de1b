/** A resource as every front end hands it to extraction: plain data, references by URN. */
export interface RawResource {
  type: string;
  urn: string;
  /** The Pulumi logical name. */
  name: string;
  /** Plain property values; unknowns appear as the engine's sentinel string. */
  props: unknown;
  parent?: string;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
}

/** A reference to another resource: its URN, or the resource itself as the policy SDK gives it. */
type Ref = string | { urn: string };

/** A resource as any front end holds it: the policy SDK, the analyzer protocol, a state file. */
export interface ResourceRecord {
  type: string;
  urn: string;
  /** The Pulumi logical name; the URN's last part when not given. */
  name?: string;
  props: unknown;
  parent?: Ref;
  dependencies?: readonly Ref[];
  propertyDependencies?: Readonly<Record<string, readonly Ref[] | undefined>>;
}

const urnOf = (ref: Ref) => (typeof ref === "string" ? ref : ref.urn);

/** The one conversion every front end uses: references become URNs, the name comes from the URN if need be. */
export function toRawResource(r: ResourceRecord): RawResource {
  const propertyDependencies: Record<string, string[]> = {};
  for (const [key, deps] of Object.entries(r.propertyDependencies ?? {})) propertyDependencies[key] = (deps ?? []).map(urnOf);
  return {
    type: r.type,
    urn: r.urn,
    name: r.name ?? (r.urn.split("::").pop() as string),
    props: r.props,
    parent: r.parent === undefined ? undefined : urnOf(r.parent),
    dependencies: (r.dependencies ?? []).map(urnOf),
    propertyDependencies,
  };
}

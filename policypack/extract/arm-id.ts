/** The parts of an Azure Resource Manager id that identify a network resource. */
export interface ArmId {
  resourceGroup: string;
  /** Lower-cased type segments after the provider, e.g. ["virtualnetworks", "subnets"]. */
  types: string[];
  names: string[];
}

/** Parses "/subscriptions/…/resourceGroups/rg/providers/Microsoft.Network/type/name[/type/name…]". */
export function parseArmId(id: string): ArmId | undefined {
  const parts = id.split("/").filter((p) => p.length > 0);
  if (parts.length < 6 || parts[0].toLowerCase() !== "subscriptions" || parts[2].toLowerCase() !== "resourcegroups") return undefined;
  if (parts[4].toLowerCase() !== "providers") return undefined;
  const rest = parts.slice(6);
  if (rest.length < 2 || rest.length % 2 !== 0) return undefined;
  const types: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    types.push(rest[i].toLowerCase());
    names.push(decoded(rest[i + 1]));
  }
  return { resourceGroup: parts[3], types, names };
}

/** A name as Azure spells it in an id; a malformed escape (which Azure never writes) is kept as written. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

import type { FieldRef, Spell } from "../../topology/sentence";
import type { Provider, ResourceKind } from "../resource-kind";
import { AZURE_NATIVE } from "./azure-native";
import { CLASSIC } from "./classic";
import type { ProviderRecord } from "./provider-record";
import { spelled } from "./provider-record";

export const PROVIDERS: Readonly<Record<Provider, ProviderRecord>> = { "azure-native": AZURE_NATIVE, azure: CLASSIC };

const kinds = new Map<string, { kind: ResourceKind; provider: Provider } | undefined>();

/** The kind of resource a type token names, and its provider; undefined for what the pack does not read. */
export function kindOf(type: unknown): { kind: ResourceKind; provider: Provider } | undefined {
  if (typeof type !== "string") return undefined;
  const known = kinds.get(type);
  if (known !== undefined || kinds.has(type)) return known;
  let found: { kind: ResourceKind; provider: Provider } | undefined;
  for (const provider of Object.keys(PROVIDERS) as Provider[]) {
    for (const token of PROVIDERS[provider].tokens) {
      const match = token.exec(type);
      const kind = match ? PROVIDERS[provider].kinds.get(match[1]) : undefined;
      if (kind) found = { kind, provider };
    }
  }
  // A stack has a handful of type tokens; remember each one's answer.
  if (kinds.size < 10_000) kinds.set(type, found);
  return found;
}

/**
 * Spells a field as the provider of the resource it belongs to: `providerOf` its model id (the URN);
 * an inline peering's id extends its VNet's URN; anything else is spelled as azure-native.
 */
export function spellFor(ownerOf: (urn: string) => { provider: Provider; kind: ResourceKind } | undefined): Spell {
  return (ref: FieldRef) => {
    // Every field of every message is spelled: the URN is cut at "#" without splitting the id.
    const cut = ref.resource.indexOf("#");
    const owner = ownerOf(cut < 0 ? ref.resource : ref.resource.slice(0, cut));
    const record = PROVIDERS[owner?.provider ?? "azure-native"];
    return spelled((owner && record.kindFields?.[owner.kind]?.[ref.field]) ?? record.fields[ref.field]);
  };
}

/** How azure-native spells a field: the spelling of tests and of topologies built without a provider. */
export function spellAzureNative(ref: FieldRef): string {
  return spelled(AZURE_NATIVE.fields[ref.field]);
}

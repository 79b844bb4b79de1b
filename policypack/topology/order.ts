/** Locale-independent string order, so output is the same on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedTexts(values: Iterable<string>): string[] {
  // Most lists sorted are a finding's one or two related resources, one for each of thousands of findings.
  if (Array.isArray(values) && values.length <= 2) {
    const [a, b] = values as readonly string[];
    return values.length < 2 || a === b ? values.slice(0, 1) : a < b ? [a, b] : [b, a];
  }
  return [...new Set(values)].sort(compareText);
}

/** "a", "a and b", "a, b and c". */
export function joinList(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

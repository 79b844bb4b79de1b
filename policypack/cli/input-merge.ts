import type { RawResource } from "../extract/raw-resource";

/**
 * The resources of several inputs as one network. A URN names one resource, so one given by two
 * inputs (the same stack exported twice, or an export beside its own preview) is read from the
 * first, and a note names both inputs: the second's version of it is not checked.
 */
export class InputMerge {
  resources: RawResource[] = [];
  private readonly sourceOf = new Map<string, string>();
  private readonly repeats = new Map<string, { first: string; again: string; count: number }>();

  add(resources: RawResource[], source: string): void {
    for (const r of resources) {
      const first = this.sourceOf.get(r.urn);
      if (first === undefined) {
        this.sourceOf.set(r.urn, source);
        this.resources.push(r);
        continue;
      }
      const key = `${first}\u0000${source}`;
      const repeat = this.repeats.get(key) ?? { first, again: source, count: 0 };
      repeat.count++;
      this.repeats.set(key, repeat);
    }
  }

  notes(): string[] {
    return [...this.repeats.values()].map(
      ({ first, again, count }) =>
        `${count} resource${count === 1 ? "" : "s"} of ${again} ${count === 1 ? "has the URN of one" : "have the URNs of resources"} in ${first} (the same stack given twice?); ${first}'s ${count === 1 ? "was" : "were"} checked, ${again}'s not.`,
    );
  }
}

import fc from "fast-check";
import { compareText } from "../../policypack/topology/order";
import type { FieldKey, Sentence, SentencePart } from "../../policypack/topology/sentence";
import { FIELD_KEYS, compareSentenceKeys, sentenceKey } from "../../policypack/topology/sentence";

/** Short texts over few characters, so that random sentences share beginnings and tie often. */
const textArb = fc.string({ unit: fc.constantFrom("a", "b", "{", "}", "@", "é", "\u{1F600}"), maxLength: 6 });
const partArb: fc.Arbitrary<SentencePart> = fc.oneof(
  textArb,
  fc.record({ field: fc.constantFrom<FieldKey>(...FIELD_KEYS.slice(0, 3)), resource: textArb }),
);
const sentenceArb: fc.Arbitrary<Sentence> = fc.array(partArb, { maxLength: 5 });

describe("compareSentenceKeys", () => {
  it("orders sentences as compareText orders their keys", () => {
    fc.assert(
      fc.property(sentenceArb, sentenceArb, (a, b) => {
        expect(compareSentenceKeys(a, b)).toBe(compareText(sentenceKey(a), sentenceKey(b)));
      }),
      { numRuns: 2000 },
    );
  });

  it("ties sentences whose keys are equal however they are split into parts", () => {
    expect(compareSentenceKeys(["ab", "c"], ["a", "", "bc"])).toBe(0);
    expect(compareSentenceKeys(["ab"], ["ab", "c"])).toBe(-1);
    expect(compareSentenceKeys([{ field: "vnet.prefixes", resource: "x" }], ["{vnet.prefixes@x}"])).toBe(0);
  });
});

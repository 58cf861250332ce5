/**
 * A tag number given by a type (`#6.<type>(content)`, RFC 8610 §3.6) is that type's unsigned integers. A type of
 * another kind, or with options of other kinds (`#6.<tstr>`, `#6.<(1 / tstr)>`, a rule `[int] / 3..4`), went to the
 * general matcher ("a tag number that is not an unsigned integer type"); its options of other kinds hold no tag
 * number, so `#6.<tstr>` is now `never` with a warning (as `#6.<nint>` was), `#6.<(1 / tstr)>` is tag 1, and
 * `#6.<any>` every tag. A type of one head (`#6.<#0.24>`) stays general. The general matcher is the oracle.
 */
import { describe, expect, it } from 'vitest';
import { decodeError, typeErrors } from '../bounded/module.js';
import { fixedRules } from '../support/pairs-differential.js';

const SCHEMA = `
text-tag = #6.<tstr>(int)
mixed-tag = #6.<(1 / tstr)>(int)
any-tag = #6.<any>(int)
ref-tag = #6.<numbers>(int)
numbers = [int] / 3..4
head-tag = #6.<#0.24>(int)
`;

type Rules = 'TextTag' | 'MixedTag' | 'AnyTag' | 'RefTag' | 'HeadTag';
const fixture = fixedRules<Rules>('tag-number-types', SCHEMA, ['text-tag', 'mixed-tag', 'any-tag', 'ref-tag', 'head-tag']);

describe('a tag number given by a type', () => {
  it('is the integers of its type: none of other kinds, every one of any', () => {
    expect(fixture.warnings.map((w) => w.message)).toEqual([
      '#6.<tstr>(int) has a tag number no tag can have (RFC 8949 §3.4: tag numbers are unsigned integers), so no data item matches it: it is typed never, and decoding it always fails',
      "'head-tag' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover a tag number type whose integers the typed layouts do not compute (a data item of one head, a general rule): #6.<#0.24>(int)",
    ]);
    expect(fixture.text).toMatch(/export type TextTag = never;/);
    expect(fixture.text).toMatch(/export type AnyTag = \{ tag: number \| bigint; value: number \| bigint \};/);
    expect(typeErrors(fixture.loaded)).toEqual([]);
  });

  it('takes what the general matcher takes', () => {
    const items = ['c1 05', 'c2 05', 'c3 05', 'c4 05', 'c5 05', 'd863 05', 'c1 6178', 'd818 05', '05', 'c1 c1 05'];
    const rules: [Rules, string][] = [['TextTag', 'text-tag'], ['MixedTag', 'mixed-tag'], ['AnyTag', 'any-tag'], ['RefTag', 'ref-tag']];
    let taken = 0;
    for (const [rule, cddl] of rules) {
      for (const bytes of items) {
        const takes = fixture.oracle(cddl, bytes);
        expect(fixture.roundTrips(rule, bytes), `${cddl} ${bytes}`).toBe(takes);
        if (takes) taken++;
      }
    }
    // Tag 1 for mixed-tag; 3 and 4 for ref-tag; every tag of an integer for any-tag.
    expect(taken).toBe(1 + 2 + 7);
  });

  it('says why where it takes nothing or another tag', () => {
    expect(decodeError(() => fixture.g.decodeTextTag(Uint8Array.of(0xc1, 0x05)))).toBe('(root) at byte 0: expected no value (#6.<tstr>(int) has a tag number no tag can have (RFC 8949 §3.4: tag numbers are unsigned integers))');
    expect(decodeError(() => fixture.g.decodeMixedTag(Uint8Array.of(0xc2, 0x05)))).toBe('(root) at byte 0: expected tag 1, got tag 2');
    expect(decodeError(() => fixture.g.decodeRefTag(Uint8Array.of(0xc5, 0x05)))).toBe('(root) at byte 0: expected a tag numbered 3..4, got tag 5');
  });
});

/**
 * Kinds of computed-key entries whose keys share a major type but no value (`{ h'01' => int, h'02' => tstr }`,
 * `{ ? 1.5 => int, ? true => bool }`: byte strings, or floats and simple values, all of major type 7; tags of other
 * numbers, or of one number and such contents: `{ #6.1(1) => int, * #6.32(tstr) => nil }`). Each kind is
 * its own Map property, as kinds of different major types are (map-rests.test.ts); the decoder tries each kind's key
 * on a key of the shared major type, after looking for a duplicate by the key's encoding. These maps were left to
 * the general matcher (typed `CborValue`), with a warning that the two kinds "may take the same key", which they
 * cannot. The general matcher is the oracle.
 */
import { describe, expect, it } from 'vitest';
import { decodeError, typeErrors } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';
import { expectDrawnItemsRoundTrip, fixedRules } from '../support/pairs-differential.js';

const SCHEMA = `
bytes-keys = { h'01' => int, h'02' => tstr }
simple-keys = { ? 1.5 => int, ? 2.5 => tstr, ? true => bool, ? null => int }
mixed-keys = { 1 => int, ? h'01' => tstr, ? h'02' => bool, * tstr => uint }
byte-ranges = { * (bstr .size 1) => int, ? h'0102' => tstr }
overlap = { ? h'01' => int, * bstr => tstr }
same-float = { ? 0.0 => int, ? -0.0 => tstr }
tag-keys = { #6.1(1) => int, ? #6.1(2) => tstr, * #6.1(tstr) => bool, * #6.32(tstr) => nil }
tag-overlap = { * #6.1(int) => int, * #6.1(uint) => tstr }
`;

type Rules = 'BytesKeys' | 'SimpleKeys' | 'MixedKeys' | 'ByteRanges' | 'Overlap' | 'SameFloat' | 'TagKeys' | 'TagOverlap';
const RULES = ['bytes-keys', 'simple-keys', 'mixed-keys', 'byte-ranges', 'overlap', 'same-float', 'tag-keys', 'tag-overlap'];
const fixture = fixedRules<Rules>('map-keys-by-value', SCHEMA, RULES);

describe('kinds of computed keys of one major type and no value in common', () => {
  it('are typed; kinds that may take one key stay general, with the warning', () => {
    expect(fixture.warnings.map((w) => w.message)).toEqual([
      "'overlap' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover a second kind of computed-key entries (bstr =>) beside h'01' =>, which may take the same key",
      // 0.0 and -0.0 are two data items, but this generator takes them as one value (conservatively).
      "'same-float' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover a second kind of computed-key entries (-0.0 =>) beside 0.0 =>, which may take the same key",
      "'tag-overlap' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover a second kind of computed-key entries (#6.1(uint) =>) beside #6.1(int) =>, which may take the same key",
    ]);
    expect(fixture.text).toMatch(/export interface BytesKeys \{[^}]*rest: Map<Uint8Array, number \| bigint>;[^}]*rest2: Map<Uint8Array, string>;/);
    expect(fixture.text).toMatch(/export type Overlap = CborValue;/);
    expect(typeErrors(fixture.loaded)).toEqual([]);
  });

  it('take what the general matcher takes, and write it back as read', () => {
    const cases: [Rules, string, string][] = [
      ['BytesKeys', 'bytes-keys', 'a2 4101 01 4102 6178'],
      ['BytesKeys', 'bytes-keys', 'a1 4101 01'],
      ['BytesKeys', 'bytes-keys', 'a2 4101 6178 4102 01'],
      ['BytesKeys', 'bytes-keys', 'a2 4101 01 4101 02'],
      ['BytesKeys', 'bytes-keys', 'a3 4101 01 4102 6178 4103 f6'],
      ['BytesKeys', 'bytes-keys', 'a2 4101 01 420102 6178'],
      ['SimpleKeys', 'simple-keys', 'a0'],
      ['SimpleKeys', 'simple-keys', 'a4 f4 f5 f5 f4 f6 01 f93e00 02'],
      ['SimpleKeys', 'simple-keys', 'a2 f5 f4 f93e00 01'],
      ['SimpleKeys', 'simple-keys', 'a1 f94100 6178'],
      ['SimpleKeys', 'simple-keys', 'a1 f93e00 6178'],
      ['SimpleKeys', 'simple-keys', 'a1 f6 f6'],
      ['SimpleKeys', 'simple-keys', 'a1 f7 01'],
      ['SimpleKeys', 'simple-keys', 'a1 f93c00 01'],
      ['MixedKeys', 'mixed-keys', 'a1 01 02'],
      ['MixedKeys', 'mixed-keys', 'a4 01 02 4101 6178 4102 f5 6161 03'],
      ['MixedKeys', 'mixed-keys', 'a2 01 02 4102 6178'],
      ['MixedKeys', 'mixed-keys', 'a2 01 02 4103 f5'],
      ['MixedKeys', 'mixed-keys', 'a2 4101 6178 4102 f5'],
      ['ByteRanges', 'byte-ranges', 'a3 4101 01 4102 02 420102 6178'],
      ['ByteRanges', 'byte-ranges', 'a1 420102 01'],
      ['ByteRanges', 'byte-ranges', 'a1 43010203 01'],
      ['ByteRanges', 'byte-ranges', 'a0'],
      ['TagKeys', 'tag-keys', 'a1 c101 01'],
      ['TagKeys', 'tag-keys', 'a4 c101 01 c102 6178 c16161 f5 d8206162 f6'],
      ['TagKeys', 'tag-keys', 'a2 c101 01 c103 6178'],
      ['TagKeys', 'tag-keys', 'a2 c101 01 c16161 6178'],
      ['TagKeys', 'tag-keys', 'a2 c101 01 d82001 f6'],
      ['TagKeys', 'tag-keys', 'a1 c102 6178'],
    ];
    for (const [rule, cddl, bytes] of cases) expect(fixture.roundTrips(rule, bytes), `${cddl} ${bytes}`).toBe(fixture.oracle(cddl, bytes));
    expectDrawnItemsRoundTrip(fixture.program, fixture.g, ['bytes-keys', 'simple-keys', 'mixed-keys', 'byte-ranges', 'tag-keys']);
  });

  it('read any encoding of a key, and write the deterministic one', () => {
    // 1.5 in 64 bits, keys out of order.
    const value = fixture.g.decodeSimpleKeys(hex('a2 fb3ff8000000000000 01 f5 f4'));
    expect(value).toEqual({ rest: new Map([[1.5, 1]]), rest3: new Map([[true, false]]) });
    expect(toHex(fixture.g.encodeSimpleKeys(value) as Uint8Array)).toBe('a2f5f4f93e0001');
  });

  it('say which entry went wrong, a key twice in any encoding, and a key no kind takes', () => {
    const g = fixture.g;
    expect(decodeError(() => g.decodeBytesKeys(hex('a2 4101 6178 4102 01')))).toBe('.rest[0][1] at byte 3: expected an integer, got a text string');
    expect(decodeError(() => g.decodeBytesKeys(hex('a2 4101 01 4102 01')))).toBe('.rest2[0][1] at byte 6: expected a text string, got an unsigned integer');
    expect(decodeError(() => g.decodeBytesKeys(hex('a2 4101 01 580101 02')))).toBe('(root) at byte 4: duplicate key (encoded 4101)');
    expect(decodeError(() => g.decodeBytesKeys(hex('a2 4101 01 4103 02')))).toBe('(root) at byte 4: unexpected key: a byte string');
    expect(decodeError(() => g.decodeBytesKeys(hex('a1 4101 01')))).toBe("(root) at byte 3: expected 1 entry with keys of type h'02' the schema does not name, got 0");
    expect(decodeError(() => g.decodeSimpleKeys(hex('a1 f4 01')))).toBe('(root) at byte 1: unexpected key: false');
    expect(decodeError(() => g.decodeSimpleKeys(hex('a2 f93e00 01 fa3fc00000 02')))).toBe('(root) at byte 5: duplicate key (encoded f93e00)');
    expect(decodeError(() => g.decodeTagKeys(hex('a2 c101 01 c102 01')))).toBe('.rest2[0][1] at byte 6: expected a text string, got an unsigned integer');
    expect(decodeError(() => g.decodeTagKeys(hex('a3 c101 01 c102 6178 d9000102 6179')))).toBe('(root) at byte 8: duplicate key (encoded c102)');
    // A key of tag 1 whose content no kind takes: each kind's key fails inside the tag, and the key is unexpected.
    expect(decodeError(() => g.decodeTagKeys(hex('a2 c101 01 c103 01')))).toBe('(root) at byte 4: unexpected key: tag 1');
    expect(decodeError(() => g.decodeTagKeys(hex('a2 c101 01 c2 4101 01')))).toBe('(root) at byte 4: unexpected key: tag 2');
  });

  it('guard each Map by its own key type', () => {
    const g = fixture.g;
    expect(g.isBytesKeys({ rest: new Map([[hex('01'), 1]]), rest2: new Map([[hex('02'), 'x']]) })).toBe(true);
    // Each key in the other's Map.
    expect(g.isBytesKeys({ rest: new Map([[hex('02'), 1]]), rest2: new Map([[hex('01'), 'x']]) })).toBe(false);
    expect(g.isSimpleKeys({ rest3: new Map([[false, true]]) })).toBe(false);
  });
});

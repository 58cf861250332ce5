/**
 * An inline array or map as an array member after an optional one: a tuple's guard and encoder find which members
 * are present by testing the elements, an inline array or map by its kind only, which must be the kind its values
 * have in JavaScript. A map of float keys is an array of [key, value] pairs, and an array of record alternatives an
 * object; they were tested as a Map and an array, so the guard refused what the decoder gave and the encoder threw
 * "invalid value" (found by a differential fuzz of map keys of several kinds, test/fuzztmp constructs variant, seed 26:
 * `[ ag<(bstr / (float16 .lt 1.0))>, { * float16 => true } ]` with `ag<T> = (T, ? tstr)`). A tag of a fixed number around
 * a choice there (`#6.7(int / bool)`) stopped the generator with an internal error (seed 23, `[ ~r62, ~r14 ]`).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { load, type Generated } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';

const SCHEMA = `
float-keys = [ ? tstr, { * float16 => true } ]
record-alternatives = [ ? tstr, [ (x: int, y: int // tstr) ] ]
tag-of-choice = [ ? tstr, #6.7(int / bool) ]
repeated-tag-of-choice = [ * (tstr, #6.7(int / bool) // int) ]
`;

type Rules = 'FloatKeys' | 'RecordAlternatives' | 'TagOfChoice' | 'RepeatedTagOfChoice';
let g: Generated<Rules>;

beforeAll(async () => {
  g = (await load<Rules>('language-inline-member-kinds', SCHEMA)).module;
});

describe('an inline array or map after an optional array member', () => {
  it.each([
    ['FloatKeys', '81a0'],
    ['FloatKeys', '8260a0'],
    ['FloatKeys', '8261' + '61' + 'a1f93c00f5'],
    ['RecordAlternatives', '81820102'],
    ['RecordAlternatives', '8261' + '78' + '81617a'],
    ['TagOfChoice', '81c7f5'],
    ['TagOfChoice', '8260c701'],
    ['RepeatedTagOfChoice', '8301' + '6178' + 'c7f5'],
  ] as const)('%s: %s decodes to a value the guard takes and the encoder writes back', (rule, bytes) => {
    const value = g[`decode${rule}`](hex(bytes));
    expect(g[`is${rule}`](value)).toBe(true);
    expect(toHex(g[`encode${rule}`](value) as Uint8Array)).toBe(bytes);
  });
});

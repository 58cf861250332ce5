/**
 * Optional members after a group repeated in an array (`[+ (id: uint, name: tstr), ? bool]`,
 * `[* (int, tstr), bool, ? bstr]`): typed as the `groups` layout with optional `after` members
 * (layout/repeated-groups.ts repeatedGroupLayout), where RFC 8610 Appendix A reads them exactly as the typed
 * code does: where each member the first item after the repetitions may be (the optional ones up to the
 * first required one) starts with a major type no repetition starts with, the repetitions end at the
 * first such item, else where one more fails to read (`[* (int, tstr), ? int]`, repetitions-tried.test.ts);
 * the optional members then read by position (each takes every item a later one
 * does, positionalFields); and, since guards and encoders find where the repetitions end by testing
 * the elements, each of those members has an exact test and no JavaScript value a repetition has.
 * These rules were left to the general matcher, which is the oracle here.
 */
import { describe, expect, it } from 'vitest';
import { decodeError, encodeError, typeErrors } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';
import { arrayHead, type Drawn } from '../support/drawn-items.js';
import { expectDrawnItemsRoundTrip, fixedRules, pairsSchema } from '../support/pairs-differential.js';

const SCHEMA = `
entries = [+ (id: uint, name: tstr), ? bool]
pairs = [tstr, * (int, tstr), ? bool, ? true]
framed = [* (int, tstr), bool, ? bstr]
bounded = [1*2 (int, tstr // 1, bool), ? bstr]
wide = [* (uint, tstr // nint), ? tstr]
numbered = [* (tstr, int), ? int, ? uint]
; A repetition's first item may be the optional member's: one more is tried there, and fails at the end of the array.
shared = [* (int, tstr), ? int]
; Stay general: the optional members do not read by position, an inline array's test is only its kind, and a
; repetition's JavaScript value may be the optional member's.
unordered = [* (int, tstr), ? bool, ? bstr]
inline = [* (int, tstr), ? [int]]
alike = [* (a: int, b: tstr), ? point]
point = [x: int, y: int]
`;

type Rules = 'Entries' | 'Pairs' | 'Framed' | 'Bounded' | 'Wide' | 'Numbered' | 'Shared';
const RULES = ['entries', 'pairs', 'framed', 'bounded', 'wide', 'numbered', 'shared'];
const fixture = fixedRules<Rules>('trailing-optionals', SCHEMA, [...RULES, 'unordered', 'inline', 'alike']);
const { warnings, program, oracle, roundTrips } = fixture;

describe('optional members after a repeated group', () => {
  it('are typed, one tuple per number present, and the code compiles', () => {
    expect(warnings.map((w) => w.message)).toEqual([
      "'unordered' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover an optional array member after an optional one that does not take all its items (bstr after bool): with fewer items, each goes to the first optional member it matches (RFC 8610 Appendix A), not by position",
      "'inline' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover an inline array or map among the members after a group repeated in an array, some of them optional ([int]; give it a rule name)",
      "'alike' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover a member after a group repeated in an array, some of them optional, whose JavaScript values a repetition's may be (point beside (a: int, b: tstr), an object in JavaScript): the elements would not tell where the repetitions end",
    ]);
    expect(typeErrors(fixture.loaded)).toEqual([]);
    expect(fixture.text).toContain('export type Entries = { id: number | bigint; name: string }[] | [...{ id: number | bigint; name: string }[], boolean];');
  });
});

describe('optional members after a repeated group, read', () => {
  it('decodes what the general matcher takes, and only that, each round trip to the same bytes', () => {
    const cases: [Rules, string, string][] = [
      ['Entries', 'entries', '82 01 6161'],
      ['Entries', 'entries', '83 01 6161 f5'],
      ['Entries', 'entries', '85 01 6161 02 6162 f4'],
      ['Entries', 'entries', '81 f5'],
      ['Entries', 'entries', '80'],
      ['Entries', 'entries', '84 01 6161 f5 f5'],
      ['Entries', 'entries', '84 01 6161 f5 02'],
      ['Entries', 'entries', '83 01 6161 02'],
      ['Pairs', 'pairs', '81 6161'],
      ['Pairs', 'pairs', '82 6161 f4'],
      ['Pairs', 'pairs', '83 6161 f4 f5'],
      ['Pairs', 'pairs', '83 6161 f4 f4'],
      ['Pairs', 'pairs', '84 6161 01 6162 f5'],
      ['Pairs', 'pairs', '85 6161 01 6162 f5 f5'],
      ['Pairs', 'pairs', '84 6161 f5 f5 f5'],
      ['Pairs', 'pairs', '84 6161 f5 01 6162'],
      ['Framed', 'framed', '81 f5'],
      ['Framed', 'framed', '82 f5 40'],
      ['Framed', 'framed', '84 01 6161 f4 41 00'],
      ['Framed', 'framed', '83 01 6161 40'],
      ['Framed', 'framed', '84 01 6161 f4 f4'],
      ['Framed', 'framed', '80'],
      ['Bounded', 'bounded', '82 01 6161'],
      ['Bounded', 'bounded', '83 01 f5 40'],
      ['Bounded', 'bounded', '85 01 f5 02 6161 40'],
      ['Bounded', 'bounded', '86 01 f5 02 6161 03 6162'],
      ['Bounded', 'bounded', '81 40'],
      ['Bounded', 'bounded', '83 01 6161 f5'],
      ['Wide', 'wide', '80'],
      ['Wide', 'wide', '81 20'],
      ['Wide', 'wide', '81 6161'],
      ['Wide', 'wide', '84 01 6161 20 6162'],
      ['Wide', 'wide', '83 01 20 6161'],
      ['Wide', 'wide', '82 6161 6162'],
      ['Numbered', 'numbered', '82 6161 20'],
      ['Numbered', 'numbered', '83 6161 20 01'],
      ['Numbered', 'numbered', '84 6161 01 20 01'],
      ['Numbered', 'numbered', '83 6161 01 20'],
      ['Numbered', 'numbered', '84 6161 01 02 03'],
      ['Shared', 'shared', '83 01 6161 02'],
      ['Shared', 'shared', '81 02'],
      ['Shared', 'shared', '80'],
      ['Shared', 'shared', '84 01 6161 02 6162'],
      ['Shared', 'shared', '82 01 02'],
    ];
    for (const [rule, cddl, bytes] of cases) expect(roundTrips(rule, bytes), `${cddl} ${bytes}`).toBe(oracle(cddl, bytes));
    expect(fixture.g.decodeEntries(hex('85 01 6161 02 6162 f4'))).toEqual([{ id: 1, name: 'a' }, { id: 2, name: 'b' }, false]);
    expect(fixture.g.decodeEntries(hex('82 01 6161'))).toEqual([{ id: 1, name: 'a' }]);
    expect(fixture.g.decodePairs(hex('84 6161 01 6162 f5'))).toEqual(['a', [1, 'b'], true]);
    expect(fixture.g.decodeFramed(hex('84 01 6161 f4 41 00'))).toEqual([[1, 'a'], false, new Uint8Array([0])]);
    expect(fixture.g.decodeShared(hex('83 01 6161 02'))).toEqual([[1, 'a'], 2]);
    expectDrawnItemsRoundTrip(program, fixture.g, RULES, 40);
  });

  it('says where a value or an encoding goes wrong', () => {
    expect(decodeError(() => fixture.g.decodeEntries(hex('84 01 6161 f5 f5')))).toBe('(root) at byte 5: expected the end of the array, after its last member (bool)');
    expect(decodeError(() => fixture.g.decodeEntries(hex('83 01 6161 02')))).toBe('[1].name at byte 5: expected a text string, got the end of the array');
    expect(decodeError(() => fixture.g.decodeEntries(hex('81 f5')))).toBe('(root) at byte 0: expected an array of at least 1 repetition, got 0');
    expect(decodeError(() => fixture.g.decodePairs(hex('83 6161 f4 f4')))).toBe('[2] at byte 4: expected true, got false');
    expect(decodeError(() => fixture.g.decodeBounded(hex('86 01 f5 02 6161 03 6162')))).toBe('[2] at byte 6: expected a byte string, got an unsigned integer');
    expect(fixture.g.isEntries([{ id: 1, name: 'a' }, true])).toBe(true);
    expect(fixture.g.isEntries([true])).toBe(false);
    expect(fixture.g.validateEntries([true])).toEqual([{ path: '', message: 'expected an array of at least 1 repetition before at most 1 member, got an array' }]);
    expect(fixture.g.validateEntries([{ id: 1, name: 'a' }, true, true])).toEqual([{ path: '[2]', message: 'expected the end of the array, after its last member (bool), got true' }]);
    expect(fixture.g.validateEntries([{ id: 1, name: 'a' }, true, { id: 2, name: 'b' }])).toEqual([{ path: '[2]', message: 'expected the end of the array, after its last member (bool), got an object' }]);
    // Not the bool the repetitions end at: read as a repetition, and the bool is missing.
    expect(fixture.g.validateFramed([[1, 'a'], new Uint8Array(0)])).toEqual([
      { path: '[2]', message: 'expected a boolean, got undefined' },
      { path: '[1]', message: 'expected an array, got a Uint8Array of 0 bytes' },
    ]);
    expect(fixture.g.validateBounded([[1, 'a'], [1, true], [2, 'b']])).toEqual([{ path: '', message: 'expected an array of 1 to 2 repetitions before at most 1 member, got an array' }]);
    expect(fixture.g.validateNumbered([['a', 1], 2, -3])).toEqual([{ path: '[2]', message: 'expected an unsigned integer, got the number -3' }]);
    expect(fixture.g.validatePairs(['a', true, false])).toEqual([{ path: '[2]', message: 'expected true, got false' }]);
    expect(toHex(fixture.g.encodeEntries([{ id: 1, name: 'a' }, { id: 2, name: 'b' }, false]) as Uint8Array)).toBe('85016161026162f4');
    expect(toHex(fixture.g.encodeFramed([[1, 'a'], false]) as Uint8Array)).toBe('83016161f4');
    expect(toHex(fixture.g.encodeWide([[1, 'a'], [-1], 'z']) as Uint8Array)).toBe('8401616120617a');
    expect(encodeError(() => fixture.g.encodeEntries([true, { id: 1, name: 'a' }]))).toBe(
      '(root): expected an array of at least 1 repetition before at most 1 member, got an array; [1]: expected the end of the array, after its last member (bool), got an object',
    );
  });
});

/**
 * Every pair of member types: `[+ (X, tstr), ? Y]`, `[tstr, * (X, int), ? Y, ? Y]`, `[* (X, int), bool, ? Y]`,
 * `[1*2 (int, X), ? Y]` and `[* (a: X, b: tstr), ? Y]`. Arrays of items drawn for X and Y (sometimes swapped),
 * with the optional members present or not: the decoder takes the bytes exactly when the matcher does, round trip to
 * the same bytes, and the guard passes the value made of the same items when they read back as it (where a member
 * after the repetitions may start one, the items may read as more repetitions than were put together).
 */
describe('[+ (X, tstr), ? Y] and its kin for pairs of member types, against the general matcher', () => {
  const TYPES = ['int', 'uint', '1', 'tstr', 'int / null', '[int]', '[* tstr]', 'any', '#6.1(int)', 'm', 'p', 'float', 'bstr .size 4', 'bool'];
  const FORMS = [
    (x: string, y: string) => `[+ (${x}, tstr), ? ${y}]`,
    (x: string, y: string) => `[tstr, * (${x}, int), ? ${y}, ? ${y}]`,
    (x: string, y: string) => `[* (${x}, int), bool, ? ${y}]`,
    (x: string, y: string) => `[1*2 (int, ${x}), ? ${y}]`,
    (x: string, y: string) => `[* (a: ${x}, b: tstr), ? ${y}]`,
  ];
  const pairs = pairsSchema('trailing-optional-pairs', 't', TYPES, FORMS, { distinct: true, named: true });

  it('the decoder takes what the matcher takes, round trip to the same bytes, and the guard passes exactly those values', () => {
    let checked = 0;
    for (const rule of pairs.rules) {
      for (let seed = 0; seed < 12; seed++) {
        const swap = seed % 5 === 0;
        const of = pairs.itemOf(rule, seed, swap);
        const n = seed % 4;
        // How many optional members are present: none, one, or (form 1) two.
        const present = (seed >> 2) % (rule.form === 1 ? 3 : 2);
        const text = (value: string): Drawn => ({ hex: toHex(new Uint8Array([0x60 + value.length, ...new TextEncoder().encode(value)])), value });
        const int = (k: number): Drawn => ({ hex: toHex(new Uint8Array([k])), value: k });
        let lead: Drawn[] = [];
        let repetitions: Drawn[][];
        let fixed: Drawn[] = [];
        if (rule.form === 0) repetitions = Array.from({ length: n === 0 ? 1 : n }, (_, k) => [of(rule.x, k), text('x')]);
        else if (rule.form === 1) {
          lead = [text('a')];
          repetitions = Array.from({ length: n }, (_, k) => [of(rule.x, k), int(k)]);
        } else if (rule.form === 2) {
          repetitions = Array.from({ length: n }, (_, k) => [of(rule.x, k), int(k)]);
          fixed = [{ hex: 'f5', value: true }];
        } else if (rule.form === 3) repetitions = Array.from({ length: (n % 2) + 1 }, (_, k) => [int(k), of(rule.x, k)]);
        else repetitions = Array.from({ length: n }, (_, k) => [of(rule.x, k), text('x')]);
        const optional = Array.from({ length: present }, (_, k) => of(rule.y, n + k));
        const items = [...lead, ...repetitions.flat(), ...fixed, ...optional];
        const bytes = arrayHead(items.length) + items.map((d) => d.hex).join('');
        const element = (r: Drawn[]) => (rule.form === 4 ? { a: r[0]?.value, b: r[1]?.value } : r.map((d) => d.value));
        const value = [...lead.map((d) => d.value), ...repetitions.map(element), ...fixed.map((d) => d.value), ...optional.map((d) => d.value)];
        // As read: where a member after the repetitions may start one, the items may read back as more of them than were put together.
        pairs.check(rule, bytes, value, swap ? false : 'as-read');
        checked++;
      }
    }
    expect(checked).toBe(pairs.rules.length * 12);
    expect(pairs.summary()).toMatchSnapshot();
  });
});

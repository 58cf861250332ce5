/**
 * Optional members before a repeated member that members follow (`[a: int, ? b: tstr, * c: bool, d: bstr]`,
 * `[int, ? tstr, * bool, ? bstr]`): typed as a record or tuple with optional `fields` before its `rest` and `after`
 * members (layout/arrays.ts optionalsBeforeRest, optionalsBeforeRestAndAfter), where RFC 8610 Appendix A reads them
 * exactly as the typed code does: each optional member takes the next item when it reads as one (the decoder tries
 * it), the repetition takes the items up to the members after it, no item being both, and where the repetition may
 * be empty, an optional member left out does not read the first member after it. These rules were left to the
 * general matcher ("an alternative of an array with a repeated member, beside other alternatives"), the oracle here.
 */
import { describe, expect, it } from 'vitest';
import { decodeError, encodeError, typeErrors } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';
import { arrayHead, type Drawn } from '../support/drawn-items.js';
import { expectDrawnItemsRoundTrip, fixedRules, pairsSchema } from '../support/pairs-differential.js';

const SCHEMA = `
message = [a: int, ? b: tstr, * c: bool, d: bstr]
plain = [int, ? tstr, * bool, bstr]
tailed = [int, ? tstr, * bool, ? bstr]
several = [uint, ? int, ? uint, * tstr, bstr, ? nil]
records = [id: uint, ? label: tstr, 1*3 flag: bool, tail: bstr]
points = [int, ? tstr, * point, bstr]
point = [x: int, y: int]
; Stay general: left out, the optional member would read the member after the repetition ("x" in [1, "x"]); the
; repetition's items may be the member after it; a tuple's member after it tested only for its kind.
reads-after = [int, ? tstr, * bool, tstr]
shared = [int, ? tstr, * int, bstr / int]
inline = [int, ? tstr, * bool, [int]]
`;

type Rules = 'Message' | 'Plain' | 'Tailed' | 'Several' | 'Records' | 'Points';
const RULES = ['message', 'plain', 'tailed', 'several', 'records', 'points'];
const fixture = fixedRules<Rules>('optionals-around-rest', SCHEMA, [...RULES, 'reads-after', 'shared', 'inline']);
const { warnings, program, oracle, roundTrips } = fixture;

describe('optional members before a repeated one that members follow', () => {
  it('are typed, one tuple per number present, and the code compiles', () => {
    expect(warnings.map((w) => w.message)).toEqual([
      "'reads-after' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover an optional array member before a repeated one that may be empty and a member after it whose values it could also be (tstr before * bool, tstr): left out, it would read that member's item (RFC 8610 Appendix A)",
      "'shared' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover an array member after a repeated one whose items it could also be, with optional members before them (bstr / int after int)",
      "'inline' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover a tuple member after a repeated one, with optional members before them, that no exact test tells from the repeated items in JavaScript ([int] after bool; an inline array or map: give it a rule name)",
    ]);
    expect(typeErrors(fixture.loaded)).toEqual([]);
    expect(fixture.text).toContain('export type Plain = [number | bigint, string, ...boolean[], Uint8Array] | [number | bigint, ...boolean[], Uint8Array];');
  });
});

describe('optional members before a repeated one that members follow, read', () => {
  it('decodes what the general matcher takes, and only that, each round trip to the same bytes', () => {
    const cases: [Rules, string, string][] = [
      ['Message', 'message', '82 01 40'],
      ['Message', 'message', '83 01 6161 40'],
      ['Message', 'message', '85 01 6161 f5 f4 40'],
      ['Message', 'message', '84 01 f5 f5 40'],
      ['Message', 'message', '83 01 6161 f5'],
      ['Message', 'message', '84 01 6161 6162 40'],
      ['Message', 'message', '84 01 f5 6161 40'],
      ['Message', 'message', '83 01 40 40'],
      ['Message', 'message', '81 01'],
      ['Plain', 'plain', '82 01 40'],
      ['Plain', 'plain', '84 01 6161 f5 40'],
      ['Plain', 'plain', '83 01 f4 40'],
      ['Plain', 'plain', '83 01 40 f5'],
      ['Plain', 'plain', '82 01 6161'],
      ['Tailed', 'tailed', '81 01'],
      ['Tailed', 'tailed', '82 01 6161'],
      ['Tailed', 'tailed', '82 01 40'],
      ['Tailed', 'tailed', '84 01 6161 f5 40'],
      ['Tailed', 'tailed', '83 01 f5 f5'],
      ['Tailed', 'tailed', '84 01 f5 40 40'],
      ['Tailed', 'tailed', '83 01 40 f5'],
      ['Several', 'several', '82 00 40'],
      ['Several', 'several', '83 00 20 40'],
      ['Several', 'several', '84 00 01 02 40'],
      ['Several', 'several', '86 00 01 02 6161 40 f6'],
      ['Several', 'several', '84 00 20 01 40'],
      ['Several', 'several', '85 00 6161 6162 40 f6'],
      ['Several', 'several', '84 00 40 f6 f6'],
      ['Records', 'records', '83 01 f5 40'],
      ['Records', 'records', '84 01 6161 f5 40'],
      ['Records', 'records', '86 01 6161 f5 f4 f5 40'],
      ['Records', 'records', '87 01 6161 f5 f4 f5 f5 40'],
      ['Records', 'records', '83 01 6161 40'],
      ['Records', 'records', '82 01 40'],
      ['Points', 'points', '82 01 40'],
      ['Points', 'points', '84 01 6161 82 01 02 40'],
      ['Points', 'points', '84 01 82 01 02 82 03 04 40'],
      ['Points', 'points', '83 01 81 01 40'],
    ];
    for (const [rule, cddl, bytes] of cases) expect(roundTrips(rule, bytes), `${cddl} ${bytes}`).toBe(oracle(cddl, bytes));
    expect(fixture.g.decodeMessage(hex('85 01 6161 f5 f4 40'))).toEqual({ a: 1, b: 'a', c: [true, false], d: new Uint8Array(0) });
    expect(fixture.g.decodeMessage(hex('82 01 40'))).toEqual({ a: 1, c: [], d: new Uint8Array(0) });
    expect(fixture.g.decodePlain(hex('83 01 f4 40'))).toEqual([1, false, new Uint8Array(0)]);
    expect(fixture.g.decodeSeveral(hex('86 00 01 02 6161 40 f6'))).toEqual([0, 1, 2, 'a', new Uint8Array(0), null]);
    expectDrawnItemsRoundTrip(program, fixture.g, RULES, 40);
  });

  it('says where a value or an encoding goes wrong', () => {
    expect(decodeError(() => fixture.g.decodeMessage(hex('83 01 6161 f5')))).toBe('.d at byte 5: expected a byte string, got the end of the array');
    // The repetition ends at the first byte string: a text string before it is read as one more of its items.
    expect(decodeError(() => fixture.g.decodeMessage(hex('84 01 f5 6161 40')))).toBe('.c[1] at byte 3: expected a boolean, got a text string');
    expect(decodeError(() => fixture.g.decodeMessage(hex('83 01 40 40')))).toBe('(root) at byte 3: expected the end of the array, after its last member (d)');
    expect(decodeError(() => fixture.g.decodePlain(hex('83 01 40 f5')))).toBe('[2] at byte 3: expected the end of the array, after its last member');
    expect(decodeError(() => fixture.g.decodeRecords(hex('87 01 6161 f5 f4 f5 f5 40')))).toBe('(root) at byte 0: expected an array of 3 to 6 items (id, label, * flag, tail), got 7');
    expect(fixture.g.isMessage({ a: 1, c: [], d: new Uint8Array(0) })).toBe(true);
    expect(fixture.g.validateMessage({ a: 1, b: 2, c: [], d: new Uint8Array(0) })).toEqual([{ path: '.b', message: 'expected a text string, got the number 2' }]);
    expect(fixture.g.validatePlain([1, 'a', true, 'b'])).toEqual([
      { path: '[4]', message: 'expected a byte string, got undefined' },
      { path: '[3]', message: 'expected a boolean, got a string' },
    ]);
    expect(fixture.g.validatePlain([1, true, new Uint8Array(0), true])).toEqual([{ path: '[3]', message: 'expected the end of the array, after its last member (bstr), got true' }]);
    expect(fixture.g.validateTailed([1, true, 2])).toEqual([{ path: '[2]', message: 'expected a boolean, got the number 2' }]);
    expect(fixture.g.validateRecords({ id: 1, flag: [], tail: new Uint8Array(0) })).toEqual([{ path: '.flag', message: 'expected an array of 1 to 3 items, got an array' }]);
    expect(fixture.g.validateSeveral([0, 1, -2, new Uint8Array(0)])).toEqual([{ path: '[2]', message: 'expected a text string, got the number -2' }]);
    expect(toHex(fixture.g.encodePlain([1, 'a', true, new Uint8Array(0)]) as Uint8Array)).toBe('84016161f540');
    expect(toHex(fixture.g.encodePlain([1, new Uint8Array(0)]) as Uint8Array)).toBe('820140');
    expect(toHex(fixture.g.encodeMessage({ a: 1, b: 'a', c: [true], d: new Uint8Array(0) }) as Uint8Array)).toBe('84016161f540');
    expect(encodeError(() => fixture.g.encodePlain([1, 'a', 'b', new Uint8Array(0)]))).toBe('[2]: expected a boolean, got a string');
  });
});

/**
 * Every pair of member types: `[int, ? X, * Y, bstr]`, `[a: int, ? b: X, * c: Y, d: bstr]`, `[X, ? tstr, * bool, Y]`,
 * `[int, ? X, ? X, 1*3 bool, Y, ? nil]`. Arrays of items drawn for X and Y (sometimes swapped), the optional members
 * present or not: the decoder takes the bytes exactly when the matcher does, round trip to the same bytes, and the
 * guard passes the value made of the same items exactly then.
 */
describe('[int, ? X, * Y, bstr] and its kin for pairs of member types, against the general matcher', () => {
  const TYPES = ['int', 'uint', '1', 'tstr', 'int / null', '[int]', '[* tstr]', 'any', '#6.1(int)', 'm', 'p', 'float', 'bstr .size 4', 'bool'];
  const FORMS = [
    (x: string, y: string) => `[int, ? ${x}, * ${y}, bstr]`,
    (x: string, y: string) => `[a: int, ? b: ${x}, * c: ${y}, d: bstr]`,
    (x: string, y: string) => `[${x}, ? tstr, * bool, ${y}]`,
    (x: string, y: string) => `[int, ? ${x}, ? ${x}, 1*3 bool, ${y}, ? nil]`,
  ];
  const pairs = pairsSchema('optionals-around-rest-pairs', 'o', TYPES, FORMS, { distinct: true, named: true });
  const bytes = (value: Uint8Array): Drawn => ({ hex: toHex(new Uint8Array([0x40 + value.length, ...value])), value });

  it('the decoder takes what the matcher takes, round trip to the same bytes, and the guard passes exactly those values', () => {
    let checked = 0;
    for (const rule of pairs.rules) {
      for (let seed = 0; seed < 12; seed++) {
        const swap = seed % 5 === 0;
        const of = pairs.itemOf(rule, seed, swap);
        const n = seed % 4;
        const present = (seed >> 2) % (rule.form === 3 ? 3 : 2);
        const int: Drawn = { hex: '05', value: 5 };
        let items: Drawn[];
        if (rule.form === 0 || rule.form === 1) {
          items = [int, ...Array.from({ length: present }, (_, k) => of(rule.x, k)), ...Array.from({ length: n }, (_, k) => of(rule.y, k + 1)), bytes(new Uint8Array([n]))];
        } else if (rule.form === 2) {
          const flags = Array.from({ length: n }, (_, k): Drawn => (k % 2 === 0 ? { hex: 'f5', value: true } : { hex: 'f4', value: false }));
          items = [of(rule.x, 0), ...(present > 0 ? [{ hex: '6161', value: 'a' }] : []), ...flags, of(rule.y, 1)];
        } else {
          const flags = Array.from({ length: (n % 3) + 1 }, (): Drawn => ({ hex: 'f5', value: true }));
          items = [int, ...Array.from({ length: present }, (_, k) => of(rule.x, k)), ...flags, of(rule.y, 2), ...(seed % 3 === 0 ? [{ hex: 'f6', value: null }] : [])];
        }
        const encoded = arrayHead(items.length) + items.map((d) => d.hex).join('');
        let value: unknown = items.map((d) => d.value);
        if (rule.form === 1) {
          const record: Record<string, unknown> = { a: 5, c: items.slice(1 + present, items.length - 1).map((d) => d.value), d: items[items.length - 1]?.value };
          if (present > 0) record['b'] = items[1]?.value;
          value = record;
        }
        // A record left without b whose first c item b reads is not what the matcher reads (b is): the guard refuses it, rightly.
        const unambiguous = rule.form !== 1 || present > 0 || n === 0;
        pairs.check(rule, encoded, value, !swap && unambiguous);
        checked++;
      }
    }
    expect(checked).toBe(pairs.rules.length * 12);
    expect(pairs.summary()).toMatchSnapshot();
  });
});

/**
 * An array member after a repeated one that it could also be (`[int, * tstr, tstr / int]`, RFC 9171's
 * `bundle`). Arrays match as a PEG (RFC 8610 Appendix A): a repetition takes each next item its type
 * matches, up to its most, and gives none back; the members after it must match what is left. Such
 * arrays are typed now (layout/rest-ends.ts): the decoder reads as that PEG does, and the guard (so
 * the encoder) refuses a value whose bytes would read back differently, saying why. Where no data
 * item can be both (RFC 9594's `sign_info_entry`: `int / null` after arrays), the overlap test now
 * says so and the array takes the typed layout it always had. The general matcher, which was exact
 * for all of these before, is the oracle.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, compileIr, type SchemaWarning } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { decodeError, encodeError, load, typeErrors, type Generated, type Loaded } from '../bounded/module.js';
import { hex } from '../support/hex.js';
import { arrayHead, type Drawn } from '../support/drawn-items.js';
import { expectDrawnItemsRoundTrip, matcherTakes, pairsSchema, POOL_SIZE, roundTrips as roundTripsIn } from '../support/pairs-differential.js';

const SCHEMA = `
texts = [int, * tstr, tstr / int]
named = [id: int, * names: tstr, last: tstr / int]
bounded = [0*2 tstr, tstr]
bounded-record = [n: int, 0*2 words: tstr, last: tstr]
trailing = [* int, ? uint]
trailing-record = [* items: int, ? last: uint]
entry = [id: tstr / [+ tstr], params: [* any], * capab: [* any], fmt: int / null]
blocks = [1, * x-block, y-block]
x-block = { * bstr => uint, * (bstr .size 9) => uint }
y-block = { * bstr => nint, * (bstr .size 9) => nint }
disjoint = [int, * tstr, int]
pairs = [* [1, int], [uint, int]]
; Items written without their value: the generated code must still type-check (no unused locals).
nulls = [1, * null, int]
nulls-record = [a: 1, * b: null, c: int]
undefineds = [* undefined]
`;

type Rules = 'Texts' | 'Named' | 'Bounded' | 'BoundedRecord' | 'Trailing' | 'TrailingRecord' | 'Entry' | 'Blocks' | 'Disjoint' | 'Pairs';
let loaded: Loaded<Rules>;
let g: Generated<Rules>;
const warnings: SchemaWarning[] = [];
const program = lowerProgram(compileIr([{ path: 'greedy-arrays.cddl', text: SCHEMA }]), ['texts', 'named', 'bounded', 'bounded-record', 'trailing', 'trailing-record', 'entry', 'blocks', 'disjoint']);

beforeAll(async () => {
  compile([{ path: 'greedy-arrays.cddl', text: SCHEMA }], { onWarning: (w) => warnings.push(w) });
  loaded = await load<Rules>('language-greedy-arrays', SCHEMA);
  g = loaded.module;
});

const GREEDY = 'RFC 8610 Appendix A: repetitions are greedy';
/** Whether the general matcher (exact, and what these rules were before) takes the bytes as `rule`. */
const oracle = (rule: string, bytes: string) => matcherTakes(program, rule, bytes);
/** Decodes, then checks the guard passes and the encoder writes the same bytes; false when the decoder refuses. */
const roundTrips = (rule: Rules, bytes: string): boolean => roundTripsIn(g, rule, bytes);

describe('an array member after a repeated one it overlaps (RFC 8610 Appendix A)', () => {
  it('is typed: only the array whose integers could be read differently stays general', () => {
    // [uint, int] after [1, int]: with `integers: 'bigint'` uint is a bigint and 1 a number, so the guard's test of [1, int] could not say what the decoder does.
    expect(warnings.map((w) => w.message)).toEqual([
      "'x-block' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover a second kind of computed-key entries (bstr .size 9 =>) beside bstr =>, which may take the same key",
      "'y-block' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover a second kind of computed-key entries (bstr .size 9 =>) beside bstr =>, which may take the same key",
      "'pairs' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover an array member after a repeated one whose items it could also be ([uint, int] after [1, int])",
    ]);
    expect(typeErrors(loaded)).toEqual([]);
  });

  it('decodes what the general matcher takes, and only that, each round trip to the same bytes', () => {
    const cases: [Rules, string, string][] = [
      ['Texts', 'texts', '82 01 02'],
      ['Texts', 'texts', '83 01 6178 02'],
      ['Texts', 'texts', '84 01 6178 6179 02'],
      ['Texts', 'texts', '83 01 6178 6179'],
      ['Texts', 'texts', '82 01 6178'],
      ['Texts', 'texts', '84 01 6178 02 03'],
      ['Named', 'named', '83 01 6178 02'],
      ['Named', 'named', '83 01 6178 6179'],
      ['Bounded', 'bounded', '81 6161'],
      ['Bounded', 'bounded', '82 6161 6162'],
      ['Bounded', 'bounded', '83 6161 6162 6163'],
      ['Bounded', 'bounded', '84 6161 6162 6163 6164'],
      ['BoundedRecord', 'bounded-record', '84 01 6161 6162 6163'],
      ['BoundedRecord', 'bounded-record', '83 01 6161 6162'],
      ['Trailing', 'trailing', '82 01 02'],
      ['Trailing', 'trailing', '80'],
      ['TrailingRecord', 'trailing-record', '82 20 02'],
      ['Entry', 'entry', '84 6161 80 81 80 f6'],
      ['Entry', 'entry', '85 81 6161 80 80 81 01 02'],
      ['Blocks', 'blocks', '83 01 a1 4101 01 a1 4101 20'],
      ['Blocks', 'blocks', '82 01 a1 4101 20'],
      ['Blocks', 'blocks', '82 01 a0'],
      ['Disjoint', 'disjoint', '83 01 6178 02'],
      ['Disjoint', 'disjoint', '83 01 02 03'],
    ];
    for (const [rule, cddl, bytes] of cases) expect(roundTrips(rule, bytes), `${cddl} ${bytes}`).toBe(oracle(cddl, bytes));
  });

  it('a repetition takes every item it can and gives none back: the member after it is then missing', () => {
    // [1, "x", "y"]: * tstr takes "x" and "y"; tstr / int finds the end of the array.
    expect(decodeError(() => g.decodeTexts(hex('83 01 6178 6179')))).toBe(`[3] at byte 6: expected a text string or an integer, got the end of the array: the repeated member before it took every item it could (${GREEDY})`);
    // Indefinite length: the same, at the break.
    expect(decodeError(() => g.decodeTexts(hex('9f 01 6178 6179 ff')))).toBe(`[3] at byte 6: expected a text string or an integer, got the end of the array: the repeated member before it took every item it could (${GREEDY})`);
    expect(decodeError(() => g.decodeNamed(hex('83 01 6178 6179')))).toBe(`.last at byte 6: expected a text string or an integer, got the end of the array: the repeated member before it took every item it could (${GREEDY})`);
    // An empty map is an x-block too, so the y-block is missing.
    expect(decodeError(() => g.decodeBlocks(hex('82 01 a0')))).toBe(`[2] at byte 3: expected a y-block, got the end of the array: the repeated member before it took every item it could (${GREEDY})`);
  });

  it('a repetition at its most lets the next item through', () => {
    expect(g.decodeBounded(hex('83 6161 6162 6163'))).toEqual(['a', 'b', 'c']);
    expect(g.decodeBoundedRecord(hex('84 01 6161 6162 6163'))).toEqual({ n: 1, words: ['a', 'b'], last: 'c' });
    expect(decodeError(() => g.decodeBounded(hex('82 6161 6162')))).toBe(`[2] at byte 5: expected a text string, got the end of the array: the repeated member before it took every item it could (${GREEDY})`);
    expect(decodeError(() => g.decodeBounded(hex('84 6161 6162 6163 6164')))).toBe('(root) at byte 0: expected an array of 1 to 3 items, got 4');
    expect(g.isBounded(['a', 'b', 'c'])).toBe(true);
    expect(g.isBoundedRecord({ n: 1, words: ['a', 'b'], last: 'c' })).toBe(true);
  });

  it('the guard and the encoder refuse a value the decoder would read back differently, naming the path and why', () => {
    expect(g.validateTexts([1, 'x', 'y'])).toEqual([{ path: '[2]', message: `expected a text string or an integer (tstr / int) after the items of * tstr, which take this one too (${GREEDY}), got a string` }]);
    expect(encodeError(() => g.encodeTexts([1, 'x', 'y']))).toContain(`[2]: expected a text string or an integer (tstr / int) after the items of * tstr, which take this one too (${GREEDY})`);
    expect(g.validateNamed({ id: 1, names: ['x'], last: 'y' })).toEqual([
      { path: '.last', message: `expected a text string or an integer that names (* tstr) does not take: a decoder would read it as one more of its items (${GREEDY}), got a string` },
    ]);
    expect(encodeError(() => g.encodeNamed({ id: 1, names: ['x'], last: 'y' }))).toContain('.last: expected a text string or an integer that names (* tstr) does not take');
    // Below its most the repetition takes a text; at its most it does not.
    expect(g.validateBoundedRecord({ n: 1, words: ['a'], last: 'c' })).toEqual([
      { path: '.last', message: `expected a text string that words (* tstr) does not take: a decoder would read it as one more of its items (${GREEDY}), got a string` },
    ]);
    expect(g.validateBounded(['a', 'b'])).toEqual([{ path: '[1]', message: `expected a text string (tstr) after the items of * tstr, which take this one too (${GREEDY}), got a string` }]);
    // An optional member after a repetition that takes its values: in a record it can never be there; in a tuple its value is one more item.
    expect(g.validateTrailingRecord({ items: [-1], last: 2 })).toEqual([
      { path: '.last', message: `expected an unsigned integer that items (* int) does not take: a decoder would read it as one more of its items (${GREEDY}), got the number 2` },
    ]);
    expect(g.decodeTrailing(hex('82 01 02'))).toEqual([1, 2]);
    // An empty map written as the y-block would be read as an x-block.
    const CborMap = g['CborMap'] as new (entries: [unknown, unknown][]) => unknown;
    expect(g.validateBlocks([1, new CborMap([])])).toEqual([{ path: '[1]', message: `expected a y-block after the items of * x-block, which take this one too (${GREEDY}), got a CborMap` }]);
  });

  it('an item past the members after a repetition is refused: by the decoder (a definite count was checked nowhere), and by the guard (it was written under a count that left it out)', () => {
    expect(decodeError(() => g.decodeDisjoint(hex('84 01 6178 02 03')))).toBe('[3] at byte 5: expected the end of the array, after its last member');
    expect(decodeError(() => g.decodeNamed(hex('84 01 6178 02 03')))).toBe('(root) at byte 5: expected the end of the array, after its last member (last)');
    // A record's: the array's problem, at the item past its last member (before, it was left for whatever read next).
    expect(decodeError(() => g.decodeEntry(hex('85 6161 80 81 80 f6 f6')))).toBe('(root) at byte 7: expected the end of the array, after its last member (fmt)');
    // [int, * tstr, int] took [1, 2, 3] and wrote 83 01 02.
    expect(g.validateDisjoint([1, 2, 3])).toEqual([{ path: '[2]', message: 'expected the end of the array, after its last member (int), got the number 3' }]);
    expect(g.validateTexts([1, 'x', 2, 3])).toEqual([{ path: '[3]', message: 'expected the end of the array, after its last member (tstr / int), got the number 3' }]);
  });

  it('members no item of the repetition can be take the typed layout (RFC 9594 sign_info_entry: int / null after arrays)', () => {
    expect(g.decodeEntry(hex('85 81 6161 80 80 81 01 02'))).toMatchObject({ id: ['a'], params: [], capab: [[], [expect.anything()]], fmt: 2 });
    // A text is neither: the repetition, which the kinds of item end here, reports it.
    expect(decodeError(() => g.decodeEntry(hex('84 6161 80 80 6178')))).toBe('.capab[1] at byte 5: expected an array, got a text string');
    expect(g.validateEntry({ id: 'a', params: [], capab: [], fmt: 'x' })).toEqual([{ path: '.fmt', message: 'expected an integer or null, got a string' }]);
  });

  it('the test-data generator draws only items the repetition before them does not take', () => {
    expectDrawnItemsRoundTrip(program, g, ['texts', 'named', 'bounded', 'bounded-record', 'trailing-record', 'blocks']);
  });
});

/**
 * Every pair of member types, after a repetition: the typed functions against the general matcher.
 * The items of `[1, * X, Y]` (and the record `[a: 1, * b: X, c: Y]`, `[0*2 X, Y]`, and with `? Y`) are drawn for
 * X and Y alone, so an array may hold a last item X takes: the decoder must take the bytes exactly
 * when the matcher does, and give back the same bytes; the guard must pass the value made of the
 * same items where they are the values they were drawn as, and a value it passes must be written
 * as bytes the matcher takes, which read back as a value written as the same bytes.
 */
describe('[1, * X, Y] and [1, * X, ? Y] for pairs of member types, against the general matcher', () => {
  const TYPES = ['int', 'uint', '1', 'tstr', 'int / null', 'tstr / int', '[int]', '[1, int]', '[* tstr]', 'any', '#6.1(int)', 'm', 'p', 'float'];
  const FORMS = [
    (x: string, y: string) => `[1, * ${x}, ${y}]`,
    (x: string, y: string) => `[a: 1, * b: ${x}, c: ${y}]`,
    (x: string, y: string) => `[0*2 ${x}, ${y}]`,
    (x: string, y: string) => `[1, * ${x}, ? ${y}]`,
    (x: string, y: string) => `[a: 1, * b: ${x}, ? c: ${y}]`,
  ];
  const RECORDS = [1, 4];
  const pairs = pairsSchema('greedy-pairs', 't', TYPES, FORMS);

  it('the decoder takes what the matcher takes, round trip to the same bytes, and the guard passes exactly those values', () => {
    let checked = 0;
    for (const rule of pairs.rules) {
      for (let seed = 0; seed < 12; seed++) {
        const n = seed % 4;
        const xs = Array.from({ length: n }, (_, k) => pairs.pool(rule.x)[(seed + k) % POOL_SIZE] as Drawn);
        // Every third array ends with an item of X, the repetition's own type.
        const last = pairs.pool(seed % 3 === 0 ? rule.x : rule.y)[(seed + 5) % POOL_SIZE] as Drawn;
        const lead = rule.form === 2 ? [] : ['01'];
        // An optional last member is left out of every fourth array.
        const omitted = rule.form >= 3 && seed % 4 === 1;
        const bytes = arrayHead(lead.length + n + (omitted ? 0 : 1)) + lead.join('') + xs.map((x) => x.hex).join('') + (omitted ? '' : last.hex);
        // The same items as JavaScript values, put together as the type says.
        const items = xs.map((x) => x.value);
        const tail = last.value;
        const value = RECORDS.includes(rule.form) ? { a: 1, b: items, ...(omitted ? {} : { c: tail }) } : [...(rule.form === 2 ? [] : [1]), ...items, ...(omitted ? [] : [tail])];
        // Items that are the values they were drawn as (X's last item not also a Y value): the guard says what the matcher says.
        pairs.check(rule, bytes, value, !RECORDS.includes(rule.form) && (seed % 3 !== 0 || rule.x === rule.y || omitted));
        checked++;
      }
    }
    expect(checked).toBe(pairs.rules.length * 12);
    expect(pairs.summary()).toMatchSnapshot();
  });
});

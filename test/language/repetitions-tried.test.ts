/**
 * A group repeated in an array before members whose first item may start a repetition (`[* (int, tstr), int]`,
 * `[* (int, tstr), ? int]`, `[+ (int, tstr), int, ? bool]`): typed as the `groups` layout with `after` members and
 * `endsByTrying` (layout/repeated-groups-ends.ts), read as RFC 8610 Appendix A reads it. Each repetition tries the
 * group; where it fails, part-way or at once, its items go back and the repetitions end there, and the members after
 * them read from there: `[1, "a", 2]` is one repetition and 2, `[2]` none and 2, and `[1, "a", 2, "b"]` two and no
 * int, refused. A value whose members after the repetitions one more would read (`[2, "b"]` as no repetition of
 * `[* (int, tstr), int, tstr]`) reads back otherwise, so guards and encoders refuse it. These rules were left to the
 * general matcher ("a group of several members repeated 0* inside an array"), which is the oracle here.
 */
import { describe, expect, it } from 'vitest';
import { decodeError, encodeError, typeErrors } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';
import type { Drawn } from '../support/drawn-items.js';
import { checkPairCases, describePairDifferential, expectDrawnItemsRoundTrip, fixedRules, type PairMember, type Pairs } from '../support/pairs-differential.js';

const SCHEMA = `
points = [* (x: int, y: tstr), int]
pairs = [* (int, tstr), ? int]
counted = [+ (int, tstr), int, ? bool]
; Matches nothing: the repetitions take every int and text string after them in twos (typed never, with a warning).
doubled = [* (int, tstr), int, tstr]
bounded = [tstr, 0*2 (int, tstr), int, tstr]
; A uint's test passes every 1, as its decoder reads each.
literal = [0*2 (uint, tstr), 1, tstr]
chosen = [* (int, tstr // bool), int, bool]
flagged = [0*2 (int, tstr // bool), bool, ? int]
nested = [* (point, tstr), point]
point = [x: int, y: int]
; Stays general: whether one more repetition reads an any, no test of a CborAny says.
unsure = [* (int, tstr), int, any]
`;

type Rules = 'Points' | 'Pairs' | 'Counted' | 'Doubled' | 'Bounded' | 'Literal' | 'Chosen' | 'Flagged' | 'Nested';
const RULES = ['points', 'pairs', 'counted', 'doubled', 'bounded', 'literal', 'chosen', 'flagged', 'nested'];
const fixture = fixedRules<Rules>('repetitions-tried', SCHEMA, [...RULES, 'unsure']);
const { warnings, program, oracle, roundTrips } = fixture;

describe('a repeated group before members that may start like a repetition', () => {
  it('is typed as the repeated groups are, and the code compiles', () => {
    expect(warnings.map((w) => w.message)).toEqual([
      'array members after an unbounded repeated group that one more repetition always reads (int, tstr after * (int, tstr): RFC 8610 Appendix A repeats the group while it matches), so no data item matches it: it is typed never, and decoding it always fails',
      "'unsure' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover a member after a group repeated in an array that one more repetition could read, where no test of its values says whether it would (any read as tstr of (int, tstr)): RFC 8610 Appendix A tries the group once more before the members after it, and a value it would read must be refused",
    ]);
    expect(typeErrors(fixture.loaded)).toEqual([]);
    expect(fixture.text).toContain('export type Points = [...{ x: number | bigint; y: string }[], number | bigint];');
    expect(fixture.text).toContain('export type Pairs = [number | bigint, string][] | [...[number | bigint, string][], number | bigint];');
  });
});

describe('a repeated group before members that may start like a repetition, read', () => {
  it('decodes what the general matcher takes, and only that, each round trip to the same bytes', () => {
    const cases: [Rules, string, string][] = [
      ['Points', 'points', '83 01 6161 02'],
      ['Points', 'points', '81 02'],
      ['Points', 'points', '84 01 6161 02 6162'],
      ['Points', 'points', '85 01 6161 02 6162 03'],
      ['Points', 'points', '80'],
      ['Points', 'points', '82 01 02'],
      ['Points', 'points', '83 01 02 6161'],
      ['Pairs', 'pairs', '80'],
      ['Pairs', 'pairs', '81 02'],
      ['Pairs', 'pairs', '83 01 6161 02'],
      ['Pairs', 'pairs', '82 01 6161'],
      ['Pairs', 'pairs', '82 01 02'],
      ['Counted', 'counted', '83 01 6161 02'],
      ['Counted', 'counted', '84 01 6161 02 f5'],
      ['Counted', 'counted', '81 02'],
      ['Counted', 'counted', '82 02 f5'],
      ['Counted', 'counted', '85 01 6161 02 6162 03'],
      ['Doubled', 'doubled', '82 02 6162'],
      ['Doubled', 'doubled', '84 01 6161 02 6162'],
      ['Doubled', 'doubled', '81 02'],
      ['Bounded', 'bounded', '83 6161 02 6162'],
      ['Bounded', 'bounded', '85 6161 01 6161 02 6162'],
      ['Bounded', 'bounded', '87 6161 01 6161 02 6162 03 6163'],
      ['Bounded', 'bounded', '89 6161 01 6161 02 6162 03 6163 04 6164'],
      ['Literal', 'literal', '82 01 6161'],
      ['Literal', 'literal', '84 01 6161 01 6162'],
      ['Literal', 'literal', '84 05 6161 01 6162'],
      ['Literal', 'literal', '86 05 6161 07 6162 01 6163'],
      ['Literal', 'literal', '86 01 6161 01 6162 01 6163'],
      ['Chosen', 'chosen', '82 01 f5'],
      ['Chosen', 'chosen', '84 f4 01 f5 f5'],
      ['Chosen', 'chosen', '85 01 6161 f4 02 f5'],
      ['Chosen', 'chosen', '83 01 6161 f5'],
      ['Flagged', 'flagged', '81 f5'],
      ['Flagged', 'flagged', '82 f5 f4'],
      ['Flagged', 'flagged', '83 f5 f4 01'],
      ['Flagged', 'flagged', '82 f5 01'],
      ['Flagged', 'flagged', '84 01 6161 f5 02'],
      ['Flagged', 'flagged', '84 f5 f4 f5 01'],
      ['Flagged', 'flagged', '83 f5 f4 f5'],
      ['Nested', 'nested', '81 82 01 02'],
      ['Nested', 'nested', '83 82 01 02 6161 82 03 04'],
      ['Nested', 'nested', '82 82 01 02 6161'],
      ['Nested', 'nested', '82 82 01 02 82 03 04'],
    ];
    for (const [rule, cddl, bytes] of cases) expect(roundTrips(rule, bytes), `${cddl} ${bytes}`).toBe(oracle(cddl, bytes));
    expect(fixture.g.decodePoints(hex('83 01 6161 02'))).toEqual([{ x: 1, y: 'a' }, 2]);
    expect(fixture.g.decodePoints(hex('81 02'))).toEqual([2]);
    // An array of indefinite length ends the repetitions at its break as at its count.
    expect(fixture.g.decodePoints(hex('9f 01 6161 02 ff'))).toEqual([{ x: 1, y: 'a' }, 2]);
    expect(oracle('points', '9f 01 6161 02 6162 ff')).toBe(false);
    expect(decodeError(() => fixture.g.decodePoints(hex('9f 01 6161 02 6162 ff')))).toBe('[2] at byte 7: expected an integer, got the end of the array');
    expect(fixture.g.decodePairs(hex('83 01 6161 02'))).toEqual([[1, 'a'], 2]);
    // The repetitions take every boolean they can, up to two: [true, false] is two of them and no boolean after.
    expect(fixture.g.decodeFlagged(hex('84 f5 f4 f5 01'))).toEqual([[true], [false], true, 1]);
    expect(fixture.g.decodeNested(hex('83 82 01 02 6161 82 03 04'))).toEqual([[{ x: 1, y: 2 }, 'a'], { x: 3, y: 4 }]);
    expectDrawnItemsRoundTrip(program, fixture.g, RULES.filter((rule) => rule !== 'doubled'), 40);
  });

  it('refuses a value whose members after the repetitions one more would read, and says why', () => {
    const oneMore = 'expected members after the repetitions that one more would not read (RFC 8610 Appendix A repeats the group while it matches, so these would read back as a repetition)';
    expect(decodeError(() => fixture.g.decodePoints(hex('84 01 6161 02 6162')))).toBe('[2] at byte 7: expected an integer, got the end of the array');
    expect(fixture.text).toContain('export type Doubled = never;');
    expect(fixture.g.isDoubled([2, 'b'])).toBe(false);
    expect(fixture.g.isLiteral([1, 'a'])).toBe(false);
    expect(fixture.g.isLiteral([[1, 'a'], [2, 'b'], 1, 'c'])).toBe(true);
    expect(fixture.g.validateLiteral([[1, 'a'], 1, 'b'])).toEqual([{ path: '[1]', message: `${oneMore}, got the number 1` }]);
    expect(fixture.g.isBounded(['a', [1, 'a'], [2, 'b'], 3, 'c'])).toBe(true);
    expect(fixture.g.validateBounded(['a', [1, 'a'], 3, 'c'])).toEqual([{ path: '[2]', message: `${oneMore}, got the number 3` }]);
    expect(fixture.g.isFlagged([[true], [false], true])).toBe(true);
    expect(fixture.g.isFlagged([false])).toBe(false);
    expect(fixture.g.validateFlagged([[true], false, 1])).toEqual([{ path: '[1]', message: `${oneMore}, got false` }]);
    expect(fixture.g.isChosen([1, true])).toBe(true);
    expect(toHex(fixture.g.encodeBounded(['a', [1, 'a'], [2, 'b'], 3, 'c']) as Uint8Array)).toBe('876161016161026162036163');
    expect(encodeError(() => fixture.g.encodeBounded(['a', 2, 'b']))).toBe(`[1]: ${oneMore}, got the number 2`);
  });
});

/** A form's members: `x` and `y` the pair's member types, others written out (`tstr`, `int`, `bool`, `0`, `1`). */
type Member = PairMember;

interface Form {
  cddl: (x: string, y: string) => string;
  /** Members before the repetitions, the repetition's members (each alternative's, all of two), and those after them. */
  lead: Member[];
  group: Member[][];
  after: Member[];
  /** How many of the members after them are required (the rest are optional). */
  required: number;
  min: number;
  max: number;
  /** Repetitions are records `{ a, b }`. */
  record?: boolean;
}

const TYPES = ['int', 'uint', '1', 'tstr', 'int / null', '[int]', '[* tstr]', 'any', '#6.1(int)', 'm', 'p', 'float', 'bstr .size 4', 'bool'];
/** How many arrays of each rule, from which seed: TRIED_DIFFERENTIAL_SEEDS, TRIED_DIFFERENTIAL_SEED run others. */
const SEEDS = Number(process.env.TRIED_DIFFERENTIAL_SEEDS ?? 16);
const FIRST = Number(process.env.TRIED_DIFFERENTIAL_SEED ?? 0);

const FORMS: Form[] = [
  { cddl: (x, y) => `[* (${x}, ${y}), ${x}]`, lead: [], group: [['x', 'y']], after: ['x'], required: 1, min: 0, max: 4 },
  { cddl: (x, y) => `[* (${x}, ${y}), ${x}, ${y}]`, lead: [], group: [['x', 'y']], after: ['x', 'y'], required: 2, min: 0, max: 4 },
  { cddl: (x, y) => `[+ (${x}, tstr), ${x}, ? ${y}]`, lead: [], group: [['x', 'tstr']], after: ['x', 'y'], required: 1, min: 1, max: 4 },
  { cddl: (x, y) => `[* (a: ${x}, b: ${y}), ? ${x}]`, lead: [], group: [['x', 'y']], after: ['x'], required: 0, min: 0, max: 4, record: true },
  { cddl: (x, y) => `[tstr, 0*2 (${x}, ${y}), ${x}, ${y}, ? bool]`, lead: ['tstr'], group: [['x', 'y']], after: ['x', 'y', 'bool'], required: 2, min: 0, max: 2 },
  // Alternatives told apart by their first members in JavaScript too (`(tstr, int // tstr, #6.1(int))` are not: the
  // guard and encoder take `["a", 1]` as the first, whichever the decoder read; see the report of this change).
  { cddl: (x, y) => `[* (0, ${x} // 1, ${y}), ${y}, ${x}]`, lead: [], group: [['0', 'x'], ['1', 'y']], after: ['y', 'x'], required: 2, min: 0, max: 4 },
];

/**
 * Every pair of member types in each form. Arrays of items drawn for X and Y, of two kinds: put together as the
 * form's value (some repetitions, then the members after them, some optional ones present), and items picked at
 * random from X's, Y's and a few others, grouped into a value at random (a random number of repetitions of the
 * first items, the rest as members after them). The decoder takes the bytes exactly when the matcher does, round
 * trip to the same bytes; a value the guard passes encodes to bytes the matcher takes, which read back as it; and
 * the guard passes the value exactly when the decoder reads its bytes as it.
 */
describePairDifferential('[* (X, Y), X] and its kin for pairs of member types, against the general matcher', 'repetitions-tried-pairs', 'r', TYPES, FORMS.map((form) => form.cddl), { distinct: true, named: true, snapshot: FIRST === 0 && SEEDS === 16 }, (pairs) => checkPairs(pairs, FORMS));

/** The types written inline (scalars are then seen as such: a repetition that always reads the members after it is never), beside integer literals. */
const INLINE_FORMS: Form[] = [
  { cddl: (x, y) => `[* (${x}, ${y}), ${x}, ${y}]`, lead: [], group: [['x', 'y']], after: ['x', 'y'], required: 2, min: 0, max: 4 },
  { cddl: (x, y) => `[0*2 (${x}, ${y}), ${y}, ${x}]`, lead: [], group: [['x', 'y']], after: ['y', 'x'], required: 2, min: 0, max: 2 },
  { cddl: (x, y) => `[0*3 (uint, ${x}), 1, ${y}]`, lead: [], group: [['int', 'x']], after: ['1', 'y'], required: 2, min: 0, max: 3 },
  { cddl: (x, y) => `[1*3 (${x}, int), ${x}, ? ${y}]`, lead: [], group: [['x', 'int']], after: ['x', 'y'], required: 1, min: 1, max: 3 },
];

describePairDifferential('[* (X, Y), X, Y] and its kin for pairs of member types written inline, against the general matcher', 'repetitions-tried-inline', 'i', TYPES, INLINE_FORMS.map((form) => form.cddl), { distinct: true, snapshot: FIRST === 0 && SEEDS === 16 }, (pairs) => checkPairs(pairs, INLINE_FORMS));

/** Checks `SEEDS` arrays of each rule (from `FIRST`): half put together as its form reads, half at random. */
function checkPairs(pairs: Pairs, forms: Form[]): { checked: number; taken: number } {
  return checkPairCases(pairs, FIRST, SEEDS, (rule, seed, random, item) => {
    const form = forms[rule.form] as Form;
    let lead: Drawn[];
    let repetitions: Drawn[][];
    let after: Drawn[];
    if (seed % 2 === 0) {
      // Put together as the form reads: its members before, repetitions, the members after them.
      lead = form.lead.map(item);
      const n = form.min + random(form.max - form.min + 1);
      repetitions = Array.from({ length: n }, () => (form.group[random(form.group.length)] as Member[]).map(item));
      const present = form.required + random(form.after.length - form.required + 1);
      after = form.after.slice(0, present).map(item);
    } else {
      // Items at random, grouped at random.
      const literals = [...form.group.flat(), ...form.after].filter((m) => m === '0' || m === '1');
      const alphabet: Member[] = ['x', 'x', 'y', 'y', 'tstr', 'int', 'bool', ...literals];
      const items = Array.from({ length: random(8) }, () => item(alphabet[random(alphabet.length)] as Member));
      const leading = Math.min(form.lead.length, items.length);
      lead = items.slice(0, leading);
      const n = random(Math.floor((items.length - leading) / 2) + 1);
      repetitions = Array.from({ length: n }, (_, r) => items.slice(leading + 2 * r, leading + 2 * r + 2));
      after = items.slice(leading + 2 * n);
    }
    const element = (r: Drawn[]) => (form.record === true ? { a: r[0]?.value, b: r[1]?.value } : r.map((d) => d.value));
    return { items: [...lead, ...repetitions.flat(), ...after], value: [...lead.map((d) => d.value), ...repetitions.map(element), ...after.map((d) => d.value)] };
  });
}

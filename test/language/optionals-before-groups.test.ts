/**
 * Optional members before a group repeated in an array (`[? bool, * (int, tstr)]`, `[version: uint, ? flags: bstr, *
 * (label: tstr, value: any)]`): typed as the `groups` layout with optional `fields`, one tuple per number present
 * (layout/repeated-groups.ts optionalsBeforeRepetitions). RFC 8610 Appendix A gives the next item to each optional
 * member when it reads as one and never gives it back, so this reads back as written only where no data item is both an
 * optional member's and a repetition's first member's, and guards and encoders find the members present by their exact
 * tests, where no JavaScript value is both a member's and a repetition (an array or an object). Other such rules stay
 * with the general matcher, which is the oracle here.
 */
import { describe, expect, it } from 'vitest';
import { decodeError, typeErrors } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';

const h = hex;
import type { Drawn } from '../support/drawn-items.js';
import { checkPairCases, describePairDifferential, expectDrawnItemsRoundTrip, fixedRules, type PairMember, type Pairs } from '../support/pairs-differential.js';

const SCHEMA = `
flagged = [? bool, * (int, tstr)]
labelled = [version: uint, ? flags: bstr, + (label: tstr, value: any)]
levels = [tstr, ? uint, ? 0..5, 0*3 (tstr, int // bool, nil)]
nested = [? point, * (tstr, point)]
point = [x: int, y: int]
; Stay general: an absent optional member would read the first repetition's int, or is an inline array.
shadowing = [? int, * (int, tstr)]
inline = [? [int], * (tstr, int)]
`;

type Rules = 'Flagged' | 'Labelled' | 'Levels' | 'Nested';
const RULES = ['flagged', 'labelled', 'levels', 'nested'];
const fixture = fixedRules<Rules>('optionals-before-groups', SCHEMA, [...RULES, 'shadowing', 'inline']);
const { warnings, program, oracle, roundTrips } = fixture;

describe('optional members before a repeated group', () => {
  it('are typed, one tuple per number present, and the code compiles', () => {
    expect(warnings.map((w) => w.message.replace(/ \(RFC 8610 Appendix A\)$/, ''))).toEqual([
      "'shadowing' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover an optional member before a group repeated in an array whose values a repetition's first member may also be (int before (int, tstr)): left out, it would read that member's item",
      "'inline' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover an optional member before a group repeated in an array that is an inline array or map ([int]; give it a rule name)",
    ]);
    expect(typeErrors(fixture.loaded)).toEqual([]);
    expect(fixture.text).toContain('export type Flagged = [boolean, ...[number | bigint, string][]] | [number | bigint, string][];');
    expect(fixture.text).toContain('export type Labelled =\n  | [number | bigint, Uint8Array, ...{ label: string; value: CborAny }[]]\n  | [number | bigint, ...{ label: string; value: CborAny }[]];');
  });

  it('decode what the general matcher takes, and only that, each round trip to the same bytes', () => {
    const cases: [Rules, string, string][] = [
      ['Flagged', 'flagged', '80'],
      ['Flagged', 'flagged', '81 f5'],
      ['Flagged', 'flagged', '83 f4 01 6161'],
      ['Flagged', 'flagged', '82 01 6161'],
      ['Flagged', 'flagged', '84 01 6161 02 6162'],
      ['Flagged', 'flagged', '82 f5 f4'],
      ['Flagged', 'flagged', '83 01 6161 f5'],
      ['Flagged', 'flagged', '82 f5 01'],
      ['Labelled', 'labelled', '83 01 6161 f6'],
      ['Labelled', 'labelled', '84 01 41ff 6161 f6'],
      ['Labelled', 'labelled', '82 01 41ff'],
      ['Labelled', 'labelled', '81 01'],
      ['Labelled', 'labelled', '85 01 6161 f6 6162 01'],
      ['Levels', 'levels', '81 6161'],
      ['Levels', 'levels', '82 6161 07'],
      ['Levels', 'levels', '83 6161 07 03'],
      ['Levels', 'levels', '84 6161 07 03 04'],
      ['Levels', 'levels', '85 6161 07 6162 01 f5'],
      ['Levels', 'levels', '84 6161 f5 f6 f5'],
      ['Levels', 'levels', '86 6161 f5 f6 f5 f6 f5'],
      ['Levels', 'levels', '88 6161 f5 f6 f5 f6 f5 f6 f4'],
      ['Nested', 'nested', '80'],
      ['Nested', 'nested', '81 82 01 02'],
      ['Nested', 'nested', '83 82 01 02 6161 82 03 04'],
      ['Nested', 'nested', '82 6161 82 03 04'],
      ['Nested', 'nested', '82 82 01 02 82 03 04'],
    ];
    for (const [rule, cddl, bytes] of cases) expect(roundTrips(rule, bytes), `${cddl} ${bytes}`).toBe(oracle(cddl, bytes));
    expect(fixture.g.decodeFlagged(hex('83 f4 01 6161'))).toEqual([false, [1, 'a']]);
    expect(fixture.g.decodeFlagged(hex('82 01 6161'))).toEqual([[1, 'a']]);
    expect(fixture.g.decodeLevels(hex('85 6161 07 03 6162 04'))).toEqual(['a', 7, 3, ['b', 4]]);
    // 3 is the uint's and 4 the 0..5's: no repetition starts with an integer.
    expect(oracle('levels', '83 6161 03 04')).toBe(true);
    expect(fixture.g.decodeLevels(hex('83 6161 03 04'))).toEqual(['a', 3, 4]);
    expect(decodeError(() => fixture.g.decodeFlagged(hex('82 f5 f4')))).toBe('[1][0] at byte 2: expected an integer, got false');
    expectDrawnItemsRoundTrip(program, fixture.g, RULES, 40);
  });

  it('guards find the members present by their tests, and encoders write them', () => {
    expect(fixture.g.isFlagged([true, [1, 'a']])).toBe(true);
    expect(fixture.g.isFlagged([[1, 'a'], [2, 'b']])).toBe(true);
    expect(fixture.g.isFlagged([true, false])).toBe(false);
    expect(toHex(fixture.g.encodeFlagged([[1, 'a']]) as Uint8Array)).toBe('82016161');
    expect(toHex(fixture.g.encodeFlagged([true, [1, 'a']]) as Uint8Array)).toBe('83f5016161');
    expect(toHex(fixture.g.encodeLevels(['a', 7, 3, ['b', 1]]) as Uint8Array)).toBe('8561610703616201');
    // After the optional members (7 and 3), a repetition starts with a text string or a boolean, not 4.
    expect(fixture.g.isLevels(['a', 7, 3, 4])).toBe(false);
    expect(fixture.g.validateLabelled([1, h('ff')])).toEqual([{ path: '', message: 'expected an array with at least 1 repetition after its optional members, got an array' }]);
  });
});

/** A form's members: `x` and `y` the pair's member types, others written out. */
type Member = Exclude<PairMember, '0' | '1'>;

interface Form {
  cddl: (x: string, y: string) => string;
  /** Members before the repetitions that occur once, then the optional ones, the repetition's alternatives, the least and most repetitions. */
  lead: Member[];
  optional: Member[];
  group: Member[][];
  min: number;
  max: number;
  /** Repetitions are records `{ a, b }`. */
  record?: boolean;
}

const TYPES = ['int', 'uint', '1', 'tstr', 'int / null', '[int]', '[* tstr]', 'any', '#6.1(int)', 'm', 'p', 'float', 'bstr .size 4', 'bool'];
/** How many arrays of each rule, from which seed: OPTIONAL_LEAD_SEEDS, OPTIONAL_LEAD_SEED run others. */
const SEEDS = Number(process.env.OPTIONAL_LEAD_SEEDS ?? 16);
const FIRST = Number(process.env.OPTIONAL_LEAD_SEED ?? 0);

const FORMS: Form[] = [
  { cddl: (x, y) => `[? ${x}, * (${y}, tstr)]`, lead: [], optional: ['x'], group: [['y', 'tstr']], min: 0, max: 3 },
  { cddl: (x, y) => `[tstr, ? ${x}, 1*3 (a: ${y}, b: int)]`, lead: ['tstr'], optional: ['x'], group: [['y', 'int']], min: 1, max: 3, record: true },
  { cddl: (x, y) => `[? ${x}, ? ${x}, * (${y}, bool // tstr, ${y})]`, lead: [], optional: ['x', 'x'], group: [['y', 'bool'], ['tstr', 'y']], min: 0, max: 3 },
];

/**
 * Every pair of member types in each form. Arrays of items drawn for X and Y, of two kinds: put together as the
 * form's value (the members before, some optional ones present, some repetitions), and items picked at random from
 * X's, Y's and a few others, grouped into a value at random. The decoder takes the bytes exactly when the matcher
 * does, round trip to the same bytes; a value the guard passes encodes to bytes the matcher takes, which read back as
 * it; and the guard passes the value when the decoder reads its bytes as it.
 */
describePairDifferential('[? X, * (Y, tstr)] and its kin for pairs of member types, against the general matcher', 'optional-lead-pairs', 'o', TYPES, FORMS.map((form) => form.cddl), { distinct: true, named: true, snapshot: FIRST === 0 && SEEDS === 16 }, (pairs) => checkPairs(pairs, FORMS));

/** Checks `SEEDS` arrays of each rule (from `FIRST`): half put together as its form reads, half at random. */
function checkPairs(pairs: Pairs, forms: Form[]): { checked: number; taken: number } {
  return checkPairCases(pairs, FIRST, SEEDS, (rule, seed, random, item) => {
    const form = forms[rule.form] as Form;
    let lead: Drawn[];
    let repetitions: Drawn[][];
    if (seed % 2 === 0) {
      // Put together as the form reads: the members before, some optional ones present, repetitions.
      lead = [...form.lead.map(item), ...form.optional.slice(0, random(form.optional.length + 1)).map(item)];
      const n = form.min + random(form.max - form.min + 1);
      repetitions = Array.from({ length: n }, () => (form.group[random(form.group.length)] as Member[]).map(item));
    } else {
      // Items at random, grouped at random.
      const alphabet: Member[] = ['x', 'x', 'y', 'y', 'tstr', 'int', 'bool'];
      const items = Array.from({ length: random(8) }, () => item(alphabet[random(alphabet.length)] as Member));
      const leading = Math.min(form.lead.length + random(form.optional.length + 1), items.length);
      lead = items.slice(0, leading);
      const n = Math.floor((items.length - leading) / 2);
      repetitions = Array.from({ length: n }, (_, r) => items.slice(leading + 2 * r, leading + 2 * r + 2));
    }
    const element = (r: Drawn[]) => (form.record === true ? { a: r[0]?.value, b: r[1]?.value } : r.map((d) => d.value));
    return { items: [...lead, ...repetitions.flat()], value: [...lead.map((d) => d.value), ...repetitions.map(element)] };
  });
}

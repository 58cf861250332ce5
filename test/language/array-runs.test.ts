/**
 * Several repeated array members one after another (`[* int, * tstr]`, `[version: uint, * names: tstr, 1*3 keys:
 * bstr]`): the `runs` layout (layout/runs.ts). Where no data item is two members' that may meet (a member of a varying
 * count and each later one with only members that may be empty between them), RFC 8610 Appendix A's greedy reading is
 * the only way to split the items, so each member takes the items that are its own. Named members are an object with an
 * array property per repeated member; otherwise the items are one array, which guards and encoders walk in order as the
 * decoder does, each member taking the next elements while its exact test passes, which no JavaScript value of a member
 * it may meet passes. Other such rules stay with the general matcher, which is the oracle here.
 */
import { describe, expect, it } from 'vitest';
import { decodeError, load, typeErrors } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';

const h = hex;
import type { Drawn } from '../support/drawn-items.js';
import { checkPairCases, describePairDifferential, expectDrawnItemsRoundTrip, fixedRules, type PairMember, type Pairs } from '../support/pairs-differential.js';

const SCHEMA = `
numbersThenTexts = [* int, * tstr]
versioned = [version: uint, ? flag: bool, * names: tstr, 1*3 keys: bstr]
bounded = [1*2 uint, ? tstr, 0*2 (bool / null), * point]
point = [x: int, y: int]
tree = [* tree, * bstr]
either = versioned / numbersThenTexts / tstr / { k: int }
pairsThenFlags = [* (int, tstr), 1*2 bool]
keyed = [+ pair, * flags: bool]
pair = (k: tstr, v: int)
; A float once, then texts and integers: the first number is the float's, whatever its value.
positional = [float, * tstr, * int]
; Stay general: an integer may be either member's, or a number either's in JavaScript.
overlapping = [* int, * uint]
numbers = [* int, * float]
`;

type Rules = 'NumbersThenTexts' | 'Versioned' | 'Bounded' | 'Tree' | 'Either' | 'PairsThenFlags' | 'Keyed' | 'Positional';
const RULES = ['numbersThenTexts', 'versioned', 'bounded', 'tree', 'either', 'pairsThenFlags', 'keyed', 'positional'];
const fixture = fixedRules<Rules>('array-runs', SCHEMA, [...RULES, 'overlapping', 'numbers']);
const { warnings, program, oracle, roundTrips } = fixture;

describe('repeated array members one after another', () => {
  it('are typed, as one array or an object of arrays, and the code compiles', () => {
    expect(warnings.map((w) => w.message)).toEqual([
      "'overlapping' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover an array member that repeats (0*) beside other members",
      "'numbers' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover an array member that repeats (0*) beside other members",
    ]);
    expect(typeErrors(fixture.loaded)).toEqual([]);
    expect(fixture.text).toContain('export type NumbersThenTexts = (number | bigint | string)[];');
    expect(fixture.text).toContain('export interface Versioned {\n  version: number | bigint;\n  flag?: boolean;\n  names: string[];\n  keys: Uint8Array[];\n}');
    expect(fixture.text).toContain('export type Bounded = (number | bigint | string | boolean | null | Point)[];');
    expect(fixture.text).toContain('export type PairsThenFlags = ([number | bigint, string] | boolean)[];');
    expect(fixture.text).toContain('export interface Keyed {\n  pair: { k: string; v: number | bigint }[];\n  flags: boolean[];\n}');
  });

  it('decode what the general matcher takes, and only that, each round trip to the same bytes', () => {
    const cases: [Rules, string, string][] = [
      ['NumbersThenTexts', 'numbersThenTexts', '80'],
      ['NumbersThenTexts', 'numbersThenTexts', '82 01 20'],
      ['NumbersThenTexts', 'numbersThenTexts', '83 01 6161 6162'],
      ['NumbersThenTexts', 'numbersThenTexts', '81 6161'],
      ['NumbersThenTexts', 'numbersThenTexts', '82 6161 01'],
      ['NumbersThenTexts', 'numbersThenTexts', '83 01 6161 02'],
      ['NumbersThenTexts', 'numbersThenTexts', '81 f5'],
      ['Versioned', 'versioned', '82 01 41ff'],
      ['Versioned', 'versioned', '83 01 f5 41ff'],
      ['Versioned', 'versioned', '85 01 f4 6161 6162 40'],
      ['Versioned', 'versioned', '84 01 41ff 41fe 41fd'],
      ['Versioned', 'versioned', '85 01 41ff 41fe 41fd 41fc'],
      ['Versioned', 'versioned', '81 01'],
      ['Versioned', 'versioned', '83 01 6161 f5'],
      ['Versioned', 'versioned', '83 01 41ff 6161'],
      ['Bounded', 'bounded', '81 01'],
      ['Bounded', 'bounded', '82 01 02'],
      ['Bounded', 'bounded', '83 01 02 03'],
      ['Bounded', 'bounded', '85 01 6161 f5 f6 82 01 02'],
      ['Bounded', 'bounded', '84 01 f5 f6 f4'],
      ['Bounded', 'bounded', '83 01 82 01 02 82 03 04'],
      ['Bounded', 'bounded', '82 6161 01'],
      ['Bounded', 'bounded', '80'],
      ['Either', 'either', '82 01 41ff'],
      ['Either', 'either', '82 01 6161'],
      ['Either', 'either', '81 6161'],
      ['Either', 'either', 'a1 616b 01'],
      ['Either', 'either', '83 01 41ff 6161'],
      ['PairsThenFlags', 'pairsThenFlags', '81 f5'],
      ['PairsThenFlags', 'pairsThenFlags', '83 01 6161 f5'],
      ['PairsThenFlags', 'pairsThenFlags', '86 01 6161 02 6162 f5 f4'],
      ['PairsThenFlags', 'pairsThenFlags', '82 01 6161'],
      ['PairsThenFlags', 'pairsThenFlags', '83 01 f5 f4'],
      ['PairsThenFlags', 'pairsThenFlags', '84 f5 01 6161 f4'],
      ['PairsThenFlags', 'pairsThenFlags', '84 01 6161 f5 01'],
      ['PairsThenFlags', 'pairsThenFlags', '84 f5 f4 f5 f4'],
      ['Keyed', 'keyed', '82 6161 01'],
      ['Keyed', 'keyed', '85 6161 01 6162 02 f5'],
      ['Keyed', 'keyed', '81 f5'],
      ['Keyed', 'keyed', '83 6161 01 6162'],
    ];
    for (const [rule, cddl, bytes] of cases) expect(roundTrips(rule, bytes), `${cddl} ${bytes}`).toBe(oracle(cddl, bytes));
    expect(fixture.g.decodeNumbersThenTexts(hex('83 01 20 6161'))).toEqual([1, -1, 'a']);
    expect(fixture.g.decodeNumbersThenTexts(hex('9f 01 6161 ff'))).toEqual([1, 'a']);
    expect(decodeError(() => fixture.g.decodeNumbersThenTexts(hex('9f 6161 01 ff')))).toBe('[1] at byte 3: expected a text string, got an unsigned integer');
    expect(fixture.g.decodeVersioned(hex('85 01 f4 6161 6162 40'))).toEqual({ version: 1, flag: false, names: ['a', 'b'], keys: [new Uint8Array(0)] });
    expect(fixture.g.decodeVersioned(hex('82 01 41ff'))).toEqual({ version: 1, names: [], keys: [new Uint8Array([0xff])] });
    expect(decodeError(() => fixture.g.decodeNumbersThenTexts(hex('83 01 6161 02')))).toBe('[2] at byte 4: expected a text string, got an unsigned integer');
    expect(decodeError(() => fixture.g.decodeVersioned(hex('85 01 41ff 41fe 41fd 41fc')))).toBe('(root) at byte 8: expected the end of the array, after its last member (keys)');
    expect(decodeError(() => fixture.g.decodeVersioned(hex('83 01 6161 f5')))).toBe('.names[1] at byte 4: expected a text string, got true');
    expect(decodeError(() => fixture.g.decodeVersioned(hex('83 01 6161 6162')))).toBe('(root) at byte 0: expected 1 to 3 items in keys, got 0');
    expect(fixture.g.decodePairsThenFlags(hex('86 01 6161 02 6162 f5 f4'))).toEqual([[1, 'a'], [2, 'b'], true, false]);
    expect(fixture.g.decodeKeyed(hex('85 6161 01 6162 02 f5'))).toEqual({ pair: [{ k: 'a', v: 1 }, { k: 'b', v: 2 }], flags: [true] });
    expect(decodeError(() => fixture.g.decodePairsThenFlags(hex('84 01 6161 f5 01')))).toBe('[2] at byte 5: expected a boolean, got an unsigned integer');
    expect(decodeError(() => fixture.g.decodePairsThenFlags(hex('83 01 f5 f4')))).toBe('[0][1] at byte 2: expected a text string, got true');
    expectDrawnItemsRoundTrip(program, fixture.g, RULES, 40);
  });

  it('guards split the items by their tests, and encoders write them', () => {
    expect(fixture.g.isNumbersThenTexts([1, 2n, 'a'])).toBe(true);
    expect(fixture.g.isNumbersThenTexts(['a', 1])).toBe(false);
    expect(fixture.g.validateNumbersThenTexts(['a', 1])).toEqual([{ path: '[1]', message: 'expected the end of the array, or an item of its members in their order (int, tstr), got the number 1' }]);
    expect(toHex(fixture.g.encodeNumbersThenTexts([1, -1, 'a']) as Uint8Array)).toBe('8301206161');
    expect(toHex(fixture.g.encodeVersioned({ version: 1, names: ['a'], keys: [hex('ff')] }) as Uint8Array)).toBe('8301616141ff');
    expect(toHex(fixture.g.encodeVersioned({ version: 1, flag: true, names: [], keys: [hex('ff')] }) as Uint8Array)).toBe('8301f541ff');
    expect(fixture.g.validateVersioned({ version: 1, names: [], keys: [] })).toEqual([{ path: '.keys', message: 'expected an array of 1 to 3 items, got an array' }]);
    // At most 2 uints: a third is no member's after them.
    expect(fixture.g.isBounded([1, 2, 3])).toBe(false);
    expect(fixture.g.isBounded([1, 'a', true, null, { x: 1, y: 2 }])).toBe(true);
    expect(fixture.g.isBounded([1, true, 'a'])).toBe(false);
    expect(fixture.g.isPairsThenFlags([[1, 'a'], true])).toBe(true);
    expect(fixture.g.isPairsThenFlags([true, [1, 'a']])).toBe(false);
    expect(fixture.g.validatePairsThenFlags([[1, 2], true])).toEqual([
      { path: '', message: 'expected an array with 1 to 2 items (bool) after the items before them, got an array' },
      { path: '[0]', message: 'expected the end of the array, or an item of its members in their order ((int, tstr), bool), got an array' },
    ]);
    expect(toHex(fixture.g.encodePairsThenFlags([[1, 'a'], [2, 'b'], true]) as Uint8Array)).toBe('8501616102616' + '2f5');
    expect(toHex(fixture.g.encodeKeyed({ pair: [{ k: 'a', v: 1 }], flags: [false] }) as Uint8Array)).toBe('83616101f4');
    expect(fixture.g.validateKeyed({ pair: [{ k: 'a', v: 'x' }], flags: [] })).toEqual([{ path: '.pair[0].v', message: 'expected an integer, got a string' }]);
    // In a type choice, the object of named members is told from the array of items and from a map's object.
    expect(fixture.g.isEither({ version: 1, names: [], keys: [h('ff')] })).toBe(true);
    expect(fixture.g.isEither([1, 'a'])).toBe(true);
    expect(fixture.g.isEither({ k: 1 })).toBe(true);
    expect(fixture.g.isEither({ version: 1, names: [] })).toBe(false);
    expect(toHex(fixture.g.encodeEither({ version: 1, names: [], keys: [h('ff')] }) as Uint8Array)).toBe('820141ff');
    expect(toHex(fixture.g.encodeEither([1, 'a']) as Uint8Array)).toBe('82016161');
    expect(fixture.g.decodeEither(h('820141ff'))).toEqual({ version: 1, names: [], keys: [h('ff')] });
    expect(fixture.g.decodeEither(h('82016161'))).toEqual([1, 'a']);
    // Members that never meet may share values: each element goes to the members in order, as the items do.
    expect(fixture.text).toContain('export type Positional = (number | string | bigint)[];');
    expect(toHex(fixture.g.encodePositional([2, 3]) as Uint8Array)).toBe('82f9400003');
    expect(toHex(fixture.g.encodePositional([1.5, 'a', 2, -3n]) as Uint8Array)).toBe('84f93e006161' + '0222');
    expect(fixture.g.decodePositional(h('82f9400003'))).toEqual([2, 3]);
    expect(fixture.g.isPositional([2, 'a', 1.5])).toBe(false);
    expect(fixture.g.validatePositional([2, 'a', 1.5])).toEqual([{ path: '[2]', message: 'expected the end of the array, or an item of its members in their order (float, tstr, int), got the number 1.5' }]);
    expect(roundTrips('Positional', '83 f94000 6161 01')).toBe(true);
    expect(roundTrips('Positional', '82 01 02')).toBe(false);
  });

  it('stay bounded: deep nesting is a DecodeError or false, a value that contains itself too, never a RangeError', () => {
    expect(fixture.text).toContain('export type Tree = (Tree | Uint8Array)[];');
    expect(fixture.g.decodeTree(hex('83 81 80 41ff 40'))).toEqual([[[]], h('ff'), h('')]);
    expect(decodeError(() => fixture.g.decodeTree(new Uint8Array(100_000).fill(0x81)))).toMatch(/^\[0\]\[0\]\[0\].* at byte \d+: .*(deep|nest)/);
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(fixture.g.isTree(deep)).toBe(false);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(fixture.g.isTree(cyclic)).toBe(false);
    expect(() => fixture.g.encodeTree(cyclic as never)).toThrow(expect.objectContaining({ name: 'EncodeError' }));
    expect(toHex(fixture.g.encodeTree([[[]], h('ff')]) as Uint8Array)).toBe('82818041ff');
  });
});

/** A form's members: `x` and `y` the pair's member types, others written out. */
type Member = Extract<PairMember, 'x' | 'y' | 'tstr' | 'bool'>;

interface Form {
  cddl: (x: string, y: string) => string;
  /** The members in order, each with its least and most occurrences (at most 3 drawn for an unbounded one) and its name in a named form; `group`: a repeated group of those members. */
  members: { member: Member; min: number; max: number; name?: string; group?: Member[] }[];
}

const TYPES = ['int', 'uint', '1', 'tstr', 'int / null', '[int]', '[* tstr]', 'any', '#6.1(int)', 'm', 'p', 'float', 'bstr .size 4', 'bool'];
/** How many arrays of each rule, from which seed: ARRAY_RUNS_SEEDS, ARRAY_RUNS_SEED run others. */
const SEEDS = Number(process.env.ARRAY_RUNS_SEEDS ?? 16);
const FIRST = Number(process.env.ARRAY_RUNS_SEED ?? 0);

const FORMS: Form[] = [
  { cddl: (x, y) => `[* ${x}, * ${y}]`, members: [{ member: 'x', min: 0, max: 3 }, { member: 'y', min: 0, max: 3 }] },
  { cddl: (x, y) => `[+ ${x}, ? bool, 0*2 ${y}]`, members: [{ member: 'x', min: 1, max: 3 }, { member: 'bool', min: 0, max: 1 }, { member: 'y', min: 0, max: 2 }] },
  { cddl: (x, y) => `[* (${x}, tstr), 0*2 ${y}]`, members: [{ member: 'x', min: 0, max: 3, group: ['x', 'tstr'] }, { member: 'y', min: 0, max: 2 }] },
  {
    cddl: (x, y) => `[a: ${x}, * b: ${y}, 1*2 c: tstr]`,
    members: [{ member: 'x', min: 1, max: 1, name: 'a' }, { member: 'y', min: 0, max: 3, name: 'b' }, { member: 'tstr', min: 1, max: 2, name: 'c' }],
  },
  // Members that may not meet need not be apart: a member of one item between two repeated ones, or once before them.
  {
    cddl: (x, y) => `[* a: ${x}, b: bool, * c: ${y}, * d: ${x}]`,
    members: [{ member: 'x', min: 0, max: 3, name: 'a' }, { member: 'bool', min: 1, max: 1, name: 'b' }, { member: 'y', min: 0, max: 3, name: 'c' }, { member: 'x', min: 0, max: 2, name: 'd' }],
  },
  { cddl: (x, y) => `[* ${x}, bool, * ${y}]`, members: [{ member: 'x', min: 0, max: 3 }, { member: 'bool', min: 1, max: 1 }, { member: 'y', min: 0, max: 3 }] },
  {
    cddl: (x, y) => `[${x}, * (${y}, bool), tstr, * ${x}]`,
    members: [{ member: 'x', min: 1, max: 1 }, { member: 'y', min: 0, max: 3, group: ['y', 'bool'] }, { member: 'tstr', min: 1, max: 1 }, { member: 'x', min: 0, max: 3 }],
  },
  // ...but members with only members that may be empty between them may meet.
  {
    cddl: (x, y) => `[* a: ${x}, ? b: bool, * c: ${y}]`,
    members: [{ member: 'x', min: 0, max: 3, name: 'a' }, { member: 'bool', min: 0, max: 1, name: 'b' }, { member: 'y', min: 0, max: 3, name: 'c' }],
  },
  // Unnamed optional members that take items by type, beside one repeated member (one tuple per set present, with a rest element).
  { cddl: (x, y) => `[? ${x}, ? ${y}, * bool]`, members: [{ member: 'x', min: 0, max: 1 }, { member: 'y', min: 0, max: 1 }, { member: 'bool', min: 0, max: 3 }] },
  { cddl: (x, y) => `[* tstr, ? ${x}, ? ${y}, bool]`, members: [{ member: 'tstr', min: 0, max: 3 }, { member: 'x', min: 0, max: 1 }, { member: 'y', min: 0, max: 1 }, { member: 'bool', min: 1, max: 1 }] },
];

/**
 * Every pair of member types in each form. Arrays of items drawn for X and Y, of two kinds: put together as the
 * form's value (each member with a count in its range), and items picked at random from X's, Y's and a few others,
 * each given to the members in order as the form's value would hold it. The decoder takes the bytes exactly when the
 * matcher does, round trip to the same bytes; a value the guard passes encodes to bytes the matcher takes, which read
 * back as it; and the guard passes the value when the decoder reads its bytes as it.
 */
describePairDifferential('[* X, * Y] and its kin for pairs of member types, against the general matcher', 'array-runs-pairs', 'r', TYPES, FORMS.map((form) => form.cddl), { distinct: true, named: true, snapshot: FIRST === 0 && SEEDS === 16 }, (pairs) => checkPairs(pairs, FORMS));

/** Checks `SEEDS` arrays of each rule (from `FIRST`): half put together as its form reads, half at random. */
function checkPairs(pairs: Pairs, forms: Form[]): { checked: number; taken: number } {
  return checkPairCases(pairs, FIRST, SEEDS, (rule, seed, random, item) => {
    const form = forms[rule.form] as Form;
    // Each member's items: counted within its range, or (odd seeds) at random, so that some are out of place.
    const alphabet: Member[] = ['x', 'x', 'y', 'y', 'tstr', 'bool'];
    const pick = (member: Member) => (seed % 2 === 0 ? member : (alphabet[random(alphabet.length)] as Member));
    // A repeated group's repetitions are each one element: the values of its members.
    const runs = form.members.map(({ member, min, max, group }) => {
      const n = seed % 2 === 0 ? min + random(max - min + 1) : random(3);
      return Array.from({ length: n }, () => (group === undefined ? [item(pick(member))] : group.map((m) => item(pick(m)))));
    });
    let value: unknown = runs.flatMap((run, i) => run.map((repetition) => (form.members[i]?.group === undefined ? repetition[0]?.value : repetition.map((d) => d.value))));
    if (form.members.every((m) => m.name !== undefined)) {
      const object: Record<string, unknown> = {};
      form.members.forEach((m, i) => {
        const values = (runs[i] as Drawn[][]).map((repetition) => repetition[0]?.value);
        if (m.max !== 1) object[m.name as string] = values;
        else if (values.length > 0) object[m.name as string] = values[0];
        else if (m.min === 1) object[m.name as string] = undefined;
      });
      value = object;
    }
    return { items: runs.flat(2), value };
  });
}

describe('a bounded repeated group after a bounded member', () => {
  // The decoder checked the count as one item per repetition (2 to 3 more), and refused every array the general matcher
  // takes (found by the structural random-schema campaign).
  it('counts each repetition as its members: [2*3 uint, 2*3 (bool, int)] holds 6 to 9 items', async () => {
    const { module } = await load<'A'>('array-runs-bounded-group', 'a = [2*3 uint, 2*3 (bool, int)]\n');
    for (const bytes of ['86 01 02 f4 01 f5 02', '89 01 02 03 f4 01 f5 02 f4 03']) {
      expect(toHex(module.encodeA(module.decodeA(hex(bytes))) as Uint8Array)).toBe(bytes.replaceAll(' ', ''));
    }
    expect(() => module.decodeA(hex('84 01 02 f4 01'))).toThrow(/expected an array of 6 to 9 items/);
  });
});

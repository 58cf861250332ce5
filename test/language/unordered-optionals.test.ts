/**
 * Optional array members one after another where a later one does not take all the items an earlier one does
 * (`[int, ? tstr, ? bool]`, `[* (int, ? tstr, ? bool)]`): `[1, true]` holds the bool, which no position says.
 * RFC 8610 Appendix A reads `? tstr` as `tstr` where it matches, else nothing: each optional member takes the next
 * item where it reads as one. Unnamed ones are typed as one tuple per set of members present, the one with an earlier
 * member first (`[int, tstr, bool] | [int, tstr] | [int, bool] | [int]`), and read in one pass (layout/runs.ts; they
 * were once that many alternatives tried in turn, layout/arrays.ts expandMiddleOptionals, which inside a repeated
 * group they still are). Named ones are one object whose optional properties say which are present, also inside a
 * repeated group (one object per repetition). These rules were left to the general matcher, which is the oracle here.
 */
import { describe, expect, it } from 'vitest';
import { typeErrors } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';
import type { Drawn } from '../support/drawn-items.js';
import { checkPairCases, describePairDifferential, expectDrawnItemsRoundTrip, fixedRules, type PairMember, type Pairs } from '../support/pairs-differential.js';

const SCHEMA = `
flags = [int, ? tstr, ? bool]
several = [uint, ? tstr, ? bool, ? bstr]
items = [+ (int, ? tstr, ? bool)]
; Named: an object whose optional properties say which are present (the runs layout, layout/runs.ts); repeated, one
; such object per repetition (layout/repeated-groups.ts recordOfOptionals), not one alternative per set present (2^n).
named = [version: uint, ? label: tstr, ? urgent: bool]
entries = [* (id: int, ? name: tstr, ? hidden: bool)]
; Five optional members before a required one: 32 tuples in the type, one pass in the code (each read by its major type).
five = [int, ? tstr, ? bool, ? bstr, ? ints, ? point, uint]
ints = [* int]
point = {x: int}
wide = [* (id: uint, ? a: tstr, ? b: bool, ? c: bstr, ? d: float, ? e: nil, ? f: #6.1(int), ? g: [* int])]
; Before a repeated member: one tuple per set present, with a rest element.
before-rest = [? tstr, ? bool, * bstr]
; Stays general: an item the first optional member does not take may be the second's.
overlapping = [int, ? int, ? (int / null)]
`;

type Rules = 'Flags' | 'Several' | 'Items' | 'Named' | 'Entries' | 'Wide' | 'Five' | 'BeforeRest';
const RULES = ['flags', 'several', 'items', 'named', 'entries', 'wide', 'five', 'before-rest'];
const fixture = fixedRules<Rules>('unordered-optionals', SCHEMA, [...RULES, 'overlapping']);
const { warnings, program, oracle, roundTrips } = fixture;

describe('optional array members that do not take each other’s items', () => {
  it('are typed, as one alternative per set of members present, and the code compiles', () => {
    expect(warnings.map((w) => w.message.replace(/ because .*/, ''))).toEqual([
      "'overlapping' is typed as CborValue (any data item) and checked exactly by the general matcher,",
    ]);
    expect(warnings.map((w) => w.message).at(-1)).toContain('an optional array member after an optional one that does not take all its items (int / null after int)');
    expect(fixture.text).toContain('export type BeforeRest =\n  | [string, boolean, ...Uint8Array[]]\n  | [string, ...Uint8Array[]]\n  | [boolean, ...Uint8Array[]]\n  | Uint8Array[];');
    expect(typeErrors(fixture.loaded)).toEqual([]);
    expect(fixture.text).toContain('export interface Named {\n  version: number | bigint;\n  label?: string;\n  urgent?: boolean;\n}');
    expect(fixture.text).toContain('export type Flags =\n  | [number | bigint, string, boolean]\n  | [number | bigint, string]\n  | [number | bigint, boolean]\n  | [number | bigint];');
    expect(fixture.text).toContain('export type Entries = { id: number | bigint; name?: string; hidden?: boolean }[];');
    // One tuple per set of members present, in one pass: no alternative tried and rewound.
    const five = fixture.text.slice(fixture.text.indexOf('export type Five ='));
    expect(five.slice(0, five.indexOf(';')).match(/\| \[/g)).toHaveLength(32);
    expect(five).toContain('  | [number | bigint, boolean, Ints, number | bigint]\n');
    const readFive = fixture.text.slice(fixture.text.indexOf('function readFive('), fixture.text.indexOf('export const decodeFive'));
    expect(readFive).not.toContain('.mark()');
    expect(readFive.length).toBeLessThan(3000);
    // Seven optional members: one object type and one reading of them, not 128 alternatives (a 64-alternative limit made it general).
    expect(fixture.text).toMatch(/export type Wide = \{ id: number \| bigint; a\?: string; b\?: boolean; c\?: Uint8Array; d\?: number; e\?: null; f\?: [^;]+; g\?: \(number \| bigint\)\[\] \}\[\];/);
  });

  it('decode what the general matcher takes, and only that, each round trip to the same bytes', () => {
    const cases: [Rules, string, string][] = [
      ['Flags', 'flags', '81 01'],
      ['Flags', 'flags', '82 01 6161'],
      ['Flags', 'flags', '82 01 f5'],
      ['Flags', 'flags', '83 01 6161 f4'],
      ['Flags', 'flags', '83 01 f4 6161'],
      ['Flags', 'flags', '82 01 02'],
      ['Flags', 'flags', '80'],
      ['Several', 'several', '81 01'],
      ['Several', 'several', '82 01 40'],
      ['Several', 'several', '83 01 f5 40'],
      ['Several', 'several', '84 01 6161 f5 40'],
      ['Several', 'several', '83 01 40 f5'],
      ['Several', 'several', '82 20 40'],
      ['Items', 'items', '82 01 f4'],
      ['Items', 'items', '84 01 6161 f5 02'],
      ['Items', 'items', '85 01 6161 02 f5 03'],
      ['Items', 'items', '84 01 f5 6161 02'],
      ['Items', 'items', '80'],
      ['Named', 'named', '81 01'],
      ['Named', 'named', '82 01 f5'],
      ['Named', 'named', '83 01 6161 f4'],
      ['Named', 'named', '83 01 f4 6161'],
      ['Named', 'named', '82 01 02'],
      ['Entries', 'entries', '80'],
      ['Entries', 'entries', '83 01 02 f5'],
      ['Entries', 'entries', '85 01 6161 02 f5 03'],
      ['Entries', 'entries', '84 01 f5 6161 02'],
      ['Wide', 'wide', '85 01 f6 8102 03 f5'],
      ['Wide', 'wide', '88 01 6161 f5 40 f93c00 f6 c101 80'],
      ['Wide', 'wide', '83 01 80 6161'],
      ['Wide', 'wide', '83 01 f5 f5'],
      ['Wide', 'wide', '82 01 20'],
      ['Five', 'five', '82 01 02'],
      ['Five', 'five', '88 01 6161 f5 40 f6 c102 8102 03'],
      ['Five', 'five', '84 01 f6 80 03'],
      ['Five', 'five', '84 01 80 f6 03'],
      ['Five', 'five', '83 01 c102 f5'],
      ['Five', 'five', '83 01 f5 f5 03'],
      ['Five', 'five', '81 01'],
      ['BeforeRest', 'before-rest', '80'],
      ['BeforeRest', 'before-rest', '83 6161 f5 40'],
      ['BeforeRest', 'before-rest', '83 f4 40 41 01'],
      ['BeforeRest', 'before-rest', '82 40 f5'],
      ['BeforeRest', 'before-rest', '82 f5 6161'],
      ['BeforeRest', 'before-rest', '84 6161 40 40 40'],
    ];
    for (const [rule, cddl, bytes] of cases) expect(roundTrips(rule, bytes), `${cddl} ${bytes}`).toBe(oracle(cddl, bytes));
    expect(fixture.g.decodeFlags(hex('82 01 f5'))).toEqual([1, true]);
    expect(fixture.g.decodeSeveral(hex('83 01 f5 40'))).toEqual([1, true, new Uint8Array(0)]);
    expect(fixture.g.decodeNamed(hex('82 01 f5'))).toEqual({ version: 1, urgent: true });
    expect(fixture.g.decodeEntries(hex('85 01 6161 02 f5 03'))).toEqual([{ id: 1, name: 'a' }, { id: 2, hidden: true }, { id: 3 }]);
    expect(fixture.g.decodeItems(hex('85 01 6161 02 f5 03'))).toEqual([[1, 'a'], [2, true], [3]]);
    expect(fixture.g.decodeFive(hex('84 01 f4 80 03'))).toEqual([1, false, [], 3]);
    expectDrawnItemsRoundTrip(program, fixture.g, RULES, 40);
  });

  it('guards tell the alternatives apart by their members, and encoders write the members present', () => {
    expect(fixture.g.isFlags([1, true])).toBe(true);
    expect(fixture.g.isFlags([1, true, 'a'])).toBe(false);
    expect(fixture.g.isBeforeRest([true, new Uint8Array(1)])).toBe(true);
    expect(fixture.g.isBeforeRest([new Uint8Array(1), true])).toBe(false);
    expect(toHex(fixture.g.encodeBeforeRest(['a', new Uint8Array(0)]) as Uint8Array)).toBe('82616140');
    expect(fixture.g.isFive([1, true, { x: 2 }, 3])).toBe(true);
    expect(fixture.g.isFive([1, { x: 2 }, true, 3])).toBe(false);
    expect(fixture.g.validateFive([1, 'a', 'b', 3])).toEqual([
      { path: '[2]', message: 'expected an unsigned integer, got a string' },
      { path: '[3]', message: 'expected the end of the array, or an item of its members in their order (int, tstr, bool, bstr, ints, point, uint), got the number 3' },
    ]);
    expect(toHex(fixture.g.encodeFive([1, new Uint8Array(0), [2], 3]) as Uint8Array)).toBe('8401408102' + '03');
    expect(toHex(fixture.g.encodeFlags([1, true]) as Uint8Array)).toBe('8201f5');
    expect(toHex(fixture.g.encodeSeveral([1, false]) as Uint8Array)).toBe('8201f4');
    expect(toHex(fixture.g.encodeItems([[1, true], [2, 'b']]) as Uint8Array)).toBe('8401f5026162');
    expect(fixture.g.isItems([[1, 'a', 'no']])).toBe(false);
    expect(fixture.g.isItems([])).toBe(false);
    expect(toHex(fixture.g.encodeNamed({ version: 1, urgent: false }) as Uint8Array)).toBe('8201f4');
    expect(fixture.g.isNamed({ version: 1, label: true })).toBe(false);
    expect(toHex(fixture.g.encodeEntries([{ id: 1, hidden: true }, { id: 2, name: 'b' }]) as Uint8Array)).toBe('8401f5026162');
    expect(fixture.g.isEntries([{ id: 1, name: 'a', hidden: 'no' }])).toBe(false);
    expect(fixture.g.validateEntries([{ id: 1 }, { id: 2, hidden: 'no' }])).toEqual([{ path: '[1].hidden', message: 'expected a boolean, got a string' }]);
    expect(toHex(fixture.g.encodeWide([{ id: 1, e: null, g: [2] }, { id: 3, b: true }]) as Uint8Array)).toBe('8501f6810203f5');
    expect(fixture.g.decodeWide(hex('85 01 f6 8102 03 f5'))).toEqual([{ id: 1, e: null, g: [2] }, { id: 3, b: true }]);
  });
});

/** A form's members: `x` and `y` the pair's member types, others written out. */
type Member = Extract<PairMember, 'x' | 'y' | 'int' | 'bool'>;

interface Form {
  cddl: (x: string, y: string) => string;
  /** The members in order, each required or optional, and its name in a named form. */
  members: { member: Member; optional: boolean; name?: string }[];
  /** Repeated: each repetition is the members, 0 to 3 of them. */
  repeated?: boolean;
}

const TYPES = ['int', 'uint', '1', 'tstr', 'int / null', '[int]', '[* tstr]', 'any', '#6.1(int)', 'm', 'p', 'float', 'bstr .size 4', 'bool'];
/** How many arrays of each rule, from which seed: UNORDERED_OPTIONALS_SEEDS, UNORDERED_OPTIONALS_SEED run others. */
const SEEDS = Number(process.env.UNORDERED_OPTIONALS_SEEDS ?? 16);
const FIRST = Number(process.env.UNORDERED_OPTIONALS_SEED ?? 0);

const FORMS: Form[] = [
  { cddl: (x, y) => `[int, ? ${x}, ? ${y}]`, members: [{ member: 'int', optional: false }, { member: 'x', optional: true }, { member: 'y', optional: true }] },
  {
    cddl: (x, y) => `[a: int, ? b: ${x}, ? c: ${y}]`,
    members: [{ member: 'int', optional: false, name: 'a' }, { member: 'x', optional: true, name: 'b' }, { member: 'y', optional: true, name: 'c' }],
  },
  { cddl: (x, y) => `[? ${x}, ? ${y}, ? bool]`, members: [{ member: 'x', optional: true }, { member: 'y', optional: true }, { member: 'bool', optional: true }] },
  { cddl: (x, y) => `[* (int, ? ${x}, ? ${y})]`, members: [{ member: 'int', optional: false }, { member: 'x', optional: true }, { member: 'y', optional: true }], repeated: true },
  {
    cddl: (x, y) => `[* (a: int, ? b: ${x}, ? c: ${y})]`,
    members: [{ member: 'int', optional: false, name: 'a' }, { member: 'x', optional: true, name: 'b' }, { member: 'y', optional: true, name: 'c' }],
    repeated: true,
  },
];

/**
 * Every pair of member types in each form. Arrays of items drawn for X and Y, of two kinds: put together as the
 * form's value (each optional member present or not), and items picked at random, given to the members in order as
 * the form's value would hold them. The decoder takes the bytes exactly when the matcher does, round trip to the same
 * bytes; a value the guard passes encodes to bytes the matcher takes, which read back as it; and the guard passes the
 * value when the decoder reads its bytes as it.
 */
describePairDifferential('[int, ? X, ? Y] and its kin for pairs of member types, against the general matcher', 'unordered-optional-pairs', 'u', TYPES, FORMS.map((form) => form.cddl), { distinct: true, named: true, snapshot: FIRST === 0 && SEEDS === 16 }, (pairs) => checkPairs(pairs, FORMS));

/** Checks `SEEDS` arrays of each rule (from `FIRST`): half put together as its form reads, half at random. */
function checkPairs(pairs: Pairs, forms: Form[]): { checked: number; taken: number } {
  return checkPairCases(pairs, FIRST, SEEDS, (rule, seed, random, item) => {
    const form = forms[rule.form] as Form;
    const alphabet: Member[] = ['x', 'x', 'y', 'y', 'int', 'bool'];
    // One repetition (or the array): the members present, each an item; at random (odd seeds), other items in their places.
    const repetition = (): { present: (typeof form.members)[number][]; items: Drawn[] } => {
      const present = form.members.filter((m) => !m.optional || random(2) === 0);
      const items = present.map((m) => item(seed % 2 === 0 ? m.member : (alphabet[random(alphabet.length)] as Member)));
      return { present, items };
    };
    const valueOf = ({ present, items }: { present: (typeof form.members)[number][]; items: Drawn[] }): unknown => {
      if (form.members.every((m) => m.name !== undefined)) return Object.fromEntries(present.map((m, i) => [m.name as string, items[i]?.value]));
      return items.map((d) => d.value);
    };
    if (form.repeated !== true) {
      const one = repetition();
      return { items: one.items, value: valueOf(one) };
    }
    const repetitions = Array.from({ length: random(4) }, repetition);
    return { items: repetitions.flatMap((r) => r.items), value: repetitions.map(valueOf) };
  });
}

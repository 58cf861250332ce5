/**
 * Issue 8 item 9: cuts in maps (RFC 8610 §3.5.4). Without a cut, `{ ? "optional-key" => int,
 * * tstr => any }` matches `{ "optional-key": "nonsense" }`: the entry is one of the computed-key
 * entries. With a cut (`^ =>`, or the colon form, which always implies one) it does not match.
 * The map's computed-key entries may then hold that key, but never beside the member, and never
 * under a cut: the guard (and so the encoder) refuses what would write a key twice or break a cut.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compileIr } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { CborAny, readCborValue } from '../../templates/cbor-any.js';
import { explain } from '../../templates/matcher.js';
import { CborReader } from '../../templates/runtime.js';
import { load, thrown, typeErrors, type Generated, type Loaded } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';

// RFC 8610 §3.5.4's example, without the cut and with it in both spellings, then integer keys.
const SCHEMA = `
open = { ? "optional-key" => int, * tstr => any }
caret = { ? "optional-key" ^ => int, * tstr => any }
colon = { ? "optional-key": int, * tstr => any }
texts = { "k" => int, * tstr => tstr }
numbered = { ? 1 => tstr, * int => bool }
`;

type Rules = 'Open' | 'Caret' | 'Colon' | 'Texts' | 'Numbered';
let loaded: Loaded<Rules>;
let g: Generated<Rules>;

beforeAll(async () => {
  loaded = await load<Rules>('language-map-cuts', SCHEMA);
  g = loaded.module;
});

/** `{"optional-key": "nonsense"}` */
const NONSENSE = 'a1 6c 6f7074696f6e616c2d6b6579 68 6e6f6e73656e7365';
/** `{"optional-key": 5}` */
const FIVE = 'a1 6c 6f7074696f6e616c2d6b6579 05';
const errorName = (f: () => unknown) => (thrown(f) as Error | undefined)?.name;

describe('cuts in maps (RFC 8610 §3.5.4)', () => {
  it('type-checks under strict settings', () => {
    expect(typeErrors(loaded)).toEqual([]);
  });

  it('without a cut, { "optional-key": "nonsense" } matches: the entry is a computed-key one', () => {
    const value = g.decodeOpen(hex(NONSENSE)) as { rest: Map<string, unknown> };
    expect([...value.rest.keys()]).toEqual(['optional-key']);
    expect(Object.keys(value)).toEqual(['rest']);
    expect(g.isOpen(value)).toBe(true);
    expect(toHex(g.encodeOpen(value) as Uint8Array)).toBe(NONSENSE.replaceAll(' ', ''));
  });

  it('without a cut, a value of the member’s type is the member', () => {
    expect(g.decodeOpen(hex(FIVE))).toEqual({ 'optional-key': 5 });
  });

  it('with a cut, ^ => or the colon form, { "optional-key": "nonsense" } does not match', () => {
    for (const decode of [g.decodeCaret, g.decodeColon]) {
      const error = thrown(() => decode(hex(NONSENSE))) as Error & { path: string };
      expect(error.name).toBe('DecodeError');
      expect(error.message).toContain('["optional-key"]');
      expect(error.message).toContain('expected an integer, got a text string');
      expect(decode(hex(FIVE))).toEqual({ 'optional-key': 5 });
    }
  });

  it('a value that is neither the member’s type nor the entries’ is refused with the member’s error', () => {
    // {"k": 1.5}
    const error = thrown(() => g.decodeTexts(hex('a1 616b f93e00'))) as Error;
    expect(error.name).toBe('DecodeError');
    expect(error.message).toBe('.k at byte 3: expected an integer, got a float');
    // {"k": "x"}: a computed-key entry, so the required member k is missing.
    expect((thrown(() => g.decodeTexts(hex('a1 616b 6178'))) as Error).message).toContain('missing key "k"');
    // {"k": 1, "k": "x"}: a key twice, whichever way each is read.
    expect((thrown(() => g.decodeTexts(hex('a2 616b 01 616b 6178'))) as Error).message).toContain('duplicate key');
    expect((thrown(() => g.decodeTexts(hex('a2 616b 6178 616b 01'))) as Error).message).toContain('duplicate key');
  });

  it('the guard refuses an entry under a key the member has with a cut, or beside the member', () => {
    const caret = { rest: new Map([['optional-key', 'nonsense']]) };
    expect(g.isCaret(caret)).toBe(false);
    expect(g.validateCaret(caret)).toContainEqual({
      path: '.rest["optional-key"]',
      message: 'expected no entry with the key "optional-key": the member optional-key has it, with a cut (RFC 8610 §3.5.4), got a string',
    });
    expect(errorName(() => g.encodeCaret(caret))).toBe('EncodeError');
    const twice = { k: 1, rest: new Map([['k', 'x']]) };
    expect(g.validateTexts(twice)).toEqual([{ path: '.rest["k"]', message: 'expected no entry with the key "k" while the member k is set, got a string' }]);
    expect(errorName(() => g.encodeTexts(twice))).toBe('EncodeError');
  });

  it('integer keys: { 1: true } is an entry of * int => bool, { 1: "a" } the member, { 1: 2 } neither', () => {
    expect(g.decodeNumbered(hex('a1 01 f5'))).toEqual({ rest: new Map([[1, true]]) });
    expect(g.decodeNumbered(hex('a1 01 6161'))).toEqual({ 1: 'a' });
    expect(errorName(() => g.decodeNumbered(hex('a1 01 02')))).toBe('DecodeError');
    expect(g.isNumbered({ 1: 'a', rest: new Map([[1, true]]) })).toBe(false);
    expect(g.isNumbered({ 1: 'a', rest: new Map([[2, true]]) })).toBe(true);
    expect(toHex(g.encodeNumbered({ rest: new Map([[1, true]]) }) as Uint8Array)).toBe('a101f5');
  });
});

/**
 * A cut's failure is the map's (§3.5.4: "the entire map fails to match"): an occurrence indicator
 * does not read it as fewer repetitions, whether on the member (`? "k" ^ => int`) or on a group of
 * members (`* (-6: uint)`, RFC 9581's `* $$ETIME-ELECTIVE` beside `* (nint / text) => any`). Only
 * another alternative of a group choice that matches saves the map, which is how
 * `(type: 1, …) // (type: 2, …)` tells its alternatives apart. The typed decoders and the general
 * matcher must agree on every map here (they disagreed on the repeated group: the matcher took
 * the entry for the wildcard).
 */
describe('cuts inside repeated groups and group choices, and repeated groups of one member', () => {
  const CHOICES = `
repeated = { * ( -6: uint ), * int => any }
elective = { ? 1 => int, * $$elective, * (nint / tstr) => any }
$$elective //= (-6: uint)
optional-group = { ? (x: int), * tstr => any }
either = { (x: int // x: tstr) }
tagged = { (type: 1, data: int) // (type: 2, data: tstr) }
repeated-choice = { * (x: int // y: int), * tstr => any }
; Typed as the maps the matcher reads it in: the group whole; x absent, y of any value (never read); x and no y.
optional-pair = { ? (x: int, y: int), * tstr => any }
; All but the last optional: the matcher reads every member, whose cut then holds as it does for the member alone, optional: typed so.
optional-last = { ? (? x: int, y: int), * tstr => any }
; Counts that do not multiply: each occurrence takes as many as it can (greedy).
counted = { * (2*3 tstr => int) }
counted-array = [* (2*3 int)]
; The computed key before the group takes {1: "s"} first; the group's cut member sees 1 only after.
overtaken = { ? int => "s", (z: uint // * 1 ^ => uint) }
; The computed key before the group takes the two keys the group does not name, "y" last: the group gets "y" (it took
; "y" before "Glen" once, as the entries came, so the same map in another order was another answer).
overtaken-literal = { 1*2 tstr => bool, ? ("y" => bool, ? -6 => bool) }
; The optional group's cut fails the map before the second group's "x" ^ => nil is tried.
cut-first = { ? (x: int, y: int), (+ "x" ^ => nil // z: int) }
; Computed keys with a cut claim key 1 before the member of that key without one (constructs-differential seed 1): general.
range-cut = { 0..3 ^ => 2, 1 => nil }
; The same with a cut on the member written first: it claims key 1 first, and the rule is typed.
range-cut-after = { 1 ^ => nil, * 0..3 ^ => 2 }
; Written first too, but inside a group choice, which the matcher reaches after the computed keys with a cut wherever
; it is written: they take -1 first (structural seed 802, whose typed decoder refused {-1: h'', "c": "a"}): general.
choice-cut-before = { (? -1 ^ => int, c: "a" // ? a: int), + (-3..-1) ^ => bstr }
; Spliced in whole, the group's members take their place: -1 is claimed first, and the rule is typed.
whole-cut-before = { (? -1 ^ => int, c: "a"), + (-3..-1) ^ => bstr }
; A group spliced in whole after computed keys is its members written there: typed, as the matcher reads it so.
whole-after-computed = { ? tstr => float, pt }
pt = (p: float, t: int)
`;
  type ChoiceRules = 'Repeated' | 'Elective' | 'OptionalGroup' | 'Either' | 'Tagged' | 'RepeatedChoice' | 'OptionalPair' | 'OptionalLast' | 'Counted' | 'CountedArray' | 'Overtaken' | 'OvertakenLiteral' | 'CutFirst' | 'RangeCut' | 'RangeCutAfter' | 'ChoiceCutBefore' | 'WholeCutBefore' | 'WholeAfterComputed';
  const names = ['repeated', 'elective', 'optional-group', 'either', 'tagged', 'repeated-choice', 'optional-pair', 'optional-last', 'counted', 'counted-array', 'overtaken', 'overtaken-literal', 'cut-first', 'range-cut', 'range-cut-after', 'choice-cut-before', 'whole-cut-before', 'whole-after-computed'];
  const program = lowerProgram(compileIr([{ path: 'map-cut-choices.cddl', text: CHOICES }]), names);
  let choices: Generated<ChoiceRules>;
  beforeAll(async () => {
    choices = (await load<ChoiceRules>('language-map-cut-choices', CHOICES)).module;
  });

  const matcherTakes = (rule: string, bytes: string) => explain(program, rule, readCborValue(new CborReader(hex(bytes)))) === null;
  const decoderTakes = (rule: ChoiceRules, bytes: string): boolean => {
    const error = thrown(() => choices[`decode${rule}`](hex(bytes))) as Error | undefined;
    if (error !== undefined && error.name !== 'DecodeError') throw error;
    return error === undefined;
  };

  // [rule, its CDDL name, bytes, whether a map of the rule holds them]
  const CASES: [ChoiceRules, string, string, boolean][] = [
    ['Repeated', 'repeated', 'a1 25 a0', false], // {-6: {}}: -6 is the group's, with a cut
    ['Repeated', 'repeated', 'a2 25 01 26 a0', true], // {-6: 1, -7: {}}
    ['Repeated', 'repeated', 'a1 26 a0', true], // {-7: {}}
    ['Elective', 'elective', 'a2 01 01 25 a0', false], // {1: 1, -6: {}}
    ['Elective', 'elective', 'a2 01 01 25 05', true], // {1: 1, -6: 5}
    ['Elective', 'elective', 'a2 01 01 61 78 a0', true], // {1: 1, "x": {}}
    ['OptionalGroup', 'optional-group', 'a1 61 78 61 73', false], // {"x": "s"}
    ['OptionalGroup', 'optional-group', 'a2 61 78 01 61 79 61 73', true], // {"x": 1, "y": "s"}
    ['Either', 'either', 'a1 61 78 61 7a', true], // {"x": "z"}: the second alternative
    ['Either', 'either', 'a1 61 78 01', true], // {"x": 1}
    ['Either', 'either', 'a1 61 78 f9 3e 00', false], // {"x": 1.5}
    ['Tagged', 'tagged', 'a2 64 74797065 02 64 64617461 61 78', true], // {"type": 2, "data": "x"}
    ['Tagged', 'tagged', 'a2 64 74797065 01 64 64617461 61 78', false], // {"type": 1, "data": "x"}
    ['RepeatedChoice', 'repeated-choice', 'a1 61 78 61 73', false], // {"x": "s"}
    ['RepeatedChoice', 'repeated-choice', 'a2 61 78 01 61 7a 61 73', true], // {"x": 1, "z": "s"}
    ['OptionalPair', 'optional-pair', 'a1 61 78 61 73', false], // {"x": "s"}
    ['OptionalPair', 'optional-pair', 'a2 61 78 01 61 79 61 73', false], // {"x": 1, "y": "s"}
    ['OptionalPair', 'optional-pair', 'a1 61 79 61 73', true], // {"y": "s"}: the group fails at x, before y's cut
    ['OptionalPair', 'optional-pair', 'a1 61 78 01', true], // {"x": 1}
    ['OptionalPair', 'optional-pair', 'a2 61 78 01 61 79 02', true], // {"x": 1, "y": 2}
    ['OptionalLast', 'optional-last', 'a1 61 78 61 73', false], // {"x": "s"}
    ['OptionalLast', 'optional-last', 'a1 61 79 61 73', false], // {"y": "s"}: x is optional, so y's cut is reached
    ['OptionalLast', 'optional-last', 'a1 61 78 01', true], // {"x": 1}: the group fails at y, and * tstr => any takes x
    ['OptionalLast', 'optional-last', 'a2 61 78 01 61 79 02', true], // {"x": 1, "y": 2}
    ['OptionalLast', 'optional-last', 'a2 61 79 02 61 7a 61 73', true], // {"y": 2, "z": "s"}
    ['Counted', 'counted', 'a1 61 78 01', false], // {"x": 1}: an occurrence takes two or three
    ['Counted', 'counted', 'a2 61 78 01 61 79 02', true],
    ['CountedArray', 'counted-array', '81 01', false],
    ['CountedArray', 'counted-array', '82 01 02', true],
    ['CountedArray', 'counted-array', '84 01 02 03 04', false], // three, then one left
    ['CountedArray', 'counted-array', '85 01 02 03 04 05', true],
    ['Overtaken', 'overtaken', 'a1 01 61 73', true], // {1: "s"}: int => "s" takes it first
    ['Overtaken', 'overtaken', 'a1 01 05', true], // {1: 5}: the group's
    ['Overtaken', 'overtaken', 'a1 01 f5', false], // {1: true}: neither
    ['OvertakenLiteral', 'overtaken-literal', 'a3 60 f4 61 79 f5 64 476c656e f4', true], // {"": false, "y": true, "Glen": false}
    ['OvertakenLiteral', 'overtaken-literal', 'a3 64 476c656e f4 60 f4 61 79 f5', true], // the same, in another order
    ['OvertakenLiteral', 'overtaken-literal', 'a4 60 f4 61 79 f5 61 7a f4 64 476c656e f4', false], // three keys the group does not name
    ['OvertakenLiteral', 'overtaken-literal', 'a2 60 f4 61 79 f5', true],
    ['CutFirst', 'cut-first', 'a1 61 78 f6', false], // {"x": null}
    ['CutFirst', 'cut-first', 'a1 61 7a 01', true], // {"z": 1}
    ['RangeCut', 'range-cut', 'a2 01 f6 03 02', false], // {1: nil, 3: 2}: 1 is the cut's, and nil is not 2
    ['RangeCut', 'range-cut', 'a2 03 02 01 f6', false], // the same, in another order (taken before, as 3 came first)
    ['RangeCut', 'range-cut', 'a1 01 02', false], // {1: 2}: no key left for 1 => nil
    ['RangeCutAfter', 'range-cut-after', 'a2 01 f6 03 02', true], // {1: nil, 3: 2}
    ['RangeCutAfter', 'range-cut-after', 'a2 01 02 03 02', false], // {1: 2, 3: 2}: 1's cut, and 2 is not nil
    ['ChoiceCutBefore', 'choice-cut-before', 'a2 20 40 61 63 61 61', true], // {-1: h'', "c": "a"}: -1 is the computed keys'
    ['ChoiceCutBefore', 'choice-cut-before', 'a3 20 05 22 40 61 63 61 61', false], // {-1: 5, -3: h'', "c": "a"}: their cut fails
    ['ChoiceCutBefore', 'choice-cut-before', 'a2 22 40 61 61 01', true], // {-3: h'', "a": 1}
    ['WholeCutBefore', 'whole-cut-before', 'a3 20 05 22 40 61 63 61 61', true], // {-1: 5, -3: h'', "c": "a"}: -1 is the group's
    ['WholeCutBefore', 'whole-cut-before', 'a2 20 40 61 63 61 61', false], // {-1: h'', "c": "a"}: the group's cut fails
    ['WholeAfterComputed', 'whole-after-computed', 'a2 61 70 f9 3e 00 61 74 04', true], // {"p": 1.5, "t": 4}
    ['WholeAfterComputed', 'whole-after-computed', 'a3 61 70 f9 3e 00 61 74 04 61 78 f9 00 00', true], // and "x": 0.0
    ['WholeAfterComputed', 'whole-after-computed', 'a4 61 70 f9 3e 00 61 74 04 61 78 f9 00 00 61 79 f9 00 00', false], // "x" and "y"
    ['WholeAfterComputed', 'whole-after-computed', 'a2 61 70 04 61 74 04', false], // {"p": 4, "t": 4}: p's cut
    ['WholeAfterComputed', 'whole-after-computed', 'a1 61 74 04', false], // {"t": 4}: no "p"
  ];

  it.each(CASES)('%s takes %s: %s', (rule, name, bytes, expected) => {
    expect(matcherTakes(name, bytes)).toBe(expected);
    expect(decoderTakes(rule, bytes)).toBe(expected);
  });

  it('types a group spliced in whole after computed keys as its members written there', () => {
    // It was left to the matcher, as a group after computed keys whose members they might overtake; the matcher takes
    // such a group's members in the tiers they would have written out (4945d62), so the typed reading is the same.
    expect(choices.decodeWholeAfterComputed(hex('a3 61 70 f9 3e 00 61 74 04 61 78 f9 00 00'))).toEqual({ p: 1.5, t: 4, rest: new Map([['x', 0]]) });
  });

  it('types an optional group of cut members all but the last optional as those members, each optional, and one of two needed members as its three readings', () => {
    const value = choices.decodeOptionalLast(hex('a2 61 78 01 61 7a 61 73')) as { x?: number; rest: Map<string, unknown> };
    expect([value.x, [...value.rest.keys()]]).toEqual([1, ['z']]);
    expect(choices.decodeOptionalPair(hex('a1 61 78 01'))).toEqual({ x: 1 });
    // {"y": "s"}: the group gave up at x and never read y's cut; y is of any value.
    expect(choices.decodeOptionalPair(hex('a1 61 79 61 73'))).toEqual({ y: CborAny.of('s') });
    expect(choices.isOptionalPair({ y: 's' })).toBe(false);
    expect(choices.isOptionalPair({ x: 1, rest: new Map([['z', CborAny.of(2)]]) })).toBe(true);
    expect(choices.isOptionalPair({ x: 1, rest: new Map([['y', CborAny.of(2)]]) })).toBe(false);
  });
});

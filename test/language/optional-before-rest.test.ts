/**
 * Optional array members before a repeated one that ends the array (RFC 8990's
 * `message-structure = [MESSAGE_TYPE, session-id, ? initiator, * grasp-option]`). RFC 8610
 * Appendix A reads them as a PEG: each optional member takes the next item when it reads as one,
 * and the repetition takes what is left. Such arrays were left to the general matcher; they are
 * typed now (layout/arrays.ts optionalsBeforeRest): the decoder reads as that PEG does, a tuple is
 * one type per number of optional members present, and the guard (so the encoder) refuses a value
 * whose first repeated item the absent optional member would read back, saying why. The general
 * matcher, exact for all of these before, is the oracle.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, compileIr, type SchemaWarning } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { decodeError, encodeError, load, typeErrors, type Generated, type Loaded } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';
import { arrayHead, type Drawn } from '../support/drawn-items.js';
import { expectDrawnItemsRoundTrip, matcherTakes, pairsSchema, POOL_SIZE, roundTrips as roundTripsIn } from '../support/pairs-differential.js';

const SCHEMA = `
message-structure = [MESSAGE_TYPE, session-id, ? initiator, * grasp-option]
MESSAGE_TYPE = 0..255
session-id = 0..4294967295
grasp-option = any
initiator = ipv4-address / ipv6-address
ipv4-address = bytes .size 4
ipv6-address = bytes .size 16
at-least-one = [int, ? tstr, + int]
two = [int, ? tstr, ? tstr .size 1, * int]
overlapping = [int, ? uint, * int]
bounded = [int, ? tstr, 0*2 int]
named = [id: int, ? name: tstr, * rest: int]
named-any = [id: int, ? addr: initiator, * options: any]
inline = [int, ? [int], * any]
; Recursive: the optional member is the rule itself (an array, as its CDDL says while its layout is being found).
nested = [1, ? nested, * int]
`;

type Rules = 'MessageStructure' | 'AtLeastOne' | 'Two' | 'Overlapping' | 'Bounded' | 'Named' | 'NamedAny' | 'Inline' | 'Nested';
const RULES = ['message-structure', 'at-least-one', 'two', 'overlapping', 'bounded', 'named', 'named-any', 'inline', 'nested'];
let loaded: Loaded<Rules>;
let g: Generated<Rules>;
const warnings: SchemaWarning[] = [];
const program = lowerProgram(compileIr([{ path: 'optional-before-rest.cddl', text: SCHEMA }]), RULES);

beforeAll(async () => {
  compile([{ path: 'optional-before-rest.cddl', text: SCHEMA }], { onWarning: (w) => warnings.push(w) });
  loaded = await load<Rules>('language-optional-before-rest', SCHEMA);
  g = loaded.module;
});

const TAKEN = 'RFC 8610 Appendix A: an optional member takes the item when it reads as one';
/** Whether the general matcher (exact, and what these rules were before) takes the bytes as `rule`. */
const oracle = (rule: string, bytes: string) => matcherTakes(program, rule, bytes);
/** Decodes, then checks the guard passes and the encoder writes the same bytes; false when the decoder refuses. */
const roundTrips = (rule: Rules, bytes: string): boolean => roundTripsIn(g, rule, bytes);

describe('optional array members before a repeated one (RFC 8610 Appendix A)', () => {
  it('are typed: a tuple is one type per number of optional members present, and the code compiles', () => {
    // An inline array has no exact test to tell an optional member's element from a repeated item: it stays general.
    expect(warnings.map((w) => w.message)).toEqual([
      "'inline' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover an optional array member that is an inline array or map before a repeated one ([int] before any; give it a rule name)",
    ]);
    expect(typeErrors(loaded)).toEqual([]);
    const [module] = compile([{ path: 'optional-before-rest.cddl', text: SCHEMA }]);
    expect(module?.contents).toContain('export type MessageStructure = [MESSAGE_TYPE, SessionId, Initiator, ...GraspOption[]] | [MESSAGE_TYPE, SessionId, ...GraspOption[]];');
    expect(module?.contents).toContain('export interface Named {');
  });

  it('decodes what the general matcher takes, and only that, each round trip to the same bytes', () => {
    const cases: [Rules, string, string][] = [
      // RFC 8990: an initiator of 4 or 16 bytes is taken; other items are grasp-options.
      ['MessageStructure', 'message-structure', '82 01 02'],
      ['MessageStructure', 'message-structure', '83 01 02 4401020304'],
      ['MessageStructure', 'message-structure', '84 01 02 4401020304 4401020304'],
      ['MessageStructure', 'message-structure', '83 01 02 4301 0203'],
      ['MessageStructure', 'message-structure', '84 01 02 f6 4401020304'],
      ['MessageStructure', 'message-structure', '81 01'],
      ['AtLeastOne', 'at-least-one', '82 01 02'],
      ['AtLeastOne', 'at-least-one', '83 01 6178 02'],
      // The optional member takes the text, and then no int is left for + int: rejected, as the PEG does.
      ['AtLeastOne', 'at-least-one', '82 01 6178'],
      ['Two', 'two', '84 01 6178 6179 02'],
      ['Two', 'two', '84 01 627879 6179 02'],
      ['Two', 'two', '83 01 627879 02'],
      ['Two', 'two', '83 01 6178 02'],
      ['Two', 'two', '82 01 02'],
      // The second optional member is a text of one byte: "xy" after the first is neither it nor an int.
      ['Two', 'two', '84 01 6178 627879 02'],
      ['Overlapping', 'overlapping', '83 01 02 03'],
      ['Overlapping', 'overlapping', '83 01 20 03'],
      ['Bounded', 'bounded', '84 01 6178 02 03'],
      ['Bounded', 'bounded', '83 01 02 03'],
      ['Bounded', 'bounded', '84 01 02 03 04'],
      ['Bounded', 'bounded', '85 01 6178 02 03 04'],
      ['Named', 'named', '83 01 6178 02'],
      ['Named', 'named', '82 01 02'],
      ['NamedAny', 'named-any', '83 01 4401020304 f6'],
      ['NamedAny', 'named-any', '82 01 f6'],
      ['Nested', 'nested', '81 01'],
      ['Nested', 'nested', '83 01 8101 05'],
      ['Nested', 'nested', '83 01 05 06'],
      ['Nested', 'nested', '83 01 05 8101'],
      ['Nested', 'nested', '82 01 82 01 82 01 07'],
    ];
    for (const [rule, cddl, bytes] of cases) expect(roundTrips(rule, bytes), `${cddl} ${bytes}`).toBe(oracle(cddl, bytes));
    // Indefinite lengths too.
    expect(g.decodeMessageStructure(hex('9f 01 02 4401020304 f6 ff'))).toEqual([1, 2, hex('01020304'), expect.anything()]);
  });

  it('reads an optional member where it can, and says where a repetition is short', () => {
    expect(g.decodeMessageStructure(hex('83 01 02 4401020304'))).toEqual([1, 2, hex('01020304')]);
    expect(g.decodeNamed(hex('83 01 6178 02'))).toEqual({ id: 1, name: 'x', rest: [2] });
    expect(g.decodeNamed(hex('82 01 02'))).toEqual({ id: 1, rest: [2] });
    expect(decodeError(() => g.decodeAtLeastOne(hex('82 01 6178')))).toBe('(root) at byte 0: expected an array of at least 2 items, got 2');
    expect(decodeError(() => g.decodeBounded(hex('84 01 02 03 04')))).toBe('[1] at byte 2: expected a text string, got an unsigned integer');
    expect(decodeError(() => g.decodeMessageStructure(hex('83 01 02 ff')))).toMatch(/^\[2\] at byte 3: /);
  });

  it('the guard and the encoder refuse a first repeated item that the absent optional member would read back, naming the path and why', () => {
    const CborAny = g['CborAny'] as { fromEncoded(bytes: Uint8Array): unknown };
    const fourBytes = CborAny.fromEncoded(hex('4401020304'));
    expect(g.validateMessageStructure([1, 2, fourBytes])).toEqual([
      { path: '[2]', message: `expected an item of * grasp-option that the absent item2 (? initiator) does not read: a decoder would take it as item2 (${TAKEN}), got a CborAny` },
    ]);
    expect(encodeError(() => g.encodeMessageStructure([1, 2, fourBytes]))).toContain('[2]: expected an item of * grasp-option that the absent item2 (? initiator) does not read');
    // After an initiator, the same item is a grasp-option.
    expect(g.isMessageStructure([1, 2, hex('01020304'), fourBytes])).toBe(true);
    expect(toHex(g.encodeMessageStructure([1, 2, hex('01020304'), fourBytes]) as Uint8Array)).toBe('8401024401020304' + '4401020304');
    // Three bytes are no initiator.
    expect(g.isMessageStructure([1, 2, CborAny.fromEncoded(hex('43010203'))])).toBe(true);
    expect(g.validateNamedAny({ id: 1, options: [fourBytes] })).toEqual([
      { path: '.options[0]', message: `expected an item of * any that the absent addr (? initiator) does not read: a decoder would take it as addr (${TAKEN}), got a CborAny` },
    ]);
    expect(g.validateNamed({ id: 1, rest: ['x'] })).toEqual([{ path: '.rest[0]', message: 'expected an integer, got a string' }]);
    // An optional member whose values the items share: in a record it must be set to hold the item; in a tuple it is the item.
    expect(g.validateOverlapping([1, 2, 3])).toEqual([]);
    expect(g.validateBounded([1, 'x', 2, 3])).toEqual([]);
    expect(g.validateBounded([1, 2, 3, 4])).toEqual([{ path: '', message: 'expected an array with at most 2 items after its optional members, got an array' }]);
  });

  it('the test-data generator draws items that round trip', () => {
    expectDrawnItemsRoundTrip(program, g, RULES.filter((r) => r !== 'inline'));
  });
});

/**
 * Every pair of member types, an optional one before a repetition: the typed functions against the general matcher.
 * The items of `[1, ? X, * Y]` (and the record `[a: 1, ? b: X, * c: Y]`, `[1, ? X, + Y]`, `[? X, 0*2 Y]`) are drawn
 * for X and Y alone, the first repeated item sometimes of X: the decoder must take the bytes exactly when the matcher
 * does, and give back the same bytes; a value the guard passes must be written as bytes the matcher takes, which read
 * back as a value written as the same bytes; and where no repeated item is of X, the guard says what the matcher says.
 */
describe('[1, ? X, * Y] and its kin for pairs of member types, against the general matcher', () => {
  const TYPES = ['int', 'uint', '1', 'tstr', 'int / null', 'tstr / int', '[int]', '[* tstr]', 'any', '#6.1(int)', 'm', 'p', 'float', 'bstr .size 4'];
  const FORMS = [
    (x: string, y: string) => `[1, ? ${x}, * ${y}]`,
    (x: string, y: string) => `[a: 1, ? b: ${x}, * c: ${y}]`,
    (x: string, y: string) => `[1, ? ${x}, + ${y}]`,
    (x: string, y: string) => `[? ${x}, 0*2 ${y}]`,
  ];
  const RECORD = 1;
  // Rules stand for the types, so that an inline array is no optional member without a rule name.
  const pairs = pairsSchema('taking-pairs', 't', TYPES, FORMS, { named: true });

  it('the decoder takes what the matcher takes, round trip to the same bytes, and the guard passes exactly those values', () => {
    let checked = 0;
    for (const rule of pairs.rules) {
      for (let seed = 0; seed < 16; seed++) {
        const n = seed % 4;
        const present = seed % 8 < 4;
        const optional = pairs.pool(rule.x)[(seed + 3) % POOL_SIZE] as Drawn;
        // Every third array's first repeated item is drawn from X, the optional member's type.
        const ys = Array.from({ length: n }, (_, k) => pairs.pool(k === 0 && seed % 3 === 0 ? rule.x : rule.y)[(seed + k) % POOL_SIZE] as Drawn);
        const lead = rule.form === 3 ? [] : ['01'];
        const items = [...(present ? [optional] : []), ...ys];
        const bytes = arrayHead(lead.length + items.length) + lead.join('') + items.map((d) => d.hex).join('');
        const values = ys.map((y) => y.value);
        const value = rule.form === RECORD ? { a: 1, ...(present ? { b: optional.value } : {}), c: values } : [...(rule.form === 3 ? [] : [1]), ...(present ? [optional.value] : []), ...values];
        // Items that are the values they were drawn as (no repeated item drawn from X; in a record, the optional member
        // set, or no item it could read back): the guard says what the matcher says.
        pairs.check(rule, bytes, value, (seed % 3 !== 0 || n === 0 || rule.x === rule.y) && (rule.form !== RECORD || present || n === 0));
        checked++;
      }
    }
    expect(checked).toBe(pairs.rules.length * 16);
    expect(pairs.summary()).toMatchSnapshot();
  });
});

/**
 * Alternatives of an array some of which repeat a member (RFC 8990's `response-message`, `[M_RESPONSE,
 * session-id, initiator, ttl, (+locator-option // divert-option), ?objective]`): where they share
 * their first members and part at one whose items no two alternatives share, in data items and in
 * JavaScript values alike, they are typed (layout `forks`, layout/arrays.ts forkLayout): the item
 * where they part says which alternative an array is, so reading them in turn is RFC 8610 Appendix
 * A's ordered choice, and guards and encoders pick by the element there. They were left to the
 * general matcher, which is the oracle here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, compileIr, type SchemaWarning } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { decodeError, encodeError, load, typeErrors, type Generated, type Loaded } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';
import { arrayHead, type Drawn } from '../support/drawn-items.js';
import { matcherTakes, pairsSchema, roundTrips as roundTripsIn } from '../support/pairs-differential.js';

const SCHEMA = `
response = [2, uint, (+ locator // divert), ? objective]
locator = [1, tstr]
divert = [100, + locator]
objective = [tstr, int]
middle = [(+ tstr, 0 // 1, bool), int]
empty-first = [(* tstr, 0 // 1, bool), int]
overlapping = [1, (+ int // uint, tstr)]
; Recursive: where they part, an item is the rule itself (an array, as its CDDL says while its layout is being found) or a number.
nested = [1, (+ nested // 0)]
tree = [tstr, (+ tree // int)]
`;

type Rules = 'Response' | 'Middle' | 'EmptyFirst' | 'Overlapping' | 'Nested' | 'Tree';
let loaded: Loaded<Rules>;
let g: Generated<Rules>;
const warnings: SchemaWarning[] = [];
const program = lowerProgram(compileIr([{ path: 'array-forks.cddl', text: SCHEMA }]), ['response', 'middle', 'empty-first', 'overlapping', 'nested', 'tree']);

beforeAll(async () => {
  compile([{ path: 'array-forks.cddl', text: SCHEMA }], { onWarning: (w) => warnings.push(w) });
  loaded = await load<Rules>('language-array-forks', SCHEMA);
  g = loaded.module;
});

const oracle = (rule: string, bytes: string) => matcherTakes(program, rule, bytes);
const roundTrips = (rule: Rules, bytes: string): boolean => roundTripsIn(g, rule, bytes);

describe('alternatives of an array that part at one member, some repeating a member', () => {
  it('are typed where the member where they part tells them apart, and the code compiles', () => {
    // `* tstr, 0 // 1, bool`: the first alternative may take no text, so no one member says which it is; `+ int // uint, tstr`:
    // an unsigned integer is both alternatives' first item.
    expect(warnings.map((w) => w.message)).toEqual([
      "'empty-first' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover an alternative of an array with a repeated member, beside other alternatives",
      "'overlapping' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover an alternative of an array with a repeated member, beside other alternatives",
    ]);
    expect(typeErrors(loaded)).toEqual([]);
    const [module] = compile([{ path: 'array-forks.cddl', text: SCHEMA }]);
    expect(module?.contents).toContain('export type Response =\n  | [2, number | bigint, ...Locator[]]\n  | [2, number | bigint, ...Locator[], Objective]\n  | [2, number | bigint, Divert, Objective?];');
  });

  it('decodes what the general matcher takes, and only that, each round trip to the same bytes', () => {
    const locator = '82 01 6161';
    const divert = `82 1864 ${locator}`;
    const objective = '82 6178 05';
    const cases: [Rules, string, string][] = [
      ['Response', 'response', `83 02 07 ${locator}`],
      ['Response', 'response', `84 02 07 ${locator} ${locator}`],
      ['Response', 'response', `85 02 07 ${locator} ${locator} ${objective}`],
      ['Response', 'response', `83 02 07 ${divert}`],
      ['Response', 'response', `84 02 07 ${divert} ${objective}`],
      ['Response', 'response', `84 02 07 ${divert} ${locator}`],
      ['Response', 'response', `84 02 07 ${locator} ${divert}`],
      ['Response', 'response', `82 02 07`],
      ['Response', 'response', `83 02 07 ${objective}`],
      ['Middle', 'middle', '83 6161 00 05'],
      ['Middle', 'middle', '82 00 05'],
      ['Middle', 'middle', '83 01 f5 05'],
      ['Middle', 'middle', '84 6161 6162 00 05'],
      ['Middle', 'middle', '83 01 00 05'],
      ['Middle', 'middle', '82 01 05'],
      ['Nested', 'nested', '82 01 00'],
      ['Nested', 'nested', '83 01 820100 820100'],
      ['Nested', 'nested', '82 01 82 01 82 01 00'],
      ['Nested', 'nested', '83 01 820100 00'],
      ['Nested', 'nested', '82 01 81 01'],
      ['Tree', 'tree', '82 6161 05'],
      ['Tree', 'tree', '83 6161 82616205 826163 20'],
      ['Tree', 'tree', '83 6161 826162 05 06'],
    ];
    for (const [rule, cddl, bytes] of cases) expect(roundTrips(rule, bytes), `${cddl} ${bytes}`).toBe(oracle(cddl, bytes));
    // Indefinite length: read, and written back with a definite one (deterministic encoding).
    expect(toHex(g.encodeResponse(g.decodeResponse(hex(`9f 02 07 ${locator} ${objective} ff`))) as Uint8Array)).toBe(`84 02 07 ${locator} ${objective}`.replaceAll(' ', ''));
  });

  it('the guard picks the alternative by the element where they part, and says what is wrong there', () => {
    expect(g.isResponse([2, 7, [1, 'a'], [1, 'b'], ['x', 5]])).toBe(true);
    expect(g.isResponse([2, 7, [100, [1, 'a']], ['x', 5]])).toBe(true);
    // A divert there: the alternative with a divert checks the rest, so a locator after it is no objective.
    expect(g.validateResponse([2, 7, [100, [1, 'a']], [1, 'b']])).toEqual([
      { path: '[3][0]', message: 'expected a text string, got the number 1' },
      { path: '[3][1]', message: 'expected an integer, got a string' },
    ]);
    expect(g.validateResponse([2, 7, 'x'])).toEqual([{ path: '[2]', message: 'expected a locator or a divert, got a string' }]);
    // Too short to have the member where they part: the first alternative says so.
    expect((g.validateResponse([2, 7]) as unknown[])[0]).toEqual({ path: '', message: 'expected an array of at least 3 items, got an array' });
    expect(encodeError(() => g.encodeResponse([2, 7, 'x']))).toContain('[2]: expected a locator or a divert');
    expect(decodeError(() => g.decodeResponse(hex('83 02 07 6178')))).toBe('[2] at byte 3: expected an array, got a text string');
  });

  it('an earlier alternative that matches fewer items than a later one, before a repeated member, is said (by length) or left to the matcher (greedy)', async () => {
    // RFC 8610 Appendix A: `? nil` matches [true, "x"]'s no item, the choice is made, and `tstr` then refuses true; the
    // forked layout tried `bool` next and took it, silently, because the departures were not looked for where a path repeats a member.
    const schema = 'a = [(? nil // bool), tstr, * 1.5]\n';
    const said: SchemaWarning[] = [];
    compile([{ path: 'x.cddl', text: schema }], { onWarning: (w) => said.push(w) });
    expect(said.map((w) => w.message)).toEqual([expect.stringContaining('a group choice or an optional group in an array whose earlier alternative (0 items) can match items that a later one (1 item) reads otherwise (bool there)')]);
    const greedy = await load<'A'>('language-array-forks-greedy-departure', schema, { arrayMatching: 'greedy' });
    const item = '82 f5 6178';
    expect(matcherTakes(lowerProgram(compileIr([{ path: 'x.cddl', text: schema }]), ['a']), 'a', item)).toBe(false);
    expect(decodeError(() => greedy.module.decodeA(hex(item)))).toContain('got true');
    expect(greedy.module.decodeA(hex('83 f6 6178 f93e00'))).toBeDefined();
    // Optional members before the repetition that ends the array are read as Appendix A reads them (optionalsBeforeRest):
    // no departure, in either mode, though a later path's repetition could take the optional member's item.
    for (const arrayMatching of ['by-length', 'greedy'] as const) {
      const none: SchemaWarning[] = [];
      compile([{ path: 'x.cddl', text: 'c = [1, ? uint, + uint]\nd = [int, ? uint, ? uint, * int]\n' }], { arrayMatching, onWarning: (w) => none.push(w) });
      expect(none, arrayMatching).toEqual([]);
    }
  });
});

/**
 * Every pair of member types where the alternatives part: `[1, (+ X // Y)]`, `[1, (+ X // Y), ? tstr]` and
 * `[(+ X, 0 // Y, 1), 2]`. Items drawn for X and Y alone (sometimes of the other alternative's type where it
 * parts): the decoder takes the bytes exactly when the matcher does, round trip to the same bytes, and the guard
 * passes the value made of the same items exactly then.
 */
describe('[1, (+ X // Y)] and its kin for pairs of member types, against the general matcher', () => {
  const TYPES = ['int', 'uint', '1', 'tstr', 'int / null', '[int]', '[* tstr]', 'any', '#6.1(int)', 'm', 'p', 'float', 'bstr .size 4', 'bool'];
  const FORMS = [
    (x: string, y: string) => `[1, (+ ${x} // ${y})]`,
    (x: string, y: string) => `[1, (+ ${x} // ${y}), ? tstr]`,
    (x: string, y: string) => `[(+ ${x}, 0 // ${y}, 1), 2]`,
  ];
  const pairs = pairsSchema('fork-pairs', 'f', TYPES, FORMS, { distinct: true, named: true });

  it('the decoder takes what the matcher takes, round trip to the same bytes, and the guard passes exactly those values', () => {
    let checked = 0;
    for (const rule of pairs.rules) {
      for (let seed = 0; seed < 16; seed++) {
        const second = seed % 2 === 1;
        const n = seed % 4;
        // Every fifth array's items are of the other alternative's type.
        const swap = seed % 5 === 0;
        const of = pairs.itemOf(rule, seed, swap);
        let items: Drawn[];
        let lead: string[];
        if (rule.form === 2) {
          items = second ? [of(rule.y, 0), { hex: '01', value: 1 }] : [...Array.from({ length: Math.max(n, 1) }, (_, k) => of(rule.x, k)), { hex: '00', value: 0 }];
          items.push({ hex: '02', value: 2 });
          lead = [];
        } else {
          items = second ? [of(rule.y, 0)] : Array.from({ length: n }, (_, k) => of(rule.x, k));
          if (rule.form === 1 && seed % 3 === 0) items.push({ hex: '6178', value: 'x' });
          lead = ['01'];
        }
        const bytes = arrayHead(lead.length + items.length) + lead.join('') + items.map((d) => d.hex).join('');
        const value = [...(lead.length > 0 ? [1] : []), ...items.map((d) => d.value)];
        pairs.check(rule, bytes, value, !swap);
        checked++;
      }
    }
    expect(checked).toBe(pairs.rules.length * 16);
    expect(pairs.summary()).toMatchSnapshot();
  });
});

/**
 * Inline arrays and maps inside tags as options of a type choice: Cardano's `set<a> = #6.258([* a]) / [* a]` and
 * `plutus_data`'s `constr<a> = #6.121([* a]) / #6.122([* a]) / …`. The array or map gets a rule of its own inside
 * its tags (ir/hoist.ts), so the choice is typed (`{ tag: 258; value: … } | …[]`) where it was general (`CborValue`,
 * "an inline array as one option of a type choice"). Held to the general matcher on fixed items: each one the typed
 * decoder takes, the matcher takes, and what the encoder writes back is that item.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseEDN } from 'cbor-edn';
import { compile, compileIr, type SchemaWarning } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { readCborValue } from '../../templates/cbor-any.js';
import { explain } from '../../templates/matcher.js';
import { CborReader } from '../../templates/runtime.js';
import { load, typeErrors, type Generated, type Loaded } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';
import type { GeneratedModule } from './generate.js';
import { itemsTaken } from './matcher-agreement.js';

const SCHEMA = `
uints = set<uint>
pd = constr<pd> / { * pd => pd } / [* pd] / int / bstr
fields = constr<fields> / [* fields] / int / bstr
constr<a> = #6.121([* a]) / #6.122([* a]) / #6.102([uint, [* a]])
set<a> = #6.258([* a]) / [* a]
keyed = #6.30({ * tstr => int }) / tstr
inner = #6.1([int] / tstr) / int
safe = int / tstr / [* safe] / #6.<safe_tag>(safe) / #7.<safe_simple> / float
safe_tag = 1..57 / 59 / 62..100
safe_simple = 0..19 / 32..58
`;

type Rules = 'Uints' | 'Pd' | 'Fields' | 'Keyed' | 'Inner' | 'Safe';
let loaded: Loaded<Rules>;
let g: Generated<Rules>;
const warnings: SchemaWarning[] = [];
let moduleText = '';
const PROGRAM = lowerProgram(compileIr([{ path: 'tagged-inline.cddl', text: SCHEMA }]), ['uints', 'pd', 'fields', 'keyed', 'inner', 'safe']);

beforeAll(async () => {
  moduleText = compile([{ path: 'tagged-inline.cddl', text: SCHEMA }], { onWarning: (w) => warnings.push(w) })[0]!.contents;
  loaded = await load<Rules>('choices-tagged-inline-options', SCHEMA);
  g = loaded.module;
});

const items = (edn: readonly string[]) => edn.map((e) => toHex(parseEDN(e, {})));

describe('inline arrays and maps inside tags, as options of a type choice', () => {
  it('are typed, not general, and type-check; plutus data too, its map of any keys being a Map beside its list', () => {
    // A map whose keys are no integers or texts is a Map, as any other: `[]` is the list, `new Map()` the map, and the
    // typed encoder writes back the one read (it was a list of [key, value] pairs, which made plutus data general).
    expect(warnings.map((w) => w.message)).toEqual([]);
    expect(typeErrors(loaded)).toEqual([]);
  });

  it("set<uint>: the tagged array keeps its tag, the plain one is an array; others are refused as the matcher refuses them", () => {
    expect(g.decodeUints(hex('d90102 82 01 02'))).toEqual({ tag: 258, value: [1, 2] });
    expect(g.decodeUints(hex('82 01 02'))).toEqual([1, 2]);
    expect(toHex(g.encodeUints({ tag: 258, value: [1, 2] }) as Uint8Array)).toBe('d90102820102');
    expect(g.isUints({ tag: 259, value: [1] })).toBe(false);
    const all = items(['258([1, 2])', '[]', '[3]', '258([])', '259([1])', '258([-1])', '[1.5]', '258(1)', '258(258([1]))', '[_ 1, 2]', '258([_ ])']);
    checkAgainstMatcher('Uints', 'uints', all);
  });

  it('constructors by tag, lists, integers and bytes, nested, typed', () => {
    const value = g.decodeFields(hex('d87982 81 40 d866 82 05 80'));
    expect(value).toEqual({ tag: 121, value: [[new Uint8Array(0)], { tag: 102, value: [5, []] }] });
    expect(toHex(g.encodeFields(value) as Uint8Array)).toBe('d8798281 40d866820580'.replace(' ', ''));
    checkAgainstMatcher('Fields', 'fields', items(['121([])', '122([1, h\'00\'])', '102([3, [1]])', '102([3])', '[121([]), 5]', '7', '{1: 2}', '123([])', '[_ 121([_ ])]']));
  });

  it('plutus data, typed: a list of one pair and the map of that pair are each written back as read', () => {
    for (const item of ['81820102', 'a10102', '80', 'a0', 'd87981a0', 'd8798180']) expect(toHex(g.encodePd(g.decodePd(hex(item))) as Uint8Array)).toBe(item);
    expect(g.decodePd(hex('a10102'))).toEqual(new Map([[1, 2]]));
    expect(g.decodePd(hex('81820102'))).toEqual([[1, 2]]);
    const all = items([
      '121([])', '122([1, h\'00\'])', '102([3, [1]])', '102([3])', '121([{1: 2}])', '{1: [], h\'\': 121([])}', '[121([]), 5]', '7', 'h\'ff\'',
      '123([])', '121(5)', '"x"', '{"k": 1}', '102([-1, []])', '[_ 121([_ ]), {_ }]', '1.0', '121([1.0])', '{[]: 1, {}: 2}', '{1: 1, 1: 2}',
    ]);
    checkAgainstMatcher('Pd', 'pd', all);
  });


  it('a map inside a tag beside a text: the map (its tag is the only one there, so implied), or the text', () => {
    expect(g.decodeKeyed(hex('d81e a1 6161 01'))).toEqual(new Map([['a', 1]]));
    expect(toHex(g.encodeKeyed(new Map([['a', 1]])) as Uint8Array)).toBe('d81ea1616101');
    checkAgainstMatcher('Keyed', 'keyed', items(['30({"a": 1})', '30({})', '"s"', '30({1: 1})', '31({})', '{"a": 1}']));
  });

  it('a choice inside a tag (`#6.1([int] / tstr) / int`) gets its rule as well', () => {
    expect(g.decodeInner(hex('c1 81 05'))).toEqual([5]);
    checkAgainstMatcher('Inner', 'inner', items(['1([5])', '1("x")', '5', '1(5)', '2([5])', '"x"', '1([])', '1([1, 2])']));
  });

  it("a tag whose number is not fixed, as an option (SD-CWT's `#6.<safe_tag>(safe_value)`), gets its rule: { tag, value }, the number checked", () => {
    expect(moduleText).toContain('export type SafeOption2 = { tag: number | bigint; value: Safe };');
    expect(moduleText).toContain('The inline tag `#6.<safe_tag>(safe)` of a type choice in CDDL rule `safe`');
    expect(g.decodeSafe(hex('d8 3b 82 01 c1 61 78'))).toEqual({ tag: 59, value: [1, { tag: 1, value: 'x' }] });
    expect(toHex(g.encodeSafe({ tag: 62, value: 'x' }) as Uint8Array)).toBe('d83e6178');
    expect(g.isSafe({ tag: 58, value: 1 })).toBe(false);
    expect(() => g.decodeSafe(hex('d8 3a 01'))).toThrow(/58/);
    checkAgainstMatcher('Safe', 'safe', items(['59(1)', '58(1)', '61("x")', '62([1, 2(3)])', '101(1)', '1(1(1))', 'simple(16)', 'simple(20)', 'simple(59)', '1.5', '[1, simple(33), 1.0]', "h'00'"]));
  });
});

/** Every item the typed decoder of `name` takes, the matcher's `rule` takes, written back as the same item (deterministic here), and the rest both refuse. */
function checkAgainstMatcher(name: Rules, rule: string, all: string[]): void {
  const takes = (bytes: Uint8Array) => explain(PROGRAM, rule, readCborValue(new CborReader(bytes))) === null;
  const taken = itemsTaken(g as unknown as GeneratedModule, name, all, takes);
  for (const item of all) expect(taken.includes(item), `${item}: typed ${taken.includes(item)}, matcher ${takes(hex(item))}`).toBe(takes(hex(item)));
}

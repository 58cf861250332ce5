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
constr<a> = #6.121([* a]) / #6.122([* a]) / #6.102([uint, [* a]])
set<a> = #6.258([* a]) / [* a]
keyed = #6.30({ * tstr => int }) / tstr
inner = #6.1([int] / tstr) / int
`;

type Rules = 'Uints' | 'Pd' | 'Keyed' | 'Inner';
let loaded: Loaded<Rules>;
let g: Generated<Rules>;
const warnings: SchemaWarning[] = [];
const PROGRAM = lowerProgram(compileIr([{ path: 'tagged-inline.cddl', text: SCHEMA }]), ['uints', 'pd', 'keyed', 'inner']);

beforeAll(async () => {
  compile([{ path: 'tagged-inline.cddl', text: SCHEMA }], { onWarning: (w) => warnings.push(w) });
  loaded = await load<Rules>('choices-tagged-inline-options', SCHEMA);
  g = loaded.module;
});

const items = (edn: readonly string[]) => edn.map((e) => toHex(parseEDN(e, {})));

describe('inline arrays and maps inside tags, as options of a type choice', () => {
  it('are typed, not general, and type-check', () => {
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

  it('plutus data: constructors by tag, maps, lists, integers and bytes, nested', () => {
    const value = g.decodePd(hex('d87982 a1 01 40 d866 82 05 80'));
    expect(value).toEqual({ tag: 121, value: [[[1, new Uint8Array(0)]], { tag: 102, value: [5, []] }] });
    expect(toHex(g.encodePd(value) as Uint8Array)).toBe('d87982a10140d866820580');
    const all = items([
      '121([])', '122([1, h\'00\'])', '102([3, [1]])', '102([3])', '121([{1: 2}])', '{1: [], h\'\': 121([])}', '[121([]), 5]', '7', 'h\'ff\'',
      '123([])', '121(5)', '"x"', '{"k": 1}', '102([-1, []])', '[_ 121([_ ]), {_ }]', '1.0', '121([1.0])',
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
});

/** Every item the typed decoder of `name` takes, the matcher's `rule` takes, written back as the same item (deterministic here), and the rest both refuse. */
function checkAgainstMatcher(name: Rules, rule: string, all: string[]): void {
  const takes = (bytes: Uint8Array) => explain(PROGRAM, rule, readCborValue(new CborReader(bytes))) === null;
  const taken = itemsTaken(g as unknown as GeneratedModule, name, all, takes);
  for (const item of all) expect(taken.includes(item), `${item}: typed ${taken.includes(item)}, matcher ${takes(hex(item))}`).toBe(takes(hex(item)));
}

/**
 * A fixed key without a cut that computed-key entries may also take (`? "x" => float, * tstr =>
 * int`): an entry under it belongs to the entries when its value is not of the member's type (RFC
 * 8610 §3.5.4). Guards refuse such an entry only where the decoder would read it back as the
 * member; where no value of the entries is a data item of the member's type (an int beside a float
 * member), every such entry is the entries', and whatever the decoder gives encodes back.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, compileIr, type SchemaWarning } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { readCborValue } from '../../templates/cbor-any.js';
import { explain } from '../../templates/matcher.js';
import { CborReader } from '../../templates/runtime.js';
import { load, thrown, type Generated } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';

const SCHEMA = `
pairsIntBesideFloat = { ? "x" => float, * any => int }
mapIntBesideFloat = { ? "x" => float, * tstr => int }
mapFloatBesideInt = { ? "x" => int, * tstr => float }
anyBesideFloat = { ? "x" => float, * any => any }
mapIntBesideInt = { ? "x" => int, * tstr => int }
featured = { ? ("minItems" .feature "1.2") => uint, ? label: tstr, * (tstr .feature "ext") => any }
`;

type Rules = 'PairsIntBesideFloat' | 'MapIntBesideFloat' | 'MapFloatBesideInt' | 'AnyBesideFloat' | 'MapIntBesideInt' | 'Featured';
let g: Generated<Rules>;

beforeAll(async () => {
  g = (await load<Rules>('language-map-shared-keys', SCHEMA)).module;
});

describe('an entry under a member\'s key, no cut', () => {
  it.each([
    // {"x": 1}: an int is no float, so it is an entry, and encodes back.
    ['PairsIntBesideFloat', 'a1617801'],
    ['MapIntBesideFloat', 'a1617801'],
    // {"x": 1.0}: a float is no int.
    ['MapFloatBesideInt', 'a16178f93c00'],
    ['AnyBesideFloat', 'a1617801'],
  ] as const)('%s: %s decodes into the entries, the guard takes it, and it encodes back', (rule, bytes) => {
    const value = g[`decode${rule}`](hex(bytes));
    expect(value).not.toHaveProperty('x');
    expect(g[`validate${rule}`](value)).toEqual([]);
    expect(toHex(g[`encode${rule}`](value) as Uint8Array)).toBe(bytes);
  });

  it('where the entry would be read back as the member, the guard refuses it', () => {
    // {"x": 1} is the member x; an entry "x" → 1 would read back as it.
    expect(g.decodeMapIntBesideInt(hex('a1617801'))).toEqual({ x: 1 });
    const entry = { rest: new Map([['x', 1]]) };
    expect(g.isMapIntBesideInt(entry)).toBe(false);
    expect((thrown(() => g.encodeMapIntBesideInt(entry)) as Error).name).toBe('EncodeError');
  });
});

describe('a key written with .feature (ASDF SDF\'s `? ("minItems" .feature "1.2") => uint`)', () => {
  it('is the member of that key, not a second kind of computed keys beside `* (text .feature "ext") => any`', () => {
    // .feature only says that a feature is used (RFC 9165 §4): the rule was general, "a second kind of computed-key entries".
    const warnings: SchemaWarning[] = [];
    const module = compile([{ path: 'featured.cddl', text: SCHEMA }], { onWarning: (w) => warnings.push(w) })[0]!.contents;
    expect(warnings).toEqual([]);
    expect(module).toContain('  minItems?: number | bigint;\n  label?: string;\n');
    expect(g.decodeFeatured(hex('a1 68 6d696e4974656d73 05'))).toEqual({ minItems: 5 });
    // No cut: a text under "minItems" is an entry of the extension point.
    const entry = g.decodeFeatured(hex('a1 68 6d696e4974656d73 6178')) as { rest: Map<string, unknown> };
    expect([...entry.rest.keys()]).toEqual(['minItems']);
  });

  it('takes what the general matcher takes, and writes it back', () => {
    const program = lowerProgram(compileIr([{ path: 'featured.cddl', text: SCHEMA }]), ['featured']);
    const items = ['a0', 'a1 68 6d696e4974656d73 05', 'a1 68 6d696e4974656d73 6178', 'a1 68 6d696e4974656d73 20', 'a1 656c6162656c 6178', 'a1 656c6162656c 01', 'a1 01 01', 'a2 6161 01 656c6162656c 6178'];
    for (const item of items) {
      const bytes = hex(item);
      const matcher = explain(program, 'featured', readCborValue(new CborReader(bytes))) === null;
      const value = thrown(() => g.decodeFeatured(bytes)) === undefined ? g.decodeFeatured(bytes) : undefined;
      expect(value !== undefined, item).toBe(matcher);
      if (value !== undefined) expect(toHex(g.encodeFeatured(value) as Uint8Array), item).toBe(toHex(bytes));
    }
  });
});

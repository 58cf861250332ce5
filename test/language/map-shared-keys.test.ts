/**
 * A fixed key without a cut that computed-key entries may also take (`? "x" => float, * tstr =>
 * int`): an entry under it belongs to the entries when its value is not of the member's type (RFC
 * 8610 §3.5.4). Guards refuse such an entry only where the decoder would read it back as the
 * member; where no value of the entries is a data item of the member's type (an int beside a float
 * member), every such entry is the entries', and whatever the decoder gives encodes back.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { load, thrown, type Generated } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';

const SCHEMA = `
pairsIntBesideFloat = { ? "x" => float, * any => int }
mapIntBesideFloat = { ? "x" => float, * tstr => int }
mapFloatBesideInt = { ? "x" => int, * tstr => float }
anyBesideFloat = { ? "x" => float, * any => any }
mapIntBesideInt = { ? "x" => int, * tstr => int }
`;

type Rules = 'PairsIntBesideFloat' | 'MapIntBesideFloat' | 'MapFloatBesideInt' | 'AnyBesideFloat' | 'MapIntBesideInt';
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

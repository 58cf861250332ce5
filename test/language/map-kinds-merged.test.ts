/**
 * Two kinds of computed-key entries with one key type and one value type (RFC 9581's
 * `etime-framework`: `uint => any` for "at least one base time" beside `* uint => any`) are one
 * kind whose bounds are the sums of theirs, where a map of n such entries matches them exactly when
 * n is within those sums: each member takes as many entries as it can and gives none back (as the
 * general matcher, RFC 8610 Appendix A), so only where the later may have none or the earlier has
 * one count (`{ 1*2 tstr => bool, 2*3 tstr => bool }` refuses 3 entries; it stays general). And a map within
 * such a map of several kinds (`etime-detailed .within etime-framework`) is the left side, once
 * each of its members is shown to fall in one kind of the right side, as many times as it allows.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, type SchemaWarning } from '../../generator/index.js';
import { decodeError, load, typeErrors, type Generated, type Loaded } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';

const SCHEMA = `
framework = { uint => any, * (nint / text) => any, * uint => any }
bounds = { 1*2 uint => int, ? uint => int }
counted = { + ( 1 => int // uint => int ), * uint => int }
different = { * uint => int, * uint => tstr }
greedy = { (1*2 tstr => bool), 2*3 tstr => bool }
cut-first = { tstr => bool, * tstr ^ => bool }
detailed = { 1: int, ? -3: uint, * (nint / text) => any, * uint => any } .within framework
`;

type Rules = 'Framework' | 'Bounds' | 'Counted' | 'Different' | 'Greedy' | 'CutFirst' | 'Detailed';
let loaded: Loaded<Rules>;
let g: Generated<Rules>;
const warnings: SchemaWarning[] = [];

beforeAll(async () => {
  compile([{ path: 'map-kinds-merged.cddl', text: SCHEMA }], { onWarning: (w) => warnings.push(w) });
  loaded = await load<Rules>('language-map-kinds-merged', SCHEMA);
  g = loaded.module;
});

const any = (value: unknown): unknown => (g['CborAny'] as { of(value: unknown): unknown }).of(value);

describe('kinds of computed keys with one key type and one value type', () => {
  it('are one kind; kinds a repeated group counts, or of other values, stay general', () => {
    expect(warnings.map((w) => w.message)).toEqual([
      "'counted' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover a second kind of computed-key entries (uint =>) beside uint =>, which may take the same key",
      "'different' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover a second kind of computed-key entries (uint =>) beside uint =>, which may take the same key",
      "'greedy' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover a second kind of computed-key entries (tstr =>) beside tstr =>, which may take the same key",
      "'cut-first' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover a second kind of computed-key entries (tstr =>) beside tstr =>, which may take the same key",
    ]);
    expect(typeErrors(loaded)).toEqual([]);
  });

  it('RFC 9581 etime-framework: at least one entry with an unsigned key, others by kind', () => {
    // {2: 0}
    expect(g.decodeFramework(hex('a10200'))).toEqual({ rest: new Map([[2, any(0)]]) });
    // {1: 0, 2: "x", "t": 1}, in deterministic order: re-encoded as read.
    const bytes = 'a3010002617861' + '7401';
    const value = g.decodeFramework(hex(bytes));
    expect(value).toEqual({ rest: new Map([[1, any(0)], [2, any('x')]]), rest2: new Map([['t', any(1)]]) });
    expect(toHex(g.encodeFramework(value) as Uint8Array)).toBe(bytes);
    // {-1: 0} and {}: no unsigned key.
    expect(decodeError(() => g.decodeFramework(hex('a12000')))).toMatch(/at least 1 entry with keys of type uint/);
    expect(decodeError(() => g.decodeFramework(hex('a0')))).toMatch(/at least 1 entry/);
    expect(g.isFramework({ rest: new Map() })).toBe(false);
    expect(g.isFramework({ rest: new Map([[5, any(null)]]) })).toBe(true);
  });

  it('the bounds add up: 1*2 and ? of one kind are 1 to 3 entries', () => {
    expect(g.decodeBounds(hex('a3010102020303'))).toEqual(new Map([[1, 1], [2, 2], [3, 3]]));
    expect(decodeError(() => g.decodeBounds(hex('a40101020203030404')))).toMatch(/expected 1 to 3 entries/);
    expect(decodeError(() => g.decodeBounds(hex('a0')))).toMatch(/expected 1 to 3 entries/);
    expect(g.isBounds(new Map([[1, 1], [2, 2], [3, 3], [4, 4]]))).toBe(false);
  });

  it('where the sums do not hold (each member takes as many as it can, giving none back), the map is general', () => {
    // {"a": false, "b": false, "c": false}: 1*2 takes two, 2*3 finds one (groups-differential seed 141, r87). The sums said 3 to 5.
    expect(decodeError(() => g.decodeGreedy(hex('a36161f46162f46163f4')))).toMatch(/missing 2 entries of tstr => bool: only 1 match/);
    const four = 'a46161f46162f46163f46164f4';
    expect(toHex(g.encodeGreedy(g.decodeGreedy(hex(four))) as Uint8Array)).toBe(four);
    // The member with a cut is matched first, wherever it is written: it takes every entry, and none is left for tstr => bool.
    expect(decodeError(() => g.decodeCutFirst(hex('a16161f4')))).toMatch(/missing an entry of tstr => bool/);
    expect(decodeError(() => g.decodeCutFirst(hex('a26161f46162f4')))).toMatch(/missing an entry of tstr => bool/);
  });
});

describe('a map within a map of several kinds', () => {
  it('is the left side: its fields and kinds each fall in one kind of the right side', () => {
    // {1: 7, -3: 2, "x": true, 9: null}
    const value = g.decodeDetailed(hex('a40107 2202 09f6 6178f5'.replaceAll(' ', '')));
    expect(value).toEqual({ 1: 7, [-3]: 2, rest: new Map([['x', any(true)]]), rest2: new Map([[9, any(null)]]) });
    expect(toHex(g.encodeDetailed(value) as Uint8Array)).toBe('a4010709f622026178f5');
    // The field 1 is required by the left side alone.
    expect(decodeError(() => g.decodeDetailed(hex('a10200')))).toMatch(/1/);
  });

  it('RFC 9581 etime-detailed generates typed, and reads a time with an elective and a critical extension', async () => {
    const text = readFileSync(new URL('../../../shared/cddl-library/rfc9581.cddl', import.meta.url), 'utf8');
    const found: string[] = [];
    compile([{ path: 'rfc9581.cddl', text }], { onWarning: (w) => found.push(w.message) });
    expect(found.filter((m) => /etime/.test(m))).toEqual([]);
    const rfc9581 = (await load<'Etime'>('language-rfc9581', text)).module;
    // 1001({1: 1500000000, 7: 2, -3: 123, "x": 1}): a base time, a critical extension 7, milliseconds, an elective "x".
    const bytes = 'd903e9a4011a59682f000702' + '22187b' + '617801';
    const value = rfc9581.decodeEtime(hex(bytes));
    expect(value).toEqual({ 1: 1500000000, [-3]: 123, rest: new Map([['x', any(1)]]), rest2: new Map([[7, any(2)]]) });
    expect(toHex(rfc9581.encodeEtime(value) as Uint8Array)).toBe(bytes);
    // 1001({-3: 1}): no base time.
    expect(decodeError(() => rfc9581.decodeEtime(hex('d903e9a12201')))).toMatch(/missing key/);
  });
});

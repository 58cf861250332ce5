/**
 * Several kinds of computed-key entries in one map (`{ * int => int, * tstr => tstr }`, RFC 9290's
 * problem details): where their key types are disjoint, each kind is its own Map property, an
 * entry goes to the one whose key type takes its key (RFC 8610 §3.5.4), after the fixed keys, and
 * the encoder writes fields and every kind's entries together in deterministic key order (RFC 8949
 * §4.2.1). Key types that may share a key stay with the general matcher.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, type SchemaWarning } from '../../generator/index.js';
import { decodeError, load, thrown, typeErrors, type Generated, type Loaded } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';

const SCHEMA = `
kinds = { * int => int, * tstr => tstr }
mixed = { x: 1, * nint => any, * (uint / tstr) => bstr }
open = { ? "y" => int, * int => int, * tstr => tstr }
named = { standard, custom }
standard = ( * nint => any )
custom = ( * (uint / tstr) => bstr )
ranges = [ { * (1..5) => int, * (10..20) => tstr } ]
bounded = { 1*2 nint => int, + tstr => tstr }
counted = { + ( "a" => int // nint => int // tstr => tstr ) }
overlap = { * int => int, * uint => tstr }
; dcSpark/cddl-codegen's c_style_enum_map_key: keys of a few values are a Map of their union, whose has() takes only those
valueKeys = { * (0 / 1 / 2) => uint }
namedValueKeys = { * small => uint }
small = 0 / 1 / 2
`;

type Rules = 'Kinds' | 'Mixed' | 'Open' | 'Named' | 'Ranges' | 'Bounded' | 'Counted' | 'Overlap' | 'ValueKeys' | 'NamedValueKeys';
let loaded: Loaded<Rules>;
let g: Generated<Rules>;
const warnings: SchemaWarning[] = [];

beforeAll(async () => {
  compile([{ path: 'map-rests.cddl', text: SCHEMA }], { onWarning: (w) => warnings.push(w) });
  loaded = await load<Rules>('language-map-rests', SCHEMA);
  g = loaded.module;
});

const CborAny = () => g['CborAny'] as { of(value: unknown): unknown };

describe('several kinds of computed-key entries in one map', () => {
  it('are typed where their key types are disjoint, and only the overlapping map is general', () => {
    expect(warnings.map((w) => w.message)).toEqual([
      "'overlap' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover a second kind of computed-key entries (uint =>) beside int =>, which may take the same key",
    ]);
    expect(typeErrors(loaded)).toEqual([]);
  });

  it('keys of a few values: a Map of their union, a key twice a DecodeError', () => {
    expect(g.decodeValueKeys(hex('a2 00 05 02 06'))).toEqual(new Map([[0, 5], [2, 6]]));
    expect(g.decodeNamedValueKeys(hex('a1 01 07'))).toEqual(new Map([[1, 7]]));
    expect(decodeError(() => g.decodeValueKeys(hex('a2 01 05 01 06')))).toMatch(/^\(root\) at byte 3: duplicate key 1/);
    expect(decodeError(() => g.decodeNamedValueKeys(hex('a1 03 07')))).toMatch(/at byte 1: unexpected key 3/);
  });

  it('an entry of each kind goes to its Map, and the map encodes as read', () => {
    // {1: 2, "a": "b"}
    const bytes = 'a20102616161 62'.replaceAll(' ', '');
    const value = g.decodeKinds(hex(bytes));
    expect(value).toEqual({ rest: new Map([[1, 2]]), rest2: new Map([['a', 'b']]) });
    expect(g.isKinds(value)).toBe(true);
    expect(toHex(g.encodeKinds(value) as Uint8Array)).toBe(bytes);
  });

  it('entries read in any order are written in deterministic key order, fields and every kind together', () => {
    // {"a": "b", 1: 2} → {1: 2, "a": "b"}
    expect(toHex(g.encodeKinds(g.decodeKinds(hex('a2 6161 6162 01 02'))) as Uint8Array)).toBe('a2010261616162');
    // {"z": h'02', "x": 1, -1: null, 2: h'01'} → {2: h'01', -1: null, "x": 1, "z": h'02'}
    const value = g.decodeMixed(hex('a4 617a 4102 6178 01 20 f6 02 4101'));
    expect(value).toEqual({ x: 1, rest: new Map([[-1, CborAny().of(null)]]), rest2: new Map<unknown, unknown>([['z', hex('02')], [2, hex('01')]]) });
    expect(toHex(g.encodeMixed(value) as Uint8Array)).toBe('a402410120f661780161' + '7a4102');
  });

  it('a key no kind takes is a DecodeError at the key, with its path', () => {
    // [{3: 1, 12: "s"}] reads; [{3: 1, 7: 1}]: 7 is in neither 1..5 nor 10..20.
    expect(g.decodeRanges(hex('81 a2 03 01 0c 6173'))).toEqual([{ rest: new Map([[3, 1]]), rest2: new Map([[12, 's']]) }]);
    expect(decodeError(() => g.decodeRanges(hex('81 a2 03 01 07 01')))).toBe('[0] at byte 4: unexpected key 7');
    // {h'01': h'02'}: a byte string is no kind's key.
    expect(decodeError(() => g.decodeMixed(hex('a2 6178 01 4101 4102')))).toContain('unexpected key: a byte string');
    // A key twice in one kind is still a duplicate.
    expect(decodeError(() => g.decodeKinds(hex('a2 01 01 01 02')))).toContain('duplicate key 1');
  });

  it('a fixed key the computed keys also take is the field’s: under a cut always, without one when its value is the field’s type', () => {
    // {"x": h'01'}: x: has a cut, so the entry is not the bytes kind's.
    expect(decodeError(() => g.decodeMixed(hex('a1 6178 4101')))).toBe('.x at byte 3: expected an unsigned integer, got a byte string');
    // {"y": 5} is the member y; {"y": "s"} is an entry of the text kind.
    expect(g.decodeOpen(hex('a1 6179 05'))).toEqual({ y: 5 });
    const entry = g.decodeOpen(hex('a1 6179 6173'));
    expect(entry).toEqual({ rest2: new Map([['y', 's']]) });
    expect(toHex(g.encodeOpen(entry) as Uint8Array)).toBe('a161796173');
  });

  it('guards check each Map’s keys against its own key type, and a field’s key where the rules forbid it', () => {
    expect(g.validateKinds({ rest: new Map([['a', 1]]) })).toContainEqual({ path: '.rest["a"]', message: 'expected a key of type int, got a string' });
    expect(g.validateKinds({ rest2: new Map([[1, 'b']]) })).toContainEqual({ path: '.rest2[1]', message: 'expected a key of type tstr, got the number 1' });
    expect((g.validateMixed({ x: 1, rest: new Map([[1, CborAny().of(null)]]) }) as { path: string }[])[0]?.path).toBe('.rest[1]');
    expect((g.validateMixed({ x: 1, rest2: new Map([[-1, hex('01')]]) }) as { path: string }[])[0]?.path).toBe('.rest2[-1]');
    expect(g.isMixed({ x: 1, rest2: new Map([['x', hex('01')]]) })).toBe(false);
    expect(g.isOpen({ y: 1, rest2: new Map([['y', 's']]) })).toBe(false);
    expect(g.isOpen({ rest2: new Map([['y', 's']]) })).toBe(true);
    expect(thrown(() => g.encodeKinds({ rest: new Map([['a', 1]]) })) as Error).toMatchObject({ name: 'EncodeError' });
  });

  it('each kind is named by the group spliced in', () => {
    const value = g.decodeNamed(hex('a2 20 f6 6161 4101'));
    expect(Object.keys(value as object)).toEqual(['standard', 'custom']);
    expect(toHex(g.encodeNamed(value) as Uint8Array)).toBe('a220f661614101');
  });

  it('occurrence bounds hold for each kind, and a repeated group counts the kinds it holds', () => {
    // {"a": "b"}: no negative key, but 1*2 are required.
    expect(decodeError(() => g.decodeBounded(hex('a1 6161 6162')))).toContain('expected 1 to 2 entries with keys of type nint the schema does not name, got 0');
    expect(g.decodeBounded(hex('a2 20 01 6161 6162'))).toEqual({ rest: new Map([[-1, 1]]), rest2: new Map([['a', 'b']]) });
    expect(g.isBounded({ rest: new Map([[-1, 1], [-2, 2], [-3, 3]]), rest2: new Map([['a', 'b']]) })).toBe(false);
    expect(g.validateBounded({ rest: new Map([[-1, 1], [-2, 2], [-3, 3]]), rest2: new Map([['a', 'b']]) })).toEqual([{ path: '.rest', message: 'expected a Map of 1 to 2 entries, got a Map' }]);
    expect(decodeError(() => g.decodeCounted(hex('a0')))).toContain('expected a map with at least 1 of the members a, the entries in rest, the entries in rest2, got 0');
    expect(g.decodeCounted(hex('a1 6162 6163'))).toEqual({ rest2: new Map([['b', 'c']]) });
    expect(g.isCounted({})).toBe(false);
    expect(g.isCounted({ rest: new Map([[-1, 1]]) })).toBe(true);
  });
});

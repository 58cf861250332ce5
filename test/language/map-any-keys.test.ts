/**
 * Computed keys of any type (`{ * any => any }`, `{ * bstr => int }`, `{ * float => int }`): a kind
 * whose key type is not solely integers and text strings is a Map as the others are, keyed by the
 * keys as decoded (a float as a CborFloat), keys told apart by their encoding (no key twice; 1 and
 * 1.0 are two keys, and so are 0.0 and -0.0, which a Map of numbers would hold as one), read in any order and
 * written in deterministic order (RFC 8949 §4.2.1) with the fixed fields. Fixed keys beside it
 * follow RFC 8610 §3.5.4 (a cut keeps the key for the field; without one, an entry whose value is
 * not the field's type is the kind's), and the guards refuse what would decode differently. A map
 * met with `{ + any => any }` (RFC 9115's and RFC 9290's `non-empty<M>`) is that map, counted.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Decoder as CborXDecoder, Encoder as CborXEncoder } from 'cbor-x';
import fc from 'fast-check';
import { deterministicKey } from '../../templates/cbor-deterministic.js';
import { CborAny as RuntimeCborAny } from '../../templates/cbor-any.js';
import { compile, type SchemaWarning } from '../../generator/index.js';
import { decodeError, encodeError, load, thrown, typeErrors, type Generated, type Loaded } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';

const SCHEMA = `
anyMap = { + any => any }
anyOpen = { * any => any }
cutBeside = { x: int, * any => any }
noCut = { ? "x" => int, * any => any }
byBytes = { * bstr => int }
intOrBytes = { * (int / bstr) => int }
byFloat = { * float => int }
byMajor = { * int => int, * bstr => tstr }
arraysAndText = { * [int] => int, * tstr => int }
overlap = { * any => int, * tstr => int }
nonEmpty<M> = (M) .and ({ + any => any })
details = nonEmpty<{ ? title: tstr, ? status: uint, * tstr => any }>
withId = nonEmpty<{ id: int, ? name: tstr }>
fewOf = { ? a: int, ? b: int, ? c: int } .and { 1*2 any => any }
patterned = { * ("a" / tstr .regexp "b+") => int }
floatOrInt = { * (int / float) => int }
intKeys = { * int => int }
simpleKey = { ? #7.59 => [* bstr], * (int / tstr) => any }
valueKeys = { 1.5: uint, ? h'01': tstr, n: int }
`;

type Rules = 'AnyMap' | 'AnyOpen' | 'CutBeside' | 'NoCut' | 'ByBytes' | 'IntOrBytes' | 'ByFloat' | 'ByMajor' | 'ArraysAndText' | 'Overlap' | 'Details' | 'WithId' | 'FewOf' | 'Patterned' | 'FloatOrInt' | 'IntKeys' | 'SimpleKey' | 'ValueKeys';
let loaded: Loaded<Rules>;
let g: Generated<Rules>;
const warnings: SchemaWarning[] = [];
const cborX = new CborXEncoder({ tagUint8Array: false, useRecords: false, mapsAsObjects: false });
const cborXDecoder = new CborXDecoder({ useRecords: false, mapsAsObjects: false });

beforeAll(async () => {
  compile([{ path: 'map-any-keys.cddl', text: SCHEMA }], { onWarning: (w) => warnings.push(w) });
  loaded = await load<Rules>('language-map-any-keys', SCHEMA);
  g = loaded.module;
});

interface CborAnyClass {
  of(value: unknown): unknown;
  fromEncoded(bytes: Uint8Array): unknown;
}
const CborAny = () => g['CborAny'] as CborAnyClass;
const any = (value: unknown) => CborAny().of(value);
const roundTrip = (decode: (b: Uint8Array) => unknown, encode: (v: unknown) => unknown, bytes: string) => toHex(encode(decode(hex(bytes))) as Uint8Array);

describe('map keys of any type', () => {
  it('get a typed layout; only kinds that may share a key stay general', () => {
    expect(warnings.map((w) => w.message)).toEqual([
      "'overlap' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover a second kind of computed-key entries (tstr =>) beside any =>, which may take the same key",
    ]);
    expect(typeErrors(loaded)).toEqual([]);
  });

  it('{ + any => any } reads a Map of CborAny keys and values and writes them in deterministic order, as cbor-x writes them in that order', () => {
    // cbor-x writes a Map's entries in insertion order: given in deterministic order, its bytes are ours.
    const bytes = cborX.encode(new Map<unknown, unknown>([[1, 2], ['a', Uint8Array.of(0)], [[1], null]]));
    expect(toHex(bytes)).toBe('a30102616141008101f6');
    const value = g.decodeAnyMap(bytes);
    expect(value).toEqual(new Map([[any(1), any(2)], [any('a'), any(hex('00'))], [any([1]), any(null)]]));
    expect(toHex(g.encodeAnyMap(value) as Uint8Array)).toBe(toHex(bytes));
    expect(cborXDecoder.decode(g.encodeAnyMap(value) as Uint8Array)).toEqual(new Map<unknown, unknown>([[1, 2], ['a', Uint8Array.of(0)], [[1], null]]));
    // Read in any order: {"a": h'00', [1]: null, 1: 2} → {1: 2, "a": h'00', [1]: null}.
    expect(roundTrip(g.decodeAnyMap, g.encodeAnyMap, 'a3 6161 4100 8101 f6 01 02')).toBe('a30102616141008101f6');
    // + asks for one entry at least.
    expect(decodeError(() => g.decodeAnyMap(hex('a0')))).toBe('(root) at byte 0: expected at least 1 entry with keys the schema does not name, got 0');
    expect(g.isAnyMap(new Map())).toBe(false);
    expect(g.isAnyMap([])).toBe(false);
    expect(g.decodeAnyOpen(hex('a0'))).toEqual(new Map());
  });

  it('keys are told apart by their encoding: a key twice is a DecodeError at the second, 1 and 1.0 are two keys', () => {
    expect(decodeError(() => g.decodeByBytes(hex('a2 4101 01 4101 02')))).toBe('[1][0] at byte 4: duplicate key (encoded 4101)');
    // 1 with a one-byte and a two-byte head is one key (compared as deterministically encoded).
    expect(decodeError(() => g.decodeAnyOpen(hex('a2 01 00 1801 01')))).toBe('[1][0] at byte 3: duplicate key (encoded 01)');
    // 1.0 (f93c00) and 1 are different data items (RFC 8949 §2), both kept, in deterministic order.
    const value = g.decodeAnyOpen(hex('a2 f93c00 01 01 00'));
    expect(value).toEqual(new Map([[CborAny().fromEncoded(hex('f93c00')), any(1)], [any(1), any(0)]]));
    expect(toHex(g.encodeAnyOpen(value) as Uint8Array)).toBe('a20100f93c0001');
    // However encoded: a float in a wider width, an array with a longer head inside, a chunked byte string, a bignum that fits 64 bits, a NaN.
    expect(decodeError(() => g.decodeByFloat(hex('a2 f93e00 01 fb3ff8000000000000 02')))).toBe('[1][0] at byte 5: duplicate key (encoded f93e00)');
    expect(decodeError(() => g.decodeArraysAndText(hex('a2 8101 01 811801 02')))).toBe('.rest[1][0] at byte 4: duplicate key (encoded 8101)');
    expect(decodeError(() => g.decodeByBytes(hex('a2 4101 01 5f 4101 ff 02')))).toBe('[1][0] at byte 4: duplicate key (encoded 4101)');
    expect(decodeError(() => g.decodeAnyOpen(hex('a2 01 00 c2 41 01 01')))).toBe('[1][0] at byte 3: duplicate key (encoded 01)');
    expect(decodeError(() => g.decodeAnyOpen(hex('a2 f97e00 00 fa7fc00000 01')))).toBe('[1][0] at byte 5: duplicate key (encoded f97e00)');
    expect(decodeError(() => g.decodeAnyOpen(hex('a2 a2 01 02 03 04 00 a2 03 04 01 02 01')))).toBe('[1][0] at byte 7: duplicate key (encoded a201020304)');
    // -0.0 and 0.0 are two keys, to the decoder and the guard: CborFloats, since a Map holds the numbers -0 and 0 as one
    // key (Map.set(-0, x) keeps the key 0), and a lone -0.0 would be written back as 0.0.
    const CborFloat = g['CborFloat'] as new (value: number, width?: number) => unknown;
    const zeros = g.decodeByFloat(hex('a2 f90000 01 f98000 02'));
    expect(zeros).toEqual(new Map([[new CborFloat(0, 16), 1], [new CborFloat(-0, 16), 2]]));
    expect(toHex(g.encodeByFloat(zeros) as Uint8Array)).toBe('a2f9000001f9800002');
    expect(roundTrip(g.decodeByFloat, g.encodeByFloat, 'a1 f98000 01')).toBe('a1f9800001');
    // The guard finds a key twice the same way.
    expect(g.validateAnyOpen(new Map([[any(1), any('s')], [CborAny().fromEncoded(hex('1801')), any(2)]]))).toEqual([{ path: '[1][0]', message: 'expected a key that no earlier entry has, got a CborAny' }]);
    expect(g.isByBytes(new Map([[hex('01'), 1], [hex('01'), 2]]))).toBe(false);
    expect(encodeError(() => g.encodeByBytes(new Map([[hex('01'), 1], [hex('01'), 2]])))).toContain('a key that no earlier entry has');
    // A Map is what the guard takes, not the [key, value] pairs it was once.
    expect(g.validateByBytes([[hex('01'), 1]])).toEqual([{ path: '', message: 'expected a Map, got an array' }]);
  });

  it('a key twice is refused by the guard, and so by the encoder, however JavaScript tells the two apart', () => {
    const CborFloat = g['CborFloat'] as new (value: number, width?: number) => unknown;
    // 1.5 in binary16 and in binary64 is one data item, written f93e00 either way.
    const floats = new Map([[new CborFloat(1.5, 16), 1], [new CborFloat(1.5, 64), 2]]);
    expect(g.isFloatOrInt(floats)).toBe(false);
    expect(encodeError(() => g.encodeFloatOrInt(floats))).toContain('[1][0]: expected a key that no earlier entry has');
    // 1 and 1n are two keys of a JavaScript Map, and one integer.
    const ints = new Map<unknown, unknown>([[1, 2], [1n, 3]]);
    expect(g.isIntKeys(ints)).toBe(false);
    expect(encodeError(() => g.encodeIntKeys(ints))).toContain('[1]: expected a key that no other entry has (the number and the bigint of one integer are one key)');
    expect(toHex(g.encodeIntKeys(new Map([[2, 0], [1, 0]])) as Uint8Array)).toBe('a201000200');
  });

  it('a guard finds a key twice among many pairs in linear time (a Set of their data keys)', () => {
    const many = new Map(Array.from({ length: 50_000 }, (_, i) => [hex(i.toString(16).padStart(6, '0')), 1]));
    expect(g.isByBytes(many)).toBe(true);
    many.set(hex('00002a'), 2);
    expect(g.validateByBytes(many)).toEqual([{ path: '[50000][0]', message: expect.stringContaining('expected a key that no earlier entry has') }]);
  });

  it('bstr, float and int / bstr keys are typed as what they are', () => {
    const CborFloat = g['CborFloat'] as new (value: number, width?: number) => unknown;
    // {h'02': 1, h'01': 2} → Map { h'02' => 1, h'01' => 2 }, written h'01' first.
    expect(g.decodeByBytes(hex('a2 4102 01 4101 02'))).toEqual(new Map([[hex('02'), 1], [hex('01'), 2]]));
    expect(roundTrip(g.decodeByBytes, g.encodeByBytes, 'a2 4102 01 4101 02')).toBe('a2410102410201');
    // {1.5 (binary64): 1} → Map { CborFloat 1.5 => 1 }, written as binary16 (deterministic: the shortest width that holds it).
    expect(g.decodeByFloat(hex('a1 fb3ff8000000000000 01'))).toEqual(new Map([[new CborFloat(1.5, 64), 1]]));
    expect(roundTrip(g.decodeByFloat, g.encodeByFloat, 'a1 fb3ff8000000000000 01')).toBe('a1f93e0001');
    expect(decodeError(() => g.decodeByFloat(hex('a1 01 01')))).toBe('[0][0] at byte 1: expected a float, got an unsigned integer');
    expect(g.decodeIntOrBytes(hex('a2 4101 02 01 01'))).toEqual(new Map<unknown, number>([[hex('01'), 2], [1, 1]]));
    expect(roundTrip(g.decodeIntOrBytes, g.encodeIntOrBytes, 'a2 4101 02 01 01')).toBe('a20101410102');
    expect(decodeError(() => g.decodeIntOrBytes(hex('a1 6161 01')))).toBe('[0][0] at byte 1: expected an integer or a byte string, got a text string');
    expect(g.isIntOrBytes(new Map<unknown, number>([[1, 1], ['a', 2]]))).toBe(false);
    expect(g.isIntOrBytes(new Map<unknown, number>([[1, 1], [hex('00'), 2]]))).toBe(true);
  });

  it('text keys that one text type cannot say are told apart by their encoding too, each key checked by the choice', () => {
    expect(g.decodePatterned(hex('a2 6162 01 6161 02'))).toEqual(new Map([['b', 1], ['a', 2]]));
    expect(roundTrip(g.decodePatterned, g.encodePatterned, 'a2 6162 01 6161 02')).toBe('a2616102616201');
    expect(decodeError(() => g.decodePatterned(hex('a1 6163 01')))).toContain('[0][0] at byte 1:');
    expect(g.isPatterned(new Map([['c', 1]]))).toBe(false);
  });

  it('kinds of different major types are each their own property', () => {
    const value = g.decodeByMajor(hex('a2 4101 6161 01 02'));
    expect(value).toEqual({ rest: new Map([[1, 2]]), rest2: new Map([[hex('01'), 'a']]) });
    expect(toHex(g.encodeByMajor(value) as Uint8Array)).toBe('a2010241016161');
    expect(decodeError(() => g.decodeByMajor(hex('a1 6161 01')))).toBe('(root) at byte 1: unexpected key: a text string');
    // Array keys beside text keys: told apart by the major type too.
    const arrays = g.decodeArraysAndText(hex('a2 6161 02 8101 01'));
    expect(arrays).toEqual({ rest: new Map([[[1], 1]]), rest2: new Map([['a', 2]]) });
    expect(toHex(g.encodeArraysAndText(arrays) as Uint8Array)).toBe('a2616102810101');
    // A simple value key (draft-ietf-spice-sd-cwt's redacted-claim key, `#7.59`) beside integer and text keys: major 7, so
    // no key of both (it was typed CborValue, "which may take the same key").
    expect(warnings.map((w) => w.message).filter((m) => m.includes('simpleKey'))).toEqual([]);
    const simple = g.decodeSimpleKey(hex('a2 01 61 78 f8 3b 81 41 ab'));
    expect(simple).toMatchObject({ rest: new Map([[expect.anything(), [hex('ab')]]]), rest2: new Map([[1, any('x')]]) });
    expect(toHex(g.encodeSimpleKey(simple) as Uint8Array)).toBe('a2016178f83b8141ab');
    expect(decodeError(() => g.decodeSimpleKey(hex('a1 f8 3a 80')))).toBe('.rest[0][0] at byte 1: expected simple value 59 (#7.59), got a simple value');
  });

  it('value keys of other kinds (`1.5: uint`, `h\'01\': tstr`) are computed keys of one value each, not general', () => {
    // dcSpark/cddl-codegen's group_choice_map_unsupported_key: the warning said "a map entry without a key".
    expect(warnings.map((w) => w.message).filter((m) => m.includes('valueKeys'))).toEqual([]);
    // {1.5: 7, "n": -1}, and with h'01': "x"
    expect(g.decodeValueKeys(hex('a2 f93e00 07 616e 20'))).toEqual({ rest: new Map([[1.5, 7]]), n: -1 });
    const both = g.decodeValueKeys(hex('a3 4101 6178 f93e00 07 616e 20'));
    expect(both).toEqual({ rest: new Map([[1.5, 7]]), rest2: new Map([[hex('01'), 'x']]), n: -1 });
    // Written back in deterministic order (RFC 8949 §4.2.1, by the encoded keys' bytes): h'01' (41 01), "n" (61 6e), 1.5 (f9 3e00).
    expect(toHex(g.encodeValueKeys(both) as Uint8Array)).toBe('a3 4101 6178 616e 20 f93e00 07'.replaceAll(' ', ''));
    // 1.5 written in 32 bits is the same key; 2.5 is none of the map's, and 1.5 is required.
    expect(g.decodeValueKeys(hex('a2 fa3fc00000 07 616e 20'))).toEqual({ rest: new Map([[1.5, 7]]), n: -1 });
    expect(thrown(() => g.decodeValueKeys(hex('a2 f94100 07 616e 20')))).toBeDefined();
    expect(thrown(() => g.decodeValueKeys(hex('a1 616e 20')))).toBeDefined();
    expect(g.isValueKeys({ rest: new Map([[1.5, 7]]), n: 1 })).toBe(true);
    expect(g.isValueKeys({ rest: new Map([[2.5, 7]]), n: 1 })).toBe(false);
    expect(g.isValueKeys({ rest: new Map(), n: 1 })).toBe(false);
  });

  it('a fixed key beside any keys: with a cut it is always the field’s', () => {
    expect(g.decodeCutBeside(hex('a2 6179 02 6178 01'))).toEqual({ x: 1, rest: new Map([[any('y'), any(2)]]) });
    expect(roundTrip(g.decodeCutBeside, g.encodeCutBeside, 'a2 6179 02 6178 01')).toBe('a2617801617902');
    expect(decodeError(() => g.decodeCutBeside(hex('a1 6178 6173')))).toBe('.x at byte 3: expected an integer, got a text string');
    expect(g.validateCutBeside({ x: 1, rest: new Map([[any('x'), any('s')]]) })).toEqual([
      { path: '.rest[0][0]', message: 'expected no entry with the key "x": the member x has it, with a cut (RFC 8610 §3.5.4), got a CborAny' },
    ]);
    expect(encodeError(() => g.encodeCutBeside({ x: 1, rest: new Map([[any('x'), any('s')]]) }))).toContain('with a cut');
  });

  it('without a cut, an entry under the key whose value is not the field’s type is the any-kind’s, and the guard refuses what would read back as the field', () => {
    // {"x": "s"} is valid: "s" is no int, so the entry is the any-kind's.
    const entry = g.decodeNoCut(hex('a1 6178 6173'));
    expect(entry).toEqual({ rest: new Map([[any('x'), any('s')]]) });
    expect(toHex(g.encodeNoCut(entry) as Uint8Array)).toBe('a161786173');
    expect(g.decodeNoCut(hex('a1 6178 01'))).toEqual({ x: 1 });
    // The key twice, whichever reads it.
    expect(decodeError(() => g.decodeNoCut(hex('a2 6178 01 6178 6173')))).toBe('(root) at byte 4: duplicate key "x"');
    expect(decodeError(() => g.decodeNoCut(hex('a2 6178 6173 6178 01')))).toBe('(root) at byte 5: duplicate key "x"');
    // An int under "x" would be read back as the member; with the member set, the map would hold "x" twice.
    expect(g.validateNoCut({ rest: new Map([[any('x'), any(5)]]) })).toEqual([
      { path: '.rest[0][0]', message: "expected no entry with the key \"x\" whose value is of the member x's type (it would be read back as that member), got a CborAny" },
    ]);
    expect(g.validateNoCut({ x: 1, rest: new Map([[any('x'), any('s')]]) })).toEqual([{ path: '.rest[0][0]', message: 'expected no entry with the key "x" while the member x is set, got a CborAny' }]);
    expect(g.isNoCut({ rest: new Map([[any('x'), any('s')]]) })).toBe(true);
    expect(thrown(() => g.encodeNoCut({ rest: new Map([[any('x'), any(5)]]) }))).toMatchObject({ name: 'EncodeError' });
  });

  it('a map met with { + any => any } is that map with a count over all its entries', () => {
    // non-empty<{ ? title, ? status, * tstr => any }>: at least one of them.
    expect(decodeError(() => g.decodeDetails(hex('a0')))).toBe('(root) at byte 0: expected a map with at least 1 of the members title, status, entries with other keys, got 0');
    expect(g.decodeDetails(hex('a1 6161 01'))).toEqual({ rest: new Map([['a', any(1)]]) });
    expect(g.decodeDetails(hex('a1 657469746c65 6174'))).toEqual({ title: 't' });
    expect(g.isDetails({})).toBe(false);
    expect(g.isDetails({ status: 200 })).toBe(true);
    // A required member already makes the map non-empty: no count.
    expect(g.decodeWithId(hex('a1 626964 01'))).toEqual({ id: 1 });
    // 1*2 entries of a, b, c.
    expect(decodeError(() => g.decodeFewOf(hex('a3 6161 01 6162 02 6163 03')))).toBe('(root) at byte 9: expected a map with 1 to 2 of the members a, b, c, got 3');
    expect(g.decodeFewOf(hex('a2 6161 01 6163 03'))).toEqual({ a: 1, c: 3 });
    expect(g.isFewOf({})).toBe(false);
    expect(g.isFewOf({ a: 1, b: 2, c: 3 })).toBe(false);
  });
});

describe('RFC 9290 problem details and RFC 9115 CSR templates', () => {
  const library = (name: string) => readFileSync(new URL(`../../../shared/cddl-library/${name}.cddl`, import.meta.url), 'utf8');

  it('are typed, the custom entries’ values too', async () => {
    const found: SchemaWarning[] = [];
    for (const name of ['rfc9290', 'rfc9115']) compile([{ path: `${name}.cddl`, text: library(name) }], { onWarning: (w) => found.push(w) });
    expect(found.filter((w) => w.message.includes('general matcher')).map((w) => w.message)).toEqual([]);
    const rfc9290 = await load<'ProblemDetails'>('language-map-any-keys-9290', library('rfc9290'));
    const m = rfc9290.module;
    // {-1: "t", "tag:x": {1: 2}}
    const bytes = 'a2 20 6174 65 7461673a78 a1 01 02'.replaceAll(' ', '');
    const value = m.decodeProblemDetails(hex(bytes));
    const anyOf = (v: unknown) => (m['CborAny'] as CborAnyClass).of(v);
    expect(value).toEqual({ title: 't', 'custom-problem-detail-entries': new Map([['tag:x', new Map([[anyOf(1), anyOf(2)]])]]) });
    expect(toHex(m.encodeProblemDetails(value) as Uint8Array)).toBe(bytes);
    // Empty: non-empty<M> wants one entry at least; a custom entry's map too.
    expect(thrown(() => m.decodeProblemDetails(hex('a0')))).toMatchObject({ name: 'DecodeError' });
    expect(thrown(() => m.decodeProblemDetails(hex('a1 65 7461673a78 a0')))).toMatchObject({ name: 'DecodeError' });
    // -1 => 5 is a standard entry (5 is no oltext); -1 => "t" in that Map would be read back as title.
    expect(m.decodeProblemDetails(hex('a1 20 05'))).toEqual({ 'standard-problem-detail-entries': new Map([[-1, anyOf(5)]]) });
    expect(m.isProblemDetails({ 'standard-problem-detail-entries': new Map([[-1, anyOf(5)]]) })).toBe(true);
    expect(m.isProblemDetails({ 'standard-problem-detail-entries': new Map([[-1, anyOf('t')]]) })).toBe(false);
  });
});

describe('the identity of a map key', () => {
  const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);
  const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    item: fc.oneof(
      { depthSize: 'small' },
      fc.integer(),
      fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }),
      fc.double(),
      fc.string(),
      fc.uint8Array({ maxLength: 4 }),
      fc.constantFrom(true, false, null),
      fc.array(tie('item'), { maxLength: 3 }),
      fc.array(fc.tuple(fc.oneof(fc.integer(), fc.string()), tie('item')), { maxLength: 3 }).map((entries) => new Map(entries)),
    ),
  })).item;

  it('is the deterministic encoding, however cbor-x wrote the item (float widths, map key order, bignums)', () => {
    fc.assert(
      fc.property(value, (v) => {
        const bytes = cborX.encode(v);
        expect(deterministicKey(bytes, 0, bytes.length)).toBe(latin1(RuntimeCborAny.fromEncoded(bytes).deterministic));
      }),
      { numRuns: 300 },
    );
  });

  it('is the span itself when it is deterministic, and tells 1 from 1.0 and 0.0 from -0.0', () => {
    expect(deterministicKey(hex('00 820102 ff'), 1, 4)).toBe(latin1(hex('820102')));
    expect(deterministicKey(hex('01'), 0, 1)).not.toBe(deterministicKey(hex('f93c00'), 0, 3));
    expect(deterministicKey(hex('f90000'), 0, 3)).not.toBe(deterministicKey(hex('f98000'), 0, 3));
    // Indefinite lengths, a longer head, a wider NaN with its payload kept.
    expect(deterministicKey(hex('9f 1801 7f 6161 6162 ff ff'), 0, 10)).toBe(latin1(hex('82 01 62 6162')));
    expect(deterministicKey(hex('fb 7ff8000000000001'), 0, 9)).toBe(latin1(hex('fb 7ff8000000000001')));
    expect(deterministicKey(hex('fa 7fc00001'), 0, 5)).toBe(latin1(hex('fa 7fc00001')));
    expect(deterministicKey(hex('fb 7ff8000020000000'), 0, 9)).toBe(latin1(hex('fa 7fc00001')));
  });
});

// Found by an ad-hoc differential of bignums against the matcher: a kind of bignum keys was a record of numbers read
// as plain integers, which refused {2(h'05'): 1} though the matcher (and `biguint` anywhere else) takes it.
describe('bignum keys (* biguint => T)', () => {
  let bignums: Loaded<'ByBignum' | 'BigBeside'>;
  beforeAll(async () => {
    // Beside a member of a text key: one of an integer key would make the map general (test/language/bignum-keys.test.ts).
    bignums = await load<'ByBignum' | 'BigBeside'>('language-map-bignum-keys', 'byBignum = { * biguint => int }\nbigBeside = { * bigint => int, ? x: tstr }\n');
  });

  it('are a Map, read as the integers they stand for and written in preferred serialisation', () => {
    const g = bignums.module;
    expect(g.decodeByBignum(hex('a1 c24105 01'))).toEqual(new Map([[5, 1]]));
    expect(toHex(g.encodeByBignum(g.decodeByBignum(hex('a1 c24105 01'))) as Uint8Array)).toBe('a10501');
    expect(g.decodeByBignum(hex('a1 c24901000000000000000000'))).toEqual(new Map([[2n ** 64n, 0]]));
    expect(g.decodeBigBeside(hex('a2 6178 6161 c340 00'))).toEqual({ x: 'a', rest: new Map([[-1, 0]]) });
    // 5 and 5n are one key to the guard, as to CBOR (RFC 8949 §5.6), though a Map holds them apart.
    expect(g.isByBignum(new Map<number | bigint, number>([[5, 1], [5n, 2]]))).toBe(false);
    // 2(h'') is the key 0: twice is a duplicate, as the matcher says; a negative bignum is no biguint.
    expect(thrown(() => g.decodeByBignum(hex('a1 c340 00')))).toMatchObject({ name: 'DecodeError' });
    expect(decodeError(() => g.decodeByBignum(hex('a2 c240 00 00 01')))).toContain('duplicate key');
    expect(typeErrors(bignums)).toEqual([]);
  });
});

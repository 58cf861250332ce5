/**
 * Floats, simple values, tags, embedded CBOR and the controls on numbers and strings, typed code against the general
 * matcher on fixed items (as bignum-choices.test.ts does for bignums): each decoder takes exactly the items the matcher
 * takes, its guard takes what it read, and what it writes back the matcher takes and decodes to what was read, and
 * deterministically where typed. Found so: the matcher read `any .size 2` as taking -1 and bignums (typed code takes the
 * unsigned integers, byte and text strings of that size, as docs/cddl-support.md says and the `cddl` gem checks); a
 * general rule wrote `2(h'01')` as the integer 1 (preferred serialisation of a bignum, RFC 8949 §3.4.3), which its own
 * `#6.2(bstr)` does not match (RFC 8610 §3.6), and a NaN read as float32 as the float16 its bits fit, which `float32`
 * does not match; `{ deterministic: true }` refused the `2(h'01')` that `#6.2(bstr)` writes; typed `any .eq 1` refused
 * `2(h'01')`, which the matcher compares as the integer 1, as `integer .eq 1` does.
 */
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileIr } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { readCborValue, type CborFloat } from '../../templates/cbor-any.js';
import { explain } from '../../templates/matcher.js';
import { CborReader } from '../../templates/runtime.js';
import { hex, toHex } from '../support/hex.js';
import { cddl, generateModule, type GeneratedModule } from './generate.js';
import { decodes as decodesItem, itemsTaken } from './matcher-agreement.js';

type Fn = (value: unknown, options?: unknown) => unknown;

const RULES: Record<string, string> = {
  // Floats: widths, literals, ranges, comparisons, choices with integers.
  Half: 'float16',
  Single: 'float32',
  Double: 'float64',
  AnyFloat: 'float',
  HalfOrSingle: 'float16-32',
  SingleOrDouble: 'float32-64',
  OneAndAHalf: '1.5',
  PositiveZero: '0.0',
  NegativeZero: '-0.0',
  UnitRange: '0.0..1.0',
  Signed: '-1.5..2.0',
  BelowOneAndAHalf: 'float .lt 1.5',
  AtLeastZero: 'float .ge 0.0',
  AboveNegativeZero: 'float .gt -0.0',
  HalfBelowTwo: 'float16 .lt 2',
  NotOneAndAHalf: 'float .ne 1.5',
  SingleNotOneAndAHalf: 'float32 .ne 1.5',
  DoubleNotOneAndAHalf: 'float64 .ne 1.5',
  FloatOrInt: 'float / int',
  UintOrHalf: 'uint / float16',
  AnyNumber: 'number',
  HalfOrDouble: 'float16 / float64',
  HalfInArray: '[* float16]',
  FloatInMap: '{a: float}',
  OneOrOne: '1 / 1.0',
  // Simple values.
  JustNull: 'null',
  JustUndefined: 'undefined',
  BoolOrNil: 'bool / nil',
  Simple16: '#7.16',
  Simple40: '#7.40',
  HighSimple: '#7.<32..255>',
  AnySimple: '#7',
  NotNull: 'any .ne null',
  // Tags.
  Tagged: '#6.6(int)',
  AnyTag: '#6',
  NestedTags: '#6.6(#6.7(int))',
  LargestTag: '#6.18446744073709551615(int)',
  TagBeyondSafe: '#6.9007199254740993(int)',
  TaggedOrNot: '#6.6(int) / int',
  Unwrapped: '[~tagged-int]',
  DateText: 'tdate',
  EpochTime: 'time',
  UriText: 'uri',
  Tag2: '#6.2(bstr)',
  Tag2OrText: '(#6.2(bstr) / tstr) .ne "x"',
  AnyTagOrInt: '#6 / int',
  // Embedded CBOR.
  EmbeddedInt: 'bstr .cbor int',
  EmbeddedSeq: 'bstr .cborseq int',
  EmbeddedEmbedded: 'bstr .cbor (bstr .cbor int)',
  EmbeddedOrBytes: '(bstr .cbor int) / bstr',
  EmbeddedTagged: '#6.24(bstr .cbor any)',
  // Controls on numbers and strings.
  UintBits: 'uint .bits (0 / 2)',
  BytesBits: 'bstr .bits (0 / 3 / 8)',
  UintSize: 'uint .size 2',
  IntSize: 'int .size 1',
  BigSize: 'biguint .size 2',
  BigInteger: 'biguint',
  BytesSize: 'bstr .size (1..3)',
  TextSize: 'tstr .size (1..3)',
  AnySize: 'any .size 2',
  AnySizeRange: 'any .size (0..4)',
  AnyRuleSize: 'anything .size 1',
  AnySizeNotOne: '(any .size 2) .ne 1',
  AnyEqualsOne: 'any .eq 1',
  AnyEqualsMinusOne: 'any .eq -1',
  UintDefault: 'uint .default 3',
};
const SCHEMA = `${Object.entries(RULES).map(([name, type]) => `${ruleName(name)} = ${type}`).join('\n')}\ntagged-int = #6.6(int)\nanything = any\n`;
const PROGRAM = lowerProgram(compileIr(cddl(SCHEMA)), Object.keys(RULES).map(ruleName));

/** The NaNs with a sign or payload bit, which typed floats refuse by design (docs/cddl-support.md, "NaN in a typed float"). */
const MARKED_NANS = ['f97e01', 'f9fe00', 'f97c01', 'fa7fc00001', 'faffc00000', 'fa7fe00000', 'fb7ff8000000000001', 'fb7ffc000000000000', 'fb7ff8000020000000'];

const SCALARS = [
  // Integers, then each float in each width: 0, -0, 1, 1.5, -1.5, 65504, a float32 no float16 holds, the largest float16 and past it.
  '00', '01', '20', '190100', '1affffffff',
  'f90000', 'fa00000000', 'fb0000000000000000', 'f98000', 'fa80000000', 'fb8000000000000000', 'f93c00', 'fb3ff0000000000000',
  'f93e00', 'fa3fc00000', 'fb3ff8000000000000', 'f9be00', 'f97bff', 'fa477fe000', 'fa477fe100', 'fa477ff000', 'fa3dcccccd', 'fb3fb999999999999a',
  // NaNs, infinities, subnormals.
  'f97e00', 'fa7fc00000', 'fb7ff8000000000000', ...MARKED_NANS, 'f97c00', 'f9fc00', 'fa7f800000', 'fb7ff0000000000000', 'f90001', 'fa00000001', 'fb0000000000000001',
  // Simple values: false..undefined, 0..19 in one byte, 32..255 in two; below 32 in two bytes is not well-formed, nor are f8 18..1f and fc..fe.
  'f4', 'f5', 'f6', 'f7', 'e0', 'f0', 'f3', 'f800', 'f814', 'f81f', 'f820', 'f828', 'f8ff', 'fc',
  // Tags: numbers in 1, 2 and 9 bytes, beyond 2^53, nested; bignums; the prelude's tags.
  'c600', 'c620', 'c66161', 'c6c700', 'c6c600', 'c700', 'd9000600', 'db000000000000000600', 'dbffffffffffffffff00', 'db002000000000000100', 'db002000000000000000',
  'c240', 'c24101', 'c2420001', 'c34100', 'c074323031332d30332d32315432303a30343a30305a', 'c000', 'c101', 'c1f93e00', 'c1fb3ff8000000000000', 'd8206161',
  // Byte and text strings; embedded CBOR: empty, one item, two, trailing bytes, not well-formed, nested, non-shortest.
  '40', '4101', '4102', '4109', '420901', '420001', '4180', '43000001', '5f4101ff', '60', '6161', '626161', '63616161', '62c3a4',
  '420102', '42f820', '41ff', '421801', '434101ff', '424101', '44434101ff', 'd8184101', 'd81840', 'd818420102',
];
const ITEMS = [...SCALARS, ...SCALARS.slice(0, 40).map((item) => `81${item}`), 'a16161f93e00', 'a16161f97e00', 'a1616100', '80', 'a0'];

/** The CDDL name of a rule named in PascalCase here (`AnySize` is `any-size`). */
function ruleName(name: string): string {
  return name.replace(/[A-Z]/g, (c, i: number) => `${i > 0 ? '-' : ''}${c.toLowerCase()}`);
}

/** Whether the matcher takes the item: one well-formed data item matching the rule. */
function matcherTakes(name: string, bytes: Uint8Array): boolean {
  let value;
  const reader = new CborReader(bytes);
  try {
    value = readCborValue(reader);
  } catch {
    return false;
  }
  return reader.pos === bytes.length && explain(PROGRAM, ruleName(name), value) === null;
}

/**
 * A value to compare: a float by its value (its width changes nothing, cbor-any.ts), -0 and NaN told apart; a value
 * of `any` by its deterministic encoding. (The module has its own copies of the classes: they are told by name.)
 */
function comparable(value: unknown): unknown {
  const kind = (value as { constructor?: { name?: string } } | null)?.constructor?.name;
  if (kind === 'CborFloat') {
    const float = value as CborFloat;
    return { float: Object.is(float.value, -0) ? '-0' : String(float.value), nanBits: float.nanBits };
  }
  if (kind === 'CborAny') return { any: toHex((value as { deterministic: Uint8Array }).deterministic) };
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (Array.isArray(value)) return value.map(comparable);
  if (value instanceof Uint8Array) return toHex(value);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v)]));
  return value;
}

/**
 * The rules outside the typed layouts: their encoders keep a float's width and a bignum tag as read, which
 * `{ deterministic: true }` may refuse (docs/cddl-support.md, "Beyond the typed layouts").
 */
const GENERAL = new Set(['NotOneAndAHalf', 'SingleNotOneAndAHalf', 'DoubleNotOneAndAHalf', 'Tag2OrText', 'AnyTagOrInt', 'AnySizeNotOne']);

function deterministicallyDecodes(decode: Fn, item: string): boolean {
  try {
    decode(hex(item), { deterministic: true });
    return true;
  } catch {
    return false;
  }
}

let mod: GeneratedModule;

beforeAll(async () => {
  mod = await generateModule('fixed-items-probe', cddl(SCHEMA));
});

const decodes = (name: string, item: string): boolean => decodesItem(mod, name, item);

describe('floats, simple values, tags, embedded CBOR and size and bits controls, typed code against the matcher', () => {
  it.each(Object.keys(RULES))('%s takes exactly the items the matcher takes, and writes each back as the matcher takes it', (name) => {
    const decode = mod[`decode${name}`] as Fn;
    const takes = (bytes: Uint8Array) => matcherTakes(name, bytes);
    // Typed floats refuse a NaN with a sign or payload bit, which the matcher takes (docs/cddl-support.md).
    const refusedByDesign = new Set<string>();
    const refused = (item: string, error: Error) => {
      if (MARKED_NANS.some((nan) => item.endsWith(nan)) && error.message.includes('a NaN with a sign or payload bit')) refusedByDesign.add(item);
    };
    const taken = itemsTaken(mod, name, ITEMS, takes, (item, value, again) => {
      expect(isDeepStrictEqual(comparable(decode(again)), comparable(value)), `${item} written as ${toHex(again)}`).toBe(true);
      // Deterministic input comes back byte for byte, and typed code writes what { deterministic: true } takes.
      if (deterministicallyDecodes(decode, item)) expect(toHex(again), item).toBe(item);
      if (!GENERAL.has(name)) expect(deterministicallyDecodes(decode, toHex(again)), `${item} written as ${toHex(again)}`).toBe(true);
    }, refused);
    expect(taken).toEqual(ITEMS.filter((item) => takes(hex(item)) && !refusedByDesign.has(item)));
  });

  it('the vectors that parted them', () => {
    // any .size: the unsigned integers, byte and text strings of the size; no negative integer, bignum or other kind.
    expect(['19ffff', '4101', '6161', '20', '39ffff', 'c24101', 'c340', 'f93c00'].map((item) => decodes('AnySize', item))).toEqual([true, false, false, false, false, false, false, false]);
    expect(['20', 'c24101'].map((item) => matcherTakes('AnySize', hex(item)))).toEqual([false, false]);
    expect(['20', '01', 'c24101', '62c3a4'].map((item) => decodes('AnySizeNotOne', item))).toEqual([false, false, false, true]);
    // any .eq 1: a bignum any takes is the integer it stands for (RFC 8949 §3.4.3), as in integer .eq 1; read as 1, written 01.
    expect(['01', 'c24101', 'c2420001', 'c240', 'f93c00'].map((item) => decodes('AnyEqualsOne', item))).toEqual([true, true, true, false, false]);
    expect(toHex((mod.encodeAnyEqualsOne as Fn)((mod.decodeAnyEqualsOne as Fn)(hex('c24101'))) as Uint8Array)).toBe('01');
    expect(['20', 'c340', 'c34100', 'c24101'].map((item) => decodes('AnyEqualsMinusOne', item))).toEqual([true, true, true, false]);
    // A general rule writes a NaN in the width it was read in, with its sign and payload: float32 takes no float16 NaN.
    for (const item of ['fa7fc00000', 'faffc00000', 'fa7fe00000']) expect(toHex((mod.encodeSingleNotOneAndAHalf as Fn)((mod.decodeSingleNotOneAndAHalf as Fn)(hex(item))) as Uint8Array)).toBe(item);
    for (const item of ['fb7ff8000000000000', 'fb7ff8000020000000']) expect(toHex((mod.encodeDoubleNotOneAndAHalf as Fn)((mod.decodeDoubleNotOneAndAHalf as Fn)(hex(item))) as Uint8Array)).toBe(item);
    // A general rule writes a bignum tag as it read it: 2(h'01') is the tag its #6.2(bstr) asks for, not the integer 1.
    for (const item of ['c24101', 'c2420001', 'c240']) {
      const value = (mod.decodeTag2OrText as Fn)(hex(item));
      expect(toHex((mod.encodeTag2OrText as Fn)(value) as Uint8Array)).toBe(item);
    }
    expect(decodes('Tag2OrText', '01')).toBe(false);
    // A bignum read as a tag is written back whole, so { deterministic: true } takes it there; where the schema reads it as its integer, not.
    const deterministic = (name: string, item: string) => deterministicallyDecodes(mod[`decode${name}`] as Fn, item);
    expect(['c24101', 'c2420001', '01'].map((item) => deterministic('Tag2', item))).toEqual([true, true, false]);
    expect(['c24101', 'c340', 'c6c24101'].map((item) => deterministic('AnyTag', item))).toEqual([true, true, false]);
    expect(['c24101', '01', 'c249010000000000000000'].map((item) => deterministic('BigSize', item))).toEqual([false, true, false]);
    expect(['c24101', '1904d2'].map((item) => deterministic('BigInteger', item))).toEqual([false, true]);
  });
});

/**
 * What a value is as the general matcher's types see it (matcher.ts): integers plain or as bignums,
 * floats of a width, tags, and the tests of the types that look at one value alone (prelude types,
 * literals, ranges, `.plus`'s runs, `#M.AI` heads). RFC 8610 §3: 1 and 1.0 are different data items,
 * and a bigint beyond 64 bits is the bignum (tag 2 or 3) it is written as. Part of the general
 * matcher's templates, copied beside a module that has a general rule.
 */
import { CborAny, CborFloat, CborSimple, CborTagged, contentOf, type CborValue } from './cbor-any.js';
import type { ProgramLiteral, ProgramType } from './program.js';
import { bigIntFromBytes, isBytes } from './runtime.js';

const INT64_MIN = -(2n ** 64n);
const INT64_MAX = 2n ** 64n - 1n;

/** A plain integer (major type 0 or 1) as a bigint, or null. */
export function plainInt(v: CborValue): bigint | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && !Object.is(v, -0) ? BigInt(v) : null;
  if (typeof v === 'bigint') return v >= INT64_MIN && v <= INT64_MAX ? v : null;
  return null;
}

/** A float's value and width: a {@link CborFloat}, or a number that is no safe integer (written as a float). */
export function floatOf(v: CborValue): { value: number; width: 16 | 32 | 64 } | null {
  if (v instanceof CborFloat) return { value: v.value, width: v.width };
  if (typeof v === 'number' && plainInt(v) === null) return { value: v, width: new CborFloat(v).width };
  return null;
}

/** The value as a tag: a {@link CborTagged}, or a bigint beyond 64 bits as the bignum it is written as. */
export function taggedOf(v: CborValue): { tag: bigint; value: CborValue } | null {
  if (v instanceof CborTagged) return { tag: BigInt(v.tag), value: v.value };
  if (typeof v === 'bigint' && plainInt(v) === null) return { tag: v >= 0n ? 2n : 3n, value: magnitudeBytes(v >= 0n ? v : -1n - v) };
  return null;
}

function magnitudeBytes(n: bigint): Uint8Array {
  const hex = n.toString(16);
  const even = hex.length % 2 === 0 ? hex : `0${hex}`;
  return Uint8Array.from(even.match(/../g) ?? [], (h) => parseInt(h, 16));
}

/** The integer a bignum (tag 2 or 3 on a byte string) stands for, or null. */
export function bignumOf(v: CborValue): bigint | null {
  // Items kept with their heads (readCborValue's `keepHeads`: `d8 02` for the tag, `58 0b` for 11 bytes) are the
  // bignum they write, as the typed decoders read it.
  const tagged = taggedOf(v instanceof CborAny ? contentOf(v) : v);
  const bytes = tagged?.value instanceof CborAny ? contentOf(tagged.value) : tagged?.value;
  if (tagged === null || (tagged.tag !== 2n && tagged.tag !== 3n) || !isBytes(bytes)) return null;
  // Null too for one larger than the engine's bigints can be, which no schema's integer types can hold here.
  const n = bigIntFromBytes(bytes);
  if (n === null) return null;
  return tagged.tag === 2n ? n : -1n - n;
}

/** An integer of any size: plain, or a bignum. */
export function anyInt(v: CborValue): bigint | null {
  return plainInt(v) ?? bignumOf(v);
}

/** A prelude type's test (RFC 8610 Appendix D). */
export function primitive(prim: Extract<ProgramType, { kind: 'prim' }>['prim'], v: CborValue): boolean {
  switch (prim) {
    case 'uint':
      return (plainInt(v) ?? -1n) >= 0n;
    case 'nint':
      return (plainInt(v) ?? 0n) < 0n;
    case 'int':
      return plainInt(v) !== null;
    case 'biguint':
      return (anyInt(v) ?? -1n) >= 0n;
    case 'bignint':
      return (anyInt(v) ?? 0n) < 0n;
    case 'bigint':
      return anyInt(v) !== null;
    case 'bstr':
      return isBytes(v);
    case 'tstr':
      return typeof v === 'string';
    case 'bool':
      return typeof v === 'boolean';
    case 'null':
      return v === null;
    case 'undefined':
      return v === undefined;
    case 'any':
      return true;
    default: {
      const float = floatOf(v);
      if (float === null) return false;
      const widths: Record<string, readonly number[]> = { float16: [16], float32: [32], float64: [64], 'float16-32': [16, 32], 'float32-64': [32, 64], float: [16, 32, 64] };
      return (widths[prim] ?? []).includes(float.width);
    }
  }
}

/** Equality with a literal as data items: 1 and 1.0 differ; a float literal matches a float of any width; NaN matches NaN. */
export function literalMatches(l: ProgramLiteral, v: CborValue): boolean {
  switch (l.type) {
    case 'int':
      return anyInt(v) === BigInt(l.value) && (plainInt(v) !== null || BigInt(l.value) < INT64_MIN || BigInt(l.value) > INT64_MAX);
    case 'float': {
      const float = floatOf(v);
      return float !== null && (float.value === l.value || (float.value !== float.value && l.value !== l.value)) && Object.is(float.value, -0) === Object.is(l.value, -0);
    }
    case 'text':
      return v === l.value;
    case 'bytes':
      return isBytes(v) && hexOf(v) === l.hex;
    case 'bool':
      return v === l.value;
  }
}

export function rangeMatches(t: Extract<ProgramType, { kind: 'range' }>, v: CborValue): boolean {
  if (t.min.type === 'int' && t.max.type === 'int') {
    const n = plainInt(v) ?? bignumOf(v);
    if (n === null || (plainInt(v) === null && n >= INT64_MIN && n <= INT64_MAX)) return false;
    return n >= BigInt(t.min.value) && (t.inclusive ? n <= BigInt(t.max.value) : n < BigInt(t.max.value));
  }
  const float = floatOf(v);
  if (float === null || (t.min.type !== 'float' && t.min.type !== 'int') || (t.max.type !== 'float' && t.max.type !== 'int')) return false;
  const min = Number(t.min.value);
  const max = Number(t.max.value);
  return float.value >= min && (t.inclusive ? float.value <= max : float.value < max);
}

/**
 * An integer in one of the runs: lo ≤ n ≤ hi and (n − lo) mod step < width; a plain one (major types 0 and 1: the sums
 * of a plain target), or with `bignum` (a target that takes bignums) one of any size, plain or a bignum.
 */
export function stepsMatch(t: Extract<ProgramType, { kind: 'steps' }>, v: CborValue): boolean {
  const n = t.bignum === true ? anyInt(v) : plainInt(v);
  if (n === null) return false;
  for (const run of t.runs) {
    const offset = n - BigInt(run.lo);
    if (offset >= 0n && n <= BigInt(run.hi) && offset % BigInt(run.step) < BigInt(run.width)) return true;
  }
  return false;
}

/**
 * `#n` / `#n.ai`: the data item's major type and the additional information of its head (RFC 8610 §2.2.3, RFC 9682
 * §3.2): as read for an item kept with its head (`#0.24` takes `18 14`, 20 in a one-byte argument), else as
 * deterministic encoding writes the value, which is how it will be written (`#0.24` refuses the plain 20, written `14`).
 */
export function majorMatches(major: number, info: string | null, v: CborValue): boolean {
  // After `#7.`, 32..255 is a simple value, written `f8` and that byte (RFC 9682 §3.2).
  if (major === 7 && info !== null && Number(info) >= 32) return v instanceof CborSimple && v.value === Number(info);
  const float = floatOf(v);
  const initial = v instanceof CborAny ? (v.encoded[0] as number) : float !== null ? 0xe0 | (float.width === 16 ? 25 : float.width === 32 ? 26 : 27) : (CborAny.of(v).encoded[0] as number);
  return initial >> 5 === major && (info === null || (initial & 31) === Number(info));
}

/** Bytes as lowercase hex digits. */
export function hexOf(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/**
 * Numbers in CBOR: the limits of head arguments and the bit patterns of
 * floats (binary16 by hand, NaN payloads). Part of the runtime (see
 * runtime.ts), copied verbatim beside the generated modules.
 */
import { utf8Decoder } from './cbor-text.js';

/** The safe-integer range as bigints, to return a number where one is exact. */
export const MIN_SAFE: bigint = BigInt(Number.MIN_SAFE_INTEGER);
/** The largest safe integer as a bigint. */
export const MAX_SAFE: bigint = BigInt(Number.MAX_SAFE_INTEGER);

/** 2^32, to split and join 64-bit heads held in doubles. */
export const TWO_32 = 4294967296;
/** 2^64, one past the largest CBOR head argument. */
export const TWO_64 = 18446744073709551616;
/** The largest CBOR head argument, 2^64 - 1. */
export const MAX_UINT64 = 0xffffffffffffffffn;

/** What the reader's head argument stands for when it is no count or value: indefinite length (ai 31). */
export const INDEFINITE = -1;
/** What the reader's head argument stands for when it is no count or value: a 64-bit argument above 2^53-1, to re-read as a bigint. */
export const BIG = -2;

/** True for a safe-integer number or any bigint. */
export function isInteger(v: unknown): v is number | bigint {
  return typeof v === 'bigint' || (typeof v === 'number' && Number.isSafeInteger(v));
}

/**
 * The unsigned integer whose big-endian bytes are `bytes` (a bignum's magnitude), or null where it is larger than
 * the engine's bigints can be (2^30 bits in V8). Through one hex string: a shift and an OR per byte copy the growing
 * value each time, quadratic in its length (100 KB took 0.7 s to decode, 1 MB a minute).
 */
export function bigIntFromBytes(bytes: Uint8Array): bigint | null {
  // The digits as ASCII bytes, then one string: two bytes of memory per byte (`+=` of each pair took some 50 bytes).
  const hex = new Uint8Array(3 + 2 * bytes.length);
  hex.set([48, 120, 48]); // "0x0": the digits of no bytes are 0
  for (let i = 0; i < bytes.length; i++) {
    hex[3 + 2 * i] = HEX_DIGITS[bytes[i]! >> 4]!;
    hex[4 + 2 * i] = HEX_DIGITS[bytes[i]! & 15]!;
  }
  try {
    return BigInt(utf8Decoder.decode(hex));
  } catch {
    return null;
  }
}

/** The character codes of the hex digits 0-9a-f. */
const HEX_DIGITS = /*#__PURE__*/ Uint8Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));

/** The big-endian bytes of `n` ≥ 0 with no leading zero (none for 0), through one hex string: linear, as {@link bigIntFromBytes}. */
export function bytesOfBigInt(n: bigint): Uint8Array {
  const digits = n === 0n ? '' : n.toString(16);
  const hex = digits.length & 1 ? '0' + digits : digits;
  const out = new Uint8Array(hex.length >> 1);
  for (let o = 0; o < out.length; o++) out[o] = parseInt(hex.slice(2 * o, 2 * o + 2), 16);
  return out;
}

/** How many bytes `n` ≥ 0 needs (0 for 0), linear in its size: `.size` on an integer. */
export function byteLengthOfBigInt(n: bigint): number {
  return n === 0n ? 0 : (n.toString(16).length + 1) >> 1;
}

/** Scratch space for float bit twiddling; module-level so no per-call allocation. */
export const scratch: DataView = new DataView(new ArrayBuffer(8));

/**
 * The IEEE 754 binary16 bits that represent `n` exactly, or -1 if none do.
 * NaN maps to the canonical quiet NaN 0x7e00 (RFC 8949 §4.2.2).
 */
export function halfBits(n: number): number {
  if (n !== n) return 0x7e00;
  scratch.setFloat64(0, n);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const sign = (hi >>> 16) & 0x8000;
  const exp = (hi >>> 20) & 0x7ff;
  const mant = hi & 0xfffff;
  if (exp === 0x7ff) return sign | 0x7c00; // ±Infinity (NaN handled above)
  if (exp === 0 && mant === 0 && lo === 0) return sign; // ±0
  // binary16 keeps 10 mantissa bits; everything below them must be zero.
  if (lo !== 0) return -1;
  const e = exp - 1023;
  if (e >= -14 && e <= 15) {
    if ((mant & 0x3ff) !== 0) return -1;
    return sign | ((e + 15) << 10) | (mant >>> 10);
  }
  if (e >= -24 && e < -14) {
    // Subnormal binary16: value = m * 2^-24 with m < 1024. Scaling by a power
    // of two is exact, so an integral result means an exact fit.
    const m = Math.abs(n) * 16777216;
    return Number.isInteger(m) ? sign | m : -1;
  }
  return -1;
}

/** Decodes IEEE 754 binary16 bits by hand (DataView has no getFloat16 in Node 20). */
export function decodeHalf(h: number): number {
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  let v: number;
  if (exp === 0) v = mant * 5.960464477539063e-8; // subnormal: mant * 2^-24
  else if (exp !== 31) v = (mant + 1024) * Math.pow(2, exp - 25);
  else v = mant === 0 ? Infinity : NaN;
  return (h & 0x8000) !== 0 ? -v : v;
}

/** The binary64 bits of the quiet NaN, the one NaN a JavaScript number is sure to keep (RFC 8949 §4.2.2 writes it f97e00). */
const QUIET_NAN_BITS = 0x7ff8000000000000n;

/** Whether a float's NaN bits (`CborFloat.nanBits`) are none, or those of the quiet NaN: what a number keeps. */
export function numberKeepsNaN(bits: bigint | null): boolean {
  return bits === null || bits === QUIET_NAN_BITS;
}

/** Whether the float at `pos` (its initial byte) is a NaN with a sign or payload bit: binary16 7e00, binary32 7fc00000 and binary64 7ff8000000000000 are the quiet NaN. */
export function isNaNWithBits(b: Uint8Array, pos: number): boolean {
  const initial = b[pos];
  const at = (i: number) => b[pos + i] as number;
  if (initial === 0xf9) return (at(1) & 0x7c) === 0x7c && ((at(1) & 3) !== 0 || at(2) !== 0) && (at(1) !== 0x7e || at(2) !== 0);
  if (initial === 0xfa) return (at(1) & 0x7f) === 0x7f && (at(2) & 0x80) === 0x80 && ((at(2) & 0x7f) !== 0 || at(3) !== 0 || at(4) !== 0) && !(at(1) === 0x7f && at(2) === 0xc0 && at(3) === 0 && at(4) === 0);
  if ((at(1) & 0x7f) !== 0x7f || (at(2) & 0xf0) !== 0xf0) return false;
  const significand = (at(2) & 0x0f) !== 0 || at(3) !== 0 || at(4) !== 0 || at(5) !== 0 || at(6) !== 0 || at(7) !== 0 || at(8) !== 0;
  return significand && !(at(1) === 0x7f && at(2) === 0xf8 && at(3) === 0 && at(4) === 0 && at(5) === 0 && at(6) === 0 && at(7) === 0 && at(8) === 0);
}

/** True if `n` is exactly representable as a binary16 float (NaN and ±Infinity included). */
export function fitsFloat16(n: number): boolean {
  return halfBits(n) >= 0;
}

/** True if `n` is exactly representable as a binary32 float (NaN and ±Infinity included). */
export function fitsFloat32(n: number): boolean {
  return n !== n || Math.fround(n) === n;
}

/**
 * Deterministic encoding (RFC 8949 §4.2.1): bytewise order of encodings, and
 * the check of `decodeX(bytes, { deterministic: true })`. Part of the runtime
 * (see runtime.ts), copied verbatim beside the generated modules.
 */
import { DecodeError, isDecodeError, MAJOR_NAMES } from './cbor-errors.js';
import { decodeHalf, halfBits, scratch, TWO_32 } from './cbor-numbers.js';

/**
 * Bytewise lexicographic comparison of two encodings: the deterministic map
 * key order of RFC 8949 §4.2.1 (a proper prefix sorts first). Returns a
 * negative number, zero or a positive number, for `Array.prototype.sort`.
 */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** The smallest argument each head length is needed for (ai 24, 25, 26, 27). */
const HEAD_MINIMUM = [24, 0x100, 0x10000, TWO_32] as const;

/**
 * Throws a {@link DecodeError} at the first data item in `bytes[start, end)`
 * that is not deterministically encoded (the rules of
 * {@link DecodeOptions.deterministic}). The items are expected to be
 * well-formed (they have been read already); what is not is reported as a
 * DecodeError too. Nesting deeper than `maxDepth` is an error, as when reading.
 */
export function checkDeterministic(bytes: Uint8Array, start: number, end: number, maxDepth = 256, pinned: ReadonlyMap<number, readonly number[]> | null = null): void {
  let pos = start;
  pinnedFloats = pinned;
  try {
    while (pos < end) pos = deterministicItem(bytes, pos, end, maxDepth);
  } finally {
    pinnedFloats = null;
  }
}

/**
 * Floats a schema pins to widths without every shorter one (`float32`,
 * `float16 / float64`), by offset, while {@link checkDeterministic} runs: the
 * encoders write the shortest width the schema allows, so that is the
 * deterministic one there (RFC 8949 §4.2.1 wants the shortest that keeps the
 * value; a schema that says `float32` wants 32 bits). A bignum tag read as a
 * tag (`#6.2(bstr)`) is pinned too, with no width: its encoders keep it whole.
 */
let pinnedFloats: ReadonlyMap<number, readonly number[]> | null = null;

/** The float at `pos` (argument `n`, additional information `ai`) is not the shortest of the widths `widths` that holds it. */
function checkPinnedFloat(b: Uint8Array, pos: number, ai: number, n: number, widths: readonly number[]): void {
  if (ai === 26) {
    if (widths.includes(16)) checkFloat32(n, pos);
    return;
  }
  if (widths.includes(32)) return checkFloat64(b, pos);
  if (!widths.includes(16)) return;
  scratch.setUint32(0, (b[pos + 1]! << 24) | (b[pos + 2]! << 16) | (b[pos + 3]! << 8) | b[pos + 4]!);
  scratch.setUint32(4, (b[pos + 5]! << 24) | (b[pos + 6]! << 16) | (b[pos + 7]! << 8) | b[pos + 8]!);
  if (halfBits(scratch.getFloat64(0)) >= 0) notDeterministic('a binary64 float that binary16 holds exactly', pos);
}

/** True when `bytes` is exactly one data item, deterministically encoded (RFC 8949 §4.2.1). */
export function isDeterministic(bytes: Uint8Array, maxDepth = 256): boolean {
  try {
    return bytes.length > 0 && deterministicItem(bytes, 0, bytes.length, maxDepth) === bytes.length;
  } catch (error) {
    if (isDecodeError(error)) return false;
    throw error;
  }
}

/** The DecodeError of a rule of RFC 8949 §4.2.1 broken at `offset`. */
function notDeterministic(what: string, offset: number): never {
  throw new DecodeError(`not deterministically encoded: ${what} (RFC 8949 §4.2.1)`, '', offset);
}

/**
 * Checks the item at `pos` and returns the offset just past it; `depth` is
 * how many more levels of arrays, maps and tags may open. Recursion is
 * bounded by `depth`, loops by the input's length.
 */
function deterministicItem(b: Uint8Array, pos: number, end: number, depth: number): number {
  if (pos >= end) throw new DecodeError('unexpected end of input', '', end);
  const ib = b[pos]!;
  const major = ib >>> 5;
  const ai = ib & 31;
  let p = pos + 1;
  // The argument; exact below 2^53, and beyond that only compared or used as a length that cannot fit.
  let n = ai;
  if (ai >= 24) {
    if (ai === 31 && major >= 2 && major <= 5) notDeterministic(`${MAJOR_NAMES[major]} of indefinite length`, pos);
    if (ai > 27) throw new DecodeError(ib === 0xff ? 'unexpected break code' : 'not well-formed: reserved additional information', '', pos);
    const size = 1 << (ai - 24);
    if (p + size > end) throw new DecodeError('unexpected end of input', '', end);
    n = 0;
    for (let i = 0; i < size; i++) n = n * 256 + b[p + i]!;
    p += size;
    if (major !== 7 && n < HEAD_MINIMUM[ai - 24]!) notDeterministic(`${MAJOR_NAMES[major]} with a longer head than its argument ${n} needs`, pos);
  }
  switch (major) {
    case 0:
    case 1:
      return p;
    case 2:
    case 3:
      if (n > end - p) throw new DecodeError('unexpected end of input', '', end);
      return p + n;
    case 4:
    case 5: {
      if (depth <= 0) throw new DecodeError('nesting deeper than the limit', '', pos);
      let keyStart = -1;
      let keyEnd = -1;
      for (let i = 0; i < n; i++) {
        const itemStart = p;
        p = deterministicItem(b, p, end, depth - 1);
        if (major === 4) continue;
        if (keyStart >= 0) {
          const order = compareSpans(b, keyStart, keyEnd, itemStart, p);
          if (order >= 0) notDeterministic(order === 0 ? 'a map key that repeats' : 'map keys not in the bytewise order of their encodings', itemStart);
        }
        keyStart = itemStart;
        keyEnd = p;
        p = deterministicItem(b, p, end, depth - 1);
      }
      return p;
    }
    case 6:
      if (depth <= 0) throw new DecodeError('nesting deeper than the limit', '', pos);
      // A bignum the schema reads as a tag (keepBignumTag, cbor-reads.ts) is written back as it is: deterministic there.
      if ((n === 2 || n === 3) && pinnedFloats?.get(pos) === undefined) checkBignum(b, p, end);
      return deterministicItem(b, p, end, depth - 1);
    default:
      const widths = ai === 26 || ai === 27 ? pinnedFloats?.get(pos) : undefined;
      if (widths !== undefined) checkPinnedFloat(b, pos, ai, n, widths);
      else if (ai === 26) checkFloat32(n, pos);
      else if (ai === 27) checkFloat64(b, pos);
      else if (ai === 24 && n < 32) throw new DecodeError(`simple value ${n} must be encoded in the head byte (not well-formed)`, '', pos);
      return p;
  }
}

/** Bytewise order of `b[a0, a1)` and `b[c0, c1)`, as {@link compareBytes}. */
export function compareSpans(b: Uint8Array, a0: number, a1: number, c0: number, c1: number): number {
  const n = Math.min(a1 - a0, c1 - c0);
  for (let i = 0; i < n; i++) {
    const d = b[a0 + i]! - b[c0 + i]!;
    if (d !== 0) return d;
  }
  return a1 - a0 - (c1 - c0);
}

/**
 * A bignum (tag 2 or 3) whose content starts at `p`: preferred serialisation
 * (RFC 8949 §3.4.3) writes integers that fit in 64 bits as plain integers,
 * and the magnitude without leading zero bytes. Content other than a
 * definite-length byte string is left to the item check.
 */
function checkBignum(b: Uint8Array, p: number, end: number): void {
  if (p >= end || b[p]! >>> 5 !== 2) return;
  const ai = b[p]! & 31;
  if (ai > 27) return;
  const headLength = ai < 24 ? 1 : 1 + (1 << (ai - 24));
  const length = ai < 24 ? ai : ai === 24 && p + 1 < end ? b[p + 1]! : 9; // a longer head means at least 256 bytes (or a non-shortest head)
  if (length <= 8) notDeterministic('a bignum whose value fits a plain integer', p - 1);
  if (p + headLength < end && b[p + headLength] === 0) notDeterministic('a bignum with a leading zero byte', p - 1);
}

/** A binary32 float (bits `bits`) that binary16 would hold exactly is too long. */
function checkFloat32(bits: number, pos: number): void {
  const isNaN = (bits & 0x7f800000) === 0x7f800000 && (bits & 0x7fffff) !== 0;
  // A NaN fits binary16 when the payload bits binary16 lacks are zero (RFC 8949 §4.1).
  const fits = isNaN ? (bits & 0x1fff) === 0 : (scratch.setUint32(0, bits), halfBits(scratch.getFloat32(0)) >= 0);
  if (fits) notDeterministic('a binary32 float that binary16 holds exactly', pos);
}

/** A binary64 float at `pos` that binary32 (or binary16) would hold exactly is too long. */
function checkFloat64(b: Uint8Array, pos: number): void {
  for (let i = 0; i < 8; i++) scratch.setUint8(i, b[pos + 1 + i]!);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const isNaN = (hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) !== 0 || lo !== 0);
  const value = scratch.getFloat64(0);
  const fits = isNaN ? (lo & 0x1fffffff) === 0 : Math.fround(value) === value;
  if (fits) notDeterministic('a binary64 float that a shorter float holds exactly', pos);
}

/**
 * What tells map keys apart in generated decoders: the deterministic encoding (RFC 8949 §4.2.1) of
 * the well-formed data item `bytes[start, end)`, one character per byte, so that two encodings of
 * one data item (a longer head, indefinite lengths, a float in a wider width, a bignum that fits
 * 64 bits, inner map keys in another order) are one key, and 1 and 1.0 are two. Usually the
 * span itself, already deterministic; otherwise it is re-encoded.
 */
export function deterministicKey(bytes: Uint8Array, start: number, end: number): string {
  let deterministic: boolean;
  try {
    deterministic = deterministicItem(bytes, start, end, Number.MAX_SAFE_INTEGER) === end;
  } catch (error) {
    if (!isDecodeError(error)) throw error;
    deterministic = false;
  }
  const out: number[] = [];
  if (deterministic) for (let i = start; i < end; i++) out.push(bytes[i]!);
  else canonicalItem(bytes, start, out);
  let id = '';
  for (const byte of out) id += String.fromCharCode(byte);
  return id;
}

/** The message of a map key read twice, by its {@link deterministicKey}: the key's deterministic encoding in hex (its first 32 bytes), as the writer names one. */
export function duplicateKeyMessage(key: string): string {
  let hex = '';
  for (let i = 0; i < Math.min(key.length, 32); i++) hex += key.charCodeAt(i).toString(16).padStart(2, '0');
  return `duplicate key (encoded ${hex}${key.length > 32 ? '…' : ''})`;
}

/** Appends a head of major type `major` and argument `n` in its shortest form. */
function pushHead(out: number[], major: number, n: bigint): void {
  const size = n < 24n ? 0 : n < 0x100n ? 1 : n < 0x10000n ? 2 : n < 0x100000000n ? 4 : 8;
  out.push((major << 5) | (size === 0 ? Number(n) : 23 + Math.log2(size) + 1));
  for (let i = size - 1; i >= 0; i--) out.push(Number((n >> BigInt(8 * i)) & 0xffn));
}

/** Appends `items` from `from` on to `out`, one by one: `push(...items)` passes each as an argument, and the engine's stack holds only so many (a RangeError for a byte string of some 100 KB). */
function append(out: number[], items: readonly number[], from = 0): void {
  for (let i = from; i < items.length; i++) out.push(items[i]!);
}

/** Appends the deterministic encoding of the well-formed item at `pos`; returns the offset past it. */
function canonicalItem(b: Uint8Array, pos: number, out: number[]): number {
  const ib = b[pos]!;
  const major = ib >>> 5;
  const ai = ib & 31;
  let p = pos + 1;
  let n = BigInt(ai);
  if (ai >= 24 && ai <= 27) {
    const size = 1 << (ai - 24);
    n = 0n;
    for (let i = 0; i < size; i++) n = (n << 8n) | BigInt(b[p + i]!);
    p += size;
  }
  const indefinite = ai === 31;
  switch (major) {
    case 0:
    case 1:
      pushHead(out, major, n);
      return p;
    case 2:
    case 3: {
      const content: number[] = [];
      if (!indefinite) for (let i = 0; i < Number(n); i++) content.push(b[p + i]!);
      else {
        // Chunks of definite length up to the break: one string of their bytes.
        while (b[p] !== 0xff) {
          const chunk: number[] = [];
          p = canonicalItem(b, p, chunk);
          append(content, chunk, headLength(chunk[0]!));
        }
        p += 1;
        pushHead(out, major, BigInt(content.length));
        append(out, content);
        return p;
      }
      pushHead(out, major, n);
      append(out, content);
      return p + Number(n);
    }
    case 4:
    case 5: {
      const items: number[][] = [];
      const perEntry = major === 4 ? 1 : 2;
      for (let i = 0; indefinite ? b[p] !== 0xff : i < Number(n) * perEntry; i++) {
        const item: number[] = [];
        p = canonicalItem(b, p, item);
        items.push(item);
      }
      if (indefinite) p += 1;
      pushHead(out, major, BigInt(items.length / perEntry));
      if (major === 4) for (const item of items) append(out, item);
      else {
        const entries = Array.from({ length: items.length / 2 }, (_, i) => [items[2 * i]!, items[2 * i + 1]!] as const);
        entries.sort((x, y) => compareBytes(Uint8Array.from(x[0]), Uint8Array.from(y[0])));
        for (const [key, value] of entries) {
          append(out, key);
          append(out, value);
        }
      }
      return p;
    }
    case 6: {
      const content: number[] = [];
      const next = canonicalItem(b, p, content);
      if ((n === 2n || n === 3n) && content[0]! >>> 5 === 2) {
        // A bignum: plain integers up to 64 bits, else its magnitude without leading zero bytes (RFC 8949 §3.4.3).
        let first = headLength(content[0]!);
        while (first < content.length && content[first] === 0) first++;
        const magnitude = content.slice(first);
        if (magnitude.length <= 8) {
          pushHead(out, n === 2n ? 0 : 1, magnitude.reduce((v, byte) => (v << 8n) | BigInt(byte), 0n));
          return next;
        }
        pushHead(out, 6, n);
        pushHead(out, 2, BigInt(magnitude.length));
        append(out, magnitude);
        return next;
      }
      pushHead(out, 6, n);
      append(out, content);
      return next;
    }
    default:
      if (ai < 25 || ai > 27) {
        for (let i = pos; i < p; i++) out.push(b[i]!);
        return p;
      }
      pushFloat(out, ai, n);
      return p;
  }
}

/** The length of the head that starts with `initial`. */
function headLength(initial: number): number {
  const ai = initial & 31;
  return ai < 24 ? 1 : 1 + (1 << (ai - 24));
}

/** Appends a float read with additional information `ai` (bits `bits`) in the shortest width that keeps it, a NaN's payload too (RFC 8949 §4.1, §4.2.1). */
function pushFloat(out: number[], ai: number, bits: bigint): void {
  // Widened to binary64 bits: a NaN's payload padded with zero bits on the right.
  let wide: bigint;
  if (ai === 25) {
    const value = decodeHalf(Number(bits));
    if (value === value) wide = float64Bits(value);
    else wide = ((bits & 0x8000n) << 48n) | 0x7ff0000000000000n | ((bits & 0x3ffn) << 42n);
  } else if (ai === 26) {
    scratch.setUint32(0, Number(bits));
    const value = scratch.getFloat32(0);
    if (value === value) wide = float64Bits(value);
    else wide = ((bits & 0x80000000n) << 32n) | 0x7ff0000000000000n | ((bits & 0x7fffffn) << 29n);
  } else wide = bits;
  scratch.setBigUint64(0, wide);
  const value = scratch.getFloat64(0);
  const isNaN = value !== value;
  const half = isNaN ? ((wide & ((1n << 42n) - 1n)) === 0n ? Number(((wide >> 48n) & 0x8000n) | 0x7c00n | ((wide >> 42n) & 0x3ffn)) : -1) : halfBits(value);
  if (half >= 0) {
    out.push(0xf9, half >> 8, half & 0xff);
    return;
  }
  if (isNaN ? (wide & ((1n << 29n) - 1n)) === 0n : Math.fround(value) === value) {
    const single = isNaN ? Number(((wide >> 32n) & 0x80000000n) | 0x7f800000n | ((wide >> 29n) & 0x7fffffn)) : (scratch.setFloat32(0, value), scratch.getUint32(0));
    out.push(0xfa, (single >>> 24) & 0xff, (single >>> 16) & 0xff, (single >>> 8) & 0xff, single & 0xff);
    return;
  }
  out.push(0xfb);
  for (let i = 7; i >= 0; i--) out.push(Number((wide >> BigInt(8 * i)) & 0xffn));
}

/** The binary64 bits of a number. */
function float64Bits(value: number): bigint {
  scratch.setFloat64(0, value);
  return scratch.getBigUint64(0);
}

/**
 * Drawing scalars for the test-data generators (arbitrary.ts): integers
 * (often at head-length boundaries), floats of an exact width, strings of a
 * length, all within what a parent control asks ({@link Hint}). Emitted
 * beside arbitrary.ts.
 */
import { CborFloat, type CborValue } from './cbor-any.js';
import type { ProgramType } from './program.js';
import type { Draw } from './regexp-sampler.js';
import { intValue } from './arbitrary-checks.js';
import { fitsFloat16, fitsFloat32 } from './runtime.js';

/** A draw that missed: tried again by the nearest choice or control, or reported. */
export class Missed {
  readonly path: string;
  readonly reason: string;

  constructor(path: string, reason: string) {
    this.path = path;
    this.reason = reason;
  }
}

/** What a parent asks of a scalar: a length (`.size`) and integer or float bounds (`.lt`, `.ge`, …). */
export interface Hint {
  size?: [number, number];
  lo?: number | bigint;
  hi?: number | bigint;
}

export const UINT_MAX: bigint = 2n ** 64n - 1n;
export const INT_MIN: bigint = -(2n ** 64n);
/** 2^53 − 1, the largest integer `integers: 'number'` keeps. */
const SAFE_INTEGER = BigInt(Number.MAX_SAFE_INTEGER);
/** Integers worth drawing often: head-length boundaries and the limits of exact numbers. */
const EDGE_INTS = [0n, 1n, 23n, 24n, 255n, 256n, 65535n, 65536n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n - 1n, 2n ** 53n, UINT_MAX];

export class ScalarDraws {
  protected readonly random: Draw;

  constructor(random: Draw) {
    this.random = random;
  }

  /** Set by the drawer: the rule being drawn, for messages. */
  protected ruleName = '';

  /**
   * Set by the drawer for a module generated with `integers: 'number'` (the program's `integers`):
   * integers where the schema types one are drawn within ±(2^53 − 1), the only ones its decoders
   * take there, so that a drawn item decodes (`any` keeps wider ones, and is drawn apart).
   */
  protected safeIntegers = false;

  // Randomness

  protected below(n: number): number {
    return n <= 1 ? 0 : this.random(n);
  }

  protected chance(oneIn: number): boolean {
    return this.below(oneIn) === 0;
  }

  /** A uniform bigint in lo … hi. */
  protected bigBetween(lo: bigint, hi: bigint): bigint {
    const span = hi - lo + 1n;
    if (span <= 2n ** 32n) return lo + BigInt(this.below(Number(span)));
    let r = 0n;
    for (let bits = 0n; 1n << bits < span * 2n ** 32n; bits += 32n) r = (r << 32n) | BigInt(this.below(2 ** 32));
    return lo + (r % span);
  }

  /** An integer in lo … hi, often a small one or one at a boundary. */
  protected intBetween(lo: bigint, hi: bigint): bigint {
    if (lo > hi) throw new Missed(this.ruleName, `no integer in ${lo}..${hi}`);
    switch (this.below(4)) {
      case 0: {
        const edges = EDGE_INTS.flatMap((e) => [e, -e - 1n]).filter((e) => e >= lo && e <= hi);
        return edges.length > 0 ? edges[this.below(edges.length)]! : this.bigBetween(lo, hi);
      }
      case 1:
        return this.chance(2) ? lo : hi;
      case 2: {
        const a = lo > -100n ? lo : -100n;
        const b = hi < 100n ? hi : 100n;
        return a <= b ? this.bigBetween(a, b) : this.bigBetween(lo, hi);
      }
      default:
        return this.bigBetween(lo, hi);
    }
  }

  /** An integer of lo … hi within the hint's bounds (and, for `.size n`, below 256^n). */
  protected boundedInt(lo: bigint, hi: bigint, hint: Hint, path: string): bigint {
    let a = lo;
    let b = hi;
    if (hint.lo !== undefined && typeof hint.lo === 'bigint' && hint.lo > a) a = hint.lo;
    if (hint.hi !== undefined && typeof hint.hi === 'bigint' && hint.hi < b) b = hint.hi;
    if (hint.size !== undefined) {
      const limit = 256n ** BigInt(Math.min(hint.size[1], 16)) - 1n;
      if (limit < b) b = limit;
      if (a < 0n) a = 0n;
    }
    if (this.safeIntegers) {
      if (a < -SAFE_INTEGER) a = -SAFE_INTEGER;
      if (b > SAFE_INTEGER) b = SAFE_INTEGER;
    }
    if (a > b) throw new Missed(path, `no integer in ${a}..${b}${this.safeIntegers ? ' within ±(2^53 − 1) (integers: "number")' : ''}`);
    return this.intBetween(a, b);
  }

  protected range(t: Extract<ProgramType, { kind: 'range' }>, path: string, hint: Hint): CborValue {
    if (t.min.type === 'int' && t.max.type === 'int') {
      const max = BigInt(t.max.value) - (t.inclusive ? 0n : 1n);
      return intValue(this.boundedInt(BigInt(t.min.value), max, hint, path));
    }
    if (t.min.type !== 'float' || t.max.type !== 'float') throw new Missed(path, 'a range needs bounds of one kind');
    let lo = t.min.value;
    let hi = t.max.value;
    if (typeof hint.lo === 'number' && hint.lo > lo) lo = hint.lo;
    if (typeof hint.hi === 'number' && hint.hi < hi) hi = hint.hi;
    const pick = this.below(4);
    const n = pick === 0 ? lo : pick === 1 && t.inclusive ? hi : lo + ((hi - lo) * this.below(2 ** 20)) / 2 ** 20;
    if (!(n >= lo && (t.inclusive ? n <= hi : n < hi))) throw new Missed(path, `no float in ${t.min.value}..${t.max.value}`);
    return new CborFloat(n);
  }

  /**
   * An integer of one of the evenly spaced runs (`.plus` of an integer and a float type): lo + k·step + r with r below
   * width, often the first or last run or place in it; plain runs reach at most width − 1 beyond CBOR's integers, where
   * CBOR's least or greatest integer is one of them instead.
   */
  protected stepsValue(t: Extract<ProgramType, { kind: 'steps' }>, path: string): CborValue {
    const run = t.runs[this.below(t.runs.length)];
    if (run === undefined) throw new Missed(path, 'no integer in no runs');
    const [lo, hi, step, width] = [BigInt(run.lo), BigInt(run.hi), BigInt(run.step), BigInt(run.width)];
    const last = (hi - lo) / step;
    const k = this.chance(3) ? (this.chance(2) ? 0n : last) : this.bigBetween(0n, last);
    const r = this.chance(3) ? (this.chance(2) ? 0n : width - 1n) : this.bigBetween(0n, width - 1n);
    const n = lo + k * step + r;
    // With `bignum` an integer beyond 64 bits is a bignum (a bigint here is written as one).
    return intValue(t.bignum === true ? n : n < INT_MIN ? INT_MIN : n > UINT_MAX ? UINT_MAX : n);
  }

  /** A float whose shortest exact width is `width` (what `float16`, `float32`, `float64` mean once encoded deterministically). */
  protected float(width: 16 | 32 | 64, hint: Hint, path: string): CborFloat {
    // Bounds on both sides (`.ge 1.5 .le 1.7`, one range of a union `.plus` computed): draw between them, rounded to the width.
    const bounded = typeof hint.lo === 'number' && typeof hint.hi === 'number' && Number.isFinite(hint.lo) && Number.isFinite(hint.hi);
    for (let attempt = 0; attempt < 40; attempt++) {
      let n: number;
      if (bounded && attempt % 2 === 0) {
        const [lo, hi] = [hint.lo as number, hint.hi as number];
        const pick = this.below(4);
        n = roundToWidth(pick === 0 ? lo : pick === 1 ? hi : lo + ((hi - lo) * this.below(2 ** 20)) / 2 ** 20, width);
      } else if (this.chance(4)) {
        const specials = width === 16 ? [0, -0, 1, 1.5, 65504, -2, Infinity, -Infinity, NaN, 5.960464477539063e-8] : width === 32 ? [3.4028234663852886e38, 1.1754943508222875e-38, 0.1 * 0 + Math.fround(0.1)] : [0.1, 1e300, -5e-324, Math.PI];
        n = specials[this.below(specials.length)]!;
      } else {
        const mantissa = this.below(2 ** 30) / 2 ** 30 + this.below(2 ** 23) / 2 ** 53;
        const exponent = this.below(width === 16 ? 30 : width === 32 ? 120 : 1000) - (width === 16 ? 14 : width === 32 ? 60 : 500);
        n = (this.chance(2) ? -1 : 1) * (1 + mantissa) * 2 ** exponent;
        if (width === 16) n = Math.round(n * 1024) / 1024;
        if (width === 32) n = Math.fround(n);
      }
      if (typeof hint.lo === 'number' && !(n >= hint.lo)) continue;
      if (typeof hint.hi === 'number' && !(n <= hint.hi)) continue;
      const fits16 = fitsFloat16(n) || n !== n;
      const fits32 = fitsFloat32(n) || n !== n;
      if (width === 16 ? fits16 : width === 32 ? fits32 && !fits16 : !fits32) return new CborFloat(n);
    }
    throw new Missed(path, `no float${width} within the bounds`);
  }

  /** A length for a string: the hint's `.size`, else a short one. */
  protected length(hint: Hint): number {
    if (hint.size === undefined) return this.chance(4) ? 0 : this.below(12);
    const [lo, hi] = hint.size;
    return lo + this.below(Math.min(hi - lo, 24) + 1);
  }

  protected bytes(hint: Hint): Uint8Array {
    const out = new Uint8Array(this.length(hint));
    for (let i = 0; i < out.length; i++) out[i] = this.below(256);
    return out;
  }

  /** Text of the hint's length in UTF-8 bytes: mostly ASCII, with characters of 2, 3 and 4 bytes where they fit. */
  protected text(hint: Hint): string {
    let bytes = this.length(hint);
    let s = '';
    while (bytes > 0) {
      const wide = this.chance(6) ? 1 + this.below(Math.min(bytes, 4)) : 1;
      s += wide === 1 ? String.fromCharCode(0x61 + this.below(26) - (this.chance(5) ? 0x20 : 0)) : wide === 2 ? 'é' : wide === 3 ? '中' : '😀';
      bytes -= wide;
    }
    return s;
  }

}

/** n rounded to the nearest float of the width (to nearest, ties away: a draw, not IEEE rounding). */
function roundToWidth(n: number, width: 16 | 32 | 64): number {
  if (width === 64 || !Number.isFinite(n) || n === 0) return n;
  if (width === 32) return Math.fround(n);
  const quantum = 2 ** Math.max(Math.floor(Math.log2(Math.abs(n))) - 10, -24);
  return Math.round(n / quantum) * quantum;
}

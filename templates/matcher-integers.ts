/**
 * Integers under `integers: 'number'`, for the general matcher (matcher.ts,
 * whose file comment says what it does with them): which integer a type
 * refuses there, as typed code generated in that mode does (`unsafeInteger`),
 * and what ends a match at one (`UnsafeInteger`).
 */
import type { CborValue } from './cbor-any.js';
import type { ProgramType } from './program.js';
import { anyInt, bignumOf, plainInt } from './matcher-values.js';
import type { PathStep } from './matcher-failures.js';

/** Thrown inside a {@link Matcher} to end the match at an integer `integers: 'number'` refuses; {@link matches} and {@link explain} catch it. */
export class UnsafeInteger {
  /** Where the integer is, from the value matched (a map's key step is added where the key was tested). */
  readonly steps: PathStep[];
  readonly value: bigint;

  constructor(steps: PathStep[], value: bigint) {
    this.steps = steps;
    this.value = value;
  }
}

const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** Whether integer `n` is beyond ±(2^53 − 1). */
function unsafe(n: bigint): boolean {
  return n > SAFE_MAX || n < -SAFE_MAX;
}

/**
 * The integer `v` is, when `t` types an integer, its set reaches beyond ±(2^53 − 1), and `v` is beyond that range
 * and of a sign the set has: what typed code generated with `integers: 'number'` reads and refuses (`int`, `uint`
 * or `nint` of a plain integer, a bignum type of a bignum too, ranges, literals and `steps` beyond). Else null.
 * A CborValue holds such an integer as a bigint, or as a bignum's CborTagged (a number beyond is a float).
 */
export function unsafeInteger(t: ProgramType, v: CborValue): bigint | null {
  let n: bigint | null;
  let lo: bigint;
  let hi: bigint;
  switch (t.kind) {
    case 'prim':
      switch (t.prim) {
        case 'uint':
        case 'nint':
        case 'int':
          n = plainInt(v);
          break;
        case 'biguint':
        case 'bignint':
        case 'bigint':
          n = anyInt(v);
          break;
        default:
          return null;
      }
      lo = t.prim === 'uint' || t.prim === 'biguint' ? 0n : -1n;
      hi = t.prim === 'nint' || t.prim === 'bignint' ? -1n : 0n;
      break;
    case 'literal':
      if (t.value.type !== 'int') return null;
      lo = hi = BigInt(t.value.value);
      if (!unsafe(lo)) return null;
      n = anyInt(v);
      break;
    case 'range':
      if (t.min.type !== 'int' || t.max.type !== 'int') return null;
      lo = BigInt(t.min.value);
      hi = BigInt(t.max.value);
      if (!unsafe(lo) && !unsafe(hi)) return null;
      n = plainInt(v) ?? bignumOf(v);
      break;
    case 'steps':
      if (t.runs.length === 0) return null;
      lo = t.runs.reduce((m, r) => (BigInt(r.lo) < m ? BigInt(r.lo) : m), BigInt((t.runs[0] as { lo: string }).lo));
      hi = t.runs.reduce((m, r) => (BigInt(r.hi) > m ? BigInt(r.hi) : m), BigInt((t.runs[0] as { hi: string }).hi));
      if (!unsafe(lo) && !unsafe(hi)) return null;
      n = plainInt(v);
      break;
    default:
      return null;
  }
  // The sign decides, as the major type decides which typed reads meet the integer: `uint` reads no negative one.
  return n !== null && unsafe(n) && (n < 0n ? lo < 0n : hi >= 0n) ? n : null;
}

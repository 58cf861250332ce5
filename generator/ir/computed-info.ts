/**
 * A simple value or float given by an integer type, `#7.<20..21>` (RFC 8610 §2.2.3, RFC 9682 §3.2;
 * the parser takes a type in angle brackets after `#6` and `#7` only, as RFC 9682's grammar does,
 * and a tag's is its number, not this). The IR has no node of its own for it: it becomes
 * the choice of the major type with each value its head can hold. Split from build.ts, which
 * follows rule references for it (PlainTypeOf).
 */
import { convertMajor } from './conversions.js';
import { integersOfType } from './controller-cycles.js';
import type { IrType } from './types.js';

/** The head's additional information is five bits (RFC 8949 §3). */
const MAX_ADDITIONAL_INFO = 31;
/** After `#7.`, a number 32..255 is a simple value (RFC 9682 §3.2; RFC 8949 §3.3: one byte follows the head `f8`). */
const MAX_SIMPLE_VALUE = 255;

/** The type a rule is when it is one plain type (RFC 8610 §3 rule), else null: how references are followed here. */
export type PlainTypeOf = (rule: string) => IrType | null;

/**
 * `#7.<20..21>` (RFC 9682 §3.2): the choice of `#7.20` and `#7.21`. The number after the dot is the
 * head's additional information (RFC 8610 §2.2.3), five bits, so whatever integer type is given
 * (a rule naming a range), only its values 0..31 can occur for another major type; for `#7` it is the simple
 * value where that is 0..23 or 32..255 (RFC 9682 §3.2), so `#7.<uint>` takes 0..255. Null when
 * `info` is not an unsigned integer type, which the caller reports.
 */
export function majorWithComputedInfo(major: number, info: IrType, plainTypeOf: PlainTypeOf): IrType | null {
  const values = additionalInfos(info, new Set(), major === 7 ? MAX_SIMPLE_VALUE : MAX_ADDITIONAL_INFO, plainTypeOf);
  if (values === null) return null;
  if (major === 7) {
    // `#7.24` is every simple value 32..255 (one byte after the head): with it, or with all of them, the one option says it.
    // `#7.<uint>` is then every major-type-7 item (28..31 are no data item: reserved, and the break code).
    const high = [...values].filter((v) => v >= 32);
    if (values.has(24) || high.length === MAX_SIMPLE_VALUE - 31) {
      high.forEach((v) => values.delete(v));
      values.add(24);
    }
    if ([...Array(28).keys()].every((v) => values.has(v))) return { kind: 'major', major, info: null };
  }
  const options = [...values].sort((a, b) => a - b).map((v) => convertMajor(major, String(v)));
  return options.length === 1 ? (options[0] as IrType) : { kind: 'choice', options };
}

/** The values 0..`max` an integer type allows (literals, ranges, choices, `uint`, names of these); null for a type that is not an integer type. */
function additionalInfos(type: IrType, seen: Set<string>, max: number, plainTypeOf: PlainTypeOf): Set<number> | null {
  const between = (lo: bigint, hi: bigint) => {
    const out = new Set<number>();
    for (let v = lo < 0n ? 0 : Number(lo > BigInt(max) ? BigInt(max + 1) : lo); BigInt(v) <= hi && v <= max; v++) out.add(v);
    return out;
  };
  switch (type.kind) {
    case 'literal':
      return type.value.type === 'int' ? between(BigInt(type.value.value), BigInt(type.value.value)) : null;
    case 'range':
      if (type.min.type !== 'int' || type.max.type !== 'int') return null;
      return between(BigInt(type.min.value), BigInt(type.max.value) - (type.inclusive ? 0n : 1n));
    case 'prim':
      return ['uint', 'int', 'integer', 'unsigned', 'biguint', 'bigint'].includes(type.prim) ? between(0n, BigInt(max)) : type.prim === 'nint' || type.prim === 'bignint' ? new Set() : null;
    case 'enum': {
      const out = new Set<number>();
      for (const value of type.values) {
        const values = additionalInfos(value.type, seen, max, plainTypeOf);
        if (values === null) return null;
        values.forEach((v) => out.add(v));
      }
      return out;
    }
    case 'control': {
      // A control on an integer type (`uint .lt 30`, `(20..30) .ne 22`): its integers, as the cycles of value controls tell them.
      if (additionalInfos(type.target, new Set(seen), max, plainTypeOf) === null) return null;
      const integers = integersOfType(type, plainTypeOf);
      if (integers === null) return null;
      const out = new Set<number>();
      for (const i of integers) between(i.lo, i.hi).forEach((v) => out.add(v));
      return out;
    }
    case 'choice': {
      const out = new Set<number>();
      for (const option of type.options) {
        const values = additionalInfos(option, seen, max, plainTypeOf);
        if (values === null) return null;
        values.forEach((v) => out.add(v));
      }
      return out;
    }
    case 'ref': {
      if (seen.has(type.rule)) return null;
      seen.add(type.rule);
      const body = plainTypeOf(type.rule);
      return body === null ? null : additionalInfos(body, seen, max, plainTypeOf);
    }
    default:
      return null;
  }
}

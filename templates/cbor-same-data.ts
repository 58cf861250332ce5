/**
 * When two values are the same CBOR data, for the generated guards' tests of
 * map keys (RFC 8949 §5.6: a map has each key once): a key string two values
 * share exactly when they are ({@link dataKey}), and a comparison
 * ({@link sameData}). Part of the runtime (see runtime.ts), copied verbatim
 * beside the generated modules.
 */
import { MAX_DEPTH } from './cbor-decode-options.js';
import { deterministicKey } from './cbor-deterministic.js';
import { isBytes } from './cbor-errors.js';
import { isInteger } from './cbor-numbers.js';

/** True if `a` and `b` hold the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Keys of values no other value is the same data as (nested deeper than any decodable value): each its own. */
let unmatchedKeys = 0;

/**
 * A string two map keys share exactly when the encoder writes them as one
 * data item (RFC 8949 §5.6: a map has each key once), so that a guard finds
 * a key twice among n [key, value] pairs with a Set, in time linear in the
 * keys (comparing each with every earlier one took n² steps): integers by
 * value, number or bigint (1 and 1n, 0 and -0); other numbers and CborFloats
 * by value and NaN payload (a CborFloat's width aside: deterministic encoding
 * writes the shortest); text and byte strings by content; arrays item by
 * item; Maps and other objects whatever the order of their entries; a CborAny
 * (any object with `encoded` bytes) by its deterministic encoding.
 */
export function dataKey(value: unknown, depth = 0): string {
  if (depth > MAX_DEPTH) return `#${++unmatchedKeys}`;
  switch (typeof value) {
    case 'bigint':
      return `i${value}`;
    case 'number':
      return Number.isInteger(value) ? `i${BigInt(value)}` : `f${value}`;
    case 'string':
      return `s${value}`;
    case 'boolean':
    case 'undefined':
      return `v${value}`;
    case 'object':
      break;
    default:
      return `#${++unmatchedKeys}`;
  }
  if (value === null) return 'vnull';
  if (isBytes(value)) return `b${binaryString(value, 0, value.length)}`;
  const framed = (item: unknown): string => {
    const key = dataKey(item, depth + 1);
    return `${key.length}:${key}`;
  };
  if (Array.isArray(value)) return `[${value.map(framed).join('')}`;
  if (value instanceof Map) return `{${[...value].map(([k, v]) => framed(k) + framed(v)).sort().join('')}`;
  const { encoded } = value as { encoded?: unknown };
  if (isBytes(encoded) && encoded.length > 0) {
    try {
      return `a${deterministicKey(encoded, 0, encoded.length)}`;
    } catch {
      // Bytes that are no data item (a guard reports them): the same as nothing else.
      return `#${++unmatchedKeys}`;
    }
  }
  const float = value as { value?: unknown; width?: unknown; nanBits?: unknown };
  if (typeof float.value === 'number' && (float.width === 16 || float.width === 32 || float.width === 64)) {
    return typeof float.nanBits === 'bigint' ? `n${float.nanBits}` : floatKey(float.value);
  }
  const record = value as Record<string, unknown>;
  return `o${Object.keys(record).sort().map((k) => `${k.length}:${k}${framed(record[k])}`).join('')}`;
}

/** {@link dataKey} of a float key, whose integral values are floats too: 0.0 and -0.0 are two keys, and every NaN is one (written as the quiet NaN). */
export function floatKey(value: unknown): string {
  if (typeof value !== 'number') return dataKey(value);
  return Object.is(value, -0) ? 'f-0' : `f${value}`;
}

function binaryString(bytes: Uint8Array, start: number, end: number): string {
  let id = '';
  for (let i = start; i < end; i++) id += String.fromCharCode(bytes[i]!);
  return id;
}

/**
 * Whether two values are the same CBOR data, for map keys that are arrays or
 * maps (a JavaScript Map compares those by identity): integers by value
 * whether number or bigint, byte strings by content, arrays and Maps item by
 * item, other objects by their own properties.
 */
export function sameData(a: unknown, b: unknown, depth = 0): boolean {
  if (Object.is(a, b)) return true;
  // Deeper than any decodable value (or two values that contain themselves): not the same data.
  if (depth > MAX_DEPTH) return false;
  if (isInteger(a) && isInteger(b)) return BigInt(a) === BigInt(b);
  if (isBytes(a) || isBytes(b)) return isBytes(a) && isBytes(b) && bytesEqual(a, b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameData(x, b[i], depth + 1));
  }
  if (a instanceof Map || b instanceof Map) {
    if (!(a instanceof Map && b instanceof Map) || a.size !== b.size) return false;
    const rest = [...b];
    return [...a].every(([k, v]) => rest.some(([k2, v2]) => sameData(k, k2, depth + 1) && sameData(v, v2, depth + 1)));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], depth + 1));
}

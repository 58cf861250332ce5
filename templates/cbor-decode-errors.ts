/**
 * The errors generated decoders throw about what a schema requires beyond
 * well-formed CBOR: a map's keys (missing, unexpected, twice), an array's
 * members (missing, or more than it takes) and, under `integers: "number"`,
 * an integer a number cannot hold. Functions rather
 * than CborReader methods, so that a bundle whose decoders never throw one
 * drops it. Part of the runtime (see runtime.ts), copied verbatim beside the
 * generated modules.
 */
import type { CborReader } from './cbor-reader.js';
import { DecodeError, isDecodeError, unsafeIntegerMessage } from './cbor-errors.js';
import { describeItemAt } from './cbor-lookahead.js';

/** A key as messages show it: a text string quoted, an integer as is. */
function keyWords(key: string | number | bigint): string {
  return typeof key === 'string' ? JSON.stringify(key) : String(key);
}

/** Fails at the map `reader` just read: it lacks `key`, which the schema requires. */
export function missingKey(reader: CborReader, key: string | number | bigint): never {
  throw new DecodeError(`missing key ${keyWords(key)}`, '', reader.itemStart);
}

/**
 * {@link missingKey} for the first of several required keys that is absent: `entries` is each key followed by
 * its member's value as read (undefined when absent). One call after one test of them all, in generated decoders.
 */
export function missingKeys(reader: CborReader, ...entries: unknown[]): never {
  for (let i = 0; i < entries.length; i += 2) if (entries[i + 1] === undefined) return missingKey(reader, entries[i] as string | number | bigint);
  throw new DecodeError('missing key', '', reader.itemStart);
}

/** Fails at `offset`, where the key starts (by default the current item's: the key just read): the schema has no member of key `key`. */
export function unexpectedKey(reader: CborReader, key: string | number | bigint, offset: number = reader.itemStart): never {
  throw new DecodeError(`unexpected key ${keyWords(key)}`, '', offset);
}

/**
 * The error of a map entry whose key, in `[keyStart, keyEnd)`, is of a major type that several kinds of computed keys
 * take, each tried in turn: the error of the kind that took the key (its value's, at `keyEnd` or beyond), else (every
 * kind's key failed, some inside the key: `#6.1(1)` and `#6.1(2)` given `1(3)`) that the schema has no such key.
 */
export function keyOfNoKind(reader: CborReader, error: unknown, keyStart: number, keyEnd: number): unknown {
  if (!isDecodeError(error) || error.offset >= keyEnd) return error;
  return new DecodeError(`unexpected key: ${describeItemAt(reader.bytes, keyStart)}`, '', keyStart);
}

/**
 * Fails at `offset`, where the key starts (by default the current item's: the key just read): the map has `key`
 * twice (one line per member in generated decoders).
 */
export function duplicateKey(reader: CborReader, key: string | number | bigint, offset: number = reader.itemStart): never {
  throw new DecodeError(`duplicate key ${keyWords(key)}`, '', offset);
}

/**
 * `path`, the path of the member whose key `key` was just read, while its value is not read yet (`slot` is
 * undefined); else fails as {@link duplicateKey} does, at `offset`. One line per member in generated map
 * decoders: `at = firstKeyPath(reader, key, name, ".name");`.
 */
export function firstKeyPath(reader: CborReader, key: string | number | bigint, slot: unknown, path: string, offset: number = reader.itemStart): string {
  if (slot !== undefined) duplicateKey(reader, key, offset);
  return path;
}

/** Throws a {@link DecodeError} at the next byte `reader` would read (what is missing there, such as a member the array ended before). */
export function failAtNext(reader: CborReader, message: string): never {
  throw new DecodeError(message, '', reader.pos);
}

/**
 * An integer just read (from `start`, evaluated before the read) as a number, for code
 * generated with `integers: "number"`: beyond ±(2^53 − 1) a DecodeError naming the option.
 */
export function safeInteger(start: number, value: number | bigint): number {
  if (typeof value === 'number') return value;
  throw new DecodeError(unsafeIntegerMessage(value), '', start, 'unsafe-integer');
}

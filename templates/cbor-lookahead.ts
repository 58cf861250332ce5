/**
 * What a {@link CborReader} sees ahead of it without consuming it: the words
 * for the next item in "expected X, got Y" messages, the key or tag that comes
 * next (peekKey, peekTag), and the extent of the text windows readText decodes
 * ahead in one TextDecoder call. Part of the runtime (see runtime.ts), copied verbatim
 * beside the generated modules.
 */
import type { CborReader } from './cbor-reader.js';
import { DecodeError, isDecodeError, MAJOR_NAMES } from './cbor-errors.js';

/** Text of at least this many bytes may start a window ({@link TextWindow}). */
export const WINDOW_FROM = 8;
/** The fewest bytes of a window: below about 40, `fromCharCode` costs less than a TextDecoder call. */
export const WINDOW_MIN = 40;
/** The most bytes of a window: it looks no further ahead than this. */
export const WINDOW_MAX = 512;

/**
 * A window of the input, [start, end), that CborReader.readText decoded with one TextDecoder call:
 * a text string of at least {@link WINDOW_MIN} bytes and the items after it that are small integers
 * and short text strings (the members of an array or map of them, as `{1: "mimi://…", 2: "mimi://…"}`),
 * up to {@link WINDOW_MAX} bytes. A call costs about what building 44 ASCII characters with
 * `fromCharCode` costs, and next to nothing more per character, so the later texts of an ASCII
 * window are substrings of `text`; when `text` is null (a window that was not ASCII), they are
 * decoded as usual. The window only looks ahead: the items in it are read and checked as usual
 * later. Text read again after a reset may start another window, but none looks further than
 * WINDOW_MAX bytes ahead, so decoding stays linear in the input.
 */
export interface TextWindow {
  readonly start: number;
  readonly end: number;
  readonly text: string | null;
}

/** Describes the item starting at offset `p` of `bytes` for "expected X, got Y" messages. */
export function describeItemAt(bytes: Uint8Array, p: number): string {
  if (p >= bytes.length) return 'the end of the input';
  const ib = bytes[p]!;
  const major = ib >>> 5;
  const ai = ib & 31;
  if (ai >= 28 && ai <= 30) return 'an item with reserved additional information';
  if (major === 6) return tagWords(bytes, p, ai);
  if (major !== 7) return MAJOR_NAMES[major]!;
  switch (ai) {
    case 20:
      return 'false';
    case 21:
      return 'true';
    case 22:
      return 'null';
    case 23:
      return 'undefined';
    case 25:
    case 26:
    case 27:
      return 'a float';
    case 31:
      return 'a break code';
    default:
      return 'a simple value';
  }
}

/** `tag n` for the tag head at `p` (additional information `ai`, not reserved); 'a tag' when its head is indefinite or cut short. */
function tagWords(bytes: Uint8Array, p: number, ai: number): string {
  if (ai < 24) return `tag ${ai}`;
  if (ai === 31) return 'a tag';
  const size = 1 << (ai - 24);
  if (p + 1 + size > bytes.length) return 'a tag';
  // A bigint prints as the number would: `tag 1`, and exactly beyond 2^53 too.
  let n = 0n;
  for (let i = 1; i <= size; i++) n = (n << 8n) | BigInt(bytes[p + i]!);
  return `tag ${n}`;
}

/**
 * The integer or text string that comes next, without consuming it; null when the next item is of another
 * kind or malformed (reading it then reports that). Generated decoders pick an alternative of a repeated
 * group by its first member this way.
 */
export function peekKey(reader: CborReader, path = ''): number | bigint | string | null {
  const major = reader.peekMajor(path);
  if (major > 1 && major !== 3) return null;
  // The position kept in a local rather than a mark object: this runs once per repetition of a group. Reading an
  // integer or a text string leaves the depth and the pinned float widths as they were.
  const pos = reader.pos;
  try {
    return major === 3 ? reader.readText(path) : reader.readInt(path);
  } catch (error) {
    if (isDecodeError(error)) return null;
    throw error;
  } finally {
    reader.pos = pos;
    reader.itemStart = pos;
  }
}

/**
 * The first item of the array that comes next when it is an integer or a text string, without consuming anything;
 * null when the next item is not an array, the array is empty or beyond the depth limit, or its first item is of
 * another kind or malformed (reading it then reports that). Generated decoders pick among the arrays of a type choice
 * by it where they start with members of distinct single values (`[1, …] / [2, …]`).
 */
export function peekFirstOfArray(reader: CborReader, path = ''): number | bigint | string | null {
  // The usual head at once: a short definite array whose first item is an integer of one byte (-24 to 23).
  const b = reader.bytes;
  const p = reader.pos;
  const ib = b[p]!;
  const first = b[p + 1]!;
  if (ib > 0x80 && ib < 0x98 && p + 1 < b.length && first < 0x38 && (first < 0x18 || first >= 0x20)) return first < 0x18 ? first : 0x1f - first;
  const mark = reader.mark();
  try {
    return reader.readArrayHeader(path) === 0 ? null : peekKey(reader, path);
  } catch (error) {
    if (isDecodeError(error)) return null;
    throw error;
  } finally {
    reader.reset(mark);
  }
}

/**
 * The value of the entry of key `key` in the map that comes next, when it is an integer or a text string, without
 * consuming anything; null when the next item is not a map, has no such key (before any malformed entry), or holds
 * another kind of value there. The entries before it are skipped (each container once: CborReader.skip). Generated
 * decoders pick among the maps of a type choice by it where they have a member of that key with distinct single values
 * (`{ type: "a", … } / { type: "b", … }`). Given `without`, it is null also when the map has an entry of one of those
 * keys (every entry is looked at then): where some options have no member of `key` but each needs one of `without`,
 * a map with none of those is none of theirs.
 */
export function peekMapValue(reader: CborReader, key: number | string, without?: readonly (number | string)[]): number | bigint | string | null {
  const mark = reader.mark();
  try {
    const count = reader.readMapHeader();
    let value: number | bigint | string | null = null;
    for (let i = 0; reader.hasMoreItems(count, i); i++) {
      // A key of another kind (a float, a byte string) is no integer or text key: skipped with its value.
      const major = reader.peekMajor();
      if (major > 1 && major !== 3) {
        reader.skip();
      } else {
        const k = major === 3 ? reader.readText() : reader.readInt();
        if (without !== undefined && (without as readonly unknown[]).includes(k)) return null;
        if (k === key) {
          value = peekKey(reader);
          if (without === undefined) return value;
        }
      }
      reader.skip();
    }
    return value;
  } catch (error) {
    if (isDecodeError(error)) return null;
    throw error;
  } finally {
    reader.reset(mark);
  }
}

/**
 * Which of `keys` (integers or text strings, at most 30) the map that comes next has: bit i set where it has an entry
 * of `keys[i]`, without consuming anything; every bit set (-1) when the next item is not a map or cannot be read to
 * its end (reading it then reports that). Generated decoders try an alternative of a map only where the map has the
 * keys its required members need.
 */
export function peekMapKeys(reader: CborReader, keys: readonly (number | string)[]): number {
  const mark = reader.mark();
  try {
    const count = reader.readMapHeader();
    let present = 0;
    for (let i = 0; reader.hasMoreItems(count, i); i++) {
      // A key of another kind (a float, a byte string) is none of `keys`: skipped with its value.
      const major = reader.peekMajor();
      if (major > 1 && major !== 3) reader.skip();
      else {
        const at = (keys as readonly unknown[]).indexOf(major === 3 ? reader.readText() : reader.readInt());
        if (at >= 0) present |= 1 << at;
      }
      reader.skip();
    }
    return present;
  } catch (error) {
    if (isDecodeError(error)) return -1;
    throw error;
  } finally {
    reader.reset(mark);
  }
}

/**
 * Fails for the array that comes next, whose first item starts none of a type choice's arrays (`expected`, their
 * first members' values in words): with its own error where its head is malformed or beyond the depth limit, else at
 * its first item (path `[0]`, the integer or text itself in the message), or where that would be when it is empty.
 */
export function failFirstItem(reader: CborReader, expected: string): never {
  const count = reader.readArrayHeader();
  const at = reader.pos;
  let got = 'the end of the array';
  if (reader.hasMoreItems(count, 0)) {
    const value = peekKey(reader);
    got = value === null ? reader.describeNext() : typeof value === 'string' ? JSON.stringify(value) : String(value);
  }
  throw new DecodeError(`expected ${expected}, got ${got}`, '[0]', at);
}

/**
 * The number of the tag that comes next, without consuming it; null when the next item is not a tag (or its
 * head is malformed: reading it then reports that). Generated decoders pick an option of a type choice by it.
 */
export function peekTag(reader: CborReader, path = ''): number | bigint | null {
  if (reader.peekMajor(path) !== 6) return null;
  const pos = reader.pos;
  try {
    return reader.readTag(path);
  } catch (error) {
    if (isDecodeError(error)) return null;
    throw error;
  } finally {
    reader.pos = pos;
    reader.itemStart = pos;
  }
}

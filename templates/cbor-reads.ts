/**
 * Reads that only some schemas need, built on the {@link CborReader}'s own:
 * an integer that may be a bignum, a float that must be a number, a text
 * string of a bounded size, a list of text strings, a simple value (for
 * values of any), a bignum tag kept whole, a map key that may not be UTF-8. Functions rather than methods, so that a bundle whose
 * decoders never call one drops it. Part of the runtime (see runtime.ts),
 * copied verbatim beside the generated modules.
 */
import type { CborReader } from './cbor-reader.js';
import { DecodeError, isDecodeError, withPath } from './cbor-errors.js';
import { bigIntFromBytes, isNaNWithBits, MAX_SAFE, MIN_SAFE } from './cbor-numbers.js';

/**
 * An integer of any size: a plain integer (major 0 or 1), or a bignum
 * (tag 2 or 3 around its magnitude's bytes, RFC 8949 §3.4.3). A number when
 * safe, else a bigint, whichever form it came in.
 */
export function readBigInt(reader: CborReader, path = ''): number | bigint {
  const start = reader.pos;
  const major = reader.peekMajor(path);
  if (major === 0 || major === 1) return reader.readInt(path);
  if (major !== 6) return reader.fail(`expected an integer, got ${reader.describeNext()}`, path);
  const tag = reader.readTag(path);
  if (tag !== 2 && tag !== 3) return reader.fail(`expected an integer or a bignum (tag 2 or 3), got tag ${tag}`, path, start);
  // The tag is a nesting level like any other (one budget: skip() and values of any count it too).
  reader.enterTag(path);
  const bytes = reader.readBytes(path);
  reader.leaveTag();
  const magnitude = bigIntFromBytes(bytes);
  if (magnitude === null) return reader.fail("a bignum larger than this engine's bigints can be", path, start);
  const value = tag === 2 ? magnitude : -1n - magnitude;
  reader.itemStart = start;
  return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value;
}

/**
 * {@link CborReader.readFloat} for a schema's float type, whose value is a number: a
 * NaN with a sign or payload bit is refused (a number cannot keep them, and
 * writing the quiet NaN instead would change the data item); a value of any keeps them.
 */
export function readNumberFloat(reader: CborReader, path = ''): number {
  const start = reader.pos;
  const value = reader.readFloat(path);
  if (value !== value && isNaNWithBits(reader.bytes, start)) throw new DecodeError('a NaN with a sign or payload bit, which a number cannot keep (a value of any keeps it)', path, start, 'nan-bits');
  return value;
}

/**
 * Reads a text string whose `.size` (UTF-8 bytes) is `min` to `max`, else fails at it expecting `expected`: one
 * call for a constraint schemas repeat often (the same test and message as a decoder's inline check).
 */
export function readTextSized(reader: CborReader, min: number, max: number, expected: string): string {
  const s = reader.readText();
  if (reader.textLength < min || reader.textLength > max) reader.fail(`expected ${expected}, got ${JSON.stringify(s).slice(0, 40)}`);
  return s;
}

/**
 * Reads an unsigned integer in `min..max` (bounds at most 2^53 − 1, so the integer is a number), else fails at it
 * expecting `expected`: one call for a constraint schemas repeat often (the same test and message as a decoder's
 * inline check).
 */
export function readUintIn(reader: CborReader, min: number, max: number, expected: string): number {
  const n = reader.readUint();
  if (typeof n !== 'number' || n < min || n > max) reader.fail(`expected ${expected}, got ${n}`);
  return n;
}

/**
 * Reads a simple value (major 7, not a float) and returns its number:
 * 0..23 from the head (20..23 being false/true/null/undefined), or 32..255
 * from a following byte. A following byte below 32 is not well-formed.
 */
export function readSimple(reader: CborReader, path = ''): number {
  const ib = reader.initial(path);
  const ai = ib & 31;
  if (ib >>> 5 !== 7 || (ai > 24 && ai < 28) || ai === 31) reader.wrongType('a simple value', path);
  reader.pos++;
  const n = reader.argument(ai, path); // reserved ai 28..30 fails here
  if (ai === 24 && n < 32) reader.fail(`simple value ${n} must be encoded in the head byte (not well-formed)`, path);
  return n;
}

/**
 * Reads an array of text strings without bounds (`[* tstr]`: schemas repeat it inline often enough to share this
 * read); a problem inside has the item's path, `[i]`.
 */
export function readTextList(reader: CborReader): string[] {
  const count = reader.readArrayHeader();
  const items: string[] = [];
  for (let i = 0; reader.hasMoreItems(count, i); i++) {
    try {
      items.push(reader.readText());
    } catch (error) {
      throw withPath(error, '[' + i + ']');
    }
  }
  reader.endContainer(count);
  return items;
}

/**
 * Tells the deterministic check that the tag about to be read, when it is a
 * bignum's (2 or 3), is read as the tag it is (`#6.2(bstr)`, `#6`), not as an
 * integer: the encoders write it back as that tag with its bytes, so the plain
 * integer or shorter bytes that preferred serialisation would write (RFC 8949
 * §3.4.3) are not what it decodes to. Pinned as a float with no width.
 */
export function keepBignumTag(reader: CborReader): void {
  const initial = reader.bytes[reader.pos];
  if (reader.deterministic && (initial === 0xc2 || initial === 0xc3)) (reader.pinned ??= []).push({ at: reader.pos, widths: [] });
}

/**
 * A map key that is a text string, or null where its bytes are not UTF-8 (the reader then at the key's start): in a
 * map whose computed-key entries take any key (`{ "b" => nil, * any => nil }`), such a key is theirs, kept as it is
 * by `any` (unless DecodeOptions.strictAny refuses it), not an error of reading the named keys.
 */
export function readTextKey(reader: CborReader): string | null {
  const start = reader.pos;
  try {
    return reader.readText();
  } catch (error) {
    if (!isDecodeError(error) || error.code !== 'invalid-utf8') throw error;
    reader.rewind(start);
    return null;
  }
}

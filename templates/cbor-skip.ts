/**
 * A {@link CborReader} walking over encoded items rather than reading them as
 * values: skipping one whole item (CborReader.skip, and readRaw, which
 * returns its bytes), and the chunks of indefinite-length strings, checked in
 * one walk before they are read. Part of
 * the runtime (see runtime.ts), copied verbatim beside the generated modules.
 */
import type { CborReader } from './cbor-reader.js';
import { describeItemAt } from './cbor-lookahead.js';
import { BIG, INDEFINITE } from './cbor-numbers.js';
import { TEXT_TOO_LONG } from './cbor-text.js';

/**
 * Skips one well-formed item at nesting level `depth` ({@link CborReader.skip}). Recursion is bounded
 * by maxDepth. Containers skipped once are skipped in one step after that (the reader's `skipped`).
 */
export function skipItem(reader: CborReader, path: string, depth: number): void {
  for (;;) {
    const ib = reader.initial(path);
    reader.pos++;
    const major = ib >>> 5;
    const ai = ib & 31;
    const n = ai < 24 ? ai : reader.argument(ai, path);
    switch (major) {
      case 0:
      case 1:
        if (n === INDEFINITE) reader.fail('an integer cannot have indefinite length', path);
        return;
      case 2:
      case 3:
        if (n === INDEFINITE) {
          walkChunks(reader, major, path);
        } else {
          if (n < 0 || n > reader.bytes.length - reader.pos) reader.eof(path);
          reader.pos += n;
        }
        return;
      case 4:
      case 5: {
        const start = reader.itemStart;
        const end = reader.skipped?.get(start);
        if (end !== undefined) {
          reader.pos = end;
          return;
        }
        const per = major === 5 ? 2 : 1;
        if (n !== INDEFINITE && (n === BIG || n * per > reader.bytes.length - reader.pos)) reader.countTooLarge(n, per, path);
        if (depth + 1 > reader.maxDepth) reader.tooDeep(path);
        if (n === INDEFINITE) {
          // Keys and values are skipped separately so a break between a key
          // and its value is rejected (skipItem never accepts a bare break).
          while (reader.hasMoreItems(-1, 0, path)) {
            for (let k = 0; k < per; k++) skipItem(reader, path, depth + 1);
          }
          reader.pos++;
        } else {
          for (let i = n * per; i > 0; i--) skipItem(reader, path, depth + 1);
        }
        (reader.skipped ??= new Map()).set(start, reader.pos);
        return;
      }
      case 6:
        if (n === INDEFINITE) reader.fail('a tag cannot have indefinite length', path);
        // The tagged item follows; loop instead of recursing, but still
        // count the level so a long tag chain is bounded.
        if (++depth > reader.maxDepth) reader.tooDeep(path);
        continue;
      default:
        // Major 7: floats and simple values; argument() consumed their bytes.
        if (ai === 31) reader.fail('unexpected break code', path);
        if (ai === 24 && n < 32) {
          reader.fail(`simple value ${n} must be encoded in the head byte (not well-formed)`, path);
        }
        return;
    }
  }
}

/** The encoded bytes of the next data item, as a view into the input (skipped and validated for well-formedness). */
export function readRaw(reader: CborReader, path = ''): Uint8Array {
  const start = reader.pos;
  reader.skip(path);
  reader.itemStart = start;
  return reader.view(start, reader.pos - start);
}

/**
 * Walks the chunks of an indefinite-length string of major `major` from
 * `pos` (just past the head) to its break, checking each is a definite
 * string of the same major. Returns the total payload length; leaves pos
 * after the break.
 */
function walkChunks(reader: CborReader, major: number, path: string): number {
  let total = 0;
  for (;;) {
    const ib = reader.initial(path);
    reader.pos++;
    if (ib === 0xff) return total;
    if (ib >>> 5 !== major || (ib & 31) === 31) {
      reader.fail(
        `a chunk of an indefinite-length ${major === 2 ? 'byte' : 'text'} string must be a definite-length ${
          major === 2 ? 'byte' : 'text'
        } string, got ${(ib & 31) === 31 && ib >>> 5 === major ? 'an indefinite-length one' : describeItemAt(reader.bytes, reader.itemStart)}`,
        path,
      );
    }
    const ai = ib & 31;
    const n = ai < 24 ? ai : reader.argument(ai, path);
    if (n < 0 || n > reader.bytes.length - reader.pos) reader.eof(path);
    reader.pos += n;
    total += n;
  }
}

/** An indefinite-length byte string from `pos` (just past its head): validated and sized in one pass, then copied once. */
export function readChunkedBytes(reader: CborReader, path: string): Uint8Array {
  const first = reader.pos;
  const total = walkChunks(reader, 2, path);
  const end = reader.pos;
  const out = new Uint8Array(total);
  const bytes = reader.bytes;
  // Second pass over already-validated chunks: no checks needed.
  reader.pos = first;
  let o = 0;
  while (bytes[reader.pos] !== 0xff) {
    reader.itemStart = reader.pos;
    const ai = bytes[reader.pos++]! & 31;
    const n = ai < 24 ? ai : reader.argument(ai, path);
    out.set(bytes.subarray(reader.pos, reader.pos + n), o);
    o += n;
    reader.pos += n;
  }
  reader.pos = end;
  // The string starts at its 0x5f head (one byte before the first chunk): errors about it point there.
  reader.itemStart = first - 1;
  return out;
}

/**
 * An indefinite-length text string from `pos` (just past its head at `itemStart`): its structure
 * validated before anything is decoded, then each chunk decoded as UTF-8 on its own (RFC 8949
 * §3.2.3: chunks split only at code point boundaries). Sets the reader's `textLength`.
 */
export function readChunkedText(reader: CborReader, path: string): string {
  const head = reader.itemStart;
  const first = reader.pos;
  const total = walkChunks(reader, 3, path);
  const end = reader.pos;
  const bytes = reader.bytes;
  reader.pos = first;
  let s = '';
  while (bytes[reader.pos] !== 0xff) {
    reader.itemStart = reader.pos;
    const ai = bytes[reader.pos++]! & 31;
    const len = ai < 24 ? ai : reader.argument(ai, path);
    const chunk = reader.utf8(reader.pos, reader.pos + len, path);
    try {
      s += chunk;
    } catch {
      // Chunks that join to more code units than the engine's strings hold: a DecodeError, not its RangeError.
      reader.fail(TEXT_TOO_LONG, path);
    }
    reader.pos += len;
  }
  reader.pos = end;
  reader.itemStart = head;
  reader.textLength = total;
  return s;
}

/**
 * What only some generated encoders call: maps whose keys are known only at run time, sorted as
 * they end ({@link endSortedMap}), and the shared write of `[* tstr]`. The writer's class is in
 * cbor-writer.ts. Part of the runtime (see runtime.ts), copied verbatim beside the generated modules.
 */
import { compareSpans } from './cbor-deterministic.js';
import { EncodeError } from './cbor-errors.js';
import { type CborWriter, headSize } from './cbor-writer.js';

/**
 * Ends a map whose keys are known only at run time, written in place:
 * `offsets` holds where its entries start (first), then for each entry
 * where its key starts and where its value starts, and the entries are
 * everything `writer` wrote since. Puts the map's head before them and the
 * entries in the bytewise order of their encoded keys (RFC 8949 §4.2.1). A
 * function, not a method of the writer: a bundle that only decodes keeps the
 * writer's class whole (cbor-any.ts uses it), but not this.
 *
 * @throws EncodeError for two keys that encode alike, which no map can hold
 *   (RFC 8949 §5.6): values a guard takes as different keys (`1` and `1n`
 *   in a Map, floats of one value in two widths) that are one data item
 */
export function endSortedMap(writer: CborWriter, offsets: readonly number[]): void {
  const start = offsets[0]!;
  const end = writer.length;
  const n = (offsets.length - 1) >> 1;
  const hs = headSize(n);
  // Room for the head, after the entries: they move up by its size.
  const b = writer.room(hs);
  // Entry i: key in [offsets[1 + 2i], offsets[2 + 2i]), value up to the next key (or `end` for the last).
  let inOrder = true;
  for (let k = 3; k < offsets.length && inOrder; k += 2) {
    const order = compareSpans(b, offsets[k - 2]!, offsets[k - 1]!, offsets[k]!, offsets[k + 1]!);
    if (order === 0) repeatedKey(b, offsets[k]!, offsets[k + 1]!);
    inOrder = order < 0;
  }
  if (inOrder) {
    // The usual case (members written in key order): only the head goes in front.
    b.copyWithin(start + hs, start, end);
  } else {
    const keyAt = (i: number) => offsets[1 + 2 * i]!;
    const valueAt = (i: number) => offsets[2 + 2 * i]!;
    const endAt = (i: number) => (i + 1 < n ? keyAt(i + 1) : end);
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((i, j) => compareSpans(b, keyAt(i), valueAt(i), keyAt(j), valueAt(j)));
    for (let k = 1; k < n; k++) {
      const [i, j] = [order[k - 1]!, order[k]!];
      if (compareSpans(b, keyAt(i), valueAt(i), keyAt(j), valueAt(j)) === 0) repeatedKey(b, keyAt(j), valueAt(j));
    }
    const entries = b.slice(start, end);
    let o = start + hs;
    for (const i of order) {
      const from = keyAt(i) - start;
      const length = endAt(i) - keyAt(i);
      b.set(new Uint8Array(entries.buffer, from, length), o);
      o += length;
    }
  }
  writer.advanceTo(start);
  writer.mapHeader(n);
  writer.advanceTo(end + hs);
}

/** Throws the EncodeError of a map whose key `b[from, to)` is there twice. */
function repeatedKey(b: Uint8Array, from: number, to: number): never {
  let hex = '';
  for (let i = from; i < to; i++) hex += b[i]!.toString(16).padStart(2, '0');
  throw new EncodeError([{ path: '', message: `a map whose entries have one key twice (encoded ${hex}): a map holds a key once (RFC 8949 §5.6)` }]);
}

/** Writes an array of text strings (`[* tstr]`: schemas repeat it inline often enough to share this write). */
export function writeTextList(writer: CborWriter, list: readonly string[]): void {
  writer.arrayHeader(list.length);
  for (let i = 0; i < list.length; i++) writer.text(list[i]!);
}

/**
 * What each rule read where, for decoders of schemas whose choices backtrack:
 * a rule read again at an offset is recalled (value or DecodeError alike)
 * rather than read again, which keeps decoding linear in the input however the
 * alternatives nest. Only reads that may be read again are remembered: those
 * begun after a decoder took a mark to come back to ({@link markForRetry});
 * before, nothing can rewind to their offsets. Functions, not CborReader methods, so that a bundle
 * whose decoders never backtrack drops them. Part of the runtime (see
 * runtime.ts), copied verbatim beside the generated modules.
 */
import type { CborReader, PinnedFloat, ReaderMark } from './cbor-reader.js';
import { type DecodeError, isDecodeError } from './cbor-errors.js';

/** What a rule read from one offset: where it ended and the value, or the error it threw. */
export interface Remembered {
  readonly end: number;
  readonly value: unknown;
  readonly error: DecodeError | undefined;
  /** The float widths the rule pinned while reading, pinned again when it is recalled (the reading may have been rewound since). */
  readonly pins: readonly PinnedFloat[] | undefined;
}

/**
 * What `firstRead` reads here, read once per rule number and offset: a
 * rule's first read at an offset runs it, later ones are recalled (value or
 * DecodeError alike). Generated `readX` of rules that backtracking may read
 * again at one offset are this one line (memo.ts).
 */
export function remembered<T>(reader: CborReader, rule: number, firstRead: (reader: CborReader) => T): T {
  // No mark to come back to was taken yet: every mark taken from here on is at this offset or after it, so no rewind
  // reads this rule here again, and remembering it (a Map entry, and a Map per rule) would only cost.
  const memos = reader.memos;
  if (memos === undefined) return firstRead(reader);
  const start = reader.pos;
  const known = recall(reader, rule, start);
  if (known !== undefined) return known.value as T;
  try {
    const value = firstRead(reader);
    table(memos, rule).set(start, { end: reader.pos, value, error: undefined, pins: pinnedSince(reader, start) });
    return value;
  } catch (error) {
    if (isDecodeError(error)) table(memos, rule).set(start, { end: start, value: undefined, error, pins: undefined });
    throw error;
  }
}

/**
 * A mark to come back to and read again from (an alternative tried, a repetition or an item that may be given back):
 * what rules read from now on may be read again at their offsets, so {@link remembered} keeps it. Generated decoders
 * take such marks with this; lookaheads that read no rule again take plain ones (CborReader.mark).
 */
export function markForRetry(reader: CborReader): ReaderMark {
  reader.memos ??= [];
  return reader.mark();
}

/**
 * What rule number `rule` read from offset `start` before, if it did: the
 * value (the reader then moves past the item), or the DecodeError it threw
 * again.
 */
function recall(reader: CborReader, rule: number, start: number): Remembered | undefined {
  const known = reader.memos?.[rule]?.get(start);
  if (known === undefined) return undefined;
  if (known.error !== undefined) throw known.error;
  reader.pos = known.end;
  reader.itemStart = start;
  if (known.pins !== undefined) {
    const pinned = (reader.pinned ??= []);
    for (const pin of known.pins) pinned.push(pin);
  }
  return known;
}

/**
 * The widths pinned for floats at `start` or later: the last ones pinned,
 * since a reset forgets the pins of what it rewinds, and what was read
 * before `start` lies before it.
 */
function pinnedSince(reader: CborReader, start: number): PinnedFloat[] | undefined {
  const pinned = reader.pinned;
  if (pinned === null) return undefined;
  let first = pinned.length;
  while (first > 0 && pinned[first - 1]!.at >= start) first--;
  return first === pinned.length ? undefined : pinned.slice(first);
}

/** The table of what rule number `rule` read where, of a reader's `memos`, made on first use. */
function table(memos: Map<number, Remembered>[], rule: number): Map<number, Remembered> {
  let table = memos[rule];
  if (table === undefined) memos[rule] = table = new Map();
  return table;
}

/**
 * The reader generated decoders drive item by item ({@link CborReader}), and
 * the decoding of embedded CBOR (`bstr .cbor T`). Part of the runtime (see
 * runtime.ts), copied verbatim beside the generated modules.
 */
import { checkDeterministic } from './cbor-deterministic.js';
import { DecodeError, isDecodeError, MAJOR_NAMES, unsafeIntegerMessage, withPath } from './cbor-errors.js';
import { decodeHalf, isNaNWithBits, MAX_SAFE, MIN_SAFE, TWO_32 } from './cbor-numbers.js';
import { ASCII_PATH_MAX, asciiText, utf8Decoder } from './cbor-text.js';

/** Text of at least this many bytes may start a window ({@link CborReader.textWindow}). */
const WINDOW_FROM = 8;
/** The fewest bytes of a window: below about 40, `fromCharCode` costs less than a TextDecoder call. */
const WINDOW_MIN = 40;
/** The most bytes of a window: it looks no further ahead than this. */
const WINDOW_MAX = 512;

/** Head argument marker: indefinite length (ai 31). */
const INDEFINITE = -1;
/** Head argument marker: a 64-bit argument above 2^53-1; re-read it as a bigint. */
const BIG = -2;


/** A position of a {@link CborReader}, from {@link CborReader.mark}. */
export interface ReaderMark {
  readonly pos: number;
  readonly depth: number;
  /** How many float widths were pinned ({@link CborReader.pinFloatWidths}): those pinned after it are forgotten on reset. */
  readonly pins: number;
}

/** A float's offset and the widths the schema allows it ({@link CborReader.pinFloatWidths}). */
interface PinnedFloat {
  readonly at: number;
  readonly widths: readonly number[];
}

/**
 * The deepest nesting the generated decoders accept, and so the deepest the
 * guards and encoders accept: an array, map or tag counts one level, inside
 * embedded CBOR (`bstr .cbor T`) too, as if the embedded item stood in the
 * byte string's place.
 */
export const MAX_DEPTH = 256;

/**
 * Options of the generated `decodeX(bytes, options)` functions. Both are off
 * by default, and then cost nothing.
 */
export interface DecodeOptions {
  /**
   * Accept only deterministically encoded input (RFC 8949 §4.2.1): shortest
   * heads, no indefinite lengths, map keys in bytewise order of their
   * encodings (so no duplicates), floats in the shortest width that keeps
   * their value, bignums (tags 2, 3) only beyond 64 bits and without leading
   * zero bytes. Such input re-encodes byte for byte. The check reads the
   * input once more, after it has been decoded.
   */
  deterministic?: boolean;
  /**
   * Reject what RFC 8949 §5.3.1 calls invalid inside values the schema
   * leaves open (CDDL any): a map with two equal keys, a text string that is
   * not UTF-8. (Everywhere else the decoders always reject both.)
   */
  strictAny?: boolean;
}

/** What a rule read from one offset: where it ended and the value, or the error it threw. */
interface Remembered {
  readonly end: number;
  readonly value: unknown;
  readonly error: DecodeError | undefined;
  /** The float widths the rule pinned while reading, pinned again when it is recalled (the reading may have been rewound since). */
  readonly pins: readonly PinnedFloat[] | undefined;
}

/**
 * A window of the input, [start, end), that {@link CborReader.textWindow} decoded with one
 * TextDecoder call: text read inside it is a substring of `text` when the window is all ASCII,
 * and is decoded as usual when `text` is null (a window that was not).
 */
interface TextWindow {
  readonly start: number;
  readonly end: number;
  readonly text: string | null;
}

/** Options for {@link CborReader}. */
export interface CborReaderOptions extends DecodeOptions {
  /** Deepest nesting of arrays, maps and tags accepted; default {@link MAX_DEPTH}. */
  maxDepth?: number;
  /** The level the input starts at: for embedded CBOR, the level of the byte string holding it (default 0). */
  depth?: number;
}

/**
 * A cursor over one CBOR data item (or a sequence), read item by item by
 * generated decoders. Every method throws {@link DecodeError} and nothing
 * else, whatever the input.
 *
 * Methods take the path of the item being read only to put it in errors;
 * building it is the caller's cost, so generated code passes literals or
 * builds paths lazily.
 *
 * One class, though long: split into a base class (heads, containers,
 * skipping, errors) and a subclass (the typed reads), each decode paid about
 * 230 more instructions to construct the reader (V8 builds an instance of a
 * derived class on a slower path, with or without an explicit constructor):
 * a one-entry status report decoded in 1,311 instructions instead of 1,079
 * (callgrind, own), the MIMI content examples 2.8% more.
 */
export class CborReader {
  /** The input. */
  readonly bytes: Uint8Array;
  /** Offset of the next unread byte. */
  pos = 0;
  /** Offset where the most recently started data item began (its head byte); used for error offsets. */
  itemStart = 0;
  /** Length in bytes of the text string {@link readText} read last: generated decoders check `tstr .size` by it, not by measuring the string again. */
  textLength = 0;
  /** Deepest container/tag nesting accepted. */
  readonly maxDepth: number;
  /** Containers and tags currently open (from {@link readArrayHeader}, {@link readMapHeader}, {@link enterTag}), plus the starting level. */
  private depth: number;
  /** {@link DecodeOptions.deterministic}: {@link finish} checks the input is deterministically encoded. */
  readonly deterministic: boolean;
  /** {@link DecodeOptions.strictAny}: values of CDDL any are checked for validity as they are read. */
  readonly strictAny: boolean;
  /**
   * Where each container skipped so far ends, by where it starts: skipping it
   * again (another alternative reading it whole, or looking past it) is
   * then one step, which keeps skipping linear in the input overall.
   */
  private skipped: Map<number, number> | undefined;
  /** What each rule read where ({@link recall}), by rule number then start offset; made on first use. */
  private memos: Map<number, Remembered>[] | undefined;
  /** A DataView over the input, made on first use (floats, 64-bit arguments): most decoders never need one, and it is an allocation per decode. */
  private dataView: DataView | undefined;
  /** `bytes.buffer` and `bytes.byteOffset`, cached: the getters are slow in the hot path. */
  private readonly buffer: ArrayBufferLike;
  private readonly base: number;
  /** The last window {@link textWindow} decoded, if any. */
  private window: TextWindow | undefined;

  /**
   * @param bytes the encoded input; byte strings read from it are views into it, not copies
   * @param options `maxDepth` (default 256) bounds nesting so hostile input cannot exhaust the stack
   */
  constructor(bytes: Uint8Array, options?: CborReaderOptions) {
    this.bytes = bytes;
    this.buffer = bytes.buffer;
    this.base = bytes.byteOffset;
    this.maxDepth = options?.maxDepth ?? MAX_DEPTH;
    this.depth = options?.depth ?? 0;
    this.deterministic = options?.deterministic === true;
    this.strictAny = options?.strictAny === true;
  }

  /** The current nesting level: arrays, maps and tags open around the next item. */
  get level(): number {
    return this.depth;
  }

  /**
   * Enters the item inside a tag just read with {@link readTag}: a tag is a
   * nesting level, so that a chain of tags (`t = #6.1(t) / int`) is bounded
   * like nested arrays. Pair with {@link leaveTag}.
   */
  enterTag(path = ''): void {
    if (++this.depth > this.maxDepth) this.tooDeep(path);
  }

  /** Leaves the level entered by {@link enterTag}. */
  leaveTag(): void {
    this.depth--;
  }

  /**
   * Checks that `bytes`, a byte string just read, hold one encoded value
   * that `read` accepts (`bstr .cbor T`; a sequence of the array's items for
   * `.cborseq`), nested from the current level on, within the same limit.
   * Its errors come out of this reader: the path gets `<name>` (the embedded
   * rule) between the byte string's and the inner path, and the offset is in
   * this input when the bytes are a slice of it (a definite-length string),
   * else the byte string's own.
   */
  checkEmbedded(bytes: Uint8Array, read: (reader: CborReader) => unknown, sequence: boolean, name: string): void {
    const error = embeddedError(bytes, read, sequence, this.depth, this.maxDepth);
    if (error === null) return;
    const inside = bytes.buffer === this.buffer ? bytes.byteOffset - this.base : -1;
    const offset = inside >= 0 && inside + bytes.length <= this.bytes.length ? inside + error.offset : this.itemStart;
    throw new DecodeError(error.reason, `<${name}>${error.path}`, offset, error.code);
  }

  /**
   * Where the reader is, to come back to with {@link reset}: generated
   * decoders try the options of an ambiguous type choice one after another.
   */
  mark(): ReaderMark {
    return { pos: this.pos, depth: this.depth, pins: this.pinned === null ? 0 : this.pinned.length };
  }

  /**
   * Returns to a {@link mark}, forgetting everything read since, float
   * widths pinned included: an alternative that failed must not decide the
   * deterministic check for a float another one reads at the same offset.
   */
  reset(mark: ReaderMark): void {
    this.pos = mark.pos;
    this.depth = mark.depth;
    this.itemStart = mark.pos;
    if (this.pinned !== null && this.pinned.length > mark.pins) this.pinned.length = mark.pins;
  }

  /**
   * Goes back to `start`, where the map key just read began (a text string or an integer, which
   * leaves the depth as it was and pins no float width): generated decoders read a key as a fixed
   * one first, and read it again as a computed key of another type when it is none of those.
   */
  rewind(start: number): void {
    this.pos = start;
    this.itemStart = start;
  }


  /** Throws a {@link DecodeError} at the next byte to read (what is missing there, such as a member the array ended before). */
  failAtNext(message: string, path = ''): never {
    throw new DecodeError(message, path, this.pos);
  }

  /**
   * An integer just read (from `start`, evaluated before the read) as a number, for code
   * generated with `integers: "number"`: beyond ±(2^53 − 1) a DecodeError naming the option.
   */
  safeInteger(start: number, value: number | bigint): number {
    if (typeof value === 'number') return value;
    throw new DecodeError(unsafeIntegerMessage(value), '', start, 'unsafe-integer');
  }

  /** Throws a {@link DecodeError} at `offset`, by default the start of the current item. */
  fail(message: string, path = '', offset?: number): never {
    throw new DecodeError(message, path, offset ?? this.itemStart);
  }

  /** Fails at the map just read: it lacks `key`, which the schema requires. */
  missingKey(key: string | number | bigint): never {
    return this.fail(`missing key ${typeof key === 'string' ? JSON.stringify(key) : key}`);
  }

  /**
   * {@link missingKey} for the first of several required keys that is absent: `entries` is each key followed by
   * its member's value as read (undefined when absent). One call after one test of them all, in generated decoders.
   */
  missingKeys(...entries: unknown[]): never {
    for (let i = 0; i < entries.length; i += 2) if (entries[i + 1] === undefined) return this.missingKey(entries[i] as string | number | bigint);
    return this.fail('missing key');
  }

  /** Fails at `offset`, where the key starts (by default the current item's: the key just read): the schema has no member of key `key`. */
  unexpectedKey(key: string | number | bigint, offset: number = this.itemStart): never {
    return this.fail(`unexpected key ${typeof key === 'string' ? JSON.stringify(key) : key}`, '', offset);
  }

  /**
   * Fails at `offset`, where the key starts (by default the current item's: the key just read): the map has `key`
   * twice (one line per member in generated decoders).
   */
  duplicateKey(key: string | number | bigint, offset: number = this.itemStart): never {
    return this.fail(`duplicate key ${typeof key === 'string' ? JSON.stringify(key) : key}`, '', offset);
  }

  /** The input ended where more bytes were needed; the offset is where they would start. */
  private eof(path: string): never {
    throw new DecodeError('unexpected end of input', path, this.bytes.length);
  }

  /**
   * Starts an item: records `itemStart`, checks there is a byte and returns
   * the initial byte without consuming it.
   */
  private initial(path: string): number {
    const p = this.pos;
    this.itemStart = p;
    if (p >= this.bytes.length) this.eof(path);
    return this.bytes[p]!;
  }

  /**
   * Reads the argument of the head whose initial byte is at `itemStart`
   * (pos must be just past it). Returns the value as a number, INDEFINITE
   * for ai 31 (callers decide whether that is allowed) or BIG for 64-bit
   * values above 2^53-1 (the caller re-reads the last 8 bytes as a bigint;
   * that way skipping float64s never allocates a bigint).
   */
  private argument(ai: number, path: string): number {
    const p = this.pos;
    const len = this.bytes.length;
    switch (ai) {
      case 24:
        if (p + 1 > len) this.eof(path);
        this.pos = p + 1;
        return this.bytes[p]!;
      case 25:
        if (p + 2 > len) this.eof(path);
        this.pos = p + 2;
        return (this.bytes[p]! << 8) | this.bytes[p + 1]!;
      case 26:
        if (p + 4 > len) this.eof(path);
        this.pos = p + 4;
        return this.uint32At(p);
      case 27: {
        if (p + 8 > len) this.eof(path);
        this.pos = p + 8;
        const hi = this.uint32At(p);
        if (hi >= 0x200000) return BIG;
        return hi * TWO_32 + this.uint32At(p + 4);
      }
      case 31:
        return INDEFINITE;
      default:
        if (ai < 24) return ai;
        return this.fail('reserved additional information', path); // 28..30
    }
  }

  /** The big-endian 32-bit unsigned integer at `p` (in bounds), without a DataView. */
  private uint32At(p: number): number {
    const b = this.bytes;
    return b[p]! * 0x1000000 + ((b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!);
  }

  /** The DataView over the input, made the first time it is needed. */
  private get dv(): DataView {
    return (this.dataView ??= new DataView(this.buffer, this.base, this.bytes.byteLength));
  }

  /** The 64-bit argument just read (after `argument` returned BIG). */
  private bigArgument(): bigint {
    return this.dv.getBigUint64(this.pos - 8);
  }

  /** Describes the item starting at offset `p` for "expected X, got Y" messages. */
  private describeAt(p: number): string {
    if (p >= this.bytes.length) return 'the end of the input';
    const ib = this.bytes[p]!;
    const major = ib >>> 5;
    const ai = ib & 31;
    if (ai >= 28 && ai <= 30) return 'an item with reserved additional information';
    if (major === 6) {
      // Name the tag number; the head may itself be truncated or odd, so
      // read it on a throwaway basis.
      const savedPos = this.pos;
      const savedStart = this.itemStart;
      try {
        this.pos = p + 1;
        this.itemStart = p;
        const n = this.argument(ai, '');
        if (n === INDEFINITE) return 'a tag';
        return `tag ${n === BIG ? this.bigArgument() : n}`;
      } catch {
        return 'a tag';
      } finally {
        this.pos = savedPos;
        this.itemStart = savedStart;
      }
    }
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

  /**
   * Throws "expected X, got Y" for the item at `itemStart`. Reserved ai is
   * reported as such: it is a well-formedness error, not a type mismatch.
   */
  private wrongType(expected: string, path: string): never {
    const ai = this.bytes[this.itemStart]! & 31;
    if (ai >= 28 && ai <= 30) this.fail('reserved additional information', path);
    this.fail(`expected ${expected}, got ${this.describeAt(this.itemStart)}`, path);
  }

  /**
   * Describes the next item without consuming it (`'a map'`, `'tag 1'`,
   * `'the end of the input'`, ...), for generated "expected X or Y, got Z"
   * messages after {@link peekMajor}.
   */
  describeNext(): string {
    return this.describeAt(this.pos);
  }

  /** The initial byte of the next item (major type and additional information), without consuming it. */
  peekInitial(path = ''): number {
    return this.initial(path);
  }

  /** Major type (0..7) of the next item, without consuming it. */
  peekMajor(path = ''): number {
    return this.initial(path) >>> 5;
  }

  /**
   * The integer or text string that comes next, without consuming it; null
   * when the next item is of another kind or malformed (reading it then
   * reports that). Generated decoders pick an alternative of a repeated group
   * by its first member this way.
   */
  peekKey(path = ''): number | bigint | string | null {
    const major = this.peekMajor(path);
    if (major > 1 && major !== 3) return null;
    // Positions kept in locals rather than a mark object: this runs once per repetition of a group.
    const { pos, depth } = this;
    try {
      return major === 3 ? this.readText(path) : this.readInt(path);
    } catch (error) {
      if (isDecodeError(error)) return null;
      throw error;
    } finally {
      this.pos = pos;
      this.depth = depth;
      this.itemStart = pos;
    }
  }

  /**
   * The number of the tag that comes next, without consuming it; null when
   * the next item is not a tag (or its head is malformed: reading it then
   * reports that). Generated decoders pick an option of a type choice by it.
   */
  peekTag(path = ''): number | bigint | null {
    if (this.peekMajor(path) !== 6) return null;
    const pos = this.pos;
    try {
      return this.readTag(path);
    } catch (error) {
      if (isDecodeError(error)) return null;
      throw error;
    } finally {
      this.pos = pos;
      this.itemStart = pos;
    }
  }

  /**
   * What rule number `rule` read from offset `start` before, if it did: the
   * value (the reader then moves past the item), or the DecodeError it threw
   * again. Generated decoders of schemas whose choices backtrack read each
   * rule at each offset once this way, which keeps decoding linear in the
   * input however the alternatives nest.
   */
  recall(rule: number, start: number): { readonly value: unknown } | undefined {
    const known = this.memos?.[rule]?.get(start);
    if (known === undefined) return undefined;
    if (known.error !== undefined) throw known.error;
    this.pos = known.end;
    this.itemStart = start;
    if (known.pins !== undefined) {
      const pinned = (this.pinned ??= []);
      for (const pin of known.pins) pinned.push(pin);
    }
    return known;
  }

  /**
   * What `firstRead` reads here, read once per rule number and offset: a
   * rule's first read at an offset runs it, later ones are {@link recall}ed
   * (value or DecodeError alike). Generated `readX` of rules that backtracking
   * may read again at one offset are this one line (memo.ts).
   */
  remembered<T>(rule: number, firstRead: (reader: CborReader) => T): T {
    const start = this.pos;
    const known = this.recall(rule, start);
    if (known !== undefined) return known.value as T;
    try {
      const value = firstRead(this);
      this.remember(rule, start, value);
      return value;
    }
    catch (error) {
      this.rememberFailure(rule, start, error);
      throw error;
    }
  }

  /** Notes what rule number `rule` read from `start` up to here, for {@link recall}. */
  remember(rule: number, start: number, value: unknown): void {
    this.table(rule).set(start, { end: this.pos, value, error: undefined, pins: this.pinnedSince(start) });
  }

  /**
   * The widths pinned for floats at `start` or later: the last ones pinned,
   * since a reset forgets the pins of what it rewinds, and what was read
   * before `start` lies before it.
   */
  private pinnedSince(start: number): PinnedFloat[] | undefined {
    const pinned = this.pinned;
    if (pinned === null) return undefined;
    let first = pinned.length;
    while (first > 0 && pinned[first - 1]!.at >= start) first--;
    return first === pinned.length ? undefined : pinned.slice(first);
  }

  /** Notes that rule number `rule` failed at `start` with `error` (only a DecodeError is kept), for {@link recall}. */
  rememberFailure(rule: number, start: number, error: unknown): void {
    if (isDecodeError(error)) this.table(rule).set(start, { end: start, value: undefined, error, pins: undefined });
  }

  private table(rule: number): Map<number, Remembered> {
    const memos = (this.memos ??= []);
    let table = memos[rule];
    if (table === undefined) memos[rule] = table = new Map();
    return table;
  }

  /** True if the next byte is a break code (0xff). False at the end of input. */
  isBreak(): boolean {
    return this.bytes[this.pos] === 0xff;
  }

  /**
   * Reads an unsigned integer (major 0): a number when at most
   * `Number.MAX_SAFE_INTEGER`, else an exact bigint.
   */
  readUint(path = ''): number | bigint {
    const ib = this.initial(path);
    this.pos++;
    if (ib < 24) return ib; // fast path: major 0, value in the head byte
    if (ib >>> 5 !== 0) this.wrongType('an unsigned integer', path);
    const n = this.argument(ib & 31, path);
    if (n >= 0) return n;
    if (n === BIG) return this.bigArgument();
    return this.fail('an unsigned integer cannot have indefinite length', path);
  }

  /** Reads an integer (major 0, or major 1 meaning -1 - n): a number when safe, else a bigint. */
  readInt(path = ''): number | bigint {
    const ib = this.initial(path);
    this.pos++;
    if (ib < 24) return ib;
    const major = ib >>> 5;
    if (major > 1) this.wrongType('an integer', path);
    const n = this.argument(ib & 31, path);
    if (n === INDEFINITE) this.fail('an integer cannot have indefinite length', path);
    if (major === 0) return n === BIG ? this.bigArgument() : n;
    // -1 - MAX_SAFE_INTEGER = -2^53 is not a safe integer, hence `<`.
    if (n !== BIG && n < Number.MAX_SAFE_INTEGER) return -1 - n;
    return -1n - (n === BIG ? this.bigArgument() : BigInt(n));
  }

  /**
   * Reads a byte string (major 2). A definite-length string is returned as a
   * plain Uint8Array view into the input's buffer (zero-copy: do not mutate
   * it, and copy it if the input buffer will be reused); an indefinite-length
   * one is concatenated into a fresh array.
   */
  readBytes(path = ''): Uint8Array {
    const ib = this.initial(path);
    if (ib >>> 5 !== 2) this.wrongType('a byte string', path);
    this.pos++;
    const ai = ib & 31;
    const n = ai < 24 ? ai : this.argument(ai, path);
    if (n === INDEFINITE) return this.readChunkedBytes(path);
    const start = this.pos;
    if (n < 0 || n > this.bytes.length - start) this.eof(path);
    this.pos = start + n;
    return this.view(start, n);
  }

  /**
   * A zero-copy Uint8Array over `n` input bytes from `start` (in bounds: the
   * caller checked; generated fast paths read byte strings this way). Built with the
   * constructor rather than `subarray`, which is several times slower in V8
   * (species lookup) and would hand out Buffers when the input is a Buffer.
   */
  view(start: number, n: number): Uint8Array {
    return new Uint8Array(this.buffer, this.base + start, n);
  }

  /**
   * Walks the chunks of an indefinite-length string of major `major` from
   * `pos` (just past the head) to its break, checking each is a definite
   * string of the same major. Returns the total payload length; leaves pos
   * after the break.
   */
  private walkChunks(major: number, path: string): number {
    let total = 0;
    for (;;) {
      const ib = this.initial(path);
      this.pos++;
      if (ib === 0xff) return total;
      if (ib >>> 5 !== major || (ib & 31) === 31) {
        this.fail(
          `a chunk of an indefinite-length ${major === 2 ? 'byte' : 'text'} string must be a definite-length ${
            major === 2 ? 'byte' : 'text'
          } string, got ${(ib & 31) === 31 && ib >>> 5 === major ? 'an indefinite-length one' : this.describeAt(this.itemStart)}`,
          path,
        );
      }
      const ai = ib & 31;
      const n = ai < 24 ? ai : this.argument(ai, path);
      if (n < 0 || n > this.bytes.length - this.pos) this.eof(path);
      this.pos += n;
      total += n;
    }
  }

  /** Indefinite-length byte string: validate and size in one pass, then copy once. */
  private readChunkedBytes(path: string): Uint8Array {
    const first = this.pos;
    const total = this.walkChunks(2, path);
    const end = this.pos;
    const out = new Uint8Array(total);
    // Second pass over already-validated chunks: no checks needed.
    this.pos = first;
    let o = 0;
    while (this.bytes[this.pos] !== 0xff) {
      this.itemStart = this.pos;
      const ai = this.bytes[this.pos++]! & 31;
      const n = ai < 24 ? ai : this.argument(ai, path);
      out.set(this.bytes.subarray(this.pos, this.pos + n), o);
      o += n;
      this.pos += n;
    }
    this.pos = end;
    // The string starts at its 0x5f head (one byte before the first chunk): errors about it point there.
    this.itemStart = first - 1;
    return out;
  }

  /** Decodes UTF-8 in [start, end), with an ASCII fast path for short strings (cbor-text.ts's {@link decodeUtf8}, written out here: as a call it cost the MIMI content decode 0.8% more instructions, 122.6 k against 121.6 k own per op in callgrind). */
  private utf8(start: number, end: number, path: string): string {
    if (end === start) return '';
    if (end - start <= ASCII_PATH_MAX) {
      const s = asciiText(this.bytes, start, end);
      if (s !== null) return s;
    }
    try {
      return utf8Decoder.decode(this.view(start, end - start));
    } catch {
      return this.fail('invalid UTF-8 in text string', path);
    }
  }

  /**
   * Reads a text string (major 3), definite or indefinite length. Invalid
   * UTF-8 is an error; for indefinite strings each chunk must be valid on its
   * own (RFC 8949 §3.2.3: chunks split only at code point boundaries).
   */
  readText(path = ''): string {
    const ib = this.initial(path);
    if (ib === 0x60) {
      // Empty text (a third of the MIMI content examples' texts: languages left out) at once.
      this.pos++;
      this.textLength = 0;
      return '';
    }
    if (ib >>> 5 !== 3) this.wrongType('a text string', path);
    this.pos++;
    const ai = ib & 31;
    const n = ai < 24 ? ai : this.argument(ai, path);
    if (n === INDEFINITE) {
      const head = this.itemStart;
      const first = this.pos;
      const total = this.walkChunks(3, path); // validates structure before decoding anything
      const end = this.pos;
      this.pos = first;
      let s = '';
      while (this.bytes[this.pos] !== 0xff) {
        this.itemStart = this.pos;
        const cai = this.bytes[this.pos++]! & 31;
        const len = cai < 24 ? cai : this.argument(cai, path);
        s += this.utf8(this.pos, this.pos + len, path);
        this.pos += len;
      }
      this.pos = end;
      this.itemStart = head;
      this.textLength = total;
      return s;
    }
    const start = this.pos;
    if (n < 0 || n > this.bytes.length - start) this.eof(path);
    const end = start + n;
    this.pos = end;
    this.textLength = n;
    const decoded = this.window;
    if (decoded !== undefined && start >= decoded.start && end <= decoded.end) {
      if (decoded.text !== null) return decoded.text.substring(start - decoded.start, end - decoded.start);
    } else if (n >= WINDOW_FROM) {
      const text = this.textWindow(start, end);
      if (text !== null) return text;
    }
    return this.utf8(start, end, path);
  }

  /**
   * The text in [start, end), when it starts a window of at least {@link WINDOW_MIN} bytes: it
   * and the items after it that are small integers and short text strings (the members of an
   * array or map of them, as `{1: "mimi://…", 2: "mimi://…"}`), up to {@link WINDOW_MAX} bytes,
   * decoded with one TextDecoder call. A call costs about what building 44 ASCII characters with
   * `fromCharCode` costs, and next to nothing more per character, so the later texts of an ASCII
   * window are substrings of it ({@link readText}). Null when there is no such window, or it is
   * not UTF-8: the caller decodes the text alone (and reports it if it is not UTF-8). The window
   * only looks ahead: the items in it are read and checked as usual later. Text read again after
   * a {@link reset} may start another window, but no call looks further than WINDOW_MAX bytes
   * ahead, so decoding stays linear in the input.
   */
  private textWindow(start: number, end: number): string | null {
    const b = this.bytes;
    const limit = Math.min(b.length, start + WINDOW_MAX);
    let p = end;
    let last = end;
    while (p < limit) {
      const ib = b[p]!;
      let next: number;
      if (ib < 0x18) next = p + 1;
      else if (ib >= 0x60 && ib < 0x78) next = last = p + 1 + (ib - 0x60);
      else if (ib === 0x78 && p + 1 < limit) next = last = p + 2 + b[p + 1]!;
      else break;
      if (next > limit) {
        if (last === next) last = p;
        break;
      }
      p = next;
    }
    if (last - start < WINDOW_MIN) return null;
    let text: string;
    try {
      text = utf8Decoder.decode(this.view(start, last - start));
    } catch {
      return null;
    }
    // As many UTF-16 code units as bytes: every byte was ASCII, and every text in the window is a substring.
    const isAscii = text.length === last - start;
    this.window = { start, end: last, text: isAscii ? text : null };
    if (isAscii) return text.substring(0, end - start);
    return last === end ? text : null;
  }

  /** Checks the next item is a float and returns its width in bytes (2, 4 or 8) without consuming it. */
  private floatHead(path: string): number {
    const ib = this.initial(path);
    const w = ib === 0xf9 ? 2 : ib === 0xfa ? 4 : ib === 0xfb ? 8 : 0;
    if (w === 0) this.wrongType('a float', path);
    if (this.pos + 1 + w > this.bytes.length) this.eof(path);
    return w;
  }

  /**
   * Reads a float of any width (half, single, double). An integer is not a
   * float: schemas that accept both say so, and the generated code peeks.
   */
  readFloat(path = ''): number {
    const w = this.floatHead(path);
    const p = this.pos + 1;
    this.pos = p + w;
    if (w === 8) return this.dv.getFloat64(p);
    if (w === 4) return this.dv.getFloat32(p);
    return decodeHalf(this.dv.getUint16(p));
  }

  /**
   * {@link readFloat} for a schema's float type, whose value is a number: a
   * NaN with a sign or payload bit is refused (a number cannot keep them, and
   * writing the quiet NaN instead would change the data item); a value of any keeps them.
   */
  readNumberFloat(path = ''): number {
    const start = this.pos;
    const value = this.readFloat(path);
    if (value !== value && isNaNWithBits(this.bytes, start)) this.fail('a NaN with a sign or payload bit, which a number cannot keep (a value of any keeps it)', path, start);
    return value;
  }

  /** Floats read for a schema that pins their width, in the order pinned (a later pin at the same offset wins): see {@link pinFloatWidths}. */
  private pinned: PinnedFloat[] | null = null;

  /**
   * Tells the deterministic check (with {@link DecodeOptions.deterministic})
   * that the float about to be read may only have `widths`: the shortest of
   * those that holds the value is deterministic there, as the encoders write it.
   * `at`: the float's offset, when it was read already (a choice of floats
   * pins the widths of all its options, over what each option pinned).
   */
  pinFloatWidths(widths: readonly number[], at: number = this.pos): void {
    if (this.deterministic) (this.pinned ??= []).push({ at, widths });
  }

  /** Width in bits of the float at `pos`, without consuming it; errors like {@link readFloat}. */
  readFloatWidth(path = ''): 16 | 32 | 64 {
    const w = this.floatHead(path);
    return w === 2 ? 16 : w === 4 ? 32 : 64;
  }

  /** Reads `false` (0xf4) or `true` (0xf5). */
  readBool(path = ''): boolean {
    const ib = this.initial(path);
    if (ib !== 0xf4 && ib !== 0xf5) this.wrongType('a boolean', path);
    this.pos++;
    return ib === 0xf5;
  }

  /** Reads `null` (0xf6). */
  readNull(path = ''): null {
    if (this.initial(path) !== 0xf6) this.wrongType('null', path);
    this.pos++;
    return null;
  }

  /** Reads `undefined` (0xf7). */
  readUndefined(path = ''): undefined {
    if (this.initial(path) !== 0xf7) this.wrongType('undefined', path);
    this.pos++;
    return undefined;
  }

  /**
   * Reads a simple value (major 7, not a float) and returns its number:
   * 0..23 from the head (20..23 being false/true/null/undefined), or 32..255
   * from a following byte. A following byte below 32 is not well-formed.
   */
  readSimple(path = ''): number {
    const ib = this.initial(path);
    const ai = ib & 31;
    if (ib >>> 5 !== 7 || (ai > 24 && ai < 28) || ai === 31) this.wrongType('a simple value', path);
    this.pos++;
    const n = this.argument(ai, path); // reserved ai 28..30 fails here
    if (ai === 24 && n < 32) this.fail(`simple value ${n} must be encoded in the head byte (not well-formed)`, path);
    return n;
  }

  /** Reads a tag head (major 6) and returns the tag number; the tagged item follows. */
  /**
   * An integer of any size: a plain integer (major 0 or 1), or a bignum
   * (tag 2 or 3 around its magnitude's bytes, RFC 8949 §3.4.3). A number when
   * safe, else a bigint, whichever form it came in.
   */
  readBigInt(path = ''): number | bigint {
    const start = this.pos;
    const major = this.peekMajor(path);
    if (major === 0 || major === 1) return this.readInt(path);
    if (major !== 6) return this.fail(`expected an integer, got ${this.describeNext()}`, path);
    const tag = this.readTag(path);
    if (tag !== 2 && tag !== 3) return this.fail(`expected an integer or a bignum (tag 2 or 3), got tag ${tag}`, path, start);
    // The tag is a nesting level like any other (one budget: skip() and values of any count it too).
    this.enterTag(path);
    const bytes = this.readBytes(path);
    this.leaveTag();
    let magnitude = 0n;
    for (let i = 0; i < bytes.length; i++) magnitude = (magnitude << 8n) | BigInt(bytes[i]!);
    const value = tag === 2 ? magnitude : -1n - magnitude;
    this.itemStart = start;
    return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value;
  }

  readTag(path = ''): number | bigint {
    const ib = this.initial(path);
    if (ib >>> 5 !== 6) this.wrongType('a tag', path);
    this.pos++;
    const n = this.argument(ib & 31, path);
    if (n >= 0) return n;
    if (n === BIG) return this.bigArgument();
    return this.fail('a tag cannot have indefinite length', path);
  }

  /**
   * Shared by the container headers: reads the count, rejects counts that
   * cannot fit in the remaining input before anything is allocated, and
   * enters one nesting level.
   */
  private containerHeader(major: 4 | 5, path: string): number {
    const ib = this.initial(path);
    if (ib >>> 5 !== major) this.wrongType(major === 4 ? 'an array' : 'a map', path);
    const ai = ib & 31;
    this.pos++;
    const n = ai < 24 ? ai : this.argument(ai, path);
    // n * 2 for maps: each pair takes at least two bytes. BIG can never fit.
    if (n !== INDEFINITE && (n === BIG || (major === 5 ? n * 2 : n) > this.bytes.length - this.pos)) {
      this.countTooLarge(n, major === 5 ? 2 : 1, path);
    }
    if (++this.depth > this.maxDepth) this.tooDeep(path);
    return n;
  }

  /** Fails on exceeding maxDepth. */
  private tooDeep(path: string): never {
    return this.fail(`nesting deeper than the limit of ${this.maxDepth}`, path);
  }

  /**
   * Every item takes at least one byte, so a container declaring more items
   * than there are bytes left is truncated (or hostile): it is rejected up
   * front rather than letting a caller size an array from it.
   */
  private countTooLarge(n: number, perEntry: number, path: string): never {
    const remaining = this.bytes.length - this.pos;
    const count = n === BIG ? this.bigArgument() : n;
    return this.fail(
      `unexpected end of input: ${perEntry === 2 ? `map declares ${count} entries` : `array declares ${count} items`}, only ${remaining} ${remaining === 1 ? 'byte remains' : 'bytes remain'}`,
      path,
      this.bytes.length,
    );
  }

  /**
   * Reads an array head (major 4): the item count, or -1 for indefinite
   * length. Enters a nesting level; pair with {@link endContainer}.
   */
  readArrayHeader(path = ''): number {
    // Inline: a definite array of fewer than 24 items that fit the input, within the depth limit; anything else out of line.
    const p = this.pos;
    const b = this.bytes;
    if (p < b.length) {
      const n = b[p]! - 0x80;
      if (n >= 0 && n < 24 && n < b.length - p && this.depth < this.maxDepth) {
        this.itemStart = p;
        this.pos = p + 1;
        this.depth++;
        return n;
      }
    }
    return this.containerHeader(4, path);
  }

  /**
   * Reads a text string whose `.size` (UTF-8 bytes) is `min` to `max`, else fails at it expecting `expected`: one
   * call for a constraint schemas repeat often (the same test and message as a decoder's inline check).
   */
  readTextSized(min: number, max: number, expected: string): string {
    const s = this.readText();
    if (this.textLength < min || this.textLength > max) this.fail(`expected ${expected}, got ${JSON.stringify(s).slice(0, 40)}`);
    return s;
  }

  /**
   * Reads a map head (major 5): the number of key/value pairs, or -1 for
   * indefinite length. Enters a nesting level; pair with {@link endContainer}.
   */
  readMapHeader(path = ''): number {
    return this.containerHeader(5, path);
  }

  /**
   * Loop condition over a container: `index < count` for definite length,
   * "next byte is not a break" for indefinite length (-1). Running out of
   * input inside an indefinite container is an error.
   *
   * @param path for that error only; defaults to the root
   */
  hasMoreItems(count: number, index: number, path = ''): boolean {
    if (count >= 0) return index < count;
    if (this.pos >= this.bytes.length) this.eof(path);
    return this.bytes[this.pos] !== 0xff;
  }

  /**
   * Leaves a container entered by {@link readArrayHeader} or
   * {@link readMapHeader}; for indefinite length (count < 0) consumes the
   * break code, which must be next.
   */
  endContainer(count: number, path = ''): void {
    // The break code's test out of line: this stays small enough for decoders to inline.
    if (count < 0) this.endIndefinite(path);
    this.depth--;
  }

  /** Consumes the break code that must end an indefinite-length container ({@link endContainer}). */
  private endIndefinite(path: string): void {
    const p = this.pos;
    if (p >= this.bytes.length) this.eof(path);
    if (this.bytes[p] !== 0xff) {
      this.fail(`expected the end of the indefinite-length container, got ${this.describeAt(p)}`, path, p);
    }
    this.pos = p + 1;
  }

  /**
   * Skips one well-formed data item of any kind (nested containers,
   * indefinite lengths, tags), within the depth limit. Rejects input that is
   * not well-formed (RFC 8949 Appendix F).
   */
  skip(path = ''): void {
    this.skipItem(path, this.depth);
  }

  /** {@link skip} at nesting level `depth`. Recursion is bounded by maxDepth. */
  private skipItem(path: string, depth: number): void {
    for (;;) {
      const ib = this.initial(path);
      this.pos++;
      const major = ib >>> 5;
      const ai = ib & 31;
      const n = ai < 24 ? ai : this.argument(ai, path);
      switch (major) {
        case 0:
        case 1:
          if (n === INDEFINITE) this.fail('an integer cannot have indefinite length', path);
          return;
        case 2:
        case 3:
          if (n === INDEFINITE) {
            this.walkChunks(major, path);
          } else {
            if (n < 0 || n > this.bytes.length - this.pos) this.eof(path);
            this.pos += n;
          }
          return;
        case 4:
        case 5: {
          const start = this.itemStart;
          const end = this.skipped?.get(start);
          if (end !== undefined) {
            this.pos = end;
            return;
          }
          const per = major === 5 ? 2 : 1;
          if (n !== INDEFINITE && (n === BIG || n * per > this.bytes.length - this.pos)) this.countTooLarge(n, per, path);
          if (depth + 1 > this.maxDepth) this.tooDeep(path);
          if (n === INDEFINITE) {
            // Keys and values are skipped separately so a break between a key
            // and its value is rejected (skipItem never accepts a bare break).
            while (this.hasMoreItems(-1, 0, path)) {
              for (let k = 0; k < per; k++) this.skipItem(path, depth + 1);
            }
            this.pos++;
          } else {
            for (let i = n * per; i > 0; i--) this.skipItem(path, depth + 1);
          }
          (this.skipped ??= new Map()).set(start, this.pos);
          return;
        }
        case 6:
          if (n === INDEFINITE) this.fail('a tag cannot have indefinite length', path);
          // The tagged item follows; loop instead of recursing, but still
          // count the level so a long tag chain is bounded.
          if (++depth > this.maxDepth) this.tooDeep(path);
          continue;
        default:
          // Major 7: floats and simple values; argument() consumed their bytes.
          if (ai === 31) this.fail('unexpected break code', path);
          if (ai === 24 && n < 32) {
            this.fail(`simple value ${n} must be encoded in the head byte (not well-formed)`, path);
          }
          return;
      }
    }
  }

  /** The encoded bytes of the next data item, as a view into the input (skipped and validated for well-formedness). */
  readRaw(path = ''): Uint8Array {
    const start = this.pos;
    this.skip(path);
    this.itemStart = start;
    return this.view(start, this.pos - start);
  }

  /** Asserts the input is fully consumed (and, with {@link DecodeOptions.deterministic}, deterministically encoded). */
  finish(path = ''): void {
    if (this.pos < this.bytes.length) this.fail('trailing bytes after the data item', path, this.pos);
    if (this.deterministic) checkDeterministic(this.bytes, 0, this.pos, this.maxDepth, this.pinned === null ? null : new Map(this.pinned.map((p) => [p.at, p.widths])));
  }
}

/**
 * True when `bytes` hold exactly one encoded value that `read` accepts: the
 * check behind `bstr .cbor T`. `depth` is the nesting level of the byte
 * string: its content counts against the same limit ({@link MAX_DEPTH}) as
 * if it stood in the byte string's place.
 */
export function decodesAs(bytes: Uint8Array, read: (reader: CborReader) => unknown, sequence: boolean, depth = 0): boolean {
  return embeddedError(bytes, read, sequence, depth, MAX_DEPTH) === null;
}

/**
 * Reads `bytes` as one encoded value of `read` (`.cbor`), or as a CBOR
 * sequence of an array's items (`.cborseq`, RFC 8742: exactly the array
 * without its head, so they are read as the items of an indefinite-length
 * array whose level is not counted); returns the DecodeError, or null.
 */
function embeddedError(bytes: Uint8Array, read: (reader: CborReader) => unknown, sequence: boolean, depth: number, maxDepth: number): DecodeError | null {
  let input = bytes;
  if (sequence) {
    input = new Uint8Array(bytes.length + 2);
    input[0] = 0x9f;
    input.set(bytes, 1);
    input[bytes.length + 1] = 0xff;
  }
  const reader = new CborReader(input, { maxDepth, depth: sequence ? depth - 1 : depth });
  try {
    read(reader);
    reader.finish('');
    return null;
  } catch (error) {
    if (!isDecodeError(error)) throw error;
    if (!sequence) return error;
    const offset = Math.min(Math.max(error.offset - 1, 0), bytes.length);
    return new DecodeError(error.reason, error.path, offset, error.code);
  }
}

/**
 * Reads an array of text strings without bounds (`[* tstr]`: schemas repeat it inline often enough to share this
 * read); a problem inside has the item's path, `[i]`. A function, not a method, so that a bundle without it drops it.
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

/**
 * The reader generated decoders drive item by item ({@link CborReader}): its
 * cursor, heads, typed reads and containers. What it sees ahead is in
 * cbor-lookahead.ts and its walks over items in cbor-skip.ts; what only some
 * decoders call is in cbor-reads.ts, cbor-decode-errors.ts, cbor-memo.ts and
 * cbor-embedded.ts. Part of the runtime (see runtime.ts), copied verbatim
 * beside the generated modules.
 */
import { checkDeterministic } from './cbor-deterministic.js';
import { type CborReaderOptions, MAX_DEPTH } from './cbor-decode-options.js';
import { DecodeError } from './cbor-errors.js';
import { describeItemAt, type TextWindow, WINDOW_FROM, WINDOW_MAX, WINDOW_MIN } from './cbor-lookahead.js';
import type { Remembered } from './cbor-memo.js';
import { BIG, decodeHalf, INDEFINITE, TWO_32 } from './cbor-numbers.js';
import { readChunkedBytes, readChunkedText, skipItem } from './cbor-skip.js';
import { ASCII_PATH_MAX, asciiText, TEXT_TOO_LONG, utf8Decoder } from './cbor-text.js';

/** Every empty byte string read: one shared, frozen array (no bytes to view, and a view costs an allocation). */
export const EMPTY_BYTES = Object.freeze(new Uint8Array(0)) as Uint8Array;

/** A position of a {@link CborReader}, from {@link CborReader.mark}. */
export interface ReaderMark {
  readonly pos: number;
  readonly depth: number;
  /** How many float widths were pinned ({@link CborReader.pinFloatWidths}): those pinned after it are forgotten on reset. */
  readonly pins: number;
}

/** A float's offset and the widths the schema allows it ({@link CborReader.pinFloatWidths}); no widths: a bignum tag kept whole (keepBignumTag in cbor-reads.ts). */
export interface PinnedFloat {
  readonly at: number;
  readonly widths: readonly number[];
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
 * One class, its colder parts functions of those modules: split into a base
 * class (heads, containers, skipping, errors) and a subclass (the typed
 * reads), each decode paid about 230 more instructions to construct the
 * reader (V8 builds an instance of a derived class on a slower path, with or
 * without an explicit constructor): a one-entry status report decoded in 1,311
 * instructions instead of 1,079 (callgrind, own), the MIMI content examples
 * 2.8% more. Members marked "the runtime's own" are for those modules, not
 * for generated code.
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
   * The runtime's own (cbor-skip.ts).
   */
  skipped: Map<number, number> | undefined;
  /** What each rule read where, by rule number then start offset; made by the first mark to come back to. The runtime's own (cbor-memo.ts). */
  memos: Map<number, Remembered>[] | undefined;
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

  /** Throws a {@link DecodeError} at `offset`, by default the start of the current item. */
  fail(message: string, path = '', offset?: number): never {
    throw new DecodeError(message, path, offset ?? this.itemStart);
  }

  /** The input ended where more bytes were needed; the offset is where they would start. The runtime's own. */
  eof(path: string): never {
    throw new DecodeError('unexpected end of input', path, this.bytes.length);
  }

  /**
   * Starts an item: records `itemStart`, checks there is a byte and returns
   * the initial byte without consuming it. The runtime's own.
   */
  initial(path: string): number {
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
   * that way skipping float64s never allocates a bigint). The runtime's own.
   */
  argument(ai: number, path: string): number {
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

  /**
   * Throws "expected X, got Y" for the item at `itemStart`. Reserved ai is
   * reported as such: it is a well-formedness error, not a type mismatch. The runtime's own.
   */
  wrongType(expected: string, path: string): never {
    const ai = this.bytes[this.itemStart]! & 31;
    if (ai >= 28 && ai <= 30) this.fail('reserved additional information', path);
    this.fail(`expected ${expected}, got ${describeItemAt(this.bytes, this.itemStart)}`, path);
  }

  /**
   * Describes the next item without consuming it (`'a map'`, `'tag 1'`,
   * `'the end of the input'`, ...), for generated "expected X or Y, got Z"
   * messages after {@link peekMajor}.
   */
  describeNext(): string {
    return describeItemAt(this.bytes, this.pos);
  }

  /** The initial byte of the next item (major type and additional information), without consuming it. */
  peekInitial(path = ''): number {
    return this.initial(path);
  }

  /** Major type (0..7) of the next item, without consuming it. */
  peekMajor(path = ''): number {
    return this.initial(path) >>> 5;
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
    const p = this.pos;
    const ib = this.bytes[p]!;
    // Fast path: major 0, value in the head byte (past the end, `ib` is undefined and goes the general way).
    if (ib < 24) {
      this.itemStart = p;
      this.pos = p + 1;
      return ib;
    }
    return this.readAnyUint(path);
  }

  /** {@link readUint} of any other head (out of line, so that readUint stays small enough to inline). */
  private readAnyUint(path: string): number | bigint {
    const ib = this.initial(path);
    this.pos++;
    if (ib >>> 5 !== 0) this.wrongType('an unsigned integer', path);
    const n = this.argument(ib & 31, path);
    if (n >= 0) return n;
    if (n === BIG) return this.bigArgument();
    return this.fail('an unsigned integer cannot have indefinite length', path);
  }

  /** Reads an integer (major 0, or major 1 meaning -1 - n): a number when safe, else a bigint. */
  readInt(path = ''): number | bigint {
    const p = this.pos;
    const ib = this.bytes[p]!;
    // Fast path, as readUint's: 0..23 in the head byte (integer map keys).
    if (ib < 24) {
      this.itemStart = p;
      this.pos = p + 1;
      return ib;
    }
    return this.readAnyInt(path);
  }

  /** {@link readInt} of any other head (out of line, so that readInt stays small enough to inline). */
  private readAnyInt(path: string): number | bigint {
    const ib = this.initial(path);
    this.pos++;
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
   * it, and copy it if the input buffer will be reused), except that every empty one is
   * the same frozen empty array; an indefinite-length one is concatenated into a fresh array.
   */
  readBytes(path = ''): Uint8Array {
    // Inline: a definite byte string of fewer than 256 bytes (a salt, a hash, a message id) that fits the input.
    const p = this.pos;
    const b = this.bytes;
    const ib = b[p]!;
    if (ib >= 0x40 && ib <= 0x58 && p + 1 < b.length) {
      const short = ib < 0x58;
      const start = short ? p + 1 : p + 2;
      const n = short ? ib - 0x40 : b[p + 1]!;
      if (n <= b.length - start) {
        this.itemStart = p;
        this.pos = start + n;
        return this.view(start, n);
      }
    }
    return this.readAnyBytes(path);
  }

  /** {@link readBytes} of any other byte string, or of what is not one (out of line, so that readBytes stays small enough to inline). */
  private readAnyBytes(path: string): Uint8Array {
    const ib = this.initial(path);
    if (ib >>> 5 !== 2) this.wrongType('a byte string', path);
    this.pos++;
    const ai = ib & 31;
    const n = ai < 24 ? ai : this.argument(ai, path);
    if (n === INDEFINITE) return readChunkedBytes(this, path);
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
   * Empty: the shared {@link EMPTY_BYTES} (MIMI content decode, 14 examples with 18 empty byte strings:
   * 98,457 → 95,086 instructions per op in callgrind).
   */
  view(start: number, n: number): Uint8Array {
    return n === 0 ? EMPTY_BYTES : new Uint8Array(this.buffer, this.base + start, n);
  }

  /** Decodes UTF-8 in [start, end), with an ASCII fast path for short strings (cbor-text.ts's {@link decodeUtf8}, written out here: as a call it cost the MIMI content decode 0.8% more instructions, 122.6 k against 121.6 k own per op in callgrind). The runtime's own. */
  utf8(start: number, end: number, path: string): string {
    if (end === start) return '';
    if (end - start <= ASCII_PATH_MAX) {
      const s = asciiText(this.bytes, start, end);
      if (s !== null) return s;
    }
    try {
      return utf8Decoder.decode(this.view(start, end - start));
    } catch (error) {
      // A TypeError for bytes that are not UTF-8 (the Encoding standard's); anything else for a text too long to hold.
      if (error instanceof TypeError) throw new DecodeError('invalid UTF-8 in text string', path, this.itemStart, 'invalid-utf8');
      return this.fail(TEXT_TOO_LONG, path);
    }
  }

  /**
   * Reads a text string (major 3), definite or indefinite length. Invalid
   * UTF-8 is an error; for indefinite strings each chunk must be valid on its
   * own (RFC 8949 §3.2.3: chunks split only at code point boundaries).
   */
  readText(path = ''): string {
    // Inline: a definite text of fewer than 256 bytes that fits the input, the empty one (a third of the MIMI
    // content examples' texts: languages left out) and one in an ASCII window at once; anything else out of line.
    const p = this.pos;
    const b = this.bytes;
    const ib = b[p]!;
    if (ib >= 0x60 && ib <= 0x78 && p + 1 < b.length) {
      const short = ib < 0x78;
      const start = short ? p + 1 : p + 2;
      const n = short ? ib - 0x60 : b[p + 1]!;
      const end = start + n;
      if (end <= b.length) {
        this.itemStart = p;
        this.pos = end;
        this.textLength = n;
        if (n === 0) return '';
        const decoded = this.window;
        if (decoded !== undefined && decoded.text !== null && start >= decoded.start && end <= decoded.end) {
          return decoded.text.substring(start - decoded.start, end - decoded.start);
        }
        return this.textAt(start, end, path);
      }
    }
    return this.readAnyText(path);
  }

  /** {@link readText} of any other text string, or of what is not one (out of line, so that readText stays small enough to inline). */
  private readAnyText(path: string): string {
    const ib = this.initial(path);
    if (ib === 0x60) {
      this.pos++;
      this.textLength = 0;
      return '';
    }
    if (ib >>> 5 !== 3) this.wrongType('a text string', path);
    this.pos++;
    const ai = ib & 31;
    const n = ai < 24 ? ai : this.argument(ai, path);
    if (n === INDEFINITE) return readChunkedText(this, path);
    const start = this.pos;
    if (n < 0 || n > this.bytes.length - start) this.eof(path);
    const end = start + n;
    this.pos = end;
    this.textLength = n;
    // No test of the ASCII window here: a window holds only texts whose heads readText reads inline, so a text
    // read here is in one only when a reset started it inside another item's bytes, and then decoding it alone
    // (textAt starts no window inside one) gives the same string.
    return this.textAt(start, end, path);
  }

  /**
   * The definite text in [start, end), not in an ASCII window: it starts one when it can
   * ({@link textWindow}; not inside a window that was not ASCII), else it is decoded alone.
   */
  private textAt(start: number, end: number, path: string): string {
    const decoded = this.window;
    if (end - start >= WINDOW_FROM && (decoded === undefined || start < decoded.start || end > decoded.end)) {
      const text = this.textWindow(start, end);
      if (text !== null) return text;
    }
    return this.utf8(start, end, path);
  }

  /**
   * The text in [start, end), when it starts a window ({@link TextWindow}), which becomes the
   * reader's: null when there is no such window, or it is not UTF-8 (the caller decodes the text
   * alone, and reports it if it is not UTF-8). A method, not a function of cbor-lookahead.ts: as
   * one, the MIMI content decode counted 102,638 instructions against 102,529 own per op (callgrind).
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

  /** Floats read for a schema that pins their width, in the order pinned (a later pin at the same offset wins): see {@link pinFloatWidths}. The runtime's own (cbor-memo.ts pins them again). */
  pinned: PinnedFloat[] | null = null;

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
    const p = this.pos;
    if (this.bytes[p] !== 0xf6) this.notNull(path);
    this.itemStart = p;
    this.pos = p + 1;
    return null;
  }

  /** Throws for the next item, which is not `null` ({@link readNull}; out of line, so that it stays small enough to inline). */
  private notNull(path: string): never {
    this.initial(path);
    return this.wrongType('null', path);
  }

  /** Reads `undefined` (0xf7). */
  readUndefined(path = ''): undefined {
    if (this.initial(path) !== 0xf7) this.wrongType('undefined', path);
    this.pos++;
    return undefined;
  }

  /** Reads a tag head (major 6) and returns the tag number; the tagged item follows. */
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

  /** Fails on exceeding maxDepth. The runtime's own. */
  tooDeep(path: string): never {
    return this.fail(`nesting deeper than the limit of ${this.maxDepth}`, path);
  }

  /**
   * Every item takes at least one byte, so a container declaring more items
   * than there are bytes left is truncated (or hostile): it is rejected up
   * front rather than letting a caller size an array from it. The runtime's own.
   */
  countTooLarge(n: number, perEntry: number, path: string): never {
    const remaining = this.bytes.length - this.pos;
    const count = n === BIG ? this.bigArgument() : n;
    return this.fail(
      `unexpected end of input: ${perEntry === 2 ? `map declares ${count} ${count === 1 ? 'entry' : 'entries'}` : `array declares ${count} ${count === 1 ? 'item' : 'items'}`}, only ${remaining} ${remaining === 1 ? 'byte remains' : 'bytes remain'}`,
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
      this.fail(`expected the end of the indefinite-length container, got ${describeItemAt(this.bytes, p)}`, path, p);
    }
    this.pos = p + 1;
  }

  /**
   * Skips one well-formed data item of any kind (nested containers,
   * indefinite lengths, tags), within the depth limit. Rejects input that is
   * not well-formed (RFC 8949 Appendix F).
   */
  skip(path = ''): void {
    skipItem(this, path, this.depth);
  }

  /** Asserts the input is fully consumed (and, with {@link DecodeOptions.deterministic}, deterministically encoded). */
  finish(path = ''): void {
    if (this.pos < this.bytes.length) this.fail('trailing bytes after the data item', path, this.pos);
    if (this.deterministic) checkDeterministic(this.bytes, 0, this.pos, this.maxDepth, this.pinned === null ? null : new Map(this.pinned.map((p) => [p.at, p.widths])));
  }
}

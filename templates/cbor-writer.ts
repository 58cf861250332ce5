/**
 * The writer generated encoders drive ({@link CborWriter}): preferred
 * serialisation, into a buffer reused between calls. Part of the runtime (see
 * runtime.ts), copied verbatim beside the generated modules.
 */
import { describeValue, EncodeError } from './cbor-errors.js';
import { bytesOfBigInt, fitsFloat32, halfBits, MAX_UINT64, TWO_32, TWO_64 } from './cbor-numbers.js';
import { notUnicodeText, utf8Encoder, wellFormedText } from './cbor-text.js';

/** Size in bytes of a head whose argument is `n`. */
export function headSize(n: number): number {
  return n < 24 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : n < TWO_32 ? 5 : 9;
}

/**
 * Texts of this many UTF-16 units or more are written by TextEncoder.encodeInto, shorter ones by a
 * loop over their characters while they are ASCII. The call costs about as much as the loop over
 * 20 to 25 characters (callgrind: 700 to 1,000 instructions a call against about 36 a character),
 * and 24 is where the head of an ASCII text grows to two bytes.
 */
const TEXT_ENCODER_FROM = 24;

/**
 * Writes the head of major type `mt` (its top three bits: `0x80` for an
 * array) with argument `n` (an integer in 0..2^64-1) into `out` at `at`, in
 * its shortest form, and returns where the head ends. The caller makes sure
 * `out` has the room ({@link headSize} bytes). (CborWriter's own `head` writes
 * the same bytes into its buffer by itself: calling this from it counted 1.3%
 * more instructions encoding the MIMI content examples.)
 */
export function headInto(out: Uint8Array, at: number, mt: number, n: number): number {
  if (n < 24) {
    out[at] = mt | n;
    return at + 1;
  }
  if (n < 0x100) {
    out[at] = mt | 24;
    out[at + 1] = n;
    return at + 2;
  }
  if (n < 0x10000) {
    out[at] = mt | 25;
    out[at + 1] = n >>> 8;
    out[at + 2] = n & 0xff;
    return at + 3;
  }
  if (n < TWO_32) {
    out[at] = mt | 26;
    out[at + 1] = n >>> 24;
    out[at + 2] = (n >>> 16) & 0xff;
    out[at + 3] = (n >>> 8) & 0xff;
    out[at + 4] = n & 0xff;
    return at + 5;
  }
  return head64Into(out, at, mt, n);
}

/** {@link headInto} for an argument of 2^32 or more (out of line, so that headInto stays small enough to inline). */
function head64Into(out: Uint8Array, at: number, mt: number, n: number): number {
  // Any integral double below 2^64 splits exactly into two 32-bit halves.
  const hi = Math.floor(n / TWO_32);
  const lo = n - hi * TWO_32;
  out[at] = mt | 27;
  out[at + 1] = hi >>> 24;
  out[at + 2] = (hi >>> 16) & 0xff;
  out[at + 3] = (hi >>> 8) & 0xff;
  out[at + 4] = hi & 0xff;
  out[at + 5] = lo >>> 24;
  out[at + 6] = (lo >>> 16) & 0xff;
  out[at + 7] = (lo >>> 8) & 0xff;
  out[at + 8] = lo & 0xff;
  return at + 9;
}

/** Throws the EncodeError of a string with a lone surrogate at `path`, which no UTF-8 text string can carry. */
export function notUnicode(s: string, path: string): never {
  throw new EncodeError([{ path, message: `expected Unicode text, got ${notUnicodeText(s)}` }]);
}

/** Fails a writer call: the emitter validates values first, so this is a programming error. */
function badArgument(what: string, v: unknown): never {
  throw new RangeError(`CborWriter: ${what}, got ${describeValue(v)}`);
}

/**
 * Appends CBOR to a growable buffer, always in preferred serialisation
 * (shortest heads, shortest exact floats). Methods do not validate schema
 * constraints; they only reject values CBOR cannot represent, with a
 * RangeError.
 */
export class CborWriter {
  private buf: Uint8Array;
  /**
   * `buf.buffer` and `buf.byteOffset`, kept beside it: {@link text} hands `encodeInto` a view made
   * on them with the constructor, cheaper than `subarray` (which looks up the species) and than the
   * `buffer` getter (a call into C++) each time.
   */
  private arrayBuffer: ArrayBufferLike;
  private base: number;
  /** A DataView over `buf`, made on first use (floats, 64-bit heads): writers made per map entry mostly never need one. */
  private dataView: DataView | null = null;
  private pos = 0;
  /** Whether {@link finish} hands the buffer back for the next {@link reusing} writer. */
  private readonly reused: boolean;
  /**
   * Views of the buffer from offset `i` to its end, by `i`, made once each for `encodeInto` ({@link viewAt}) instead
   * of a view per text (about 200 instructions and an object to collect); forgotten when the buffer grows.
   */
  private views: Uint8Array[] | undefined;

  /**
   * @param initialCapacity starting buffer size in bytes (default 256); doubles as needed.
   * @param reused give the writer back in {@link finish}, for the next {@link reusing} call to take.
   * @param buffer the buffer to start with instead (then `initialCapacity` is not used).
   */
  constructor(initialCapacity = 256, reused = false, buffer?: Uint8Array) {
    this.reused = reused;
    this.buf = buffer ?? new Uint8Array(initialCapacity > 16 ? Math.ceil(initialCapacity) : 16);
    this.arrayBuffer = this.buf.buffer;
    this.base = this.buf.byteOffset;
  }

  /** The DataView over the current buffer. */
  private get view(): DataView {
    return (this.dataView ??= new DataView(this.arrayBuffer, this.base));
  }

  /**
   * A writer on the buffer the last one finished with (one spare for the
   * whole program, taken while in use, so a writer made meanwhile gets its
   * own): generated `encodeX` functions use it, so that encoding values of a
   * size seen before allocates only the result. Call {@link finish} once, and
   * do not write after it.
   */
  static reusing(): CborWriter {
    // The whole writer is kept, not only its buffer: an encode then allocates nothing but its result.
    const spare = spareWriter;
    if (spare === null) return new CborWriter(256, true);
    spareWriter = null;
    spare.pos = 0;
    return spare;
  }

  /** Number of bytes written so far. */
  get length(): number {
    return this.pos;
  }

  /**
   * Makes room for `n` more bytes and returns the buffer to write them into,
   * from {@link length} on (before it are the bytes written so far);
   * {@link advanceTo} then keeps what was written.
   * Generated writers of small fixed records write their bytes this way, with
   * one bounds check for the whole record. (The buffer changes when it grows:
   * use the one returned, and only until the next write.)
   */
  room(n: number): Uint8Array {
    this.ensure(n);
    return this.buf;
  }

  /** Keeps the bytes written into {@link room} up to offset `end` (at most the room made). */
  advanceTo(end: number): void {
    this.pos = end;
  }

  /** Makes room for `n` more bytes. */
  private ensure(n: number): void {
    if (this.pos + n > this.buf.length) this.grow(n);
  }

  /**
   * Reallocates (out of line, so `ensure` stays small enough to inline): twice the size, or more if needed, or
   * exactly what is needed when the engine refuses that. An EncodeError when it refuses that too (above 2^32 bytes in
   * Node 20, or out of memory), not the engine's RangeError: a value can stand for a data item far larger than itself
   * (one object in many places).
   */
  private grow(n: number): void {
    const needed = this.pos + n;
    let cap = this.buf.length * 2;
    while (cap < needed) cap *= 2;
    const next = allocated(cap) ?? allocated(needed) ?? encodingTooLong(needed);
    next.set(this.buf); // whole buffer: text() writes past pos before committing
    this.buf = next;
    this.arrayBuffer = next.buffer;
    this.base = 0;
    this.dataView = null;
    this.views = undefined;
  }

  /**
   * A view of the buffer from offset `at` to its end, for `encodeInto`, which writes from the view's start and no
   * more than the text's UTF-8 (the caller made the room). Kept for the next text there, up to 1,024 views (about
   * 70 KB) per writer, in an array made at its full length (grown by stores, V8 may make it a dictionary).
   */
  private viewAt(at: number): Uint8Array {
    const views = (this.views ??= new Array<Uint8Array>(Math.min(this.buf.length, 1024)));
    let view = views[at];
    if (view === undefined) {
      view = new Uint8Array(this.arrayBuffer, this.base + at);
      if (at < views.length) views[at] = view;
    }
    return view;
  }

  /**
   * Writes a head: `mt` is the major type already shifted (major << 5), `n`
   * a non-negative integer below 2^64 held exactly in a double.
   */
  private head(mt: number, n: number): void {
    this.ensure(9);
    const b = this.buf;
    const p = this.pos;
    if (n < 24) {
      b[p] = mt | n;
      this.pos = p + 1;
    } else if (n < 0x100) {
      b[p] = mt | 24;
      b[p + 1] = n;
      this.pos = p + 2;
    } else if (n < 0x10000) {
      b[p] = mt | 25;
      b[p + 1] = n >>> 8;
      b[p + 2] = n & 0xff;
      this.pos = p + 3;
    } else if (n < TWO_32) {
      b[p] = mt | 26;
      b[p + 1] = n >>> 24;
      b[p + 2] = (n >>> 16) & 0xff;
      b[p + 3] = (n >>> 8) & 0xff;
      b[p + 4] = n & 0xff;
      this.pos = p + 5;
    } else {
      // Any integral double below 2^64 splits exactly into two 32-bit halves.
      const hi = Math.floor(n / TWO_32);
      b[p] = mt | 27;
      this.view.setUint32(p + 1, hi);
      this.view.setUint32(p + 5, n - hi * TWO_32);
      this.pos = p + 9;
    }
  }

  /** Writes a head with a bigint argument in 0..2^64-1 (range checked by callers). */
  private bigHead(mt: number, n: bigint): void {
    if (n <= 0x1fffffffffffffn) {
      this.head(mt, Number(n));
      return;
    }
    this.ensure(9);
    this.buf[this.pos] = mt | 27;
    this.view.setBigUint64(this.pos + 1, n);
    this.pos += 9;
  }

  /** Writes an unsigned integer (major 0), 0..2^64-1, shortest head. */
  uint(n: number | bigint): void {
    if (typeof n === 'number') {
      // The one-byte head (0..23, most enumerations and counts) first: `n >>> 0 === n` only for integers in 0..2^32-1.
      if (n < 24 && n >>> 0 === n) {
        this.ensure(1);
        this.buf[this.pos++] = n;
        return;
      }
      if (n >= 0 && n < TWO_64 && Number.isInteger(n)) this.head(0x00, n);
      else badArgument('uint() needs an integer in 0..2^64-1', n);
    } else if (typeof n === 'bigint' && n >= 0n && n <= MAX_UINT64) {
      this.bigHead(0x00, n);
    } else {
      badArgument('uint() needs an integer in 0..2^64-1', n);
    }
  }

  /** Writes an integer, -2^64..2^64-1: major 0 if non-negative, else major 1 carrying -1 - n. */
  /**
   * An integer of any size in preferred serialisation (RFC 8949 §3.4.3): a
   * plain integer when it fits in 64 bits, else a bignum (tag 2 or 3) with
   * the magnitude's bytes and no leading zeros.
   */
  bigInt(n: number | bigint): void {
    const v = BigInt(n);
    if (v >= -(2n ** 64n) && v < 2n ** 64n) {
      this.int(v);
      return;
    }
    this.tag(v >= 0n ? 2 : 3);
    this.bytes(bytesOfBigInt(v >= 0n ? v : -1n - v));
  }

  int(n: number | bigint): void {
    if (typeof n === 'number') {
      // The one-byte head of 0..23 first (fixed integer keys), as in uint.
      if (n < 24 && n >>> 0 === n) {
        this.ensure(1);
        this.buf[this.pos++] = n;
        return;
      }
      if (!Number.isInteger(n) || n < -TWO_64 || n >= TWO_64) badArgument('int() needs an integer in -2^64..2^64-1', n);
      if (n >= 0) this.head(0x00, n);
      // -1 - n is exact in a double only while n is safe; beyond, go via bigint.
      else if (n >= -Number.MAX_SAFE_INTEGER) this.head(0x20, -1 - n);
      else this.bigHead(0x20, -1n - BigInt(n));
    } else if (typeof n === 'bigint' && n >= -MAX_UINT64 - 1n && n <= MAX_UINT64) {
      if (n >= 0n) this.bigHead(0x00, n);
      else this.bigHead(0x20, -1n - n);
    } else {
      badArgument('int() needs an integer in -2^64..2^64-1', n);
    }
  }

  /** Writes a definite-length byte string (major 2). */
  bytes(b: Uint8Array): void {
    const n = b.length;
    this.head(0x40, n);
    // An empty byte string is its head alone (a third of the MIMI content examples' byte strings): no call of `set`.
    if (n > 0) this.copy(b, n);
  }

  /** Appends `n` bytes of `src`. */
  private copy(src: Uint8Array, n: number): void {
    this.ensure(n);
    this.buf.set(src, this.pos);
    this.pos += n;
  }

  /**
   * Writes a definite-length text string (major 3) as UTF-8.
   * @throws EncodeError for a string with a lone surrogate, which UTF-8 cannot carry (TextEncoder would write
   *   U+FFFD, another text), at the root: the guards refuse it first, so generated encoders report it with its path.
   *   (No `path` parameter: a second, default parameter counted 0.5% more instructions on MIMI content encode.)
   */
  text(s: string): void {
    const len = s.length;
    if (len < TEXT_ENCODER_FROM) {
      // Short text, one byte per character while it is ASCII: the head (one byte) is known before
      // the characters are written. Bail out at the first character that is not ASCII.
      this.ensure(1 + len);
      const b = this.buf;
      const start = this.pos + 1;
      let i = 0;
      for (; i < len; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        b[start + i] = c;
      }
      if (i === len) {
        b[this.pos] = 0x60 | len;
        this.pos = start + len;
        return;
      }
    }
    // TextEncoder: UTF-8 takes len to 3·len bytes. The text goes after a head sized for len bytes (all
    // ASCII, the usual case); if it came out longer and its length needs a longer head, it moves up.
    const max = len * 3;
    const guess = headSize(len);
    this.ensure(headSize(max) + max + 9);
    const start = this.pos + guess;
    const written = utf8Encoder.encodeInto(s, this.viewAt(start)).written;
    // A lone surrogate came out as U+FFFD: refused, not written (nothing is committed before `pos` moves). As many
    // bytes as units is all ASCII, so only other text is tested (guards have refused such text already; one call).
    if (written !== len && !wellFormedText(s)) notUnicode(s, '');
    const actual = headSize(written);
    if (actual !== guess) this.buf.copyWithin(this.pos + actual, start, start + written);
    this.head(0x60, written);
    this.pos += written;
  }

  /**
   * Writes two map entries whose keys are integers in 0..23 and whose values are texts, as `int(k1)`,
   * `text(s1)`, `int(k2)`, `text(s2)` do (the same bytes). Two texts of 24 to 127 units each, all ASCII
   * (two URIs), have their heads written at once and each text one TextEncoder call into a kept view
   * ({@link viewAt}). (Joining them into one call, with the second key and head as characters, counted a
   * little more once views were kept (callgrind, own: 116,797 against 116,579 per op of 14 such pairs), and
   * the joined and flattened strings were most of what encoding the MIMI content examples allocated: twice
   * the scavenges.)
   * Other texts, or a call that finds a character beyond ASCII (or a lone surrogate), go the four calls' way:
   * what the calls wrote is past the end, and written over.
   */
  keyedTexts(k1: number, s1: string, k2: number, s2: string): void {
    const l1 = s1.length;
    const l2 = s2.length;
    if (l1 >= TEXT_ENCODER_FROM && l1 < 0x80 && l2 >= TEXT_ENCODER_FROM && l2 < 0x80 && k1 >>> 0 === k1 && k1 < 24 && k2 >>> 0 === k2 && k2 < 24) {
      // Room for any UTF-8 of both texts (3 bytes a unit at most), so that encodeInto reads each whole (and takes
      // its faster way, capacity enough): bytes past what it should write are past the end, written over later.
      this.ensure(12 + 3 * (l1 + l2));
      const b = this.buf;
      const p = this.pos;
      b[p] = k1;
      b[p + 1] = 0x78;
      b[p + 2] = l1;
      const q = p + 3 + l1;
      b[q] = k2;
      b[q + 1] = 0x78;
      b[q + 2] = l2;
      // As many bytes as units: all ASCII, one byte each (and the second head, after the first text, kept).
      if (utf8Encoder.encodeInto(s1, this.viewAt(p + 3)).written === l1 && utf8Encoder.encodeInto(s2, this.viewAt(q + 3)).written === l2) {
        this.pos = q + 3 + l2;
        return;
      }
    }
    this.keyedTextsApart(k1, s1, k2, s2);
  }

  /** {@link keyedTexts} call by call (out of line, so that keyedTexts stays small enough to inline). */
  private keyedTextsApart(k1: number, s1: string, k2: number, s2: string): void {
    this.int(k1);
    this.text(s1);
    this.int(k2);
    this.text(s2);
  }

  /** Writes a definite-length array head (major 4) for `n` items. */
  arrayHeader(n: number): void {
    if (n < 24 && n >>> 0 === n) {
      this.ensure(1);
      this.buf[this.pos++] = 0x80 | n;
      return;
    }
    if (!(n >= 0 && Number.isSafeInteger(n))) badArgument('arrayHeader() needs a non-negative integer', n);
    this.head(0x80, n);
  }

  /** Writes a definite-length map head (major 5) for `n` key/value pairs. */
  mapHeader(n: number): void {
    if (!(n >= 0 && Number.isSafeInteger(n))) badArgument('mapHeader() needs a non-negative integer', n);
    this.head(0xa0, n);
  }

  /** Writes a tag head (major 6); the tagged item must be written next. */
  tag(n: number | bigint): void {
    if (typeof n === 'number') {
      if (n >= 0 && n < TWO_64 && Number.isInteger(n)) this.head(0xc0, n);
      else badArgument('tag() needs an integer in 0..2^64-1', n);
    } else if (typeof n === 'bigint' && n >= 0n && n <= MAX_UINT64) {
      this.bigHead(0xc0, n);
    } else {
      badArgument('tag() needs an integer in 0..2^64-1', n);
    }
  }

  /** Writes `true` (0xf5) or `false` (0xf4). */
  bool(b: boolean): void {
    this.ensure(1);
    this.buf[this.pos++] = b ? 0xf5 : 0xf4;
  }

  /** Writes `null` (0xf6). */
  null(): void {
    this.ensure(1);
    this.buf[this.pos++] = 0xf6;
  }

  /** Writes `undefined` (0xf7). */
  undefined(): void {
    this.ensure(1);
    this.buf[this.pos++] = 0xf7;
  }

  /** Writes simple value `n`: 0..23 in the head, 32..255 in a following byte (24..31 are not valid). */
  simple(n: number): void {
    if (!Number.isInteger(n) || n < 0 || n > 255 || (n >= 24 && n < 32)) {
      badArgument('simple() needs an integer in 0..23 or 32..255', n);
    }
    this.head(0xe0, n);
  }

  /**
   * Writes a float in preferred serialisation (RFC 8949 §4.2.2): the
   * shortest of binary16/32/64 that holds `n` exactly; NaN as f97e00,
   * ±Infinity as binary16. Integral values stay floats (1.0 → f93c00).
   */
  float(n: number): void {
    const h = halfBits(n);
    if (h >= 0) this.half(h);
    else if (Math.fround(n) === n) this.float32(n);
    else this.float64(n);
  }

  /** Writes binary16 bits. */
  private half(h: number): void {
    this.ensure(3);
    const b = this.buf;
    const p = this.pos;
    b[p] = 0xf9;
    b[p + 1] = h >>> 8;
    b[p + 2] = h & 0xff;
    this.pos = p + 3;
  }

  /** Writes `n` as binary16 (f9); RangeError unless exactly representable (see {@link fitsFloat16}). */
  float16(n: number): void {
    const h = halfBits(n);
    if (h < 0) badArgument('float16() needs a value exactly representable as binary16', n);
    this.half(h);
  }

  /** Writes `n` as binary32 (fa); RangeError unless exactly representable (see {@link fitsFloat32}). */
  float32(n: number): void {
    if (!fitsFloat32(n)) badArgument('float32() needs a value exactly representable as binary32', n);
    this.ensure(5);
    this.buf[this.pos] = 0xfa;
    this.view.setFloat32(this.pos + 1, n);
    this.pos += 5;
  }

  /** Writes `n` as binary64 (fb). */
  float64(n: number): void {
    this.ensure(9);
    this.buf[this.pos] = 0xfb;
    this.view.setFloat64(this.pos + 1, n);
    this.pos += 9;
  }

  /** Appends pre-encoded CBOR verbatim (not checked). */
  raw(encoded: Uint8Array): void {
    this.copy(encoded, encoded.length);
  }

  /** Returns a fresh Uint8Array holding exactly the bytes written (the writer may keep being used, unless it came from {@link reusing}). */
  finish(): Uint8Array {
    let result: Uint8Array;
    try {
      result = this.buf.slice(0, this.pos);
    } catch {
      // No memory for a second buffer that large: an EncodeError, not the engine's RangeError.
      return encodingTooLong(this.pos);
    }
    this.discard();
    return result;
  }

  /** Ends a writer from {@link reusing} without a result (what was written is dropped): the next {@link reusing} call takes it. */
  discard(): void {
    if (this.reused && this.buf.length <= SPARE_LIMIT) spareWriter = this;
  }
}

/** Throws the EncodeError for an encoding of at least `needed` bytes, more than the engine gives in one buffer. */
export function encodingTooLong(needed: number): never {
  throw new EncodeError([{ path: '', message: `the encoding needs ${needed} bytes or more, and the engine gives no buffer that large` }]);
}

/** A zero-filled array of `n` bytes, or undefined where the engine refuses one that large. */
export function allocated(n: number): Uint8Array | undefined {
  try {
    return new Uint8Array(n);
  } catch {
    return undefined;
  }
}

/** The writer {@link CborWriter.reusing} hands out next, or null while one is in use. */
let spareWriter: CborWriter | null = null;
/** Buffers larger than this are not kept: one huge value should not hold its memory for good. */
const SPARE_LIMIT = 1 << 20;

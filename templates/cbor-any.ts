/**
 * Values the schema leaves open (`any`, unknown extension content). A
 * {@link CborAny} keeps the data item's encoding exactly as read (a view into
 * the input, no copy) and gives its value as plain data ({@link CborValue}),
 * read by the runtime's own reader on first use. Encoders write it
 * deterministically (RFC 8949 §4.2.1), whatever head lengths, indefinite
 * lengths or key order the sender used.
 *
 * Emitted next to a generated module only when its schema uses `any`; like
 * runtime.ts it needs nothing else at run time.
 */
import { bigIntFromBytes, CborReader, CborWriter, EncodeError, compareBytes, describeValue, isBytes, isDecodeError, isDeterministic, notUnicode, type DecodeOptions, readRaw, readSimple, wellFormedText } from './runtime.js';

/**
 * The value of a CBOR data item, as plain data that round-trips: writing it
 * gives the same data item, deterministically encoded.
 *
 * - integers (major types 0 and 1): a number when it is a safe integer
 *   (-(2^53 - 1) … 2^53 - 1), else a bigint;
 * - byte strings: Uint8Array (a view into the input, unless the string came
 *   in chunks); text strings: string, or {@link CborInvalidText} for bytes
 *   that are not UTF-8 (accepted unless `strictAny`);
 * - arrays: CborValue[]; maps: {@link CborMap} (pairs in the order read, keys
 *   of any kind); tags: {@link CborTagged} (tags 28 and 29 too: no shared
 *   references are resolved, so a value never has cycles);
 * - floats: {@link CborFloat}, never a bare number, so 1.0 stays a float;
 * - false, true, null, undefined: themselves; other simple values:
 *   {@link CborSimple};
 * - in what a general rule's decoder returns, a {@link CborAny} for an item
 *   whose head the schema fixes (`#0.24`, RFC 8610 §2.2.3) and which came in
 *   a head deterministic encoding would not write (`18 14`, 20 in a one-byte
 *   argument): the item as read, whose value is {@link contentOf}.
 */
export type CborValue = number | bigint | string | Uint8Array | boolean | null | undefined | CborValue[] | CborMap | CborTagged | CborFloat | CborSimple | CborInvalidText | CborAny;

/** A map: its key/value pairs in the order read (or given), keys of any kind. */
export class CborMap {
  readonly entries: readonly (readonly [CborValue, CborValue])[];

  /** @param entries the pairs, e.g. a JavaScript Map or an array of [key, value] */
  constructor(entries: Iterable<readonly [CborValue, CborValue]>) {
    this.entries = Array.from(entries);
  }

  /** Number of pairs. */
  get size(): number {
    return this.entries.length;
  }

  /** The value of the first pair whose key is the same data item as `key` (1 and 1n match; 1 and 1.0 do not). */
  get(key: CborValue): CborValue | undefined {
    const wanted = encodeValue(key, Infinity);
    for (const [k, v] of this.entries) if (compareBytes(encodeValue(k, Infinity), wanted) === 0) return v;
    return undefined;
  }
}

/** A tagged data item (major type 6): the tag number and the item it tags. */
export class CborTagged {
  readonly tag: number | bigint;
  readonly value: CborValue;

  constructor(tag: number | bigint, value: CborValue) {
    this.tag = tag;
    this.value = value;
  }
}

/** A simple value other than false, true, null and undefined: 0..19 or 32..255. */
export class CborSimple {
  readonly value: number;

  constructor(value: number) {
    this.value = value;
  }
}

/** A text string whose bytes are not valid UTF-8: kept as those bytes, so it round-trips. */
export class CborInvalidText {
  readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
}

/**
 * A floating-point number. It is written in the shortest width that holds
 * its value exactly (RFC 8949 §4.2.1), so `width` tells how it was read and
 * changes nothing: a binary64 1.5 is written as binary16, the same data item.
 */
export class CborFloat {
  /** The number (NaN for every NaN). */
  readonly value: number;
  /** Width in bits it was read with; for one made here, at least the shortest that holds `value`. */
  readonly width: 16 | 32 | 64;
  /**
   * For a NaN, its sign and payload as a binary64 bit pattern (a binary16 or
   * binary32 NaN widened by zero bits on the right, RFC 8949 §4.1), so that a
   * NaN with a payload round-trips; null for every other value.
   */
  readonly nanBits: bigint | null;

  /**
   * @param value the number
   * @param width the width it came in (default: the shortest exact one)
   * @param nanBits for a NaN with a payload or a sign, its binary64 bits (default: the quiet NaN, 0x7ff8000000000000)
   */
  constructor(value: number, width?: 16 | 32 | 64, nanBits?: bigint) {
    this.value = value;
    this.nanBits = value !== value ? (nanBits !== undefined && isNaNPattern(nanBits) ? nanBits : QUIET_NAN) : null;
    const shortest = this.nanBits !== null ? nanWidth(this.nanBits) : shortestWidth(value);
    this.width = width !== undefined && width > shortest ? width : shortest;
  }
}

/** The binary64 bits of the NaN that RFC 8949 §4.2.2 suggests (0xf97e00 once written). */
const QUIET_NAN = 0x7ff8000000000000n;
/** The lowest 42 (29) bits of a binary64 significand: what binary16 (binary32) lacks. */
const BELOW_HALF = (1n << 42n) - 1n;
const BELOW_SINGLE = (1n << 29n) - 1n;

/** True for the binary64 bit pattern of a NaN: exponent all ones, significand not zero. */
function isNaNPattern(bits: bigint): boolean {
  return bits >= 0n && bits <= 0xffffffffffffffffn && ((bits >> 52n) & 0x7ffn) === 0x7ffn && (bits & 0xfffffffffffffn) !== 0n;
}

/** The shortest float width that holds `n` exactly. */
function shortestWidth(n: number): 16 | 32 | 64 {
  const writer = new CborWriter(16);
  writer.float(n);
  return writer.length === 3 ? 16 : writer.length === 5 ? 32 : 64;
}

/** The shortest width whose NaN, padded with zero bits, is the NaN `bits` (RFC 8949 §4.1). */
function nanWidth(bits: bigint): 16 | 32 | 64 {
  return (bits & BELOW_HALF) === 0n ? 16 : (bits & BELOW_SINGLE) === 0n ? 32 : 64;
}

/** Nesting accepted by {@link CborAny.of}: the decoders' default depth limit. */
const MAX_DEPTH = 256;

/** A CborAny of bytes already read as one data item (readKeepingHeads'): the constructor stays the class's own. */
let keptItem: (encoded: Uint8Array) => CborAny;

/** One CBOR data item the schema does not describe: its encoding, and its value. */
export class CborAny {
  /** The encoded data item, exactly as read (a view into the decoder's input), or as {@link CborAny.of} wrote it. */
  readonly encoded: Uint8Array;

  private constructor(encoded: Uint8Array) {
    this.encoded = encoded;
  }

  static {
    keptItem = (encoded) => new CborAny(encoded);
  }

  /**
   * Wraps the encoding of exactly one well-formed data item; throws
   * DecodeError otherwise (and, with `options`, for what they reject).
   */
  static fromEncoded(encoded: Uint8Array, options?: DecodeOptions): CborAny {
    const reader = new CborReader(encoded, options);
    const value = CborAny.fromReader(reader, '');
    reader.finish('');
    return value;
  }

  /**
   * The next data item of `reader`, as a view of its bytes (no copy). With
   * the reader's `strictAny`, its value is read now and checked for validity
   * (RFC 8949 §5.3.1: no repeated map keys, UTF-8 text).
   */
  static fromReader(reader: CborReader, path: string): CborAny {
    if (!reader.strictAny) return new CborAny(readRaw(reader, path));
    // Skipped first: well-formed and within the depth limit before anything is built.
    const start = reader.pos;
    const mark = reader.mark();
    reader.skip(path);
    reader.reset(mark);
    const value = readValue(reader, true, path);
    const result = new CborAny(new Uint8Array(reader.bytes.buffer, reader.bytes.byteOffset + start, reader.pos - start));
    knownValues.set(result, value);
    reader.itemStart = start;
    return result;
  }

  /**
   * Encodes a value deterministically. Numbers that are safe integers become
   * integers and other numbers floats (as `new CborFloat(n)`); bigints
   * beyond 64 bits become bignums (tag 2 or 3).
   *
   * @throws EncodeError for what is not a {@link CborValue}, for a string
   *   with a lone surrogate (which no UTF-8 text string can carry), and for
   *   nesting deeper than 256 (a cyclic value included)
   */
  static of(value: CborValue): CborAny {
    const encoded = encodeValue(value, MAX_DEPTH);
    const result = new CborAny(encoded);
    deterministicEncodings.set(result, encoded);
    return result;
  }

  /** The value, read from {@link encoded} on first use; never throws. */
  get value(): CborValue {
    if (knownValues.has(this)) return knownValues.get(this);
    // The bytes were accepted within a depth limit already: no second limit applies.
    const value = readValue(new CborReader(this.encoded, { maxDepth: Number.MAX_SAFE_INTEGER }), false, '');
    knownValues.set(this, value);
    return value;
  }

  /** The data item deterministically encoded (RFC 8949 §4.2.1): {@link encoded} itself when it already is. Encoders write this. */
  get deterministic(): Uint8Array {
    let encoded = deterministicEncodings.get(this);
    if (encoded === undefined) {
      encoded = deterministicEncoding(this.encoded, knownValues.has(this) ? knownValues.get(this) : undefined);
      deterministicEncodings.set(this, encoded);
    }
    return encoded;
  }
}

/**
 * What a CborAny has worked out, kept outside it so that its only own
 * property is `encoded`: two CborAny of the same bytes are equal to deep
 * comparisons whether or not their value has been read.
 */
const knownValues = new WeakMap<CborAny, CborValue>();
const deterministicEncodings = new WeakMap<CborAny, Uint8Array>();

/** The deterministic encoding of the well-formed item `encoded` (whose value is `value`, when known). */
function deterministicEncoding(encoded: Uint8Array, value?: CborValue): Uint8Array {
  if (isDeterministic(encoded, Number.MAX_SAFE_INTEGER)) return encoded;
  const read = value === undefined ? readValue(new CborReader(encoded, { maxDepth: Number.MAX_SAFE_INTEGER }), false, '') : value;
  return encodeValue(read, Infinity);
}

/**
 * Writes a value of `any` deterministically: what generated encoders call.
 * (A CborAny-shaped object from another copy of the generated code is
 * re-encoded from its bytes.)
 */
export function writeCborAny(writer: CborWriter, value: CborAny): void {
  writer.raw(value instanceof CborAny ? value.deterministic : deterministicEncoding((value as { encoded: Uint8Array }).encoded));
}

/**
 * True for a CborAny whose data item has major type `major` (and, when given,
 * additional information `ai`, and the simple value `simple` in the byte after
 * the head): what `#5`, `#0.24` or `#7.40` allow.
 */
export function isCborAnyOf(value: unknown, major: number, ai?: number, simple?: number): value is CborAny {
  if (!isCborAny(value)) return false;
  const initial = value.encoded[0] as number;
  return initial >> 5 === major && (ai === undefined || (initial & 31) === ai) && (simple === undefined || value.encoded[1] === simple);
}

/**
 * True for a CborAny. An object of the same shape from another copy of the
 * generated code passes too, once its bytes prove to be one well-formed data item.
 */
export function isCborAny(value: unknown): value is CborAny {
  if (value instanceof CborAny) return true;
  if (typeof value !== 'object' || value === null) return false;
  const encoded = (value as { encoded?: unknown }).encoded;
  if (!isBytes(encoded) || encoded.length === 0) return false;
  try {
    CborAny.fromEncoded(encoded);
    return true;
  } catch (error) {
    if (isDecodeError(error)) return false;
    throw error;
  }
}

/** The levels each CborAny's data item nests, found once (see {@link anyFits}). */
const nestings = new WeakMap<object, number>();

/**
 * True when `value`, a CborAny standing at nesting level `depth` of a value a guard checks, keeps within the
 * decoders' one limit: its arrays, maps and tags nest at most MAX_DEPTH − `depth` levels. A CborAny is within the
 * limit on its own (CborAny.of and the decoders see to it); inside other arrays it may not be, and then the
 * decoder would refuse what an encoder wrote.
 */
export function anyFits(value: CborAny, depth: number): boolean {
  let levels = nestings.get(value);
  if (levels === undefined) {
    // The fewest levels the item can be skipped within: at most log2(MAX_DEPTH) + 1 walks of its bytes, once.
    let fewest = 0;
    let most = MAX_DEPTH;
    while (fewest < most) {
      const middle = (fewest + most) >>> 1;
      if (skipsWithin(value.encoded, middle)) most = middle;
      else fewest = middle + 1;
    }
    nestings.set(value, (levels = fewest));
  }
  return depth + levels <= MAX_DEPTH;
}

/** Whether the one data item `encoded` holds nests at most `maxDepth` levels. */
function skipsWithin(encoded: Uint8Array, maxDepth: number): boolean {
  try {
    new CborReader(encoded, { maxDepth }).skip('');
    return true;
  } catch (error) {
    if (isDecodeError(error)) return false;
    throw error;
  }
}

// ---------------------------------------------------------------------------
// Reading values
// ---------------------------------------------------------------------------

/**
 * Reads the next data item as a {@link CborValue}. `strict`: repeated map
 * keys and text that is not UTF-8 are DecodeErrors; otherwise both are kept
 * (the latter as {@link CborInvalidText}). `readItem` reads the items
 * inside it: readValue itself, or {@link readKeepingHeads}. The item is known
 * to be well-formed and within the depth limit (skipped before), so recursion
 * is bounded and only `strict` finds fault.
 */
function readValue(reader: CborReader, strict: boolean, path: string, readItem: ReadItem = readValue): CborValue {
  const start = reader.pos;
  const initial = reader.peekInitial(path);
  switch (initial >>> 5) {
    case 0:
    case 1:
      return reader.readInt(path);
    case 2:
      return reader.readBytes(path);
    case 3:
      return strict ? reader.readText(path) : readLenientText(reader, path);
    case 4: {
      const count = reader.readArrayHeader(path);
      const items: CborValue[] = [];
      for (let i = 0; reader.hasMoreItems(count, i, path); i++) items.push(readItem(reader, strict, path));
      reader.endContainer(count, path);
      return items;
    }
    case 5: {
      const count = reader.readMapHeader(path);
      const entries: [CborValue, CborValue][] = [];
      const seen = strict ? new Set<string>() : null;
      for (let i = 0; reader.hasMoreItems(count, i, path); i++) {
        const keyStart = reader.pos;
        const key = readItem(reader, strict, path);
        if (seen !== null) {
          const id = latin1(encodeValue(key, Infinity));
          if (seen.has(id)) reader.fail('a map key that repeats (invalid CBOR, RFC 8949 §5.3.1)', path, keyStart);
          seen.add(id);
        }
        entries.push([key, readItem(reader, strict, path)]);
      }
      reader.endContainer(count, path);
      return new CborMap(entries);
    }
    case 6: {
      const tag = reader.readTag(path);
      reader.enterTag(path);
      const value = new CborTagged(tag, readItem(reader, strict, path));
      reader.leaveTag();
      reader.itemStart = start;
      return value;
    }
    default:
      switch (initial) {
        case 0xf4:
        case 0xf5:
          return reader.readBool(path);
        case 0xf6:
          return reader.readNull(path);
        case 0xf7:
          return reader.readUndefined(path);
        case 0xf9:
        case 0xfa:
        case 0xfb: {
          const width = reader.readFloatWidth(path);
          const value = reader.readFloat(path);
          return new CborFloat(value, width, value !== value ? nanBitsAt(reader.bytes, start) : undefined);
        }
        default:
          return new CborSimple(readSimple(reader, path));
      }
  }
}

/**
 * Reads the next data item as a {@link CborValue}: first skipped, so that it
 * is well-formed and within the reader's depth limit before anything is
 * built; with the reader's `strictAny`, repeated map keys and text that is
 * not UTF-8 are DecodeErrors. What the general matcher's decoders read.
 * `keepHeads`: each item (itself included) whose head deterministic encoding
 * would not write is kept as read, a {@link CborAny}, for a head the schema
 * fixes to be matched and written back (the matcher settles the others).
 */
export function readCborValue(reader: CborReader, path = '', keepHeads = false): CborValue {
  const start = reader.pos;
  const mark = reader.mark();
  reader.skip(path);
  reader.reset(mark);
  const value = (keepHeads ? readKeepingHeads : readValue)(reader, reader.strictAny, path);
  reader.itemStart = start;
  return value;
}

/** How {@link readValue} reads the items inside an array, map or tag. */
type ReadItem = (reader: CborReader, strict: boolean, path: string) => CborValue;

/**
 * The next item's value (see {@link readValue}), the heads inside it kept; one
 * whose own head is longer than its argument needs, or of indefinite length,
 * is a {@link CborAny} of its bytes instead, its value known to
 * {@link contentOf}. Such heads are what `#0.24` or `#2.31` fix (RFC 8610
 * §2.2.3), and what deterministic encoding would change.
 */
function readKeepingHeads(reader: CborReader, strict: boolean, path: string): CborValue {
  const start = reader.pos;
  const value = readValue(reader, strict, path, readKeepingHeads);
  if (preferredHead(reader.bytes, start)) return value;
  const kept = keptItem(reader.bytes.subarray(start, reader.pos));
  contents.set(kept, value);
  return kept;
}

/**
 * Whether the head at `start` is the one deterministic encoding writes (RFC 8949 §4.2.1): a definite length, in
 * the fewest bytes. Major type 7 always is (a float's width is kept by {@link CborFloat}; `f8` is only followed by
 * 32..255, RFC 8949 §3.3).
 */
function preferredHead(bytes: Uint8Array, start: number): boolean {
  const initial = bytes[start]!;
  const ai = initial & 31;
  if (initial >>> 5 === 7 || ai < 24) return true;
  if (ai === 31) return false;
  let argument = 0n;
  for (let i = 1; i <= 1 << (ai - 24); i++) argument = (argument << 8n) | BigInt(bytes[start + i]!);
  // A one-byte argument is needed from 24 on; a wider one from past what the next narrower one holds.
  return argument >= (ai === 24 ? 24n : 1n << BigInt(4 << (ai - 24)));
}

/** The values of the items {@link readKeepingHeads} kept as read. */
const contents = new WeakMap<CborAny, CborValue>();

/**
 * The value of a data item kept with its head: read from its bytes once, with the heads inside it kept too (a
 * `#0.24` inside a `#4.24`); never throws.
 */
export function contentOf(item: CborAny): CborValue {
  let value = contents.get(item);
  if (value === undefined && !contents.has(item)) {
    // The bytes were accepted within a depth limit already: no second limit applies.
    value = readValue(new CborReader(item.encoded, { maxDepth: Number.MAX_SAFE_INTEGER }), false, '', readKeepingHeads);
    contents.set(item, value);
  }
  return value;
}

/** The bytes as a string, one character per byte: an identity for a Set. */
function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** A text string; one whose bytes are not UTF-8 becomes a {@link CborInvalidText} instead of an error. */
function readLenientText(reader: CborReader, path: string): string | CborInvalidText {
  const mark = reader.mark();
  try {
    return reader.readText(path);
  } catch (error) {
    if (!isDecodeError(error)) throw error;
    reader.reset(mark);
    return new CborInvalidText(stringPayload(readRaw(reader, path)));
  }
}

/** The content bytes of the well-formed string item `raw` (its chunks joined when of indefinite length). */
function stringPayload(raw: Uint8Array): Uint8Array {
  let pos = 0;
  const head = (): number => {
    const ai = raw[pos++]! & 31;
    if (ai < 24) return ai;
    let n = 0;
    for (let i = 1 << (ai - 24); i > 0; i--) n = n * 256 + raw[pos++]!;
    return n;
  };
  if ((raw[0]! & 31) !== 31) {
    const n = head();
    return raw.subarray(pos, pos + n);
  }
  pos = 1;
  const chunks: Uint8Array[] = [];
  while (raw[pos] !== 0xff) {
    const n = head();
    chunks.push(raw.subarray(pos, pos + n));
    pos += n;
  }
  const out = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** The binary64 bit pattern of the NaN encoded at `start` (f9, fa or fb), narrower ones padded with zero bits. */
function nanBitsAt(bytes: Uint8Array, start: number): bigint {
  const initial = bytes[start]!;
  let bits = 0n;
  const width = initial === 0xf9 ? 2 : initial === 0xfa ? 4 : 8;
  for (let i = 1; i <= width; i++) bits = (bits << 8n) | BigInt(bytes[start + i]!);
  if (width === 8) return bits;
  // Sign, then the exponent (all ones for a NaN), then the significand padded on the right.
  const significandBits = width === 2 ? 10n : 23n;
  const sign = bits >> (significandBits + (width === 2 ? 5n : 8n));
  const significand = bits & ((1n << significandBits) - 1n);
  return (sign << 63n) | (0x7ffn << 52n) | (significand << (52n - significandBits));
}

// ---------------------------------------------------------------------------
// Writing values
// ---------------------------------------------------------------------------

/** A value's deterministic encoding; EncodeError beyond `maxDepth` levels or for what is not a {@link CborValue}. */
function encodeValue(value: CborValue, maxDepth: number): Uint8Array {
  const writer = new CborWriter(64);
  writeValue(writer, value, maxDepth, '');
  return writer.finish();
}

/** What a {@link CborValue} is, for EncodeError messages. */
const CBOR_VALUE = 'a CborValue (number, bigint, string, Uint8Array, boolean, null, undefined, array, CborMap, CborTagged, CborFloat, CborSimple or CborInvalidText)';

function encodeFailure(path: string, message: string): never {
  throw new EncodeError([{ path, message }]);
}

/** Writes `value` deterministically; `depth` more levels of arrays, maps and tags may open. */
function writeValue(writer: CborWriter, value: CborValue, depth: number, path: string): void {
  switch (typeof value) {
    case 'number':
      // -0 is a float: the integer 0 has no sign.
      if (Number.isSafeInteger(value) && !Object.is(value, -0)) writer.int(value);
      else writer.float(value);
      return;
    case 'bigint':
      writer.bigInt(value);
      return;
    case 'string':
      // A lone surrogate: refused with its path (the writer would refuse it too, at the root).
      if (!wellFormedText(value)) notUnicode(value, path);
      writer.text(value);
      return;
    case 'boolean':
      writer.bool(value);
      return;
    case 'undefined':
      writer.undefined();
      return;
    default:
      break;
  }
  if (value === null) {
    writer.null();
    return;
  }
  if (isBytes(value)) {
    writer.bytes(value);
    return;
  }
  if (value instanceof CborFloat) {
    writeFloat(writer, value);
    return;
  }
  if (value instanceof CborSimple) {
    const n = value.value;
    if (!Number.isInteger(n) || n < 0 || n > 255 || (n >= 24 && n < 32)) encodeFailure(path, `expected a simple value in 0..23 or 32..255, got ${describeValue(n)}`);
    writer.simple(n);
    return;
  }
  if (value instanceof CborAny) {
    // An item kept with its head (see readKeepingHeads): deterministically, as any CborAny is written.
    writer.raw(value.deterministic);
    return;
  }
  if (value instanceof CborInvalidText) {
    if (!isBytes(value.bytes)) encodeFailure(path, `expected the bytes of a text string, got ${describeValue(value.bytes)}`);
    // The head of a text string of that length: a uint's head with major type 3.
    const head = new CborWriter(16);
    head.uint(value.bytes.length);
    const encodedHead = head.finish();
    encodedHead[0] = encodedHead[0]! | 0x60;
    writer.raw(encodedHead);
    writer.raw(value.bytes);
    return;
  }
  if (depth <= 0) encodeFailure(path, 'nesting deeper than the limit (or a cyclic value)');
  if (Array.isArray(value)) {
    writer.arrayHeader(value.length);
    for (let i = 0; i < value.length; i++) writeValue(writer, value[i] as CborValue, depth - 1, `${path}[${i}]`);
    return;
  }
  if (value instanceof CborMap) {
    // Each pair encoded on its own, then written in the bytewise order of the keys (RFC 8949 §4.2.1).
    const pairs = value.entries.map(([k, v], i): [Uint8Array, Uint8Array] => [encodeMember(k, depth - 1, `${path}{key ${i}}`), encodeMember(v, depth - 1, `${path}{value ${i}}`)]);
    pairs.sort((a, b) => compareBytes(a[0], b[0]) || compareBytes(a[1], b[1]));
    writer.mapHeader(pairs.length);
    for (const [k, v] of pairs) {
      writer.raw(k);
      writer.raw(v);
    }
    return;
  }
  if (value instanceof CborTagged) {
    const tag = value.tag;
    const tagOk = typeof tag === 'bigint' ? tag >= 0n && tag <= 0xffffffffffffffffn : Number.isSafeInteger(tag) && tag >= 0;
    if (!tagOk) encodeFailure(path, `expected a tag number in 0..2^64-1, got ${describeValue(tag)}`);
    if ((tag === 2 || tag === 3 || tag === 2n || tag === 3n) && isBytes(value.value)) {
      // A bignum in preferred serialisation (RFC 8949 §3.4.3): a plain integer when it fits, else no leading zeros
      // (the bytes as they are: no bigint, whose size the engine bounds).
      const bytes = value.value;
      let first = 0;
      while (first < bytes.length && bytes[first] === 0) first++;
      const magnitude = bytes.subarray(first);
      const positive = tag === 2 || tag === 2n;
      if (magnitude.length > 8) {
        writer.tag(positive ? 2 : 3);
        writer.bytes(magnitude);
      } else {
        const n = bigIntFromBytes(magnitude)!;
        writer.bigInt(positive ? n : -1n - n);
      }
      return;
    }
    writer.tag(tag);
    writeValue(writer, value.value, depth - 1, path);
    return;
  }
  encodeFailure(path, `expected ${CBOR_VALUE}, got ${describeValue(value)}`);
}

/** One map key or value, encoded on its own. */
function encodeMember(value: CborValue, depth: number, path: string): Uint8Array {
  const writer = new CborWriter(16);
  writeValue(writer, value, depth, path);
  return writer.finish();
}

/** A float in the shortest width that holds it; a NaN in the shortest that keeps its payload and sign. */
function writeFloat(writer: CborWriter, float: CborFloat): void {
  const bits = float.nanBits;
  if (typeof float.value !== 'number') encodeFailure('', `expected a number in CborFloat, got ${describeValue(float.value)}`);
  if (bits === null || float.value === float.value) {
    writer.float(float.value);
    return;
  }
  const width = nanWidth(bits);
  const sign = bits >> 63n;
  const out = new Uint8Array(1 + width / 8);
  let pattern: bigint;
  if (width === 16) pattern = (sign << 15n) | 0x7c00n | ((bits >> 42n) & 0x3ffn);
  else if (width === 32) pattern = (sign << 31n) | 0x7f800000n | ((bits >> 29n) & 0x7fffffn);
  else pattern = bits;
  out[0] = width === 16 ? 0xf9 : width === 32 ? 0xfa : 0xfb;
  for (let i = out.length - 1; i > 0; i--) {
    out[i] = Number(pattern & 0xffn);
    pattern >>= 8n;
  }
  writer.raw(out);
}

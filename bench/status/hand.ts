/**
 * A hand-written codec specialised for the MIMI status report: the ceiling a
 * generator can reach, to measure the generated codec against.
 *
 * It gives the same guarantees as the generated `mimi-message-status.ts`:
 * - the decoder accepts exactly the encodings the generated decoder accepts
 *   (any well-formed head width, indefinite-length arrays, chunked byte
 *   strings) and rejects the rest (floats, tags, wrong lengths, statuses
 *   above 255, trailing bytes); test/bench/hand-status.test.ts checks that on
 *   a fixed list of odd encodings, so it cannot drift;
 * - message IDs in a decoded report are views into the input (zero-copy),
 *   except for chunked byte strings, which are joined into a copy;
 * - the encoder checks everything the generated guard checks and writes
 *   deterministic CBOR, or throws and writes nothing.
 *
 * What makes it fast: the decoder matches the usual entry (`82 58 20`,
 * 32 bytes, a one- or two-byte status) with one bounds check and falls back
 * to a general reader for anything else; the encoder checks and sizes in one
 * pass, allocates the output once and writes bytes directly.
 *
 * Its errors carry a byte offset but no CBOR path: error messages are not
 * what this codec is for.
 */
import type { MessageStatusReport, PerMessageStatus } from '../../generated/mimi-message-status.js';

export class HandDecodeError extends Error {
  override name = 'HandDecodeError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at byte ${offset}`);
  }
}

export class HandEncodeError extends Error {
  override name = 'HandEncodeError';
}

type Status = PerMessageStatus['status'];

// ---- Decoder ---------------------------------------------------------------

const INDEFINITE = -1;

/** A cursor with the general (slow-path) CBOR reading the fast path falls back to. */
class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  fail(message: string, at = this.pos): never {
    throw new HandDecodeError(message, at);
  }

  /** Reads a head of major type `major`; returns its argument, INDEFINITE for ai 31, or Infinity for a 64-bit argument above 2^53. */
  head(major: number): number {
    const b = this.bytes;
    const p = this.pos;
    if (p >= b.length) this.fail('unexpected end of input');
    const ib = b[p]!;
    if (ib >>> 5 !== major) this.fail(`expected major type ${major}`, p);
    const ai = ib & 31;
    this.pos = p + 1;
    if (ai < 24) return ai;
    const width = ai === 24 ? 1 : ai === 25 ? 2 : ai === 26 ? 4 : ai === 27 ? 8 : 0;
    if (ai === 31) return INDEFINITE;
    if (width === 0) this.fail('reserved additional information', p);
    if (p + 1 + width > b.length) this.fail('unexpected end of input');
    let n = 0;
    for (let i = 1; i <= width; i++) n = n * 256 + b[p + i]!;
    this.pos = p + 1 + width;
    return n > Number.MAX_SAFE_INTEGER ? Infinity : n;
  }

  /** A byte string: a view for definite length, a joined copy for chunks. */
  byteString(): Uint8Array {
    const n = this.head(2);
    const b = this.bytes;
    if (n !== INDEFINITE) {
      if (n > b.length - this.pos) this.fail('unexpected end of input');
      const view = new Uint8Array(b.buffer, b.byteOffset + this.pos, n);
      this.pos += n;
      return view;
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      if (this.pos >= b.length) this.fail('unexpected end of input');
      if (b[this.pos] === 0xff) {
        this.pos++;
        break;
      }
      const chunkAt = this.pos;
      const len = this.head(2);
      if (len === INDEFINITE) this.fail('nested indefinite-length chunk', chunkAt);
      if (len > b.length - this.pos) this.fail('unexpected end of input');
      chunks.push(b.subarray(this.pos, this.pos + len));
      this.pos += len;
      total += len;
    }
    const out = new Uint8Array(total);
    let o = 0;
    for (const c of chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }

  /** True when an indefinite-length container (count INDEFINITE) or a definite one has another item at index `i`. */
  more(count: number, i: number): boolean {
    if (count !== INDEFINITE) return i < count;
    if (this.pos >= this.bytes.length) this.fail('unexpected end of input');
    if (this.bytes[this.pos] === 0xff) {
      this.pos++;
      return false;
    }
    return true;
  }

  /** One entry by the general path: a 2-array of a 32-byte string and a uint ≤ 255, in any well-formed encoding. */
  entry(): PerMessageStatus {
    const at = this.pos;
    const count = this.head(4);
    if (count !== 2 && count !== INDEFINITE) this.fail('expected an array of 2 items', at);
    if (count === INDEFINITE && !this.more(count, 0)) this.fail('expected an array of 2 items', at);
    const idAt = this.pos;
    const messageId = this.byteString();
    if (messageId.length !== 32) this.fail('expected a byte string of 32 bytes', idAt);
    if (count === INDEFINITE && !this.more(count, 1)) this.fail('expected an array of 2 items', at);
    const statusAt = this.pos;
    const status = this.head(0);
    if (status < 0 || status > 255) this.fail('expected an integer in 0..255', statusAt);
    if (count === INDEFINITE && this.more(count, 2)) this.fail('expected an array of 2 items', at);
    return { messageId, status: status as Status };
  }
}

/** Decodes a status report, with a fast path for the shortest encoding of an entry. */
export function handDecodeReport(bytes: Uint8Array): MessageStatusReport {
  const r = new Reader(bytes);
  const count = r.head(4);
  const len = bytes.length;
  const buffer = bytes.buffer;
  const base = bytes.byteOffset;
  // A definite count larger than the bytes left cannot be met: reject it before sizing anything from it.
  if (count !== INDEFINITE && count > len - r.pos) r.fail('unexpected end of input: the array declares more items than there are bytes');
  const out: PerMessageStatus[] = [];
  for (let i = 0; r.more(count, i); i++) {
    const p = r.pos;
    // Fast path: 82 58 20 <32 bytes> <status>, the shortest (and usual) form.
    if (p + 36 <= len && bytes[p] === 0x82 && bytes[p + 1] === 0x58 && bytes[p + 2] === 0x20) {
      const s = bytes[p + 35]!;
      if (s < 24) {
        out.push({ messageId: new Uint8Array(buffer, base + p + 3, 32), status: s as Status });
        r.pos = p + 36;
        continue;
      }
      if (s === 0x18 && p + 37 <= len) {
        out.push({ messageId: new Uint8Array(buffer, base + p + 3, 32), status: bytes[p + 36]! as Status });
        r.pos = p + 37;
        continue;
      }
    }
    out.push(r.entry());
  }
  if (r.pos !== len) r.fail('trailing bytes after the data item');
  return out;
}

// ---- Guard -----------------------------------------------------------------

function validEntry(e: unknown): e is PerMessageStatus {
  if (typeof e !== 'object' || e === null || Array.isArray(e) || ArrayBuffer.isView(e)) return false;
  const { messageId, status } = e as { messageId?: unknown; status?: unknown };
  return (
    messageId instanceof Uint8Array &&
    messageId.length === 32 &&
    typeof status === 'number' &&
    Number.isInteger(status) &&
    status >= 0 &&
    status <= 255
  );
}

/** The same answer as the generated `isMessageStatusReport` (for same-realm Uint8Arrays). */
export function handIsReport(value: unknown): value is MessageStatusReport {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!validEntry(value[i])) return false;
  return true;
}

// ---- Encoder ---------------------------------------------------------------

function headSize(n: number): number {
  return n < 24 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : n < 0x100000000 ? 5 : 9;
}

/** Checks and sizes in one pass, allocates once, writes directly: deterministic CBOR or a throw. */
export function handEncodeReport(report: MessageStatusReport): Uint8Array {
  if (!Array.isArray(report)) throw new HandEncodeError('expected an array');
  const n = report.length;
  let size = headSize(n);
  for (let i = 0; i < n; i++) {
    const e = report[i];
    if (!validEntry(e)) throw new HandEncodeError(`[${i}]: expected { messageId: 32 bytes, status: 0..255 }`);
    size += e.status < 24 ? 36 : 37;
  }
  const out = new Uint8Array(size);
  let o: number;
  if (n < 24) {
    out[0] = 0x80 | n;
    o = 1;
  } else if (n < 0x100) {
    out[0] = 0x98;
    out[1] = n;
    o = 2;
  } else if (n < 0x10000) {
    out[0] = 0x99;
    out[1] = n >>> 8;
    out[2] = n & 0xff;
    o = 3;
  } else {
    out[0] = 0x9a;
    out[1] = n >>> 24;
    out[2] = (n >>> 16) & 0xff;
    out[3] = (n >>> 8) & 0xff;
    out[4] = n & 0xff;
    o = 5;
  }
  for (let i = 0; i < n; i++) {
    const e = report[i]!;
    out[o] = 0x82;
    out[o + 1] = 0x58;
    out[o + 2] = 0x20;
    out.set(e.messageId, o + 3);
    const s = e.status;
    if (s < 24) {
      out[o + 35] = s;
      o += 36;
    } else {
      out[o + 35] = 0x18;
      out[o + 36] = s;
      o += 37;
    }
  }
  return out;
}

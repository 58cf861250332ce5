/**
 * Checks behind the text conversion control operators of RFC 9741 ("CDDL:
 * Additional Control Operators for the Conversion and Processing of Text"):
 * base encodings of byte strings (`.b64u`, `.b64c`, their `-sloppy`
 * variants, `.b32`, `.h32`, `.hex`, `.hexlc`, `.hexuc`, `.b45`), decimal
 * integers (`.base10`, also spelled `.decimal`), `.printf`, `.json` and
 * `.join`. Copied beside a generated module only when its schema uses one.
 *
 * Each helper takes the text (or bytes) and the test the schema's controller
 * makes of what it stands for, written by the generator as a small function,
 * and answers yes or no; none throws. No Node-only APIs.
 */
import { CborWriter, decodeUtf8, encodeUtf8, utf8Length } from './runtime.js';

// ---------------------------------------------------------------------------
// Base encodings (RFC 4648, RFC 9285)
// ---------------------------------------------------------------------------

export type BaseEncoding = 'b64u' | 'b64u-sloppy' | 'b64c' | 'b64c-sloppy' | 'b32' | 'h32' | 'hex' | 'hexlc' | 'hexuc' | 'b45';

const B64C = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64U = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const H32 = '0123456789ABCDEFGHIJKLMNOPQRSTUV';
const B45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** Whether `text` is the `encoding` of a byte string (strictly, as RFC 9741 §2.1 asks) that passes `test`. */
export function encodesBytes(text: string, encoding: BaseEncoding, test?: (bytes: Uint8Array) => boolean): boolean {
  const bytes = decodeBase(text, encoding);
  return bytes !== undefined && (test === undefined || test(bytes));
}

/** The bytes `text` encodes, or undefined when it is not that encoding. */
export function decodeBase(text: string, encoding: BaseEncoding): Uint8Array | undefined {
  switch (encoding) {
    case 'b64u':
      return decodeBits(text, B64U, 6, true);
    case 'b64u-sloppy':
      return decodeBits(text, B64U, 6, false);
    case 'b64c':
    case 'b64c-sloppy': {
      // Padding to a multiple of 4 characters, with exactly the '=' the last group needs.
      if (text.length % 4 !== 0) return undefined;
      const body = text.replace(/={1,2}$/, '');
      const needed = (4 - (body.length % 4)) % 4;
      if (text.length - body.length !== needed) return undefined;
      return decodeBits(body, B64C, 6, encoding === 'b64c');
    }
    case 'b32':
      return decodeBits(text, B32, 5, true);
    case 'h32':
      return decodeBits(text, H32, 5, true);
    case 'hex':
    case 'hexlc':
    case 'hexuc':
      return decodeHex(text, encoding);
    case 'b45':
      return decodeBase45(text);
  }
}

/**
 * Base64 or base32 without padding: each character carries `bits` bits,
 * most significant first. A length that leaves a whole character over is not
 * an encoding; the bits left over must be zero unless `strict` is false (the
 * "sloppy" variants, RFC 9741 §2.1).
 */
function decodeBits(text: string, alphabet: string, bits: number, strict: boolean): Uint8Array | undefined {
  const out = new Uint8Array(Math.floor((text.length * bits) / 8));
  let acc = 0;
  let held = 0;
  let j = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = alphabet.indexOf(text.charAt(i));
    if (digit < 0) return undefined;
    acc = (acc << bits) | digit;
    held += bits;
    if (held >= 8) {
      held -= 8;
      out[j++] = (acc >> held) & 0xff;
      acc &= (1 << held) - 1;
    }
  }
  if (held >= bits || (strict && acc !== 0)) return undefined;
  return out;
}

function decodeHex(text: string, encoding: 'hex' | 'hexlc' | 'hexuc'): Uint8Array | undefined {
  const valid = encoding === 'hexlc' ? /^(?:[0-9a-f]{2})*$/ : encoding === 'hexuc' ? /^(?:[0-9A-F]{2})*$/ : /^(?:[0-9A-Fa-f]{2})*$/;
  if (!valid.test(text)) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** RFC 9285: three characters for two bytes (c + 45d + 2025e), two for a last single byte; anything else, or a value too large, is not base45. */
function decodeBase45(text: string): Uint8Array | undefined {
  if (text.length % 3 === 1) return undefined;
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let j = 0;
  for (let i = 0; i < text.length; i += 3) {
    const c = B45.indexOf(text.charAt(i));
    const d = B45.indexOf(text.charAt(i + 1));
    const last = i + 2 < text.length;
    const e = last ? B45.indexOf(text.charAt(i + 2)) : 0;
    if (c < 0 || d < 0 || e < 0) return undefined;
    const n = c + 45 * d + 2025 * e;
    if (last) {
      if (n > 0xffff) return undefined;
      out[j++] = n >> 8;
      out[j++] = n & 0xff;
    } else {
      if (n > 0xff) return undefined;
      out[j++] = n;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Decimal integers (.base10 / .decimal)
// ---------------------------------------------------------------------------

/** Whether `text` is a decimal integer without leading zeros (`0|-?[1-9][0-9]*`) whose value passes `test`. */
export function isBase10(text: string, test?: (n: number | bigint) => boolean): boolean {
  if (!/^(?:0|-?[1-9][0-9]*)$/.test(text)) return false;
  return test === undefined || test(integerValue(text));
}

/** A decimal numeral's value: a number while it is safe, else a bigint. */
function integerValue(digits: string): number | bigint {
  const big = BigInt(digits);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

// ---------------------------------------------------------------------------
// JSON (.json)
// ---------------------------------------------------------------------------

type Json = null | boolean | string | { number: string } | Json[] | { entries: [string, Json][] };

/**
 * Whether `text` is one JSON text (RFC 8259) whose value, converted to CBOR
 * as RFC 8949 §6.2 says, passes `test` (the controller's decoder, given the
 * encoded item). Numbers written without a fraction or exponent are
 * integers (bignums beyond 64 bits), others floats; a string with a lone
 * surrogate escape is no text string; duplicate member names are refused
 * (RFC 7493 §2.3); nesting deeper than `maxDepth` is refused.
 */
export function holdsJson(text: string, test: (encoded: Uint8Array) => boolean, maxDepth = 256): boolean {
  const encoded = jsonToCbor(text, maxDepth);
  return encoded !== undefined && test(encoded);
}

/** The CBOR encoding of the JSON text's value (preferred serialisation), or undefined when it is not JSON. */
export function jsonToCbor(text: string, maxDepth = 256): Uint8Array | undefined {
  const parser = new JsonParser(text, maxDepth);
  const value = parser.document();
  if (value === undefined) return undefined;
  const writer = new CborWriter();
  writeJson(writer, value);
  return writer.finish();
}

function writeJson(writer: CborWriter, value: Json): void {
  if (value === null) writer.null();
  else if (typeof value === 'boolean') writer.bool(value);
  else if (typeof value === 'string') writer.text(value);
  else if (Array.isArray(value)) {
    writer.arrayHeader(value.length);
    for (const item of value) writeJson(writer, item);
  } else if ('number' in value) {
    if (/^-?[0-9]+$/.test(value.number)) writer.bigInt(BigInt(value.number));
    else writer.float(Number(value.number));
  } else {
    writer.mapHeader(value.entries.length);
    for (const [k, v] of value.entries) {
      writer.text(k);
      writeJson(writer, v);
    }
  }
}

/** A strict RFC 8259 parser; every method returns undefined for text that is not JSON. */
class JsonParser {
  private i = 0;

  private readonly text: string;
  private readonly maxDepth: number;

  constructor(text: string, maxDepth: number) {
    this.text = text;
    this.maxDepth = maxDepth;
  }

  document(): Json | undefined {
    const value = this.value(0);
    this.space();
    return value !== undefined && this.i === this.text.length ? value : undefined;
  }

  private space(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text.charAt(this.i))) this.i++;
  }

  private value(depth: number): Json | undefined {
    this.space();
    const c = this.text.charAt(this.i);
    if (c === '{' || c === '[') {
      if (depth >= this.maxDepth) return undefined;
      return c === '{' ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (c === '"') return this.string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    const number = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    number.lastIndex = this.i;
    const m = number.exec(this.text);
    if (m === null) return undefined;
    this.i += m[0].length;
    // A float too large for binary64 has no CBOR value (RFC 8949 §6.2 rounds, but not to infinity).
    if (!/^-?[0-9]+$/.test(m[0]) && !Number.isFinite(Number(m[0]))) return undefined;
    return { number: m[0] };
  }

  private array(depth: number): Json | undefined {
    this.i++;
    const items: Json[] = [];
    this.space();
    if (this.text.charAt(this.i) === ']') {
      this.i++;
      return items;
    }
    for (;;) {
      const item = this.value(depth);
      if (item === undefined) return undefined;
      items.push(item);
      this.space();
      const c = this.text.charAt(this.i++);
      if (c === ']') return items;
      if (c !== ',') return undefined;
    }
  }

  private object(depth: number): Json | undefined {
    this.i++;
    const entries: [string, Json][] = [];
    const names = new Set<string>();
    this.space();
    if (this.text.charAt(this.i) === '}') {
      this.i++;
      return { entries };
    }
    for (;;) {
      this.space();
      if (this.text.charAt(this.i) !== '"') return undefined;
      const name = this.string();
      if (name === undefined || names.has(name)) return undefined;
      names.add(name);
      this.space();
      if (this.text.charAt(this.i++) !== ':') return undefined;
      const value = this.value(depth);
      if (value === undefined) return undefined;
      entries.push([name, value]);
      this.space();
      const c = this.text.charAt(this.i++);
      if (c === '}') return { entries };
      if (c !== ',') return undefined;
    }
  }

  private string(): string | undefined {
    this.i++;
    let out = '';
    for (;;) {
      if (this.i >= this.text.length) return undefined;
      const c = this.text.charCodeAt(this.i++);
      if (c === 0x22) break;
      if (c < 0x20) return undefined;
      if (c !== 0x5c) {
        out += String.fromCharCode(c);
        continue;
      }
      const e = this.text.charAt(this.i++);
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (simple[e] !== undefined) out += simple[e];
      else if (e === 'u' && /^[0-9A-Fa-f]{4}$/.test(this.text.slice(this.i, this.i + 4))) {
        out += String.fromCharCode(parseInt(this.text.slice(this.i, this.i + 4), 16));
        this.i += 4;
      } else return undefined;
    }
    // Escapes may spell a lone surrogate, which no CBOR text string (UTF-8) can hold.
    return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(out) ? undefined : out;
  }
}

// ---------------------------------------------------------------------------
// Printf-style formatting (.printf): in printf.ts, copied beside this file
// ---------------------------------------------------------------------------

export { matchesPrintf, parseFormat, printfRoles, type PrintfArg } from './printf.js';

// ---------------------------------------------------------------------------
// Joining strings (.join)
// ---------------------------------------------------------------------------

/** One element of a `.join` controller array: a text or byte string, either a literal (a marker) or a test. */
export interface JoinPart {
  text: boolean;
  literal?: string | Uint8Array;
  test?: (value: unknown) => boolean;
}

/**
 * Whether `value` is the concatenation, byte by byte, of strings that match
 * `parts` in order (RFC 9741 §3.1): text parts must be valid UTF-8 on their
 * own, byte parts need not. Every split is tried, remembering what failed.
 */
export function matchesJoin(value: string | Uint8Array, parts: readonly JoinPart[]): boolean {
  const bytes = typeof value === 'string' ? encodeUtf8(value) : value;
  const literals = parts.map((p) => (p.literal === undefined ? undefined : typeof p.literal === 'string' ? encodeUtf8(p.literal) : p.literal));
  const failed = new Set<number>();
  const startsWith = (at: number, lit: Uint8Array) => at + lit.length <= bytes.length && lit.every((b, i) => bytes[at + i] === b);
  const from = (i: number, pos: number): boolean => {
    if (i === parts.length) return pos === bytes.length;
    const key = i * (bytes.length + 1) + pos;
    if (failed.has(key)) return false;
    const part = parts[i] as JoinPart;
    const lit = literals[i];
    let ok = false;
    if (lit !== undefined) ok = startsWith(pos, lit) && from(i + 1, pos + lit.length);
    else {
      const next = literals[i + 1];
      for (let end = pos; end <= bytes.length && !ok; end++) {
        if (i + 1 === parts.length && end !== bytes.length) continue;
        if (next !== undefined && !startsWith(end, next)) continue;
        const item = part.text ? decodeUtf8(bytes, pos, end) : bytes.subarray(pos, end);
        if (item === null) continue;
        ok = (part.test === undefined || part.test(item)) && from(i + 1, end);
      }
    }
    if (!ok) failed.add(key);
    return ok;
  };
  return from(0, 0);
}

/**
 * `.det` of a string type with a size (RFC 9165 §2.3, `(tstr .size 3) .det "x"`): whether `value` is
 * what dedenting gives for some string whose length in bytes is in one of `sizes` (`[min, max]`,
 * max null: unbounded). Dedenting removes the least indentation k of the non-blank lines from each
 * line (all of a blank line that has fewer spaces), so the strings it maps to `value` are `value`
 * itself when every line is blank, and otherwise, when some non-blank line of `value` starts with no
 * space, `value` with k ≥ 0 spaces put back before each non-blank line and each blank line that has
 * spaces, and 0..k before each empty line. Only their length matters to a size: len + k·p up to
 * len + k·(p + e), for p such lines and e empty ones. For a range [min, max] the largest k the
 * maximum allows reaches furthest up, so one k per range decides: constant work per range.
 */
export function isDedentingWithin(value: string | Uint8Array, sizes: readonly (readonly [number | bigint, number | bigint | null])[]): boolean {
  const text = typeof value === 'string' ? value : Array.from(value, (b) => String.fromCharCode(b)).join('');
  const length = BigInt(typeof value === 'string' ? utf8Length(value) : value.length);
  const lines = text.split('\n');
  const blank = (line: string) => /^ *$/.test(line);
  const nonBlank = lines.filter((line) => !blank(line));
  const within = (n: bigint, [min, max]: readonly [number | bigint, number | bigint | null]) => n >= BigInt(min) && (max === null || n <= BigInt(max));
  if (nonBlank.length === 0) return sizes.some((size) => within(length, size));
  if (nonBlank.every((line) => line.startsWith(' '))) return false;
  const p = BigInt(nonBlank.length + lines.filter((line) => line.length > 0 && blank(line)).length);
  const e = BigInt(lines.filter((line) => line.length === 0).length);
  return sizes.some(([min, max]) => {
    if (max === null) return true; // k as large as needed
    if (length > BigInt(max)) return false;
    const k = (BigInt(max) - length) / p;
    return length + k * (p + e) >= BigInt(min);
  });
}

/**
 * `.det` of a `.json` text with a size (RFC 9165 §2.3, `((tstr .json int) .size (1..5)) .det "x"`): a
 * text `value` that dedenting leaves alone, re-indented (as {@link isDedentingWithin} counts the
 * ways: k spaces before each line that is not empty, 0..k before each empty one) to a length in bytes
 * within `size`, or null when no re-indentation is that long. Dedenting gives `value` back from it.
 * A JSON text has a line feed only in white space (RFC 8259 §2, §7: none raw in a string), so spaces
 * put at the start of a line are white space too, and the witness is JSON of the same value: the
 * general matcher tests it against the side.
 */
export function reindentedWithin(value: string, [min, max]: readonly [number | bigint, number | bigint | null]): string | null {
  if (!isDedentingWithin(value, [[min, max]])) return null;
  const lines = value.split('\n');
  const blank = (line: string) => /^ *$/.test(line);
  if (lines.every(blank)) return value;
  const length = BigInt(utf8Length(value));
  const p = BigInt(lines.filter((line) => line.length > 0).length);
  const e = lines.filter((line) => line.length === 0).length;
  // The largest k the maximum allows (enough for the minimum with the empty lines filled, as isDedentingWithin found), else the least that reaches the minimum.
  const short = BigInt(min) > length ? BigInt(min) - length : 0n;
  const k = max === null ? (short + p - 1n) / p : (BigInt(max) - length) / p;
  let extra = BigInt(min) - length - k * p; // Spaces still wanted on empty lines, each taking at most k.
  const out = lines.map((line) => {
    if (line.length > 0) return ' '.repeat(Number(k)) + line;
    const n = extra <= 0n ? 0n : extra < k ? extra : k;
    extra -= n;
    return ' '.repeat(Number(n));
  });
  return e === 0 || extra <= 0n ? out.join('\n') : null;
}

/**
 * `.det` of a string type whose values are one line with at most `most` spaces before it (RFC 9165
 * §2.3; `.b45`, RFC 9285, whose alphabet has the space but no line feed): whether `value` is the
 * dedenting of a text that passes `test`. Dedenting one line removes all its leading spaces (a blank
 * one it leaves as it is), so the texts that dedent to `value` are `value` with k spaces before it,
 * for every k when it starts with no space, and only k = 0 when it is blank: `most` + 1 to try.
 */
export function isDedentedLine(value: string, most: number, test: (line: string) => boolean): boolean {
  for (let k = 0; k <= most; k++) {
    const line = ' '.repeat(k) + value;
    if (dedent(line) === value && test(line)) return true;
  }
  return false;
}

/** RFC 9165 §2.3's dedenting (generator/layout/computed.ts has the same), for a literal side of `.det`. */
export function dedent(text: string): string {
  const lines = text.split('\n');
  const blank = (line: string) => /^ *$/.test(line);
  const indents = lines.filter((l) => !blank(l)).map((l) => (/^ */.exec(l) as RegExpExecArray)[0].length);
  const common = indents.length === 0 ? 0 : Math.min(...indents);
  return lines.map((l) => l.slice(Math.min(common, /^ */.exec(l)?.[0].length ?? 0))).join('\n');
}

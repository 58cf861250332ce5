/**
 * Decoding of literal values: the numeric value of number literals, escapes
 * in text and byte strings (RFC 9682 Section 2.1), and the content of
 * `h'…'` and `b64'…'` byte strings.
 */
import { codePointName, describeChar, isHexDigit, isPrintable } from './chars.js';
import type { Production } from './grammar.js';

/** Throws a syntax error at `start..end` against `production` (which its message cites); never returns. */
export type Fail = (start: number, end: number, detail: string, production: Production) => never;

/** One character of a string literal after escapes are applied, with the offset it was read from. */
export interface DecodedChar {
  cp: number;
  offset: number;
}

/** The decimal value of an integer literal such as `-0x1F`, `0b101`, `42`. */
export function intValue(raw: string): string {
  const negative = raw.startsWith('-');
  const magnitude = BigInt(negative ? raw.slice(1) : raw);
  return (negative ? -magnitude : magnitude).toString();
}

/**
 * The value of a float literal: decimal (`1.5e3`, which `Number` reads correctly rounded) or hexadecimal
 * (`0x1.8p3`), the nearest binary64, ties to even, as C's strtod reads it: below the least subnormal half-way
 * point it is zero, beyond the greatest double Infinity (the IR keeps the text: no CBOR float equals it).
 */
export function floatValue(raw: string): number {
  const negative = raw.startsWith('-');
  const body = negative ? raw.slice(1) : raw;
  if (!/^0x/i.test(body)) return Number(raw);
  const [, whole = '', fraction = '', exponent = '0'] = /^0x([0-9a-f]+)(?:\.([0-9a-f]+))?p([+-]?[0-9]+)$/i.exec(body) ?? [];
  const value = binary64(BigInt(`0x${whole}${fraction}`), Number(exponent) - 4 * fraction.length);
  return negative ? -value : value;
}

/** Bits of a binary64's significand, and the exponent of its least subnormal (2^-1074). */
const SIGNIFICAND_BITS = 53;
const LEAST_EXPONENT = -1074;

/**
 * `mantissa` × 2^`exponent` rounded once to the nearest binary64 (ties to even). Scaling the double nearest the
 * mantissa instead rounds twice below the normal range and underflows early (`0x1.8p-1074` was 0, not 2^-1073), a
 * mantissa past 2^1024 overflows however small the exponent, and zero times 2^5000 is NaN.
 */
function binary64(mantissa: bigint, exponent: number): number {
  if (mantissa === 0n) return 0;
  const bits = mantissa.toString(2).length;
  // The place of the last bit kept: 53 bits below the leading one, but no further down than the least subnormal.
  const last = Math.max(bits - SIGNIFICAND_BITS + exponent, LEAST_EXPONENT);
  if (last <= exponent) return Number(mantissa) * 2 ** exponent; // at most 53 bits, and no bit below 2^-1074: exact
  const dropped = last - exponent;
  // Everything is dropped, and it is below half of 2^last: zero (a huge negative exponent lands here at once).
  if (dropped > bits) return 0;
  let kept = mantissa >> BigInt(dropped);
  const rest = mantissa - (kept << BigInt(dropped));
  const half = 1n << BigInt(dropped - 1);
  if (rest > half || (rest === half && (kept & 1n) === 1n)) kept += 1n;
  // kept ≤ 2^53, so both factors are exact; a product past the greatest double is Infinity, as it should be.
  return Number(kept) * 2 ** last;
}

const SIMPLE_ESCAPES: Record<string, number> = {
  '"': 0x22,
  '/': 0x2f,
  '\\': 0x5c,
  b: 0x08,
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
};

/**
 * Reads the quoted string whose opening quote is at `quoteAt` (`"` for a text
 * string, `'` for a byte string, after an `h` or `b64` starting at `start`),
 * applying escapes. Returns the characters and the offset just after the
 * closing quote. In the content of `h'…'` and
 * `b64'…'` (`qualified`) a TAB is whitespace like elsewhere in the file.
 */
export function scanQuoted(text: string, start: number, quoteAt: number, fail: Fail): { chars: DecodedChar[]; end: number } {
  const qualified = quoteAt > start;
  const quote = text.charCodeAt(quoteAt);
  const bytes = quote === 0x27;
  const what = bytes ? 'byte string' : 'text string';
  const literal = bytes ? 'bytes' : 'text';
  const char = bytes ? 'BCHAR' : 'SCHAR';
  const chars: DecodedChar[] = [];
  let i = quoteAt + 1;
  for (;;) {
    if (i >= text.length) fail(start, start + 1, `unterminated ${what}`, literal);
    const cp = text.codePointAt(i) as number;
    if (cp === quote) return { chars, end: i + 1 };
    if (cp === 0x0a || (cp === 0x0d && text.charCodeAt(i + 1) === 0x0a)) {
      // BCHAR allows line breaks; SCHAR does not, so a text string that reaches the end of its line is unterminated.
      if (!bytes) fail(start, start + 1, `unterminated ${what}`, literal);
      const width = cp === 0x0d ? 2 : 1;
      for (let k = 0; k < width; k++) chars.push({ cp: text.charCodeAt(i + k), offset: i + k });
      i += width;
      continue;
    }
    if (cp === 0x5c) {
      if (i + 1 >= text.length) fail(start, start + 1, `unterminated ${what}`, literal);
      const escaped = readEscape(text, i, bytes, what, fail);
      chars.push({ cp: escaped.cp, offset: i });
      i = escaped.end;
      continue;
    }
    if (!isPrintable(cp) && !(qualified && cp === 0x09)) {
      const hint = cp < 0x20 || cp === 0x7f ? '; write it as an escape' : '';
      fail(i, i + 1, `character ${codePointName(cp)} is not allowed in a ${what}${hint}`, char);
    }
    chars.push({ cp, offset: i });
    i += cp > 0xffff ? 2 : 1;
  }
}

/** Reads the escape sequence whose backslash is at `at`. */
function readEscape(
  text: string,
  at: number,
  bytes: boolean,
  what: string,
  fail: Fail,
): { cp: number; end: number } {
  const next = text.codePointAt(at + 1);
  if (next === undefined) fail(at, at + 1, `unterminated ${what}`, bytes ? 'bytes' : 'text');
  const letter = String.fromCodePoint(next);
  const simple = SIMPLE_ESCAPES[letter];
  if (simple !== undefined) return { cp: simple, end: at + 2 };
  if (bytes && next === 0x27) return { cp: 0x27, end: at + 2 };
  if (next === 0x75) return readUnicodeEscape(text, at, fail);
  const shown = isPrintable(next) ? `'\\${letter}'` : `'\\' followed by ${codePointName(next)}`;
  return fail(at, at + 2, `invalid escape ${shown} in ${what}`, 'SESC');
}

/** `\uXXXX`, `\uD83C\uDC73` (a surrogate pair) or `\u{1F073}`, with the backslash at `at`. */
function readUnicodeEscape(text: string, at: number, fail: Fail): { cp: number; end: number } {
  if (text[at + 2] === '{') {
    let j = at + 3;
    while (isHexDigit(text.charCodeAt(j))) j++;
    if (j === at + 3 || text[j] !== '}') {
      fail(at, j + 1, "invalid escape '\\u{…}': expected hexadecimal digits and a closing '}'", 'hexchar');
    }
    const digits = text.slice(at + 3, j);
    const cp = Number.parseInt(digits.replace(/^0+(?=.)/, '').slice(0, 8), 16);
    if (digits.replace(/^0+/, '').length > 6 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      fail(at, j + 1, `invalid escape '\\u{${digits}}': not a Unicode scalar value`, 'hexscalar');
    }
    return { cp, end: j + 1 };
  }
  const unit = readFourHex(text, at, fail);
  if (unit >= 0xdc00 && unit <= 0xdfff) {
    fail(at, at + 6, `invalid escape '${text.slice(at, at + 6)}': a low surrogate must follow a high surrogate`, 'hexchar');
  }
  if (unit < 0xd800 || unit > 0xdbff) return { cp: unit, end: at + 6 };
  const low = text.startsWith('\\u', at + 6) ? readFourHex(text, at + 6, fail) : -1;
  if (low < 0xdc00 || low > 0xdfff) {
    fail(at, at + 6, `invalid escape '${text.slice(at, at + 6)}': a high surrogate must be followed by a low surrogate '\\uDC00'…'\\uDFFF'`, 'hexchar');
  }
  return { cp: 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00), end: at + 12 };
}

/** The four hex digits after `\u` at `at`. */
function readFourHex(text: string, at: number, fail: Fail): number {
  const digits = text.slice(at + 2, at + 6);
  if (digits.length < 4 || ![...digits].every((d) => isHexDigit(d.charCodeAt(0)))) {
    fail(at, at + 2, "invalid escape '\\u': expected four hexadecimal digits or '{…}'", 'hexchar');
  }
  return Number.parseInt(digits, 16);
}

/** The string the characters spell. */
export function charsToString(chars: readonly DecodedChar[]): string {
  let out = '';
  for (const c of chars) out += String.fromCodePoint(c.cp);
  return out;
}

/** Lowercase hex of the UTF-8 encoding of the characters (a byte string written as `'text'`). */
export function utf8Hex(chars: readonly DecodedChar[]): string {
  const bytes = new TextEncoder().encode(charsToString(chars));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The content of `h'…'` and `b64'…'` without its whitespace and `;` comments
 * (RFC 9682 Appendix B.2: the WS rule applies to the unescaped content).
 */
function significant(chars: readonly DecodedChar[], closeAt: number, fail: Fail): DecodedChar[] {
  const out: DecodedChar[] = [];
  let inComment = false;
  for (const c of chars) {
    if (inComment) {
      if (c.cp === 0x0a) inComment = false;
    } else if (c.cp === 0x3b) {
      inComment = true;
    } else if (c.cp !== 0x20 && c.cp !== 0x09 && c.cp !== 0x0a && c.cp !== 0x0d) {
      out.push(c);
    }
  }
  if (inComment) {
    fail(closeAt, closeAt + 1, "a comment in a byte string must end with a line break before the closing quote; write a quote inside it as \\'", 'bytesComment');
  }
  return out;
}

/** Decodes the content of `h'…'` to lowercase hex. */
export function decodeHexContent(chars: readonly DecodedChar[], closeAt: number, fail: Fail): string {
  const digits = significant(chars, closeAt, fail);
  for (const d of digits) {
    if (!isHexDigit(d.cp)) fail(d.offset, d.offset + 1, `invalid character ${describeChar(d.cp)} in hex byte string h''`, 'base16');
  }
  if (digits.length % 2 === 1) {
    const last = digits[digits.length - 1] as DecodedChar;
    fail(last.offset, last.offset + 1, `odd number of hex digits (${digits.length}) in hex byte string h''`, 'base16');
  }
  return digits.map((d) => String.fromCodePoint(d.cp).toLowerCase()).join('');
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Decodes the content of `b64'…'` (base64 or base64url, padding optional) to lowercase hex. */
export function decodeBase64Content(chars: readonly DecodedChar[], closeAt: number, fail: Fail): string {
  const all = significant(chars, closeAt, fail);
  let padding = 0;
  while (padding < all.length && all[all.length - 1 - padding]?.cp === 0x3d) padding++;
  const data = all.slice(0, all.length - padding);
  let classic: DecodedChar | undefined;
  let url: DecodedChar | undefined;
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const c of data) {
    const ch = String.fromCodePoint(c.cp);
    let index = B64.indexOf(ch);
    if (ch === '+' || ch === '/') {
      classic ??= c;
      index = ch === '+' ? 62 : 63;
    } else if (ch === '-' || ch === '_') {
      url ??= c;
      index = ch === '-' ? 62 : 63;
    }
    if (index < 0) {
      const detail = ch === '=' ? "'=' padding is only allowed at the end" : `unexpected character ${describeChar(c.cp)}`;
      fail(c.offset, c.offset + 1, `invalid base64 in b64'': ${detail}`, 'base64');
    }
    if (classic && url) {
      fail(c.offset, c.offset + 1, "invalid base64 in b64'': it mixes base64 ('+', '/') and base64url ('-', '_') characters", 'base64');
    }
    value = ((value << 6) | index) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((value >> bits) & 0xff);
    }
  }
  const problemAt = all[all.length - 1] ?? chars[0];
  const at = problemAt?.offset ?? 0;
  if (data.length % 4 === 1) {
    fail(at, at + 1, `invalid base64 in b64'': ${data.length} character${data.length === 1 ? '' : 's'} cannot encode whole bytes`, 'base64');
  }
  if (padding > 2 || (padding > 0 && (data.length + padding) % 4 !== 0)) {
    fail(at, at + 1, `invalid base64 in b64'': ${padding} '=' padding character${padding > 1 ? 's do' : ' does'} not fit ${data.length} characters`, 'base64');
  }
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
}

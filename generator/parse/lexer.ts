/**
 * The CDDL lexer: turns the text into tokens and collects `;` comments
 * (with where they stand) for doc attachment. Whitespace is SP, TAB, LF and
 * CRLF, and a lone CR (leniencies: the ABNF has neither TAB nor a lone CR, but
 * real schemas use TAB, and old Mac files end lines with CR; the diagnostics
 * count a lone CR as a line end too).
 */
import type { Literal } from './ast.js';
import { codePointName, describeChar, isBinDigit, isDigit, isEalpha, isHexDigit, isPrintable } from './chars.js';
import {
  charsToString,
  decodeBase64Content,
  decodeHexContent,
  type Fail,
  floatValue,
  intValue,
  scanQuoted,
  utf8Hex,
} from './literals.js';
import type { SourceText } from './source.js';

export type Punct =
  | '='
  | '/='
  | '//='
  | '/'
  | '//'
  | '('
  | ')'
  | '{'
  | '}'
  | '['
  | ']'
  | '<'
  | '>'
  | ','
  | ':'
  | '=>'
  | '^'
  | '~'
  | '&'
  | '*'
  | '+'
  | '?'
  | '..'
  | '...';

/** Head-number part of `#n.x`: a number, or `.<` whose type the parser reads next. */
export type HashInfo = { kind: 'number'; value: string } | 'type' | null;

export type Token = { start: number; end: number } & (
  | { kind: 'id'; name: string }
  | { kind: 'punct'; op: Punct }
  /** `.name`: a control operator. */
  | { kind: 'ctl'; name: string }
  | { kind: 'literal'; literal: Literal }
  /** `#`, `#n`, `#n.ai` or `#n.` before `<type>`. */
  | { kind: 'hash'; major: number | null; info: HashInfo }
  | { kind: 'eof' }
);

/** A `;` comment. */
export interface Comment {
  /** The text after `;` and one following space. */
  text: string;
  start: number;
  line: number;
  /** True when nothing but whitespace precedes it on its line. */
  ownLine: boolean;
  /** Index of the first token after the comment. */
  beforeToken: number;
}

/**
 * A decimal fraction, an exponent or both, read where one stands after a hexadecimal or binary integer (sticky: set
 * lastIndex): the grammar derives such a number (`int ["." fraction] ["e" exponent]`), which has no value.
 */
const DECIMAL_PART = /(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

const SINGLE: Record<string, Punct> = {
  '(': '(',
  ')': ')',
  '{': '{',
  '}': '}',
  '[': '[',
  ']': ']',
  '<': '<',
  '>': '>',
  ',': ',',
  ':': ':',
  '^': '^',
  '~': '~',
  '&': '&',
  '*': '*',
  '+': '+',
  '?': '?',
};

/** Splits the text into tokens (ending with one `eof` token) and comments. */
export function tokenize(src: SourceText): { tokens: Token[]; comments: Comment[] } {
  return new Lexer(src).run();
}

class Lexer {
  private readonly text: string;
  private pos: number;
  private readonly tokens: Token[] = [];
  private readonly comments: Comment[] = [];
  private readonly fail: Fail;

  constructor(private readonly src: SourceText) {
    this.text = src.text;
    this.pos = src.bodyStart;
    this.fail = (start, end, detail, production) => {
      throw src.syntaxError(start, end, detail, production);
    };
  }

  run(): { tokens: Token[]; comments: Comment[] } {
    const text = this.text;
    let lineHasToken = false;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09) {
        this.pos++;
      } else if (c === 0x0a || c === 0x0d) {
        this.pos += c === 0x0d && text.charCodeAt(this.pos + 1) === 0x0a ? 2 : 1;
        lineHasToken = false;
      } else if (c === 0x3b) {
        this.comment(!lineHasToken);
      } else {
        this.tokens.push(this.token());
        lineHasToken = true;
      }
    }
    this.tokens.push({ kind: 'eof', start: text.length, end: text.length });
    return { tokens: this.tokens, comments: this.comments };
  }

  private comment(ownLine: boolean): void {
    const start = this.pos;
    let i = start + 1;
    while (i < this.text.length) {
      const cp = this.text.codePointAt(i) as number;
      if (cp === 0x0a || cp === 0x0d) break;
      if (!isPrintable(cp) && cp !== 0x09) {
        this.fail(i, i + 1, `character ${codePointName(cp)} is not allowed in a comment`, 'PCHAR');
      }
      i += cp > 0xffff ? 2 : 1;
    }
    let body = this.text.slice(start + 1, i);
    if (body.startsWith(' ')) body = body.slice(1);
    this.comments.push({ text: body, start, line: this.src.lineOf(start), ownLine, beforeToken: this.tokens.length });
    this.pos = i;
  }

  private token(): Token {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    if (isEalpha(c)) return this.identifierOrBytes(start);
    if (isDigit(c) || c === 0x2d) return this.number(start);
    if (c === 0x22 || c === 0x27) return this.string(start, start);
    if (c === 0x2e) return this.dot(start);
    if (c === 0x23) return this.hash(start);
    if (c === 0x3d) return this.punct(start, text.startsWith('=>', start) ? '=>' : '=');
    if (c === 0x2f) {
      const op = (['//=', '//', '/=', '/'] as const).find((o) => text.startsWith(o, start)) ?? '/';
      return this.punct(start, op);
    }
    const single = SINGLE[text[start] as string];
    if (single) return this.punct(start, single);
    const cp = text.codePointAt(start) as number;
    return this.fail(start, start + 1, `unexpected character ${describeChar(cp)}`, 'cddl');
  }

  private punct(start: number, op: Punct): Token {
    this.pos = start + op.length;
    return { kind: 'punct', op, start, end: this.pos };
  }

  /** id = EALPHA *(*("-" / ".") (EALPHA / DIGIT)); returns its end. */
  private scanId(start: number): number {
    const text = this.text;
    let end = start + 1;
    for (;;) {
      let j = end;
      while (text[j] === '-' || text[j] === '.') j++;
      const c = text.charCodeAt(j);
      if (!(isEalpha(c) || isDigit(c))) return end;
      end = j + 1;
    }
  }

  private identifierOrBytes(start: number): Token {
    const end = this.scanId(start);
    const name = this.text.slice(start, end);
    if (this.text[end] === "'" && /^(h|b64)$/i.test(name)) return this.string(start, end);
    this.pos = end;
    return { kind: 'id', name, start, end };
  }

  /** A text string, or a byte string with its optional `h` / `b64` qualifier starting at `start`. */
  private string(start: number, quote: number): Token {
    const { chars, end } = scanQuoted(this.text, start, quote, this.fail);
    const raw = this.text.slice(start, end);
    this.pos = end;
    let literal: Literal;
    if (this.text[quote] === '"') {
      literal = { type: 'text', value: charsToString(chars), raw };
    } else {
      const qualifier = this.text.slice(start, quote).toLowerCase();
      const hex =
        qualifier === 'h'
          ? decodeHexContent(chars, end - 1, this.fail)
          : qualifier === 'b64'
            ? decodeBase64Content(chars, end - 1, this.fail)
            : utf8Hex(chars);
      literal = { type: 'bytes', hex, raw };
    }
    return { kind: 'literal', literal, start, end };
  }

  /**
   * uint = DIGIT1 *DIGIT / "0x" 1*HEXDIG / "0b" 1*BINDIG / "0"; returns its end.
   * `start` is the offset of the first digit.
   */
  private scanUint(start: number, numberStart: number): number {
    const text = this.text;
    if (text[start] === '0' && (text[start + 1] === 'x' || text[start + 1] === 'X')) {
      let j = start + 2;
      while (isHexDigit(text.charCodeAt(j))) j++;
      if (j === start + 2) this.fail(numberStart, j, `expected hexadecimal digits after '${text.slice(start, j)}'`, 'uint');
      return j;
    }
    if (text[start] === '0' && (text[start + 1] === 'b' || text[start + 1] === 'B')) {
      let j = start + 2;
      while (isBinDigit(text.charCodeAt(j))) j++;
      if (j === start + 2) this.fail(numberStart, j, `expected binary digits after '${text.slice(start, j)}'`, 'uint');
      return j;
    }
    let j = start;
    while (isDigit(text.charCodeAt(j))) j++;
    if (j - start > 1 && text[start] === '0') {
      this.fail(numberStart, j, `invalid number '${text.slice(numberStart, j)}': leading zeros are not allowed`, 'uint');
    }
    return j;
  }

  /**
   * The end of a decimal fraction and exponent at `at` after a hexadecimal or binary integer, `at` when there is none
   * or when a name or another number goes on from it (`0x1.8a`, `0b1.5.2`: not such a number, and said elsewhere; a
   * range may follow, `0b1.5..2`).
   */
  private decimalPartAt(at: number): number {
    DECIMAL_PART.lastIndex = at;
    const end = at + (DECIMAL_PART.exec(this.text)?.[0].length ?? 0);
    const next = this.text.charCodeAt(end);
    return isEalpha(next) || isDigit(next) || (this.text[end] === '.' && this.text[end + 1] !== '.') ? at : end;
  }

  /** Length of `["+"/"-"] 1*DIGIT` at `at`, 0 when there is none. */
  private exponentLength(at: number): number {
    const text = this.text;
    let j = at;
    if (text[j] === '+' || text[j] === '-') j++;
    if (!isDigit(text.charCodeAt(j))) return 0;
    while (isDigit(text.charCodeAt(j))) j++;
    return j - at;
  }

  /** number = hexfloat / (int ["." fraction] ["e" exponent]) */
  private number(start: number): Token {
    const text = this.text;
    const digits = text[start] === '-' ? start + 1 : start;
    if (!isDigit(text.charCodeAt(digits))) this.fail(start, start + 1, "expected a number after '-'", 'int');
    let end = this.scanUint(digits, start);
    let float = false;
    if (/^0x/i.test(text.slice(digits, digits + 2))) {
      let k = end;
      if (text[k] === '.' && isHexDigit(text.charCodeAt(k + 1))) {
        k++;
        while (isHexDigit(text.charCodeAt(k))) k++;
      }
      const exp = /[pP]/.test(text[k] ?? '') ? this.exponentLength(k + 1) : 0;
      if (exp > 0) {
        end = k + 1 + exp;
        float = true;
      } else if (end - 1 > digits + 2 && /[eE]/.test(text[end - 1] ?? '') && (text[end] === '+' || text[end] === '-') && this.exponentLength(end) > 0 && this.decimalPartAt(end - 1) > end) {
        // `0x1e+5`: to the grammar `0x1` with the exponent `e+5` (hexadecimal digits cannot take the sign), no value
        // either. `0xe+5` is not that: `0x` needs a digit before the `e`.
        const after = this.decimalPartAt(end - 1);
        this.fail(start, after, `invalid number '${text.slice(start, after)}': the grammar reads it as a hexadecimal integer with a decimal exponent (number = int ["." fraction] "e" exponent), which has no value; a hexadecimal float needs a 'p' exponent`, 'numberValue');
      } else if (text[end] === '.' && this.decimalPartAt(end) > end) {
        // `0x1.8` (or `0x1.8e5`) with no 'p' exponent: the grammar derives it as `int "." fraction ["e" exponent]` (a
        // hexadecimal integer, a decimal fraction), a value neither C nor ISO 6093 writes.
        const after = this.decimalPartAt(end);
        this.fail(start, after, `invalid number '${text.slice(start, after)}': the grammar reads it as a hexadecimal integer with a decimal fraction (number = int "." fraction ["e" exponent]), which has no value; a hexadecimal float needs a 'p' exponent`, 'numberValue');
      } else if (k > end && !isEalpha(text.charCodeAt(k)) && !isDigit(text.charCodeAt(k)) && text[k] !== '-' && text[k] !== '.') {
        // `0x1.ab` is no number; `0x1.abx` instead is 0x1 followed by the control operator `.abx`.
        this.fail(start, k, `invalid number '${text.slice(start, k)}': a hexadecimal float needs a 'p' exponent`, 'hexfloat');
      }
    } else if (/^0b/i.test(text.slice(digits, digits + 2))) {
      // `0b1.5`, `0b1e3`: a binary integer with a decimal fraction or exponent, which the grammar derives and C has no value for.
      const after = this.decimalPartAt(end);
      if (after > end) {
        this.fail(start, after, `invalid number '${text.slice(start, after)}': the grammar reads it as a binary integer with a decimal fraction or exponent (number = int ["." fraction] ["e" exponent]), which has no value`, 'numberValue');
      }
    } else {
      if (text[end] === '.' && isDigit(text.charCodeAt(end + 1))) {
        end++;
        while (isDigit(text.charCodeAt(end))) end++;
        float = true;
      }
      const exp = text[end] === 'e' || text[end] === 'E' ? this.exponentLength(end + 1) : 0;
      if (exp > 0) {
        end += 1 + exp;
        float = true;
      }
    }
    if (text.slice(digits, end) === '0' && isEalpha(text.charCodeAt(end))) {
      // `0o17`, `0d9`: a prefix CDDL does not have. (`1*3int` is fine: an occurrence before a name.)
      const word = text.slice(start, this.scanId(end));
      const hint = /^-?0o/i.test(word) ? '; CDDL has no octal numbers, use 0x or 0b' : '';
      this.fail(start, start + word.length, `invalid number '${word}'${hint}`, 'uint');
    }
    const raw = text.slice(start, end);
    this.pos = end;
    if (!float) return { kind: 'literal', literal: { type: 'int', value: intValue(raw), raw }, start, end };
    const value = floatValue(raw);
    // The grammar has no bound on a float (RFC 8610 Appendix B): beyond binary64 the value is ±Infinity here, and the IR keeps the text (no CBOR float equals it).
    return { kind: 'literal', literal: { type: 'float', value, raw }, start, end };
  }

  /** `..`, `...` or a control operator `.name`. */
  private dot(start: number): Token {
    const text = this.text;
    if (text.startsWith('...', start)) return this.punct(start, '...');
    if (text.startsWith('..', start)) return this.punct(start, '..');
    if (!isEalpha(text.charCodeAt(start + 1))) {
      this.fail(start, start + 1, "unexpected '.': expected a control operator name, '..' or '...'", 'ctlop');
    }
    const end = this.scanId(start + 1);
    this.pos = end;
    return { kind: 'ctl', name: text.slice(start + 1, end), start, end };
  }

  /** `#`, `#n`, `#n.uint`, or `#n.` before `<` (RFC 9682 head-number). */
  private hash(start: number): Token {
    const text = this.text;
    let end = start + 1;
    let major: number | null = null;
    let info: HashInfo = null;
    if (isDigit(text.charCodeAt(end))) {
      major = text.charCodeAt(end) - 0x30;
      end++;
      if (text[end] === '.' && isDigit(text.charCodeAt(end + 1))) {
        const infoEnd = this.scanUint(end + 1, end + 1);
        info = { kind: 'number', value: intValue(text.slice(end + 1, infoEnd)) };
        end = infoEnd;
      } else if (text[end] === '.' && text[end + 1] === '<') {
        // head-number = uint / ("<" type ">") follows `#6` and `#7` only (RFC 9682 §3.2); `#0` … `#5` take a uint.
        if (major !== 6 && major !== 7) {
          this.fail(start, end + 2, `'#${major}.<' is no CDDL: a type in angle brackets gives the number of a tag (#6.<…>(…)) or a simple value (#7.<…>) only; another major type takes its additional information as a number (#${major}.24), or a choice of them (#${major}.24 / #${major}.25)`, 'type2');
        }
        info = 'type';
        end++;
      }
    }
    this.pos = end;
    return { kind: 'hash', major, info, start, end };
  }
}

/**
 * `.regexp` patterns (RFC 8610 §3.8.3) are XML Schema regular expressions
 * (XSD 1.0 Part 2, Appendix F): matched against the whole string, with `^`
 * and `$` ordinary characters, `.` every character but `\n` and `\r`, `\d`
 * every Unicode decimal digit, `\w` every character but punctuation,
 * separators and "other", `\i` and `\c` XML name characters, block escapes
 * (`\p{IsBasicLatin}`) and class subtraction (`[a-z-[aeiou]]`). This module
 * reads the pattern and writes JavaScript regular expression source with the
 * same meaning under the `u` flag, in printable ASCII only (so the literal
 * built from it always parses).
 *
 * Some schemas carry patterns written for PCRE-style engines (`(?:…)`,
 * `(?<name>…)`, `\:`, lazy quantifiers, lookarounds, `^…$` anchors). Such a
 * pattern is not XSD; when it reads as PCRE it is translated with PCRE's
 * meaning (ASCII `\d \w \s`, `.` every character but `\n`, `^ $` anchors) and
 * the caller warns. What neither reading accepts, and the PCRE features that
 * are not regular or have no JavaScript equivalent (backreferences, atomic
 * groups, possessive quantifiers, inline flags), is an error.
 */
import { ASCII_DIGIT, ASCII_WORD, chars, classChar, complement, literal, MAX_CODE_POINT, NAME_CHAR, NAME_START, PCRE_HSPACE, PCRE_SPACE, PCRE_VSPACE, POSIX_CLASSES, rangeAtoms, XSD_CATEGORIES, XSD_SPACE } from './regexp-charsets.js';
import { UNICODE_BLOCKS } from './unicode-blocks.js';

export { quoteRegexp } from './regexp-charsets.js';

/** A pattern that is not a regular expression this module can read. */
export class RegexpSyntaxError extends Error {}

export interface TranslatedRegexp {
  /** JavaScript source for the `u` flag, to be matched whole (`^(?:source)$`); printable ASCII only. */
  source: string;
  /** When the pattern is not XSD but reads as PCRE: what makes it not XSD (for a warning). */
  notXsd?: string;
}

type Dialect = 'xsd' | 'pcre';

/** XSD first; a pattern XSD does not allow is read as PCRE, and the caller is told why it is not XSD. */
export function translateRegexp(pattern: string): TranslatedRegexp {
  let xsdError: RegexpSyntaxError;
  try {
    return { source: new PatternReader(pattern, 'xsd').read() };
  } catch (error) {
    if (!(error instanceof RegexpSyntaxError)) throw error;
    xsdError = error;
  }
  try {
    return { source: new PatternReader(pattern, 'pcre').read(), notXsd: xsdError.message };
  } catch (error) {
    if (!(error instanceof RegexpSyntaxError)) throw error;
    throw new RegexpSyntaxError(`${xsdError.message}, and read as PCRE: ${error.message}`);
  }
}

/** What a part of the pattern became: its source, and whether a quantifier may follow it as is. */
interface Piece {
  src: string;
  /** One atom: a quantifier applies to all of it without a group. */
  single: boolean;
  /** An assertion (`^`, `\b`, a lookaround): JavaScript does not let it be quantified. */
  assertion?: true;
}

/** Class atoms (`a`, `a-z`, `\p{L}`) that a class or a lone escape is made of. */
type Atoms = string[];

function atomsPiece(atoms: Atoms): Piece {
  const only = atoms.length === 1 ? (atoms[0] as string) : null;
  return { src: only !== null && /^\\[pP]\{[^}]*\}$/.test(only) ? only : `[${atoms.join('')}]`, single: true };
}

// ---- the reader ----------------------------------------------------------------

/** Reads one pattern in one dialect, writing JavaScript as it goes. */
class PatternReader {
  private readonly cps: number[];
  private pos = 0;

  constructor(
    private readonly pattern: string,
    private readonly dialect: Dialect,
  ) {
    this.cps = [...pattern].map((c) => c.codePointAt(0) as number);
  }

  read(): string {
    const src = this.alternation();
    if (this.pos < this.cps.length) throw this.error(`unbalanced ')'`);
    return src;
  }

  private error(message: string, at = this.pos): RegexpSyntaxError {
    return new RegexpSyntaxError(`${message} at offset ${at} of ${JSON.stringify(this.pattern)}`);
  }

  private peek(ahead = 0): string {
    const cp = this.cps[this.pos + ahead];
    return cp === undefined ? '' : String.fromCodePoint(cp);
  }

  private take(): number {
    const cp = this.cps[this.pos];
    if (cp === undefined) throw this.error('unexpected end of pattern');
    this.pos++;
    return cp;
  }

  private expect(text: string): void {
    for (const c of text) {
      if (this.peek() !== c) throw this.error(`expected '${c}'`);
      this.pos++;
    }
  }

  private lookingAt(text: string): boolean {
    return [...text].every((c, i) => this.peek(i) === c);
  }

  private alternation(): string {
    const branches = [this.branch()];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.branch());
    }
    return branches.join('|');
  }

  private branch(): string {
    let src = '';
    while (this.pos < this.cps.length && this.peek() !== '|' && this.peek() !== ')') src += this.piece();
    return src;
  }

  private piece(): string {
    const start = this.pos;
    const atom = this.atom();
    const quantifier = this.quantifier();
    if (quantifier === null) return atom.src;
    if (atom.assertion) throw this.error('a quantifier after an assertion', start);
    if (atom.src === '') return '';
    return (atom.single ? atom.src : `(?:${atom.src})`) + quantifier;
  }

  /** `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` (PCRE: and a lazy `?` after), or null. */
  private quantifier(): string | null {
    const c = this.peek();
    let q: string;
    if (c === '?' || c === '*' || c === '+') {
      this.pos++;
      q = c;
    } else if (c === '{' && this.quantityAhead()) {
      q = this.quantity();
    } else return null;
    if (this.dialect === 'xsd') {
      // A `{` here starts the next piece: XSD 1.0's Char takes `{` and `}` (`a{1}{2}` is `a` and the text `{2}`).
      if (this.peek() !== '' && '?*+'.includes(this.peek())) throw this.error('a quantifier after a quantifier');
      return q;
    }
    if (this.peek() === '?') {
      this.pos++;
      return `${q}?`;
    }
    if (this.peek() === '+') throw this.error('a possessive quantifier (JavaScript has none, and it is not XSD)');
    return q;
  }

  /** Whether `{` here starts `{n}`, `{n,}` or `{n,m}`. */
  private quantityAhead(): boolean {
    let i = 1;
    const digits = () => {
      const from = i;
      while (/[0-9]/.test(this.peek(i))) i++;
      return i > from;
    };
    if (!digits()) return false;
    if (this.peek(i) === ',') {
      i++;
      digits();
    }
    return this.peek(i) === '}';
  }

  private quantity(): string {
    const start = this.pos;
    this.expect('{');
    const number = () => {
      let text = '';
      while (/[0-9]/.test(this.peek())) text += String.fromCodePoint(this.take());
      return text === '' ? null : BigInt(text);
    };
    const min = number() as bigint;
    let max: bigint | null = min;
    if (this.peek() === ',') {
      this.pos++;
      max = number();
    }
    this.expect('}');
    if (max !== null && max < min) throw this.error(`a quantifier {${min},${max}} whose maximum is below its minimum`, start);
    if (min > 0xffffffffn || (max ?? 0n) > 0xffffffffn) throw this.error('a quantifier above 4294967295', start);
    return max === min ? `{${min}}` : `{${min},${max ?? ''}}`;
  }

  private atom(): Piece {
    const c = this.peek();
    const xsd = this.dialect === 'xsd';
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return this.charClass();
      case '\\':
        return this.escape();
      case '.':
        this.pos++;
        return { src: xsd ? '[^\\n\\r]' : '[^\\n]', single: true };
      case '?':
      case '*':
      case '+':
        throw this.error(`nothing before the quantifier '${c}'`);
      case '{':
        // XSD 1.0's Char (RFC 8610 §3.8.3 cites XSD 1.0, second edition) is every character but `. \ ? * + ( ) | [ ]`:
        // a `{` that starts no quantifier, even `{2}` with no atom before it, is the character (XSD 1.1 took `{ }` out).
        if (!xsd && this.quantityAhead()) throw this.error('nothing before the quantifier');
        break;
      case ']':
        if (xsd) throw this.error(`']' outside a class (write \\])`);
        break;
      case '^':
        if (!xsd) {
          this.pos++;
          return { src: '^', single: true, assertion: true };
        }
        break;
      case '$':
        if (!xsd) {
          // PCRE's `$`: the end, or before a newline that ends the string.
          this.pos++;
          return { src: '(?=\\n?$)', single: true, assertion: true };
        }
        break;
    }
    return { src: literal(this.take()), single: true };
  }

  private group(): Piece {
    const start = this.pos;
    this.expect('(');
    let open = '(?:';
    let assertion = false;
    if (this.peek() === '?') {
      if (this.dialect === 'xsd') throw this.error(`'(?' (groups in XSD are plain parentheses)`);
      this.pos++;
      const groupKind = this.pcreGroupKind(start);
      if (groupKind === 'comment') return { src: '', single: true };
      open = groupKind;
      assertion = open !== '(?:';
    }
    const inner = this.alternation();
    if (this.peek() !== ')') throw this.error(`'(' without its ')'`, start);
    this.pos++;
    return assertion ? { src: `${open}${inner})`, single: true, assertion: true } : { src: `(?:${inner})`, single: true };
  }

  /** After PCRE's `(?`: how the group opens in JavaScript (captures do not matter, so names are dropped), or a comment read whole. */
  private pcreGroupKind(start: number): string {
    for (const look of ['=', '!', '<=', '<!']) {
      if (this.lookingAt(look)) {
        this.pos += look.length;
        return `(?${look}`;
      }
    }
    if (this.peek() === ':' || this.peek() === '|') {
      this.pos++;
      return '(?:';
    }
    if (this.peek() === '#') {
      while (this.peek() !== ')') this.take();
      this.pos++;
      return 'comment';
    }
    const named = /^(?:P?<([A-Za-z_][A-Za-z0-9_]*)>|'([A-Za-z_][A-Za-z0-9_]*)')/.exec(this.pattern.slice(this.offsetOf(this.pos)));
    if (named !== null) {
      this.pos += named[0].length;
      return '(?:';
    }
    if (this.peek() === '>') throw this.error('an atomic group (?>…) (JavaScript has none, and it is not XSD)', start);
    if (this.peek() === 'P' && (this.peek(1) === '=' || this.peek(1) === '>')) throw this.error('a backreference (not a regular expression, and not XSD)', start);
    throw this.error('an inline flag or PCRE group kind JavaScript cannot express', start);
  }

  /** The UTF-16 offset of code point index `index`. */
  private offsetOf(index: number): number {
    return this.cps.slice(0, index).reduce((n, cp) => n + (cp > 0xffff ? 2 : 1), 0);
  }

  // ---- escapes ---------------------------------------------------------------

  /** An escape outside a class. */
  private escape(): Piece {
    const start = this.pos;
    const inClass = this.classEscape(false);
    if (inClass !== null) return typeof inClass === 'number' ? { src: literal(inClass), single: true } : atomsPiece(inClass);
    // Only PCRE has escapes that are not a character or a set.
    this.pos = start + 1;
    const c = String.fromCodePoint(this.take());
    switch (c) {
      case 'b':
        return { src: '\\b', single: true, assertion: true };
      case 'B':
        return { src: '\\B', single: true, assertion: true };
      case 'A':
        return { src: '^', single: true, assertion: true };
      case 'z':
        return { src: '$', single: true, assertion: true };
      case 'Z':
        return { src: '(?=\\n?$)', single: true, assertion: true };
      case 'R':
        return { src: '(?:\\r\\n|[\\n\\u{b}\\u{c}\\r\\u{85}\\u{2028}\\u{2029}])', single: true };
      case 'Q': {
        let src = '';
        let count = 0;
        for (; this.pos < this.cps.length && !this.lookingAt('\\E'); count++) src += literal(this.take());
        if (this.lookingAt('\\E')) this.pos += 2;
        return { src, single: count <= 1 };
      }
      case 'E':
        return { src: '', single: true };
    }
    if (/[1-9]/.test(c) || c === 'k' || c === 'g') throw this.error('a backreference (not a regular expression, and not XSD)', start);
    throw this.error(`the escape \\${c}, which PCRE does not know either or JavaScript cannot express`, start);
  }

  /**
   * An escape that stands for a character (a code point) or a set (class
   * atoms), after the `\`; null for what only PCRE has outside a class
   * (anchors, `\Q`…), which `escape` reads. Throws for what the dialect does
   * not allow.
   */
  private classEscape(inClass: boolean): number | Atoms | null {
    const start = this.pos;
    this.expect('\\');
    const cp = this.take();
    const c = String.fromCodePoint(cp);
    if (this.dialect === 'xsd') {
      const named: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09 };
      if (named[c] !== undefined) return named[c];
      if ('\\|.?*+(){}-[]^'.includes(c)) return cp;
      switch (c) {
        case 's':
          return rangeAtoms(XSD_SPACE);
        case 'S':
          return rangeAtoms(complement(XSD_SPACE));
        case 'i':
          return rangeAtoms(NAME_START);
        case 'I':
          return rangeAtoms(complement(NAME_START));
        case 'c':
          return rangeAtoms(NAME_CHAR);
        case 'C':
          return rangeAtoms(complement(NAME_CHAR));
        case 'd':
          return ['\\p{Nd}'];
        case 'D':
          return ['\\P{Nd}'];
        // \w is everything but P, Z and C: the other general categories, which partition the code points.
        case 'w':
          return ['\\p{L}', '\\p{M}', '\\p{N}', '\\p{S}'];
        case 'W':
          return ['\\p{P}', '\\p{Z}', '\\p{C}'];
        case 'p':
        case 'P':
          return this.xsdProperty(c === 'P', start);
      }
      throw this.error(`\\${c} is not an XSD escape`, start);
    }
    // PCRE.
    const simple: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, f: 0x0c, e: 0x1b, a: 0x07 };
    if (simple[c] !== undefined) return simple[c];
    switch (c) {
      case 'd':
        return rangeAtoms(ASCII_DIGIT);
      case 'D':
        return rangeAtoms(complement(ASCII_DIGIT));
      case 'w':
        return rangeAtoms(ASCII_WORD);
      case 'W':
        return rangeAtoms(complement(ASCII_WORD));
      case 's':
        return rangeAtoms(PCRE_SPACE);
      case 'S':
        return rangeAtoms(complement(PCRE_SPACE));
      case 'h':
        return rangeAtoms(PCRE_HSPACE);
      case 'H':
        return rangeAtoms(complement(PCRE_HSPACE));
      case 'v':
        return rangeAtoms(PCRE_VSPACE);
      case 'V':
        return rangeAtoms(complement(PCRE_VSPACE));
      case 'N':
        if (inClass) break;
        return rangeAtoms(complement(chars('\n')));
      case 'p':
      case 'P':
        return this.pcreProperty(c === 'P', start);
      case 'x':
        return this.hexEscape(start);
      case 'o':
        return this.codeBetweenBraces(8, start);
      case '0': {
        let digits = '';
        while (digits.length < 2 && /[0-7]/.test(this.peek())) digits += String.fromCodePoint(this.take());
        return parseInt(digits || '0', 8);
      }
      case 'c': {
        const x = this.take();
        if (x < 0x20 || x > 0x7e) throw this.error('\\c followed by a character that is not printable ASCII', start);
        return String.fromCodePoint(x).toUpperCase().codePointAt(0)! ^ 0x40;
      }
      case 'b':
        if (inClass) return 0x08;
        return null;
    }
    // Any other ASCII letter or digit is a PCRE feature (or an error); anything else stands for itself (`\:`, `\/`, `\$`).
    if (/[A-Za-z0-9]/.test(c)) {
      if (inClass) throw this.error(`the escape \\${c} inside a class`, start);
      return null;
    }
    return cp;
  }

  /** `\p{Nd}`, `\p{IsBasicLatin}` (and `\P`) in XSD. */
  private xsdProperty(negated: boolean, start: number): Atoms {
    const name = this.braced(start);
    if (name.startsWith('Is')) {
      const block = UNICODE_BLOCKS.get(name.slice(2));
      if (block === undefined) throw this.error(`\\p{${name}}: no Unicode block is named ${name.slice(2)}`, start);
      return rangeAtoms(negated ? complement(block) : block);
    }
    if (!XSD_CATEGORIES.has(name)) throw this.error(`\\p{${name}}: not a general category or block (XSD Part 2 Appendix F.1.1)`, start);
    return [`\\${negated ? 'P' : 'p'}{${name}}`];
  }

  /** PCRE's `\p{L}`, `\pL`, `\p{^L}`, `\p{L&}`, `\p{Greek}` (a script). */
  private pcreProperty(negated: boolean, start: number): Atoms {
    let name = this.peek() === '{' ? this.braced(start) : String.fromCodePoint(this.take());
    if (name.startsWith('^')) {
      negated = !negated;
      name = name.slice(1);
    }
    const p = negated ? 'P' : 'p';
    if (name === 'L&') return negated ? [`\\P{LC}`] : ['\\p{LC}'];
    if (name === 'Any') return negated ? [] : rangeAtoms([[0, MAX_CODE_POINT]]);
    for (const candidate of [name, `Script=${name}`]) {
      try {
        new RegExp(`\\p{${candidate}}`, 'u');
        return [`\\${p}{${candidate}}`];
      } catch {
        // Not this kind of property.
      }
    }
    throw this.error(`\\p{${name}}: not a Unicode property JavaScript knows`, start);
  }

  private braced(start: number): string {
    if (this.peek() !== '{') throw this.error('\\p without {…}', start);
    this.pos++;
    let name = '';
    while (this.peek() !== '}') {
      if (this.pos >= this.cps.length) throw this.error('\\p{ without its }', start);
      name += String.fromCodePoint(this.take());
    }
    this.pos++;
    return name;
  }

  /** PCRE `\xhh` (0 to 2 hex digits) or `\x{h…}`. */
  private hexEscape(start: number): number {
    if (this.peek() === '{') return this.codeBetweenBraces(16, start);
    let digits = '';
    while (digits.length < 2 && /[0-9A-Fa-f]/.test(this.peek())) digits += String.fromCodePoint(this.take());
    return parseInt(digits || '0', 16);
  }

  private codeBetweenBraces(radix: 8 | 16, start: number): number {
    const text = this.braced(start);
    const valid = radix === 16 ? /^[0-9A-Fa-f]+$/ : /^[0-7]+$/;
    const cp = valid.test(text) ? parseInt(text, radix) : NaN;
    if (!(cp <= MAX_CODE_POINT)) throw this.error(`a code point escape {${text}} that is not a code point`, start);
    return cp;
  }

  // ---- character classes ----------------------------------------------------------

  private charClass(): Piece {
    const src = this.dialect === 'xsd' ? this.xsdClass() : this.pcreClass();
    return { src, single: !src.startsWith('(?!') };
  }

  /**
   * `[…]`, `[^…]`, `[…-[…]]` (XSD Part 2 Appendix F.1): a subtraction
   * `[A-[B]]` matches a character of A that B does not match, `(?!B)A`.
   */
  private xsdClass(): string {
    const start = this.pos;
    this.expect('[');
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    const atoms: Atoms = [];
    let subtracted: string | null = null;
    for (;;) {
      const c = this.peek();
      if (c === '') throw this.error(`'[' without its ']'`, start);
      if (c === ']') break;
      if (c === '-') {
        if (this.peek(1) === '[' && atoms.length > 0) {
          this.pos++;
          subtracted = this.xsdClass();
          if (this.peek() !== ']') throw this.error(`a class subtraction that is not at the end of its class`, start);
          break;
        }
        if (atoms.length === 0 || this.peek(1) === ']') {
          this.pos++;
          atoms.push(classChar(0x2d));
          continue;
        }
        throw this.error(`'-' inside a class other than at its start or end or in a range (write \\-)`);
      }
      if (c === '[') throw this.error(`'[' inside a class (write \\[)`);
      const first = c === '\\' ? this.classEscape(true) : this.take();
      if (typeof first !== 'number') {
        atoms.push(...(first ?? []));
        continue;
      }
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '[' && this.peek(1) !== '') {
        this.pos++;
        const endAt = this.pos;
        if (this.peek() === '-') throw this.error(`'-' as the end of a range (write \\-)`);
        const last = this.peek() === '\\' ? this.classEscape(true) : this.take();
        if (typeof last !== 'number') throw this.error('a range that ends in a multi-character escape', endAt);
        if (last < first) throw this.error('a range whose end is below its start', endAt);
        atoms.push(...rangeAtoms([[first, last]]));
      } else atoms.push(classChar(first));
    }
    if (atoms.length === 0) throw this.error('an empty class', start);
    this.expect(']');
    const base = `[${negated ? '^' : ''}${atoms.join('')}]`;
    return subtracted === null ? base : `(?!${subtracted})${base}`;
  }

  /** PCRE's `[…]`: `]` first is literal, POSIX `[:alpha:]`, class escapes, no subtraction. */
  private pcreClass(): string {
    const start = this.pos;
    this.expect('[');
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    const atoms: Atoms = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === '') throw this.error(`'[' without its ']'`, start);
      if (c === ']' && !first) break;
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.pattern.slice(this.offsetOf(this.pos)));
      if (posix !== null) {
        const set = POSIX_CLASSES[posix[2] as string];
        if (set === undefined) throw this.error(`unknown POSIX class [:${posix[2]}:]`);
        this.pos += posix[0].length;
        atoms.push(...rangeAtoms(posix[1] === '^' ? complement(set) : set));
        continue;
      }
      const lo = c === '\\' ? this.classEscape(true) : this.take();
      if (lo === null) throw this.error('an escape PCRE does not allow inside a class');
      if (typeof lo !== 'number') {
        atoms.push(...lo);
        continue;
      }
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '') {
        const dash = this.pos;
        this.pos++;
        const hi = this.peek() === '\\' ? this.classEscape(true) : this.take();
        if (typeof hi !== 'number') {
          // `[a-\d]`: the '-' is literal.
          atoms.push(classChar(lo), classChar(0x2d), ...(hi ?? []));
          continue;
        }
        if (hi < lo) throw this.error('a range whose end is below its start', dash);
        atoms.push(...rangeAtoms([[lo, hi]]));
      } else atoms.push(classChar(lo));
    }
    this.expect(']');
    if (atoms.length === 0) return negated ? '[^]' : '[]';
    return `[${negated ? '^' : ''}${atoms.join('')}]`;
  }
}

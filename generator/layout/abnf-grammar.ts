/**
 * The syntax half of `.abnf`/`.abnfb` (abnf.ts translates): an RFC 9165 §3
 * controller, one ABNF element and then the rules it uses (RFC 5234 with
 * RFC 7405's `%s`/`%i`), parsed to a plain grammar with positions, and its
 * references checked. Every error carries its line and column in the
 * controller text.
 */
import { type Citation, citing } from '../diagnostics.js';

/** A grammar that is invalid, or valid but not a regular expression; `line` and `col` (1-based) are in the controller text. */
export class AbnfError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly col: number,
    /** A resource limit reached (nesting), not a grammar RFC 5234 refuses. */
    readonly limit = false,
  ) {
    super(`${line}:${col}: ${reason}`);
    this.name = 'AbnfError';
  }
}

/** The core rules of RFC 5234 Appendix B.1. */
export const RFC5234_CORE_RULES = [
  'ALPHA = %x41-5A / %x61-7A',
  'BIT = "0" / "1"',
  'CHAR = %x01-7F',
  'CR = %x0D',
  'CRLF = CR LF',
  'CTL = %x00-1F / %x7F',
  'DIGIT = %x30-39',
  'DQUOTE = %x22',
  'HEXDIG = DIGIT / "A" / "B" / "C" / "D" / "E" / "F"',
  'HTAB = %x09',
  'LF = %x0A',
  'LWSP = *(WSP / CRLF WSP)',
  'OCTET = %x00-FF',
  'SP = %x20',
  'VCHAR = %x21-7E',
  'WSP = SP / HTAB',
].join('\n');

/** The largest repetition count a regular expression quantifier takes everywhere; larger ones go to the recogniser. */
export const MAX_COUNT = 0x7fffffff;
/** The deepest nesting of groups and options in a grammar (the CDDL parser's limit for types). */
export const MAX_NESTING = 256;


interface Position {
  line: number;
  col: number;
}

export type AbnfNode =
  | { kind: 'alternation'; options: AbnfNode[] }
  | { kind: 'concatenation'; items: AbnfNode[] }
  | { kind: 'repetition'; min: number; max: number | null; node: AbnfNode }
  | { kind: 'rulename'; name: string; at: Position }
  /** A char-val: case-sensitive only with `%s` (RFC 7405). */
  | { kind: 'string'; text: string; caseSensitive: boolean }
  /** A num-val value or range (`%x41`, `%x41-5A`; `%x41.42` is a concatenation of these). */
  | { kind: 'range'; lo: number; hi: number }
  | { kind: 'prose'; text: string; at: Position };

export interface AbnfRule {
  /** As first defined (rule names are case-insensitive). */
  name: string;
  /** The `=` definition first, then each `=/` in order. */
  alternatives: AbnfNode[];
  at: Position;
  defined: boolean;
}

export interface AbnfGrammar {
  /** The element the string must match (RFC 9165 §3). */
  element: AbnfNode;
  /** By lower-cased name. */
  rules: Map<string, AbnfRule>;
}

const isAlpha = (c: string | undefined) => c !== undefined && /^[A-Za-z]$/.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isWsp = (c: string | undefined) => c === ' ' || c === '\t';

/** Told of a part of the grammar that matches nothing (`3*2"a"`, `%x62-61`): why, and its line and column in the controller. */
export type OnNothing = (reason: string, line: number, col: number) => void;

/**
 * A value beyond every code point and byte: a range of it matches nothing, as a value outside the alphabet does
 * (`%x100` in `.abnfb`), which every reader of a grammar (regular expression, recogniser, sampler) already handles.
 */
const NOTHING: AbnfNode = { kind: 'range', lo: 0x110000, hi: 0x110000 };

/**
 * Reads the controller: one element, then (after a newline) a rule list (RFC 5234 §4, newlines LF or CRLF).
 * A repetition whose minimum is above its maximum and a range whose first value is above its second are valid
 * ABNF that matches nothing (RFC 5234 §3.6 and §3.4 give the repetitions and values between the two, none):
 * they become {@link NOTHING}, and `onNothing` is told.
 */
export function parseController(text: string, onNothing?: OnNothing): AbnfGrammar {
  return new Parser(text, onNothing).controller();
}

class Parser {
  private pos = 0;
  private readonly lineStarts: number[] = [0];
  private readonly rules = new Map<string, AbnfRule>();
  /** How many groups `( … )` and options `[ … ]` are open. */
  private depth = 0;
  /** While reading the controller's first line: white space does not continue onto the next line. */
  private oneLine = false;

  constructor(
    private readonly text: string,
    private readonly onNothing?: OnNothing,
  ) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  controller(): AbnfGrammar {
    while (isWsp(this.peek())) this.pos++;
    if (this.atEnd() || this.atNewline()) this.fail('expected the element to match (a rule name, for instance) before the grammar', this.pos, 'RFC 9165 §3');
    // Usually one rule name; RFC 9581 writes an alternation (`"time-zone-name / time-numoffset" .det IXDTFtz`). It ends with its line.
    this.oneLine = true;
    const element = this.alternation();
    this.oneLine = false;
    while (isWsp(this.peek())) this.pos++;
    if (!this.atEnd() && !this.lineEnd()) {
      this.fail(`expected a newline after the element to match, not ${this.describe(this.pos)} (RFC 9165 §3: the controller is an element such as a rule name, then the rules on the lines after it)`, this.pos, null);
    }
    this.ruleList();
    for (const rule of this.rules.values()) {
      if (!rule.defined) this.fail(`'=/' adds alternatives to rule '${rule.name}', which is never defined with '='`, rule.at, 'RFC 5234 §3.3');
    }
    return { element, rules: this.rules };
  }

  private ruleList(): void {
    while (!this.atEnd()) {
      const c = this.peek();
      if (isAlpha(c)) {
        this.rule();
        continue;
      }
      // A blank or comment-only line.
      while (isWsp(this.peek())) this.pos++;
      if (this.lineEnd() || this.atEnd()) continue;
      const start = this.text.lastIndexOf('\n', this.pos - 1) + 1;
      const hint = isWsp(this.text[start]) && start < this.pos ? '; a rule must start at the beginning of its line: dedent the grammar, with .det for instance' : '';
      this.fail(`expected a rule name at the start of the line, not ${this.describe(this.pos)}${hint}`, this.pos, 'RFC 5234 §4: rule');
    }
  }

  private rule(): void {
    const at = this.position(this.pos);
    const name = this.rulename();
    this.skipCwsp();
    let incremental = false;
    if (this.text.startsWith('=/', this.pos)) {
      incremental = true;
      this.pos += 2;
    } else if (this.peek() === '=') this.pos++;
    else this.fail(`expected '=' or '=/' after the rule name '${name}', not ${this.describe(this.pos)}`, this.pos, 'RFC 5234 §4: defined-as');
    this.skipCwsp();
    const body = this.alternation();
    this.skipCwsp();
    if (!this.atEnd() && !this.lineEnd()) this.fail(`expected the end of rule '${name}', not ${this.describe(this.pos)}`, this.pos, 'RFC 5234 §4: rule');
    const key = name.toLowerCase();
    const known = this.rules.get(key);
    if (known === undefined) {
      this.rules.set(key, { name, alternatives: [body], at, defined: !incremental });
    } else if (incremental) {
      known.alternatives.push(body);
    } else if (known.defined) {
      this.fail(`rule '${name}' is defined twice; use '=/' to add alternatives`, at, 'RFC 5234 §3.3');
    } else {
      // `=/` came first: the `=` definition still goes first.
      known.alternatives.unshift(body);
      known.defined = true;
      known.at = at;
    }
  }

  private rulename(): string {
    const start = this.pos;
    this.pos++;
    while (isAlpha(this.peek()) || isDigit(this.peek()) || this.peek() === '-') this.pos++;
    return this.text.slice(start, this.pos);
  }

  private alternation(): AbnfNode {
    const options = [this.concatenation()];
    for (;;) {
      const save = this.pos;
      this.skipCwsp();
      if (this.peek() !== '/') {
        this.pos = save;
        break;
      }
      this.pos++;
      this.skipCwsp();
      options.push(this.concatenation());
    }
    return options.length === 1 ? (options[0] as AbnfNode) : { kind: 'alternation', options };
  }

  private concatenation(): AbnfNode {
    const items = [this.repetition()];
    for (;;) {
      const save = this.pos;
      const spaced = this.skipCwsp();
      const c = this.peek();
      const startsRepetition = isAlpha(c) || isDigit(c) || (c !== undefined && '*(["%<'.includes(c));
      if (!startsRepetition) {
        this.pos = save;
        break;
      }
      if (!spaced) this.fail(`expected white space between two elements, before ${this.describe(this.pos)}`, this.pos, 'RFC 5234 §4: concatenation');
      items.push(this.repetition());
    }
    return items.length === 1 ? (items[0] as AbnfNode) : { kind: 'concatenation', items };
  }

  private repetition(): AbnfNode {
    const start = this.pos;
    const min = this.digits();
    if (this.peek() === '*') {
      this.pos++;
      const max = this.digits();
      const node = this.element();
      const lo = min ?? 0;
      if (max !== null && lo > max) return this.nothing(`repetition ${lo}*${max} matches nothing: its minimum is above its maximum (RFC 5234 §3.6: at least ${lo} and at most ${max} occurrences)`, start);
      return { kind: 'repetition', min: lo, max, node };
    }
    const node = this.element();
    return min === null ? node : { kind: 'repetition', min, max: min, node };
  }

  private digits(): number | null {
    const start = this.pos;
    while (isDigit(this.peek())) this.pos++;
    if (this.pos === start) return null;
    // Past 2^53 − 1 no string is that long anyway: the count means the same there.
    return Math.min(Number(this.text.slice(start, this.pos)), Number.MAX_SAFE_INTEGER);
  }

  private element(): AbnfNode {
    const start = this.pos;
    const c = this.peek();
    if (isAlpha(c)) return { kind: 'rulename', name: this.rulename(), at: this.position(start) };
    if (c === '(' || c === '[') {
      // As deep as the CDDL parser allows types to nest; deeper would overflow the stack here and in the emitter.
      if (++this.depth > MAX_NESTING) {
        const p = this.position(start);
        throw new AbnfError(`groups and options nested more than ${MAX_NESTING} levels deep`, p.line, p.col, true);
      }
      this.pos++;
      this.skipCwsp();
      const inner = this.alternation();
      this.depth--;
      this.skipCwsp();
      const close = c === '(' ? ')' : ']';
      if (this.peek() !== close) this.fail(`expected '${close}' to close the ${c === '(' ? 'group' : 'option'} opened at ${this.where(start)}, not ${this.describe(this.pos)}`, this.pos, c === '(' ? 'RFC 5234 §4: group' : 'RFC 5234 §4: option');
      this.pos++;
      return c === '(' ? inner : { kind: 'repetition', min: 0, max: 1, node: inner };
    }
    if (c === '"') return this.quoted(false);
    if (c === '%') {
      const kind = this.text[this.pos + 1]?.toLowerCase();
      if ((kind === 's' || kind === 'i') && this.text[this.pos + 2] === '"') {
        this.pos += 2;
        return this.quoted(kind === 's');
      }
      if (kind === 'b' || kind === 'd' || kind === 'x') return this.numVal(kind);
      this.fail(`expected %x, %d, %b, %s"…" or %i"…", not ${this.describe(this.pos)}`, this.pos, 'RFC 5234 §4: num-val');
    }
    if (c === '<') {
      const end = this.text.indexOf('>', this.pos);
      const text = end < 0 ? '' : this.text.slice(this.pos + 1, end);
      if (end < 0 || !/^[\x20-\x3d\x3f-\x7e]*$/.test(text)) this.fail("a prose value '<' without its closing '>' on the line", this.pos, 'RFC 5234 §4: prose-val');
      this.pos = end + 1;
      return { kind: 'prose', text, at: this.position(start) };
    }
    return this.fail(`expected an element (a rule name, "…", %x…, ( … ), [ … ]), not ${this.describe(this.pos)}`, this.pos, 'RFC 5234 §4: element');
  }

  /** A quoted string: SP and visible ASCII but `"` (RFC 5234 char-val). */
  private quoted(caseSensitive: boolean): AbnfNode {
    const start = this.pos;
    this.pos++;
    while (!this.atEnd() && this.peek() !== '"') {
      const code = this.text.charCodeAt(this.pos);
      if (code < 0x20 || code > 0x7e) this.fail(`${this.describe(this.pos)} inside a quoted string, which may hold only space and visible ASCII characters; use %x… for others`, this.pos, 'RFC 5234 §4: char-val');
      this.pos++;
    }
    if (this.atEnd()) this.fail('a quoted string without its closing \'"\'', start, 'RFC 5234 §4: char-val');
    const text = this.text.slice(start + 1, this.pos);
    this.pos++;
    return { kind: 'string', text, caseSensitive };
  }

  /** `%x41`, `%x41-5A`, `%x41.42.43` (and `%d`, `%b`). */
  private numVal(base: 'b' | 'd' | 'x'): AbnfNode {
    const start = this.pos;
    this.pos += 2;
    const radix = base === 'b' ? 2 : base === 'd' ? 10 : 16;
    const digit = base === 'b' ? /^[01]$/ : base === 'd' ? /^[0-9]$/ : /^[0-9A-Fa-f]$/;
    const number = (): number => {
      const from = this.pos;
      while (digit.test(this.peek() ?? '')) this.pos++;
      if (this.pos === from) this.fail(`expected a ${radix === 2 ? 'binary' : radix === 10 ? 'decimal' : 'hexadecimal'} digit in %${base}…, not ${this.describe(this.pos)}`, this.pos, radix === 2 ? 'RFC 5234 §4: bin-val' : radix === 10 ? 'RFC 5234 §4: dec-val' : 'RFC 5234 §4: hex-val');
      // Beyond any code point anyway: an approximate number compares the same.
      return parseInt(this.text.slice(from, this.pos), radix);
    };
    const first = number();
    if (this.peek() === '-') {
      this.pos++;
      const hi = number();
      if (hi < first) return this.nothing(`range ${this.text.slice(start, this.pos)} matches nothing: its first value is above its second (RFC 5234 §3.4: the values from the first to the second)`, start);
      return { kind: 'range', lo: first, hi };
    }
    const values = [first];
    while (this.peek() === '.') {
      this.pos++;
      values.push(number());
    }
    const items = values.map((v): AbnfNode => ({ kind: 'range', lo: v, hi: v }));
    return items.length === 1 ? (items[0] as AbnfNode) : { kind: 'concatenation', items };
  }

  /**
   * `*c-wsp`: white space, and line ends (comment or newline) followed by
   * white space, which continue the rule. True when something was skipped.
   */
  private skipCwsp(): boolean {
    const start = this.pos;
    for (;;) {
      if (isWsp(this.peek())) {
        this.pos++;
        continue;
      }
      const after = this.oneLine ? null : this.lineEndAt(this.pos);
      if (after !== null && isWsp(this.text[after])) {
        this.pos = after;
        continue;
      }
      return this.pos > start;
    }
  }

  /**
   * Where a comment or newline at `at` ends (after its newline), or null when there is none; a comment may end the
   * text. A comment may hold any character but a line end: RFC 5234 §4's `comment = ";" *(WSP / VCHAR) CRLF` takes
   * visible ASCII only, but a comment decides nothing, and grammars written in CDDL text (names, quotes) have more.
   */
  private lineEndAt(at: number): number | null {
    let i = at;
    if (this.text[i] === ';') {
      while (i < this.text.length && this.text[i] !== '\n' && this.text[i] !== '\r') i++;
      if (i === this.text.length) return i;
    }
    if (this.text[i] === '\n') return i + 1;
    if (this.text[i] === '\r') {
      if (this.text[i + 1] === '\n') return i + 2;
      this.fail('a carriage return not followed by a line feed', i, 'RFC 5234 §4: c-nl');
    }
    return null;
  }

  /** Consumes a comment or newline (`c-nl`), if there is one. */
  private lineEnd(): boolean {
    const after = this.lineEndAt(this.pos);
    if (after === null) return false;
    this.pos = after;
    return true;
  }

  private atNewline(): boolean {
    return this.peek() === '\n' || this.peek() === '\r';
  }

  private atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private describe(at: number): string {
    if (at >= this.text.length) return 'the end of the grammar';
    const c = String.fromCodePoint(this.text.codePointAt(at) as number);
    if (c === '\n' || c === '\r') return 'the end of the line';
    return /^[\x21-\x7e]$/.test(c) ? `'${c}'` : `U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
  }

  private position(at: number): Position {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if ((this.lineStarts[mid] as number) <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: at - (this.lineStarts[lo] as number) + 1 };
  }

  private where(at: number): string {
    const p = this.position(at);
    return `${p.line}:${p.col}`;
  }

  /** A part that matches nothing (valid ABNF): said, and read as {@link NOTHING}. */
  private nothing(reason: string, at: number): AbnfNode {
    const p = this.position(at);
    this.onNothing?.(reason, p.line, p.col);
    return NOTHING;
  }

  /** An error at `at`; the message cites the rule of ABNF it breaks, or `null` for this generator's limits and reasons that cite their own. */
  private fail(reason: string, at: number | Position, cites: Citation | null): never {
    const p = typeof at === 'number' ? this.position(at) : at;
    throw new AbnfError(cites === null ? reason : citing(reason, cites), p.line, p.col);
  }
}

/** Every rule name used anywhere in the controller must be defined in it (RFC 9165 §3). */
export function checkReferences(grammar: AbnfGrammar): void {
  const visit = (node: AbnfNode): void => {
    switch (node.kind) {
      case 'alternation':
        return node.options.forEach(visit);
      case 'concatenation':
        return node.items.forEach(visit);
      case 'repetition':
        return visit(node.node);
      case 'rulename':
        if (!grammar.rules.has(node.name.toLowerCase())) {
          const core = RFC5234_CORE_RULES.split('\n').find((line) => line.toLowerCase().startsWith(`${node.name.toLowerCase()} =`));
          const hint = core === undefined ? ' (RFC 9165 §3: the grammar defines every rule it uses)' : ` (RFC 9165 §3: core rules are not imported implicitly; add '${core}' to the grammar, with .cat for instance)`;
          throw new AbnfError(`rule '${node.name}' is not defined${hint}`, node.at.line, node.at.col);
        }
        return;
      default:
        return;
    }
  };
  visit(grammar.element);
  for (const rule of grammar.rules.values()) rule.alternatives.forEach(visit);
}

/** The rule names a node uses, in order (nodes nest at most MAX_NESTING deep). */
export function referencesIn(node: AbnfNode): Extract<AbnfNode, { kind: 'rulename' }>[] {
  switch (node.kind) {
    case 'rulename':
      return [node];
    case 'alternation':
      return node.options.flatMap(referencesIn);
    case 'concatenation':
      return node.items.flatMap(referencesIn);
    case 'repetition':
      return referencesIn(node.node);
    default:
      return [];
  }
}

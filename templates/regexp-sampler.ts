/**
 * Draws strings that a regular expression matches whole: the test-data
 * generators' answer to `.regexp`, `.abnf` and `.abnfb` (the generator
 * translates all three to JavaScript regular expression source for the `u`
 * flag, docs/program.md).
 *
 * It reads the subset those translations write: literals and escapes,
 * classes (ranges, `\d \w \s`, `\p{…}` and their negations), `.`,
 * alternation, groups, quantifiers (greedy or lazy) and lookarounds. A
 * lookahead right before a character (`(?![aeiou])[a-z]`, how XSD's class
 * subtraction is translated) restricts that character; other lookarounds and
 * anchors are only checked. Every string drawn is checked against the whole
 * pattern; the caller retries or gives up when it does not match.
 *
 * Emitted next to a generated module with its test-data generators; needs
 * only pattern-automata.ts (and what it imports) at run time, for patterns a
 * backtracking engine may take more than linear time on.
 */
import { backtracksBadly, matchesWhole } from './pattern-automata.js';

/** An integer in 0 … below − 1, drawn by the caller's random source. */
export type Draw = (below: number) => number;

/** A pattern this sampler cannot read (a backreference, a construct of another dialect). */
export class PatternSyntaxError extends Error {}

type Node =
  | { kind: 'char'; cp: number }
  /** One character from a class (or `.`, `\d`, …): `items` to draw from when known, `test` to check it. */
  | { kind: 'set'; items: ClassItem[] | null; test: RegExp }
  | { kind: 'alt'; options: Node[][] }
  | { kind: 'repeat'; node: Node; min: number; max: number | null }
  /** A lookaround, anchor or word boundary: draws nothing. */
  | { kind: 'empty' };

type ClassItem = { lo: number; hi: number };

/** Characters tried for classes that list no ranges to draw from (`[^…]`, `\P{…}`, `\S`): ASCII, then some of every script and plane. */
const POOL: readonly number[] = (() => {
  const pool = [0x09, 0x0a, 0x0d];
  for (let cp = 0x20; cp < 0x7f; cp++) pool.push(cp);
  pool.push(0xa0, 0xb7, 0xc9, 0xdf, 0xe9, 0xff, 0x101, 0x2bc, 0x3a9, 0x436, 0x5d0, 0x663, 0x966, 0x2028, 0x20ac, 0x3042, 0x4e2d, 0xac00, 0xff10, 0x1d400, 0x1f600, 0x20000);
  return pool;
})();

/** Every byte value: the pool for patterns over bytes. */
const BYTE_POOL: readonly number[] = Array.from({ length: 256 }, (_, i) => i);

/** How many more repetitions than the minimum an unbounded quantifier draws at most. */
const EXTRA_REPEATS = 4;

/** A pattern ready to draw from, parsed once. */
export class PatternSampler {
  private readonly root: Node;
  private readonly whole: RegExp;
  /** Whether {@link matches} follows the automaton rather than the RegExp (backtracksBadly). */
  private readonly linear: boolean;
  private readonly maxCodePoint: number;
  /** The pattern's source, as given. */
  readonly source: string;

  /**
   * @param source JavaScript regular expression source for the `u` flag, matched whole
   * @param alphabet `text` for strings, `bytes` for byte strings read as latin1 (code points 0 … 255)
   * @throws PatternSyntaxError for what the sampler does not read
   */
  constructor(source: string, alphabet: 'text' | 'bytes') {
    this.source = source;
    this.whole = new RegExp(`^(?:${source})$`, 'u');
    this.linear = backtracksBadly(source);
    this.maxCodePoint = alphabet === 'bytes' ? 0xff : 0x10ffff;
    this.root = new Parser(source).parse();
  }

  /** True when the pattern matches `text` whole (in time linear in the text where a backtracking engine may not be: pattern-automata.ts). */
  matches(text: string): boolean {
    return this.linear ? matchesWhole(this.source, text) : this.whole.test(text);
  }

  /** A string drawn from the pattern, or null when the draw failed (a lookaround, a class with nothing to draw); check it with {@link matches}. */
  draw(draw: Draw): string | null {
    const out: number[] = [];
    if (!this.node(this.root, draw, out)) return null;
    return String.fromCodePoint(...out);
  }

  private node(node: Node, draw: Draw, out: number[]): boolean {
    switch (node.kind) {
      case 'char':
        if (node.cp > this.maxCodePoint) return false;
        out.push(node.cp);
        return true;
      case 'set': {
        const cp = this.drawFromSet(node, draw);
        if (cp === null) return false;
        out.push(cp);
        return true;
      }
      case 'alt': {
        const option = node.options[draw(node.options.length)]!;
        for (const n of option) if (!this.node(n, draw, out)) return false;
        return true;
      }
      case 'repeat': {
        const extra = node.max === null ? EXTRA_REPEATS : Math.min(node.max - node.min, EXTRA_REPEATS);
        const count = node.min + draw(extra + 1);
        for (let i = 0; i < count; i++) if (!this.node(node.node, draw, out)) return false;
        return true;
      }
      case 'empty':
        return true;
    }
  }

  /** A character of a class: from its ranges when it lists them, else from the pool; null when none fits. */
  private drawFromSet(node: Extract<Node, { kind: 'set' }>, draw: Draw): number | null {
    const max = this.maxCodePoint;
    if (node.items !== null) {
      const items = node.items.filter((r) => r.lo <= max);
      for (let attempt = 0; attempt < 8 && items.length > 0; attempt++) {
        const range = items[draw(items.length)]!;
        const hi = Math.min(range.hi, max);
        // Ranges are wide (\p{…} spans planes): half the draws stay near its start, where the common characters are.
        const span = draw(2) === 0 ? Math.min(hi - range.lo, 0x7f) : hi - range.lo;
        const cp = range.lo + draw(span + 1);
        if ((cp < 0xd800 || cp > 0xdfff) && node.test.test(String.fromCodePoint(cp))) return cp;
      }
    }
    const pool = (max === 0xff ? BYTE_POOL : POOL).filter((cp) => node.test.test(String.fromCodePoint(cp)));
    return pool.length === 0 ? null : pool[draw(pool.length)]!;
  }
}

/** Escapes that stand for one character. */
const CONTROL_ESCAPES: Readonly<Record<string, number>> = { n: 0x0a, r: 0x0d, t: 0x09, f: 0x0c, v: 0x0b, '0': 0 };

/** Ranges to draw from for the class escapes (a subset is enough: every draw is checked). */
const CLASS_ESCAPE_ITEMS: Readonly<Record<string, ClassItem[]>> = {
  d: [{ lo: 0x30, hi: 0x39 }],
  w: [
    { lo: 0x61, hi: 0x7a },
    { lo: 0x41, hi: 0x5a },
    { lo: 0x30, hi: 0x39 },
    { lo: 0x5f, hi: 0x5f },
  ],
  s: [
    { lo: 0x20, hi: 0x20 },
    { lo: 0x09, hi: 0x0a },
  ],
};

/** Reads regular expression source (the `u` flag's syntax) into {@link Node}s. */
class Parser {
  private pos = 0;

  private readonly src: string;

  constructor(src: string) {
    this.src = src;
  }

  parse(): Node {
    const node = this.alternation();
    if (this.pos < this.src.length) this.fail(`unexpected '${this.src[this.pos]}'`);
    return node;
  }

  private fail(message: string): never {
    throw new PatternSyntaxError(`${message} at ${this.pos} in /${this.src}/`);
  }

  private alternation(): Node {
    const options: Node[][] = [this.sequence()];
    while (this.src[this.pos] === '|') {
      this.pos++;
      options.push(this.sequence());
    }
    return { kind: 'alt', options };
  }

  private sequence(): Node[] {
    const nodes: Node[] = [];
    while (this.pos < this.src.length && this.src[this.pos] !== '|' && this.src[this.pos] !== ')') {
      const start = this.pos;
      const atom = this.atom();
      const previous = nodes[nodes.length - 1];
      // A lookahead right before a character narrows that character: test both together.
      if (atom.node.kind === 'set' && previous?.kind === 'empty' && atom.lookahead === false && this.lastLookahead !== null) {
        atom.node = { kind: 'set', items: atom.node.items, test: new RegExp(`^(?:${this.lastLookahead}${this.src.slice(start, this.pos)})$`, 'u') };
      }
      this.lastLookahead = atom.lookahead === false ? null : atom.lookahead;
      nodes.push(this.quantified(atom.node));
    }
    return nodes;
  }

  /** The source of the lookahead just read, when the last atom was one. */
  private lastLookahead: string | null = null;

  private quantified(node: Node): Node {
    const c = this.src[this.pos];
    let min: number;
    let max: number | null;
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      [min, max] = c === '*' ? [0, null] : c === '+' ? [1, null] : [0, 1];
    } else if (c === '{' && /^\{\d+(,\d*)?\}/.test(this.src.slice(this.pos))) {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos))!;
      this.pos += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? null : Number(m[3]);
    } else return node;
    if (this.src[this.pos] === '?') this.pos++; // lazy: the same strings
    return { kind: 'repeat', node, min, max };
  }

  /** One atom; `lookahead` is its source when it is a lookahead `(?=…)` / `(?!…)`, else false. */
  private atom(): { node: Node; lookahead: string | false } {
    const start = this.pos;
    const c = this.src[this.pos]!;
    if (c === '(') {
      this.pos++;
      let lookaround = false;
      let lookahead = false;
      const rest = this.src.slice(this.pos);
      if (rest.startsWith('?:')) this.pos += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!')) {
        this.pos += 2;
        lookaround = lookahead = true;
      } else if (rest.startsWith('?<=') || rest.startsWith('?<!')) {
        this.pos += 3;
        lookaround = true;
      } else if (rest.startsWith('?<')) {
        const end = this.src.indexOf('>', this.pos);
        if (end < 0) this.fail('unterminated group name');
        this.pos = end + 1;
      } else if (rest.startsWith('?')) this.fail('unsupported group');
      const inner = this.alternation();
      if (this.src[this.pos] !== ')') this.fail("expected ')'");
      this.pos++;
      if (lookaround) return { node: { kind: 'empty' }, lookahead: lookahead ? this.src.slice(start, this.pos) : false };
      return { node: inner, lookahead: false };
    }
    this.pos++;
    switch (c) {
      case '.':
        return { node: { kind: 'set', items: [{ lo: 0x20, hi: 0x7e }, { lo: 0xa0, hi: 0x2ff }], test: /^.$/u }, lookahead: false };
      case '^':
      case '$':
        return { node: { kind: 'empty' }, lookahead: false };
      case '[':
        return { node: this.charClass(start), lookahead: false };
      case '\\':
        return { node: this.escape(start), lookahead: false };
      default: {
        const cp = this.src.codePointAt(start)!;
        this.pos = start + String.fromCodePoint(cp).length;
        return { node: { kind: 'char', cp }, lookahead: false };
      }
    }
  }

  /** After a backslash outside a class. */
  private escape(start: number): Node {
    const c = this.src[this.pos];
    if (c === 'b' || c === 'B') {
      this.pos++;
      return { kind: 'empty' };
    }
    if (c !== undefined && /[1-9k]/.test(c)) this.fail('backreferences are not supported');
    const item = this.escapeItem();
    if (typeof item === 'number') return { kind: 'char', cp: item };
    return { kind: 'set', items: item, test: new RegExp(`^${this.src.slice(start, this.pos)}$`, 'u') };
  }

  /** After a backslash: one code point, or the ranges to draw from for a class escape (null: draw from the pool). */
  private escapeItem(): number | ClassItem[] | null {
    const c = this.src[this.pos];
    if (c === undefined) this.fail('pattern ends with a backslash');
    this.pos++;
    if (c in CLASS_ESCAPE_ITEMS) return CLASS_ESCAPE_ITEMS[c]!;
    if (c === 'D' || c === 'W' || c === 'S') return null;
    if (c === 'p' || c === 'P') {
      const m = /^\{[^}]*\}/.exec(this.src.slice(this.pos));
      if (m === null) this.fail('expected {…} after \\p');
      this.pos += m[0].length;
      return null;
    }
    if (c in CONTROL_ESCAPES) return CONTROL_ESCAPES[c]!;
    if (c === 'c') return this.src.charCodeAt(this.pos++) % 32;
    if (c === 'x') return this.hex(/^[0-9a-fA-F]{2}/);
    if (c === 'u') {
      if (this.src[this.pos] === '{') {
        const cp = this.hex(/^\{[0-9a-fA-F]+\}/);
        return cp;
      }
      return this.hex(/^[0-9a-fA-F]{4}/);
    }
    return c.codePointAt(0)!;
  }

  private hex(form: RegExp): number {
    const m = form.exec(this.src.slice(this.pos));
    if (m === null) this.fail('bad hexadecimal escape');
    this.pos += m[0].length;
    return parseInt(m[0].replace(/[{}]/g, ''), 16);
  }

  /** After `[`: the class, with its ranges when it is not negated. */
  private charClass(start: number): Node {
    const negated = this.src[this.pos] === '^';
    if (negated) this.pos++;
    let items: ClassItem[] | null = [];
    while (this.src[this.pos] !== ']') {
      if (this.pos >= this.src.length) this.fail("expected ']'");
      const lo = this.classAtom();
      if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']' && typeof lo === 'number') {
        this.pos++;
        const hi = this.classAtom();
        if (typeof hi !== 'number') this.fail('a range ends in a class escape');
        items?.push({ lo, hi });
      } else if (typeof lo === 'number') items?.push({ lo, hi: lo });
      else if (lo === null) items = null;
      else items?.push(...lo);
    }
    this.pos++;
    return { kind: 'set', items: negated ? null : items, test: new RegExp(`^${this.src.slice(start, this.pos)}$`, 'u') };
  }

  private classAtom(): number | ClassItem[] | null {
    const c = this.src[this.pos];
    if (c === '\\') {
      this.pos++;
      if (this.src[this.pos] === 'b') {
        this.pos++;
        return 0x08;
      }
      return this.escapeItem();
    }
    const cp = this.src.codePointAt(this.pos)!;
    this.pos += String.fromCodePoint(cp).length;
    return cp;
  }
}

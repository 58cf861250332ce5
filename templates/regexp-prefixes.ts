/**
 * The proper prefixes of a regular expression's words, as another regular expression: `t` matches
 * `properPrefixSource(p)` (whole, `u` flag) exactly when some `t + s` with `s` not empty matches `p`.
 * `.printf` needs it for `%.Ns` of a text with a pattern (RFC 9741 §2.3): a printed text N long is
 * the cut value of an argument exactly when it is a value itself or a proper prefix of a longer one.
 *
 * Built on the syntax tree of the pattern (the JavaScript source this generator writes for `.regexp`
 * and `.abnf`: groups, alternations, quantifiers, classes, escapes), by the language identities
 * - a character (class): the empty string (if it matches any character at all);
 * - `r1 r2 … rk`: `pp(r1) | r1 pp(r2) | … | r1 … rk-1 pp(rk)` (nothing when some ri matches nothing);
 * - `r1 | r2`: `pp(r1) | pp(r2)`;
 * - `r{m,n}`: `r{0,n-1} pp(r)` (more repetitions can always complete one, up to n), nothing for n = 0.
 * A lookahead is taken only as the guard of the one character after it (`(?![aeiou])[a-z]`, how a
 * class subtraction is written); other lookarounds, anchors and backreferences give null: no exact
 * prefix pattern is built, and the caller says so.
 */

/**
 * A pattern's syntax tree: a character (class, escape, guarded character) by its source, a sequence, an alternation, a repetition (max null: unbounded);
 * only from {@link assertionTree}, a lookaround (`ahead` or behind, `negative` or not) with its pattern, which anchors and word boundaries become.
 */
export type PatternNode =
  | { kind: 'char'; source: string; empty: boolean }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'repeat'; node: Node; min: number; max: number | null }
  | { kind: 'look'; ahead: boolean; negative: boolean; node: Node };

type Node = PatternNode;

class Unsupported extends Error {}

/** The syntax tree of a pattern this generator writes (matched whole, `u` flag), or null where it has an anchor, a lookaround other than a guard of one character, a backreference or other syntax this reader does not take. */
export function patternTree(source: string): PatternNode | null {
  return tree(source, false);
}

/**
 * The syntax tree of a pattern with its assertions as `look` nodes: lookaheads and lookbehinds (a
 * lookahead that guards one character, not repeated, stays a character), `^` as a lookbehind for no
 * character, `$` as a lookahead for none, `\b` and `\B` as lookarounds for `\w`; null where it has a
 * backreference or other syntax this reader does not take.
 */
export function assertionTree(source: string): PatternNode | null {
  return tree(source, true);
}

function tree(source: string, assertions: boolean): PatternNode | null {
  try {
    const parser = new Parser(source, assertions);
    const tree = parser.alternation();
    return parser.at < source.length ? null : tree;
  } catch (error) {
    if (!(error instanceof Unsupported)) throw error;
    return null;
  }
}

const cache = new Map<string, string | null>();

/** The source of the proper prefixes of `source`'s words (matched whole, `u` flag), or null when the pattern has what no prefix pattern is built for. */
export function properPrefixSource(source: string): string | null {
  let known = cache.get(source);
  if (known === undefined && !cache.has(source)) {
    try {
      const tree = patternTree(source);
      if (tree === null) throw new Unsupported();
      known = matchesNothing(tree) ? '[]' : (prefixes(tree) ?? '[]');
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      known = null;
    }
    cache.set(source, known);
  }
  return known ?? null;
}

/** Whether `text` is a proper prefix of a word of `source` (null: not known, see properPrefixSource). */
export function isProperPrefix(source: string, text: string): boolean | null {
  const prefixSource = properPrefixSource(source);
  return prefixSource === null ? null : new RegExp(`^(?:${prefixSource})$`, 'u').test(text);
}

function matchesNothing(node: Node): boolean {
  switch (node.kind) {
    case 'char':
      return node.empty;
    case 'seq':
      return node.items.some(matchesNothing);
    case 'alt':
      return node.options.every(matchesNothing);
    case 'repeat':
      return node.min > 0 && matchesNothing(node.node);
    case 'look':
      throw new Unsupported();
  }
}

/** The source of the node's own language. */
function sourceOf(node: Node): string {
  switch (node.kind) {
    case 'char':
      return node.source;
    case 'seq':
      return node.items.map((item) => (item.kind === 'alt' ? `(?:${sourceOf(item)})` : sourceOf(item))).join('');
    case 'alt':
      return node.options.map(sourceOf).join('|');
    case 'repeat':
      return `(?:${sourceOf(node.node)}){${node.min},${node.max ?? ''}}`;
    case 'look':
      throw new Unsupported();
  }
}

/** The source of the proper prefixes of the node's words; null when there are none. The caller has checked the whole matches something. */
function prefixes(node: Node): string | null {
  switch (node.kind) {
    case 'char':
      return node.empty ? null : '';
    case 'seq': {
      const options: string[] = [];
      for (let i = 0; i < node.items.length; i++) {
        const item = node.items[i] as Node;
        if (matchesNothing(item)) break;
        const own = prefixes(item);
        if (own !== null) options.push(`${sourceOf({ kind: 'seq', items: node.items.slice(0, i) })}(?:${own})`);
      }
      return options.length === 0 ? null : options.join('|');
    }
    case 'alt': {
      const options = node.options.filter((o) => !matchesNothing(o)).map(prefixes).filter((p): p is string => p !== null);
      return options.length === 0 ? null : options.join('|');
    }
    case 'repeat': {
      const own = matchesNothing(node.node) ? null : prefixes(node.node);
      if (own === null || node.max === 0) return null;
      const before = node.max === null ? '*' : `{0,${node.max - 1}}`;
      return `(?:${sourceOf(node.node)})${before}(?:${own})`;
    }
    case 'look':
      throw new Unsupported();
  }
}

/** A recursive-descent reader of the pattern syntax this generator writes; throws Unsupported elsewhere. */
class Parser {
  at = 0;
  private readonly source: string;
  private readonly assertions: boolean;

  constructor(source: string, assertions: boolean) {
    this.source = source;
    this.assertions = assertions;
  }

  alternation(): Node {
    const options = [this.sequence()];
    while (this.source[this.at] === '|') {
      this.at++;
      options.push(this.sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { kind: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') items.push(this.quantified(this.atom()));
    return items.length === 1 ? (items[0] as Node) : { kind: 'seq', items };
  }

  private quantified(node: Node): Node {
    for (;;) {
      const c = this.source[this.at];
      let bounds: [number, number | null] | null = null;
      if (c === '*') bounds = [0, null];
      else if (c === '+') bounds = [1, null];
      else if (c === '?') bounds = [0, 1];
      else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at));
        if (m === null) throw new Unsupported();
        this.at += m[0].length - 1;
        bounds = [Number(m[1]), m[2] === undefined ? Number(m[1]) : m[3] === '' ? null : Number(m[3])];
      }
      if (bounds === null) return node;
      this.at++;
      if (this.source[this.at] === '?') this.at++; // lazy: the same language
      node = { kind: 'repeat', node, min: bounds[0], max: bounds[1] };
    }
  }

  private atom(): Node {
    const s = this.source;
    const c = s[this.at] as string;
    if (c === '(') {
      if (s.startsWith('(?!', this.at) || s.startsWith('(?=', this.at)) {
        if (!this.assertions) return this.guarded();
        const start = this.at;
        try {
          return this.guarded();
        } catch (error) {
          if (!(error instanceof Unsupported)) throw error;
          this.at = start;
          return this.look(true);
        }
      }
      if (this.assertions && (s.startsWith('(?<=', this.at) || s.startsWith('(?<!', this.at))) return this.look(false);
      if (s.startsWith('(?', this.at) && !s.startsWith('(?:', this.at)) throw new Unsupported();
      this.at += s.startsWith('(?:', this.at) ? 3 : 1;
      const inner = this.alternation();
      if (s[this.at] !== ')') throw new Unsupported();
      this.at++;
      return inner;
    }
    if (c === '[') return this.characterClass();
    if (this.assertions && (c === '^' || c === '$' || s.startsWith('\\b', this.at) || s.startsWith('\\B', this.at))) return this.anchor();
    if (c === '\\') return { kind: 'char', source: this.escape(), empty: false };
    if ('^$)|*+?{'.includes(c)) throw new Unsupported();
    const char = String.fromCodePoint(s.codePointAt(this.at) as number);
    this.at += char.length;
    return { kind: 'char', source: char, empty: false };
  }

  /** `(?=x)`, `(?!x)` (ahead), `(?<=x)`, `(?<!x)`: a lookaround of x. */
  private look(ahead: boolean): Node {
    const negative = this.source[this.at + (ahead ? 2 : 3)] === '!';
    this.at += ahead ? 3 : 4;
    const node = this.alternation();
    if (this.source[this.at] !== ')') throw new Unsupported();
    this.at++;
    return { kind: 'look', ahead, negative, node };
  }

  /** `^`: no character before; `$`: none after; `\b`, `\B`: a word character (`\w`) on one side only, or on both or neither. */
  private anchor(): Node {
    const c = this.source[this.at] as string;
    this.at += c === '\\' ? 2 : 1;
    const any: Node = { kind: 'char', source: '[^]', empty: false };
    if (c === '^' || c === '$') return { kind: 'look', ahead: c === '$', negative: true, node: any };
    const word: Node = { kind: 'char', source: '\\w', empty: false };
    const look = (ahead: boolean, negative: boolean): Node => ({ kind: 'look', ahead, negative, node: word });
    const boundary = this.source[this.at - 1] === 'b';
    return { kind: 'alt', options: [{ kind: 'seq', items: [look(false, false), look(true, boundary)] }, { kind: 'seq', items: [look(false, true), look(true, !boundary)] }] };
  }

  /** `(?!x)y` / `(?=x)y` with x and y single characters: one character, y unless x (or and x). */
  private guarded(): Node {
    const start = this.at;
    this.at += 3;
    const inner = this.alternation();
    if (this.source[this.at] !== ')' || inner.kind !== 'char') throw new Unsupported();
    this.at++;
    const next = this.atom();
    // A quantifier after it would repeat the character but not the guard, which holds once: no class says that.
    if (next.kind !== 'char' || '*+?{'.includes(this.source[this.at] ?? '')) throw new Unsupported();
    // Whether the guarded character can be any character at all is not worked out: taken as some.
    return { kind: 'char', source: this.source.slice(start, this.at), empty: false };
  }

  private characterClass(): Node {
    const s = this.source;
    const start = this.at;
    this.at++;
    if (s[this.at] === '^') this.at++;
    while (this.at < s.length && s[this.at] !== ']') this.at += s[this.at] === '\\' ? 2 : 1;
    if (s[this.at] !== ']') throw new Unsupported();
    this.at++;
    const source = s.slice(start, this.at);
    return { kind: 'char', source, empty: source === '[]' };
  }

  private escape(): string {
    const rest = this.source.slice(this.at);
    const m = /^\\(?:u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[pP]\{[^}]*\}|[dDwWsStnrfv0]|[^\dbBkc])/.exec(rest);
    if (m === null || /^\\0\d/.test(rest)) throw new Unsupported();
    this.at += m[0].length;
    return m[0];
  }
}

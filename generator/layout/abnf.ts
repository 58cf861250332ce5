/**
 * The static meaning of `.abnf` and `.abnfb` (RFC 9165 §3): the controller
 * text, an ABNF grammar (RFC 5234 with the `%s`/`%i` strings of RFC 7405),
 * becomes one JavaScript regular expression, matched whole with the `u` flag
 * like a `.regexp` pattern.
 *
 * RFC 9165 §3 makes the controller one ABNF *element* (`oid`, `DIGIT`,
 * `(a / b)`, …), then a newline and zero or more rules: the element is what
 * the string must match, and the rules define the names it uses (the idiom
 * is `("oid" .det grammar)` with the grammar starting on a new line). As
 * there, a newline in the grammar's own syntax may be LF or CRLF, and the
 * core rules of RFC 5234 Appendix B are not imported implicitly: the
 * controller must define every rule it uses (the refusal quotes the core
 * rule's definition, to add with `.cat`).
 *
 * `.abnf` matches the text's code points (Unicode scalar values, so never a
 * surrogate); `.abnfb` matches bytes, which the generated code reads as the
 * code points 0..255 of a string (latin1). A referenced rule is inlined.
 * A grammar no regular expression says (a recursive rule, a count above what
 * a quantifier takes, a pattern too long) becomes data for the recogniser of
 * templates/abnf-recogniser.ts instead (abnf-data.ts). Every error in the
 * grammar is refused, with its line and column in the controller text.
 *
 * A prose value (`<something in words>`, RFC 5234 §4: a last resort that
 * says in words what to match) cannot be checked by a program: it matches
 * any string of the alphabet at that point, which is wider than the author
 * meant but never rejects what they meant, and `onProse` is told (the
 * generator warns).
 */
import { AbnfError, checkReferences, MAX_COUNT, type OnNothing, parseController, referencesIn, type AbnfGrammar, type AbnfNode } from './abnf-grammar.js';
import { grammarData, type AbnfGrammarData } from './abnf-data.js';

export { AbnfError, RFC5234_CORE_RULES } from './abnf-grammar.js';

/** What the grammar's terminals range over: code points of text, or bytes. */
export type AbnfAlphabet = 'text' | 'bytes';

export interface AbnfOptions {
  alphabet: AbnfAlphabet;
  /** The grammar as data for the recogniser even where a regular expression says it (a string whose pattern another control gives). */
  asData?: boolean;
  /** Told of each prose value, which then matches any string: its text, and its line and column in the controller. */
  onProse?: (text: string, line: number, col: number) => void;
  /** Told of each part that matches nothing (`3*2"a"`, `%x62-61`): why, and its line and column in the controller. */
  onNothing?: OnNothing;
}

/** Longest regular expression source produced; inlining can grow a grammar exponentially. */
export const MAX_PATTERN_LENGTH = 100_000;

/**
 * How generated code checks a grammar: a regular expression source (without anchors or flags)
 * matching exactly what the controller's element matches, or, where no regular expression can
 * (a recursive rule, a repetition count above {@link MAX_COUNT}, a pattern longer than
 * {@link MAX_PATTERN_LENGTH}), the grammar as data for templates/abnf-recogniser.ts.
 */
export type AbnfCheck = { pattern: string } | { grammar: AbnfGrammarData };

export function abnfCheck(controller: string, options: AbnfOptions): AbnfCheck {
  const grammar = parseController(controller, options.onNothing);
  checkReferences(grammar);
  // Prose is reported once, by the path that is taken.
  const prose: [string, number, number][] = [];
  if (options.asData === true) return { grammar: grammarData(grammar, options.alphabet, options.onProse) };
  try {
    const pattern = new Translator(grammar, options.alphabet, (...p) => prose.push(p)).pattern();
    for (const p of prose) options.onProse?.(...p);
    return { pattern };
  } catch (error) {
    if (!(error instanceof NotRegular)) throw error;
    return { grammar: grammarData(grammar, options.alphabet, options.onProse) };
  }
}

/** The regular expression source of a grammar a regular expression can check (tests and tools; generated code goes through {@link abnfCheck}). */
export function abnfToRegExp(controller: string, options: AbnfOptions): string {
  const check = abnfCheck(controller, options);
  if ('grammar' in check) throw new Error('abnfToRegExp: the grammar is no regular expression');
  return check.pattern;
}

/** Thrown inside the translation: the grammar is valid, but no regular expression says it. */
class NotRegular extends Error {}

// ---- translation ------------------------------------------------------------------

interface Interval {
  lo: number;
  hi: number;
}

/** A translated node: a set of single characters (a class), or a source with its precedence (`quantified`: an atom with a quantifier, which takes no second one). */
type Piece = { set: Interval[] } | { source: string; level: 'atom' | 'quantified' | 'concatenation' | 'alternation' };

const ALPHABETS: Record<AbnfAlphabet, Interval[]> = {
  // Unicode scalar values: what a text string holds.
  text: [
    { lo: 0, hi: 0xd7ff },
    { lo: 0xe000, hi: 0x10ffff },
  ],
  bytes: [{ lo: 0, hi: 0xff }],
};

class Translator {
  private readonly done = new Map<string, Piece>();
  private readonly active: string[] = [];

  constructor(
    private readonly grammar: AbnfGrammar,
    private readonly alphabet: AbnfAlphabet,
    private readonly onProse: AbnfOptions['onProse'],
  ) {}

  pattern(): string {
    // The rules the element reaches, each after those it uses: translated in that order, each finds
    // its rules done, so a long chain of rules (r1 = r2, r2 = r3, …) does not nest calls.
    for (const ref of this.dependencyOrder()) this.rule(ref);
    return source(this.node(this.grammar.element));
  }

  /** A reference to each rule the element reaches, those a rule uses before it (iterative: chains may be long). */
  private dependencyOrder(): RuleRef[] {
    const order: RuleRef[] = [];
    const state = new Map<string, 'active' | 'done'>();
    const active: RuleRef[] = [];
    const stack: { refs: RuleRef[]; next: number }[] = [{ refs: referencesIn(this.grammar.element), next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { refs: RuleRef[]; next: number };
      if (top.next >= top.refs.length) {
        stack.pop();
        const finished = active.pop();
        if (finished !== undefined) {
          state.set(finished.name.toLowerCase(), 'done');
          order.push(finished);
        }
        continue;
      }
      const ref = top.refs[top.next++] as RuleRef;
      const key = ref.name.toLowerCase();
      const rule = this.grammar.rules.get(key);
      // An undefined rule is reported where it is translated.
      if (rule === undefined || state.get(key) === 'done') continue;
      if (state.get(key) === 'active') {
        const cycle = active.findIndex((r) => r.name.toLowerCase() === key);
        const path = [...active.slice(cycle).map((r) => this.grammar.rules.get(r.name.toLowerCase())?.name ?? r.name), rule.name].join(' → ');
        throw new NotRegular(`rule '${rule.name}' is recursive (${path})`);
      }
      state.set(key, 'active');
      active.push(ref);
      stack.push({ refs: rule.alternatives.flatMap(referencesIn), next: 0 });
    }
    return order;
  }

  private node(node: AbnfNode): Piece {
    const piece = this.translate(node);
    if ('source' in piece && piece.source.length > MAX_PATTERN_LENGTH) {
      throw new NotRegular(`the regular expression would be longer than ${MAX_PATTERN_LENGTH} characters`);
    }
    return piece;
  }

  private translate(node: AbnfNode): Piece {
    switch (node.kind) {
      case 'range':
        return { set: intersect([{ lo: node.lo, hi: node.hi }], ALPHABETS[this.alphabet]) };
      case 'string': {
        const chars = [...node.text].map((c): Piece => {
          const lower = c.toLowerCase();
          const upper = c.toUpperCase();
          const code = (x: string) => x.codePointAt(0) as number;
          return { set: normalise(node.caseSensitive || lower === upper ? [{ lo: code(c), hi: code(c) }] : [{ lo: code(upper), hi: code(upper) }, { lo: code(lower), hi: code(lower) }]) };
        });
        return concatenate(chars);
      }
      case 'alternation': {
        const pieces = node.options.map((o) => this.node(o));
        const sets = pieces.flatMap((p) => ('set' in p ? p.set : []));
        if (pieces.every((p) => 'set' in p)) return { set: normalise(sets) };
        // The single characters become one class, where the first of them was; an empty set (values outside the alphabet) matches nothing.
        const firstSet = pieces.findIndex((p) => 'set' in p);
        const options = pieces.flatMap((p, i) => ('source' in p ? [p.source] : i === firstSet && sets.length > 0 ? [classSource(normalise(sets))] : []));
        const distinct = [...new Set(options)];
        return { source: distinct.join('|'), level: 'alternation' };
      }
      case 'concatenation':
        return concatenate(node.items.map((i) => this.node(i)));
      case 'repetition':
        if (node.min > MAX_COUNT || (node.max ?? 0) > MAX_COUNT) throw new NotRegular(`repetition count above ${MAX_COUNT}`);
        return repeat(this.node(node.node), node.min, node.max);
      case 'rulename':
        return this.rule(node);
      case 'prose':
        // Words a program cannot follow: any string of the alphabet, wider than meant but never narrower.
        this.onProse?.(node.text, node.at.line, node.at.col);
        return repeat({ set: ALPHABETS[this.alphabet] }, 0, null);
    }
  }

  private rule(ref: RuleRef): Piece {
    const key = ref.name.toLowerCase();
    const rule = this.grammar.rules.get(key);
    if (rule === undefined) throw new AbnfError(`rule '${ref.name}' is not defined (RFC 9165 §3: the grammar defines every rule it uses)`, ref.at.line, ref.at.col);
    const done = this.done.get(key);
    if (done !== undefined) return done;
    const cycle = this.active.indexOf(key);
    if (cycle >= 0) {
      const path = [...this.active.slice(cycle), key].map((k) => this.grammar.rules.get(k)?.name ?? k).join(' → ');
      throw new NotRegular(`rule '${rule.name}' is recursive (${path})`);
    }
    this.active.push(key);
    const alternatives = rule.alternatives;
    const piece = this.node(alternatives.length === 1 ? (alternatives[0] as AbnfNode) : { kind: 'alternation', options: alternatives });
    this.active.pop();
    this.done.set(key, piece);
    return piece;
  }
}

type RuleRef = Extract<AbnfNode, { kind: 'rulename' }>;

/** The pattern of the empty string. */
const EMPTY = '(?:)';

function concatenate(all: Piece[]): Piece {
  // An empty string is no part of a concatenation: `"" ( SP / VCHAR )` is the class alone, which an alternation around it
  // merges with its other characters. Left as `(?:)[ -~]`, it made RFC 9193's quoted-string two overlapping alternatives
  // under a star, on which a backtracking engine takes exponential time.
  const pieces = all.filter((p) => !('source' in p && p.source === EMPTY));
  if (pieces.length === 1) return pieces[0] as Piece;
  if (pieces.length === 0) return { source: EMPTY, level: 'atom' };
  const parts = pieces.map((p) => ('set' in p ? classSource(p.set) : p.level === 'alternation' ? `(?:${p.source})` : p.source));
  return { source: parts.join(''), level: 'concatenation' };
}

function repeat(piece: Piece, min: number, max: number | null): Piece {
  if (min === 1 && max === 1) return piece;
  if (max === 0) return { source: EMPTY, level: 'atom' };
  const atom = 'set' in piece ? classSource(piece.set) : piece.level === 'atom' ? piece.source : `(?:${piece.source})`;
  const quantifier = min === 0 && max === null ? '*' : min === 1 && max === null ? '+' : min === 0 && max === 1 ? '?' : min === max ? `{${min}}` : `{${min},${max ?? ''}}`;
  return { source: `${atom}${quantifier}`, level: 'quantified' };
}

function source(piece: Piece): string {
  return 'set' in piece ? classSource(piece.set) : piece.source;
}

/** A set of code points as an atom: one escaped character, or a class (`[]` when empty: matches nothing). */
function classSource(set: Interval[]): string {
  const only = set[0];
  if (set.length === 1 && only !== undefined && only.lo === only.hi) return escape(only.lo);
  return `[${set.map((i) => (i.lo === i.hi ? escape(i.lo) : i.lo + 1 === i.hi ? `${escape(i.lo)}${escape(i.hi)}` : `${escape(i.lo)}-${escape(i.hi)}`)).join('')}]`;
}

/** A code point in a `u`-flag pattern: letters and digits as they are, every other one escaped (so never `/`, a newline or a syntax character). */
function escape(code: number): string {
  if ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return String.fromCharCode(code);
  const hex = code.toString(16).toUpperCase();
  if (code <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\u{${hex}}`;
}

function normalise(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.lo - b.lo);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last !== undefined && i.lo <= last.hi + 1) last.hi = Math.max(last.hi, i.hi);
    else out.push({ ...i });
  }
  return out;
}

function intersect(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const x of a) for (const y of b) if (Math.max(x.lo, y.lo) <= Math.min(x.hi, y.hi)) out.push({ lo: Math.max(x.lo, y.lo), hi: Math.min(x.hi, y.hi) });
  return normalise(out);
}

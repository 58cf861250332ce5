/**
 * `.abnf` and `.abnfb` (RFC 9165 §3) for grammars no regular expression can
 * check: a rule that uses itself (`p = "(" [p] ")"`), or a repetition count
 * too large to write as a quantifier. The generator writes the grammar as
 * plain data ({@link AbnfGrammar}); {@link matchesAbnf} tells whether a text
 * (its code points) or bytes match it whole. Copied beside a generated module
 * only when its schema has such a grammar. No Node-only APIs.
 *
 * The recogniser is Earley's, over the grammar's rules with repetitions
 * rewritten as rules, nullable rules handled as Aycock and Horspool do
 * (predicting a rule that can match nothing also steps over it). It never
 * recurses on the input: one set of items per position, filled by a loop.
 * Time is O(n³·g) at worst for input length n and grammar size g, O(n²·g)
 * for an unambiguous grammar and O(n·g) for most grammars written for
 * protocols (left recursion, nesting, lists); memory is the items, at most
 * O(n²·g).
 */

/** A grammar: the element the string must match (RFC 9165 §3), and the rules it uses by lower-cased name. */
export interface AbnfGrammar {
  readonly element: AbnfItem;
  /** Each rule's alternatives (the `=` definition, then each `=/`), each a sequence of items. */
  readonly rules: Readonly<Record<string, readonly (readonly AbnfItem[])[]>>;
}

/** One element of a sequence. */
export type AbnfItem =
  /** A rule, by lower-cased name. */
  | { readonly rule: string }
  /** A quoted string: exactly these characters with `exact` (`%s"…"`, RFC 7405), else ASCII letters in either case (RFC 5234 §2.3). */
  | { readonly text: string; readonly exact?: true }
  /** One code point (one byte for `.abnfb`) from `lo` to `hi`. */
  | { readonly range: readonly [lo: number, hi: number] }
  /** `min` to `max` (null: any number) of an item, one after another. */
  | { readonly repeat: AbnfItem; readonly min: number; readonly max: number | null }
  /** One of these sequences: a group `( a / b c )`. */
  | { readonly oneOf: readonly (readonly AbnfItem[])[] };

/** What the grammar's terminals range over: a text's code points, or bytes. */
export type AbnfAlphabet = 'text' | 'bytes';

/**
 * Whether `input` matches the grammar's element whole: a text over its code
 * points (a lone surrogate matches nothing), bytes over their values.
 */
export function matchesAbnf(input: string | Uint8Array, grammar: AbnfGrammar): boolean {
  const symbols = typeof input === 'string' ? codePoints(input) : input;
  return symbols !== null && recognise(compiled(grammar), symbols);
}

// ---- the grammar as productions ---------------------------------------------------

/**
 * The grammar as productions over numbered rules, laid out flat: production
 * p's symbols are `symbols[start[p]]…`, then END. A symbol ≥ 0 is a rule; a
 * negative one is terminal `-1 - s`, a sorted list of ranges `lo, hi, lo, hi…`.
 */
export interface CompiledGrammar {
  readonly symbols: Int32Array;
  /** At each END: the rule its production defines. */
  readonly lhs: Int32Array;
  /** Each rule's productions, as their first positions in `symbols`. */
  readonly productions: readonly (readonly number[])[];
  readonly terminals: readonly (readonly number[])[];
  readonly nullable: readonly boolean[];
  /** The rule the whole input must be. */
  readonly start: number;
}

const END = 0x7fffffff;

const cache = new WeakMap<AbnfGrammar, CompiledGrammar>();

/** The productions of a grammar, made once per grammar object. */
export function compiled(grammar: AbnfGrammar): CompiledGrammar {
  let done = cache.get(grammar);
  if (done === undefined) {
    done = new Compiler(grammar).compile();
    cache.set(grammar, done);
  }
  return done;
}

class Compiler {
  private readonly bodies: number[][][] = [];
  private readonly terminals: number[][] = [];
  private readonly terminalIds = new Map<string, number>();
  private readonly named = new Map<string, number>();
  /** Rules made for repetitions, by what they repeat and how often (`E 7 s`: exactly 7 of symbol s; `U 7 s`: up to 7; `S s`: any number). */
  private readonly made = new Map<string, number>();

  private readonly grammar: AbnfGrammar;

  constructor(grammar: AbnfGrammar) {
    this.grammar = grammar;
  }

  compile(): CompiledGrammar {
    const start = this.newRule([[this.symbol(this.grammar.element)]]);
    const symbols: number[] = [];
    const lhs: number[] = [];
    const productions = this.bodies.map((alternatives, rule) =>
      alternatives.map((body) => {
        const first = symbols.length;
        for (const s of body) {
          symbols.push(s);
          lhs.push(-1);
        }
        symbols.push(END);
        lhs.push(rule);
        return first;
      }),
    );
    return { symbols: Int32Array.from(symbols), lhs: Int32Array.from(lhs), productions, terminals: this.terminals, nullable: this.nullables(), start };
  }

  private newRule(alternatives: number[][]): number {
    this.bodies.push(alternatives);
    return this.bodies.length - 1;
  }

  private sequence(items: readonly AbnfItem[]): number[] {
    return items.flatMap((item) => ('text' in item ? this.text(item.text, item.exact === true) : [this.symbol(item)]));
  }

  private symbol(item: AbnfItem): number {
    if ('rule' in item) return this.rule(item.rule);
    if ('range' in item) return this.terminal([item.range[0], item.range[1]]);
    if ('oneOf' in item) return this.newRule(item.oneOf.map((seq) => this.sequence(seq)));
    if ('text' in item) return this.newRule([this.text(item.text, item.exact === true)]);
    return this.repetition(this.symbol(item.repeat), item.min, item.max);
  }

  private rule(name: string): number {
    const key = name.toLowerCase();
    const known = this.named.get(key);
    if (known !== undefined) return known;
    const alternatives = Object.prototype.hasOwnProperty.call(this.grammar.rules, key) ? this.grammar.rules[key] : undefined;
    // An undefined rule matches nothing (the generator refuses such grammars; data written by hand may still have one).
    const rule = this.newRule([]);
    this.named.set(key, rule);
    if (alternatives !== undefined) this.bodies[rule] = alternatives.map((seq) => this.sequence(seq));
    return rule;
  }

  /** A quoted string, one terminal per character: ASCII letters in either case unless `exact`, as RFC 5234 §2.3 says. */
  private text(text: string, exact: boolean): number[] {
    return Array.from(text, (c) => {
      const code = c.codePointAt(0) as number;
      const upper = c.toUpperCase().codePointAt(0) as number;
      const lower = c.toLowerCase().codePointAt(0) as number;
      if (exact || upper === lower) return this.terminal([code, code]);
      return this.terminal([upper, upper, lower, lower]);
    });
  }

  private terminal(ranges: number[]): number {
    const key = ranges.join(',');
    let id = this.terminalIds.get(key);
    if (id === undefined) {
      id = this.terminals.length;
      this.terminals.push(ranges);
      this.terminalIds.set(key, id);
    }
    return -1 - id;
  }

  /**
   * `min*max s` without writing s out `max` times: exactly n is two halves
   * of n/2, up to k is up to k/2 or else k/2 + 1 and up to the rest, so a
   * count costs O(log count) rules
   * (a count of 99999999999 is 70 or so); any number is left-recursive, the
   * form Earley's recogniser reads in linear time.
   */
  private repetition(s: number, min: number, max: number | null): number {
    const exact = this.exactly(s, min);
    const rest = max === null ? this.any(s) : this.upTo(s, max - min);
    if (rest === null) return exact ?? this.newRule([[]]);
    return exact === null ? rest : this.newRule([[exact, rest]]);
  }

  private exactly(s: number, n: number): number | null {
    if (n === 0) return null;
    if (n === 1) return s;
    return this.memo(`E ${n} ${s}`, () => {
      const half = Math.floor(n / 2);
      const body = [this.exactly(s, half) as number, this.exactly(s, n - half) as number];
      return [body];
    });
  }

  private upTo(s: number, k: number): number | null {
    if (k <= 0) return null;
    if (k === 1) return this.memo(`U 1 ${s}`, () => [[], [s]]);
    // 0…k is 0…h, or h + 1 and then 0…k − h − 1: the two never overlap, so no count has two derivations.
    return this.memo(`U ${k} ${s}`, () => {
      const h = Math.floor(k / 2);
      const low = this.upTo(s, h) as number;
      const rest = this.upTo(s, k - h - 1);
      const high = this.exactly(s, h + 1) as number;
      return [[low], rest === null ? [high] : [high, rest]];
    });
  }

  private any(s: number): number {
    return this.memo(`S ${s}`, (self) => [[], [self, s]]);
  }

  private memo(key: string, body: (self: number) => number[][]): number {
    const known = this.made.get(key);
    if (known !== undefined) return known;
    const rule = this.newRule([]);
    this.made.set(key, rule);
    this.bodies[rule] = body(rule);
    return rule;
  }

  /** Which rules can match the empty string (a fixed point). */
  private nullables(): boolean[] {
    const nullable = this.bodies.map(() => false);
    for (let changed = true; changed; ) {
      changed = false;
      this.bodies.forEach((alternatives, rule) => {
        if (!nullable[rule] && alternatives.some((body) => body.every((s) => s >= 0 && nullable[s]))) {
          nullable[rule] = true;
          changed = true;
        }
      });
    }
    return nullable;
  }
}

// ---- the recogniser ----------------------------------------------------------------

/**
 * Earley's recogniser: set k holds the items (a position in a production,
 * the input position where the production began) that can stand after the
 * first k symbols. Items are numbers, `dot * (n + 1) + origin`, deduplicated
 * per set; each set is filled by a work list, never by recursion.
 */
export function recognise(g: CompiledGrammar, input: ArrayLike<number>): boolean {
  const n = input.length;
  const width = n + 1;
  const sets: number[][] = [];
  let seen = new Set<number>();
  let current: number[] = [];
  const add = (dot: number, origin: number): void => {
    const key = dot * width + origin;
    if (seen.has(key)) return;
    seen.add(key);
    current.push(key);
  };
  for (const first of g.productions[g.start] as number[]) add(first, 0);
  for (let k = 0; ; k++) {
    // Predict and complete until the set stops growing (it grows while it is read).
    for (let i = 0; i < current.length; i++) {
      const item = current[i] as number;
      const dot = Math.floor(item / width);
      const origin = item - dot * width;
      const s = g.symbols[dot] as number;
      if (s === END) {
        const rule = g.lhs[dot] as number;
        // An empty match (origin k) was stepped over when the rule was predicted.
        if (origin === k) continue;
        for (const waiting of sets[origin] as number[]) {
          const wDot = Math.floor(waiting / width);
          if (g.symbols[wDot] === rule) add(wDot + 1, waiting - wDot * width);
        }
      } else if (s >= 0) {
        for (const first of g.productions[s] as number[]) add(first, k);
        if (g.nullable[s]) add(dot + 1, origin);
      }
    }
    sets.push(current);
    if (k === n) break;
    const c = input[k] as number;
    const next: number[] = [];
    const nextSeen = new Set<number>();
    for (const item of current) {
      const dot = Math.floor(item / width);
      const s = g.symbols[dot] as number;
      if (s >= 0) continue;
      if (!inRanges(g.terminals[-1 - s] as number[], c)) continue;
      const key = item + width;
      if (!nextSeen.has(key)) {
        nextSeen.add(key);
        next.push(key);
      }
    }
    if (next.length === 0) return false;
    current = next;
    seen = nextSeen;
  }
  const last = sets[n] as number[];
  return last.some((item) => {
    const dot = Math.floor(item / width);
    return item - dot * width === 0 && g.symbols[dot] === END && g.lhs[dot] === g.start;
  });
}

function inRanges(ranges: readonly number[], c: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) if (c >= (ranges[i] as number) && c <= (ranges[i + 1] as number)) return true;
  return false;
}

/** A text's code points, or null when it holds a lone surrogate (which no ABNF terminal matches: RFC 9165 §3 reads Unicode scalar values). */
function codePoints(text: string): number[] | null {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return null;
      out.push(0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00));
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return null;
    else out.push(c);
  }
  return out;
}

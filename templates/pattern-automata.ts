/**
 * Automata of the patterns this generator writes (JavaScript source, `u` flag, matched whole), for
 * the `.det` check (dedented-patterns.ts) and for matching in time linear in the text where a
 * backtracking engine would not be (`matchesWhole`, `backtracksBadly`): Thompson automata of the syntax tree regexp-prefixes.ts
 * reads, their products (`.and` of patterns and `.ne` of a literal, which the generator writes as
 * lookaheads over the whole text), and the product with a counter of the bytes read, for a side
 * that has a size too (`tstr .size (1..5) .regexp "…"`: the size is in UTF-8 bytes for a text, in
 * bytes for a byte string, whose bytes the pattern reads as latin1).
 *
 * An automaton is plain data: a state reads one character of a class (`test` ≥ 0, the class's
 * source in `sources`) and goes to `next[0]`, or moves without reading (`test` −1) to each of
 * `next`; `accept` is the one accepting state, which has no moves. Past {@link MAX_STATES} states
 * the construction throws a {@link Limit}, which the caller reports as a resource limit.
 *
 * No Node-only APIs.
 */
import { patternTree, type PatternNode } from './regexp-prefixes.js';

/** At most this many states in a pattern's automaton (a repetition count is that many copies). */
export const MAX_STATES = 4096;

/** A construction past a resource limit, with the reason the generator refuses the schema for. */
export class Limit extends Error {
  readonly reason: string;

  constructor(reason: string) {
    super(reason);
    this.reason = reason;
  }
}

/** The tables of an automaton being built ({@link Raw}'s `sources`, `test` and `next`) and the two ways they grow. */
export interface AutomatonTables {
  readonly sources: string[];
  readonly test: number[];
  readonly next: number[][];
  /** A new state that reads test `t` (−1: moves without reading) and goes to `to`; past {@link MAX_STATES} states a {@link Limit}. */
  readonly state: (t: number, to: number[]) => number;
  /** The test of the class written `source`: one test for each source. */
  readonly classOf: (source: string) => number;
}

/** Empty tables of an automaton, whose {@link Limit} past {@link MAX_STATES} states gives `limit` as the reason. */
export function automatonTables(limit: string): AutomatonTables {
  const sources: string[] = [];
  const testIndex = new Map<string, number>();
  const test: number[] = [];
  const next: number[][] = [];
  const state = (t: number, to: number[]): number => {
    if (test.length >= MAX_STATES) throw new Limit(limit);
    test.push(t);
    next.push(to);
    return test.length - 1;
  };
  const classOf = (source: string): number => {
    let t = testIndex.get(source);
    if (t === undefined) {
      t = sources.length;
      sources.push(source);
      testIndex.set(source, t);
    }
    return t;
  };
  return { sources, test, next, state, classOf };
}

export const TOO_MANY_STATES: string = `a pattern whose automaton has more than ${MAX_STATES} states (resource limit)`;
const TOO_MANY_COUNTED = `a pattern and a size whose automaton, counting the bytes read up to the size's bound, has more than ${MAX_STATES} states (resource limit)`;

/**
 * A Thompson automaton: each class by its source. With lookarounds (lookaround-automata.ts), a state
 * whose `test` is −2 − j moves to `next[0]` where lookaround `looks[j]` holds.
 */
export interface Raw {
  sources: string[];
  test: number[];
  next: number[][];
  start: number;
  accept: number;
  looks?: Look[];
}

/**
 * A lookaround: ahead or behind, negative or not, and the automaton of its pattern within the same
 * states (`start` to `accept`); `any`: the pattern is one character of any kind (`$` and `^`);
 * `toEnd`: the automaton reads the rest of the text, and its words are what hold where the text ends.
 */
export interface Look {
  ahead: boolean;
  negative: boolean;
  start: number;
  accept: number;
  any: boolean;
  toEnd?: true;
}

/**
 * The automaton of a pattern without lookarounds, or of `.and` of patterns and `.ne` of a literal
 * (`conjuncts`), or null where it has other syntax. Throws a {@link Limit} past {@link MAX_STATES} states.
 */
export function patternAutomaton(source: string): Raw | null {
  const parts = conjuncts(source);
  return parts === null ? null : parts.map((part) => thompson(part)).reduce(product);
}

/**
 * Whether a backtracking engine (V8's RegExp) may take more than linear time on a pattern: a repetition of more than
 * one whose body holds an alternation or another repetition (`(?:[a-z]|[a-c])*`, `(?:a+)+`), or two unbounded
 * repetitions (`\d*\d*x` is quadratic). Generated checks, the general matcher and the test-data generator match such
 * patterns with {@link matchesWhole}; null-safe: a pattern the reader does not take is not one of them.
 */
export function backtracksBadly(source: string): boolean {
  const parts = conjuncts(source);
  if (parts === null) return false;
  let unbounded = 0;
  const branches = (node: PatternNode): boolean =>
    node.kind === 'alt' ? node.options.length > 1 || node.options.some(branches) : node.kind === 'repeat' ? node.max === null || node.max > 1 || branches(node.node) : node.kind === 'seq' ? node.items.some(branches) : false;
  const risky = (node: PatternNode): boolean => {
    switch (node.kind) {
      case 'repeat':
        if (node.max === null) unbounded++;
        return ((node.max === null || node.max > 1) && branches(node.node)) || risky(node.node);
      case 'seq':
        return node.items.some(risky);
      case 'alt':
        return node.options.some(risky);
      default:
        return false;
    }
  };
  return parts.some(risky) || unbounded > 1;
}

/** What {@link matchesWhole} keeps of a pattern: its automaton and a test per class, or null where it has none. */
const wholeMatchers = new Map<string, { raw: Raw; tests: RegExp[] } | null>();

/**
 * Whether the whole of `text` is a word of `source` (a pattern this generator writes, `u` flag), in time linear in the
 * text: the automaton's states are followed together, one set per character (Thompson's simulation), where a
 * backtracking engine may take exponential time. A pattern with no automaton (lookarounds, past {@link MAX_STATES}
 * states) is tested by RegExp; {@link backtracksBadly} patterns the reader takes have one.
 */
export function matchesWhole(source: string, text: string): boolean {
  let matcher = wholeMatchers.get(source);
  if (matcher === undefined) {
    let raw: Raw | null = null;
    try {
      raw = patternAutomaton(source);
    } catch (error) {
      if (!(error instanceof Limit)) throw error;
    }
    matcher = raw === null || raw.looks !== undefined ? null : { raw, tests: raw.sources.map((s) => new RegExp(`^(?:${s})$`, 'u')) };
    wholeMatchers.set(source, matcher);
  }
  if (matcher === null) return new RegExp(`^(?:${source})$`, 'u').test(text);
  const { raw, tests } = matcher;
  const seen = new Int32Array(raw.test.length).fill(-1);
  let step = 0;
  let current = closure(raw, [raw.start], seen, step);
  for (const character of text) {
    const moved: number[] = [];
    for (const state of current) {
      const t = raw.test[state] as number;
      if (t >= 0 && (tests[t] as RegExp).test(character)) moved.push((raw.next[state] as number[])[0] as number);
    }
    if (moved.length === 0) return false;
    current = closure(raw, moved, seen, ++step);
  }
  return current.includes(raw.accept);
}

/** The states `from` and those they move to without reading, each once (`seen` holds the step a state was last added in). */
function closure(raw: Raw, from: number[], seen: Int32Array, step: number): number[] {
  const out: number[] = [];
  const stack = from.slice();
  for (let state = stack.pop(); state !== undefined; state = stack.pop()) {
    if (seen[state] === step) continue;
    seen[state] = step;
    out.push(state);
    if (raw.test[state] === -1) for (const to of raw.next[state] as number[]) stack.push(to);
  }
  return out;
}

/** One UTF-8 encoded character of 1, 2, 3 and 4 bytes (RFC 3629 §3), as a class over code points. */
const UTF8_LENGTHS = ['[\\u{0}-\\u{7f}]', '[\\u{80}-\\u{7ff}]', '[\\u{800}-\\u{ffff}]', '[\\u{10000}-\\u{10ffff}]'];

/**
 * The automaton of the words of `a` whose length is within `min`..`max` (max null: unbounded):
 * pairs of a state and the number of bytes read so far, up to `max` (or `min`, where all lengths
 * from it on are alike), built from the start. A text's character counts its UTF-8 bytes, so a
 * state reading a class becomes one reading each of its characters of 1, 2, 3 and 4 bytes; a byte
 * string's character (a byte read as latin1) counts one. Accepts where `a` does with a length in
 * range: at most (max + 1) times the states of `a`, five times that for a text.
 */
export function counted(a: Raw, min: number, max: number | null, text: boolean): Raw {
  const cap = max ?? min;
  const { sources, test, next, state: fresh, classOf } = automatonTables(TOO_MANY_COUNTED);
  const ids = new Map<number, number>();
  const pairs: [number, number][] = [];
  const id = (q: number, n: number): number => {
    const key = q * (cap + 1) + n;
    let known = ids.get(key);
    if (known === undefined) {
      known = fresh(-1, []);
      ids.set(key, known);
      pairs.push([q, n]);
    }
    return known;
  };
  const accept = fresh(-1, []);
  const start = id(a.start, 0);
  for (let i = 0; i < pairs.length; i++) {
    const [q, n] = pairs[i] as [number, number];
    const self = ids.get(q * (cap + 1) + n) as number;
    const t = a.test[q] as number;
    if (t < 0) {
      // A move, or the end of a word: accepted when its length is in range (the dead ends of a stay dead).
      next[self] = q === a.accept ? (n >= min ? [accept] : []) : (a.next[q] as number[]).map((q2) => id(q2, n));
      continue;
    }
    const to = a.next[q]?.[0] as number;
    const source = a.sources[t] as string;
    if (!text) {
      if (n + 1 <= cap || max === null) {
        test[self] = classOf(source);
        next[self] = [id(to, Math.min(n + 1, cap))];
      }
      continue;
    }
    const reads: number[] = [];
    for (let length = 1; length <= 4; length++) {
      if (n + length > cap && max !== null) break;
      reads.push(fresh(classOf(`(?=(?:${source})$)${UTF8_LENGTHS[length - 1] as string}`), [id(to, Math.min(n + length, cap))]));
    }
    next[self] = reads;
  }
  return { sources, test, next, start, accept };
}

/**
 * The patterns whose words' intersection the source's words are: the generator writes `.and` of
 * patterns as `(?=(?:A)$)(?:B)` and `.ne` of a literal as `(?!x$)[^]*`, lookaheads over the whole
 * text (they stand at its start); the complement of a literal is a pattern too. Null where the
 * source has other syntax the reader does not take.
 */
export function conjuncts(source: string): PatternNode[] | null {
  const end = source.startsWith('(?=') || source.startsWith('(?!') ? closing(source, 0) : -1;
  // Not a lookahead over the whole text (a guard of one character, `(?![aeiou])[a-z]`, is read as a class).
  if (end < 0 || source[end - 1] !== '$' || source[end - 2] === '\\') {
    const tree = patternTree(source);
    return tree === null ? null : [tree];
  }
  const inner = source.slice(3, end - 1);
  let rest = source.slice(end + 1);
  // The lookahead holds for the whole rest only when no alternative of the rest goes without it.
  if (rest.startsWith('(?:') && closing(rest, 0) === rest.length - 1) rest = rest.slice(3, -1);
  if (hasTopLevelBar(rest)) return null;
  const others = rest === '[^]*' ? [] : conjuncts(rest);
  if (others === null) return null;
  if (source[2] === '=') {
    const own = conjuncts(inner.startsWith('(?:') && closing(inner, 0) === inner.length - 1 ? inner.slice(3, -1) : inner);
    return own === null ? null : [...own, ...others];
  }
  const literal = patternTree(inner);
  const chars = literal === null ? null : literal.kind === 'char' ? [literal] : literal.kind === 'seq' && literal.items.every((i) => i.kind === 'char') ? literal.items : null;
  if (chars === null) return null;
  return [complement(chars as Extract<PatternNode, { kind: 'char' }>[]), ...(others.length === 0 ? [] : others)];
}

/**
 * Every string that is not one of the classes' sequence, as a tree: from class i on, the empty
 * string, a character no class i reads then anything, or one it reads then what fails from i + 1;
 * after the last, any non-empty string. Linear in the number of classes.
 */
function complement(chars: readonly Extract<PatternNode, { kind: 'char' }>[]): PatternNode {
  const any: PatternNode = { kind: 'char', source: '[^]', empty: false };
  let tail: PatternNode = { kind: 'repeat', node: any, min: 1, max: null };
  for (let i = chars.length - 1; i >= 0; i--) {
    const c = chars[i] as Extract<PatternNode, { kind: 'char' }>;
    const other: PatternNode = { kind: 'char', source: `(?!(?:${c.source}))[^]`, empty: false };
    tail = { kind: 'alt', options: [{ kind: 'seq', items: [] }, { kind: 'seq', items: [other, { kind: 'repeat', node: any, min: 0, max: null }] }, { kind: 'seq', items: [c, tail] }] };
  }
  return tail;
}

/** The index of the `)` that closes the group opened at `at`, past escapes and classes; −1 if none. */
export function closing(source: string, at: number): number {
  let depth = 0;
  for (let i = at; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Whether `source` has a `|` outside every group and class. */
function hasTopLevelBar(source: string): boolean {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** The Thompson automaton of a syntax tree; `built` gives a lookaround's own automaton (without lookarounds) where it has one, which is copied in. */
export function thompson(tree: PatternNode, built?: (look: Extract<PatternNode, { kind: 'look' }>) => Raw | null): Raw {
  const { sources, test, next, state, classOf } = automatonTables(TOO_MANY_STATES);
  const looks: Look[] = [];
  // A fragment: its entry state, and the moving state its exits lead to (filled in by the caller).
  const fragment = (node: PatternNode, out: number): number => {
    switch (node.kind) {
      case 'char':
        return state(classOf(node.source), [out]);
      case 'seq': {
        let entry = out;
        for (let i = node.items.length - 1; i >= 0; i--) entry = fragment(node.items[i] as PatternNode, entry);
        return entry;
      }
      case 'alt':
        return state(-1, node.options.map((o) => fragment(o, out)));
      case 'repeat': {
        let entry = out;
        if (node.max === null) {
          // r*: a moving state that enters r or leaves; r's exit comes back to it.
          const loop = state(-1, [out]);
          (next[loop] as number[]).unshift(fragment(node.node, loop));
          entry = loop;
        } else {
          // Each optional copy reads r and goes on to the next, or leaves.
          for (let i = node.max; i > node.min; i--) entry = state(-1, [fragment(node.node, entry), out]);
        }
        for (let i = node.min; i > 0; i--) entry = fragment(node.node, entry);
        return entry;
      }
      case 'look': {
        const own = built?.(node) ?? null;
        if (own !== null) {
          const offset = test.length;
          own.test.forEach((t, s) => state(t < 0 ? t : classOf(own.sources[t] as string), (own.next[s] as number[]).map((to) => to + offset)));
          looks.push({ ahead: node.ahead, negative: node.negative, start: own.start + offset, accept: own.accept + offset, any: false, toEnd: true });
          return state(-1 - looks.length, [out]);
        }
        // The lookaround's own pattern, from its start to its own accepting state; the lookaround moves on to `out`.
        const end = state(-1, []);
        const inner = node.node;
        looks.push({ ahead: node.ahead, negative: node.negative, start: fragment(inner, end), accept: end, any: inner.kind === 'char' && inner.source === '[^]' });
        return state(-1 - looks.length, [out]);
      }
    }
  };
  const accept = state(-1, []);
  const start = fragment(tree, accept);
  return looks.length === 0 ? { sources, test, next, start, accept } : { sources, test, next, start, accept, looks };
}

/**
 * The automaton of the words both read: pairs of states, built from the pair of starts. A pair
 * moves when either side moves (the first first), reads a character both read, and accepts when both do.
 */
export function product(a: Raw, b: Raw): Raw {
  const sources: string[] = [];
  const testIndex = new Map<string, number>();
  const test: number[] = [];
  const next: number[][] = [];
  const ids = new Map<number, number>();
  const pairs: [number, number][] = [];
  const id = (p: number, q: number): number => {
    const key = p * b.test.length + q;
    let known = ids.get(key);
    if (known === undefined) {
      if (test.length >= MAX_STATES) throw new Limit(TOO_MANY_STATES);
      known = test.length;
      ids.set(key, known);
      pairs.push([p, q]);
      test.push(-1);
      next.push([]);
    }
    return known;
  };
  const start = id(a.start, b.start);
  const accept = id(a.accept, b.accept);
  for (let i = 0; i < pairs.length; i++) {
    const [p, q] = pairs[i] as [number, number];
    const [tp, tq] = [a.test[p] as number, b.test[q] as number];
    if (tp < 0 && p !== a.accept) next[i] = (a.next[p] as number[]).map((p2) => id(p2, q));
    else if (tq < 0 && q !== b.accept) next[i] = (b.next[q] as number[]).map((q2) => id(p, q2));
    else if (tp >= 0 && tq >= 0) {
      const key = `${tp},${tq}`;
      let t = testIndex.get(key);
      if (t === undefined) {
        t = sources.length;
        sources.push(`(?=(?:${a.sources[tp]})$)(?:${b.sources[tq]})`);
        testIndex.set(key, t);
      }
      test[i] = t;
      next[i] = [id(a.next[p]?.[0] as number, b.next[q]?.[0] as number)];
    }
    // Else one side accepts and the other still reads: a dead end (the accepting pair has no moves either).
  }
  return { sources, test, next, start, accept };
}

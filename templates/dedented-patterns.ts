/**
 * `.det` of a string type with a pattern (RFC 9165 §2.3, `(tstr .regexp "a+") .det "x"`): whether a
 * string is the dedenting of some word of the pattern. Shared by the typed checks, the general
 * matcher and (through them) the test-data generators, which draw a word and dedent it.
 *
 * Dedenting (text-controls.ts `dedent`) removes from every line the least number k of leading spaces
 * (U+0020) of the non-blank lines, all of them from a blank line that has fewer. So a string d is
 * the dedenting of a word s exactly when
 * - every line of d is blank (spaces only) and s = d: dedenting leaves such a text as it is; or
 * - some non-blank line of d starts with no space (the one that had the least), and for one k ≥ 0
 *   the word s is d with k spaces put back before every line that is not empty, and 0 to k before
 *   every empty line (a blank line of s with no more than k spaces became empty).
 * One k for every line: that is no regular language, but the pattern's automaton decides it. Reading
 * k spaces maps each state where a line may start to a set of states (and reading 0 to k of them to
 * another); k and k' act alike when those maps are equal, and the map for k + 1 follows from the one
 * for k, so the maps repeat from some k on and every k acts as one of the ones before the first
 * repetition (`indentations`). The check runs the automaton over d for all of those side by side,
 * reading a line once for those that start it in the same states: O(K·(l + |d|)·n) steps at worst
 * for K of them, l lines and n states, linear in the string. An automaton of more than
 * {@link MAX_STATES} states, or more than {@link MAX_INDENTATIONS} ways of acting (found in at most
 * {@link MAX_SEARCH_STEPS} steps), is a resource limit the generator refuses the schema at. `.and`
 * of patterns and `.ne` of a literal, lookaheads over the whole text, are the product of automata
 * (`conjuncts`): one re-indented word must meet them all.
 *
 * No Node-only APIs; nothing here throws on any input.
 */
import { patternTree, type PatternNode } from './regexp-prefixes.js';

/** At most this many states in a pattern's automaton (a repetition count is that many copies). */
export const MAX_STATES = 4096;
/** At most this many indentations that act differently on the pattern. */
export const MAX_INDENTATIONS = 1024;
/** At most this many steps (states in the sets met) to find the indentations that act differently. */
export const MAX_SEARCH_STEPS: number = 1 << 24;

/**
 * A Thompson automaton: a state reads one character of a class (`test` ≥ 0) and goes to `next[0]`,
 * or moves without reading (`test` −1) to each of `next`. Sets of states are kept closed under those
 * moves, holding only the reading states and the accepting one, sorted.
 */
interface Automaton {
  tests: RegExp[];
  /** Marks of the states a closure has reached, by the stamp of that closure. */
  mark: Int32Array;
  stamp: number;
  /** Per class, per ASCII character: 0 not asked yet, 1 reads it, 2 does not. */
  ascii: Uint8Array;
  test: number[];
  next: number[][];
  start: number;
  accept: number;
  /** Each k that acts differently, with what k spaces do to each set a line may start in (0..k spaces: `upTo`). */
  indentations: Map<number, number[]>[];
  /** What 0..k spaces do to a seed's set, by `k,seed`, as the runs ask (the union of `indentations` 0..k). */
  upTo: Map<string, number[]>;
  /** The sets a line may start in, by their seed: the start state, or a state after a line feed. */
  seeds: number[];
}

class Limit extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const automata = new Map<string, Automaton | string>();

/**
 * Why a `.det` side with this pattern (JavaScript source, `u` flag) cannot be checked here, or null
 * when it can: the generator refuses the schema with it.
 */
export function dedentedPatternRefusal(source: string): string | null {
  const a = automatonOf(source);
  return typeof a === 'string' ? a : null;
}

/**
 * Whether `value` is the dedenting (RFC 9165 §2.3) of some word of `source`, matched whole with the
 * `u` flag: over code points for a text, over the bytes read as latin1 for a byte string. False where
 * the pattern is one {@link dedentedPatternRefusal} refuses.
 */
export function isDedentedWord(value: string | Uint8Array, source: string): boolean {
  const a = automatonOf(source);
  if (typeof a === 'string') return false;
  const text = typeof value === 'string' ? value : Array.from(value, (b) => String.fromCharCode(b)).join('');
  const lines = text.split('\n');
  const blank = (line: string) => /^ *$/.test(line);
  // A text of blank lines only is its own dedenting, and only its own: k = 0 is the word itself.
  if (lines.every(blank)) return run(a, lines, [0]);
  // Else the line that had the least indentation has none left.
  if (lines.every((line) => blank(line) || line.startsWith(' '))) return false;
  return run(a, lines, a.indentations.map((_, i) => i));
}

/**
 * Whether for one of the indentations `ks` (indices into `a.indentations`) the automaton accepts
 * `lines` put back together, each line that is not empty after k spaces and each empty one after
 * 0..k. All run side by side, line by line; those that start a line in the same states read it once.
 */
function run(a: Automaton, lines: readonly string[], ks: readonly number[]): boolean {
  let alive = ks.map((k) => ({ k, states: [] as number[] }));
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l] as string;
    const read = new Map<string, number[]>();
    const next: typeof alive = [];
    for (const { k, states } of alive) {
      const indentation = a.indentations[k] as Automaton['indentations'][number];
      // The seeds the line starts from: the start state, or where each state reading a line feed goes.
      const seeds = l === 0 ? [a.start] : states.flatMap((s) => (reads(a, s, '\n') ? [a.next[s]?.[0] as number] : []));
      // Closure distributes over union, and so does reading spaces: the seeds' sets, each after k spaces (0..k before an empty line).
      const start = union(a, seeds.map((s) => (line.length === 0 ? upTo(a, k, s) : (indentation.get(s) ?? []))));
      const key = start.join(',');
      let after = read.get(key);
      if (after === undefined) {
        after = start;
        for (const c of line) {
          if (after.length === 0) break;
          after = step(a, after, c);
        }
        read.set(key, after);
      }
      if (after.length > 0) next.push({ k, states: after });
    }
    if (next.length === 0) return false;
    alive = next;
  }
  return alive.some(({ states }) => states.includes(a.accept));
}

/** What 0 to k spaces do to the set of a seed: the union of what each does, remembered (forgotten past 65,536). */
function upTo(a: Automaton, k: number, seed: number): number[] {
  const key = `${k},${seed}`;
  let set = a.upTo.get(key);
  if (set === undefined) {
    set = union(a, a.indentations.slice(0, k + 1).map((m) => m.get(seed) ?? []));
    if (a.upTo.size >= 65536) a.upTo.clear();
    a.upTo.set(key, set);
  }
  return set;
}

function automatonOf(source: string): Automaton | string {
  let known = automata.get(source);
  if (known === undefined) {
    known = build(source);
    automata.set(source, known);
  }
  return known;
}

const UNBUILT = 'a pattern with syntax other than characters, classes, groups, alternations and repetitions (an anchor, a lookaround, a backreference), whose automaton this generator does not build';
const TOO_MANY_STATES = `a pattern whose automaton has more than ${MAX_STATES} states (resource limit)`;

/** A Thompson automaton before its indentations are known: each class by its source. */
interface Raw {
  sources: string[];
  test: number[];
  next: number[][];
  start: number;
  accept: number;
}

function build(source: string): Automaton | string {
  try {
    const parts = conjuncts(source);
    if (parts === null) return UNBUILT;
    const raw = parts.map(thompson).reduce(product);
    const tests = raw.sources.map((s) => new RegExp(`^(?:${s})$`, 'u'));
    const { test, next, start, accept } = raw;
    // Where a line may start: at the beginning, and after each state that reads a line feed.
    const seeds = [start, ...test.flatMap((t, s) => (t >= 0 && (tests[t] as RegExp).test('\n') ? [next[s]?.[0] as number] : []))];
    const a: Automaton = { tests, mark: new Int32Array(test.length), stamp: 0, ascii: new Uint8Array(tests.length * 128), test, next, start, accept, indentations: [], upTo: new Map(), seeds: [...new Set(seeds)] };
    a.indentations = indentations(a);
    return a;
  } catch (error) {
    if (!(error instanceof Limit)) throw error;
    return error.reason;
  }
}

/**
 * The patterns whose words' intersection the source's words are: the generator writes `.and` of
 * patterns as `(?=(?:A)$)(?:B)` and `.ne` of a literal as `(?!x$)[^]*`, lookaheads over the whole
 * text (they stand at its start); the complement of a literal is a pattern too. Null where the
 * source has other syntax the reader does not take.
 */
function conjuncts(source: string): PatternNode[] | null {
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
function closing(source: string, at: number): number {
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

/** The Thompson automaton of a syntax tree. */
function thompson(tree: PatternNode): Raw {
  const sources: string[] = [];
  const testIndex = new Map<string, number>();
  const test: number[] = [];
  const next: number[][] = [];
  const state = (t: number, to: number[]): number => {
    if (test.length >= MAX_STATES) throw new Limit(TOO_MANY_STATES);
    test.push(t);
    next.push(to);
    return test.length - 1;
  };
  // A fragment: its entry state, and the moving state its exits lead to (filled in by the caller).
  const fragment = (node: PatternNode, out: number): number => {
    switch (node.kind) {
      case 'char': {
        let t = testIndex.get(node.source);
        if (t === undefined) {
          t = sources.length;
          sources.push(node.source);
          testIndex.set(node.source, t);
        }
        return state(t, [out]);
      }
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
    }
  };
  const accept = state(-1, []);
  const start = fragment(tree, accept);
  return { sources, test, next, start, accept };
}

/**
 * The automaton of the words both read: pairs of states, built from the pair of starts. A pair
 * moves when either side moves (the first first), reads a character both read, and accepts when both do.
 */
function product(a: Raw, b: Raw): Raw {
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

/**
 * Each k ≥ 0 that acts differently from every smaller one, up to the first that repeats one (after
 * which all do). What 0..k spaces do only grows with k, so while it grows every k is new; once it
 * stops it stays (what k + 1 spaces reach, k spaces reached after one of fewer), and k then acts as
 * what k spaces alone do says.
 */
function indentations(a: Automaton): Automaton['indentations'] {
  const found: Automaton['indentations'] = [];
  let seen = new Set<string>();
  let exact = new Map(a.seeds.map((s) => [s, close(a, [s])]));
  // What 0..k spaces reach from each seed, only to see whether it grows.
  const reached = new Map(a.seeds.map((s) => [s, new Set(exact.get(s))]));
  let steps = 0;
  for (;;) {
    const key = a.seeds.map((s) => (exact.get(s) as number[]).join(',')).join(';');
    if (seen.has(key)) return found;
    if (found.length >= MAX_INDENTATIONS) throw new Limit(INDENTATIONS_LIMIT);
    seen.add(key);
    found.push(exact);
    const nextExact = new Map<number, number[]>();
    let grew = false;
    for (const s of a.seeds) {
      const before = exact.get(s) as number[];
      const after = step(a, before, ' ');
      const soFar = reached.get(s) as Set<number>;
      for (const t of after) {
        if (soFar.has(t)) continue;
        soFar.add(t);
        grew = true;
      }
      nextExact.set(s, after);
      steps += before.length + after.length + 1;
    }
    if (steps > MAX_SEARCH_STEPS) throw new Limit(INDENTATIONS_LIMIT);
    // Only k whose 0..k spaces reach the same can act alike.
    if (grew) seen = new Set();
    exact = nextExact;
  }
}

const INDENTATIONS_LIMIT = `a pattern on which more than ${MAX_INDENTATIONS} indentations act differently, or which takes more than 2^24 steps to tell (resource limit)`;

/** Whether state `s` reads `c` (ASCII answers remembered per class). */
function reads(a: Automaton, s: number, c: string): boolean {
  const t = a.test[s] as number;
  if (t < 0) return false;
  const code = c.charCodeAt(0);
  if (c.length > 1 || code >= 128) return (a.tests[t] as RegExp).test(c);
  const known = a.ascii[t * 128 + code] as number;
  if (known !== 0) return known === 1;
  const yes = (a.tests[t] as RegExp).test(c);
  a.ascii[t * 128 + code] = yes ? 1 : 2;
  return yes;
}

/** The states after reading `c` from `states`, closed. */
function step(a: Automaton, states: readonly number[], c: string): number[] {
  const to: number[] = [];
  for (const s of states) if (reads(a, s, c)) to.push(a.next[s]?.[0] as number);
  return close(a, to);
}

/** The reading states and the accepting one reachable from `from` without reading, sorted. */
function close(a: Automaton, from: readonly number[]): number[] {
  const stamp = ++a.stamp;
  const out: number[] = [];
  const stack = [...from];
  while (stack.length > 0) {
    const s = stack.pop() as number;
    if (a.mark[s] === stamp) continue;
    a.mark[s] = stamp;
    if (a.test[s] !== -1 || s === a.accept) out.push(s);
    else for (const t of a.next[s] as number[]) if (a.mark[t] !== stamp) stack.push(t);
  }
  return out.sort((x, y) => x - y);
}

/** The states in any of `sets`, sorted. */
function union(a: Automaton, sets: readonly (readonly number[])[]): number[] {
  if (sets.length === 1) return sets[0] as number[];
  const stamp = ++a.stamp;
  const out: number[] = [];
  for (const set of sets) {
    for (const s of set) {
      if (a.mark[s] === stamp) continue;
      a.mark[s] = stamp;
      out.push(s);
    }
  }
  return out.sort((x, y) => x - y);
}

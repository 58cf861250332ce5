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
 * (pattern-automata.ts `conjuncts`): one re-indented word must meet them all. A side with a size
 * too must be the dedenting of a word of that size, whose re-indentation adds bytes that depend on
 * the path through the pattern: the automaton is then the pattern's times a counter of the bytes
 * read (pattern-automata.ts `counted`), and the same search runs on it. Other lookarounds and anchors
 * (PCRE's) are followed by the automaton lookaround-automata.ts builds, which has none left.
 *
 * No Node-only APIs; nothing here throws on any input.
 */
import { lookaroundAutomaton } from './lookaround-automata.js';
import { counted, Limit, MAX_STATES, patternAutomaton } from './pattern-automata.js';
import { assertionTree, type PatternNode } from './regexp-prefixes.js';

export { MAX_STATES };

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

const automata = new Map<string, Automaton | string>();

/** Bounds on a word's length, in bytes (UTF-8 for a text): `[min, max]`, max null for none. */
export type WordSize = readonly [number, number | null];

/**
 * Why a `.det` side with this pattern (JavaScript source, `u` flag), and this size when it has one
 * (of a text when `text`, else of a byte string), cannot be checked here, or null when it can: the
 * generator refuses the schema with it.
 */
export function dedentedPatternRefusal(source: string, size?: WordSize, text = true): string | null {
  const a = automatonOf(source, size, text);
  return typeof a === 'string' ? a : null;
}

/**
 * Whether some word of `source` may start with a space or a line feed. Two answers that can only say
 * yes where no word does, and either "no" holds: the pattern's syntax (its first characters, each
 * lookaround read as nothing, which only narrows what follows it), and its automaton (a state the
 * start reaches without reading that reads either, after which the accepting state is reachable,
 * whatever the classes read on the way). True where neither is built (a backreference). Where none
 * may, every word is its own dedenting (a first line neither blank nor indented): the generator then
 * checks such a side as it is (generator/layout/plain-starts.ts).
 */
export function mayStartSpaced(source: string, text: boolean): boolean {
  const tree = assertionTree(source);
  if (tree !== null && !startsOf(tree).spaced) return false;
  const a = automatonOf(source, undefined, text);
  if (typeof a === 'string') return true;
  const reaches = (from: number[], to: (s: number) => boolean, reading: boolean): boolean => {
    const seen = new Set(from);
    for (const s of seen) {
      if (to(s)) return true;
      const t = a.test[s] as number;
      if (t < 0 || reading) for (const n of a.next[s] ?? []) seen.add(n);
    }
    return false;
  };
  const spaced = (s: number) => {
    const t = a.test[s] as number;
    return t >= 0 && ((a.tests[t] as RegExp).test(' ') || (a.tests[t] as RegExp).test('\n')) && reaches([a.next[s]?.[0] as number], (x) => x === a.accept, true);
  };
  return reaches([a.start], spaced, false);
}

/**
 * Which words of `source` (of `size` bytes, when given) are blank, all spaces and line feeds: none,
 * only the empty word, or some other too (also where no automaton is built, the answer that claims
 * nothing). A word with a line that is not blank dedents to one whose least indented such line
 * starts with no space (RFC 9165 §2.3), which every text after it leaves as it is: so where no word
 * is blank, the side's dedented values are each their own dedenting, whatever follows them
 * (generator/layout/plain-starts.ts). The automaton follows the pattern's lookarounds and anchors, so
 * the answer is exact.
 */
export function blankWords(source: string, size?: WordSize, text = true): 'none' | 'empty' | 'some' {
  const a = automatonOf(source, size, text);
  if (typeof a === 'string') return 'some';
  const first = close(a, [a.start]);
  // The states reached after reading at least one blank character, each closed.
  const seen = new Set<number>();
  const pending: number[] = [];
  const readBlank = (states: readonly number[]): void => {
    for (const s of states) {
      if (!reads(a, s, ' ') && !reads(a, s, '\n')) continue;
      for (const t of close(a, [a.next[s]?.[0] as number])) {
        if (seen.has(t)) continue;
        seen.add(t);
        pending.push(t);
      }
    }
  };
  readBlank(first);
  while (pending.length > 0) readBlank([pending.pop() as number]);
  if (seen.has(a.accept)) return 'some';
  return first.includes(a.accept) ? 'empty' : 'none';
}

/** Whether a word of the node may start with a space or a line feed, and whether it may be empty (a lookaround reads nothing). */
function startsOf(node: PatternNode): { spaced: boolean; nullable: boolean } {
  switch (node.kind) {
    case 'char': {
      const test = new RegExp(`^(?:${node.source})$`, 'u');
      return { spaced: !node.empty && (test.test(' ') || test.test('\n')), nullable: false };
    }
    case 'seq': {
      let spaced = false;
      for (const item of node.items) {
        const s = startsOf(item);
        spaced ||= s.spaced;
        if (!s.nullable) return { spaced, nullable: false };
      }
      return { spaced, nullable: true };
    }
    case 'alt': {
      const options = node.options.map(startsOf);
      return { spaced: options.some((o) => o.spaced), nullable: options.some((o) => o.nullable) };
    }
    case 'repeat': {
      if (node.max === 0) return { spaced: false, nullable: true };
      const s = startsOf(node.node);
      return { spaced: s.spaced, nullable: node.min === 0 || s.nullable };
    }
    case 'look':
      return { spaced: false, nullable: true };
  }
}

/**
 * Whether `value` is the dedenting (RFC 9165 §2.3) of some word of `source`, matched whole with the
 * `u` flag: over code points for a text, over the bytes read as latin1 for a byte string; with
 * `size`, of a word of that many bytes (UTF-8 for a text). False where the pattern is one
 * {@link dedentedPatternRefusal} refuses.
 */
export function isDedentedWord(value: string | Uint8Array, source: string, size?: WordSize): boolean {
  const a = automatonOf(source, size, typeof value === 'string');
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

function automatonOf(source: string, size: WordSize | undefined, text: boolean): Automaton | string {
  // A size counts UTF-8 bytes in a text and bytes in a byte string: two automata.
  const key = size === undefined ? source : `${text ? 'text' : 'bytes'} ${size[0]}..${size[1] ?? ''} ${source}`;
  let known = automata.get(key);
  if (known === undefined) {
    known = build(source, size, text);
    automata.set(key, known);
  }
  return known;
}

const UNBUILT = 'a pattern with syntax other than characters, classes, groups, alternations, repetitions, lookarounds and anchors (a backreference), whose automaton this generator does not build';

function build(source: string, size: WordSize | undefined, text: boolean): Automaton | string {
  try {
    let raw = patternAutomaton(source);
    if (raw === null) {
      // Other lookarounds and anchors: the automaton that follows them (lookaround-automata.ts).
      const tree = assertionTree(source);
      if (tree === null) return UNBUILT;
      raw = lookaroundAutomaton(tree);
    }
    if (size !== undefined) raw = counted(raw, size[0], size[1], text);
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

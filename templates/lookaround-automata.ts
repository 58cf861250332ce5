/**
 * The automaton of a pattern with lookarounds and anchors (PCRE's, read with a warning: `^…$`,
 * `(?=…)`, `(?<!…)`, `\b`; or the generator's own lookaheads), without them: what the `.det` check
 * (dedented-patterns.ts) runs, since re-indenting a word moves its characters, so the pattern cannot
 * be asked as a regular expression of the dedented text. Lookarounds of regular patterns keep the
 * language regular; the automaton here follows the pattern and every lookaround it has passed:
 * - the pattern's own thread, one state of its Thompson automaton (nondeterministic, as before);
 * - a thread for each positive lookahead passed and not yet matched, one state each: every one must
 *   reach the end of its pattern, at this character or later (then it is dropped);
 * - the states of every negative lookahead passed, together (a set, deterministic): none may reach
 *   the end of its pattern; `$` inside one (`(?!x$)`) marks that the text must not end here;
 * - for each lookbehind, the states of `[^]*` then its pattern over the text read so far (a set,
 *   deterministic): it holds where they include the end of its pattern (`^` is a lookbehind for no
 *   character, `$` a lookahead for none, `\b` and `\B` lookarounds for `\w`: regexp-prefixes.ts).
 * Such a combination reads a character when the pattern's thread and every positive thread read it;
 * the sets move by which of their classes hold it, so each combination reads one class per answer,
 * written as lookaheads (`(?=(?:a)$)(?!(?:b)$)[^]`). It accepts where the pattern's thread has
 * ended, no positive thread is left and no negative one asks for more. A negative lookahead whose
 * pattern has lookaheads of its own (`(?!a(?=b))`: every way of the outer pattern must fail some way
 * of the inner one, which no set of threads says) is that pattern then anything, an automaton built
 * first by this same construction over the rest of the text, which matches where the text ends; a
 * lookbehind inside a lookbehind is evaluated as the sets move, the inner one's first. Not followed:
 * a lookahead inside a lookbehind (it looks past the place the lookbehind ends) and a lookbehind
 * inside such a negative lookahead (its automaton starts where the lookahead stands, and cannot see
 * the text before).
 * Built from the start only over combinations that arise; past {@link MAX_STATES} states, a
 * {@link Limit}.
 *
 * No Node-only APIs.
 */
import { automatonTables, Limit, MAX_STATES, thompson, type Raw } from './pattern-automata.js';
import type { PatternNode } from './regexp-prefixes.js';

const NESTED = 'a pattern with a lookahead inside a lookbehind, or a negative lookahead holding a lookahead (other than `$`) and a lookbehind (`^`, `\\b`) both, whose automaton this generator does not build';
const TOO_MANY_STATES = `a pattern whose automaton, following its lookarounds, has more than ${MAX_STATES} states (resource limit)`;

/** A negative lookahead's `$` reached: the text must not end here. */
const END = -1;
/** A positive lookahead's thread that has matched. */
const DONE = -1;

/** One way the threads go on without reading: where the thread is (DONE: matched), and the positive threads and negative lookaheads it started. */
interface Option {
  state: number;
  pos: number[];
  neg: number[];
}

type LookNode = Extract<PatternNode, { kind: 'look' }>;

/**
 * The automaton of a syntax tree with lookarounds, which has none. A negative lookahead whose pattern
 * has a lookahead of its own (`(?!a(?=b))`) is the automaton of that pattern then anything, built
 * first, lookarounds and all, over the text from where it stands: none of its words may start there.
 */
export function lookaroundAutomaton(tree: PatternNode): Raw {
  return withoutLookarounds(thompson(tree, ownAutomaton));
}

function ownAutomaton(look: LookNode): Raw | null {
  if (!look.ahead || !look.negative || !has(look.node, (l) => l.ahead && !(l.negative && isAny(l.node)))) return null;
  // A lookbehind in it would look back from a place this automaton does not know: left to the refusal.
  if (has(look.node, (l) => !l.ahead)) return null;
  const anything: PatternNode = { kind: 'repeat', node: { kind: 'char', source: '[^]', empty: false }, min: 0, max: null };
  return lookaroundAutomaton({ kind: 'seq', items: [look.node, anything] });
}

const isAny = (node: PatternNode): boolean => node.kind === 'char' && node.source === '[^]';

/** Whether the tree has a lookaround that `test` holds for. */
function has(node: PatternNode, test: (look: LookNode) => boolean): boolean {
  switch (node.kind) {
    case 'char':
      return false;
    case 'seq':
      return node.items.some((item) => has(item, test));
    case 'alt':
      return node.options.some((option) => has(option, test));
    case 'repeat':
      return has(node.node, test);
    case 'look':
      return test(node) || has(node.node, test);
  }
}

/** The automaton of `a`'s words, whose `looks` are followed as above and are gone. */
export function withoutLookarounds(a: Raw): Raw {
  const looks = a.looks ?? [];
  const owner = new Map(looks.map((look, j) => [look.accept, j]));
  const behindLooks = looks.flatMap((look, j) => (look.ahead ? [] : [j]));
  const { sources, test, next, state: fresh, classOf } = automatonTables(TOO_MANY_STATES);

  /** Whether lookbehind j holds, given the lookbehinds' sets (in `behindLooks` order). */
  const holds = (j: number, behind: readonly (readonly number[])[]): boolean => (behind[behindLooks.indexOf(j)] as readonly number[]).includes(looks[j]?.accept as number);

  /**
   * A lookbehind's set closed: the reading states and its end, through moves, and through the
   * lookbehinds inside it where they hold here (`earlier`: the sets of those before it, which are
   * the ones inside it, at this place).
   */
  const closeBehind = (from: readonly number[], earlier: readonly (readonly number[])[]): number[] => {
    const seen = new Set<number>();
    const stack = [...from];
    while (stack.length > 0) {
      const s = stack.pop() as number;
      if (seen.has(s)) continue;
      seen.add(s);
      const t = a.test[s] as number;
      if (t === -1) stack.push(...(a.next[s] as number[]));
      else if (t < -1) {
        const look = looks[-2 - t] as NonNullable<Raw['looks']>[number];
        if (look.ahead) throw new Limit(NESTED);
        if (holds(-2 - t, earlier) !== look.negative) stack.push(a.next[s]?.[0] as number);
      }
    }
    return [...seen].filter((s) => (a.test[s] as number) >= 0 || owner.has(s)).sort((x, y) => x - y);
  };
  /** Each lookbehind's set here, in order (those inside one come before it), from each one's states after the character read. */
  const behindSets = (after: readonly (readonly number[])[]): number[][] => {
    const sets: number[][] = [];
    for (const [b, j] of behindLooks.entries()) sets.push(closeBehind([...(after[b] as readonly number[]), looks[j]?.start as number], sets));
    return sets;
  };

  /** The negative lookaheads' set closed, with END where one reached `$`; null where one has matched. */
  const closeNegative = (from: readonly number[], behind: readonly (readonly number[])[]): number[] | null => {
    const seen = new Set<number>();
    const stack = from.filter((s) => s !== END);
    let end = from.includes(END);
    while (stack.length > 0) {
      const s = stack.pop() as number;
      if (seen.has(s)) continue;
      seen.add(s);
      const t = a.test[s] as number;
      if (owner.has(s)) {
        // A lookahead's pattern matched here; one read to the end of the text matches only if it ends here.
        if (looks[owner.get(s) as number]?.toEnd !== true) return null;
        end = true;
        continue;
      }
      if (t === -1) stack.push(...(a.next[s] as number[]));
      else if (t < -1) {
        const j = -2 - t;
        const look = looks[j] as NonNullable<Raw['looks']>[number];
        if (!look.ahead) {
          if (holds(j, behind) !== look.negative) stack.push(a.next[s]?.[0] as number);
        } else if (look.negative && look.any) end = true;
        else throw new Limit(NESTED);
      }
    }
    const states = [...seen].filter((s) => (a.test[s] as number) >= 0).sort((x, y) => x - y);
    return end ? [END, ...states] : states;
  };

  const threads = new Map<string, Option[]>();
  /** The ways a thread at `from` goes on without reading (to a reading state, the end of the pattern, or DONE). */
  const closeThread = (from: number, behind: readonly (readonly number[])[], behindKey: string): Option[] => {
    const memo = `${from}|${behindKey}`;
    const known = threads.get(memo);
    if (known !== undefined) return known;
    const out: Option[] = [];
    const seen = new Set<string>();
    const stack: Option[] = [{ state: from, pos: [], neg: [] }];
    while (stack.length > 0) {
      const o = stack.pop() as Option;
      const key = `${o.state}|${o.pos.join(',')}|${o.neg.join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (seen.size > MAX_STATES) throw new Limit(TOO_MANY_STATES);
      const t = a.test[o.state] as number;
      const j = owner.get(o.state);
      if (t >= 0 || o.state === a.accept) out.push(o);
      // A positive lookahead's pattern matched (only those run as threads).
      else if (j !== undefined) out.push({ ...o, state: DONE });
      else if (t === -1) for (const s of a.next[o.state] as number[]) stack.push({ ...o, state: s });
      else {
        const look = looks[-2 - t] as NonNullable<Raw['looks']>[number];
        const to = a.next[o.state]?.[0] as number;
        if (!look.ahead) {
          if (holds(-2 - t, behind) !== look.negative) stack.push({ ...o, state: to });
        } else if (look.negative) stack.push({ ...o, state: to, neg: union(o.neg, [look.start]) });
        else {
          for (const inner of closeThread(look.start, behind, behindKey)) {
            stack.push({ state: to, pos: union(o.pos, inner.state === DONE ? inner.pos : union(inner.pos, [inner.state])), neg: union(o.neg, inner.neg) });
          }
        }
      }
    }
    threads.set(memo, out);
    return out;
  };

  const ids = new Map<string, number>();
  const pending: { id: number; m: number; pos: number[]; neg: number[]; behind: number[][] }[] = [];
  const accept = fresh(-1, []);

  /** The combinations the threads reach from these without reading, as the states that enter them. */
  const closeAll = (m: number, pos: readonly number[], neg: readonly number[], behind: number[][]): number[] => {
    const behindKey = behind.map((b) => b.join(',')).join('/');
    let partial: Option[] = closeThread(m, behind, behindKey).map((o) => ({ ...o, pos: [...o.pos], neg: union(o.neg, neg) }));
    for (const p of pos) {
      const options = closeThread(p, behind, behindKey);
      partial = partial.flatMap((o) => options.map((q) => ({ state: o.state, pos: union(o.pos, q.state === DONE ? q.pos : union(q.pos, [q.state])), neg: union(o.neg, q.neg) })));
      if (partial.length > MAX_STATES) throw new Limit(TOO_MANY_STATES);
    }
    const entries = new Set<number>();
    for (const o of partial) {
      const negative = closeNegative(o.neg, behind);
      if (negative === null) continue;
      // The pattern has ended: only the end of the text may follow, with nothing left to match.
      if (o.state === a.accept && (o.pos.length > 0 || negative[0] === END)) continue;
      const key = `${o.state};${o.pos.join(',')};${negative.join(',')};${behindKey}`;
      let id = ids.get(key);
      if (id === undefined) {
        id = fresh(-1, o.state === a.accept ? [accept] : []);
        ids.set(key, id);
        if (o.state !== a.accept) pending.push({ id, m: o.state, pos: o.pos, neg: negative, behind });
      }
      entries.add(id);
    }
    return [...entries];
  };

  const start = fresh(-1, closeAll(a.start, [], [], behindSets(behindLooks.map(() => []))));
  for (let i = 0; i < pending.length; i++) {
    const { id, m, pos, neg, behind } = pending[i] as (typeof pending)[number];
    const required = [...new Set([m, ...pos].map((s) => a.test[s] as number))];
    // The classes whose answer moves a set: each answer is a class of its own.
    const free = [...new Set([...neg, ...behind.flat()].filter((s) => s !== END && (a.test[s] as number) >= 0).map((s) => a.test[s] as number))].filter((t) => !required.includes(t) && a.sources[t] !== '[^]');
    if (2 ** free.length > MAX_STATES) throw new Limit(TOO_MANY_STATES);
    const reads: number[] = [];
    for (let mask = 0; mask < 2 ** free.length; mask++) {
      const held = new Set([...required, ...free.filter((_, b) => (mask >> b) & 1)]);
      const reads1 = (s: number) => (a.test[s] as number) >= 0 && (held.has(a.test[s] as number) || a.sources[a.test[s] as number] === '[^]');
      const step = (set: readonly number[]) => set.filter((s) => s !== END && reads1(s)).map((s) => a.next[s]?.[0] as number);
      const behindAfter = behindSets(behind.map(step));
      const to = closeAll(a.next[m]?.[0] as number, pos.map((p) => a.next[p]?.[0] as number), step(neg), behindAfter);
      if (to.length === 0) continue;
      const conditions = [...required.map((t) => `(?=(?:${a.sources[t] as string})$)`), ...free.map((t, b) => `(?${(mask >> b) & 1 ? '=' : '!'}(?:${a.sources[t] as string})$)`)];
      const source = required.length === 1 && free.length === 0 ? (a.sources[required[0] as number] as string) : `${conditions.join('')}[^]`;
      reads.push(fresh(classOf(source), [fresh(-1, to)]));
    }
    next[id] = [...(next[id] as number[]), ...reads];
  }
  return { sources, test, next, start, accept };
}

/** The numbers in either sorted list, sorted, each once. */
function union(x: readonly number[], y: readonly number[]): number[] {
  return [...new Set([...x, ...y])].sort((p, q) => p - q);
}

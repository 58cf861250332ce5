/**
 * Test data for `.abnf` and `.abnfb` grammars that the recogniser checks
 * (abnf-recogniser.ts): a random derivation of the grammar's element. Near
 * the top any alternative is drawn; past {@link FREE_DEPTH} levels only
 * those that end soonest (the least height), so recursive rules stop. The
 * derivation runs on a work list, never recursing.
 */
import { compiled, type AbnfAlphabet, type AbnfGrammar, type CompiledGrammar } from './abnf-recogniser.js';
import type { Draw } from './regexp-sampler.js';

/** Levels of rules within which any alternative may be drawn; deeper, only the shortest way out. */
const FREE_DEPTH = 12;
/** Longest string drawn (code points or bytes); a derivation that gets longer is given up. */
const MAX_LENGTH = 100_000;

const END = 0x7fffffff;

/** A string the grammar matches, as code points (text) or byte values; null when none was found within the limits. */
export function drawAbnf(grammar: AbnfGrammar, alphabet: AbnfAlphabet, random: Draw): number[] | null {
  const g = compiled(grammar);
  const { terminals, heights } = prepared(g, alphabet);
  if (heights[g.start] === Infinity) return null;
  const out: number[] = [];
  const work: [symbol: number, depth: number][] = [[g.start, 0]];
  for (let next = work.pop(); next !== undefined; next = work.pop()) {
    const [s, depth] = next;
    if (s < 0) {
      out.push(pick(terminals[-1 - s] as number[], random));
      if (out.length > MAX_LENGTH) return null;
      continue;
    }
    const prods = g.productions[s] as number[];
    // Deep down, only the productions of least height: every rule in them is lower, so the derivation ends.
    const open = prods.filter((p) => (depth < FREE_DEPTH ? heightOf(g, p, heights, terminals) < Infinity : heightOf(g, p, heights, terminals) === heights[s]));
    if (open.length === 0) return null;
    const chosen = open[random(open.length)] as number;
    const body: number[] = [];
    for (let i = chosen; g.symbols[i] !== END; i++) body.push(g.symbols[i] as number);
    for (let i = body.length - 1; i >= 0; i--) work.push([body[i] as number, depth + 1]);
  }
  return out;
}

/** The height of production p: one more than its highest rule's, Infinity when a symbol derives nothing of the alphabet. */
function heightOf(g: CompiledGrammar, p: number, heights: readonly number[], terminals: readonly number[][]): number {
  let h = 0;
  for (let i = p; g.symbols[i] !== END; i++) {
    const s = g.symbols[i] as number;
    if (s < 0 && (terminals[-1 - s] as number[]).length === 0) return Infinity;
    h = Math.max(h, s >= 0 ? (heights[s] as number) : 0);
  }
  return h + 1;
}

interface Prepared {
  /** Each terminal's ranges within the alphabet (no surrogates in text, nothing past 0xff in bytes). */
  terminals: number[][];
  /** Each rule's height: the fewest levels of rules a derivation of it needs (Infinity: it derives no string of the alphabet). */
  heights: number[];
}

const preparedCache = new WeakMap<CompiledGrammar, Map<AbnfAlphabet, Prepared>>();

function prepared(g: CompiledGrammar, alphabet: AbnfAlphabet): Prepared {
  let byAlphabet = preparedCache.get(g);
  if (byAlphabet === undefined) preparedCache.set(g, (byAlphabet = new Map()));
  let done = byAlphabet.get(alphabet);
  if (done !== undefined) return done;
  const allowed = alphabet === 'text' ? [0, 0xd7ff, 0xe000, 0x10ffff] : [0, 0xff];
  const terminals = g.terminals.map((ranges) => {
    const out: number[] = [];
    for (let i = 0; i < ranges.length; i += 2) {
      for (let j = 0; j < allowed.length; j += 2) {
        const lo = Math.max(ranges[i] as number, allowed[j] as number);
        const hi = Math.min(ranges[i + 1] as number, allowed[j + 1] as number);
        if (lo <= hi) out.push(lo, hi);
      }
    }
    return out;
  });
  const heights = g.productions.map(() => Infinity);
  // Heights only fall, each to a production's: a fixed point in at most as many rounds as rules.
  for (let changed = true; changed; ) {
    changed = false;
    g.productions.forEach((prods, rule) => {
      for (const p of prods) {
        const h = heightOf(g, p, heights, terminals);
        if (h < (heights[rule] as number)) {
          heights[rule] = h;
          changed = true;
        }
      }
    });
  }
  done = { terminals, heights };
  byAlphabet.set(alphabet, done);
  return done;
}

/** A value from the ranges, each range as likely as the next. */
function pick(ranges: readonly number[], random: Draw): number {
  const r = 2 * random(ranges.length / 2);
  const lo = ranges[r] as number;
  const hi = ranges[r + 1] as number;
  return lo + random(Math.min(hi - lo + 1, 2 ** 32));
}

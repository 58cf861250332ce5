/**
 * Where the general matcher (matcher.ts) found a value not to match, and how
 * it keeps the failure to report: the path of steps into the value, the
 * failure furthest into it (two at one place say what both expected), and
 * that path's byte offset in the encoded item.
 */
import { CborReader, type DecodeErrorCode } from './runtime.js';
import { pathText } from './matcher-words.js';

/** One step from a data item into a part of it: an array item, a map entry's value (`label`: its key) or key, a tag's content, the item embedded in a byte string. */
export type PathStep = { kind: 'index'; index: number } | { kind: 'entry'; index: number; label: string } | { kind: 'key'; index: number; label: string } | { kind: 'tag' } | { kind: 'embedded' };

/** Why a value does not match: the problem furthest into it. */
export interface MatchFailure {
  /** `[3].status`, `{1}`, `` for the value itself. */
  path: string;
  steps: PathStep[];
  message: string;
  /** `'unsafe-integer'` for an integer the program's `integers: 'number'` refuses (the code of the decoder's DecodeError). */
  code?: DecodeErrorCode;
}

/**
 * The byte offset, in `bytes`, of the data item a failure's steps lead to
 * from the item at `start` (where it can be told: not inside embedded bytes).
 */
export function offsetOf(bytes: Uint8Array, start: number, steps: readonly PathStep[]): number {
  const reader = new CborReader(bytes.subarray(start), { maxDepth: Number.MAX_SAFE_INTEGER });
  try {
    for (const step of steps) {
      if (step.kind === 'embedded') break;
      if (step.kind === 'tag') {
        reader.readTag();
        continue;
      }
      const count = step.kind === 'index' ? reader.readArrayHeader() : reader.readMapHeader();
      const skip = step.kind === 'index' ? step.index : 2 * step.index + (step.kind === 'entry' ? 1 : 0);
      for (let i = 0; i < skip && reader.hasMoreItems(count < 0 ? -1 : count * (step.kind === 'index' ? 1 : 2), i); i++) reader.skip();
    }
  } catch {
    // The steps came from this item's value, so they lead somewhere; if not, the deepest place reached is still right.
  }
  return start + reader.pos;
}

/** Two failures at one place as one: `expected int, got true` and `expected tstr, got true` are `expected int or tstr, got true`. */
function joinExpected(first: string, second: string): string {
  const a = /^expected (.*), (got .*)$/s.exec(first);
  const b = /^expected (.*), (got .*)$/s.exec(second);
  if (a === null || b === null || a[2] !== b[2] || a[1] === b[1]) return first;
  // Each expectation once: two records that both grew from one (alternatives tried from one mark, matcher-groups.ts)
  // share their first ones, which joined as text would double at every level of nesting.
  const expected = (a[1] as string).split(' or ');
  const known = expected.length;
  for (const more of (b[1] as string).split(' or ')) if (!expected.includes(more)) expected.push(more);
  return expected.length === known ? first : `expected ${expected.join(' or ')}, ${a[2]}`;
}

/** A failure as the matcher records it: where, and what was expected there. Never changed once made. */
export interface FailureRecord {
  readonly steps: readonly PathStep[];
  readonly message: string;
}

/** Of two failures, the one further into the value; at one place, what both expected. */
export function furthestFailure(a: FailureRecord | null, b: FailureRecord | null): FailureRecord | null {
  if (a === null || b === null) return a ?? b;
  if (further(b.steps, a.steps)) return b;
  if (pathText(a.steps) === pathText(b.steps)) {
    const message = joinExpected(a.message, b.message);
    return message === a.message ? a : { steps: a.steps, message };
  }
  return a;
}

/** Whether failure path `a` reaches further into the value than `b`: a later item or entry where they part, else deeper. */
export function further(a: readonly PathStep[], b: readonly PathStep[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as PathStep;
    const y = b[i] as PathStep;
    const xi = 'index' in x ? x.index : -1;
    const yi = 'index' in y ? y.index : -1;
    if (xi !== yi) return xi > yi;
  }
  return a.length > b.length;
}

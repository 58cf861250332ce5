/**
 * PairMemo (generator/layout/pair-memo.ts) answers a question that is asked again inside itself, a
 * pair met again while open being taken as no, and keeps answers between questions: every yes, and the
 * noes found since the last yes (for good once nothing is open). Its answers must be the least fixed
 * point, the one the planner's questions (is there a finite common value? one written differently?)
 * have, whatever order the questions come in; and keeping them must make the work polynomial where
 * asking afresh on every path was factorial.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairMemo } from '../../generator/layout/pair-memo.js';

/** A monotone question on a graph: node v is yes when it is a base, or when every node of one of its clauses is yes. */
interface Question {
  base: boolean[];
  clauses: number[][][];
}

function leastFixedPoint(q: Question): boolean[] {
  const yes = q.base.slice();
  for (let changed = true; changed; ) {
    changed = false;
    q.clauses.forEach((clauses, v) => {
      if (!yes[v] && clauses.some((clause) => clause.every((u) => yes[u]))) changed = yes[v] = true;
    });
  }
  return yes;
}

/** Asks every node in `order` of one memo, recursively, as option-forms.ts asks pairs of shapes; counts the answers computed. */
function askAll(q: Question, order: number[]): { answers: boolean[]; computed: number } {
  const memo = new PairMemo();
  let computed = 0;
  const ask = (v: number): boolean =>
    memo.ask(String(v), () => {
      computed++;
      return (q.base[v] as boolean) || (q.clauses[v] as number[][]).some((clause) => clause.every(ask));
    });
  const answers: boolean[] = [];
  for (const v of order) answers[v] = ask(v);
  return { answers, computed };
}

const questions = fc.integer({ min: 1, max: 9 }).chain((n) =>
  fc.record({
    // Few bases, so that most answers come through clauses.
    base: fc.array(fc.boolean(), { minLength: n, maxLength: n }).map((b) => b.map((x, i) => x && i % 3 === 0)),
    clauses: fc.array(fc.array(fc.array(fc.nat(n - 1), { minLength: 1, maxLength: 3 }), { maxLength: 3 }), { minLength: n, maxLength: n }),
    order: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n, maxLength: n }),
  }),
);

describe('PairMemo', () => {
  it('answers with the least fixed point, in any order of questions, on graphs with cycles', () => {
    fc.assert(
      fc.property(questions, ({ base, clauses, order }) => {
        const q = { base, clauses };
        expect(askAll(q, order).answers).toEqual(leastFixedPoint(q));
      }),
      { numRuns: 2000 },
    );
  });

  it('a no that leaned on a pair then open is not kept once that pair turns out yes', () => {
    // Asking 0: its first clause asks 1, which asks 0, open, so 1 is no for now; its second clause asks 2, which is yes,
    // so 0 is yes, and so is 1 through it, though 1 was found no while 0 was open.
    const q: Question = { base: [false, false, false], clauses: [[[1], [2]], [[0]], [[]]] };
    expect(leastFixedPoint(q)).toEqual([true, true, true]);
    expect(askAll(q, [0, 1, 2]).answers).toEqual([true, true, true]);
  });

  it('finds every yes where every node asks every other', () => {
    const n = 12;
    // Only the last node is a base: every other is yes through it, found on the first path down and kept for the others.
    const q: Question = {
      base: Array.from({ length: n }, (_, v) => v === n - 1),
      clauses: Array.from({ length: n }, (_, v) => Array.from({ length: n }, (_, u) => [u]).filter(([u]) => u !== v)),
    };
    const { answers, computed } = askAll(q, Array.from({ length: n }, (_, v) => v));
    expect(answers).toEqual(Array.from({ length: n }, () => true));
    expect(computed).toBeLessThanOrEqual(n * n);
  });

  it('keeps the work linear where every node asks every other and every answer is no (factorial paths)', () => {
    // Asked afresh on every path, each simple path is walked: 9,864,100 answers for these ten nodes.
    const n = 10;
    const q: Question = { base: Array.from({ length: n }, () => false), clauses: Array.from({ length: n }, (_, v) => Array.from({ length: n }, (_, u) => [u]).filter(([u]) => u !== v)) };
    const { answers, computed } = askAll(q, Array.from({ length: n }, (_, v) => v));
    expect(answers).toEqual(Array.from({ length: n }, () => false));
    expect(computed).toBe(n);
  });
});

/**
 * Test helper: a grammar written in ABNF as an oracle for a hand-written parser, run by the ABNF recogniser
 * (templates/abnf-recogniser.ts): the grammar read as data, random edits of real texts, and words drawn from it.
 * test/parse/grammar-conformance.test.ts holds the CDDL parser to RFC 9682's grammar with it,
 * test/controls/abnf-syntax-conformance.test.ts the `.abnf` controller parser to RFC 5234's.
 */
import fc from 'fast-check';
import { abnfCheck } from '../../generator/layout/abnf.js';
import type { AbnfGrammar } from '../../templates/abnf-recogniser.js';
import { drawAbnf } from '../../templates/abnf-sampler.js';

/** The rules of `text` (ABNF), matched from `element`, as data for the recogniser and the sampler. */
export function grammarOf(element: string, text: string): AbnfGrammar {
  const check = abnfCheck(`${element}\n${text}`, { alphabet: 'text', asData: true });
  if (!('grammar' in check)) throw new Error('asData reads the grammar as data');
  return check.grammar as AbnfGrammar;
}

/** `text` with each `[from, to]` made, each of which must be there (the oracle cannot drift from what it changes). */
export function changed(text: string, changes: readonly (readonly [from: string | RegExp, to: string])[]): string {
  let out = text;
  for (const [from, to] of changes) {
    const next = out.replace(from, to);
    if (next === out) throw new Error(`the grammar has no ${String(from)}`);
    out = next;
  }
  return out;
}

export interface TextEdit {
  at: number;
  kind: 'delete' | 'insert' | 'replace' | 'repeat';
  insert: string;
  length: number;
}

/** One edit; `at` is taken modulo the length. `repeat` doubles a run of `length` × 4 characters. */
export function textEdit(inserts: readonly string[], kinds: readonly TextEdit['kind'][] = ['delete', 'insert', 'replace', 'repeat']): fc.Arbitrary<TextEdit> {
  return fc.record({ at: fc.nat(), kind: fc.constantFrom(...kinds), insert: fc.constantFrom(...inserts), length: fc.integer({ min: 1, max: 8 }) });
}

/** `text` with the edits applied in order. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of edits) {
    const at = e.at % (out.length + 1);
    if (e.kind === 'delete') out = out.slice(0, at) + out.slice(at + e.length);
    else if (e.kind === 'insert') out = out.slice(0, at) + e.insert + out.slice(at);
    else if (e.kind === 'replace') out = out.slice(0, at) + e.insert + out.slice(at + 1);
    else out = out.slice(0, at) + out.slice(at, at + e.length * 4) + out.slice(at);
  }
  return out;
}

/**
 * Draws `runs` words of `grammar` (seeded, as fast-check draws) and gives each to `check`, which asserts;
 * returns how many were drawn (a derivation that grows past its limits, or a word longer than 4,000, is skipped).
 */
export function checkDrawnWords(grammar: AbnfGrammar, options: { runs: number; seed: number }, check: (word: string) => void): number {
  let drawn = 0;
  fc.assert(
    fc.property(fc.infiniteStream(fc.nat({ max: 0x7fffffff })), (numbers) => {
      const word = drawAbnf(grammar, 'text', (below) => (numbers.next().value as number) % below);
      if (word === null || word.length > 4000) return;
      drawn++;
      check(String.fromCodePoint(...word));
    }),
    { numRuns: options.runs, seed: options.seed },
  );
  return drawn;
}

/**
 * For `runs` texts (seeded): each that the parser takes (`taken`), the grammar must derive (`derived`, which asserts
 * nothing itself); returns how many were taken, for the caller to ask that enough were.
 */
export function checkTakenAreDerived(texts: fc.Arbitrary<string>, options: { runs: number; seed: number }, taken: (text: string) => boolean, derived: (text: string) => boolean): number {
  let count = 0;
  fc.assert(
    fc.property(texts, (text) => {
      if (!taken(text)) return;
      count++;
      if (!derived(text)) throw new Error(`taken, but the grammar does not derive it: ${JSON.stringify(text)}`);
    }),
    { numRuns: options.runs, seed: options.seed },
  );
  return count;
}

/**
 * A later round of the layout (generator/layout/general.ts) keeps the shapes of the rules that reach
 * no rule made general since the round before (shape-reuse.ts), and skips their lossless check when
 * nothing it reads changed. That must give exactly the layouts computed from scratch with the final
 * set of general rules, in one round: this test computes both, for every corpus schema with a general
 * rule and for synthetic schemas whose layout takes several rounds. Keeping every earlier shape, the
 * reached ones too, fails it (2,000 and 3,000 rules of seed 11); skipping the lossless check of every
 * kept rule changed no layout of 120 synthetic schemas, so that condition has no case here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { syntheticSchema } from '../../bench/generator/synthetic.js';
import { compileIr, type SchemaText } from '../../generator/index.js';
import { computeLayouts, layoutsToJson, type Layouts } from '../../generator/layout/index.js';
import { corpusFiles, schemasFor } from '../corpus/corpus-files.js';
import { SHARED } from '../support/schemas.js';

function layoutsOf(schemas: SchemaText[], general?: ReadonlyMap<string, string>): Layouts {
  const sources = new Map(schemas.map((s) => [s.path, s.text]));
  return computeLayouts(compileIr(schemas), { sources, ...(general === undefined ? {} : { general }) });
}

/** The layouts by rounds, or null when the schema does not generate (the corpus tests say why). */
function tryLayouts(schemas: SchemaText[]): Layouts | null {
  try {
    return layoutsOf(schemas);
  } catch {
    return null;
  }
}

/** Asserts that the layouts of `schemas` equal those computed in one round from their general rules; true when there were some. */
function agreesWithOneRound(schemas: SchemaText[]): boolean {
  const byRounds = tryLayouts(schemas);
  if (byRounds === null || byRounds.general.size === 0) return false;
  const oneRound = layoutsOf(schemas, byRounds.general);
  expect([...oneRound.general.keys()]).toEqual([...byRounds.general.keys()]);
  expect(JSON.stringify(layoutsToJson(oneRound))).toBe(JSON.stringify(layoutsToJson(byRounds)));
  return true;
}

const LIBRARY = `${SHARED}cddl-library/`;

describe('layouts by rounds equal the layouts of one round with the final general rules', () => {
  it('every corpus and library schema with a general rule', () => {
    const withGeneral: string[] = [];
    for (const file of corpusFiles()) if (agreesWithOneRound(schemasFor(file))) withGeneral.push(file);
    const library = readdirSync(fileURLToPath(new URL(`file://${LIBRARY}`))).filter((f) => f.endsWith('.cddl')).sort();
    for (const file of library) if (agreesWithOneRound([{ path: file, text: readFileSync(`${LIBRARY}${file}`, 'utf8') }])) withGeneral.push(file);
    // Not vacuous: the corpus and the library hold general rules (rfc8990, webdriver-bidi, …).
    expect(withGeneral.length).toBeGreaterThanOrEqual(3);
  });

  // 2,000 and 3,000 rules of seed 11: a rule made general in a later round is reached by rules whose shapes
  // looked into it (keeping their shapes regardless gives other general rules there); the others for breadth.
  it.each([
    [2000, 11],
    [3000, 11],
    [1500, 1],
    [1500, 2],
    [1500, 7],
  ])('the synthetic schema of %i rules, seed %i', (rules, seed) => {
    expect(agreesWithOneRound([{ path: 'synthetic.cddl', text: syntheticSchema(rules, seed) }])).toBe(true);
  }, 60_000);
});

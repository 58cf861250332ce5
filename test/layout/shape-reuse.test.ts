/**
 * A later round of the layout (generator/layout/general.ts) keeps the shapes of the rules that reach
 * no rule made general since the round before (shape-reuse.ts), and skips their lossless check when
 * nothing it reads changed. That must give exactly the layouts computed from scratch with the final
 * set of general rules, in one round: this test computes both, for every corpus schema with a general
 * rule (read by length and greedily) and for synthetic schemas whose layout takes several rounds. Keeping every earlier shape, the
 * reached ones too, fails it (2,000 and 3,000 rules of seed 11); skipping the lossless check of every
 * kept rule changed no layout of 120 synthetic schemas, so that condition has no case here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { syntheticSchema } from '../../bench/generator/synthetic.js';
import { compileIr, type SchemaText } from '../../generator/index.js';
import { computeLayouts, layoutsToJson, type Layouts } from '../../generator/layout/index.js';
import { ARRAY_MATCHINGS, type ArrayMatching } from '../../generator/layout/shapes.js';
import { corpusFiles, schemasFor } from '../corpus/corpus-files.js';
import { SHARED } from '../support/schemas.js';

function layoutsOf(schemas: SchemaText[], arrayMatching: ArrayMatching, general?: ReadonlyMap<string, string>): Layouts {
  const sources = new Map(schemas.map((s) => [s.path, s.text]));
  return computeLayouts(compileIr(schemas), { sources, arrayMatching, ...(general === undefined ? {} : { general }) });
}

/** The layouts by rounds, or null when the schema does not generate (the corpus tests say why). */
function tryLayouts(schemas: SchemaText[], arrayMatching: ArrayMatching): Layouts | null {
  try {
    return layoutsOf(schemas, arrayMatching);
  } catch {
    return null;
  }
}

/** Asserts that the layouts of `schemas` equal those computed in one round from their general rules; true when there were some. */
function agreesWithOneRound(schemas: SchemaText[], arrayMatching: ArrayMatching = 'by-length'): boolean {
  const byRounds = tryLayouts(schemas, arrayMatching);
  if (byRounds === null || byRounds.general.size === 0) return false;
  const oneRound = layoutsOf(schemas, arrayMatching, byRounds.general);
  expect([...oneRound.general.keys()]).toEqual([...byRounds.general.keys()]);
  expect(JSON.stringify(layoutsToJson(oneRound))).toBe(JSON.stringify(layoutsToJson(byRounds)));
  return true;
}

const LIBRARY = `${SHARED}cddl-library/`;

describe('layouts by rounds equal the layouts of one round with the final general rules', () => {
  it('every corpus and library schema with a general rule, read by length and greedily', () => {
    const withGeneral: string[] = [];
    const library = readdirSync(fileURLToPath(new URL(`file://${LIBRARY}`))).filter((f) => f.endsWith('.cddl')).sort();
    for (const arrayMatching of ARRAY_MATCHINGS) {
      for (const file of corpusFiles()) if (agreesWithOneRound(schemasFor(file), arrayMatching)) withGeneral.push(`${file} ${arrayMatching}`);
      for (const file of library) if (agreesWithOneRound([{ path: file, text: readFileSync(`${LIBRARY}${file}`, 'utf8') }], arrayMatching)) withGeneral.push(`${file} ${arrayMatching}`);
    }
    // Not vacuous: the corpus and the library hold general rules when arrays are read greedily (RFC 9052's
    // Sig_structure in the COSE schemas, …).
    expect(withGeneral.length).toBeGreaterThanOrEqual(5);
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

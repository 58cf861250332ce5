/**
 * Every schema of the shared real-world corpus either generates a module that type-checks under
 * strict settings, or is in KNOWN_GAPS and still fails with exactly the recorded message.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { compile } from '../../generator/index.js';
import { typecheck } from '../support/typecheck.js';
import { COMPANIONS, KNOWN_GAPS, TMP_DIR, compileCorpus, corpusFiles, schemasFor, tmpName } from './corpus-files.js';

/**
 * Positions of the `any` type in code (not in comments or strings, nor a name such as a property
 * `any`), found by parsing: a scanner alone cannot tell a `/` that starts a regular expression
 * from a division, and then reads the rest of the file wrongly.
 */
function anyKeywordsIn(text: string): number[] {
  const source = ts.createSourceFile('module.ts', text, ts.ScriptTarget.Latest, /* setParentNodes */ false, ts.ScriptKind.TS);
  const at: number[] = [];
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.AnyKeyword) at.push(node.getStart(source));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return at;
}

const files = corpusFiles();

describe('the corpus', () => {
  it('is found, and every KNOWN_GAPS and COMPANIONS entry names a corpus file', () => {
    expect(files.length).toBeGreaterThan(20);
    for (const name of [...Object.keys(KNOWN_GAPS), ...Object.keys(COMPANIONS), ...Object.values(COMPANIONS).flatMap((c) => c.files)]) {
      expect(files, `${name} is not in the corpus any more`).toContain(name);
    }
  });

  it('the `any` scanner sees the keyword in code only', () => {
    expect(anyKeywordsIn('let a: any = 1;')).toHaveLength(1);
    expect(anyKeywordsIn('// any\nconst s = "any"; type CborAny = unknown;')).toHaveLength(0);
    expect(anyKeywordsIn('interface L { any: boolean }\nconst any = 1; const r = /`/; f(this.any(s), x as any);')).toHaveLength(1);
  });
});

describe.each(files)('%s', (file) => {
  const gap = KNOWN_GAPS[file];

  if (gap !== undefined) {
    it(`is a known gap: fails with exactly the recorded ${gap.kind} error`, () => {
      const outcome = compileCorpus(file);
      if (outcome.ok) {
        expect.fail(`${file} now generates: remove it from KNOWN_GAPS in test/corpus/corpus-files.ts (and update docs/cddl-support.md)`);
      }
      expect(outcome.error, `${file} fails differently now: check the new message and update KNOWN_GAPS`).toBe(gap.error);
    });
    return;
  }

  it('generates, every rule typed (none left to the general matcher), without `any` types, deterministically, and type-checks (strict, nodenext)', () => {
    const outcome = compileCorpus(file);
    if (!outcome.ok) expect.fail(`${file} does not generate: ${outcome.error} (a regression, or a new gap to add to KNOWN_GAPS)`);
    // The last was WebDriver BiDi's session.ProxyConfiguration, typed since December 5, 2026 (groups.ts cutGroupReadings).
    expect(outcome.general, 'rules typed CborValue').toEqual([]);
    const generated = outcome.files;
    expect(generated.length).toBeGreaterThanOrEqual(2);

    // Deterministic: a second run gives the same files, byte for byte.
    expect(compile(schemasFor(file))).toEqual(generated);

    for (const f of generated) {
      const at = anyKeywordsIn(f.contents);
      expect(at.map((pos) => `${f.path}: …${f.contents.slice(Math.max(0, pos - 40), pos + 10)}…`), 'no `any` in generated code').toEqual([]);
    }

    const dir = new URL(`${tmpName(file)}/`, TMP_DIR);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL('package.json', dir), '{"type":"module"}\n');
    for (const f of generated) writeFileSync(new URL(f.path, dir), f.contents);
    const diagnostics = typecheck(
      generated.map((f) => fileURLToPath(new URL(f.path, dir))),
      { moduleResolution: 'nodenext' },
    );
    expect(diagnostics).toEqual([]);
  });
});

/**
 * The whole pipeline (parse → IR → shapes → emit) on damaged real schemas: whatever the edit, the
 * generator either produces its files or throws a SchemaError with a location, never a TypeError,
 * a stack overflow or another crash. The parser has its own fuzzing (test/parse/property.test.ts);
 * this reaches the stages after it with input that parses.
 */
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { isSchemaError } from '../../generator/diagnostics.js';
import { compile } from '../../generator/index.js';
import { CORPUS_DIR, corpusFiles, readCorpus } from './corpus-files.js';

/** Small enough to compile many times in a test run (the large files are covered whole by corpus.test.ts). */
const files = corpusFiles().filter((f) => statSync(fileURLToPath(new URL(f, CORPUS_DIR))).size < 40_000);

/** Edits that keep most of a schema parseable while changing what it means. */
const PIECES = ['*', '+', '?', '//', '/', ', int', '[* tstr]', '{ * tstr => any }', '.size 4', '.cbor int', '#6.<1..3>', '~', '&', '0..10', ' bstr', ' nil', ' undefined', '$$x', '$y'];

type Edit = { kind: 'drop-line'; line: number } | { kind: 'repeat-line'; line: number } | { kind: 'insert'; at: number; piece: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('drop-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('repeat-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.constantFrom(...PIECES) }),
);

function mutate(text: string, edits: Edit[]): string {
  let lines = text.split('\n');
  for (const e of edits) {
    if (e.kind === 'drop-line') lines.splice(e.line % lines.length, 1);
    else if (e.kind === 'repeat-line') lines.splice(e.line % lines.length, 0, lines[e.line % lines.length] ?? '');
    else {
      const joined = lines.join('\n');
      const i = e.at % (joined.length + 1);
      lines = (joined.slice(0, i) + e.piece + joined.slice(i)).split('\n');
    }
  }
  return lines.join('\n');
}

it('damaged corpus files generate or give a SchemaError, never a crash', () => {
  expect(files.length).toBeGreaterThan(5);
  const outcomes = { generated: 0, refused: 0 };
  fc.assert(
    fc.property(fc.constantFrom(...files), fc.array(edit, { minLength: 1, maxLength: 3 }), (file, edits) => {
      const text = mutate(readCorpus(file), edits);
      try {
        compile([{ path: 'damaged.cddl', text }]);
        outcomes.generated++;
      } catch (error) {
        if (!isSchemaError(error)) throw new Error(`${file} with ${JSON.stringify(edits)}: ${String(error)}\n${text}`);
        outcomes.refused++;
      }
    }),
    { numRuns: 1000 },
  );
  // Both outcomes happen, or the edits are not testing what they should.
  expect(outcomes.generated).toBeGreaterThan(0);
  expect(outcomes.refused).toBeGreaterThan(0);
}, 120_000);

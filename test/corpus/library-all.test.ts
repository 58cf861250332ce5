/**
 * Every file of the shared CDDL library (`../shared/cddl-library/`, the published CDDL of RFC 8610's
 * prelude through RFC 9597) generates alone and the output passes strict tsc — or is in KNOWN_GAPS
 * and still fails with exactly the recorded message, so the list can only shrink knowingly.
 *
 * Files whose `;# import` / `;# include` directives name their modules find them in the library the
 * package ships. Files that use another file's rules without a directive (SOURCES.md lists them)
 * take those files as extra schemas, as a user would on the command line.
 *
 * All generated modules are type-checked in one TypeScript program (each in its own folder), which
 * is much faster than one program per file.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, type EmittedFile } from '../../generator/index.js';
import { typecheck } from '../support/typecheck.js';
import { generalRule } from './corpus-files.js';

const LIBRARY = new URL('../../../shared/cddl-library/', import.meta.url);
const TMP = new URL('./__tmp__/library-all/', import.meta.url);

/** Files that need the rules of other files, which they do not import (SOURCES.md): those files follow them. */
const COMPANIONS: Readonly<Record<string, { files: string[]; why: string }>> = {
  'rfc9393-sign.cddl': { files: ['rfc9393-sign1.cddl'], why: 'cose-label and cose-values are defined in the COSE_Sign1 file of RFC 9393' },
  'rfc9393-tags.cddl': {
    files: ['rfc9393-sign1.cddl', 'rfc9393-sign.cddl', 'rfc9393-concise-swid-tag.cddl'],
    why: 'signed-coswid-for uses COSE_Sign1-coswid and COSE_Sign-coswid, the payload is concise-swid-tag',
  },
  'rfc9528.cddl': { files: ['rfc9052.cddl'], why: 'EDHOC (RFC 9528) uses header_map from COSE (RFC 9052)' },
};

/**
 * Files that do not generate or type-check today, with the exact first line of the error (the
 * generator's message, or the first tsc diagnostic, paths relative to the file's output folder).
 * The test fails when one of them passes (remove it here) or fails differently (check, update).
 */
const KNOWN_GAPS: Readonly<Record<string, string>> = {};

const files = readdirSync(fileURLToPath(LIBRARY))
  .filter((f) => f.endsWith('.cddl'))
  .sort();

function schemaText(name: string): { path: string; text: string; file: string } {
  // A folder with no CDDL beside the file: imported modules come from the shipped library.
  return { path: name, text: readFileSync(new URL(name, LIBRARY), 'utf8'), file: `/nonexistent-folder/${name}` };
}

type Outcome = { ok: true; files: EmittedFile[]; general: string[] } | { ok: false; error: string };

function generateAlone(name: string): Outcome {
  const general: string[] = [];
  try {
    const files = compile([name, ...(COMPANIONS[name]?.files ?? [])].map(schemaText), { onWarning: (w) => void (generalRule(w) !== null && general.push(generalRule(w) as string)) });
    return { ok: true, files, general };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: message.split('\n')[0] ?? '' };
  }
}

function outputFolder(name: string): URL {
  return new URL(`${name.replace(/\.cddl$/, '')}/`, TMP);
}

/** Each file's outcome: the generator's error, the first tsc diagnostic of its output, or null when both pass. */
const errors = new Map<string, string | null>();
const generated = new Map<string, EmittedFile[]>();
/** Each file's rules typed CborValue, left to the general matcher. */
const generalRules = new Map<string, string[]>();

beforeAll(() => {
  rmSync(TMP, { recursive: true, force: true });
  const paths: string[] = [];
  for (const name of files) {
    const outcome = generateAlone(name);
    if (!outcome.ok) {
      errors.set(name, outcome.error);
      continue;
    }
    generated.set(name, outcome.files);
    generalRules.set(name, outcome.general);
    const dir = outputFolder(name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL('package.json', dir), '{"type":"module"}\n');
    for (const f of outcome.files) {
      writeFileSync(new URL(f.path, dir), f.contents);
      paths.push(fileURLToPath(new URL(f.path, dir)));
    }
  }
  const diagnostics = typecheck(paths, { moduleResolution: 'nodenext' });
  for (const name of generated.keys()) {
    const prefix = fileURLToPath(outputFolder(name));
    const first = diagnostics.find((d) => d.startsWith(prefix));
    errors.set(name, first === undefined ? null : (first.slice(prefix.length).split('\n')[0] ?? ''));
  }
  // A diagnostic outside every output folder (none expected) would otherwise go unseen.
  const stray = diagnostics.filter((d) => ![...generated.keys()].some((name) => d.startsWith(fileURLToPath(outputFolder(name)))));
  if (stray.length > 0) throw new Error(`tsc diagnostics outside the output folders:\n${stray.join('\n')}`);
  // One tsc program over some forty modules: minutes when the machine is busy.
}, 600_000);

describe('the shared CDDL library', () => {
  it('is found, and every KNOWN_GAPS and COMPANIONS entry names one of its files', () => {
    expect(files.length).toBeGreaterThanOrEqual(41);
    for (const name of [...Object.keys(KNOWN_GAPS), ...Object.keys(COMPANIONS), ...Object.values(COMPANIONS).flatMap((c) => c.files)]) {
      expect(files, `${name} is not in the library`).toContain(name);
    }
  });
});

describe.each(files)('%s', (name) => {
  const gap = KNOWN_GAPS[name];
  if (gap !== undefined) {
    it('is a known gap: fails with exactly the recorded error', () => {
      const error = errors.get(name);
      if (error === null) expect.fail(`${name} now generates and type-checks: remove it from KNOWN_GAPS`);
      expect(error, `${name} fails differently now: check the new message and update KNOWN_GAPS`).toBe(gap);
    });
    return;
  }
  it('generates alone, every rule typed (none left to the general matcher), deterministically, and type-checks (strict, nodenext)', () => {
    expect(errors.get(name)).toBeNull();
    expect(generalRules.get(name), 'rules typed CborValue').toEqual([]);
    expect(compile([name, ...(COMPANIONS[name]?.files ?? [])].map(schemaText))).toEqual(generated.get(name));
  });
});

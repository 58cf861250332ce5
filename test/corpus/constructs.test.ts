/**
 * Each CDDL construct, one small schema at a time (test/corpus/constructs.ts): either the
 * generator refuses it with exactly the recorded message, or it emits the recorded type, a
 * decoder that accepts and rejects the recorded EDN vectors, an encoder whose output decodes
 * back to the same value and data item, and a module that type-checks. docs/cddl-support.md
 * cites these tests by name.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseEDN } from 'cbor-edn';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, type EmittedFile } from '../../generator/index.js';
import { typecheck } from '../support/typecheck.js';
import { CONSTRUCTS, docsRow, type Construct } from './constructs.js';
import { TMP_DIR } from './corpus-files.js';
import { freshFolder } from '../support/scratch.js';
import { dataItem } from './data-item.js';
import { compareAnyAsDataItems } from '../support/any-equality.js';

/** New for each run of this file: the modules are written here and imported. */
const ROOT = freshFolder(TMP_DIR, 'constructs');

// Values of `any` are data items: equal when they are the same item.
compareAnyAsDataItems();

/** A folder name for a construct: its index in the table, then its name (`012-array-list`). */
function slug(name: string): string {
  const index = CONSTRUCTS.findIndex((c) => c.name === name);
  return `${String(index).padStart(3, '0')}-${name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase()}`;
}

function generate(c: Construct): { ok: true; files: EmittedFile[] } | { ok: false; error: string } {
  try {
    return { ok: true, files: compile([{ path: 'x.cddl', text: `${c.cddl}\n` }]) };
  } catch (error) {
    return { ok: false, error: (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '' };
  }
}

/** The declaration of `A`, on one line: `export type A = …;` or `export interface A { … }`. */
function declarationOfA(module: string): string | undefined {
  const m = /^export (?:type A =|interface A )[^\n]*(?:\n {2}[^\n]*)*(?:\n\})?/m.exec(module);
  return m?.[0].replace(/\n\s*/g, ' ');
}

/**
 * The runtime files every construct's module gets are the same text (templates copied verbatim),
 * so each is written once, in `runtime/`, and the modules import it from there: with a copy in
 * each of 285 folders, tsc checked the runtime 285 times (about a quarter of a second each; it
 * does not take symbolic links to relative imports for one file), 72 s of this file's 150. Only
 * the import specifiers of a module change (`'./runtime.js'` becomes `'../runtime/runtime.js'`);
 * a runtime file whose text differed from the shared one would be written beside its module.
 */
const SHARED = new URL('runtime/', ROOT);
/** Every file written, for the type-check. */
const written: string[] = [];
const shared = new Map<string, string>();

/** Writes `module` and its runtime files into `dir`, the runtime files shared where they can be. */
function writeModule(dir: URL, module: EmittedFile, runtime: readonly EmittedFile[]): void {
  const sharedHere = new Set<string>();
  for (const file of runtime) {
    const known = shared.get(file.path);
    if (known === undefined) {
      shared.set(file.path, file.contents);
      writeFileSync(new URL(file.path, SHARED), file.contents);
      written.push(fileURLToPath(new URL(file.path, SHARED)));
    }
    if ((known ?? file.contents) === file.contents) sharedHere.add(file.path.replace(/\.ts$/, '.js'));
    else {
      writeFileSync(new URL(file.path, dir), file.contents);
      written.push(fileURLToPath(new URL(file.path, dir)));
    }
  }
  const contents = module.contents.replace(/ from '\.\/([\w-]+\.js)';/g, (whole, name: string) => (sharedHere.has(name) ? ` from '../runtime/${name}';` : whole));
  writeFileSync(new URL(module.path, dir), contents);
  written.push(fileURLToPath(new URL(module.path, dir)));
}

beforeAll(() => {
  mkdirSync(SHARED, { recursive: true });
  writeFileSync(new URL('package.json', SHARED), '{"type":"module"}\n');
  for (const c of CONSTRUCTS) {
    const outcome = generate(c);
    if (!outcome.ok) continue;
    const dir = new URL(`${slug(c.name)}/`, ROOT);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL('package.json', dir), '{"type":"module"}\n');
    const [module, ...runtime] = outcome.files;
    if (module !== undefined) writeModule(dir, module, runtime);
  }
});

it('docs/cddl-support.md has one row per construct, as recorded here, and no other', () => {
  const docs = readFileSync(new URL('../../docs/cddl-support.md', import.meta.url), 'utf8');
  const section = docs.slice(docs.indexOf('## Constructs'), docs.indexOf('## The real-world corpus'));
  const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| construct |') && !line.startsWith('| --- |'));
  const expected = CONSTRUCTS.map(docsRow);
  expect(expected.filter((row) => !rows.includes(row)), 'rows missing from (or different in) the document: run npx tsx test/corpus/write-docs-rows.ts').toEqual([]);
  expect(rows.filter((row) => !expected.includes(row)), 'rows in the document for no construct').toEqual([]);
});

it('the construct names are unique', () => {
  expect(new Set(CONSTRUCTS.map((c) => c.name)).size).toBe(CONSTRUCTS.length);
});

describe.each(CONSTRUCTS.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  if (c.refused !== undefined) {
    it('is refused with exactly the recorded message', () => {
      const outcome = generate(c);
      if (outcome.ok) expect.fail(`${c.name} now generates: record its type and vectors in test/corpus/constructs.ts and update docs/cddl-support.md`);
      expect(outcome.error).toBe(c.refused);
    });
    return;
  }

  it('generates the recorded type; the decoder accepts and rejects the vectors; values re-encode', async () => {
    const outcome = generate(c);
    if (!outcome.ok) expect.fail(`${c.name} is refused now: ${outcome.error}`);
    const main = outcome.files[0];
    if (main === undefined) throw new Error('no module');
    const decl = declarationOfA(main.contents);
    expect([`export type A = ${c.ts ?? ''}`, `export interface A ${c.ts ?? ''}`]).toContain(decl);

    const mod = (await import(/* @vite-ignore */ new URL(`${slug(c.name)}/${main.path}`, ROOT).href)) as Record<string, unknown>;
    const decode = mod.decodeA as (b: Uint8Array) => unknown;
    const encode = mod.encodeA as (v: unknown) => Uint8Array;
    const isDecodeError = mod.isDecodeError as (e: unknown) => boolean;

    for (const edn of c.accept ?? []) {
      const bytes = parseEDN(edn, {});
      let value: unknown;
      try {
        value = decode(bytes);
      } catch (error) {
        expect.fail(`must accept ${edn}: ${String(error)}`);
      }
      const again = encode(value);
      expect(decode(again), `${edn}: re-encoded bytes decode to the same value`).toEqual(value);
      expect(dataItem(again), `${edn}: re-encoded bytes are the same data item`).toBe(dataItem(bytes));
    }
    for (const edn of c.reject ?? []) {
      const bytes = parseEDN(edn, {});
      let thrown: unknown = null;
      try {
        decode(bytes);
      } catch (error) {
        thrown = error;
      }
      expect(thrown !== null, `must reject ${edn}`).toBe(true);
      expect(isDecodeError(thrown), `rejects ${edn} with a DecodeError: ${String(thrown)}`).toBe(true);
    }
  });
});

it('every generated module type-checks (strict, nodenext)', () => {
  expect(written.length).toBeGreaterThan(0);
  expect(typecheck(written, { moduleResolution: 'nodenext' })).toEqual([]);
}, 300_000); // one tsc program for every row: minutes when the machine is loaded

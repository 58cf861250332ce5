/**
 * The schemas the property test runs over: every file of `../shared/corpus/` (with its companions,
 * as test/corpus/corpus-files.ts lists them) and of `../shared/cddl-library/` (alone: its
 * `;# import` modules resolve from the library the package ships; the three files that use other
 * files' rules without a directive take those, as test/corpus/library-all.test.ts does).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EmittedFile, SchemaText } from '../../generator/index.js';
import { corpusFiles, schemasFor, tmpName } from '../corpus/corpus-files.js';

const LIBRARY = new URL('../../../shared/cddl-library/', import.meta.url);

/** Library files that need the rules of other library files they do not import (SOURCES.md). */
const LIBRARY_COMPANIONS: Readonly<Record<string, string[]>> = {
  'rfc9393-sign.cddl': ['rfc9393-sign1.cddl'],
  'rfc9393-tags.cddl': ['rfc9393-sign1.cddl', 'rfc9393-sign.cddl', 'rfc9393-concise-swid-tag.cddl'],
  'rfc9528.cddl': ['rfc9052.cddl'],
};

export interface PropertySchema {
  /** `corpus/cose-rfc9052.cddl`, `library/rfc9052.cddl`: how reports and expected lists name it. */
  name: string;
  /** The schema texts, the first naming the module (`corpus-cose-rfc9052.cddl`: one folder holds every module). */
  schemas: SchemaText[];
}

function librarySchema(file: string): SchemaText {
  // A folder with no CDDL beside the file: imported modules come from the shipped library.
  return { path: file, text: readFileSync(new URL(file, LIBRARY), 'utf8'), file: `/nonexistent-folder/${file}` };
}

/** Every schema, corpus first, each list sorted. */
export function propertySchemas(): PropertySchema[] {
  const corpus = corpusFiles().map((file): PropertySchema => {
    const [first, ...rest] = schemasFor(file);
    return { name: `corpus/${file}`, schemas: [{ ...first!, path: `corpus-${tmpName(file)}.cddl` }, ...rest] };
  });
  const library = readdirSync(fileURLToPath(LIBRARY))
    .filter((f) => f.endsWith('.cddl'))
    .sort()
    .map((file): PropertySchema => {
      const [first, ...rest] = [file, ...(LIBRARY_COMPANIONS[file] ?? [])].map(librarySchema);
      return { name: `library/${file}`, schemas: [{ ...first!, path: `library-${file}` }, ...rest] };
    });
  return [...corpus, ...library];
}

/**
 * The files of several modules for one folder (`into`: path → text): the templates are the same for every module
 * and module names differ, so a path written twice must hold the same text; `from` names the schema in the error.
 */
export function addModuleFiles(into: Map<string, string>, from: string, files: readonly EmittedFile[]): void {
  for (const f of files) {
    if ((into.get(f.path) ?? f.contents) !== f.contents) throw new Error(`${from}: ${f.path} differs from the one another schema wrote`);
    into.set(f.path, f.contents);
  }
}

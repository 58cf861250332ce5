/** Generates schemas into a scratch folder (under test/choices/__tmp__/) and imports the first module. Not a test file itself. */
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { compile, type CompileOptions, type SchemaText } from '../../generator/index.js';
import { importScratch } from '../support/scratch.js';

export interface GeneratedModule {
  [name: string]: unknown;
  isDecodeError: (e: unknown) => boolean;
}

const TMP = new URL('./__tmp__/', import.meta.url);

export async function generateModule(name: string, schemas: SchemaText[], options: CompileOptions = {}): Promise<GeneratedModule> {
  const files = compile(schemas, options);
  if (files[0] === undefined) throw new Error('compile returned no files');
  const { module, dir } = await importScratch<GeneratedModule>(TMP, name, files);
  folders.set(`${expect.getState().testPath}\0${name}`, dir);
  return module;
}

/** The folder (a file URL ending in `/`) the last {@link generateModule} of `name` in this test file wrote to. */
export function folderNamed(name: string): URL {
  const dir = folders.get(`${expect.getState().testPath}\0${name}`);
  if (dir === undefined) throw new Error(`no module '${name}' generated in this test file yet`);
  return dir;
}

/** The path of the file `path` (`x.ts`) in {@link folderNamed}. */
export function fileNamed(name: string, path: string): string {
  return fileURLToPath(new URL(path, folderNamed(name)));
}

/** Keyed by test file and name: with isolate: false this module outlives one test file. */
const folders = new Map<string, URL>();

/** A schema text named `x.cddl`. */
export function cddl(text: string): SchemaText[] {
  return [{ path: 'x.cddl', text }];
}

/** Generates schemas into a scratch folder (under test/choices/__tmp__/) and imports the first module. Not a test file itself. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { compile, type CompileOptions, type SchemaText } from '../../generator/index.js';

export interface GeneratedModule {
  [name: string]: unknown;
  isDecodeError: (e: unknown) => boolean;
}

const TMP = new URL('./__tmp__/', import.meta.url);

export async function generateModule(name: string, schemas: SchemaText[], options: CompileOptions = {}): Promise<GeneratedModule> {
  const files = compile(schemas, options);
  const dir = new URL(`${name}/`, TMP);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL('package.json', dir), '{"type":"module"}\n');
  for (const f of files) writeFileSync(new URL(f.path, dir), f.contents);
  const first = files[0];
  if (first === undefined) throw new Error('compile returned no files');
  return (await import(/* @vite-ignore */ new URL(first.path, dir).href)) as GeneratedModule;
}

/** A schema text named `x.cddl`. */
export function cddl(text: string): SchemaText[] {
  return [{ path: 'x.cddl', text }];
}

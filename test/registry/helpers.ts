/** Shared helpers for the registry tests (not a test file itself): generating, writing and importing modules. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, type SchemaText } from '../../generator/index.js';
import { REPO } from '../support/schemas.js';
import { importScratch } from '../support/scratch.js';

/** The emit tests' folder (removed after them); cli.test.ts has its own beside it. */
export const TMP = join(REPO, 'test/registry/__tmp__/modules');

/** One registry entry as the generated module holds it. */
export interface Entry {
  name: string;
  value: number | bigint | string | boolean | { min: number | bigint; max: number | bigint; exclusive?: true };
  origin: string;
  doc: string | null;
}

/** The registry exports of a module, looked up by name. */
export type RegistryModule = Record<string, unknown> & {
  [name: `${string}Registry`]: readonly Entry[];
};

let counter = 0;

/** Writes generated files into a fresh folder (with a `package.json` of type module) and returns their absolute paths: for type-checking, not importing. */
export function writeOut(name: string, files: { path: string; contents: string }[]): string[] {
  const dir = join(TMP, `${name}-${process.pid}-${counter++}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  return files.map((f) => {
    const path = join(dir, f.path);
    writeFileSync(path, f.contents);
    return path;
  });
}

/** Generates the schemas, writes the files and imports the module. */
export async function generateAndImport(name: string, schemas: SchemaText[]): Promise<{ module: RegistryModule; text: string; paths: string[] }> {
  const files = compile(schemas);
  const { module, dir } = await importScratch<RegistryModule>(TMP, name, files);
  return { module, text: files[0]!.contents, paths: files.map((f) => fileURLToPath(new URL(f.path, dir))) };
}

/** A function the module exports, typed loosely for calling with any input. */
export function fn(module: RegistryModule, name: string): (value: unknown) => unknown {
  const f = module[name];
  if (typeof f !== 'function') throw new Error(`the module exports no function ${name}`);
  return f as (value: unknown) => unknown;
}

/** The text of one top-level declaration of the module: its JSDoc, then the lines from `start` to the closing `}` or `;` at the line's start. */
export function declarationText(text: string, start: string): string {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.startsWith(start));
  if (first < 0) throw new Error(`no line starting with '${start}' in the module`);
  let from = first;
  if (lines[first - 1]?.endsWith('*/')) while (from > 0 && !lines[from - 1]!.startsWith('/**')) from--;
  if (lines[from - 1]?.startsWith('/**')) from--;
  const opening = lines[first]!.slice(-1);
  const closing = opening === '{' ? '}' : opening === '[' ? '] as const;' : null;
  let to = first;
  if (closing !== null) while (to < lines.length && lines[to] !== closing) to++;
  return lines.slice(from, to + 1).join('\n');
}

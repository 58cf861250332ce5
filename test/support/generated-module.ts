/**
 * Generate a one-file schema with its test-data generators into a temporary directory, type-check
 * the output (strict, nodenext) and import it: the setup of tests that run generated code directly.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { compile } from '../../generator/index.js';
import { typecheck } from './typecheck.js';

export interface GeneratedModule {
  /** The module's exports (decodeX, encodeX, isX, validateX…). */
  readonly mod: Record<string, (...args: unknown[]) => unknown>;
  /** The exports of its test-data generators (arbitraryX). */
  readonly arbitrary: Record<string, unknown>;
  /** Deletes the directory. */
  readonly remove: () => void;
}

/** `schema` compiled as `x.cddl` into a new directory named after `prefix`; fails the test if the output does not type-check. */
export async function loadGeneratedModule(schema: string, prefix: string): Promise<GeneratedModule> {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const files = compile([{ path: 'x.cddl', text: schema }], { arbitrary: true });
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  for (const f of files) writeFileSync(join(dir, f.path), f.contents);
  expect(typecheck(files.map((f) => join(dir, f.path)), { moduleResolution: 'nodenext' })).toEqual([]);
  return {
    mod: (await import(pathToFileURL(join(dir, 'x.ts')).href)) as GeneratedModule['mod'],
    arbitrary: (await import(pathToFileURL(join(dir, 'x.arbitrary.ts')).href)) as GeneratedModule['arbitrary'],
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Compiles a small schema into `__tmp__/<name>.<hash>/` (test/support/scratch.ts) and imports it, for the tests of this folder:
 * what the generated functions do is what is tested, so they run as a user would run them.
 */
import { expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { compile, type CompileOptions } from '../../generator/index.js';
import { importScratch } from '../support/scratch.js';
import { typecheck } from '../support/typecheck.js';

const TMP = new URL('./__tmp__/', import.meta.url);

type Fn = (...args: unknown[]) => unknown;

/** The exports of a generated module for the rules named in `N` (`decodeT`, `encodeT`, `isT`, `validateT`), and any other export as unknown. */
export type Generated<N extends string = string> = { [K in N as `decode${K}` | `encode${K}` | `is${K}` | `validate${K}`]: Fn } & Record<string, unknown>;

export interface Loaded<N extends string = string> {
  module: Generated<N>;
  /** Absolute paths of the files written, for type-checking. */
  files: string[];
}

/** Generates `cddl` as `<name>.cddl` and imports the module. */
export async function load<N extends string>(name: string, cddl: string, options: CompileOptions = {}): Promise<Loaded<N>> {
  const emitted = compile([{ path: `${name}.cddl`, text: cddl }], options);
  const { module, dir } = await importScratch<Generated<N>>(TMP, name, emitted);
  return { module, files: emitted.map((f) => fileURLToPath(new URL(f.path, dir))) };
}

/** Type errors in the generated files under a strict user build; empty when they compile. */
export function typeErrors(loaded: { files: string[] }): string[] {
  return typecheck(loaded.files.filter((f) => f.endsWith('.ts')), { moduleResolution: 'nodenext' });
}

/** Calls `f` and returns what it threw (undefined when nothing was thrown). */
export function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** The message of the error `f` throws, which must be a DecodeError or an EncodeError as `name` says (the generated module's own classes, told by name). */
export function errorMessage(name: 'DecodeError' | 'EncodeError', f: () => unknown): string {
  const error = thrown(f) as Error | undefined;
  expect(error?.name).toBe(name);
  return (error as Error).message;
}

/** {@link errorMessage} of a DecodeError. */
export const decodeError = (f: () => unknown): string => errorMessage('DecodeError', f);
/** {@link errorMessage} of an EncodeError. */
export const encodeError = (f: () => unknown): string => errorMessage('EncodeError', f);

/** Shared helpers for the content tests (not a test file itself). */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseEDN } from 'cbor-edn';
import { expect } from 'vitest';
import { freshFolder } from '../support/scratch.js';
import { compile, type SchemaText } from '../../generator/index.js';

/** The folder of example messages shared with the other projects. */
export const VECTORS_DIR = new URL('../../../shared/vectors/mimi-content/', import.meta.url);
/** The upstream schema files. */
export const UPSTREAM_DIR = new URL('../../../shared/upstream/mimi-content/', import.meta.url);
/** This folder's scratch space (gitignored). */
export const TMP_ROOT = fileURLToPath(new URL('./__tmp__/', import.meta.url));

export const IDS_JSON = 'content-message-ids.json';
export const IDS_SECTION = 'draft-08/09 (main HEAD)';

import { hex, toHex } from '../support/hex.js';

export { hex, toHex };

/** Text of one vector file. */
export function readVector(name: string): string {
  return readFileSync(fileURLToPath(new URL(name, VECTORS_DIR)), 'utf8');
}

/** Text of one upstream schema file, as a SchemaText named by its file name. */
export function upstreamSchema(name: string): SchemaText {
  return { path: name, text: readFileSync(fileURLToPath(new URL(name, UPSTREAM_DIR)), 'utf8') };
}

/** The content schema of this repository. */
export function contentSchema(): SchemaText {
  return { path: 'schemas/mimi-content.cddl', text: readFileSync(fileURLToPath(new URL('../../schemas/mimi-content.cddl', import.meta.url)), 'utf8') };
}

/** Stems (`content-original`, …) of the examples that have both a `.hex` and a `.diag`. */
export function exampleStems(): string[] {
  const files = new Set(readdirSync(fileURLToPath(VECTORS_DIR)));
  return [...files]
    .filter((f) => f.endsWith('.hex') && files.has(f.replace(/\.hex$/, '.diag')))
    .map((f) => f.replace(/\.hex$/, ''))
    .sort();
}

/** Bytes of one `.hex` vector. */
export function vectorBytes(stem: string): Uint8Array {
  return hex(readVector(`${stem}.hex`));
}

/** EDN text → CBOR bytes with cbor-edn. */
export function ednToBytes(edn: string): Uint8Array {
  return Uint8Array.from(parseEDN(edn, {}));
}

export interface IdEntry {
  senderUri: string;
  roomUri: string;
  salt: string;
  cborHex: string;
  messageId_v08_lengthPrefixed: string;
  messageId_v07_noLengthPrefix: string;
}

/** The `-08/-09` section of content-message-ids.json, keyed by example name (`original`, …). */
export function idEntries(): Record<string, IdEntry> {
  const json = JSON.parse(readVector(IDS_JSON)) as Record<string, Record<string, IdEntry>>;
  const section = json[IDS_SECTION];
  if (section === undefined) throw new Error(`${IDS_JSON} has no section ${JSON.stringify(IDS_SECTION)}`);
  return section;
}

export { decodeErrorOf } from '../support/errors.js';

import { concat } from '../support/hex.js';

export { concat };

/** The running test file's scratch folder; kept with the file's path, since with isolate: false this module outlives one test file. */
let tmp: { testPath: string | undefined; dir: string } | null = null;

/** Generates `schemas` in memory with `compile`, writes the files to a fresh folder under `__tmp__/` and imports the first. */
export async function generateAndImport<T>(name: string, schemas: SchemaText[]): Promise<T> {
  const files = compile(schemas);
  const testPath = expect.getState().testPath;
  if (tmp === null || tmp.testPath !== testPath) tmp = { testPath, dir: fileURLToPath(freshFolder(TMP_ROOT, 'content')) };
  const tmpDir = tmp.dir;
  const dir = join(tmpDir, name);
  mkdirSync(dir);
  for (const f of files) writeFileSync(join(dir, f.path), f.contents);
  const first = files[0];
  if (first === undefined) throw new Error('compile returned no files');
  return (await import(pathToFileURL(join(dir, first.path)).href)) as T;
}

/** Removes this test file's scratch folder (call from afterAll). */
export function removeTmp(): void {
  if (tmp !== null) rmSync(tmp.dir, { recursive: true, force: true });
  tmp = null;
}

/**
 * A plain JavaScript view of a generic CBOR value for structural comparison:
 * byte strings (Buffer or Uint8Array) become plain Uint8Array, Maps keep
 * their entries in order, arrays recurse.
 */
export function plain(v: unknown): unknown {
  if (v instanceof Uint8Array) return Uint8Array.from(v);
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [plain(k), plain(x)]));
  return v;
}

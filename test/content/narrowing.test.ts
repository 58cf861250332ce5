/**
 * `NestedPart` is a union discriminated by `cardinality`: a fixture that
 * narrows compiles under strict settings, and reading a member of one
 * variant without narrowing does not.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { typecheckStrict } from './typecheck.js';
import { describePart, welcome } from './fixtures/narrowing.js';
import { TMP_ROOT } from './helpers.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/narrowing.ts', import.meta.url));
const GENERATED = fileURLToPath(new URL('../../generated/mimi-content.js', import.meta.url));

mkdirSync(TMP_ROOT, { recursive: true });
const dir = mkdtempSync(join(TMP_ROOT, 'narrowing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a negative fixture next to nothing (imports by absolute path) and type-checks it. */
function check(name: string, body: string): string[] {
  const file = join(dir, `${name}.ts`);
  writeFileSync(file, `import type { NestedPart } from ${JSON.stringify(GENERATED)};\n${body}\n`);
  return typecheckStrict([file], { noUnusedLocals: false });
}

describe('NestedPart narrowing', () => {
  it('the narrowing fixture compiles (strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes)', () => {
    expect(typecheckStrict([FIXTURE], { noUnusedLocals: false })).toEqual([]);
  });

  it('the generated content module itself compiles with noUnusedLocals', () => {
    expect(typecheckStrict([FIXTURE])).toEqual([]);
  });

  it('the fixture runs', () => {
    expect(describePart(welcome)).toBe('multipart 0: [text/plain, 2 bytes; null part (no language)]');
  });

  it('a baseline negative-fixture file compiles when it narrows', () => {
    expect(check('ok', 'export function f(part: NestedPart): Uint8Array | undefined { return part.cardinality === 1 ? part.content : undefined; }')).toEqual([]);
  });

  it('reading part.content without narrowing is a type error', () => {
    const errors = check('content', 'export function f(part: NestedPart): Uint8Array { return part.content; }');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(/Property 'content' does not exist on type/);
  });

  it('reading part.contentType in the multipart branch is a type error', () => {
    const errors = check('multi', 'export function f(part: NestedPart): string { if (part.cardinality === 3) return part.contentType; return ""; }');
    expect(errors.join('\n')).toMatch(/Property 'contentType' does not exist on type/);
  });

  it('reading part.parts in the external branch is a type error', () => {
    const errors = check('external', 'export function f(part: NestedPart): number { if (part.cardinality === 2) return part.parts.length; return 0; }');
    expect(errors.join('\n')).toMatch(/Property 'parts' does not exist on type/);
  });

  it('a single part without content, or with a wrong cardinality literal, does not type-check', () => {
    expect(check('missing', "export const p: NestedPart = { disposition: 1, language: '', cardinality: 1, contentType: 'text/plain' };").join('\n')).toMatch(/content/);
    expect(check('wrongtag', "export const p: NestedPart = { disposition: 1, language: '', cardinality: 4 };").length).toBeGreaterThan(0);
  });
});

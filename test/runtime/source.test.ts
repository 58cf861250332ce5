/**
 * templates/runtime.ts is copied verbatim into users' generated folders, so
 * it must stand alone and compile under any reasonable strict setup.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const runtimePath = join(root, 'templates/runtime.ts');
const source = readFileSync(runtimePath, 'utf8');
/** The source without comments, so that prose may mention anything. */
const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

describe('runtime.ts is self-contained', () => {
  it('has no imports or requires', () => {
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code).not.toMatch(/\brequire\s*\(/);
    expect(code).not.toMatch(/^\s*export\s+[^;]*\bfrom\s+['"]/m);
  });

  it('uses no Node-only APIs and no any', () => {
    expect(code).not.toMatch(/\bBuffer\b/);
    expect(code).not.toMatch(/['"]node:/);
    expect(code).not.toMatch(/\bprocess\./);
    expect(code).not.toMatch(/:\s*any\b|\bas any\b|<any>/);
  });

  it('uses no enum or namespace (parameter properties are caught by erasableSyntaxOnly below)', () => {
    expect(code).not.toMatch(/\benum\s+\w+/);
    expect(code).not.toMatch(/\bnamespace\s+\w+/);
  });

  it('documents every export', () => {
    const lines = source.split('\n');
    lines.forEach((line, i) => {
      if (/^export /.test(line)) {
        const before = lines.slice(0, i).reverse().find((l) => l.trim() !== '');
        expect(before?.trim().endsWith('*/'), `JSDoc before: ${line}`).toBe(true);
      }
    });
  });
});

describe('runtime.ts compiles standalone', () => {
  const tmp = join(here, '__tmp__', 'compile');
  afterAll(() => rmSync(join(here, '__tmp__'), { recursive: true, force: true }));

  const common = {
    target: 'ES2022',
    lib: ['ES2022', 'DOM'],
    strict: true,
    noUncheckedIndexedAccess: true,
    noImplicitOverride: true,
    noImplicitReturns: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noFallthroughCasesInSwitch: true,
    exactOptionalPropertyTypes: true,
    erasableSyntaxOnly: true,
    verbatimModuleSyntax: true,
    isolatedModules: true,
    isolatedDeclarations: true,
    declaration: true,
    noEmit: true,
    types: [],
  };
  const setups: Record<string, Record<string, unknown>> = {
    nodenext: { module: 'NodeNext', moduleResolution: 'NodeNext' },
    bundler: { module: 'ESNext', moduleResolution: 'bundler' },
  };

  it.each(Object.keys(setups))('with moduleResolution %s', (name) => {
    const dir = join(tmp, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'runtime.ts'), source);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { ...common, ...setups[name] }, files: ['runtime.ts'] }),
    );
    const tsc = join(root, 'node_modules/typescript/bin/tsc');
    let out = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    } catch (e) {
      out = String((e as { stdout?: unknown }).stdout ?? e);
    }
    expect(out).toBe('');
  }, 60_000);
});

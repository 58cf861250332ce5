/**
 * templates/runtime.ts and the files it imports are copied verbatim into
 * users' generated folders, so together they must stand alone and compile
 * under any reasonable strict setup.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { RUNTIME_FILES } from '../../generator/emit/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const sources = Object.fromEntries(RUNTIME_FILES.map((file) => [file, readFileSync(join(root, 'templates', file), 'utf8')]));
/** The source without comments, so that prose may mention anything. */
const codeOf = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

describe.each(RUNTIME_FILES)('%s is part of a self-contained runtime', (file) => {
  const source = sources[file]!;
  const code = codeOf(source);

  it('imports only the other runtime files, and requires nothing', () => {
    for (const [, specifier] of code.matchAll(/\bfrom\s+['"]([^'"]*)['"]/g)) {
      expect(RUNTIME_FILES.map((f) => `./${f.replace(/\.ts$/, '.js')}`), `${file} imports ${specifier}`).toContain(specifier);
    }
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code).not.toMatch(/\brequire\s*\(/);
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

describe('the runtime compiles standalone', () => {
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
    for (const file of RUNTIME_FILES) writeFileSync(join(dir, file), sources[file]!);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { ...common, ...setups[name] }, files: [...RUNTIME_FILES] }),
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

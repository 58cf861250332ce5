/** The programmatic API: `generate` from a config or from schema lists, in memory or written (atomically). */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generate, isConfigError } from '../../generator/index.js';
import { REPO } from '../support/schemas.js';
import { STATUSES, tempProject } from './helpers.js';
import { RUNTIME_FILES } from '../../generator/emit/index.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempProject('api'));
  writeFileSync(join(dir, 'statuses.cddl'), STATUSES);
  writeFileSync(join(dir, 'mimi-codegen.config.json'), JSON.stringify({ schemas: ['mimi-message-status'], extensions: ['statuses.cddl'], out: 'src/generated' }));
});
afterEach(() => cleanup());

describe('generate({ config })', () => {
  it('returns the files in memory with write: false, writing nothing', () => {
    const { files, written } = generate({ config: 'mimi-codegen.config.json', cwd: dir, write: false });
    expect(files.map((f) => f.path)).toEqual(['mimi-message-status.ts', ...RUNTIME_FILES]);
    expect(written).toEqual([]);
    expect(files[0]?.contents).toContain('export const ExtStatus = {\n  starred: 8,\n  pinned: 9,\n} as const;');
    expect(existsSync(join(dir, 'src'))).toBe(false);
  });

  it('writes them (into the config out) by default, the same bytes as in memory', () => {
    const memory = generate({ config: 'mimi-codegen.config.json', cwd: dir, write: false });
    const { files, written } = generate({ config: 'mimi-codegen.config.json', cwd: dir });
    expect(files).toEqual(memory.files);
    expect(written).toEqual(['mimi-message-status.ts', ...RUNTIME_FILES].map((f) => join(dir, 'src/generated', f)));
    for (const file of files) expect(readFileSync(join(dir, 'src/generated', file.path), 'utf8')).toBe(file.contents);
    expect(readdirSync(join(dir, 'src')).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('takes the config relative to cwd and names headers from the config folder; outDir overrides', () => {
    mkdirSync(join(dir, 'tools'));
    const fromHere = generate({ config: 'mimi-codegen.config.json', cwd: dir, write: false });
    const fromTools = generate({ config: '../mimi-codegen.config.json', cwd: join(dir, 'tools'), outDir: 'gen' });
    expect(fromTools.files).toEqual(fromHere.files);
    expect(fromTools.written[0]).toBe(join(dir, 'tools/gen/mimi-message-status.ts'));
  });

  it('throws a ConfigError for an invalid config', () => {
    writeFileSync(join(dir, 'mimi-codegen.config.json'), JSON.stringify({ schemas: ['mimi-message-status'], extensions: ['missing.cddl'] }));
    let caught: unknown;
    try {
      generate({ config: 'mimi-codegen.config.json', cwd: dir, write: false });
    } catch (error) {
      caught = error;
    }
    expect(isConfigError(caught)).toBe(true);
    expect((caught as Error).message).toBe("mimi-codegen.config.json:1:50: 'extensions[0]': missing.cddl does not exist (paths are relative to the config file)");
  });
});

describe('generate({ schemas, outDir }) as before', () => {
  it('still takes schema paths, and built-in names, relative to cwd', () => {
    const paths = generate({ schemas: [join(REPO, 'schemas/mimi-message-status.cddl'), 'statuses.cddl'], cwd: dir, write: false });
    const named = generate({ schemas: ['mimi-message-status', 'statuses.cddl'], cwd: dir, write: false });
    expect(named.files[0]?.contents.split('\n')[0]).toContain(' from mimi-codegen/schemas/mimi-message-status.cddl, statuses.cddl ');
    // The same code; only the names of the schema in comments differ.
    const absolute = join(REPO, 'schemas/mimi-message-status.cddl');
    expect(paths.files[0]?.contents).toContain(absolute);
    expect(paths.files[0]?.contents.replaceAll(absolute, 'mimi-codegen/schemas/mimi-message-status.cddl')).toBe(named.files[0]?.contents);
    const { written } = generate({ schemas: ['mimi-message-status'], outDir: 'out', cwd: dir });
    expect(written).toEqual(['mimi-message-status.ts', ...RUNTIME_FILES].map((f) => join(dir, 'out', f)));
  });

  it('the package entry point exports generate', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { exports: { '.': { default: string } } };
    expect(pkg.exports['.'].default).toBe('./dist/generator/index.js');
    const api = await import('../../generator/index.js');
    expect(typeof api.generate).toBe('function');
    expect(typeof api.watchGenerate).toBe('function');
  });
});

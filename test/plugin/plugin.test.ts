/**
 * `mimi-codegen/plugin` in real bundlers: esbuild (a build, a schema error,
 * and watch mode regenerating on a schema edit) and rollup (generation at
 * build start, the schemas in the bundle's watch files).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuildApi from 'esbuild';
import { rollup as rollupApi } from 'rollup';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { esbuild, rollup } from '../../generator/plugin.js';
import { STATUSES, tempProject } from '../workflow/helpers.js';

const TIMEOUT_MS = 15_000;

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempProject('plugin'));
  writeFileSync(join(dir, 'statuses.cddl'), STATUSES);
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src/main.ts'), "import { ExtStatus } from './generated/mimi-message-status.js';\nconsole.log(JSON.stringify(ExtStatus));\n");
});
afterEach(() => cleanup());

const CONFIG = { schemas: ['mimi-message-status'], extensions: ['statuses.cddl'], out: 'src/generated' };
const buildOptions = (plugins: esbuildApi.Plugin[]): esbuildApi.BuildOptions => ({
  absWorkingDir: dir,
  entryPoints: ['src/main.ts'],
  bundle: true,
  format: 'esm',
  write: false,
  logLevel: 'silent',
  plugins,
});

describe('esbuild', () => {
  it('generates at build start from the nearest config; the bundle has the statuses', async () => {
    writeFileSync(join(dir, 'mimi-codegen.config.json'), `// ACME\n${JSON.stringify(CONFIG)}\n`);
    const result = await esbuildApi.build(buildOptions([esbuild({ cwd: dir })]));
    const bundle = result.outputFiles?.[0]?.text ?? '';
    expect(bundle).toMatch(/starred: 8/);
    expect(readFileSync(join(dir, 'src/generated/mimi-message-status.ts'), 'utf8')).toContain('pinned: 9,');
  });

  it('takes the config keys inline, and fails the build with the schema error', async () => {
    await esbuildApi.build(buildOptions([esbuild({ ...CONFIG, cwd: dir })]));
    expect(readFileSync(join(dir, 'src/generated/mimi-message-status.ts'), 'utf8')).toContain('starred: 8,');
    writeFileSync(join(dir, 'statuses.cddl'), '$extStatus /= &( starred: \n');
    const failure = await esbuildApi.build(buildOptions([esbuild({ ...CONFIG, cwd: dir })])).then(
      () => null,
      (error: esbuildApi.BuildFailure) => error,
    );
    expect(failure?.errors.map((e) => e.text)).toContainEqual(expect.stringMatching(/^statuses\.cddl:2:1: /));
  });

  it('in watch mode, regenerates when a schema changes and rebuilds with it', async () => {
    writeFileSync(join(dir, 'mimi-codegen.config.json'), JSON.stringify(CONFIG));
    const bundles: string[] = [];
    let wake = () => {};
    const recorder: esbuildApi.Plugin = {
      name: 'record',
      setup(build) {
        build.onEnd((result) => {
          bundles.push(result.outputFiles?.[0]?.text ?? `errors: ${result.errors.map((e) => e.text).join('; ')}`);
          wake();
        });
      },
    };
    const context = await esbuildApi.context(buildOptions([esbuild({ cwd: dir }), recorder]));
    try {
      const next = async (count: number) => {
        const deadline = Date.now() + TIMEOUT_MS;
        while (bundles.length < count) {
          if (Date.now() > deadline) throw new Error(`no build ${count}; builds: ${JSON.stringify(bundles)}`);
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 250);
          });
        }
        return bundles[count - 1] ?? '';
      };
      await context.watch();
      expect(await next(1)).not.toContain('archived');
      writeFileSync(join(dir, 'statuses.cddl'), STATUSES.replace('pinned: 9', 'pinned: 9, archived: 10'));
      let rebuilt = await next(2);
      // A rebuild may be started by the schema and then by the module it rewrote: take the last.
      for (let n = 3; !rebuilt.includes('archived') && n <= 4; n++) rebuilt = await next(n);
      expect(rebuilt).toMatch(/archived: 10/);
      expect(readFileSync(join(dir, 'src/generated/mimi-message-status.ts'), 'utf8')).toContain('archived: 10,');
    } finally {
      await context.dispose();
    }
  }, 60_000);
});

describe('rollup', () => {
  it('generates at build start and watches the config and the schemas', async () => {
    writeFileSync(join(dir, 'mimi-codegen.config.json'), JSON.stringify(CONFIG));
    writeFileSync(join(dir, 'entry.js'), 'export const answer = 42;\n');
    const bundle = await rollupApi({ input: join(dir, 'entry.js'), plugins: [rollup({ cwd: dir })] });
    try {
      expect(bundle.watchFiles).toEqual(expect.arrayContaining([join(dir, 'mimi-codegen.config.json'), join(dir, 'statuses.cddl')]));
      expect(readFileSync(join(dir, 'src/generated/mimi-message-status.ts'), 'utf8')).toContain('starred: 8,');
    } finally {
      await bundle.close();
    }
  });
});

describe('options', () => {
  it('without a config anywhere, says what to pass', async () => {
    const failure = await esbuildApi.build(buildOptions([esbuild({ cwd: dir })])).then(
      () => null,
      (error: esbuildApi.BuildFailure) => error,
    );
    expect(failure?.errors.map((e) => e.text)).toContainEqual(expect.stringMatching(/^mimi-codegen: no config: pass \{ schemas: \[\.\.\.\] \} or \{ config: 'path' \}/));
  });

  it('validates inline keys as the config file is validated', async () => {
    const failure = await esbuildApi.build(buildOptions([esbuild({ ...CONFIG, integers: 'int' as 'bigint', cwd: dir })])).then(
      () => null,
      (error: esbuildApi.BuildFailure) => error,
    );
    expect(failure?.errors.map((e) => e.text)).toContain(`mimi-codegen plugin options: 'integers' must be one of "number", "bigint", got "int"`);
  });
});

/** `mimi-codegen init`: the starter files, that they generate cleanly, and never overwriting without --force. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INIT_EXTENSION } from '../../generator/init.js';
import { cli, tempProject } from './helpers.js';
import { RUNTIME_FILES } from '../../generator/emit/index.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempProject('init')));
afterEach(() => cleanup());

describe('init', () => {
  it('writes the config and the example extension, which generate cleanly as they are', async () => {
    const { code, stdout } = await cli(dir, 'init');
    expect(code).toBe(0);
    expect(stdout).toBe("wrote mimi-codegen.config.json\nwrote statuses.cddl\nAdd your statuses to statuses.cddl, then run 'npx mimi-codegen generate'.\n");
    expect(JSON.parse(readFileSync(join(dir, 'mimi-codegen.config.json'), 'utf8'))).toEqual({
      $schema: './node_modules/mimi-codegen/docs/config.schema.json',
      schemas: ['mimi-message-status'],
      extensions: ['statuses.cddl'],
      out: 'src/generated',
    });
    expect(readFileSync(join(dir, 'statuses.cddl'), 'utf8')).toBe(INIT_EXTENSION);
    expect(INIT_EXTENSION).toMatch(/^; \$extStatus \/= &\($/m);
    expect((await cli(dir, 'generate')).code).toBe(0);
    expect(readdirSync(join(dir, 'src/generated')).sort()).toEqual(['mimi-message-status.ts', ...RUNTIME_FILES].sort());
    expect((await cli(dir, 'check')).code).toBe(0);
  });

  it('the commented example generates cleanly once uncommented', async () => {
    await cli(dir, 'init');
    const uncommented = INIT_EXTENSION.split('\n')
      .map((line) => (/^; (\$extStatus|    \w+: \d|\))/.test(line) ? line.slice(2) : line))
      .join('\n');
    expect(uncommented).toContain('\n$extStatus /= &(\n    starred: 8,\n    pinned: 9\n)\n');
    writeFileSync(join(dir, 'statuses.cddl'), uncommented);
    const { code, stderr } = await cli(dir, 'generate');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const module = readFileSync(join(dir, 'src/generated/mimi-message-status.ts'), 'utf8');
    expect(module).toContain('starred: 8,');
    expect(module).toContain('pinned: 9,');
  });

  it('refuses to overwrite existing files (exit 1, nothing written) unless --force', async () => {
    writeFileSync(join(dir, 'statuses.cddl'), 'mine\n');
    const refused = await cli(dir, 'init');
    expect(refused).toEqual({ code: 1, stdout: '', stderr: 'statuses.cddl already exists; nothing written (pass --force to overwrite)\n' });
    expect(readdirSync(dir)).toEqual(['statuses.cddl']);
    expect(readFileSync(join(dir, 'statuses.cddl'), 'utf8')).toBe('mine\n');

    writeFileSync(join(dir, 'mimi-codegen.config.json'), '{}\n');
    expect((await cli(dir, 'init')).stderr).toBe('mimi-codegen.config.json and statuses.cddl already exist; nothing written (pass --force to overwrite)\n');

    const forced = await cli(dir, 'init', '--force');
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'statuses.cddl'), 'utf8')).toBe(INIT_EXTENSION);
    expect(JSON.parse(readFileSync(join(dir, 'mimi-codegen.config.json'), 'utf8'))).toHaveProperty('schemas', ['mimi-message-status']);
  });

  it('is listed in the help', async () => {
    expect((await cli(dir, '--help')).stdout).toContain('mimi-codegen init');
  });
});

/** mimi-codegen.config.json: strict validation with exact messages, and generate/check reading it (flags win). */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../generator/config.js';
import { builtInSchemaNames } from '../../generator/package-info.js';
import { REPO } from '../support/schemas.js';
import { cli, STATUSES, tempProject } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempProject('config'));
  writeFileSync(join(dir, 'statuses.cddl'), STATUSES);
});
afterEach(() => cleanup());

function writeConfig(value: unknown, name = 'mimi-codegen.config.json'): void {
  writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
}

function configError(value: unknown): string {
  writeConfig(value);
  try {
    loadConfig('mimi-codegen.config.json', dir);
  } catch (error) {
    expect((error as Error).name).toBe('ConfigError');
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('validation', () => {
  const builtIns = () => builtInSchemaNames().join(', ');

  it('names the config file and the offending key, exactly', () => {
    mkdirSync(join(dir, 'folder'));
    const cases: [unknown, string][] = [
      ['[]', 'the config must be a JSON object, got an array'],
      ['"x"', 'the config must be a JSON object, got a string'],
      [{ schemas: ['mimi-message-status'], output: 'src' }, "unknown key 'output' (allowed: $schema, schemas, extensions, out)"],
      [{}, `'schemas' is required: a list of schema files or built-in schema names (${builtIns()})`],
      [{ schemas: [] }, "'schemas' must name at least one schema"],
      [{ schemas: 'mimi-message-status' }, "'schemas' must be an array of strings, got a string"],
      [{ schemas: ['mimi-message-status', 3] }, "'schemas[1]' must be a string, got a number"],
      [{ schemas: [' '] }, "'schemas[0]' must not be empty"],
      [{ schemas: ['mimi-message-status'], extensions: 'statuses.cddl' }, "'extensions' must be an array of strings, got a string"],
      [{ schemas: ['mimi-message-status'], extensions: [null] }, "'extensions[0]' must be a string, got null"],
      [{ schemas: ['mimi-message-status'], out: 3 }, "'out' must be a string, got a number"],
      [{ schemas: ['mimi-message-status'], out: '' }, "'out' must not be empty"],
      [{ $schema: true, schemas: ['mimi-message-status'] }, "'$schema' must be a string, got a boolean"],
      [{ schemas: ['mimi-message-status'], extensions: ['statuses.cddl', 'more.cddl'] }, "'extensions[1]': more.cddl does not exist (paths are relative to the config file)"],
      [{ schemas: ['cddl/schema.cddl'] }, "'schemas[0]': cddl/schema.cddl does not exist (paths are relative to the config file)"],
      [{ schemas: ['mimi-nonesuch'] }, `'schemas[0]': mimi-nonesuch is neither a file (paths are relative to the config file) nor a built-in schema (${builtIns()})`],
      [{ schemas: ['folder'] }, "'schemas[0]': folder is a folder, not a schema file"],
    ];
    for (const [config, message] of cases) expect(configError(config)).toBe(`mimi-codegen.config.json: ${message}`);
  });

  it('reports JSON syntax errors with the parser message', () => {
    expect(configError('{ "schemas": [ }')).toMatch(/^mimi-codegen\.config\.json: not valid JSON: .+/);
  });

  it('names a config in another folder by its path from the current one', async () => {
    mkdirSync(join(dir, 'sub'));
    writeConfig({ schemas: ['mimi-message-status'], extensions: ['gone.cddl'] }, 'sub/codegen.json');
    const { code, stderr } = await cli(dir, 'generate', '--config', 'sub/codegen.json');
    expect(code).toBe(1);
    expect(stderr).toBe("sub/codegen.json: 'extensions[0]': gone.cddl does not exist (paths are relative to the config file)\n");
  });

  it('resolves paths against the config folder and built-in names to the shipped schemas', () => {
    writeConfig({ $schema: './node_modules/mimi-codegen/docs/config.schema.json', schemas: ['mimi-message-status'], extensions: ['statuses.cddl'], out: 'src/generated' });
    const loaded = loadConfig('mimi-codegen.config.json', dir);
    expect(loaded.inputs).toEqual(['mimi-message-status', join(dir, 'statuses.cddl')]);
    expect(loaded.outDir).toBe(join(dir, 'src/generated'));
    expect(loaded.config.out).toBe('src/generated');
  });

  it('agrees with the JSON Schema in docs/ on the keys and what is required', () => {
    const schema = JSON.parse(readFileSync(join(REPO, 'docs/config.schema.json'), 'utf8')) as { properties: object; required: string[]; additionalProperties: boolean };
    expect(Object.keys(schema.properties)).toEqual(['$schema', 'schemas', 'extensions', 'out']);
    expect(schema.required).toEqual(['schemas']);
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('generate and check with a config', () => {
  beforeEach(() => writeConfig({ schemas: ['mimi-message-status'], extensions: ['statuses.cddl'], out: 'src/generated' }));

  it('generate with no arguments reads the config; headers name the built-in schema stably', async () => {
    const { code, stdout } = await cli(dir, 'generate');
    expect(code).toBe(0);
    expect(stdout).toContain('wrote src/generated/mimi-message-status.ts\n');
    const module = readFileSync(join(dir, 'src/generated/mimi-message-status.ts'), 'utf8');
    expect(module.split('\n')[0]).toMatch(/^\/\/ @generated by mimi-codegen \S+ from mimi-codegen\/schemas\/mimi-message-status\.cddl, statuses\.cddl \(sha256 [0-9a-f]{64}\)\. Do not edit\.$/);
    expect(module).toContain('starred: 8,');
    expect(module).not.toContain(dir);
    expect(module).not.toContain(REPO);
    expect((await cli(dir, 'check')).code).toBe(0);
  });

  it('check exits 1 naming the stale file when the extension changes', async () => {
    await cli(dir, 'generate');
    writeFileSync(join(dir, 'statuses.cddl'), STATUSES.replace('pinned: 9', 'pinned: 9, archived: 10'));
    const { code, stderr } = await cli(dir, 'check');
    expect(code).toBe(1);
    expect(stderr).toContain('src/generated/mimi-message-status.ts: differs from what the schemas generate');
    expect(stderr).toMatch(/^\+ +archived: 10,$/m);
  });

  it('the output does not depend on where the config is run from', async () => {
    mkdirSync(join(dir, 'elsewhere'));
    await cli(dir, 'generate');
    const here = readFileSync(join(dir, 'src/generated/mimi-message-status.ts'), 'utf8');
    const { code } = await cli(join(dir, 'elsewhere'), 'generate', '--config', '../mimi-codegen.config.json');
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'src/generated/mimi-message-status.ts'), 'utf8')).toBe(here);
    const check = await cli(join(dir, 'elsewhere'), 'check', '--config', '../mimi-codegen.config.json');
    expect(check).toMatchObject({ code: 0, stdout: `${join(dir, 'src/generated')} is up to date\n` });
  });

  it('--out overrides the config (relative to the current folder)', async () => {
    const { code } = await cli(dir, 'generate', '--out', 'other');
    expect(code).toBe(0);
    expect(readdirSync(join(dir, 'other')).sort()).toEqual(['mimi-message-status.ts', 'runtime.ts']);
    expect(existsSync(join(dir, 'src/generated'))).toBe(false);
    expect(await cli(dir, 'check', '--out', 'other')).toMatchObject({ code: 0, stdout: 'other is up to date\n' });
  });

  it('positional schemas replace the config schemas and extensions but keep its out', async () => {
    writeFileSync(join(dir, 'tiny.cddl'), 'Thing = [ id: uint ]\n');
    const { code } = await cli(dir, 'generate', 'tiny.cddl');
    expect(code).toBe(0);
    expect(readdirSync(join(dir, 'src/generated')).sort()).toEqual(['runtime.ts', 'tiny.ts']);
  });

  it('a built-in name works as a positional schema too', async () => {
    const { code } = await cli(dir, 'generate', 'mimi-message-status', '--out', 'plain');
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'plain/mimi-message-status.ts'), 'utf8')).toContain('export const ExtStatus = {} as const;');
  });

  it('an invalid config is exit 1 and writes nothing; a missing --config file is exit 2', async () => {
    writeConfig({ schemas: ['mimi-message-status'], outDir: 'x' });
    const bad = await cli(dir, 'generate');
    expect(bad).toEqual({ code: 1, stdout: '', stderr: "mimi-codegen.config.json: unknown key 'outDir' (allowed: $schema, schemas, extensions, out)\n" });
    expect(readdirSync(dir).sort()).toEqual(['mimi-codegen.config.json', 'statuses.cddl']);
    expect((await cli(dir, 'check')).code).toBe(1);
    const missing = await cli(dir, 'generate', '--config', 'nope.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`cannot read ${join(dir, 'nope.json')}: no such file\n`);
  });

  it('a schema error in the extension is exit 1 with file:line:col', async () => {
    writeFileSync(join(dir, 'statuses.cddl'), '$extStatus /= &( starred: 8,\n');
    const { code, stderr } = await cli(dir, 'generate');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^statuses\.cddl:2:1: /);
  });
});

describe('without a config', () => {
  it('generate and check keep the default: schemas/mimi-message-status.cddl into generated/', async () => {
    mkdirSync(join(dir, 'schemas'));
    writeFileSync(join(dir, 'schemas/mimi-message-status.cddl'), readFileSync(join(REPO, 'schemas/mimi-message-status.cddl')));
    expect((await cli(dir, 'generate')).code).toBe(0);
    expect(readFileSync(join(dir, 'generated/mimi-message-status.ts'), 'utf8').split('\n')[0]).toContain(' from schemas/mimi-message-status.cddl ');
    expect(await cli(dir, 'check')).toMatchObject({ code: 0, stdout: 'generated is up to date\n' });
  });
});

/** mimi-codegen.config.json: strict validation with exact messages, and generate/check reading it (flags win). */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IMPORT_EXTENSIONS, INTEGER_MODES, loadConfig, MODULE_OPTIONS, ARRAY_MATCHINGS } from '../../generator/config.js';
import { builtInSchemaNames } from '../../generator/package-info.js';
import { REPO } from '../support/schemas.js';
import { cli, STATUSES, tempProject } from './helpers.js';
import { RUNTIME_FILES } from '../../generator/emit/index.js';

const TOP_KEY_LIST = ['$schema', 'schemas', 'extensions', 'modules', ...Object.keys(MODULE_OPTIONS)];
const TOP_KEYS = TOP_KEY_LIST.join(', ');

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
      [{ schemas: ['mimi-message-status'], output: 'src' }, `unknown key 'output' (did you mean 'out'?) (allowed: ${TOP_KEYS})`],
      [{}, `'schemas' (or 'modules') is required: a list of schema files or built-in schema names (${builtIns()})`],
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
      [{ schemas: ['mimi-contnet'] }, `'schemas[0]': mimi-contnet is neither a file (paths are relative to the config file) nor a built-in schema (did you mean 'mimi-content'?) (${builtIns()})`],
      [{ schemas: ['mimi-message-status'], integers: 'int' }, `'integers' must be one of "number", "bigint", got "int"`],
      [{ schemas: ['mimi-message-status'], importExtension: 'js' }, `'importExtension' must be one of ".js", ".ts", "", got "js"`],
      [{ schemas: ['mimi-message-status'], importExtension: 1 }, `'importExtension' must be one of ".js", ".ts", "", got a number`],
      [{ schemas: ['mimi-message-status'], arrayMatching: 'peg' }, `'arrayMatching' must be one of "by-length", "greedy", got "peg"`],
      [{ schemas: ['mimi-message-status'], modules: [{ schemas: ['mimi-content'] }] }, "'schemas' and 'modules' do not go together: with 'modules', each module names its own schemas and extensions"],
      [{ extensions: ['statuses.cddl'], modules: [{ schemas: ['mimi-content'] }] }, "'extensions' and 'modules' do not go together: with 'modules', each module names its own schemas and extensions"],
      [{ modules: {} }, "'modules' must be an array of objects, got an object"],
      [{ modules: [] }, "'modules' must hold at least one module"],
      [{ modules: ['mimi-content'] }, "'modules[0]' must be an object, got a string"],
      [{ modules: [{ schemas: ['mimi-content'] }, { out: 'x' }] }, `'modules[1].schemas' is required: a list of schema files or built-in schema names (${builtIns()})`],
      [{ modules: [{ schemas: ['mimi-content'], outt: 'x' }] }, "unknown key 'modules[0].outt' (did you mean 'out'?) (allowed: schemas, extensions, out, integers, importExtension, arbitrary, arrayMatching, includePath)"],
      [{ modules: [{ schemas: ['mimi-content'], modules: [] }] }, "unknown key 'modules[0].modules' (allowed: schemas, extensions, out, integers, importExtension, arbitrary, arrayMatching, includePath)"],
      [{ modules: [{ schemas: ['mimi-content'], extensions: ['nope.cddl'] }] }, "'modules[0].extensions[0]': nope.cddl does not exist (paths are relative to the config file)"],
      [{ modules: [{ schemas: ['mimi-content'], integers: 'float' }] }, `'modules[0].integers' must be one of "number", "bigint", got "float"`],
      [{ schemas: ['folder'] }, "'schemas[0]': folder is a folder, not a schema file"],
    ];
    // Every message starts with the file, line and column; the places are checked in the next test.
    for (const [config, message] of cases) expect(configError(config).replace(/^(mimi-codegen\.config\.json):\d+:\d+:/, '$1:')).toBe(`mimi-codegen.config.json: ${message}`);
  });

  it('points at the line and column of the offending key or value', () => {
    const text = (lines: string[]) => lines.join('\n');
    expect(configError(text(['{', '  "schemas": ["mimi-message-status"],', '  "otu": "src"', '}']))).toMatch(/^mimi-codegen\.config\.json:3:3: unknown key 'otu' \(did you mean 'out'\?\)/);
    expect(configError(text(['{', '  "modules": [', '    { "schemas": ["mimi-content"] },', '    { "schemas": ["mimi-content"], "integers": 64 }', '  ]', '}']))).toMatch(
      /^mimi-codegen\.config\.json:4:48: 'modules\[1\]\.integers' must be one of/,
    );
    expect(configError(text(['{', '  "schemas": ["mimi-message-status", "gone.cddl"]', '}']))).toMatch(/^mimi-codegen\.config\.json:2:38: 'schemas\[1\]': gone\.cddl does not exist/);
    expect(configError('[]')).toBe('mimi-codegen.config.json:1:1: the config must be a JSON object, got an array');
  });

  it('reads comments and trailing commas (JSONC, as tsconfig.json)', () => {
    writeConfig(['// the ACME client', '{', '  /* the draft, and ours */', '  "schemas": ["mimi-message-status",], // built in', '  "extensions": ["statuses.cddl"],', '}', ''].join('\n'));
    expect(loadConfig('mimi-codegen.config.json', dir).modules[0]?.inputs).toEqual(['mimi-message-status', join(dir, 'statuses.cddl')]);
  });

  it('reports JSON syntax errors with line and column', () => {
    expect(configError('{ "schemas": [ }')).toBe('mimi-codegen.config.json:1:16: not valid JSON: expected a value');
    expect(configError('{\n  "schemas": ["a"]\n  "out": "x"\n}')).toBe("mimi-codegen.config.json:3:3: not valid JSON: expected ','");
    expect(configError('{ /* never closed')).toMatch(/^mimi-codegen\.config\.json:1:3: not valid JSON: a comment that is never closed$/);
    expect(configError('')).toMatch(/^mimi-codegen\.config\.json(:1:1)?: /);
  });

  it('top-level options are the defaults of every module; a module overrides them', () => {
    writeConfig({ out: 'gen', integers: 'bigint', importExtension: '.ts', modules: [{ schemas: ['mimi-message-status'], extensions: ['statuses.cddl'] }, { schemas: ['mimi-content'], out: 'content', importExtension: '' }] });
    const loaded = loadConfig('mimi-codegen.config.json', dir);
    expect(loaded.modules).toEqual([
      { key: 'modules[0]', inputs: ['mimi-message-status', join(dir, 'statuses.cddl')], outDir: join(dir, 'gen'), options: { integers: 'bigint', importExtension: '.ts' } },
      { key: 'modules[1]', inputs: ['mimi-content'], outDir: join(dir, 'content'), options: { integers: 'bigint', importExtension: '' } },
    ]);
    expect(loaded.defaults).toEqual({ outDir: join(dir, 'gen'), options: { integers: 'bigint', importExtension: '.ts' } });
  });

  it('names a config in another folder by its path from the current one', async () => {
    mkdirSync(join(dir, 'sub'));
    writeConfig({ schemas: ['mimi-message-status'], extensions: ['gone.cddl'] }, 'sub/codegen.json');
    const { code, stderr } = await cli(dir, 'generate', '--config', 'sub/codegen.json');
    expect(code).toBe(1);
    expect(stderr).toBe("sub/codegen.json:6:5: 'extensions[0]': gone.cddl does not exist (paths are relative to the config file)\n");
  });

  it('resolves paths against the config folder and built-in names to the shipped schemas', () => {
    writeConfig({ $schema: './node_modules/mimi-codegen/docs/config.schema.json', schemas: ['mimi-message-status'], extensions: ['statuses.cddl'], out: 'src/generated' });
    const loaded = loadConfig('mimi-codegen.config.json', dir);
    expect(loaded.modules[0]?.inputs).toEqual(['mimi-message-status', join(dir, 'statuses.cddl')]);
    expect(loaded.modules[0]?.outDir).toBe(join(dir, 'src/generated'));
    expect(loaded.config.out).toBe('src/generated');
  });

  it('agrees with the JSON Schema in docs/ on the keys, their values, and the module keys', () => {
    const schema = JSON.parse(readFileSync(join(REPO, 'docs/config.schema.json'), 'utf8')) as {
      properties: Record<string, unknown>;
      additionalProperties: boolean;
      $defs: { module: { properties: object; required: string[]; additionalProperties: boolean }; integers: { enum: string[] }; importExtension: { enum: string[] }; arrayMatching: { enum: string[] } };
    };
    expect(Object.keys(schema.properties).sort()).toEqual([...TOP_KEY_LIST].sort());
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.$defs.module.properties).sort()).toEqual(['schemas', 'extensions', ...Object.keys(MODULE_OPTIONS)].sort());
    expect(schema.$defs.module.required).toEqual(['schemas']);
    expect(schema.$defs.module.additionalProperties).toBe(false);
    expect(schema.$defs.integers.enum).toEqual([...INTEGER_MODES]);
    expect(schema.$defs.importExtension.enum).toEqual([...IMPORT_EXTENSIONS]);
    expect(schema.$defs.arrayMatching.enum).toEqual([...ARRAY_MATCHINGS]);
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
    expect(check).toMatchObject({ code: 0, stdout: '../src/generated is up to date\n' });
  });

  it('--out overrides the config (relative to the current folder)', async () => {
    const { code } = await cli(dir, 'generate', '--out', 'other');
    expect(code).toBe(0);
    expect(readdirSync(join(dir, 'other')).sort()).toEqual(['mimi-message-status.ts', ...RUNTIME_FILES].sort());
    expect(existsSync(join(dir, 'src/generated'))).toBe(false);
    expect(await cli(dir, 'check', '--out', 'other')).toMatchObject({ code: 0, stdout: 'other is up to date\n' });
  });

  it('positional schemas replace the config schemas and extensions but keep its out', async () => {
    writeFileSync(join(dir, 'tiny.cddl'), 'Thing = [ id: uint ]\n');
    const { code } = await cli(dir, 'generate', 'tiny.cddl');
    expect(code).toBe(0);
    expect(readdirSync(join(dir, 'src/generated')).sort()).toEqual([...RUNTIME_FILES, 'tiny.ts'].sort());
  });

  it('a built-in name works as a positional schema too', async () => {
    const { code } = await cli(dir, 'generate', 'mimi-message-status', '--out', 'plain');
    expect(code).toBe(0);
    expect(readFileSync(join(dir, 'plain/mimi-message-status.ts'), 'utf8')).toContain('export const ExtStatus = {} as const;');
  });

  it('an invalid config is exit 1 and writes nothing; a missing --config file is exit 2', async () => {
    writeConfig({ schemas: ['mimi-message-status'], outDir: 'x' });
    const bad = await cli(dir, 'generate');
    expect(bad).toEqual({ code: 1, stdout: '', stderr: `mimi-codegen.config.json:5:3: unknown key 'outDir' (did you mean 'out'?) (allowed: ${TOP_KEYS})\n` });
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

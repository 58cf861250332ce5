/**
 * The config as a project uses it: found from a subfolder, several modules in
 * one file with top-level defaults, `check` catching files we generated that
 * nothing generates any more, and `generate` removing them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findConfig } from '../../generator/config.js';
import { generate } from '../../generator/index.js';
import { cli, STATUSES, tempProject } from './helpers.js';
import { RUNTIME_FILES } from '../../generator/emit/index.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => {
  ({ dir, cleanup } = tempProject('modules'));
  writeFileSync(join(dir, 'statuses.cddl'), STATUSES);
});
afterEach(() => cleanup());

function writeConfig(text: string, where = dir): void {
  writeFileSync(join(where, 'mimi-codegen.config.json'), text);
}

const TWO_MODULES = `{
  // Both drafts into one folder; the content module's integers are exact.
  "out": "src/generated",
  "modules": [
    { "schemas": ["mimi-message-status"], "extensions": ["statuses.cddl"] },
    { "schemas": ["mimi-content"], "integers": "bigint", },
  ],
}
`;

describe('finding the config', () => {
  it('searches upward from the current folder, and stops at the root', () => {
    mkdirSync(join(dir, 'src/deep/er'), { recursive: true });
    writeConfig('{ "schemas": ["mimi-message-status"] }');
    expect(findConfig(join(dir, 'src/deep/er'))).toBe(join(dir, 'mimi-codegen.config.json'));
    expect(findConfig(dir)).toBe(join(dir, 'mimi-codegen.config.json'));
    // The nearest wins.
    writeConfig('{ "schemas": ["mimi-content"] }', join(dir, 'src'));
    expect(findConfig(join(dir, 'src/deep'))).toBe(join(dir, 'src/mimi-codegen.config.json'));
    expect(findConfig('/')).toBe(null);
  });

  it('generate run from a subfolder writes where the config says, and names files from the current folder', async () => {
    mkdirSync(join(dir, 'src/app'), { recursive: true });
    writeConfig('{ "schemas": ["mimi-message-status"], "extensions": ["statuses.cddl"], "out": "src/generated" }');
    const run = await cli(join(dir, 'src/app'), 'generate');
    expect(run).toEqual({ code: 0, stdout: ['mimi-message-status.ts', ...RUNTIME_FILES].map((f) => `wrote ../generated/${f}\n`).join(''), stderr: '' });
    expect(readFileSync(join(dir, 'src/generated/mimi-message-status.ts'), 'utf8')).toContain('starred: 8,');
    expect(existsSync(join(dir, 'src/app/generated'))).toBe(false);
    expect(await cli(join(dir, 'src'), 'check')).toEqual({ code: 0, stdout: 'generated is up to date\n', stderr: '' });
  });

  it('an explicit --config wins over the one found', async () => {
    mkdirSync(join(dir, 'other'));
    writeConfig('{ "schemas": ["mimi-message-status"], "out": "found" }');
    writeConfig('{ "schemas": ["mimi-message-status"], "out": "named" }', join(dir, 'other'));
    expect((await cli(dir, 'generate', '-c', 'other/mimi-codegen.config.json')).code).toBe(0);
    expect(existsSync(join(dir, 'other/named/mimi-message-status.ts'))).toBe(true);
    expect(existsSync(join(dir, 'found'))).toBe(false);
  });
});

describe('several modules in one config', () => {
  beforeEach(() => writeConfig(TWO_MODULES));

  it('generate writes every module (shared files once), check covers them all', async () => {
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').filter(Boolean);
    // Each file once, the shared runtime files too; the content module brings its own support files.
    expect(lines.slice(0, RUNTIME_FILES.length + 2)).toEqual(['mimi-message-status.ts', ...RUNTIME_FILES, 'mimi-content.ts'].map((f) => `wrote src/generated/${f}`));
    expect(new Set(lines).size).toBe(lines.length);
    for (const line of lines) expect(line).toMatch(/^wrote src\/generated\/[\w.-]+\.ts$/);
    const names = readdirSync(join(dir, 'src/generated'));
    expect(names).toContain('mimi-message-status.ts');
    expect(names).toContain('mimi-content.ts');
    expect(await cli(dir, 'check')).toEqual({ code: 0, stdout: 'src/generated is up to date\n', stderr: '' });
    // The same files as generating each module on its own.
    const status = generate({ schemas: ['mimi-message-status', 'statuses.cddl'], cwd: dir, write: false }).files;
    for (const f of status) expect(readFileSync(join(dir, 'src/generated', f.path), 'utf8')).toBe(f.contents);
  });

  it('the API generates every module of the config, and says which folder each file belongs to', () => {
    const { files, folders } = generate({ config: 'mimi-codegen.config.json', cwd: dir, write: false });
    expect(folders?.map((f) => f.outDir)).toEqual([join(dir, 'src/generated')]);
    expect(files.map((f) => f.path)).toContain('mimi-content.ts');
  });

  it('per-module emission options reach the emitter (importExtension)', async () => {
    writeConfig('{ "importExtension": ".ts", "modules": [ { "schemas": ["mimi-message-status"], "out": "a" }, { "schemas": ["mimi-message-status"], "out": "b", "importExtension": "" } ] }');
    expect((await cli(dir, 'generate')).code).toBe(0);
    expect(readFileSync(join(dir, 'a/mimi-message-status.ts'), 'utf8')).toMatch(/from '\.\/runtime\.ts';/);
    expect(readFileSync(join(dir, 'b/mimi-message-status.ts'), 'utf8')).toMatch(/from '\.\/runtime';/);
  });

  it('a schema error in one module writes nothing for any module', async () => {
    writeFileSync(join(dir, 'statuses.cddl'), '$extStatus /= &( starred: \n');
    const run = await cli(dir, 'generate');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^statuses\.cddl:2:1: /);
    expect(existsSync(join(dir, 'src'))).toBe(false);
  });

  it('modules in separate folders; --out sends every module to one folder', async () => {
    writeConfig('{ "modules": [ { "schemas": ["mimi-message-status"], "out": "a" }, { "schemas": ["mimi-content"], "out": "b" } ] }');
    expect((await cli(dir, 'generate')).code).toBe(0);
    expect(readdirSync(join(dir, 'a')).sort()).toEqual(['mimi-message-status.ts', ...RUNTIME_FILES].sort());
    expect(readdirSync(join(dir, 'b'))).toContain('mimi-content.ts');
    expect(readdirSync(join(dir, 'b'))).not.toContain('mimi-message-status.ts');
    expect((await cli(dir, 'check')).stdout).toBe('a is up to date\nb is up to date\n');
    expect((await cli(dir, 'generate', '--out', 'all')).code).toBe(0);
    expect(readdirSync(join(dir, 'all'))).toEqual(expect.arrayContaining(['mimi-message-status.ts', 'mimi-content.ts', ...RUNTIME_FILES]));
  });

  it('two modules writing one file with different contents is a config error naming both', async () => {
    writeFileSync(join(dir, 'mimi-message-status.cddl'), 'Other = [ uint ]\n');
    writeConfig('{ "modules": [ { "schemas": ["mimi-message-status"] }, { "schemas": ["./mimi-message-status.cddl"] } ] }');
    const run = await cli(dir, 'generate');
    expect(run).toEqual({ code: 1, stdout: '', stderr: "modules[0] and modules[1] both write generated/mimi-message-status.ts, with different contents: give them different 'out' folders\n" });
  });

  it('ir and registry follow the config: one result per module', async () => {
    const ir = await cli(dir, 'ir');
    expect(ir.code).toBe(0);
    const irs = JSON.parse(ir.stdout) as { files: { path: string }[] }[];
    expect(irs.map((i) => i.files.map((f) => f.path))).toEqual([['mimi-codegen/schemas/mimi-message-status.cddl', 'statuses.cddl'], ['mimi-codegen/schemas/mimi-content.cddl']]);
    const registry = await cli(dir, 'registry', '--json');
    expect(registry.code).toBe(0);
    expect((JSON.parse(registry.stdout) as unknown[]).length).toBe(2);
    const table = await cli(dir, 'registry');
    expect(table.stdout).toMatch(/^\$extStatus +starred +8 +statuses\.cddl:2/m);
  });
});

describe('files we generated that nothing generates any more', () => {
  it('check reports them (exit 1), generate removes them; other files are left alone', async () => {
    writeConfig('{ "schemas": ["mimi-message-status"], "out": "gen" }');
    expect((await cli(dir, 'generate')).code).toBe(0);
    // A module that an earlier config generated, and a stale support file.
    writeFileSync(join(dir, 'gen/old-module.ts'), '// @generated by mimi-codegen 0.0.9 from old.cddl (sha256 00). Do not edit.\nexport {};\n');
    writeFileSync(join(dir, 'gen/cbor-any.ts'), '/* eslint-disable */\n// @generated by mimi-codegen 0.1.0 from templates/cbor-any.ts. Do not edit.\n');
    writeFileSync(join(dir, 'gen/hand-written.ts'), 'export const mine = 1;\n');
    const check = await cli(dir, 'check');
    expect(check.code).toBe(1);
    expect(check.stderr).toBe(
      [
        'gen/cbor-any.ts: generated by mimi-codegen, but the schemas no longer generate it (generate removes it)',
        'gen/old-module.ts: generated by mimi-codegen, but the schemas no longer generate it (generate removes it)',
        '',
        "2 file(s) stale: run 'mimi-codegen generate' with the same arguments and commit the result.",
        '',
      ].join('\n'),
    );
    const run = await cli(dir, 'generate');
    expect(run.stdout).toContain('removed gen/cbor-any.ts (no longer generated)\nremoved gen/old-module.ts (no longer generated)\n');
    expect(readdirSync(join(dir, 'gen')).sort()).toEqual(['hand-written.ts', 'mimi-message-status.ts', ...RUNTIME_FILES].sort());
    expect((await cli(dir, 'check')).code).toBe(0);
  });

  it('schemas named on the command line do not own the folder: another module there is left alone', async () => {
    expect((await cli(dir, 'generate', 'mimi-message-status', '-o', 'gen')).code).toBe(0);
    const content = await cli(dir, 'generate', 'mimi-content', '-o', 'gen');
    expect(content.stdout).not.toContain('removed');
    expect(readdirSync(join(dir, 'gen'))).toEqual(expect.arrayContaining(['mimi-message-status.ts', 'mimi-content.ts']));
    expect((await cli(dir, 'check', 'mimi-message-status', '-o', 'gen')).code).toBe(0);
  });
});

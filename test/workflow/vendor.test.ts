/**
 * The vendor workflow end to end, as a vendor would live it: the packed
 * tarball installed into a fresh project outside the repository, `init`, an
 * extension file adding statuses, `generate`, a strict `nodenext` build of
 * the output with a program that round-trips a report through CBOR, and
 * `check` failing on a stale file after the extension changes; then the
 * config found from a subfolder, two modules in one config, a build through
 * the esbuild plugin, the build under @tsconfig/strictest with the content module, and the programs (one computing the
 * draft's message IDs with the helper written beside the content module)
 * running after `npm install --omit=dev` (the generated code needs nothing installed).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/index.js';
import { REPO } from '../support/schemas.js';
import { idEntries } from '../content/helpers.js';
import { tempProject } from './helpers.js';
import { RUNTIME_FILES } from '../../generator/emit/index.js';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment without what `npm test` sets about this package (its lifecycle, its package.json, its folder), so the
 * vendor's npm works on the vendor's project; npm settings such as the cache or the registry are kept.
 */
const ENV = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_(lifecycle_|package_|config_local_prefix$|command$)/i.test(key)));

/** Runs a command without blocking the test worker (a long spawnSync starves vitest's own messages). */
function run(command: string, args: readonly string[], cwd: string, timeout = 240_000): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...ENV, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' },
      shell: process.platform === 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** Runs and fails the test with the command's output when it does not exit 0. */
async function ok(command: string, args: readonly string[], cwd: string): Promise<Result> {
  const result = await run(command, args, cwd);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result;
}

const MAIN_TS = `import {
  BaseStatus,
  ExtStatus,
  decodeMessageStatusReport,
  encodeMessageStatusReport,
  isDecodeError,
  type MessageStatusReport,
} from './generated/mimi-message-status.js';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const names = new Map<number, string>([...Object.entries(BaseStatus), ...Object.entries(ExtStatus)].map(([name, value]) => [value, name]));

const report: MessageStatusReport = [
  { messageId: new Uint8Array(32).map((_, i) => i), status: ExtStatus.starred },
  { messageId: new Uint8Array(32).fill(0xab), status: BaseStatus.read },
];
// The statuses are literal types: ExtStatus.starred is 8, and there is no ExtStatus.archived yet.
const starred: 8 = ExtStatus.starred;
// @ts-expect-error archived is not a status (yet)
void ExtStatus.archived;

const bytes = encodeMessageStatusReport(report);
console.log(\`encoded \${bytes.length} bytes: \${hex(bytes.subarray(0, 4))}…\`);
const decoded = decodeMessageStatusReport(bytes);
for (const entry of decoded) {
  console.log(\`\${hex(entry.messageId).slice(0, 8)} \${names.get(entry.status) ?? 'unknown'} \${entry.status}\`);
}
console.log(\`starred is \${starred}; same bytes again: \${hex(encodeMessageStatusReport(decoded)) === hex(bytes)}\`);
try {
  decodeMessageStatusReport(bytes.subarray(0, bytes.length - 1));
} catch (error) {
  console.log(\`truncated: \${isDecodeError(error) ? 'DecodeError' : 'something else'}\`);
}
`;

/** The draft's original message and Bob's reply to it (content-message-ids.json), with the IDs the draft gives them. */
const IDS = idEntries();
const ORIGINAL = IDS['original']!;
const REPLY = IDS['reply']!;

/**
 * A second program of the app, using the content module and the message-ID helper that `generate` writes beside it:
 * it decodes both messages, computes their IDs, and checks that the reply names the original.
 */
const CONTENT_TS = `import { decodeMimiContent } from './generated/mimi-content.js';
import { fromHex, mimiMessageId, toHex } from './generated/mimi-message-id.js';

const roomUri = ${JSON.stringify(ORIGINAL.roomUri)};
const original = fromHex('${ORIGINAL.cborHex}');
const reply = fromHex('${REPLY.cborHex}');

const sent = decodeMimiContent(original);
const sentId = await mimiMessageId({ senderUri: ${JSON.stringify(ORIGINAL.senderUri)}, roomUri, message: original, salt: sent.salt });
const answer = decodeMimiContent(reply);
const answerId = await mimiMessageId({ senderUri: ${JSON.stringify(REPLY.senderUri)}, roomUri, message: reply, salt: answer.salt });
console.log(\`original \${toHex(sentId)}\`);
console.log(\`reply \${toHex(answerId)}\`);
console.log(\`the reply answers the original: \${answer.inReplyTo !== null && toHex(answer.inReplyTo) === toHex(sentId)}\`);
`;

/** The content program's output: the draft's IDs, computed by the generated helper. */
const CONTENT_OUTPUT = [`original ${ORIGINAL.messageId_v08_lengthPrefixed}`, `reply ${REPLY.messageId_v08_lengthPrefixed}`, 'the reply answers the original: true', ''].join('\n');

/** A program for the build without DOM or Node typings: `print` stands for console.log. */
const withoutConsole = (source: string): string => `declare function print(line: string): void;\n${source.replaceAll('console.log(', 'print(')}`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    // console comes from the DOM library; the generated code itself needs neither DOM nor Node typings.
    lib: ['ES2022', 'DOM'],
    types: [],
    rootDir: 'src',
    outDir: 'dist',
  },
  include: ['src'],
};

let project: { dir: string; cleanup: () => void };
let packs: { dir: string; cleanup: () => void };
let tarball: string;

beforeAll(async () => {
  packs = tempProject('pack');
  project = tempProject('vendor');
  // `prepack` builds dist/ first.
  await ok('npm', ['pack', '--pack-destination', packs.dir, '--silent'], REPO);
  const tgz = readdirSync(packs.dir).filter((f) => f.endsWith('.tgz'));
  expect(tgz).toHaveLength(1);
  tarball = join(packs.dir, tgz[0] as string);
}, 180_000);

afterAll(() => {
  project?.cleanup();
  packs?.cleanup();
});

describe('the packed package in a vendor project', () => {
  it('the tarball holds what an installed mimi-codegen needs, and not the sources; its package.json is ready to publish', async () => {
    const files = (await ok('tar', ['-tzf', tarball], packs.dir)).stdout.split('\n').filter(Boolean);
    for (const needed of [
      'package/package.json',
      'package/dist/generator/cli.js',
      'package/dist/generator/index.js',
      'package/dist/generator/index.d.ts',
      'package/dist/generator/config.js',
      'package/dist/generator/watch.js',
      'package/dist/generator/init.js',
      'package/templates/runtime.ts',
      'package/schemas/mimi-message-status.cddl',
      'package/docs/config.schema.json',
      'package/docs/config.md',
      'package/dist/generator/plugin.js',
      'package/dist/generator/plugin.d.ts',
      'package/LICENSE',
    ]) {
      expect(files).toContain(needed);
    }
    expect(files.filter((f) => f.startsWith('package/generator/') || f.startsWith('package/test/'))).toEqual([]);
    const pkg = JSON.parse((await ok('tar', ['-xzOf', tarball, 'package/package.json'], packs.dir)).stdout) as Record<string, unknown> & { scripts: Record<string, string>; exports: Record<string, unknown> };
    // A consumer's install must not try to build the package: it ships dist/.
    expect(pkg.scripts.prepare).toBeUndefined();
    expect(pkg).toMatchObject({ license: 'MIT', sideEffects: false, engines: { node: expect.any(String) as string } });
    expect(pkg.keywords).toEqual(expect.arrayContaining(['cddl', 'cbor', 'typescript']));
    expect(Object.keys(pkg.exports)).toEqual(expect.arrayContaining(['.', './plugin']));
    expect((await ok('tar', ['-xzOf', tarball, 'package/LICENSE'], packs.dir)).stdout).toMatch(/^MIT License/);
  });

  it('init, an extension, generate, a strict nodenext build that round-trips a report, then check catching a stale file', async () => {
    const dir = project.dir;
    writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'acme-client', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
    // TypeScript from the repository's own node_modules (a link, no download); the tarball's dependencies from the npm cache when it has them.
    // esbuild and @tsconfig/strictest the same way, for the plugin build and the strictest build below.
    const linked = ['typescript', 'esbuild', '@tsconfig/strictest'].map((name) => join(REPO, 'node_modules', name));
    await ok('npm', ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', tarball, ...linked], dir);
    expect(existsSync(join(dir, 'node_modules/mimi-codegen/docs/config.schema.json'))).toBe(true);

    // init writes the config naming the built-in schema; the vendor's statuses replace the example.
    const init = await ok('npx', ['mimi-codegen', 'init'], dir);
    expect(init.stdout).toContain('wrote mimi-codegen.config.json');
    expect(JSON.parse(readFileSync(join(dir, 'mimi-codegen.config.json'), 'utf8'))).toMatchObject({ schemas: ['mimi-message-status'], extensions: ['statuses.cddl'], out: 'src/generated' });
    writeFileSync(join(dir, 'statuses.cddl'), '; ACME statuses\n$extStatus /= &( starred: 8, pinned: 9 )\n');

    const generated = await ok('npx', ['mimi-codegen', 'generate'], dir);
    expect(generated.stdout).toContain('mimi-message-status.ts');
    expect(readdirSync(join(dir, 'src/generated')).sort()).toEqual(['mimi-message-status.ts', ...RUNTIME_FILES].sort());
    const module = readFileSync(join(dir, 'src/generated/mimi-message-status.ts'), 'utf8');
    expect(module.split('\n')[0]).toMatch(/^\/\/ @generated by mimi-codegen \S+ from mimi-codegen\/schemas\/mimi-message-status\.cddl, statuses\.cddl \(sha256 [0-9a-f]{64}\)\. Do not edit\.$/);
    expect(module).not.toContain(dir);
    // Byte-identical to what the sources in the repository generate for the same project: no machine paths anywhere.
    const fromSources = generate({ config: 'mimi-codegen.config.json', cwd: dir, write: false }).files;
    for (const file of fromSources) expect(readFileSync(join(dir, 'src/generated', file.path), 'utf8')).toBe(file.contents);

    // A strict nodenext build of the output and a program using it, run in Node as ESM.
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(join(dir, 'src/main.ts'), MAIN_TS);
    writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
    const tsc = await run('npx', ['tsc', '--strict', '-p', 'tsconfig.json'], dir);
    // tsc prints its diagnostics on stdout; npm may add its own warnings on stderr.
    expect(tsc.stdout.trim()).toBe('');
    expect(tsc.code).toBe(0);
    const program = await ok('node', ['dist/main.js'], dir);
    expect(program.stdout).toBe(
      [
        'encoded 73 bytes: 82825820…',
        '00010203 starred 8',
        'abababab read 2',
        'starred is 8; same bytes again: true',
        'truncated: DecodeError',
        '',
      ].join('\n'),
    );

    // The programmatic API of the installed package agrees with the CLI.
    writeFileSync(join(dir, 'api.mjs'), "import { generate } from 'mimi-codegen';\nconst { files, written } = generate({ config: 'mimi-codegen.config.json', write: false });\nconsole.log(JSON.stringify({ paths: files.map((f) => f.path), written, module: files[0].contents }));\n");
    const api = JSON.parse((await ok('node', ['api.mjs'], dir)).stdout) as { paths: string[]; written: string[]; module: string };
    expect(api).toEqual({ paths: ['mimi-message-status.ts', ...RUNTIME_FILES], written: [], module });

    expect((await ok('npx', ['mimi-codegen', 'check'], dir)).stdout).toBe('src/generated is up to date\n');

    // The vendor adds a status: check fails naming the stale file, generate fixes it.
    writeFileSync(join(dir, 'statuses.cddl'), '; ACME statuses\n$extStatus /= &( starred: 8, pinned: 9, archived: 10 )\n');
    const stale = await run('npx', ['mimi-codegen', 'check'], dir);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('src/generated/mimi-message-status.ts: differs from what the schemas generate');
    expect(stale.stderr).toMatch(/^\+ +archived: 10,$/m);
    expect(stale.stderr).toContain('1 file(s) stale');
    expect(stale.stderr).not.toContain('runtime.ts');
    await ok('npx', ['mimi-codegen', 'generate'], dir);
    expect(readFileSync(join(dir, 'src/generated/mimi-message-status.ts'), 'utf8')).toContain('archived: 10,');
    const fresh = await run('npx', ['mimi-codegen', 'check'], dir);
    expect(fresh).toEqual({ code: 0, stdout: 'src/generated is up to date\n', stderr: expect.any(String) as string });
  }, 300_000);

  it('from a subfolder, two modules in one config, a build through the esbuild plugin, strictest flags, and the apps after npm install --omit=dev', async () => {
    const dir = project.dir;
    // One config, two modules: the status module and the content module, in the same output folder (the content module
    // brings its message-ID helper); the app's builds below, the strictest one included, compile both.
    writeFileSync(
      join(dir, 'mimi-codegen.config.json'),
      [
        '{',
        '  "$schema": "./node_modules/mimi-codegen/docs/config.schema.json",',
        '  // ACME: the status draft with our statuses, and the content format',
        '  "modules": [',
        '    { "schemas": ["mimi-message-status"], "extensions": ["statuses.cddl"], "out": "src/generated" },',
        '    { "schemas": ["mimi-content"], "out": "src/generated" },',
        '  ],',
        '}',
        '',
      ].join('\n'),
    );
    // Run from a subfolder: the config above is found, and paths are printed from here.
    const sub = join(dir, 'src');
    const generated = await ok('npx', ['mimi-codegen', 'generate'], sub);
    expect(generated.stdout).toContain('wrote generated/mimi-content.ts\n');
    expect(generated.stdout).toContain('wrote generated/mimi-message-id.ts\n');
    expect(readdirSync(join(dir, 'src/generated')).sort()).toEqual(['cbor-any.ts', 'mimi-content.ts', 'mimi-message-id.ts', 'mimi-message-status.ts', ...RUNTIME_FILES].sort());
    expect((await ok('npx', ['mimi-codegen', 'check'], sub)).stdout).toBe('generated is up to date\n');

    // The esbuild plugin from the installed package: generates at build start, and the bundle runs.
    writeFileSync(join(dir, 'statuses.cddl'), '; ACME statuses\n$extStatus /= &( starred: 8, pinned: 9, muted: 11 )\n');
    writeFileSync(
      join(dir, 'build.mjs'),
      [
        "import { build } from 'esbuild';",
        "import { esbuild as mimiCodegen } from 'mimi-codegen/plugin';",
        "await build({ entryPoints: ['src/main.ts'], bundle: true, format: 'esm', platform: 'neutral', outfile: 'bundle/main.js', logLevel: 'warning', plugins: [mimiCodegen()] });",
        '',
      ].join('\n'),
    );
    await ok('node', ['build.mjs'], dir);
    expect(readFileSync(join(dir, 'src/generated/mimi-message-status.ts'), 'utf8')).toContain('muted: 11,');
    expect((await ok('node', ['bundle/main.js'], dir)).stdout).toContain('starred is 8; same bytes again: true');

    // The app's build under @tsconfig/strictest (plus verbatimModuleSyntax and isolatedDeclarations), no DOM, no Node types.
    writeFileSync(join(dir, 'src/main.ts'), withoutConsole(MAIN_TS));
    writeFileSync(join(dir, 'src/content.ts'), withoutConsole(CONTENT_TS));
    writeFileSync(
      join(dir, 'tsconfig.strictest.json'),
      `${JSON.stringify({ extends: '@tsconfig/strictest/tsconfig.json', compilerOptions: { target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', lib: ['ES2022'], types: [], verbatimModuleSyntax: true, isolatedDeclarations: true, declaration: true, noEmit: true }, include: ['src'] }, null, 2)}\n`,
    );
    const strictest = await run('npx', ['tsc', '-p', 'tsconfig.strictest.json'], dir);
    expect(strictest.stdout.trim()).toBe('');
    expect(strictest.code).toBe(0);
    writeFileSync(join(dir, 'src/main.ts'), MAIN_TS);
    writeFileSync(join(dir, 'src/content.ts'), CONTENT_TS);
    await ok('npx', ['tsc', '--strict', '-p', 'tsconfig.json'], dir);
    expect((await ok('node', ['dist/content.js'], dir)).stdout).toBe(CONTENT_OUTPUT);

    // Production: mimi-codegen is a dev dependency; the app runs without it.
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string>; dependencies?: Record<string, string> };
    expect(Object.keys(pkg.devDependencies ?? {})).toContain('mimi-codegen');
    expect(pkg.dependencies ?? {}).toEqual({});
    // (npm install --omit=dev, offline: the production tree of npm ci without asking the registry again.)
    await ok('npm', ['install', '--omit=dev', '--offline', '--no-audit', '--no-fund'], dir);
    expect(existsSync(join(dir, 'node_modules/mimi-codegen'))).toBe(false);
    expect((await ok('node', ['dist/main.js'], dir)).stdout).toContain('starred is 8; same bytes again: true');
    expect((await ok('node', ['dist/content.js'], dir)).stdout).toBe(CONTENT_OUTPUT);
  }, 300_000);
});

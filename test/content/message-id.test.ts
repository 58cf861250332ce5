/**
 * The message-ID helper (templates/mimi-message-id.ts, which `generate`
 * writes beside the content module as `mimi-message-id.ts`): the draft's
 * examples, its edge cases, portability (no Node-only API), when it is
 * written, and the package subpath `mimi-codegen/mimi-message-id` kept for
 * existing users.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../../generator/index.js';
import { fromHex, MESSAGE_ID_LENGTH, mimiMessageId, SHA256_HASH_ALG, toHex } from '../../generated/mimi-message-id.js';
import * as packageExport from '../../helpers/mimi-message-id.js';
import { CONTENT_SCHEMA_PATH, statusSchema } from '../support/schemas.js';
import { hex, idEntries, TMP_ROOT } from './helpers.js';
import { freshFolder } from '../support/scratch.js';
import { typecheckStrict } from './typecheck.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** The copy generate writes beside the content module. */
const HELPER = join(REPO, 'generated/mimi-message-id.ts');
/** The package export `mimi-codegen/mimi-message-id`, a re-export of the template. */
const EXPORT = join(REPO, 'helpers/mimi-message-id.ts');
const ids = idEntries();

const tmp = fileURLToPath(freshFolder(TMP_ROOT, 'message-id'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('mimiMessageId', () => {
  it.each(Object.entries(ids))('%s: the -08/-09 ID of content-message-ids.json', async (_, e) => {
    const id = await mimiMessageId({ senderUri: e.senderUri, roomUri: e.roomUri, message: hex(e.cborHex), salt: hex(e.salt) });
    expect(id).toHaveLength(MESSAGE_ID_LENGTH);
    expect(id[0]).toBe(SHA256_HASH_ALG);
    expect(toHex(id)).toBe(e.messageId_v08_lengthPrefixed);
  });

  it('matches all 14 expected IDs, all distinct', async () => {
    const got = await Promise.all(Object.values(ids).map((e) => mimiMessageId({ senderUri: e.senderUri, roomUri: e.roomUri, message: hex(e.cborHex), salt: hex(e.salt) })));
    expect(got.map(toHex)).toEqual(Object.values(ids).map((e) => e.messageId_v08_lengthPrefixed));
    expect(new Set(got.map(toHex)).size).toBe(14);
  });

  it('is SHA-256 over len16(sender) sender len16(room) room message salt, truncated to 31 bytes after 0x01', async () => {
    const { createHash } = await import('node:crypto');
    const e = ids.original!;
    const lp = (s: string) => {
      const b = Buffer.from(s, 'utf8');
      return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
    };
    const digest = createHash('sha256').update(Buffer.concat([lp(e.senderUri), lp(e.roomUri), Buffer.from(e.cborHex, 'hex'), Buffer.from(e.salt, 'hex')])).digest();
    expect(toHex(await mimiMessageId({ senderUri: e.senderUri, roomUri: e.roomUri, message: hex(e.cborHex), salt: hex(e.salt) }))).toBe(`01${digest.subarray(0, 31).toString('hex')}`);
  });

  it('the length prefixes matter: moving a character from the sender to the room changes the ID', async () => {
    const e = ids.original!;
    const base = { message: hex(e.cborHex), salt: hex(e.salt) };
    const a = await mimiMessageId({ ...base, senderUri: 'ab', roomUri: 'c' });
    const b = await mimiMessageId({ ...base, senderUri: 'a', roomUri: 'bc' });
    expect(toHex(a)).not.toBe(toHex(b));
  });

  it('URIs are length-prefixed in UTF-8 octets', async () => {
    const e = ids.original!;
    const base = { message: hex(e.cborHex), salt: hex(e.salt), roomUri: e.roomUri };
    const { createHash } = await import('node:crypto');
    const sender = 'mimi://example.com/u/zoë';
    const senderBytes = Buffer.from(sender, 'utf8');
    expect(senderBytes.length).toBe(sender.length + 1);
    const room = Buffer.from(e.roomUri, 'utf8');
    const digest = createHash('sha256')
      .update(Buffer.concat([Buffer.from([0, senderBytes.length]), senderBytes, Buffer.from([0, room.length]), room, Buffer.from(e.cborHex, 'hex'), Buffer.from(e.salt, 'hex')]))
      .digest();
    expect(toHex(await mimiMessageId({ ...base, senderUri: sender }))).toBe(`01${digest.subarray(0, 31).toString('hex')}`);
  });

  it('rejects a salt that is not 16 bytes and a URI beyond 65535 UTF-8 bytes', async () => {
    const e = ids.original!;
    const base = { senderUri: e.senderUri, roomUri: e.roomUri, message: hex(e.cborHex) };
    await expect(mimiMessageId({ ...base, salt: new Uint8Array(15) })).rejects.toThrow(RangeError);
    await expect(mimiMessageId({ ...base, salt: new Uint8Array(17) })).rejects.toThrow(RangeError);
    await expect(mimiMessageId({ ...base, salt: hex(e.salt), senderUri: 'x'.repeat(65536) })).rejects.toThrow(RangeError);
    // 65535 fits.
    expect(await mimiMessageId({ ...base, salt: hex(e.salt), roomUri: 'x'.repeat(65535) })).toHaveLength(32);
  });

  it('does not modify its inputs, and accepts a view into a larger buffer', async () => {
    const e = ids.original!;
    const message = hex(e.cborHex);
    const padded = new Uint8Array(message.length + 10);
    padded.set(message, 5);
    const view = padded.subarray(5, 5 + message.length);
    const salt = hex(e.salt);
    const id = await mimiMessageId({ senderUri: e.senderUri, roomUri: e.roomUri, message: view, salt });
    expect(toHex(id)).toBe(e.messageId_v08_lengthPrefixed);
    expect(toHex(view)).toBe(e.cborHex);
    expect(toHex(salt)).toBe(e.salt);
  });

  it('toHex / fromHex', () => {
    expect(toHex(fromHex('00 ff 1A'))).toBe('00ff1a');
    expect(() => fromHex('abc')).toThrow(SyntaxError);
    expect(() => fromHex('zz')).toThrow(SyntaxError);
  });
});

describe('written into the output folder', () => {
  const content = compile([{ path: CONTENT_SCHEMA_PATH, text: readFileSync(join(REPO, CONTENT_SCHEMA_PATH), 'utf8') }]);

  it('beside the content module (it defines mimiContent and MessageId), as the template under a truthful header', () => {
    const file = content.find((f) => f.path === 'mimi-message-id.ts');
    expect(file).toBeDefined();
    const template = readFileSync(join(REPO, 'templates/mimi-message-id.ts'), 'utf8');
    expect(file!.contents.split('\n')[0]).toMatch(/^\/\/ @generated by mimi-codegen \S+ from templates\/mimi-message-id\.ts\. Do not edit\.$/);
    expect(file!.contents.endsWith(template)).toBe(true);
    expect(readFileSync(HELPER, 'utf8')).toBe(file!.contents);
  });

  it('not beside a module whose schema has no content messages', () => {
    expect(compile([statusSchema()]).map((f) => f.path)).not.toContain('mimi-message-id.ts');
  });

  it('the package export is the same helper', async () => {
    const e = Object.values(ids)[0]!;
    const input = { senderUri: e.senderUri, roomUri: e.roomUri, message: hex(e.cborHex), salt: hex(e.salt) };
    expect(packageExport.toHex(await packageExport.mimiMessageId(input))).toBe(e.messageId_v08_lengthPrefixed);
  });
});

describe('portability and packaging', () => {
  it('type-checks with the ES2022 library alone (no DOM, no Node typings) and noUnusedLocals', () => {
    expect(typecheckStrict([HELPER])).toEqual([]);
  });

  it('imports nothing (so no node: module)', () => {
    const source = readFileSync(HELPER, 'utf8');
    expect(ts.preProcessFile(source, true, true).importedFiles).toEqual([]);
    expect(source).not.toMatch(/\bBuffer\b|\bprocess\b|require\(/);
  });

  it('package.json exports ./mimi-message-id at the file tsconfig.build.json emits', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { exports: Record<string, { types: string; default: string }>; files: string[] };
    const entry = pkg.exports['./mimi-message-id'];
    expect(entry).toEqual({ types: './dist/helpers/mimi-message-id.d.ts', default: './dist/helpers/mimi-message-id.js' });
    expect(pkg.files.some((f) => f.replace(/\/$/, '') === 'dist')).toBe(true);
    // What tsc -p tsconfig.build.json would emit for the helper.
    const configPath = join(REPO, 'tsconfig.build.json');
    const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, REPO);
    expect(parsed.fileNames.map((f) => f.replace(/\\/g, '/'))).toContain(EXPORT.replace(/\\/g, '/'));
    const norm = (p: string | undefined) => (p ?? '').replace(/\\/g, '/').replace(/\/$/, '');
    expect(norm(parsed.options.rootDir)).toBe(norm(REPO));
    expect(norm(parsed.options.outDir)).toBe(norm(join(REPO, 'dist')));
    expect(parsed.options.declaration).toBe(true);
    expect(parsed.options.noEmit).toBe(false);
    const stem = `./dist/${'helpers/mimi-message-id'}`;
    expect([entry!.default, entry!.types]).toEqual([`${stem}.js`, `${stem}.d.ts`]);
    // tsconfig.json covers it for type-checking.
    const dev = ts.parseJsonConfigFileContent(ts.readConfigFile(join(REPO, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, REPO);
    expect(dev.fileNames).toContain(EXPORT);
  });

  it('the emitted JavaScript runs on its own and gives the same IDs', async () => {
    const out = ts.transpileModule(readFileSync(HELPER, 'utf8'), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    const file = join(tmp, 'mimi-message-id.mjs');
    writeFileSync(file, out.outputText);
    const mod = (await import(pathToFileURL(file).href)) as typeof import('../../generated/mimi-message-id.js');
    for (const e of Object.values(ids)) {
      expect(mod.toHex(await mod.mimiMessageId({ senderUri: e.senderUri, roomUri: e.roomUri, message: hex(e.cborHex), salt: hex(e.salt) }))).toBe(e.messageId_v08_lengthPrefixed);
    }
  });
});

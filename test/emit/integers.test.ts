/**
 * The `integers` emission option: how integers that may not fit a number are
 * typed, decoded, checked and encoded (`bigint`, `number`, or unset:
 * `number | bigint`), while integer sets that fit a number stay `number`.
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../../generator/index.js';
import { REPO } from '../support/schemas.js';
import { scratchFolder, type ScratchFile } from '../support/scratch.js';
import { typecheck } from '../support/typecheck.js';

const TMP = join(REPO, 'test/emit/__tmp__/integers');
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const SCHEMA = {
  path: 'report.cddl',
  text: 'Report = { counter: uint, small: 0..1000, delta: int, ? names: { * uint => tstr } }\n',
};

type Mode = 'bigint' | 'number' | undefined;

interface ReportModule {
  decodeReport(bytes: Uint8Array): Record<string, unknown>;
  encodeReport(value: unknown): Uint8Array;
  isReport(value: unknown): boolean;
}

/** Generates the module in `mode` (with `extra` files beside it) into a folder of its own; its path. */
function writeModule(mode: Mode, extra: ScratchFile[] = []): string {
  const files = [...compile([SCHEMA], mode === undefined ? {} : { integers: mode }), ...extra];
  return fileURLToPath(new URL('report.ts', scratchFolder(TMP, mode ?? 'unset', files)));
}

const load = async (mode: Mode) => (await import(pathToFileURL(writeModule(mode)).href)) as ReportModule;

/** `{ "counter": 2^53, "small": 1, "delta": 0 }` as CBOR, keys in deterministic order. */
const BEYOND = Uint8Array.from([0xa3, 0x65, ...new TextEncoder().encode('delta'), 0x00, 0x65, ...new TextEncoder().encode('small'), 0x01, 0x67, ...new TextEncoder().encode('counter'), 0x1b, 0x00, 0x20, 0, 0, 0, 0, 0, 0]);

describe('the types', () => {
  it.each([
    ['bigint', 'bigint'],
    ['number', 'number'],
    [undefined, 'number | bigint'],
  ] as const)('integers %s: unbounded members are %s, bounded ones number', (mode, type) => {
    const module = compile([SCHEMA], mode === undefined ? {} : { integers: mode })[0]!.contents;
    expect(module).toContain(`counter: ${type};`);
    expect(module).toContain(`delta: ${type};`);
    expect(module).toContain('small: number;');
    expect(module).toContain(`names?: Map<${type}, string>;`);
  });

  it('arithmetic on a decoded value type-checks without narrowing in both modes', () => {
    const use = (mode: 'bigint' | 'number', one: string) => {
      const user = `import { decodeReport } from './report.js';\nexport function next(bytes: Uint8Array): ${mode} {\n  return decodeReport(bytes).counter + ${one};\n}\n`;
      const module = writeModule(mode, [{ path: 'use.ts', contents: user }]);
      return [module, join(dirname(module), 'use.ts')];
    };
    expect(typecheck([...use('bigint', '1n'), ...use('number', '1')], { moduleResolution: 'nodenext' })).toEqual([]);
  }, 300_000);
});

describe('integers: "bigint"', () => {
  it('decodes every unbounded integer as a bigint, bounded ones as numbers, and round-trips', async () => {
    const m = await load('bigint');
    const value = { counter: 2n ** 64n - 1n, small: 7, delta: -(2n ** 64n), names: new Map([[1n, 'one'], [2n ** 60n, 'big']]) };
    const decoded = m.decodeReport(m.encodeReport(value));
    expect(decoded).toEqual(value);
    expect(typeof m.decodeReport(m.encodeReport({ counter: 5n, small: 1, delta: 0n }))['counter']).toBe('bigint');
    expect(m.decodeReport(BEYOND)['counter']).toBe(2n ** 53n);
  });

  it('guards accept exactly bigints where the type says bigint', async () => {
    const m = await load('bigint');
    expect(m.isReport({ counter: 5n, small: 1, delta: -3n })).toBe(true);
    expect(m.isReport({ counter: 5, small: 1, delta: -3n })).toBe(false);
    expect(m.isReport({ counter: 5n, small: 1n, delta: -3n })).toBe(false);
    expect(m.isReport({ counter: -1n, small: 1, delta: 0n })).toBe(false);
    expect(m.isReport({ counter: 1n, small: 1, delta: 0n, names: new Map([[1, 'x']]) })).toBe(false);
    expect(() => m.encodeReport({ counter: 5, small: 1, delta: 0n })).toThrow(/counter/);
  });

  it('a duplicate integer key is still found', async () => {
    const m = await load('bigint');
    // { "delta": 0, "names": { 1: "a", 1: "b" }, "small": 0, "counter": 0 }
    const text = (s: string) => [0x60 + s.length, ...new TextEncoder().encode(s)];
    const bytes = Uint8Array.from([0xa4, ...text('delta'), 0x00, ...text('names'), 0xa2, 0x01, ...text('a'), 0x01, ...text('b'), ...text('small'), 0x00, ...text('counter'), 0x00]);
    expect(() => m.decodeReport(bytes)).toThrow(/duplicate key 1/);
  });
});

describe('integers: "number"', () => {
  it('decodes to numbers and round-trips up to 2^53 − 1', async () => {
    const m = await load('number');
    const value = { counter: Number.MAX_SAFE_INTEGER, small: 7, delta: -Number.MAX_SAFE_INTEGER, names: new Map([[3, 'three']]) };
    expect(m.decodeReport(m.encodeReport(value))).toEqual(value);
  });

  it('a value beyond ±(2^53 − 1) is a DecodeError that names the option, at the integer', async () => {
    const m = await load('number');
    let error: unknown;
    try {
      m.decodeReport(BEYOND);
    } catch (e) {
      error = e;
    }
    expect((error as Error).name).toBe('DecodeError');
    expect((error as Error).message).toMatch(/integer 9007199254740992 is beyond ±\(2\^53 − 1\), which code generated with integers: "number" cannot hold/);
    expect((error as { offset: number }).offset).toBe(BEYOND.length - 9);
    // { "delta": -1 - 2^53, "small": 1, "counter": 0 }
    const text = (s: string) => [0x60 + s.length, ...new TextEncoder().encode(s)];
    const negative = Uint8Array.from([0xa3, ...text('delta'), 0x3b, 0x00, 0x20, 0, 0, 0, 0, 0, 0, ...text('small'), 0x01, ...text('counter'), 0x00]);
    expect(() => m.decodeReport(negative)).toThrow(/integer -9007199254740993 is beyond .* integers: "number"/);
  });

  it('guards accept safe integers only, so the encoder never writes what the decoder refuses', async () => {
    const m = await load('number');
    expect(m.isReport({ counter: 5, small: 1, delta: -3 })).toBe(true);
    expect(m.isReport({ counter: 5n, small: 1, delta: -3 })).toBe(false);
    expect(m.isReport({ counter: 2 ** 53, small: 1, delta: 0 })).toBe(false);
    expect(m.isReport({ counter: 1.5, small: 1, delta: 0 })).toBe(false);
  });
});

describe('unset: number | bigint', () => {
  it('a number when it fits, a bigint beyond, both accepted by the guards', async () => {
    const m = await load(undefined);
    expect(m.decodeReport(BEYOND)['counter']).toBe(2n ** 53n);
    expect(m.decodeReport(m.encodeReport({ counter: 5n, small: 1, delta: 0 }))['counter']).toBe(5);
    expect(m.isReport({ counter: 5, small: 1, delta: 2n })).toBe(true);
  });
});

/**
 * A text string that is valid UTF-8 but longer than the engine's strings (2^29 − 24 code units in
 * V8) is a DecodeError saying so: before, a definite one was reported as invalid UTF-8, and chunks
 * that joined past the limit threw the engine's RangeError (bounded: only DecodeError). Each input
 * is over 512 MiB, so this runs only with MIMI_HEAVY_TESTS=1 (`MIMI_HEAVY_TESTS=1 npx vitest run
 * test/bounded/huge-text.test.ts`), not in CI.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { load, type Generated } from './module.js';

const LENGTH = 2 ** 29 + 100;

/** A text head of major 3 with a 4-byte length, at `at`. */
function textHead(bytes: Uint8Array, at: number, n: number): void {
  bytes.set([0x7a, (n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255], at);
}

describe.runIf(process.env.MIMI_HEAVY_TESTS === '1')('a text string longer than the engine holds', () => {
  let g: Generated<'T'>;
  beforeAll(async () => {
    g = (await load<'T'>('huge-text', 't = tstr\n')).module;
  });

  it('definite: a DecodeError at its head, saying so', () => {
    const bytes = new Uint8Array(5 + LENGTH).fill(0x61);
    textHead(bytes, 0, LENGTH);
    expect(() => g.decodeT(bytes)).toThrow(expect.objectContaining({ name: 'DecodeError', offset: 0, message: expect.stringContaining("a text string longer than this engine's strings can be") }));
  });

  it('chunked: a DecodeError at the chunk that passes the limit', () => {
    const chunk = LENGTH / 2;
    const bytes = new Uint8Array(1 + 2 * (5 + chunk) + 1).fill(0x61);
    bytes[0] = 0x7f;
    textHead(bytes, 1, chunk);
    textHead(bytes, 6 + chunk, chunk);
    bytes[bytes.length - 1] = 0xff;
    expect(() => g.decodeT(bytes)).toThrow(expect.objectContaining({ name: 'DecodeError', offset: 6 + chunk, message: expect.stringContaining("a text string longer than this engine's strings can be") }));
  });
});

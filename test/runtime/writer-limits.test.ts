/**
 * An encoding larger than the engine gives in one buffer is an EncodeError, not the engine's
 * RangeError (bounded: only DecodeError and EncodeError). A value can stand for a data item far
 * larger than itself (one object in many places: test/bounded/shared-objects.test.ts), so such an
 * encoding needs no large input. Node 20 refuses typed arrays over 2^32 bytes at once, without
 * allocating; the writer is set just below that by `advanceTo`, which does not check (generated
 * writers call it only past bytes they wrote), so that no test allocates gigabytes.
 */
import { describe, expect, it } from 'vitest';
import { CborWriter, EncodeError } from '../../generated/runtime.js';

const ENGINE_MAX = 2 ** 32;

/** A writer whose next byte would be at `pos` (nothing before it written: the test of the growth alone). */
function writerAt(pos: number): CborWriter {
  const writer = new CborWriter(16);
  writer.advanceTo(pos);
  return writer;
}

describe('a writer asked for more than the engine gives in one buffer', () => {
  it('throws an EncodeError naming the bytes needed, for a head, a text and a byte string', () => {
    const writes: [string, (w: CborWriter) => void][] = [
      ['a head', (w) => w.uint(1)],
      ['a text', (w) => w.text('abc')],
      ['a byte string', (w) => w.bytes(new Uint8Array(8))],
    ];
    for (const [what, write] of writes) {
      let thrown: unknown;
      try {
        write(writerAt(ENGINE_MAX));
      } catch (error) {
        thrown = error;
      }
      expect(thrown, what).toBeInstanceOf(EncodeError);
      expect((thrown as EncodeError).message, what).toMatch(/^\(root\): the encoding needs 429496\d{4} bytes or more, and the engine gives no buffer that large$/);
      expect((thrown as EncodeError).problems, what).toHaveLength(1);
    }
  });

  it('still grows by doubling below the limit', () => {
    const writer = new CborWriter(16);
    for (let i = 0; i < 100; i++) writer.uint(1000);
    expect(writer.finish()).toEqual(Uint8Array.from({ length: 300 }, (_, i) => [0x19, 0x03, 0xe8][i % 3]!));
  });
});

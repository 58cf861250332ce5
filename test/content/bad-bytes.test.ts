/** Bad bytes: every prefix of a valid message is a DecodeError; random mutations give a DecodeError or a value that re-encodes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as m from '../../generated/mimi-content.js';
import { decodeErrorOf, exampleStems, idEntries, toHex, vectorBytes } from './helpers.js';

const ids = idEntries();
const messages = exampleStems()
  .filter((s) => s.replace(/^content-/, '') in ids)
  .map((s) => [s, vectorBytes(s)] as const);

/**
 * Decodes; a DecodeError is fine, any other exception fails. A value must
 * encode, deterministically (values of `any` included), to bytes that decode
 * to a value that encodes to them again.
 */
function decodeOrReject(bytes: Uint8Array): 'rejected' | 'accepted' {
  let value: m.MimiContent;
  try {
    value = m.decodeMimiContent(bytes);
  } catch (e) {
    if (m.isDecodeError(e)) {
      expect(e.offset).toBeGreaterThanOrEqual(0);
      expect(e.offset).toBeLessThanOrEqual(bytes.length);
      return 'rejected';
    }
    throw e;
  }
  expect(m.validateMimiContent(value)).toEqual([]);
  const again = m.encodeMimiContent(value);
  expect(toHex(m.encodeMimiContent(m.decodeMimiContent(again, { deterministic: true })))).toBe(toHex(again));
  return 'accepted';
}

describe('prefixes', () => {
  it.each(messages)('every proper prefix of %s is a DecodeError', (_, bytes) => {
    for (let n = 0; n < bytes.length; n++) decodeErrorOf(() => m.decodeMimiContent(bytes.subarray(0, n)));
  });

  it('a trailing byte is a DecodeError', () => {
    for (const [, bytes] of messages) decodeErrorOf(() => m.decodeMimiContent(Uint8Array.from([...bytes, 0x00])));
  });
});

describe('mutations', () => {
  const mutation = fc.record({
    which: fc.nat({ max: messages.length - 1 }),
    edits: fc.array(
      fc.record({ kind: fc.constantFrom('set', 'insert', 'delete', 'xor'), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      { minLength: 1, maxLength: 4 },
    ),
  });

  it('give a DecodeError or a value that re-encodes (and decodes back to itself)', () => {
    const seen = { rejected: 0, accepted: 0 };
    fc.assert(
      fc.property(mutation, ({ which, edits }) => {
        const bytes = [...messages[which]![1]];
        for (const { kind, at, byte } of edits) {
          const i = at % (bytes.length + 1);
          if (kind === 'insert') bytes.splice(i, 0, byte);
          else if (i < bytes.length) {
            if (kind === 'delete') bytes.splice(i, 1);
            else if (kind === 'set') bytes[i] = byte;
            else bytes[i] = bytes[i]! ^ (1 << (byte % 8));
          }
        }
        seen[decodeOrReject(Uint8Array.from(bytes))]++;
      }),
      { numRuns: 3000 },
    );
    expect(seen.rejected).toBeGreaterThan(0);
    expect(seen.accepted).toBeGreaterThan(0);
  });

  it('random bytes give a DecodeError or a value that re-encodes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => void decodeOrReject(b)), { numRuns: 2000 });
  });

  it('an array head of 2^64 - 1 items, or a 2^32-byte string, is a DecodeError, not an allocation', () => {
    decodeErrorOf(() => m.decodeMimiContent(Uint8Array.from([0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])));
    decodeErrorOf(() => m.decodeMimiContent(Uint8Array.from([0x87, 0x5a, 0xff, 0xff, 0xff, 0xff])));
    const msg = messages[0]![1];
    // The extensions map claiming 2^32 - 1 entries.
    const at = msg.indexOf(0xa2, 16 + 2);
    decodeErrorOf(() => m.decodeMimiContent(Uint8Array.from([...msg.subarray(0, at), 0xba, 0xff, 0xff, 0xff, 0xff, ...msg.subarray(at + 1)])));
  });
});

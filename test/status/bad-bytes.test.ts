/**
 * Bad input: truncations, byte flips, schema violations with exact paths and
 * offsets, and random bytes. The decoder must throw DecodeError and nothing
 * else, pointing at the offending item.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DecodeError,
  decodeMessageStatusReport,
  encodeMessageStatusReport,
  isMessageStatusReport,
} from '../../generated/mimi-message-status.js';
import { concat, decodeErrorOf, entryBytes, expectMessageLayout, id32, normalise, reportBytes, toHex, vectorBytes } from './helpers.js';

const valid = vectorBytes('status-01.hex');

/**
 * Decodes and, on failure, insists the failure is a DecodeError with a sane
 * path, offset and message. Plain checks rather than `expect`, which is too
 * slow for the tens of thousands of inputs below.
 */
function decodeOrDecodeError(bytes: Uint8Array): { ok: true; value: ReturnType<typeof decodeMessageStatusReport> } | { ok: false; error: DecodeError } {
  try {
    return { ok: true, value: decodeMessageStatusReport(bytes) };
  } catch (e) {
    const where = `input ${toHex(bytes)}`;
    if (!(e instanceof DecodeError)) throw new Error(`non-DecodeError for ${where}: ${String(e)}`);
    if (typeof e.path !== 'string' || !/^(\[\d+\](\.messageId|\.status)?)?$/.test(e.path)) throw new Error(`odd path ${e.path} for ${where}`);
    if (!Number.isInteger(e.offset) || e.offset < 0 || e.offset > bytes.length) throw new Error(`offset ${e.offset} out of range for ${where}`);
    const shown = e.path === '' ? '(root)' : e.path;
    if (e.reason === '' || e.message !== `${shown} at byte ${e.offset}: ${e.reason}`) throw new Error(`bad message "${e.message}" for ${where}`);
    return { ok: false, error: e };
  }
}

/** Plain structural equality of two reports. */
function sameReport(a: ReturnType<typeof decodeMessageStatusReport>, b: ReturnType<typeof decodeMessageStatusReport>): boolean {
  return a.length === b.length && a.every((e, i) => e.status === b[i]!.status && toHex(e.messageId) === toHex(b[i]!.messageId));
}

describe('truncation', () => {
  it('the vector itself is 145 bytes and decodes', () => {
    expect(valid.length).toBe(145);
    expect(decodeMessageStatusReport(valid)).toHaveLength(4);
  });

  it('every proper prefix throws DecodeError "unexpected end of input" at the end of the prefix', () => {
    for (let n = 0; n < valid.length; n++) {
      const prefix = valid.slice(0, n);
      const e = decodeErrorOf(() => decodeMessageStatusReport(prefix));
      expect(e, `prefix of ${n}`).toBeInstanceOf(DecodeError);
      expect(e.offset, `prefix of ${n}`).toBe(n);
      expect(e.reason, `prefix of ${n}`).toMatch(/^unexpected end of input/);
      expectMessageLayout(e);
    }
  });

  it('a prefix cut inside entry i names entry i (or one of its fields) in the path', () => {
    // Entry i spans [1 + 36 i, 1 + 36 (i + 1)); its ID payload is [1 + 36 i + 3, 1 + 36 i + 35).
    for (let i = 0; i < 4; i++) {
      const cutInId = 1 + 36 * i + 3 + 10;
      expect(decodeErrorOf(() => decodeMessageStatusReport(valid.slice(0, cutInId))).path).toBe(`[${i}].messageId`);
      const cutBeforeStatus = 1 + 36 * i + 35;
      expect(decodeErrorOf(() => decodeMessageStatusReport(valid.slice(0, cutBeforeStatus))).path).toBe(`[${i}].status`);
    }
  });
});

describe('single-byte changes', () => {
  it('every value at every position either decodes to a valid, re-encodable report or throws DecodeError', () => {
    let decoded = 0;
    let rejected = 0;
    for (let pos = 0; pos < valid.length; pos++) {
      for (let v = 0; v < 256; v++) {
        if (v === valid[pos]) continue;
        const bytes = valid.slice();
        bytes[pos] = v;
        const r = decodeOrDecodeError(bytes);
        if (r.ok) {
          decoded++;
          if (!isMessageStatusReport(r.value)) throw new Error(`decoded an invalid report from ${toHex(bytes)}`);
          const again = encodeMessageStatusReport(r.value);
          if (!sameReport(decodeMessageStatusReport(again), r.value)) throw new Error(`re-encoding changed ${toHex(bytes)}`);
        } else rejected++;
      }
    }
    // Changing an ID byte or a status to another small uint stays valid; most other changes do not.
    expect(decoded).toBeGreaterThan(4 * 31 * 255);
    expect(rejected).toBeGreaterThan(1000);
  });
});

// A 3-entry report laid out as: 0x83 | entry 0 @1 | entry 1 @37 | entry 2 @73, each
// entry `0x82 0x58 0x20 <32 bytes> <status>`: the ID head at +1, the status at +35.
const ids = [id32(0x10), id32(0x50), id32(0x90)] as const;
const entryAt = (i: number): number => 1 + 36 * i;
/** The 3-entry report with entry `i` replaced by `replacement`. */
function withEntry(i: number, replacement: Uint8Array): Uint8Array {
  const parts = ids.map((id, k) => (k === i ? replacement : entryBytes(id, 2)));
  return concat([0x83], ...parts);
}
/** Entry `i` with its status replaced by raw bytes. */
const withStatus = (i: number, status: number[]): Uint8Array => withEntry(i, concat([0x82, 0x58, 0x20], ids[i]!, status));
/** Entry `i` with its ID replaced by raw bytes. */
const withId = (i: number, id: Uint8Array | number[]): Uint8Array => withEntry(i, concat([0x82], id, [0x02]));

interface Case {
  name: string;
  bytes: Uint8Array;
  path: string;
  offset: number;
  reason: RegExp;
}

const cases: Case[] = [
  { name: 'status 256 (0x19 0x01 0x00)', bytes: withStatus(1, [0x19, 0x01, 0x00]), path: '[1].status', offset: entryAt(1) + 35, reason: /expected an integer in 0\.\.255, got 256/ },
  { name: 'status 2^64-1', bytes: withStatus(1, [0x1b, 255, 255, 255, 255, 255, 255, 255, 255]), path: '[1].status', offset: entryAt(1) + 35, reason: /expected an integer in 0\.\.255, got 18446744073709551615/ },
  { name: 'status -1 (0x20)', bytes: withStatus(1, [0x20]), path: '[1].status', offset: entryAt(1) + 35, reason: /expected an unsigned integer, got a negative integer/ },
  { name: 'status as text "a"', bytes: withStatus(2, [0x61, 0x61]), path: '[2].status', offset: entryAt(2) + 35, reason: /expected an unsigned integer, got a text string/ },
  { name: 'status as float 2.0 (0xf9 0x40 0x00)', bytes: withStatus(0, [0xf9, 0x40, 0x00]), path: '[0].status', offset: entryAt(0) + 35, reason: /expected an unsigned integer, got a float/ },
  { name: 'status with indefinite length (0x1f)', bytes: withStatus(1, [0x1f]), path: '[1].status', offset: entryAt(1) + 35, reason: /indefinite/ },
  { name: 'status with reserved ai (0x1c)', bytes: withStatus(1, [0x1c]), path: '[1].status', offset: entryAt(1) + 35, reason: /reserved additional information/ },
  { name: 'ID as tag 64 typed array (0xd8 0x40 …)', bytes: withId(0, concat([0xd8, 0x40, 0x58, 0x20], ids[0])), path: '[0].messageId', offset: entryAt(0) + 1, reason: /expected a byte string, got tag 64/ },
  { name: '31-byte ID', bytes: withId(2, concat([0x58, 0x1f], ids[2].subarray(0, 31))), path: '[2].messageId', offset: entryAt(2) + 1, reason: /expected a byte string of 32 bytes, got 31 bytes/ },
  { name: '33-byte ID', bytes: withId(1, concat([0x58, 0x21], ids[1], [0x00])), path: '[1].messageId', offset: entryAt(1) + 1, reason: /expected a byte string of 32 bytes, got 33 bytes/ },
  { name: 'ID as a text string', bytes: withId(1, concat([0x78, 0x20], new Uint8Array(32).fill(0x41))), path: '[1].messageId', offset: entryAt(1) + 1, reason: /expected a byte string, got a text string/ },
  { name: 'entry with 3 items', bytes: withEntry(2, concat([0x83, 0x58, 0x20], ids[2], [0x02, 0x02])), path: '[2]', offset: entryAt(2), reason: /expected an array of 2 items \(messageId, status\), got 3/ },
  { name: 'entry with 1 item', bytes: withEntry(1, concat([0x81, 0x58, 0x20], ids[1])), path: '[1]', offset: entryAt(1), reason: /got 1$/ },
  { name: 'entry as a map', bytes: withEntry(0, concat([0xa1, 0x58, 0x20], ids[0], [0x02])), path: '[0]', offset: entryAt(0), reason: /expected an array, got a map/ },
  { name: 'indefinite entry with a third item', bytes: withEntry(1, concat([0x9f, 0x58, 0x20], ids[1], [0x02, 0x02, 0xff])), path: '[1]', offset: entryAt(1) + 35 + 1, reason: /expected the end of the indefinite-length container/ },
  { name: 'indefinite entry ending after the ID', bytes: withEntry(1, concat([0x9f, 0x58, 0x20], ids[1], [0xff])), path: '[1].status', offset: entryAt(1) + 35, reason: /expected an unsigned integer, got a break code/ },
  { name: 'trailing byte after the report', bytes: concat(withStatus(0, [0x02]), [0x00]), path: '', offset: 1 + 3 * 36, reason: /trailing bytes/ },
  { name: 'huge declared array length (0x9b ff…ff)', bytes: Uint8Array.from([0x9b, 255, 255, 255, 255, 255, 255, 255, 255]), path: '', offset: 9, reason: /^unexpected end of input: array declares 18446744073709551615 items/ },
  { name: 'huge declared entry length', bytes: withEntry(1, Uint8Array.from([0x9a, 255, 255, 255, 255])), path: '[1]', offset: 1 + 36 + 5 + 36, reason: /^unexpected end of input: array declares 4294967295 items/ },
  { name: 'huge declared ID length (0x5b ff…ff)', bytes: withId(0, [0x5b, 255, 255, 255, 255, 255, 255, 255, 255]), path: '[0].messageId', offset: 1 + 1 + 9 + 1 + 72, reason: /^unexpected end of input/ },
  { name: 'empty input', bytes: new Uint8Array(0), path: '', offset: 0, reason: /^unexpected end of input/ },
  { name: 'a map instead of the report', bytes: Uint8Array.from([0xa0]), path: '', offset: 0, reason: /expected an array, got a map/ },
  { name: 'a lone break code', bytes: Uint8Array.from([0xff]), path: '', offset: 0, reason: /expected an array, got a break code/ },
  { name: 'indefinite report without its break', bytes: concat([0x9f], entryBytes(ids[0], 2)), path: '', offset: 37, reason: /^unexpected end of input/ },
];

describe('schema and well-formedness violations', () => {
  it('the base 3-entry report decodes (so each case fails for its own reason)', () => {
    expect(normalise(decodeMessageStatusReport(withStatus(0, [0x02])))).toEqual(ids.map((messageId) => ({ messageId, status: 2 })));
  });

  it.each(cases)('$name → DecodeError at $path, byte $offset', ({ bytes, path, offset, reason }) => {
    const e = decodeErrorOf(() => decodeMessageStatusReport(bytes));
    expect(e).toBeInstanceOf(DecodeError);
    expect(e.path).toBe(path);
    expect(e.offset).toBe(offset);
    expect(e.reason).toMatch(reason);
    expect(e.message).toBe(`${path === '' ? '(root)' : path} at byte ${offset}: ${e.reason}`);
  });

  // A failure on an indefinite-length byte string points at its 0x5f head, not at its last chunk.
  it('a 31-byte ID sent as chunks (0x5f …) is reported at the 0x5f head, like a definite one', () => {
    const chunked = concat([0x5f, 0x4a], ids[0].subarray(0, 10), [0x55], ids[0].subarray(10, 31), [0xff]);
    const e = decodeErrorOf(() => decodeMessageStatusReport(withId(0, chunked)));
    expect(e.path).toBe('[0].messageId');
    expect(e.reason).toMatch(/got 31 bytes/);
    expect(e.offset).toBe(entryAt(0) + 1); // actual: entryAt(0) + 1 + 2 + 10 = 14, the second chunk's head
  });
});

describe('random input', () => {
  it('random bytes: decode returns a valid report or throws DecodeError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const r = decodeOrDecodeError(bytes);
        if (r.ok) expect(isMessageStatusReport(r.value)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('random bytes behind a plausible start (0x81 0x82 0x58 0x20 …): only DecodeError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), (tail) => {
        decodeOrDecodeError(concat([0x81, 0x82, 0x58, 0x20], tail));
      }),
      { numRuns: 3000 },
    );
  });

  it('random splices into a valid report: only DecodeError, and accepted input re-encodes', () => {
    const base = reportBytes([
      [ids[0], 0],
      [ids[1], 7],
      [ids[2], 255],
    ]);
    fc.assert(
      fc.property(
        fc.nat({ max: base.length }),
        fc.nat({ max: 8 }),
        fc.uint8Array({ maxLength: 12 }),
        (at, remove, insert) => {
          const bytes = concat(base.subarray(0, at), insert, base.subarray(Math.min(base.length, at + remove)));
          const r = decodeOrDecodeError(bytes);
          if (r.ok) expect(normalise(decodeMessageStatusReport(encodeMessageStatusReport(r.value)))).toEqual(normalise(r.value));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

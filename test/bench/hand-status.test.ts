/**
 * The benchmark's ceiling (bench/status/hand.ts) must do the generated
 * codec's work and no less: its decoder accepts and rejects exactly what the
 * generated decoder does on a fixed list of odd encodings, giving the same
 * values; its encoder gives the same bytes and rejects the same values.
 */
import { describe, expect, it } from 'vitest';
import {
  type MessageStatusReport,
  decodeMessageStatusReport,
  encodeMessageStatusReport,
  isMessageStatusReport,
} from '../../generated/mimi-message-status.js';
import { makeReport } from '../../bench/status/data.js';
import { handDecodeReport, handEncodeReport, handIsReport } from '../../bench/status/hand.js';
import { concat } from '../support/hex.js';

const ID = Array.from({ length: 32 }, (_, i) => (i * 7 + 1) & 0xff);
const ID2 = Array.from({ length: 32 }, (_, i) => 255 - i);
const bstr32 = (id: number[]) => [0x58, 0x20, ...id];
/** One entry in its shortest form: 82 58 20 <id> <status>. */
const entry = (id: number[], status: number[]) => [0x82, ...bstr32(id), ...status];

type Outcome = { ok: true; value: { messageId: number[]; status: number }[] } | { ok: false };

function outcome(decode: (b: Uint8Array) => MessageStatusReport, bytes: Uint8Array): Outcome {
  try {
    return { ok: true, value: decode(bytes).map((e) => ({ messageId: [...e.messageId], status: e.status })) };
  } catch {
    return { ok: false };
  }
}

/** [description, bytes, whether the generated decoder is expected to accept]. */
const ODD_ENCODINGS: [string, number[], boolean][] = [
  ['shortest form', [0x82, ...entry(ID, [0x01]), ...entry(ID2, [0x18, 0xc8])], true],
  ['empty report', [0x80], true],
  ['empty indefinite report', [0x9f, 0xff], true],
  ['status 23 in the head byte', [0x81, ...entry(ID, [0x17])], true],
  ['status 255', [0x81, ...entry(ID, [0x18, 0xff])], true],
  ['status 256', [0x81, ...entry(ID, [0x19, 0x01, 0x00])], false],
  ['non-shortest report head (98 01)', [0x98, 0x01, ...entry(ID, [0x02])], true],
  ['non-shortest report head (9b, 8 bytes)', [0x9b, 0, 0, 0, 0, 0, 0, 0, 1, ...entry(ID, [0x02])], true],
  ['non-shortest entry head (98 02)', [0x81, 0x98, 0x02, ...bstr32(ID), 0x03], true],
  ['non-shortest byte string head (59 00 20)', [0x81, 0x82, 0x59, 0x00, 0x20, ...ID, 0x03], true],
  ['non-shortest byte string head (5a)', [0x81, 0x82, 0x5a, 0, 0, 0, 0x20, ...ID, 0x03], true],
  ['non-shortest status (18 05)', [0x81, ...entry(ID, [0x18, 0x05])], true],
  ['non-shortest status (19 00 05)', [0x81, ...entry(ID, [0x19, 0x00, 0x05])], true],
  ['non-shortest status (1a)', [0x81, ...entry(ID, [0x1a, 0, 0, 0, 0x05])], true],
  ['non-shortest status (1b)', [0x81, ...entry(ID, [0x1b, 0, 0, 0, 0, 0, 0, 0, 0x05])], true],
  ['64-bit status above 2^53', [0x81, ...entry(ID, [0x1b, 0xff, 0, 0, 0, 0, 0, 0, 0x05])], false],
  ['indefinite-length report', [0x9f, ...entry(ID, [0x01]), ...entry(ID2, [0x02]), 0xff], true],
  ['indefinite-length report without its break', [0x9f, ...entry(ID, [0x01])], false],
  ['indefinite-length entry', [0x81, 0x9f, ...bstr32(ID), 0x04, 0xff], true],
  ['indefinite-length entry of 1 item', [0x81, 0x9f, ...bstr32(ID), 0xff], false],
  ['indefinite-length entry of 3 items', [0x81, 0x9f, ...bstr32(ID), 0x04, 0x04, 0xff], false],
  ['indefinite-length entry without its break', [0x81, 0x9f, ...bstr32(ID), 0x04], false],
  ['chunked byte string (16 + 16)', [0x81, 0x82, 0x5f, 0x50, ...ID.slice(0, 16), 0x50, ...ID.slice(16), 0xff, 0x05], true],
  ['chunked byte string with empty chunks', [0x81, 0x82, 0x5f, 0x40, 0x58, 0x20, ...ID, 0x40, 0xff, 0x05], true],
  ['chunked byte string of 31 bytes', [0x81, 0x82, 0x5f, 0x50, ...ID.slice(0, 16), 0x4f, ...ID.slice(16, 31), 0xff, 0x05], false],
  ['chunked byte string with a text chunk', [0x81, 0x82, 0x5f, 0x50, ...ID.slice(0, 16), 0x70, ...ID.slice(16).map((b) => b & 0x7f), 0xff, 0x05], false],
  ['chunked byte string with a nested indefinite chunk', [0x81, 0x82, 0x5f, 0x5f, 0x58, 0x20, ...ID, 0xff, 0xff, 0x05], false],
  ['chunked byte string without its break', [0x81, 0x82, 0x5f, 0x58, 0x20, ...ID], false],
  ['float status 1.0 (half)', [0x81, ...entry(ID, [0xf9, 0x3c, 0x00])], false],
  ['float status 1.0 (single)', [0x81, ...entry(ID, [0xfa, 0x3f, 0x80, 0, 0])], false],
  ['float status 1.0 (double)', [0x81, ...entry(ID, [0xfb, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0])], false],
  ['negative status', [0x81, ...entry(ID, [0x20])], false],
  ['indefinite status head', [0x81, ...entry(ID, [0x1f])], false],
  ['tag 64 around the message ID', [0x81, 0x82, 0xd8, 0x40, ...bstr32(ID), 0x01], false],
  ['tag 64 around the report', [0xd8, 0x40, 0x81, ...entry(ID, [0x01])], false],
  ['tag around the status', [0x81, 0x82, ...bstr32(ID), 0xc1, 0x01], false],
  ['trailing byte', [0x81, ...entry(ID, [0x01]), 0x00], false],
  ['trailing break', [0x81, ...entry(ID, [0x01]), 0xff], false],
  ['31-byte message ID', [0x81, 0x82, 0x58, 0x1f, ...ID.slice(1), 0x01], false],
  ['33-byte message ID', [0x81, 0x82, 0x58, 0x21, ...ID, 0x00, 0x01], false],
  ['text message ID', [0x81, 0x82, 0x78, 0x20, ...ID.map((b) => 0x41 + (b % 26)), 0x01], false],
  ['entry of 3 items', [0x81, 0x83, ...bstr32(ID), 0x01, 0x01], false],
  ['entry of 1 item', [0x81, 0x81, ...bstr32(ID)], false],
  ['map at the top level', [0xa1, 0x01, 0x02], false],
  ['reserved additional information (1c)', [0x81, ...entry(ID, [0x1c])], false],
  ['reserved additional information in the report head', [0x9c], false],
  ['report declares more entries than bytes', [0x9a, 0xff, 0xff, 0xff, 0xff, ...entry(ID, [0x01])], false],
  ['64-bit report count', [0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], false],
  ['status head cut off (18 at the end)', [0x81, ...entry(ID, [0x18])], false],
  ['empty input', [], false],
];

describe('the hand-written status codec in bench/ decodes exactly like the generated one', () => {
  for (const [what, bytes, accepted] of ODD_ENCODINGS) {
    it(`${what}: ${accepted ? 'accepted' : 'rejected'} by both, with the same value`, () => {
      const input = Uint8Array.from(bytes);
      const generated = outcome(decodeMessageStatusReport, input);
      expect(generated.ok).toBe(accepted);
      expect(outcome(handDecodeReport, input)).toEqual(generated);
    });
  }

  it('every truncation of a valid report is rejected by both', () => {
    const full = concat([0x82], entry(ID, [0x01]), [0x9f, ...bstr32(ID2), 0x18, 0x30, 0xff]);
    expect(outcome(handDecodeReport, full)).toEqual(outcome(decodeMessageStatusReport, full));
    for (let n = 0; n < full.length; n++) {
      const cut = full.subarray(0, n);
      expect(outcome(decodeMessageStatusReport, cut).ok).toBe(false);
      expect(outcome(handDecodeReport, cut).ok).toBe(false);
    }
  });

  it('message IDs are views into the input on both sides (zero-copy)', () => {
    const input = Uint8Array.from(ODD_ENCODINGS[0]![1]);
    for (const decode of [decodeMessageStatusReport, handDecodeReport]) {
      const id = decode(input)[0]!.messageId;
      expect(id.buffer).toBe(input.buffer);
    }
  });
});

describe('the hand-written encoder and guard in bench/ match the generated ones', () => {
  it('gives the same bytes for reports of 0, 1, 10, 30 and 1000 entries', () => {
    for (const n of [0, 1, 10, 30, 1000]) {
      const report = makeReport(n, 42 + n);
      expect(handEncodeReport(report)).toEqual(encodeMessageStatusReport(report));
    }
  });

  const id = Uint8Array.from(ID);
  const BAD_VALUES: [string, unknown][] = [
    ['status 256', [{ messageId: id, status: 256 }]],
    ['status -1', [{ messageId: id, status: -1 }]],
    ['status 1.5', [{ messageId: id, status: 1.5 }]],
    ['status NaN', [{ messageId: id, status: Number.NaN }]],
    ['bigint status', [{ messageId: id, status: 1n }]],
    ['text status', [{ messageId: id, status: '1' }]],
    ['31-byte ID', [{ messageId: id.subarray(1), status: 1 }]],
    ['ID as a number array', [{ messageId: ID, status: 1 }]],
    ['missing status', [{ messageId: id }]],
    ['missing ID', [{ status: 1 }]],
    ['null entry', [null]],
    ['array entry', [[id, 1]]],
    ['byte string entry', [id]],
    ['not an array', { 0: { messageId: id, status: 1 }, length: 1 }],
  ];
  for (const [what, value] of BAD_VALUES) {
    it(`rejects ${what} like the generated code`, () => {
      expect(isMessageStatusReport(value)).toBe(false);
      expect(handIsReport(value)).toBe(false);
      expect(() => encodeMessageStatusReport(value as MessageStatusReport)).toThrow();
      expect(() => handEncodeReport(value as MessageStatusReport)).toThrow();
    });
  }

  it('accepts what the generated guard accepts: extra members, a Buffer ID, statuses 0 and 255', () => {
    const ok: unknown[] = [
      [{ messageId: id, status: 0, note: 'extra' }],
      [{ messageId: Buffer.from(ID), status: 255 }],
      [],
    ];
    for (const value of ok) {
      expect(isMessageStatusReport(value)).toBe(true);
      expect(handIsReport(value)).toBe(true);
      expect(handEncodeReport(value as MessageStatusReport)).toEqual(encodeMessageStatusReport(value as MessageStatusReport));
    }
  });
});

/**
 * Conformance against the example bytes in ../shared/vectors/mimi-message-status/:
 * every .hex file (the folder is listed, so new files are covered), and every
 * .diag file parsed with a real EDN implementation (cbor-edn).
 */
import { describe, expect, it } from 'vitest';
import {
  BaseStatus,
  DecodeError,
  decodeMessageStatusReport,
  encodeMessageStatusReport,
  isMessageStatusReport,
} from '../../generated/mimi-message-status.js';
import {
  cborXReport,
  decodeErrorOf,
  ednToBytes,
  expectMessageLayout,
  invalidStemsFromReadme,
  normalise,
  readVector,
  toHex,
  vectorBytes,
  vectorFiles,
} from './helpers.js';

const files = vectorFiles();
const hexFiles = files.filter((f) => f.endsWith('.hex'));
const diagFiles = files.filter((f) => f.endsWith('.diag'));
const invalid = invalidStemsFromReadme();
const stem = (f: string): string => f.replace(/\.(hex|diag)$/, '');
const validHex = hexFiles.filter((f) => !invalid.has(stem(f)));
const invalidHex = hexFiles.filter((f) => invalid.has(stem(f)));

/** The .hex files holding the encoding of `S.diag`: `S.hex` and `S-diag-encoded.hex`. */
function hexFor(diag: string): string[] {
  const s = stem(diag);
  return hexFiles.filter((h) => h === `${s}.hex` || h === `${s}-diag-encoded.hex`);
}

describe('the vectors folder', () => {
  it('holds the expected kinds of files', () => {
    expect(hexFiles.length).toBeGreaterThanOrEqual(7);
    expect(diagFiles.length).toBeGreaterThanOrEqual(5);
    expect(validHex.length).toBeGreaterThanOrEqual(6);
  });

  it('README marks the content-05 precursor (and only existing files) as invalid', () => {
    expect(invalid.has('status-precursor-content05')).toBe(true);
    for (const s of invalid) expect(files.some((f) => stem(f) === s)).toBe(true);
  });

  it('every .diag has a matching .hex', () => {
    for (const d of diagFiles) expect(hexFor(d), d).not.toHaveLength(0);
  });
});

describe.each(validHex)('valid vector %s', (file) => {
  const bytes = vectorBytes(file);

  it('decodes, and re-encodes byte for byte', () => {
    const report = decodeMessageStatusReport(bytes);
    expect(report.length).toBeGreaterThan(0);
    expect(isMessageStatusReport(report)).toBe(true);
    expect(toHex(encodeMessageStatusReport(report))).toBe(toHex(bytes));
  });

  it('decodes to what an independent decoder (cbor-x) reads', () => {
    expect(normalise(decodeMessageStatusReport(bytes))).toEqual(cborXReport(bytes));
  });
});

describe.each(invalidHex)('invalid vector %s', (file) => {
  it('is rejected with a DecodeError', () => {
    const e = decodeErrorOf(() => decodeMessageStatusReport(vectorBytes(file)));
    expect(e).toBeInstanceOf(DecodeError);
    expectMessageLayout(e);
  });
});

describe('the content-05 precursor', () => {
  it('fails at its first element, a tag where an entry (array) belongs', () => {
    const bytes = vectorBytes('status-precursor-content05.hex');
    // Sanity: it really is `[ tag, ... ]` (0x82, then a tag head).
    expect(bytes[0]).toBe(0x82);
    expect((bytes[1] ?? 0) >>> 5).toBe(6);
    const e = decodeErrorOf(() => decodeMessageStatusReport(bytes));
    expect(e.path).toBe('[0]');
    expect(e.offset).toBe(1);
    expect(e.reason).toMatch(/expected an array, got tag 62/);
    expect(e.message).toBe(`[0] at byte 1: ${e.reason}`);
  });
});

describe.each(diagFiles)('diagnostic notation %s', (diag) => {
  const text = readVector(diag);
  const ednBytes = ednToBytes(text);
  const valid = !invalid.has(stem(diag));

  it.each(hexFor(diag))('encodes to the bytes of %s', (hexFile) => {
    expect(toHex(ednBytes)).toBe(toHex(vectorBytes(hexFile)));
  });

  if (valid) it('says what our decoder reads (IDs and statuses)', () => {
    const expected = cborXReport(ednBytes);
    expect(expected.length).toBeGreaterThan(0);
    for (const hexFile of hexFor(diag)) {
      expect(normalise(decodeMessageStatusReport(vectorBytes(hexFile)))).toEqual(expected);
    }
    // And our own decoder on the EDN bytes, re-encoded, gives them back.
    expect(toHex(encodeMessageStatusReport(decodeMessageStatusReport(ednBytes)))).toBe(toHex(ednBytes));
  });

  if (valid) it('agrees with its own `/ status = name /` comments', () => {
    const named = [...text.matchAll(/(\d+)\s*\/\s*status\s*=\s*(\w+)\s*\//g)];
    const decoded = decodeMessageStatusReport(ednBytes);
    expect(named).toHaveLength(decoded.length);
    named.forEach((m, i) => {
      const name = m[2] as keyof typeof BaseStatus;
      expect(BaseStatus[name], `${diag} entry ${i}: ${name}`).toBe(Number(m[1]));
      expect(decoded[i]?.status).toBe(BaseStatus[name]);
    });
  });

  if (!valid) it('is rejected by our decoder like its .hex', () => {
    const e = decodeErrorOf(() => decodeMessageStatusReport(ednBytes));
    expect([e.path, e.offset]).toEqual(['[0]', 1]);
  });
});

describe('draft hex dumps', () => {
  it('status-01-draft-hexdump.hex is the same bytes as status-01.hex (as the README says)', () => {
    expect(toHex(vectorBytes('status-01-draft-hexdump.hex'))).toBe(toHex(vectorBytes('status-01.hex')));
  });

  it('status-00-draft-hexdump.hex is a different report than status-00.diag, statuses read, read, unread, expired', () => {
    const dump = decodeMessageStatusReport(vectorBytes('status-00-draft-hexdump.hex'));
    const diag = decodeMessageStatusReport(ednToBytes(readVector('status-00.diag')));
    expect(normalise(dump)).not.toEqual(normalise(diag));
    expect(dump.map((e) => e.status)).toEqual([BaseStatus.read, BaseStatus.read, BaseStatus.unread, BaseStatus.expired]);
  });
});

describe('zero copy', () => {
  it("a decoded messageId is a view into the input's buffer", () => {
    const bytes = vectorBytes('status-01.hex');
    const report = decodeMessageStatusReport(bytes);
    const first = report[0]!;
    expect(first.messageId.buffer).toBe(bytes.buffer);
    // Entry 0's ID starts after 0x84 0x82 0x58 0x20.
    expect(first.messageId.byteOffset).toBe(4);
    expect(first.messageId.length).toBe(32);
  });

  it('also when the input is a view at a non-zero offset of a larger buffer', () => {
    const inner = vectorBytes('status-01.hex');
    const big = new Uint8Array(inner.length + 20);
    big.set(inner, 7);
    const view = big.subarray(7, 7 + inner.length);
    const report = decodeMessageStatusReport(view);
    expect(report[0]!.messageId.buffer).toBe(big.buffer);
    expect(report[0]!.messageId.byteOffset).toBe(7 + 4);
    expect(normalise(report)).toEqual(normalise(decodeMessageStatusReport(inner)));
  });

  it('a pooled Node Buffer input gives plain Uint8Array views into the pool', () => {
    const buf = Buffer.from(readVector('status-01.hex').replace(/\s+/g, ''), 'hex');
    const report = decodeMessageStatusReport(buf);
    const id = report[3]!.messageId;
    expect(id.buffer).toBe(buf.buffer);
    expect(id.byteOffset).toBe(buf.byteOffset + 1 + 36 * 3 + 3);
    expect(Object.getPrototypeOf(id)).toBe(Uint8Array.prototype);
    expect(toHex(id)).toBe(toHex(buf.subarray(1 + 36 * 3 + 3, 1 + 36 * 3 + 35)));
  });
});

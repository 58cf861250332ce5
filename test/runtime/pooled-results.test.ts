/**
 * `encodeX(value, { pooled: true })`: results cut from a shared buffer (cbor-results.ts) hold the same bytes as
 * results with a buffer of their own, never overlap, are never written again, and start 8-byte aligned; large results
 * and results asked for without the option keep a buffer of their own. Checked on the three ways a generated encodeX
 * writes: in one exact allocation (the status report's usual form), through a writer (MIMI content), and through the
 * general matcher.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentExamples } from '../../bench/content/suite.js';
import { decodeMimiContent, encodeMimiContent } from '../../generated/mimi-content.js';
import { encodeMessageStatusReport, type EncodeOptions, type MessageStatusReport } from '../../generated/mimi-message-status.js';
import { errorMessage, load } from '../bounded/module.js';

const POOLED: EncodeOptions = { pooled: true };
const POOL_SIZE = 64 * 1024;

const reportArb = fc
  .array(fc.record({ messageId: fc.uint8Array({ minLength: 32, maxLength: 32 }), status: fc.integer({ min: 0, max: 255 }) }), { maxLength: 40 })
  .map((entries) => entries as MessageStatusReport);

const report = (n: number): MessageStatusReport => Array.from({ length: n }, (_, i) => ({ messageId: new Uint8Array(32).fill(i & 0xff), status: i % 8 })) as MessageStatusReport;

/** Whether `a` and `b` share bytes of one buffer. */
const overlap = (a: Uint8Array, b: Uint8Array): boolean => a.buffer === b.buffer && a.byteOffset < b.byteOffset + b.length && b.byteOffset < a.byteOffset + a.length;

/** The results of `encode` over `values`, each checked against its unpooled encoding, and then all of them again once every one is made. */
function expectPooledLikeOwn<T>(values: readonly T[], encode: (value: T, options?: EncodeOptions) => Uint8Array): Uint8Array[] {
  const own = values.map((v) => encode(v));
  const pooled = values.map((v, i) => {
    const result = encode(v, POOLED);
    expect(result).toEqual(own[i]);
    return result;
  });
  // Nothing encoded later wrote over an earlier result.
  pooled.forEach((result, i) => expect(result).toEqual(own[i]));
  for (const result of pooled) {
    expect(result.byteOffset % 8).toBe(0);
    if (result.length > POOL_SIZE / 8) expect(result.buffer.byteLength).toBe(result.length);
  }
  for (let i = 1; i < pooled.length; i++) expect(overlap(pooled[i - 1]!, pooled[i]!)).toBe(false);
  return pooled;
}

describe('pooled encode results', () => {
  it('without the option, each result has a buffer of its own, of exactly its size', () => {
    for (const bytes of [encodeMessageStatusReport(report(3)), encodeMimiContent(decodeMimiContent(contentExamples()[0]!.bytes))]) {
      expect(bytes.byteOffset).toBe(0);
      expect(bytes.buffer.byteLength).toBe(bytes.length);
    }
  });

  it('status reports (one exact allocation): the same bytes, in one shared buffer, across buffers when one fills', () => {
    fc.assert(fc.property(fc.array(reportArb, { minLength: 1, maxLength: 30 }), (reports) => void expectPooledLikeOwn(reports, encodeMessageStatusReport)));
    // 3,000 reports of 4 entries (153 bytes each, 160 with alignment) fill several shared buffers.
    const results = expectPooledLikeOwn(Array.from({ length: 3000 }, () => report(4)), encodeMessageStatusReport);
    const buffers = new Set(results.map((r) => r.buffer));
    expect(buffers.size).toBeGreaterThan(5);
    expect(buffers.size).toBeLessThan(10);
    expect([...buffers].every((b) => b.byteLength === POOL_SIZE)).toBe(true);
  });

  it('results over 8 KiB get a buffer of their own', () => {
    const [small, large, next] = expectPooledLikeOwn([report(2), report(300), report(2)], encodeMessageStatusReport);
    expect(large!.length).toBeGreaterThan(POOL_SIZE / 8);
    expect(large!.byteOffset).toBe(0);
    expect(next!.buffer).toBe(small!.buffer);
  });

  it('MIMI content (written through a writer): the 14 examples, many times over', () => {
    const values = contentExamples().map((e) => decodeMimiContent(e.bytes));
    expect(values).toHaveLength(14);
    const results = expectPooledLikeOwn(Array.from({ length: 200 }, (_, i) => values[i % values.length]!), encodeMimiContent);
    expect(new Set(results.map((r) => r.buffer)).size).toBeGreaterThan(1);
  });

  it('a rule of the general matcher, and an invalid value, which throws and takes nothing from the shared buffer', async () => {
    // `[* int, * uint]` stays general: an item may be either member's.
    const { module } = await load<'Overlapping'>('pooled-general', 'Overlapping = [* int, * uint]\n');
    const encode = module.encodeOverlapping as (value: unknown, options?: EncodeOptions) => Uint8Array;
    const results = expectPooledLikeOwn([[1, -2, 3], [], [-1], [5, 6, 7, 8]], encode);
    const last = results[results.length - 1]!;
    expect(errorMessage('EncodeError', () => encode(['x'], POOLED))).toContain('[0]');
    const after = encode([9], POOLED);
    expect(after.buffer).toBe(last.buffer);
    expect(after.byteOffset).toBe(Math.ceil((last.byteOffset + last.length) / 8) * 8);
  });
});

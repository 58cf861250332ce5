/**
 * Round trips, checked with fast-check: our encoder and decoder against each
 * other, against cbor-x and cbor2, and over non-preferred encodings.
 */
import { decode as cbor2Decode, encode as cbor2Encode } from 'cbor2';
import { Encoder as CborXEncoder } from 'cbor-x';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeMessageStatusReport,
  encodeMessageStatusReport,
  type MessageStatusReport,
  type PerMessageStatus,
} from '../../generated/mimi-message-status.js';
import {
  cborXReport,
  concat,
  entryBytes,
  head,
  hex,
  id32,
  normalise,
  reportBytes,
  shortestWidth,
  toHex,
  type HeadWidth,
} from './helpers.js';

const cborX = new CborXEncoder({ tagUint8Array: false, useRecords: false });

const idArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
const entryArb = fc.record({ messageId: idArb, status: fc.integer({ min: 0, max: 255 }) });
const reportArb = fc.array(entryArb, { maxLength: 50 });

/** Arbitrary values are typed as plain numbers; the schema's status type is a branded union. */
const asReport = (r: { messageId: Uint8Array; status: number }[]): MessageStatusReport => r as MessageStatusReport;

/** cbor2's deterministic (CDE) encoding of a report as generic data. */
function cbor2Canonical(r: readonly { messageId: Uint8Array; status: number }[]): Uint8Array {
  return cbor2Encode(
    r.map((e) => [e.messageId, e.status]),
    { cde: true },
  );
}

describe('encode → decode', () => {
  it('gives back the same report', () => {
    fc.assert(
      fc.property(reportArb, (r) => {
        const bytes = encodeMessageStatusReport(asReport(r));
        expect(decodeMessageStatusReport(bytes)).toEqual(r);
      }),
      { numRuns: 300 },
    );
  });

  it('the empty report is 0x80', () => {
    expect(toHex(encodeMessageStatusReport([]))).toBe('80');
    expect(decodeMessageStatusReport(hex('80'))).toEqual([]);
  });

  it('a report of more than 23 entries gets a one-byte length head (0x98 n)', () => {
    const r = Array.from({ length: 24 }, (_, i) => ({ messageId: id32(i), status: i % 7 })) as MessageStatusReport;
    const bytes = encodeMessageStatusReport(r);
    expect(toHex(bytes.subarray(0, 2))).toBe('9818');
    expect(decodeMessageStatusReport(bytes)).toEqual(r);
  });
});

describe('against independent CBOR libraries', () => {
  it('cbor-x reads our bytes as [[id, status], ...] with the same content', () => {
    fc.assert(
      fc.property(reportArb, (r) => {
        const bytes = encodeMessageStatusReport(asReport(r));
        expect(cborXReport(bytes)).toEqual(normalise(asReport(r)));
      }),
      { numRuns: 200 },
    );
  });

  it('cbor2 reads our bytes as [[id, status], ...] with the same content', () => {
    fc.assert(
      fc.property(reportArb, (r) => {
        const generic = cbor2Decode(encodeMessageStatusReport(asReport(r))) as [Uint8Array, number][];
        expect(generic.map(([messageId, status]) => ({ messageId: Uint8Array.from(messageId), status }))).toEqual(
          normalise(asReport(r)),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('we read what cbor-x encodes', () => {
    fc.assert(
      fc.property(reportArb, (r) => {
        const bytes: Uint8Array = cborX.encode(r.map((e) => [e.messageId, e.status]));
        expect(normalise(decodeMessageStatusReport(bytes))).toEqual(normalise(asReport(r)));
      }),
      { numRuns: 200 },
    );
  });

  it('our encoding is the deterministic one (same bytes as cbor2 with cde)', () => {
    fc.assert(
      fc.property(reportArb, (r) => {
        const ours = encodeMessageStatusReport(asReport(r));
        expect(toHex(ours)).toBe(toHex(cbor2Canonical(r)));
        expect(toHex(ours)).toBe(toHex(reportBytes(r.map((e) => [e.messageId, e.status]))));
      }),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------
// Non-preferred (but well-formed) encodings.
// ---------------------------------------------------------------------------

const widthArb = fc.constantFrom<HeadWidth>(0, 1, 2, 4, 8);
/** A width usable for argument `n`: 0 only when n < 24. */
const fit = (w: HeadWidth, n: number): HeadWidth => (w === 0 && n >= 24 ? 1 : w === 1 && n > 0xff ? 2 : w);

type ContainerPlan = 'indefinite' | HeadWidth;
const containerArb = fc.constantFrom<ContainerPlan>('indefinite', 0, 1, 2, 4, 8);
const idPlanArb = fc.oneof(
  fc.record({ kind: fc.constant('definite' as const), width: widthArb }),
  fc.record({
    kind: fc.constant('chunked' as const),
    cuts: fc.array(fc.integer({ min: 0, max: 32 }), { maxLength: 5 }),
    widths: fc.array(widthArb, { minLength: 6, maxLength: 6 }),
  }),
);
const entryPlanArb = fc.record({ array: containerArb, id: idPlanArb, statusWidth: widthArb });

function containerHead(plan: ContainerPlan, count: number): number[] {
  return plan === 'indefinite' ? [0x9f] : head(4, count, fit(plan, count));
}

type IdPlan = typeof idPlanArb extends fc.Arbitrary<infer P> ? P : never;

function idBytes(id: Uint8Array, plan: IdPlan): Uint8Array {
  if (plan.kind === 'definite') return concat(head(2, id.length, fit(plan.width, id.length)), id);
  const cuts = [...plan.cuts].sort((a, b) => a - b);
  const bounds = [0, ...cuts, id.length];
  const parts: (Uint8Array | number[])[] = [[0x5f]];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const chunk = id.subarray(bounds[i]!, bounds[i + 1]!);
    parts.push(head(2, chunk.length, fit(plan.widths[i] ?? 0, chunk.length)), chunk);
  }
  parts.push([0xff]);
  return concat(...parts);
}

const oddReportArb = fc
  .record({ top: containerArb, entries: fc.array(fc.tuple(entryArb, entryPlanArb), { maxLength: 30 }) })
  .map(({ top, entries }) => {
    const parts: (Uint8Array | number[])[] = [containerHead(top, entries.length)];
    for (const [e, plan] of entries) {
      parts.push(containerHead(plan.array, 2), idBytes(e.messageId, plan.id), head(0, e.status, fit(plan.statusWidth, e.status)));
      if (plan.array === 'indefinite') parts.push([0xff]);
    }
    if (top === 'indefinite') parts.push([0xff]);
    return { value: entries.map(([e]) => e), bytes: concat(...parts) };
  });

describe('non-preferred encodings', () => {
  it('decode to the same value, and re-encode in the shortest form', () => {
    fc.assert(
      fc.property(oddReportArb, ({ value, bytes }) => {
        const decoded = decodeMessageStatusReport(bytes);
        expect(normalise(decoded)).toEqual(normalise(asReport(value)));
        const again = encodeMessageStatusReport(decoded);
        expect(toHex(again)).toBe(toHex(cbor2Canonical(value)));
        expect(again.length).toBeLessThanOrEqual(bytes.length);
      }),
      { numRuns: 400 },
    );
  });

  it('handles the classic cases: 0x18 0x02, indefinite arrays, chunked byte strings', () => {
    const id = id32(0x40);
    const canonical = reportBytes([[id, 2]]);
    const cases: Record<string, Uint8Array> = {
      'status as 0x18 0x02': concat([0x81, 0x82, 0x58, 0x20], id, [0x18, 0x02]),
      'status as 0x1b + 8 bytes': concat([0x81, 0x82, 0x58, 0x20], id, [0x1b, 0, 0, 0, 0, 0, 0, 0, 2]),
      'report as 0x9f … 0xff': concat([0x9f], entryBytes(id, 2), [0xff]),
      'entry as 0x9f … 0xff': concat([0x81, 0x9f, 0x58, 0x20], id, [0x02, 0xff]),
      'report length as 0x98 0x01': concat([0x98, 0x01], entryBytes(id, 2)),
      'ID length as 0x59 0x00 0x20': concat([0x81, 0x82, 0x59, 0x00, 0x20], id, [0x02]),
      'ID as chunks 10 + 0 + 22': concat([0x81, 0x82, 0x5f, 0x4a], id.subarray(0, 10), [0x40, 0x56], id.subarray(10), [0xff, 0x02]),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      const decoded = decodeMessageStatusReport(bytes);
      expect(normalise(decoded), name).toEqual([{ messageId: id, status: 2 }]);
      expect(toHex(encodeMessageStatusReport(decoded)), name).toBe(toHex(canonical));
    }
  });
});

describe('unknown statuses (7..255)', () => {
  it('survive decode → encode unchanged', () => {
    const unknownEntry = fc.record({ messageId: idArb, status: fc.integer({ min: 7, max: 255 }) });
    fc.assert(
      fc.property(fc.array(unknownEntry, { minLength: 1, maxLength: 20 }), (r) => {
        const bytes = reportBytes(r.map((e) => [e.messageId, e.status]));
        const decoded = decodeMessageStatusReport(bytes);
        expect(decoded.map((e: PerMessageStatus) => e.status)).toEqual(r.map((e) => e.status));
        expect(toHex(encodeMessageStatusReport(decoded))).toBe(toHex(bytes));
      }),
    );
  });

  it('the edges 6, 7, 23, 24, 255 each keep their value and shortest form', () => {
    for (const s of [6, 7, 23, 24, 255]) {
      const bytes = reportBytes([[id32(s), s]]);
      const decoded = decodeMessageStatusReport(bytes);
      expect(decoded[0]?.status).toBe(s);
      expect(toHex(encodeMessageStatusReport(decoded))).toBe(toHex(bytes));
      expect(toHex(bytes.subarray(bytes.length - (s < 24 ? 1 : 2)))).toBe(toHex(Uint8Array.from(head(0, s, shortestWidth(s)))));
    }
  });
});

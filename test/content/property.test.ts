/** fast-check: random valid NestedPart trees (depth ≤ 3) and messages round-trip, and cbor2 reads our bytes alike. */
import { decode as cbor2Decode } from 'cbor2';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as m from '../../generated/mimi-content.js';
import { cde, genericMessage, genericPart } from './build.js';
import { plain, toHex } from './helpers.js';

const text = fc.string({ maxLength: 12, unit: 'grapheme' });
const bytes = (max = 12) => fc.uint8Array({ maxLength: max });
const disposition = fc.integer({ min: 0, max: 255 });

const nullPart = fc.record({ disposition, language: text, cardinality: fc.constant(0 as const) });
const singlePart = fc.record({ disposition, language: text, cardinality: fc.constant(1 as const), contentType: text, content: bytes(40) });
const externalPart = fc.record({
  disposition,
  language: text,
  cardinality: fc.constant(2 as const),
  contentType: text,
  url: text,
  expires: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  size: fc.oneof(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.bigInt({ min: 2n ** 53n, max: 2n ** 64n - 1n })),
  encAlg: fc.integer({ min: 0, max: 65535 }),
  key: bytes(),
  nonce: bytes(),
  aad: bytes(),
  hashAlg: fc.integer({ min: 0, max: 255 }),
  contentHash: bytes(32),
  description: text,
  filename: text,
});

/** NestedPart trees of depth ≤ 3 (a multipart at depth 3 holds only leaves). */
function partOf(depth: number): fc.Arbitrary<m.NestedPart> {
  const leaf = fc.oneof(nullPart, singlePart, externalPart) as fc.Arbitrary<m.NestedPart>;
  if (depth <= 1) return leaf;
  const multiPart = fc.record({
    disposition,
    language: text,
    cardinality: fc.constant(3 as const),
    partSemantics: fc.constantFrom(0 as const, 1 as const, 2 as const),
    parts: fc.array(partOf(depth - 1), { minLength: 2, maxLength: 3 }),
  }) as fc.Arbitrary<m.NestedPart>;
  return fc.oneof({ weight: 2, arbitrary: leaf }, { weight: 1, arbitrary: multiPart });
}

const messageId = fc.uint8Array({ minLength: 32, maxLength: 32 });
const contentArb: fc.Arbitrary<m.MimiContent> = fc.record({
  salt: fc.uint8Array({ minLength: 16, maxLength: 16 }),
  replaces: fc.option(messageId, { nil: null }),
  topicId: bytes(),
  expires: fc.option(fc.record({ relative: fc.boolean(), time: fc.integer({ min: 0, max: 2 ** 32 - 1 }) }), { nil: null }),
  inReplyTo: fc.option(messageId, { nil: null }),
  mimiExtensions: fc.record({ senderUri: text, roomUri: text }, { requiredKeys: ['senderUri'] }),
  nestedPart: partOf(3),
});

function depth(p: m.NestedPart): number {
  return p.cardinality === 3 ? 1 + Math.max(...p.parts.map(depth)) : 1;
}

describe('random NestedPart trees (depth ≤ 3)', () => {
  it('encode → decode gives the same tree; re-encoding gives the same bytes', () => {
    let deepest = 0;
    fc.assert(
      fc.property(partOf(3), (part) => {
        deepest = Math.max(deepest, depth(part));
        expect(m.isNestedPart(part)).toBe(true);
        const encoded = m.encodeNestedPart(part);
        const back = m.decodeNestedPart(encoded);
        expect(back).toEqual(part);
        expect(toHex(m.encodeNestedPart(back))).toBe(toHex(encoded));
      }),
      { numRuns: 400 },
    );
    expect(deepest).toBe(3);
  });

  it('cbor2 decodes our bytes to the same structure, and its deterministic encoding is our bytes', () => {
    fc.assert(
      fc.property(partOf(3), (part) => {
        const encoded = m.encodeNestedPart(part);
        const generic = plain(genericPart(part));
        expect(plain(cbor2Decode(encoded))).toEqual(generic);
        expect(toHex(cde(genericPart(part)))).toBe(toHex(encoded));
      }),
      { numRuns: 400 },
    );
  });
});

describe('random messages', () => {
  it('round-trip, and cbor2 agrees byte for byte', () => {
    fc.assert(
      fc.property(contentArb, (msg) => {
        const encoded = m.encodeMimiContent(msg);
        expect(m.decodeMimiContent(encoded)).toEqual(msg);
        const ext = new Map<unknown, unknown>([[1, msg.mimiExtensions.senderUri]]);
        if (msg.mimiExtensions.roomUri !== undefined) ext.set(2, msg.mimiExtensions.roomUri);
        const generic = genericMessage(genericPart(msg.nestedPart), ext);
        generic[0] = msg.salt;
        generic[1] = msg.replaces;
        generic[2] = msg.topicId;
        generic[3] = msg.expires === null ? null : [msg.expires.relative, msg.expires.time];
        generic[4] = msg.inReplyTo;
        expect(toHex(cde(generic))).toBe(toHex(encoded));
        expect(plain(cbor2Decode(encoded, { preferMap: true }))).toEqual(plain(generic));
      }),
      { numRuns: 300 },
    );
  });
});

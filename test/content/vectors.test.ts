/**
 * The draft's example messages: each decodes, equals its EDN (`.diag`),
 * re-encodes byte-identically, and has the message ID that
 * content-message-ids.json gives.
 */
import { decode as cbor2Decode } from 'cbor2';
import { describe, expect, it } from 'vitest';
import * as m from '../../generated/mimi-content.js';
import { mimiMessageId } from '../../generated/mimi-message-id.js';
import { ednToBytes, exampleStems, hex, idEntries, plain, readVector, toHex, vectorBytes } from './helpers.js';

const ids = idEntries();
const stems = exampleStems();
/** The messages: examples named in content-message-ids.json. */
const messageStems = stems.filter((s) => s.replace(/^content-/, '') in ids);

/** Expected MimiContent built from the generic CBOR value (from the EDN), position by position as the schema lays it out. */
function expectedContent(g: unknown): unknown {
  expect(Array.isArray(g)).toBe(true);
  const [salt, replaces, topicId, expires, inReplyTo, extensions, part] = g as unknown[];
  let exp: unknown = expires;
  if (Array.isArray(expires)) exp = { relative: expires[0], time: expires[1] };
  return { salt, replaces, topicId, expires: exp, inReplyTo, mimiExtensions: expectedExtensions(extensions), nestedPart: expectedPart(part) };
}

function expectedExtensions(g: unknown): unknown {
  expect(g).toBeInstanceOf(Map);
  const out: Record<string, unknown> = {};
  const unknown = new Map<unknown, unknown>();
  for (const [k, v] of g as Map<unknown, unknown>) {
    if (k === 1) out.senderUri = v;
    else if (k === 2) out.roomUri = v;
    else unknown.set(k, v);
  }
  if (unknown.size > 0) out.unknownExtension = unknown;
  return out;
}

const EXTERNAL_FIELDS = ['contentType', 'url', 'expires', 'size', 'encAlg', 'key', 'nonce', 'aad', 'hashAlg', 'contentHash', 'description', 'filename'];

function expectedPart(g: unknown): unknown {
  expect(Array.isArray(g)).toBe(true);
  const [disposition, language, cardinality, ...rest] = g as unknown[];
  const base = { disposition, language, cardinality };
  switch (cardinality) {
    case 0:
      expect(rest).toHaveLength(0);
      return base;
    case 1:
      expect(rest).toHaveLength(2);
      return { ...base, contentType: rest[0], content: rest[1] };
    case 2:
      expect(rest).toHaveLength(EXTERNAL_FIELDS.length);
      return { ...base, ...Object.fromEntries(EXTERNAL_FIELDS.map((f, i) => [f, rest[i]])) };
    case 3:
      expect(rest).toHaveLength(2);
      return { ...base, partSemantics: rest[0], parts: (rest[1] as unknown[]).map(expectedPart) };
    default:
      throw new Error(`unexpected cardinality ${String(cardinality)}`);
  }
}

/** Our decoded value with byte strings as plain arrays (ours are views into the input). */
function normalised(v: unknown): unknown {
  if (v instanceof Uint8Array) return Uint8Array.from(v);
  if (Array.isArray(v)) return v.map(normalised);
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, normalised(x)]));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalised(x)]));
  return v;
}

/** Every NestedPart of a tree, depth first. */
function allParts(p: m.NestedPart): m.NestedPart[] {
  return p.cardinality === 3 ? [p, ...p.parts.flatMap(allParts)] : [p];
}

describe('the example set', () => {
  it('has the fourteen messages of content-message-ids.json plus content-implied-original', () => {
    expect(messageStems).toHaveLength(14);
    expect(messageStems.map((s) => s.replace(/^content-/, '')).sort()).toEqual(Object.keys(ids).sort());
    expect(stems.filter((s) => !messageStems.includes(s))).toEqual(['content-implied-original']);
  });
});

describe.each(messageStems)('%s', (stem) => {
  const name = stem.replace(/^content-/, '');
  const entry = ids[name]!;
  const bytes = vectorBytes(stem);
  const diag = readVector(`${stem}.diag`);

  it('the .diag (EDN) gives the same bytes as the .hex, and the JSON has them too', () => {
    expect(toHex(ednToBytes(diag))).toBe(toHex(bytes));
    expect(entry.cborHex).toBe(toHex(bytes));
  });

  it('decodes to the structure of its EDN, and is valid', () => {
    const decoded = m.decodeMimiContent(bytes);
    const generic = plain(cbor2Decode(ednToBytes(diag), { preferMap: true }));
    expect(normalised(decoded)).toEqual(expectedContent(generic));
    expect(m.validateMimiContent(decoded)).toEqual([]);
    expect(m.isMimiContent(decoded)).toBe(true);
  });

  it('re-encodes byte-identically', () => {
    const decoded = m.decodeMimiContent(bytes);
    expect(toHex(m.encodeMimiContent(decoded))).toBe(toHex(bytes));
    // And from a deep copy that shares no buffer with the input.
    const copy = normalised(decoded) as m.MimiContent;
    expect(toHex(m.encodeMimiContent(copy))).toBe(toHex(bytes));
  });

  it('has the message ID of content-message-ids.json', async () => {
    const decoded = m.decodeMimiContent(bytes);
    // The URIs the JSON gives are the ones the message's own extensions carry.
    expect(decoded.mimiExtensions.senderUri).toBe(entry.senderUri);
    expect(decoded.mimiExtensions.roomUri).toBe(entry.roomUri);
    expect(toHex(decoded.salt)).toBe(entry.salt);
    const id = await mimiMessageId({ senderUri: entry.senderUri, roomUri: entry.roomUri, message: bytes, salt: decoded.salt });
    expect(toHex(id)).toBe(entry.messageId_v08_lengthPrefixed);
    expect(toHex(id)).not.toBe(entry.messageId_v07_noLengthPrefix);
    expect(m.isMessageId(id)).toBe(true);
  });

  it('every single part has a content type; external parts carry their metadata', () => {
    const decoded = m.decodeMimiContent(bytes);
    for (const p of allParts(decoded.nestedPart)) {
      if (p.cardinality === 1 || p.cardinality === 2) expect(typeof p.contentType).toBe('string');
      if (p.cardinality === 3) expect(p.parts.length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('references between the examples', () => {
  it('every replaces / inReplyTo names another example by its computed message ID', async () => {
    const byId = new Map<string, string>();
    for (const stem of messageStems) {
      const bytes = vectorBytes(stem);
      const d = m.decodeMimiContent(bytes);
      const id = await mimiMessageId({ senderUri: d.mimiExtensions.senderUri!, roomUri: d.mimiExtensions.roomUri!, message: bytes, salt: d.salt });
      byId.set(toHex(id), stem);
    }
    let references = 0;
    for (const stem of messageStems) {
      const d = m.decodeMimiContent(vectorBytes(stem));
      for (const ref of [d.replaces, d.inReplyTo]) {
        if (ref === null) continue;
        references++;
        expect(byId.get(toHex(ref)), `${stem} refers to ${toHex(ref)}`).toBeDefined();
        expect(byId.get(toHex(ref))).not.toBe(stem);
      }
    }
    expect(references).toBeGreaterThan(0);
  });

  it('the ID in the .diag header comments, where present, is the JSON one', () => {
    let seen = 0;
    for (const stem of messageStems) {
      const diag = readVector(`${stem}.diag`);
      const lines = /message ID = h'([0-9a-f]+)\s*\n#\s*([0-9a-f]+)'/.exec(diag);
      if (lines === null) continue;
      seen++;
      expect(lines[1]! + lines[2]!).toBe(ids[stem.replace(/^content-/, '')]!.messageId_v08_lengthPrefixed);
      expect(hex(lines[1]! + lines[2]!)).toHaveLength(32);
    }
    expect(seen).toBeGreaterThan(0);
  });
});

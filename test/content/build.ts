/** Building content messages for the tests: typed values, and their generic CBOR form for cbor2 (not a test file itself). */
import { encode as cbor2Encode } from 'cbor2';
import type { Extensions, MimiContent, NestedPart } from '../../generated/mimi-content.js';

export const SENDER = 'mimi://example.com/u/alice-smith';
export const ROOM = 'mimi://example.com/r/engineering_team';
export const SALT = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);

/** A message around `nestedPart`, with the example's sender and room. */
export function message(nestedPart: NestedPart, extensions: Extensions = { senderUri: SENDER, roomUri: ROOM }): MimiContent {
  return { salt: SALT, replaces: null, topicId: new Uint8Array(0), expires: null, inReplyTo: null, mimiExtensions: extensions, nestedPart };
}

export function single(text: string, language = 'en'): NestedPart {
  return { disposition: 1, language, cardinality: 1, contentType: 'text/plain;charset=utf-8', content: new TextEncoder().encode(text) };
}

export function multi(parts: NestedPart[], partSemantics: 0 | 1 | 2 = 0): NestedPart {
  return { disposition: 1, language: '', cardinality: 3, partSemantics, parts };
}

export function external(size: number | bigint): NestedPart {
  return {
    disposition: 6,
    language: 'en',
    cardinality: 2,
    contentType: 'video/mp4',
    url: 'https://example.com/storage/8ksB4bSrrRE.mp4',
    expires: 0,
    size,
    encAlg: 1,
    key: new Uint8Array(16).fill(1),
    nonce: new Uint8Array(12).fill(2),
    aad: new Uint8Array(0),
    hashAlg: 1,
    contentHash: new Uint8Array(32).fill(3),
    description: 'a big file',
    filename: 'bigfile.mp4',
  };
}

/** The generic CBOR form of a NestedPart (arrays, in schema order). */
export function genericPart(p: NestedPart): unknown[] {
  const head = [p.disposition, p.language, p.cardinality];
  switch (p.cardinality) {
    case 0:
      return head;
    case 1:
      return [...head, p.contentType, p.content];
    case 2:
      return [...head, p.contentType, p.url, p.expires, p.size, p.encAlg, p.key, p.nonce, p.aad, p.hashAlg, p.contentHash, p.description, p.filename];
    case 3:
      return [...head, p.partSemantics, p.parts.map(genericPart)];
  }
}

/** The generic CBOR form of a message; `extensions` given as the generic Map to put there. */
export function genericMessage(part: unknown, extensions: Map<unknown, unknown> = new Map<unknown, unknown>([[1, SENDER], [2, ROOM]])): unknown[] {
  return [SALT, null, new Uint8Array(0), null, null, extensions, part];
}

/** Deterministic (RFC 8949 §4.2.1 / CDE) encoding by cbor2, independent of our encoder. */
export function cde(value: unknown): Uint8Array {
  return Uint8Array.from(cbor2Encode(value, { cde: true }));
}

/** Encoding by cbor2 in the given structure, without sorting map keys (the Map's order is kept). */
export function unsorted(value: unknown): Uint8Array {
  return Uint8Array.from(cbor2Encode(value, { sortKeys: null }));
}

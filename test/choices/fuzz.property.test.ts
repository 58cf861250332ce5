/**
 * Bytes near valid messages (one to three bytes set, inserted or deleted), for the MIMI modules and
 * three corpus schemas: the decoder throws nothing but a DecodeError, and whatever it accepts the
 * encoder writes back as the same data item (an integral float where an integer is also allowed
 * included: it is a CborFloat), and every value of `any` in what it accepts gives its `.value`
 * without throwing. Bounded (a few hundred inputs a schema) for CI.
 */
import { readFileSync } from 'node:fs';
import { encode as cbor } from 'cbor2';
import fc from 'fast-check';
import { applyEdits, byteEdit } from '../support/byte-edits.js';
import { describe, expect, it } from 'vitest';
import * as content from '../../generated/mimi-content.js';
import * as status from '../../generated/mimi-message-status.js';
import { cde, genericMessage, genericPart, ROOM, SENDER, single } from '../content/build.js';
import { exampleStems, vectorBytes } from '../content/helpers.js';
import { dataItem } from '../corpus/data-item.js';
import { hex } from '../support/hex.js';
import { SHARED } from '../support/schemas.js';
import { generateModule } from './generate.js';

interface Codec {
  decode: (bytes: Uint8Array) => unknown;
  encode: (value: unknown) => Uint8Array;
  isDecodeError: (e: unknown) => boolean;
}

const RUNS = 300;

/** The data item, for comparison. */
function normalised(bytes: Uint8Array): string {
  return dataItem(bytes);
}

/** Reads `.value` of every value of `any` (a CborAny, by its shape) inside a decoded value: none may throw. Returns how many were read. */
function readAnyValues(value: unknown, seen = new Set<unknown>()): number {
  if (typeof value !== 'object' || value === null || seen.has(value)) return 0;
  seen.add(value);
  if (value.constructor.name === 'CborAny') {
    void (value as { value: unknown }).value;
    return 1;
  }
  const children = value instanceof Map ? [...value.keys(), ...value.values()] : Array.isArray(value) ? value : value instanceof Uint8Array ? [] : Object.values(value);
  return children.reduce((n: number, child) => n + readAnyValues(child, seen), 0);
}


/** `candidates` that decode are the seeds (at least one must); each must round-trip itself. */
function fuzz(codec: Codec, candidates: Uint8Array[]): { accepted: number; rejected: number; anyValues: number } {
  const seeds = candidates.filter((seed) => {
    try {
      codec.decode(seed);
      return true;
    } catch (error) {
      if (!codec.isDecodeError(error)) throw error;
      return false;
    }
  });
  expect(seeds.length).toBeGreaterThan(0);
  const outcome = { accepted: 0, rejected: 0, anyValues: 0 };
  for (const seed of seeds) expect(normalised(codec.encode(codec.decode(seed)))).toBe(normalised(seed));
  fc.assert(
    fc.property(fc.constantFrom(...seeds), fc.array(byteEdit, { minLength: 1, maxLength: 3 }), (seed, edits) => {
      const input = applyEdits(seed, edits);
      let value: unknown;
      try {
        value = codec.decode(input);
      } catch (error) {
        if (!codec.isDecodeError(error)) throw error;
        outcome.rejected++;
        return;
      }
      expect(normalised(codec.encode(value))).toBe(normalised(input));
      outcome.anyValues += readAnyValues(value);
      outcome.accepted++;
    }),
    { numRuns: RUNS, seed: 10 },
  );
  return outcome;
}

describe('the MIMI modules', () => {
  it('message status reports', () => {
    const id = (n: number) => new Uint8Array(32).fill(n);
    const seeds = [status.encodeMessageStatusReport([]), status.encodeMessageStatusReport([{ messageId: id(1), status: 2 }, { messageId: id(2), status: 200 as status.MessageStatusReport[number]['status'] }])];
    const outcome = fuzz({ decode: status.decodeMessageStatusReport, encode: status.encodeMessageStatusReport as (v: unknown) => Uint8Array, isDecodeError: status.isDecodeError }, seeds);
    expect(outcome.rejected).toBeGreaterThan(0);
  });

  it('content messages (the draft\'s examples)', () => {
    // The draft's examples, and one with an unknown extension: a value of any, whose .value the fuzz reads.
    const extensions = new Map<unknown, unknown>([[1, SENDER], [2, ROOM], ['x-extension', [1.5, new Map<unknown, unknown>([[1, 'a'], ['b', [true, null]]]), 'text', -7]]]);
    const seeds = [...exampleStems().map(vectorBytes), cde(genericMessage(genericPart(single('hello')), extensions))];
    const outcome = fuzz({ decode: content.decodeMimiContent, encode: content.encodeMimiContent as (v: unknown) => Uint8Array, isDecodeError: content.isDecodeError }, seeds);
    // The content's extensions and parts hold values of any: they were read.
    expect(outcome.anyValues).toBeGreaterThan(0);
  });
});

describe('corpus schemas', () => {
  it('COSE messages (RFC 9052 with 9053; seeds: the COSE working group examples)', async () => {
    const schemas = ['cose-rfc9052.cddl', 'cose-algs-rfc9053.cddl'].map((name) => ({ path: name, text: readFileSync(`${SHARED}conformance/cose-examples/schema/${name}`, 'utf8') }));
    const mod = await generateModule('fuzz-cose', schemas);
    const vectors = JSON.parse(readFileSync(`${SHARED}conformance/cose-examples/vectors.json`, 'utf8')) as { rule: string; expect: string; hex: string }[];
    const seeds = vectors.filter((v) => v.rule === 'COSE_Messages' && v.expect === 'accept').slice(0, 40).map((v) => hex(v.hex));
    fuzz({ decode: mod.decodeCOSE_Messages as Codec['decode'], encode: mod.encodeCOSE_Messages as Codec['encode'], isDecodeError: mod.isDecodeError }, seeds);
  });

  it('SenML packs (RFC 8428)', async () => {
    const mod = await generateModule('fuzz-senml', [{ path: 'senml-rfc8428.cddl', text: readFileSync(`${SHARED}corpus/senml-rfc8428.cddl`, 'utf8') }]);
    const seeds = [
      cbor([new Map<number, unknown>([[-2, 'urn:dev:ow:10e2073a01080063'], [0, 'voltage'], [2, 120.1]]), new Map<number, unknown>([[0, 'current'], [6, -5], [2, 1.2]])]),
      cbor([new Map<number, unknown>([[0, 'switch'], [4, true]]), new Map<number | string, unknown>([[0, 'label'], [3, 'on'], ['custom', 7]])]),
      cbor([new Map<number, unknown>([[0, 'temperature']]), new Map<number, unknown>([[0, 'humidity'], [6, 1700000000]])]),
    ];
    fuzz({ decode: mod.decodeLwm2m_senml as Codec['decode'], encode: mod.encodeLwm2m_senml as Codec['encode'], isDecodeError: mod.isDecodeError }, seeds);
  });

  it('webdriver-bidi local values (nested arrays, maps and objects)', async () => {
    const mod = await generateModule('fuzz-webdriver', [{ path: 'webdriver-bidi-all.cddl', text: readFileSync(`${SHARED}corpus/webdriver-bidi-all.cddl`, 'utf8') }]);
    const value = (depth: number): unknown =>
      depth === 0
        ? new Map<string, unknown>([['type', 'number'], ['value', 5]])
        : new Map<string, unknown>([['type', depth % 2 === 0 ? 'array' : 'object'], ['value', depth % 2 === 0 ? [value(depth - 1), new Map([['type', 'null']])] : [['k', value(depth - 1)]]]]);
    const seeds = [cbor(value(1)), cbor(value(4)), cbor(new Map<string, unknown>([['type', 'string'], ['value', 'x']]))];
    fuzz({ decode: mod.decodeScriptLocalValue as Codec['decode'], encode: mod.encodeScriptLocalValue as Codec['encode'], isDecodeError: mod.isDecodeError }, seeds);
  }, 300_000);
});

/**
 * Properties of the layouts SUIT-like schemas use (repeated group choices, members after a
 * repeated one, counted map groups, array map keys, tags without a fixed number): random valid
 * values round-trip and encode to the bytes cbor2's deterministic encoding (CDE) gives the same
 * data (flattened where the schema says so), and random bytes near valid ones only ever give a DecodeError or a value the
 * guards accept and that re-encodes to itself.
 */
import { encode as cbor2Encode, Tag } from 'cbor2';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../generator/index.js';
import { TMP_DIR } from './corpus-files.js';
import { importScratch } from '../support/scratch.js';

const SCHEMA = `
sequence = [* (cond // cmd // custom)]
cond = (1, uint)
cmd = ((2, tstr) // (3, [* int]))
custom = (nint, bstr / nil)
try-each = [2* bstr, ? nil]
params = { + (1 => uint // 2 => tstr // nint => bool) }
texts = { * [* bstr] => tstr }
tagged = #6.<1..1000>(int / tstr)
`;

type Codec = { encode: (v: unknown) => Uint8Array; decode: (b: Uint8Array) => unknown; validate: (v: unknown) => unknown[]; isDecodeError: (e: unknown) => boolean };
let codecs: Record<string, Codec>;

beforeAll(async () => {
  const files = compile([{ path: 'layouts.cddl', text: SCHEMA }]);
  const { module: mod } = await importScratch<Record<string, unknown>>(TMP_DIR, 'layouts', files);
  const codec = (name: string) => ({ encode: mod[`encode${name}`], decode: mod[`decode${name}`], validate: mod[`validate${name}`], isDecodeError: mod.isDecodeError }) as Codec;
  codecs = { sequence: codec('Sequence'), tryEach: codec('TryEach'), params: codec('Params'), texts: codec('Texts'), tagged: codec('Tagged') };
});

/** The oracle: cbor2's CBOR Common Deterministic Encoding of the same data. */
const cde = (value: unknown) => cbor2Encode(value, { cde: true });
const bytes = fc.uint8Array({ maxLength: 6 });
const uint = fc.integer({ min: 0, max: 2 ** 40 });
const nint = fc.integer({ min: -(2 ** 40), max: -1 });

const command = fc.oneof(
  fc.tuple(fc.constant(1), uint),
  fc.tuple(fc.constant(2), fc.string({ maxLength: 5 })),
  fc.tuple(fc.constant(3), fc.array(fc.integer({ min: -1000, max: 1000 }), { maxLength: 3 })),
  fc.tuple(nint, fc.oneof(bytes, fc.constant(null))),
);

/** A map with at least one of the keys 1, 2 and negative ones, as the generated type holds it. */
const params = fc
  .record({ one: fc.option(uint, { nil: undefined }), two: fc.option(fc.string({ maxLength: 4 }), { nil: undefined }), rest: fc.uniqueArray(fc.tuple(nint, fc.boolean()), { selector: ([k]) => k, maxLength: 3 }) })
  .filter((p) => p.one !== undefined || p.two !== undefined || p.rest.length > 0);

describe('valid values', () => {
  it('a repeated group choice: round-trips, and is the flattened array', () => {
    fc.assert(
      fc.property(fc.array(command, { maxLength: 6 }), (value) => {
        const { encode, decode } = codecs.sequence as Codec;
        const encoded = encode(value);
        expect(decode(encoded)).toEqual(value);
        expect(encoded).toEqual(cde(value.flat()));
      }),
    );
  });

  it('members after a repeated one: round-trips, and is the same array', () => {
    fc.assert(
      fc.property(fc.array(bytes, { minLength: 2, maxLength: 5 }), fc.boolean(), (items, withNil) => {
        const value = withNil ? [...items, null] : items;
        const { encode, decode } = codecs.tryEach as Codec;
        const encoded = encode(value);
        expect(decode(encoded)).toEqual(value);
        expect(encoded).toEqual(cde(value));
      }),
    );
  });

  it('a counted map group: round-trips, with keys in deterministic order', () => {
    fc.assert(
      fc.property(params, (p) => {
        const value: Record<string, unknown> = {};
        if (p.one !== undefined) value['1'] = p.one;
        if (p.two !== undefined) value['2'] = p.two;
        if (p.rest.length > 0) value.rest = new Map(p.rest);
        const { encode, decode } = codecs.params as Codec;
        const encoded = encode(value);
        expect(decode(encoded)).toEqual(value);
        const entries: [number, unknown][] = [...(p.one === undefined ? [] : [[1, p.one] as [number, unknown]]), ...(p.two === undefined ? [] : [[2, p.two] as [number, unknown]]), ...p.rest];
        expect(encoded).toEqual(cde(new Map(entries)));
      }),
    );
  });

  it('array map keys: round-trips as a Map; duplicate keys (equal arrays, one key to CBOR) are refused by the guard', () => {
    const key = fc.array(bytes, { maxLength: 2 });
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(key, fc.string({ maxLength: 3 })), { selector: ([k]) => Buffer.from(cde(k)).toString('hex'), maxLength: 4 }), (pairs) => {
        const { encode, decode, validate } = codecs.texts as Codec;
        const encoded = encode(new Map(pairs));
        expect(encoded).toEqual(cde(new Map(pairs)));
        // Read back in the deterministic order of the encoded keys.
        const sorted = [...pairs].sort((a, b) => Buffer.compare(cde(a[0]), cde(b[0])));
        expect(decode(encoded)).toEqual(new Map(sorted));
        // A copy of a key is another key to a Map, and the same one to CBOR.
        if (pairs.length > 0) expect(validate(new Map([...pairs, [[...(pairs[0]?.[0] ?? [])], 'again']]))).toHaveLength(1);
      }),
    );
  });

  it('a tag without a fixed number: round-trips as { tag, value }, and is the same tag', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.string({ maxLength: 4 })), (tag, content) => {
        const { encode, decode } = codecs.tagged as Codec;
        const encoded = encode({ tag, value: content });
        expect(decode(encoded)).toEqual({ tag, value: content });
        expect(encoded).toEqual(cde(new Tag(tag, content)));
      }),
    );
  });
});

describe('bytes near valid ones', () => {
  it('give a DecodeError with an offset inside the input, or a value the guards accept that re-encodes to itself', () => {
    const seeds = () => [
      (codecs.sequence as Codec).encode([[1, 5], [2, 'ab'], [3, [1, -2]], [-4, new Uint8Array([9])], [-1, null]]),
      (codecs.tryEach as Codec).encode([new Uint8Array([1]), new Uint8Array([2, 3]), null]),
      (codecs.params as Codec).encode({ '1': 7, rest: new Map([[-3, true]]) }),
      (codecs.texts as Codec).encode(new Map([[[new Uint8Array([0])], 'a'], [[], 'b']])),
    ];
    const names = ['sequence', 'tryEach', 'params', 'texts'] as const;
    const edit = fc.record({ kind: fc.constantFrom('set', 'insert', 'delete'), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) });
    fc.assert(
      fc.property(fc.nat({ max: names.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 3 }), (which, edits) => {
        const codec = codecs[names[which] as string] as Codec;
        const input = [...(seeds()[which] as Uint8Array)];
        for (const { kind, at, byte } of edits) {
          const i = at % (input.length + 1);
          if (kind === 'insert') input.splice(i, 0, byte);
          else if (kind === 'delete') input.splice(i, 1);
          else if (i < input.length) input[i] = byte;
        }
        const mutated = Uint8Array.from(input);
        let value: unknown;
        try {
          value = codec.decode(mutated);
        } catch (error) {
          expect(codec.isDecodeError(error), String(error)).toBe(true);
          const offset = (error as { offset: number }).offset;
          expect(offset).toBeGreaterThanOrEqual(0);
          expect(offset).toBeLessThanOrEqual(mutated.length);
          return;
        }
        expect(codec.validate(value)).toEqual([]);
        expect(codec.decode(codec.encode(value))).toEqual(value);
      }),
      { numRuns: 500 },
    );
  });
});

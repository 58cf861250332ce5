/**
 * A string's `.size` whose controller is sizes in several ranges (`bstr .size (16 / 24 / 32)`, key lengths), and any
 * choice of plain strings of one kind (`"none" / tstr .regexp "[a-z]+"`): typed as the string, read once and tested
 * against every option, with one error naming them all; the guard tests the type once, the writer writes the string
 * without a test. Before, such a size was left to the general matcher (typed CborValue), and a choice of strings was
 * read once per option, failing with the last option's error alone ("expected a text string of 3 bytes" for "ab",
 * which the option of 1 byte refuses too).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../generator/index.js';
import { loadGeneratedModule, type GeneratedModule } from '../support/generated-module.js';
import { type DecodeError, isDecodeError } from '../../templates/runtime.js';
import { toHex as hex } from '../support/hex.js';

const SCHEMA = `keys = { key: bstr .size (16 / 24 / 32), ? name: tstr .size (0 / 2..4 / uint .ge 8), ? word: "none" / tstr .regexp "[a-z]+" }
sizes = [* tstr .size (1 / 3)]
`;

let generated: GeneratedModule;
beforeAll(async () => {
  generated = await loadGeneratedModule(SCHEMA, 'size-choices');
}, 120_000);
afterAll(() => generated?.remove());

/** A definite-length head of major type `major` for `n` (< 256) and then `bytes`. */
function item(major: number, bytes: number[]): number[] {
  const n = bytes.length;
  return [...(n < 24 ? [(major << 5) | n] : [(major << 5) | 24, n]), ...bytes];
}
const text = (s: string) => item(3, [...new TextEncoder().encode(s)]);
const bytes = (n: number) => item(2, Array.from({ length: n }, (_, i) => i));
/** `{ "key": bytes(size) }` with the other entries given. */
function keys(size: number, ...more: number[][]): Uint8Array {
  return new Uint8Array([0xa0 + 1 + more.length / 2, ...text('key'), ...bytes(size), ...more.flat()]);
}

function decodeError(input: Uint8Array, decode: (bytes: Uint8Array) => unknown): DecodeError {
  try {
    decode(input);
  } catch (error) {
    if (isDecodeError(error)) return error;
    throw error;
  }
  throw new Error(`decoded ${hex(input)}`);
}

describe('.size with sizes in several ranges, and choices of strings of one kind', () => {
  it('is typed as the string, not left to the general matcher', () => {
    const warnings: string[] = [];
    const [module] = compile([{ path: 'x.cddl', text: SCHEMA }], { onWarning: (w) => warnings.push(w.message) });
    expect(warnings).toEqual([]);
    expect(module?.contents).toMatch(/export interface Keys \{\n {2}key: Uint8Array;\n {2}name\?: string;\n {2}word\?: "none" \| string;\n\}/);
    expect(module?.contents).toContain('export type Sizes = string[];');
  });

  it('reads each string once and tests every option on it, and writes it without a test', () => {
    const [module] = compile([{ path: 'x.cddl', text: SCHEMA }]);
    const contents = module?.contents ?? '';
    // No option is tried and rewound.
    expect(contents).not.toContain('markForRetry');
    expect(contents).toContain('if (!(key4.length === 16 || key4.length === 24 || key4.length === 32)) reader.fail(`expected a byte string of 16, 24 or 32 bytes, got ');
    expect(contents).toContain('if (!(reader.textLength === 0 || reader.textLength >= 2 && reader.textLength <= 4 || reader.textLength >= 8)) reader.fail(`expected a text string of 0, 2 to 4 or at least 8 bytes, got ');
    expect(contents).toContain('(key instanceof Uint8Array || isBytes(key)) && (key.length === 16 || key.length === 24 || key.length === 32)');
    const writer = /function writeKeys[^]*?\n\}/.exec(contents)?.[0] ?? '';
    expect(writer).toContain('writer.bytes(value.key);');
    expect(writer).not.toContain('.length === 16');
  });

  it('decodes exactly the strings of the sizes given, and writes back the same bytes', () => {
    const decode = generated.mod.decodeKeys as (b: Uint8Array) => unknown;
    const encode = generated.mod.encodeKeys as (v: unknown) => Uint8Array;
    for (let size = 0; size <= 40; size++) {
      const input = keys(size);
      if (size === 16 || size === 24 || size === 32) expect(hex(encode(decode(input)))).toBe(hex(input));
      else expect(decodeError(input, decode).reason).toBe(`expected a byte string of 16, 24 or 32 bytes, got ${size} byte${size === 1 ? '' : 's'}`);
    }
    for (const name of ['', 'ab', 'é', 'éé', 'abcd', 'abcdefgh', 'ééééé']) expect(hex(encode(decode(keys(16, text('name'), text(name)))))).toBe(hex(keys(16, text('name'), text(name))));
    for (const word of ['none', 'abc']) expect((decode(keys(32, text('word'), text(word))) as { word: string }).word).toBe(word);
  });

  it('names every option in one error, at the string, with its path', () => {
    const decode = generated.mod.decodeKeys as (b: Uint8Array) => unknown;
    const short = decodeError(keys(20), decode);
    expect([short.path, short.offset, short.reason]).toEqual(['.key', 5, 'expected a byte string of 16, 24 or 32 bytes, got 20 bytes']);
    const name = decodeError(keys(16, text('name'), text('abcde')), decode);
    expect([name.path, name.reason]).toEqual(['.name', 'expected a text string of 0, 2 to 4 or at least 8 bytes, got "abcde"']);
    // Chunks count together: "a" and "bcde" are 5 bytes.
    const chunked = decodeError(keys(16, text('name'), [0x7f, ...text('a'), ...text('bcde'), 0xff]), decode);
    expect(chunked.reason).toBe('expected a text string of 0, 2 to 4 or at least 8 bytes, got "abcde"');
    const word = decodeError(keys(16, text('word'), text('NONE')), decode);
    expect(word.reason).toBe('expected "none" or a text string matching "[a-z]+", got "NONE"');
    const sizes = decodeError(new Uint8Array([0x82, ...text('a'), ...text('ab')]), generated.mod.decodeSizes as (b: Uint8Array) => unknown);
    expect([sizes.path, sizes.reason]).toEqual(['[1]', 'expected a text string of 1 or 3 bytes, got "ab"']);
    // Not a string at all: the same words.
    expect(decodeError(new Uint8Array([0x81, 0x01]), generated.mod.decodeSizes as (b: Uint8Array) => unknown).reason).toBe('expected a text string of 1 or 3 bytes, got an unsigned integer');
  });

  it('guards and validators take the same strings and say the same', () => {
    const is = generated.mod.isKeys as (v: unknown) => boolean;
    const validate = generated.mod.validateKeys as (v: unknown) => { path: string; message: string }[];
    expect(is({ key: new Uint8Array(24) })).toBe(true);
    expect(is({ key: new Uint8Array(23) })).toBe(false);
    expect(is({ key: new Uint8Array(16), name: 'abc' })).toBe(true);
    expect(is({ key: new Uint8Array(16), name: 'a' })).toBe(false);
    // A lone surrogate is no text a CBOR text string carries, whatever its length.
    expect(is({ key: new Uint8Array(16), name: '\ud800\ud800' })).toBe(false);
    expect(validate({ key: 'sixteen bytes...', name: 'abcdef' }).map((p) => [p.path, p.message])).toEqual([
      ['.key', 'expected a byte string of 16, 24 or 32 bytes, got a string'],
      ['.name', 'expected a text string of 0, 2 to 4 or at least 8 bytes, got a string'],
    ]);
    expect((generated.mod.isSizes as (v: unknown) => boolean)(['a', 'abc', 'é'])).toBe(false);
    expect((generated.mod.isSizes as (v: unknown) => boolean)(['a', 'abc', 'éa'])).toBe(true);
  });
});

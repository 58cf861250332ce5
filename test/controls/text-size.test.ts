/**
 * `tstr .size` in generated decoders: checked by the length in bytes the
 * reader read in the text's head (reader.textLength), not by measuring the
 * decoded string. The two must agree on every input: definite and
 * indefinite-length texts (whose length is the sum of their chunks), one-
 * to four-byte UTF-8 characters, at the bounds and one byte beyond them;
 * and the guard, which does measure the string, must agree with the decoder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGeneratedModule, type GeneratedModule } from '../support/generated-module.js';
import { isDecodeError } from '../../templates/runtime.js';

const SCHEMA = 'sized = [ short: tstr .size (2..4), exact: tstr .size 3 ]\n';

let generated: GeneratedModule;
beforeAll(async () => {
  generated = await loadGeneratedModule(SCHEMA, 'text-size');
}, 120_000);
afterAll(() => generated?.remove());

/** A definite-length text head and its UTF-8 bytes. */
function definite(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  if (bytes.length >= 24) throw new Error('short texts only');
  return [0x60 | bytes.length, ...bytes];
}

/** An indefinite-length text of `chunks`, each a definite-length text. */
function indefinite(chunks: string[]): number[] {
  return [0x7f, ...chunks.flatMap(definite), 0xff];
}

function decodes(short: number[], exact: number[]): boolean {
  try {
    generated.mod.decodeSized!(new Uint8Array([0x82, ...short, ...exact]));
    return true;
  } catch (error) {
    if (!isDecodeError(error)) throw error;
    expect(error.reason).toMatch(/expected a text string of/);
    return false;
  }
}

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

describe('tstr .size in generated decoders', () => {
  // One byte below, at and above each bound, with characters of every UTF-8 length.
  const texts = ['a', 'ab', 'abc', 'abcd', 'abcde', 'é', 'éa', 'éé', 'ééa', '€', '€a', '€ab', '😀', '😀a', 'a😀'];

  it.each(texts)('decodes %j exactly when its length in bytes is within the bound, written definite or in chunks', (text) => {
    const fitsShort = utf8Length(text) >= 2 && utf8Length(text) <= 4;
    const fitsExact = utf8Length(text) === 3;
    expect(decodes(definite(text), definite('abc'))).toBe(fitsShort);
    expect(decodes(definite('ab'), definite(text))).toBe(fitsExact);
    // Chunks split between whole characters (RFC 8949 §3.2.3): every split point, and an empty chunk.
    const characters = [...text];
    for (let cut = 0; cut <= characters.length; cut++) {
      const chunks = [characters.slice(0, cut).join(''), characters.slice(cut).join('')];
      expect(decodes(indefinite(chunks), definite('abc'))).toBe(fitsShort);
      expect(decodes(definite('ab'), indefinite(chunks))).toBe(fitsExact);
    }
  });

  it.each(texts)('the guard agrees with the decoder on %j', (text) => {
    const value = { short: text, exact: 'abc' };
    expect(generated.mod.isSized!(value)).toBe(decodes(definite(text), definite('abc')));
  });
});

/**
 * UTF-8 both ways, for the reader, the writer and the checks of text
 * controls: the one place that declares TextEncoder and TextDecoder. Part
 * of the runtime (see runtime.ts), copied verbatim beside the generated
 * modules.
 */

/**
 * TextEncoder and TextDecoder exist wherever this runs (browsers, Node, Deno,
 * Bun), but their types come from the DOM or Node typings, which a user's
 * tsconfig may leave out. Declaring the little used here, in module scope,
 * keeps the generated code compiling under any `lib` and emits nothing.
 */
declare const TextEncoder: new () => Utf8Encoder;
declare const TextDecoder: new (label: string, options: { fatal: boolean; ignoreBOM: boolean }) => Utf8Decoder;

/** What is used of a TextDecoder. */
export interface Utf8Decoder {
  decode(input: Uint8Array): string;
}

/** What is used of a TextEncoder. */
export interface Utf8Encoder {
  encode(input: string): Uint8Array;
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}

/**
 * The one encoder: `encodeInto` writes straight into the writer's buffer. It
 * would write a lone surrogate as U+FFFD (as {@link utf8Length} counts it):
 * the writer refuses such text first ({@link wellFormedText}), and so do the
 * guards, so no text is ever changed on its way out.
 */
export const utf8Encoder: Utf8Encoder = new TextEncoder();

/** Why a text string that is valid UTF-8 cannot be read: the engine's strings are shorter (2^29 − 24 code units in V8). */
export const TEXT_TOO_LONG = "a text string longer than this engine's strings can be";

/** `fatal` so invalid UTF-8 is an error, `ignoreBOM` so a leading U+FEFF is kept as data. */
export const utf8Decoder: Utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Up to this many bytes, text that is all ASCII (map keys, names, URIs) is
 * read by {@link asciiText}: below about 64 bytes that beats the fixed cost
 * of a TextDecoder call.
 */
export const ASCII_PATH_MAX = 64;

/**
 * The text in `b[start, end)` when every byte is ASCII (where UTF-8 and
 * UTF-16 code units agree), else null. V8's `fromCharCode` costs a fixed
 * amount per call and per argument, and each `+=` makes a string, so the
 * characters go 16 per call while 32 or more are left, then the rest in one
 * call of exactly that many arguments: one call for text of up to 31 bytes
 * (the media types of the MIMI examples, 9 to 30), two up to 47. Calls of
 * 16, 8, 4, 2 and 1 characters, up to five for a 31-byte string and four
 * for the 30- to 37-byte URIs of the MIMI examples, cost 13% more
 * instructions in the string building (callgrind); a tail of at most 15
 * (two calls and a `+` from 17 bytes on) 2% more on the whole MIMI content
 * decode, for 476 bytes less in its gzipped bundle.
 */
export function asciiText(b: Uint8Array, start: number, end: number): string | null {
  const F = String.fromCharCode;
  let s = '';
  let i = start;
  for (; i + 32 <= end; i += 16) {
    const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
    const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!, c11 = b[i + 11]!, c12 = b[i + 12]!, c13 = b[i + 13]!, c14 = b[i + 14]!, c15 = b[i + 15]!;
    if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15) >= 0x80) return null;
    s += F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15);
  }
  // The last 0 to 31 bytes: one call with exactly as many arguments.
  switch (end - i) {
    case 1: {
      const c0 = b[i]!;
      if ((c0) >= 0x80) return null;
      return s + F(c0);
    }
    case 2: {
      const c0 = b[i]!, c1 = b[i + 1]!;
      if ((c0 | c1) >= 0x80) return null;
      return s + F(c0, c1);
    }
    case 3: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!;
      if ((c0 | c1 | c2) >= 0x80) return null;
      return s + F(c0, c1, c2);
    }
    case 4: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!;
      if ((c0 | c1 | c2 | c3) >= 0x80) return null;
      return s + F(c0, c1, c2, c3);
    }
    case 5: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!;
      if ((c0 | c1 | c2 | c3 | c4) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4);
    }
    case 6: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5);
    }
    case 7: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6);
    }
    case 8: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7);
    }
    case 9: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8);
    }
    case 10: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9);
    }
    case 11: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10);
    }
    case 12: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!, c11 = b[i + 11]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11);
    }
    case 13: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!, c11 = b[i + 11]!, c12 = b[i + 12]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12);
    }
    case 14: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!, c11 = b[i + 11]!, c12 = b[i + 12]!, c13 = b[i + 13]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13);
    }
    case 15: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!, c11 = b[i + 11]!, c12 = b[i + 12]!, c13 = b[i + 13]!, c14 = b[i + 14]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14);
    }
    case 16: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!, c11 = b[i + 11]!, c12 = b[i + 12]!, c13 = b[i + 13]!, c14 = b[i + 14]!, c15 = b[i + 15]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15);
    }
    case 17: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!, c11 = b[i + 11]!, c12 = b[i + 12]!, c13 = b[i + 13]!, c14 = b[i + 14]!, c15 = b[i + 15]!;
      const c16 = b[i + 16]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15 | c16) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16);
    }
    case 18: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!, c11 = b[i + 11]!, c12 = b[i + 12]!, c13 = b[i + 13]!, c14 = b[i + 14]!, c15 = b[i + 15]!;
      const c16 = b[i + 16]!, c17 = b[i + 17]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15 | c16 | c17) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17);
    }
    case 19: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!, c11 = b[i + 11]!, c12 = b[i + 12]!, c13 = b[i + 13]!, c14 = b[i + 14]!, c15 = b[i + 15]!;
      const c16 = b[i + 16]!, c17 = b[i + 17]!, c18 = b[i + 18]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15 | c16 | c17 | c18) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18);
    }
    case 20: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!, c11 = b[i + 11]!, c12 = b[i + 12]!, c13 = b[i + 13]!, c14 = b[i + 14]!, c15 = b[i + 15]!;
      const c16 = b[i + 16]!, c17 = b[i + 17]!, c18 = b[i + 18]!, c19 = b[i + 19]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15 | c16 | c17 | c18 | c19) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19);
    }
    case 21: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!, c11 = b[i + 11]!, c12 = b[i + 12]!, c13 = b[i + 13]!, c14 = b[i + 14]!, c15 = b[i + 15]!;
      const c16 = b[i + 16]!, c17 = b[i + 17]!, c18 = b[i + 18]!, c19 = b[i + 19]!, c20 = b[i + 20]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15 | c16 | c17 | c18 | c19 | c20) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20);
    }
    case 22: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!, c11 = b[i + 11]!, c12 = b[i + 12]!, c13 = b[i + 13]!, c14 = b[i + 14]!, c15 = b[i + 15]!;
      const c16 = b[i + 16]!, c17 = b[i + 17]!, c18 = b[i + 18]!, c19 = b[i + 19]!, c20 = b[i + 20]!, c21 = b[i + 21]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15 | c16 | c17 | c18 | c19 | c20 | c21) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21);
    }
    case 23: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!, c11 = b[i + 11]!, c12 = b[i + 12]!, c13 = b[i + 13]!, c14 = b[i + 14]!, c15 = b[i + 15]!;
      const c16 = b[i + 16]!, c17 = b[i + 17]!, c18 = b[i + 18]!, c19 = b[i + 19]!, c20 = b[i + 20]!, c21 = b[i + 21]!, c22 = b[i + 22]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15 | c16 | c17 | c18 | c19 | c20 | c21 | c22) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22);
    }
    case 24: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!, c11 = b[i + 11]!, c12 = b[i + 12]!, c13 = b[i + 13]!, c14 = b[i + 14]!, c15 = b[i + 15]!;
      const c16 = b[i + 16]!, c17 = b[i + 17]!, c18 = b[i + 18]!, c19 = b[i + 19]!, c20 = b[i + 20]!, c21 = b[i + 21]!, c22 = b[i + 22]!, c23 = b[i + 23]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15 | c16 | c17 | c18 | c19 | c20 | c21 | c22 | c23) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23);
    }
    case 25: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!, c11 = b[i + 11]!, c12 = b[i + 12]!, c13 = b[i + 13]!, c14 = b[i + 14]!, c15 = b[i + 15]!;
      const c16 = b[i + 16]!, c17 = b[i + 17]!, c18 = b[i + 18]!, c19 = b[i + 19]!, c20 = b[i + 20]!, c21 = b[i + 21]!, c22 = b[i + 22]!, c23 = b[i + 23]!;
      const c24 = b[i + 24]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15 | c16 | c17 | c18 | c19 | c20 | c21 | c22 | c23 | c24) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23, c24);
    }
    case 26: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!, c11 = b[i + 11]!, c12 = b[i + 12]!, c13 = b[i + 13]!, c14 = b[i + 14]!, c15 = b[i + 15]!;
      const c16 = b[i + 16]!, c17 = b[i + 17]!, c18 = b[i + 18]!, c19 = b[i + 19]!, c20 = b[i + 20]!, c21 = b[i + 21]!, c22 = b[i + 22]!, c23 = b[i + 23]!;
      const c24 = b[i + 24]!, c25 = b[i + 25]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15 | c16 | c17 | c18 | c19 | c20 | c21 | c22 | c23 | c24 | c25) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23, c24, c25);
    }
    case 27: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!, c11 = b[i + 11]!, c12 = b[i + 12]!, c13 = b[i + 13]!, c14 = b[i + 14]!, c15 = b[i + 15]!;
      const c16 = b[i + 16]!, c17 = b[i + 17]!, c18 = b[i + 18]!, c19 = b[i + 19]!, c20 = b[i + 20]!, c21 = b[i + 21]!, c22 = b[i + 22]!, c23 = b[i + 23]!;
      const c24 = b[i + 24]!, c25 = b[i + 25]!, c26 = b[i + 26]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15 | c16 | c17 | c18 | c19 | c20 | c21 | c22 | c23 | c24 | c25 | c26) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23, c24, c25, c26);
    }
    case 28: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!, c11 = b[i + 11]!, c12 = b[i + 12]!, c13 = b[i + 13]!, c14 = b[i + 14]!, c15 = b[i + 15]!;
      const c16 = b[i + 16]!, c17 = b[i + 17]!, c18 = b[i + 18]!, c19 = b[i + 19]!, c20 = b[i + 20]!, c21 = b[i + 21]!, c22 = b[i + 22]!, c23 = b[i + 23]!;
      const c24 = b[i + 24]!, c25 = b[i + 25]!, c26 = b[i + 26]!, c27 = b[i + 27]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15 | c16 | c17 | c18 | c19 | c20 | c21 | c22 | c23 | c24 | c25 | c26 | c27) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23, c24, c25, c26, c27);
    }
    case 29: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!, c11 = b[i + 11]!, c12 = b[i + 12]!, c13 = b[i + 13]!, c14 = b[i + 14]!, c15 = b[i + 15]!;
      const c16 = b[i + 16]!, c17 = b[i + 17]!, c18 = b[i + 18]!, c19 = b[i + 19]!, c20 = b[i + 20]!, c21 = b[i + 21]!, c22 = b[i + 22]!, c23 = b[i + 23]!;
      const c24 = b[i + 24]!, c25 = b[i + 25]!, c26 = b[i + 26]!, c27 = b[i + 27]!, c28 = b[i + 28]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15 | c16 | c17 | c18 | c19 | c20 | c21 | c22 | c23 | c24 | c25 | c26 | c27 | c28) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23, c24, c25, c26, c27, c28);
    }
    case 30: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!, c11 = b[i + 11]!, c12 = b[i + 12]!, c13 = b[i + 13]!, c14 = b[i + 14]!, c15 = b[i + 15]!;
      const c16 = b[i + 16]!, c17 = b[i + 17]!, c18 = b[i + 18]!, c19 = b[i + 19]!, c20 = b[i + 20]!, c21 = b[i + 21]!, c22 = b[i + 22]!, c23 = b[i + 23]!;
      const c24 = b[i + 24]!, c25 = b[i + 25]!, c26 = b[i + 26]!, c27 = b[i + 27]!, c28 = b[i + 28]!, c29 = b[i + 29]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15 | c16 | c17 | c18 | c19 | c20 | c21 | c22 | c23 | c24 | c25 | c26 | c27 | c28 | c29) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23, c24, c25, c26, c27, c28, c29);
    }
    case 31: {
      const c0 = b[i]!, c1 = b[i + 1]!, c2 = b[i + 2]!, c3 = b[i + 3]!, c4 = b[i + 4]!, c5 = b[i + 5]!, c6 = b[i + 6]!, c7 = b[i + 7]!;
      const c8 = b[i + 8]!, c9 = b[i + 9]!, c10 = b[i + 10]!, c11 = b[i + 11]!, c12 = b[i + 12]!, c13 = b[i + 13]!, c14 = b[i + 14]!, c15 = b[i + 15]!;
      const c16 = b[i + 16]!, c17 = b[i + 17]!, c18 = b[i + 18]!, c19 = b[i + 19]!, c20 = b[i + 20]!, c21 = b[i + 21]!, c22 = b[i + 22]!, c23 = b[i + 23]!;
      const c24 = b[i + 24]!, c25 = b[i + 25]!, c26 = b[i + 26]!, c27 = b[i + 27]!, c28 = b[i + 28]!, c29 = b[i + 29]!, c30 = b[i + 30]!;
      if ((c0 | c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13 | c14 | c15 | c16 | c17 | c18 | c19 | c20 | c21 | c22 | c23 | c24 | c25 | c26 | c27 | c28 | c29 | c30) >= 0x80) return null;
      return s + F(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14, c15, c16, c17, c18, c19, c20, c21, c22, c23, c24, c25, c26, c27, c28, c29, c30);
    }
    default:
      return s; // nothing left (or end < start: no text)
  }
}

/**
 * The UTF-8 text in `bytes[start, end)`, or null when it is not valid UTF-8
 * (a leading U+FEFF is kept as data). Short ASCII text is built here; the
 * rest goes to one TextDecoder call, over a view made with the constructor
 * (`subarray` looks up the species, several times slower in V8).
 */
export function decodeUtf8(bytes: Uint8Array, start: number = 0, end: number = bytes.length): string | null {
  if (end === start) return '';
  if (end - start <= ASCII_PATH_MAX) {
    const s = asciiText(bytes, start, end);
    if (s !== null) return s;
  }
  try {
    return utf8Decoder.decode(new Uint8Array(bytes.buffer, bytes.byteOffset + start, end - start));
  } catch {
    return null;
  }
}

/** `text` in UTF-8, a fresh array (lone surrogates become U+FFFD: callers test {@link wellFormedText} first). */
export function encodeUtf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** Length of a string in UTF-8 bytes (what `tstr .size n` bounds), without encoding it. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3; // BMP, and lone surrogates (3 bytes as TextEncoder's U+FFFD; no encoder writes one)
  }
  return n;
}

/**
 * Whether `s` is `min` to `max` bytes long in UTF-8 (`tstr .size (min..max)`;
 * `max` may be Infinity). Each UTF-16 code unit is one to three bytes (a
 * surrogate pair, two units, is four), so the count of units alone decides
 * most strings without {@link utf8Length} walking them.
 */
export function utf8LengthWithin(s: string, min: number, max: number): boolean {
  const units = s.length;
  if (units > max || 3 * units < min) return false;
  if (units >= min && 3 * units <= max) return true;
  const n = utf8Length(s);
  return n >= min && n <= max;
}

/**
 * A lone surrogate: with the `u` flag a class of surrogates matches a high
 * surrogate not followed by a low one and a low one not after a high one, and
 * nothing else (a pair is one code point, past U+FFFF; without the flag the
 * class would match its halves too). Such a string is not Unicode text: no
 * UTF-8 text string can carry it (TextEncoder would write U+FFFD, another
 * text), so guards refuse it and the writer will not write it.
 */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** The index of the first lone surrogate in `s`, or -1 when there is none. */
export function loneSurrogateIndex(s: string): number {
  return s.search(LONE_SURROGATE);
}

/**
 * Whether `s` holds no lone surrogate, so that UTF-8 carries it unchanged:
 * what a guard tests of every text (beside `typeof s === 'string'`) and the
 * writer of text that is not all ASCII. The engine's
 * `String.prototype.isWellFormed` (ES2024: Node 20, every current browser;
 * V8 answers a one-byte string, all the MIMI examples' text, without reading
 * it) where there is one, else {@link loneSurrogateIndex}. The call is what
 * costs (about 60 instructions under callgrind): the empty text, a third of
 * the MIMI examples' strings, is answered before it (isMimiContent on the 14
 * examples: 17,412 instructions without that test, 16,688 with it; 11,552
 * with no test of well-formedness at all). The method is looked up at each
 * call, not once in module scope, where a bundler would keep the lookup (and
 * this function) in bundles that never call it.
 */
export function wellFormedText(s: string): boolean {
  const text = s as unknown as { isWellFormed?: () => boolean };
  return s.length === 0 || (typeof text.isWellFormed === 'function' ? text.isWellFormed() : loneSurrogateIndex(s) < 0);
}

/** A string with a lone surrogate (the first at `at`), in messages: `a string with a lone surrogate (U+D800 at index 0), which no UTF-8 text string can carry`. */
export function notUnicodeText(s: string, at: number = loneSurrogateIndex(s)): string {
  return `a string with a lone surrogate (U+${s.charCodeAt(at).toString(16).toUpperCase()} at index ${at}), which no UTF-8 text string can carry`;
}

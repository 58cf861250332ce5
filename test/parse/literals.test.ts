import { describe, expect, it } from 'vitest';
import { literalOf } from './helpers.js';

describe('number literals', () => {
  it.each([
    ['0', '0'],
    ['42', '42'],
    ['-7', '-7'],
    ['0x1F', '31'],
    ['0X1f', '31'],
    ['-0x10', '-16'],
    ['0b101', '5'],
    ['-0b11', '-3'],
    ['18446744073709551616', '18446744073709551616'],
    ['-18446744073709551617', '-18446744073709551617'],
    ['0xFFFFFFFFFFFFFFFFFF', '4722366482869645213695'],
  ])('int %s', (raw, value) => {
    expect(literalOf(raw)).toEqual({ type: 'int', value, raw });
  });

  it.each([
    ['1.5', 1.5],
    ['-0.25', -0.25],
    ['1e3', 1000],
    ['1E3', 1000],
    ['2.5e-2', 0.025],
    ['1e+2', 100],
    ['0.0', 0],
    ['0x1.8p3', 12],
    ['0x1p-2', 0.25],
    ['-0x1.8p1', -3],
    ['0xAp0', 10],
    ['0x1P4', 16],
  ])('float %s', (raw, value) => {
    expect(literalOf(raw)).toEqual({ type: 'float', value, raw });
  });

  it('has no octal form (RFC 8610 has 0x and 0b only)', () => {
    expect(() => literalOf('0o17')).toThrow("invalid number '0o17'; CDDL has no octal numbers, use 0x or 0b (RFC 8610 Appendix B: uint)");
  });
});

describe('text string literals', () => {
  it.each([
    [String.raw`"abc"`, 'abc'],
    [String.raw`""`, ''],
    [String.raw`"a\"b"`, 'a"b'],
    [String.raw`"a\\b"`, 'a\\b'],
    [String.raw`"a\/b"`, 'a/b'],
    [String.raw`"\b\f\n\r\t"`, '\b\f\n\r\t'],
    [String.raw`"\u00e9"`, 'é'],
    [String.raw`"\u2318"`, '⌘'],
    [String.raw`"\uD83C\uDC73"`, '🁳'],
    [String.raw`"\u{1F073}"`, '🁳'],
    [String.raw`"\u{6f}"`, 'o'],
    [String.raw`"\u{0000041}"`, 'A'],
    [String.raw`"\u{10FFFD}"`, '\u{10FFFD}'],
    ['"it\'s"', "it's"],
    ['"Domino\'s 🁳 + ⌘"', "Domino's 🁳 + ⌘"],
    ['"grüße"', 'grüße'],
  ])('%s', (raw, value) => {
    expect(literalOf(raw)).toEqual({ type: 'text', value, raw });
  });

  it('gives the same value for the three spellings of RFC 9682 Figure 5', () => {
    const a = literalOf(String.raw`"D\u{6f}mino's \u{1F073} + \u{2318}"`);
    const b = literalOf(String.raw`"Domino's \uD83C\uDC73 + \u2318"`);
    const c = literalOf(`"Domino's 🁳 + ⌘"`);
    expect(a.type === 'text' && a.value).toBe("Domino's 🁳 + ⌘");
    expect(b.type === 'text' && b.value).toBe("Domino's 🁳 + ⌘");
    expect(c.type === 'text' && c.value).toBe("Domino's 🁳 + ⌘");
  });
});

describe('byte string literals', () => {
  it.each([
    ["h'0102ff'", '0102ff'],
    ["h'0A0b'", '0a0b'],
    ["H'00'", '00'],
    ["h''", ''],
    ["h'01 02\n  03'", '010203'],
    ["h'01\t02'", '0102'],
    ["h'\n  43424F52 ; CBOR\n  0A       ; LF\n'", '43424f520a'],
    ["h'00 ; a comment with a \\' quote\n 01'", '0001'],
    ["b64'AQID'", '010203'],
    ["b64'AQ=='", '01'],
    ["b64'AQ'", '01'],
    ["b64'+/8='", 'fbff'],
    ["b64'-_8'", 'fbff'],
    ["b64'AQ ID\n  BA'", '01020304'],
    ["b64'AQID ; one two three\n'", '010203'],
    ["B64'AQID'", '010203'],
    ["'abc'", '616263'],
    ["''", ''],
    ["'Domino\\'s'", '446f6d696e6f2773'],
    ["'\"'", '22'],
    ["'\\u00e9'", 'c3a9'],
    ["'é'", 'c3a9'],
    ["'\\u{1F073}'", 'f09f81b3'],
    ["'a\nb'", '610a62'],
  ])('%s', (raw, hex) => {
    expect(literalOf(raw)).toEqual({ type: 'bytes', hex, raw });
  });

  it('gives the same bytes for the three spellings of RFC 9682 Figure 5', () => {
    const expected = '446f6d696e6f277320f09f81b3202b20e28c98';
    for (const raw of [
      String.raw`'D\u{6f}mino\u{27}s \u{1F073} + \u{2318}'`,
      String.raw`'Domino\'s \uD83C\uDC73 + \u2318'`,
      `'Domino\\'s 🁳 + ⌘'`,
    ]) {
      expect(literalOf(raw)).toMatchObject({ type: 'bytes', hex: expected });
    }
  });

  it('keeps the source form as raw', () => {
    expect(literalOf("h'01 02'").raw).toBe("h'01 02'");
  });
});

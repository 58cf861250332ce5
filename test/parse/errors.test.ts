import { describe, expect, it } from 'vitest';
import { expectError, syntaxError } from './helpers.js';

/** [source, first line of the message]; the caret must sit under the reported column. */
const cases: [string, string, string][] = [
  // delimiters
  ['unclosed array at end of file', 'A = [\n  a: int,\n  b: tstr\n', "test.cddl:4:1: expected ']' to close the array opened at 1:5 (RFC 9682 Appendix A: type2)"],
  ['array closed with }', 'A = [ a: int }', "test.cddl:1:14: expected ']' to close the array opened at 1:5 (RFC 9682 Appendix A: type2)"],
  ['unclosed map', 'A = {\n  a: int\nB = 1', "test.cddl:3:3: expected '}' to close the map opened at 1:5 (RFC 9682 Appendix A: type2)"],
  ['unclosed inline group', 'A = (a: int', "test.cddl:1:12: expected ')' to close the group opened at 1:5 (RFC 8610 Appendix B: grpent)"],
  ['unclosed parenthesised type', 'A = [ x: (int / tstr ]', "test.cddl:1:22: expected ')' to close the parenthesised type opened at 1:10 (RFC 9682 Appendix A: type2)"],
  ['unclosed enum group', 'A = &(a: 1', "test.cddl:1:11: expected ')' to close the group opened at 1:6 (RFC 9682 Appendix A: type2)"],
  ['unclosed tag', 'A = #6.32(tstr', "test.cddl:1:15: expected ')' to close the tag content opened at 1:10 (RFC 9682 Appendix A: type2)"],
  ['unclosed head number type', 'A = #6.<tstr(x)', "test.cddl:1:13: expected '>' to close the head number opened at 1:8 (RFC 9682 Appendix A: head-number)"],
  ['unclosed generic arguments', 'A = foo<int tstr>', "test.cddl:1:13: expected ',' or '>' to close the generic arguments opened at 1:8 (RFC 8610 Appendix B: genericarg)"],
  ['unclosed generic parameters', 'A<T = T', "test.cddl:1:5: expected ',' or '>' to close the generic parameters opened at 1:2 (RFC 8610 Appendix B: genericparm)"],
  ['junk in a group', 'A = [ 1 2 = ]', "test.cddl:1:11: expected ']' to close the array opened at 1:5 (RFC 9682 Appendix A: type2)"],
  // rules
  ['no assignment', 'foo int', "test.cddl:1:5: expected '=', '/=' or '//=' after rule name 'foo' (RFC 8610 Appendix B: rule)"],
  ['name alone at end of file', 'A = 1\nfoo', "test.cddl:2:4: expected '=', '/=' or '//=' after rule name 'foo' (RFC 8610 Appendix B: rule)"],
  ['not a rule name', '= 1', "test.cddl:1:1: unexpected '=': expected a rule name (RFC 8610 Appendix B: rule)"],
  ['stray token after a rule', 'A = x\n]', "test.cddl:2:1: unexpected ']': expected a rule name (RFC 8610 Appendix B: rule)"],
  ['empty right side', 'A = ]', "test.cddl:1:5: unexpected ']': expected a type or a group entry (RFC 8610 Appendix B: rule)"],
  ['/= with a group entry', '$x /= a: int', "test.cddl:1:7: '/=' adds choices to a type, but this is a group entry; use '//=' to add group choices (RFC 8610 Appendix B: rule)"],
  ['empty generic parameters', 'A<> = 1', "test.cddl:1:3: unexpected '>': expected a generic parameter name (RFC 8610 Appendix B: genericparm)"],
  // types
  ['missing type after key', 'A = [ a: ]', "test.cddl:1:10: unexpected ']': expected a type (RFC 9682 Appendix A: type2)"],
  ['missing type at end of file', 'A = "x": ', "test.cddl:1:10: unexpected end of file: expected a type (RFC 9682 Appendix A: type2)"],
  ['missing range end', 'A = 1..', "test.cddl:1:8: unexpected end of file: expected a type (RFC 9682 Appendix A: type2)"],
  ['unwrap without a name', 'A = ~ 3', "test.cddl:1:7: unexpected '3': expected a name after '~' (RFC 9682 Appendix A: type2)"],
  ['enum without group or name', 'A = & 3', "test.cddl:1:7: unexpected '3': expected '(' or a group name after '&' (RFC 9682 Appendix A: type2)"],
  ['chained operators', 'A = a .size 3 .regexp "x"', "test.cddl:1:15: unexpected '.regexp': operators do not chain; put parentheses around the left part (RFC 8610 Appendix B: type1)"],
  ['dot without operator name', 'A = a . size 3', "test.cddl:1:7: unexpected '.': expected a control operator name, '..' or '...' (RFC 8610 Appendix B: ctlop)"],
  ['cut without =>', 'A = [ a ^ int ]', "test.cddl:1:11: expected '=>' after the cut '^' (RFC 8610 Appendix B: memberkey)"],
  // draft-ietf-spice-sd-cwt wrote `&(alg: 1): int`; the map used to end "expected '}'" at the colon.
  [
    "':' after a key that is a type",
    'A = { &(alg: 1): int }',
    "test.cddl:1:16: a ':' follows only a bareword or a value in a member key; for the key '&(alg: 1)' write '&(alg: 1) =>' (RFC 8610 Appendix B: memberkey)",
  ],
  ["':' after a range key", 'A = { 1..3: int }', "test.cddl:1:11: a ':' follows only a bareword or a value in a member key; for the key '1..3' write '1..3 =>' (RFC 8610 Appendix B: memberkey)"],
  [
    'control operator glued to a name',
    'A = tstr.size 3',
    "test.cddl:1:15: unexpected '3': expected a rule name; 'tstr.size' is one name, a control operator needs a space before its '.' (RFC 8610 Appendix B: rule)",
  ],
  ['unexpected character', 'A = €', "test.cddl:1:5: unexpected character '€' (U+20AC) (RFC 9682 Appendix A: cddl)"],
  ['a no-break space', 'A =\u00a01', 'test.cddl:1:4: unexpected character U+00A0 (a space that is not U+0020, which CDDL does not read as white space) (RFC 9682 Appendix A: cddl)'],
  ['a zero-width space', 'A = [int,\u200b tstr]', 'test.cddl:1:10: unexpected character U+200B (RFC 9682 Appendix A: cddl)'],
  ['control character outside strings', 'A = \u0001', 'test.cddl:1:5: unexpected character U+0001 (RFC 9682 Appendix A: cddl)'],
  // text strings
  ['unterminated text string', 'A = "abc', 'test.cddl:1:5: unterminated text string (RFC 8610 Appendix B: text)'],
  ['text string running into the next line', 'A = "abc\nB = 1', 'test.cddl:1:5: unterminated text string (RFC 8610 Appendix B: text)'],
  ['invalid escape', 'A = "a\\qb"', "test.cddl:1:7: invalid escape '\\q' in text string (RFC 9682 Appendix A: SESC)"],
  ["\\' is not an escape in text strings", `A = "\\'"`, "test.cddl:1:6: invalid escape '\\'' in text string (RFC 9682 Appendix A: SESC)"],
  ['short \\u escape', 'A = "\\u12"', "test.cddl:1:6: invalid escape '\\u': expected four hexadecimal digits or '{…}' (RFC 9682 Appendix A: hexchar)"],
  ['lone high surrogate', 'A = "\\uD83C"', "test.cddl:1:6: invalid escape '\\uD83C': a high surrogate must be followed by a low surrogate '\\uDC00'…'\\uDFFF' (RFC 9682 Appendix A: hexchar)"],
  ['lone low surrogate', 'A = "x\\uDC73"', "test.cddl:1:7: invalid escape '\\uDC73': a low surrogate must follow a high surrogate (RFC 9682 Appendix A: hexchar)"],
  ['\\u{} beyond Unicode', 'A = "\\u{110000}"', "test.cddl:1:6: invalid escape '\\u{110000}': not a Unicode scalar value (RFC 9682 Appendix A: hexscalar)"],
  ['\\u{} surrogate', 'A = "\\u{D800}"', "test.cddl:1:6: invalid escape '\\u{D800}': not a Unicode scalar value (RFC 9682 Appendix A: hexscalar)"],
  ['empty \\u{}', 'A = "\\u{}"', "test.cddl:1:6: invalid escape '\\u{…}': expected hexadecimal digits and a closing '}' (RFC 9682 Appendix A: hexchar)"],
  ['tab in a text string', 'A = "a\tb"', 'test.cddl:1:7: character U+0009 is not allowed in a text string; write it as an escape (RFC 9682 Appendix A: SCHAR)'],
  ['C1 control in a text string', 'A = "\u0085"', 'test.cddl:1:6: character U+0085 is not allowed in a text string (RFC 9682 Appendix A: SCHAR)'],
  ['DEL in a byte string', "A = 'a\u007f'", 'test.cddl:1:7: character U+007F is not allowed in a byte string; write it as an escape (RFC 9682 Appendix A: BCHAR)'],
  ['control character in a comment', 'A = int ; bad \u0007', 'test.cddl:1:15: character U+0007 is not allowed in a comment (RFC 9682 Appendix A: PCHAR)'],
  // byte strings
  ['unterminated byte string', "A = h'00", 'test.cddl:1:5: unterminated byte string (RFC 8610 Appendix B: bytes)'],
  ['odd number of hex digits', "A = h'12 3'", "test.cddl:1:10: odd number of hex digits (3) in hex byte string h'' (RFC 8610 §3.1: h'' holds base16)"],
  ['non-hex character', "A = h'12 3x'", "test.cddl:1:11: invalid character 'x' in hex byte string h'' (RFC 8610 §3.1: h'' holds base16)"],
  ["quote in a comment in h'' ends the string", "A = h'00 ; don't\n'", "test.cddl:1:15: a comment in a byte string must end with a line break before the closing quote; write a quote inside it as \\' (RFC 9682 §2: a comment in h'' or b64'' ends at a line break)"],
  ['comment up to the closing quote', "A = h'00 ; note'", "test.cddl:1:16: a comment in a byte string must end with a line break before the closing quote; write a quote inside it as \\' (RFC 9682 §2: a comment in h'' or b64'' ends at a line break)"],
  ['base64 of one character', "A = b64'A'", "test.cddl:1:9: invalid base64 in b64'': 1 character cannot encode whole bytes (RFC 8610 §3.1: b64'' holds base64 or base64url)"],
  ['padding in the middle', "A = b64'AQ=I'", "test.cddl:1:11: invalid base64 in b64'': '=' padding is only allowed at the end (RFC 8610 §3.1: b64'' holds base64 or base64url)"],
  ['bad base64 character', "A = b64'A*'", "test.cddl:1:10: invalid base64 in b64'': unexpected character '*' (RFC 8610 §3.1: b64'' holds base64 or base64url)"],
  ['mixed base64 alphabets', "A = b64'+-AA'", "test.cddl:1:10: invalid base64 in b64'': it mixes base64 ('+', '/') and base64url ('-', '_') characters (RFC 8610 §3.1: b64'' holds base64 or base64url)"],
  ['too much padding', "A = b64'AQ==='", "test.cddl:1:13: invalid base64 in b64'': 3 '=' padding characters do not fit 2 characters (RFC 8610 §3.1: b64'' holds base64 or base64url)"],
  // numbers
  ['leading zeros', 'A = 01', "test.cddl:1:5: invalid number '01': leading zeros are not allowed (RFC 8610 Appendix B: uint)"],
  ['0x without digits', 'A = 0x', "test.cddl:1:5: expected hexadecimal digits after '0x' (RFC 8610 Appendix B: uint)"],
  ['0b without binary digits', 'A = 0b2', "test.cddl:1:5: expected binary digits after '0b' (RFC 8610 Appendix B: uint)"],
  ['hex float without exponent', 'A = 0x1.abc', "test.cddl:1:5: invalid number '0x1.abc': a hexadecimal float needs a 'p' exponent (RFC 8610 Appendix B: hexfloat)"],
  [
    'decimal fraction after a hexadecimal integer',
    'A = 0x1.8e-2',
    `test.cddl:1:5: invalid number '0x1.8e-2': the grammar reads it as a hexadecimal integer with a decimal fraction (number = int "." fraction ["e" exponent]), which has no value; a hexadecimal float needs a 'p' exponent (RFC 8610 §2.2.1: number values are written as in C)`,
  ],
  [
    'decimal exponent after a binary integer',
    'A = -0b1E3',
    `test.cddl:1:5: invalid number '-0b1E3': the grammar reads it as a binary integer with a decimal fraction or exponent (number = int ["." fraction] ["e" exponent]), which has no value (RFC 8610 §2.2.1: number values are written as in C)`,
  ],
  ['minus without a number', 'A = -x', "test.cddl:1:5: expected a number after '-' (RFC 8610 Appendix B: int)"],
  ['octal', 'A = 0o17', "test.cddl:1:5: invalid number '0o17'; CDDL has no octal numbers, use 0x or 0b (RFC 8610 Appendix B: uint)"],
  ['0 followed by a letter', 'A = 0d12', "test.cddl:1:5: invalid number '0d12' (RFC 8610 Appendix B: uint)"],
  ['space before the ( of a tag', 'A = #6.32 (tstr)', "test.cddl:1:11: unexpected space between '#6.32' and '(': the '(' of a tag must follow directly (RFC 9682 Appendix A: type2)"],
  ['space before the ( of a type-numbered tag', 'A = #6.<t> (x)', "test.cddl:1:12: unexpected space between '#6.<t>' and '(': the '(' of a tag must follow directly (RFC 9682 Appendix A: type2)"],
];

describe('syntax errors', () => {
  it.each(cases)('%s', (_title, src, firstLine) => {
    expectError(src, firstLine);
  });

  it('deep nesting is an error (a resource limit: unsupported), not a stack overflow', () => {
    for (const [open, close] of [['[', ']'], ['(', ')'], ['{ a: ', '}'], ['g<', '>'], ['#6(', ')'], ['&(', ')']]) {
      const deep = `A = ${(open as string).repeat(100_000)}int${(close as string).repeat(100_000)}`;
      expect(syntaxError(deep, 'unsupported').detail).toBe('types and groups are nested more than 256 levels deep');
    }
    const ok = `A = ${'['.repeat(120)}int${']'.repeat(120)}`;
    expect(() => syntaxError(ok)).toThrow(/expected a syntax error/);
  });

  it('shows the offending line and a caret under the column', () => {
    const error = syntaxError('Foo = [\n    messageId: MessageId\n    status ]]\n');
    expect(error.message).toBe(
      [
        "test.cddl:3:13: unexpected ']': expected a rule name (RFC 8610 Appendix B: rule)",
        '  3 |     status ]]',
        '    |             ^',
      ].join('\n'),
    );
    expect(error.detail).toBe("unexpected ']': expected a rule name (RFC 8610 Appendix B: rule)");
    expect(error.span).toMatchObject({ file: 'test.cddl', line: 3, col: 13 });
  });

  it('keeps tabs in the caret line so that the caret lines up', () => {
    const error = syntaxError('A = [\n\t\tx: ]\n');
    expect(error.message.split('\n')[2]).toBe('    | \t\t   ^');
  });

  it('reports errors in CRLF files on the right line', () => {
    expectError('A = int\r\nB = [\r\n  x: \r\n]\r\n', "test.cddl:4:1: unexpected ']': expected a type (RFC 9682 Appendix A: type2)");
  });

  it('reports columns after a byte order mark as if it were not there', () => {
    expectError('\uFEFFA = ]', "test.cddl:1:5: unexpected ']': expected a type or a group entry (RFC 8610 Appendix B: rule)");
  });

  it('reports an error inside a multi-line h\'\' at its own line', () => {
    expectError("A = h'\n  00 11\n  2\n'", "test.cddl:3:3: odd number of hex digits (5) in hex byte string h'' (RFC 8610 §3.1: h'' holds base16)");
  });
});

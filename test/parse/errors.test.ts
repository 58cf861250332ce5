import { describe, expect, it } from 'vitest';
import { expectError, syntaxError } from './helpers.js';

/** [source, first line of the message]; the caret must sit under the reported column. */
const cases: [string, string, string][] = [
  // delimiters
  ['unclosed array at end of file', 'A = [\n  a: int,\n  b: tstr\n', "test.cddl:4:1: expected ']' to close the array opened at 1:5"],
  ['array closed with }', 'A = [ a: int }', "test.cddl:1:14: expected ']' to close the array opened at 1:5"],
  ['unclosed map', 'A = {\n  a: int\nB = 1', "test.cddl:3:3: expected '}' to close the map opened at 1:5"],
  ['unclosed inline group', 'A = (a: int', "test.cddl:1:12: expected ')' to close the group opened at 1:5"],
  ['unclosed parenthesised type', 'A = [ x: (int / tstr ]', "test.cddl:1:22: expected ')' to close the parenthesised type opened at 1:10"],
  ['unclosed enum group', 'A = &(a: 1', "test.cddl:1:11: expected ')' to close the group opened at 1:6"],
  ['unclosed tag', 'A = #6.32(tstr', "test.cddl:1:15: expected ')' to close the tag content opened at 1:10"],
  ['unclosed head number type', 'A = #6.<tstr(x)', "test.cddl:1:13: expected '>' to close the head number opened at 1:8"],
  ['unclosed generic arguments', 'A = foo<int tstr>', "test.cddl:1:13: expected ',' or '>' to close the generic arguments opened at 1:8"],
  ['unclosed generic parameters', 'A<T = T', "test.cddl:1:5: expected ',' or '>' to close the generic parameters opened at 1:2"],
  ['junk in a group', 'A = [ 1 2 = ]', "test.cddl:1:11: expected ']' to close the array opened at 1:5"],
  // rules
  ['no assignment', 'foo int', "test.cddl:1:5: expected '=', '/=' or '//=' after rule name 'foo'"],
  ['name alone at end of file', 'A = 1\nfoo', "test.cddl:2:4: expected '=', '/=' or '//=' after rule name 'foo'"],
  ['not a rule name', '= 1', "test.cddl:1:1: unexpected '=': expected a rule name"],
  ['stray token after a rule', 'A = x\n]', "test.cddl:2:1: unexpected ']': expected a rule name"],
  ['empty right side', 'A = ]', "test.cddl:1:5: unexpected ']': expected a type or a group entry"],
  ['/= with a group entry', '$x /= a: int', "test.cddl:1:7: '/=' adds choices to a type, but this is a group entry (use '//=' to add group choices)"],
  ['empty generic parameters', 'A<> = 1', "test.cddl:1:3: unexpected '>': expected a generic parameter name"],
  // types
  ['missing type after key', 'A = [ a: ]', "test.cddl:1:10: unexpected ']': expected a type"],
  ['missing type at end of file', 'A = "x": ', "test.cddl:1:10: unexpected end of file: expected a type"],
  ['missing range end', 'A = 1..', "test.cddl:1:8: unexpected end of file: expected a type"],
  ['unwrap without a name', 'A = ~ 3', "test.cddl:1:7: unexpected '3': expected a name after '~'"],
  ['enum without group or name', 'A = & 3', "test.cddl:1:7: unexpected '3': expected '(' or a group name after '&'"],
  ['chained operators', 'A = a .size 3 .regexp "x"', "test.cddl:1:15: unexpected '.regexp': operators do not chain; put parentheses around the left part"],
  ['dot without operator name', 'A = a . size 3', "test.cddl:1:7: unexpected '.': expected a control operator name, '..' or '...'"],
  ['cut without =>', 'A = [ a ^ int ]', "test.cddl:1:11: expected '=>' after the cut '^'"],
  [
    'control operator glued to a name',
    'A = tstr.size 3',
    "test.cddl:1:15: unexpected '3': expected a rule name ('tstr.size' is one name; a control operator needs a space before its '.')",
  ],
  ['unexpected character', 'A = €', "test.cddl:1:5: unexpected character '€'"],
  ['control character outside strings', 'A = \u0001', 'test.cddl:1:5: unexpected character U+0001'],
  // text strings
  ['unterminated text string', 'A = "abc', 'test.cddl:1:5: unterminated text string'],
  ['text string running into the next line', 'A = "abc\nB = 1', 'test.cddl:1:5: unterminated text string'],
  ['invalid escape', 'A = "a\\qb"', "test.cddl:1:7: invalid escape '\\q' in text string"],
  ["\\' is not an escape in text strings", `A = "\\'"`, "test.cddl:1:6: invalid escape '\\'' in text string"],
  ['short \\u escape', 'A = "\\u12"', "test.cddl:1:6: invalid escape '\\u': expected four hexadecimal digits or '{…}'"],
  ['lone high surrogate', 'A = "\\uD83C"', "test.cddl:1:6: invalid escape '\\uD83C': a high surrogate must be followed by a low surrogate '\\uDC00'…'\\uDFFF'"],
  ['lone low surrogate', 'A = "x\\uDC73"', "test.cddl:1:7: invalid escape '\\uDC73': a low surrogate must follow a high surrogate"],
  ['\\u{} beyond Unicode', 'A = "\\u{110000}"', "test.cddl:1:6: invalid escape '\\u{110000}': not a Unicode scalar value"],
  ['\\u{} surrogate', 'A = "\\u{D800}"', "test.cddl:1:6: invalid escape '\\u{D800}': not a Unicode scalar value"],
  ['empty \\u{}', 'A = "\\u{}"', "test.cddl:1:6: invalid escape '\\u{…}': expected hexadecimal digits and a closing '}'"],
  ['tab in a text string', 'A = "a\tb"', 'test.cddl:1:7: character U+0009 is not allowed in a text string (write it as an escape)'],
  ['C1 control in a text string', 'A = "\u0085"', 'test.cddl:1:6: character U+0085 is not allowed in a text string'],
  ['DEL in a byte string', "A = 'a\u007f'", 'test.cddl:1:7: character U+007F is not allowed in a byte string (write it as an escape)'],
  ['control character in a comment', 'A = int ; bad \u0007', 'test.cddl:1:15: character U+0007 is not allowed in a comment'],
  // byte strings
  ['unterminated byte string', "A = h'00", 'test.cddl:1:5: unterminated byte string'],
  ['odd number of hex digits', "A = h'12 3'", "test.cddl:1:10: odd number of hex digits (3) in hex byte string h''"],
  ['non-hex character', "A = h'12 3x'", "test.cddl:1:11: invalid character 'x' in hex byte string h''"],
  ["quote in a comment in h'' ends the string", "A = h'00 ; don't\n'", "test.cddl:1:15: a comment in a byte string must end with a line break before the closing quote (write a quote inside it as \\')"],
  ['comment up to the closing quote', "A = h'00 ; note'", "test.cddl:1:16: a comment in a byte string must end with a line break before the closing quote (write a quote inside it as \\')"],
  ['base64 of one character', "A = b64'A'", "test.cddl:1:9: invalid base64 in b64'': 1 character cannot encode whole bytes"],
  ['padding in the middle', "A = b64'AQ=I'", "test.cddl:1:11: invalid base64 in b64'': '=' padding is only allowed at the end"],
  ['bad base64 character', "A = b64'A*'", "test.cddl:1:10: invalid base64 in b64'': unexpected character '*'"],
  ['mixed base64 alphabets', "A = b64'+-AA'", "test.cddl:1:10: invalid base64 in b64'': it mixes base64 ('+', '/') and base64url ('-', '_') characters"],
  ['too much padding', "A = b64'AQ==='", "test.cddl:1:13: invalid base64 in b64'': 3 '=' padding characters do not fit 2 characters"],
  // numbers
  ['leading zeros', 'A = 01', "test.cddl:1:5: invalid number '01': leading zeros are not allowed"],
  ['0x without digits', 'A = 0x', "test.cddl:1:5: expected hexadecimal digits after '0x'"],
  ['0b without binary digits', 'A = 0b2', "test.cddl:1:5: expected binary digits after '0b'"],
  ['hex float without exponent', 'A = 0x1.8', "test.cddl:1:5: invalid number '0x1.8': a hexadecimal float needs a 'p' exponent"],
  ['minus without a number', 'A = -x', "test.cddl:1:5: expected a number after '-'"],
  ['float out of range', 'A = 1e999', "test.cddl:1:5: float literal '1e999' is out of range"],
  ['octal', 'A = 0o17', "test.cddl:1:5: invalid number '0o17' (CDDL has no octal numbers; use 0x or 0b)"],
  ['0 followed by a letter', 'A = 0d12', "test.cddl:1:5: invalid number '0d12'"],
  ['space before the ( of a tag', 'A = #6.32 (tstr)', "test.cddl:1:11: unexpected space between '#6.32' and '(': the '(' of a tag must follow directly"],
  ['space before the ( of a type-numbered tag', 'A = #6.<t> (x)', "test.cddl:1:12: unexpected space between '#6.<t>' and '(': the '(' of a tag must follow directly"],
];

describe('syntax errors', () => {
  it.each(cases)('%s', (_title, src, firstLine) => {
    expectError(src, firstLine);
  });

  it('deep nesting is an error, not a stack overflow', () => {
    for (const [open, close] of [['[', ']'], ['(', ')'], ['{ a: ', '}'], ['g<', '>'], ['#6(', ')'], ['&(', ')']]) {
      const deep = `A = ${(open as string).repeat(100_000)}int${(close as string).repeat(100_000)}`;
      expect(syntaxError(deep).detail).toBe('types and groups are nested more than 256 levels deep');
    }
    const ok = `A = ${'['.repeat(120)}int${']'.repeat(120)}`;
    expect(() => syntaxError(ok)).toThrow(/expected a syntax error/);
  });

  it('shows the offending line and a caret under the column', () => {
    const error = syntaxError('Foo = [\n    messageId: MessageId\n    status ]]\n');
    expect(error.message).toBe(
      [
        "test.cddl:3:13: unexpected ']': expected a rule name",
        '  3 |     status ]]',
        '    |             ^',
      ].join('\n'),
    );
    expect(error.detail).toBe("unexpected ']': expected a rule name");
    expect(error.span).toMatchObject({ file: 'test.cddl', line: 3, col: 13 });
  });

  it('keeps tabs in the caret line so that the caret lines up', () => {
    const error = syntaxError('A = [\n\t\tx: ]\n');
    expect(error.message.split('\n')[2]).toBe('    | \t\t   ^');
  });

  it('reports errors in CRLF files on the right line', () => {
    expectError('A = int\r\nB = [\r\n  x: \r\n]\r\n', "test.cddl:4:1: unexpected ']': expected a type");
  });

  it('reports columns after a byte order mark as if it were not there', () => {
    expectError('\uFEFFA = ]', "test.cddl:1:5: unexpected ']': expected a type or a group entry");
  });

  it('reports an error inside a multi-line h\'\' at its own line', () => {
    expectError("A = h'\n  00 11\n  2\n'", "test.cddl:3:3: odd number of hex digits (5) in hex byte string h''");
  });
});

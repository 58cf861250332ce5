/**
 * generator/layout/abnf.ts on its own: each ABNF construct (RFC 5234, RFC 7405)
 * as a regular expression, the controller form of RFC 9165 §3 (an element,
 * then the rules), the refusals with their place in the grammar, and the
 * examples of RFC 9165 matched against strings and bytes. Every pattern is
 * matched the way the generated code matches it: through regexpLiteral
 * (anchored, `u` flag), and for `.abnfb` on the bytes read as latin1.
 */
import { describe, expect, it } from 'vitest';
import { AbnfError, abnfCheck, abnfToRegExp, RFC5234_CORE_RULES, type AbnfOptions } from '../../generator/layout/abnf.js';
import { regexpLiteral } from '../../generator/emit/scalars.js';
import { matchesAbnf } from '../../templates/abnf-recogniser.js';

const TEXT: AbnfOptions = { alphabet: 'text' };
const BYTES: AbnfOptions = { alphabet: 'bytes' };

/** The regular expression the generated code tests with. */
function compiled(pattern: string): RegExp {
  return new Function(`return ${regexpLiteral(pattern)};`)() as RegExp;
}

/** A matcher for text: the controller's element, as `tstr .abnf` checks it. */
function text(controller: string, options: AbnfOptions = TEXT): (s: string) => boolean {
  const re = compiled(abnfToRegExp(controller, options));
  return (s) => re.test(s);
}

/** A matcher for bytes given in hex, as `bstr .abnfb` checks them (the bytes as latin1). */
function bytes(controller: string, options: AbnfOptions = BYTES): (hex: string) => boolean {
  const re = compiled(abnfToRegExp(controller, options));
  return (hex) => re.test(Array.from(Uint8Array.from((hex.match(/../g) ?? []).map((h) => parseInt(h, 16))), (b) => String.fromCharCode(b)).join(''));
}

/** The error a controller is refused with: `line:col: reason`. */
function refusal(controller: string, options: AbnfOptions = TEXT): string {
  try {
    abnfToRegExp(controller, options);
  } catch (error) {
    if (error instanceof AbnfError) return error.message;
    throw error;
  }
  return 'accepted';
}

const src = (controller: string, options: AbnfOptions = TEXT) => abnfToRegExp(controller, options);

describe('the controller (RFC 9165 §3): an element, then rules after a newline', () => {
  it('matches the element, here a rule name, with the rules that follow defining it', () => {
    expect(src('x\nx = "a"\n')).toBe('[Aa]');
  });
  it('takes any element: a quoted string, a num-val, a group, an option', () => {
    expect(src('"ab"')).toBe('[Aa][Bb]');
    expect(src('%x41-5A')).toBe('[A-Z]');
    expect(src('(a / "c")\na = "b"')).toBe('[BCbc]');
    expect(src('[a]\na = "b"')).toBe('[Bb]?');
  });
  it('allows the element on its own, white space and a comment after it, and blank lines before the rules', () => {
    expect(src('%x61')).toBe('a');
    expect(src('x  ; the rule to match\n\n   \n; a comment line\nx = %x61\n')).toBe('a');
  });
  it('selects one rule of a shared grammar by the element put in front of it', () => {
    const grammar = '\na = "a"\nb = "b"\n';
    expect(src(`a${grammar}`)).toBe('[Aa]');
    expect(src(`b${grammar}`)).toBe('[Bb]');
  });
  it('takes LF and CRLF newlines alike in the grammar itself', () => {
    expect(src('x\r\nx = %x61 ; c\r\n  %x62\r\n')).toBe('ab');
  });
  it('refuses a plain rule list, whose first line is a rule rather than an element', () => {
    expect(refusal('x = "a"')).toBe("1:3: expected a newline after the element to match, not '=' (RFC 9165 §3: the controller is an element such as a rule name, then the rules on the lines after it)");
  });
  it('takes a repetition or an alternation as what to match (RFC 9581: "time-zone-name / time-numoffset"), on its line only', () => {
    expect(src('1*x\nx = "a"')).toBe('[Aa]+');
    expect(src('a / b\na = "a"\nb = "b"\n')).toBe('[ABab]');
    expect(refusal('a /\n  b\na = "a"\nb = "b"\n')).toBe('1:4: expected an element (a rule name, "…", %x…, ( … ), [ … ]), not the end of the line (RFC 5234 §4: element)');
  });
  it('refuses an empty controller', () => {
    expect(refusal('')).toBe('1:1: expected the element to match (a rule name, for instance) before the grammar (RFC 9165 §3)');
    expect(refusal('\nx = "a"')).toBe('1:1: expected the element to match (a rule name, for instance) before the grammar (RFC 9165 §3)');
  });
  it('refuses rules that are indented, as .cat (rather than .det) leaves them', () => {
    expect(refusal('x\n  x = "a"\n')).toBe("2:3: expected a rule name at the start of the line, not 'x'; a rule must start at the beginning of its line: dedent the grammar, with .det for instance (RFC 5234 §4: rule)");
  });
});

describe('rules (RFC 5234 §2-3)', () => {
  it('names rules case-insensitively', () => {
    expect(src('x\nX = Foo\nfoo = "a"')).toBe('[Aa]');
  });
  it('adds alternatives with =/, also before the = definition', () => {
    const m = text('x\nx = %x61\nx =/ %x62\nx =/ %x63');
    expect(['a', 'b', 'c'].map(m)).toEqual([true, true, true]);
    expect(m('d')).toBe(false);
    expect(src('x\nx =/ %x62\nx = %x61')).toBe('[ab]');
  });
  it('continues a rule on lines that start with white space, comments included', () => {
    expect(src('x\nx = %x61 ; first\n    ; only a comment\n    %x62\n')).toBe('ab');
  });
  it('refuses a rule defined twice with =, and =/ on a rule never defined', () => {
    expect(refusal('x\nx = "a"\nx = "b"')).toBe("3:1: rule 'x' is defined twice; use '=/' to add alternatives (RFC 5234 §3.3)");
    expect(refusal('x\nx = "a"\ny =/ "b"')).toBe("3:1: '=/' adds alternatives to rule 'y', which is never defined with '=' (RFC 5234 §3.3)");
  });
  it('refuses a rule name used but not defined anywhere in the controller, even in a rule the element does not use', () => {
    expect(refusal('x\nx = y')).toBe("2:5: rule 'y' is not defined (RFC 9165 §3: the grammar defines every rule it uses)");
    expect(refusal('x\nx = "a"\nunused = "b" z')).toBe("3:14: rule 'z' is not defined (RFC 9165 §3: the grammar defines every rule it uses)");
  });
});

describe('operators and terminals (RFC 5234 §2.3, §3; RFC 7405)', () => {
  it('concatenation and alternation', () => {
    expect(src('x\nx = %x61 %x62 / %x63')).toBe('ab|c');
    const m = text('x\nx = %x61 %x62 / %x63');
    expect(['ab', 'c', 'a', 'abc', 'cb'].map(m)).toEqual([true, true, false, false, false]);
  });
  it('alternatives of single characters become one class', () => {
    expect(src('x\nx = %x61 / %x63-65 / %x62 / "Z"')).toBe('[Za-ez]');
  });
  it('repetitions: *, 1*, n*m, *m, n*, n', () => {
    expect(src('x\nx = *%x61')).toBe('a*');
    expect(src('x\nx = 1*%x61')).toBe('a+');
    expect(src('x\nx = 2*3%x61')).toBe('a{2,3}');
    expect(src('x\nx = *3%x61')).toBe('a{0,3}');
    expect(src('x\nx = 2*%x61')).toBe('a{2,}');
    expect(src('x\nx = 3%x61')).toBe('a{3}');
    expect(src('x\nx = 0*1%x61')).toBe('a?');
    expect(src('x\nx = 0%x61')).toBe('(?:)');
    expect(src('x\nx = 2*3(*%x61)')).toBe('(?:a*){2,3}');
    expect(src('x\nx = *(1*%x61) %x62')).toBe('(?:a+)*b');
    expect(src('x\nx = 2(3%x61)')).toBe('(?:a{3}){2}');
    const m = text('x\nx = 2*3(%x61 %x62)');
    expect(['abab', 'ababab', 'ab', 'abababab'].map(m)).toEqual([true, true, false, false]);
  });
  it('groups and options', () => {
    expect(src('x\nx = %x61 (%x62 / %x63 %x64) [%x65 %x66]')).toBe('a(?:b|cd)(?:ef)?');
    const m = text('x\nx = %x61 (%x62 / %x63 %x64) [%x65 %x66]');
    expect(['ab', 'acd', 'abef', 'acdef', 'ae', 'abe'].map(m)).toEqual([true, true, true, true, false, false]);
  });
  it('quoted strings are case-insensitive, letter by letter, with no i flag', () => {
    expect(src('x\nx = "aB1-"')).toBe('[Aa][Bb]1\\x2D');
    const m = text('x\nx = "aB1-"');
    expect(['ab1-', 'AB1-', 'Ab1-', 'ab1_'].map(m)).toEqual([true, true, true, false]);
  });
  it('%s"…" is case-sensitive and %i"…" case-insensitive (RFC 7405), in either case of the letter', () => {
    expect(src('x\nx = %s"aB"')).toBe('aB');
    expect(src('x\nx = %S"aB"')).toBe('aB');
    expect(src('x\nx = %i"aB"')).toBe('[Aa][Bb]');
    expect(text('x\nx = %s"aB"')('ab')).toBe(false);
  });
  it('the empty string matches only the empty string', () => {
    const m = text('x\nx = ""');
    expect([m(''), m('a')]).toEqual([true, false]);
  });
  it('num-vals: %x, %d, %b, single values, ranges and concatenations', () => {
    expect(src('x\nx = %x41')).toBe('A');
    expect(src('x\nx = %X41-5a')).toBe('[A-Z]');
    expect(src('x\nx = %x41.42.43')).toBe('ABC');
    expect(src('x\nx = %d65.66')).toBe('AB');
    expect(src('x\nx = %d48-57')).toBe('[0-9]');
    expect(src('x\nx = %b1000001')).toBe('A');
    expect(src('x\nx = %b110000-111001')).toBe('[0-9]');
  });
  it('escapes every character but ASCII letters and digits, so no syntax character, slash or newline is left bare', () => {
    const specials = '/.*+?()[]{}|^$\\-';
    const controller = `x\nx = ${[...specials].map((c) => `%x${c.charCodeAt(0).toString(16)}`).join(' ')} %x0A %x0D`;
    const pattern = src(controller);
    expect(pattern).not.toMatch(/[/.*+?()[\]{}|^$\n\r-]/);
    expect(text(controller)(`${specials}\n\r`)).toBe(true);
    expect(text('x\nx = "a.b"')('axb')).toBe(false);
  });
  it('lets a prose value match anything there, and tells of it, only where the element reaches it', () => {
    const told: string[] = [];
    const onProse = (words: string, line: number, col: number) => told.push(`${line}:${col} ${words}`);
    const m = text('x\nx = "id-" <a number in words>', { alphabet: 'text', onProse });
    expect(told).toEqual(['2:11 a number in words']);
    expect([m('id-'), m('ID-forty two'), m('id-\u{1F600}'), m('x-1'), m('i')]).toEqual([true, true, true, false, false]);
    const b = bytes('x\nx = %x00 <anything>', { alphabet: 'bytes', onProse });
    expect([b('00'), b('00ff80'), b('01')]).toEqual([true, true, false]);
    told.length = 0;
    expect(abnfToRegExp('x\nx = %x61\nunused = <words>', { alphabet: 'text', onProse })).toBe('a');
    expect(told).toEqual([]);
  });
});

describe('the alphabet: code points of text, bytes', () => {
  it('writes code points beyond U+FFFF as \\u{…}, which match one code point under the u flag', () => {
    expect(src('x\nx = %x1F600-1F64F')).toBe('[\\u{1F600}-\\u{1F64F}]');
    const m = text('x\nx = 1*%x1F600-1F64F');
    expect([m('😀'), m('😀🙏'), m('\uD83D'), m('a')]).toEqual([true, true, false, false]);
  });
  it('never matches a surrogate in text (text holds Unicode scalar values)', () => {
    expect(src('x\nx = %xD000-E000')).toBe('[\\uD000-\\uD7FF\\uE000]');
    const m = text('x\nx = *%x0-10FFFF');
    expect([m('a😀'), m('\uDC00'), m('a\uD800')]).toEqual([true, false, false]);
  });
  it('matches bytes as themselves, not as UTF-8', () => {
    const m = bytes('x\nx = %x80-FF %x61');
    expect([m('8061'), m('ff61'), m('c28061'), m('61')]).toEqual([true, true, false, false]);
  });
  it('a value beyond a byte (or beyond Unicode in text) matches nothing', () => {
    expect(src('x\nx = %x61 / %x100', BYTES)).toBe('a');
    expect(src('x\nx = %x100-1FF', BYTES)).toBe('[]');
    expect(bytes('x\nx = %x61.100')('61')).toBe(false);
    expect(src('x\nx = %x110000')).toBe('[]');
  });
});

describe('core rules (RFC 5234 Appendix B)', () => {
  it('are not imported implicitly (RFC 9165 §3): an undefined DIGIT is refused with the way out', () => {
    expect(refusal('x\nx = 1*DIGIT')).toBe("2:7: rule 'DIGIT' is not defined (RFC 9165 §3: core rules are not imported implicitly; add 'DIGIT = %x30-39' to the grammar, with .cat for instance)");
    expect(refusal('x\nx = 1*digit')).toContain("add 'DIGIT = %x30-39'");
  });
  it('work when the grammar defines them (RFC5234_CORE_RULES is their text)', () => {
    const m = text(`x\nx = ALPHA *(ALPHA / DIGIT / "-")\n${RFC5234_CORE_RULES}`);
    expect(['a', 'a-1', 'Z9', '1a', '-'].map(m)).toEqual([true, true, true, false, false]);
  });
  it('each, as RFC5234_CORE_RULES defines them, means what RFC 5234 Appendix B.1 says', () => {
    const core = (element: string) => `x\nx = ${element}\n${RFC5234_CORE_RULES}`;
    expect(src(core('ALPHA / DIGIT'), { alphabet: 'text' })).toBe('[0-9A-Za-z]');
    expect(src(core('HEXDIG'), { alphabet: 'text' })).toBe('[0-9A-Fa-f]');
    expect(src(core('CRLF'), { alphabet: 'text' })).toBe('\\x0D\\x0A');
    const lwsp = text(core('LWSP'));
    expect(['', ' \t', '\r\n ', '\r\n', '\n '].map(lwsp)).toEqual([true, true, true, false, false]);
    expect(bytes(core('*OCTET'), { alphabet: 'bytes' })('00ff80')).toBe(true);
    expect(text(core('1*VCHAR'))('a b')).toBe(false);
  });
});

describe('refusals', () => {
  // A recursive rule is no refusal: the recogniser checks it (abnf-recogniser.test.ts).
  it('syntax errors, at their line and column in the controller', () => {
    expect(refusal('x\nx "a"')).toBe("2:3: expected '=' or '=/' after the rule name 'x', not '\"' (RFC 5234 §4: defined-as)");
    expect(refusal('x\nx = ("a"')).toBe("2:9: expected ')' to close the group opened at 2:5, not the end of the grammar (RFC 5234 §4: group)");
    expect(refusal('x\nx = ["a" "b"\ny = "c"')).toBe("2:13: expected ']' to close the option opened at 2:5, not the end of the line (RFC 5234 §4: option)");
    expect(refusal('x\nx = "abc')).toBe('2:5: a quoted string without its closing \'"\' (RFC 5234 §4: char-val)');
    expect(refusal('x\nx = "aé"')).toBe('2:7: U+00E9 inside a quoted string, which may hold only space and visible ASCII characters; use %x… for others (RFC 5234 §4: char-val)');
    expect(refusal('x\nx = %q41')).toBe("2:5: expected %x, %d, %b, %s\"…\" or %i\"…\", not '%' (RFC 5234 §4: num-val)");
    expect(refusal('x\nx = %xG')).toBe("2:7: expected a hexadecimal digit in %x…, not 'G' (RFC 5234 §4: hex-val)");
    expect(refusal('x\nx = %x41-')).toBe('2:10: expected a hexadecimal digit in %x…, not the end of the grammar (RFC 5234 §4: hex-val)');
    expect(refusal('x\nx = %d1.')).toBe('2:9: expected a decimal digit in %d…, not the end of the grammar (RFC 5234 §4: dec-val)');
    expect(refusal('x\nx = "a""b"')).toBe("2:8: expected white space between two elements, before '\"' (RFC 5234 §4: concatenation)");
    expect(refusal('x\nx = "a" )')).toBe("2:9: expected the end of rule 'x', not ')' (RFC 5234 §4: rule)");
    expect(refusal('x\nx = ')).toBe('2:5: expected an element (a rule name, "…", %x…, ( … ), [ … ]), not the end of the grammar (RFC 5234 §4: element)');
    expect(refusal('x\nx = "a"\r"b"')).toBe('2:8: a carriage return not followed by a line feed (RFC 5234 §4: c-nl)');
    expect(refusal('x\nx = <words')).toBe("2:5: a prose value '<' without its closing '>' on the line (RFC 5234 §4: prose-val)");
  });
});

describe('parts that match nothing: valid ABNF, said and read exactly', () => {
  // RFC 5234 §3.6 gives `3*2"a"` at least 3 and at most 2 occurrences, §3.4 gives `%x62-61` the values from 0x62 to
  // 0x61: none either way, which is no error (they were refused as one). Both checks, the regular expression and the
  // recogniser, take the other alternatives and nothing from these.
  const grammars = ['x\nx = 3*2"a" / "b"', 'x\nx = %x62-61 / "b"', 'x\nx = "b" [%b1-0] / "c" 2*1"a"', 'x\nx = "b" / y 2*1y\ny = "a"'];
  const texts = ['', 'a', 'aa', 'aaa', 'b', 'ba', 'c', 'ca', 'bb', 'B'];
  it.each(grammars)('%s', (controller) => {
    const told: string[] = [];
    const onNothing = (reason: string, line: number, col: number) => told.push(`${line}:${col}: ${reason}`);
    const regular = text(controller, { ...TEXT, onNothing });
    const check = abnfCheck(controller, { ...TEXT, asData: true });
    if (!('grammar' in check)) throw new Error('asData gives the grammar');
    // "b" is case-insensitive (RFC 5234 §2.3); "c" 2*1"a" is no "c".
    const taken = texts.filter((t) => t === 'b' || t === 'B');
    expect(texts.filter(regular)).toEqual(taken);
    expect(texts.filter((t) => matchesAbnf(t, check.grammar))).toEqual(taken);
    expect(told.length).toBeGreaterThan(0);
  });
  it('says where and why', () => {
    const told: string[] = [];
    abnfToRegExp('x\nx = 3*2"a" / %x5A-41', { ...TEXT, onNothing: (reason, line, col) => told.push(`${line}:${col}: ${reason}`) });
    expect(told).toEqual([
      '2:5: repetition 3*2 matches nothing: its minimum is above its maximum (RFC 5234 §3.6: at least 3 and at most 2 occurrences)',
      '2:14: range %x5A-41 matches nothing: its first value is above its second (RFC 5234 §3.4: the values from the first to the second)',
    ]);
  });
});

describe('patterns a backtracking engine reads in linear time', () => {
  it('an empty string in a concatenation is dropped, so single characters around it merge into one class', () => {
    // RFC 9193's quoted-string as draft-ietf-rats-msg-wrap (CMW) writes it, inside a CDDL '…' string whose \" leaves `""`:
    // quoted-pair is then any printable character, beside qdtext under one star. As `(?:[…]|(?:)[ -~])*` a 55-character
    // text took V8 66 s; as one class it is linear.
    const grammar = 'q\nq = %x22 *( qdtext / quoted-pair ) %x22\nqdtext = %x20 / %x21 / %x23-5B / %x5D-7E\nquoted-pair = "" ( %x20 / %x21-7E )\n';
    expect(src(grammar)).toBe('\\x22[\\x20-\\x7E]*\\x22');
    expect(src('a\na = "" "x" ""\n')).toBe('[Xx]'); // ABNF strings ignore case (RFC 5234 §2.3)
    expect(src('a\na = ""\n')).toBe('(?:)');
    const q = text(grammar);
    expect(q('"a\\"b"')).toBe(true);
    expect(q(`"${' ;=|'.repeat(50)}`)).toBe(false);
  });
});

describe('the examples of RFC 9165', () => {
  // Figure 3 (.det): "oid" .det cbor-tags-oid, as the dedenting concatenation gives it (Figure 4).
  const cborTagsOid = '\noid = 1*arc\nroid = *arc\narc = [nlsb] %x00-7f\nnlsb = %x81-ff *%x80-ff\n';

  it('oid: one or more arcs, each a base-128 number with no leading 0x80 (.abnfb)', () => {
    const oid = bytes(`oid${cborTagsOid}`);
    expect(['2b0601', '2a864886f70d', '06', '8101'].map(oid)).toEqual([true, true, true, true]);
    expect(['', '2a86', '8001', '86', '2b06ff'].map(oid)).toEqual([false, false, false, false, false]);
  });
  it('roid: zero or more arcs', () => {
    const roid = bytes(`roid${cborTagsOid}`);
    expect(['', '2b0601'].map(roid)).toEqual([true, true]);
    expect(roid('86')).toBe(false);
  });

  // Figure 5: RFC 3339 dates; the grammar .det the (abbreviated) core rules, the element put in front with .cat.
  const rfc3339 = [
    '',
    'date-fullyear   = 4DIGIT',
    'date-month      = 2DIGIT  ; 01-12',
    'date-mday       = 2DIGIT  ; 01-28, 01-29, 01-30, 01-31 based on',
    '                          ; month/year',
    'time-hour       = 2DIGIT  ; 00-23',
    'time-minute     = 2DIGIT  ; 00-59',
    'time-second     = 2DIGIT  ; 00-58, 00-59, 00-60 based on leap sec',
    '                          ; rules',
    'time-secfrac    = "." 1*DIGIT',
    'time-numoffset  = ("+" / "-") time-hour ":" time-minute',
    'time-offset     = "Z" / time-numoffset',
    '',
    'partial-time    = time-hour ":" time-minute ":" time-second',
    '                  [time-secfrac]',
    'full-date       = date-fullyear "-" date-month "-" date-mday',
    'full-time       = partial-time time-offset',
    '',
    'date-time       = full-date "T" full-time',
    '',
    'DIGIT          =  %x30-39 ; 0-9',
    '; abbreviated here',
    '',
  ].join('\n');

  it('full-date (tag 1004, RFC 8943)', () => {
    const fullDate = text(`full-date${rfc3339}`);
    expect(fullDate('2021-12-24')).toBe(true);
    expect(['2021-1-24', '20211224', '2021-12-24T00:00:00Z', '２０２１-12-24'].map(fullDate)).toEqual([false, false, false, false]);
  });
  it('date-time (tag 0, RFC 8949), whose "T" and "Z" are case-insensitive as in RFC 3339 §5.6', () => {
    const dateTime = text(`date-time${rfc3339}`);
    expect(['1985-04-12T23:20:50.52Z', '1996-12-19T16:39:57-08:00', '1990-12-31t23:59:60z'].map(dateTime)).toEqual([true, true, true]);
    expect(['1985-04-12 23:20:50Z', '1985-04-12T23:20:50', '1985-04-12T23:20:50.Z'].map(dateTime)).toEqual([false, false, false]);
  });
});

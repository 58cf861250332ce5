/**
 * `.printf` (RFC 9741 §2.3) beyond integers and whole text: floating-point
 * conversions (checked against glibc's own output), `*` widths and
 * precisions, and a precision on %s (the text is cut). First the helper of
 * templates/printf.ts, then the general matcher, then generated code
 * (decoder, guard and encoder agree).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../generator/index.js';
import { matchesPrintf, type PrintfArg } from '../../templates/text-controls.js';
import { fitsFloat16 } from '../../templates/runtime.js';
import { accepts } from '../general/support.js';
import { typecheck } from '../support/typecheck.js';

const any = () => true;
/** Exactly the value `x` (NaN: any NaN); `x` as a hint, since printf rounds and x may lie far from the number written. */
const only = (x: number): PrintfArg => ({ test: (v) => (Number.isNaN(x) ? Number.isNaN(v) : Object.is(v, x)), hints: [x] });
const number = (v: unknown): v is number => typeof v === 'number';

describe('floating-point conversions', () => {
  // printf(format, value) as glibc 2.x writes it (gcc, x86-64): rounding half to even on the exact binary value.
  const glibc: [string, number, string][] = [
    ['%.2f', 0.125, '0.12'],
    ['%.2f', 0.375, '0.38'],
    ['%.0f', 0.5, '0'],
    ['%.0f', 2.5, '2'],
    ['%#.0f', 3.0, '3.'],
    ['%08.2f', -3.14159, '-0003.14'],
    ['%e', 0.0, '0.000000e+00'],
    ['%.1e', 0.25, '2.5e-01'],
    ['%E', 1e100, '1.000000E+100'],
    ['%.0e', 9.5, '1e+01'],
    ['%#.0e', 5.0, '5.e+00'],
    ['%+.3e', 123456.0, '+1.235e+05'],
    ['%g', 0.0001, '0.0001'],
    ['%g', 100000.0, '100000'],
    ['%g', 1000000.0, '1e+06'],
    ['%#g', 1.0, '1.00000'],
    // C17 7.21.6.1: `#` keeps the trailing zeros after a rounding carry too (glibc writes "1.e+02" here, a bug of its own).
    ['%#.2g', 99.5, '1.0e+02'],
    ['%g', 1e-5, '1e-05'],
    ['%G', 1.5e-10, '1.5E-10'],
    ['%.3g', 99.95, '100'],
    ['%a', 1.0, '0x1p+0'],
    ['%a', 0.0, '0x0p+0'],
    ['%a', 5e-324, '0x0.0000000000001p-1022'],
    ['%A', 255.5, '0X1.FFP+7'],
    ['%.0a', 1.5, '0x2p+0'],
    ['%.1a', 1.96875, '0x2.0p+0'],
    ['%010a', 1.5, '0x001.8p+0'],
    ['%#a', 1.0, '0x1.p+0'],
    ['%5f', Infinity, '  inf'],
    ['%-6f|', NaN, 'nan   |'],
    ['%+F', Infinity, '+INF'],
    ['%05e', -Infinity, ' -inf'],
    ['%f', NaN, '-nan'],
    ['%G', NaN, 'NAN'],
    ['%.3f', 1e-320, '0.000'],
    ['%f', 1e20, '100000000000000000000.000000'],
    ['%.1f', 0.05, '0.1'],
    ['%.1f', 0.15, '0.1'],
    ['%.1f', 0.25, '0.2'],
    // The greatest double, rounded up past it: the number written is no double (it was taken for none).
    ['%.0e', Number.MAX_VALUE, '2e+308'],
    ['%.1G', Number.MAX_VALUE, '2E+308'],
    ['%.2a', Number.MAX_VALUE, '0x2.00p+1023'],
    ['%#.0a', -Number.MAX_VALUE, '-0x2.p+1023'],
  ];
  it.each(glibc)('%s of %d is %j, and only that', (format, value, text) => {
    expect(matchesPrintf(text, format, [only(value)])).toBe(true);
    expect(matchesPrintf(text, format, [any])).toBe(true);
    // One character more or one digit changed is what no value prints (for this value, or, when the digit moved, at all).
    expect(matchesPrintf(`${text}0`, format, [only(value)])).toBe(false);
    const last = text.search(/[0-9](?=[^0-9]*$)/);
    if (last >= 0) expect(matchesPrintf(text.slice(0, last) + String((Number(text[last]) + 1) % 10) + text.slice(last + 1), format, [only(value)])).toBe(false);
  });

  it('a plain float: any number written the way the conversion writes it, and inf/nan as glibc does', () => {
    const yes = ['3.14', '-0.00', '0.00', '123456789012.50', 'inf', '-inf', 'nan', '-nan'];
    const no = ['3.1', '3.140', '.14', '3,14', '+3.14', ' 3.14', '1e3', 'infinity', 'NAN', 'Inf', ''];
    for (const text of yes) expect(matchesPrintf(text, '%.2f', [number]), text).toBe(true);
    for (const text of no) expect(matchesPrintf(text, '%.2f', [number]), text).toBe(false);
    // Beyond 2^53 a double is an even integer and printf writes its exact value: 2^60 + 1 is no double.
    expect(matchesPrintf('1152921504606846976.00', '%.2f', [number])).toBe(true);
    expect(matchesPrintf('1152921504606846977.00', '%.2f', [number])).toBe(false);
    expect(matchesPrintf('1.797693e+308', '%e', [number])).toBe(true);
    expect(matchesPrintf('1.797694e+308', '%e', [number])).toBe(false);
  });

  it('the argument type bounds the value: its float width and its range, rounding at the ends', () => {
    const half = (v: unknown) => number(v) && fitsFloat16(v);
    expect(matchesPrintf('65504.00', '%.2f', [half])).toBe(true);
    expect(matchesPrintf('65505.00', '%.2f', [half])).toBe(false);
    expect(matchesPrintf('0.10', '%.2f', [half])).toBe(true); // 0.0999755859375
    expect(matchesPrintf('0.10000', '%.5f', [half])).toBe(false); // the nearest halves print 0.09998 and 0.10004
    expect(matchesPrintf('7.e+04', '%#.0e', [half])).toBe(true); // 65504, the largest half
    const range = (lo: number, hi: number, hiInclusive = true): PrintfArg => ({ test: (v) => number(v) && v >= lo && (hiInclusive ? v <= hi : v < hi), hints: [lo, hi] });
    expect(matchesPrintf('1', '%.0f', [range(0, 1)])).toBe(true);
    expect(matchesPrintf('1', '%.0f', [range(0, 1, false)])).toBe(true); // 0.99999… rounds up
    expect(matchesPrintf('1', '%.0f', [range(0, 0.5)])).toBe(false); // 0.5 rounds to even: 0
    expect(matchesPrintf('1', '%.0f', [range(0, 0.5000001)])).toBe(true);
    expect(matchesPrintf('0', '%.0f', [range(0.3, 0.4)])).toBe(true); // no value near 0 itself, but 0.3 prints 0
    expect(matchesPrintf('-0.00', '%.2f', [range(0, 1)])).toBe(true); // -0.0 is in 0.0..1.0
    expect(matchesPrintf('-0.01', '%.2f', [range(0, 1)])).toBe(false);
    expect(matchesPrintf('1.01', '%.2f', [range(0, 1)])).toBe(false);
    expect(matchesPrintf('inf', '%f', [range(0, 1)])).toBe(false);
    expect(matchesPrintf('nan', '%f', [range(0, 1)])).toBe(false);
  });
});

describe("'*' widths and precisions", () => {
  const ints = (lo: number, hi: number): PrintfArg => ({ test: (v) => number(v) && v >= lo && v <= hi, hints: [lo, hi] });
  it('a width argument pads exactly as that width does', () => {
    expect(matchesPrintf('  5', '%*d', [ints(1, 3), any])).toBe(true);
    expect(matchesPrintf('5', '%*d', [ints(1, 3), any])).toBe(true);
    expect(matchesPrintf('   5', '%*d', [ints(1, 3), any])).toBe(false);
    expect(matchesPrintf('12345', '%*d', [ints(1, 3), any])).toBe(true);
    expect(matchesPrintf('5', '%*d', [ints(5, 9), any])).toBe(false); // width 5 at least pads
    expect(matchesPrintf('12345', '%*d', [ints(5, 9), any])).toBe(true);
    // A negative width is the '-' flag.
    expect(matchesPrintf('5  |', '%*d|', [ints(-3, -1), any])).toBe(true);
    expect(matchesPrintf('  5|', '%*d|', [ints(-3, -1), any])).toBe(false);
    expect(matchesPrintf('ab   ', '%*s', [ints(-5, -5), any])).toBe(true);
  });

  it('a precision argument: digits, or none when negative', () => {
    expect(matchesPrintf('1.50', '%.*f', [ints(0, 2), number])).toBe(true);
    expect(matchesPrintf('2', '%.*f', [ints(0, 2), number])).toBe(true);
    expect(matchesPrintf('1.500', '%.*f', [ints(0, 2), number])).toBe(false);
    expect(matchesPrintf('1.500000', '%.*f', [ints(-9, -1), number])).toBe(true); // negative: as if none, 6
    expect(matchesPrintf('1.5', '%.*f', [ints(-9, -1), number])).toBe(false);
    expect(matchesPrintf('005', '%.*d', [ints(3, 3), any])).toBe(true);
    expect(matchesPrintf('005', '%.*d', [ints(-5, -1), any])).toBe(false);
    expect(matchesPrintf('00005', '%0*.*d', [ints(5, 5), ints(-1, -1), any])).toBe(true); // no precision: '0' pads
    expect(matchesPrintf('   05', '%0*.*d', [ints(5, 5), ints(2, 2), any])).toBe(true); // a precision: spaces pad
    // %g drops trailing zeros: 0.5 is what every precision from 1 up writes, so a large one is allowed.
    expect(matchesPrintf('0.5', '%.*g', [ints(100, 200), number])).toBe(true);
    expect(matchesPrintf('0.1', '%.*g', [ints(100, 200), number])).toBe(false); // 0.1000000000000000055511151231257827…
    expect(matchesPrintf('0.1', '%.*g', [ints(3, 16), number])).toBe(true);
  });
});

describe('a precision on %s: the text is cut', () => {
  const values = (...texts: string[]): PrintfArg => ({ test: (v) => texts.includes(v as string), longer: (t) => texts.some((s) => s.length > t.length && s.startsWith(t)) });
  it('a value no longer than the precision, or the start of a longer one', () => {
    const text: PrintfArg = { test: (v) => typeof v === 'string', longer: () => true };
    for (const t of ['ab', 'a', '', 'é']) expect(matchesPrintf(t, '%.2s', [text]), t).toBe(true);
    for (const t of ['abc', 'éa']) expect(matchesPrintf(t, '%.2s', [text]), t).toBe(false); // 'éa' is 3 bytes
    expect(matchesPrintf('he', '%.2s', [values('hello', 'hi')])).toBe(true);
    expect(matchesPrintf('hi', '%.2s', [values('hello', 'hi')])).toBe(true);
    expect(matchesPrintf('h', '%.2s', [values('hello', 'hi')])).toBe(false);
    expect(matchesPrintf('hx', '%.2s', [values('hello', 'hi')])).toBe(false);
    expect(matchesPrintf('  he|', '%4.2s|', [values('hello')])).toBe(true);
    expect(matchesPrintf('he', '%.*s', [{ test: (v) => v === 2 || v === 9, hints: [2, 9] }, values('hello')])).toBe(true);
    expect(matchesPrintf('hello', '%.*s', [{ test: (v) => v === 2 || v === 9, hints: [2, 9] }, values('hello')])).toBe(true);
    expect(matchesPrintf('hel', '%.*s', [{ test: (v) => v === 2 || v === 9, hints: [2, 9] }, values('hello')])).toBe(false);
  });
});

describe('whole characters', () => {
  it('no conversion writes half of a character outside the BMP (a surrogate pair stays together)', () => {
    const oneCharacter: PrintfArg = { test: (v) => typeof v === 'string' && /^.$/u.test(v) };
    expect(matchesPrintf('😀', '%s%s', [oneCharacter, oneCharacter])).toBe(false);
    expect(matchesPrintf('😀😀', '%s%s', [oneCharacter, oneCharacter])).toBe(true);
    expect(matchesPrintf('a😀', '%s%s', [oneCharacter, oneCharacter])).toBe(true);
  });
});

describe('the general matcher', () => {
  it('reads the same arguments from the program', () => {
    expect(accepts('a = tstr .printf ["%.1f|%*d", 0.0..1.0, 1..3, int]', '"0.5|  7"')).toBe(true);
    expect(accepts('a = tstr .printf ["%.1f|%*d", 0.0..1.0, 1..3, int]', '"1.1|  7"')).toBe(false);
    expect(accepts('a = tstr .printf ["%.1f|%*d", 0.0..1.0, 1..3, int]', '"0.5|   7"')).toBe(false);
    expect(accepts('a = tstr .printf ["%.1f", float16]', '"0.1"')).toBe(true);
    expect(accepts('a = tstr .printf ["%.5f", float16]', '"0.10000"')).toBe(false);
    expect(accepts('a = tstr .printf ["%.3s", "hello" / "hi"]', '"hel"')).toBe(true);
    expect(accepts('a = tstr .printf ["%.3s", "hello" / "hi"]', '"he"')).toBe(false);
    expect(accepts('a = tstr .printf ["%.3s", tstr .size (4..8)]', '"abc"')).toBe(true);
    expect(accepts('a = tstr .printf ["%.3s", tstr .size (4..8)]', '"ab"')).toBe(false);
    // A pattern: the cut text is a value, or a proper prefix of a longer one (templates/regexp-prefixes.ts).
    for (const [text, ok] of [['"aa"', true], ['"ab"', true], ['"ba"', false], ['"a"', false], ['"b"', false]] as const) expect(accepts('a = tstr .printf ["%.2s", tstr .regexp "a+b"]', text), text).toBe(ok);
  });
});

describe('in generated code: decoder, guard and encoder agree', () => {
  const rows: [string, string[], string[]][] = [
    ['price = text .printf (["%.2f", float])', ['3.14', '-0.00', 'inf', 'nan'], ['3.1', '3.141', '']],
    ['ratio = text .printf (["%5.1f%%", 0.0..1.0])', ['  0.5%', '  1.0%', '  0.0%'], ['  1.1%', '0.5%', ' -0.1%']],
    ['sci = text .printf (["%.3e", float16])', ['6.550e+04', '1.000e-01'], ['6.551e+04', '1.0e-01']],
    ['hexf = text .printf (["%a", float32])', ['0x1.8p+0', '0x1p-149'], ['0x1.0000000000001p+0', '0x1p-1074']],
    ['padded = text .printf (["%*d", 1..4, 0..99])', ['  42', '42', ' 7'], ['   42', '042', '100']],
    ['digits = text .printf (["%.*f", 0..2, float])', ['1.50', '2', '0.1'], ['1.500', '1.']],
    ['short = text .printf (["%.3s", "hello" / "hi"])', ['hel', 'hi'], ['he', 'hello']],
    ['sized = text .printf (["[%.2s]", tstr .size (1..3)])', ['[ab]', '[a]'], ['[]', '[abc]']],
    // Cut values of a pattern: "ab" itself, or the start of "aab…"; nothing shorter is a value.
    ['cut = text .printf (["[%.2s]", tstr .regexp "a+b"])', ['[ab]', '[aa]'], ['[a]', '[ba]', '[b]', '[bb]', '[abb]', '[]']],
    // A class subtraction (a lookahead in JavaScript): consonants, then x.
    ['consonants = text .printf (["%.2s", tstr .regexp "[a-z-[aeiou]]+x"])', ['bc', 'bx', 'xb'], ['ba', 'b', 'x', 'xa', 'ex']],
    // An argument that is a choice no one shape says was refused as invalid CDDL; the general matcher tries each value.
    ['either = text .printf (["<%s>", "" / (tstr .size 3)])', ['<>', '<abc>', '<é1>'], ['<ab>', '<abcd>', 'abc', '<>>']],
    ['whole = text .printf (["%d", 1 / 3.5])', ['1'], ['3.5', '3', '4', '1.0']],
    // Inside a .cat, which the matcher then checks split by split.
    ['catted = "<" .cat (text .printf (["%s>", "" / (tstr .size 3)]))', ['<>', '<abc>'], ['<ab>', 'abc>', '<abcd>', '<>>']],
  ];
  const schema = [`all = [${rows.map(([rule]) => rule.split(' ')[0]).join(', ')}]`, ...rows.map(([rule]) => rule), ''].join('\n');
  let dir = '';
  let mod: Record<string, (v: unknown) => unknown> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'printf-'));
    const files = compile([{ path: 'x.cddl', text: schema }]);
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
    for (const f of files) writeFileSync(join(dir, f.path), f.contents);
    expect(files.map((f) => f.path)).toContain('printf.ts');
    expect(typecheck(files.map((f) => join(dir, f.path)), { moduleResolution: 'nodenext' })).toEqual([]);
    mod = (await import(pathToFileURL(join(dir, 'x.ts')).href)) as typeof mod;
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(rows)('%s', (rule, good, bad) => {
    const name = rule.split(' ')[0] as string;
    const pascal = name.charAt(0).toUpperCase() + name.slice(1);
    const [is, encode, decode] = [mod[`is${pascal}`], mod[`encode${pascal}`], mod[`decode${pascal}`]] as ((v: unknown) => unknown)[];
    for (const text of good) {
      expect(is?.(text), `guard ${JSON.stringify(text)}`).toBe(true);
      expect(decode?.(encode?.(text)), `round trip ${JSON.stringify(text)}`).toBe(text);
    }
    for (const text of bad) {
      expect(is?.(text), `guard ${JSON.stringify(text)}`).toBe(false);
      expect(() => encode?.(text), `encoder ${JSON.stringify(text)}`).toThrow(/./);
      const bytes = encodeText(text);
      let thrown: unknown = null;
      try {
        decode?.(bytes);
      } catch (e) {
        thrown = e;
      }
      expect(mod.isDecodeError?.(thrown), `decoder ${JSON.stringify(text)}`).toBe(true);
    }
  });
});

/** A CBOR text string (shorter than 24 bytes). */
function encodeText(text: string): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  return Uint8Array.of(0x60 + bytes.length, ...bytes);
}

/**
 * The RFC 9741 text controls and `.ne` on values other than integers: the
 * helpers of templates/text-controls.ts on the test vectors of RFC 4648 §10,
 * RFC 9285 §4.3 and RFC 9741's own examples; then a schema with every
 * control, generated, type-checked, and its decoder, guard and encoder
 * asked about the same values (test/corpus/constructs.ts has one row per
 * control as well, for the decoder and re-encoding).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../generator/index.js';
import { decodeBase, encodesBytes, holdsJson, isBase10, jsonToCbor, matchesJoin, matchesPrintf, type BaseEncoding } from '../../templates/text-controls.js';
import { typecheck } from '../support/typecheck.js';

const ascii = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array | undefined) => (b === undefined ? undefined : [...b].map((x) => x.toString(16).padStart(2, '0')).join(''));

describe('base encodings (RFC 4648 §10, RFC 9285 §4.3)', () => {
  const rfc4648: [string, Record<string, string>][] = [
    ['', { b64c: '', b64u: '', b32: '', h32: '', hex: '' }],
    ['f', { b64c: 'Zg==', b64u: 'Zg', b32: 'MY', h32: 'CO', hex: '66' }],
    ['fo', { b64c: 'Zm8=', b64u: 'Zm8', b32: 'MZXQ', h32: 'CPNG', hex: '666F' }],
    ['foo', { b64c: 'Zm9v', b64u: 'Zm9v', b32: 'MZXW6', h32: 'CPNMU', hex: '666F6F' }],
    ['foob', { b64c: 'Zm9vYg==', b64u: 'Zm9vYg', b32: 'MZXW6YQ', h32: 'CPNMUOG', hex: '666F6F62' }],
    ['fooba', { b64c: 'Zm9vYmE=', b64u: 'Zm9vYmE', b32: 'MZXW6YTB', h32: 'CPNMUOJ1', hex: '666F6F6261' }],
    ['foobar', { b64c: 'Zm9vYmFy', b64u: 'Zm9vYmFy', b32: 'MZXW6YTBOI', h32: 'CPNMUOJ1E8', hex: '666F6F626172' }],
  ];
  it.each(rfc4648)('%j in every encoding', (plain, encodings) => {
    for (const [encoding, text] of Object.entries(encodings)) {
      expect(hex(decodeBase(text, encoding as BaseEncoding)), `${encoding} ${text}`).toBe(hex(ascii(plain)));
    }
    expect(hex(decodeBase(encodings.hex as string, 'hexuc'))).toBe(hex(ascii(plain)));
    expect(hex(decodeBase((encodings.hex as string).toLowerCase(), 'hexlc'))).toBe(hex(ascii(plain)));
  });

  it('RFC 9285 base45', () => {
    expect(hex(decodeBase('BB8', 'b45'))).toBe(hex(ascii('AB')));
    expect(hex(decodeBase('%69 VD92EX0', 'b45'))).toBe(hex(ascii('Hello!!')));
    expect(hex(decodeBase('UJCLQE7W581', 'b45'))).toBe(hex(ascii('base-45')));
    expect(hex(decodeBase('QED8WEX0', 'b45'))).toBe(hex(ascii('ietf!')));
    // GGW is 65536, one too many for two bytes; a lone character is no group; the alphabet is upper case.
    for (const bad of ['GGW', 'B', 'bb8', 'BB8A', ':::']) expect(decodeBase(bad, 'b45'), bad).toBeUndefined();
  });

  it('strict: the alphabet, the padding and the unused bits; sloppy: any unused bits', () => {
    for (const [text, encoding] of [
      ['Zg=', 'b64c'],
      ['Zg', 'b64c'],
      ['Zg==', 'b64u'],
      ['Zh==', 'b64c'],
      ['Zh', 'b64u'],
      ['Z-==', 'b64c'],
      ['Z+', 'b64u'],
      ['Z', 'b64u'],
      ['MZ', 'b32'],
      ['my', 'b32'],
      ['MY==', 'b32'],
      ['CW', 'h32'],
      ['666', 'hex'],
      ['6g', 'hex'],
      ['6F', 'hexlc'],
      ['6f', 'hexuc'],
    ] as const) {
      expect(decodeBase(text, encoding), `${encoding} ${text}`).toBeUndefined();
    }
    expect(hex(decodeBase('Zh==', 'b64c-sloppy'))).toBe('66');
    expect(hex(decodeBase('Zh', 'b64u-sloppy'))).toBe('66');
    expect(decodeBase('Z', 'b64u-sloppy')).toBeUndefined();
    expect(hex(decodeBase('6f6F', 'hex'))).toBe('6f6f');
  });

  it('the controller tests the bytes', () => {
    expect(encodesBytes('AQI', 'b64u', (b) => b.length === 2)).toBe(true);
    expect(encodesBytes('AQ', 'b64u', (b) => b.length === 2)).toBe(false);
    expect(encodesBytes('AQ', 'b64u')).toBe(true);
  });
});

describe('.decimal, .json, .printf, .join', () => {
  it('.decimal: 0|-?[1-9][0-9]* and the value', () => {
    for (const yes of ['0', '7', '-7', '9223372036854775807', '-18446744073709551617']) expect(isBase10(yes), yes).toBe(true);
    for (const no of ['', '-0', '007', '+1', '1.0', '1e3', ' 1', '1 ', '٣']) expect(isBase10(no), no).toBe(false);
    // RFC 9741 §2.2's example: yang-json-sid = text .base10 (0..9223372036854775807)
    const sid = (n: number | bigint) => n >= 0 && n <= 9223372036854775807n;
    expect(isBase10('9223372036854775807', sid)).toBe(true);
    expect(isBase10('9223372036854775808', sid)).toBe(false);
  });

  it('.json: RFC 8949 §6.2 conversion', () => {
    expect(hex(jsonToCbor('{"a": [1, -1, 1.5, true, null, "x"]}'))).toBe('a16161860120f93e00f5f66178');
    expect(hex(jsonToCbor('18446744073709551616'))).toBe('c249010000000000000000');
    expect(hex(jsonToCbor('1.0'))).toBe('f93c00');
    // Rounded to binary64 (docs/cddl-support.md): below the least subnormal is 0.0; what rounds to infinity (1e999) is refused below.
    expect(hex(jsonToCbor('1e-400'))).toBe('f90000');
    expect(hex(jsonToCbor('"\\ud83d\\ude00"'))).toBe('64f09f9880');
    for (const bad of ['', '01', '[1,]', '{"a":1,"a":2}', '"\\ud800"', "'x'", '1e999', 'nul', '[1] 2', '"\u0001"']) expect(jsonToCbor(bad), bad).toBeUndefined();
    expect(jsonToCbor('['.repeat(300) + ']'.repeat(300))).toBeUndefined();
    expect(holdsJson('[1]', (b) => b.length === 2)).toBe(true);
  });

  it('.printf: RFC 9741 §2.3 examples and C conversions', () => {
    const alg = (n: unknown) => typeof n === 'number' && n >= 1 && n <= 20;
    expect(matchesPrintf('0x0013', '0x%04x', [alg])).toBe(true);
    expect(matchesPrintf('0x0001', '0x%04x', [alg])).toBe(true);
    expect(matchesPrintf('0x1234', '0x%04x', [alg])).toBe(false);
    const any = () => true;
    const cases: [string, string, boolean][] = [
      ['%5d', '   42', true],
      ['%-5d|', '42   |', true],
      ['%05d', '-0042', true],
      ['%+d', '+5', true],
      ['% d', ' 5', true],
      ['%.3d', '005', true],
      ['%.0d', '', true],
      ['%#x', '0xff', true],
      ['%#X', '0XFF', true],
      ['%#o', '017', true],
      ['%x', '0xff', false],
      ['%d', '05', false],
      ['%u', '-1', false],
      ['%5s', '  abc', true],
      ['%-5s|', 'abc  |', true],
      ['%5s', '   ä', true],
      ['%c', 'é', true],
      ['%c', 'ab', false],
      ['100%%', '100%', true],
    ];
    for (const [format, text, expected] of cases) expect(matchesPrintf(text, format, [any]), `${format} → ${JSON.stringify(text)}`).toBe(expected);
    // Two adjacent conversions: every split is tried.
    expect(matchesPrintf('123', '%d%d', [(n) => n === 12, (n) => n === 3])).toBe(true);
    expect(matchesPrintf('123', '%d%d', [(n) => n === 1, (n) => n === 2])).toBe(false);
  });

  it('.join: markers, adjacent variable parts, bytes and UTF-8', () => {
    const byte = (s: unknown) => typeof s === 'string' && isBase10(s, (n) => typeof n === 'number' && n <= 255);
    const ip = [{ text: true, test: byte }, { text: true, literal: '.' }, { text: true, test: byte }, { text: true, literal: '.' }, { text: true, test: byte }, { text: true, literal: '.' }, { text: true, test: byte }];
    expect(matchesJoin('192.0.2.1', ip)).toBe(true);
    expect(matchesJoin('192.0.2.256', ip)).toBe(false);
    expect(matchesJoin('192.0.2', ip)).toBe(false);
    expect(matchesJoin('', [])).toBe(true);
    expect(matchesJoin('a', [])).toBe(false);
    // Text parts are valid UTF-8 on their own; a byte part may hold half a character.
    expect(matchesJoin('é', [{ text: false, test: (b) => b instanceof Uint8Array && b.length === 1 }, { text: false }])).toBe(true);
    expect(matchesJoin('é', [{ text: true, test: (s) => s === '' }, { text: true }])).toBe(true);
    expect(matchesJoin('é', [{ text: true, test: (s) => typeof s === 'string' && s.length === 1 && s !== 'é' }, { text: true }])).toBe(false);
  });
});

describe('in generated code: decoder, guard and encoder agree', () => {
  const schema = [
    'all = [sig, sid, claims-text, alg, ip, not-x, hexbytes]',
    'sig = text .b64u signature',
    'signature = bytes .size 2',
    'sid = text .decimal (0..9223372036854775807)',
    'claims-text = text .json claims',
    'claims = {iss: text, exp: int}',
    'alg = hexlabel<1..20>',
    'hexlabel<K> = text .printf (["0x%04x", K])',
    'ip = text .join [bytetext, ".", bytetext, ".", bytetext, ".", bytetext]',
    'bytetext = text .base10 (0..255)',
    'not-x = tstr .ne "x"',
    'hexbytes = text .hexlc bytes',
    '',
  ].join('\n');
  const good = ['AQI', '9223372036854775807', '{"iss":"a","exp":1}', '0x0013', '192.0.2.1', 'y', '00ff'];
  const bad = ['AQJ', '9223372036854775808', '{"iss":"a"}', '0x1234', '192.0.2.256', 'x', '00FF'];
  let dir = '';
  let mod: Record<string, (v: unknown) => unknown> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'text-controls-'));
    const files = compile([{ path: 'x.cddl', text: schema }]);
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
    for (const f of files) writeFileSync(join(dir, f.path), f.contents);
    expect(files.map((f) => f.path)).toContain('text-controls.ts');
    expect(typecheck(files.map((f) => join(dir, f.path)), { moduleResolution: 'nodenext' })).toEqual([]);
    mod = (await import(pathToFileURL(join(dir, 'x.ts')).href)) as typeof mod;
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts the good values and re-encodes them', () => {
    expect(mod.isAll?.(good)).toBe(true);
    const bytes = mod.encodeAll?.(good) as Uint8Array;
    expect(mod.decodeAll?.(bytes)).toEqual(good);
  });

  it('each bad value: the guard says no, the encoder throws EncodeError, the decoder DecodeError', () => {
    for (let i = 0; i < bad.length; i++) {
      const value = good.map((g, j) => (j === i ? bad[i] : g));
      expect(mod.isAll?.(value), `guard, member ${i}`).toBe(false);
      expect(() => mod.encodeAll?.(value), `encoder, member ${i}`).toThrow(/./);
      let error: unknown;
      try {
        mod.encodeAll?.(value);
      } catch (e) {
        error = e;
      }
      expect(mod.isEncodeError?.(error)).toBe(true);
      // Bytes with the bad member: encode the good value, then put the bad text in place of the good one.
      const goodBytes = mod.encodeAll?.(good) as Uint8Array;
      const swapped = swapText(goodBytes, good[i] as string, bad[i] as string);
      let thrown: unknown = null;
      try {
        mod.decodeAll?.(swapped);
      } catch (e) {
        thrown = e;
      }
      expect(mod.isDecodeError?.(thrown), `decoder, member ${i}`).toBe(true);
    }
  });
});

describe('any .ne undefined (RFC 8610 §3.8.6)', () => {
  it('the guard and the encoder leave undefined out as the decoder does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ne-any-'));
    try {
      writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
      const files = compile([{ path: 'x.cddl', text: 'a = { k: any .ne undefined }\n' }]);
      for (const f of files) writeFileSync(join(dir, f.path), f.contents);
      const m = (await import(pathToFileURL(join(dir, 'x.ts')).href)) as Record<string, (...args: unknown[]) => unknown> & { CborAny: { fromEncoded(b: Uint8Array): unknown } };
      const undefinedItem = m.CborAny.fromEncoded(Uint8Array.of(0xf7));
      const one = m.CborAny.fromEncoded(Uint8Array.of(0x01));
      expect(m.isA?.({ k: one })).toBe(true);
      expect(m.isA?.({ k: undefinedItem })).toBe(false);
      expect(() => m.encodeA?.({ k: undefinedItem })).toThrow(/undefined/);
      expect(() => m.decodeA?.(Uint8Array.of(0xa1, 0x61, 0x6b, 0xf7))).toThrow(/any value but undefined/);
      expect(m.decodeA?.(Uint8Array.of(0xa1, 0x61, 0x6b, 0xf6))).toEqual({ k: m.CborAny.fromEncoded(Uint8Array.of(0xf6)) });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The encoding with one short text string (< 24 bytes) replaced by another. */
function swapText(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const head = (s: string) => {
    const b = ascii(s);
    return b.length < 24 ? [0x60 + b.length, ...b] : [0x78, b.length, ...b];
  };
  const a = head(from);
  const at = bytes.findIndex((_, i) => a.every((x, k) => bytes[i + k] === x));
  if (at < 0) throw new Error(`no ${from} in the encoding`);
  return Uint8Array.from([...bytes.subarray(0, at), ...head(to), ...bytes.subarray(at + a.length)]);
}

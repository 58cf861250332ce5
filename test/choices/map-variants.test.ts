/**
 * Alternatives of a map (or an array of named members) that the members present cannot tell apart
 * (issue 10, lossless): guards and encoders try those in the decoder's order and take the first whose
 * whole test passes, so that what decodeX gives, isX accepts and encodeX writes back unchanged.
 * Where two such alternatives could hold one value written as different data items, the rule is
 * general instead (the first that passes would write another data item, silently).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encode } from 'cbor-x';
import { beforeAll, describe, expect, it } from 'vitest';
import { hex, toHex } from '../support/hex.js';
import { SHARED } from '../support/schemas.js';
import { typecheck } from '../support/typecheck.js';
import { cddl, fileNamed, folderNamed, generateModule, type GeneratedModule } from './generate.js';

interface Codec {
  decode: (b: Uint8Array) => unknown;
  encode: (v: unknown) => Uint8Array;
  is: (v: unknown) => boolean;
  validate: (v: unknown) => { path: string; message: string }[];
}

function codec(mod: GeneratedModule, rule: string): Codec {
  return { decode: mod[`decode${rule}`] as Codec['decode'], encode: mod[`encode${rule}`] as Codec['encode'], is: mod[`is${rule}`] as Codec['is'], validate: mod[`validate${rule}`] as Codec['validate'] };
}

/** Decodes `bytes`, and expects the guard to accept the value and the encoder to write `bytes` back. */
function roundTrips(c: Codec, bytes: Uint8Array): unknown {
  const value = c.decode(bytes);
  expect(c.is(value), JSON.stringify(value)).toBe(true);
  expect(toHex(c.encode(value))).toBe(toHex(bytes));
  return value;
}

function source(name: string): string {
  return readFileSync(fileNamed(name, 'x.ts'), 'utf8');
}

describe('map alternatives told apart only by the members present', () => {
  const schema = 's = { cw: tstr, (named // rect) }\nnamed = ( state: "full" / "max" )\nrect = ( state: "normal", ? width: uint )\n';
  let s: Codec;
  beforeAll(async () => {
    s = codec(await generateModule('map-variants', cddl(schema)), 'S');
  });

  it('{"cw":"a","state":"normal"} decodes, passes the guard and is written back (the repro)', () => {
    expect(roundTrips(s, hex('a26263776161657374617465666e6f726d616c'))).toEqual({ cw: 'a', state: 'normal' });
  });

  it('every alternative, with and without the optional member, round-trips', () => {
    for (const value of [{ cw: 'a', state: 'full' }, { cw: 'b', state: 'max' }, { cw: 'c', state: 'normal' }, { cw: 'd', state: 'normal', width: 7 }]) {
      expect(s.is(value)).toBe(true);
      expect(s.decode(s.encode(value))).toEqual(value);
      roundTrips(s, s.encode(value));
    }
  });

  it('refuses what no alternative takes, and explains it by the closest alternative', () => {
    for (const value of [{ cw: 'a', state: 'full', width: 1 }, { cw: 'a', state: 'other' }, { cw: 1, state: 'normal' }, { cw: 'a', state: 'normal', width: -1 }, { cw: 'a' }, { state: 'full' }]) {
      expect(s.is(value), JSON.stringify(value)).toBe(false);
      expect(() => s.encode(value)).toThrow();
      expect(() => s.decode(encode(value) as Uint8Array)).toThrow();
    }
    expect(s.validate({ cw: 1, state: 'normal' })).toEqual([{ path: '.cw', message: 'expected a text string, got the number 1' }]);
    expect(s.validate({ cw: 'a', state: 'other' }).map((p) => p.path)).toEqual(['.state']);
  });

  it('the guard tries only where the members present cannot decide, in the decoder order', () => {
    const text = source('map-variants');
    expect(text).toContain('the first whose test passes, in the order the decoder tries them');
    expect(text.indexOf('const alternative1')).toBeLessThan(text.indexOf('const alternative2'));
  });
});

describe('alternatives with the same members', () => {
  it('maps and arrays whose members differ only in their values are typed and round-trip', async () => {
    const mod = await generateModule('same-members', cddl('u = { (a: int) // (a: tstr) }\nr = [ (a: int, b: tstr) // (a: int, b: int) ]\n'));
    const u = codec(mod, 'U');
    const r = codec(mod, 'R');
    expect(source('same-members')).toContain('export type U = { a: number | bigint } | { a: string };');
    roundTrips(u, hex('a1616101'));
    roundTrips(u, hex('a161616178'));
    roundTrips(r, hex('82016178'));
    roundTrips(r, hex('820102'));
    expect(u.is({ a: true })).toBe(false);
    expect(r.is({ a: 1, b: null })).toBe(false);
    expect(() => r.encode({ a: 1, b: [] })).toThrow();
  });

  it('alternatives that could hold one value written differently make the rule general, which round-trips', async () => {
    const mod = await generateModule('same-members-conflict', cddl('s = { (a: int) // (a: #6.1(int)) }\n'));
    expect(source('same-members-conflict')).toContain('export type S = CborValue;');
    const s = codec(mod, 'S');
    roundTrips(s, hex('a1616101'));
    roundTrips(s, hex('a16161c101'));
  });
});

describe('webdriver-bidi browser.SetClientWindowStateParameters (named // rect state)', () => {
  let params: Codec;
  beforeAll(async () => {
    const mod = await generateModule('map-variants-webdriver', [{ path: 'webdriver-bidi-all.cddl', text: readFileSync(`${SHARED}corpus/webdriver-bidi-all.cddl`, 'utf8') }]);
    params = codec(mod, 'BrowserSetClientWindowStateParameters');
  }, 300_000);

  it('round-trips every state, the rect one with and without its optional members', () => {
    const values = [
      { clientWindow: 'w', state: 'fullscreen' },
      { clientWindow: 'w', state: 'minimized' },
      { clientWindow: 'w', state: 'normal' },
      { clientWindow: 'w', state: 'normal', width: 640, height: 480 },
      { clientWindow: 'w', state: 'normal', x: -5, y: 9 },
    ];
    for (const value of values) {
      expect(params.is(value), JSON.stringify(value)).toBe(true);
      const bytes = params.encode(value);
      expect(params.decode(bytes)).toEqual(value);
      roundTrips(params, bytes);
    }
  });

  it('refuses a named state with a rect member, and an unknown state', () => {
    for (const value of [{ clientWindow: 'w', state: 'maximized', width: 1 }, { clientWindow: 'w', state: 'tiny' }, { clientWindow: 'w', state: 'normal', x: 1.5 }]) {
      expect(params.is(value), JSON.stringify(value)).toBe(false);
      expect(() => params.encode(value)).toThrow();
    }
  });
});

describe('an alternative that is only computed-key entries ({ (nint => int // z: bool) })', () => {
  // Found by test/language/groups-differential.test.ts once it checked guards and encoders: the type
  // and the guard made the alternative `{ rest: Map }`, as they must to tell it from `{ z }`, but the
  // decoder returned the Map itself and the encoder iterated the object (and did not type-check).
  let r: Codec;
  beforeAll(async () => {
    r = codec(await generateModule('map-variants-rest-only', cddl('r = { (nint => int // z: bool) }\n')), 'R');
  });

  it('decodes to { rest }, which the guard accepts and the encoder writes back', () => {
    expect(roundTrips(r, hex('a1382c3843'))).toEqual({ rest: new Map([[-45, -68]]) });
    expect(roundTrips(r, hex('a12b3b001fffffffffffff'))).toEqual({ rest: new Map([[-12, -9007199254740992n]]) });
    expect(roundTrips(r, hex('a1617af5'))).toEqual({ z: true });
  });

  it('refuses a Map where the object belongs, and two entries', () => {
    expect(r.is(new Map([[-1, 1]]))).toBe(false);
    expect(r.is({ rest: new Map([[-1, 1], [-2, 2]]) })).toBe(false);
    expect(() => r.decode(hex('a220012101'))).toThrow(/1 entry/);
  });

  it('type-checks', () => {
    const dir = folderNamed('map-variants-rest-only');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => fileURLToPath(new URL(f, dir)));
    expect(typecheck(files, { moduleResolution: 'nodenext' })).toEqual([]);
  }, 60_000);
});

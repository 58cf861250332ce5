/**
 * `#7.n` and `#7.<T>` by RFC 9682 §3.2: after `#7.` the number is the simple value where that is
 * 0..23 or 32..255, and the additional information for 24..31 (`#7.25` is a float16). So `#7.40`
 * is simple(40), written `f8 28`, not a head with additional information 40 (five bits cannot hold
 * 40: read that way it matched nothing, silently). The typed codecs, the general matcher and the
 * test-data generator read it alike.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../generator/index.js';
import { drawValue } from '../../templates/arbitrary.js';
import { CborSimple } from '../../templates/cbor-any.js';
import { explain } from '../../templates/matcher.js';
import { load, thrown, typeErrors, type Generated, type Loaded } from '../bounded/module.js';
import { accepts, programOf } from '../general/support.js';
import { hex, toHex } from '../support/hex.js';

const SCHEMA = `
forty = #7.40
unassigned = #7.<32..255>
sixteen-or-forty = #7.<16 / 40>
pair = [#7.40, int]
everything = #7.<uint>
`;

type Rules = 'Forty' | 'Unassigned' | 'SixteenOrForty' | 'Pair' | 'Everything';
let loaded: Loaded<Rules>;
let g: Generated<Rules>;

beforeAll(async () => {
  loaded = await load<Rules>('language-simple-values', SCHEMA);
  g = loaded.module;
});

/** Decodes, checks the guard, re-encodes: the bytes come back, or the decoder's error name. */
function roundTrip(rule: Rules, bytes: string): string {
  try {
    const value = g[`decode${rule}`](hex(bytes));
    expect(g[`is${rule}`](value)).toBe(true);
    return toHex(g[`encode${rule}`](value) as Uint8Array);
  } catch (error) {
    return (error as Error).name;
  }
}

describe('#7 with a simple value above 31 (RFC 9682 §3.2)', () => {
  it('type-checks under strict settings', () => {
    expect(typeErrors(loaded)).toEqual([]);
  });

  it('#7.40 is simple(40), f8 28, and nothing else', () => {
    expect(roundTrip('Forty', 'f828')).toBe('f828');
    for (const other of ['f820', 'f8ff', 'f0', 'f4', 'f93c00', '1828']) expect(roundTrip('Forty', other), other).toBe('DecodeError');
    expect((thrown(() => g.decodeForty(hex('f829'))) as Error).message).toMatch(/expected simple value 40 \(#7\.40\), got/);
    // The guard looks at the byte after the head too.
    const other = g.decodeUnassigned(hex('f829'));
    expect(g.isForty(other)).toBe(false);
    expect((thrown(() => g.encodeForty(other)) as Error).name).toBe('EncodeError');
  });

  it('#7.<32..255> is every simple value written with one byte after the head, as #7.24 is', () => {
    for (const bytes of ['f820', 'f828', 'f8ff']) expect(roundTrip('Unassigned', bytes)).toBe(bytes);
    for (const bytes of ['f0', 'f3', 'f4', 'f7', 'f93c00']) expect(roundTrip('Unassigned', bytes), bytes).toBe('DecodeError');
    // One option, not 224 of them.
    const text = compile([{ path: 'u.cddl', text: 'u = #7.<32..255>\nv = #7.24\n' }])[0]!.contents;
    const body = (name: string) => text.slice(text.indexOf(`function read${name}(`), text.indexOf('\n}\n', text.indexOf(`function read${name}(`)));
    expect(body('U').replaceAll('readU', 'readV').replace(/: U\b/g, ': V')).toBe(body('V'));
  });

  it('#7.<16 / 40>: simple(16), one byte f0, or simple(40)', () => {
    expect(roundTrip('SixteenOrForty', 'f0')).toBe('f0');
    expect(roundTrip('SixteenOrForty', 'f828')).toBe('f828');
    expect(roundTrip('SixteenOrForty', 'f810')).toBe('DecodeError'); // 16 written with a byte after the head is not well-formed
    expect(roundTrip('SixteenOrForty', 'f1')).toBe('DecodeError');
  });

  it('inside an array', () => {
    expect(roundTrip('Pair', '82f82801')).toBe('82f82801');
    expect(roundTrip('Pair', '82f82901')).toBe('DecodeError');
  });

  it('#7.<uint> is every item of major type 7: simple values and floats', () => {
    for (const bytes of ['f0', 'f4', 'f6', 'f828', 'f93c00', 'fa3fc00001', 'fb3ff8000000000001']) expect(roundTrip('Everything', bytes), bytes).toBe(bytes);
    // Like any `any`, written back deterministically: a float in its shortest exact width (RFC 8949 §4.2.1).
    expect(roundTrip('Everything', 'fa3fc00000')).toBe('f93e00');
    expect(roundTrip('Everything', '01')).toBe('DecodeError');
  });

  it('#7.256 and #0.40 match nothing, with a warning saying why', () => {
    const warnings: string[] = [];
    compile([{ path: 'w.cddl', text: 'a = #7.256\nb = #0.40\n' }], { onWarning: (w) => warnings.push(w.message) });
    expect(warnings).toEqual([
      '#7.256 names a simple value above 255 (RFC 8949 §3.3: simple values are 0..255), so no data item matches it: it is typed never, and decoding it always fails',
      '#0.40 names additional information above 31 (RFC 8949 §3: it is five bits), so no data item matches it: it is typed never, and decoding it always fails',
    ]);
  });

  it('the general matcher and the test-data generator read #7.40 alike', () => {
    expect(accepts('a = #7.40', 'simple(40)')).toBe(true);
    expect(accepts('a = #7.40', 'simple(41)')).toBe(false);
    expect(accepts('a = #7.40', '1.0')).toBe(false);
    const { program, root } = programOf('a = #7.40');
    for (let seed = 1; seed <= 5; seed++) {
      const drawn = drawValue(program, root, seed);
      expect(drawn).toEqual(new CborSimple(40));
      expect(explain(program, root, drawn)).toBeNull();
    }
  });
});

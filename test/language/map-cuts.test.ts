/**
 * Issue 8 item 9: cuts in maps (RFC 8610 §3.5.4). Without a cut, `{ ? "optional-key" => int,
 * * tstr => any }` matches `{ "optional-key": "nonsense" }`: the entry is one of the computed-key
 * entries. With a cut (`^ =>`, or the colon form, which always implies one) it does not match.
 * The map's computed-key entries may then hold that key, but never beside the member, and never
 * under a cut: the guard (and so the encoder) refuses what would write a key twice or break a cut.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { load, thrown, typeErrors, type Generated, type Loaded } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';

// RFC 8610 §3.5.4's example, without the cut and with it in both spellings, then integer keys.
const SCHEMA = `
open = { ? "optional-key" => int, * tstr => any }
caret = { ? "optional-key" ^ => int, * tstr => any }
colon = { ? "optional-key": int, * tstr => any }
texts = { "k" => int, * tstr => tstr }
numbered = { ? 1 => tstr, * int => bool }
`;

type Rules = 'Open' | 'Caret' | 'Colon' | 'Texts' | 'Numbered';
let loaded: Loaded<Rules>;
let g: Generated<Rules>;

beforeAll(async () => {
  loaded = await load<Rules>('language-map-cuts', SCHEMA);
  g = loaded.module;
});

/** `{"optional-key": "nonsense"}` */
const NONSENSE = 'a1 6c 6f7074696f6e616c2d6b6579 68 6e6f6e73656e7365';
/** `{"optional-key": 5}` */
const FIVE = 'a1 6c 6f7074696f6e616c2d6b6579 05';
const errorName = (f: () => unknown) => (thrown(f) as Error | undefined)?.name;

describe('cuts in maps (RFC 8610 §3.5.4)', () => {
  it('type-checks under strict settings', () => {
    expect(typeErrors(loaded)).toEqual([]);
  });

  it('without a cut, { "optional-key": "nonsense" } matches: the entry is a computed-key one', () => {
    const value = g.decodeOpen(hex(NONSENSE)) as { rest: Map<string, unknown> };
    expect([...value.rest.keys()]).toEqual(['optional-key']);
    expect(Object.keys(value)).toEqual(['rest']);
    expect(g.isOpen(value)).toBe(true);
    expect(toHex(g.encodeOpen(value) as Uint8Array)).toBe(NONSENSE.replaceAll(' ', ''));
  });

  it('without a cut, a value of the member’s type is the member', () => {
    expect(g.decodeOpen(hex(FIVE))).toEqual({ 'optional-key': 5 });
  });

  it('with a cut, ^ => or the colon form, { "optional-key": "nonsense" } does not match', () => {
    for (const decode of [g.decodeCaret, g.decodeColon]) {
      const error = thrown(() => decode(hex(NONSENSE))) as Error & { path: string };
      expect(error.name).toBe('DecodeError');
      expect(error.message).toContain('["optional-key"]');
      expect(error.message).toContain('expected an integer, got a text string');
      expect(decode(hex(FIVE))).toEqual({ 'optional-key': 5 });
    }
  });

  it('a value that is neither the member’s type nor the entries’ is refused with the member’s error', () => {
    // {"k": 1.5}
    const error = thrown(() => g.decodeTexts(hex('a1 616b f93e00'))) as Error;
    expect(error.name).toBe('DecodeError');
    expect(error.message).toBe('.k at byte 3: expected an integer, got a float');
    // {"k": "x"}: a computed-key entry, so the required member k is missing.
    expect((thrown(() => g.decodeTexts(hex('a1 616b 6178'))) as Error).message).toContain('missing key "k"');
    // {"k": 1, "k": "x"}: a key twice, whichever way each is read.
    expect((thrown(() => g.decodeTexts(hex('a2 616b 01 616b 6178'))) as Error).message).toContain('duplicate key');
    expect((thrown(() => g.decodeTexts(hex('a2 616b 6178 616b 01'))) as Error).message).toContain('duplicate key');
  });

  it('the guard refuses an entry under a key the member has with a cut, or beside the member', () => {
    const caret = { rest: new Map([['optional-key', 'nonsense']]) };
    expect(g.isCaret(caret)).toBe(false);
    expect(g.validateCaret(caret)).toContainEqual({
      path: '.rest["optional-key"]',
      message: 'expected no entry with the key "optional-key": the member optional-key has it, with a cut (RFC 8610 §3.5.4), got a string',
    });
    expect(errorName(() => g.encodeCaret(caret))).toBe('EncodeError');
    const twice = { k: 1, rest: new Map([['k', 'x']]) };
    expect(g.validateTexts(twice)).toEqual([{ path: '.rest["k"]', message: 'expected no entry with the key "k" while the member k is set, got a string' }]);
    expect(errorName(() => g.encodeTexts(twice))).toBe('EncodeError');
  });

  it('integer keys: { 1: true } is an entry of * int => bool, { 1: "a" } the member, { 1: 2 } neither', () => {
    expect(g.decodeNumbered(hex('a1 01 f5'))).toEqual({ rest: new Map([[1, true]]) });
    expect(g.decodeNumbered(hex('a1 01 6161'))).toEqual({ 1: 'a' });
    expect(errorName(() => g.decodeNumbered(hex('a1 01 02')))).toBe('DecodeError');
    expect(g.isNumbered({ 1: 'a', rest: new Map([[1, true]]) })).toBe(false);
    expect(g.isNumbered({ 1: 'a', rest: new Map([[2, true]]) })).toBe(true);
    expect(toHex(g.encodeNumbered({ rest: new Map([[1, true]]) }) as Uint8Array)).toBe('a101f5');
  });
});

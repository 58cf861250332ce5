/**
 * Issue 8: RFC 8927's `root-schema` (`{ ? definitions: …, schema }`, `schema` a group choice of
 * which more than one alternative has only optional members) did not type-check. The decoder built
 * each alternative as the rule's union type from `{}`, which TypeScript narrows to the alternatives
 * with only optional members, and then refused a key one of them lacks (TS7053). Each alternative
 * is now built as its own object type.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { load, typeErrors, type Generated, type Loaded } from '../bounded/module.js';
import { hex, toHex } from '../support/hex.js';

// Two alternatives with only optional members (`shared`, `? x: int`), and one with a required member.
const SCHEMA = `
root = { ? defs: int, schema }
schema = ( r: tstr, shared // shared // ? x: int )
shared = ( ? meta: int, ? nullable: bool )
`;

let loaded: Loaded<'Root'>;
let g: Generated<'Root'>;

beforeAll(async () => {
  loaded = await load<'Root'>('language-map-optional-alternatives', SCHEMA);
  g = loaded.module;
});

describe('a map whose alternatives have only optional members', () => {
  it('type-checks under strict settings', () => {
    expect(typeErrors(loaded)).toEqual([]);
  });

  it.each([
    ['the alternative with a required member', 'a2 6172 6161 646d657461 01', { r: 'a', meta: 1 }],
    ['the first with only optional members', 'a3 6464656673 02 646d657461 01 686e756c6c61626c65 f5', { defs: 2, meta: 1, nullable: true }],
    ['the second with only optional members', 'a2 6178 03 6464656673 02', { defs: 2, x: 3 }],
    ['no entries', 'a0', {}],
  ])('%s decodes, passes the guard and encodes to the same bytes', (_, bytes, value) => {
    const decoded = g.decodeRoot(hex(bytes));
    expect(decoded).toEqual(value);
    expect(g.isRoot(decoded)).toBe(true);
    expect(toHex(g.encodeRoot(decoded) as Uint8Array)).toBe(bytes.replaceAll(' ', ''));
  });

  it('a key of one alternative beside a key of another matches none', () => {
    // {"meta": 1, "x": 3}
    expect(() => g.decodeRoot(hex('a2 646d657461 01 6178 03'))).toThrow(expect.objectContaining({ name: 'DecodeError' }) as Error);
    expect(g.isRoot({ meta: 1, x: 3 })).toBe(false);
  });
});

describe('an optional group of several members', () => {
  it('names its alternatives in a guard error, the empty one as {}', async () => {
    const { module } = await load<'A'>('language-map-optional-group-message', 'a = { ? (x: int, y: int) }\n');
    expect(module.validateA({ x: 1 })).toEqual([{ path: '', message: 'expected an object with the members of one alternative: {} or { x, y }, got an object' }]);
  });
});

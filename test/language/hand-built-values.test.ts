/**
 * Values built by hand, not decoded: the guard and the encoder agree on every one. A value the
 * guard accepts is written (and decodes back to a value the guard accepts); one it refuses makes
 * the encoder throw an EncodeError, never a RangeError or a TypeError from the writer. Found by
 * mutating decoded values of every schema of ../shared (a harness beside the property test).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeError, load, type Generated } from '../bounded/module.js';
import { toHex } from '../support/hex.js';

const SCHEMA = `
any-number = #6.<uint>(int)
any-number-by-rule = #6.<tag-number>(int)
tag-number = uint
from-zero = #6.<0..5>(int)
to-the-top = #6.<2..18446744073709551615>(int)
dictionary = { * tstr => int }
numbered = { * int => tstr }
entries = [* (id: int, ? name: tstr)]
kinds = [* (t: 1, a: int // t: 2, b: tstr)]
`;

type Rules = 'AnyNumber' | 'AnyNumberByRule' | 'FromZero' | 'ToTheTop' | 'Dictionary' | 'Numbered' | 'Entries' | 'Kinds';
let g: Generated<Rules>;

beforeAll(async () => {
  g = (await load<Rules>('hand-built-values', SCHEMA)).module;
});

describe('a tag whose number is a type (#6.<uint>), kept as { tag, value }', () => {
  // RFC 9594's extended_scope = #6.<TAG_FOR_THIS_SEMANTICS>(scope), TAG_FOR_THIS_SEMANTICS = uint: the guard tested isInteger only.
  const outOfRange = [-1, -1n, 2n ** 64n, -(2n ** 64n)];

  it('the guard refuses tag numbers no tag can have, and the encoder throws an EncodeError for them', () => {
    for (const rule of ['AnyNumber', 'AnyNumberByRule', 'FromZero', 'ToTheTop'] as const) {
      for (const tag of outOfRange) {
        const value = { tag, value: 1 };
        expect(g[`is${rule}`](value), `is${rule}({ tag: ${String(tag)} })`).toBe(false);
        expect(g[`validate${rule}`](value), `validate${rule}({ tag: ${String(tag)} })`).not.toEqual([]);
        encodeError(() => g[`encode${rule}`](value));
      }
    }
  });

  it('the numbers it may have are still written', () => {
    expect(toHex(g.encodeAnyNumber({ tag: 2n ** 64n - 1n, value: 1 }) as Uint8Array)).toBe('dbffffffffffffffff01');
    expect(toHex(g.encodeAnyNumberByRule({ tag: 0, value: 1 }) as Uint8Array)).toBe('c001');
    expect(toHex(g.encodeFromZero({ tag: 0, value: 1 }) as Uint8Array)).toBe('c001');
    expect(toHex(g.encodeToTheTop({ tag: 2n ** 64n - 1n, value: 1 }) as Uint8Array)).toBe('dbffffffffffffffff01');
    expect(g.isFromZero({ tag: 6, value: 1 })).toBe(false);
    expect(g.isToTheTop({ tag: 1, value: 1 })).toBe(false);
  });
});

describe('a Map of computed keys with a key of no such type', () => {
  // WebDriver BiDi's EmptyParams = { *text => any }: the problem's path wrote the key with String(key), which throws for an object without a prototype.
  const keys: unknown[] = [Object.create(null), [Object.create(null)], { toString: () => { throw new Error('no text'); } }, Object.assign(() => 1, { toString: undefined }), Symbol('s')];

  it('the guard refuses it and the encoder throws an EncodeError, whatever the key is', () => {
    for (const rule of ['Dictionary', 'Numbered'] as const) {
      for (const key of keys) {
        const value = new Map([[key, 1]]);
        expect(g[`is${rule}`](value)).toBe(false);
        const problems = g[`validate${rule}`](value) as { path: string }[];
        expect(problems.length).toBeGreaterThan(0);
        encodeError(() => g[`encode${rule}`](value));
      }
    }
  });

  it('the path names a string key as JSON, a number as itself, and other keys by their type', () => {
    const pathOf = (rule: 'Dictionary' | 'Numbered', key: unknown) => (g[`validate${rule}`](new Map([[key, 'x']])) as { path: string }[])[0]?.path;
    expect(pathOf('Dictionary', 'a')).toBe('["a"]');
    expect(pathOf('Dictionary', 5)).toBe('[5]');
    expect(pathOf('Numbered', 'a')).toBe('["a"]');
    expect(pathOf('Numbered', true)).toBe('[true]');
    expect(pathOf('Numbered', Object.create(null))).toBe('[object]');
  });
});

describe('a repetition of a repeated group whose alternatives are objects', () => {
  // Found reading the guards of [* (a: int, ? b: tstr)]: { a: 1, b: 5 } passed as the alternative { a }, and the encoder wrote
  // 8101, leaving b out; an array or map of such alternatives refused it already (another alternative's member in it).
  // Such a repetition is now one object with an optional property (layout/repeated-groups.ts recordOfOptionals), whose
  // check says which member is wrong.
  it('is no alternative that lacks a member another has, when it has that member', () => {
    expect(g.isEntries([{ id: 1, name: 5 }])).toBe(false);
    expect(g.validateEntries([{ id: 1, name: 5 }])).toEqual([{ path: '[0].name', message: 'expected a text string, got the number 5' }]);
    encodeError(() => g.encodeEntries([{ id: 1, name: 5 }]));
    expect(toHex(g.encodeEntries([{ id: 1, name: 'a' }, { id: 2 }]) as Uint8Array)).toBe('8301616102');
    expect(g.isKinds([{ t: 1, a: 1, b: 'x' }])).toBe(false);
    expect(g.validateKinds([{ t: 1, a: 1, b: 'x' }])).toEqual([{ path: '[0].b', message: 'expected no b in { t, a } (a member of another alternative), got a string' }]);
    expect(toHex(g.encodeKinds([{ t: 2, b: 'x' }]) as Uint8Array)).toBe('82026178');
    // A property no alternative names is not part of the value (README), as before.
    expect(toHex(g.encodeKinds([{ t: 1, a: 1, note: 'mine' }]) as Uint8Array)).toBe('820101');
  });
});

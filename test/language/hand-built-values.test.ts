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
`;

type Rules = 'AnyNumber' | 'AnyNumberByRule' | 'FromZero' | 'ToTheTop';
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

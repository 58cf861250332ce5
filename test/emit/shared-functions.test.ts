/**
 * A rule that is another rule under a second name (`a = b`) shares that rule's functions (emit/shared-functions.ts):
 * its public ones are the other's, exported under its names, other rules call the other's directly, and what users
 * see stays as it was: the same answers, the same bytes, the same errors, its own name in messages.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cddl, fileNamed, generateModule, type GeneratedModule } from '../choices/generate.js';
import { hex, toHex } from '../support/hex.js';
import { typecheck } from '../support/typecheck.js';

type Fn = (...args: unknown[]) => unknown;

const SCHEMA = ['top = [* a]', 'a = b', 'b = [a] / c / nil', 'c = { x: a, y: int } / { x: a, z: int }', 'd = e', 'e = f', 'f = [* tstr]', 'g = [d, e, f]', 'h = bstr .cbor d'].join('\n');

/** What a call gives: its value, or its error's name and message. */
function outcome(f: () => unknown): unknown {
  try {
    const value = f();
    return value instanceof Uint8Array ? toHex(value) : value;
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
}

describe('rules under a second name', () => {
  let mod: GeneratedModule;
  let source: string;
  beforeAll(async () => {
    mod = await generateModule('shared-functions', cddl(SCHEMA));
    source = readFileSync(fileNamed('shared-functions', 'x.ts'), 'utf8');
  });

  it('export the functions of the rule at the end of their chain, and have none of their own', () => {
    expect(source).toContain('export { decodeB as decodeA };');
    expect(source).toContain('export { isF as isE, validateF as validateE };');
    expect(source).toContain('export { encodeF as encodeE };');
    for (const name of ['A', 'E']) for (const prefix of ['read', 'firstRead', 'check', 'write']) expect(source).not.toContain(`function ${prefix}${name}(`);
    expect(mod['decodeA']).toBe(mod['decodeB']);
    expect(mod['isE']).toBe(mod['isF']);
    expect(mod['validateE']).toBe(mod['validateF']);
    expect(mod['encodeE']).toBe(mod['encodeF']);
  });

  it('type-check, with the types they had', () => {
    expect(typecheck([fileNamed('shared-functions', 'x.ts')], { moduleResolution: 'nodenext' })).toEqual([]);
    expect(source).toContain('export type A = B;');
  });

  it('keep their own reader where embedded CBOR reads them by name', () => {
    expect(source).toContain('function readD(');
    expect(source).toContain('export const decodeD:');
  });

  it('decode, check and encode as before, with their own names in messages', () => {
    const results = {
      g: outcome(() => (mod['decodeG'] as Fn)(hex('83816161816162816163'))),
      gAgain: outcome(() => (mod['encodeG'] as Fn)([['a'], ['b'], ['c']])),
      gBad: outcome(() => (mod['decodeG'] as Fn)(hex('8381616181f5816163'))),
      gProblems: outcome(() => (mod['validateG'] as Fn)([['a'], [1], ['c']])),
      top: outcome(() => (mod['decodeTop'] as Fn)(hex('8281f6a26178f6617901'))),
      topBad: outcome(() => (mod['decodeTop'] as Fn)(hex('81a26178f6617af5'))),
      topProblems: outcome(() => (mod['validateTop'] as Fn)([{ y: 1 }, [[5]]])),
      h: outcome(() => (mod['decodeH'] as Fn)(hex('428161'))),
      encodeA: outcome(() => (mod['encodeA'] as Fn)({ x: null, z: 2 })),
    };
    expect(results).toEqual({
      g: [['a'], ['b'], ['c']],
      gAgain: '83816161816162816163',
      gBad: 'DecodeError: [1][0] at byte 5: expected a text string, got true',
      gProblems: [{ path: '[1][0]', message: 'expected a text string, got the number 1' }],
      top: [[null], { x: null, y: 1 }],
      topBad: 'DecodeError: [0].z at byte 7: expected an integer, got true',
      topProblems: [
        { path: '[0]', message: 'expected [a] or a c or null, got an object' },
        { path: '[1][0][0]', message: 'expected [a] or a c or null, got the number 5' },
      ],
      h: 'DecodeError: <d>[0] at byte 3: unexpected end of input',
      encodeA: 'a26178f6617a02',
    });
  });
});

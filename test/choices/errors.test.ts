/**
 * Errors that help (issue 10 §7): a choice that fails reports the alternative that got furthest
 * into the input, and a wrong number of items is reported at the array's head, not at a member.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../generator/index.js';
import { hex } from '../support/hex.js';
import { SHARED } from '../support/schemas.js';
import { cddl, generateModule, type GeneratedModule } from './generate.js';

interface Failure {
  path: string;
  offset: number;
  reason: string;
}

function failure(mod: GeneratedModule, rule: string, input: string): Failure {
  const decode = mod[`decode${rule}`] as (b: Uint8Array) => unknown;
  try {
    decode(hex(input));
  } catch (error) {
    expect(mod.isDecodeError(error)).toBe(true);
    const { path, offset, reason } = error as Failure;
    return { path, offset, reason };
  }
  throw new Error(`decode${rule} accepted ${input}`);
}

describe('a COSE message whose kid is a text string (x509-examples/signed-01)', () => {
  const vectors = JSON.parse(readFileSync(`${SHARED}conformance/cose-examples/vectors.json`, 'utf8')) as { id: string; rule: string; hex: string }[];
  // As published, `? 4 => bstr` is no cut and `* label => values` takes a text kid (RFC 8610 §3.5.4):
  // the message is valid. With the cut RFC 9052 §3.1's prose asks for, the kid is the fault.
  const withCut = (text: string) => text.replace('? 4 => bstr,', '? 4 ^ => bstr,');
  const schemas = ['cose-rfc9052.cddl', 'cose-algs-rfc9053.cddl'].map((name) => ({ path: name, text: withCut(readFileSync(`${SHARED}conformance/cose-examples/schema/${name}`, 'utf8')) }));

  it.each(['COSE_Messages', 'COSE_Sign_Tagged'])('%s: the error is the kid at byte 37, not the tag of another kind of message', async (rule) => {
    const mod = await generateModule('errors-cose', schemas);
    const vector = vectors.find((v) => v.id === 'x509-examples/signed-01.json#output');
    const found = failure(mod, rule, vector?.hex ?? '');
    expect(found.offset).toBe(37);
    expect(found.path).toMatch(/unprotected/);
    expect(found.reason).toMatch(/expected a byte string, got a text string/);
  });
});

it('of two map alternatives, the one that read further explains the failure', async () => {
  const mod = await generateModule('errors-furthest', cddl('a = b / c\nb = { x: int, y: int }\nc = { x: int, z: tstr }\n'));
  // { "x": 1, "y": "s" }: b reads x and the key y, then fails on its value (byte 6); c fails on the key y (byte 4).
  expect(failure(mod, 'A', 'a26178016179617' + '3')).toEqual({ path: '.y', offset: 6, reason: 'expected an integer, got a text string' });
});

describe('three or more alternatives tried in turn (one after another, not nested)', () => {
  // Options that no first item or key tells apart: each is tried from the same mark.
  const options = (n: number) => Array.from({ length: n }, (_, i) => `[int, ${i}]`).join(' / ');

  it('the furthest error stands, on a tie the last one\'s, and a later option that fits is taken', async () => {
    const mod = await generateModule('errors-in-turn', cddl('a = [int, tstr] / [int, bool] / [int, bstr] / [int, nil]\nb = [1, tstr] / [int, int, int] / [int, bool]\n'));
    // [1, 1.5]: all four fail at the second item (byte 2); the last one's error stands.
    expect(failure(mod, 'A', '8201f93e00')).toEqual({ path: '[1]', offset: 2, reason: 'expected null, got a float' });
    expect((mod.decodeA as (b: Uint8Array) => unknown)(hex('8201f6'))).toEqual([1, null]);
    // [1, 2, "x"]: the second option reads furthest (its third item, byte 3), though the third fails later on its count.
    expect(failure(mod, 'B', '83010261' + '78')).toMatchObject({ path: '[2]', offset: 3, reason: 'expected an integer, got a text string' });
  });

  it('the code grows with their number, not with its square', () => {
    const deepest = (n: number): number => {
      const module = compile(cddl(`a = ${options(n)}\n`)).find((f) => f.path === 'x.ts')?.contents ?? '';
      const reader = module.slice(module.indexOf('function readA('), module.indexOf('export const decodeA'));
      return Math.max(...reader.split('\n').map((line) => line.length - line.trimStart().length));
    };
    expect(deepest(40)).toBe(deepest(3));
  });
});

describe('a wrong number of items is the array head\'s fault', () => {
  it('a group choice told apart by its first member', async () => {
    const mod = await generateModule('errors-count-alternatives', cddl('a = [ (1, int) // (2, tstr) ]\n'));
    expect(failure(mod, 'A', '83010203')).toMatchObject({ offset: 0, reason: 'expected an array of 2 items, got 3' });
  });

  it('an indefinite-length list with too few items', async () => {
    const mod = await generateModule('errors-count-list', cddl('a = [ 2*3 int ]\n'));
    expect(failure(mod, 'A', '9f01ff')).toMatchObject({ offset: 0, reason: 'expected an array of 2 to 3 items, got 1' });
  });

  it('a repeated group with too few repetitions', async () => {
    const mod = await generateModule('errors-count-groups', cddl('a = [ 2* (int, tstr) ]\n'));
    expect(failure(mod, 'A', '82016178')).toMatchObject({ offset: 0 });
  });
});

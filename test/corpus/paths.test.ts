/**
 * A decoder and a guard name the same place for the same problem: the path of the JavaScript
 * value (`[1]` for a tuple's element, `.y` for a named member, `[2][1]` inside a repetition), so
 * that a DecodeError and a validateX problem can be read side by side.
 */
import { parseEDN } from 'cbor-edn';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../generator/index.js';
import { decodeErrorOf } from '../support/errors.js';
import { TMP_DIR } from './corpus-files.js';
import { importScratch } from '../support/scratch.js';

const SCHEMA = `
tuple = [int, tstr]
named = [x: int, y: tstr]
tuple-rest = [tstr, * int]
tuple-after = [* int, bstr, ? tstr]
pairs = [* (int, tstr)]
named-pairs = [* (key: int, value: tstr)]
choice = [int // tstr, tstr]
nested = { x: [int, tstr] }
dictionary = { * tstr => int }
extended = { x: int, * tstr => int }
keyed-by-arrays = { x: int, * [int] => tstr }
`;

/** Each: the rule, bytes with one wrong item (EDN), the same value in JavaScript, and the path both must give. */
const CASES: readonly { rule: string; edn: string; value: unknown; path: string }[] = [
  { rule: 'Tuple', edn: '[1, 2]', value: [1, 2], path: '[1]' },
  { rule: 'Named', edn: '[1, 2]', value: { x: 1, y: 2 }, path: '.y' },
  { rule: 'TupleRest', edn: '["a", 1, "b"]', value: ['a', 1, 'b'], path: '[2]' },
  { rule: 'TupleAfter', edn: '[1, h\'\', 2]', value: [1, new Uint8Array(0), 2], path: '[2]' },
  { rule: 'Pairs', edn: '[1, "a", 2, 3]', value: [[1, 'a'], [2, 3]], path: '[1][1]' },
  { rule: 'NamedPairs', edn: '[1, "a", 2, 3]', value: [{ key: 1, value: 'a' }, { key: 2, value: 3 }], path: '[1].value' },
  { rule: 'Choice', edn: '["a", 2]', value: ['a', 2], path: '[1]' },
  { rule: 'Nested', edn: '{"x": [1, 2]}', value: { x: [1, 2] }, path: '.x[1]' },
  { rule: 'Dictionary', edn: '{"a": "b"}', value: new Map([['a', 'b']]), path: '["a"]' },
  { rule: 'Extended', edn: '{"a": "b", "x": 1}', value: { x: 1, rest: new Map([['a', 'b']]) }, path: '.rest["a"]' },
  { rule: 'KeyedByArrays', edn: '{"x": 1, [2]: 3}', value: { x: 1, rest: new Map([[[2], 3]]) }, path: '.rest[0][1]' },
];

let mod: Record<string, (value: never) => unknown>;

beforeAll(async () => {
  const files = compile([{ path: 'paths.cddl', text: SCHEMA }]);
  mod = (await importScratch<typeof mod>(TMP_DIR, 'paths', files)).module;
});

describe.each(CASES.map((c) => [c.rule, c.edn, c] as const))('%s %s', (_rule, _edn, c) => {
  it(`the decoder and the guard both say ${c.path}`, () => {
    const decode = mod[`decode${c.rule}`] as (bytes: Uint8Array) => unknown;
    const validate = mod[`validate${c.rule}`] as (value: unknown) => { path: string }[];
    expect(decodeErrorOf(() => decode(parseEDN(c.edn, {}))).path).toBe(c.path);
    expect(validate(c.value).map((p) => p.path)).toEqual([c.path]);
  });
});

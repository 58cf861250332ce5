/**
 * The `integers` emission option's promises (docs/config.md): under `'number'` a decoder meeting
 * an integer beyond ±(2^53 − 1) throws the DecodeError that names the option, wherever the
 * integer is (a choice's option, a map's value), never another message nor a lost digit.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../generator/index.js';
import { importScratch } from '../support/scratch.js';
import { fileURLToPath } from 'node:url';
import { hex as fromHex } from '../support/hex.js';
import { decodeError, thrown, typeErrors } from '../bounded/module.js';
import { DecodeError, furthestError, unrecoverable, withPath } from '../../templates/runtime.js';

const TMP = new URL('./__tmp__/integer-modes/', import.meta.url);

async function loadWith(name: string, cddl: string, integers: 'number' | 'bigint') {
  const emitted = compile([{ path: `${name}.cddl`, text: cddl }], { integers });
  const { module, dir } = await importScratch<Record<string, (...args: unknown[]) => unknown>>(TMP, name, emitted);
  return { module, files: emitted.map((f) => fileURLToPath(new URL(f.path, dir))) };
}

const UNSAFE = /integer 1152921504606846976 is beyond ±\(2\^53 − 1\), which code generated with integers: "number" cannot hold/;

describe("integers: 'number'", () => {
  it('a choice whose integer option meets a value beyond 2^53 names the option (int / tstr)', async () => {
    const m = await loadWith('choice', 'r = int / tstr\n', 'number');
    expect(decodeError(() => m.module.decodeR!(fromHex('1b1000000000000000')))).toMatch(UNSAFE);
    expect(m.module.decodeR!(fromHex('01'))).toBe(1);
  });

  it("a map's integer value beyond 2^53 names the option, not a missing key ({ 1 => int / tstr, * int => any })", async () => {
    const m = await loadWith('map', 'r = { 1 => int / tstr, * int => any }\n', 'number');
    expect(decodeError(() => m.module.decodeR!(fromHex('a1011b1000000000000000')))).toMatch(UNSAFE);
    expect(m.module.decodeR!(fromHex('a10101'))).toEqual({ 1: 1 });
    expect(typeErrors(m)).toEqual([]);
  });

  it("the last option's unsafe integer wins a tie with an earlier option's error ({ ? 0 => tstr, * int => int })", async () => {
    const m = await loadWith('tie', 'r = { ? 0 => tstr, * int => int }\n', 'number');
    expect(decodeError(() => m.module.decodeR!(fromHex('a1001b1000000000000000')))).toMatch(UNSAFE);
    expect(typeErrors(m)).toEqual([]);
  });

  // Held before the fix too (the next item reads the integer and refuses it): kept as a check of the promise.
  it('an array rest of integers meeting a value beyond 2^53 names the option, not the next item ([* int, ? uint])', async () => {
    const m = await loadWith('rest', 'r = [* int, ? uint]\n', 'number');
    expect(decodeError(() => m.module.decodeR!(fromHex('82011b1000000000000000')))).toMatch(UNSAFE);
    expect(m.module.decodeR!(fromHex('820102'))).toEqual([1, 2]);
    expect(typeErrors(m)).toEqual([]);
  });

  it("the DecodeError says what it is by its code, 'unsafe-integer', kept on the way up through paths", async () => {
    const m = await loadWith('code', 'r = { ? 0 => tstr, * int => [int] }\n', 'number');
    const error = thrown(() => m.module.decodeR!(fromHex('a101811b1000000000000000'))) as DecodeError;
    expect(error.code).toBe('unsafe-integer');
    expect(error.path).toBe('.rest[1][0]');
    expect(error.reason).toMatch(UNSAFE);
  });
});

describe('guard messages name the JavaScript type the option gives', () => {
  // Before, 5n under 'number' and 5 under 'bigint' were refused with "expected an integer", which they are.
  it("'number' refuses a bigint and a number beyond 2^53 as such, 'bigint' a number; sets within ±(2^53 − 1) say nothing more", async () => {
    const cddl = 'r = [int, 0..10]\n';
    const n = await loadWith('guard-number', cddl, 'number');
    expect(n.module.validateR!([5n, 1])).toEqual([{ path: '[0]', message: 'expected an integer, as a number within ±(2^53 − 1) (integers: "number"), got the bigint 5' }]);
    expect((n.module.validateR!([2 ** 60, 1]) as { message: string }[])[0]?.message).toMatch(/^expected an integer, as a number within ±\(2\^53 − 1\) \(integers: "number"\), got the number /);
    expect(n.module.validateR!([1, 11])).toEqual([{ path: '[1]', message: 'expected an integer in 0..10, got the number 11' }]);
    const b = await loadWith('guard-bigint', cddl, 'bigint');
    expect(b.module.validateR!([5, 1])).toEqual([{ path: '[0]', message: 'expected an integer, as a bigint (integers: "bigint"), got the number 5' }]);
    expect(b.module.validateR!([5n, 1])).toEqual([]);
    const c = await loadWith('guard-choice', 's = int / tstr\n', 'number');
    expect(c.module.validateS!(5n)).toEqual([{ path: '', message: 'expected an integer, as a number within ±(2^53 − 1) (integers: "number") or a text string, got the bigint 5' }]);
  });
});

describe('telling the unsafe integer apart (templates/cbor-errors.ts)', () => {
  const tail = 'integer 5 is beyond it (generate with integers: "bigint" to read it)';
  it('by the code, not by the words of the message', () => {
    expect(unrecoverable(new DecodeError(tail, '', 0))).toBe(false);
    expect(unrecoverable(new DecodeError('anything', '', 0, 'unsafe-integer'))).toBe(true);
    expect(unrecoverable(new Error('not a decode error'))).toBe(true);
    expect((withPath(new DecodeError('x', '', 3, 'unsafe-integer'), '[1]') as DecodeError).code).toBe('unsafe-integer');
  });

  it('furthestError lets it stand wherever it is among the errors, and otherwise takes the furthest', () => {
    const unsafe = new DecodeError('x', '', 1, 'unsafe-integer');
    const far = new DecodeError(tail, '', 9);
    expect(furthestError(far, unsafe)).toBe(unsafe);
    expect(furthestError(unsafe, far)).toBe(unsafe);
    expect(furthestError(new DecodeError('near', '', 2), far)).toBe(far);
  });
});

// A general rule (checked by the general matcher, templates/matcher.ts) holds to what typed rules do: an integer beyond
// ±(2^53 − 1) where the schema types an integer is refused with the same DecodeError, and guards refuse it as a value;
// what `any` takes stays (a typed rule's CborAny keeps it too); tag numbers are kept; text controls only fail.
describe("integers: 'number' in general rules", () => {
  it('typed `any` keeps the integer (in its CborAny), typed `int / any` refuses it', async () => {
    const m = await loadWith('typed-any', 'r = [int, any]\ns = int / any\n', 'number');
    const [, any] = m.module.decodeR!(fromHex('82011b1000000000000000')) as [number, { value: unknown }];
    expect(any.value).toBe(2n ** 60n);
    expect(decodeError(() => m.module.decodeS!(fromHex('1b1000000000000000')))).toMatch(UNSAFE);
  });

  it('an int in a general rule is refused by the decoder, with the code, and by the guard ([* (int, ? tstr, ? bool)], int / any, bigint)', async () => {
    const m = await loadWith('general', 'r = [* (x: int, ? y: tstr, ? z: bool / "")]\ns = [* (x: int / any, ? y: tstr, ? z: bool / "")]\nn = [* (x: bigint, ? y: tstr, ? z: bool / "")]\n', 'number');
    const error = thrown(() => m.module.decodeR!(fromHex('82011b1000000000000000'))) as DecodeError;
    expect(error.reason).toMatch(UNSAFE);
    expect([error.path, error.offset, error.code]).toEqual(['[1]', 2, 'unsafe-integer']);
    expect(m.module.decodeR!(fromHex('82016161'))).toEqual([1, 'a']);
    expect(decodeError(() => m.module.decodeS!(fromHex('811b1000000000000000')))).toMatch(UNSAFE);
    // A bignum for `bigint`, as typed `bigint` refuses it.
    expect(decodeError(() => m.module.decodeN!(fromHex('81c249010000000000000000')))).toMatch(/integer 18446744073709551616 is beyond ±\(2\^53 − 1\)/);
    expect(m.module.isR!([2n ** 60n])).toBe(false);
    expect(m.module.validateR!([2n ** 60n])).toEqual([{ path: '[0]', message: expect.stringMatching(UNSAFE) }]);
    expect(m.module.isR!([2 ** 50])).toBe(true);
    expect(typeErrors(m)).toEqual([]);
  });

  it('any keeps it, a tag number stays, a map key is refused at the key, a text control only fails', async () => {
    const cddl = ['a = [* (x: any / int, ? y: tstr, ? z: bool / "")]', 't = [* (x: #6.<uint>(tstr), ? y: tstr, ? z: bool / "")]', 'k = [* (x: { * int => tstr }, ? y: tstr, ? z: bool / "")]', 'j = [* (x: tstr .json int / tstr, ? y: int, ? z: bool / 0)]', 'z = [* (x: uint .size 4 / any, ? y: tstr, ? z: bool / "")]', ''].join('\n');
    const m = await loadWith('general-kept', cddl, 'number');
    expect(m.module.decodeA!(fromHex('811b1000000000000000'))).toEqual([2n ** 60n]);
    expect(m.module.decodeT!(fromHex('81db10000000000000006161'))).toMatchObject([{ tag: 2n ** 60n, value: 'a' }]);
    const key = thrown(() => m.module.decodeK!(fromHex('81a11b10000000000000006161'))) as DecodeError;
    expect([key.path, key.offset, key.code]).toEqual(['[0]{1152921504606846976}<key>', 2, 'unsafe-integer']);
    // `.json int` refuses the integer as typed code does, and `tstr` takes the text.
    const json = '1152921504606846976';
    expect(m.module.decodeJ!(fromHex(`8173${Buffer.from(json).toString('hex')}`))).toEqual([json]);
    // `uint .size 4` holds no unsafe integer: it refuses this one as a size, and `any` takes it, as in typed code.
    expect(m.module.decodeZ!(fromHex('811b1000000000000000'))).toEqual([2n ** 60n]);
    expect(typeErrors(m)).toEqual([]);
  });

  it('a control that bounds its integers within ±(2^53 − 1) refuses a greater one by its bound, as typed code does (uint .le 65535)', async () => {
    const cddl = ['p = [* (x: port / any, ? y: tstr, ? z: bool / "")]', 'q = [* (x: port, ? y: tstr, ? z: bool / "")]', 'r = port / any', 's = [port]', 'port = uint .le 65535', 'w = [* (x: (uint .le 2) .within (0..10) / any, ? y: tstr, ? z: bool / "")]', ''].join('\n');
    const m = await loadWith('general-bounded', cddl, 'number');
    const big = '1b1000000000000000';
    // Typed rules: r takes it as any, s says what the bound is.
    expect((m.module.decodeR!(fromHex(big)) as { value: unknown }).value).toBe(2n ** 60n);
    expect(decodeError(() => m.module.decodeS!(fromHex(`81${big}`)))).not.toMatch(UNSAFE);
    // General rules alike.
    expect(m.module.decodeP!(fromHex(`81${big}`))).toEqual([2n ** 60n]);
    expect(m.module.decodeW!(fromHex(`81${big}`))).toEqual([2n ** 60n]);
    const error = decodeError(() => m.module.decodeQ!(fromHex(`81${big}`)));
    expect(error).not.toMatch(UNSAFE);
    expect(error).toMatch(/\.le 65535/);
    expect(typeErrors(m)).toEqual([]);
  });
});

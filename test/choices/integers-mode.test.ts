/**
 * The `integers` option everywhere a module meets an integer (docs/config.md): in comparisons
 * (`.eq`, `.ne`) and in the integers the RFC 9741 text controls read out of a string, as in
 * `.json` and `.cbor` controllers (rules of the module). Each mode's module type-checks under the
 * strictest settings; `"number"` refuses an integer beyond ±(2^53 − 1) wherever it is, the
 * other modes accept it.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '../../generator/index.js';
import { hex, toHex } from '../support/hex.js';
import { importScratch } from '../support/scratch.js';
import { typecheck } from '../support/typecheck.js';

const SCHEMA = `
top = uint .eq 18446744073709551615
notFive = int .ne 5
notTop = uint .ne 18446744073709551615
decimal = text .decimal uint
anyDecimal = text .decimal any
printed = text .printf (["%x-%d", uint, int])
joined = text .join (["n=", text .decimal uint])
json = text .json [uint]
embedded = bytes .cbor uint
`;

type Mode = 'number' | 'bigint' | undefined;
type Fn = (value: unknown) => unknown;

const TMP = new URL('./__tmp__/integers-mode/', import.meta.url);

async function generate(mode: Mode): Promise<{ module: Record<string, Fn>; files: string[] }> {
  const files = compile([{ path: 'x.cddl', text: SCHEMA }], mode === undefined ? {} : { integers: mode });
  const { module, dir } = await importScratch<Record<string, Fn>>(TMP, mode ?? 'unset', files, { entry: 'x.ts' });
  return { module, files: files.map((f) => fileURLToPath(new URL(f.path, dir))) };
}

/** A text string as CBOR (short ones only). */
function text(s: string): Uint8Array {
  const bytes = new TextEncoder().encode(s);
  return Uint8Array.of(0x60 + bytes.length, ...bytes);
}

/** Whether decoding succeeds; anything but a DecodeError fails the test. */
function accepts(module: Record<string, Fn>, rule: string, bytes: Uint8Array): boolean {
  try {
    (module[`decode${rule}`] as Fn)(bytes);
    return true;
  } catch (error) {
    if (!(module.isDecodeError as Fn)(error)) throw error;
    return false;
  }
}

const BEYOND = '9007199254740993'; // 2^53 + 1
const SAFE = '9007199254740991'; // 2^53 − 1
const TOP = '1bffffffffffffffff'; // 2^64 − 1

describe.each([['number'], ['bigint'], [undefined]] as [Mode][])('integers %s', (mode) => {
  it('the module type-checks under the strictest settings', async () => {
    const { files } = await generate(mode);
    expect(typecheck(files.filter((f) => f.endsWith('.ts')), { moduleResolution: 'nodenext' })).toEqual([]);
  }, 60_000);

  it('comparisons: .eq and .ne with integers beyond 2^53', async () => {
    const { module } = await generate(mode);
    const isTop = module.isTop as Fn;
    expect(accepts(module, 'Top', hex(TOP))).toBe(mode !== 'number');
    expect(accepts(module, 'NotTop', hex(TOP))).toBe(false);
    expect(accepts(module, 'NotTop', hex('1bfffffffffffffffe'))).toBe(mode !== 'number');
    expect(accepts(module, 'NotFive', hex('05'))).toBe(false);
    expect(accepts(module, 'NotFive', hex('06'))).toBe(true);
    expect(isTop(2n ** 64n - 1n)).toBe(mode !== 'number');
    expect(isTop(2 ** 64)).toBe(false);
    expect((module.isNotFive as Fn)(mode === 'bigint' ? 6n : 6)).toBe(true);
    expect((module.isNotFive as Fn)(mode === 'bigint' ? 5n : 5)).toBe(false);
    if (mode === 'number') expect(() => (module.decodeTop as Fn)(hex(TOP))).toThrow(/integers: "number"/);
    else expect(toHex((module.encodeTop as Fn)((module.decodeTop as Fn)(hex(TOP))) as Uint8Array)).toBe(TOP);
  });

  it('integers inside text (.decimal, .printf, .join) are held to the range .json and .cbor keep', async () => {
    const { module } = await generate(mode);
    const wide = mode !== 'number';
    for (const [rule, big, safe] of [
      ['Decimal', BEYOND, SAFE],
      ['AnyDecimal', BEYOND, SAFE],
      ['Printed', `1-${BEYOND}`, `1-${SAFE}`],
      ['Joined', `n=${BEYOND}`, `n=${SAFE}`],
      ['Json', `[${BEYOND}]`, `[${SAFE}]`],
    ] as const) {
      expect(accepts(module, rule, text(safe)), `${rule} ${safe}`).toBe(true);
      expect(accepts(module, rule, text(big)), `${rule} ${big}`).toBe(wide);
      expect((module[`is${rule}`] as Fn)(big), `is${rule} ${big}`).toBe(wide);
    }
    // The same integer as embedded CBOR: 1b 0020000000000001.
    expect(accepts(module, 'Embedded', hex('491b0020000000000001'))).toBe(wide);
  });
});

/**
 * A type choice whose options of one major type are each a plain integer, text or byte string (`1 / 2 / tstr`,
 * `-1 / (5..7) / tstr`, `"a" / "b" / tstr .size 5`): the decoder reads the item once and keeps it when one option
 * holds, and a failure names every option in one list ("expected one of 1, 2, got 3"). Before, the options were
 * tried in turn, each read and rewound, and the last option's error stood alone ("expected one of 2, got 3"). In
 * each `integers` mode the module type-checks, takes exactly the options' values and writes back the same bytes.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '../../generator/index.js';
import { hex, toHex } from '../support/hex.js';
import { importScratch } from '../support/scratch.js';
import { typecheck } from '../support/typecheck.js';

const SCHEMA = `
small = 1 / 2 / tstr
spread = -1 / (5..7) / 18446744073709551615 / tstr
words = "a" / "b" / tstr .size 5
`;

type Mode = 'number' | 'bigint' | undefined;
type Fn = (value: unknown) => unknown;

const TMP = new URL('./__tmp__/scalar-options/', import.meta.url);

async function generate(mode: Mode): Promise<{ module: Record<string, Fn>; files: string[]; text: string }> {
  const emitted = compile([{ path: 'x.cddl', text: SCHEMA }], mode === undefined ? {} : { integers: mode });
  const { module, dir } = await importScratch<Record<string, Fn>>(TMP, mode ?? 'unset', emitted, { entry: 'x.ts' });
  return { module, files: emitted.map((f) => fileURLToPath(new URL(f.path, dir))), text: emitted[0]?.contents ?? '' };
}

/** The decode error's reason, or the re-encoded bytes. */
function outcome(module: Record<string, Fn>, rule: string, input: string): string {
  try {
    const value = (module[`decode${rule}`] as Fn)(hex(input));
    expect((module[`is${rule}`] as Fn)(value)).toBe(true);
    return toHex((module[`encode${rule}`] as Fn)(value) as Uint8Array);
  } catch (error) {
    if (!(module.isDecodeError as Fn)(error)) throw error;
    return (error as { reason: string }).reason;
  }
}

describe.each<Mode>([undefined, 'bigint', 'number'])('options of one major type read once (integers: %s)', (mode) => {
  it('type-check, and read each item once (no option tried and rewound)', async () => {
    const { files, text } = await generate(mode);
    expect(typecheck(files, { moduleResolution: 'nodenext' })).toEqual([]);
    // Except where "bigint" reads the small options as numbers and the large one as a bigint: those are tried in turn.
    expect(text.match(/markForRetry\(/g) ?? []).toHaveLength(mode === 'bigint' ? 1 : 0);
  });

  it('take exactly the options, write back the same bytes, and name every option when none holds', async () => {
    const { module } = await generate(mode);
    expect(['01', '02', '6161'].map((h) => outcome(module, 'Small', h))).toEqual(['01', '02', '6161']);
    expect(outcome(module, 'Small', '03')).toBe('expected one of 1, 2, got 3');
    expect(outcome(module, 'Small', '1818')).toBe('expected one of 1, 2, got 24');
    expect(outcome(module, 'Small', '20')).toBe('expected one of 1, 2 or a text string, got a negative integer');
    expect(['20', '05', '07'].map((h) => outcome(module, 'Spread', h))).toEqual(['20', '05', '07']);
    // (Tried in turn under "bigint": the last option's error stands.)
    expect(outcome(module, 'Spread', '08')).toBe(mode === 'bigint' ? 'expected 18446744073709551615, got 8' : 'expected an integer in 5..7 or 18446744073709551615, got 8');
    expect(outcome(module, 'Spread', '21')).toBe('expected -1, got -2');
    // Beyond 2^53 − 1 the number mode refuses the integer itself, as a read of it does anywhere.
    expect(outcome(module, 'Spread', '1bffffffffffffffff')).toBe(mode === 'number' ? 'integer 18446744073709551615 is beyond ±(2^53 − 1), which code generated with integers: "number" cannot hold (generate with integers: "bigint" to read it)' : '1bffffffffffffffff');
    expect(['6161', '6162', '656162636465'].map((h) => outcome(module, 'Words', h))).toEqual(['6161', '6162', '656162636465']);
    expect(outcome(module, 'Words', '6163')).toBe('expected one of "a", "b" or a text string of 5 bytes, got "c"');
  });
});

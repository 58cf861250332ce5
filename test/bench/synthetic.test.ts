/**
 * The synthetic schemas the benchmark times the generator on: the same text
 * every time, every construct it claims, and a schema the generator compiles.
 * And the README table built from a BENCH_JSON line marks goals as held or not.
 */
import { describe, expect, it } from 'vitest';
import { syntheticSchema } from '../../bench/generator/synthetic.js';
import { table } from '../../bench/readme-table.js';
import { compile } from '../../generator/index.js';

describe('syntheticSchema', () => {
  it('is deterministic and has the number of rules asked for', () => {
    const a = syntheticSchema(300);
    expect(syntheticSchema(300)).toBe(a);
    expect(a.match(/^Rule\d+ = /gm)).toHaveLength(300);
    expect(syntheticSchema(300, 1)).not.toBe(a);
  });

  it('has maps of 3 to 8 members, lists, records, enumerations, choices and references', () => {
    const text = syntheticSchema(400);
    const maps = [...text.matchAll(/^Rule\d+ = \{\n((?: {2}.*\n)+)\}/gm)].map((m) => m[1]!.trim().split('\n').length);
    expect(maps.length).toBeGreaterThan(100);
    expect(Math.min(...maps)).toBe(3);
    expect(Math.max(...maps)).toBe(8);
    expect(text).toMatch(/^Rule\d+ = \[\* Rule\d+\]$/m);
    expect(text).toMatch(/^Rule\d+ = \[id: /m);
    expect(text).toMatch(/^Rule\d+ = &\( r\d+v0: \d+/m);
    expect(text).toMatch(/^Rule\d+ = Rule\d+ \/ Rule\d+ \/ /m);
    expect(text).toMatch(/^Rule\d+ = Rule\d+$/m);
  });

  it('compiles into a module with functions for every rule', () => {
    const files = compile([{ path: 'synthetic.cddl', text: syntheticSchema(120) }]);
    const module = files[0]!.contents;
    // Its choices of maps and arrays that nothing names are tried in turn, so its decoders rewind (backtrackingDecoder).
    for (const i of [0, 57, 119]) expect(module).toContain(`export const decodeRule${i}: Decoder<Rule${i}> = /*#__PURE__*/ backtrackingDecoder(readRule${i});`);
  });
});

describe('the README performance table', () => {
  it('says which goals hold', () => {
    const md = table({
      env: { node: 'v20', cpu: 'cpu', cpus: 2, loadavg: [1, 1, 1] },
      loadavgAfter: [1, 1, 1],
      status: [1, 10, 1000].map((entries) => ({
        entries,
        nsPerOp: {},
        ratios: { encode_vs_hand: 0.96, decode_vs_hand: 0.5, decode_vs_cborxRaw: 2.5, encode_vs_cborx: 6, decode_vs_cborxValidated: 3, decode_vs_cborgValidated: 3, encode_vs_cborg: 3, is_vs_hand: 1, validate_over_is: 1.1 },
      })),
      generator: { runs: [{ rules: 5000, compileMs: 3500, peakRssMiB: 300, outputBytesPerRule: 1900 }], exponents: [], cold: null },
    });
    expect(md).toContain('| status encode vs hand-written, N = 1 / 10 / 1000 | 0.96 / 0.96 / 0.96 | ≥ 0.95 at every N | yes |');
    expect(md).toContain('| status decode vs hand-written, N = 1 / 10 / 1000 | 0.50 / 0.50 / 0.50 | ≥ 0.8 at every N | no |');
    expect(md).toContain('| generator, 5,000-rule synthetic schema | 3.50 s, 300 MiB | ≤ 3 s, ≤ 400 MiB | no |');
    expect(md).toContain('| generated code per rule (5,000-rule schema) | 1.9 KB | ≤ 2 KB | yes |');
    expect(md).toContain('load average 1 1 1 before');
  });
});

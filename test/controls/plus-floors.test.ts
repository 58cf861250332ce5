/**
 * `.plus` of an integer type and a float type whose floats are further apart than the integer type
 * is wide (RFC 9165 §2.1: "converting from a floating point number to an integer selects its floor",
 * so the result is every n + floor(x)). Beyond 2^precision the floats of a width are a grid, so
 * `(1..3) .plus float` leaves a gap after every float from 2^54 on: evenly spaced runs of integers,
 * more than are listed as ranges. Such a rule is general: its decoder and guard are the general
 * matcher's, which tests the runs (the program's `steps` node), and its test-data generator draws from
 * them. Every one of them is compared with the definition itself, n − i being the floor of a float
 * of the width for some i of the target, at the boundaries of the binades and at random.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, compileIr } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { seededRandom } from '../../templates/arbitrary.js';
import { readCborValue } from '../../templates/cbor-any.js';
import { explain } from '../../templates/matcher.js';
import { CborReader } from '../../templates/runtime.js';
import { checkModule } from '../property/check-module.js';
import { errorOf } from '../support/schemas.js';
import { loadGeneratedModule, type GeneratedModule } from '../support/generated-module.js';

const CBOR_MIN = -(2n ** 64n);
const CBOR_MAX = 2n ** 64n - 1n;

/** Whether k is the floor of some finite float of the width: every integer up to 2^precision, and beyond it the integers the width holds exactly. */
function isFloor(k: bigint, width: 32 | 64): boolean {
  const dense = width === 64 ? 2n ** 53n : 2n ** 24n;
  if (k >= -dense && k <= dense) return true;
  const x = width === 64 ? Number(k) : Math.fround(Number(k));
  return Number.isFinite(x) && BigInt(x) === k;
}

interface Case {
  rule: string;
  cddl: string;
  /** The target's integers, and the controller's float width. */
  target: [bigint, bigint][];
  width: 32 | 64;
}

const CASES: Case[] = [
  { rule: 'a', cddl: '(1..3) .plus float', target: [[1n, 3n]], width: 64 },
  { rule: 'b', cddl: '0 .plus float32', target: [[0n, 0n]], width: 32 },
  { rule: 'c', cddl: '(-5 / 10..11) .plus float64', target: [[-5n, -5n], [10n, 11n]], width: 64 },
];

/** The definition: an integer CBOR holds that is n + floor(x) for some n of the target and float x of the width. */
function member(c: Case, n: bigint): boolean {
  if (n < CBOR_MIN || n > CBOR_MAX) return false;
  return c.target.some(([lo, hi]) => {
    for (let i = lo; i <= hi; i++) if (isFloor(n - i, c.width)) return true;
    return false;
  });
}

/** Integers to ask about: each binade's edges from 2^p − 2 to CBOR's ends, both signs, a few either side, and random ones. */
function probes(): bigint[] {
  const out = new Set<bigint>([0n, 1n, -1n, CBOR_MIN, CBOR_MIN + 1n, CBOR_MIN + 3n, CBOR_MIN + 4n, CBOR_MAX, CBOR_MAX - 1n, CBOR_MAX - 2046n, CBOR_MAX - 2047n, CBOR_MAX - 2048n]);
  for (let k = 20n; k <= 64n; k++) {
    for (let d = -9n; d <= 13n; d++) {
      out.add(2n ** k + d);
      out.add(-(2n ** k) + d);
    }
  }
  const random = seededRandom(7);
  for (let i = 0; i < 400; i++) {
    const bits = 20n + BigInt(random(44));
    const n = (2n ** bits) + BigInt(random(2 ** 30)) * BigInt(random(2 ** 30));
    out.add(random(2) === 0 ? n : -n);
  }
  return [...out].filter((n) => n >= CBOR_MIN && n <= CBOR_MAX);
}

/** An integer's CBOR encoding (major type 0 or 1, eight-byte argument when it needs it). */
function encodeInt(n: bigint): Uint8Array {
  const major = n >= 0n ? 0 : 1;
  const arg = n >= 0n ? n : -1n - n;
  if (arg < 24n) return Uint8Array.of((major << 5) | Number(arg));
  const out = new Uint8Array(9);
  out[0] = (major << 5) | 27;
  new DataView(out.buffer).setBigUint64(1, arg);
  return out;
}

function encodeFloat(x: number): Uint8Array {
  const out = new Uint8Array(9);
  out[0] = 0xfb;
  new DataView(out.buffer).setFloat64(1, x);
  return out;
}

const schema = CASES.map((c) => `${c.rule} = ${c.cddl}`).join('\n') + '\n';

describe('the definition, the general matcher and the generated module agree on every probe', () => {
  let mod: GeneratedModule['mod'] = {};
  let arbitrary: GeneratedModule['arbitrary'] = {};
  let remove = () => {};
  const program = lowerProgram(compileIr([{ path: 'x.cddl', text: schema }]), CASES.map((c) => c.rule));

  beforeAll(async () => {
    ({ mod, arbitrary, remove } = await loadGeneratedModule(schema, 'plus-floors'));
  }, 120_000);
  afterAll(() => remove());

  it.each(CASES)('$rule = $cddl', (c) => {
    const name = c.rule.toUpperCase();
    const checked = { members: 0, others: 0 };
    for (const n of probes()) {
      const expected = member(c, n);
      const bytes = encodeInt(n);
      const value = readCborValue(new CborReader(bytes));
      expect(explain(program, c.rule, value) === null, `matcher ${n}`).toBe(expected);
      expect(mod[`is${name}`]?.(value), `guard ${n}`).toBe(expected);
      const decoded = (() => {
        try {
          return mod[`decode${name}`]?.(bytes);
        } catch (error) {
          if (mod.isDecodeError?.(error) !== true) throw error;
          return 'rejected';
        }
      })();
      expect(decoded, `decoder ${n}`).toEqual(expected ? value : 'rejected');
      checked[expected ? 'members' : 'others']++;
    }
    expect(checked.members).toBeGreaterThan(100);
    expect(checked.others).toBeGreaterThan(100);
  });

  it('the exact boundaries of (1..3) .plus float: every integer to 2^54 + 3, then three in every four, eight, …', () => {
    const a = CASES[0] as Case;
    const p = (k: bigint) => 2n ** k;
    const inside = [p(53n) - 2n, p(53n) + 3n, p(53n) + 4n, p(54n), p(54n) + 3n, p(54n) + 5n, p(55n) + 3n, p(55n) + 9n, -p(53n) + 1n, -p(54n) + 1n, -p(54n) - 1n, -p(54n) - 3n, CBOR_MIN + 1n, CBOR_MIN + 3n, CBOR_MAX - 2046n, CBOR_MAX - 2044n];
    const outside = [p(54n) + 4n, p(54n) + 8n, p(55n) + 4n, p(55n) + 8n, -p(54n) - 4n, -p(54n) - 8n, CBOR_MIN, CBOR_MAX, CBOR_MAX - 2047n, CBOR_MAX - 2043n];
    for (const n of inside) expect([n, member(a, n), explain(program, 'a', readCborValue(new CborReader(encodeInt(n)))) === null]).toEqual([n, true, true]);
    for (const n of outside) expect([n, member(a, n), explain(program, 'a', readCborValue(new CborReader(encodeInt(n)))) === null]).toEqual([n, false, false]);
    // A float is no integer, whatever its value: Infinity (whose floor is no integer), NaN, 2.0.
    for (const x of [Infinity, -Infinity, NaN, 2]) expect(explain(program, 'a', readCborValue(new CborReader(encodeFloat(x))))).not.toBeNull();
  });

  it('the test-data generators draw only integers of the runs, which decode, pass the guard and re-encode', () => {
    const rules = CASES.map((c) => ({ name: c.rule, tsName: c.rule.toUpperCase() }));
    const report = checkModule(mod, arbitrary, rules, { seeds: 60, edits: 2, maxRules: 10 });
    expect(report.failures).toEqual([]);
    expect([...report.cannot]).toEqual([]);
    expect(report.covered).toBe(CASES.length);
    const drawEncoded = arbitrary.drawEncoded as (program: unknown, rule: string, seed: number) => Uint8Array;
    for (const c of CASES) {
      for (let seed = 0; seed < 60; seed++) {
        const value = readCborValue(new CborReader(drawEncoded(arbitrary.program, c.rule, seed)));
        expect(typeof value === 'number' || typeof value === 'bigint', `${c.rule} seed ${seed}`).toBe(true);
        expect(member(c, BigInt(value as number | bigint)), `${c.rule} seed ${seed}: ${String(value)}`).toBe(true);
      }
    }
  });
});

describe('what stays a resource limit', () => {
  it('more than 4096 ranges and runs: 256 separate integers, each beside every binade of sparse floats', () => {
    const w = Array.from({ length: 16 }, (_, i) => String(4 * i)).join(' / ');
    const x = Array.from({ length: 16 }, (_, i) => String(64 * i)).join(' / ');
    const text = `a = v .plus float\nv = w .plus x\nw = ${w}\nx = ${x}\n`;
    expect(errorOf(() => compile([{ path: 'x.cddl', text }])).first).toContain('.plus of an integer type and the floors of a float type in more than 4096 separate ranges and evenly spaced runs: v .plus float');
  });
});

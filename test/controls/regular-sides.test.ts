/**
 * The patterns generator/layout/regular-sides.ts writes for `.printf` and `.join` sides of `.det`
 * mean what the checks generated code makes mean (templates/printf.ts `matchesPrintf`,
 * text-controls.ts `matchesJoin`): compared on every short string of an alphabet and on what printf
 * writes for integers in and out of the argument's type, over flags, widths, precisions and bounds.
 */
import { describe, expect, it } from 'vitest';
import { sidePattern } from '../../generator/layout/regular-sides.js';
import type { ScalarShape } from '../../generator/layout/scalars.js';
import { UNBOUNDED_MAX, UNBOUNDED_MIN, type Interval } from '../../generator/layout/shapes.js';
import { matchesPrintf } from '../../templates/text-controls.js';

type TextShape = Extract<ScalarShape, { kind: 'text' }>;

const printfSide = (format: string, args: ScalarShape[]): TextShape => ({ kind: 'text', values: null, size: null, checks: [{ kind: 'printf', format, args, roles: args.map(() => 'd') }] });

function patternOf(side: TextShape): RegExp {
  const p = sidePattern(side);
  if ('why' in p) throw new Error(p.why);
  return new RegExp(`^(?:${p.pattern})$`, 'u');
}

/** Every string of up to `most` characters of `alphabet`. */
function strings(alphabet: readonly string[], most: number): string[] {
  const all = [''];
  for (let i = 0; i < all.length; i++) if ((all[i] as string).length < most) for (const c of alphabet) all.push(all[i] + c);
  return all;
}

/** A `.printf` side of the tests below: its format, argument shapes, and the arguments matchesPrintf is given. */
interface PrintfSide {
  format: string;
  args: ScalarShape[];
  check: Parameters<typeof matchesPrintf>[2];
}

/** Each side's pattern against matchesPrintf on `[t]` for every text t of `inner`: the texts where they differ, and how many matchesPrintf took. */
function bracketedDisagreements(sides: readonly PrintfSide[], inner: readonly string[]): { wrong: string[]; accepted: number } {
  const wrong: string[] = [];
  let accepted = 0;
  for (const { format, args, check } of sides) {
    const pattern = patternOf(printfSide(format, args));
    for (const text of inner.map((t) => `[${t}]`)) {
      const expected = matchesPrintf(text, format, check);
      if (pattern.test(text) !== expected) wrong.push(`${format} ${JSON.stringify(text)}: pattern ${!expected}`);
      if (expected) accepted++;
    }
  }
  return { wrong, accepted };
}

/**
 * C's output for `%<width>.<precision><conversion>` of n, by hand, for the texts to try, with what each flag would
 * change (a space, a zero or a sign before the digits, the padding on either side, the `#` prefixes) as near misses:
 * the same texts serve every flag, since the check, not this list, says which of them a format writes.
 */
function written(width: number, precision: number | null, conversion: string, n: bigint): string[] {
  const radix = conversion === 'o' ? 8 : 'xX'.includes(conversion) ? 16 : 10;
  const digits = (n < 0n ? -n : n).toString(radix);
  const sign = n < 0n ? '-' : '';
  const body = `${sign}${'0'.repeat(Math.max(0, (precision ?? 0) - digits.length))}${digits}`;
  // Near misses too: the digits with a space, a zero or a sign before them, and the body unpadded.
  return [body, ` ${body}`, `0${body}`, `+${body}`, body.padStart(width, ' '), body.padEnd(width, ' '), body.padStart(width, '0'), `0x${body}`, `0${conversion}${body}`];
}

describe('.printf integer conversions: pattern and check agree', () => {
  const INTERVALS: Interval[][] = [[{ lo: -20n, hi: 300n }], [{ lo: 5n, hi: 17n }, { lo: 64n, hi: 64n }], [{ lo: UNBOUNDED_MIN, hi: UNBOUNDED_MAX }], [{ lo: 0n, hi: 0n }], [{ lo: -(2n ** 64n), hi: -3n }]];
  const FLAGS = ['', '-', '0', '+', ' ', '#', '0#'];
  const cases = INTERVALS.flatMap((intervals) => FLAGS.flatMap((flags) => ['d', 'u', 'o', 'x', 'X'].flatMap((conversion) => [0, 4].flatMap((width) => [null, 0, 3].map((precision) => ({ intervals, flags, conversion, width, precision }))))));

  it(`${cases.length} conversions: each text printf writes (and near misses) for numbers near the bounds and the powers of the radixes, and each short text of digits, signs and spaces`, () => {
    // With PROPERTY_WIDE=1: every text of up to 3 of these characters, and the powers of each radix up to the 23rd;
    // by default (CI's time) up to 2 characters and the 9th power, a third of the time.
    const wide = process.env.PROPERTY_WIDE !== undefined;
    const short = strings(['0', '1', 'f', '-', '+', ' ', 'x'], wide ? 3 : 2);
    const powers = [8n, 10n, 16n].flatMap((r) => Array.from({ length: wide ? 24 : 10 }, (_, k) => [r ** BigInt(k) - 1n, r ** BigInt(k), 3n * r ** BigInt(k)]).flat());
    const near = [...new Set([0n, 3n, 5n, 7n, 8n, 15n, 16n, 17n, 20n, 63n, 64n, 65n, 99n, 100n, 255n, 256n, 299n, 300n, 301n, 511n, 512n, 4095n, 4096n, 2n ** 64n - 1n, 2n ** 64n, 2n ** 70n, ...powers])];
    const numbers = [...near, ...near.map((n) => -n), 1n, -1n, 2n, -2n];
    const wrong: string[] = [];
    for (const { intervals, flags, conversion, width, precision } of cases) {
      const format = `%${flags}${width === 0 ? '' : width}${precision === null ? '' : `.${precision}`}${conversion}`;
      const inside = (x: unknown) => (typeof x === 'number' || typeof x === 'bigint') && intervals.some((i) => BigInt(x) >= i.lo && BigInt(x) <= i.hi);
      const pattern = patternOf(printfSide(`<${format}>`, [{ kind: 'int', intervals }]));
      const texts = new Set([...short, ...numbers.flatMap((n) => written(width, precision, conversion, n))]);
      for (const t of texts) {
        const text = `<${t}>`;
        if (pattern.test(text) !== matchesPrintf(text, `<${format}>`, [inside])) wrong.push(`${format} ${JSON.stringify(intervals.map((i) => [String(i.lo), String(i.hi)]))} ${JSON.stringify(text)}`);
      }
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  }, 120_000);
});

describe("a '*' width or precision of a few values", () => {
  it('each of them, a negative width the - flag, a negative precision none: every short text', () => {
    const int = (...ranges: [number, number][]): ScalarShape => ({ kind: 'int', intervals: ranges.map(([lo, hi]) => ({ lo: BigInt(lo), hi: BigInt(hi) })) });
    const texts: TextShape = { kind: 'text', values: ['ab', 'é', ' a', ''], size: null };
    const inInt = (ranges: [number, number][]) => ({ test: (x: unknown) => typeof x === 'number' && ranges.some(([lo, hi]) => x >= lo && x <= hi), hints: ranges.flat() });
    const inTexts = { test: (x: unknown) => typeof x === 'string' && (texts.values ?? []).includes(x), longer: (t: string) => (texts.values ?? []).some((v) => v.length > t.length && v.startsWith(t)) };
    const W: [number, number][] = [[-3, -2], [0, 0], [3, 4]];
    const P: [number, number][] = [[-1, -1], [0, 1], [3, 3]];
    const sides: PrintfSide[] = [
      { format: '[%*d]', args: [int(...W), int([-12, 30])], check: [inInt(W), inInt([[-12, 30]])] },
      { format: '[%.*x]', args: [int(...P), int([0, 20])], check: [inInt(P), inInt([[0, 20]])] },
      { format: '[%0*.*d]', args: [int(...W), int(...P), int([-5, 5])], check: [inInt(W), inInt(P), inInt([[-5, 5]])] },
      { format: '[%*.*s]', args: [int(...W), int(...P), texts], check: [inInt(W), inInt(P), inTexts] },
      { format: '[%*c]', args: [int(...W), int([97, 98])], check: [inInt(W), inInt([[97, 98]])] },
    ];
    const { wrong, accepted } = bracketedDisagreements(sides, strings(['0', '1', '2', '-', ' ', 'a', 'é'], 5));
    expect(accepted).toBeGreaterThan(100);
    expect(wrong.slice(0, 20)).toEqual([]);
  }, 120_000);
});

describe("'*' widths of every size (uint, int): any number of spaces on the side they pad, or of zeros after the sign", () => {
  it('each conversion and flag, with and without a precision, beside few or no negative widths: every short text', () => {
    const shape = (intervals: Interval[]): ScalarShape => ({ kind: 'int', intervals });
    const UINT = [{ lo: 0n, hi: 2n ** 64n - 1n }];
    const INT = [{ lo: -(2n ** 64n), hi: 2n ** 64n - 1n }];
    const ALL = [{ lo: UNBOUNDED_MIN, hi: UNBOUNDED_MAX }];
    const within = (intervals: Interval[]) => ({ test: (x: unknown) => (typeof x === 'number' || typeof x === 'bigint') && intervals.some((i) => BigInt(x) >= i.lo && BigInt(x) <= i.hi), hints: intervals.flatMap((i) => [i.lo, i.hi]).filter((n) => n > UNBOUNDED_MIN && n < UNBOUNDED_MAX) });
    const texts: TextShape = { kind: 'text', values: ['ab', ' a', ''], size: null };
    const anyText: TextShape = { kind: 'text', values: null, size: null };
    const inTexts = { test: (x: unknown) => typeof x === 'string' && (texts.values ?? []).includes(x), longer: (s: string) => (texts.values ?? []).some((v) => v.length > s.length && v.startsWith(s)) };
    const sides: PrintfSide[] = [];
    for (const widths of [UINT, INT, ALL]) {
      const w = within([...widths]);
      for (const flags of ['', '-', '+', ' ', '#', '-#'])
        for (const conversion of ['d', 'x'])
          sides.push({ format: `[%${flags}*${conversion}]`, args: [shape([...widths]), shape([{ lo: -12n, hi: 20n }])], check: [w, within([{ lo: -12n, hi: 20n }])] });
      for (const flags of ['0', '0+', '0#', '0 '])
        for (const conversion of ['d', 'o', 'x'])
          sides.push({ format: `[%${flags}*${conversion}]`, args: [shape([...widths]), shape([{ lo: -12n, hi: 20n }])], check: [w, within([{ lo: -12n, hi: 20n }])] });
      sides.push({ format: '[%0*.*d]', args: [shape([...widths]), shape([{ lo: 0n, hi: 2n }]), shape([{ lo: -5n, hi: 5n }])], check: [w, within([{ lo: 0n, hi: 2n }]), within([{ lo: -5n, hi: 5n }])] });
      sides.push({ format: '[%-0*d]', args: [shape([...widths]), shape([{ lo: -5n, hi: 5n }])], check: [w, within([{ lo: -5n, hi: 5n }])] });
      sides.push({ format: '[%*.*s]', args: [shape([...widths]), shape([{ lo: -1n, hi: 1n }]), texts], check: [w, within([{ lo: -1n, hi: 1n }]), inTexts] });
      sides.push({ format: '[%*s]', args: [shape([...widths]), anyText], check: [w, { test: (x: unknown) => typeof x === 'string' }] });
      sides.push({ format: '[%*c]', args: [shape([...widths]), shape([{ lo: 97n, hi: 98n }])], check: [w, within([{ lo: 97n, hi: 98n }])] });
    }
    const { wrong, accepted } = bracketedDisagreements(sides, strings(['0', '1', '-', '+', ' ', 'a', 'x'], 4));
    expect(accepted).toBeGreaterThan(1000);
    expect(wrong.slice(0, 20)).toEqual([]);
  }, 120_000);

  it('widths of every size but a few negative ones, and widths of endlessly many sizes short of every one, are not said', () => {
    const shape = (intervals: Interval[]): ScalarShape => ({ kind: 'int', intervals });
    expect(sidePattern(printfSide('%*d', [shape([{ lo: -3n, hi: 2n ** 64n - 1n }]), shape([{ lo: 0n, hi: 9n }])]))).toHaveProperty('why');
    expect(sidePattern(printfSide('%*d', [shape([{ lo: 0n, hi: 5000n }]), shape([{ lo: 0n, hi: 9n }])]))).toHaveProperty('why');
  });
});

describe('.printf text conversions and literals', () => {
  it('%s and %c of literals, padded and cut, beside literal text: every short text', () => {
    const side = (format: string, arg: ScalarShape) => ({ format, arg, pattern: patternOf(printfSide(format, [arg])) });
    const texts: TextShape = { kind: 'text', values: ['ab', 'é', 'abc', ' a', ''], size: null };
    const ints: ScalarShape = { kind: 'int', intervals: [{ lo: 97n, hi: 98n }, { lo: 233n, hi: 233n }, { lo: 0xd800n, hi: 0xd800n }] };
    const sides = [side('[%s]', texts), side('[%4s]', texts), side('[%-3s]', texts), side('[%.2s]', texts), side('[%3.1s]', texts), side('[%c]', ints), side('[%-3c]', ints), side('%%%s', texts)];
    const test = (x: unknown, arg: ScalarShape) => (arg.kind === 'text' ? typeof x === 'string' && (arg.values ?? []).includes(x) : typeof x === 'number' && [97, 98, 233, 0xd800].includes(x));
    const wrong: string[] = [];
    for (const text of strings(['[', ']', 'a', 'b', 'c', 'é', ' ', '%'], 6)) {
      for (const { format, arg, pattern } of sides) if (pattern.test(text) !== matchesPrintf(text, format, [{ test: (x) => test(x, arg), longer: (t) => (arg.kind === 'text' ? (arg.values ?? []).some((v) => v.length > t.length && v.startsWith(t)) : false) }])) wrong.push(`${format} ${JSON.stringify(text)}`);
    }
    expect(wrong).toEqual([]);
  });
});

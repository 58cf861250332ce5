/**
 * `.printf` (RFC 9741 §2.3) against C itself: test/controls/glibc-printf/vectors.json holds what glibc's snprintf
 * wrote for 1,497 random conversions (d i u o x X f F e E g G a A s, flags, widths, precisions, `*` arguments; how
 * they were made and what was left out: vectors.mts there). Each text must be taken for exactly the value C was
 * given, and what C would not write for that value (a space more on either side, a character less at either end)
 * refused: matchesPrintf reads a text back and prints it again, so this is where its own formatter is held to C's.
 * Found this way: the greatest double rounded up past it (`%.0e` → "2e+308") was taken for no value.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchesPrintf, type PrintfArg } from '../../templates/printf.js';
import type { Vector } from './glibc-printf/vectors.mjs';

const vectors = JSON.parse(readFileSync(new URL('./glibc-printf/vectors.json', import.meta.url), 'utf8')) as Vector[];

const integer = (text: string): PrintfArg => {
  const n = BigInt(text);
  // A value the way the runtime hands one over: a number where it is safe, a bigint beyond.
  return { test: (v) => (typeof v === 'number' || typeof v === 'bigint') && BigInt(v) === n, hints: [n] };
};
const double = (hex: string): PrintfArg => {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  const x = view.getFloat64(0);
  return { test: (v) => typeof v === 'number' && (Object.is(v, x) || (Number.isNaN(v) && Number.isNaN(x))), hints: Number.isFinite(x) ? [x] : [] };
};
const text = (value: string): PrintfArg => ({ test: (v) => v === value, longer: (prefix) => value.length > prefix.length && value.startsWith(prefix) });

/** The arguments C was given, each allowing that one value only. */
function argsOf(v: Vector): PrintfArg[] {
  switch (v.kind) {
    case 'i':
      return [integer(v.value)];
    case 'f':
      return [double(v.value)];
    case 's':
      return [text(v.value)];
    case 'W':
      return v.value.split(',').map(integer);
  }
}

describe('.printf against glibc', () => {
  it('has the vectors', () => {
    expect(vectors.length).toBeGreaterThan(1400);
    expect(new Set(vectors.map((v) => v.kind))).toEqual(new Set(['i', 'f', 's', 'W']));
  });

  it('takes what C wrote for the value it was given, and refuses the near misses', () => {
    const wrong: string[] = [];
    for (const v of vectors) {
      const args = argsOf(v);
      if (!matchesPrintf(v.text, v.format, args)) wrong.push(`${v.format} of ${v.value}: refused ${JSON.stringify(v.text)}`);
      for (const miss of [` ${v.text}`, `${v.text} `, v.text.slice(1), v.text.slice(0, -1)]) {
        if (miss !== v.text && matchesPrintf(miss, v.format, args)) wrong.push(`${v.format} of ${v.value}: took ${JSON.stringify(miss)} (C wrote ${JSON.stringify(v.text)})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

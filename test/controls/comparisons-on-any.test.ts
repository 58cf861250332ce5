/**
 * Comparisons that were left to the general matcher (typed CborValue) though their values are plain:
 * - of `any` (`any .lt 3`): integers, bignums among them, and floats compared by value (RFC 8610 §3.8.6), a choice of
 *   `bigint .lt 3` and `float .lt 3` (comparison-bounds.ts comparisonOnAnyOptions);
 * - of float literals (`(1.5 / 2.5 / -0.0) .lt 2`): the literals that meet it; a choice of float literals is read
 *   once, with one message naming every value (it read the item once per literal and reported the last one's error);
 * - a `.size` of a major type of arrays, maps or simple values (`#4 .size 3`), which has no size: never, with a warning.
 * Each is held to the general matcher on the schema as written: the typed decoder takes exactly the items it takes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, compileIr, type SchemaWarning } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { readCborValue } from '../../templates/cbor-any.js';
import { explain } from '../../templates/matcher.js';
import { CborReader, isDecodeError } from '../../templates/runtime.js';
import { loadGeneratedModule, type GeneratedModule } from '../support/generated-module.js';
import { hex, toHex } from '../support/hex.js';

const RULES: Record<string, string> = {
  below3: 'any .lt 3',
  atMost: 'any .le 1.5',
  above: 'any .gt -1',
  floatLiterals: '(1.5 / 2.5 / -0.0) .lt 2',
  floatChoice: '1.5 / -0.0 / 2.5',
  inMap: '{ x: any .ge 0 }',
};
const SCHEMA = Object.entries(RULES)
  .map(([name, type]) => `${name} = ${type}`)
  .join('\n');
const PROGRAM = lowerProgram(compileIr([{ path: 'x.cddl', text: `${SCHEMA}\n` }]), Object.keys(RULES));

/** Integers, bignums, floats of each width, NaN, ±0.0, strings, simple values, containers and other tags. */
const ITEMS = ['00', '02', '03', '20', '3818', '1bffffffffffffffff', 'c24101', 'c24103', 'c34100', 'c349010000000000000000', 'f93c00', 'f93e00', 'f94100', 'f94200', 'f98000', 'f90000', 'f97e00', 'fa3fc00000', 'fb3ff8000000000000', 'fbbff0000000000000', 'f9fc00', 'f97c00', '6161', '4101', 'f4', 'f6', '80', 'a0', 'c104', 'a1617800', 'a1617820', 'a16178f93e00', 'a16178c24101'];

let generated: GeneratedModule;
beforeAll(async () => {
  generated = await loadGeneratedModule(SCHEMA, 'comparisons-on-any');
}, 120_000);
afterAll(() => generated?.remove());

const tsName = (rule: string) => rule[0]?.toUpperCase() + rule.slice(1);

describe('comparisons of any and of float literals', () => {
  it('are typed', () => {
    const module = compile([{ path: 'x.cddl', text: `${SCHEMA}\n` }])[0]?.contents ?? '';
    for (const rule of ['below3', 'atMost', 'above']) expect(module).toContain(`export type ${tsName(rule)} = number | bigint | CborFloat;`);
    expect(module).toContain('export type FloatLiterals = number;');
    expect(module).toContain('export type FloatChoice = number;');
    expect(module).not.toMatch(/= CborValue;/);
  });

  it.each(Object.keys(RULES))('%s takes exactly the items the general matcher takes, and writes each back as its deterministic encoding', (rule) => {
    const name = tsName(rule);
    for (const input of ITEMS) {
      const general = explain(PROGRAM, rule, readCborValue(new CborReader(hex(input)))) === null;
      let value: unknown;
      let typed = true;
      try {
        value = generated.mod[`decode${name}`]?.(hex(input));
      } catch (error) {
        if (!isDecodeError(error)) throw error;
        typed = false;
      }
      expect(typed, `${rule} given ${input}`).toBe(general);
      if (!typed) continue;
      expect(generated.mod[`is${name}`]?.(value)).toBe(true);
      // What is written back is taken again, and is its own encoding.
      const again = generated.mod[`encode${name}`]?.(value) as Uint8Array;
      expect(explain(PROGRAM, rule, readCborValue(new CborReader(again))), `${rule}: ${input} written as ${toHex(again)}`).toBe(null);
      expect(toHex(generated.mod[`encode${name}`]?.(generated.mod[`decode${name}`]?.(again)) as Uint8Array)).toBe(toHex(again));
    }
  });

  it('reads a choice of float literals once and names every value when it fails', () => {
    const decode = generated.mod.decodeFloatChoice as (bytes: Uint8Array) => unknown;
    expect(() => decode(hex('f94200'))).toThrow('expected one of 1.5, -0.0, 2.5, got 3');
    expect(() => decode(hex('f90000'))).toThrow('expected one of 1.5, -0.0, 2.5, got 0');
    expect(() => (generated.mod.decodeFloatLiterals as (bytes: Uint8Array) => unknown)(hex('f94100'))).toThrow('expected one of 1.5, -0.0, got 2.5');
  });
});

describe('what no value meets', () => {
  function warningsOf(text: string): { module: string; warnings: string[] } {
    const warnings: SchemaWarning[] = [];
    const [module] = compile([{ path: 'x.cddl', text: `${text}\n` }], { onWarning: (w) => warnings.push(w) });
    return { module: module?.contents ?? '', warnings: warnings.map((w) => w.message) };
  }

  it.each([
    ['a = 2.5 .lt 2', "2.5 .lt 2 holds none of its target's values"],
    ['a = #4 .size 3', '#4 .size 3 measures what has no size: .size is of unsigned integers and byte and text strings (RFC 8610 §3.8.1), and #4 is none'],
    ['a = (#5 / #7) .size 1', '(#5 / #7) .size 1 measures what has no size: .size is of unsigned integers and byte and text strings (RFC 8610 §3.8.1), and #5 / #7 is none'],
    ['a = any .ge tstr', 'any .ge tstr compares with no number: tstr has none'],
  ])('%s is never, with one warning', (text, reason) => {
    const { module, warnings } = warningsOf(text);
    expect(warnings).toEqual([`${reason}, so no data item matches it: it is typed never, and decoding it always fails`]);
    expect(module).toContain('export type A = never;');
    const program = lowerProgram(compileIr([{ path: 'x.cddl', text: `${text}\n` }]), ['a']);
    expect(ITEMS.filter((input) => explain(program, 'a', readCborValue(new CborReader(hex(input)))) === null)).toEqual([]);
  });
});

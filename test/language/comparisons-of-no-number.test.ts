/**
 * `.lt`, `.le`, `.gt` and `.ge` of what holds no number (`tstr .lt 3`, the prelude's `time .lt 5`, `[int] .ge 1`):
 * RFC 8610 §3.8.6 compares numbers, and the general matcher fails every other kind, so such a control matches
 * nothing. It is typed never with a warning where it is written (before, the rule was left to the general matcher,
 * typed CborValue, taking nothing without a word); for a tag whose content holds numbers the warning says how to
 * compare them. In a choice, such an option adds nothing and is left out of the type and the messages.
 */
import { describe, expect, it } from 'vitest';
import { compile, compileIr, type SchemaWarning } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { readCborValue } from '../../templates/cbor-any.js';
import { explain } from '../../templates/matcher.js';
import { CborReader } from '../../templates/runtime.js';
import { hex as fromHex } from '../support/hex.js';

function generate(text: string): { module: string; warnings: SchemaWarning[] } {
  const warnings: SchemaWarning[] = [];
  const [module] = compile([{ path: 'x.cddl', text: `${text}\n` }], { onWarning: (w) => warnings.push(w) });
  return { module: module?.contents ?? '', warnings };
}

/** Items of every kind: integers, a bignum, floats, strings, simple values, an array, a map and tags. */
const ITEMS = ['00', '02', '20', 'c24101', 'f93c00', 'fb4000000000000000', '6161', '4161', 'f4', 'f5', 'f6', 'f7', '8101', 'a0', 'c104', 'c074323032362d31322d30375431393a30303a30305a', 'c56161'];

/** Whether the general matcher, on the schema as written (not its layouts), takes the item for rule `a`. */
function generalTakes(text: string, hex: string): boolean {
  const program = lowerProgram(compileIr([{ path: 'x.cddl', text: `${text}\n` }]), ['a']);
  return explain(program, 'a', readCborValue(new CborReader(fromHex(hex)))) === null;
}

describe('a comparison of what holds no number', () => {
  it.each([
    ['a = tstr .lt 3', 'tstr .lt 3', 'tstr', ''],
    ['a = time .lt 5', '#6.1(int / float) .lt 5', '#6.1(int / float)', " (the tag's content holds numbers: #6.1((int / float) .lt 5))"],
    ['a = tdate .ge 0', '#6.0(tstr) .ge 0', '#6.0(tstr)', ''],
    ['a = [int] .ge 1', '[int] .ge 1', '[int]', ''],
    ['a = { x: int } .le 1', '{x: int} .le 1', '{x: int}', ''],
    ['a = (true / "x" / h\'00\' / null) .gt 1', '(true / "x" / h\'00\' / null) .gt 1', 'true / "x" / h\'00\' / null', ''],
    ['a = #6.5(uint) .lt 3', '#6.5(uint) .lt 3', '#6.5(uint)', " (the tag's content holds numbers: #6.5(uint .lt 3))"],
    ['a = b .lt 3\nb = bstr / #5', 'b .lt 3', 'b', ''],
  ])('%s is never, with a warning at the control, and the general matcher takes none of the items', (text, control, target, inside) => {
    const op = /\.(lt|le|gt|ge) /.exec(control)?.[1] as string;
    const { module, warnings } = generate(text);
    expect(warnings.map((w) => w.message)).toEqual([
      `${control} compares what is no number: .${op} compares numbers (RFC 8610 §3.8.6), and ${target} is none${inside}, so no data item matches it: it is typed never, and decoding it always fails`,
    ]);
    expect([warnings[0]?.span.line, warnings[0]?.span.col]).toEqual([1, text.indexOf(`.${op}`) + 1]);
    expect(module).toContain('export type A = never;');
    expect(ITEMS.filter((hex) => generalTakes(text, hex))).toEqual([]);
  });

  it.each(['a = biguint .lt 5', 'a = number .ge 0', 'a = (int / float) .lt 2', 'a = #6.2(bstr) .lt 5', 'a = any .lt 3'])('%s compares numbers and says nothing of them', (text) => {
    const { module, warnings } = generate(text);
    expect(warnings.filter((w) => w.message.includes('compares what is no number'))).toEqual([]);
    expect(module).not.toContain('export type A = never;');
    // Some item is a number that meets it.
    expect(ITEMS.some((hex) => generalTakes(text, hex))).toBe(true);
  });

  it('leaves such an option of a choice out of the type and the messages', () => {
    const { module } = generate('a = (tstr / int) .lt 3');
    expect(module).toContain('export type A = number | bigint;');
    expect(module).not.toContain('no value');
    expect(module).toContain('expected an integer ≤ 2, got');
    // The general matcher agrees: the integers below 3 alone.
    expect(ITEMS.filter((hex) => generalTakes('a = (tstr / int) .lt 3', hex))).toEqual(['00', '02', '20']);
  });

  it('leaves an option no value has out of a choice\'s type', () => {
    expect(generate('a = (5..3) / uint').module).toContain('export type A = number | bigint;');
    expect(generate('a = [ (tstr / int) .lt 3 ]').module).toContain('export type A = [number | bigint];');
  });
});

/**
 * ir/print.ts writes types as CDDL for messages and JSDoc: what it writes must read back as the same type
 * (a control binds tighter than `/`, and a control or range operator takes no operand that has one: RFC 8610
 * Appendix B, type1), so the text a message shows is the type the generator meant.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileIr } from '../../generator/index.js';
import { asWritten, printType } from '../../generator/ir/print.js';
import type { IrType } from '../../generator/ir/types.js';

const SPAN = { file: 'x.cddl', line: 1, col: 1 };
const int = (value: number): IrType => ({ kind: 'literal', value: { type: 'int', value: String(value) } });

/** Scalars, choices, controls and tags of them (arrays and maps in a choice would get rules of their own: ir/hoist.ts). */
const types = fc.letrec<{ type: IrType }>((tie) => ({
  type: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<IrType>({ kind: 'ref', rule: 'r' }, { kind: 'prim', prim: 'uint' }, { kind: 'prim', prim: 'tstr' }, { kind: 'literal', value: { type: 'text', value: 'a' } }),
    fc.integer({ min: 0, max: 9 }).map(int),
    fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 5, max: 9 })).map(([a, b]): IrType => ({ kind: 'range', min: { type: 'int', value: String(a) }, max: { type: 'int', value: String(b) }, inclusive: true })),
    fc.array(tie('type'), { minLength: 2, maxLength: 3 }).map((options): IrType => ({ kind: 'choice', options })),
    fc.tuple(fc.constantFrom('size', 'lt', 'and', 'within', 'cat', 'default', 'ne'), tie('type'), tie('type')).map(([op, target, controller]): IrType => ({ kind: 'control', op, target, controller, span: SPAN })),
    tie('type').map((type): IrType => ({ kind: 'tag', tag: '1', type })),
  ),
})).type;

describe('printType', () => {
  it('writes CDDL that reads back as the type it printed, on 1,000 random types of choices, controls, ranges and tags', () => {
    fc.assert(
      fc.property(types, (type) => {
        const text = printType(type);
        const ir = compileIr([{ path: 'x.cddl', text: `x = ${text}\nr = int\n` }]);
        const read = ir.rules.find((r) => r.name === 'x')?.type as IrType;
        // A choice inside a tag in a choice gets a rule of its own (ir/hoist.ts), printed as written.
        expect(printType(read, asWritten(new Map(ir.rules.map((r) => [r.name, r])))), text).toBe(text);
      }),
      { numRuns: 1000, seed: 9682 },
    );
  });

  it('puts a control\'s side in parentheses where it is a choice, a control or a range', () => {
    const control = (op: string, target: IrType, controller: IrType): IrType => ({ kind: 'control', op, target, controller, span: SPAN });
    const choice: IrType = { kind: 'choice', options: [int(1), int(2)] };
    expect(printType(control('lt', { kind: 'prim', prim: 'int' }, choice))).toBe('int .lt (1 / 2)');
    expect(printType(control('det', control('regexp', { kind: 'prim', prim: 'tstr' }, { kind: 'literal', value: { type: 'text', value: ' *a*' } }), { kind: 'literal', value: { type: 'text', value: 'x' } }))).toBe('(tstr .regexp " *a*") .det "x"');
    expect(printType(control('within', { kind: 'range', min: { type: 'int', value: '1' }, max: { type: 'int', value: '5' }, inclusive: true }, { kind: 'prim', prim: 'uint' }))).toBe('(1..5) .within uint');
    // A choice's options need none: a control binds tighter than `/`.
    expect(printType({ kind: 'choice', options: [control('size', { kind: 'prim', prim: 'uint' }, int(1)), int(3)] })).toBe('uint .size 1 / 3');
  });
});

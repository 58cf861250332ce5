/**
 * The literal values of a string side of `.det` that has more on it than its literals: a control the
 * generated code tests on each value (`(tstr .json int) .and ("1" / " 2")`, `.printf`, `.join`, a
 * recursive `.abnf`, `.cbor` of literal bytes). Those the side holds are decided now, by the general
 * matcher (templates/matcher.ts) on the side's program (program.ts lowers it with the code the typed
 * layouts use, so both mean the same thing): finitely many values, which computed.ts then dedents
 * each (RFC 9165 §2.3), as it does plain literals.
 */
import type { IrSpan, IrType } from '../ir/types.js';
import type { ShapeContext } from './shapes.js';
import type { ScalarShape } from './scalars.js';
import { typeProgram } from './program.js';
import { matches } from '../../templates/matcher.js';

type StringShape = Extract<ScalarShape, { kind: 'text' | 'bytes' }>;

/** The root of the side's program: no CDDL name has a space. */
const SIDE = '.det side';

/** The values of `shape` (texts, or bytes as hex) that `side`, the type it is the shape of, holds. */
export function heldLiterals(shape: StringShape, side: IrType, span: IrSpan, ctx: ShapeContext): string[] {
  const values = shape.values ?? [];
  const program = typeProgram(side, span, ctx, SIDE);
  const item = (v: string) => (shape.kind === 'text' ? v : Uint8Array.from(v.match(/../g) ?? [], (h) => parseInt(h, 16)));
  return values.filter((v) => matches(program, SIDE, item(v)));
}

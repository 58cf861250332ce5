/**
 * What the layout stage says about a schema: warnings (recorded once, however often a shape is computed),
 * types no data item matches (typed never, with a warning), and refusals: `unsupported` (the typed layouts'
 * refusals, which the general matcher takes over; where one stays, a resource limit or valid CDDL not handled
 * yet) and `invalid` (CDDL a rule of the RFCs makes invalid, which the message cites).
 */
import { SchemaError, type SchemaWarning } from '../diagnostics.js';
import { toSpan } from '../ir/naming.js';
import type { IrSpan, IrType } from '../ir/types.js';
import type { NeverShape, ShapeContext } from './shapes.js';

/** Records a warning once, however often the type's shape is computed. */
/** The place of a control this generator made up (control-options.ts, sizes.ts): warnings there are not shown ({@link warnLocated}). */
export const UNWRITTEN = { file: '', line: 0, col: 0 };

export function warn(ctx: ShapeContext, span: IrSpan, message: string): void {
  const warning: SchemaWarning = { span: toSpan(span), message };
  // IR spans carry no offsets (toSpan gives 0), so the place is the line and column.
  const same = (w: SchemaWarning) => w.message === message && w.span.file === warning.span.file && w.span.line === warning.span.line && w.span.col === warning.span.col;
  if (ctx.warnings !== undefined && !ctx.warnings.some(same)) ctx.warnings.push(warning);
}

/** A warning at `span`, unless it has no location: emitters recompute inline shapes without one (file ''), after the layout stage warned at the real one. */
export function warnLocated(ctx: ShapeContext, span: IrSpan, message: string): void {
  if (span.file !== '') warn(ctx, span, message);
}

/**
 * A type no data item can match (`{ 2* x: int }`: a map holds a key once) is valid CDDL, so it is
 * not refused: it becomes `never` (decoding fails naming `reason`, guards say false, encoders throw),
 * with a warning, since its author most likely meant something else.
 */
export function matchesNothing(ctx: ShapeContext, span: IrSpan, reason: string): NeverShape {
  warnLocated(ctx, span, `${reason}, so no data item matches it: it is typed never, and decoding it always fails`);
  return { kind: 'never', reason };
}

/** A choice of no options: an empty socket, or a rule without values whose `nothing` says why (ir/unproductive.ts warned of it). */
export function emptyChoice(type: IrType): NeverShape {
  return type.kind === 'choice' && type.nothing !== undefined ? { kind: 'never', reason: type.nothing } : { kind: 'never' };
}

/**
 * Refusal: the generator will not emit code that accepts or rejects the wrong values. The typed layouts' refusals
 * leave the rule to the general matcher (general.ts); what stays is a resource limit or valid CDDL not handled yet.
 */
export function unsupported(ctx: ShapeContext, span: IrSpan, what: string): never {
  throw new SchemaError('unsupported', toSpan(span), what, { sources: ctx.sources });
}

/** Refusal of a schema that breaks a rule of RFC 8610, 9165, 9682 or 9741, which `what` cites: no layout takes it. */
export function invalid(ctx: ShapeContext, span: IrSpan, what: string): never {
  throw new SchemaError('invalid', toSpan(span), what, { sources: ctx.sources });
}

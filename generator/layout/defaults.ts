/**
 * `.default` (RFC 8610 §3.8.6): the value an absent optional member stands for. The generated code documents it (TSDoc
 * `@defaultValue`) and neither fills it in nor checks it, so a default that is none of its target's values
 * (`uint .default -1`, `(1..5) .default 0`) would pass unseen, though it is most likely a slip: it is warned of, where
 * both sides are scalars the layouts intersect (other targets, maps and arrays, are not looked at). RFC 8727 writes
 * `"string" / … / "ext-value" .default "string"` ten times, whose default the last option alone has.
 */
import { isSchemaError } from '../diagnostics.js';
import { printType } from '../ir/print.js';
import { intersectionScalars, type Control } from './intersections.js';
import { warnLocated } from './layout-diagnostics.js';
import type { ShapeContext } from './shapes.js';

export function warnOfDefaultOutside(type: Control, ctx: ShapeContext, seen: Set<string>): void {
  let common;
  try {
    common = intersectionScalars({ ...type, op: 'and' }, ctx, seen);
  } catch (error) {
    if (isSchemaError(error) && (error.kind === 'unsupported' || error.kind === 'invalid')) return;
    throw error;
  }
  if (common === null || common.some((shape) => shape.kind !== 'never')) return;
  // The likely slip (RFC 8727 makes it ten times): `"a" / "b" .default "a"` gives the default to "b" alone, a control
  // binding the one type before it (RFC 8610 Appendix B: type1), where `("a" / "b") .default "a"` was meant.
  warnLocated(ctx, type.span, `${printType(type)}: the default ${printType(type.controller)} is none of the values of ${printType(type.target)}, which a default is (RFC 8610 §3.8.6); it is documented as written, and nothing checks it. A control applies to the one type before it, not to a choice that type ends (RFC 8610 Appendix B: type1): (x / y) .default z gives a whole choice its default`);
}

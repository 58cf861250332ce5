/**
 * `A .and B` and `A .within B` (RFC 8610 §3.8.5) between types that are not all scalars (intersections.ts does
 * those): a map met with `{ + any => any }`, a side every value of which the other matches, arrays member by member
 * and maps key by key; anything else is left to the general matcher.
 */
import { printType } from '../ir/print.js';
import type { IrSpan, IrType } from '../ir/types.js';
import { countedMap } from './map-counts.js';
import { implies } from './implication.js';
import { type Control, keywiseMaps, memberwiseArrays } from './intersections.js';
import { type Shape, type ShapeContext, shapeOf } from './shapes.js';
import { matchesNothing, unsupported } from './layout-diagnostics.js';

/**
 * The intersections whose shapes are being computed, by layout context: a side that reaches the same intersection
 * again (`a = #6.24(float .within a)`, `b = { ? 1 => ({ x: int } .and (b / null)) }`) would compute it without end.
 * Such a rule recurs through an intersection, which the general matcher checks (each round of it reads a level in).
 */
const inProgress = new WeakMap<ShapeContext, Set<IrType>>();

export function structureIntersection(type: Control, ctx: ShapeContext, span: IrSpan): Shape {
  let computing = inProgress.get(ctx);
  if (computing === undefined) inProgress.set(ctx, (computing = new Set()));
  if (computing.has(type)) return unsupported(ctx, type.span, `.${type.op} whose sides reach it again (a rule that recurs through an intersection): ${printType(type)}`);
  computing.add(type);
  try {
    return intersectionOfStructures(type, ctx, span);
  } finally {
    computing.delete(type);
  }
}

function intersectionOfStructures(type: Control, ctx: ShapeContext, span: IrSpan): Shape {
  // Every item A matches also matches B (`$eid .within eid-structure`): the intersection is A (implication.ts).
  const target = shapeOf(type.target, ctx, span);
  const controller = shapeOf(type.controller, ctx, span);
  // A map met with `{ + any => any }` (RFC 9115's non-empty<M>): that map, its entries counted.
  const counted = countedMap(target, controller, ctx, span);
  if (counted !== null) return counted;
  if (implies(target, controller, ctx)) return target;
  // Two arrays of members that occur once, as many on each side: the array of the members' intersections.
  const memberwise = memberwiseArrays(type, ctx);
  if (memberwise === 'nothing') return matchesNothing(ctx, span, `${printType(type)}: no array has a number of items both sides allow`);
  if (memberwise !== null) return shapeOf(memberwise, ctx, span);
  // Two maps of fixed keys: the map of the keys both name, each value the intersection.
  const keywise = keywiseMaps(type, ctx);
  if (keywise === 'nothing') return matchesNothing(ctx, span, `${printType(type)}: one side requires a key the other does not allow`);
  if (keywise !== null) return shapeOf(keywise, ctx, span);
  return unsupported(ctx, type.span, `.${type.op} between types that are not all scalars, where not every value of the left side is shown to match the right side: ${printType(type)}`);
}

/**
 * What the guard emitters share: the names of a check function's parameters,
 * the nesting level of the value being checked, a call of another rule's
 * check, and the alternatives of a map or an array.
 */
import type { IrRule } from '../ir/types.js';
import type { EmitContext } from './context.js';
import { checkFunctionName } from './function-names.js';
import { functionsOf } from './shared-functions.js';
import type { ArrayLayout, DiscriminantValue, EntryCount, Field, MapRest } from '../layout/shapes.js';

export const PROBLEMS = 'problems';

/** One alternative of a map (an array's have no computed keys nor counts). */
export interface Variant {
  fields: Field[];
  rests: MapRest[];
  counts: EntryCount[];
}

/** The alternatives of a map or an array, and what tells them apart (layout/choices.ts). */
export interface Variants {
  variants: Variant[];
  discriminant: { name: string; values: DiscriminantValue[] } | null;
  tag: { name: string; values: DiscriminantValue[] } | null;
  overlaps: number[][];
}

/** An array's alternatives as {@link Variants} (members only: no computed keys, counts or tag). */
export function arrayVariants(layout: Extract<ArrayLayout, { kind: 'variants' }>): Variants {
  return { variants: layout.variants.map((fields) => ({ fields, rests: [], counts: [] })), discriminant: layout.discriminant, tag: null, overlaps: layout.overlaps };
}

export const PATH = 'path';
export const DEPTH = 'depth';

/**
 * How many levels of arrays, maps and tags enclose the value being checked:
 * `n` more than the check function's `depth` parameter when it has one
 * (`tracked`, depth.ts); without one, the level never nears the limit and
 * callees are told 0.
 */
export interface Level {
  tracked: boolean;
  n: number;
}

/** The level in encoders and in untracked check functions. */
export const UNTRACKED: Level = { tracked: false, n: 0 };

export function deeper(level: Level, by: number): Level {
  return { tracked: level.tracked, n: level.n + by };
}

/** The expression of a level, as a callee's `depth` argument. */
export function depthArgument(level: Level): string {
  if (!level.tracked) return '0';
  return level.n === 0 ? DEPTH : `${DEPTH} + ${level.n}`;
}

/** A call of rule `target`'s check function on `v`, with the level when it tracks one. */
export function checkCall(rule: IrRule, v: string, problems: string, path: string, level: Level, ctx: EmitContext): string {
  const target = functionsOf(ctx.shared, rule);
  const depth = ctx.tracked.has(target.name) ? `, ${depthArgument(level)}` : '';
  return `${checkFunctionName(target)}(${v}, ${problems}, ${path}${depth})`;
}

/**
 * What every emitter of one module shares: the rules by name and each rule's
 * shape, computed once.
 */
import type { SchemaWarning, SourceMap } from '../diagnostics.js';
import type { IrRule, IrSchema } from '../ir/types.js';
import type { IntegerMode } from '../config.js';
import { planChoices } from './choices.js';
import { trackedRules } from './depth.js';
import { ruleShapes } from './general.js';
import type { Shape, ShapeContext } from './shapes.js';

export interface EmitContext extends ShapeContext {
  schema: IrSchema;
  /** The type rules that get declarations and functions, in IR order. */
  typeRules: IrRule[];
  shapes: ReadonlyMap<string, Shape>;
  /** Rules whose check functions take the nesting level they start at (depth.ts). */
  tracked: ReadonlySet<string>;
  /** How integers that may not fit a number are typed: always `bigint`, always `number`, or (unset) `number | bigint`. */
  integers: IntegerMode | undefined;
  /** Rules the general matcher checks, with the reason the typed layouts refused them (general.ts). */
  general: ReadonlyMap<string, string>;
}

/** `general`: rules already known to need the general matcher; the ones whose shapes are refused are added to it. */
export function createEmitContext(schema: IrSchema, sources: SourceMap, warnings: SchemaWarning[] = [], integers?: IntegerMode, general: Map<string, string> = new Map()): EmitContext {
  const rules = new Map(schema.rules.map((r) => [r.name, r]));
  const base: ShapeContext = { rules, sources, warnings, general };
  const typeRules = schema.rules.filter((r) => r.kind === 'type');
  const shapes = ruleShapes(typeRules, base, general);
  const ctx = { ...base, schema, typeRules, shapes, tracked: trackedRules(shapes), integers, general };
  planChoices(ctx);
  return ctx;
}

export function shapeOfRule(ctx: EmitContext, rule: IrRule): Shape {
  const shape = ctx.shapes.get(rule.name);
  if (shape === undefined) throw new Error(`internal: no shape for rule '${rule.name}'`);
  return shape;
}

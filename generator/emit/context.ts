/**
 * What every emitter of one module shares: the rules by name and each rule's
 * layout, computed before emission by the layout stage (generator/layout/).
 */
import type { SchemaWarning, SourceMap } from '../diagnostics.js';
import type { IrRule, IrSchema } from '../ir/types.js';
import type { IntegerMode } from '../config.js';
import type { Layouts } from '../layout/index.js';
import { planChoices } from '../layout/choice-plans.js';
import { trackedRules } from './depth.js';
import { memoisedChecks, rulesReaching } from './memo.js';
import { sharedFunctions } from './shared-functions.js';
import type { Shape, ShapeContext } from '../layout/shapes.js';

export interface EmitContext extends ShapeContext {
  schema: IrSchema;
  /** The type rules that get declarations and functions, in IR order. */
  typeRules: IrRule[];
  shapes: ReadonlyMap<string, Shape>;
  /** Rules whose check functions take the nesting level they start at (depth.ts). */
  tracked: ReadonlySet<string>;
  /** Rules whose check functions remember what they found for each value within one call (memo.ts); empty when none needs to. */
  memoisedChecks: ReadonlySet<string>;
  /** Rules whose checks or writers reach a remembering check: their isX and encodeX open what the checks remember (memo.ts). */
  remembering: ReadonlySet<string>;
  /** How integers that may not fit a number are typed: always `bigint`, always `number`, or (unset) `number | bigint`. */
  integers: IntegerMode | undefined;
  /** Rules the general matcher checks, with the reason the typed layouts refused them (general.ts). */
  general: ReadonlyMap<string, string>;
  /** Rules that are another rule under a second name, with the rule whose functions they use (shared-functions.ts). */
  shared: ReadonlyMap<string, IrRule>;
}

/** `layouts`: the schema's, from computeLayouts (generator/layout/) with the same `sources` and `warnings`. */
export function createEmitContext(schema: IrSchema, layouts: Layouts, sources: SourceMap, warnings: SchemaWarning[] = [], integers?: IntegerMode): EmitContext {
  const rules = new Map(schema.rules.map((r) => [r.name, r]));
  const { shapes, general } = layouts;
  const base: ShapeContext = { rules, sources, warnings, general };
  const typeRules = schema.rules.filter((r) => r.kind === 'type');
  const tracked = trackedRules(shapes, general);
  const ctx: EmitContext = { ...base, schema, typeRules, shapes, tracked, memoisedChecks: new Set(), remembering: new Set(), integers, general, shared: sharedFunctions(typeRules, shapes, general) };
  planChoices(ctx);
  ctx.memoisedChecks = memoisedChecks(ctx);
  ctx.remembering = rulesReaching(ctx, ctx.memoisedChecks);
  return ctx;
}

export function shapeOfRule(ctx: EmitContext, rule: IrRule): Shape {
  const shape = ctx.shapes.get(rule.name);
  if (shape === undefined) throw new Error(`internal: no shape for rule '${rule.name}'`);
  return shape;
}

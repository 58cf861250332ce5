/**
 * The layout stage, between the IR and the emitters: what every type rule
 * means on the wire and in JavaScript, computed once for the whole schema
 * before anything is emitted (docs/layout.md).
 *
 * A type rule's layout is either typed, a Shape (shapes.ts: integer
 * intervals, string bounds, records, tuples, structs, variants and their
 * discriminants, tags, choices) that the emitters turn into a TypeScript
 * type, a decoder, an encoder and a guard; or general, when the typed layouts
 * refuse one of its constructs: the rule is then checked by the general
 * matcher, from the program of generator/layout/program.ts, and the reason
 * is kept for the generated documentation and the warning.
 *
 * Emitters read rules' layouts from here and nothing else. Inline types
 * inside a rule (a choice's options, an array's members) are part of the
 * rule's shape already; the few places an emitter needs the shape of an
 * inline type again from its IR type (types.ts) call the same layout
 * functions (shapes.ts `shapeOf`), which answer as they did for the rule.
 *
 * `layoutsToJson` is the plain-data view (bigints as decimal strings, rules by
 * name, IR types as CDDL), printed by `mimi-codegen ir --layout` and
 * snapshot-tested in test/layout/.
 */
import type { SchemaWarning, SourceMap } from '../diagnostics.js';
import { printType } from '../ir/print.js';
import type { IrRule, IrSchema, IrSpan, IrType } from '../ir/types.js';
import { type ArrayMatching, type Shape, type ShapeContext } from './shapes.js';
import { warn } from './layout-diagnostics.js';
import { layoutShapes, ownerOf } from './general.js';

export interface LayoutOptions {
  /** Source texts, so that a refusal or warning quotes the line. */
  sources?: SourceMap;
  /** Where warnings go (a `.regexp` that is not XSD…); absent: nowhere. */
  warnings?: SchemaWarning[];
  /** Rules the caller wants general (checked by the general matcher), with the reason; the layouts add those they refuse. Not modified. */
  general?: ReadonlyMap<string, string>;
  /** How an array's optional members before required ones and its group choices are read when their items may be the same (shapes.ts {@link ArrayMatching}); default `by-length`. */
  arrayMatching?: ArrayMatching;
}

/** One type rule's layout: typed (its shape), or general (checked by the general matcher, for `reason`). */
export type RuleLayout = { kind: 'typed'; shape: Shape } | { kind: 'general'; reason: string };

export interface Layouts {
  /** Every type rule's layout, in IR order (group rules have none: they are spliced into the types that use them). */
  rules: ReadonlyMap<string, RuleLayout>;
  /** Every type rule's shape as the other rules see it: a general rule's is any data item. */
  shapes: ReadonlyMap<string, Shape>;
  /** The general rules, with the reason, in the order they were found. */
  general: ReadonlyMap<string, string>;
}

/** Every type rule's layout. Throws SchemaError for what is refused and the general matcher cannot take over either. */
export function computeLayouts(ir: IrSchema, options: LayoutOptions = {}): Layouts {
  const general = new Map(options.general ?? []);
  const ctx: ShapeContext = {
    rules: new Map(ir.rules.map((r) => [r.name, r])),
    sources: options.sources ?? new Map(),
    ...(options.warnings === undefined ? {} : { warnings: options.warnings }),
    general,
    typedOnly: [],
    ...(options.arrayMatching === undefined ? {} : { arrayMatching: options.arrayMatching }),
  };
  const shapes = layoutShapes(
    ir.rules.filter((r) => r.kind === 'type'),
    ctx,
    general,
  );
  // Inside a general rule the matcher reads the array, as RFC 8610 Appendix A says: no warning there.
  for (const { span, message, rule } of ctx.typedOnly ?? []) {
    const owner = rule ?? ownerOf(span, ir.rules)?.name;
    if (owner === undefined || !general.has(owner)) warn(ctx, span, message);
  }
  const rules = new Map<string, RuleLayout>();
  for (const [name, shape] of shapes) {
    const reason = general.get(name);
    rules.set(name, reason === undefined ? { kind: 'typed', shape } : { kind: 'general', reason });
  }
  return { rules, shapes, general };
}

// ---- the JSON view -------------------------------------------------------------

/**
 * A layout value as plain data: bigints as decimal strings; numbers that JSON
 * cannot hold (±Infinity, NaN, -0) as strings; a rule as its CDDL name; an IR
 * type as its CDDL text; a span as `file:line:col`.
 */
export type LayoutJson<T> = T extends bigint
  ? string
  : T extends number
    ? number | string
    : T extends string | boolean | null | undefined
      ? T
      : T extends IrRule | IrType | IrSpan
        ? string
        : T extends readonly (infer U)[]
          ? LayoutJson<U>[]
          : { [K in keyof T]: LayoutJson<T[K]> };

export type RuleLayoutJson = { kind: 'typed'; shape: LayoutJson<Shape> } | { kind: 'general'; reason: string };

export interface LayoutsJson {
  layoutVersion: 1;
  /** By CDDL name, in IR order. */
  rules: Record<string, RuleLayoutJson>;
}

/** The layouts as plain, deterministic JSON data (docs/layout.md). */
export function layoutsToJson(layouts: Layouts): LayoutsJson {
  // Own properties, also for a rule named `__proto__` (an assignment would set the object's prototype).
  const rules: Record<string, RuleLayoutJson> = Object.fromEntries(
    [...layouts.rules].map(([name, layout]) => [name, layout.kind === 'general' ? layout : { kind: 'typed', shape: toJson(layout.shape, '') as LayoutJson<Shape> }]),
  );
  return { layoutVersion: 1, rules };
}

/** Properties of shapes that hold an IR type (printed as CDDL); `type` holds one when it is an object (elsewhere it is a literal's type name). */
const IR_TYPE_PROPERTIES: ReadonlySet<string> = new Set(['type', 'innerType', 'itemType', 'keyType', 'valueType']);

/** `value`, found under property `key`, as plain data; anything but plain objects, arrays and primitives is a bug here. */
function toJson(value: unknown, key: string): unknown {
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      return Object.is(value, -0) ? '-0' : Number.isFinite(value) ? value : String(value);
    case 'string':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      throw new Error(`internal: a layout holds a ${typeof value} under '${key}'`);
  }
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((item) => toJson(item, key));
  if (Object.getPrototypeOf(value) !== Object.prototype) throw new Error(`internal: a layout holds a ${value.constructor.name} under '${key}'`);
  if (key === 'rule') return (value as IrRule).name;
  if (key === 'span') {
    const span = value as IrSpan;
    return `${span.file}:${span.line}:${span.col}`;
  }
  if (IR_TYPE_PROPERTIES.has(key)) return printType(value as IrType);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v, k);
  return out;
}

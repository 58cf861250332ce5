/**
 * One-pass encoders for the usual values of small fixed records (the rules
 * with a decoder fast path, fast-match.ts) and lists of them, such as the
 * status report: `tryWriteX(writer, value)` tests each member as it is
 * about to write it and returns false at the first one it does not take,
 * and true once the whole value is written. `encodeX` runs it first
 * (`encodeIfUsual`, runtime.ts); only when it returns false is what it wrote
 * discarded and the value checked and written the general way
 * (`runEncoder`), which throws the EncodeError with every problem and path,
 * as before.
 *
 * It only ever accepts what the check accepts: its tests are the check's own
 * conditions (the same `scalarCondition`s, the object and array tests of
 * guard-checks.ts), except that a byte string must be a Uint8Array of this
 * realm (the check also takes one from another realm: `isBytes`), so it
 * changes speed only, and writes exactly the bytes `writeX` writes
 * (`writeMatched`). These values nest two levels at most and hold only
 * scalars, so there is no depth to track and no cycle to meet.
 */
import { StructureKind, type CodeBlockWriter, type FunctionDeclarationStructure } from './printer.js';
import type { IrRule } from '../ir/types.js';
import { shapeOfRule, type EmitContext } from './context.js';
import { docs } from './docs.js';
import { matchPlan, writeMatched, type MatchPlan } from './fast-match.js';
import { inlineObjectTest } from './guard-tests.js';
import { scalarCondition } from './scalars.js';
import { LocalNames, recordMemberRead } from './syntax.js';

const WRITER = 'writer';

/** What a rule's try-writer writes: a fast-path record, or a list (`[* Item]`, any bounds) of such records. */
type TryPlan = { kind: 'record'; plan: MatchPlan } | { kind: 'list'; item: IrRule; min: number; max: number | null };

export function tryWriteFunctionName(rule: IrRule): string {
  return `tryWrite${rule.tsName}`;
}

/** The plan of a rule's try-writer, or null when it has none (its encodeX checks, then writes). */
export function tryPlan(rule: IrRule, ctx: EmitContext): TryPlan | null {
  if (ctx.general.has(rule.name)) return null;
  const plan = matchPlan(rule, ctx);
  if (plan !== null) return { kind: 'record', plan };
  const shape = shapeOfRule(ctx, rule);
  if (shape.kind !== 'array' || shape.layout.kind !== 'list') return null;
  const item = shape.layout.item;
  if (item.kind !== 'rule' || ctx.general.has(item.rule.name) || matchPlan(item.rule, ctx) === null) return null;
  return { kind: 'list', item: item.rule, min: shape.layout.min, max: shape.layout.max };
}

export function tryWriteFunction(rule: IrRule, plan: TryPlan, ctx: EmitContext): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name: tryWriteFunctionName(rule),
    docs: docs(`Writes \`value\` and returns true if it is a valid {@link ${rule.tsName}} of the usual form; else false (encode${rule.tsName} then checks it).`, null),
    parameters: [
      { name: WRITER, type: 'CborWriter' },
      { name: 'value', type: 'unknown' },
    ],
    returnType: 'boolean',
    statements: (w) => (plan.kind === 'record' ? writeRecord(w, rule, plan.plan, ctx) : writeList(w, plan)),
  };
}

function writeList(w: CodeBlockWriter, plan: Extract<TryPlan, { kind: 'list' }>): void {
  // The check's own tests: an array, its length within the bounds, then every item.
  const bounds: string[] = [];
  if (plan.min > 0) bounds.push(`value.length >= ${plan.min}`);
  if (plan.max !== null) bounds.push(`value.length <= ${plan.max}`);
  const test = ['Array.isArray(value)', ...bounds].join(' && ');
  w.writeLine(`if (${bounds.length === 0 ? `!${test}` : `!(${test})`}) return false;`);
  w.writeLine(`${WRITER}.arrayHeader(value.length);`);
  w.write('for (let i = 0; i < value.length; i++)').block(() => {
    w.writeLine(`if (!${tryWriteFunctionName(plan.item)}(${WRITER}, value[i])) return false;`);
  });
  w.writeLine('return true;');
}

function writeRecord(w: CodeBlockWriter, rule: IrRule, plan: MatchPlan, ctx: EmitContext): void {
  const locals = new LocalNames([WRITER, 'value', 'object', 'out', 'next']);
  if (plan.kind === 'tuple') w.writeLine(`if (!(Array.isArray(value) && value.length === ${plan.parts.length})) return false;`);
  else {
    w.writeLine(`if (!${inlineObjectTest('value')}) return false;`);
    w.writeLine('const object = value as Record<string, unknown>;');
  }
  const reads = plan.parts.map((part, index) => {
    const v = locals.take(plan.kind === 'tuple' ? `item${index}` : part.field.name);
    const read = plan.kind === 'tuple' ? `value[${index}]` : recordMemberRead('object', part.field.name);
    w.writeLine(`const ${v}: unknown = ${read};`);
    // Every part is required (fast-match.ts), so an absent member fails its condition as the check's presence test does.
    const condition = part.kind === 'bytes' ? `${v} instanceof Uint8Array && ${v}.length === ${part.size}` : (scalarCondition(part.shape, v, true, '0', ctx.integers) ?? 'true');
    w.writeLine(`if (!(${condition})) return false;`);
    return v;
  });
  writeMatched(w, rule, plan, reads);
  w.writeLine('return true;');
}

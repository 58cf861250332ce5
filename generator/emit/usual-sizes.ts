/**
 * Encoders in one exact allocation for the usual values of small fixed
 * records (the rules with a decoder fast path, fast-match.ts) and lists of
 * them, such as the status report, as a careful hand-written encoder does:
 * `sizeX(value)` tests each member and adds up the size of the encoding in
 * one pass, -1 at the first member it does not take; `encodeX` then has
 * `putX(out, at, value)` write the bytes into an array of exactly that size,
 * with no writer object between (`encodeIfUsual`, runtime.ts), and returns
 * it. When `sizeX` says -1, the value is checked and written the general way
 * (`runEncoder`), which throws the EncodeError with every problem and path,
 * as before; `writeX` of such a record, for the general writers, puts it into
 * room made in the writer (`writeMatched`).
 *
 * It only ever accepts what the check accepts: its tests are the check's own
 * conditions (the same `scalarCondition`s, the object and array tests of
 * guard-checks.ts), except that a byte string must be a Uint8Array of this
 * realm (the check also takes one from another realm: `isBytes`), so it
 * changes speed only; the bytes are writeX's. These values nest two levels
 * at most and hold only scalars, so there is no depth to track and no cycle
 * to meet.
 */
import { StructureKind, type CodeBlockWriter, type FunctionDeclarationStructure } from './printer.js';
import type { IrRule } from '../ir/types.js';
import { shapeOfRule, type EmitContext } from './context.js';
import { docs } from './docs.js';
import { exactSize, matchPlan, putFunctionName, putMatched, type MatchPlan } from './fast-match.js';
import { functionsOf } from './shared-functions.js';
import { inlineObjectTest } from './guard-tests.js';
import { scalarCondition } from './scalars.js';
import { LocalNames, recordMemberRead } from './syntax.js';

/** What a rule's size function sizes: a fast-path record, or a list (`[* Item]`, any bounds) of such records. */
type SizePlan = { kind: 'record'; plan: MatchPlan } | { kind: 'list'; item: IrRule; min: number; max: number | null };

export function sizeFunctionName(rule: IrRule): string {
  return `size${rule.tsName}`;
}

/** The plan of a rule's size function, or null when it has none (its encodeX checks, then writes). */
export function sizePlan(rule: IrRule, ctx: EmitContext): SizePlan | null {
  if (ctx.general.has(rule.name)) return null;
  const plan = matchPlan(rule, ctx);
  if (plan !== null) return { kind: 'record', plan };
  const shape = shapeOfRule(ctx, rule);
  if (shape.kind !== 'array' || shape.layout.kind !== 'list') return null;
  const item = shape.layout.item;
  if (item.kind !== 'rule' || ctx.general.has(item.rule.name) || matchPlan(item.rule, ctx) === null) return null;
  return { kind: 'list', item: functionsOf(ctx.shared, item.rule), min: shape.layout.min, max: shape.layout.max };
}

export function sizeFunction(rule: IrRule, plan: SizePlan, ctx: EmitContext): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name: sizeFunctionName(rule),
    docs: docs(`The size of \`value\` in CBOR if it is a valid {@link ${rule.tsName}} of the usual form; else -1 (encode${rule.tsName} then checks it).`, null),
    parameters: [{ name: 'value', type: 'unknown' }],
    returnType: 'number',
    statements: (w) => (plan.kind === 'record' ? sizeRecord(w, plan.plan, ctx) : sizeList(w, plan)),
  };
}

/**
 * `putX(out, at, value)`: writes the value (valid, of the usual form, which
 * `sizeX` sized) into `out` from `at` and returns where it ends.
 */
export function putFunction(rule: IrRule, plan: SizePlan): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name: putFunctionName(rule),
    docs: docs(`Writes a {@link ${rule.tsName}} that size${rule.tsName} took into \`out\` from \`at\`; returns where it ends.`, null),
    parameters: [
      { name: 'out', type: 'Uint8Array' },
      { name: 'at', type: 'number' },
      { name: 'value', type: rule.tsName },
    ],
    returnType: 'number',
    statements: (w) => {
      if (plan.kind === 'record') {
        putMatched(w, rule, plan.plan);
        return;
      }
      w.writeLine('let next = headInto(out, at, 0x80, value.length);');
      w.writeLine(`for (let i = 0; i < value.length; i++) next = ${putFunctionName(plan.item)}(out, next, value[i]!);`);
      w.writeLine('return next;');
    },
  };
}

function sizeList(w: CodeBlockWriter, plan: Extract<SizePlan, { kind: 'list' }>): void {
  // The check's own tests: an array, its length within the bounds, then every item.
  const bounds: string[] = [];
  if (plan.min > 0) bounds.push(`value.length >= ${plan.min}`);
  if (plan.max !== null) bounds.push(`value.length <= ${plan.max}`);
  const test = ['Array.isArray(value)', ...bounds].join(' && ');
  w.writeLine(`if (${bounds.length === 0 ? `!${test}` : `!(${test})`}) return -1;`);
  w.writeLine('let size = headSize(value.length);');
  w.write('for (let i = 0; i < value.length; i++)').block(() => {
    w.writeLine(`const item = ${sizeFunctionName(plan.item)}(value[i]);`);
    w.writeLine('if (item < 0) return -1;');
    w.writeLine('size += item;');
  });
  w.writeLine('return size;');
}

function sizeRecord(w: CodeBlockWriter, plan: MatchPlan, ctx: EmitContext): void {
  const locals = new LocalNames(['value', 'object']);
  if (plan.kind === 'tuple') w.writeLine(`if (!(Array.isArray(value) && value.length === ${plan.parts.length})) return -1;`);
  else {
    w.writeLine(`if (!${inlineObjectTest('value')}) return -1;`);
    w.writeLine('const object = value as Record<string, unknown>;');
  }
  const values = plan.parts.map((part, index) => {
    const v = locals.take(plan.kind === 'tuple' ? `item${index}` : part.field.name);
    const read = plan.kind === 'tuple' ? `value[${index}]` : recordMemberRead('object', part.field.name);
    w.writeLine(`const ${v}: unknown = ${read};`);
    // Every part is required (fast-match.ts), so an absent member fails its condition as the check's presence test does.
    const condition = part.kind === 'bytes' ? `${v} instanceof Uint8Array && ${v}.length === ${part.size}` : (scalarCondition(part.shape, v, true, '0', ctx.integers) ?? 'true');
    w.writeLine(`if (!(${condition})) return -1;`);
    return v;
  });
  w.writeLine(`return ${exactSize(plan, values)};`);
}

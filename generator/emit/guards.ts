/**
 * Guards: `isX(value)` and `validateX(value)` for every type rule, over one
 * internal `checkX(value, problems, path)`. With `problems` null it answers
 * as fast as it can (and stops at the first problem); with a list it records
 * every problem with its path. Encoders call it before writing a byte.
 */
import { StructureKind, type CodeBlockWriter, type FunctionDeclarationStructure } from './printer.js';
import type { IrRule } from '../ir/types.js';
import { shapeOfRule, type EmitContext } from './context.js';
import { generalCheckFunction } from './general.js';
import { checkFunctionName, PURE } from './function-names.js';
import { DEPTH, PATH, PROBLEMS, UNTRACKED, type Variant } from './guard-common.js';
import { CheckEmitter } from './guard-checks.js';

export function guardFunctions(ctx: EmitContext): (FunctionDeclarationStructure | string)[] {
  return ctx.typeRules.flatMap((rule) => {
    const shared = ctx.shared.get(rule.name);
    if (shared !== undefined) return [`export { is${shared.tsName} as is${rule.tsName}, validate${shared.tsName} as validate${rule.tsName} };`];
    return [ctx.general.has(rule.name) ? generalCheckFunction(rule) : checkFunction(rule, ctx), `${isConst(rule, ctx)}\n${validateConst(rule)}`];
  });
}

/**
 * `isX`, one line made by the runtime's factories (runtime.ts): checkX without a problem list; a value nested deeper
 * than the decoders accept (or one that contains itself) stops a tracked rule's check, and is invalid (see tooDeep).
 */
function isConst(rule: IrRule, ctx: EmitContext): string {
  const name = rule.tsName;
  const guard = `${PURE} ${ctx.tracked.has(rule.name) ? 'nestingGuard' : 'guard'}(${checkFunctionName(rule)})`;
  // Where some check it reaches remembers what it found (memo.ts), it does so while isX runs.
  const is = ctx.remembering.has(rule.name) ? `${PURE} rememberingGuard(${guard})` : guard;
  return `export const is${name}: Guard<${name}> = ${is};`;
}

/**
 * `validateX`, one line made by the runtime's `validator` factory: isX first, the usual answer for valid input (no
 * problem list, no paths); the second pass that builds a path for every member (problemsOf, runtime.ts) runs only
 * when there is a problem to report.
 */
function validateConst(rule: IrRule): string {
  const name = rule.tsName;
  return `export const validate${name}: Validator = ${PURE} validator(is${name});`;
}

function checkFunction(rule: IrRule, ctx: EmitContext): FunctionDeclarationStructure {
  const shape = shapeOfRule(ctx, rule);
  const name = checkFunctionName(rule);
  // A remembered check (memo.ts; only tracked rules, which have a depth) answers again from what it found, and notes what it finds.
  const memo = ctx.memoisedChecks.has(rule.name) ? name : null;
  return {
    kind: StructureKind.Function,
    name,
    parameters: [
      { name: 'value', type: 'unknown' },
      { name: PROBLEMS, type: 'Problem[] | null' },
      { name: PATH, type: 'string' },
      ...(ctx.tracked.has(rule.name) ? [{ name: DEPTH, type: 'number' }] : []),
    ],
    returnType: 'boolean',
    statements: (writer) => {
      const level = { tracked: ctx.tracked.has(rule.name), n: 0 };
      // An alias or a scalar rule: its check is one expression.
      const whole = memo === null ? new CheckEmitter(ctx, writer, rule, level, null).wholeCheck(shape, 'value', PATH) : null;
      if (whole !== null) {
        writer.writeLine(`return ${whole};`);
        return;
      }
      // A choice one of whose options explains a value of its kind: returns as soon as an option takes the value.
      if (memo === null && new CheckEmitter(ctx, writer, rule, level, null).checkWholeChoice(shape, 'value', PATH)) return;
      if (memo !== null) {
        writer.writeLine(`const known = recallCheck(${memo}, value, ${DEPTH}, ${PROBLEMS}, ${PATH});`);
        writer.writeLine('if (known !== undefined) return known;');
      }
      writer.writeLine('let ok = true;');
      const emitter = new CheckEmitter(ctx, writer, rule, level, memo);
      emitter.objectMayReturn = true;
      emitter.check(shape, 'value', PATH);
      writer.writeLine(memo === null ? 'return ok;' : `return rememberCheck(${memo}, value, ${DEPTH}, ok);`);
    },
  };
}


/** For encoders: `const name = (value, problems) => …`, whether `value` is of one alternative (see CheckEmitter.variantFunction). */
export function writeVariantFunction(ctx: EmitContext, w: CodeBlockWriter, rule: IrRule, name: string, variant: Variant): void {
  new CheckEmitter(ctx, w, rule, UNTRACKED).variantFunction(name, variant, "''");
}

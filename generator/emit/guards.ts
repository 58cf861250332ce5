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
import { docs } from './docs.js';
import { checkFunctionName } from './function-names.js';
import { DEPTH, PATH, PROBLEMS, UNTRACKED, type Variant } from './guard-common.js';
import { CheckEmitter } from './guard-checks.js';

export function guardFunctions(ctx: EmitContext): FunctionDeclarationStructure[] {
  return ctx.typeRules.flatMap((rule) => [ctx.general.has(rule.name) ? generalCheckFunction(rule) : checkFunction(rule, ctx), isFunction(rule, ctx), validateFunction(rule)]);
}

function isFunction(rule: IrRule, ctx: EmitContext): FunctionDeclarationStructure {
  const tracked = ctx.tracked.has(rule.name);
  const call = `${checkFunctionName(rule)}(value, null, ''${tracked ? ', 0' : ''})`;
  return {
    kind: StructureKind.Function,
    name: `is${rule.tsName}`,
    isExported: true,
    docs: docs(`Whether \`value\` is a valid {@link ${rule.tsName}} (one that encodes).`, null),
    parameters: [{ name: 'value', type: 'unknown' }],
    returnType: `value is ${rule.tsName}`,
    // A value nested deeper than the decoders accept (or one that contains itself) stops the check: see tooDeep.
    statements: rememberingChecks(ctx, [`return ${call};`], tracked ? ['if (isTooDeep(error)) return false;', 'throw error;'] : null),
  };
}

/**
 * `statements`, with `caught` handling what they throw (as `error`) when
 * given, and remembering what the checks find for each value while they run
 * (memo.ts), in a module where some check does.
 */
export function rememberingChecks(ctx: EmitContext, statements: string[], caught: string[] | null = null): string[] {
  const indented = (lines: string[]) => lines.map((line) => `  ${line}`);
  const remember = ctx.memoisedChecks.size > 0;
  if (!remember && caught === null) return statements;
  return [
    ...(remember ? ['const opened = openChecks();'] : []),
    'try {',
    ...indented(statements),
    ...(caught === null ? [] : ['} catch (error) {', ...indented(caught)]),
    ...(remember ? ['} finally {', '  closeChecks(opened);'] : []),
    '}',
  ];
}

function validateFunction(rule: IrRule): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name: `validate${rule.tsName}`,
    isExported: true,
    docs: docs(`The problems that make \`value\` an invalid {@link ${rule.tsName}}; empty when it is valid.`, null),
    parameters: [{ name: 'value', type: 'unknown' }],
    returnType: 'Problem[]',
    // Valid input, the usual case, is answered by the fast check (no problem list, no paths): the second pass that
    // builds a path for every member (problemsOf, runtime.ts) runs only when there is a problem to report.
    statements: [`return is${rule.tsName}(value) ? [] : problemsOf(${checkFunctionName(rule)}, value);`],
  };
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
      if (memo !== null) {
        writer.writeLine(`const known = ${PROBLEMS} === null ? recallCheck(${memo}, value, ${DEPTH}) : undefined;`);
        writer.writeLine('if (known !== undefined) return known;');
      }
      writer.writeLine('let ok = true;');
      new CheckEmitter(ctx, writer, rule, level, memo).check(shape, 'value', PATH);
      writer.writeLine(memo === null ? 'return ok;' : `return rememberCheck(${memo}, value, ${DEPTH}, ok);`);
    },
  };
}


/** For encoders: `const name = (value, problems) => …`, whether `value` is of one alternative (see CheckEmitter.variantFunction). */
export function writeVariantFunction(ctx: EmitContext, w: CodeBlockWriter, rule: IrRule, name: string, variant: Variant): void {
  new CheckEmitter(ctx, w, rule, UNTRACKED).variantFunction(name, variant, "''");
}

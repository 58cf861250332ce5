/**
 * Decoders: `decodeX(bytes)` for every type rule, over an internal
 * `readX(reader)` that reads the bytes directly through the runtime's
 * CborReader. Every check happens as the bytes are read; the first problem
 * throws a DecodeError naming the path and the byte offset.
 *
 * Paths cost nothing while the input is valid: a container notes in a local
 * which child it is reading (`at = '.status'`, or the loop index), and only a
 * DecodeError passing up through it gets that segment put in front of its
 * path (`withPath`).
 */
import { createDiscardingWriter, spliceWrittenAhead, StructureKind, writeFunctionBodyAhead, type CodeBlockWriter, type FunctionDeclarationStructure } from './printer.js';
import type { WrittenAhead } from './writer.js';
import type { IrRule, IrType } from '../ir/types.js';
import { shapeOfRule, type EmitContext } from './context.js';
import { generalReadFunction } from './general.js';
import { PURE } from './function-names.js';
import { matchFunction, matchFunctionName, matchPlan, type MatchPlan } from './fast-match.js';
import { memoisedRules } from './memo.js';
import { readFunctionName } from './function-names.js';
import { functionsOf } from './shared-functions.js';
import { READER, type Trials } from './read-base.js';
import { ReadEmitter } from './read-emitter.js';

export function decoderFunctions(ctx: EmitContext): (FunctionDeclarationStructure | string)[] {
  // One pass writes every decoder's statements and finds the rules read inside alternatives that may be rewound (memo.ts),
  // and whether any decoder rewinds (backtrackingDecoder); the functions then splice those statements in, rather than
  // write them a second time.
  const trials: Trials = { rules: new Set(), rewinds: false };
  const plans = new Map<IrRule, MatchPlan | null>();
  const bodies = new Map<IrRule, WrittenAhead>();
  for (const rule of ctx.typeRules) {
    if (ctx.general.has(rule.name)) {
      new ReadEmitter(ctx, createDiscardingWriter(), trials).read(shapeOfRule(ctx, rule), rule.type as IrType, 'value', rule.tsName);
      continue;
    }
    const plan = matchPlan(rule, ctx);
    plans.set(rule, plan);
    const ahead = writeFunctionBodyAhead((writer) => writeReadStatements(writer, rule, ctx, plan !== null, trials));
    if (ahead !== null) bodies.set(rule, ahead);
  }
  const memoised = memoisedRules(ctx, trials.rules);
  return ctx.typeRules.flatMap((rule, index): (FunctionDeclarationStructure | string)[] => {
    const shared = ctx.shared.get(rule.name);
    if (shared !== undefined) return [`export { decode${shared.tsName} as decode${rule.tsName} };`];
    if (ctx.general.has(rule.name)) return [generalReadFunction(rule), decodeFunction(rule, trials.rewinds)];
    const plan = plans.get(rule) ?? null;
    // Small fixed records get a fast path for their usual encoding (fast-match.ts); memoised rules keep the general one.
    if (memoised.has(rule.name)) return [rememberingReadFunction(rule, index), readFunction(rule, ctx, firstReadFunctionName(rule), false, plan === null ? bodies.get(rule) : undefined), decodeFunction(rule, trials.rewinds)];
    const read = readFunction(rule, ctx, readFunctionName(rule), plan !== null, bodies.get(rule));
    return plan === null ? [read, decodeFunction(rule, trials.rewinds)] : [matchFunction(rule, plan, ctx), read, decodeFunction(rule, trials.rewinds)];
  });
}

/** `readX(reader)` of a rule that backtracking may read again at one offset: it reads each offset once, then recalls (memo.ts). */
function rememberingReadFunction(rule: IrRule, index: number): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name: readFunctionName(rule),
    parameters: [{ name: READER, type: 'CborReader' }],
    returnType: rule.tsName,
    statements: [`return remembered(${READER}, ${index}, ${firstReadFunctionName(rule)});`],
  };
}

/** The function reading a remembered rule the first time at an offset (a prefix, since a rule's name may end in any word). */
function firstReadFunctionName(rule: IrRule): string {
  return `firstRead${rule.tsName}`;
}

/**
 * `decodeX`, one line: what every decodeX does is runDecoder's, made by `decoder` (runtime.ts), and what every decodeX
 * shares is said once, in the module's Decoders section (module.ts) and on the runtime's Decoder type, whose call
 * signature's JSDoc editors show at each call: the same sentence above every decodeX was 2% of a large module.
 */
function decodeFunction(rule: IrRule, rewinds: boolean): string {
  return `export const decode${rule.tsName}: Decoder<${rule.tsName}> = ${PURE} ${rewinds ? 'backtrackingDecoder' : 'decoder'}(${readFunctionName(rule)});`;
}

/**
 * `readX(reader)`, or under `name` the first read of a remembered rule; `matched`: it tries the rule's fast path first (fast-match.ts).
 * `ahead`: its statements, written already with the same `matched` (decoderFunctions).
 */
function readFunction(rule: IrRule, ctx: EmitContext, name: string, matched: boolean, ahead: WrittenAhead | undefined): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name,
    parameters: [{ name: READER, type: 'CborReader' }],
    returnType: rule.tsName,
    statements: (writer) => {
      if (ahead === undefined || !spliceWrittenAhead(writer, ahead)) writeReadStatements(writer, rule, ctx, matched, null);
    },
  };
}

/** The statements of `readX`; `trials` notes the rules read inside alternatives that may be rewound, and that there are any. */
function writeReadStatements(writer: CodeBlockWriter, rule: IrRule, ctx: EmitContext, matched: boolean, trials: Trials | null): void {
  const emitter = new ReadEmitter(ctx, writer, trials);
  if (matched) {
    const value = emitter.local('matched');
    writer.writeLine(`const ${value} = ${matchFunctionName(rule)}(${READER});`);
    writer.writeLine(`if (${value} !== undefined) return ${value};`);
  }
  const shape = shapeOfRule(ctx, rule);
  // An alias returns the other rule's read (no local: nothing is checked after it).
  if (shape.kind === 'rule') writer.writeLine(`return ${readFunctionName(functionsOf(ctx.shared, shape.rule))}(${READER});`);
  else {
    emitter.mayReturn = true;
    const value = emitter.read(shape, rule.type as IrType, 'value', rule.tsName);
    if (!emitter.returned) writer.writeLine(`return ${value};`);
  }
}

/**
 * The state a check function's emitter carries (the writer, the locals taken,
 * the nesting level) and the statements every kind of check writes with it:
 * ending early, a child's path, the one-statement check of a rule, `any` or
 * scalar. Member checks (guard-members.ts) and the rest (guard-checks.ts)
 * build on it.
 */
import type { CodeBlockWriter } from './printer.js';
import type { IrRule } from '../ir/types.js';
import type { EmitContext } from './context.js';
import { scalarCondition } from './scalars.js';
import type { Shape } from '../layout/shapes.js';
import { describeShape, LocalNames } from './syntax.js';
import { checkCall, deeper, DEPTH, depthArgument, type Level, PATH, PROBLEMS } from './guard-common.js';
import { anyTest } from './guard-tests.js';

/** What every check emitter holds, and the statements all of them write. */
export abstract class CheckWriter {
  protected readonly locals = new LocalNames(['value', PROBLEMS, PATH, DEPTH, 'ok', 'known']);

  constructor(
    protected readonly ctx: EmitContext,
    protected readonly w: CodeBlockWriter,
    protected readonly rule: IrRule,
    /** The levels enclosing the value being checked (see Level). */
    protected level: Level,
    /** The check function, when it remembers what it finds (memo.ts). */
    protected readonly memo: string | null = null,
  ) {}

  /** Set while writing an alternative's local function, whose early end is its own. */
  protected inVariantFunction = false;

  /** Ends the check early, once a problem is found and none are collected: noted first, in a remembered check. */
  protected endEarly(): void {
    const end = this.memo === null || this.inVariantFunction ? 'return false;' : `return rememberCheck(${this.memo}, value, ${DEPTH}, false);`;
    this.w.writeLine(`if (!ok && ${PROBLEMS} === null) ${end}`);
  }

  /** Checks inside one more level (an array, a map or a tag) with `body`. */
  protected nested(body: () => void): void {
    const outer = this.level;
    this.level = deeper(outer, 1);
    try {
      body();
    } finally {
      this.level = outer;
    }
  }

  /**
   * In a tracked function, stops the check when `v` is an array or a map (as
   * `isKind` tells) one level deeper than the decoders accept: no alternative
   * can take such a value, and a value that contains itself gets here.
   */
  protected depthLimit(isKind: string, path: string): void {
    if (this.level.tracked) this.w.writeLine(`if (${depthArgument(this.level)} > MAX_DEPTH && ${isKind}) tooDeep(${PROBLEMS}, ${path});`);
  }

  /**
   * A local holding the path of a child: built only when problems are being
   * collected, so that `isX` and encoders never pay for paths.
   */
  protected childPath(path: string, segment: string): string {
    const name = this.locals.take('at');
    this.w.writeLine(`const ${name} = ${PROBLEMS} === null ? '' : ${path} + ${segment};`);
    return name;
  }

  /**
   * The one statement that checks `v` when its shape is a rule, `any` or a scalar ('' when there is nothing to
   * check), else null: {@link check} writes it.
   */
  protected singleCheck(shape: Shape, v: string, path: string): string | null {
    const test = this.singleTest(shape, v, path);
    if (test === null || test.failed === null) return test?.then ?? null;
    return `if (${test.failed}) ${test.then}`;
  }

  /**
   * {@link singleCheck} as its two halves, so that a member's presence test can join them: the condition under
   * which `v` fails (null: it always fails, or, with `then` '', never) and the statement that records it.
   */
  protected singleTest(shape: Shape, v: string, path: string): { failed: string | null; then: string } | null {
    switch (shape.kind) {
      case 'rule':
        return { failed: `!${checkCall(shape.rule, v, PROBLEMS, path, this.level, this.ctx)}`, then: 'ok = false;' };
      case 'any': {
        const expected = shape.head === undefined && shape.except === undefined ? 'a CborAny (make one with CborAny.of(value) or CborAny.fromEncoded(bytes))' : `a CborAny of ${describeShape(shape)}`;
        return { failed: `!${anyTest(shape, v)}`, then: `ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(expected)}, ${v});` };
      }
      case 'tag':
      case 'tagged':
      case 'array':
      case 'map':
      case 'choice':
        return null;
      default: {
        const condition = scalarCondition(shape, v, true, depthArgument(this.level), this.ctx.integers);
        const problem = `ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(describeShape(shape))}, ${v});`;
        if (condition === 'false') return { failed: null, then: problem };
        return condition === null ? { failed: null, then: '' } : { failed: `!(${condition})`, then: problem };
      }
    }
  }

  /** Writes statements that check `v` (an expression of type unknown) and set `ok = false` on a problem. */
  abstract check(shape: Shape, v: string, path: string): void;
}

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
import { guardExpectation, scalarCondition } from './scalars.js';
import type { Interval, Shape } from '../layout/shapes.js';
import { fitsNumber } from '../layout/intervals.js';
import { describeShape, intLiteral, isTextList, LocalNames, not } from './syntax.js';
import { checkCall, deeper, DEPTH, depthArgument, type Level, PATH, PROBLEMS } from './guard-common.js';
import { anyTest, choiceTests, isStructured, oneOfStringsTest } from './guard-tests.js';

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

  /**
   * Set by the check function (guards.ts) before its one call of `check`: the object that is the whole rule may end
   * the check at once when it is not an object (`return report(…)`), rather than leave the rest in an `else`.
   */
  objectMayReturn = false;

  /** Set while writing an alternative's local function, whose early end is its own. */
  protected inVariantFunction = false;

  /** The statement that ends the check at once, failed: noted first, in a remembered check. */
  protected failNow(): string {
    return this.memo === null || this.inVariantFunction ? 'return false;' : `return rememberCheck(${this.memo}, value, ${DEPTH}, false);`;
  }

  /** Ends the check early, once a problem is found and none are collected. */
  protected endEarly(): void {
    this.w.writeLine(`if (!ok && ${PROBLEMS} === null) ${this.failNow()}`);
  }

  /**
   * `if (!Array.isArray(list)) { … }`, left open for an `else`: without problems to collect the check fails at once
   * (measured: a report call that isX never makes still costs an optimised isX more than this test).
   */
  protected notAnArray(list: string, path: string): void {
    this.w.write(`if (!Array.isArray(${list})) `).inlineBlock(() => {
      this.w.writeLine(`if (${PROBLEMS} === null) ${this.failNow()}`);
      this.w.writeLine(`ok = report(${PROBLEMS}, ${path}, 'an array', ${list});`);
    });
  }

  /**
   * The loop that checks the items `from` ≤ i < `to` of `list` (a local array). Where an item's check is one test (a
   * rule's check, `any` or a scalar), isX and the encoders get a loop of their own: it tells the rule's check `null`
   * for problems, so that, inlined, the check drops its problem handling, and it builds no path; the other loop
   * collects problems with their paths.
   */
  protected checkItemLoop(list: string, from: string, to: string, item: Shape, path: string): void {
    const w = this.w;
    const index = this.locals.take('i');
    const loop = `for (let ${index} = ${from}; ${index} < ${to}; ${index}++)`;
    const v = `${list}[${index}]`;
    const fast = item.kind === 'rule' ? `!${checkCall(item.rule, v, 'null', "''", this.level, this.ctx)}` : (this.singleTest(item, v, "''")?.failed ?? null);
    if (fast === null) {
      w.write(loop).block(() => {
        this.check(item, v, this.childPath(path, `'[' + ${index} + ']'`));
        this.endEarly();
      });
      return;
    }
    w.write(`if (${PROBLEMS} === null) `).inlineBlock(() => w.writeLine(`${loop} if (${fast}) ${this.failNow()}`));
    w.write(' else ').block(() => w.writeLine(`${loop} ${this.singleCheck(item, v, `${path} + '[' + ${index} + ']'`)}`));
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
        const kind = anyTest(shape, v);
        const test = anyTest(shape, v, depthArgument(this.level));
        const wrong = `report(${PROBLEMS}, ${path}, ${JSON.stringify(expected)}, ${v})`;
        // A CborAny nested too deeply where it stands is said as a value of any other kind is (tagTooDeep returns false).
        return { failed: test === kind ? `!${kind}` : `!(${test})`, then: `ok = ${test === kind ? wrong : `${kind} ? tagTooDeep(${PROBLEMS}, ${path}) : ${wrong}`};` };
      }
      case 'array':
        // The runtime's check of `[* tstr]`; where the depth is tracked, the one that stops at a list nested too deeply,
        // and the check fails at once without problems to collect, as its loops would.
        if (!isTextList(shape)) return null;
        if (!this.level.tracked) return { failed: `!checkTextList(${v}, ${PROBLEMS}, ${path})`, then: 'ok = false;' };
        return { failed: `!checkTextListAtDepth(${v}, ${PROBLEMS}, ${path}, ${depthArgument(deeper(this.level, 1))})`, then: `{ if (${PROBLEMS} === null) ${this.failNow()} ok = false; }` };
      case 'tag':
      case 'tagged':
      case 'map':
      case 'choice':
        return null;
      default: {
        const condition = scalarCondition(shape, v, true, depthArgument(this.level), this.ctx.integers);
        const problem = `ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(guardExpectation(shape, this.ctx.integers))}, ${v});`;
        if (condition === 'false') return { failed: null, then: problem };
        return condition === null ? { failed: null, then: '' } : { failed: not(condition), then: problem };
      }
    }
  }

  /**
   * The whole check of `v` as one expression when it is one test: another rule's check (an alias), or a scalar's
   * test `|| report(…)` (report returns false). A check function of such a rule returns it. Null for any other shape.
   */
  wholeCheck(shape: Shape, v: string, path: string): string | null {
    if (shape.kind === 'rule') return checkCall(shape.rule, v, PROBLEMS, path, this.level, this.ctx);
    if (shape.kind === 'choice') return this.choiceExplainer(shape) === undefined ? `${this.choiceTest(shape, v)} || ${this.choiceReport(shape, v, path)}` : null;
    if (isTextList(shape)) return this.level.tracked ? `checkTextListAtDepth(${v}, ${PROBLEMS}, ${path}, ${depthArgument(deeper(this.level, 1))})` : `checkTextList(${v}, ${PROBLEMS}, ${path})`;
    if (!(shape.kind === 'int' || shape.kind === 'float' || shape.kind === 'text' || shape.kind === 'bytes' || shape.kind === 'bool' || shape.kind === 'null' || shape.kind === 'undefined')) return null;
    const condition = scalarCondition(shape, v, true, depthArgument(this.level), this.ctx.integers);
    if (condition === null || condition === 'false') return null;
    return `${intInCall(shape, v, condition) ?? inParentheses(condition)} || report(${PROBLEMS}, ${path}, ${JSON.stringify(guardExpectation(shape, this.ctx.integers))}, ${v})`;
  }

  /** Whether `v` is of one of a choice's options: their tests, joined by `||`. */
  protected choiceTest(shape: Extract<Shape, { kind: 'choice' }>, v: string): string {
    return oneOfStringsTest(shape, v, this.ctx) ?? choiceTests(shape, v, this.ctx, this.rule, this.level).map((t) => t.test).join(' || ');
  }

  /** The report that `v` is none of a choice's options, naming them (it returns false). */
  protected choiceReport(shape: Extract<Shape, { kind: 'choice' }>, v: string, path: string): string {
    return `report(${PROBLEMS}, ${path}, ${JSON.stringify(guardExpectation(shape, this.ctx.integers))}, ${v})`;
  }

  /**
   * The one option of a choice whose values are objects or arrays (another rule), which can say in detail what is
   * wrong with a value of its kind; undefined where no option or more than one is of such a kind.
   */
  protected choiceExplainer(shape: Extract<Shape, { kind: 'choice' }>): Extract<Shape, { kind: 'rule' }> | undefined {
    const structured = shape.options.filter((o) => o.shape.kind === 'rule' && isStructured(this.ctx.shapes.get(o.shape.rule.name)));
    const only = structured.length === 1 ? structured[0]?.shape : undefined;
    return only?.kind === 'rule' ? only : undefined;
  }

  /** Writes statements that check `v` (an expression of type unknown) and set `ok = false` on a problem. */
  abstract check(shape: Shape, v: string, path: string): void;
}

/** `isIntIn(v, lo, hi)` where `condition`, the test of an integer shape, is exactly the one it makes, else null. */
function intInCall(shape: Shape, v: string, condition: string): string | null {
  if (shape.kind !== 'int' || shape.bignum === true || shape.intervals.length !== 1 || !fitsNumber(shape.intervals)) return null;
  const lo = intLiteral((shape.intervals[0] as Interval).lo);
  const hi = intLiteral((shape.intervals[0] as Interval).hi);
  return condition === `typeof ${v} === 'number' && Number.isInteger(${v}) && ${v} >= ${lo} && ${v} <= ${hi}` ? `isIntIn(${v}, ${lo}, ${hi})` : null;
}

/**
 * `condition` in parentheses, unless it is in them already as a whole (and holds no string or regular expression
 * that could hide one): before `|| report(…)` they are there for the reader, where guard-tests.ts `parenthesised`
 * adds them only where precedence needs them.
 */
function inParentheses(condition: string): string {
  if (condition.startsWith('(') && !/['"`/]/.test(condition)) {
    let depth = 0;
    for (let i = 0; i < condition.length; i++) {
      if (condition[i] === '(') depth++;
      else if (condition[i] === ')' && --depth === 0) {
        if (i === condition.length - 1) return condition;
        break;
      }
    }
  }
  return `(${condition})`;
}

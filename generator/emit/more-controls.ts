/**
 * The text conversion controls of RFC 9741 (`.b64u` … `.b45`, `.base10` /
 * `.decimal`, `.printf`, `.json`, `.join`) and `.ne` on values other than
 * integers (RFC 8610 §3.8.6: `.eq` and `.ne` compare data items of any
 * kind): what they make of a string's shape, and the condition generated
 * code tests, through the helpers of templates/text-controls.ts.
 *
 * A text control keeps its target's shape and adds a {@link StringCheck}: the
 * string must be, say, the base64url encoding of bytes the controller
 * accepts; the controller's own condition is written as a small function the
 * helper calls with what the string stands for.
 */
import type { IntegerMode } from '../config.js';
import { printType } from '../ir/print.js';
import type { IrEntry, IrGroup, IrType } from '../ir/types.js';
import { readFunctionName } from './function-names.js';
import { bytesLiteral, intCondition, regexpLiteral, scalarCondition } from './scalars.js';
import { properPrefixSource } from '../../templates/regexp-prefixes.js';
import { SAFE_MAX, SAFE_MIN, UNBOUNDED_MAX, UNBOUNDED_MIN, type Interval, type ShapeContext, type StringCheck } from '../layout/shapes.js';
import { invalid, matchesNothing, unsupported, warnLocated } from '../layout/layout-diagnostics.js';
import { scalarShape, type ScalarShape } from '../layout/scalars.js';
import { scalarParts } from '../layout/plus-operands.js';
import { describeShape, describeSize, ruleInWords } from './syntax.js';
import { quoteRegexp } from '../layout/xsd-regexp.js';
import { BASE_ENCODINGS } from '../layout/control-names.js';
import { grammarConstant } from './abnf-grammars.js';

type Control = Extract<IrType, { kind: 'control' }>;


/** A text control no value meets (`tstr .decimal float`): never, with a warning at it, as every type that matches nothing. */
const nothing = (type: Control, why: string, ctx: ShapeContext): ScalarShape => matchesNothing(ctx, type.span, `${printType(type)} matches nothing: ${why}`);

/** The shape of `target .op controller` for an RFC 9741 control. */
export function textControlShape(target: ScalarShape, controller: ScalarShape | null, type: Control, ctx: ShapeContext): ScalarShape {
  if (type.op === 'join') return joinShape(target, type, ctx);
  if (target.kind === 'never') return target;
  if (target.kind !== 'text') {
    if (target.kind === 'any') return unsupported(ctx, type.span, `.${type.op} on ${printType(type.target)}: the target must be a text string type (RFC 9741 §2)`);
    return nothing(type, `.${type.op} describes text strings`, ctx);
  }
  const check = textCheck(controller, type, ctx);
  if (check === null) return nothing(type, `no ${type.op === 'base10' || type.op === 'decimal' ? 'integer' : 'byte string'} is described by the controller`, ctx);
  // `%d` of a text type: no value prints, so the control has none (an argument that is an empty socket waits for one).
  if ('unprinted' in check) return nothing(type, `an argument is ${check.unprinted} for a conversion that prints another kind`, ctx);
  return { ...target, checks: [...(target.checks ?? []), check] };
}

function textCheck(controller: ScalarShape | null, type: Control, ctx: ShapeContext): StringCheck | Unprinted | null {
  if ((BASE_ENCODINGS as readonly string[]).includes(type.op)) {
    // The controller describes the bytes (`text .b64u bytes .size 32`); `any` allows any bytes.
    if (controller?.kind === 'any' && controller.head === undefined) return { kind: 'base', encoding: type.op, bytes: null };
    if (controller?.kind !== 'bytes') return controller === null ? refuseController(type, ctx, 'a byte string type') : null;
    return { kind: 'base', encoding: type.op, bytes: controller };
  }
  switch (type.op) {
    case 'base10':
    case 'decimal': {
      if (controller?.kind === 'any' && controller.head === undefined) return { kind: 'base10', intervals: null };
      if (controller?.kind !== 'int' || controller.bits !== undefined) return controller === null ? refuseController(type, ctx, 'an integer type') : null;
      return { kind: 'base10', intervals: controller.intervals };
    }
    case 'json': {
      // The controller is hoisted into a rule of its own (ir/hoist.ts), whose decoder reads the JSON value as CBOR.
      const rule = type.controller.kind === 'ref' ? ctx.rules.get(type.controller.rule) : undefined;
      if (rule?.kind !== 'type') return refuseController(type, ctx, 'a type');
      return { kind: 'json', rule };
    }
    case 'printf':
      return printfCheck(type, ctx);
  }
  return null;
}

function refuseController(type: Control, ctx: ShapeContext, what: string): never {
  return unsupported(ctx, type.span, `.${type.op} with a controller that is not ${what}: ${printType(type)}`);
}

/** The member types of an array controller (`["0x%04x", K]`), each exactly once; null when it has optional, repeated or alternative members. */
function arrayItems(type: IrType, ctx: ShapeContext, seen = new Set<string>()): IrType[] | null {
  if (type.kind === 'ref') {
    const rule = ctx.rules.get(type.rule);
    if (rule?.type === undefined || seen.has(type.rule)) return null;
    return arrayItems(rule.type, ctx, new Set([...seen, type.rule]));
  }
  if (type.kind !== 'array') return null;
  return groupItems(type.group, ctx, seen);
}

function groupItems(group: IrGroup, ctx: ShapeContext, seen: Set<string>): IrType[] | null {
  if (group.choices.length !== 1) return null;
  const items: IrType[] = [];
  for (const entry of (group.choices[0] as { entries: IrEntry[] }).entries) {
    if (entry.occurrence.min !== 1 || entry.occurrence.max !== 1) return null;
    if (entry.kind === 'member') {
      items.push(entry.type);
      continue;
    }
    const inner = entry.group ?? (entry.ref === null ? undefined : ctx.rules.get(entry.ref)?.group);
    if (inner === undefined || (entry.ref !== null && seen.has(entry.ref))) return null;
    const spliced = groupItems(inner, ctx, entry.ref === null ? seen : new Set([...seen, entry.ref]));
    if (spliced === null) return null;
    items.push(...spliced);
  }
  return items;
}

/**
 * `text .printf ([format, args…])` (RFC 9741 §2.3): the format is read now,
 * so that what the RFC does not allow (length modifiers, `%p`, `%n`) is an
 * error with its place. Each argument gets its role: `*` (a width or
 * precision, an integer), `s.` (%s with a precision: the text may be cut),
 * or the conversion's letter.
 */
function printfCheck(type: Control, ctx: ShapeContext): StringCheck | Unprinted {
  const items = arrayItems(type.controller, ctx);
  const format = items?.[0] === undefined ? null : scalarShape(items[0], ctx, type.span, new Set());
  if (items === null || format?.kind !== 'text' || format.values?.length !== 1 || format.checks !== undefined) {
    return invalid(ctx, type.span, `.printf with a controller that is not an array of a literal format and the arguments (RFC 9741 §2.3): ${printType(type)}`);
  }
  const text = format.values[0] as string;
  const roles: string[] = [];
  const spec = /%([-+ #0]*)(\*|[0-9]*)(?:\.(\*|[0-9]*))?(hh|h|ll|l|j|z|t|L)?([a-zA-Z%])?/g;
  for (const m of text.matchAll(spec)) {
    const [whole, , width, precision, length, conversion] = m;
    const where = `in ${JSON.stringify(text)} at ${whole}`;
    if (length !== undefined) return invalid(ctx, type.span, `.printf format with a length modifier (RFC 9741 §2.3 forbids them) ${where}`);
    if (conversion === undefined || !'diouxXscfFeEgGaA%'.includes(conversion)) return invalid(ctx, type.span, `.printf format with a conversion RFC 9741 §2.3 does not allow ${where}`);
    if (conversion === '%') {
      if (whole !== '%%') return invalid(ctx, type.span, `.printf format with a malformed %% (RFC 9741 §2.3) ${where}`);
      continue;
    }
    if (width === '*') roles.push('*');
    if (precision === '*') roles.push('*');
    roles.push(conversion === 's' && precision !== undefined ? 's.' : conversion);
  }
  const args = items.slice(1).map((t) => scalarShape(t, ctx, type.span, new Set()));
  if (args.length !== roles.length) {
    return invalid(ctx, type.span, `.printf with ${roles.length} argument(s) for the conversions in ${JSON.stringify(text)} but ${args.length} given (RFC 9741 §2.3): ${printType(type)}`);
  }
  // The first argument its conversion does not print (`%d` of a text type), which leaves the control no value.
  let unprinted: string | undefined;
  const shapes = args.map((arg, i) => {
    if (arg === null) {
      // A choice of numbers and strings that no one shape says (`"" / (tstr .size 3)`, `1 / 3.5`) is valid: the general
      // matcher tries each value of it. Anything else (an array, a map) is no data item a conversion prints.
      return scalarParts(items[i + 1] as IrType, ctx, new Set()) !== null
        ? unsupported(ctx, type.span, `.printf with an argument that is a choice of numbers or strings not laid out as one type: ${printType(type)}`)
        : invalid(ctx, type.span, `.printf with an argument that is not a number or string type (RFC 9741 §2.3): ${printType(type)}`);
    }
    const role = roles[i] as string;
    if (arg.kind === 'any' || arg.kind === 'never') return arg;
    const wanted = role === 's' || role === 's.' ? 'text' : 'fFeEgGaA'.includes(role) ? 'float' : 'int';
    if (arg.kind !== wanted) {
      unprinted ??= describeShape(arg);
      return arg;
    }
    if (role === 's.' && arg.kind === 'text' && arg.values === null && (arg.pattern !== undefined || arg.checks !== undefined) && cutPrefixes(arg) === null) {
      warnLocated(ctx, type.span, `.printf format ${JSON.stringify(text)} cuts with a precision on %s a text whose longer values this generator cannot tell the cut text from (a size or a text control beside a pattern, or a lookaround): a cut text of that length is accepted without that check, wider than meant`);
    }
    return arg;
  });
  return unprinted === undefined ? { kind: 'printf', format: text, args: shapes, roles } : { unprinted };
}

/** A `.printf` with an argument its conversion does not print: what that argument is, in words. */
interface Unprinted {
  unprinted: string;
}

/**
 * `text .join [parts]` / `bytes .join [parts]` (RFC 9741 §3.1): the parts
 * are strings; the result has the kind of the first (either kind when there
 * are none).
 */
function joinShape(target: ScalarShape, type: Control, ctx: ShapeContext): ScalarShape {
  const items = arrayItems(type.controller, ctx);
  if (items === null) return unsupported(ctx, type.span, `.join with a controller that is not an array of members each present once: ${printType(type)}`);
  const parts = items.map((t) => scalarShape(t, ctx, type.span, new Set()));
  if (parts.some((p) => p === null || (p.kind !== 'text' && p.kind !== 'bytes' && p.kind !== 'never'))) {
    return unsupported(ctx, type.span, `.join with array members that are not string types: ${printType(type)}`);
  }
  const strings = parts as Extract<ScalarShape, { kind: 'text' | 'bytes' | 'never' }>[];
  if (target.kind === 'never') return target;
  if (target.kind !== 'text' && target.kind !== 'bytes') return nothing(type, '.join makes strings', ctx);
  const first = strings[0];
  if (first !== undefined && first.kind !== 'never' && first.kind !== target.kind) return nothing(type, `the first member is a ${first.kind === 'text' ? 'text' : 'byte'} string`, ctx);
  if (strings.some((p) => p.kind === 'never')) return nothing(type, 'a member matches nothing', ctx);
  return { ...target, checks: [...(target.checks ?? []), { kind: 'join', parts: strings as Extract<ScalarShape, { kind: 'text' | 'bytes' }>[] }] };
}

// ---- .ne on values other than integers (RFC 8610 §3.8.6) ------------------------

/**
 * `target .ne value` where the values are literals: the target without them
 * (equal to none of them, as for integers). Text and bytes leave them out by
 * a pattern (`(?!(?:a|b)$)`, the bytes read as latin1 as for `.abnfb`), or
 * from their literal values. Null when
 * the target is an integer (comparisonShape's intervals) or the difference
 * has no shape here.
 */
export function notEqualShape(target: ScalarShape, controller: ScalarShape | null, type: Control, ctx: ShapeContext): ScalarShape | null {
  if (controller === null || target.kind === 'int') return null;
  // Computed only where every value is left out (a warning is a side effect, given once).
  const gone = (): ScalarShape => matchesNothing(ctx, type.span, `${printType(type)} leaves out every value of its target`);
  if (target.kind === 'any') {
    // `any .ne undefined`: a simple value has one encoding, one byte, so the item is left out by its first byte.
    const simple = simpleValueByte(controller);
    if (simple === null || target.head !== undefined) return null;
    return { ...target, except: [...new Set([...(target.except ?? []), simple])].sort() };
  }
  if (controller.kind !== target.kind) {
    // Items of different kinds are never equal (a float is never an integer, RFC 8610 §3.8.6).
    return controller.kind === 'never' || controller.kind === 'null' || controller.kind === 'undefined' || controller.kind === 'bool' || literalsOf(controller) !== null ? target : null;
  }
  switch (target.kind) {
    case 'null':
    case 'undefined':
      return gone();
    case 'bool': {
      // Equal to none of the controller's values (`bool .ne (true / false)` is none), as for integers.
      const values = target.values.filter((v) => !(controller as typeof target).values.includes(v));
      return values.length === 0 ? gone() : { kind: 'bool', values };
    }
    case 'text':
    case 'bytes': {
      // Every string of the kind (`tstr`): each value equals one of them.
      const c = controller as typeof target;
      if (c.values === null && c.size === null && c.pattern === undefined && c.checks === undefined && !('embedded' in c && c.embedded !== undefined) && !('bits' in c && c.bits !== undefined)) return gone();
      const excluded = literalsOf(controller);
      if (excluded === null) return null;
      if (target.values !== null) {
        const values = target.values.filter((v) => !excluded.includes(v));
        return values.length === 0 ? gone() : { ...target, values };
      }
      const chars = (value: string) => (target.kind === 'text' ? value : String.fromCharCode(...(value.match(/../g) ?? []).map((h) => parseInt(h, 16))));
      const without = `(?!(?:${excluded.map((v) => quoteRegexp(chars(v))).join('|')})$)[^]*`;
      return { ...target, pattern: target.pattern === undefined ? without : `(?=(?:${target.pattern})$)(?:${without})` };
    }
    case 'float': {
      const c = controller as typeof target;
      if (target.values === null || c.values?.length !== 1) return null;
      const values = target.values.filter((v) => !Object.is(v, c.values?.[0]) && !(v === c.values?.[0]));
      return values.length === 0 ? gone() : { ...target, values };
    }
    default:
      return null;
  }
}

/** The one-byte encoding of a shape that is one simple value (false f4, true f5, null f6, undefined f7), else null. */
function simpleValueByte(shape: ScalarShape): number | null {
  if (shape.kind === 'null') return 0xf6;
  if (shape.kind === 'undefined') return 0xf7;
  if (shape.kind === 'bool' && shape.values.length === 1) return shape.values[0] ? 0xf5 : 0xf4;
  return null;
}

/** A string shape that is exactly one literal. */
function isSingle(shape: ScalarShape): boolean {
  return literalsOf(shape)?.length === 1;
}

/** The values of a string shape that is literals alone (`"a" / "b"`), else null. */
function literalsOf(shape: ScalarShape): string[] | null {
  return (shape.kind === 'text' || shape.kind === 'bytes') && shape.values !== null && shape.size === null && shape.pattern === undefined && shape.checks === undefined ? shape.values : null;
}

// ---- conditions ----------------------------------------------------------------

/**
 * The test generated code makes of string `v` for one check, calling
 * templates/text-controls.ts. `integers`: the emission option. The helpers
 * hand the integers they read to the tests as numbers when safe, else as
 * bigints, whatever the option; under `'number'` the integers beyond
 * ±(2^53 − 1) are refused here too, as the decoders of `.json` and `.cbor`
 * controllers (rules of the module) refuse them: one module, one range.
 */
export function checkCondition(check: StringCheck, v: string, depth = '0', integers?: IntegerMode): string {
  const mode = integers === 'number' ? integers : undefined;
  switch (check.kind) {
    case 'base': {
      const bytes = check.bytes === null ? null : scalarCondition(check.bytes, 'bytes', false, depth, mode);
      return `encodesBytes(${v}, '${check.encoding}'${bytes === null ? '' : `, (bytes) => ${bytes}`})`;
    }
    case 'base10': {
      const number = check.intervals === null ? (mode === undefined ? null : intCondition([{ lo: UNBOUNDED_MIN, hi: UNBOUNDED_MAX }], 'n', false, false, mode)) : intCondition(check.intervals, 'n', false, false, mode);
      return `isBase10(${v}${number === null ? '' : `, (n) => ${number}`})`;
    }
    case 'json':
      // The value read from the JSON text is nested where the text is (one depth limit).
      return `holdsJson(${v}, (item) => decodesAs(item, ${readFunctionName(check.rule)}, false${depth === '0' ? '' : `, ${depth}`}))`;
    case 'printf': {
      const args = check.args.map((arg, i) => printfArgument(arg, check.roles[i] as string, depth, mode));
      return `matchesPrintf(${v}, ${JSON.stringify(check.format)}, [${args.join(', ')}])`;
    }
    case 'dedented':
      return `isDedentingWithin(${v}, [[${check.size.min}, ${check.size.max ?? 'null'}]])`;
    case 'dedentedPattern':
      return `isDedentedWord(${v}, ${JSON.stringify(check.pattern)}${check.size === undefined ? '' : `, [${check.size.min}, ${check.size.max ?? 'null'}]`})`;
    case 'dedentedLine':
      return `isDedentedLine(${v}, ${check.most}, (line) => ${scalarCondition(check.shape, 'line', false, depth, mode) ?? 'true'})`;
    case 'join': {
      const parts = check.parts.map((part) => {
        const text = part.kind === 'text';
        if (isSingle(part)) return `{ text: ${text}, literal: ${text ? JSON.stringify(part.values?.[0]) : bytesLiteral(part.values?.[0] as string)} }`;
        const test = scalarCondition(part, 'x', true, depth, mode);
        return `{ text: ${text}${test === null ? '' : `, test: (x) => ${test}`} }`;
      });
      return `matchesJoin(${v}, [${parts.join(', ')}])`;
    }
    case 'abnf':
      return `matchesAbnf(${v}, ${grammarConstant(check.grammar)})`;
  }
}

/**
 * One argument of a `.printf` check (templates/printf.ts `PrintfArg`): its
 * condition; for a `*` width or precision or a float, the finite ends of its
 * intervals and its literal values (`hints`), where a value within bounds is
 * looked for; for a cut %s, whether a longer value begins with a text.
 */
function printfArgument(arg: ScalarShape, role: string, depth: string, mode: IntegerMode | undefined): string {
  const test = `(x) => ${scalarCondition(arg, 'x', true, depth, mode) ?? 'true'}`;
  if (role === 's.') return `{ test: ${test}, longer: ${longerText(arg, depth, mode)} }`;
  if (role !== '*' && !'fFeEgGaA'.includes(role)) return test;
  const hints: string[] = [];
  if (arg.kind === 'int') {
    const ends = arg.intervals.flatMap((i) => [i.lo, i.hi]).filter((n) => n !== UNBOUNDED_MIN && n !== UNBOUNDED_MAX);
    hints.push(...[...new Set(ends)].map((n) => (n >= SAFE_MIN && n <= SAFE_MAX ? String(n) : `${n}n`)));
  }
  if (arg.kind === 'float') {
    const bounds = (arg.ranges ?? []).flatMap((r) => [r.min, r.max]);
    hints.push(...[...bounds, ...(arg.values ?? [])].filter(Number.isFinite).map((n) => (Object.is(n, -0) ? '-0' : String(n))));
  }
  return hints.length === 0 ? test : `{ test: ${test}, hints: [${hints.join(', ')}] }`;
}

/** Whether some value of text shape `arg` is longer than text `t` and begins with it (a %.Ns argument whose text was cut). */
function longerText(arg: ScalarShape, depth: string, mode: IntegerMode | undefined): string {
  if (arg.kind !== 'text') return arg.kind === 'any' ? '() => true' : '() => false';
  if (arg.values !== null) return `(t) => ${JSON.stringify(arg.values)}.some((v) => v.length > t.length && v.startsWith(t) && ${scalarCondition(arg, 'v', false, depth, mode) ?? 'true'})`;
  if (arg.pattern !== undefined || arg.checks !== undefined) {
    // The proper prefixes of the pattern's words (templates/regexp-prefixes.ts); without them the wider check printfCheck warned of.
    const prefixes = cutPrefixes(arg);
    return prefixes === null ? '() => true' : `(t) => ${regexpLiteral(prefixes)}.test(t)`;
  }
  // Any text of an allowed size will do, and a longer one can always be made.
  return arg.size?.max === null || arg.size === null ? '() => true' : `(t) => utf8Length(t) < ${arg.size.max}`;
}

/**
 * For a %.Ns argument with a pattern and nothing else: the pattern of the proper prefixes of its
 * words, which are exactly the texts a longer value begins with. Null when that is not exact: a size
 * or a text control beside it (a longer value must meet them too), or a pattern with a lookaround.
 */
function cutPrefixes(arg: Extract<ScalarShape, { kind: 'text' }>): string | null {
  if (arg.pattern === undefined || arg.size !== null || arg.checks !== undefined) return null;
  return properPrefixSource(arg.pattern);
}

/** A check in words, for error messages. */
export function describeCheck(check: StringCheck): string {
  switch (check.kind) {
    case 'base':
      return `the ${check.encoding} encoding of ${check.bytes === null ? 'a byte string' : describeShape(check.bytes)}`;
    case 'base10':
      return `a decimal numeral of ${check.intervals === null ? 'an integer' : describeShape({ kind: 'int', intervals: check.intervals as Interval[] })}`;
    case 'json':
      return `JSON text of ${ruleInWords(check.rule)}`;
    case 'printf':
      return `what printf(${JSON.stringify(check.format)}) writes for ${check.args.map(describeShape).join(', ') || 'no arguments'}`;
    case 'dedented':
      return `the dedenting of a string ${describeSize(check.size)}`;
    case 'dedentedPattern':
      return `the dedenting of a string matching ${JSON.stringify(check.pattern)}${check.size === undefined ? '' : ` ${describeSize(check.size)}`}`;
    case 'dedentedLine':
      return `the dedenting of ${describeShape(check.shape)}`;
    case 'join':
      return `the concatenation of ${check.parts.map(describeShape).join(', ') || 'nothing'}`;
    case 'abnf':
      return 'what its ABNF grammar matches';
  }
}

/**
 * Small pieces of TypeScript syntax and wording that every emitter needs:
 * property keys and accesses, literals, the words used in error messages,
 * and local variable names that cannot collide.
 */
import type { IrRule } from '../ir/types.js';
import { printType } from '../ir/print.js';
import { shownCddl } from '../../templates/matcher-words.js';
import { describeCheck } from './more-controls.js';
import { CBOR_INT_MAX, CBOR_INT_MIN, UNBOUNDED_MAX, UNBOUNDED_MIN, type AnyHead, type ArrayLayout, type ArrayRun, type DiscriminantValue, type EntryCount, type Interval, type Shape, type SizeBound } from '../layout/shapes.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

const RESERVED_WORDS = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface package private protected public await arguments eval undefined NaN Infinity'
  ).split(' '),
);

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** A property name in an interface or type literal. */
export function propertySignatureName(name: string): string {
  return isIdentifier(name) ? name : JSON.stringify(name);
}

/**
 * A key in an object literal. `__proto__` is written computed, which makes
 * an own property instead of setting the prototype.
 */
export function objectLiteralKey(name: string): string {
  if (name === '__proto__') return '["__proto__"]';
  return isIdentifier(name) ? name : JSON.stringify(name);
}

/** `object.name` or `object["name"]`. */
export function propertyAccess(object: string, name: string): string {
  return isIdentifier(name) ? `${object}.${name}` : `${object}[${JSON.stringify(name)}]`;
}

/**
 * The names every plain object has through `Object.prototype` (ECMAScript
 * §20.1.3 and Annex B), fixed here rather than read from the running engine
 * so that the output is the same everywhere. A member with one of these
 * names reads as present on `{}`; `__proto__` even sets the prototype when
 * assigned.
 */
const OBJECT_PROTOTYPE_NAMES = new Set([
  'constructor',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

/** Whether `name` is a member every plain object inherits (`constructor`, `toString`, `__proto__`, …). */
export function isObjectPrototypeName(name: string): boolean {
  return OBJECT_PROTOTYPE_NAMES.has(name);
}

/**
 * Reads member `name` of `object` as guards and encoders must: only an own
 * property counts, so `{}` has no `constructor` and no `__proto__` member.
 * Other names read as a plain access (no cost on the hot path, and getters
 * of a class implementing the interface keep working).
 */
export function memberRead(object: string, name: string): string {
  if (!isObjectPrototypeName(name)) return propertyAccess(object, name);
  return `(Object.hasOwn(${object}, ${JSON.stringify(name)}) ? ${object}[${JSON.stringify(name)}] : undefined)`;
}

/**
 * {@link memberRead} on a value known only as `Record<string, unknown>` (a
 * guard's input after `isObject`): `object["name"]`, since a member read
 * from an index signature takes brackets (`noPropertyAccessFromIndexSignature`).
 */
export function recordMemberRead(object: string, name: string): string {
  return isObjectPrototypeName(name) ? memberRead(object, name) : `${object}[${JSON.stringify(name)}]`;
}

/**
 * A statement setting member `name` of a fresh object: an own data
 * property even for `__proto__`, whose assignment would set the prototype.
 */
export function memberAssignment(object: string, name: string, value: string): string {
  if (name === '__proto__') return `Object.defineProperty(${object}, "__proto__", { value: ${value}, writable: true, enumerable: true, configurable: true });`;
  return `${object}[${JSON.stringify(name)}] = ${value};`;
}

/** `".name"` or `'["na me"]'`: the path segment of a member, as a string literal. */
export function pathSegment(name: string): string {
  return JSON.stringify(isIdentifier(name) ? `.${name}` : `[${JSON.stringify(name)}]`);
}

/** An integer as a TypeScript literal: a number when safe, a bigint literal beyond. */
export function intLiteral(value: bigint): string {
  const safe = value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER);
  return safe ? value.toString() : `${value}n`;
}

/** Hands out local variable names that collide with neither each other nor the function's parameters. */
export class LocalNames {
  private readonly used: Set<string>;

  constructor(reserved: Iterable<string>) {
    this.used = new Set(reserved);
  }

  /** `preferred` if it is free and usable, else `preferred2`, `preferred3`, … */
  take(preferred: string): string {
    const base = isIdentifier(preferred) && !RESERVED_WORDS.has(preferred) ? preferred : 'value';
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}${i}`;
    this.used.add(name);
    return name;
  }
}

// ---- words for messages ---------------------------------------------------------

function describeInterval(i: Interval): string {
  if (i.lo === i.hi) return i.lo.toString();
  if (i.lo <= UNBOUNDED_MIN && i.hi >= UNBOUNDED_MAX) return 'any integer';
  if (i.hi >= UNBOUNDED_MAX) return i.lo === 0n ? 'any unsigned integer' : `≥ ${i.lo}`;
  if (i.lo <= UNBOUNDED_MIN) return i.hi === -1n ? 'any negative integer' : `≤ ${i.hi}`;
  if (i.lo === 0n && i.hi === CBOR_INT_MAX) return 'any unsigned integer';
  if (i.lo === CBOR_INT_MIN && i.hi === -1n) return 'any negative integer';
  if (i.lo === CBOR_INT_MIN && i.hi === CBOR_INT_MAX) return 'any integer';
  if (i.lo === CBOR_INT_MIN) return `≤ ${i.hi}`;
  if (i.hi === CBOR_INT_MAX) return `≥ ${i.lo}`;
  return `${i.lo}..${i.hi}`;
}

export function describeSize(size: SizeBound): string {
  return `of ${describeCount(size.min, size.max, 'byte')}`;
}

/** Several sizes (`bstr .size (16 / 24 / 32)`): "of 16, 24 or 32 bytes", "of 0 or 2 to 4 bytes", "of 1 or at least 3 bytes". */
function describeSizes(sizes: SizeBound[]): string {
  const parts = sizes.map(({ min, max }) => (min === max ? String(min) : max === null ? `at least ${min}` : `${min} to ${max}`));
  return `of ${parts.slice(0, -1).join(', ')} or ${parts.at(-1)} bytes`;
}

/** The sizes of the options of a choice that are all plain text strings, or all plain byte strings, each of a size (`tstr .size (1 / 3)`); else null. */
function sizesOfStrings(options: readonly { shape: Shape }[]): { kind: 'text' | 'bytes'; sizes: SizeBound[] } | null {
  const kind = options[0]?.shape.kind;
  if (kind !== 'text' && kind !== 'bytes') return null;
  const sizes: SizeBound[] = [];
  for (const { shape } of options) {
    if (shape.kind !== kind || shape.values !== null || shape.size === null || shape.checks !== undefined || shape.pattern !== undefined) return null;
    if (shape.kind === 'bytes' && (shape.embedded !== undefined || shape.bits !== undefined)) return null;
    sizes.push(shape.size);
  }
  return { kind, sizes };
}

/** Values joined by commas, the first `most` of them and an ellipsis past those. */
function list(values: readonly string[], most = 8): string {
  return values.length <= most ? values.join(', ') : `${values.slice(0, most).join(', ')}, …`;
}

/** Values as a message expects them: one as itself (`expected 0`), several as `one of 0, 1, …` (the first `most` of them). */
export function oneOf(values: readonly string[], most = 8): string {
  return values.length === 1 ? (values[0] as string) : `one of ${list(values, most)}`;
}

/** The values of a shape of literals alone, as messages show them (`1`, `-0.0`, `"a"`, `h'00'`); null for any other shape. */
function literalTexts(shape: Shape): string[] | null {
  switch (shape.kind) {
    case 'int':
      return shape.bits === undefined && shape.intervals.length > 0 && shape.intervals.every((i) => i.lo === i.hi) ? shape.intervals.map(describeInterval) : null;
    case 'float':
      return shape.ranges === undefined && shape.values !== null && shape.values.length > 0 ? shape.values.map((x) => (Object.is(x, -0) ? '-0.0' : String(x))) : null;
    case 'text':
      return shape.values !== null && shape.values.length > 0 ? shape.values.map((v) => JSON.stringify(v)) : null;
    case 'bytes':
      return shape.values !== null && shape.values.length > 0 ? shape.values.map((v) => `h'${v}'`) : null;
    default:
      return null;
  }
}

/** `.bits`: "with only bits 0, 3 set" (a byte string's bit n being `(str[n >> 3] >> (n & 7)) & 1`), or "with no bit set". */
function describeBits(mask: bigint): string {
  const set: string[] = [];
  for (let bit = 0n; 1n << bit <= mask; bit++) if ((mask >> bit) & 1n) set.push(bit.toString());
  return set.length === 0 ? 'with no bit set' : `with only bit${set.length === 1 ? '' : 's'} ${list(set)} set`;
}

/** Descriptions made, by shape: the guards, decoders and encoders each describe the same members (about 1% of compiling 5,000 rules), and shapes do not change once laid out. */
const descriptions = new WeakMap<Shape, string>();

/** What a shape accepts, in words, for error messages: "an integer in 0..255", "a byte string of 32 bytes". */
export function describeShape(shape: Shape): string {
  let text = descriptions.get(shape);
  if (text === undefined) descriptions.set(shape, (text = uncachedDescribeShape(shape)));
  return text;
}

function uncachedDescribeShape(shape: Shape): string {
  switch (shape.kind) {
    case 'int': {
      if (shape.bits !== undefined) return `${describeShape({ kind: 'int', intervals: shape.intervals })} ${describeBits(shape.bits)}`;
      if (shape.intervals.length === 0) return 'no integer (the range is empty)';
      const parts = shape.intervals.map(describeInterval);
      if (shape.intervals.length === 1 && parts[0]?.startsWith('any ')) return withArticle((parts[0] ?? '').slice('any '.length));
      // Beside other ranges, the integers of one sign are an end ("≤ -1 or in 5..7").
      for (const [i, part] of parts.entries()) parts[i] = part === 'any unsigned integer' ? '≥ 0' : part === 'any negative integer' ? '≤ -1' : part;
      const single = shape.intervals.every((i) => i.lo === i.hi);
      if (single) return oneOf(parts);
      // Ranges without an end ("≤ 9", "≥ 11") stand apart from the list of the others: "an integer ≤ 9 or in 12..14 or ≥ 20".
      const [below, above] = [parts[0]?.startsWith('≤') ? parts.shift() : undefined, parts.at(-1)?.startsWith('≥') ? parts.pop() : undefined];
      return `an integer ${[below, parts.length === 0 ? undefined : `in ${list(parts)}`, above].filter((p) => p !== undefined).join(' or ')}`;
    }
    case 'float':
      if (shape.ranges !== undefined) {
        const within = shape.ranges.map(({ min, max, minInclusive, maxInclusive }) => min === max && minInclusive && maxInclusive ? `= ${min}` : [min !== -Infinity ? `${minInclusive ? '≥' : '>'} ${min}` : null, max !== Infinity ? `${maxInclusive ? '≤' : '<'} ${max}` : null].filter((b) => b !== null).join(' and '));
        return within.length === 0 ? 'no float (the range is empty)' : `a float ${within.join(', or ')}`;
      }
      return shape.values === null ? `a float${shape.widths.length < 3 ? ` (${shape.widths.map((w) => `${w}-bit`).join(' or ')})` : ''}` : oneOf(literalTexts(shape) ?? []);
    case 'text': {
      if (shape.values !== null) return oneOf(literalTexts(shape) ?? []);
      // A size beside a pattern or a control is said too (`(tstr .size (1..3)) .regexp "a+"` refuses "aaaa").
      const sized = shape.size === null ? 'a text string' : `a text string ${describeSize(shape.size)}`;
      if (shape.checks !== undefined) return `${sized} that is ${shape.checks.map(describeCheck).join(' and ')}`;
      if (shape.pattern !== undefined) return shape.patternWords?.pattern === shape.pattern ? `${sized} ${shape.patternWords.words}` : `${sized} matching ${JSON.stringify(shape.pattern)}`;
      return sized;
    }
    case 'bytes': {
      if (shape.values !== null) return oneOf(literalTexts(shape) ?? []);
      const sized = shape.size === null ? 'a byte string' : `a byte string ${describeSize(shape.size)}`;
      if (shape.checks !== undefined) return `${sized} that is ${shape.checks.map(describeCheck).join(' and ')}`;
      if (shape.pattern !== undefined) {
        return shape.patternWords?.pattern === shape.pattern ? `${sized} ${shape.patternWords.words}` : `${sized} matching ${JSON.stringify(shape.pattern)} (its bytes as latin1)`;
      }
      const bits = shape.bits === undefined ? '' : ` ${describeBits(shape.bits)}`;
      if (shape.embedded !== undefined) return `${sized} holding ${shape.embedded.sequence ? 'a sequence of encoded' : 'an encoded'} ${ruleInWords(shape.embedded.rule)}${bits}`;
      return `${sized}${bits}`;
    }
    case 'bool':
      return shape.values.length === 2 ? 'a boolean' : String(shape.values[0]);
    case 'null':
      return 'null';
    case 'undefined':
      return 'undefined';
    case 'any':
      if (shape.except !== undefined) return `any value but ${list(shape.except.map((b) => ['false', 'true', 'null', 'undefined'][b - 0xf4] ?? `simple(${b & 31})`))}`;
      return shape.head === undefined ? 'any value' : describeHead(shape.head);
    case 'never':
      return `no value (${shape.reason ?? 'nothing is defined here yet'})`;
    case 'rule':
      return shape.rule.hoistedFrom === undefined ? withArticle(shape.rule.name) : ruleInWords(shape.rule);
    case 'array':
      if (shape.layout.kind === 'list' || shape.layout.kind === 'variants' || shape.layout.kind === 'groups' || shape.layout.kind === 'alternatives' || shape.layout.kind === 'forks' || shape.layout.kind === 'runs') return 'an array';
      if (shape.layout.fields.length === 0) return 'an empty array';
      // A record's members by their names; a tuple's, unnamed or made up (`item0`), by nothing.
      return `an array of ${shape.layout.fields.length} item${shape.layout.fields.length === 1 ? '' : 's'}${shape.layout.kind === 'record' ? ` (${shape.layout.fields.map((f) => f.name).join(', ')})` : ''}`;
    case 'map':
      return 'a map';
    case 'tag':
      return `tag ${shape.tag}`;
    case 'tagged':
      return shape.tags === null ? 'a tag' : `a tag numbered ${list(shape.tags.map(describeInterval))}`;
    case 'choice': {
      const strings = shape.options.length > 1 ? sizesOfStrings(shape.options) : null;
      if (strings !== null) return `${strings.kind === 'text' ? 'a text string' : 'a byte string'} ${describeSizes(strings.sizes)}`;
      // Options of literal values next to each other are one list: `one of "a", "b" or a text string of 5 bytes`
      // for `"a" / "b" / tstr .size 5` (it said `one of "a" or one of "b" or …`).
      const parts: string[] = [];
      let literals: string[] = [];
      for (const o of shape.options) {
        const values = literalTexts(o.shape);
        if (values !== null) {
          literals.push(...values);
          continue;
        }
        if (literals.length > 0) parts.push(oneOf(literals));
        literals = [];
        parts.push(describeShape(o.shape));
      }
      if (literals.length > 0) parts.push(oneOf(literals));
      return parts.join(' or ');
    }
  }
}

const MAJOR_TYPES = ['an unsigned integer', 'a negative integer', 'a byte string', 'a text string', 'an array', 'a map', 'a tag', 'a float or simple value'];

/** `#4`: "an array"; `#0.24`: "an unsigned integer with additional information 24"; `#7.40`: "simple value 40". */
function describeHead({ major, ai, simple }: AnyHead): string {
  if (simple !== undefined) return `simple value ${simple} (#${major}.${simple})`;
  const kind = MAJOR_TYPES[major] ?? `major type ${major}`;
  return ai === null ? kind : `${kind} with additional information ${ai} (#${major}.${ai})`;
}

/** `count < 1 || count > 3` for an item count, or null when any count is fine. */
export function countCondition(count: string, min: number, max: number | null): string | null {
  if (min === max) return `${count} !== ${min}`;
  const parts: string[] = [];
  if (min > 0) parts.push(`${count} < ${min}`);
  if (max !== null) parts.push(`${count} > ${max}`);
  return parts.length === 0 ? null : parts.join(' || ');
}

/** "2 items", "at least 1 item", "at most 3 items", "2 to 5 items"; of another noun, "1 entry", "2 to 5 entries". */
export function describeCount(min: number, max: number | null, noun = 'item'): string {
  const plural = noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`;
  if (min === max) return `${min} ${min === 1 ? noun : plural}`;
  if (max === null) return `at least ${min} ${min === 1 ? noun : plural}`;
  return min === 0 ? `at most ${max} ${max === 1 ? noun : plural}` : `${min} to ${max} ${plural}`;
}

/** "at least 1 of the members vendorIdentifier, classIdentifier, …" */
export function describeEntryCount(count: EntryCount): string {
  const members = [...count.names, ...count.rests.map((name, _, all) => (all.length === 1 ? 'entries with other keys' : `the entries in ${name}`))];
  return `${describeCount(count.min, count.max, 'member').replace(/ members?$/, '')} of the members ${list(members)}`;
}

/**
 * `a negative integer`, `an integer`, `an Expiration`, `a MessageId`: "an" before a vowel, which
 * for a `u` is only `un…` (`an unsigned`, but `a uint`, `a uri`, `a UUID`, said with a "you").
 */
/**
 * How messages name a rule: its CDDL name, or for an inline type that got a rule of its own (ir/hoist.ts:
 * `a.option1`, `a.embedded1`, names the schema never wrote) the type as CDDL writes it (`[* int]`), cut as the
 * general matcher's messages cut it.
 */
export function ruleInWords(rule: IrRule): string {
  const cddl = rule.hoistedFrom?.cddl;
  return cddl === undefined ? rule.name : shownCddl(cddl);
}

function withArticle(noun: string): string {
  return `${/^(?:[aeio]|un)/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** A discriminant value as a TypeScript literal (`"text"`, `14`, `2n`). */
export function discriminantLiteral(value: DiscriminantValue): string {
  return value.type === 'text' ? JSON.stringify(value.value) : intLiteral(value.value);
}

/** A discriminant value as it reads in a message (`"text"`, `14`). */
export function discriminantText(value: DiscriminantValue): string {
  return value.type === 'text' ? JSON.stringify(value.value) : String(value.value);
}

/** Text made safe inside a template literal. */
export function escapeTemplate(text: string): string {
  return text.replace(/[`\\$]/g, (c) => `\\${c}`);
}

/**
 * The negation of `condition` as one would write it: `typeof v !== 'string'` for one typeof test, `v !== 1` for one
 * comparison with a literal, `!f(v)` for one call and `!(…)` for a parenthesised condition (without a second pair of
 * parentheses), else `!(condition)`.
 */
export function not(condition: string): string {
  const typeOf = /^typeof ([\w$.[\]]+) === ('\w+')$/.exec(condition);
  if (typeOf !== null) return `typeof ${typeOf[1]} !== ${typeOf[2]}`;
  const equal = /^([\w$.]+) === (-?[\w.]+|"(?:[^"\\]|\\.)*")$/.exec(condition);
  if (equal !== null) return `${equal[1]} !== ${equal[2]}`;
  return /^[\w$.]+\([\w$.[\], ]*\)$/.test(condition) || isParenthesised(condition) ? `!${condition}` : `!(${condition})`;
}

/** Whether `condition` is one parenthesised expression: the `(` it starts with closes at its end (parentheses in quotes do not count; a template literal or a slash, which may start a regular expression, answers no). */
function isParenthesised(condition: string): boolean {
  if (!condition.startsWith('(') || /[`/]/.test(condition)) return false;
  let depth = 0;
  for (let i = 0; i < condition.length; i++) {
    const c = condition[i];
    if (c === "'" || c === '"') {
      // Past the closing quote (a backslash escapes the next character).
      for (i++; i < condition.length && condition[i] !== c; i++) if (condition[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i === condition.length - 1;
  }
  return false;
}

/** A condition as an operand of `&&`: in parentheses where it holds `||` or `?` at any depth (they bind looser). */
export function parenthesised(test: string): string {
  return /\|\||\?/.test(test) ? `(${test})` : test;
}

/** `base + n` as an index expression, `base` alone when n is 0 (no `end + 0` in generated code). */
export function plusIndex(base: string, n: number): string {
  return n === 0 ? base : `${base} + ${n}`;
}

/**
 * Whether `shape` is a list of text strings without bounds (`[* tstr]`): schemas repeat it inline often enough that
 * the runtime has its check, read and write (checkTextList, readTextList, writeTextList).
 */
export function isTextList(shape: Shape): boolean {
  return shape.kind === 'array' && isTextListLayout(shape.layout);
}

/** {@link isTextList} of an array's layout. */
export function isTextListLayout(layout: ArrayLayout): boolean {
  if (layout.kind !== 'list' || layout.min !== 0 || layout.max !== null) return false;
  const item = layout.item;
  return item.kind === 'text' && item.values === null && item.size === null && item.pattern === undefined && (item.checks === undefined || item.checks.length === 0) && item.wider === undefined;
}

/** A member of the `runs` layout as CDDL writes its type: a repeated group's members in parentheses. */
export function runInWords(run: ArrayRun): string {
  return run.group === undefined ? printType(run.itemType) : `(${run.group.fields.map((f) => printType(f.type)).join(', ')})`;
}

/**
 * A decoder's fast path for small fixed records: `matchX(reader)` matches the
 * usual (shortest) encoding of an array record whose members all have a
 * byte-exact form known at generation time, such as the status report's
 * `[bstr .size 32, uint .le 255]`, which is `82 58 20`, 32 bytes, then one
 * byte (`00`..`17`) or two (`18 xx`). It tests the constant bytes after one
 * bounds check and reads the values straight from the input, as a
 * hand-written decoder does.
 *
 * It only ever accepts: any other encoding (longer heads, indefinite
 * lengths, chunked strings, tags, floats…) and every value outside the
 * schema make it return undefined without moving the reader, and `readX`
 * then reads the item the general way, which accepts or rejects exactly as
 * before and reports every problem with its path and offset. So the fast
 * path changes speed only: what it accepts, the general reader accepts with
 * the same value (byte strings stay views into the input), and the depth
 * limit is tested as entering the array would.
 */
import type { CodeBlockWriter, FunctionDeclarationStructure } from './printer.js';
import { StructureKind } from './printer.js';
import type { IrRule, IrType } from '../ir/types.js';
import { shapeOfRule, type EmitContext } from './context.js';
import { docs } from './docs.js';
import { castTo, naturalType, scalarCondition } from './scalars.js';
import type { Field, Shape } from '../layout/shapes.js';
import { LocalNames, not, objectLiteralKey, propertyAccess } from './syntax.js';
import { tsType } from './types.js';

const READER = 'reader';

/** One member of a matchable record, by how its shortest encoding is laid out. */
type Part =
  /** A byte string of exactly `size` bytes: the constant head `head`, then the bytes, read as a view. */
  | { kind: 'bytes'; field: Field; head: number[]; size: number }
  /** An unsigned integer of at most 255: one byte (below 24) or `18 xx`; `shape` gives the schema's condition. */
  | { kind: 'uint8'; field: Field; shape: Extract<Shape, { kind: 'int' }> }
  /** `true` (f5) and/or `false` (f4), as `shape.values` allows. */
  | { kind: 'bool'; field: Field; shape: Extract<Shape, { kind: 'bool' }> };

export interface MatchPlan {
  /** The array's head byte (definite length, fewer than 24 members). */
  head: number;
  parts: Part[];
  kind: 'record' | 'tuple';
}

/** The shortest head of a byte string of `n` bytes. */
function bytesHead(n: number): number[] {
  if (n < 24) return [0x40 | n];
  if (n < 0x100) return [0x58, n];
  return [0x59, n >>> 8, n & 0xff];
}

/** The scalar shape a member reads, looking through references to other rules (bounded: scalars do not nest). */
function scalarOf(shape: Shape, ctx: EmitContext): Shape {
  let current = shape;
  for (let hops = 0; current.kind === 'rule' && hops < 16; hops++) current = shapeOfRule(ctx, current.rule);
  return current;
}

function partOf(field: Field, ctx: EmitContext): Part | null {
  if (field.optional) return null;
  const shape = scalarOf(field.shape, ctx);
  switch (shape.kind) {
    case 'bytes': {
      const plain = shape.values === null && shape.embedded === undefined && shape.bits === undefined && shape.pattern === undefined && (shape.checks ?? []).length === 0;
      const size = shape.size;
      if (!plain || size === null || size.max !== size.min || size.min > 0xffff) return null;
      return { kind: 'bytes', field, head: bytesHead(size.min), size: size.min };
    }
    case 'int':
      if (shape.bignum === true || shape.bits !== undefined || shape.intervals.length === 0) return null;
      if (!shape.intervals.every((i) => i.lo >= 0n && i.hi <= 255n)) return null;
      return { kind: 'uint8', field, shape };
    case 'bool':
      return shape.values.length === 0 ? null : { kind: 'bool', field, shape };
    default:
      return null;
  }
}

/** The plan of a rule's fast path, or null when its shape is not a record every member of which has a byte-exact form. */
export function matchPlan(rule: IrRule, ctx: EmitContext): MatchPlan | null {
  const shape = shapeOfRule(ctx, rule);
  if (shape.kind !== 'array') return null;
  const layout = shape.layout;
  if (layout.kind !== 'record' && layout.kind !== 'tuple') return null;
  if (layout.rest !== undefined || (layout.after ?? []).length > 0) return null;
  if (layout.fields.length === 0 || layout.fields.length >= 24) return null;
  const parts: Part[] = [];
  for (const field of layout.fields) {
    const part = partOf(field, ctx);
    if (part === null) return null;
    parts.push(part);
  }
  return { head: 0x80 | layout.fields.length, parts, kind: layout.kind };
}

export function matchFunctionName(rule: IrRule): string {
  return `match${rule.tsName}`;
}

const hex = (b: number) => `0x${b.toString(16).padStart(2, '0')}`;

/** The fewest bytes a part takes. */
function minimumSize(part: Part): number {
  return part.kind === 'bytes' ? part.head.length + part.size : 1;
}

/** How the doc comment shows a part's shortest encoding. */
function describePart(part: Part): string {
  const name = `\`${part.field.name}\``;
  switch (part.kind) {
    case 'bytes':
      return `${name} as \`${part.head.map((b) => b.toString(16).padStart(2, '0')).join(' ')}\` and ${part.size} byte${part.size === 1 ? '' : 's'}`;
    case 'uint8':
      return `${name} in one byte or two (\`18 xx\`)`;
    case 'bool':
      return `${name} in one byte`;
  }
}

/** `matchX(reader)`: the value when the next item is in the encoding of the plan (and valid), else undefined with the reader unmoved. */
export function matchFunction(rule: IrRule, plan: MatchPlan, ctx: EmitContext): FunctionDeclarationStructure {
  const encoding = [`\`${plan.head.toString(16)}\``, ...plan.parts.map(describePart)].join(', ');
  return {
    kind: StructureKind.Function,
    name: matchFunctionName(rule),
    docs: docs(
      `\`${rule.tsName}\` in its usual encoding, read straight from the input: ${encoding}.\n` +
        `Undefined for any other encoding or value, which \`read${rule.tsName}\` then reads the general way (and reports any problem).`,
      null,
    ),
    parameters: [{ name: READER, type: 'CborReader' }],
    returnType: `${rule.tsName} | undefined`,
    statements: (w) => writeMatch(w, plan, ctx),
  };
}

function writeMatch(w: CodeBlockWriter, plan: MatchPlan, ctx: EmitContext): void {
  const locals = new LocalNames([READER, 'bytes', 'start', 'end', 'next']);
  const minimum = 1 + plan.parts.reduce((n, p) => n + minimumSize(p), 0);
  w.writeLine(`const bytes = ${READER}.bytes;`);
  w.writeLine(`const start = ${READER}.pos;`);
  w.writeLine('const end = bytes.length;');
  // Entering the array is a nesting level, as for readArrayHeader.
  w.writeLine(`if (start + ${minimum} > end || ${READER}.level >= ${READER}.maxDepth || bytes[start] !== ${hex(plan.head)}) return undefined;`);
  // Positions are `start + k` while every member so far has one size; after a member of two sizes, `next + k`.
  let base = 'start';
  let offset = 1;
  let left = minimum - 1;
  let variable = false;
  const values: string[] = [];
  const at = (k: number) => (k === 0 ? base : `${base} + ${k}`);
  plan.parts.forEach((part, index) => {
    left -= minimumSize(part);
    const field = part.field;
    const v = locals.take(field.name);
    const typeText = tsType(field.type as IrType, ctx);
    // As after the general reading, the reader's last item is the last member.
    const isLast = index === plan.parts.length - 1;
    if (part.kind === 'bytes') {
      const test = part.head.map((b, i) => `bytes[${at(offset + i)}] !== ${hex(b)}`).join(' || ');
      w.writeLine(`if (${test}) return undefined;`);
      w.writeLine(`const ${v} = ${READER}.view(${at(offset + part.head.length)}, ${part.size});`);
      if (isLast) w.writeLine(`${READER}.itemStart = ${at(offset)};`);
      offset += part.head.length + part.size;
      values.push(castTo(v, 'Uint8Array', typeText));
      return;
    }
    if (part.kind === 'bool') {
      w.writeLine(`if (${part.shape.values.map((b) => `bytes[${at(offset)}] !== ${hex(b ? 0xf5 : 0xf4)}`).join(' && ')}) return undefined;`);
      w.writeLine(`const ${v} = bytes[${at(offset)}] === 0xf5;`);
      if (isLast) w.writeLine(`${READER}.itemStart = ${at(offset)};`);
      offset += 1;
      values.push(castTo(v, 'boolean', typeText));
      return;
    }
    // uint8: the head byte is the value below 24; `18 xx` needs one byte more, checked against what the members after it need.
    if (!variable) w.writeLine(`let next = ${at(offset)};`);
    else if (offset > 0) w.writeLine(`next += ${offset};`);
    variable = true;
    base = 'next';
    offset = 0;
    const head = isLast ? locals.take(`${field.name}At`) : null;
    if (head !== null) w.writeLine(`const ${head} = next;`);
    w.writeLine(`let ${v} = bytes[next]!;`);
    w.writeLine(`if (${v} < 24) next += 1;`);
    w.write(`else if (${v} === 0x18 && next + ${2 + left} <= end)`).block(() => {
      w.writeLine(`${v} = bytes[next + 1]!;`);
      w.writeLine('next += 2;');
    });
    w.writeLine('else return undefined;');
    // The byte read is 0..255 already: a schema that allows every such value needs no test.
    const everyByte = part.shape.bits === undefined && part.shape.intervals.some((i) => i.lo <= 0n && i.hi >= 255n);
    const condition = everyByte ? null : scalarCondition(part.shape, v, false, '0', ctx.integers);
    if (condition !== null) w.writeLine(`if (${not(condition)}) return undefined;`);
    if (head !== null) w.writeLine(`${READER}.itemStart = ${head};`);
    values.push(castTo(v, naturalType(part.shape, ctx.integers), typeText));
  });
  w.writeLine(`${READER}.pos = ${at(offset)};`);
  if (plan.kind === 'tuple') {
    w.writeLine(`return [${values.join(', ')}];`);
    return;
  }
  const members = plan.parts.map((p, i) => `${objectLiteralKey(p.field.name)}: ${values[i]}`).map((m) => m.replace(/^([A-Za-z_$][\w$]*): \1$/, '$1'));
  w.writeLine(`return { ${members.join(', ')} };`);
}

/** The fewest bytes a record's encoding takes: every unsigned member below 24. */
function fewestBytes(plan: MatchPlan): number {
  return 1 + plan.parts.reduce((n, p) => n + minimumSize(p), 0);
}

/**
 * The exact size of a record's encoding, given the expressions of its
 * members' values in plan order: the fixed bytes plus one for each
 * unsigned member of 24 or more (`18 xx`).
 */
export function exactSize(plan: MatchPlan, values: string[]): string {
  const fixed = fewestBytes(plan);
  const wide = values.filter((_, i) => plan.parts[i]?.kind === 'uint8');
  if (wide.length === 0) return String(fixed);
  if (wide.length === 1) return `${wide[0]} < 24 ? ${fixed} : ${fixed + 1}`;
  return `${fixed} + ${wide.map((v) => `(${v} < 24 ? 0 : 1)`).join(' + ')}`;
}

/**
 * The body of `putX(out, at, value)` for a rule with a fast path: the same
 * deterministic bytes the general writer gives (the layout `matchX` reads),
 * written straight into `out` from `at`, returning where they end. The value
 * has been checked by then, and `out` has the room (`sizeX` sized it, or
 * `writeX` made room for the most the record takes).
 */
export function putMatched(w: CodeBlockWriter, rule: IrRule, plan: MatchPlan): void {
  const locals = new LocalNames(['out', 'at', 'value', 'next']);
  w.writeLine(`// The layout ${matchFunctionName(rule)} reads.`);
  // Positions are `next + k`; `next` moves only past a member of two sizes.
  let pending = 0;
  let moved = false;
  const base = () => (moved ? 'next' : 'at');
  const pos = () => (pending === 0 ? base() : `${base()} + ${pending}`);
  const constant = (b: number) => {
    w.writeLine(`out[${pos()}] = ${hex(b)};`);
    pending++;
  };
  constant(plan.head);
  plan.parts.forEach((part, index) => {
    const read = plan.kind === 'tuple' ? `value[${index}]` : propertyAccess('value', part.field.name);
    if (part.kind === 'bytes') {
      part.head.forEach(constant);
      w.writeLine(`out.set(${read}, ${pos()});`);
      pending += part.size;
      return;
    }
    if (part.kind === 'bool') {
      w.writeLine(`out[${pos()}] = ${read} ? 0xf5 : 0xf4;`);
      pending++;
      return;
    }
    const v = locals.take(part.field.name);
    w.writeLine(`const ${v} = ${read};`);
    w.writeLine(moved ? `next += ${pending};` : `let next = ${pos()};`);
    moved = true;
    pending = 0;
    w.writeLine(`if (${v} < 24) out[next++] = ${v};`);
    w.write('else').block(() => {
      w.writeLine('out[next] = 0x18;');
      w.writeLine(`out[next + 1] = ${v};`);
      w.writeLine('next += 2;');
    });
  });
  w.writeLine(`return ${pos()};`);
}

/**
 * The body of `writeX` for a rule with a fast path: `putX` into room made
 * once for the most the record takes (each unsigned member may take two
 * bytes), keeping what it wrote.
 */
export function writeMatched(w: CodeBlockWriter, rule: IrRule, plan: MatchPlan): void {
  const most = fewestBytes(plan) + plan.parts.filter((p) => p.kind === 'uint8').length;
  w.writeLine(`writer.advanceTo(${putFunctionName(rule)}(writer.room(${most}), writer.length, value));`);
}

export function putFunctionName(rule: IrRule): string {
  return `put${rule.tsName}`;
}

/**
 * Encoders: `encodeX(value)` for every type rule. The value is checked whole
 * first (the guard's fast mode), so no bytes are produced for a value the
 * schema forbids; then an internal `writeX(writer, value)` writes it in
 * deterministic encoding (RFC 8949 §4.2.1): shortest heads, shortest exact
 * floats, map keys in bytewise order of their encodings. Small fixed
 * records and lists of them are checked and sized in one pass instead, and
 * written into an exact allocation (usual-sizes.ts).
 */
import { StructureKind, type CodeBlockWriter, type FunctionDeclarationStructure } from './printer.js';
import { CborWriter, compareBytes } from '../../templates/runtime.js';
import type { IrRule } from '../ir/types.js';
import { shapeOfRule, type EmitContext } from './context.js';
import { generalWriteFunction } from './general.js';
import { PURE } from './function-names.js';
import { matchPlan, putFunctionName, writeMatched } from './fast-match.js';
import { writeFunctionName } from './function-names.js';
import { checkFunctionName } from './function-names.js';
import { writeVariantFunction } from './guards.js';
import { putFunction, sizeFunction, sizePlan } from './usual-sizes.js';
import { arrayVariants, UNTRACKED, type Variant, type Variants } from './guard-common.js';
import { choiceTests, groupVariantTest, memberTest, presenceBranches, writeRepeatedEnd, type ChoiceTest } from './guard-tests.js';
import { isDictionary, type ArrayLayout, type ArrayRest, type DiscriminantValue, type Field, type GroupVariant, type MapField, type MapKey, type MapLayout, type MapRest, type MapStruct, type Shape } from '../layout/shapes.js';
import { restKeyParts } from '../layout/maps.js';
import { choicePlan, encodingOrder, type PlannedOption } from '../layout/choice-plans.js';
import { membersOf, variantSelector } from '../layout/choices.js';
import { discriminantLiteral, intLiteral, plusIndex, isIdentifier, isObjectPrototypeName, isTextListLayout, LocalNames, memberRead, propertyAccess } from './syntax.js';
import { groupVariantType, mapVariantType, shapeType, tsType, variantType } from './types.js';

const WRITER = 'writer';

export function encoderFunctions(ctx: EmitContext): (FunctionDeclarationStructure | string)[] {
  return ctx.typeRules.flatMap((rule): (FunctionDeclarationStructure | string)[] => {
    const write = ctx.general.has(rule.name) ? generalWriteFunction(rule) : writeFunction(rule, ctx);
    const plan = sizePlan(rule, ctx);
    return plan === null ? [write, encodeFunction(rule, ctx, false)] : [write, putFunction(rule, plan), sizeFunction(rule, plan, ctx), encodeFunction(rule, ctx, true)];
  });
}

/**
 * `encodeX`, one line made by the runtime's factories: what every encodeX does is runEncoder's (runtime.ts), and what
 * every encodeX shares is said once, in the module's Encoders section (module.ts). isX first (a tracked rule's check
 * may stop on a value nested too deeply, which isX catches: guards.ts), checkX for the problems of an invalid value,
 * then writeX. The guards are defined before the encoders, so isX is defined when encodeX is made.
 */
function encodeFunction(rule: IrRule, ctx: EmitContext, trying: boolean): string {
  // In a module whose writers pick alternatives by checking (memo.ts), the checks remember what they found until written.
  const remembering = ctx.memoisedChecks.size > 0;
  const functions = `is${rule.tsName}, ${checkFunctionName(rule)}, ${writeFunctionName(rule)}`;
  // A rule with a size function (usual-sizes.ts) first checks and sizes the usual value in one pass, then writes it into
  // an exact allocation; anything else goes the general way.
  const encode = trying
    ? `${PURE} ${remembering ? 'rememberingUsualEncoder' : 'usualEncoder'}(size${rule.tsName}, ${putFunctionName(rule)}, ${functions})`
    : `${PURE} ${remembering ? 'rememberingEncoder' : 'encoder'}(${functions})`;
  // Documented once, on the runtime's Encoder type.
  return `export const encode${rule.tsName}: Encoder<${rule.tsName}> = ${encode};`;
}

function writeFunction(rule: IrRule, ctx: EmitContext): FunctionDeclarationStructure {
  const shape = shapeOfRule(ctx, rule);
  // `null` and `undefined` are written without looking at the value, and a type with no values yet (an empty socket)
  // writes nothing: unused parameters are named so (`noUnusedParameters`).
  const valueUnused = shape.kind === 'never' || shape.kind === 'null' || shape.kind === 'undefined';
  const writerUnused = shape.kind === 'never';
  const plan = matchPlan(rule, ctx);
  return {
    kind: StructureKind.Function,
    name: writeFunctionName(rule),
    parameters: [
      { name: writerUnused ? `_${WRITER}` : WRITER, type: 'CborWriter' },
      { name: valueUnused ? '_value' : 'value', type: rule.tsName },
    ],
    returnType: 'void',
    // Small fixed records are written directly in the layout their decoder's fast path reads (fast-match.ts).
    statements: (writer) => (plan !== null ? writeMatched(writer, rule, plan) : new WriteEmitter(ctx, writer, rule).write(shape, valueUnused ? '_value' : 'value')),
  };
}

class WriteEmitter {
  private readonly locals = new LocalNames([WRITER, 'value']);
  /** The writer that writes go to (the function's parameter). */
  private readonly target = WRITER;

  constructor(
    private readonly ctx: EmitContext,
    private readonly w: CodeBlockWriter,
    private readonly rule: IrRule,
  ) {}

  /** Writes statements that encode `v`, already known to be valid. */
  write(shape: Shape, v: string): void {
    const w = this.w;
    const call = this.oneCall(shape, v);
    if (call !== null) {
      w.writeLine(call);
      return;
    }
    switch (shape.kind) {
      case 'float':
        // Kept as CborFloat (layout/coinciding-floats.ts): its number, in the width the float type allows.
        w.writeLine(floatWrite(shape.widths, shape.boxed === true ? `${v}.value` : v, this.target));
        return;
      case 'never':
        w.writeLine('// No value has this type: the check refused it before anything was written.');
        return;
      case 'any':
        // Deterministic all the way down; a value whose head the schema fixes (`#0.24`) keeps the bytes that head came in.
        if (shape.head?.ai === null || shape.head === undefined) w.writeLine(`writeCborAny(${this.target}, ${v});`);
        else w.writeLine(`${this.target}.raw(${v}.encoded);`);
        return;
      case 'tag':
        w.writeLine(`${this.target}.tag(${intLiteral(shape.tag)});`);
        this.write(shape.inner, v);
        return;
      case 'tagged':
        w.writeLine(`${this.target}.tag(${v}.tag);`);
        this.write(shape.inner, `${v}.value`);
        return;
      case 'array':
        this.writeArray(shape.layout, v);
        return;
      case 'map':
        this.writeMap(shape.layout, v);
        return;
      case 'choice':
        this.writeChoice(shape, v);
        return;
    }
  }

  /** The one call that writes `v` of a rule or of a scalar other than a float ({@link writtenOnce}, or null and undefined); null for other shapes. */
  private oneCall(shape: Shape, v: string): string | null {
    switch (shape.kind) {
      case 'rule':
        return `${writeFunctionName(shape.rule)}(${this.target}, ${v});`;
      case 'int':
        return `${this.target}.${shape.bignum ? 'bigInt' : shape.intervals.every((i) => i.lo >= 0n) ? 'uint' : 'int'}(${v});`;
      case 'text':
        return `${this.target}.text(${v});`;
      case 'bytes':
        return `${this.target}.bytes(${v});`;
      case 'bool':
        return `${this.target}.bool(${v});`;
      case 'null':
        return `${this.target}.null();`;
      case 'undefined':
        return `${this.target}.undefined();`;
      default:
        return null;
    }
  }

  private writeArray(layout: ArrayLayout, v: string): void {
    const w = this.w;
    switch (layout.kind) {
      case 'list': {
        if (isTextListLayout(layout)) {
          // The runtime's write of `[* tstr]`.
          w.writeLine(`writeTextList(${this.target}, ${v});`);
          return;
        }
        // An index, not for-of: smaller code (no iterator to close), which leaves encodeX room to inline more.
        const list = isIdentifier(v) ? v : this.locals.take('list');
        if (list !== v) w.writeLine(`const ${list} = ${v};`);
        w.writeLine(`${this.target}.arrayHeader(${list}.length);`);
        const index = this.locals.take('i');
        const item = this.locals.take('item');
        w.write(`for (let ${index} = 0; ${index} < ${list}.length; ${index}++)`).block(() => {
          if (writtenOnce(layout.item)) {
            this.write(layout.item, `${list}[${index}]!`);
            return;
          }
          w.writeLine(`const ${item} = ${list}[${index}]!;`);
          this.write(layout.item, item);
        });
        return;
      }
      case 'tuple':
        w.writeLine(`${this.target}.arrayHeader(${v}.length);`);
        if (layout.rest !== undefined && layout.fields.some((f) => f.optional)) {
          this.writeTaking(layout.fields, layout.rest, v);
          return;
        }
        layout.fields.forEach((field, i) => {
          if (!field.optional) {
            this.write(field.shape, `${v}[${i}]`);
            return;
          }
          // A local narrows where the element access would not (exactOptionalPropertyTypes).
          const item = this.locals.take(`item${i}`);
          w.writeLine(`const ${item} = ${v}[${i}];`);
          w.write(`if (${item} !== undefined)`).block(() => this.write(field.shape, item));
        });
        if (layout.rest !== undefined) this.writeItems(layout.rest, v, layout.fields.length, layout.after ?? []);
        return;
      case 'record':
        this.writeRecord(layout.fields, v, layout.rest, layout.after ?? []);
        return;
      case 'variants':
        this.writeVariants(
          arrayVariants(layout),
          v,
          (k) => variantType(layout.variants[k] as Field[], this.ctx),
          (k, variant) => this.writeRecord(layout.variants[k] as Field[], variant),
        );
        return;
      case 'groups':
        this.writeRepetitions(layout.variants, v);
        return;
      case 'alternatives':
        this.eachRepetition(layout.variants, v, (variant, value) => {
          this.w.writeLine(`${this.target}.arrayHeader(${variant.fields.length});`);
          this.writeMembers(variant, value);
        });
        return;
    }
  }

  /**
   * A repeated group: the array's count is the members of all repetitions,
   * then each repetition's members inline, its alternative found by the
   * same tests the check made.
   */
  private writeRepetitions(variants: GroupVariant[], v: string): void {
    const w = this.w;
    const widths = [...new Set(variants.map((variant) => variant.fields.length))];
    let count = widths.length === 1 ? (widths[0] === 1 ? `${v}.length` : `${v}.length * ${widths[0]}`) : null;
    if (count === null) {
      const members = this.locals.take('members');
      w.writeLine(`let ${members} = 0;`);
      const item = this.locals.take('item');
      w.write(`for (const ${item} of ${v})`).block(() => {
        if (variants.every((variant) => variant.kind === 'tuple')) w.writeLine(`${members} += ${item}.length;`);
        else this.eachRepetition(variants, item, (variant) => w.writeLine(`${members} += ${variant.fields.length};`), false);
      });
      count = members;
    }
    w.writeLine(`${this.target}.arrayHeader(${count});`);
    const item = this.locals.take('item');
    w.write(`for (const ${item} of ${v})`).block(() => this.eachRepetition(variants, item, (variant, repetition) => this.writeMembers(variant, repetition)));
  }

  /** One alternative's members, in order, from a value of its type. */
  private writeMembers(variant: GroupVariant, v: string): void {
    variant.fields.forEach((field, i) => this.write(field.shape, variant.kind === 'tuple' ? `${v}[${i}]` : propertyAccess(v, field.name)));
  }

  /** Runs `body` in the branch of the alternative `item` is (the last one needs no test), with a local of its type when `typed`. */
  private eachRepetition(variants: GroupVariant[], item: string, body: (variant: GroupVariant, repetition: string) => void, typed = true): void {
    const w = this.w;
    const candidate = this.locals.take('candidate');
    if (variants.length > 1) w.writeLine(`const ${candidate}: unknown = ${item};`);
    variants.forEach((variant, k) => {
      const branch = () => {
        // An empty alternative writes no member, so it needs no local of its type.
        if (!typed || variant.fields.length === 0) return body(variant, item);
        const repetition = this.locals.take('repetition');
        w.writeLine(`const ${repetition} = ${item} as ${groupVariantType(variant, this.ctx)};`);
        body(variant, repetition);
      };
      if (variants.length === 1) branch();
      else if (k === variants.length - 1) w.write('else').block(branch);
      else w.write(`${k === 0 ? 'if' : 'else if'} (${groupVariantTest(variant, candidate, this.ctx, this.rule)})`).block(branch);
    });
  }

  /**
   * An object encoded positionally: its members, its repeated member's
   * items, the members after those. Optional members are trailing, so each
   * run's count is the position of its last one present.
   */
  private writeRecord(fields: Field[], v: string, rest?: ArrayRest, after: Field[] = []): void {
    const presentCount = (run: Field[]) => {
      const optional = run.map((f, i) => ({ f, i })).filter(({ f }) => f.optional);
      // The last optional member present decides the count, so it is tested first (outermost).
      return optional.reduce((tail, { f, i }) => `${memberRead(v, f.name)} !== undefined ? ${i + 1} : ${tail}`, String(run.length - optional.length));
    };
    const restAccess = rest === undefined ? null : propertyAccess(v, rest.name);
    // A count of optional members is a conditional expression: parenthesised beside others.
    const fixed = restAccess === null && after.length === 0 ? presentCount(fields) : parenthesisedCount(presentCount(fields));
    const counts = [fixed, ...(restAccess === null ? [] : [`${restAccess}.length`]), ...(after.length === 0 ? [] : [parenthesisedCount(presentCount(after))])];
    this.w.writeLine(`${this.target}.arrayHeader(${counts.join(' + ')});`);
    const writeFields = (run: Field[]) => {
      for (const field of run) {
        const access = this.memberAccess(v, field);
        this.writePresent(field, access, field.optional ? `${access} !== undefined` : null);
      }
    };
    writeFields(fields);
    if (rest !== undefined && restAccess !== null) this.writeItems(rest, restAccess);
    writeFields(after);
  }

  /**
   * A tuple's optional members before its repeated one (layout/arrays.ts optionalsBeforeRest): the elements the
   * optional members' tests take, as the check found them, then the repeated items.
   */
  private writeTaking(fields: Field[], rest: ArrayRest, v: string): void {
    const w = this.w;
    const required = fields.filter((f) => !f.optional).length;
    fields.slice(0, required).forEach((field, i) => this.write(field.shape, `${v}[${i}]`));
    const next = this.locals.take('next');
    w.writeLine(`let ${next} = ${required};`);
    const take = (index: number): void => {
      const field = fields[index];
      if (field === undefined) return;
      const item = `${v}[${index}]`;
      w.write(`if (${v}.length > ${index} && ${memberTest(field.shape, field.type, item, this.ctx, this.rule, UNTRACKED)})`).block(() => {
        this.write(field.shape, `(${item} as ${shapeType(field.shape, field.type, this.ctx)})`);
        w.writeLine(`${next} = ${index + 1};`);
        take(index + 1);
      });
    };
    take(required);
    const item = this.locals.take('item');
    const index = this.locals.take('i');
    w.write(`for (let ${index} = ${next}; ${index} < ${v}.length; ${index}++)`).block(() => {
      w.writeLine(`const ${item} = ${v}[${index}] as ${shapeType(rest.item, rest.itemType, this.ctx)};`);
      this.write(rest.item, item);
    });
  }

  /** The repeated members after the fixed ones (in a tuple, from index `from` on, up to the members `after` them). */
  private writeItems(rest: ArrayRest, items: string, from = 0, after: Field[] = []): void {
    const w = this.w;
    const item = this.locals.take('item');
    // null and undefined are written without their value: no local for it (noUnusedLocals).
    const valueless = rest.item.kind === 'null' || rest.item.kind === 'undefined';
    if (from === 0 && after.length === 0 && !valueless) {
      w.write(`for (const ${item} of ${items})`).block(() => this.write(rest.item, item));
      return;
    }
    // A tuple's elements have different types; past the fixed ones they are the rest's, then the members after it.
    const end = after.length === 0 ? `${items}.length` : rest.greedy === true ? this.greedyEnd(rest, items, from, after) : writeRepeatedEnd(w, this.locals, after, items, from, this.ctx, this.rule);
    const index = this.locals.take('i');
    w.write(`for (let ${index} = ${from}; ${index} < ${end}; ${index}++)`).block(() => {
      if (valueless) {
        this.write(rest.item, `${items}[${index}]`);
        return;
      }
      w.writeLine(`const ${item} = ${items}[${index}] as ${shapeType(rest.item, rest.itemType, this.ctx)};`);
      this.write(rest.item, item);
    });
    after.forEach((field, j) => {
      const index = plusIndex(end, j);
      const write = () => this.write(field.shape, `(${items}[${index}] as ${shapeType(field.shape, field.type, this.ctx)})`);
      if (field.optional) w.write(`if (${items}.length > ${index})`).block(write);
      else write();
    });
  }

  /**
   * Where a greedy repetition ends in a tuple the check passed: before the
   * members after it when they are all required, else where its items stop,
   * as the check and the decoder found (layout/arrays.ts made sure the
   * item type has an exact test then).
   */
  private greedyEnd(rest: ArrayRest, items: string, from: number, after: Field[]): string {
    if (after.every((f) => !f.optional)) return `${items}.length - ${after.length}`;
    const end = this.locals.take('end');
    const most = rest.max === null ? '' : ` && ${end} < ${from + rest.max}`;
    this.w.writeLine(`let ${end} = ${from};`);
    this.w.writeLine(`while (${end} < ${items}.length${most} && ${memberTest(rest.item, rest.itemType, `${items}[${end}]`, this.ctx, this.rule, UNTRACKED)}) ${end}++;`);
    return end;
  }

  /**
   * Alternatives (of an array or a map): the one the value is, by its
   * discriminant or by the members present (the check made sure there is
   * one), or, where the members present fit several, the first of those whose
   * test passes, as the check and the decoder take it; `write(k, variable)`
   * writes alternative k from a variable of its type.
   */
  private writeVariants(layout: Variants, v: string, typeOf: (k: number) => string, write: (k: number, variant: string) => void): void {
    const w = this.w;
    const members = layout.variants.map((x) => membersOf(x.fields, x.rests));
    const selector = variantSelector(members, layout.discriminant, layout.tag, layout.overlaps);
    const writeOne = (k: number) => {
      // An alternative without members (an empty map) writes nothing from the value.
      if ((members[k] as Field[]).length === 0) {
        write(k, v);
        return;
      }
      const variant = this.locals.take('variant');
      w.writeLine(`const ${variant} = ${v} as ${typeOf(k)};`);
      write(k, variant);
    };
    if (selector.kind === 'discriminant') {
      const d = selector.discriminant;
      w.write(`switch (${memberRead(v, d.name)})`).block(() => {
        members.forEach((_, k) => {
          const value = d.values[k] as DiscriminantValue;
          w.writeLine(`case ${discriminantLiteral(value)}:`);
          w.indent(() => {
            w.block(() => writeOne(k));
            w.writeLine('break;');
          });
        });
      });
      return;
    }
    const object = this.locals.take('members');
    w.writeLine(`const ${object} = ${v} as Record<string, unknown>;`);
    presenceBranches(selector, object, members).forEach((branch, n) => {
      const keyword = n === 0 ? 'if' : 'else if';
      const only = branch.length === 1 ? branch[0] : undefined;
      if (only !== undefined) {
        w.write(`${keyword} (${only.test})`).block(() => writeOne(only.k));
        return;
      }
      w.write(`${keyword} (${branch.map((b) => `(${b.test})`).join(' || ')})`).block(() => {
        w.writeLine('// The members present fit several alternatives: the first whose test passes, as the check took it.');
        // Every test first: a declaration between `if` and `else if` would end the chain.
        const names = branch.slice(0, -1).map((b) => {
          const name = this.locals.take(`alternative${b.k + 1}`);
          writeVariantFunction(this.ctx, w, this.rule, name, layout.variants[b.k] as Variant);
          return name;
        });
        branch.forEach((b, i) => {
          const name = names[i];
          if (name === undefined) w.write('else').block(() => writeOne(b.k));
          else w.write(`${i === 0 ? 'if' : 'else if'} (${b.test} && ${name}(${object}, null))`).block(() => writeOne(b.k));
        });
      });
    });
  }

  private writeMap(layout: MapLayout, v: string): void {
    if (layout.kind === 'variants') {
      const typeOf = (k: number) => mapVariantType(layout.variants[k] as MapStruct, this.ctx);
      this.writeVariants(layout, v, typeOf, (k, variant) => this.writeMapStruct(layout.variants[k] as MapStruct, variant, false));
      return;
    }
    this.writeMapStruct(layout, v, isDictionary(layout));
  }

  /** `dictionary`: `v` is the Map of the one kind of entries itself, not an object holding it (as the readers' `readMapStruct`). */
  private writeMapStruct(layout: MapStruct, v: string, dictionary: boolean): void {
    if (layout.rests.length > 0) {
      this.writeSortedMap(layout, v, dictionary);
      return;
    }
    this.writeFixedKeys(layout.fields, v);
  }

  /** A map of fixed keys only: the head with the count of members present, then the members in the deterministic order of their keys, known now. */
  private writeFixedKeys(fields: MapField[], v: string): void {
    const w = this.w;
    const required = fields.filter((f) => !f.optional).length;
    const present = fields.filter((f) => f.optional).map((f) => `${memberRead(v, f.name)} !== undefined ? 1 : 0`);
    const terms = required === 0 && present.length > 0 ? present : [String(required), ...present];
    w.writeLine(`${this.target}.mapHeader(${terms.length === 1 ? terms[0] : terms.map((t) => (t === String(required) ? t : `(${t})`)).join(' + ')});`);
    for (const field of sortByEncodedKey(fields)) {
      const access = this.memberAccess(v, field);
      const body = () => {
        this.writeKey(field.key);
        this.write(field.shape, access);
      };
      if (field.optional) w.write(`if (${access} !== undefined)`).block(body);
      else body();
    }
  }

  /**
   * A map with computed keys, known only at run time: the entries are written
   * in place, with the offsets where each key and value starts, and
   * `endSortedMap` then orders them by their encoded keys (RFC 8949 §4.2.1)
   * and puts the map's head in front. (No buffer per entry: members written
   * in key order, the usual case, only move once, by the head's size.) A map
   * that has fixed keys too is written as one of fixed keys only when it has
   * no computed-key entries (the usual case: MIMI content's extensions
   * without unknown ones): no offsets to note and nothing to sort.
   */
  private writeSortedMap(layout: MapStruct, v: string, dictionary: boolean): void {
    if (dictionary) {
      this.writeEntries(layout, v, [v]);
      return;
    }
    const w = this.w;
    // Each kind of computed-key entries read once, into a local.
    const rests = layout.rests.map((rest) => {
      const local = this.locals.take(rest.name);
      w.writeLine(`const ${local} = ${propertyAccess(v, rest.name)};`);
      return local;
    });
    const empty = layout.rests.map((rest, i) => `${rests[i]} === undefined || ${rests[i]}.${rest.pairs ? 'length' : 'size'} === 0`);
    w.write(`if (${empty.length === 1 ? empty[0] : empty.map((e) => `(${e})`).join(' && ')})`).block(() => this.writeFixedKeys(layout.fields, v));
    // One kind is known to be there in the else branch; of several, any may be absent.
    w.write('else').block(() => this.writeEntries(layout, v, rests.length === 1 ? rests : rests.map((r) => `(${r} ?? [])`)));
  }

  /** The entries of a map with computed keys, `maps` holding those of each kind, then `endSortedMap` ({@link writeSortedMap}). */
  private writeEntries(layout: MapStruct, v: string, maps: string[]): void {
    const w = this.w;
    const offsets = this.locals.take('offsets');
    w.writeLine(`const ${offsets}: number[] = [${this.target}.length];`);
    const entry = (writeKey: () => void, writeValue: () => void) => {
      w.block(() => {
        w.writeLine(`${offsets}.push(${this.target}.length);`);
        writeKey();
        w.writeLine(`${offsets}.push(${this.target}.length);`);
        writeValue();
      });
    };
    for (const field of layout.fields) {
      const access = this.memberAccess(v, field);
      const add = () => entry(() => this.writeKey(field.key), () => this.write(field.shape, access));
      if (field.optional) {
        w.write(`if (${access} !== undefined)`);
        add();
      } else add();
    }
    // Every kind of computed-key entries after the fields: endSortedMap orders them all together.
    layout.rests.forEach((rest, i) => {
      const k = this.locals.take('k');
      const x = this.locals.take('x');
      const parts = rest.pairs ? null : restKeyParts(rest, this.ctx);
      w.write(`for (const [${k}, ${x}] of ${maps[i]})`);
      entry(
        () => {
          if (parts === null) this.write(rest.key, k);
          else if (parts.int !== null && parts.text !== null) {
            w.writeLine(`if (typeof ${k} === 'string') ${this.target}.text(${k}); else ${this.target}.int(${k} as number | bigint);`);
          } else if (parts.text !== null) w.writeLine(`${this.target}.text(${k} as string);`);
          else w.writeLine(`${this.target}.int(${k} as number | bigint);`);
        },
        () => this.write(rest.value, x),
      );
    });
    w.writeLine(`${this.target}.endSortedMap(${offsets});`);
  }

  /**
   * How to read a member for writing: a plain access, except for an optional
   * member named like an Object.prototype member (`constructor`), which is
   * read once into a local, as an own property only (as the check read it).
   */
  private memberAccess(v: string, field: Field): string {
    if (!field.optional || !isObjectPrototypeName(field.name)) return propertyAccess(v, field.name);
    const local = this.locals.take(field.name);
    this.w.writeLine(`const ${local} = ${memberRead(v, field.name)};`);
    return local;
  }

  private writeKey(key: MapKey): void {
    this.w.writeLine(key.type === 'text' ? `${this.target}.text(${JSON.stringify(key.value)});` : `${this.target}.int(${intLiteral(BigInt(key.value))});`);
  }

  private writePresent(field: Field, access: string, condition: string | null): void {
    if (condition === null) this.write(field.shape, access);
    else this.w.write(`if (${condition})`).block(() => this.write(field.shape, access));
  }

  private writeChoice(shape: Extract<Shape, { kind: 'choice' }>, v: string): void {
    const w = this.w;
    inEncodingOrder(choiceTests(shape, v, this.ctx, this.rule), choicePlan(shape, this.ctx)).forEach(({ option, leaf, test }, i) => {
      const head = i === 0 ? 'if' : 'else if';
      if (leaf !== null) {
        // Kept as { tag, value }: the tag is the leaf's own, written with what is inside.
        w.write(`${head} (${test})`).block(() => {
          const narrowed = this.locals.take('tagged');
          w.writeLine(`const ${narrowed} = ${v} as { tag: ${intLiteral(leaf.tag)}; value: ${tsType(leaf.type, this.ctx)} };`);
          this.write(leaf.shape, `${narrowed}.value`);
        });
        return;
      }
      if (option.float) {
        // Kept as CborFloat: its number, in the width the float type allows (the shortest that holds it).
        w.write(`${head} (${test})`).block(() => this.write(option.shape, `(${v} as CborFloat).value`));
        return;
      }
      // One call, on the test's line: null and undefined write no value, the others get it cast to the option's type.
      const call = this.oneCall(option.shape, writtenOnce(option.shape) ? `${v} as ${shapeType(option.shape, option.type, this.ctx)}` : v);
      if (call !== null) {
        w.writeLine(`${head} (${test}) ${call}`);
        return;
      }
      w.write(`${head} (${test})`).block(() => {
        // never writes no value, so it needs no narrowed copy of it.
        if (option.shape.kind === 'never') {
          this.write(option.shape, v);
          return;
        }
        const narrowed = this.locals.take('option');
        w.writeLine(`const ${narrowed} = ${v} as ${shapeType(option.shape, option.type, this.ctx)};`);
        this.write(option.shape, narrowed);
      });
    });
  }
}

/**
 * The tests of a choice in the order the plan tries its options (float options narrowest first,
 * layout/float-order.ts); tests per tag of an option kept as `{ tag, value }` stay where they are.
 * Reordering is safe otherwise: options that take one value write it alike, or their tests were made
 * exclusive (layout/choice-plans.ts), or the rule is general.
 */
function inEncodingOrder(tests: ChoiceTest[], plan: PlannedOption[]): ChoiceTest[] {
  const order = encodingOrder(plan);
  if (order.every((k, i) => k === i)) return tests;
  const single = new Map(tests.filter((t) => t.leaf === null).map((t) => [t.option, t]));
  return tests.map((t) => {
    if (t.leaf !== null) return t;
    const moved = single.get(plan[order[plan.indexOf(t.option)] as number] as PlannedOption);
    return moved ?? t;
  });
}

/** Whether {@link WriteEmitter.write} names the value at most once, as a call's last argument: then it needs no local. */
function writtenOnce(shape: Shape): boolean {
  // null and undefined are not read at all: a local for them would be unused (noUnusedLocals).
  return shape.kind === 'rule' || shape.kind === 'int' || shape.kind === 'text' || shape.kind === 'bytes' || shape.kind === 'bool' || shape.kind === 'null' || shape.kind === 'undefined';
}

function floatWrite(widths: number[], v: string, writer: string): string {
  const all = widths.length === 3;
  if (all) return `${writer}.float(${v});`;
  if (widths.length === 1) return `${writer}.float${widths[0]}(${v});`;
  // float16-32 or float32-64: the narrower width when it holds the value exactly.
  const [narrow, wide] = widths as [number, number];
  return `if (fitsFloat${narrow}(${v})) ${writer}.float${narrow}(${v}); else ${writer}.float${wide}(${v});`;
}

/** Map fields in the order of their encoded keys, bytewise (RFC 8949 §4.2.1), decided once at generation time. */
function sortByEncodedKey(fields: MapField[]): MapField[] {
  const encoded = (field: MapField): Uint8Array => {
    const writer = new CborWriter(16);
    if (field.key.type === 'text') writer.text(field.key.value);
    else writer.int(BigInt(field.key.value));
    return writer.finish();
  };
  return fields
    .map((field) => ({ field, key: encoded(field) }))
    .sort((a, b) => compareBytes(a.key, b.key))
    .map(({ field }) => field);
}

/** A count (a number, or a conditional expression of optional members present) as an operand of `+`. */
function parenthesisedCount(count: string): string {
  return /^\d+$/.test(count) ? count : `(${count})`;
}

/**
 * Encoders: `encodeX(value)` for every type rule. The value is checked whole
 * first (the guard's fast mode), so no bytes are produced for a value the
 * schema forbids; then an internal `writeX(writer, value)` writes it in
 * deterministic encoding (RFC 8949 §4.2.1): shortest heads, shortest exact
 * floats, map keys in bytewise order of their encodings. Small fixed
 * records and lists of them are checked and sized in one pass instead, and
 * written into an exact allocation (usual-sizes.ts).
 */
import { StructureKind, type FunctionDeclarationStructure } from './printer.js';
import { CborWriter, compareBytes } from '../../templates/runtime.js';
import type { IrRule } from '../ir/types.js';
import { shapeOfRule, type EmitContext } from './context.js';
import { generalWriteFunction } from './general.js';
import { PURE } from './function-names.js';
import { matchPlan, putFunctionName, writeMatched } from './fast-match.js';
import { writeFunctionName } from './function-names.js';
import { functionsOf } from './shared-functions.js';
import { writeVariantFunction } from './guards.js';
import { putFunction, sizeFunction, sizePlan } from './usual-sizes.js';
import { type Variant, type Variants } from './guard-common.js';
import { choiceTests, presenceBranches, type ChoiceTest } from './guard-tests.js';
import { isDictionary, type DiscriminantValue, type Field, type MapField, type MapKey, type MapLayout, type MapStruct, type Shape } from '../layout/shapes.js';
import { restKeyParts } from '../layout/maps.js';
import { choicePlan, encodingOrder, type PlannedOption } from '../layout/choice-plans.js';
import { membersOf, variantSelector } from '../layout/choices.js';
import { discriminantLiteral, intLiteral, isObjectPrototypeName, memberRead, propertyAccess } from './syntax.js';
import { mapVariantType, shapeType, tsType } from './types.js';
import { ArrayWriteEmitter, WRITER, readsNoValue, writtenOnce } from './write-arrays.js';
import { holdsNothing } from '../layout/no-values.js';
import { takenByEarlier } from '../layout/implication.js';

export function encoderFunctions(ctx: EmitContext): (FunctionDeclarationStructure | string)[] {
  return ctx.typeRules.flatMap((rule): (FunctionDeclarationStructure | string)[] => {
    const shared = ctx.shared.get(rule.name);
    if (shared !== undefined) return [`export { encode${shared.tsName} as encode${rule.tsName} };`];
    const write = ctx.general.has(rule.name) ? generalWriteFunction(rule) : writeFunction(rule, ctx);
    const plan = sizePlan(rule, ctx);
    return plan === null ? [write, encodeFunction(rule, ctx, false)] : [write, putFunction(rule, plan), sizeFunction(rule, plan, ctx), encodeFunction(rule, ctx, true)];
  });
}

/**
 * `encodeX`, one line made by the runtime's factories: what every encodeX does is runEncoder's (runtime.ts), and what
 * every encodeX shares is said once, in the module's Encoders section (module.ts). isX first (a tracked rule's check
 * may stop on a value nested too deeply, which isX catches: guards.ts), checkX for the problems of an invalid value
 * (the runtime finds it from isX, which it made), then writeX. The guards are defined before the encoders, so isX is defined when encodeX is made.
 */
function encodeFunction(rule: IrRule, ctx: EmitContext, trying: boolean): string {
  // Where the checks it reaches remember what they found (memo.ts: writers that pick alternatives by checking, values
  // that hold one object in several places), they remember it until the value is written.
  const remembering = ctx.remembering.has(rule.name);
  const functions = `is${rule.tsName}, ${writeFunctionName(rule)}`;
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
  const plan = matchPlan(rule, ctx);
  const writerUnused = holdsNothing(shape);
  const valueUnused = plan === null && (readsNoValue(shape) || writerUnused);
  return {
    kind: StructureKind.Function,
    name: writeFunctionName(rule),
    parameters: [
      { name: writerUnused ? `_${WRITER}` : WRITER, type: 'CborWriter' },
      { name: valueUnused ? '_value' : 'value', type: rule.tsName },
    ],
    returnType: 'void',
    // Small fixed records are written directly in the layout their decoder's fast path reads (fast-match.ts).
    statements: (writer) => {
      if (plan !== null) writeMatched(writer, rule, plan);
      else if (writerUnused) writer.writeLine(NOTHING_WRITTEN);
      else new WriteEmitter(ctx, writer, rule).write(shape, valueUnused ? '_value' : 'value');
    },
  };
}

/** What the writer of a type no value has says (it is never called: the check refused the value first). */
const NOTHING_WRITTEN = '// No value has this type: the check refused it before anything was written.';

class WriteEmitter extends ArrayWriteEmitter {
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
        w.writeLine(NOTHING_WRITTEN);
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
        return `${writeFunctionName(functionsOf(this.ctx.shared, shape.rule))}(${this.target}, ${v});`;
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

  /**
   * Alternatives (of an array or a map): the one the value is, by its
   * discriminant or by the members present (the check made sure there is
   * one), or, where the members present fit several, the first of those whose
   * test passes, as the check and the decoder take it; `write(k, variable)`
   * writes alternative k from a variable of its type.
   */
  protected writeVariants(layout: Variants, v: string, typeOf: (k: number) => string, write: (k: number, variant: string) => void): void {
    const w = this.w;
    const members = layout.variants.map((x) => membersOf(x.fields, x.rests));
    const selector = variantSelector(members, layout.discriminant, layout.tag, layout.overlaps);
    const writeOne = (k: number) => {
      // An alternative without members (an empty map), or whose members are all required and written without reading them (`{ 1 => nil }`), writes nothing from the value.
      if ((layout.variants[k]?.rests.length ?? 0) === 0 && (members[k] as Field[]).every((f) => !f.optional && readsNoValue(f.shape))) {
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
          w.write(`case ${discriminantLiteral(value)}:`).block(() => {
            writeOne(k);
            w.writeLine('break;');
          });
        });
      });
      return;
    }
    const object = this.locals.take('members');
    w.writeLine(`const ${object} = ${v} as Record<string, unknown>;`);
    presenceBranches(selector, object, members, this.ctx).forEach((branch, n) => {
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
    const sorted = sortByEncodedKey(fields);
    for (let i = 0; i < sorted.length; i++) {
      const field = sorted[i] as MapField;
      const next = sorted[i + 1];
      if (next !== undefined && smallKeyedText(field) && smallKeyedText(next)) {
        this.writeKeyedTexts(field, next, v);
        i++;
        continue;
      }
      this.writeFixedKey(field, this.memberAccess(v, field));
    }
  }

  /** One member of a map of fixed keys: its key and value, if present. */
  private writeFixedKey(field: MapField, access: string): void {
    const body = () => {
      this.writeKey(field.key);
      this.write(field.shape, access);
    };
    if (field.optional) this.w.write(`if (${access} !== undefined)`).block(body);
    else body();
  }

  /**
   * Two members in a row whose keys are 0..23 and whose values are texts (the URIs of MIMI content's extensions):
   * when both are present, one `keyedTexts` call, which writes the same bytes with one TextEncoder call for both
   * texts when they allow.
   */
  private writeKeyedTexts(first: MapField, second: MapField, v: string): void {
    const a = this.memberAccess(v, first);
    const b = this.memberAccess(v, second);
    const both = [first, second].filter((f) => f.optional).map((f) => `${f === first ? a : b} !== undefined`);
    const call = `${this.target}.keyedTexts(${first.key.value}, ${a}, ${second.key.value}, ${b});`;
    if (both.length === 0) {
      this.w.writeLine(call);
      return;
    }
    this.w.writeLine(`if (${both.join(' && ')}) ${call}`);
    // Otherwise one at most is there; with one optional member, only the required one is.
    this.w.write('else').block(() => {
      if (both.length === 2 || !first.optional) this.writeFixedKey(first, a);
      if (both.length === 2 || !second.optional) this.writeFixedKey(second, b);
    });
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
    const empty = layout.rests.map((_, i) => `${rests[i]} === undefined || ${rests[i]}.size === 0`);
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
      const parts = rest.keysByEncoding ? null : restKeyParts(rest, this.ctx);
      // A key of one value that needs no reading (`nil =>`) is written without its variable, which would be unused.
      const constantKey = parts === null && readsNoValue(rest.key);
      const k = constantKey ? '' : this.locals.take('k');
      // Likewise a value (`* bool => nil`): the pattern then names the key alone.
      const x = readsNoValue(rest.value) ? '' : this.locals.take('x');
      w.write(`for (const [${k}${x === '' ? '' : `, ${x}`}] of ${maps[i]})`);
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
    w.writeLine(`endSortedMap(${this.target}, ${offsets});`);
  }

  /**
   * How to read a member for writing: a plain access, except for an optional
   * member named like an Object.prototype member (`constructor`), which is
   * read once into a local, as an own property only (as the check read it).
   */
  protected memberAccess(v: string, field: Field): string {
    if (!field.optional || !isObjectPrototypeName(field.name)) return propertyAccess(v, field.name);
    const local = this.locals.take(field.name);
    this.w.writeLine(`const ${local} = ${memberRead(v, field.name)};`);
    return local;
  }

  private writeKey(key: MapKey): void {
    this.w.writeLine(key.type === 'text' ? `${this.target}.text(${JSON.stringify(key.value)});` : `${this.target}.int(${intLiteral(BigInt(key.value))});`);
  }

  protected writePresent(field: Field, access: string, condition: string | null): void {
    if (condition === null) this.write(field.shape, access);
    else this.w.write(`if (${condition})`).block(() => this.write(field.shape, access));
  }

  private writeChoice(shape: Extract<Shape, { kind: 'choice' }>, v: string): void {
    const w = this.w;
    // An option no value has (`#6.42(h'00' .and biguint)`) tests false, and an option tested as an earlier one is
    // (`&group` of members of one type: `bstr / nil / bstr`), or whose values an earlier one all takes (`int / [7] / 8`),
    // takes nothing that one left: no branch for either, where TypeScript, having narrowed the value, would find the
    // test meaningless, the cast a mistake or the code unreachable.
    const all = inEncodingOrder(choiceTests(shape, v, this.ctx, this.rule), choicePlan(shape, this.ctx));
    const tests = all.filter((t, i) => t.test !== 'false' && !all.slice(0, i).some((u) => u.test === t.test || (u.leaf === null && t.leaf === null && !u.option.float && !t.option.float && takenByEarlier(u.option.shape, t.option.shape, this.ctx, (rule) => shapeOfRule(this.ctx, rule)))));
    if (tests.length === 0) {
      w.writeLine(NOTHING_WRITTEN);
      return;
    }
    // Options that are all text strings, or all byte strings, as they are (`bstr .size (16 / 32)`): each writes the
    // string alike, and the check before found the value one of them, so one call writes it without a test (the value's
    // type is a string, or a Uint8Array, already).
    const [first] = tests;
    const kind = first?.option.shape.kind;
    if (tests.length > 1 && (kind === 'text' || kind === 'bytes') && tests.every((t) => t.leaf === null && !t.option.float && t.option.shape.kind === kind)) {
      const call = this.oneCall(first!.option.shape, v);
      if (call !== null) {
        w.writeLine(call);
        return;
      }
    }
    tests.forEach(({ option, leaf, test }, i) => {
      const head = i === 0 ? 'if' : 'else if';
      if (leaf !== null) {
        // Kept as { tag, value }: the tag is the leaf's own, written with what is inside.
        w.write(`${head} (${test})`).block(() => {
          const narrowed = this.locals.take('tagged');
          if (readsNoValue(leaf.shape)) {
            this.write(leaf.shape, `${v}.value`);
            return;
          }
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
        // never (or a fixed tag or map of nothing but null members) writes no value, so it needs no narrowed copy of it.
        if (readsNoValue(option.shape)) {
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

function floatWrite(widths: number[], v: string, writer: string): string {
  const all = widths.length === 3;
  if (all) return `${writer}.float(${v});`;
  if (widths.length === 1) return `${writer}.float${widths[0]}(${v});`;
  // float16-32 or float32-64: the narrower width when it holds the value exactly.
  const [narrow, wide] = widths as [number, number];
  return `if (fitsFloat${narrow}(${v})) ${writer}.float${narrow}(${v}); else ${writer}.float${wide}(${v});`;
}

/** A map member {@link WriteEmitter.writeKeyedTexts} can write: an integer key of 0..23 (one byte) and a text value. */
function smallKeyedText(field: MapField): boolean {
  return field.key.type !== 'text' && field.shape.kind === 'text' && BigInt(field.key.value) >= 0n && BigInt(field.key.value) < 24n;
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


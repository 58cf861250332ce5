/** The encoder emitter's array writes (a part of the encoders' WriteEmitter, encoders.ts), as read-arrays.ts is the decoders'. */
import { variantHoldsNothing } from '../layout/no-values.js';
import type { CodeBlockWriter } from './printer.js';
import type { IrRule } from '../ir/types.js';
import { shapeOfRule, type EmitContext } from './context.js';
import { arrayVariants, UNTRACKED, type Variants } from './guard-common.js';
import { groupVariantTest, memberTest, writeRepeatedEnd } from './guard-tests.js';
import type { ArrayLayout, ArrayRest, Field, GroupVariant, Shape } from '../layout/shapes.js';
import { plusIndex, isIdentifier, isTextListLayout, LocalNames, memberRead, propertyAccess } from './syntax.js';
import { arrayLayoutType, groupVariantType, shapeType, variantType } from './types.js';
import { forkMember } from '../layout/arrays.js';
import { firstsAfter } from '../layout/repeated-groups.js';

export const WRITER = 'writer';

/** How arrays are written: lists, records, tuples, repeated groups and alternatives of arrays. */
export abstract class ArrayWriteEmitter {
  protected readonly locals = new LocalNames([WRITER, 'value']);
  /** The writer that writes go to (the function's parameter). */
  protected readonly target = WRITER;

  constructor(
    protected readonly ctx: EmitContext,
    protected readonly w: CodeBlockWriter,
    protected readonly rule: IrRule,
  ) {}

  /** Writes statements that encode `v`, already known to be valid. */
  abstract write(shape: Shape, v: string): void;

  /** An object member's value: its property, read as an own property where Object.prototype has one of its name. */
  protected abstract memberAccess(v: string, field: Field): string;

  /** Writes a member's value (`access`), only when `condition` holds (an optional member present). */
  protected abstract writePresent(field: Field, access: string, condition: string | null): void;

  /** Alternatives of an array or a map, written by `write` once the one the value is was found. */
  protected abstract writeVariants(layout: Variants, v: string, typeOf: (k: number) => string, write: (k: number, variant: string) => void): void;

  protected writeArray(layout: ArrayLayout, v: string): void {
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
        // `!` takes away the undefined an index read may give (noUncheckedIndexedAccess), and null with it: an item
        // type that holds either keeps it by its element type instead.
        const element = mayBeNullish(layout.item, this.ctx, new Set()) ? `${list}[${index}] as (typeof ${list})[number]` : `${list}[${index}]!`;
        w.write(`for (let ${index} = 0; ${index} < ${list}.length; ${index}++)`).block(() => {
          if (writtenOnce(layout.item) || readsNoValue(layout.item)) {
            this.write(layout.item, element.includes(' as ') ? `(${element})` : element);
            return;
          }
          w.writeLine(`const ${item} = ${element};`);
          this.write(layout.item, item);
        });
        return;
      }
      case 'tuple':
        w.writeLine(`${this.target}.arrayHeader(${v}.length);`);
        if (layout.rest !== undefined && layout.fields.some((f) => f.optional)) {
          this.writeTaking(layout.fields, layout.rest, v, layout.after ?? []);
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
      case 'forks': {
        // The alternative whose member where they part the element there is (the check found one); the last needs no test.
        const last = layout.variants.length - 1;
        layout.variants.forEach((variant, k) => {
          const branch = () => {
            const alternative = this.locals.take('alternative');
            w.writeLine(`const ${alternative} = ${v} as ${arrayLayoutType(variant, this.ctx)};`);
            this.writeArray(variant, alternative);
          };
          const member = forkMember(variant, layout.at);
          if (k === last) w.write('else').block(branch);
          else w.write(`${k === 0 ? 'if' : 'else if'} (${memberTest(member.shape, member.type, `${v}[${layout.at}]`, this.ctx, this.rule, UNTRACKED)})`).block(branch);
        });
        return;
      }
      case 'groups':
        this.writeRepetitions(layout.variants, v, layout.fields ?? [], layout.after ?? []);
        return;
      case 'alternatives':
        this.eachRepetition(layout.variants, v, (variant, value) => {
          this.w.writeLine(`${this.target}.arrayHeader(${variant.fields.length});`);
          this.writeMembers(variant, value);
        });
        return;
      case 'runs':
        this.writeRuns(layout, v);
        return;
    }
  }

  /**
   * Members one after another, several repeated (layout/runs.ts). Named: each member's value in turn, a repeated
   * one's items. Else the elements in order, each as the member whose exact test it passes: the check found that
   * exactly one does, and that the members' items come in their order.
   */
  protected writeRuns(layout: Extract<ArrayLayout, { kind: 'runs' }>, v: string): void {
    const w = this.w;
    if (layout.named) {
      const fields = layout.runs.map((run): Field => ({ name: run.name, span: run.span, type: run.itemType, shape: run.item, optional: run.max === 1 && run.min === 0, doc: run.doc }));
      const once = layout.runs.filter((run) => run.max === 1 && run.min === 1).length;
      const counts = layout.runs.flatMap((run, k) => {
        // A repeated group's repetitions each write its members inline.
        if (run.group !== undefined) return [`${propertyAccess(v, run.name)}.length${run.group.fields.length === 1 ? '' : ` * ${run.group.fields.length}`}`];
        if (run.max !== 1) return [`${propertyAccess(v, run.name)}.length`];
        return run.min === 0 ? [`(${this.memberAccess(v, fields[k] as Field)} !== undefined ? 1 : 0)`] : [];
      });
      w.writeLine(`${this.target}.arrayHeader(${[...(once === 0 ? [] : [String(once)]), ...counts].join(' + ')});`);
      layout.runs.forEach((run, k) => {
        const field = fields[k] as Field;
        const group = run.group;
        if (group !== undefined) {
          const repetition = this.locals.take('repetition');
          w.write(`for (const ${repetition} of ${propertyAccess(v, run.name)})`).block(() => this.writeMembers(group, repetition));
          return;
        }
        if (run.max !== 1) {
          this.writeItems(run, propertyAccess(v, run.name));
          return;
        }
        const access = this.memberAccess(v, field);
        this.writePresent(field, access, field.optional ? `${access} !== undefined` : null);
      });
      return;
    }
    const list = isIdentifier(v) ? v : this.locals.take('list');
    if (list !== v) w.writeLine(`const ${list} = ${v};`);
    // Where each member's elements end: the walk the check made, each member taking the next elements while its exact
    // test passes, up to its most (a member of one item takes it), so that two members that never meet may share values.
    const next = this.locals.take('next');
    w.writeLine(`let ${next} = 0;`);
    const last = layout.runs.length - 1;
    const ends = layout.runs.map((run, k) => {
      // The last member takes the elements left (the check found they are its own).
      if (k === last) return `${list}.length`;
      const group = run.group;
      if (group === undefined && run.min === 1 && run.max === 1) w.writeLine(`${next}++;`);
      else if (group === undefined && run.max === 1) w.writeLine(`if (${next} < ${list}.length && ${memberTest(run.item, run.itemType, `${list}[${next}]`, this.ctx, this.rule, UNTRACKED)}) ${next}++;`);
      else {
        // Up to its most, counted from where it starts.
        const from = run.max === null ? null : this.locals.take('from');
        if (from !== null) w.writeLine(`const ${from} = ${next};`);
        const more = `${next} < ${list}.length${from === null ? '' : ` && ${next} - ${from} < ${run.max}`}`;
        if (group === undefined) w.writeLine(`while (${more} && ${memberTest(run.item, run.itemType, `${list}[${next}]`, this.ctx, this.rule, UNTRACKED)}) ${next}++;`);
        else {
          // A repetition is a tuple or an object: tested as a local of its own, which TypeScript narrows (an element at a changing index it does not).
          w.write(`for (; ${more}; ${next}++)`).block(() => {
            const item = this.locals.take('item');
            w.writeLine(`const ${item}: unknown = ${list}[${next}];`);
            w.writeLine(`if (!(${groupVariantTest(group, item, this.ctx, this.rule)})) break;`);
          });
        }
      }
      const end = this.locals.take('end');
      // Read by its own loop, and by the next member's, or by its one element where writing it reads the value (`nil` does not).
      const following = layout.runs[k + 1];
      const single = (r: typeof run) => r.group === undefined && r.min === 1 && r.max === 1;
      if (!single(run) || following === undefined || !single(following) || !readsNoValue(following.item)) w.writeLine(`const ${end} = ${next};`);
      return end;
    });
    const starts = ends.map((_, k) => (k === 0 ? '0' : (ends[k - 1] as string)));
    // A repetition of a repeated group is one element but as many items as its members.
    const extra = layout.runs.flatMap((run, k) => {
      if (run.group === undefined || run.group.fields.length === 1) return [];
      const repetitions = starts[k] === '0' ? (ends[k] as string) : `(${ends[k]} - ${starts[k]})`;
      return [run.group.fields.length === 2 ? repetitions : `${repetitions} * ${run.group.fields.length - 1}`];
    });
    w.writeLine(`${this.target}.arrayHeader(${[`${list}.length`, ...extra].join(' + ')});`);
    layout.runs.forEach((run, k) => {
      const group = run.group;
      const type = group === undefined ? shapeType(run.item, run.itemType, this.ctx) : groupVariantType(group, this.ctx);
      const writeOne = (element: string) => (group === undefined ? this.write(run.item, `(${element} as ${type})`) : this.writeMembers(group, `(${element} as ${type})`));
      if (group === undefined && run.min === 1 && run.max === 1) {
        writeOne(`${list}[${starts[k]}]`);
        return;
      }
      const index = this.locals.take('i');
      w.write(`for (let ${index} = ${starts[k]}; ${index} < ${ends[k]}; ${index}++)`).block(() => writeOne(`${list}[${index}]`));
    });
  }

  /**
   * A repeated group: the array's count is the members before and after it
   * and those of all repetitions, then the members before it, each
   * repetition's members inline, its alternative found by the same tests the
   * check made, and the members after it.
   */
  protected writeRepetitions(variants: GroupVariant[], v: string, before: Field[], after: Field[]): void {
    if (before.some((f) => f.optional)) {
      this.writeRepetitionsAfterOptionals(variants, v, before);
      return;
    }
    const w = this.w;
    const k = before.length + after.length;
    const widths = [...new Set(variants.map(fixedWidth))];
    const repetitions = k === 0 ? `${v}.length` : `(${v}.length - ${k})`;
    let count = widths.length === 1 && widths[0] !== null ? (widths[0] === 1 ? `${v}.length` : `${k === 0 ? '' : `${k} + `}${repetitions} * ${widths[0]}`) : null;
    let end = after.length === 0 ? `${v}.length` : `${v}.length - ${after.length}`;
    // With optional members after them, the repetitions end where the check found (layout/repeated-groups.ts separateFromRepetitions).
    const optional = after.some((f) => f.optional);
    if (optional) {
      end = writeRepeatedEnd(w, this.locals, firstsAfter(after), v, before.length, this.ctx, this.rule, UNTRACKED, true);
      // Each repetition, one element, is written as its members.
      const taken = before.length === 0 ? end : `(${end} - ${before.length})`;
      count = widths.length === 1 && widths[0] !== null ? (widths[0] === 1 ? `${v}.length` : `${v}.length + ${taken}${widths[0] === 2 ? '' : ` * ${(widths[0] as number) - 1}`}`) : null;
    }
    // The repetitions are the elements between the members before and after them (all of them when there are none).
    const eachItem = (body: (item: string) => void) => {
      const item = this.locals.take('item');
      if (k === 0) {
        w.write(`for (const ${item} of ${v})`).block(() => body(item));
        return;
      }
      const index = this.locals.take('i');
      w.write(`for (let ${index} = ${before.length}; ${index} < ${end}; ${index}++)`).block(() => {
        w.writeLine(`const ${item}: unknown = ${v}[${index}];`);
        body(item);
      });
    };
    if (count === null) {
      const members = this.locals.take('members');
      w.writeLine(`let ${members} = ${optional ? `${v}.length - ${before.length === 0 ? end : `(${end} - ${before.length})`}` : k};`);
      eachItem((item) => {
        if (variants.every((variant) => variant.kind === 'tuple')) w.writeLine(`${members} += ${k === 0 ? item : `(${item} as unknown[])`}.length;`);
        else this.eachRepetition(variants, item, (variant) => this.countRepetition(variant, item, members), false);
      });
      count = members;
    }
    w.writeLine(`${this.target}.arrayHeader(${count});`);
    before.forEach((field, j) => this.write(field.shape, `${v}[${j}]`));
    eachItem((item) => this.eachRepetition(variants, item, (variant, repetition) => this.writeMembers(variant, repetition)));
    // An element counted from the end has the type of any element: the check found it is this member's.
    after.forEach((field, j) => {
      const write = () => this.writeItemAt(field, `${v}[${plusIndex(end, j)}]`);
      if (field.optional) w.write(`if (${v}.length > ${plusIndex(end, j)})`).block(write);
      else write();
    });
  }

  /**
   * A repeated group with optional members before it (layout/repeated-groups.ts optionalsBeforeRepetitions): the
   * elements the optional members' exact tests take, as the check found them, then the repetitions.
   */
  private writeRepetitionsAfterOptionals(variants: GroupVariant[], v: string, before: Field[]): void {
    const w = this.w;
    const required = before.filter((f) => !f.optional).length;
    const next = this.locals.take('next');
    w.writeLine(`let ${next} = ${required};`);
    const take = (index: number): void => {
      const field = before[index];
      if (field === undefined) return;
      w.write(`if (${v}.length > ${index} && ${memberTest(field.shape, field.type, `${v}[${index}]`, this.ctx, this.rule, UNTRACKED)})`).block(() => {
        w.writeLine(`${next} = ${index + 1};`);
        take(index + 1);
      });
    };
    take(required);
    const widths = [...new Set(variants.map(fixedWidth))];
    let count = widths.length === 1 && widths[0] !== null ? `${v}.length${widths[0] === 1 ? '' : ` + (${v}.length - ${next}) * ${(widths[0] as number) - 1}`}` : null;
    const item = this.locals.take('item');
    const index = this.locals.take('i');
    const eachItem = (body: (item: string) => void) =>
      w.write(`for (let ${index} = ${next}; ${index} < ${v}.length; ${index}++)`).block(() => {
        w.writeLine(`const ${item}: unknown = ${v}[${index}];`);
        body(item);
      });
    if (count === null) {
      const members = this.locals.take('members');
      w.writeLine(`let ${members} = ${next};`);
      eachItem((repetition) => {
        if (variants.every((variant) => variant.kind === 'tuple')) w.writeLine(`${members} += (${repetition} as unknown[]).length;`);
        else this.eachRepetition(variants, repetition, (variant) => this.countRepetition(variant, repetition, members), false);
      });
      count = members;
    }
    w.writeLine(`${this.target}.arrayHeader(${count});`);
    before.forEach((field, j) => {
      const write = () => this.write(field.shape, `(${v}[${j}] as ${shapeType(field.shape, field.type, this.ctx)})`);
      if (field.optional) w.write(`if (${next} > ${j})`).block(write);
      else write();
    });
    eachItem((repetition) => this.eachRepetition(variants, repetition, (variant, value) => this.writeMembers(variant, value)));
  }

  /** Adds to `members` (a local) the items one repetition of `variant` writes (`repetition`): its members, an optional one where present. */
  private countRepetition(variant: GroupVariant, repetition: string, members: string): void {
    const optional = variant.fields.filter((f) => f.optional);
    if (optional.length === 0) {
      this.w.writeLine(`${members} += ${variant.fields.length};`);
      return;
    }
    const typed = this.locals.take('counted');
    this.w.writeLine(`const ${typed} = ${repetition} as ${groupVariantType(variant, this.ctx)};`);
    const present = optional.map((f) => `(${propertyAccess(typed, f.name)} !== undefined ? 1 : 0)`);
    this.w.writeLine(`${members} += ${[String(variant.fields.length - optional.length), ...present].join(' + ')};`);
  }

  /** One alternative's members, in order, from a value of its type. */
  protected writeMembers(variant: GroupVariant, v: string): void {
    variant.fields.forEach((field, i) => {
      const access = variant.kind === 'tuple' ? `${v}[${i}]` : propertyAccess(v, field.name);
      // An optional member of a record (layout/repeated-groups.ts recordOfOptionals): written where present.
      if (field.optional) this.writePresent(field, access, `${access} !== undefined`);
      else this.write(field.shape, access);
    });
  }

  /** Runs `body` in the branch of the alternative `item` is (the last one needs no test), with a local of its type when `typed`. */
  protected eachRepetition(all: GroupVariant[], item: string, body: (variant: GroupVariant, repetition: string) => void, typed = true): void {
    const w = this.w;
    // An alternative with a required member no value has (`[? tdate, ? c: tstr .and bstr]`) is none the check passed:
    // no branch, which TypeScript would find unreachable (its test ends in `&& false`).
    const live = all.filter((variant) => !variantHoldsNothing(variant));
    const variants = live.length > 0 ? live : all;
    const candidate = this.locals.take('candidate');
    if (variants.length > 1) w.writeLine(`const ${candidate}: unknown = ${item};`);
    variants.forEach((variant, k) => {
      const branch = () => {
        // An alternative of no member, or of members that read no value (`(nil)` of `* (nil, ? int)`), needs no local of its type.
        if (!typed || variant.fields.every((f) => readsNoValue(f.shape))) return body(variant, item);
        const repetition = this.locals.take('repetition');
        w.writeLine(`const ${repetition} = ${item} as ${groupVariantType(variant, this.ctx)};`);
        body(variant, repetition);
      };
      if (variants.length === 1) branch();
      else if (k === variants.length - 1) w.write('else').block(branch);
      else w.write(`${k === 0 ? 'if' : 'else if'} (${groupVariantTest(variant, candidate, this.ctx, this.rule, UNTRACKED, variants)})`).block(branch);
    });
  }

  /**
   * An object encoded positionally: its members, its repeated member's
   * items, the members after those. Optional members are trailing, so each
   * run's count is the position of its last one present.
   */
  protected writeRecord(fields: Field[], v: string, rest?: ArrayRest, after: Field[] = []): void {
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
  protected writeTaking(fields: Field[], rest: ArrayRest, v: string, after: Field[] = []): void {
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
    // Members after the repeated one: it ends where the check found (layout/arrays.ts optionalsBeforeRestAndAfter).
    const end = after.length === 0 ? `${v}.length` : writeRepeatedEnd(w, this.locals, firstsAfter(after), v, next, this.ctx, this.rule, UNTRACKED, true);
    const item = this.locals.take('item');
    const index = this.locals.take('i');
    w.write(`for (let ${index} = ${next}; ${index} < ${end}; ${index}++)`).block(() => {
      // null and undefined are written without their value: no local for it (noUnusedLocals).
      if (readsNoValue(rest.item)) {
        this.write(rest.item, `${v}[${index}]`);
        return;
      }
      w.writeLine(`const ${item} = ${v}[${index}] as ${shapeType(rest.item, rest.itemType, this.ctx)};`);
      this.write(rest.item, item);
    });
    after.forEach((field, j) => {
      const write = () => this.writeItemAt(field, `${v}[${plusIndex(end, j)}]`);
      if (field.optional) w.write(`if (${v}.length > ${plusIndex(end, j)})`).block(write);
      else write();
    });
  }

  /**
   * A member after a repeated one, at `item` (`list[list.length - 1]`): written from that expression where it is named
   * once, else from a local, since TypeScript narrows no such expression across statements (`item["1"] !== undefined`).
   */
  private writeItemAt(field: Field, item: string): void {
    const typed = `(${item} as ${shapeType(field.shape, field.type, this.ctx)})`;
    if (writtenOnce(field.shape) || readsNoValue(field.shape)) {
      this.write(field.shape, typed);
      return;
    }
    const local = this.locals.take('item');
    this.w.writeLine(`const ${local} = ${typed};`);
    this.write(field.shape, local);
  }

  /** The repeated members after the fixed ones (in a tuple, from index `from` on, up to the members `after` them). */
  protected writeItems(rest: ArrayRest, items: string, from = 0, after: Field[] = []): void {
    const w = this.w;
    const item = this.locals.take('item');
    // null and undefined are written without their value: no local for it (noUnusedLocals).
    const valueless = readsNoValue(rest.item);
    if (from === 0 && after.length === 0 && !valueless) {
      w.write(`for (const ${item} of ${items})`).block(() => this.write(rest.item, item));
      return;
    }
    // A tuple's elements have different types; past the fixed ones they are the rest's, then the members after it.
    // The element as unknown: tests of members after it some of whose values are others' (`bstr, h'01'`) would meet types the first narrowed away.
    const end = after.length === 0 ? `${items}.length` : rest.greedy === true ? this.greedyEnd(rest, items, from, after) : writeRepeatedEnd(w, this.locals, after, items, from, this.ctx, this.rule, UNTRACKED, true);
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
      const write = () => this.writeItemAt(field, `${items}[${index}]`);
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
  protected greedyEnd(rest: ArrayRest, items: string, from: number, after: Field[]): string {
    if (after.every((f) => !f.optional)) return `${items}.length - ${after.length}`;
    const end = this.locals.take('end');
    const most = rest.max === null ? '' : ` && ${end} < ${from + rest.max}`;
    this.w.writeLine(`let ${end} = ${from};`);
    this.w.writeLine(`while (${end} < ${items}.length${most} && ${memberTest(rest.item, rest.itemType, `${items}[${end}]`, this.ctx, this.rule, UNTRACKED)}) ${end}++;`);
    return end;
  }
}

/** A count (a number, or a conditional expression of optional members present) as an operand of `+`. */
function parenthesisedCount(count: string): string {
  return /^\d+$/.test(count) ? count : `(${count})`;
}

/** Whether {@link ArrayWriteEmitter.write} names the value at most once, as a call's last argument: then it needs no local. */
export function writtenOnce(shape: Shape): boolean {
  // null and undefined are not read at all: a local for them would be unused (noUnusedLocals).
  return shape.kind === 'rule' || shape.kind === 'int' || shape.kind === 'text' || shape.kind === 'bytes' || shape.kind === 'bool' || shape.kind === 'null' || shape.kind === 'undefined';
}

/**
 * Whether writing a value of `shape` never reads it: null, undefined, a type with no values, a fixed tag around one
 * (`#6.7(nil)`), or a map or a record of required members that are (`{ a: nil }`, `[b: nil]`: its head and keys
 * are fixed).
 */
export function readsNoValue(shape: Shape): boolean {
  if (shape.kind === 'tag') return readsNoValue(shape.inner);
  if (shape.kind === 'map') return shape.layout.kind === 'struct' && shape.layout.rests.length === 0 && shape.layout.fields.every((f) => !f.optional && readsNoValue(f.shape));
  // A record's head counts its members (a tuple's is its length, read from the value).
  if (shape.kind === 'array') {
    const layout = shape.layout;
    return layout.kind === 'record' && layout.rest === undefined && layout.after === undefined && layout.fields.every((f) => !f.optional && readsNoValue(f.shape));
  }
  return shape.kind === 'never' || shape.kind === 'null' || shape.kind === 'undefined';
}

/** The items every repetition of `variant` has, or null where some of its members are optional (layout/repeated-groups.ts recordOfOptionals). */
function fixedWidth(variant: GroupVariant): number | null {
  return variant.fields.some((f) => f.optional) ? null : variant.fields.length;
}

/** Whether a value of `shape` may be null or undefined (through type choices and other rules' names). */
function mayBeNullish(shape: Shape, ctx: EmitContext, seen: Set<string>): boolean {
  switch (shape.kind) {
    case 'null':
    case 'undefined':
      return true;
    case 'choice':
      return shape.options.some((o) => mayBeNullish(o.shape, ctx, seen));
    case 'rule': {
      if (seen.has(shape.rule.name)) return false;
      seen.add(shape.rule.name);
      return mayBeNullish(shapeOfRule(ctx, shape.rule), ctx, seen);
    }
    default:
      return false;
  }
}

/**
 * The check of a value of any shape (check): tags, arrays, repetitions of a
 * group, type choices, and the members and scalars that MemberChecks and
 * CheckWriter write.
 */
import { scalarCondition } from './scalars.js';
import { printType } from '../ir/print.js';
import { isDictionary, type ArrayLayout, type ArrayRest, type TupleLayout, type Field, type GroupDiscriminant, type GroupVariant, type Shape } from '../layout/shapes.js';
import { forkMember, isExactlyTestable } from '../layout/arrays.js';
import { firstsAfter } from '../layout/repeated-groups.js';
import { countCondition, plusIndex, describeCount, describeShape, discriminantLiteral, pathSegment, recordMemberRead, runInWords } from './syntax.js';
import { arrayVariants, checkCall, depthArgument, PROBLEMS } from './guard-common.js';
import { groupVariantTest, groupVariantText, isStructured, jsKindTest, othersMembers, writeRepeatedEnd } from './guard-tests.js';
import { variantHoldsNothing } from '../layout/no-values.js';
import { TakingChecks } from './guard-greedy.js';

/** Writes the statements of a check function (guards.ts) or an alternative's local function (encoders.ts). */
export class CheckEmitter extends TakingChecks {
  /** Writes statements that check `v` (an expression of type unknown) and set `ok = false` on a problem. */
  override check(shape: Shape, v: string, path: string): void {
    const w = this.w;
    // Only the check function's own object (a map's or an array record's, the whole of the rule) may return at once.
    const mayReturn = this.objectMayReturn;
    this.objectMayReturn = false;
    switch (shape.kind) {
      case 'tag':
        this.nested(() => {
          if (!this.level.tracked) return this.check(shape.inner, v, path);
          // The value inside may still be another alternative's, so a tag too deep is a problem, not the end of the check.
          w.writeLine(`if (${depthArgument(this.level)} > MAX_DEPTH) ok = tagTooDeep(${PROBLEMS}, ${path});`);
          w.write('else').block(() => this.check(shape.inner, v, path));
        });
        return;
      case 'array':
        this.nested(() => {
          this.depthLimit(jsKindTest(shape, v), path);
          this.checkArray(shape.layout, v, path, mayReturn);
        });
        return;
      case 'map':
        this.nested(() => {
          this.depthLimit(jsKindTest(shape, v), path);
          if (shape.layout.kind === 'variants') this.checkVariants(shape.layout, v, path);
          else if (isDictionary(shape.layout)) this.checkEntries(shape.layout.rests[0], v, path);
          else this.checkObject(shape.layout.fields, shape.layout.rests, v, path, false, undefined, shape.layout.counts, mayReturn);
        });
        return;
      case 'choice':
        this.checkChoice(shape, v, path);
        return;
      case 'tagged': {
        const tagged = this.locals.take('tagged');
        w.writeLine(`const ${tagged} = ${v};`);
        w.writeLine(`if (!isObject(${tagged})) ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(`an object { tag, value } for ${describeShape(shape)}`)}, ${tagged});`);
        w.write('else').block(() => {
          const tag = recordMemberRead(tagged, 'tag');
          // A tag number is an unsigned integer of 64 bits (RFC 8949 §3.4), as the writer takes; the set's bounds are tested as after a read of one.
          const numbers = shape.tags === null ? null : scalarCondition({ kind: 'int', intervals: shape.tags }, tag, false);
          const test = `isCborUint(${tag})${numbers === null ? '' : ` && ${numbers}`}`;
          w.writeLine(`if (!(${test})) ok = report(${PROBLEMS}, ${this.childPath(path, "'.tag'")}, ${JSON.stringify(describeShape(shape))}, ${tag});`);
          this.nested(() => {
            const inner = () => this.check(shape.inner, recordMemberRead(tagged, 'value'), this.childPath(path, "'.value'"));
            if (!this.level.tracked) return inner();
            w.writeLine(`if (${depthArgument(this.level)} > MAX_DEPTH) ok = tagTooDeep(${PROBLEMS}, ${path});`);
            w.write('else').block(inner);
          });
        });
        return;
      }
      default: {
        const statement = this.singleCheck(shape, v, path);
        if (statement !== null && statement !== '') w.writeLine(statement);
      }
    }
  }

  /**
   * A repeated group with optional members after it (layout/repeated-groups.ts separateFromRepetitions): the repetitions end at the
   * first element that a member the first item after them may be takes, as the decoder's loop ends at its major type;
   * then the members after them, by position, and the end of the array.
   */
  private checkRepetitionsBeforeOptionals(layout: Extract<ArrayLayout, { kind: 'groups' }>, before: Field[], after: Field[], list: string, v: string, path: string): void {
    const w = this.w;
    before.forEach((field, i) => this.check(field.shape, `${list}[${i}]`, this.childPath(path, `'[${i}]'`)));
    const end = writeRepeatedEnd(w, this.locals, firstsAfter(after), list, before.length, this.ctx, this.rule, this.level, true);
    const repetitions = countCondition(`(${end} - ${before.length})`, layout.min, layout.max);
    const required = after.filter((f) => !f.optional).length;
    const members = required === 0 ? `at most ${after.length}` : `${required} to ${after.length}`;
    const what = `an array of ${describeCount(layout.min, layout.max, 'repetition')} before ${members} ${after.length === 1 ? 'member' : 'members'}`;
    if (repetitions !== null) w.writeLine(`if (${repetitions}) ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(what)}, ${v});`);
    after.forEach((field, j) => {
      const index = plusIndex(end, j);
      const check = () => this.check(field.shape, `${list}[${index}]`, this.childPath(path, `'[' + (${index}) + ']'`));
      if (field.optional) w.write(`if (${list}.length > ${index})`).block(check);
      else check();
    });
    this.refuseOneMoreRepetition(layout, list, end, before.length, path);
    // Items past the members after the repetitions are none of the array's.
    const extra = plusIndex(end, after.length);
    w.writeLine(`if (${list}.length > ${extra}) ok = report(${PROBLEMS}, ${path} + '[' + (${extra}) + ']', ${JSON.stringify(`the end of the array, after its last member (${printType((after[after.length - 1] as Field).type)})`)}, ${list}[${extra}]);`);
    const index = this.locals.take('i');
    w.write(`for (let ${index} = ${before.length}; ${index} < ${end}; ${index}++)`).block(() => {
      this.checkRepetition(layout, `${list}[${index}]`, this.childPath(path, `'[' + ${index} + ']'`));
      this.endEarly();
    });
  }

  /**
   * A repeated group with optional members before it (layout/repeated-groups.ts optionalsBeforeRepetitions): the required
   * members, then the optional ones while their exact tests pass (no repetition passes them), then the repetitions,
   * counted, to the end of the array.
   */
  private checkRepetitionsAfterOptionals(layout: Extract<ArrayLayout, { kind: 'groups' }>, before: Field[], list: string, v: string, path: string): void {
    before.forEach((field, i) => {
      if (!field.optional) this.check(field.shape, `${list}[${i}]`, this.childPath(path, `'[${i}]'`));
    });
    const next = this.takenEnd(list, before);
    const repetitions = countCondition(`(${list}.length - ${next})`, layout.min, layout.max);
    const what = `an array with ${describeCount(layout.min, layout.max, 'repetition')} after its optional members`;
    if (repetitions !== null) this.w.writeLine(`if (${repetitions}) ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(what)}, ${v});`);
    const index = this.locals.take('i');
    this.w.write(`for (let ${index} = ${next}; ${index} < ${list}.length; ${index}++)`).block(() => {
      this.checkRepetition(layout, `${list}[${index}]`, this.childPath(path, `'[' + ${index} + ']'`));
      this.endEarly();
    });
  }

  /**
   * Where the repetitions end by trying one more (layout `endsByTrying`): RFC 8610 Appendix A would read the elements from
   * `end` (the first member after them) as one more repetition where an alternative's members all read them, below the
   * most repetitions; such a value reads back otherwise, so it is refused. Each test is exact and says what a decoder
   * would read (layout/repeated-groups-ends.ts couldReadAfter).
   */
  private refuseOneMoreRepetition(layout: Extract<ArrayLayout, { kind: 'groups' }>, list: string, end: string, before: number, path: string): void {
    const reading = layout.endsByTrying?.couldReadAfter ?? [];
    if (reading.length === 0) return;
    const required = (layout.after ?? []).filter((f) => !f.optional).length;
    const readings = reading.map((k) => {
      const fields = (layout.variants[k] as GroupVariant).fields;
      // Optional members after them may be absent: then the array ends before this alternative's last member.
      const present = fields.length > required ? [`${list}.length >= ${plusIndex(end, fields.length)}`] : [];
      return [...present, ...fields.map((field, j) => this.itemTest(field.shape, field.type)(`${list}[${plusIndex(end, j)}]`))].join(' && ');
    });
    const test = readings.length === 1 ? (readings[0] as string) : readings.map((r) => `(${r})`).join(' || ');
    // At the most repetitions, the decoder tries no more.
    const below = layout.max === null ? test : `${end}${before === 0 ? '' : ` - ${before}`} < ${layout.max} && ${readings.length === 1 ? test : `(${test})`}`;
    const expected = 'members after the repetitions that one more would not read (RFC 8610 Appendix A repeats the group while it matches, so these would read back as a repetition)';
    this.w.writeLine(`if (${below}) ok = report(${PROBLEMS}, ${path} + '[' + (${end}) + ']', ${JSON.stringify(expected)}, ${list}[${end}]);`);
  }

  protected checkArray(layout: ArrayLayout, v: string, path: string, mayReturn = false): void {
    const w = this.w;
    if (layout.kind === 'record') {
      this.checkObject([...layout.fields, ...(layout.after ?? [])], [], v, path, true, layout.rest, [], mayReturn && layout.rest?.greedy !== true);
      if (layout.rest?.greedy === true) this.greedyNext(layout.rest, layout.after ?? [], v, path);
      if (layout.rest !== undefined && layout.fields.some((f) => f.optional)) this.takingNext(layout.fields, layout.rest, v, path);
      return;
    }
    if (layout.kind === 'variants') {
      this.checkVariants(arrayVariants(layout), v, path);
      return;
    }
    if (layout.kind === 'alternatives') {
      this.checkRepetition(layout, v, path);
      return;
    }
    if (layout.kind === 'forks') {
      this.checkForks(layout, v, path);
      return;
    }
    if (layout.kind === 'runs') {
      this.checkRuns(layout, v, path, mayReturn);
      return;
    }
    // TypeScript narrows a local, not an element access such as list[i].
    const list = this.locals.take('list');
    w.writeLine(`const ${list} = ${v};`);
    this.notAnArray(list, path);
    w.write(' else ').block(() => {
      if (layout.kind === 'list' || layout.kind === 'groups') {
        // A repeated group's members before and after it are its first and last elements, one each.
        const before = layout.kind === 'groups' ? (layout.fields ?? []) : [];
        const after = layout.kind === 'groups' ? (layout.after ?? []) : [];
        if (layout.kind === 'groups' && after.some((f) => f.optional)) {
          this.checkRepetitionsBeforeOptionals(layout, before, after, list, v, path);
          return;
        }
        if (layout.kind === 'groups' && before.some((f) => f.optional)) {
          this.checkRepetitionsAfterOptionals(layout, before, list, v, path);
          return;
        }
        const k = before.length + after.length;
        const count = countCondition(`${list}.length`, k + layout.min, layout.max === null ? null : k + layout.max);
        const noun = layout.kind === 'groups' ? 'repetition' : 'item';
        const counted = describeCount(layout.min, layout.max, noun);
        const expected = k === 0 ? `an array of ${counted}` : layout.min === 0 && layout.max === null ? `an array of at least ${describeCount(k, k)}` : `an array of ${k} ${k === 1 ? 'member' : 'members'} and ${counted}`;
        if (count !== null) w.writeLine(`if (${count}) ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(expected)}, ${v});`);
        if (layout.kind === 'list') {
          this.checkItemLoop(list, '0', `${list}.length`, layout.item, path);
          return;
        }
        before.forEach((field, i) => this.check(field.shape, `${list}[${i}]`, this.childPath(path, `'[${i}]'`)));
        // Too short an array has no elements after the repetitions (the count said so): they would be the members before them.
        const end = after.length === 0 ? `${list}.length` : `${list}.length - ${after.length}`;
        if (after.length > 0) {
          w.write(`if (${list}.length >= ${k})`).block(() => {
            after.forEach((field, j) => {
              const index = plusIndex(end, j);
              this.check(field.shape, `${list}[${index}]`, this.childPath(path, `'[' + (${index}) + ']'`));
            });
            this.refuseOneMoreRepetition(layout, list, end, before.length, path);
          });
        }
        const index = this.locals.take('i');
        w.write(`for (let ${index} = ${before.length}; ${index} < ${end}; ${index}++)`).block(() => {
          this.checkRepetition(layout, `${list}[${index}]`, this.childPath(path, `'[' + ${index} + ']'`));
          this.endEarly();
        });
        return;
      }
      const after = layout.after ?? [];
      const required = [...layout.fields, ...after].filter((f) => !f.optional).length;
      const rest = layout.rest;
      const min = required + (rest?.min ?? 0);
      const max = rest === undefined ? layout.fields.length : rest.max === null ? null : layout.fields.length + rest.max + after.length;
      const count = countCondition(`${list}.length`, min, max);
      if (count !== null) {
        w.writeLine(`if (${count}) ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(max === 0 ? 'an empty array' : `an array of ${describeCount(min, max)}`)}, ${v});`);
      }
      if (rest !== undefined && layout.fields.some((f) => f.optional)) {
        this.checkTaking(layout.fields, rest, list, v, path, after);
        return;
      }
      if (rest !== undefined) {
        let end = `${list}.length`;
        const fixed = layout.fields.length;
        const greedy = rest.greedy === true && after.length > 0;
        if (after.length > 0) {
          end = greedy ? this.greedyEnd(list, fixed, rest, this.itemTest(rest.item, rest.itemType)) : writeRepeatedEnd(w, this.locals, after, list, fixed, this.ctx, this.rule, this.level);
          const repeated = countCondition(`(${end} - ${fixed})`, rest.min, rest.max);
          const what = `${describeCount(rest.min, rest.max)} before the last ${after.length === 1 ? 'member' : `${after.length} members`}`;
          if (repeated !== null) w.writeLine(`if (${repeated}) ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(what)}, ${v});`);
          const required = after.filter((f) => !f.optional).length;
          const checkAfter = () => {
            after.forEach((field, j) => {
              const index = plusIndex(end, j);
              const item = `${list}[${index}]`;
              const check = () => this.check(field.shape, item, this.childPath(path, `'[' + (${index}) + ']'`));
              if (field.optional) w.write(`if (${list}.length > ${index})`).block(check);
              else check();
            });
            // Items past the members after the repeated one are none of the array's.
            const extra = plusIndex(end, after.length);
            w.writeLine(`if (${list}.length > ${extra}) ok = report(${PROBLEMS}, ${path} + '[' + (${extra}) + ']', ${JSON.stringify(`the end of the array, after its last member (${printType((after[after.length - 1] as Field).type)})`)}, ${list}[${extra}]);`);
          };
          if (greedy) {
            w.write(`if (${list}.length - ${end} >= ${required})`).block(checkAfter);
            this.greedyTook(list, fixed, rest, after, path);
          } else checkAfter();
        }
        // A greedy repetition's items passed their test already.
        if (!greedy) this.checkItemLoop(list, String(fixed), end, rest.item, path);
      }
      layout.fields.forEach((field, i) => {
        const item = `${list}[${i}]`;
        const check = () => this.check(field.shape, item, this.childPath(path, `'[${i}]'`));
        if (field.optional) w.write(`if (${list}.length > ${i})`).block(check);
        else check();
      });
    });
  }

  /**
   * Alternatives that part at one member (layout `forks`): the element there is one alternative's only, by its member's
   * exact test, and that alternative checks the array; an array too short to have it, or no array, the first one
   * explains, and an element no alternative's member is is reported there.
   */
  protected checkForks(layout: Extract<ArrayLayout, { kind: 'forks' }>, v: string, path: string): void {
    const w = this.w;
    const list = this.locals.take('list');
    w.writeLine(`const ${list} = ${v};`);
    const parting = layout.variants.map((variant) => forkMember(variant, layout.at));
    layout.variants.forEach((variant, k) => {
      const member = parting[k] as { shape: Shape; type: Field['type'] };
      const test = this.itemTest(member.shape, member.type)(`${list}[${layout.at}]`);
      w.write(`${k === 0 ? 'if' : 'else if'} (Array.isArray(${list}) && ${list}.length > ${layout.at} && ${test})`).block(() => this.checkArray(variant, list, path));
    });
    w.write('else').block(() => {
      w.write(`if (!Array.isArray(${list}) || ${list}.length <= ${layout.at})`).block(() => this.checkArray(layout.variants[0] as TupleLayout, list, path));
      const expected = parting.map((member) => describeShape(member.shape)).join(' or ');
      w.write('else').block(() => w.writeLine(`ok = report(${PROBLEMS}, ${this.childPath(path, `'[${layout.at}]'`)}, ${JSON.stringify(expected)}, ${list}[${layout.at}]);`));
    });
  }

  /**
   * Members one after another, several repeated (layout/runs.ts). Named: an object, each repeated member an array
   * property checked as a record's repeated member is. Else one array: each member takes the elements its exact test
   * passes, up to its most, as a decoder takes their items (no value passes two members' tests), counted; a member
   * that occurs once is checked whole at its element; an element no member took is reported.
   */
  protected checkRuns(layout: Extract<ArrayLayout, { kind: 'runs' }>, v: string, path: string, mayReturn: boolean): void {
    const w = this.w;
    if (layout.named) {
      const singles = layout.runs.filter((run) => run.max === 1).map((run): Field => ({ name: run.name, span: run.span, type: run.itemType, shape: run.item, optional: run.min === 0, doc: run.doc }));
      this.checkObject(singles, [], v, path, false, layout.runs.filter((run) => run.max !== 1), [], mayReturn);
      return;
    }
    const list = this.locals.take('list');
    w.writeLine(`const ${list} = ${v};`);
    this.notAnArray(list, path);
    w.write(' else ').block(() => {
      const next = this.locals.take('next');
      w.writeLine(`let ${next} = 0;`);
      for (const run of layout.runs) {
        const element = `${list}[${next}]`;
        if (run.group !== undefined) {
          // A repeated group: each element a repetition (a tuple or an object) whose members' exact tests pass.
          const bounded = run.max !== null || countCondition('n', run.min, run.max) !== null;
          const repetitions = bounded ? this.locals.take('repetitions') : '';
          if (bounded) w.writeLine(`let ${repetitions} = 0;`);
          const most = run.max === null ? '' : ` && ${repetitions} < ${run.max}`;
          const group = run.group;
          w.write(`for (; ${next} < ${list}.length${most}; ${next}++${bounded ? `, ${repetitions}++` : ''})`).block(() => {
            const item = this.locals.take('item');
            w.writeLine(`const ${item}: unknown = ${element};`);
            w.writeLine(`if (!(${groupVariantTest(group, item, this.ctx, this.rule, this.level)})) break;`);
          });
          const counted = bounded ? countCondition(repetitions, run.min, run.max) : null;
          if (counted !== null) w.writeLine(`if (${counted}) ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(`an array with ${describeCount(run.min, run.max, 'repetition')} of ${runInWords(run)} after the items before them`)}, ${v});`);
          continue;
        }
        if (run.max === 1 && run.min === 1) {
          w.write(`if (${next} < ${list}.length)`).block(() => {
            // A local, which TypeScript narrows (an element at a changing index it does not).
            const item = this.locals.take('item');
            w.writeLine(`const ${item} = ${element};`);
            this.check(run.item, item, this.childPath(path, `'[' + ${next} + ']'`));
          });
          w.writeLine(`else ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(`an array with ${describeShape(run.item)} (${printType(run.itemType)}) after the items before it`)}, ${v});`);
          w.writeLine(`${next}++;`);
          continue;
        }
        const test = this.itemTest(run.item, run.itemType)(element);
        if (run.max === 1) {
          w.writeLine(`if (${next} < ${list}.length && ${test}) ${next}++;`);
          continue;
        }
        const bounded = run.max !== null || countCondition('n', run.min, run.max) !== null;
        const from = bounded ? this.locals.take('from') : '';
        if (bounded) w.writeLine(`const ${from} = ${next};`);
        const most = run.max === null ? '' : ` && ${next} - ${from} < ${run.max}`;
        w.writeLine(`while (${next} < ${list}.length${most} && ${test}) ${next}++;`);
        const counted = bounded ? countCondition(`(${next} - ${from})`, run.min, run.max) : null;
        if (counted !== null) w.writeLine(`if (${counted}) ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(`an array with ${describeCount(run.min, run.max)} (${printType(run.itemType)}) after the items before them`)}, ${v});`);
      }
      const members = layout.runs.map(runInWords).join(', ');
      w.writeLine(`if (${next} < ${list}.length) ok = report(${PROBLEMS}, ${path} + '[' + ${next} + ']', ${JSON.stringify(`the end of the array, or an item of its members in their order (${members})`)}, ${list}[${next}]);`);
    });
  }

  /**
   * A tuple's optional members before its repeated one (layout/arrays.ts optionalsBeforeRest): the required members,
   * then the optional ones while their exact tests pass (so they need no other check), then the repetition's items,
   * counted, the first of them refused where the next optional member would read it back.
   */
  protected checkTaking(fields: Field[], rest: ArrayRest, list: string, v: string, path: string, after: Field[] = []): void {
    const w = this.w;
    fields.forEach((field, i) => {
      if (!field.optional) this.check(field.shape, `${list}[${i}]`, this.childPath(path, `'[${i}]'`));
    });
    const next = this.takenEnd(list, fields);
    // Members after the repeated one (layout/arrays.ts optionalsBeforeRestAndAfter): it ends at the first element one of them may be, none of its items.
    const end = after.length === 0 ? `${list}.length` : writeRepeatedEnd(w, this.locals, firstsAfter(after), list, next, this.ctx, this.rule, this.level, true);
    const counted = countCondition(`(${end} - ${next})`, rest.min, rest.max);
    const members = after.length === 0 ? '' : ` and before the last ${after.length === 1 ? 'member' : 'members'}`;
    if (counted !== null) w.writeLine(`if (${counted}) ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(`an array with ${describeCount(rest.min, rest.max)} after its optional members${members}`)}, ${v});`);
    after.forEach((field, j) => {
      const index = plusIndex(end, j);
      const check = () => this.check(field.shape, `${list}[${index}]`, this.childPath(path, `'[' + (${index}) + ']'`));
      if (field.optional) w.write(`if (${list}.length > ${index})`).block(check);
      else check();
    });
    if (after.length > 0) {
      const extra = plusIndex(end, after.length);
      w.writeLine(`if (${list}.length > ${extra}) ok = report(${PROBLEMS}, ${path} + '[' + (${extra}) + ']', ${JSON.stringify(`the end of the array, after its last member (${printType((after[after.length - 1] as Field).type)})`)}, ${list}[${extra}]);`);
    }
    // Elsewhere the optional member's test of the item says what a decoder would read (layout/rest-ends.ts `agree`), so it said it already.
    if (rest.readBack === true) {
      fields.forEach((field, i) => {
        if (field.optional) this.notTaken(field, rest, `${list}[${i}]`, `${next} === ${i} && ${list}.length > ${i}`, this.childPath(path, `'[${i}]'`));
      });
    }
    this.checkItemLoop(list, next, end, rest.item, path);
  }

  /**
   * One repetition of a repeated group: the first alternative whose test
   * passes (exact, except for inline arrays and maps, which are then checked
   * whole). When none passes, the alternative its first member names
   * explains what is wrong, or else the item is reported whole.
   */
  protected checkRepetition(layout: { variants: GroupVariant[]; discriminant: GroupDiscriminant | null }, v: string, path: string): void {
    const w = this.w;
    const item = this.locals.take('item');
    w.writeLine(`const ${item}: unknown = ${v};`);
    // An alternative no value is (a required member of a type with none) gets no test, which TypeScript would find
    // ends in `&& false`; what is wrong with an item is still explained by all of them below.
    const live = layout.variants.filter((variant) => !variantHoldsNothing(variant));
    live.forEach((variant, k) => {
      w.write(`${k === 0 ? 'if' : 'else if'} (${groupVariantTest(variant, item, this.ctx, this.rule, this.level, layout.variants)})`);
      if (variant.fields.every((f) => isExactlyTestable(f.shape))) w.write(' {}').newLine();
      else w.block(() => this.checkGroupVariant(variant, item, path));
    });
    const explain = () => {
      // The one alternative, or the one its first member's value names, or the one tuple of its length, can say precisely what is wrong.
      const only = layout.variants.length === 1 ? layout.variants[0] : undefined;
      if (only !== undefined) {
        this.checkGroupVariant(only, item, path);
        w.writeLine('ok = false;');
        return;
      }
      const explainers: { test: string; variant: GroupVariant }[] = [];
      for (const c of layout.discriminant?.cases ?? []) {
        const variant = layout.variants[c.variants[0] as number] as GroupVariant;
        const first = variant.kind === 'tuple' ? `Array.isArray(${item}) && ${item}[0]` : `isObject(${item}) && ${recordMemberRead(item, (variant.fields[0] as Field).name)}`;
        explainers.push({ test: `${first} === ${discriminantLiteral(c.value)}`, variant });
      }
      const lengths = layout.variants.map((variant) => (variant.kind === 'tuple' ? variant.fields.length : -1));
      layout.variants.forEach((variant, k) => {
        const unique = variant.kind === 'tuple' && lengths.indexOf(lengths[k] as number) === lengths.lastIndexOf(lengths[k] as number);
        if (unique) explainers.push({ test: `Array.isArray(${item}) && ${item}.length === ${variant.fields.length}`, variant });
      });
      explainers.forEach(({ test, variant }, n) => {
        w.write(`${n === 0 ? 'if' : 'else if'} (${PROBLEMS} !== null && ${test})`).block(() => {
          this.checkGroupVariant(variant, item, path);
          this.reportOthersMembers(variant, layout.variants, item, path);
        });
      });
      const shown = layout.variants.slice(0, 4).map((variant) => groupVariantText(variant));
      const described = `one of the ${layout.variants.length} alternatives: ${shown.join(', ')}${layout.variants.length > shown.length ? ', …' : ''}`;
      w.writeLine(`${explainers.length > 0 ? 'else ' : ''}report(${PROBLEMS}, ${path}, ${JSON.stringify(described)}, ${item});`);
      w.writeLine('ok = false;');
    };
    if (live.length > 0) w.write('else').block(explain);
    else explain();
  }

  /** Reports each member `v` (an object, narrowed) has of other alternatives that `variant` lacks, which its test refused (guard-tests.ts groupVariantTest). */
  protected reportOthersMembers(variant: GroupVariant, siblings: readonly GroupVariant[], v: string, path: string): void {
    for (const name of othersMembers(variant, siblings)) {
      const access = recordMemberRead(v, name);
      const expected = `no ${name} in ${groupVariantText(variant)} (a member of another alternative)`;
      this.w.writeLine(`if (${access} !== undefined) ok = report(${PROBLEMS}, ${this.childPath(path, pathSegment(name))}, ${JSON.stringify(expected)}, ${access});`);
    }
  }

  protected checkGroupVariant(variant: GroupVariant, v: string, path: string): void {
    if (variant.kind === 'tuple') this.checkArray({ kind: 'tuple', fields: variant.fields }, v, path);
    else this.checkObject(variant.fields, [], v, path);
  }


  protected checkChoice(shape: Extract<Shape, { kind: 'choice' }>, v: string, path: string): void {
    const w = this.w;
    const test = this.choiceTest(shape, v);
    // One option of a structured kind can say in detail what is wrong; otherwise name the choices (report returns false).
    const only = this.choiceExplainer(shape);
    if (only === undefined) {
      w.writeLine(`if (!(${test})) ok = ${this.choiceReport(shape, v, path)};`);
      return;
    }
    w.write(`if (!(${test}))`).block(() => {
      this.explainChoice(shape, only, v, path);
      w.writeLine('ok = false;');
    });
  }

  /**
   * The whole check of a rule that is a choice one of whose options can explain a value of its kind (see
   * {@link checkChoice}), as a check function's statements: it returns at once when an option takes the value, and
   * false after saying why none does. False (nothing written) for any other shape.
   */
  checkWholeChoice(shape: Shape, v: string, path: string): boolean {
    if (shape.kind !== 'choice') return false;
    const only = this.choiceExplainer(shape);
    if (only === undefined) return false;
    this.w.writeLine(`if (${this.choiceTest(shape, v)}) return true;`);
    this.explainChoice(shape, only, v, path);
    this.w.writeLine('return false;');
    return true;
  }

  /** Says why `v` is none of a choice's options: in detail as `only` sees it, when it is of that option's kind, else naming them. */
  private explainChoice(shape: Extract<Shape, { kind: 'choice' }>, only: Extract<Shape, { kind: 'rule' }>, v: string, path: string): void {
    const kind = isStructured(this.ctx.shapes.get(only.rule.name));
    const kindTest = kind === 'array' ? `Array.isArray(${v})` : `isObject(${v})`;
    this.w.writeLine(`if (${PROBLEMS} !== null && ${kindTest}) ${checkCall(only.rule, v, PROBLEMS, path, this.level, this.ctx)};`);
    this.w.writeLine(`else ${this.choiceReport(shape, v, path)};`);
  }
}

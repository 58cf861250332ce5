/** The decoder emitter's array reads (a part of {@link ReadEmitter}, read-emitter.ts). */
import { majorsOf } from './scalars.js';
import { printType } from '../ir/print.js';
import type { ArrayLayout, ArrayRun, DiscriminantValue, Field, GroupDiscriminant, GroupVariant } from '../layout/shapes.js';
import { countCondition, describeCount, describeShape, discriminantLiteral, discriminantText, escapeTemplate, oneOf, parenthesised, pathSegment, plusIndex, runInWords } from './syntax.js';
import { arrayOf, elementType, groupVariantType, runsElementType, shapeType, typedAsTuples } from './types.js';
import { READER } from './read-base.js';
import { FieldReadEmitter } from './read-fields.js';
import { firstsAfter } from '../layout/repeated-groups.js';

/** How arrays are read: lists, records, tuples, repeated groups and alternatives of arrays. */
export abstract class ArrayReadEmitter extends FieldReadEmitter {
  protected readArray(layout: ArrayLayout, typeText: string, hint: string): string {
    if (layout.kind === 'variants') return this.readVariants(layout, typeText, hint);
    const w = this.w;
    const count = this.locals.take('count');
    w.writeLine(`const ${count} = ${READER}.readArrayHeader();`);
    // Counts checked after members were read still point at the array's head.
    const late =
      layout.kind === 'alternatives' ||
      layout.kind === 'forks' ||
      (layout.kind === 'runs'
        ? layout.runs.some((run) => run.max !== 1 && countCondition('n', run.min, run.max) !== null)
        : layout.kind === 'list' || layout.kind === 'groups'
          ? countCondition('n', layout.min, layout.max) !== null
          : layout.rest !== undefined && countCondition('n', layout.rest.min, layout.rest.max) !== null);
    const outerStart = late ? this.noteArrayStart() : this.arrayStart;
    if (!late) this.arrayStart = null;
    try {
      if (layout.kind === 'groups') return this.readRepetitions(layout, count, typeText, hint);
      if (layout.kind === 'alternatives') return this.readAlternatives(layout, count, typeText, hint);
      if (layout.kind === 'forks') return this.readForks(layout, count, typeText, hint);
      if (layout.kind === 'runs') return this.readRuns(layout, count, typeText, hint);
      if (layout.kind !== 'list') return this.readFields(layout.kind, layout.fields, count, [], typeText, hint, false, layout.rest, layout.after);
      return this.readList(layout, count, hint);
    } finally {
      this.arrayStart = outerStart;
    }
  }

  protected readList(layout: Extract<ArrayLayout, { kind: 'list' }>, count: string, hint: string): string {
    const w = this.w;
    const bounds = countCondition(count, layout.min, layout.max);
    const expected = describeCount(layout.min, layout.max);
    if (bounds !== null) w.writeLine(`if (${count} >= 0 && ${parenthesised(bounds)}) ${READER}.fail(\`expected an array of ${expected}, got \${${count}}\`);`);
    const items = this.locals.take(hint === 'value' ? 'items' : hint);
    const index = this.locals.take('i');
    w.writeLine(`const ${items}: ${this.elementTypeText(layout.item, layout.itemType)}[] = [];`);
    const outer = this.at;
    this.at = null;
    // The loop condition stays outside the try: an array that ends early is the array's problem, not an item's.
    w.write(`for (let ${index} = 0; ${READER}.hasMoreItems(${count}, ${index}); ${index}++)`).block(() => {
      w.write('try ').inlineBlock(() => {
        const item = this.directRead(layout.item, layout.itemType) ?? this.read(layout.item, layout.itemType, 'item');
        w.writeLine(`${items}.push(${item});`);
      });
      const error = this.locals.take('error');
      w.write(` catch (${error})`).block(() => w.writeLine(`throw withPath(${error}, '[' + ${index} + ']');`));
    });
    this.at = outer;
    const after = countCondition(`${items}.length`, layout.min, layout.max);
    if (after !== null) w.writeLine(`if (${count} < 0 && ${parenthesised(after)}) ${READER}.fail(\`expected an array of ${expected}, got \${${items}.length}\`${this.atArrayStart()});`);
    w.writeLine(`${READER}.endContainer(${count});`);
    return items;
  }

  /**
   * The repetitions of a repeated group, one item each, until the array
   * ends: each the first alternative that reads (among those its first
   * member names, when a discriminant does), its members counted against the
   * array's.
   */
  protected readRepetitions(layout: Extract<ArrayLayout, { kind: 'groups' }>, count: string, typeText: string, hint: string): string {
    const w = this.w;
    const items = this.locals.take(hint === 'value' ? 'items' : hint);
    const members = this.locals.take('members');
    const index = this.locals.take('i');
    const prefix = layout.fields ?? [];
    const after = layout.after ?? [];
    const repetitionType = layout.variants.map((v) => groupVariantType(v, this.ctx)).join(' | ');
    // With members after them, the repetitions go into an array of their own, put between the others at the end.
    const repeated = after.length === 0 && !prefix.some((f) => f.optional) ? items : this.locals.take('repeated');
    let lead: string[] = [];
    // Optional members before them (none after them then: repeated-groups.ts) each take the next item when it reads as one,
    // so the repetitions start at the first item none took (`start`), and the value is one tuple per number present.
    const taking = prefix.some((f) => f.optional);
    let start = String(prefix.length);
    let takenValues: string[] = [];
    if (taking) {
      w.writeLine(`let ${items}: ${typeText};`);
      takenValues = this.readTakingLead(prefix, count);
      start = this.takenEnd(prefix, takenValues);
    } else if (prefix.length === 0) w.writeLine(after.length === 0 ? `const ${items}: ${typeText} = [];` : `let ${items}: ${typeText};`);
    else {
      // The members before the repetitions, each the next item, are the first elements.
      w.writeLine(`let ${items}: ${typeText};`);
      const first = after.length === 0 ? items : this.locals.take('first');
      if (after.length > 0) w.writeLine(`let ${first}: [${prefix.map((f) => shapeType(f.shape, f.type, this.ctx)).join(', ')}];`);
      this.withSegments(() => {
        const values = prefix.map((field, j) => {
          this.segment(`'[${j}]'`);
          this.requireItem(field, count, String(j));
          return this.read(field.shape, field.type, field.name);
        });
        w.writeLine(`${first} = [${values.join(', ')}];`);
      });
      if (after.length > 0) lead = [`...${first}`];
    }
    if (repeated !== items) w.writeLine(`const ${repeated}: ${arrayOf(repetitionType)} = [];`);
    w.writeLine(`let ${members} = ${start};`);
    const outer = this.at;
    this.at = null;
    // The repetitions end at the first item of the major type the members after them start with (repeated-groups.ts
    // repeatedGroupLayout), or at their most: RFC 8610 Appendix A repeats the group while it matches, and no more.
    // With optional members after them, the first item after them may be any of them up to the first required one.
    // Where a member after them may start like a repetition, one more is tried there and they end where it fails (endsByTrying).
    const firsts = layout.endsByTrying !== undefined ? [] : after.some((f) => f.optional) ? firstsAfter(after) : after.slice(0, 1);
    let more = [...new Set(firsts.flatMap((f) => majorsOf(f.shape, this.ctx)))].map((m) => ` && ${READER}.peekMajor() !== ${m}`).join('');
    if (after.length > 0 && layout.max !== null) more += ` && ${repeated}.length < ${layout.max}`;
    if (layout.endsByTrying !== undefined) {
      // A repetition that fails is no error of the array's, so no index goes into its path.
      w.write(`while (${READER}.hasMoreItems(${count}, ${members})${more})`).block(() => this.tryRepetition(layout, count, members, repetitionType, repeated));
      // A repetition's path is its element's index, after the members before it.
    } else w.write(`for (let ${index} = ${start}; ${READER}.hasMoreItems(${count}, ${members})${more}; ${index}++)`).block(() => {
      w.write('try ').inlineBlock(() => {
        const repetition = this.locals.take('repetition');
        w.writeLine(`let ${repetition}: ${repetitionType};`);
        this.readRepetition(layout, count, members, repetition);
        w.writeLine(`${repeated}.push(${repetition});`);
      });
      const error = this.locals.take('error');
      w.write(` catch (${error})`).block(() => w.writeLine(`throw withPath(${error}, '[' + ${index} + ']');`));
    });
    this.at = outer;
    const repetitions = repeated !== items || prefix.length === 0 ? `${repeated}.length` : `(${items}.length - ${prefix.length})`;
    const bounds = countCondition(repetitions, layout.min, layout.max);
    if (bounds !== null) w.writeLine(`if (${bounds}) ${READER}.fail(\`expected an array of ${describeCount(layout.min, layout.max, 'repetition')}, got \${${repetitions}}\`${this.atArrayStart()});`);
    if (taking) {
      // One tuple per number of optional members present (types.ts), the last present tested first.
      const required = prefix.filter((f) => !f.optional).length;
      let tuple = required === 0 ? repeated : `[${[...takenValues.slice(0, required), `...${repeated}`].join(', ')}]`;
      for (let present = required + 1; present <= prefix.length; present++) {
        const taken = takenValues.slice(required, present).map((value) => `${value} !== undefined`).join(' && ');
        tuple = `${taken} ? [${[...takenValues.slice(0, present), `...${repeated}`].join(', ')}] : ${tuple}`;
      }
      w.writeLine(`${items} = ${tuple};`);
    }
    if (after.length > 0) {
      // The members after them are the last elements, and the array ends with them.
      this.withSegments(() => {
        const values = after.map((field, j) => {
          this.segment(`'[' + (${plusIndex(`${repeated}.length`, prefix.length + j)}) + ']'`);
          // An optional member (after the required ones) takes the next item when there is one: positionalFields made sure each takes every item a later one does.
          if (field.optional) return this.readOptional(field, `${READER}.hasMoreItems(${count}, ${members} + ${j})`);
          this.requireItem(field, count, `${members} + ${j}`);
          return this.read(field.shape, field.type, field.name);
        });
        this.segment("''");
        w.writeLine(`if (${READER}.hasMoreItems(${count}, ${members} + ${after.length})) failAtNext(${READER}, ${JSON.stringify(`expected the end of the array, after its last member (${printType((after[after.length - 1] as Field).type)})`)});`);
        // Optional members after them are present from the first on, so the last present decides the tuple (types.ts).
        const head = [...lead, `...${repeated}`, ...values.filter((_, j) => !(after[j] as Field).optional)];
        const optional = values.filter((_, j) => (after[j] as Field).optional);
        let tuple = `[${head.join(', ')}]`;
        optional.forEach((_, k) => {
          // Each optional member present is tested, so that TypeScript knows every element's type.
          const taken = optional.slice(0, k + 1).map((v) => `${v} !== undefined`).join(' && ');
          tuple = `${taken} ? [${[...head, ...optional.slice(0, k + 1)].join(', ')}] : ${tuple}`;
        });
        w.writeLine(`${items} = ${tuple};`);
      });
    }
    w.writeLine(`${READER}.endContainer(${count});`);
    return items;
  }

  /**
   * The members before a repeated group, some of them optional (repeated-groups.ts optionalsBeforeRepetitions): each
   * required one the next item, each optional one the next item when it reads as one (tried, and rewound where it fails,
   * as RFC 8610 Appendix A reads `?`); returns their locals, declared here so that the value can be built after the
   * repetitions.
   */
  private readTakingLead(fields: Field[], count: string): string[] {
    const locals = fields.map((field) => {
      const v = this.locals.take(field.name);
      this.w.writeLine(`let ${v}: ${shapeType(field.shape, field.type, this.ctx)}${field.optional ? ' | undefined' : ''};`);
      return v;
    });
    this.withSegments(() => {
      fields.forEach((field, j) => {
        const v = locals[j] as string;
        // An optional member takes an item only when the one before it, if optional too, took one.
        const previous = j > 0 && (fields[j - 1] as Field).optional ? (locals[j - 1] as string) : null;
        if (field.optional) {
          this.readTaking(field, j, count, 'tuple', previous, v);
          return;
        }
        this.segment(`'[${j}]'`);
        this.requireItem(field, count, String(j));
        this.w.writeLine(`${v} = ${this.read(field.shape, field.type, field.name)};`);
      });
    });
    return locals;
  }

  /**
   * One more repetition, tried (layout `endsByTrying`): RFC 8610 Appendix A repeats the group while it matches, so where
   * it fails, part-way or at once, its items go back (the reader rewinds) and the repetitions end; the members after
   * them read from there. Rules read inside are noted as read where the reader may rewind (memo.ts).
   */
  private tryRepetition(layout: Extract<ArrayLayout, { kind: 'groups' }>, count: string, members: string, repetitionType: string, repeated: string): void {
    const w = this.w;
    const mark = this.locals.take('mark');
    const repetition = this.locals.take('repetition');
    w.writeLine(`const ${mark} = markForRetry(${READER});`);
    w.writeLine(`let ${repetition}: ${repetitionType};`);
    this.beginAttempt();
    w.write('try ').inlineBlock(() => this.readRepetition(layout, count, members, repetition));
    this.endAttempt();
    const error = this.locals.take('error');
    w.write(` catch (${error})`).block(() => {
      w.writeLine(`if (${this.notToRecover(error)}) throw ${error};`);
      w.writeLine(`${READER}.reset(${mark});`);
      w.writeLine('break;');
    });
    w.writeLine(`${repeated}.push(${repetition});`);
  }

  /** An array of alternatives with unnamed members: the one alternative whose members are exactly the array's items. */
  protected readAlternatives(layout: Extract<ArrayLayout, { kind: 'alternatives' }>, count: string, typeText: string, hint: string): string {
    const result = this.locals.take(hint);
    this.w.writeLine(`let ${result}: ${typeText};`);
    const outer = this.at;
    this.at = null;
    this.readRepetition(layout, count, null, result);
    this.at = outer;
    this.w.writeLine(`${READER}.endContainer(${count});`);
    return result;
  }

  /**
   * Alternatives that part at one member (layout `forks`): each read in turn from after the array's head, as RFC 8610
   * Appendix A's ordered choice does; the item where they part reads as one alternative's only, so one reads at most.
   */
  protected readForks(layout: Extract<ArrayLayout, { kind: 'forks' }>, count: string, typeText: string, hint: string): string {
    const result = this.locals.take(hint === 'value' ? 'forked' : hint);
    this.w.writeLine(`let ${result}: ${typeText};`);
    this.tryAlternatives(
      layout.variants.map((variant) => () => {
        const read = this.readFields('tuple', variant.fields, count, [], typeText, 'alternative', false, variant.rest, variant.after);
        this.w.writeLine(`${result} = ${read};`);
      }),
    );
    return result;
  }

  /**
   * One repetition into `target`: the first alternative that reads, among
   * those the first member's value allows when there is a discriminant.
   * `members`: the items of the array already read (a repeated group), or
   * null when the alternative must be the whole array.
   */
  protected readRepetition(layout: { variants: GroupVariant[]; discriminant: GroupDiscriminant | null }, count: string, members: string | null, target: string): void {
    const w = this.w;
    const attempt = (k: number) => () => this.readGroupVariant(layout.variants[k] as GroupVariant, count, members, target);
    const d = layout.discriminant;
    if (d === null) {
      this.tryAlternatives(layout.variants.map((_, k) => attempt(k)));
      return;
    }
    // An array may be empty: then there is no first member to look at (and no item after the array to misread).
    const key = members === null ? `${READER}.hasMoreItems(${count}, 0) ? peekKey(${READER}) : null` : `peekKey(${READER})`;
    w.write(`switch (${key})`).block(() => {
      for (const c of d.cases) {
        w.write(`case ${discriminantLiteral(c.value)}:`).block(() => {
          this.tryAlternatives(c.variants.map(attempt));
          w.writeLine('break;');
        });
      }
      // A whole array that no case names is tried against every alternative: the last one's error says what was expected.
      if (members === null) w.write('default:').block(() => this.tryAlternatives(layout.variants.map((_, k) => attempt(k))));
      else if (d.others.length > 0) w.write('default:').block(() => this.tryAlternatives(d.others.map(attempt)));
      else {
        const shown = oneOf(d.cases.map((c) => discriminantText(c.value)), Infinity);
        w.writeLine('default:');
        w.indent().write(`${READER}.fail(\`expected ${escapeTemplate(shown)}, got \${${READER}.describeNext()}\`);`).newLine();
      }
    });
  }

  /**
   * One alternative's members, inline in the array: every member must still
   * be in it; when it is the whole array (`members` null), no item may follow.
   */
  protected readGroupVariant(variant: GroupVariant, count: string, members: string | null, target: string): void {
    if (members !== null && variant.fields.some((f) => f.optional)) return this.readOptionalsRepetition(variant, count, members, target);
    const w = this.w;
    const type = groupVariantType(variant, this.ctx);
    const n = variant.fields.length;
    this.withSegments(() => {
      if (members === null) w.writeLine(`if (${count} >= 0 && ${count} !== ${n}) ${READER}.fail(\`expected an array of ${describeCount(n, n)}, got \${${count}}\`${this.atArrayStart()});`);
      const values = variant.fields.map((field, j) => {
        this.segment(variant.kind === 'tuple' ? `'[${j}]'` : pathSegment(field.name));
        this.requireItem(field, count, members === null ? String(j) : `${members} + ${j}`);
        return this.read(field.shape, field.type, field.name);
      });
      if (members === null) {
        this.segment("''");
        w.writeLine(`if (${count} < 0 && !${READER}.isBreak()) failAtNext(${READER}, ${JSON.stringify(`expected the end of an array of ${describeCount(n, n)}`)});`);
      }
      const built = this.locals.take('built');
      if (variant.kind === 'tuple') w.writeLine(`const ${built}: ${type} = [${values.join(', ')}];`);
      else this.buildObject(built, variant.fields, values, type);
      w.writeLine(`${target} = ${built};`);
      if (members !== null) w.writeLine(`${members} += ${n};`);
    });
  }

  /**
   * One repetition of named members, some optional, that take items by type (layout/repeated-groups.ts
   * recordOfOptionals): each optional member takes the next item where it reads as one, as RFC 8610 Appendix A reads
   * it; where no member it may meet next (a later one, or the next repetition's first) has an item of its major type,
   * the major type says, else the reader tries it and rewinds where it fails.
   */
  private readOptionalsRepetition(variant: GroupVariant, count: string, members: string, target: string): void {
    const w = this.w;
    const type = groupVariantType(variant, this.ctx);
    this.withSegments(() => {
      const taken = this.locals.take('taken');
      w.writeLine(`let ${taken} = ${members};`);
      const values = variant.fields.map((field, j) => {
        this.segment(pathSegment(field.name));
        if (!field.optional) {
          this.requireItem(field, count, taken);
          const read = this.read(field.shape, field.type, field.name);
          w.writeLine(`${taken}++;`);
          return read;
        }
        const next = [...variant.fields.slice(j + 1), variant.fields[0] as Field];
        const laterMajors = this.majorsOfAll(next.map((f) => f.shape));
        const byMajor = this.tellsByMajor(field.shape, next.map((f) => f.shape));
        const v = this.locals.take(field.name);
        w.writeLine(`let ${v}: ${shapeType(field.shape, field.type, this.ctx)} | undefined;`);
        const take = () => {
          w.writeLine(`${v} = ${this.read(field.shape, field.type, field.name)};`);
          w.writeLine(`${taken}++;`);
        };
        const notLater = byMajor ? laterMajors.map((m) => ` && ${READER}.peekMajor() !== ${m}`).join('') : '';
        w.write(`if (${READER}.hasMoreItems(${count}, ${taken})${notLater})`).block(() => (byMajor ? take() : this.readIfItReads(take, null)));
        return v;
      });
      const built = this.locals.take('built');
      this.buildObject(built, variant.fields, values, type);
      w.writeLine(`${target} = ${built};`);
      w.writeLine(`${members} = ${taken};`);
    });
  }

  /**
   * Alternatives of an array. With a discriminant, the shared members and the
   * discriminant are read once and its value picks the alternative; without,
   * each alternative is tried from the array head, rewinding on failure.
   */
  protected readVariants(layout: Extract<ArrayLayout, { kind: 'variants' }>, typeText: string, hint: string): string {
    const w = this.w;
    const result = this.locals.take(hint);
    w.writeLine(`let ${result}: ${typeText};`);
    const d = layout.discriminant;
    if (d === null || new Set(d.values.map((v) => v.type)).size !== 1) {
      const outerStart = this.arrayStart;
      // Each alternative checks the count right after reading the head.
      this.arrayStart = null;
      this.tryAlternatives(
        layout.variants.map((fields) => () => {
          const count = this.locals.take('count');
          w.writeLine(`const ${count} = ${READER}.readArrayHeader();`);
          w.writeLine(`${result} = ${this.readFields('record', fields, count, [], typeText, 'variant')};`);
        }),
      );
      this.arrayStart = outerStart;
      return result;
    }
    const count = this.locals.take('count');
    w.writeLine(`const ${count} = ${READER}.readArrayHeader();`);
    const outerStart = this.noteArrayStart();
    this.withSegments(() => {
      const first = layout.variants[0] as Field[];
      const shared = first.slice(0, d.index).map((field, index) => this.readPositional(field, index, count));
      const field = first[d.index] as Field;
      this.segment(pathSegment(field.name));
      const tag = this.locals.take(field.name);
      const text = d.values[0]?.type === 'text';
      const unsigned = d.values.every((v) => v.type === 'text' || v.value >= 0n);
      w.writeLine(`const ${tag} = ${READER}.${text ? 'readText' : unsigned ? 'readUint' : 'readInt'}();`);
      w.write(`switch (${tag})`).block(() => {
        layout.variants.forEach((fields, k) => {
          const value = d.values[k] as DiscriminantValue;
          const literal = discriminantLiteral(value);
          w.write(`case ${literal}:`).block(() => {
            w.writeLine(`${result} = ${this.readFields('record', fields, count, [...shared, literal], typeText, 'variant', true)};`);
            w.writeLine('break;');
          });
        });
        const shown = oneOf(d.values.map(discriminantText), Infinity);
        w.writeLine('default:');
        w.indent().write(`${READER}.fail(\`expected ${escapeTemplate(shown)}, got \${${text ? `JSON.stringify(${tag})` : tag}}\`);`).newLine();
      });
    });
    this.arrayStart = outerStart;
    return result;
  }

  /**
   * Members one after another, several of them repeated (layout/runs.ts): each takes the next items while they are
   * its own, up to its most, then the next member reads; the array must end after the last. Where the next item's
   * major type is a later member's (and none of this one's), that ends it; else an item that does not read as one
   * (the reader rewinds), as RFC 8610 Appendix A reads it. One array of the items in order, or an object of the
   * members' values (`named`).
   */
  protected readRuns(layout: Extract<ArrayLayout, { kind: 'runs' }>, count: string, typeText: string, hint: string): string {
    const w = this.w;
    const runs = layout.runs;
    // A repetition of a repeated group is as many items as its members (`2*3 (false, int)`: 4 to 6), not one.
    const least = (run: ArrayRun) => (run.group === undefined ? 1 : run.group.fields.filter((f) => !f.optional).length);
    const most = (run: ArrayRun) => (run.group === undefined ? 1 : run.group.fields.length);
    const min = runs.reduce((sum, run) => sum + run.min * least(run), 0);
    const max = runs.some((run) => run.max === null) ? null : runs.reduce((sum, run) => sum + (run.max as number) * most(run), 0);
    const bounds = countCondition(count, min, max);
    // Unnamed members are said by their types.
    const said = (run: ArrayRun) => (layout.named ? run.name : runInWords(run));
    const names = runs.map((run) => (run.max === 1 ? (run.min === 0 ? `? ${said(run)}` : said(run)) : `${run.min === 0 && run.max === null ? '*' : `${run.min}*${run.max ?? ''}`} ${said(run)}`));
    if (bounds !== null) w.writeLine(`if (${count} >= 0 && ${parenthesised(bounds)}) ${READER}.fail(\`expected an array of ${describeCount(min, max)} (${escapeTemplate(names.join(', '))}), got \${${count}}\`);`);
    const result = this.locals.take(hint);
    const items = layout.named ? null : this.locals.take('items');
    // Typed as one tuple per set of members present (types.ts typedAsTuples), the items are gathered as an array of any of
    // them: which tuple it is, the members the items were read as say, which TypeScript does not follow.
    const tuples = items !== null && typedAsTuples(runs);
    if (items !== null) w.writeLine(`const ${items}: ${tuples ? arrayOf(runsElementType(runs, this.ctx)) : typeText} = [];`);
    else w.writeLine(`let ${result}: ${typeText};`);
    // The next item's major type ends a member where only later members' items have it; else the item is tried.
    const laterMajors = (k: number) => this.majorsOfAll(runs.slice(k + 1).map((later) => later.item));
    const endsByMajor = (run: ArrayRun, k: number) => this.tellsByMajor(run.item, runs.slice(k + 1).map((later) => later.item));
    const triesItems = runs.some((run, k) => (run.group !== undefined || run.min !== 1 || run.max !== 1) && !endsByMajor(run, k));
    this.withSegments(() => {
      const index = this.locals.take('i');
      w.writeLine(`let ${index} = 0;`);
      const values = runs.map((run, k) => {
        const byMajor = endsByMajor(run, k);
        const notLater = byMajor ? laterMajors(k).map((m) => ` && ${READER}.peekMajor() !== ${m}`).join('') : '';
        // In one array of the items, an element's index: a repeated group's repetition is one element.
        const path = items !== null ? (runs.some((r) => r.group !== undefined) ? `'[' + ${items}.length + ']'` : `'[' + ${index} + ']'`) : null;
        if (run.group !== undefined) return this.readGroupRun(run, run.group, count, index, items, path, notLater, byMajor);
        const take = (into: (read: string) => string): void => {
          if (byMajor) {
            w.writeLine(into(this.read(run.item, run.itemType, run.name)));
            return;
          }
          this.readIfItReads(() => w.writeLine(into(this.read(run.item, run.itemType, run.name))), 'break');
        };
        if (run.max === 1 && run.min === 1) {
          this.segment(path ?? pathSegment(run.name));
          w.writeLine(`if (!${READER}.hasMoreItems(${count}, ${index})) failAtNext(${READER}, ${JSON.stringify(`expected ${describeShape(run.item)}${layout.named ? ` (${run.name})` : ''}, got the end of the array`)});`);
          const read = this.read(run.item, run.itemType, run.name);
          if (items !== null) w.writeLine(`${items}.push(${read});`);
          w.writeLine(`${index}++;`);
          return items === null ? read : '';
        }
        if (run.max === 1) {
          // An optional member takes the next item when it is its own.
          const v = items === null ? this.locals.take(run.name) : null;
          if (v !== null) w.writeLine(`let ${v}: ${shapeType(run.item, run.itemType, this.ctx)} | undefined;`);
          w.write(`if (${READER}.hasMoreItems(${count}, ${index})${notLater})`).block(() => {
            this.segment(path ?? pathSegment(run.name));
            if (byMajor) {
              w.writeLine(v === null ? `${items}.push(${this.read(run.item, run.itemType, run.name)});` : `${v} = ${this.read(run.item, run.itemType, run.name)};`);
              w.writeLine(`${index}++;`);
            } else {
              this.readIfItReads(() => {
                w.writeLine(v === null ? `${items}.push(${this.read(run.item, run.itemType, run.name)});` : `${v} = ${this.read(run.item, run.itemType, run.name)};`);
                w.writeLine(`${index}++;`);
              }, null);
            }
          });
          return v ?? '';
        }
        // A repeated member: its items, counted from where it starts.
        const outOfBounds = (from: string) => countCondition(`(${index} - ${from})`, run.min, run.max);
        // Where the member starts: for its most, its count, and a named one's paths.
        const from = run.max !== null || outOfBounds('') !== null || (items === null && this.at !== null) ? this.locals.take(`${run.name}From`) : null;
        if (from !== null) w.writeLine(`const ${from} = ${index};`);
        const list = items === null ? this.locals.take(run.name) : null;
        if (list !== null) w.writeLine(`const ${list}: ${this.elementTypeText(run.item, run.itemType)}[] = [];`);
        const below = run.max === null ? '' : ` && ${index} - ${from} < ${run.max}`;
        w.write(`for (; ${READER}.hasMoreItems(${count}, ${index})${below}${notLater}; ${index}++)`).block(() => {
          this.segment(path ?? `${pathSegment(run.name)} + '[' + (${index} - ${from}) + ']'`);
          take((read) => `${list ?? items}.push(${read});`);
        });
        const counted = from === null ? null : outOfBounds(from);
        if (counted !== null) {
          this.segment("''");
          const what = `${describeCount(run.min, run.max)} ${items === null ? `in ${run.name}` : `(${printType(run.itemType)})`}`;
          w.writeLine(`if (${counted}) ${READER}.fail(\`expected ${escapeTemplate(what)}, got \${${index} - ${from}}\`${this.atArrayStart()});`);
        }
        return list ?? '';
      });
      // After a count checked at the array (path ''), a record's end is there already.
      const last = runs[runs.length - 1] as ArrayRun;
      if (items !== null || !(last.max !== 1 && countCondition('n', last.min, last.max) !== null)) this.segment(items !== null ? (runs.some((r) => r.group !== undefined) ? `'[' + ${items}.length + ']'` : `'[' + ${index} + ']'`) : "''");
      w.writeLine(`if (${READER}.hasMoreItems(${count}, ${index})) failAtNext(${READER}, ${JSON.stringify(`expected the end of the array, after its last member (${said(last)})`)});`);
      if (items === null) {
        const built = this.locals.take('built');
        const fields = runs.map((run): Field => ({ name: run.name, span: run.span, type: run.itemType, shape: run.item, optional: run.max === 1 && run.min === 0, doc: run.doc }));
        this.buildObject(built, fields, values, typeText);
        w.writeLine(`${result} = ${built};`);
      }
    }, triesItems);
    w.writeLine(`${READER}.endContainer(${count});`);
    if (items === null) return result;
    return tuples ? `(${items} as ${typeText})` : items;
  }

  /**
   * A repeated group of the `runs` layout: repetitions while the next item starts one (by its major type, or by
   * reading it whole, rewinding where it fails), each a tuple or an object of its members, counted; into `items`
   * (one array of them all) or an array of its own, which it returns.
   */
  private readGroupRun(run: ArrayRun, group: GroupVariant, count: string, index: string, items: string | null, path: string | null, notLater: string, byMajor: boolean): string {
    const w = this.w;
    const list = items === null ? this.locals.take(run.name) : null;
    const type = groupVariantType(group, this.ctx);
    if (list !== null) w.writeLine(`const ${list}: ${elementType(type)}[] = [];`);
    // Counted for its most and least, and a named one's paths.
    const counted = run.max !== null || countCondition('n', run.min, run.max) !== null || (items === null && this.at !== null);
    const repetitions = counted ? this.locals.take(`${run.name}Count`) : '';
    if (counted) w.writeLine(`let ${repetitions} = 0;`);
    const below = run.max === null ? '' : ` && ${repetitions} < ${run.max}`;
    w.write(`for (; ${READER}.hasMoreItems(${count}, ${index})${below}${notLater}; ${counted ? `${repetitions}++` : ''})`).block(() => {
      this.segment(path ?? `${pathSegment(run.name)} + '[' + ${repetitions} + ']'`);
      const repetition = this.locals.take('repetition');
      w.writeLine(`let ${repetition}: ${type};`);
      const read = () => {
        this.readGroupVariant(group, count, index, repetition);
        w.writeLine(`${list ?? items}.push(${repetition});`);
      };
      if (byMajor) read();
      else this.readIfItReads(read, 'break');
    });
    const outOfBounds = counted ? countCondition(repetitions, run.min, run.max) : null;
    if (outOfBounds !== null) {
      this.segment("''");
      const what = `${describeCount(run.min, run.max, 'repetition')} ${items === null ? `of ${run.name}` : `of (${group.fields.map((f) => printType(f.type)).join(', ')})`}`;
      w.writeLine(`if (${outOfBounds}) ${READER}.fail(\`expected ${escapeTemplate(what)}, got \${${repetitions}}\`${this.atArrayStart()});`);
    }
    return list ?? '';
  }
}

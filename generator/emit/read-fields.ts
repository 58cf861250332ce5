/**
 * The decoder emitter's reads of an array's members by position (a part of {@link ReadEmitter}, read-emitter.ts): the
 * members of a record or a tuple, a repeated member and the members after it, optional members that take the next item
 * when it reads as one, and the value built from them. read-arrays.ts reads the arrays that hold them.
 */
import type { ArrayRest, Field } from '../layout/shapes.js';
import { countCondition, describeCount, describeShape, escapeTemplate, isObjectPrototypeName, memberAssignment, objectLiteralKey, parenthesised, pathSegment, plusIndex } from './syntax.js';
import { shapeType } from './types.js';
import { READER, ReadEmitterBase } from './read-base.js';

/** How an array's members are read one by one, and its value built. */
export abstract class FieldReadEmitter extends ReadEmitterBase {
  /** Fails, at the next item, when the array has no item `index` (an expression) for `field`. */
  protected requireItem(field: Field, count: string, index: string): void {
    this.w.writeLine(`if (!${READER}.hasMoreItems(${count}, ${index})) failAtNext(${READER}, ${JSON.stringify(`expected ${describeShape(field.shape)}, got the end of the array`)});`);
  }

  /**
   * The members of a record or tuple after its array head: the count
   * checked, each member read (the first `read.length` already are), the
   * container closed, the value built. `inherit`: the caller already opened
   * this array's segment scope (it read the shared members), so reuse it.
   */
  protected readFields(kind: 'record' | 'tuple', fields: Field[], count: string, read: string[], typeText: string, hint: string, inherit = false, rest?: ArrayRest, after: Field[] = []): string {
    const w = this.w;
    const required = [...fields, ...after].filter((f) => !f.optional).length;
    const min = required + (rest?.min ?? 0);
    const max = rest === undefined ? fields.length : rest.max === null ? null : fields.length + rest.max + after.length;
    const bounds = countCondition(count, min, max);
    // A record's members are said by their names; a tuple's, unnamed or made up (`item0`), by nothing.
    const names = kind === 'tuple' ? '' : [...fields.map((f) => f.name), ...(rest === undefined ? [] : [`* ${rest.name}`]), ...after.map((f) => f.name)].join(', ');
    const expected = max === 0 ? 'an empty array' : names === '' ? `an array of ${describeCount(min, max)}` : `an array of ${describeCount(min, max)} (${escapeTemplate(names)})`;
    if (bounds !== null) w.writeLine(`if (${count} >= 0 && ${parenthesised(bounds)}) ${READER}.fail(\`expected ${expected}, got \${${count}}\`${this.atArrayStart()});`);
    const result = this.locals.take(hint);
    // Read inside the try of this array's path segments, the value is used after it: declared first. Read in the
    // caller's (`inherit`), it is declared where it is built.
    const assign = inherit ? `const ${result}: ${typeText} =` : `${result} =`;
    if (!inherit) w.writeLine(`let ${result}: ${typeText};`);
    // Optional members before a repeated one (arrays.ts optionalsBeforeRest) each take the next item when it reads as one.
    const taking = rest !== undefined && fields.some((f) => f.optional);
    const body = () => {
      const values: string[] = [];
      fields.forEach((field, index) => {
        // An optional member takes an item only when the one before it, if optional too, took one.
        const previous = index > 0 && (fields[index - 1] as Field).optional ? (values[index - 1] as string) : null;
        values.push(read[index] ?? (taking && field.optional ? this.readTaking(field, index, count, kind, previous) : this.readPositional(field, index, count, kind)));
      });
      const built = this.locals.take('built');
      const start = taking ? this.takenEnd(fields, values) : String(fields.length);
      const restItems = rest === undefined ? null : this.readRest(rest, kind, start, count, expected, after, taking);
      // The items the members before the repeated one took (a local where optional ones take them).
      const past = restItems === null ? '' : `${start} + ${restItems}.length`;
      const afterValues = restItems === null ? [] : this.readAfter(after, kind, past, count, rest?.greedy === true);
      if (restItems !== null && after.length > 0) this.readEnd(kind, plusIndex(past, after.length), count, after);
      if (kind === 'tuple' && taking && restItems !== null && after.length > 0) {
        // One tuple per number of optional members present before the repeated one and after it (types.ts), each tested.
        const required = fields.filter((f) => !f.optional).length;
        const afterRequired = after.filter((f) => !f.optional).length;
        let tuple = '';
        for (let present = required; present <= fields.length; present++) {
          for (let last = afterRequired; last <= after.length; last++) {
            const taken = [...values.slice(required, present), ...afterValues.slice(afterRequired, last)].map((value) => `${value} !== undefined`);
            const elements = `[${[...values.slice(0, present), `...${restItems}`, ...afterValues.slice(0, last)].join(', ')}]`;
            tuple = tuple === '' ? elements : `${taken.join(' && ')} ? ${elements} : ${tuple}`;
          }
        }
        w.writeLine(`const ${built}: ${typeText} = ${tuple};`);
      } else if (kind === 'tuple' && restItems !== null && after.length > 0) {
        // Optional members after a repeated one are present from the first on, so the last present decides the tuple.
        const head = [...values, `...${restItems}`, ...afterValues.filter((_, j) => !(after[j] as Field).optional)];
        const optional = afterValues.filter((_, j) => (after[j] as Field).optional);
        let tuple = `[${head.join(', ')}]`;
        // Each optional member present is tested (the earlier ones are, when a later one is), so that TypeScript knows every element's type.
        optional.forEach((_, k) => {
          const taken = optional.slice(0, k + 1).map((value) => `${value} !== undefined`).join(' && ');
          tuple = `${taken} ? [${[...head, ...optional.slice(0, k + 1)].join(', ')}] : ${tuple}`;
        });
        w.writeLine(`const ${built}: ${typeText} = ${tuple};`);
      } else if (kind === 'tuple' && taking && restItems !== null) {
        // One tuple per number of optional members present (types.ts), the last present tested first.
        const required = fields.filter((f) => !f.optional).length;
        let tuple = `[${[...values.slice(0, required), `...${restItems}`].join(', ')}]`;
        for (let present = required + 1; present <= fields.length; present++) {
          // Each optional member present is tested, so that TypeScript knows every element's type.
          const taken = values.slice(required, present).map((value) => `${value} !== undefined`).join(' && ');
          tuple = `${taken} ? [${[...values.slice(0, present), `...${restItems}`].join(', ')}] : ${tuple}`;
        }
        w.writeLine(`const ${built}: ${typeText} = ${tuple};`);
      } else if (kind === 'tuple') {
        const present = values.filter((_, i) => !(fields[i] as Field).optional);
        if (restItems !== null) present.push(`...${restItems}`);
        w.writeLine(`const ${built}: ${typeText} = [${present.join(', ')}];`);
        values.forEach((v, i) => {
          if ((fields[i] as Field).optional) w.writeLine(`if (${v} !== undefined) ${built}.push(${v});`);
        });
      } else if (rest === undefined || restItems === null) {
        // Required members only: the literal is the value (no local to add optional members to).
        if (fields.every((f) => !f.optional)) {
          w.writeLine(`${assign} ${objectLiteral(fields, values)};`);
          return;
        }
        this.buildObject(built, fields, values, typeText);
      } else this.buildObject(built, [...fields, restField(rest), ...after], [...values, restItems, ...afterValues], typeText);
      w.writeLine(`${assign} ${built};`);
    };
    if (inherit) body();
    else this.withSegments(body, taking || (rest !== undefined && after.length > 0 && !this.tellsByMajor(rest.item, after.map((f) => f.shape))));
    w.writeLine(`${READER}.endContainer(${count});`);
    return result;
  }

  /**
   * The repeated members after an array's fixed ones, into an array, up to
   * the first item that starts the members after them (`after`); the count
   * is checked again for indefinite length.
   */
  protected readRest(rest: ArrayRest, kind: 'record' | 'tuple', fixed: string, count: string, expected: string, after: Field[], counted = false): string {
    const w = this.w;
    const items = this.locals.take(rest.name);
    const index = this.locals.take('i');
    w.writeLine(`const ${items}: ${this.elementTypeText(rest.item, rest.itemType)}[] = [];`);
    const byMajor = this.tellsByMajor(rest.item, after.map((f) => f.shape));
    let stop = after.length > 0 && byMajor ? this.majorsOfAll(after.map((f) => f.shape)).map((m) => ` && ${READER}.peekMajor() !== ${m}`).join('') : '';
    // A greedy repetition (RFC 8610 Appendix A) at its most lets the next item through to the members after it.
    if (rest.greedy === true && rest.max !== null) stop += ` && ${items}.length < ${rest.max}`;
    w.write(`for (let ${index} = ${fixed}; ${READER}.hasMoreItems(${count}, ${index})${stop}; ${index}++)`).block(() => {
      this.segment(kind === 'tuple' ? `'[' + ${index} + ']'` : `${pathSegment(rest.name)} + '[' + (${index} - ${fixed}) + ']'`);
      if (after.length === 0 || byMajor) {
        w.writeLine(`${items}.push(${this.read(rest.item, rest.itemType, 'item')});`);
        return;
      }
      const mark = this.locals.take('mark');
      w.writeLine(`const ${mark} = markForRetry(${READER});`);
      const outer = this.at;
      this.at = null;
      this.beginAttempt();
      w.write('try ').inlineBlock(() => w.writeLine(`${items}.push(${this.read(rest.item, rest.itemType, 'item')});`));
      this.endAttempt();
      this.at = outer;
      const error = this.locals.take('error');
      w.write(` catch (${error})`).block(() => {
        // A NaN whose bits a number cannot keep is of the repeated member's type, which no member after it is (the
        // layouts leave such arrays to the general matcher): why the item was refused is the news, not what the next
        // member expected of it (furthestError lets a 'nan-bits' error win a tie between alternatives likewise).
        w.writeLine(`if (!isDecodeError(${error}) || ${error}.code === 'nan-bits') throw ${error};`);
        w.writeLine(`${READER}.reset(${mark});`);
        this.keepDropped(error);
        w.writeLine('break;');
      });
    });
    const outOfBounds = countCondition(`${items}.length`, rest.min, rest.max);
    // A wrong count is the array's problem, not its last item's.
    if (outOfBounds !== null) this.segment("''");
    // A definite count was checked against the most and least items before; after optional members that may or may not take one (`counted`), only here.
    if (outOfBounds !== null && after.length === 0) w.writeLine(`if (${counted ? '' : `${count} < 0 && `}(${outOfBounds})) ${READER}.fail(\`expected ${expected}, got \${${items}.length + ${fixed}}\`${this.atArrayStart()});`);
    else if (outOfBounds !== null) {
      const what = kind === 'tuple' ? `${describeCount(rest.min, rest.max)} before the last ${after.length === 1 ? 'member' : `${after.length} members`}` : `${describeCount(rest.min, rest.max)} in ${rest.name}`;
      w.writeLine(`if (${outOfBounds}) ${READER}.fail(\`expected ${escapeTemplate(what)}, got \${${items}.length}\`${this.atArrayStart()});`);
    }
    return items;
  }

  /**
   * The members after a repeated one, from position `start` (an expression): a required one must be there, an optional
   * one is read when it is. `greedy`: the repetition may have taken items they needed, which the message says.
   */
  protected readAfter(after: Field[], kind: 'record' | 'tuple', start: string, count: string, greedy = false): string[] {
    const w = this.w;
    return after.map((field, j) => {
      const index = plusIndex(start, j);
      this.segment(kind === 'tuple' ? `'[' + (${index}) + ']'` : pathSegment(field.name));
      if (field.optional) return this.readOptional(field, `${READER}.hasMoreItems(${count}, ${index})`);
      const why = greedy ? ': the repeated member before it took every item it could (RFC 8610 Appendix A: repetitions are greedy)' : '';
      w.writeLine(`if (!${READER}.hasMoreItems(${count}, ${index})) failAtNext(${READER}, ${JSON.stringify(`expected ${describeShape(field.shape)}, got the end of the array${why}`)});`);
      return this.read(field.shape, field.type, field.name);
    });
  }

  /**
   * After the members that follow a repeated one, the array must end: a definite-length array's count is checked
   * nowhere else (an optional member after them is absent only when no item is left). `end`: the index past them.
   */
  protected readEnd(kind: 'record' | 'tuple', end: string, count: string, after: Field[]): void {
    this.segment(kind === 'tuple' ? `'[' + (${end}) + ']'` : "''");
    const last = kind === 'tuple' ? '' : ` (${(after[after.length - 1] as Field).name})`;
    this.w.writeLine(`if (${READER}.hasMoreItems(${count}, ${end})) failAtNext(${READER}, ${JSON.stringify(`expected the end of the array, after its last member${last}`)});`);
  }

  /**
   * An optional member before a repeated one (arrays.ts optionalsBeforeRest), as RFC 8610 Appendix A reads it: it takes
   * item `index` when there is one, the optional member before it (`previous`, a local) took its own, and the item reads
   * as one; else the reader is rewound and the item is left to the repetition.
   */
  protected readTaking(field: Field, index: number, count: string, kind: 'record' | 'tuple', previous: string | null, declared?: string): string {
    const w = this.w;
    this.segment(kind === 'tuple' ? `'[${index}]'` : pathSegment(field.name));
    const v = declared ?? this.locals.take(field.name);
    if (declared === undefined) w.writeLine(`let ${v}: ${shapeType(field.shape, field.type, this.ctx)} | undefined;`);
    w.write(`if (${previous === null ? '' : `${previous} !== undefined && `}${READER}.hasMoreItems(${count}, ${index}))`).block(() =>
      this.readIfItReads(() => w.writeLine(`${v} = ${this.read(field.shape, field.type, field.name)};`), null),
    );
    return v;
  }

  /**
   * Reads an item where it may be another member's: from a mark, rewinding after a DecodeError, which then runs
   * `otherwise` (a statement such as `break`, or nothing).
   */
  protected readIfItReads(read: () => void, otherwise: string | null): void {
    const w = this.w;
    const mark = this.locals.take('mark');
    w.writeLine(`const ${mark} = markForRetry(${READER});`);
    const outer = this.at;
    this.at = null;
    this.beginAttempt();
    w.write('try ').inlineBlock(read);
    this.endAttempt();
    this.at = outer;
    const error = this.locals.take('error');
    w.write(` catch (${error})`).block(() => {
      w.writeLine(`if (${this.notToRecover(error)}) throw ${error};`);
      w.writeLine(`${READER}.reset(${mark});`);
      this.keepDropped(error);
      if (otherwise !== null) w.writeLine(otherwise);
    });
  }

  /** The index of the first item past the optional members that took one (`values`: the members' locals), in a local. */
  protected takenEnd(fields: Field[], values: string[]): string {
    const required = fields.filter((f) => !f.optional).length;
    let end = String(required);
    for (let present = required + 1; present <= fields.length; present++) end = `${values[present - 1]} !== undefined ? ${present} : ${end}`;
    const local = this.locals.take('next');
    this.w.writeLine(`const ${local} = ${end};`);
    return local;
  }

  /** Reads array member `index`; an optional one only when the array has that many items. */
  protected readPositional(field: Field, index: number, count: string, kind: 'record' | 'tuple' = 'record'): string {
    // A tuple's element is `[1]` in its path, as the guards say it; a record's member `.name`.
    this.segment(kind === 'tuple' ? `'[${index}]'` : pathSegment(field.name));
    if (!field.optional) return this.read(field.shape, field.type, field.name);
    return this.readOptional(field, `${READER}.hasMoreItems(${count}, ${index})`);
  }

  protected readOptional(field: Field, present: string): string {
    const v = this.locals.take(field.name);
    this.w.writeLine(`let ${v}: ${shapeType(field.shape, field.type, this.ctx)} | undefined;`);
    this.w.write(`if (${present})`).block(() => {
      const read = this.read(field.shape, field.type, field.name);
      this.w.writeLine(`${v} = ${read};`);
    });
    return v;
  }

  /** `const result: T = { a, b }`, with optional members set only when present (so they are absent, not undefined). */
  protected buildObject(result: string, fields: Field[], values: string[], typeText: string): void {
    const literal = objectLiteral(fields, values);
    // TypeScript sees Object.prototype's members (constructor: Function) on an object literal, so one
    // without an optional member of such a name would not be assignable to T: it is asserted instead.
    const inherits = fields.some((f) => f.optional && isObjectPrototypeName(f.name));
    this.w.writeLine(inherits ? `const ${result} = ${literal} as ${typeText};` : `const ${result}: ${typeText} = ${literal};`);
    fields.forEach((f, i) => {
      if (f.optional) this.w.writeLine(`if (${values[i]} !== undefined) ${memberAssignment(result, f.name, values[i] as string)}`);
    });
  }
}

/** The field a record's repeated member becomes (required: an empty array when there are none). */
function restField(rest: ArrayRest): Field {
  return { name: rest.name, span: { file: '', line: 0, col: 0 }, type: { kind: 'array', group: { choices: [] } }, shape: rest.item, optional: false, doc: rest.doc };
}

/** `{ a, b: b2 }`: the required members of `fields` with their values (shorthand where the value's local has the name). */
function objectLiteral(fields: Field[], values: string[]): string {
  const required = fields.flatMap((f, i) => (f.optional ? [] : [`${objectLiteralKey(f.name)}: ${values[i]}`]));
  const shorthand = required.map((entry) => entry.replace(/^([A-Za-z_$][\w$]*): \1$/, '$1'));
  return shorthand.length === 0 ? '{}' : `{ ${shorthand.join(', ')} }`;
}

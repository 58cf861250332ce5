/**
 * The checks of array members that take items greedily, as a decoder does
 * (RFC 8610 Appendix A). A repeated member (`ArrayRest.greedy`,
 * layout/rest-ends.ts) takes each next item its type matches, up to its
 * most, and gives none back: a tuple's repetition ends where that stops; a
 * record's next member must be a value the repetition would not take. An
 * optional member before a repetition (layout/arrays.ts optionalsBeforeRest)
 * takes the next item when it reads as one. A value whose bytes would read
 * back differently is refused, saying why.
 */
import { printType } from '../ir/print.js';
import type { ArrayRest, Field, Shape } from '../layout/shapes.js';
import { isExactlyTestable } from '../layout/arrays.js';
import { dataApart } from '../layout/rest-ends.js';
import { describeShape, parenthesised, pathSegment, recordMemberRead } from './syntax.js';
import { PROBLEMS } from './guard-common.js';
import { inlineObjectTest, memberTest } from './guard-tests.js';
import { MemberChecks } from './guard-members.js';

const GREEDY = 'RFC 8610 Appendix A: repetitions are greedy';

/** {@link MemberChecks} with the checks of greedy repetitions. */
export abstract class GreedyChecks extends MemberChecks {
  /**
   * A test of whether a value is an item of `item`, exact: a rule's, a
   * scalar's or `any`'s test where there is one, else a local function
   * running the item's whole check without collecting problems.
   */
  protected itemTest(item: Shape, itemType: Field['type']): (v: string) => string {
    if (item.kind === 'rule' || isExactlyTestable(item)) return (v) => memberTest(item, itemType, v, this.ctx, this.rule, this.level);
    const w = this.w;
    const name = this.locals.take('isItem');
    w.write(`const ${name} = (value: unknown, ${PROBLEMS}: Problem[] | null): boolean => `).inlineBlock(() => {
      w.writeLine('let ok = true;');
      const outer = this.inVariantFunction;
      this.inVariantFunction = true;
      this.check(item, 'value', "''");
      this.inVariantFunction = outer;
      w.writeLine('return ok;');
    });
    w.write(';').newLine();
    return (v) => `${name}(${v}, null)`;
  }

  /** Writes where a tuple's greedy repetition ends in `list` (a local), from index `fixed`, as a decoder reads it; returns the local holding that index. */
  protected greedyEnd(list: string, fixed: number, rest: ArrayRest, isItem: (v: string) => string): string {
    const end = this.locals.take('end');
    this.w.writeLine(`let ${end} = ${fixed};`);
    const most = rest.max === null ? '' : ` && ${end} < ${fixed + rest.max}`;
    this.w.writeLine(`while (${end} < ${list}.length${most} && ${isItem(`${list}[${end}]`)}) ${end}++;`);
    return end;
  }

  /**
   * A tuple whose greedy repetition took items the members after it needed
   * (`[1, "x", "y"]` for `[int, * tstr, tstr / int]`): the first of those is
   * reported, as the `else` of the caller's test that enough items are left
   * for the members after it.
   */
  protected greedyTook(list: string, fixed: number, rest: ArrayRest, after: Field[], path: string): void {
    const required = after.filter((f) => !f.optional).length;
    const first = `${list}.length - ${required}`;
    const next = after[0] as Field;
    const expected = `${described(next)} after the items of * ${printType(rest.itemType)}, which take this one too (${GREEDY})`;
    // An array too short for its members is the count's problem, reported already.
    this.w.writeLine(`else if (${first} >= ${fixed}) ok = report(${PROBLEMS}, ${path} + '[' + (${first}) + ']', ${JSON.stringify(expected)}, ${list}[${first}]);`);
  }

  /**
   * A record's member after a greedy repetition: when the repetition is
   * below its most, a value of its item type there would be read back as one
   * more item, so it is refused.
   */
  protected greedyNext(rest: ArrayRest, after: Field[], v: string, path: string): void {
    const w = this.w;
    const next = after[0] as Field;
    w.write(`if (${inlineObjectTest(v)})`).block(() => {
      const object = this.locals.take('object');
      const items = this.locals.take(rest.name);
      const value = this.locals.take(next.name);
      w.writeLine(`const ${object} = ${v} as Record<string, unknown>;`);
      w.writeLine(`const ${items} = ${recordMemberRead(object, rest.name)};`);
      w.writeLine(`const ${value} = ${recordMemberRead(object, next.name)};`);
      const isItem = this.itemTest(rest.item, rest.itemType);
      const room = rest.max === null ? '' : ` && ${items}.length < ${rest.max}`;
      const expected = `${describeShape(next.shape)} that ${rest.name} (* ${printType(rest.itemType)}) does not take: a decoder would read it as one more of its items (${GREEDY})`;
      w.writeLine(`if (Array.isArray(${items})${room} && ${value} !== undefined && ${isItem(value)}) ok = report(${PROBLEMS}, ${path} + ${pathSegment(next.name)}, ${JSON.stringify(expected)}, ${value});`);
    });
  }
}

/**
 * The checks of optional members before a repeated one that ends an array
 * (layout/arrays.ts optionalsBeforeRest): as a decoder does (RFC 8610
 * Appendix A), each takes the next item it reads as, so a tuple's elements
 * past the required ones are optional members while their exact tests pass,
 * and a value whose first repeated item the next optional member would read
 * back (its test says so, or its bytes do where the items are `any`) is
 * refused.
 */
export abstract class TakingChecks extends GreedyChecks {
  /** Writes how many of a tuple's elements in `list` the required and optional members take, as a decoder reads them; returns the local holding it. */
  protected takenEnd(list: string, fields: Field[]): string {
    const w = this.w;
    const required = fields.filter((f) => !f.optional).length;
    const next = this.locals.take('next');
    w.writeLine(`let ${next} = ${required};`);
    const take = (index: number): void => {
      const field = fields[index];
      if (field === undefined) return;
      const test = this.itemTest(field.shape, field.type);
      w.write(`if (${list}.length > ${index} && ${test(`${list}[${index}]`)})`).block(() => {
        w.writeLine(`${next} = ${index + 1};`);
        take(index + 1);
      });
    };
    take(required);
    return next;
  }

  /**
   * A record's optional members before its repeated one: the first absent one must not read the first item (optional
   * members are present from the first on: checkTrailingOptionals).
   */
  protected takingNext(fields: Field[], rest: ArrayRest, v: string, path: string): void {
    const w = this.w;
    if (fields.every((f) => !f.optional || this.apart(f, rest))) return;
    w.write(`if (${inlineObjectTest(v)})`).block(() => {
      const object = this.locals.take('object');
      const items = this.locals.take(rest.name);
      w.writeLine(`const ${object} = ${v} as Record<string, unknown>;`);
      w.writeLine(`const ${items} = ${recordMemberRead(object, rest.name)};`);
      const optional = fields.filter((f) => f.optional);
      const first = `${items}[0]`;
      // An item that is none of the repetition's was reported as such (a CborAny is tested by the bytes it holds).
      const isItem = rest.readBack === true ? null : this.itemTest(rest.item, rest.itemType)(first);
      optional.forEach((field, k) => {
        const absent = [...optional.slice(0, k).map((f) => `${recordMemberRead(object, f.name)} !== undefined`), `${recordMemberRead(object, field.name)} === undefined`];
        const when = [`Array.isArray(${items})`, `${items}.length > 0`, ...absent, ...(isItem === null ? [] : [isItem])];
        this.notTaken(field, rest, first, when.join(' && '), `${path} + ${pathSegment(rest.name)} + '[0]'`);
      });
    });
  }

  /**
   * Whether no data item is both the optional member's and the repeated one's (`? y: bstr` before `1*2 uint .bits f`):
   * a decoder never takes one as the other, and the item's test, having narrowed it, would leave the member's test
   * meaningless to TypeScript.
   */
  private apart(field: Field, rest: ArrayRest): boolean {
    return dataApart(field.shape, rest.item, this.ctx);
  }

  /**
   * Refuses `item` (an expression, the first repeated item) when the optional member `field`, absent, would read it back;
   * `when`: the condition that the member is absent and the item there.
   */
  protected notTaken(field: Field, rest: ArrayRest, item: string, when: string, path: string): void {
    if (this.apart(field, rest)) return;
    // Items kept as CborAny are read as the member by their bytes; others by the member's test, which says what a decoder does.
    const anyValue = rest.readBack === true;
    // A scalar's test reads the CborAny's value (a rule's decoder reads its bytes).
    const readsValue = (shape: Shape): boolean => (shape.kind === 'choice' ? shape.options.some((o) => readsValue(o.shape)) : shape.kind !== 'rule');
    const data = anyValue && readsValue(field.shape) ? this.locals.take('data') : null;
    const readBack = this.ofFieldType(field.shape, field.type, anyValue, item, data);
    if (readBack === 'false') return;
    const expected = `an item of * ${printType(rest.itemType)} that the absent ${field.name} (? ${printType(field.type)}) does not read: a decoder would take it as ${field.name} (${TAKEN})`;
    const report = `ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(expected)}, ${item});`;
    if (data === null) {
      this.w.writeLine(`if (${when} && ${parenthesised(readBack)}) ${report}`);
      return;
    }
    this.w.write(`if (${when})`).block(() => {
      this.w.writeLine(`const ${data}: unknown = isCborAny(${item}) ? ${item}.value : undefined;`);
      this.w.writeLine(`if (${readBack}) ${report}`);
    });
  }
}

const TAKEN = 'RFC 8610 Appendix A: an optional member takes the item when it reads as one';

/** A member's shape in words, with its CDDL type where that says more (`a text string or an integer (tstr / int)`; `a payload-block` alone). */
function described(field: Field): string {
  return field.shape.kind === 'rule' ? describeShape(field.shape) : `${describeShape(field.shape)} (${printType(field.type)})`;
}

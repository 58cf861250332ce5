/** The decoder emitter: the class decoders.ts drives, over its parts in read-base.ts, read-arrays.ts and read-maps.ts. */
import type { IrType } from '../ir/types.js';
import { boxedInTags, choicePlan, floatInTags, plainFloat, tagLeavesOf, type PlannedOption } from '../layout/choice-plans.js';
import { readFunctionName } from './function-names.js';
import { functionsOf } from './shared-functions.js';
import { majorsOf, scalarCondition } from './scalars.js';
import type { Interval, MapKey, Shape } from '../layout/shapes.js';
import { firstItemValue, groupedInOrder, mapKeyValues, namingKey, requiredMapKeys, uniqueKeys, valueCases, type ValueCase } from './choice-dispatch.js';
import { MapReadEmitter, mapKeyLiteral } from './read-maps.js';
import { describeShape, discriminantLiteral, discriminantText, escapeTemplate, intLiteral, not, oneOf } from './syntax.js';
import { shapeType } from './types.js';
import { type Attempt, READER } from './read-base.js';

/** Writes the statements of a `readX(reader)`: {@link read} dispatches on the shape; choices are read here too. */
export class ReadEmitter extends MapReadEmitter {
  /**
   * Set by decoders.ts before it reads the whole of a rule: a type choice that is the whole rule, each of whose
   * options is one read, returns each option's value from its case (`case 3: return reader.readText();`). It then
   * sets {@link returned}, and the caller writes no `return` of its own.
   */
  mayReturn = false;
  /** Set when the read returned the value itself (see {@link mayReturn}). */
  returned = false;

  /**
   * Writes statements reading one item of `shape` and returns an expression
   * of the value (a local, possibly cast). `ruleType` is set for the rule's
   * own type: the value gets the rule's name (its interface, or its branded
   * type) rather than a structural type.
   */
  override read(shape: Shape, type: IrType, hint: string, ruleType: string | null = null): string {
    const w = this.w;
    const typeText = () => ruleType ?? shapeType(shape, type, this.ctx);
    const mayReturn = this.mayReturn;
    this.mayReturn = false;
    switch (shape.kind) {
      case 'rule': {
        if (this.attempts > 0) this.trials?.rules.add(shape.rule.name);
        const v = this.locals.take(hint);
        w.writeLine(`const ${v} = ${readFunctionName(functionsOf(this.ctx.shared, shape.rule))}(${READER});`);
        return v;
      }
      case 'never': {
        const v = this.locals.take(hint);
        w.writeLine(`const ${v}: never = ${READER}.fail(${JSON.stringify(`expected ${describeShape(shape)}`)});`);
        return v;
      }
      case 'any': {
        if (shape.head !== undefined) {
          const { major, ai, simple } = shape.head;
          const initial = this.locals.take('initial');
          w.writeLine(`const ${initial} = ${READER}.peekInitial();`);
          const head = ai === null ? `${initial} >> 5 !== ${major}` : `${initial} !== ${(major << 5) | ai}`;
          // `#7.40`: the simple value is the byte after the head.
          const wrong = simple === undefined ? head : `${head} || ${READER}.bytes[${READER}.pos + 1] !== ${simple}`;
          w.writeLine(`if (${wrong}) ${READER}.fail(\`expected ${escapeTemplate(describeShape(shape))}, got \${${READER}.describeNext()}\`);`);
        }
        if (shape.except !== undefined) {
          // `any .ne undefined`: the left-out simple values are one byte each, told by the first byte.
          const initial = this.locals.take('initial');
          w.writeLine(`const ${initial} = ${READER}.peekInitial();`);
          w.writeLine(`if (${shape.except.map((b) => `${initial} === ${b}`).join(' || ')}) ${READER}.fail(\`expected ${escapeTemplate(describeShape(shape))}, got \${${READER}.describeNext()}\`);`);
        }
        const v = this.locals.take(hint);
        w.writeLine(`const ${v} = CborAny.fromReader(${READER}, '');`);
        return v;
      }
      case 'int':
      case 'float':
      case 'text':
      case 'bytes':
      case 'bool':
      case 'null':
      case 'undefined':
        return this.readScalar(shape, typeText(), hint, mayReturn);
      case 'tagged': {
        const tag = this.locals.take('tag');
        // The value keeps its tag number and content, so a bignum is written back as read (`{ tag: 2, value: h'01' }`).
        if (mayBeBignum(shape.tags)) w.writeLine(`keepBignumTag(${READER});`);
        w.writeLine(`const ${tag} = ${READER}.readTag();`);
        if (shape.tags !== null) {
          const condition = scalarCondition({ kind: 'int', intervals: shape.tags }, tag, false);
          if (condition !== null) w.writeLine(`if (${not(condition)}) ${READER}.fail(\`expected ${escapeTemplate(describeShape(shape))}, got tag \${${tag}}\`);`);
        }
        w.writeLine(`${READER}.enterTag();`);
        const value = this.read(shape.inner, shape.innerType, 'content');
        w.writeLine(`${READER}.leaveTag();`);
        const v = this.locals.take(hint);
        w.writeLine(`const ${v}: ${typeText()} = { tag: ${tag}, value: ${value} };`);
        return v;
      }
      case 'tag': {
        const tag = this.locals.take('tag');
        // `#6.2(bstr)` reads the tag as a tag, whose encoders write it back whole: not the integer a bignum may be.
        if (shape.tag === 2n || shape.tag === 3n) w.writeLine(`keepBignumTag(${READER});`);
        w.writeLine(`const ${tag} = ${READER}.readTag();`);
        w.writeLine(`if (${tag} !== ${intLiteral(shape.tag)}) ${READER}.fail(\`expected tag ${shape.tag}, got tag \${${tag}}\`);`);
        // A tag is a nesting level, so that a chain of them is bounded like nested arrays.
        w.writeLine(`${READER}.enterTag();`);
        const inner = this.read(shape.inner, shape.innerType, hint, ruleType);
        w.writeLine(`${READER}.leaveTag();`);
        return inner;
      }
      case 'array': {
        const direct = this.directRead(shape, type);
        if (direct === null) return this.readArray(shape.layout, typeText(), hint);
        const v = this.locals.take(hint);
        w.writeLine(`const ${v} = ${direct};`);
        return v;
      }
      case 'map':
        return this.readMap(shape.layout, typeText(), hint);
      case 'choice':
        return this.readChoice(shape, typeText(), hint, mayReturn);
    }
  }

  /**
   * A type choice: the options that can start with the next item's major
   * type (and, for tags, its tag number) are tried in order, rewinding
   * between them; an option kept as `{ tag, value }` (layout/choice-plans.ts) is read by
   * its tag.
   */
  protected readChoice(shape: Extract<Shape, { kind: 'choice' }>, typeText: string, hint: string, mayReturn = false): string {
    const w = this.w;
    const plan = choicePlan(shape, this.ctx);
    const byMajor = new Map<number, number[]>();
    plan.forEach((option, i) => {
      for (const major of majorsOf(option.shape, this.ctx)) byMajor.set(major, [...(byMajor.get(major) ?? []), i]);
    });
    // Several options that are tags, or one that keeps its tag: the tag number picks.
    const tagged = byMajor.get(6) ?? [];
    const byTag = tagged.length > 1 || tagged.some((i) => plan[i]?.wrap !== null);
    // Majors that lead to the same options share one case.
    const groups = new Map<string, number[]>();
    for (const [major, options] of [...byMajor].sort((a, b) => a[0] - b[0])) {
      const key = byTag && major === 6 ? 'tag' : options.join(',');
      groups.set(key, [...(groups.get(key) ?? []), major]);
    }
    const readOption = (i: number) => () => {
      const option = plan[i] as PlannedOption;
      if (option.float && option.shape.kind !== 'float' && floatInTags(option.shape, this.ctx)?.tags.length !== 0) {
        // Kept as CborFloat (layout/choice-plans.ts) inside its tags: the tags read here, then the float with the width it came in.
        w.writeLine(`${v} = ${this.read(boxedInTags(option.shape, this.ctx), option.type, hint)};`);
        return;
      }
      if (option.float) {
        // Kept as CborFloat (layout/choice-plans.ts), with the width it came in.
        const width = this.locals.take('width');
        w.writeLine(`const ${width} = ${READER}.readFloatWidth();`);
        w.writeLine(`${v} = new CborFloat(${this.read(option.shape, option.type, hint)}, ${width});`);
        return;
      }
      this.readInto(v, option.shape, option.type, hint);
    };
    /** The shapes of the options, where each is read as it is (none kept with its tag or as a CborFloat); else none. */
    const plainOptions = (options: number[]): Shape[] => {
      const planned = options.map((i) => plan[i] as PlannedOption);
      return planned.every((o) => o.wrap === null && !o.float) ? planned.map((o) => o.shape) : [];
    };
    // Several float options (float16 / float32): the shortest of all their widths is the deterministic one, as the encoder writes it.
    const floats = plan.map((o) => plainFloat(o.shape, this.ctx)).filter((f) => f !== null);
    /** The one option of a case read straight into the value (no locals to scope), else undefined. */
    const directOption = (key: string): PlannedOption | undefined => {
      const only = key === 'tag' || key.includes(',') ? undefined : plan[Number(key)];
      return only !== undefined && !only.float && this.directRead(only.shape, only.type) !== null ? only : undefined;
    };
    // The whole rule, every case one read: each case returns its value.
    const returns = mayReturn && floats.length <= 1 && [...groups.keys()].every((key) => directOption(key) !== undefined);
    const v = returns ? '' : this.locals.take(hint);
    if (!returns) w.writeLine(`let ${v}: ${typeText};`);
    const floatAt = floats.length > 1 ? this.locals.take('floatAt') : null;
    if (floatAt !== null) w.writeLine(`const ${floatAt} = ${READER}.pos;`);
    w.write(`switch (${READER}.peekMajor())`).block(() => {
      for (const [key, majors] of groups) {
        // Majors that share a case fall through to the last one's block, which scopes the locals of the read.
        for (const major of majors.slice(0, -1)) w.writeLine(`case ${major}:`);
        const label = `case ${majors[majors.length - 1]}:`;
        const only = directOption(key);
        if (only !== undefined && returns) {
          w.writeLine(label);
          w.indent(() => w.writeLine(`return ${this.directRead(only.shape, only.type)};`));
          continue;
        }
        if (only !== undefined) {
          // One option read straight into the value: no locals to scope.
          w.writeLine(label);
          w.indent(() => {
            readOption(Number(key))();
            w.writeLine('break;');
          });
          continue;
        }
        w.write(label).block(() => {
          const options = key === 'tag' ? tagged : key.split(',').map(Number);
          if (key === 'tag') this.readByTag(plan, tagged, v, hint, describeShape(shape), readOption);
          else if (!this.readOneOfScalars(plainOptions(options), v, typeText, describeShape({ kind: 'choice', options: options.map((i) => plan[i] as PlannedOption) }), hint) && !this.readByFirstItem(plan, options, readOption) && !this.readByMapKey(plan, options, readOption) && !this.readByRequiredKeys(plan, options, readOption)) this.tryAlternatives(options.map(readOption));
          w.writeLine('break;');
        });
      }
      w.writeLine('default:');
      w.indent().write(`${READER}.fail(\`expected ${escapeTemplate(describeShape(shape))}, got \${${READER}.describeNext()}\`);`).newLine();
    });
    if (floatAt !== null) w.writeLine(`${READER}.pinFloatWidths([${[...new Set(floats.flatMap((f) => f.widths))].sort((a, b) => a - b).join(', ')}], ${floatAt});`);
    if (returns) this.returned = true;
    return v;
  }

  /**
   * Options of a choice (`options`, in declared order) of which two or more are arrays that start with a member of one
   * integer or text value (`[1, …] / [2, …]`, RFC 8990's messages): the next array's first item, peeked, picks those
   * whose first member it is, tried in order with the options that have no such member. That is how trying them all
   * in order ends, since an option whose first member has another value fails on that array; an error is the one of
   * the options the first item names, not the furthest of all (which was often another option's "expected one of 1").
   * An array whose first item names none (or is no integer or text, or is not there) is tried as the options without
   * such a member, and else fails at that item, saying which values start an option (runtime failFirstItem). False
   * where fewer than two have such a first member; then every option is tried.
   */
  protected readByFirstItem(plan: PlannedOption[], options: number[], readOption: (i: number) => () => void): boolean {
    const firsts = options.map((i) => {
      const value = firstItemValue((plan[i] as PlannedOption).shape, this.ctx, new Set());
      return value === null ? null : [value];
    });
    if (firsts.filter((v) => v !== null).length < 2) return false;
    const cases = valueCases(options, firsts);
    const unnamed = options.filter((_, k) => firsts[k] === null);
    // An array whose first item names none: its first item is wrong, unless an option with no such first member takes
    // it (whose error stands on a tie: it says what that option expected there).
    const shown = oneOf(cases.map((c) => discriminantText(c.value)), Infinity);
    const fail: Attempt = Object.assign(() => this.w.writeLine(`failFirstItem(${READER}, ${JSON.stringify(shown)});`), { alwaysThrows: true as const });
    this.switchOnPeek(`peekFirstOfArray(${READER})`, cases, options, unnamed, readOption, () => this.tryAlternatives([fail, ...unnamed.map(readOption)]));
    return true;
  }

  /**
   * Options of a choice (`options`, in declared order) of which two or more are maps with a required member of one key
   * and one integer or text value each (`{ type: "array", … } / { type: "date", … }`, WebDriver BiDi's values): that
   * key's value in the next map, peeked, picks those whose member it is, tried in order with the options that have no
   * such member, as trying them all in order ends (a map whose entry of that key has another value is none of the
   * others: the key is required, and a map's keys are unique). A map without that key, or with another value there,
   * is tried as every option, as before. False where no key serves two options.
   *
   * Options without such a member that each need one of some keys (requiredMapKeys: WebDriver BiDi's references,
   * `{ sharedId, … } / { handle, … }`, beside `{ type: "string", … }`) are tried only for a map that has one of those
   * keys, and then every option is (the default case): a map with none of them is a value of none of those options, so
   * such a map is read as the options its value names alone, with no error thrown by the others to get there.
   */
  protected readByMapKey(plan: PlannedOption[], options: number[], readOption: (i: number) => () => void): boolean {
    const named = namingKey(options.map((i) => mapKeyValues((plan[i] as PlannedOption).shape, this.ctx, new Set())));
    if (named === null) return false;
    const cases = valueCases(options, named.values);
    const unnamed = options.filter((_, k) => named.values[k] === null);
    const key = mapKeyLiteral(named.key);
    const needed = unnamed.map((i) => requiredMapKeys((plan[i] as PlannedOption).shape, this.ctx, new Set()));
    const all = () => this.tryAlternatives(options.map(readOption));
    // A map without one key of each of an option's alternatives has none of them whole: the first key other than the
    // naming one (which tells nothing here: the named options have it too), where every alternative has one.
    const other = (keys: MapKey[]) => keys.find((k) => mapKeyLiteral(k) !== key);
    if (unnamed.length > 0 && needed.every((sets) => sets !== null && sets.every((keys) => other(keys) !== undefined))) {
      const keys = uniqueKeys((needed as MapKey[][][]).flatMap((sets) => sets.map((keys) => other(keys)!))).map(mapKeyLiteral);
      this.switchOnPeek(`peekMapValue(${READER}, ${key}, [${keys.join(', ')}])`, cases, options, [], readOption, all);
    } else {
      this.switchOnPeek(`peekMapValue(${READER}, ${key})`, cases, options, unnamed, readOption, all);
    }
    return true;
  }

  /**
   * Options of a choice of maps, none named by a key's value, of which some need keys of their own (requiredMapKeys:
   * BiDi's `script.Target`, `{ context, ? sandbox } / { realm }`): one look at the map finds which of those keys it has
   * (`peekMapKeys`), and an option is tried only where the map has every key of one of its alternatives. The others,
   * which it would fail on, are passed over, so a `{ realm }` is read without the error of `{ context }` first. Where
   * the map has the keys of none, every option is tried as before, so that it fails with the same error (byKeyPresence).
   * False where no option but the last needs a key.
   */
  protected readByRequiredKeys(plan: PlannedOption[], options: number[], readOption: (i: number) => () => void): boolean {
    const needed = options.map((i) => requiredMapKeys((plan[i] as PlannedOption).shape, this.ctx, new Set()));
    if (needed.slice(0, -1).every((alternatives) => alternatives === null)) return false;
    const attempts = this.byKeyPresence(options.map(readOption), needed);
    if (attempts === null) return false;
    this.tryAlternatives(attempts);
    return true;
  }

  /**
   * `switch (peek)` over `cases` (choice-dispatch.ts valueCases): each tries, in declared order, the options it names
   * and `unnamed`, those that have no such member; `otherwise` writes the default case.
   */
  private switchOnPeek(peek: string, cases: ValueCase[], options: number[], unnamed: number[], readOption: (i: number) => () => void, otherwise: () => void): void {
    const w = this.w;
    // Values whose cases try the same options share one block (their labels fall through to it), in the order met.
    const withTried = cases.map((c) => ({ value: c.value, tried: options.filter((i) => unnamed.includes(i) || c.options.includes(i)) }));
    const byOptions = groupedInOrder(withTried, ({ tried }) => tried.join(',')).map((group) => ({ tried: group[0]!.tried, values: group.map((c) => c.value) }));
    w.write(`switch (${peek})`).block(() => {
      for (const { tried, values } of byOptions) {
        for (const value of values.slice(0, -1)) w.writeLine(`case ${discriminantLiteral(value)}:`);
        w.write(`case ${discriminantLiteral(values[values.length - 1]!)}:`).block(() => {
          this.tryAlternatives(tried.map(readOption));
          w.writeLine('break;');
        });
      }
      w.write('default:').block(otherwise);
    });
  }

  /** The options of a choice that start with a tag (`options`), picked by its number; those that may have any number come after the ones that name it. */
  protected readByTag(plan: PlannedOption[], options: number[], v: string, hint: string, expected: string, readOption: (i: number) => () => void): void {
    const w = this.w;
    const cases = new Map<bigint, (() => void)[]>();
    const others: (() => void)[] = [];
    const add = (tag: bigint, read: () => void) => cases.set(tag, [...(cases.get(tag) ?? []), read]);
    for (const i of options) {
      const option = plan[i] as PlannedOption;
      if (option.wrap !== null) {
        for (const leaf of option.wrap) add(leaf.tag, () => w.writeLine(`${v} = { tag: ${intLiteral(leaf.tag)}, value: ${this.read(leaf.shape, leaf.type, hint)} };`));
        continue;
      }
      const read = readOption(i);
      const leaves = tagLeavesOf(option, this.ctx);
      if (leaves === null) others.push(read);
      else for (const tag of new Set(leaves.map((l) => l.tag))) add(tag, read);
    }
    w.write(`switch (peekTag(${READER}))`).block(() => {
      for (const [tag, reads] of cases) {
        w.write(`case ${intLiteral(tag)}:`).block(() => {
          this.tryAlternatives([...reads, ...others]);
          w.writeLine('break;');
        });
      }
      if (others.length > 0) w.write('default:').block(() => this.tryAlternatives(others));
      else {
        w.writeLine('default:');
        w.indent().write(`${READER}.fail(\`expected ${escapeTemplate(expected)}, got \${${READER}.describeNext()}\`);`).newLine();
      }
    });
  }
}

/** Whether tag numbers `tags` (null: any) take a bignum's, 2 or 3. */
function mayBeBignum(tags: readonly Interval[] | null): boolean {
  return tags === null || tags.some((interval) => interval.lo <= 3n && interval.hi >= 2n);
}

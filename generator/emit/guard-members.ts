/**
 * The checks of members: an object's fields, a map's computed-key entries
 * and counts, an array record's repeated members, and the alternatives of a
 * map or an array picked by a discriminant or by the members present.
 */
import { scalarCondition } from './scalars.js';
import type { ScalarShape } from '../layout/scalars.js';
import type { IrType } from '../ir/types.js';
import { admitsUndefined, type ArrayRest, type ArrayRun, type DiscriminantValue, type GroupDiscriminant, type GroupVariant, type EntryCount, type Field, type MapField, type MapRest, type Shape } from '../layout/shapes.js';
import { shapeOfRule } from './context.js';
import { readFunctionName } from './function-names.js';
import { functionsOf } from './shared-functions.js';
import { keysSharedWithRest, restKeyParts, scalarOptions } from '../layout/maps.js';
import { membersOf, variantSelector } from '../layout/choices.js';
import { dataApart } from '../layout/rest-ends.js';
import { printType } from '../ir/print.js';
import { countCondition, describeCount, describeEntryCount, describeShape, discriminantLiteral, discriminantText, intLiteral, isObjectPrototypeName, not, objectLiteralKey, oneOf, parenthesised, pathSegment, recordMemberRead } from './syntax.js';
import { depthArgument, PROBLEMS, type Variant, type Variants } from './guard-common.js';
import { choiceTests, inlineObjectTest, optionTest, presenceBranches, type PresenceCandidate } from './guard-tests.js';
import { CheckWriter } from './guard-check-writer.js';

/** The member checks of {@link CheckWriter}'s emitters; `check` (guard-checks.ts) checks each member's value. */
export abstract class MemberChecks extends CheckWriter {
  /**
   * Alternatives (of an array or a map): pick one by the discriminant or by
   * the members present, then check it; where the members present fit several
   * (`overlaps`), the first of those whose whole test passes, in the order the
   * decoder tries them.
   */
  protected checkVariants(layout: Variants, v: string, path: string): void {
    const w = this.w;
    const { variants, discriminant } = layout;
    const members = variants.map((x) => membersOf(x.fields, x.rests));
    const selector = variantSelector(members, discriminant, layout.tag, layout.overlaps);
    const checkOne = (k: number, object: string, known?: string) => this.checkVariant(variants[k] as Variant, object, path, known);
    w.writeLine(`if (!${inlineObjectTest(v)}) ok = report(${PROBLEMS}, ${path}, 'an object', ${v});`);
    w.write('else').block(() => {
      const object = this.locals.take('object');
      w.writeLine(`const ${object} = ${v} as Record<string, unknown>;`);
      if (selector.kind === 'discriminant') {
        const d = selector.discriminant;
        const tag = recordMemberRead(object, d.name);
        w.write(`switch (${tag})`).block(() => {
          variants.forEach((_, k) => {
            const value = d.values[k] as DiscriminantValue;
            w.write(`case ${discriminantLiteral(value)}:`).block(() => {
              // The discriminant's one value is what the case tests: its member is not tested again.
              checkOne(k, object, d.name);
              w.writeLine('break;');
            });
          });
          const shown = oneOf(d.values.map(discriminantText), Infinity);
          w.writeLine('default:');
          w.indent().write(`ok = report(${PROBLEMS}, ${path} + ${pathSegment(d.name)}, ${JSON.stringify(shown)}, ${tag});`).newLine();
        });
        return;
      }
      presenceBranches(selector, object, members, this.ctx).forEach((branch, n) => {
        w.write(`${n === 0 ? 'if' : 'else if'} (${branch.map((b) => (branch.length === 1 ? b.test : `(${b.test})`)).join(' || ')})`);
        if (branch.length === 1) w.block(() => checkOne((branch[0] as PresenceCandidate).k, object));
        else w.block(() => this.tryVariants(branch, variants, object, path));
      });
      const described = selector.allowed.map((list) => (list.length === 0 ? '{}' : `{ ${list.join(', ')} }`)).join(' or ');
      w.writeLine(`else ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(`an object with the members of one alternative: ${described}`)}, ${v});`);
    });
  }

  /** One alternative of a map or an array: its fields (but `known`, a member the caller has tested), computed-key entries and counts, on `object`. */
  protected checkVariant(variant: Variant, object: string, path: string, known?: string): void {
    this.checkFields(known === undefined ? variant.fields : variant.fields.filter((f) => f.name !== known), object, path);
    for (const rest of variant.rests) this.checkRestProperty(rest, object, path, variant.fields);
    this.checkCounts(variant.counts, variant.rests, object, path);
  }

  /**
   * Alternatives whose members `object` has, tried in order: each is checked
   * by a local function (its own `ok`, and `return false` ends it, not the
   * check); the first that passes is the value's. When none does, the first
   * explains, with the problems collected.
   */
  protected tryVariants(branch: PresenceCandidate[], variants: Variant[], object: string, path: string): void {
    const w = this.w;
    w.writeLine('// The members present fit several alternatives: the first whose test passes, in the order the decoder tries them.');
    const tests = branch.map((b) => {
      const name = this.locals.take(`alternative${b.k + 1}`);
      this.variantFunction(name, variants[b.k] as Variant, path);
      return { ...b, name };
    });
    w.write(`if (!(${tests.map((t) => `(${t.test} && ${t.name}(${object}, null))`).join(' || ')}))`).block(() => {
      const checks = tests.map((t) => `${t.test} ? ${t.name} : null`);
      w.writeLine(`if (${PROBLEMS} !== null) reportClosest(${PROBLEMS}, ${object}, [${checks.join(', ')}]);`);
      w.writeLine('ok = false;');
    });
  }

  /** `const name = (value, problems) => …`: whether `value` is of one alternative, with that alternative's problems. */
  variantFunction(name: string, variant: Variant, path: string): void {
    const w = this.w;
    // An alternative without members (an empty map) checks nothing: its parameters are named unused (`noUnusedParameters`).
    const empty = variant.fields.length === 0 && variant.rests.length === 0 && variant.counts.length === 0;
    if (empty) {
      w.writeLine(`const ${name} = (_value: Record<string, unknown>, _problems: Problem[] | null): boolean => true;`);
      return;
    }
    w.write(`const ${name} = (value: Record<string, unknown>, ${PROBLEMS}: Problem[] | null): boolean => `).inlineBlock(() => {
      w.writeLine('let ok = true;');
      const outer = this.inVariantFunction;
      this.inVariantFunction = true;
      this.checkVariant(variant, 'value', path);
      this.inVariantFunction = outer;
      w.writeLine('return ok;');
    });
    w.write(';').newLine();
  }

  /** Objects: `v` must be an object, then its fields are checked. */
  protected checkObject(fields: Field[], rests: readonly MapRest[], v: string, path: string, positional = false, items?: ArrayRest | readonly (ArrayRest | ArrayRun)[], counts: EntryCount[] = [], mayReturn = false): void {
    const w = this.w;
    const members = () => {
      // Members only, read by one destructuring: no local for the object (an array's optional members are tested
      // against each other only where there are two or more: checkTrailingOptionals).
      const trailing = positional && fields.filter((f) => f.optional).length >= 2;
      if (rests.length === 0 && counts.length === 0 && !trailing && items === undefined && !fields.some((f) => isObjectPrototypeName(f.name))) {
        this.checkFields(fields, `${v} as Record<string, unknown>`, path);
        return;
      }
      const object = this.locals.take('object');
      w.writeLine(`const ${object} = ${v} as Record<string, unknown>;`);
      this.checkFields(fields, object, path);
      for (const rest of rests) this.checkRestProperty(rest, object, path, fields);
      this.checkCounts(counts, rests, object, path);
      // Only an array's optional members are positional; a map's are independent.
      if (positional) this.checkTrailingOptionals(fields, object, path);
      // A record's repeated member, or the `runs` layout's (each an array property).
      for (const each of items === undefined ? [] : Array.isArray(items) ? (items as readonly (ArrayRest | ArrayRun)[]) : [items as ArrayRest]) this.checkItems(each, recordMemberRead(object, each.name), this.childPath(path, pathSegment(each.name)));
    };
    // The object of the whole rule, in a check that remembers nothing: one that is not an object ends the check at once.
    if (mayReturn && this.memo === null && !this.inVariantFunction) {
      w.writeLine(`if (!${inlineObjectTest(v)}) return report(${PROBLEMS}, ${path}, 'an object', ${v});`);
      members();
      return;
    }
    w.writeLine(`if (!${inlineObjectTest(v)}) ok = report(${PROBLEMS}, ${path}, 'an object', ${v});`);
    w.write('else').block(members);
  }

  /** A record's repeated members: an array of the right length whose every item is valid (a repeated group's: every repetition). */
  protected checkItems(rest: ArrayRest | ArrayRun, v: string, path: string): void {
    const w = this.w;
    const list = this.locals.take(rest.name);
    w.writeLine(`const ${list} = ${v};`);
    this.notAnArray(list, path);
    w.write(' else ').block(() => {
      const count = countCondition(`${list}.length`, rest.min, rest.max);
      if (count !== null) w.writeLine(`if (${count}) ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(`an array of ${describeCount(rest.min, rest.max)}`)}, ${list});`);
      const group = 'group' in rest ? rest.group : undefined;
      if (group === undefined) {
        this.checkItemLoop(list, '0', `${list}.length`, rest.item, path);
        return;
      }
      const index = this.locals.take('i');
      w.write(`for (let ${index} = 0; ${index} < ${list}.length; ${index}++)`).block(() => {
        this.checkRepetition({ variants: [group], discriminant: null }, `${list}[${index}]`, this.childPath(path, `'[' + ${index} + ']'`));
        this.endEarly();
      });
    });
  }

  /** One repetition of a repeated group (guard-checks.ts). */
  protected abstract checkRepetition(layout: { variants: GroupVariant[]; discriminant: GroupDiscriminant | null }, v: string, path: string): void;

  /**
   * The Map property holding a map's computed-key entries. A key a field names is an entry only
   * where the field has no cut and is absent (RFC 8610 §3.5.4), so that the map holds it once.
   */
  protected checkRestProperty(rest: MapRest, object: string, path: string, fields: readonly Field[]): void {
    const w = this.w;
    const entries = this.locals.take(rest.name);
    w.writeLine(`const ${entries} = ${recordMemberRead(object, rest.name)};`);
    const check = () => this.checkEntries(rest, entries, this.childPath(path, pathSegment(rest.name)));
    if (rest.min === 0) w.write(`if (${entries} !== undefined)`).block(check);
    else check();
    const shared = keysSharedWithRest(fields as MapField[], rest, this.ctx);
    if (shared.length === 0) return;
    if (rest.keysByEncoding) {
      this.checkPairKeys(rest, entries, object, path, shared);
      return;
    }
    w.write(`if (${entries} instanceof Map)`).block(() => {
      const restPath = this.childPath(path, pathSegment(rest.name));
      for (const field of shared) {
        const key = field.key.type === 'text' ? JSON.stringify(field.key.value) : field.key.value;
        const held = field.key.type === 'text' ? `${entries}.has(${key})` : `(${entries}.has(${key}) || ${entries}.has(${key}n))`;
        const taken = field.cut ? held : `${held} && ${recordMemberRead(object, field.name)} !== undefined`;
        const expected = field.cut ? `no entry with the key ${key}: the member ${field.name} has it, with a cut (RFC 8610 §3.5.4)` : `no entry with the key ${key} while the member ${field.name} is set`;
        const at = this.childPath(restPath, `'[' + ${JSON.stringify(key)} + ']'`);
        w.writeLine(`if (${taken}) ok = report(${PROBLEMS}, ${at}, ${JSON.stringify(expected)}, ${entries}.get(${key}));`);
        if (field.cut) continue;
        // Nor, the member absent, one the decoder would read back as the member: none where no value of the entries is a data item of the member's type.
        if (dataApart(field.shape, rest.value, this.ctx)) continue;
        const anyValue = this.holdsAny(rest.value);
        // Where no test can tell (an inline array or map), nothing is refused.
        if (this.ofFieldType(field.shape, field.type, anyValue, 'v', holdsScalar(field.shape) ? 'data' : null) === 'false') continue;
        const entry = this.locals.take('entry');
        const data = anyValue && holdsScalar(field.shape) ? this.locals.take('data') : null;
        w.write(`else if (${held})`).block(() => {
          w.writeLine(`const ${entry} = ${field.key.type === 'text' ? `${entries}.get(${key})` : `${entries}.get(${key}) ?? ${entries}.get(${key}n)`};`);
          if (data !== null) w.writeLine(`const ${data}: unknown = isCborAny(${entry}) ? ${entry}.value : undefined;`);
          const ofField = this.ofFieldType(field.shape, field.type, anyValue, entry, data);
          w.writeLine(`if (${ofField}) ok = report(${PROBLEMS}, ${at}, ${JSON.stringify(`no entry with the key ${key} whose value is of the member ${field.name}'s type (it would be read back as that member)`)}, ${entry});`);
        });
      }
    });
  }

  /**
   * Entries of a kind whose keys are not solely integers and texts (MapRest.keysByEncoding) under a key a field
   * names: refused where the decoder would read the entry back as the field (a cut, or a value of the field's type)
   * or the map would hold the key twice (the field set too), so that what encodes decodes to the same value.
   */
  private checkPairKeys(rest: MapRest, entries: string, object: string, path: string, shared: readonly MapField[]): void {
    const w = this.w;
    w.write(`if (${entries} instanceof Map)`).block(() => {
      const index = this.locals.take('i');
      const pair = this.locals.take('pair');
      // The entry's place in the Map, as its path names it.
      w.writeLine(`let ${index} = -1;`);
      w.write(`for (const ${pair} of ${entries} as Map<unknown, unknown>)`).block(() => {
        w.writeLine(`${index}++;`);
        // A key of `any` is a CborAny: its value is the data item compared.
        const scalars = scalarOptions(rest.keyType, this.ctx, new Set());
        const keyData = this.locals.take('key');
        w.writeLine(`const ${keyData}: unknown = ${scalars === null || scalars.some((s) => s.kind === 'any') ? `isCborAny(${pair}[0]) ? ${pair}[0].value : ${pair}[0]` : `${pair}[0]`};`);
        const at = this.childPath(this.childPath(path, pathSegment(rest.name)), `'[' + ${index} + '][0]'`);
        // A value of `any` is a CborAny: a scalar field's test applies to its value.
        const anyValue = this.holdsAny(rest.value);
        const data = anyValue && shared.some((f) => !f.cut && holdsScalar(f.shape)) ? this.locals.take('data') : null;
        if (data !== null) w.writeLine(`const ${data}: unknown = isCborAny(${pair}[1]) ? ${pair}[1].value : undefined;`);
        for (const field of shared) {
          const literal = field.key.type === 'text' ? JSON.stringify(field.key.value) : intLiteral(BigInt(field.key.value));
          const shown = field.key.type === 'text' ? JSON.stringify(field.key.value) : field.key.value;
          const held = `sameData(${keyData}, ${literal})`;
          if (field.cut) {
            w.writeLine(`if (${held}) ok = report(${PROBLEMS}, ${at}, ${JSON.stringify(`no entry with the key ${shown}: the member ${field.name} has it, with a cut (RFC 8610 §3.5.4)`)}, ${pair}[0]);`);
            continue;
          }
          w.writeLine(`if (${held} && ${recordMemberRead(object, field.name)} !== undefined) ok = report(${PROBLEMS}, ${at}, ${JSON.stringify(`no entry with the key ${shown} while the member ${field.name} is set`)}, ${pair}[0]);`);
          // An entry whose value is no data item of the member's type (an int beside a float member) is never read back as it.
          if (dataApart(field.shape, rest.value, this.ctx)) continue;
          const ofField = this.ofFieldType(field.shape, field.type, anyValue, `${pair}[1]`, data);
          if (ofField === 'false') continue;
          const expected = `no entry with the key ${shown} whose value is of the member ${field.name}'s type (it would be read back as that member)`;
          w.writeLine(`else if (${held} && ${parenthesised(ofField)}) ok = report(${PROBLEMS}, ${at}, ${JSON.stringify(expected)}, ${pair}[1]);`);
        }
      });
    });
  }

  /**
   * A test that an entry's value `v` is a data item of the field's type (`shape`), as the decoder
   * tries it first: by the field's tests for a typed value; for a CborAny (`anyValue`; `data`: its
   * value), by a scalar's test or a rule's decoder. `'false'` where the guard cannot tell (an inline
   * array or map): such an entry is not refused, so that every value the decoder gives encodes.
   */
  protected ofFieldType(shape: Shape, type: IrType, anyValue: boolean, v: string, data: string | null): string {
    if (shape.kind === 'any' && shape.head === undefined && shape.except === undefined) return 'true';
    if (shape.kind === 'choice') {
      const options = anyValue ? shape.options.map((o) => this.ofFieldType(o.shape, o.type, true, v, data)) : choiceTests(shape, v, this.ctx, this.rule).map((t) => t.test);
      if (options.includes('true')) return 'true';
      const known = options.filter((o) => o !== 'false');
      return known.length === 0 ? 'false' : known.map(parenthesised).join(' || ');
    }
    if (anyValue) {
      if (data !== null && isScalarShape(shape)) return scalarCondition(shape, data, true, '0', this.ctx.integers) ?? 'true';
      // A rule's own decoder tells whether the data item reads as the member.
      if (shape.kind === 'rule') {
        const depth = depthArgument(this.level);
        return `isCborAny(${v}) && decodesAs(${v}.encoded, ${readFunctionName(functionsOf(this.ctx.shared, shape.rule))}, false${depth === '0' ? '' : `, ${depth}`})`;
      }
      return 'false';
    }
    if (shape.kind === 'array' || shape.kind === 'map' || shape.kind === 'tagged') return 'false';
    return optionTest({ shape, type }, v, this.ctx, this.rule);
  }

  /** Whether the values of a shape are CborAny: `any`, directly or through rules. */
  private holdsAny(shape: Shape, seen = new Set<string>()): boolean {
    if (shape.kind === 'any') return true;
    if (shape.kind !== 'rule' || seen.has(shape.rule.name) || this.ctx.general.has(shape.rule.name)) return false;
    return this.holdsAny(shapeOfRule(this.ctx, shape.rule), new Set([...seen, shape.rule.name]));
  }

  /** Every required field present and valid, every optional one valid when present. */
  protected checkFields(fields: Field[], object: string, path: string): void {
    const w = this.w;
    // Every member is read before any is checked: one test of the object's map serves them all.
    const values = fields.map((field) => this.locals.take(field.name));
    if (fields.some((f) => isObjectPrototypeName(f.name))) {
      // Own properties only for these names (recordMemberRead): one read each, in order.
      fields.forEach((field, k) => w.writeLine(`const ${values[k]} = ${recordMemberRead(object, field.name)};`));
    } else if (fields.length > 0) {
      // One destructuring reads every member (the same reads, in order); `object` may be an expression here.
      const pattern = fields.map((field, k) => (objectLiteralKey(field.name) === values[k] ? field.name : `${objectLiteralKey(field.name)}: ${values[k]}`));
      const line = `const { ${pattern.join(', ')} } = ${object};`;
      if (line.length <= 120) w.writeLine(line);
      else {
        // A long list one member a line, as one would write it.
        w.writeLine('const {');
        w.indent(() => pattern.forEach((p) => w.writeLine(`${p},`)));
        w.writeLine(`} = ${object};`);
      }
    }
    fields.forEach((field, k) => {
      const fieldValue = values[k] as string;
      const scalar = this.memberScalar(field.shape, fieldValue);
      if (scalar !== null) {
        // One test: it fails on an absent member too, so the presence test only picks the message.
        const reported = `${path} + ${pathSegment(field.name)}`;
        const expected = JSON.stringify(scalar.expected);
        if (field.optional) w.writeLine(`if (${fieldValue} !== undefined && ${scalar.failed}) ok = report(${PROBLEMS}, ${reported}, ${expected}, ${fieldValue});`);
        else {
          // The runtime adds "(name is required)" when the member is absent; a rule's own test in place (memberScalar)
          // then names the rule rather than what its test expects.
          const named = describeShape(field.shape);
          const absent = named === scalar.expected ? '' : `, ${JSON.stringify(named)}`;
          w.writeLine(`if (${scalar.failed}) ok = reportRequired(${PROBLEMS}, ${path}, ${JSON.stringify(field.name)}, ${expected}, ${fieldValue}${absent});`);
        }
        return;
      }
      // The member's path is built only where it is needed: a report's argument only when it reports, a rule's
      // check gets it only when problems are collected; other shapes use it often enough to keep it in a local.
      const segment = pathSegment(field.name);
      const reported = `${path} + ${segment}`;
      const test = field.shape.kind === 'choice' ? this.choiceMemberTest(field.shape, fieldValue, reported) : this.singleTest(field.shape, fieldValue, field.shape.kind === 'rule' || field.shape.kind === 'array' ? `${PROBLEMS} === null ? '' : ${reported}` : reported);
      const fieldPath = test === null ? this.childPath(path, segment) : reported;
      const failed = test?.failed ?? null;
      if (field.optional) {
        if (test === null) w.write(`if (${fieldValue} !== undefined)`).block(() => this.check(field.shape, fieldValue, fieldPath));
        else if (test.then !== '') w.writeLine(`if (${fieldValue} !== undefined${failed === null ? '' : ` && ${failed}`}) ${test.then}`);
      } else if (admitsUndefined(field.type, this.ctx)) {
        // A required array member that may be undefined (`[e: int / undefined, m: int]`): undefined is one of its values,
        // not its absence, so its test alone decides (the encoder writes the undefined an absent property reads as).
        if (test === null) this.check(field.shape, fieldValue, fieldPath);
        else if (test.then !== '') w.writeLine(`${failed === null ? '' : `if (${failed}) `}${test.then}`);
      } else {
        if (test === null) {
          w.writeLine(`if (${fieldValue} === undefined) ok = report(${PROBLEMS}, ${fieldPath}, ${JSON.stringify(`${describeShape(field.shape)} (${field.name} is required)`)}, ${fieldValue});`);
          w.write('else').block(() => this.check(field.shape, fieldValue, fieldPath));
          return;
        }
        // The runtime builds the member's path and adds "(name is required)".
        w.writeLine(`if (${fieldValue} === undefined) ok = reportRequired(${PROBLEMS}, ${path}, ${JSON.stringify(field.name)}, ${JSON.stringify(describeShape(field.shape))}, ${fieldValue});`);
        if (test.then !== '') w.writeLine(`else ${failed === null ? '' : `if (${failed}) `}${test.then}`);
      }
    });
    fields.forEach((field, k) => {
      if ('excludes' in field && field.excludes !== undefined) this.checkExcluded(field as MapField, values[k] as string, path);
    });
  }

  /**
   * A member that must not hold a value of an earlier alternative's type (MapField.excludes: layout/groups.ts
   * `choiceReadings`), which the decoder would read as that alternative: refused, so that what encodes decodes to itself.
   */
  private checkExcluded(field: MapField, v: string, path: string): void {
    const excluded = field.excludes as NonNullable<MapField['excludes']>;
    const anyValue = this.holdsAny(field.shape);
    const data = anyValue && holdsScalar(excluded.shape) ? this.locals.take('data') : null;
    const test = this.ofFieldType(excluded.shape, excluded.type, anyValue, v, data);
    if (test === 'false') return;
    const expected = `no value of type ${printType(excluded.type)} (it would be read back as the alternative with ${field.name} as its member)`;
    this.w.write(`if (${v} !== undefined)`).block(() => {
      if (data !== null) this.w.writeLine(`const ${data}: unknown = isCborAny(${v}) ? ${v}.value : undefined;`);
      this.w.writeLine(`if (${test}) ok = report(${PROBLEMS}, ${path} + ${pathSegment(field.name)}, ${JSON.stringify(expected)}, ${v});`);
    });
  }

  /**
   * A member's check of a choice as one test and its report, as {@link singleTest} gives for a scalar, where no
   * option can explain a value of its kind in detail (CheckWriter.choiceExplainer); else null (checkChoice).
   */
  private choiceMemberTest(shape: Extract<Shape, { kind: 'choice' }>, v: string, path: string): { failed: string; then: string } | null {
    if (this.choiceExplainer(shape) !== undefined) return null;
    return { failed: `!(${this.choiceTest(shape, v)})`, then: `ok = ${this.choiceReport(shape, v, path)};` };
  }

  /**
   * A member's check as one scalar test that fails on `undefined` (so on an absent member), with what it expects: a
   * scalar's, or that of a rule whose check function is that one test (`MessageId = bstr .size 32`), written in
   * place of the call with the message the rule's check would give. Null for any other shape.
   */
  private memberScalar(shape: Shape, v: string): { failed: string; expected: string } | null {
    let scalar = shape;
    let depth = depthArgument(this.level);
    if (shape.kind === 'rule') {
      const name = shape.rule.name;
      // The check of a general, tracked or remembered rule does more than one test.
      if (this.ctx.general.has(name) || this.ctx.tracked.has(name) || this.ctx.memoisedChecks.has(name)) return null;
      scalar = shapeOfRule(this.ctx, shape.rule);
      depth = '0';
    }
    // These kinds' tests check the JavaScript type first (`undefined`'s passes, `never`'s and `any`'s test nothing).
    if (!(scalar.kind === 'int' || scalar.kind === 'float' || scalar.kind === 'text' || scalar.kind === 'bytes' || scalar.kind === 'bool' || scalar.kind === 'null')) return null;
    const condition = scalarCondition(scalar, v, true, depth, this.ctx.integers);
    if (condition === null || condition === 'false') return null;
    return { failed: not(condition), expected: describeShape(scalar) };
  }

  /** How many of each repeated group's members are present (`{ + $$SUIT_Parameters }`: at least one). */
  protected checkCounts(counts: EntryCount[], rests: readonly MapRest[], object: string, path: string): void {
    for (const count of counts) {
      const present = this.locals.take('present');
      const terms = count.names.map((n) => `(${recordMemberRead(object, n)} === undefined ? 0 : 1)`);
      for (const rest of rests.filter((r) => count.rests.includes(r.name))) {
        const entries = recordMemberRead(object, rest.name);
        terms.push(`(${entries} instanceof Map ? (${entries} as Map<unknown, unknown>).size : 0)`);
      }
      this.w.writeLine(`const ${present} = ${terms.join(' + ')};`);
      const bounds = countCondition(present, count.min, count.max) as string;
      this.w.writeLine(`if (${bounds}) ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(`an object with ${describeEntryCount(count)}`)}, ${object});`);
    }
  }

  /** A Map of computed-key entries: the count, each key against the schema, each value. */
  protected checkEntries(rest: MapRest, v: string, path: string): void {
    if (rest.keysByEncoding) {
      this.checkPairs(rest, v, path);
      return;
    }
    const w = this.w;
    w.writeLine(`if (!(${v} instanceof Map)) ok = report(${PROBLEMS}, ${path}, 'a Map', ${v});`);
    w.write('else').block(() => {
      const count = countCondition(`${v}.size`, rest.min, rest.max);
      if (count !== null) w.writeLine(`if (${count}) ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(`a Map of ${describeCount(rest.min, rest.max, 'entry')}`)}, ${v});`);
      const key = this.locals.take('key');
      const entry = this.locals.take('entry');
      const parts = restKeyParts(rest, this.ctx);
      const keyTests = [parts.int, parts.text].flatMap((part) => (part === null ? [] : [scalarCondition(part, key, true, depthArgument(this.level), this.ctx.integers) ?? 'true']));
      w.write(`for (const [${key}, ${entry}] of ${v} as Map<unknown, unknown>)`).block(() => {
        // String() of an object or a function may throw (no prototype, its own toString): such a key is named by its type.
        const keyPath = this.childPath(path, `'[' + (typeof ${key} === 'string' ? JSON.stringify(${key}) : (typeof ${key} === 'object' && ${key} !== null) || typeof ${key} === 'function' ? typeof ${key} : String(${key})) + ']'`);
        w.writeLine(`if (!(${keyTests.join(' || ')})) ok = report(${PROBLEMS}, ${keyPath}, ${JSON.stringify(`a key of type ${printType(rest.keyType)}`)}, ${key});`);
        // A JavaScript Map holds 1 and 1n apart; CBOR has the one integer, which a map holds once (RFC 8949 §5.6).
        if (parts.int !== null) {
          w.writeLine(`if (typeof ${key} === 'bigint' && Number.isSafeInteger(Number(${key})) && ${v}.has(Number(${key}))) ok = report(${PROBLEMS}, ${keyPath}, 'a key that no other entry has (the number and the bigint of one integer are one key)', ${key});`);
        }
        this.check(rest.value, entry, keyPath);
        this.endEarly();
      });
    });
  }

  /**
   * Entries whose keys are not solely integers and texts (arrays, maps, tags, byte strings, floats…:
   * MapRest.keysByEncoding), a Map as the others are, each key and value checked, no key twice by the data (a Map
   * tells two arrays apart by identity). Paths name an entry by its place: `[i][0]` its key, `[i][1]` its value, as
   * the decoder's do.
   */
  protected checkPairs(rest: MapRest, v: string, path: string): void {
    const w = this.w;
    w.writeLine(`if (!(${v} instanceof Map)) ok = report(${PROBLEMS}, ${path}, 'a Map', ${v});`);
    w.write('else').block(() => {
      const count = countCondition(`${v}.size`, rest.min, rest.max);
      if (count !== null) w.writeLine(`if (${count}) ok = report(${PROBLEMS}, ${path}, ${JSON.stringify(`a Map of ${describeCount(rest.min, rest.max, 'entry')}`)}, ${v});`);
      const index = this.locals.take('i');
      const keys = this.locals.take('keys');
      w.writeLine(`const ${keys} = new Set<string>();`);
      w.writeLine(`let ${index} = -1;`);
      const entryKey = this.locals.take('entryKey');
      const entry = this.locals.take('entry');
      w.write(`for (const [${entryKey}, ${entry}] of ${v} as Map<unknown, unknown>)`).block(() => {
        w.writeLine(`${index}++;`);
        const at = this.childPath(path, `'[' + ${index} + ']'`);
        const keyPath = this.childPath(at, "'[0]'");
        this.check(rest.key, entryKey, keyPath);
        this.check(rest.value, entry, this.childPath(at, "'[1]'"));
        // Each key's identity, kept in a Set: a key twice is found in time linear in the keys. Keys of `any` by their
        // deterministic encodings (two encodings of one data item are one key); float keys left numbers (of no integral
        // value, so neither -0.0 nor NaN: coinciding-floats.ts boxes the others) by floatKey; others as the same data
        // (dataKey: 1 and 1n are one).
        const key = this.locals.take('key');
        const identity = rest.key.kind === 'float' && rest.key.boxed !== true ? `floatKey(${entryKey})` : `dataKey(${entryKey})`;
        w.writeLine(`const ${key} = ${identity};`);
        w.writeLine(`if (${keys}.has(${key})) ok = report(${PROBLEMS}, ${keyPath}, 'a key that no earlier entry has', ${entryKey});`);
        w.writeLine(`else ${keys}.add(${key});`);
        this.endEarly();
      });
    });
  }

  /** Optional array members are positional: a later one cannot be present without the earlier ones. */
  protected checkTrailingOptionals(fields: Field[], v: string, path: string): void {
    const optional = fields.filter((f) => f.optional);
    for (let i = 1; i < optional.length; i++) {
      const earlier = optional[i - 1] as Field;
      const later = optional[i] as Field;
      this.w.writeLine(
        `if (${recordMemberRead(v, later.name)} !== undefined && ${recordMemberRead(v, earlier.name)} === undefined) ` +
          `ok = report(${PROBLEMS}, ${path} + ${pathSegment(earlier.name)}, ${JSON.stringify(`a value: ${later.name} is set, and array members are positional`)}, undefined);`,
      );
    }
  }
}

/** An integer, text, byte string, boolean or null shape: its test applies to a CborAny's value as well. */
function isScalarShape(shape: Shape): shape is ScalarShape {
  return shape.kind === 'int' || shape.kind === 'text' || shape.kind === 'bytes' || shape.kind === 'bool' || shape.kind === 'null';
}

/** Whether a shape is such a scalar, or a choice with one among its options. */
function holdsScalar(shape: Shape): boolean {
  return isScalarShape(shape) || (shape.kind === 'choice' && shape.options.some((o) => holdsScalar(o.shape)));
}

/**
 * Decoders: `decodeX(bytes)` for every type rule, over an internal
 * `readX(reader, path)` that reads the bytes directly through the runtime's
 * CborReader. Every check happens as the bytes are read; the first problem
 * throws a DecodeError naming the path and the byte offset.
 */
import { StructureKind, type CodeBlockWriter, type FunctionDeclarationStructure } from 'ts-morph';
import type { IrRule, IrType } from '../ir/types.js';
import { shapeOfRule, type EmitContext } from './context.js';
import { docs } from './docs.js';
import { naturalType, intCondition, majorsOf, scalarCondition, castTo } from './scalars.js';
import { unsupported, type ArrayLayout, type Field, type MapField, type MapLayout, type Shape } from './shapes.js';
import { countCondition, describeCount, describeShape, intLiteral, LocalNames, objectLiteralKey, pathSegment } from './syntax.js';
import { tsType } from './types.js';

const READER = 'reader';
const PATH = 'path';

export function readFunctionName(rule: IrRule): string {
  return `read${rule.tsName}`;
}

export function decoderFunctions(ctx: EmitContext): FunctionDeclarationStructure[] {
  return ctx.typeRules.flatMap((rule) => [readFunction(rule, ctx), decodeFunction(rule)]);
}

function decodeFunction(rule: IrRule): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name: `decode${rule.tsName}`,
    isExported: true,
    docs: docs(
      `Decodes \`${rule.tsName}\` from CBOR bytes, reading them directly and checking every constraint of the schema.\n` +
        'Any well-formed encoding is accepted; byte strings in the result are views into `bytes`, not copies.\n\n' +
        '@throws DecodeError with the path and byte offset of the first problem (trailing bytes included).',
      null,
    ),
    parameters: [{ name: 'bytes', type: 'Uint8Array' }],
    returnType: rule.tsName,
    statements: [
      `const ${READER} = new CborReader(bytes);`,
      `const value = ${readFunctionName(rule)}(${READER}, '');`,
      `${READER}.finish('');`,
      'return value;',
    ],
  };
}

function readFunction(rule: IrRule, ctx: EmitContext): FunctionDeclarationStructure {
  const shape = shapeOfRule(ctx, rule);
  return {
    kind: StructureKind.Function,
    name: readFunctionName(rule),
    parameters: [
      { name: READER, type: 'CborReader' },
      { name: PATH, type: 'string' },
    ],
    returnType: rule.tsName,
    statements: (writer) => {
      const gen = new ReadEmitter(ctx, writer, rule);
      const value = gen.read(shape, rule.type as IrType, PATH, 'value', rule.tsName);
      writer.writeLine(`return ${value};`);
    },
  };
}

class ReadEmitter {
  private readonly locals = new LocalNames([READER, PATH]);

  constructor(
    private readonly ctx: EmitContext,
    private readonly w: CodeBlockWriter,
    private readonly rule: IrRule,
  ) {}

  /**
   * Writes statements reading one item of `shape` and returns an expression
   * of the value, typed as `type` (a local, possibly cast). `ruleType` is
   * set for the rule's own type: the value gets the rule's name (its
   * interface, or its branded type) rather than a structural type.
   */
  read(shape: Shape, type: IrType, path: string, hint: string, ruleType: string | null = null): string {
    const w = this.w;
    switch (shape.kind) {
      case 'rule': {
        const v = this.locals.take(hint);
        w.writeLine(`const ${v} = ${readFunctionName(shape.rule)}(${READER}, ${path});`);
        return v;
      }
      case 'never': {
        const v = this.locals.take(hint);
        w.writeLine(`const ${v}: never = ${READER}.fail(${JSON.stringify(`expected ${describeShape(shape)}`)}, ${path});`);
        return v;
      }
      case 'any':
        return unsupported(this.ctx, this.rule.span, '`any` (a value the schema leaves open) is not decoded yet');
      case 'int':
      case 'float':
      case 'text':
      case 'bytes':
      case 'bool':
      case 'null':
      case 'undefined':
        return this.readScalar(shape, ruleType ?? tsType(type, this.ctx), path, hint);
      case 'tag': {
        const tag = this.locals.take('tag');
        w.writeLine(`const ${tag} = ${READER}.readTag(${path});`);
        w.writeLine(`if (${tag} !== ${intLiteral(shape.tag)}) ${READER}.fail(\`expected tag ${shape.tag}, got tag \${${tag}}\`, ${path});`);
        return this.read(shape.inner, shape.innerType, path, hint, ruleType);
      }
      case 'array':
        return this.readArray(shape.layout, ruleType ?? tsType(type, this.ctx), path, hint);
      case 'map':
        return this.readMap(shape.layout, ruleType ?? tsType(type, this.ctx), path, hint);
      case 'choice':
        return this.readChoice(shape, ruleType ?? tsType(type, this.ctx), path, hint);
    }
  }

  private readScalar(shape: Extract<Shape, { kind: 'int' | 'float' | 'text' | 'bytes' | 'bool' | 'null' | 'undefined' }>, typeText: string, path: string, hint: string): string {
    const w = this.w;
    const v = this.locals.take(hint);
    switch (shape.kind) {
      case 'int':
        w.writeLine(`const ${v} = ${READER}.${shape.intervals.every((i) => i.lo >= 0n) ? 'readUint' : 'readInt'}(${path});`);
        break;
      case 'float':
        if (shape.widths.length < 3) {
          const width = this.locals.take('width');
          w.writeLine(`const ${width} = ${READER}.readFloatWidth(${path});`);
          w.writeLine(`if (${shape.widths.map((x) => `${width} !== ${x}`).join(' && ')}) ${READER}.fail(\`expected ${describeShape(shape)}, got a \${${width}}-bit float\`, ${path});`);
        }
        w.writeLine(`const ${v} = ${READER}.readFloat(${path});`);
        break;
      case 'text':
        w.writeLine(`const ${v} = ${READER}.readText(${path});`);
        break;
      case 'bytes':
        w.writeLine(`const ${v} = ${READER}.readBytes(${path});`);
        break;
      case 'bool':
        w.writeLine(`const ${v} = ${READER}.readBool(${path});`);
        break;
      case 'null':
        w.writeLine(`const ${v} = ${READER}.readNull(${path});`);
        break;
      case 'undefined':
        w.writeLine(`const ${v} = ${READER}.readUndefined(${path});`);
        break;
    }
    // The reader already checked the major type; what is left are the schema's own constraints.
    const condition = shape.kind === 'int' ? intCondition(shape.intervals, v, true) : scalarCondition(shape, v, false);
    if (condition !== null) {
      const got = shape.kind === 'text' || shape.kind === 'bytes' ? describeGot(shape.kind, v) : `\${${v}}`;
      w.writeLine(`if (!(${condition})) ${READER}.fail(\`expected ${escapeTemplate(describeShape(shape))}, got ${got}\`, ${path});`);
    }
    return castTo(v, naturalType(shape), typeText);
  }

  private readArray(layout: ArrayLayout, typeText: string, path: string, hint: string): string {
    const w = this.w;
    const count = this.locals.take('count');
    w.writeLine(`const ${count} = ${READER}.readArrayHeader(${path});`);
    if (layout.kind === 'list') {
      const bounds = countCondition(count, layout.min, layout.max);
      const expected = describeCount(layout.min, layout.max);
      if (bounds !== null) w.writeLine(`if (${count} >= 0 && ${bounds}) ${READER}.fail(\`expected an array of ${expected}, got \${${count}}\`, ${path});`);
      const items = this.locals.take(hint === 'value' ? 'items' : hint);
      const index = this.locals.take('i');
      w.writeLine(`const ${items}: ${this.elementTypeText(layout.itemType)}[] = [];`);
      w.write(`for (let ${index} = 0; ${READER}.hasMoreItems(${count}, ${index}, ${path}); ${index}++)`).block(() => {
        const item = this.read(layout.item, layout.itemType, `${path} + '[' + ${index} + ']'`, 'item');
        w.writeLine(`${items}.push(${item});`);
      });
      const after = countCondition(`${items}.length`, layout.min, layout.max);
      if (after !== null) w.writeLine(`if (${count} < 0 && ${after}) ${READER}.fail(\`expected an array of ${expected}, got \${${items}.length}\`, ${path});`);
      w.writeLine(`${READER}.endContainer(${count}, ${path});`);
      return items;
    }
    const required = layout.fields.filter((f) => !f.optional).length;
    const bounds = countCondition(count, required, layout.fields.length);
    if (bounds !== null) {
      const names = layout.fields.map((f) => f.name).join(', ');
      w.writeLine(
        `if (${count} >= 0 && ${bounds}) ${READER}.fail(\`expected an array of ${describeCount(required, layout.fields.length)} (${escapeTemplate(names)}), got \${${count}}\`, ${path});`,
      );
    }
    const values = layout.fields.map((field, index) => this.readPositional(field, index, count, path));
    w.writeLine(`${READER}.endContainer(${count}, ${path});`);
    const result = this.locals.take(hint);
    if (layout.kind === 'tuple') {
      const required = values.filter((_, i) => !(layout.fields[i] as Field).optional);
      w.writeLine(`const ${result}: ${typeText} = [${required.join(', ')}];`);
      values.forEach((v, i) => {
        if ((layout.fields[i] as Field).optional) w.writeLine(`if (${v} !== undefined) ${result}.push(${v});`);
      });
      return result;
    }
    this.buildObject(result, layout.fields, values, typeText);
    return result;
  }

  /** Reads array member `index`; an optional one only when the array has that many items. */
  private readPositional(field: Field, index: number, count: string, path: string): string {
    const fieldPath = `${path} + ${pathSegment(field.name)}`;
    if (!field.optional) return this.read(field.shape, field.type, fieldPath, field.name);
    return this.readOptional(field, `${READER}.hasMoreItems(${count}, ${index}, ${path})`, fieldPath);
  }

  private readOptional(field: Field, present: string, fieldPath: string): string {
    const v = this.locals.take(field.name);
    this.w.writeLine(`let ${v}: ${tsType(field.type, this.ctx)} | undefined;`);
    this.w.write(`if (${present})`).block(() => {
      const read = this.read(field.shape, field.type, fieldPath, field.name);
      this.w.writeLine(`${v} = ${read};`);
    });
    return v;
  }

  /** `const result: T = { a, b }`, with optional members set only when present (so they are absent, not undefined). */
  private buildObject(result: string, fields: Field[], values: string[], typeText: string): void {
    const required = fields.flatMap((f, i) => (f.optional ? [] : [`${objectLiteralKey(f.name)}: ${values[i]}`]));
    const shorthand = required.map((entry) => entry.replace(/^([A-Za-z_$][\w$]*): \1$/, '$1'));
    this.w.writeLine(`const ${result}: ${typeText} = { ${shorthand.join(', ')} };`);
    fields.forEach((f, i) => {
      if (f.optional) this.w.writeLine(`if (${values[i]} !== undefined) ${result}[${JSON.stringify(f.name)}] = ${values[i]};`);
    });
  }

  private readMap(layout: MapLayout, typeText: string, path: string, hint: string): string {
    const w = this.w;
    const count = this.locals.take('count');
    w.writeLine(`const ${count} = ${READER}.readMapHeader(${path});`);
    const slots = layout.fields.map((f) => {
      const v = this.locals.take(f.name);
      w.writeLine(`let ${v}: ${tsType(f.type, this.ctx)} | undefined;`);
      return v;
    });
    const index = this.locals.take('i');
    w.write(`for (let ${index} = 0; ${READER}.hasMoreItems(${count}, ${index}, ${path}); ${index}++)`).block(() => {
      const byKind = { text: [] as number[], int: [] as number[] };
      layout.fields.forEach((f, i) => byKind[f.key.type].push(i));
      const kinds = (['text', 'int'] as const).filter((k) => byKind[k].length > 0);
      const keyStart = this.locals.take('keyStart');
      w.writeLine(`const ${keyStart} = ${READER}.pos;`);
      const readKeys = (kind: 'text' | 'int') => {
        const key = this.locals.take('key');
        w.writeLine(`const ${key} = ${READER}.${kind === 'text' ? 'readText' : 'readInt'}(${path});`);
        w.write(`switch (${key})`).block(() => {
          for (const i of byKind[kind]) this.readMapMember(layout.fields[i] as MapField, slots[i] as string, path, keyStart);
          w.writeLine(`default:`);
          w.indent().write(`${READER}.fail(\`unexpected key \${${kind === 'text' ? `JSON.stringify(${key})` : key}}\`, ${path}, ${keyStart});`).newLine();
        });
      };
      if (kinds.length === 1) readKeys(kinds[0] as 'text' | 'int');
      else if (kinds.length === 0) w.writeLine(`${READER}.fail(${JSON.stringify('expected an empty map')}, ${path});`);
      else {
        w.write(`if (${READER}.peekMajor(${path}) === 3)`).block(() => readKeys('text'));
        w.write('else').block(() => readKeys('int'));
      }
    });
    w.writeLine(`${READER}.endContainer(${count}, ${path});`);
    layout.fields.forEach((f, i) => {
      if (!f.optional) w.writeLine(`if (${slots[i]} === undefined) ${READER}.fail(${JSON.stringify(`missing key ${keyText(f)}`)}, ${path});`);
    });
    const result = this.locals.take(hint);
    this.buildObject(result, layout.fields, slots, typeText);
    return result;
  }

  private readMapMember(field: MapField, slot: string, path: string, keyStart: string): void {
    const w = this.w;
    w.writeLine(`case ${field.key.type === 'text' ? JSON.stringify(field.key.value) : intLiteral(BigInt(field.key.value))}:`);
    w.indent(() => {
      w.writeLine(`if (${slot} !== undefined) ${READER}.fail(${JSON.stringify(`duplicate key ${keyText(field)}`)}, ${path}, ${keyStart});`);
      w.block(() => {
        const v = this.read(field.shape, field.type, `${path} + ${pathSegment(field.name)}`, field.name);
        w.writeLine(`${slot} = ${v};`);
      });
      w.writeLine('break;');
    });
  }

  private readChoice(shape: Extract<Shape, { kind: 'choice' }>, typeText: string, path: string, hint: string): string {
    const w = this.w;
    const v = this.locals.take(hint);
    w.writeLine(`let ${v}: ${typeText};`);
    const byMajor = new Map<number, number[]>();
    shape.options.forEach((option, i) => {
      for (const major of majorsOf(option.shape, this.ctx)) byMajor.set(major, [...(byMajor.get(major) ?? []), i]);
    });
    // Majors that lead to the same options share one case.
    const groups = new Map<string, number[]>();
    for (const [major, options] of [...byMajor].sort((a, b) => a[0] - b[0])) {
      const key = options.join(',');
      groups.set(key, [...(groups.get(key) ?? []), major]);
    }
    w.write(`switch (${READER}.peekMajor(${path}))`).block(() => {
      for (const [key, majors] of groups) {
        for (const major of majors) w.writeLine(`case ${major}:`);
        w.indent(() => {
          w.block(() => this.readAlternatives(key.split(',').map(Number), shape, v, path, hint));
          w.writeLine('break;');
        });
      }
      w.writeLine('default:');
      w.indent().write(`${READER}.fail(\`expected ${escapeTemplate(describeShape(shape))}, got \${${READER}.describeNext()}\`, ${path});`).newLine();
    });
    return v;
  }

  /** Tries the options one after another, rewinding the reader when one does not match. */
  private readAlternatives(indices: number[], shape: Extract<Shape, { kind: 'choice' }>, target: string, path: string, hint: string): void {
    const w = this.w;
    const [first, ...rest] = indices;
    const option = shape.options[first as number];
    if (option === undefined) return;
    const readOne = () => {
      const value = this.read(option.shape, option.type, path, hint);
      w.writeLine(`${target} = ${value};`);
    };
    if (rest.length === 0) {
      readOne();
      return;
    }
    const mark = this.locals.take('mark');
    w.writeLine(`const ${mark} = ${READER}.mark();`);
    w.write('try').block(readOne);
    const error = this.locals.take('error');
    w.write(`catch (${error})`).block(() => {
      w.writeLine(`if (!isDecodeError(${error})) throw ${error};`);
      w.writeLine(`${READER}.reset(${mark});`);
      this.readAlternatives(rest, shape, target, path, hint);
    });
  }

  private elementTypeText(type: IrType): string {
    const text = tsType(type, this.ctx);
    return /[|&]/.test(text) ? `(${text})` : text;
  }
}

function keyText(field: MapField): string {
  return field.key.type === 'text' ? JSON.stringify(field.key.value) : field.key.value;
}

function describeGot(kind: 'text' | 'bytes', v: string): string {
  return kind === 'text' ? `\${JSON.stringify(${v}).slice(0, 40)}` : `\${${v}.length} byte\${${v}.length === 1 ? '' : 's'}`;
}

/** Text made safe inside a template literal. */
export function escapeTemplate(text: string): string {
  return text.replace(/[`\\$]/g, (c) => `\\${c}`);
}

/**
 * Encoders: `encodeX(value)` for every type rule. The value is checked whole
 * first (the guard's fast mode), so no bytes are produced for a value the
 * schema forbids; then an internal `writeX(writer, value)` writes it in
 * deterministic encoding (RFC 8949 §4.2.1): shortest heads, shortest exact
 * floats, map keys in bytewise order of their encodings.
 */
import { StructureKind, type CodeBlockWriter, type FunctionDeclarationStructure } from 'ts-morph';
import { CborWriter, compareBytes } from '../../templates/runtime.js';
import type { IrRule, IrType } from '../ir/types.js';
import { shapeOfRule, type EmitContext } from './context.js';
import { docs } from './docs.js';
import { checkFunctionName, optionTest } from './guards.js';
import { type ArrayLayout, type Field, type MapField, type MapLayout, type Shape } from './shapes.js';
import { intLiteral, LocalNames, propertyAccess } from './syntax.js';
import { tsType } from './types.js';

const WRITER = 'writer';

export function writeFunctionName(rule: IrRule): string {
  return `write${rule.tsName}`;
}

export function encoderFunctions(ctx: EmitContext): FunctionDeclarationStructure[] {
  return ctx.typeRules.flatMap((rule) => [writeFunction(rule, ctx), encodeFunction(rule)]);
}

function encodeFunction(rule: IrRule): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name: `encode${rule.tsName}`,
    isExported: true,
    docs: docs(
      `Encodes \`${rule.tsName}\` as deterministic CBOR (RFC 8949 §4.2.1).\n\n` +
        `@throws EncodeError listing every problem (with its path) when the value does not match the schema; nothing is encoded then.`,
      null,
    ),
    parameters: [{ name: 'value', type: rule.tsName }],
    returnType: 'Uint8Array',
    statements: [
      `if (!${checkFunctionName(rule)}(value, null, '')) throw new EncodeError(validate${rule.tsName}(value));`,
      `const ${WRITER} = new CborWriter();`,
      `${writeFunctionName(rule)}(${WRITER}, value);`,
      `return ${WRITER}.finish();`,
    ],
  };
}

function writeFunction(rule: IrRule, ctx: EmitContext): FunctionDeclarationStructure {
  const shape = shapeOfRule(ctx, rule);
  return {
    kind: StructureKind.Function,
    name: writeFunctionName(rule),
    parameters: [
      { name: WRITER, type: 'CborWriter' },
      { name: 'value', type: rule.tsName },
    ],
    returnType: 'void',
    statements: (writer) => new WriteEmitter(ctx, writer, rule).write(shape, rule.type as IrType, 'value'),
  };
}

class WriteEmitter {
  private readonly locals = new LocalNames([WRITER, 'value']);

  constructor(
    private readonly ctx: EmitContext,
    private readonly w: CodeBlockWriter,
    private readonly rule: IrRule,
  ) {}

  /** Writes statements that encode `v`, already known to be valid. */
  write(shape: Shape, type: IrType, v: string): void {
    const w = this.w;
    switch (shape.kind) {
      case 'rule':
        w.writeLine(`${writeFunctionName(shape.rule)}(${WRITER}, ${v});`);
        return;
      case 'int':
        w.writeLine(`${WRITER}.${shape.intervals.every((i) => i.lo >= 0n) ? 'uint' : 'int'}(${v});`);
        return;
      case 'float':
        w.writeLine(floatWrite(shape.widths, v));
        return;
      case 'text':
        w.writeLine(`${WRITER}.text(${v});`);
        return;
      case 'bytes':
        w.writeLine(`${WRITER}.bytes(${v});`);
        return;
      case 'bool':
        w.writeLine(`${WRITER}.bool(${v});`);
        return;
      case 'null':
        w.writeLine(`${WRITER}.null();`);
        return;
      case 'undefined':
        w.writeLine(`${WRITER}.undefined();`);
        return;
      case 'never':
      case 'any':
        // `never` has no values (the check refused it already); `any` is refused by the shape module.
        return;
      case 'tag':
        w.writeLine(`${WRITER}.tag(${intLiteral(shape.tag)});`);
        this.write(shape.inner, shape.innerType, v);
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

  private writeArray(layout: ArrayLayout, v: string): void {
    const w = this.w;
    if (layout.kind === 'list') {
      w.writeLine(`${WRITER}.arrayHeader(${v}.length);`);
      const item = this.locals.take('item');
      w.write(`for (const ${item} of ${v})`).block(() => this.write(layout.item, layout.itemType, item));
      return;
    }
    if (layout.kind === 'tuple') {
      w.writeLine(`${WRITER}.arrayHeader(${v}.length);`);
      layout.fields.forEach((field, i) => this.writePresent(field, `${v}[${i}]`, field.optional ? `${v}.length > ${i}` : null));
      return;
    }
    // Optional members are trailing: the count is the position of the last one present.
    const optional = layout.fields.map((f, i) => ({ f, i })).filter(({ f }) => f.optional);
    const required = layout.fields.length - optional.length;
    const count = [...optional]
      .reverse()
      .reduce((rest, { f, i }) => `${propertyAccess(v, f.name)} !== undefined ? ${i + 1} : ${rest}`, String(required));
    w.writeLine(`${WRITER}.arrayHeader(${count});`);
    for (const field of layout.fields) {
      const access = propertyAccess(v, field.name);
      this.writePresent(field, access, field.optional ? `${access} !== undefined` : null);
    }
  }

  private writeMap(layout: MapLayout, v: string): void {
    const w = this.w;
    const required = layout.fields.filter((f) => !f.optional).length;
    const present = layout.fields.filter((f) => f.optional).map((f) => `(${propertyAccess(v, f.name)} !== undefined ? 1 : 0)`);
    w.writeLine(`${WRITER}.mapHeader(${[String(required), ...present].join(' + ')});`);
    for (const field of sortByEncodedKey(layout.fields)) {
      const access = propertyAccess(v, field.name);
      const writeKey = () => w.writeLine(field.key.type === 'text' ? `${WRITER}.text(${JSON.stringify(field.key.value)});` : `${WRITER}.int(${intLiteral(BigInt(field.key.value))});`);
      if (field.optional) {
        w.write(`if (${access} !== undefined)`).block(() => {
          writeKey();
          this.write(field.shape, field.type, access);
        });
      } else {
        writeKey();
        this.write(field.shape, field.type, access);
      }
    }
  }

  private writePresent(field: Field, access: string, condition: string | null): void {
    if (condition === null) this.write(field.shape, field.type, access);
    else this.w.write(`if (${condition})`).block(() => this.write(field.shape, field.type, access));
  }

  private writeChoice(shape: Extract<Shape, { kind: 'choice' }>, v: string): void {
    const w = this.w;
    shape.options.forEach((option, i) => {
      const head = i === 0 ? 'if' : 'else if';
      w.write(`${head} (${optionTest(option, v, this.ctx, this.rule)})`).block(() => {
        const narrowed = this.locals.take('option');
        w.writeLine(`const ${narrowed} = ${v} as ${tsType(option.type, this.ctx)};`);
        this.write(option.shape, option.type, narrowed);
      });
    });
  }
}

function floatWrite(widths: number[], v: string): string {
  const all = widths.length === 3;
  if (all) return `${WRITER}.float(${v});`;
  if (widths.length === 1) return `${WRITER}.float${widths[0]}(${v});`;
  // float16-32 or float32-64: the narrower width when it holds the value exactly.
  const [narrow, wide] = widths as [number, number];
  return `if (fitsFloat${narrow}(${v})) ${WRITER}.float${narrow}(${v}); else ${WRITER}.float${wide}(${v});`;
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

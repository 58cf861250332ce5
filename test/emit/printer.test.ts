/**
 * The emit printer writes what ts-morph's `addStatements` into an empty file
 * would give, byte for byte (up to trailing white space, which the module
 * trims), without loading ts-morph for the structures it
 * knows; anything else goes to ts-morph's printer and still comes out the same.
 */
import { IndentationText, Project, QuoteKind, StructureKind as TsMorphKind, VariableDeclarationKind, type CodeBlockWriter } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { syntheticSchema } from '../../bench/generator/synthetic.js';
import { createEmitContext } from '../../generator/emit/context.js';
import { computeLayouts } from '../../generator/layout/index.js';
import { decoderFunctions } from '../../generator/emit/decoders.js';
import { encoderFunctions } from '../../generator/emit/encoders.js';
import { guardFunctions } from '../../generator/emit/guards.js';
import { StructureKind, isSupported, printStatements, type Statement } from '../../generator/emit/printer.js';
import { typeDeclarations } from '../../generator/emit/types.js';
import { compileIr } from '../../generator/index.js';

/** What the generator did before: addStatements into an empty file, then its text. */
function viaAddStatements(statements: Statement[]): string {
  const project = new Project({ useInMemoryFileSystem: true, manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Single } });
  const file = project.createSourceFile('m.ts', '');
  file.addStatements(statements);
  return file.getFullText();
}

const SAMPLES: Statement[] = [
  '// ---- a section',
  {
    kind: StructureKind.TypeAlias,
    name: 'A',
    isExported: true,
    docs: [{ kind: StructureKind.JSDoc, description: 'One line.' }],
    type: 'string | number',
  },
  {
    kind: StructureKind.TypeAlias,
    name: 'Long',
    isExported: true,
    docs: [{ kind: StructureKind.JSDoc, description: 'Two paragraphs.\n\nCDDL rule `x` (a.cddl:1).' }],
    type: (w: CodeBlockWriter) => w.newLine().indent(() => w.writeLine('| "a"').write('| `b`')),
  },
  (w: CodeBlockWriter) => w.blankLineIfLastNot(),
  {
    kind: StructureKind.Interface,
    name: 'Thing',
    isExported: true,
    docs: [{ kind: StructureKind.JSDoc, description: 'A thing.\n * with a star\nand `code`' }],
    properties: [
      { kind: StructureKind.PropertySignature, name: 'id', type: 'Uint8Array', docs: [] },
      { kind: StructureKind.PropertySignature, name: '"odd key"', hasQuestionToken: true, type: 'string', docs: [{ kind: StructureKind.JSDoc, description: 'Optional.' }] },
      { kind: StructureKind.PropertySignature, name: 'r', isReadonly: true, type: 'Map<string, number>' },
    ],
  },
  { kind: StructureKind.Interface, name: 'Empty', properties: [] },
  {
    kind: StructureKind.Function,
    name: 'decodeThing',
    isExported: true,
    docs: [{ kind: StructureKind.JSDoc, description: 'Decodes.\n\n@throws DecodeError' }],
    parameters: [
      { name: 'bytes', type: 'Uint8Array' },
      // An optional parameter (decodeX's options): printed here too, not handed to ts-morph.
      { name: 'options', type: 'DecodeOptions', hasQuestionToken: true },
    ],
    returnType: 'Thing',
    statements: ['const reader = new CborReader(bytes);', 'return readThing(reader);'],
  },
  {
    kind: StructureKind.Function,
    name: 'readThing',
    parameters: [
      { name: 'reader', type: 'CborReader' },
      { name: 'problems', type: 'Problem[] | null' },
    ],
    returnType: 'Thing',
    statements: (w: CodeBlockWriter) => {
      w.writeLine('let ok = true;');
      w.write('if (ok) ').block(() => w.writeLine("const s = `a ${'{'} b`;").writeLine('/* note */ return x;'));
      w.write('for (;;) ').inlineBlock(() => w.write('break;'));
      w.newLine().writeLine('return value;');
    },
  },
  { kind: StructureKind.Function, name: 'noop', statements: [] },
  { kind: StructureKind.Function, name: 'writer', parameters: [], returnType: 'void', statements: (w: CodeBlockWriter) => w.write('') },
  '// ---- after',
  (w: CodeBlockWriter) => w.writeLine('export const X = [').indent(() => w.writeLine('1,')).writeLine('] as const;'),
];

describe('printStatements', () => {
  it('uses the same StructureKind numbers as ts-morph', () => {
    expect(StructureKind.Function).toBe(TsMorphKind.Function);
    expect(StructureKind.Interface).toBe(TsMorphKind.Interface);
    expect(StructureKind.JSDoc).toBe(TsMorphKind.JSDoc);
    expect(StructureKind.PropertySignature).toBe(TsMorphKind.PropertySignature);
    expect(StructureKind.TypeAlias).toBe(TsMorphKind.TypeAlias);
  });

  it('prints the structures it knows itself, as addStatements does', () => {
    expect(SAMPLES.every(isSupported)).toBe(true);
    expect(printStatements(SAMPLES).trimEnd()).toBe(viaAddStatements(SAMPLES).trimEnd());
  });

  it('prints each sample alone as addStatements does', () => {
    for (const s of SAMPLES) expect(printStatements([s]).trimEnd()).toBe(viaAddStatements([s]).trimEnd());
  });

  it('hands anything else to ts-morph, with the same result', () => {
    const other: Statement[] = [
      ...SAMPLES.slice(0, 3),
      { kind: TsMorphKind.VariableStatement, isExported: true, declarationKind: VariableDeclarationKind.Const, declarations: [{ name: 'x', initializer: '1' }] },
      { kind: StructureKind.Function, name: 'f', isAsync: true, statements: ['return 1;'] },
      ...SAMPLES.slice(3),
    ];
    expect(isSupported(other[3]!)).toBe(false);
    expect(isSupported(other[4]!)).toBe(false);
    expect(printStatements(other).trimEnd()).toBe(viaAddStatements(other).trimEnd());
  });

  it('knows every structure the emitters build, so that generating never falls back to ts-morph', () => {
    // One structure it does not know sends a whole module through ts-morph (several times slower, and a second of loading).
    const schemas = [
      ...['mimi-message-status.cddl', 'mimi-content.cddl'].map((name) => ({ path: name, text: readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8') })),
      { path: 'synthetic.cddl', text: syntheticSchema(300) },
    ];
    for (const schema of schemas) {
      const ir = compileIr([schema]);
      const sources = new Map([[schema.path, schema.text]]);
      const ctx = createEmitContext(ir, computeLayouts(ir, { sources }), sources);
      const statements: Statement[] = [...typeDeclarations(ctx).flat(), ...decoderFunctions(ctx), ...encoderFunctions(ctx), ...guardFunctions(ctx)];
      const unknown = statements.filter((s) => !isSupported(s)).map((s) => (typeof s === 'object' && s !== null && 'name' in s ? s.name : String(s)));
      expect(unknown, schema.path).toEqual([]);
    }
  });
});

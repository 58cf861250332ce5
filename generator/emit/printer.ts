/**
 * Prints the emitters' statements (ts-morph structures, strings and writer
 * functions) to text, the way ts-morph's structure printers do, call for
 * call on the same kind of writer, but without loading ts-morph: it brings
 * the TypeScript compiler, which took more than half of a cold `generate`,
 * and its generic printers cost more than the emitters themselves on large
 * schemas. The writer is writer.ts's TextWriter, which gives the text
 * code-block-writer's CodeBlockWriter (ts-morph's writer) would, faster.
 *
 * The emitters use a few kinds of structure (functions, interfaces with
 * property signatures, type aliases, JSDoc) and few of their options; those
 * are printed here. A statement that uses anything else is printed by
 * ts-morph's own printer on a CodeBlockWriter, loaded only then, so new uses
 * stay correct (only slower) until they are added here.
 * test/emit/printer.test.ts holds both to the same output, and
 * test/emit/writer.test.ts holds the TextWriter to CodeBlockWriter.
 */
import { createRequire } from 'node:module';
import type CodeBlockWriterClass from 'code-block-writer';
import type {
  FunctionDeclarationStructure,
  InterfaceDeclarationStructure,
  JSDocStructure,
  OptionalKind,
  ParameterDeclarationStructure,
  PropertySignatureStructure,
  StatementStructures,
  StructureKind as TsMorphStructureKind,
  TypeAliasDeclarationStructure,
  WriterFunction,
} from 'ts-morph';
import { DiscardingWriter, TextWriter, type CodeWriter, type WriterState, type WrittenAhead } from './writer.js';

export type {
  FunctionDeclarationStructure,
  InterfaceDeclarationStructure,
  JSDocStructure,
  StatementStructures,
  TypeAliasDeclarationStructure,
  WriterFunction,
} from 'ts-morph';
/** What the emitters write to: the methods of CodeBlockWriter that the TextWriter has (writer.ts). */
export type CodeBlockWriter = CodeWriter;

/** ts-morph's `StructureKind` values for the structures the emitters build (the same numbers, checked by a test). */
export const StructureKind = {
  Function: 13 as TsMorphStructureKind.Function,
  Interface: 19 as TsMorphStructureKind.Interface,
  JSDoc: 24 as TsMorphStructureKind.JSDoc,
  PropertySignature: 33 as TsMorphStructureKind.PropertySignature,
  TypeAlias: 38 as TsMorphStructureKind.TypeAlias,
} as const;

export type Statement = StatementStructures | string | WriterFunction;

/** How generated modules are laid out, for CodeBlockWriter: two-space indents, single quotes, `\n` (the TextWriter's only layout). */
export function createCodeBlockWriter(): CodeBlockWriterClass {
  // Loaded here, not imported: only the ts-morph fallback and the tests that compare writers need it, and a cold start paid for it.
  const { default: CodeBlockWriter } = createRequire(import.meta.url)('code-block-writer') as { default: typeof CodeBlockWriterClass };
  return new CodeBlockWriter({ newLine: '\n', indentNumberOfSpaces: 2, useTabs: false, useSingleQuote: true });
}

/**
 * A writer that runs every block it is given but keeps no text, for a pass
 * whose output is thrown away (decoders.ts emits every decoder once first,
 * only to learn which rules alternatives may rewind).
 */
export function createDiscardingWriter(): CodeWriter {
  return new DiscardingWriter();
}

/** The state a function's statements start in on this printer's writer, found by printing a function once. */
let functionBodyStart: WriterState | undefined;

function bodyStart(): WriterState {
  if (functionBodyStart === undefined) {
    const writer = new TextWriter();
    printFunction(writer, { kind: StructureKind.Function, name: 'f', statements: (w) => (functionBodyStart = (w as unknown as TextWriter).state()) });
    if (functionBodyStart === undefined) throw new Error('internal: printFunction did not write the statements');
  }
  return functionBodyStart;
}

/**
 * A function's statements written now, on a writer of their own in the
 * state the printer will be in when it reaches them, for the function's
 * statements to splice in ({@link spliceWrittenAhead}) rather than write
 * them again: decoders.ts writes its decoders once, in the pass that also
 * learns which of them to memoise. Null when the printer's writer is a
 * stand-in that cannot resume from a state (writer.test.ts prints through
 * CodeBlockWriter): the statements are then written to a discarding writer,
 * for what writing them notes, and again when printed.
 */
export function writeFunctionBodyAhead(write: (writer: CodeBlockWriter) => void): WrittenAhead | null {
  if (typeof TextWriter.resuming !== 'function') {
    write(new DiscardingWriter());
    return null;
  }
  const start = bodyStart();
  const writer = TextWriter.resuming(start);
  write(writer);
  return { start, text: writer.toString(), end: writer.state() };
}

/** Appends statements written ahead if `writer` is this printer's, in the state they were written from; false (nothing written) if not, and the caller writes them. */
export function spliceWrittenAhead(writer: CodeBlockWriter, ahead: WrittenAhead): boolean {
  return writer instanceof TextWriter && !(writer instanceof DiscardingWriter) && writer.splice(ahead);
}

/** The statements as text: this printer when it knows every statement ({@link isSupported}), else ts-morph's. */
export function printStatements(statements: readonly Statement[]): string {
  if (!statements.every(isSupported)) {
    const writer = createCodeBlockWriter();
    printWithTsMorph(writer, statements);
    return writer.toString();
  }
  return printSupported(statements, new TextWriter());
}

/** The statements, all {@link isSupported}, printed by this printer to `writer` (a TextWriter, or a CodeBlockWriter for the tests that compare them). */
export function printSupported(statements: readonly Statement[], writer: CodeWriter): string {
  printTexts(writer, statements);
  return writer.toString();
}

// ---- What this printer knows ------------------------------------------------

type Text = string | WriterFunction;

const isText = (v: unknown): v is Text => typeof v === 'string' || typeof v === 'function';
const isEmpty = (v: unknown): boolean => v === undefined || v === null || v === false || (Array.isArray(v) && v.length === 0);

/** Properties a structure may have (set or not) for this printer to print it. */
const KNOWN: Record<number, ReadonlySet<string>> = {
  [StructureKind.Function]: new Set(['kind', 'name', 'isExported', 'docs', 'parameters', 'returnType', 'statements']),
  [StructureKind.Interface]: new Set(['kind', 'name', 'isExported', 'docs', 'properties']),
  [StructureKind.PropertySignature]: new Set(['kind', 'name', 'hasQuestionToken', 'isReadonly', 'type', 'docs']),
  [StructureKind.TypeAlias]: new Set(['kind', 'name', 'isExported', 'docs', 'type']),
  [StructureKind.JSDoc]: new Set(['kind', 'description']),
};
const PARAMETER = new Set(['name', 'type', 'kind', 'hasQuestionToken']);

function onlyKnown(structure: object, known: ReadonlySet<string> | undefined): boolean {
  if (known === undefined) return false;
  // Keys, not Object.entries: this runs on every structure and parameter of a module, and the pairs were garbage.
  for (const key of Object.keys(structure)) if (!known.has(key) && !isEmpty((structure as Record<string, unknown>)[key])) return false;
  return true;
}

function docsSupported(docs: unknown): boolean {
  return isEmpty(docs) || (Array.isArray(docs) && docs.every((d) => isText(d) || (typeof d === 'object' && d !== null && onlyKnown(d, KNOWN[StructureKind.JSDoc]) && (d.description === undefined || isText(d.description)))));
}

/** A parameter whose text cannot need the comma placement or hanging indent ts-morph works out for harder cases. */
function parameterSupported(p: OptionalKind<ParameterDeclarationStructure>): boolean {
  return onlyKnown(p, PARAMETER) && /^[A-Za-z_$][\w$]*$/.test(p.name) && (p.type === undefined || (typeof p.type === 'string' && !/[\n\r]|\s$|\/[/*]/.test(p.type)));
}

export function isSupported(s: Statement): boolean {
  if (isText(s) || s === null || s === undefined) return true;
  if (!onlyKnown(s, KNOWN[s.kind]) || !docsSupported((s as { docs?: unknown }).docs)) return false;
  switch (s.kind) {
    case StructureKind.Function: {
      const f = s as FunctionDeclarationStructure;
      const statements = f.statements;
      return (
        (f.parameters ?? []).every(parameterSupported) &&
        (f.returnType === undefined || isText(f.returnType)) &&
        (statements === undefined || isText(statements) || (Array.isArray(statements) && statements.every(isSupported)))
      );
    }
    case StructureKind.Interface:
      return ((s as InterfaceDeclarationStructure).properties ?? []).every(
        (p) => onlyKnown(p, KNOWN[StructureKind.PropertySignature]) && docsSupported(p.docs) && (p.type === undefined || isText(p.type)),
      );
    case StructureKind.TypeAlias:
      return isText((s as TypeAliasDeclarationStructure).type);
    default:
      return false;
  }
}

// ---- Printing, as ts-morph's printers do it ----------------------------------

function writeText(writer: CodeWriter, text: Text | undefined | null): void {
  if (typeof text === 'string') writer.write(text);
  // The emitters' writer functions use only CodeWriter's methods (their writers are typed so where they are named).
  else if (text != null) text(writer as unknown as CodeBlockWriterClass);
}

/** A new, empty writer of the same kind. */
function freshWriter(writer: CodeWriter): CodeWriter {
  return writer instanceof TextWriter ? new TextWriter() : createCodeBlockWriter();
}

/**
 * A text or writer function printed on its own writer (ts-morph's `Printer.getText`).
 * A string comes back as it is: on a new writer (no indentation) it would only
 * have its `\r\n` made `\n`, and every use splits lines at both.
 */
function getText(writer: CodeWriter, text: Text): string {
  if (typeof text === 'string') return text;
  const own = freshWriter(writer);
  writeText(own, text);
  return own.toString();
}

/** `s.trim().length === 0` without making the trimmed copy (`\s` is the white space and line terminators `trim` removes). */
const isNullOrWhitespace = (s: string): boolean => !/\S/.test(s);

function isLastNonWhitespaceCharCloseBrace(writer: CodeWriter): boolean {
  if (writer instanceof TextWriter) return writer.isLastSignificantCloseBrace();
  return (
    (writer as CodeBlockWriterClass).iterateLastCharCodes((c) => {
      if (c === 125) return true;
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff) return undefined;
      return false;
    }) ?? false
  );
}

/** ts-morph's `StatementStructurePrinter.printTexts`. */
function printTexts(writer: CodeWriter, statements: readonly Statement[] | Text | undefined): void {
  if (statements === undefined || statements === null) return;
  if (isText(statements)) {
    writeText(writer, statements);
    return;
  }
  for (const statement of statements) {
    if (isLastNonWhitespaceCharCloseBrace(writer)) writer.blankLineIfLastNot();
    else if (!writer.isAtStartOfFirstLineOfBlock()) writer.newLineIfLastNot();
    printStatement(writer, statement);
  }
}

function ensureBlankLine(writer: CodeWriter): void {
  if (!writer.isAtStartOfFirstLineOfBlock()) writer.blankLineIfLastNot();
}

function printStatement(writer: CodeWriter, statement: Statement): void {
  if (isText(statement) || statement === null || statement === undefined) {
    writeText(writer, statement);
    return;
  }
  switch (statement.kind) {
    case StructureKind.Function:
      ensureBlankLine(writer);
      writer.closeComment();
      printFunction(writer, statement as FunctionDeclarationStructure);
      return;
    case StructureKind.Interface:
      ensureBlankLine(writer);
      writer.closeComment();
      printInterface(writer, statement as InterfaceDeclarationStructure);
      return;
    case StructureKind.TypeAlias:
      writer.closeComment();
      printTypeAlias(writer, statement as TypeAliasDeclarationStructure);
      return;
    default:
      throw new Error(`internal: the printer has no case for structure kind ${statement.kind}`);
  }
}

function printDocs(writer: CodeWriter, docs: readonly (OptionalKind<JSDocStructure> | string | WriterFunction)[] | undefined): void {
  if (docs === undefined) return;
  for (const doc of docs) {
    writer.closeComment();
    printJsDoc(writer, doc);
    writer.newLine();
  }
}

function printJsDoc(writer: CodeWriter, doc: OptionalKind<JSDocStructure> | string | WriterFunction): void {
  // A string is used as it is (see getText); a writer function writes to a writer of its own.
  let text: string;
  if (typeof doc === 'string') text = doc;
  else if (typeof doc === 'function') text = getText(writer, doc);
  else text = doc.description ? getText(writer, doc.description) : '';
  const lines = text.split(/\r?\n/);
  const startIndex = lines[0]!.length === 0 ? 1 : 0;
  const isSingleLine = lines.length <= 1;
  writer.write('/**');
  if (isSingleLine) writer.space();
  else writer.newLine();
  if (isSingleLine) writer.write(lines[startIndex]!);
  else {
    for (let i = startIndex; i < lines.length; i++) {
      writer.write(' *');
      if (lines[i]!.length > 0) writer.write(` ${lines[i]}`);
      writer.newLine();
    }
  }
  writer.spaceIfLastNot();
  writer.write('*/');
}

function printExport(writer: CodeWriter, isExported: boolean | undefined): void {
  if (isExported) writer.write('export ');
}

/** `: text` with a hanging indent, unless the text is blank (ts-morph's typed and return-typed node printers). */
function printTyped(writer: CodeWriter, separator: string, type: Text | undefined): void {
  if (type === undefined) return;
  const typeText = getText(writer, type);
  if (!isNullOrWhitespace(typeText)) writer.hangingIndent(() => writer.write(`${separator} ${typeText}`));
}

function printFunction(writer: CodeWriter, f: FunctionDeclarationStructure): void {
  printDocs(writer, f.docs);
  const header = plainHeader(f);
  if (header !== null) writer.write(header);
  else printHeader(writer, f);
  writer.space().inlineBlock(() => printTexts(writer, f.statements as readonly Statement[] | Text | undefined));
}

/** What may not be in a header written in one piece: a line break, or a `/` that could start a comment (closeComment between parameters would then act). */
const NOT_PLAIN = /[\n\r/]/;

/**
 * The function's header up to its body, as one text, when the calls of
 * {@link printHeader} would write exactly that: every part is a string on
 * one line with no `/`, so no comment opens (the closeComment calls do
 * nothing), no line starts (the hanging indents never apply), and the
 * lexical state moves through the characters the same in one write as in
 * several. Null otherwise. About 35,000 functions of a large schema were
 * a dozen writer calls each.
 */
function plainHeader(f: FunctionDeclarationStructure): string | null {
  const name = f.name ?? '';
  if (NOT_PLAIN.test(name)) return null;
  let text = `${f.isExported ? 'export ' : ''}function${isNullOrWhitespace(name) ? '' : ` ${name}`}(`;
  const parameters = f.parameters ?? [];
  for (let i = 0; i < parameters.length; i++) {
    const p = parameters[i]!;
    const type = p.type;
    if (type !== undefined && typeof type !== 'string') return null;
    if (NOT_PLAIN.test(p.name) || (type !== undefined && NOT_PLAIN.test(type))) return null;
    // `,` then spaceIfLastNot: the last character is the comma, so one space.
    if (i > 0) text += ', ';
    text += p.name;
    if (p.hasQuestionToken) text += '?';
    if (type !== undefined && !isNullOrWhitespace(type)) text += `: ${type}`;
  }
  text += ')';
  const returnType = f.returnType;
  if (returnType !== undefined) {
    if (typeof returnType !== 'string' || NOT_PLAIN.test(returnType)) return null;
    if (!isNullOrWhitespace(returnType)) text += `: ${returnType}`;
  }
  return text;
}

/** The header call by call, as ts-morph's function printer writes it. */
function printHeader(writer: CodeWriter, f: FunctionDeclarationStructure): void {
  printExport(writer, f.isExported);
  writer.write('function');
  if (!isNullOrWhitespace(f.name ?? '')) writer.write(` ${f.name}`);
  writer.write('(');
  const parameters = f.parameters ?? [];
  if (parameters.length > 0) {
    writer.hangingIndent(() => {
      parameters.forEach((p, i) => {
        if (i > 0) writer.write(',').spaceIfLastNot();
        writer.closeComment();
        writer.write(p.name);
        writer.conditionalWrite(p.hasQuestionToken, '?');
        printTyped(writer, ':', p.type as Text | undefined);
      });
    });
  }
  writer.write(')');
  printTyped(writer, ':', f.returnType as Text | undefined);
}

function printInterface(writer: CodeWriter, s: InterfaceDeclarationStructure): void {
  printDocs(writer, s.docs);
  printExport(writer, s.isExported);
  writer.write(`interface ${s.name}`);
  writer.space();
  writer.inlineBlock(() => {
    const properties = s.properties ?? [];
    if (properties.length > 0 && !writer.isAtStartOfFirstLineOfBlock()) writer.newLine();
    properties.forEach((p, i) => {
      writer.conditionalNewLine(i > 0);
      writer.closeComment();
      printProperty(writer, p);
    });
  });
}

function printProperty(writer: CodeWriter, p: OptionalKind<PropertySignatureStructure>): void {
  printDocs(writer, p.docs);
  if (p.isReadonly) writer.write('readonly ');
  writer.write(p.name);
  writer.conditionalWrite(p.hasQuestionToken, '?');
  printTyped(writer, ':', p.type as Text | undefined);
  writer.write(';');
}

function printTypeAlias(writer: CodeWriter, s: TypeAliasDeclarationStructure): void {
  printDocs(writer, s.docs);
  printExport(writer, s.isExported);
  writer.write(`type ${s.name}`);
  printTyped(writer, ' =', s.type as Text);
  writer.write(';');
}

// ---- Anything else: ts-morph's printer ---------------------------------------

interface TsMorphPrinter {
  printTexts(writer: CodeBlockWriterClass, statements: readonly Statement[]): void;
}

/**
 * ts-morph's statement printer, the one `addStatements` uses (not in its
 * public types), on the same writer; `addStatements` itself if a version no
 * longer has it there.
 */
function printWithTsMorph(writer: CodeBlockWriterClass, statements: readonly Statement[]): void {
  const tsMorph = createRequire(import.meta.url)('ts-morph') as typeof import('ts-morph');
  const project = new tsMorph.Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: tsMorph.IndentationText.TwoSpaces, quoteKind: tsMorph.QuoteKind.Single },
  });
  const context = (project as unknown as { _context?: { structurePrinterFactory?: { forStatement?: (o: { isAmbient: boolean }) => TsMorphPrinter } } })._context;
  const factory = context?.structurePrinterFactory;
  if (typeof factory?.forStatement === 'function') {
    factory.forStatement({ isAmbient: false }).printTexts(writer, statements);
    return;
  }
  const file = project.createSourceFile('module.ts', '');
  file.addStatements([...statements]);
  writer.write(file.getFullText());
}

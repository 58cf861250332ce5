/**
 * Assembles the generated files: the schema's module (declarations, then
 * decoders, encoders and guards, each from its own emitter) and the runtime
 * it imports, both with a truthful `@generated` header.
 */
import type { SchemaWarning, SourceMap } from '../diagnostics.js';
import { sha256 as sha256Hex } from '../ir/index.js';
import { CBOR_ANY_IMPORTS, CBOR_ANY_REEXPORTS, DEDENTED_PATTERN_IMPORTS, GENERAL_IMPORTS, MODULE_REEXPORTS, PATTERN_AUTOMATA_IMPORTS, RUNTIME_IMPORTS, TEXT_CONTROL_IMPORTS, TYPE_ONLY_NAMES, toSpan } from '../ir/naming.js';
import type { IrSchema } from '../ir/types.js';
import type { ImportExtension, IntegerMode } from '../config.js';
import { ABNF_RECOGNISER_FILE, grammarDeclarations } from './abnf-grammars.js';
import { ARBITRARY_TEMPLATES, arbitraryFileName, arbitraryModuleText } from './arbitrary.js';
import { computeLayouts, type Layouts } from '../layout/index.js';
import type { ArrayMatching } from '../layout/shapes.js';
import { createEmitContext } from './context.js';
import { decoderFunctions } from './decoders.js';
import { programStatement, warnGeneral } from './general.js';
import { encoderFunctions } from './encoders.js';
import { guardFunctions } from './guards.js';
import { identifiersUsed } from './identifiers.js';
import { printStatements, type CodeBlockWriter, type Statement } from './printer.js';
import { registryStatements } from './registry.js';
import { typeDeclarations } from './types.js';

export interface EmitOptions {
  /** Version of mimi-codegen, for the header. */
  toolVersion: string;
  /** Text of templates/runtime.ts and the files it imports ({@link RUNTIME_FILES}), by file name. */
  runtimeSources: Readonly<Record<string, string>>;
  /** Text of templates/cbor-any.ts. */
  cborAnySource: string;
  /** Text of templates/text-controls.ts; needed only when a schema uses an RFC 9741 control (`.b64u`, `.json`, …). */
  textControlsSource?: string;
  /** Text of templates/printf.ts, which text-controls.ts imports (`.printf`); needed with textControlsSource. */
  printfSource?: string;
  /** Text of templates/abnf-recogniser.ts; needed only when a schema has an ABNF grammar no regular expression says (a recursive rule). */
  abnfRecogniserSource?: string;
  /** Text of templates/dedented-patterns.ts and the files it imports (DEDENTED_PATTERN_FILES), by file name; needed only when a schema has `.det` of a string type with a pattern. */
  dedentedPatternSources?: Readonly<Record<string, string>>;
  /** The general matcher's templates by file name (program.ts, matcher*.ts); needed only when a rule falls outside the typed layouts (general.ts). */
  generalSources?: Readonly<Record<string, string>>;
  /** Text of templates/mimi-message-id.ts, written beside a MIMI content module (see {@link isMimiContentModule}). */
  messageIdSource?: string;
  /** Told of each warning (a schema that generates, but maybe not as its author meant), in schema order. */
  onWarning?: (warning: SchemaWarning) => void;
  /**
   * How the generated files name each other in their imports: `.js` (default; Node.js and TypeScript's
   * `nodenext`), `.ts` (Deno, and TypeScript's `allowImportingTsExtensions` or `rewriteRelativeImportExtensions`),
   * or none (bundlers, `moduleResolution: bundler`).
   */
  importExtension?: ImportExtension;
  /**
   * How integers that may not fit a number (`uint`, `int`, `nint`, bignums) are typed: `bigint` (always,
   * exact), `number` (always; a decoder meeting one beyond ±(2^53 − 1) throws a DecodeError), or, unset,
   * `number | bigint` (a number when it fits). Integer sets that fit a number are `number` in every mode.
   */
  integers?: IntegerMode;
  /** How an array's optional members before required ones and its group choices are read when their items may be the same (generator/layout/shapes.ts `ArrayMatching`); default `by-length`. */
  arrayMatching?: ArrayMatching;
  /** Also write `<module>.arbitrary.ts`, test-data generators for every type rule (arbitrary.ts). */
  arbitrary?: boolean;
  /** Text of the templates the test-data generators need, by file name ({@link ARBITRARY_TEMPLATES}); needed with `arbitrary`. */
  arbitrarySources?: Readonly<Record<string, string>>;
}

export interface EmittedFile {
  /** Path relative to the output folder, with '/' separators. */
  path: string;
  contents: string;
}

export const RUNTIME_FILE = 'runtime.ts';
/**
 * The runtime: runtime.ts, which generated modules import, and the files it
 * imports, one job each; all are written beside every module.
 */
export const RUNTIME_FILES = [RUNTIME_FILE, 'cbor-errors.ts', 'cbor-numbers.ts', 'cbor-deterministic.ts', 'cbor-text.ts', 'cbor-same-data.ts', 'cbor-decode-options.ts', 'cbor-reader.ts', 'cbor-lookahead.ts', 'cbor-skip.ts', 'cbor-memo.ts', 'cbor-embedded.ts', 'cbor-decode-errors.ts', 'cbor-reads.ts', 'cbor-results.ts', 'cbor-writer.ts', 'cbor-writes.ts', 'cbor-checks.ts'] as const;
export const CBOR_ANY_FILE = 'cbor-any.ts';
export const TEXT_CONTROLS_FILE = 'text-controls.ts';
export const PRINTF_FILE = 'printf.ts';
export const MESSAGE_ID_FILE = 'mimi-message-id.ts';
/** `.det` of a string type with a pattern: the check, the automata it builds, and the pattern reader they import. */
export const DEDENTED_PATTERN_FILES = ['dedented-patterns.ts', 'pattern-automata.ts', 'lookaround-automata.ts', 'regexp-prefixes.ts'] as const;

/** `mimi-message-status.cddl` → `mimi-message-status.ts`. */
export function moduleFileName(schemaPath: string): string {
  const base = schemaPath.split(/[\\/]/).pop() ?? 'schema';
  return `${base.replace(/\.cddl$/i, '')}.ts`;
}

export function emitFiles(schema: IrSchema, sources: SourceMap, options: EmitOptions): EmittedFile[] {
  const first = schema.files[0];
  if (first === undefined) throw new Error('no schema files');
  const module = emitModule(schema, sources, options);
  const extension = options.importExtension ?? '.js';
  const template = (path: string, name: string, source: string): EmittedFile => ({ path, contents: `${templateHeader(options, `templates/${name}`)}\n${withImportExtension(source, extension)}` });
  const runtime = RUNTIME_FILES.map((name) => {
    const source = options.runtimeSources[name];
    if (source === undefined) throw new Error(`emitFiles: no source for templates/${name} was given`);
    return template(name, name, source);
  });
  const files = [{ path: moduleFileName(first.path), contents: module.text }, ...runtime];
  if (module.usesAny || module.usesGeneral) files.push(template(CBOR_ANY_FILE, 'cbor-any.ts', options.cborAnySource));
  if (module.usesGeneral) {
    if (options.generalSources === undefined) throw new Error('emitFiles: the schema has rules for the general matcher, and no generalSources were given');
    for (const [name, source] of Object.entries(options.generalSources).sort(([a], [b]) => (a < b ? -1 : 1))) files.push(template(name, name, source));
  }
  if (module.usesTextControls || module.usesGeneral) {
    if (options.textControlsSource === undefined) throw new Error('emitFiles: the schema uses RFC 9741 controls, and no textControlsSource was given');
    if (options.printfSource === undefined) throw new Error('emitFiles: the schema uses RFC 9741 controls, and no printfSource was given');
    files.push(template(TEXT_CONTROLS_FILE, 'text-controls.ts', options.textControlsSource), template(PRINTF_FILE, 'printf.ts', options.printfSource));
  }
  if (module.usesPatternAutomata) {
    for (const name of DEDENTED_PATTERN_FILES) {
      if (files.some((f) => f.path === name)) continue;
      const source = options.dedentedPatternSources?.[name];
      if (source === undefined) throw new Error(`emitFiles: the schema has .det of a string type with a pattern, and no source for templates/${name} was given`);
      files.push(template(name, name, source));
    }
  }
  if (module.usesAbnf && !files.some((f) => f.path === ABNF_RECOGNISER_FILE)) {
    if (options.abnfRecogniserSource === undefined) throw new Error('emitFiles: the schema has an ABNF grammar for the recogniser, and no abnfRecogniserSource was given');
    files.push(template(ABNF_RECOGNISER_FILE, ABNF_RECOGNISER_FILE, options.abnfRecogniserSource));
  }
  if (options.arbitrary === true) {
    const moduleFile = moduleFileName(first.path);
    const text = arbitraryModuleText(schema, relativeImport(moduleFile, extension), (file) => relativeImport(file, extension), options.integers);
    files.push({ path: arbitraryFileName(moduleFile), contents: `${moduleHeader(schema, options)}\n\n${text}` });
    // Beside the templates the module needs already (cbor-any.ts and program.ts may be among them).
    const needed: [string, string | undefined][] = [[CBOR_ANY_FILE, options.cborAnySource], ...ARBITRARY_TEMPLATES.map((name): [string, string | undefined] => [name, options.arbitrarySources?.[name]])];
    for (const [name, source] of needed) {
      if (files.some((f) => f.path === name)) continue;
      if (source === undefined) throw new Error(`emitFiles: arbitrary is set, and no source for templates/${name} was given`);
      files.push(template(name, name, source));
    }
  }
  if (isMimiContentModule(schema)) {
    if (options.messageIdSource === undefined) throw new Error('emitFiles: the schema is the MIMI content format, and no messageIdSource was given');
    files.push(template(MESSAGE_ID_FILE, 'mimi-message-id.ts', options.messageIdSource));
  }
  return files;
}

/**
 * Whether the schema is the MIMI content format, whose messages have IDs:
 * it defines the message (`mimiContent`) and its ID (`MessageId`), as
 * draft-ietf-mimi-content does. Then `mimi-message-id.ts`, which computes
 * the ID of an encoded message, is written beside the module.
 */
export function isMimiContentModule(schema: IrSchema): boolean {
  const names = new Set(schema.rules.map((r) => r.name));
  return names.has('mimiContent') && names.has('MessageId');
}

/** `./runtime` with the chosen extension: how a generated file imports another. */
function relativeImport(file: string, extension: ImportExtension): string {
  return `./${file.replace(/\.ts$/, '')}${extension}`;
}

/** A template's imports of its sibling templates (`from './runtime.js'`) with the chosen extension. */
function withImportExtension(source: string, extension: ImportExtension): string {
  return extension === '.js' ? source : source.replace(/(\bfrom '\.\/[\w-]+)\.js'/g, `$1${extension}'`);
}

interface EmittedModule {
  text: string;
  usesAny: boolean;
  usesTextControls: boolean;
  /** Some rules are checked by the general matcher (general.ts). */
  usesGeneral: boolean;
  /** Some checks run an ABNF grammar through the recogniser (abnf-grammars.ts). */
  usesAbnf: boolean;
  /**
   * Some checks use a pattern's automaton (pattern-automata.ts): to test the dedenting of its words (`.det`,
   * dedented-patterns.ts), or to match it in linear time (`matchesWhole`). Either way the DEDENTED_PATTERN_FILES are
   * copied beside the module.
   */
  usesPatternAutomata: boolean;
}

/**
 * The module, from the layouts computed first (generator/layout/), which
 * decide every rule that is general: emitters refuse nothing.
 */
function emitModule(schema: IrSchema, sources: SourceMap, options: EmitOptions): EmittedModule {
  const warnings: SchemaWarning[] = (schema.warnings ?? []).map((w) => ({ span: toSpan(w.span), message: w.message }));
  const layouts = computeLayouts(schema, { sources, warnings, ...(options.arrayMatching === undefined ? {} : { arrayMatching: options.arrayMatching }) });
  return emitModuleWith(schema, sources, options, layouts, warnings);
}

function emitModuleWith(schema: IrSchema, sources: SourceMap, options: EmitOptions, layouts: Layouts, warnings: SchemaWarning[]): EmittedModule {
  const ctx = createEmitContext(schema, layouts, sources, warnings, options.integers);
  const general = layouts.general;
  const usesGeneral = general.size > 0;
  if (usesGeneral) warnGeneral(ctx.typeRules, general, ctx);
  const groups = schema.rules.filter((r) => r.kind === 'group');
  // Group rules alone (groups for other schemas to splice) are valid CDDL, but give no codecs: said, not refused.
  if (ctx.typeRules.length === 0 && groups[0] !== undefined) {
    const names = groups.slice(0, 3).map((g) => g.name).join(', ') + (groups.length > 3 ? `, and ${groups.length - 3} more` : '');
    warnings.push({ span: toSpan(groups[0].span), message: `no type rules, only group rules (${names}): a group is a type only inside an array or a map (RFC 8610 §2.1), so the module has no decoders, guards or encoders` });
  }
  const body: Statement[] = [
    ...(usesGeneral ? [programStatement(schema, general, ctx, ctx.integers), (writer: CodeBlockWriter) => writer.blankLineIfLastNot()] : []),
    // A blank line after each rule's declarations; ts-morph separates functions by itself.
    ...typeDeclarations(ctx).flatMap((group) => [...group, (writer: CodeBlockWriter) => writer.blankLineIfLastNot()]),
    // What the public functions of every rule share is said once here, not in each one's JSDoc.
    ...section(
      decoderFunctions(ctx),
      'Decoders: bytes → value, every constraint checked while reading.',
      'decodeX(bytes, options?) accepts any well-formed encoding, unless `options.deterministic` asks for deterministic',
      'encoding only (RFC 8949 §4.2.1); for `strictAny` see DecodeOptions (both off by default). Byte strings in the result',
      'are views into `bytes`, not copies (an empty one is one shared, frozen array). A DecodeError gives the path and byte offset of the',
      'first problem (trailing bytes included).',
    ),
    // The guards come before the encoders: each encodeX is made from its isX (encoders.ts).
    ...section(
      guardFunctions(ctx),
      'Guards: isX answers yes or no; validateX lists every problem with its path.',
      'A valid value is one that encodeX accepts; validateX gives an empty list for it.',
    ),
    ...section(
      encoderFunctions(ctx),
      'Encoders: value → deterministic CBOR (RFC 8949 §4.2.1), after a full check.',
      'encodeX(value) throws an EncodeError listing every problem (with its path) when the value does not match the schema;',
      'nothing is encoded then.',
    ),
    ...section(registryStatements(ctx), 'Registries: XRegistry lists every named value; nameOfX and valueOfX look up, undefined for what the schema does not name.'),
  ];
  const text = printStatements(body);
  const identifiers = identifiersUsed(text, IMPORTABLE);
  // Emitters compute inline types' shapes as they go, so warnings are complete only now; schema order is deterministic.
  const byPlace = (a: SchemaWarning, b: SchemaWarning) => (a.span.file === b.span.file ? a.span.offset - b.span.offset : schema.files.findIndex((f) => f.path === a.span.file) - schema.files.findIndex((f) => f.path === b.span.file));
  for (const warning of [...warnings].sort(byPlace)) options.onWarning?.(warning);
  const used = RUNTIME_IMPORTS.filter((name) => identifiers.has(name));
  const typeOnly = (name: string): string => (TYPE_ONLY_NAMES.has(name) ? `type ${name}` : name);
  const imports = used.map(typeOnly);
  const anyNames = CBOR_ANY_IMPORTS.filter((name) => identifiers.has(name));
  const extension = options.importExtension ?? '.js';
  const runtime = relativeImport(RUNTIME_FILE, extension);
  const cborAny = relativeImport(CBOR_ANY_FILE, extension);
  const lines = [moduleHeader(schema, options), ''];
  // A schema of group rules alone has no codecs, so nothing to import.
  if (imports.length > 0) lines.push(`import { ${imports.join(', ')} } from '${runtime}';`);
  // General rules' values are CborValues: the type is imported, the value model re-exported.
  const cborAnyImports = [...anyNames, ...(usesGeneral ? ['type CborValue'] : [])];
  if (cborAnyImports.length > 0) lines.push(`import { ${cborAnyImports.join(', ')} } from '${cborAny}';`);
  if (usesGeneral) {
    const matcherNames = GENERAL_IMPORTS.filter((name) => name !== 'CddlProgram' && name !== 'schemaProgram' && identifiers.has(name));
    lines.push(`import { ${matcherNames.join(', ')} } from '${relativeImport('matcher.ts', extension)}';`);
    lines.push(`import type { Program as CddlProgram } from '${relativeImport('program.ts', extension)}';`);
  }
  const textControlNames = TEXT_CONTROL_IMPORTS.filter((name) => identifiers.has(name));
  if (textControlNames.length > 0) lines.push(`import { ${textControlNames.join(', ')} } from '${relativeImport(TEXT_CONTROLS_FILE, extension)}';`);
  const dedentedNames = DEDENTED_PATTERN_IMPORTS.filter((name) => identifiers.has(name));
  if (dedentedNames.length > 0) lines.push(`import { ${dedentedNames.join(', ')} } from '${relativeImport(DEDENTED_PATTERN_FILES[0], extension)}';`);
  const automataNames = PATTERN_AUTOMATA_IMPORTS.filter((name) => identifiers.has(name));
  if (automataNames.length > 0) lines.push(`import { ${automataNames.join(', ')} } from '${relativeImport('pattern-automata.ts', extension)}';`);
  const grammars = grammarDeclarations(text);
  if (grammars.length > 0) lines.push(`import { matchesAbnf, type AbnfGrammar as CddlAbnfGrammar } from '${relativeImport(ABNF_RECOGNISER_FILE, extension)}';`);
  if (lines[lines.length - 1] !== '') lines.push('');
  lines.push(`export { ${MODULE_REEXPORTS.map(typeOnly).join(', ')} } from '${runtime}';`);
  if (anyNames.length > 0 || usesGeneral) lines.push(`export { ${CBOR_ANY_REEXPORTS.map(typeOnly).join(', ')} } from '${cborAny}';`);
  const constants = grammars.length > 0 ? ['', grammars.join('\n\n')] : [];
  const declarations = text.trimEnd() === '' ? [] : ['', text.trimEnd()];
  return { text: [...lines, ...constants, ...declarations, ''].join('\n'), usesAny: anyNames.length > 0, usesTextControls: textControlNames.length > 0, usesGeneral, usesAbnf: grammars.length > 0, usesPatternAutomata: dedentedNames.length > 0 || automataNames.length > 0 };
}

/** The names the module may import: found in its text by {@link identifiersUsed}. */
const IMPORTABLE: ReadonlySet<string> = new Set<string>([...RUNTIME_IMPORTS, ...CBOR_ANY_IMPORTS, ...TEXT_CONTROL_IMPORTS, ...GENERAL_IMPORTS, ...DEDENTED_PATTERN_IMPORTS, ...PATTERN_AUTOMATA_IMPORTS]);

/** A section: its title comment with more comment lines under it, then its statements; nothing when it has none. */
function section(statements: readonly Statement[], title: string, ...lines: string[]): Statement[] {
  if (statements.length === 0) return [];
  const text = [`// ---- ${title}`, ...lines.map((line) => `// ${line}`)].join('\n');
  // After a one-line declaration (`export const decodeX = …;`) as after a function: a blank line first.
  const heading = (writer: CodeBlockWriter) => {
    writer.blankLineIfLastNot();
    writer.write(text);
  };
  return [heading, ...statements];
}

function moduleHeader(schema: IrSchema, options: EmitOptions): string {
  const files = schema.files.map((f) => f.path).join(', ');
  const digest = schema.files.length === 1 ? (schema.files[0]?.sha256 ?? '') : combinedDigest(schema);
  const lines = [`// @generated by mimi-codegen ${options.toolVersion} from ${files} (sha256 ${digest}). Do not edit.`];
  if (schema.files.length > 1) for (const f of schema.files) lines.push(`//   ${f.path}: sha256 ${f.sha256}`);
  lines.push('// Regenerate with `mimi-codegen generate`; `mimi-codegen check` tells whether this file is current.');
  return [...lines, ...TOOL_DIRECTIVES].join('\n');
}

/**
 * After the `@generated` lines of every file: the whole-file switches of the
 * linters and formatters that have one, so a project's lint and format runs
 * leave generated code alone. ESLint's (oxlint reads it too), Biome's (2.x),
 * and Deno's lint and fmt (Deno runs the `.ts`-extension output as is).
 * Prettier has no whole-file comment (`// prettier-ignore` skips only the next
 * statement), so the docs ask for the folder in `.prettierignore` instead.
 */
const TOOL_DIRECTIVES = ['/* eslint-disable */', '// biome-ignore-all lint: generated by mimi-codegen', '// deno-lint-ignore-file', '// deno-fmt-ignore-file'];

/** One digest for several files: the SHA-256 of their digests, in order. */
function combinedDigest(schema: IrSchema): string {
  // The per-file digests are already hex; hashing their concatenation identifies the set and its order.
  return sha256Hex(schema.files.map((f) => f.sha256).join('\n'));
}

function templateHeader(options: EmitOptions, template: string): string {
  return [`// @generated by mimi-codegen ${options.toolVersion} from ${template}. Do not edit.`, ...TOOL_DIRECTIVES].join('\n');
}

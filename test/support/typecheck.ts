/**
 * Type-checks generated files with the TypeScript compiler API, as the
 * strictest user build would: every flag of `@tsconfig/strictest` (read from
 * the package, so a new flag there is checked too), plus
 * `verbatimModuleSyntax`, `erasableSyntaxOnly`, `isolatedDeclarations` (with
 * `declaration`), and no DOM or Node typings unless asked.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ts from 'typescript';

/** The compiler options of `@tsconfig/strictest`, as the compiler reads them. */
export function strictestOptions(): ts.CompilerOptions {
  const path = createRequire(import.meta.url).resolve('@tsconfig/strictest/tsconfig.json');
  const parsed = ts.parseConfigFileTextToJson(path, readFileSync(path, 'utf8'));
  const { options, errors } = ts.convertCompilerOptionsFromJson((parsed.config as { compilerOptions: unknown }).compilerOptions, '.');
  if (errors.length > 0) throw new Error(ts.flattenDiagnosticMessageText(errors[0]?.messageText, '\n'));
  return options;
}

export interface TypecheckOptions {
  moduleResolution: 'nodenext' | 'bundler';
  /** Default true, as in the strictest user builds. */
  noUnusedLocals?: boolean;
  /** Add the DOM library (default: the language only). */
  dom?: boolean;
  /** Default `nodenext` for nodenext resolution, else `esnext`. */
  module?: 'nodenext' | 'esnext' | 'preserve';
  /** `allowImportingTsExtensions` (for imports ending in `.ts`). */
  tsExtensions?: boolean;
  /** `isolatedDeclarations` (default true; hand-written test fixtures may leave return types to inference). */
  isolatedDeclarations?: boolean;
  /** The `target` (and the matching `lib`), default ES2022. */
  target?: 'ES2020' | 'ES2021' | 'ES2022' | 'ESNext';
  /** Skip checking declaration files (default true); false checks every typing the files pull in, as a build without skipLibCheck does. */
  skipLibCheck?: boolean;
}

/** Compiler diagnostics of `files` (absolute paths) under strict settings, formatted; empty when they compile. */
export function typecheck(files: string[], options: TypecheckOptions): string[] {
  const nodenext = options.moduleResolution === 'nodenext';
  const target = options.target ?? 'ES2022';
  const module = options.module ?? (nodenext ? 'nodenext' : 'esnext');
  const program = ts.createProgram(files, {
    ...strictestOptions(),
    noEmit: true,
    noUnusedLocals: options.noUnusedLocals ?? true,
    verbatimModuleSyntax: true,
    // No enums, namespaces or parameter properties: Node's type stripping (and other strip-only loaders) run the files as they are.
    erasableSyntaxOnly: true,
    isolatedDeclarations: options.isolatedDeclarations ?? true,
    declaration: true,
    ...(options.tsExtensions === true ? { allowImportingTsExtensions: true } : {}),
    target: ts.ScriptTarget[target],
    // Only the language: no DOM, no Node typings, so a Node-only API would not compile.
    lib: [`lib.${target.toLowerCase()}.d.ts`, ...(options.dom === true ? ['lib.dom.d.ts'] : [])],
    types: [],
    module: { nodenext: ts.ModuleKind.NodeNext, esnext: ts.ModuleKind.ESNext, preserve: ts.ModuleKind.Preserve }[module],
    moduleResolution: nodenext ? ts.ModuleResolutionKind.NodeNext : ts.ModuleResolutionKind.Bundler,
    // Usually what is checked is the generated code, not the typings it meets.
    skipLibCheck: options.skipLibCheck ?? true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (d.file === undefined || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName}:${line + 1}:${character + 1}: ${text}`;
  });
}

/** The identifiers a source text uses in code (not in comments or strings), via the TypeScript scanner. */
export function identifiersIn(text: string): Set<string> {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, /* skipTrivia */ true, ts.LanguageVariant.Standard, text);
  const names = new Set<string>();
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.Identifier) names.add(scanner.getTokenText());
  }
  return names;
}

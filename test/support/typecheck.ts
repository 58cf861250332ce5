/** Type-checks generated files with the TypeScript compiler API, as a user's strict build would. */
import ts from 'typescript';

export interface TypecheckOptions {
  moduleResolution: 'nodenext' | 'bundler';
  /** Default true, as in the strictest user builds. */
  noUnusedLocals?: boolean;
  /** Add the DOM library (default: the language only). */
  dom?: boolean;
}

/** Compiler diagnostics of `files` (absolute paths) under strict settings, formatted; empty when they compile. */
export function typecheck(files: string[], options: TypecheckOptions): string[] {
  const nodenext = options.moduleResolution === 'nodenext';
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noImplicitOverride: true,
    noUnusedLocals: options.noUnusedLocals ?? true,
    target: ts.ScriptTarget.ES2022,
    // Only the language: no DOM, no Node typings, so a Node-only API would not compile.
    lib: options.dom === true ? ['lib.es2022.d.ts', 'lib.dom.d.ts'] : ['lib.es2022.d.ts'],
    types: [],
    module: nodenext ? ts.ModuleKind.NodeNext : ts.ModuleKind.ESNext,
    moduleResolution: nodenext ? ts.ModuleResolutionKind.NodeNext : ts.ModuleResolutionKind.Bundler,
    // cbor-x's own typings name Node's Buffer; what is checked here is the generated code.
    skipLibCheck: true,
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

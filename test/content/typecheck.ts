/**
 * Type-checks files with the TypeScript compiler API under strict settings
 * with only the ES2022 library (no DOM, no Node typings), like
 * test/support/typecheck.ts, but skipping the checking of declaration files:
 * the content module imports cbor-x, whose own typings name Node's Buffer.
 */
import ts from 'typescript';

/** Diagnostics of `files` (absolute paths), formatted; empty when they compile. */
export function typecheckStrict(files: string[], options: { noUnusedLocals?: boolean; dom?: boolean } = {}): string[] {
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noImplicitOverride: true,
    noUnusedLocals: options.noUnusedLocals ?? true,
    target: ts.ScriptTarget.ES2022,
    lib: options.dom === true ? ['lib.es2022.d.ts', 'lib.dom.d.ts'] : ['lib.es2022.d.ts'],
    types: [],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (d.file === undefined || d.start === undefined) return text;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName}:${line + 1}:${character + 1}: ${text}`;
  });
}

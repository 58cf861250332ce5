/** The strict type check of test/support/typecheck.ts, under nodenext, as the content tests call it. */
import { typecheck } from '../support/typecheck.js';

/** Diagnostics of `files` (absolute paths), formatted; empty when they compile. */
export function typecheckStrict(files: string[], options: { noUnusedLocals?: boolean; dom?: boolean; isolatedDeclarations?: boolean } = {}): string[] {
  return typecheck(files, { moduleResolution: 'nodenext', ...options });
}

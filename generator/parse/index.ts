/**
 * The CDDL parser: text in, {@link CddlFile} out. Pure: no I/O. Every problem
 * in the text is a {@link SchemaError} of kind 'syntax'.
 */
import type { CddlFile } from './ast.js';
import { tokenize } from './lexer.js';
import { Parser } from './parser.js';
import { SourceText } from './source.js';

export type * from './ast.js';

/** Parses one `.cddl` file; `file` is the name used in spans and messages. */
export function parseCddl(text: string, file: string): CddlFile {
  const src = new SourceText(text, file);
  const { tokens, comments } = tokenize(src);
  return new Parser(src, tokens, comments).file();
}

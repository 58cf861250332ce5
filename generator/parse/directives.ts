/**
 * Module directives (draft-ietf-cbor-cddl-modules, Appendix A): comment lines
 * that start with `;#` in column 1 and name `import` or `include`.
 *
 *   directive   = ";#" RS ("import" / "include") RS [from-clause] filename [as-clause] CRLF
 *   from-clause = 1*(id-or-all [","] RS) "from" RS
 *   as-clause   = RS "as" RS id
 *
 * To basic CDDL they are comments, so they may stand anywhere in a file. A
 * `;#` line with another first word is a directive of some later extension
 * and is left alone; one that starts with `import` or `include` but does not
 * follow the grammar is a syntax error, since ignoring it would silently drop
 * the rules it asks for.
 */
import type { Directive } from './ast.js';
import type { Comment } from './lexer.js';
import type { SourceText } from './source.js';

const FILENAME = /^[-.0-9A-Za-z_]+$/;
/** The draft's `id` (no `.`, no `-`), widened to CDDL's own names, which `from` lists name as they are spelled in rules (`cose.label`, `AAD-list`). */
const ID = /^[$@A-Za-z_](?:[-.]*[$@A-Za-z_0-9])*$/;

/** True when the comment starts its line with `;#`. */
export function isDirectiveComment(comment: Comment, src: SourceText): boolean {
  return src.text.startsWith(';#', comment.start) && src.span(comment.start, comment.start).col === 1;
}

/** The directives among a file's comments, in file order. Throws a syntax error for a malformed import or include. */
export function parseDirectives(comments: readonly Comment[], src: SourceText): Directive[] {
  const directives: Directive[] = [];
  for (const comment of comments) {
    if (!isDirectiveComment(comment, src)) continue;
    const directive = parseDirective(comment, src);
    if (directive !== null) directives.push(directive);
  }
  return directives;
}

interface Word {
  text: string;
  start: number;
  end: number;
}

function parseDirective(comment: Comment, src: SourceText): Directive | null {
  const lineEnd = endOfLine(src.text, comment.start);
  const words: Word[] = [];
  const pattern = /[^ \t]+/g;
  pattern.lastIndex = comment.start + 2;
  const body = src.text.slice(0, lineEnd);
  for (let m = pattern.exec(body); m !== null; m = pattern.exec(body)) words.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  const verb = words[0];
  if (verb === undefined || (verb.text !== 'import' && verb.text !== 'include')) return null;
  const fail = (word: Word | undefined, detail: string) => {
    const at = word ?? { start: lineEnd, end: lineEnd };
    return src.error(at.start, at.end, `${detail} (the directive is ';# ${verb.text} [names from] module [as prefix]', draft-ietf-cbor-cddl-modules Appendix A)`);
  };
  if (src.text[comment.start + 2] !== ' ') throw fail(verb, `'${verb.text}' must follow ';#' after a space`);
  const rest = words.slice(1);
  const fromAt = rest.findIndex((w) => w.text === 'from');
  let names: Directive['names'] = null;
  let tail = rest;
  if (fromAt >= 0) {
    names = [];
    for (const word of rest.slice(0, fromAt)) {
      // Each name may carry its comma (`a, b`) or stand apart from it (`a , b`).
      for (const part of splitCommas(word)) {
        if (part.text !== '*' && !ID.test(part.text)) throw fail(part, `'${part.text}' is not a rule name`);
        names.push({ name: part.text, span: src.span(part.start, part.end) });
      }
    }
    if (names.length === 0) throw fail(rest[fromAt], `'from' needs the names to take before it`);
    tail = rest.slice(fromAt + 1);
  }
  const module = tail[0];
  if (module === undefined) throw fail(undefined, `the directive names no module`);
  if (!FILENAME.test(module.text)) throw fail(module, `'${module.text}' is not a module name (letters, digits, '-', '.', '_')`);
  let prefix: Directive['prefix'] = null;
  if (tail.length > 1) {
    const as = tail[1] as Word;
    const id = tail[2];
    if (as.text !== 'as') throw fail(as, `expected 'as' or the end of the line after the module name, found '${as.text}'`);
    if (id === undefined) throw fail(undefined, `'as' needs a prefix`);
    if (!/^[$@A-Z_a-z][$0-9@A-Z_a-z]*$/.test(id.text)) throw fail(id, `'${id.text}' is not a prefix (letters, digits, '_', '$', '@'; no '.' or '-')`);
    if (tail.length > 3) throw fail(tail[3], `unexpected '${(tail[3] as Word).text}' after the prefix`);
    prefix = { name: id.text, span: src.span(id.start, id.end) };
  }
  return {
    kind: verb.text,
    names: names !== null && names.some((n) => n.name === '*') ? null : names,
    module: module.text,
    moduleSpan: src.span(module.start, module.end),
    prefix,
    span: src.span(comment.start, lineEnd),
  };
}

function splitCommas(word: Word): Word[] {
  const parts: Word[] = [];
  let start = word.start;
  for (const piece of word.text.split(',')) {
    if (piece !== '') parts.push({ text: piece, start, end: start + piece.length });
    start += piece.length + 1;
  }
  return parts;
}

function endOfLine(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

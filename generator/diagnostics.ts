/**
 * Locations and errors shared by every stage of the pipeline.
 *
 * Every AST node carries a {@link Span}; every error a user can cause in a
 * schema is a {@link SchemaError} that names `file:line:col` and shows the
 * offending source line with a caret under the column.
 */

/** A region of one source file. Lines and columns are 1-based; offsets are 0-based UTF-16 indices. */
export interface Span {
  file: string;
  line: number;
  col: number;
  offset: number;
  endOffset: number;
}

/** Source texts by file name, so errors raised after parsing can still quote the line. */
export type SourceMap = ReadonlyMap<string, string>;

/** What kind of schema problem this is; the CLI maps every kind to exit code 1. */
export type SchemaErrorKind = 'syntax' | 'resolve' | 'invalid' | 'unsupported' | 'naming';

/** Formats `file:line:col` for a span. */
export function formatLocation(span: Pick<Span, 'file' | 'line' | 'col'>): string {
  return `${span.file}:${span.line}:${span.col}`;
}

/**
 * Renders the source line of `span` with a caret under its column, e.g.
 * ```
 *   12 | PerMessageStatus = [ messageId: MessageId
 *      |                    ^
 * ```
 * Returns '' when the text is not available.
 */
export function excerpt(span: Pick<Span, 'line' | 'col'>, text: string | undefined): string {
  if (text === undefined) return '';
  const line = lineOf(text, span.line);
  if (line === undefined) return '';
  const gutter = String(span.line);
  const pad = ' '.repeat(gutter.length);
  // Tabs are kept in the caret line so that the caret lines up under them.
  const lead = line.slice(0, Math.max(0, span.col - 1)).replace(/[^\t]/g, ' ');
  return `  ${gutter} | ${line}\n  ${pad} | ${lead}^`;
}

/**
 * Line `n` (1-based) of `text`, lines ending at `\r\n`, `\r` or `\n`; undefined past the last. Found by walking
 * the line ends up to it: splitting the whole schema for each error was 1% of compiling a 5,000-rule schema
 * (whose refused rules each make a SchemaError).
 */
function lineOf(text: string, n: number): string | undefined {
  if (n < 1) return undefined;
  let start = 0;
  for (let line = 1; line < n; line++) {
    const end = lineEnd(text, start);
    if (end === text.length) return undefined;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return text.slice(start, lineEnd(text, start));
}

/** Where the line starting at `start` ends: its `\r` or `\n`, or the end of the text. */
function lineEnd(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

/** Where a rule of CDDL is written, as messages cite it: a section or appendix of an RFC, or of the modules draft. */
export type Citation =
  | `RFC ${number} §${string}`
  | `RFC ${number} Appendix ${string}`
  | `draft-ietf-cbor-cddl-modules §${string}`
  | `draft-ietf-cbor-cddl-modules Appendix ${string}`;

/** A message that says what is wrong, then the rule it breaks: `undefined name 'b' (RFC 8610 Appendix C)`. */
export function citing(detail: string, citation: Citation): string {
  return `${detail} (${citation})`;
}

/** Something in a schema that generates, but maybe not as its author meant (a `.regexp` that is not XSD, …). */
export interface SchemaWarning {
  span: Span;
  message: string;
}

/** `file:line:col: warning: …`, as a compiler prints it. */
export function formatWarning(warning: SchemaWarning): string {
  return `${formatLocation(warning.span)}: warning: ${warning.message}`;
}

/** One location an error refers to, besides its main one ("first defined here"). */
export interface RelatedLocation {
  span: Span;
  message: string;
}

/**
 * An error in a schema: syntax, an unresolved or duplicate name, CDDL another rule of the RFCs makes invalid (`invalid`,
 * its message citing the rule), or a construct the generator cannot honour (`unsupported`: a resource limit, a gap).
 */
export class SchemaError extends Error {
  override readonly name = 'SchemaError';
  readonly kind: SchemaErrorKind;
  readonly span: Span;
  /** The message without location or excerpt. */
  readonly detail: string;
  readonly related: readonly RelatedLocation[];

  constructor(
    kind: SchemaErrorKind,
    span: Span,
    detail: string,
    options: { source?: string; related?: RelatedLocation[]; sources?: SourceMap } = {},
  ) {
    const related = options.related ?? [];
    const text = options.source ?? options.sources?.get(span.file);
    const parts = [`${formatLocation(span)}: ${kind === 'unsupported' ? 'unsupported: ' : ''}${detail}`];
    const main = excerpt(span, text);
    if (main) parts.push(main);
    for (const r of related) {
      parts.push(`${formatLocation(r.span)}: ${r.message}`);
      const more = excerpt(r.span, options.sources?.get(r.span.file));
      if (more) parts.push(more);
    }
    super(parts.join('\n'));
    this.kind = kind;
    this.span = span;
    this.detail = detail;
    this.related = related;
  }
}

/** True for a {@link SchemaError}, judged by shape so that two copies of the package agree. */
export function isSchemaError(error: unknown): error is SchemaError {
  return (
    error instanceof Error &&
    error.name === 'SchemaError' &&
    typeof (error as Partial<SchemaError>).detail === 'string' &&
    typeof (error as Partial<SchemaError>).span === 'object'
  );
}

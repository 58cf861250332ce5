/**
 * Positions in one source text: offsets to 1-based line and column, spans,
 * and the way the parser reports a syntax error (citing the production it breaks).
 */
import { SchemaError, type Span } from '../diagnostics.js';
import { citeGrammar, type Production } from './grammar.js';

/** The text being parsed, with its line starts, so that any offset can become a {@link Span}. */
export class SourceText {
  /** Offset of the first character of each line (after a byte order mark on line 1). */
  private readonly lineStarts: number[];
  /** Offset of the first character after a byte order mark, 0 when there is none. */
  readonly bodyStart: number;

  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    this.bodyStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const starts = [this.bodyStart];
    // Line breaks as excerpt() in diagnostics.ts counts them: CRLF, CR, LF.
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  /** The 1-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** The span from `start` to `end` (exclusive). */
  span(start: number, end: number): Span {
    const line = this.lineOf(start);
    const col = start - (this.lineStarts[line - 1] as number) + 1;
    return { file: this.file, line, col, offset: start, endOffset: end };
  }

  /** `line:col` of an offset, for messages such as "opened at 10:3". */
  where(offset: number): string {
    const s = this.span(offset, offset);
    return `${s.line}:${s.col}`;
  }

  /** A syntax error at `start..end` (the caret goes under `start`) against `production`, which the message cites. */
  syntaxError(start: number, end: number, detail: string, production: Production): SchemaError {
    return this.error(start, end, citeGrammar(detail, production));
  }

  /** An error at `start..end` whose message cites its rule itself (a directive), or, of kind `unsupported`, a resource limit. */
  error(start: number, end: number, detail: string, kind: 'syntax' | 'unsupported' = 'syntax'): SchemaError {
    return new SchemaError(kind, this.span(start, Math.max(start, end)), detail, { source: this.text });
  }
}

/**
 * Doc comments: which `;` comments belong to a rule or a group entry.
 *
 * A node's doc is the run of whole-line comments directly above its first
 * line (no blank line in between, and only when the node starts its line),
 * followed by a comment on the same line after its last token (or after the
 * comma that ends a group entry).
 */
import type { Comment, Token } from './lexer.js';
import type { SourceText } from './source.js';

export class DocComments {
  private readonly byToken = new Map<number, Comment[]>();

  constructor(
    comments: readonly Comment[],
    private readonly tokens: readonly Token[],
    private readonly src: SourceText,
  ) {
    for (const c of comments) {
      const list = this.byToken.get(c.beforeToken);
      if (list) list.push(c);
      else this.byToken.set(c.beforeToken, [c]);
    }
  }

  /**
   * The doc of the node whose tokens are `first..last` (indices); `after` is
   * the index of a comma that ends it, if any.
   */
  docFor(first: number, last: number, after?: number): string | null {
    const lines = [...this.leading(first)];
    const trailing = this.trailing(last) ?? (after === undefined ? undefined : this.trailing(after));
    if (trailing) lines.push(trailing.text);
    return lines.length > 0 ? lines.join('\n') : null;
  }

  private leading(first: number): string[] {
    const token = this.tokens[first];
    if (!token) return [];
    const line = this.src.lineOf(token.start);
    const previous = this.tokens[first - 1];
    if (previous && this.src.lineOf(Math.max(previous.start, previous.end - 1)) === line) return [];
    const before = this.byToken.get(first) ?? [];
    const run: string[] = [];
    let expected = line - 1;
    for (let k = before.length - 1; k >= 0; k--) {
      const c = before[k] as Comment;
      if (!c.ownLine || c.line !== expected) break;
      run.unshift(c.text);
      expected--;
    }
    return run;
  }

  private trailing(last: number): Comment | undefined {
    const first = this.byToken.get(last + 1)?.[0];
    return first && !first.ownLine ? first : undefined;
  }
}

/**
 * Helpers shared by the per-format CDDL extractors: entity decoding, comment
 * masking, line arithmetic and block normalisation (dedent, blank-line trim).
 */

/** A CDDL block found in a draft, before the origin comment is added. */
export interface RawBlock {
  /** Dedented CDDL text, no leading/trailing blank lines, no trailing spaces. */
  cddl: string;
  /** 1-based line (in the draft) of the block's first non-blank line. */
  line: number;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/**
 * Decodes `&lt; &gt; &amp; &quot; &apos; &nbsp;` and numeric character
 * references (`&#60;`, `&#x3C;`) in one pass, so `&amp;lt;` becomes `&lt;`.
 * Unknown named entities are left as they are.
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][A-Za-z0-9]*);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

/** Normalises CRLF and lone CR line ends to LF (line numbers are unchanged). */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Replaces every character but newlines by a space: keeps offsets and line numbers. */
export function blankOut(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

/** Removes markup tags but keeps the newlines inside them, so line numbers survive. */
export function stripTags(text: string): string {
  return text.replace(/<[^>]*>/g, (tag) => tag.replace(/[^\n]/g, ''));
}

/**
 * Blanks out `<!-- comments -->` (and, if asked, the bodies of CDATA sections),
 * keeping offsets, so markup can be searched with regular expressions without
 * hitting commented-out or quoted tags. CDATA sections are never searched for
 * comments.
 */
export function maskMarkup(text: string, options: { cdata: boolean }): string {
  let out = '';
  let pos = 0;
  const re = /<!--|<!\[CDATA\[/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index < pos) continue;
    const isComment = m[0] === '<!--';
    const close = isComment ? '-->' : ']]>';
    const bodyStart = m.index + m[0].length;
    const closeAt = text.indexOf(close, bodyStart);
    const end = closeAt < 0 ? text.length : closeAt + close.length;
    out += text.slice(pos, m.index);
    if (isComment) out += blankOut(text.slice(m.index, end));
    else if (options.cdata) out += m[0] + blankOut(text.slice(bodyStart, closeAt < 0 ? end : closeAt)) + (closeAt < 0 ? '' : close);
    else out += text.slice(m.index, end);
    pos = end;
    re.lastIndex = end;
  }
  return out + text.slice(pos);
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Removes the longest run of leading whitespace common to all non-blank lines. */
export function dedent(lines: readonly string[]): string[] {
  let common: string | undefined;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)?.[0] ?? '';
    if (common === undefined) common = indent;
    else {
      let n = 0;
      while (n < common.length && n < indent.length && common[n] === indent[n]) n++;
      common = common.slice(0, n);
    }
  }
  const cut = common?.length ?? 0;
  return lines.map((line) => (line.trim() === '' ? '' : line.slice(cut)));
}

/**
 * Turns the raw content of a code element into a block: drops leading and
 * trailing blank lines (advancing the line number past the leading ones),
 * strips trailing whitespace and dedents. Returns undefined for empty content.
 *
 * @param content the decoded content (LF line ends)
 * @param firstLine the 1-based draft line on which `content` starts
 */
export function makeBlock(content: string, firstLine: number): RawBlock | undefined {
  const lines = content.split('\n').map((l) => l.replace(/\s+$/, ''));
  let start = 0;
  while (start < lines.length && lines[start] === '') start++;
  let end = lines.length;
  while (end > start && lines[end - 1] === '') end--;
  if (start === end) return undefined;
  return { cddl: dedent(lines.slice(start, end)).join('\n'), line: firstLine + start };
}

/** The base name of a path, for either separator. */
export function baseName(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  return parts[parts.length - 1] || fileName;
}

/** Reads an attribute value (double, single or unquoted) from a tag's attribute text. */
export function attribute(attrs: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>/]+))`, 'i');
  const m = re.exec(attrs);
  if (!m) return undefined;
  return decodeEntities(m[1] ?? m[2] ?? m[3] ?? '');
}

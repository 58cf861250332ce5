/**
 * kramdown-rfc / markdown drafts: fenced blocks ```` ```cddl ```` and
 * `~~~ cddl` (also `~~~~ CDDL`, ```` ```{.cddl} ````), or unlabelled fences
 * whose kramdown attribute list names a `.cddl` file or `type="cddl"`. The
 * fence's indentation is removed from its content; kramdown attribute lines
 * (`{: sourcecode-name="x.cddl"}`) are not CDDL. Without any such fence the
 * document's text is searched for CDDL as plain text, other languages'
 * fences left out.
 */
import { makeBlock, type RawBlock } from './common.js';
import { extractFromText } from './text.js';

const FENCE = /^([ \t]*)(`{3,}|~{3,})[ \t]*(.*)$/;
const IAL = /^[ \t]*\{:.*\}[ \t]*$/;

interface Fence {
  /** Index of the opening fence line. */
  open: number;
  /** Index of the closing fence line (the line count if unclosed). */
  close: number;
  lang: string;
  info: string;
  indent: number;
}

function findFences(lines: readonly string[]): Fence[] {
  const fences: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = FENCE.exec(lines[i] ?? '');
    if (!m) continue;
    const [, indent = '', marker = '', info = ''] = m;
    if (marker.startsWith('`') && info.includes('`')) continue; // inline code, not a fence
    const closeRe = new RegExp(`^[ \\t]*${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
    let close = i + 1;
    while (close < lines.length && !closeRe.test(lines[close] ?? '')) close++;
    const lang = /^\{?\.?([A-Za-z0-9_+-]*)/.exec(info.trim())?.[1] ?? '';
    fences.push({ open: i, close, lang: lang.toLowerCase(), info, indent: indent.length });
    i = close;
  }
  return fences;
}

/** `{: sourcecode-name="x.cddl"}`, `{: type="cddl"}`. */
const namesCddl = (s: string | undefined): boolean =>
  s !== undefined && IAL.test(s) && /(?:sourcecode-name\s*=\s*["']?[^"'\s}]*\.cddl\b|type\s*=\s*["']?cddl\b)/i.test(s);

export function extractFromMarkdown(source: string): RawBlock[] {
  const lines = source.split('\n');
  const fences = findFences(lines);
  const blocks: RawBlock[] = [];
  for (const f of fences) {
    const isCddl =
      f.lang === 'cddl' ||
      (f.lang === '' && (namesCddl(f.info) || namesCddl(lines[f.open - 1]) || namesCddl(lines[f.close + 1])));
    if (!isCddl) continue;
    let first = f.open + 1;
    while (first < f.close && IAL.test(lines[first] ?? '')) first++;
    const content = lines.slice(first, f.close).map((l) => stripIndent(l, f.indent));
    if (content.every((l) => l.trim() === '' || /^\s*\{::include\b/.test(l))) continue; // external file
    const block = makeBlock(content.join('\n'), first + 1);
    if (block) blocks.push(block);
  }
  if (blocks.length > 0) return blocks;
  // Fallback: unlabelled CDDL. Blank out fences of other languages.
  const searchable = [...lines];
  for (const f of fences) {
    if (f.lang === '') continue;
    for (let i = f.open; i <= f.close && i < searchable.length; i++) searchable[i] = '';
  }
  return extractFromText(searchable.join('\n'));
}

/** Removes up to `n` columns of leading spaces (the fence's own indentation). */
function stripIndent(line: string, n: number): string {
  let i = 0;
  while (i < n && i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return line.slice(i);
}

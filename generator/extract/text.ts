/**
 * Plain-text drafts (the xml2rfc .txt rendering, or text flattened from the
 * HTML rendering): the CDDL is not marked, so it is recognised.
 *
 * 1. Pagination is removed: form feeds, page footers (`Mahy   Expires 8
 *    January 2026   [Page 3]`) and running headers (`Internet-Draft   MIMI
 *    Message Status   July 2025`), with the blank padding around them, so a
 *    figure split by a page break is whole again.
 * 2. Every line that starts with a rule head (`name =`, `name /=`,
 *    `name<T> //=`) is a candidate; the CDDL scanner reads rules from there
 *    across lines until the text stops being CDDL.
 * 3. The candidate is kept if the CDDL ends at a line end, or if prose
 *    resumes mid-line after a rule that itself started mid-line (flattened
 *    rendering). A rule that starts a line but is followed by prose on that
 *    line (`x = the number of ...`) is prose and dropped; a candidate that
 *    stops on a syntax error mid-line (ABNF, `a = b ":" c`) is rejected with
 *    the rest of its paragraph.
 * 4. Comment lines directly above the first rule are part of the block.
 *    Rules that were flattened onto one line are split back one per line.
 */
import { dedent, type RawBlock } from './common.js';
import { scanRules, skipSpace, type RuleSpan } from './scanner.js';

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';
/** `Mahy   Expires 8 January 2026   [Page 3]` or, flattened, `Mahy | Expires 5 January 2026 | [Page] |`. */
const FOOTER = /^\S.*?(?:\s{2,}|\s*\|\s*)\[Page(?: \d+)?\]\s*\|?\s*$/;
/** `Internet-Draft   MIMI Message Status   July 2025` (also `RFC 9999 ...`, and flattened with `|`). */
const HEADER = new RegExp(`^(?:Internet-Draft|RFC \\d+)(?:\\s{2,}|\\s*\\|\\s*).*\\b(?:\\d{1,2} )?${MONTH} \\d{4}\\s*\\|?\\s*$`);
/** A line that begins with a rule head. */
const RULE_START = /^[ \t]*[A-Za-z@_$](?:[-.]*[A-Za-z0-9@_$])*(?:<[^<>\n]*>)?[ \t]*(?:\/\/=|\/=|=(?!>))/;

interface Page {
  /** The text with pagination removed. */
  text: string;
  /** Start offset in `text` of each line. */
  starts: number[];
  /** Original 1-based line number of each line. */
  lineNumbers: number[];
}

/** Removes form feeds, page footers and headers, and the blank lines padding them. */
export function depaginate(source: string): Page {
  const kept: { text: string; line: number }[] = [];
  let inBreak = false;
  source.split('\n').forEach((raw, index) => {
    const text = raw.replace(/\f/g, '');
    const formFeed = text !== raw;
    if (FOOTER.test(text)) {
      while (kept.length > 0 && (kept[kept.length - 1] as { text: string }).text.trim() === '') kept.pop();
      inBreak = true;
    } else if (HEADER.test(text)) {
      inBreak = true;
    } else if (text.trim() === '') {
      if (!inBreak && !formFeed) kept.push({ text, line: index + 1 });
    } else {
      inBreak = false;
      kept.push({ text, line: index + 1 });
    }
  });
  const starts: number[] = [];
  let offset = 0;
  for (const k of kept) {
    starts.push(offset);
    offset += k.text.length + 1;
  }
  return { text: kept.map((k) => k.text).join('\n'), starts, lineNumbers: kept.map((k) => k.line) };
}

const lineEndAt = (text: string, pos: number): number => {
  const nl = text.indexOf('\n', pos);
  return nl < 0 ? text.length : nl;
};
const lineStartAt = (text: string, pos: number): number => text.lastIndexOf('\n', pos - 1) + 1;
/** Only whitespace (or a pilcrow) between the line start and `pos`. */
const startsLine = (text: string, pos: number): boolean => /^[ \t]*$/.test(text.slice(lineStartAt(text, pos), pos));
/** Only whitespace, comments or a trailing pilcrow after `pos` on its line. */
const endsLine = (text: string, pos: number): boolean => /^[ \t]*(?:;.*|¶)?$/.test(text.slice(pos, lineEndAt(text, pos)));

/**
 * Whether the text at `pos` reads as prose resuming: a word, then at least
 * two more lower-case words among the next three (ABNF names like `SP`,
 * `CRLF`, `msg-id` are not prose).
 */
function proseAt(text: string, pos: number): boolean {
  const words = text.slice(pos, pos + 200).split(/\s+/).slice(0, 4);
  const first = words[0] ?? '';
  if (!/^[A-Za-z][a-z]*[.,;:!?]?$/.test(first)) return false;
  return words.slice(1).filter((w) => /^[a-z]+[.,;:!?]?$/.test(w)).length >= 2;
}

/** End of the paragraph containing `pos`: the next blank line, or the end. */
function paragraphEnd(text: string, pos: number): number {
  const m = /\n[ \t]*\n/g;
  m.lastIndex = pos;
  const found = m.exec(text);
  return found ? found.index + 1 : text.length;
}

/** Extends an end offset over the comment lines (or trailing comment) that follow it. */
function extendOverComments(text: string, end: number): number {
  const re = /(?:[ \t]*\n)*[ \t]*;[^\n]*/y;
  for (;;) {
    re.lastIndex = end;
    const m = re.exec(text);
    if (!m) return end;
    end += m[0].length;
  }
}

/**
 * Decides how much of a scan is CDDL. Returns the rules kept (possibly none)
 * and whether the candidate was a syntax error (then nothing is kept).
 */
function acceptedRules(text: string, rules: RuleSpan[], stop: number, error: boolean): RuleSpan[] {
  const kept = [...rules];
  while (kept.length > 0) {
    const last = kept[kept.length - 1] as RuleSpan;
    if (endsLine(text, last.end)) return kept;
    // Something follows on the same line.
    if (error || stop !== skipSpace(text, last.end)) return [];
    if (!proseAt(text, stop)) return [];
    if (!startsLine(text, last.start)) return kept; // flattened rules, then prose
    kept.pop(); // `x = the number of ...`: prose, not a rule
    stop = last.start;
  }
  return kept;
}

/** Recognises the CDDL blocks of a plain-text draft. */
export function extractFromText(source: string): RawBlock[] {
  const page = depaginate(source);
  const { text, starts, lineNumbers } = page;
  const blocks: RawBlock[] = [];
  let consumed = 0;
  for (let i = 0; i < starts.length; i++) {
    const lineStart = starts[i] as number;
    if (lineStart < consumed) continue;
    const lineText = text.slice(lineStart, lineEndAt(text, lineStart));
    const head = RULE_START.exec(lineText);
    if (!head) continue;
    const first = skipSpace(text, lineStart);
    const scan = scanRules(text, first);
    // Stopping in the middle of a rule, or mid-line on something that is not
    // prose, is a syntax error: this is not CDDL (or not all of it is).
    const error = scan.dangling || (scan.stoppedAt === 'token' && !startsLine(text, scan.stop) && !proseAt(text, scan.stop));
    const rules = acceptedRules(text, scan.rules, scan.stop, error);
    if (rules.length === 0) {
      if (error) consumed = paragraphEnd(text, scan.stop);
      continue;
    }
    // Comment lines directly above belong to the block.
    let firstLine = i;
    while (firstLine > 0 && (starts[firstLine - 1] as number) >= consumed) {
      const prevStart = starts[firstLine - 1] as number;
      if (!/^[ \t]*;/.test(text.slice(prevStart, lineEndAt(text, prevStart)))) break;
      firstLine--;
    }
    const end = extendOverComments(text, (rules[rules.length - 1] as RuleSpan).end);
    blocks.push({ cddl: render(text, starts[firstLine] as number, rules, end), line: lineNumbers[firstLine] as number });
    consumed = lineEndAt(text, end) + 1;
  }
  return blocks;
}

/** The block's text, with rules that share a line split one per line, dedented. */
function render(text: string, from: number, rules: readonly RuleSpan[], end: number): string {
  let out = '';
  let cursor = from;
  for (const rule of rules.slice(1)) {
    if (startsLine(text, rule.start)) continue;
    const lineStart = lineStartAt(text, rule.start);
    const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
    out += text.slice(cursor, rule.start).replace(/\s+$/, '') + '\n' + indent;
    cursor = rule.start;
  }
  out += text.slice(cursor, end);
  const lines = out.split('\n').map((l) => l.replace(/\s+$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return dedent(lines).join('\n');
}

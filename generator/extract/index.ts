/**
 * `mimi-codegen extract <draft>`: pulls the CDDL out of an Internet-Draft as
 * published (xml2rfc XML, HTML rendering, kramdown-rfc markdown, or plain
 * text) and returns it as one CDDL text, each block preceded by a comment
 * naming its origin (`; from draft-x-00.xml:153`). Pure: no I/O.
 */
import { baseName, normalizeNewlines, type RawBlock } from './common.js';
import { extractFromHtml } from './html.js';
import { extractFromMarkdown } from './markdown.js';
import { extractFromText } from './text.js';
import { extractFromXml } from './xml.js';

export type DraftFormat = 'xml' | 'html' | 'markdown' | 'text';

export interface ExtractedBlock {
  /** The block's CDDL, dedented, without origin comment or trailing newline. */
  cddl: string;
  /** 1-based line in the draft where the block's content starts. */
  line: number;
  format: DraftFormat;
}

export interface Extraction {
  format: DraftFormat;
  /** Every block found, in document order (repeated blocks included). */
  blocks: ExtractedBlock[];
  /** The combined CDDL: origin comments, repeated blocks kept once, trailing newline. */
  cddl: string;
}

const BY_EXTENSION: Readonly<Record<string, DraftFormat>> = {
  xml: 'xml',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  md: 'markdown',
  mkd: 'markdown',
  markdown: 'markdown',
  txt: 'text',
};

/** Detects a draft's format from its file extension, else by sniffing its content. */
export function detectDraftFormat(text: string, fileName: string): DraftFormat {
  const ext = /\.([A-Za-z0-9]+)$/.exec(baseName(fileName))?.[1]?.toLowerCase();
  const byExt = ext === undefined ? undefined : BY_EXTENSION[ext];
  if (byExt) return byExt;
  const head = text.replace(/^\ufeff/, '').slice(0, 4000);
  if (/<!doctype\s+html|<html[\s>]/i.test(head)) return 'html';
  if (/^\s*<\?xml\b/.test(head) || /<rfc[\s>]/.test(head)) return 'xml';
  if (/^---[ \t]*\n[\s\S]*?^(?:title|docname|abbrev):/m.test(head) || /^[ \t]*(?:```|~~~)/m.test(text)) return 'markdown';
  return 'text';
}

const EXTRACTORS: Readonly<Record<DraftFormat, (text: string) => RawBlock[]>> = {
  xml: extractFromXml,
  html: extractFromHtml,
  markdown: extractFromMarkdown,
  text: extractFromText,
};

const WHAT_WAS_SEARCHED: Readonly<Record<DraftFormat, string>> = {
  xml: 'no <sourcecode type="cddl"> or <artwork type="cddl"> element with content',
  html: 'no <pre>/<code> element with class lang-cddl or language-cddl, and no CDDL rules in the page text',
  markdown: 'no ```cddl or ~~~ cddl fenced block, and no CDDL rules in the text',
  text: 'no figure whose lines read as CDDL rules (name = ...)',
};

/**
 * Extracts the CDDL from a draft.
 * @param text the draft's content
 * @param fileName its file name or path (for format detection and origin comments)
 * @param format overrides detection
 * @throws Error naming the file when no CDDL is found
 */
export function extractCddl(text: string, fileName: string, format?: DraftFormat): Extraction {
  const fmt = format ?? detectDraftFormat(text, fileName);
  const name = baseName(fileName);
  const raw = EXTRACTORS[fmt](normalizeNewlines(text.replace(/^\ufeff/, '')));
  if (raw.length === 0) {
    throw new Error(`No CDDL found in ${name} (read as ${fmt}): ${WHAT_WAS_SEARCHED[fmt]}`);
  }
  const blocks: ExtractedBlock[] = raw.map((b) => ({ cddl: b.cddl, line: b.line, format: fmt }));
  return { format: fmt, blocks, cddl: combine(blocks, name) };
}

/** Joins blocks with origin comments; a repeated block is kept at its first place, noting the others. */
function combine(blocks: readonly ExtractedBlock[], name: string): string {
  const seen = new Map<string, { block: ExtractedBlock; repeats: number[] }>();
  for (const block of blocks) {
    const entry = seen.get(block.cddl);
    if (entry) entry.repeats.push(block.line);
    else seen.set(block.cddl, { block, repeats: [] });
  }
  const parts = [...seen.values()].map(({ block, repeats }) => {
    const origin = `; from ${name}:${block.line}`;
    const also = repeats.length > 0 ? `\n; (identical block also at ${repeats.map((l) => `${name}:${l}`).join(', ')}; kept once)` : '';
    return `${origin}${also}\n${block.cddl}`;
  });
  return parts.join('\n\n') + '\n';
}

/**
 * HTML renderings (xml2rfc/datatracker): `<pre class="lang-cddl sourcecode">`,
 * `<pre class="sourcecode lang-cddl">`, `<div class="lang-cddl sourcecode"><pre>`,
 * `<code class="language-cddl">`. Inner tags are stripped, entities decoded.
 * A page without marked CDDL (the "htmlized" text rendering) falls back to
 * recognising CDDL in its text.
 */
import { attribute, blankOut, decodeEntities, lineAt, makeBlock, maskMarkup, stripTags, type RawBlock } from './common.js';
import { extractFromText } from './text.js';

const CDDL_CLASS = /^(?:lang|language|sourcecode)-cddl$/i;

/** Decoded text of an HTML fragment: tags dropped (keeping their newlines), entities decoded, nbsp as space. */
export function htmlText(fragment: string): string {
  return decodeEntities(stripTags(fragment)).replace(/\u00a0/g, ' ').replace(/[\u200b\u2060\ufeff]/g, '');
}

/** The document with comments, scripts and styles blanked out (offsets kept). */
function maskHtml(source: string): string {
  return maskMarkup(source, { cdata: false }).replace(
    /(<(script|style)\b[^>]*>)([\s\S]*?)(<\/\2\s*>)/gi,
    (_all, open: string, _tag: string, body: string, close: string) => open + blankOut(body) + close,
  );
}

export function extractFromHtml(source: string): RawBlock[] {
  const text = maskHtml(source);
  const lower = text.toLowerCase();
  const blocks: RawBlock[] = [];
  const open = /<(pre|code|div)\b([^>]*)>/gi;
  for (let m = open.exec(text); m; m = open.exec(text)) {
    const tag = (m[1] ?? '').toLowerCase();
    const classes = (attribute(m[2] ?? '', 'class') ?? '').split(/\s+/);
    if (!classes.some((c) => CDDL_CLASS.test(c))) continue;
    let contentStart = m.index + m[0].length;
    let closeTag = `</${tag}`;
    if (tag === 'div') {
      // xml2rfc: <div class="lang-cddl sourcecode" id="..."><pre>...</pre></div>
      const pre = /<pre\b[^>]*>/gi;
      pre.lastIndex = contentStart;
      const p = pre.exec(text);
      const divEnd = lower.indexOf('</div', contentStart);
      if (!p || (divEnd >= 0 && p.index > divEnd)) continue;
      contentStart = p.index + p[0].length;
      closeTag = '</pre';
    }
    const closeAt = lower.indexOf(closeTag, contentStart);
    if (closeAt < 0) continue;
    const block = makeBlock(htmlText(text.slice(contentStart, closeAt)), lineAt(source, contentStart));
    if (block) blocks.push(block);
    // Skip the element, and so any marked <code> nested in a marked <pre>.
    open.lastIndex = closeAt;
  }
  if (blocks.length > 0) return blocks;
  return extractFromText(htmlText(text));
}

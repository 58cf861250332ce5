/**
 * xml2rfc drafts: `<sourcecode type="cddl">` (RFC 7991, v3) and
 * `<artwork type="cddl">` (v2), content in CDATA sections and/or escaped text.
 */
import { attribute, decodeEntities, lineAt, makeBlock, maskMarkup, type RawBlock } from './common.js';

/** Whether a `<sourcecode>`/`<artwork>` element's attributes mark CDDL. */
export function isCddlElement(attrs: string): boolean {
  const type = attribute(attrs, 'type');
  if (type !== undefined) return type.trim().toLowerCase() === 'cddl';
  return /\.cddl$/i.test(attribute(attrs, 'name') ?? '');
}

/** Decodes element content: CDATA sections verbatim, the text between them entity-decoded, tags dropped. */
function decodeXmlContent(inner: string): string {
  let out = '';
  let pos = 0;
  const re = /<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)/g;
  for (let m = re.exec(inner); m; m = re.exec(inner)) {
    out += decodeEntities(inner.slice(pos, m.index).replace(/<[^>]*>/g, (t) => t.replace(/[^\n]/g, '')));
    out += m[1] ?? '';
    pos = m.index + m[0].length;
  }
  return out + decodeEntities(inner.slice(pos).replace(/<[^>]*>/g, (t) => t.replace(/[^\n]/g, '')));
}

export function extractFromXml(source: string): RawBlock[] {
  // Comments blanked; `structure` also has CDATA bodies blanked, for finding tags.
  const text = maskMarkup(source, { cdata: false });
  const structure = maskMarkup(source, { cdata: true });
  const blocks: RawBlock[] = [];
  const open = /<(sourcecode|artwork)\b([^>]*?)(\/?)>/gi;
  for (let m = open.exec(structure); m; m = open.exec(structure)) {
    const [, tag = '', attrs = '', selfClosing] = m;
    if (selfClosing || !isCddlElement(attrs)) continue; // `src=` references are not followed
    const contentStart = m.index + m[0].length;
    const close = new RegExp(`</${tag}\\s*>`, 'ig');
    close.lastIndex = contentStart;
    const c = close.exec(structure);
    if (!c) continue;
    const block = makeBlock(decodeXmlContent(text.slice(contentStart, c.index)), lineAt(source, contentStart));
    if (block) blocks.push(block);
    open.lastIndex = c.index + c[0].length;
  }
  return blocks;
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectDraftFormat, extractCddl } from '../../generator/extract/index.js';
import { depaginate } from '../../generator/extract/text.js';
import { normalizeCddl, ruleNames } from './cddl-helpers.js';

const root = new URL('../../', import.meta.url);
const read = (relative: string): string => readFileSync(new URL(relative, root), 'utf8');

const STATUS_XML = '../shared/upstream/drafts/draft-mahy-mimi-message-status-00.xml';
const STATUS_SEED = '../shared/seeds/000_051849e63ac6e05e.txt';
const STATUS_RULES = ['MessageStatusReport', 'PerMessageStatus', 'baseStatus', 'unknownStatus', 'MessageId'];

describe('real drafts', () => {
  it('extracts the message-status CDDL from the xml2rfc v3 draft', () => {
    const result = extractCddl(read(STATUS_XML), STATUS_XML);
    expect(result.format).toBe('xml');
    expect(result.blocks).toHaveLength(1);
    expect(result.blocks[0]?.line).toBe(153);
    expect(ruleNames(result.cddl)).toEqual(STATUS_RULES);
    expect(result.cddl.startsWith('; from draft-mahy-mimi-message-status-00.xml:153\nMessageStatusReport = [ * PerMessageStatus ]\n')).toBe(true);
    expect(result.cddl.endsWith('MessageId = bstr .size 32\n')).toBe(true);
    // The CBOR diagnostic example (`cbor-diag`) is not taken.
    expect(result.cddl).not.toContain("h'");
    expect(normalizeCddl(result.cddl)).toBe(normalizeCddl(read('schemas/mimi-message-status.cddl')));
  });

  it('splits the CDDL flattened onto one line of the seed text back into rules', () => {
    const seed = read(STATUS_SEED);
    // What the seed really looks like: the whole CDDL on one line, the example on another.
    expect(seed).toMatch(/^MessageStatusReport = \[ \* PerMessageStatus \] PerMessageStatus = \[.*MessageId = bstr \.size 32$/m);
    expect(seed).toMatch(/^\[ \[ \/ Original message \/ h'/m);

    const result = extractCddl(seed, STATUS_SEED);
    expect(result.format).toBe('text');
    expect(result.blocks).toHaveLength(1);
    expect(result.blocks[0]?.line).toBe(46);
    expect(ruleNames(result.cddl)).toEqual(STATUS_RULES);
    expect(normalizeCddl(result.cddl)).toBe(normalizeCddl(read('schemas/mimi-message-status.cddl')));
    expect(result.cddl).toBe(
      [
        '; from 000_051849e63ac6e05e.txt:46',
        'MessageStatusReport = [ * PerMessageStatus ]',
        'PerMessageStatus = [ messageId: MessageId, status: baseStatus / $extStatus / unknownStatus ]',
        'baseStatus = &( unread: 0, delivered: 1, read: 2, expired: 3, deleted: 4, hidden: 5, error: 6 )',
        'unknownStatus = &( unknown: 7..255 )',
        'MessageId = bstr .size 32',
        '',
      ].join('\n'),
    );
  });

  it('finds no CDDL in the seeds that have none (ABNF flattened on one line is not CDDL)', () => {
    for (const seed of ['../shared/seeds/001_146520304cb86c18.txt', '../shared/seeds/002_59bfa48c820a16fa.txt']) {
      const name = seed.split('/').pop() as string;
      expect(() => extractCddl(read(seed), seed)).toThrow(name);
    }
  });
});

describe('HTML rendering', () => {
  const html = [
    '<!DOCTYPE html>', // 1
    '<html><body>', // 2
    '<p>The value x = 1 is prose.</p>', // 3
    '<div class="lang-cddl sourcecode" id="section-4-2">', // 4
    '<pre>', // 5
    'report = [ * entry ]', // 6
    'entry = { id: bstr, ? note: tstr .size (1..&lt;64&gt;) }', // 7 (made-up operand, tests decoding)
    '</pre><a href="#section-4-2" class="pilcrow">¶</a>', // 8
    '</div>', // 9
    '<pre class="sourcecode lang-cddl">flag = &amp;( <span class="x">on</span>: 1, off: &#48; )</pre>', // 10
    '<pre class="lang-cddl sourcecode"><code class="language-cddl">', // 11
    '  name = &quot;a&quot; / &#x27;b&#x27;', // 12
    '</code></pre>', // 13
    '<pre><code class="language-cddl">tag = #6.32(tstr)</code></pre>', // 14
    '<pre class="lang-cbor-diag sourcecode">x = [1]</pre>', // 15
    '<!-- <pre class="lang-cddl">old = int</pre> -->', // 16
    '<pre class="sourcecode lang-cddl">', // 17
    'report = [ * entry ]', // 18
    'entry = { id: bstr, ? note: tstr .size (1..&lt;64&gt;) }', // 19
    '</pre>', // 20
    '</body></html>',
  ].join('\n');

  it('takes lang-cddl / language-cddl pre and code elements, stripping tags and decoding entities', () => {
    const result = extractCddl(html, 'drafts/draft-x-00.html');
    expect(result.format).toBe('html');
    expect(result.blocks.map((b) => b.line)).toEqual([6, 10, 12, 14, 18]);
    expect(result.cddl).toBe(
      [
        '; from draft-x-00.html:6',
        '; (identical block also at draft-x-00.html:18; kept once)',
        'report = [ * entry ]',
        'entry = { id: bstr, ? note: tstr .size (1..<64>) }',
        '',
        '; from draft-x-00.html:10',
        'flag = &( on: 1, off: 0 )',
        '',
        '; from draft-x-00.html:12',
        `name = "a" / 'b'`,
        '',
        '; from draft-x-00.html:14',
        'tag = #6.32(tstr)',
        '',
      ].join('\n'),
    );
  });

  it('falls back to recognising CDDL in a page without marked blocks', () => {
    const page = '<html><body><pre>\n   Some prose.\n\n   a = [ * uint ]\n   b = a / null\n\n   More prose follows here.\n</pre></body></html>';
    expect(extractCddl(page, 'x.html').cddl).toBe('; from x.html:4\na = [ * uint ]\nb = a / null\n');
  });
});

describe('kramdown / markdown', () => {
  const md = [
    '---', // 1
    'title: Example', // 2
    '---', // 3
    '', // 4
    '~~~ cddl', // 5
    'report = [* status]', // 6
    '~~~', // 7
    '{: #fig-report title="Report" sourcecode-name="report.cddl"}', // 8
    '', // 9
    '1. A list item with a nested figure:', // 10
    '', // 11
    '   ~~~~ cddl', // 12
    '   {: sourcecode-name="status.cddl"}', // 13
    '   status = &(', // 14
    '       ok: 0,   ; fine', // 15
    '   )', // 16
    '   ~~~~', // 17
    '', // 18
    '```cddl', // 19
    'pair<K, V> = [K, V]', // 20
    '```', // 21
    '', // 22
    '~~~', // 23
    'unlabelled = int', // 24
    '~~~', // 25
    '{: sourcecode-name="more.cddl"}', // 26
    '', // 27
    '``` cbor-diag', // 28
    'x = [1]', // 29
    '```', // 30
    '', // 31
    '## Appendix', // 32
    '', // 33
    '```cddl', // 34
    'report = [* status]', // 35
    '```', // 36
  ].join('\n');

  it('takes ``` and ~~~ cddl fences, indentation-aware, without kramdown attribute lines', () => {
    const result = extractCddl(md, 'draft-x.md');
    expect(result.format).toBe('markdown');
    expect(result.blocks.map((b) => b.line)).toEqual([6, 14, 20, 24, 35]);
    expect(result.cddl).toBe(
      [
        '; from draft-x.md:6',
        '; (identical block also at draft-x.md:35; kept once)',
        'report = [* status]',
        '',
        '; from draft-x.md:14',
        'status = &(',
        '    ok: 0,   ; fine',
        ')',
        '',
        '; from draft-x.md:20',
        'pair<K, V> = [K, V]',
        '',
        '; from draft-x.md:24',
        'unlabelled = int',
        '',
      ].join('\n'),
    );
  });
});

describe('paginated plain text', () => {
  const txt = [
    'Internet-Draft              MIMI Example                      July 2025', // 1
    '', // 2
    '4.  Format', // 3
    '', // 4
    '   The value x = 5 is the default; y = the number of entries.', // 5
    '', // 6
    '   ; the report', // 7
    '   Report = [', // 8
    '       * Entry', // 9
    '   ]', // 10
    '', // 11
    '   Entry = {', // 12
    '       id: bstr,', // 13
    '', // 14
    '', // 15
    '', // 16
    'Mahy                    Expires 8 January 2026                 [Page 3]', // 17
    '\f', // 18
    'Internet-Draft              MIMI Example                      July 2025', // 19
    '', // 20
    '', // 21
    '       ? name: tstr,     ; optional', // 22
    '   }', // 23
    '', // 24
    '                          Figure 1: CDDL', // 25
    '', // 26
    '   The ABNF is not CDDL:', // 27
    '', // 28
    '      msg = hdr ":" SP body CRLF', // 29
    '      hdr = "X-Foo"', // 30
    '', // 31
    '   Kinds = "a" / "b"', // 32
    '', // 33
    '   Then more prose here.', // 34
    '', // 35
    'Mahy                    Expires 8 January 2026                 [Page 4]', // 36
  ].join('\n');

  it('removes page breaks, recognises the CDDL figures and dedents them', () => {
    const result = extractCddl(txt, '/tmp/draft-x-01.txt');
    expect(result.format).toBe('text');
    expect(result.cddl).toBe(
      [
        '; from draft-x-01.txt:7',
        '; the report',
        'Report = [',
        '    * Entry',
        ']',
        '',
        'Entry = {',
        '    id: bstr,',
        '    ? name: tstr,     ; optional',
        '}',
        '',
        '; from draft-x-01.txt:32',
        'Kinds = "a" / "b"',
        '',
      ].join('\n'),
    );
  });

  it('depaginates: footer, form feed, header and their padding go, line numbers are kept', () => {
    const page = depaginate(txt);
    const lines = page.text.split('\n');
    const i = lines.indexOf('       id: bstr,');
    expect(lines[i + 1]).toBe('       ? name: tstr,     ; optional');
    expect(page.lineNumbers[i + 1]).toBe(22);
    expect(page.text).not.toMatch(/\[Page|Internet-Draft|\f/);
  });

  it('splits flattened rules and stops where prose resumes on the same line', () => {
    const flat = 'Intro.\nlist<T> = [* T] $ext /= int msg //= ( a: 1 ) id = bstr .size 32 The following example shows it.\n';
    expect(extractCddl(flat, 'flat.txt').cddl).toBe(
      '; from flat.txt:2\nlist<T> = [* T]\n$ext /= int\nmsg //= ( a: 1 )\nid = bstr .size 32\n',
    );
  });

  it('does not take prose that contains `=`', () => {
    const prose = '   Here x = the number of messages, and\n   y = 3 is a count of the other ones.\n   status = read is rare\n';
    expect(() => extractCddl(prose, 'prose.txt')).toThrow(/prose\.txt/);
  });
});

describe('format detection', () => {
  it('goes by extension, then by content', () => {
    expect(detectDraftFormat('', 'a.xml')).toBe('xml');
    expect(detectDraftFormat('', 'a.HTM')).toBe('html');
    expect(detectDraftFormat('', 'a.mkd')).toBe('markdown');
    expect(detectDraftFormat('<rfc>', 'a.txt')).toBe('text');
    expect(detectDraftFormat('<?xml version="1.0"?>\n<rfc ipr="trust200902">', 'draft')).toBe('xml');
    expect(detectDraftFormat('<!DOCTYPE html>\n<html>', 'draft')).toBe('html');
    expect(detectDraftFormat('---\ntitle: X\n---\n# A\n', 'draft')).toBe('markdown');
    expect(detectDraftFormat('~~~ cddl\na = 1\n~~~\n', 'draft')).toBe('markdown');
    expect(detectDraftFormat('Internet-Draft   X   July 2025\n', 'draft')).toBe('text');
  });

  it('honours an explicit format', () => {
    expect(extractCddl('~~~ cddl\na = 1\n~~~\n', 'notes', 'markdown').cddl).toBe('; from notes:2\na = 1\n');
  });
});

describe('XML details', () => {
  it('reads v2 <artwork type="cddl">, escaped text and numeric entities, and skips comments and other types', () => {
    const xml = [
      '<?xml version="1.0"?>', // 1
      '<rfc>', // 2
      '<!-- <sourcecode type="cddl">old = int</sourcecode> -->', // 3
      '<figure><artwork type="CDDL">', // 4
      '  a = { &quot;k&quot; =&gt; uint, ? b: &#x74;str }', // 5
      '  c = a &amp;&amp; 1', // 6 (not valid CDDL, tests decoding only)
      '</artwork></figure>', // 7
      '<sourcecode type="json">{"x": 1}</sourcecode>', // 8
      '<sourcecode type="cddl" src="external.cddl"/>', // 9
      '<sourcecode type="cddl">d = [<![CDATA[ * a ]]>] ; &lt;ok&gt;</sourcecode>', // 10
      '</rfc>',
    ].join('\n');
    const result = extractCddl(xml, 'draft-v2.xml');
    expect(result.cddl).toBe(
      [
        '; from draft-v2.xml:5',
        'a = { "k" => uint, ? b: tstr }',
        'c = a && 1',
        '',
        '; from draft-v2.xml:10',
        'd = [ * a ] ; <ok>',
        '',
      ].join('\n'),
    );
  });
});

describe('errors', () => {
  it('names the file when there is no CDDL', () => {
    expect(() => extractCddl('<rfc><sourcecode type="abnf">a = b</sourcecode></rfc>', 'drafts/draft-none-00.xml')).toThrow(
      /No CDDL found in draft-none-00\.xml/,
    );
    expect(() => extractCddl('# Title\n\nJust prose.\n', 'draft-none.md')).toThrow(/draft-none\.md/);
    expect(() => extractCddl('<html><body><p>Nothing.</p></body></html>', 'draft-none.html')).toThrow(/draft-none\.html/);
    expect(() => extractCddl('Only prose, no figures.\n', 'draft-none.txt')).toThrow(/draft-none\.txt/);
  });
});

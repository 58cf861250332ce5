/**
 * The TextWriter (generator/emit/writer.ts) gives the text code-block-writer's
 * CodeBlockWriter gives, call for call: on samples that reach its lexical
 * rules (strings, template literals, comments, what it takes for regular
 * expressions, `\r\n`), and on everything the generator writes for the
 * schemas of the corpus, the library and this repository, compiled once with
 * the TextWriter and once with CodeBlockWriter in its place.
 */
import CodeBlockWriter from 'code-block-writer';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { syntheticSchema } from '../../bench/generator/synthetic.js';
import { TextWriter, type CodeWriter } from '../../generator/emit/writer.js';
import type { EmittedFile, SchemaText } from '../../generator/index.js';
import { corpusFiles, schemasFor } from '../corpus/corpus-files.js';
import { REPO } from '../support/schemas.js';

function codeBlockWriter(): CodeBlockWriter {
  return new CodeBlockWriter({ newLine: '\n', indentNumberOfSpaces: 2, useTabs: false, useSingleQuote: true });
}

type Script = (w: CodeWriter) => void;

/** Each script run on both writers; also what the printer asks between statements. */
const SCRIPTS: Record<string, Script> = {
  'lines and blocks': (w) => {
    w.writeLine('let ok = true;');
    w.write('if (ok)').block(() => w.writeLine('return 1;'));
    w.write('else ').block();
    w.write('for (;;) ').inlineBlock(() => w.write('break;'));
    w.newLine().indent(() => w.writeLine('a;').write('b;'));
    w.write('c;').indent().write('d;').indent(2).newLine();
    w.blankLineIfLastNot().blankLineIfLastNot().blankLine().writeLine('');
  },
  'a template literal over several lines is not indented inside': (w) => {
    w.write('function f() ').block(() => {
      w.writeLine('const s = `one');
      w.writeLine('two ${x + `inner ${y}`} three');
      w.writeLine('four`;');
      w.writeLine("const q = 'it\\'s';");
      w.writeLine('const d = "a \\"b\\" c";');
    });
  },
  'a string left open ends at the newline': (w) => {
    w.indent(() => w.writeLine("const s = 'open").writeLine('next;').writeLine('"open too').writeLine('after;'));
  },
  'comments: line, block, and closing them': (w) => {
    w.indent(() => {
      w.write('x; // a comment with "quotes');
      w.closeComment();
      w.write('/* block ');
      w.closeComment();
      w.write('/* again');
      w.newLine();
      w.closeComment();
      w.writeLine('/** doc */ y;');
    });
  },
  'division and regular expressions': (w) => {
    w.indent(() => {
      w.writeLine('const half = a / 2; const s = "x";');
      w.writeLine('const r = /[\'"]/g.test(s);');
      w.writeLine('const t = a / b / c; const u = \'}\';');
      w.writeLine("/'/;");
      w.writeLine('const v = `${a / b}` + "/";');
      w.write('x /');
      w.newLine();
      w.writeLine("'s';");
    });
  },
  'escapes at the end of a piece': (w) => {
    w.write("const s = 'a\\").write("'b';").newLine();
    w.write('const t = `$').write('{x}`;').newLine();
  },
  'carriage returns and several lines at once': (w) => {
    w.indent(() => w.write('a\r\nb\n\nc\r').write('\n').writeLine('d\r\ne').write('\r\n'));
    w.writeLine('').write('').write('\n').blankLineIfLastNot();
  },
  'hanging indent': (w) => {
    w.write('function f(').hangingIndent(() => w.write('a: {\nb: 1 },\nc: 2')).write(')').newLine();
    w.indent(() => w.hangingIndent(() => w.write('x\ny\nz')));
  },
  'conditional writes and spaces': (w) => {
    w.conditionalWrite(true, 'a').conditionalWrite(false, 'b').space().space(3).spaceIfLastNot().write('c');
    w.conditionalNewLine(false).conditionalNewLine(true).spaceIfLastNot().write('d').newLineIfLastNot().newLineIfLastNot();
  },
};

/** What the printer reads from the writer besides its text. */
function state(w: CodeWriter, text: string): { atStart: boolean; closeBrace: boolean } {
  const closeBrace = /\}[\s\u00a0\ufeff]*$/.test(text);
  return { atStart: w.isAtStartOfFirstLineOfBlock(), closeBrace };
}

describe('TextWriter', () => {
  for (const [name, script] of Object.entries(SCRIPTS)) {
    it(`writes what CodeBlockWriter writes: ${name}`, () => {
      const ours = new TextWriter();
      const theirs = codeBlockWriter();
      script(ours);
      script(theirs);
      expect(ours.toString()).toBe(theirs.toString());
      expect(state(ours, ours.toString())).toEqual(state(theirs, theirs.toString()));
      expect(ours.isLastSignificantCloseBrace()).toBe(state(theirs, theirs.toString()).closeBrace);
    });
  }

  it('answers the printer as CodeBlockWriter does after every call of a script', () => {
    const calls: Script[] = [
      (w) => w.write('{'),
      (w) => w.newLine(),
      (w) => w.write('}  '),
      (w) => w.blankLineIfLastNot(),
      (w) => w.indent(() => w.write('x')),
      (w) => w.write('/* c'),
      (w) => w.closeComment(),
      (w) => w.writeLine('} \u00a0'),
    ];
    const ours = new TextWriter();
    const theirs = codeBlockWriter();
    for (const call of calls) {
      call(ours);
      call(theirs);
      expect(ours.toString()).toBe(theirs.toString());
      expect(ours.isAtStartOfFirstLineOfBlock()).toBe(theirs.isAtStartOfFirstLineOfBlock());
      expect(ours.isLastSignificantCloseBrace()).toBe(state(theirs, theirs.toString()).closeBrace);
    }
  });
});

describe('TextWriter: text written ahead', () => {
  // Each script written in two halves: the second written ahead from the state the first ends in, then spliced in.
  for (const [name, script] of Object.entries(SCRIPTS)) {
    it(`splices in what it would have written: ${name}`, () => {
      const whole = new TextWriter();
      script(whole);
      script(whole);
      const first = new TextWriter();
      script(first);
      const start = first.state();
      const ahead = TextWriter.resuming(start);
      script(ahead);
      expect(first.splice({ start, text: ahead.toString(), end: ahead.state() })).toBe(true);
      expect(first.toString()).toBe(whole.toString());
      expect(first.state()).toEqual(whole.state());
    });
  }

  it('state() holds every field of the writer but its text, so splicing misses none', () => {
    const writer = new TextWriter();
    writer.write("const s = 'open");
    const fields = Object.keys(writer).filter((key) => key !== 'chunks' && key !== 'pieces');
    expect(Object.keys(writer.state()).sort()).toEqual(fields.sort());
  });

  it('writes nothing, and says so, in another state than the one it was written from', () => {
    const from = new TextWriter();
    from.write('if (x) ').inlineBlock(() => {});
    const ahead = TextWriter.resuming(from.state());
    ahead.writeLine('y;');
    const other = new TextWriter();
    other.write("const s = 'open");
    expect(other.splice({ start: from.state(), text: ahead.toString(), end: ahead.state() })).toBe(false);
    expect(other.toString()).toBe("const s = 'open");
  });
});

/** A CodeBlockWriter standing in for the TextWriter, answering the printer's question as ts-morph's printer does. */
class CodeBlockTextWriter extends CodeBlockWriter {
  static made = 0;
  constructor() {
    super({ newLine: '\n', indentNumberOfSpaces: 2, useTabs: false, useSingleQuote: true });
    CodeBlockTextWriter.made++;
  }
  isLastSignificantCloseBrace(): boolean {
    return this.iterateLastCharCodes((c) => (c === 125 ? true : /[\s\u00a0\ufeff]/.test(String.fromCharCode(c)) ? undefined : false)) ?? false;
  }
}

/** Every schema the generator is tested on: the corpus, the library, this repository's, and a synthetic one. */
function allSchemas(): { name: string; schemas: SchemaText[] }[] {
  const library = join(REPO, 'library');
  return [
    ...corpusFiles().map((file) => ({ name: file, schemas: schemasFor(file) })),
    ...readdirSync(library)
      .filter((f) => f.endsWith('.cddl'))
      .sort()
      .map((f) => ({ name: `library/${f}`, schemas: [{ path: f, text: readFileSync(join(library, f), 'utf8'), file: join(library, f) }] })),
    ...['mimi-message-status.cddl', 'mimi-content.cddl'].map((f) => ({ name: `schemas/${f}`, schemas: [{ path: f, text: readFileSync(join(REPO, 'schemas', f), 'utf8') }] })),
    { name: 'synthetic (400 rules)', schemas: [{ path: 'synthetic.cddl', text: syntheticSchema(400) }] },
  ];
}

/** Every file generated for every schema, or the error. */
async function generateAll(): Promise<Map<string, EmittedFile[] | string>> {
  const { compile } = await import('../../generator/index.js');
  const out = new Map<string, EmittedFile[] | string>();
  for (const { name, schemas } of allSchemas()) {
    try {
      out.set(name, compile(schemas));
    } catch (error) {
      out.set(name, String(error));
    }
  }
  return out;
}

describe('the generator with the TextWriter and with CodeBlockWriter', () => {
  it('writes the same files for every schema', async () => {
    const ours = await generateAll();
    vi.resetModules();
    vi.doMock('../../generator/emit/writer.js', async (importOriginal) => ({ ...(await importOriginal<object>()), TextWriter: CodeBlockTextWriter }));
    try {
      const theirs = await generateAll();
      // Every module generated went through the stand-in (at least one writer each).
      const generated = [...ours.values()].filter((files) => typeof files !== 'string').length;
      expect(generated).toBeGreaterThan(50);
      expect(CodeBlockTextWriter.made).toBeGreaterThanOrEqual(generated);
      for (const [name, files] of ours) expect(files, name).toEqual(theirs.get(name));
    } finally {
      vi.doUnmock('../../generator/emit/writer.js');
      vi.resetModules();
    }
  });
});

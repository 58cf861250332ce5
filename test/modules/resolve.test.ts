/**
 * The module stage on small schemas in a temporary folder: which rules `import`
 * and `include` take, `as` prefixes and their aliases, where modules are found,
 * cycles, and the errors (draft-ietf-cbor-cddl-modules; the `as` examples are
 * the draft's own, code/*.md in cbor-wg/cddl-modules).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileIr, isSchemaError, parseCddl, type IrSchema } from '../../generator/index.js';

const root = mkdtempSync(join(tmpdir(), 'mimi-modules-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let counter = 0;

/** Writes `files` (path → text) into a fresh folder and compiles `main.cddl` there. */
function project(files: Record<string, string>): { dir: string; ir: (options?: { includePath?: string[] }) => IrSchema } {
  const dir = join(root, `p${counter++}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return {
    dir,
    ir: (options = {}) => compileIr([{ path: 'main.cddl', text: files['main.cddl'] ?? '', file: join(dir, 'main.cddl') }], { cwd: dir, ...options }),
  };
}

const names = (ir: IrSchema) => ir.rules.map((r) => r.name);
/** The rules a module gives come in that module's source order; where that order is not the point, compare sets. */
const nameSet = (ir: IrSchema) => new Set(names(ir));
const ruleOf = (ir: IrSchema, name: string) => {
  const rule = ir.rules.find((r) => r.name === name);
  if (rule === undefined) throw new Error(`no rule ${name} in ${names(ir).join(', ')}`);
  return rule;
};

function schemaError(run: () => unknown): { message: string; file: string; line: number; col: number } {
  try {
    run();
  } catch (error) {
    if (isSchemaError(error)) return { message: error.message, file: error.span.file, line: error.span.line, col: error.span.col };
    throw error;
  }
  throw new Error('no SchemaError');
}

describe('directives in the parser', () => {
  it('reads every form of the grammar, anywhere in the file, and keeps them out of rule docs', () => {
    const ast = parseCddl(
      ['a = b', ';# import rfc9052', '; doc of c', 'c = int', ';# include x, y from M-1.v2 as ns', 'd = int', ';#   import  *  from  m', ';# unknown-directive whatever', '; ;# import not-a-directive'].join('\n'),
      'f.cddl',
    );
    expect(ast.directives.map((d) => ({ kind: d.kind, names: d.names?.map((n) => n.name) ?? null, module: d.module, prefix: d.prefix?.name ?? null, line: d.span.line }))).toEqual([
      { kind: 'import', names: null, module: 'rfc9052', prefix: null, line: 2 },
      { kind: 'include', names: ['x', 'y'], module: 'M-1.v2', prefix: 'ns', line: 5 },
      { kind: 'import', names: null, module: 'm', prefix: null, line: 7 },
    ]);
    expect(ast.rules.find((r) => r.name === 'c')?.doc).toBe('doc of c');
    expect(ast.rules.find((r) => r.name === 'd')?.doc).toBeNull();
  });

  it.each([
    [';# import', 'names no module'],
    [';# import a, b rfc9052', "'a,' is not a module name"],
    [';# import m x', "expected 'as' or the end of the line"],
    [';# include from m', "'from' needs the names"],
    [';# import m as', "'as' needs a prefix"],
    [';# import m as a.b', "'a.b' is not a prefix"],
    [';# import m/x', "'m/x' is not a module name"],
  ])('%s is a syntax error at the directive', (line, message) => {
    const error = schemaError(() => parseCddl(`x = int\n${line}\n`, 'f.cddl'));
    expect(error.message).toContain(message);
    expect(error.line).toBe(2);
  });
});

describe('import', () => {
  it('takes only the names the schema uses and does not define, then what those need (the draft: start = COSE_Key)', () => {
    const ir = project({ 'main.cddl': 'start = COSE_Key\n;# import rfc9052\n' }).ir();
    expect(nameSet(ir)).toEqual(new Set(['start', 'COSE_Key', 'label', 'values']));
    expect(ruleOf(ir, 'COSE_Key').module).toBe('rfc9052');
    expect(ruleOf(ir, 'COSE_Key').span.file).toBe('mimi-codegen/library/rfc9052.cddl');
    expect(ruleOf(ir, 'start').module).toBeUndefined();
  });

  it('never pulls in a name the schema defines itself, so both may define start', () => {
    const ir = project({ 'main.cddl': 'start = COSE_Key\nlabel = tstr\n;# import rfc9052\n' }).ir();
    expect(nameSet(ir)).toEqual(new Set(['start', 'label', 'COSE_Key', 'values']));
    expect(ruleOf(ir, 'label').span.file).toBe('main.cddl');
  });

  it('takes the listed names and their closure with `from`; a listed name the module lacks is an error there', () => {
    const p = project({ 'main.cddl': 'x = [b]\n;# import b from m\n', 'm.cddl': 'a = int\nb = [* c]\nc = tstr\nd = bool\n' });
    expect(names(p.ir())).toEqual(['x', 'b', 'c']);
    const q = project({ 'main.cddl': 'x = int\n;# import nope from m\n', 'm.cddl': 'a = int\n' });
    const error = schemaError(() => q.ir());
    expect(error).toMatchObject({ file: 'main.cddl', line: 2, col: 11 });
    expect(error.message).toContain("module 'm' defines no rule 'nope'");
  });

  it('leaves a name no module has for the undefined-name error', () => {
    const error = schemaError(() => project({ 'main.cddl': 'x = y\n;# import m\n', 'm.cddl': 'a = int\n' }).ir());
    expect(error.message).toContain("undefined name 'y'");
  });

  it('offers the names an import could take as the likely meaning of a misspelt one, prefixed as `as` says', () => {
    const m = 'COSE_Sign = [int]\nCOSE_Sign1 = [int, tstr]\nheader_map = {* int => any}\n';
    const error = schemaError(() => project({ 'main.cddl': 'x = [COSE_Sign1x]\n;# import m\n', 'm.cddl': m }).ir());
    expect(error.message.split('\n')[0]).toBe("main.cddl:1:6: undefined name 'COSE_Sign1x'; did you mean 'COSE_Sign1'? (RFC 8610 Appendix C)");
    const prefixed = schemaError(() => project({ 'main.cddl': 'x = [cose.heder_map]\n;# import m as cose\n', 'm.cddl': m }).ir());
    expect(prefixed.message.split('\n')[0]).toBe("main.cddl:1:6: undefined name 'cose.heder_map'; did you mean 'cose.header_map'? (RFC 8610 Appendix C)");
    // `import … from` offers only what it lists, and that is taken already.
    const listed = schemaError(() => project({ 'main.cddl': 'x = [COSE_Sign, COSE_Sign1x]\n;# import COSE_Sign from m\n', 'm.cddl': m }).ir());
    expect(listed.message.split('\n')[0]).toBe("main.cddl:1:17: undefined name 'COSE_Sign1x'; did you mean 'COSE_Sign'? (RFC 8610 Appendix C)");
  });
});

describe('include', () => {
  const m = 'a = int\nb = tstr\n$s /= 1\n';

  it('takes every rule of the module, and merges /= with the schema’s own', () => {
    const ir = project({ 'main.cddl': 'x = [a, $s]\n$s /= 2\n;# include m\n', 'm.cddl': m }).ir();
    expect(names(ir)).toEqual(['x', '$s', 'a', 'b']);
    const values = ruleOf(ir, '$s').type;
    expect(JSON.stringify(values)).toContain('"value":"1"');
    expect(JSON.stringify(values)).toContain('"value":"2"');
  });

  it('takes exactly the listed names with `from`, nothing they use', () => {
    const ir = project({ 'main.cddl': 'x = [a, b]\n;# include a, b from m\n', 'm.cddl': 'a = int\nb = [c]\nc = tstr\n' }).ir;
    expect(() => ir()).toThrow("undefined name 'c'");
    const ok = project({ 'main.cddl': 'x = a\n;# include a from m\n', 'm.cddl': 'a = int\nb = tstr\n' }).ir();
    expect(names(ok)).toEqual(['x', 'a']);
  });

  it('accepts an identical redefinition and refuses a different one, pointing at both files', () => {
    expect(names(project({ 'main.cddl': 'x = a\na = int\n;# include m\n', 'm.cddl': 'a = int\n' }).ir())).toEqual(['x', 'a']);
    const error = schemaError(() => project({ 'main.cddl': 'x = a\na = uint\n;# include m\n', 'm.cddl': 'a = int\n' }).ir());
    expect(error.message).toContain("duplicate definition of 'a'");
    expect(error.message).toContain('main.cddl:2:1');
    expect(error.message).toContain('m.cddl:1:1');
  });
});

describe('as', () => {
  it('prefixes the module’s names but not the prelude’s (the draft: start = cose.COSE_Key)', () => {
    const ir = project({ 'main.cddl': 'start = cose.COSE_Key\n;# import rfc9052 as cose\n' }).ir();
    expect(nameSet(ir)).toEqual(new Set(['start', 'cose.COSE_Key', 'cose.label', 'cose.values']));
    expect(JSON.stringify(ruleOf(ir, 'cose.values').type)).toBe('{"kind":"prim","prim":"any"}');
  });

  it('with `from`: a prefixed name is taken with its closure; a bare one also gets the alias rule', () => {
    const prefixed = project({ 'main.cddl': 'mydata = {Fritz: cose.empty_or_serialized_map}\n;# import cose.empty_or_serialized_map from rfc9052 as cose\n' }).ir();
    expect(nameSet(prefixed)).toEqual(new Set(['mydata', 'cose.empty_or_serialized_map', 'cose.header_map', 'cose.Generic_Headers', 'cose.label', 'cose.values']));
    const bare = project({ 'main.cddl': 'mydata = {Fritz: cose.empty_or_serialized_map}\n;# import empty_or_serialized_map from rfc9052 as cose\n' }).ir();
    expect(nameSet(bare)).toEqual(new Set(['mydata', 'empty_or_serialized_map', 'cose.empty_or_serialized_map', 'cose.header_map', 'cose.Generic_Headers', 'cose.label', 'cose.values']));
    expect(ruleOf(bare, 'empty_or_serialized_map').type).toEqual({ kind: 'ref', rule: 'cose.empty_or_serialized_map' });
    const included = project({ 'main.cddl': 'mydata = {* cose.label => cose.values}\n;# include cose.label, cose.values from rfc9052 as cose\n' }).ir();
    expect(nameSet(included)).toEqual(new Set(['mydata', 'cose.label', 'cose.values']));
  });

  it('gives namespaced names distinct TypeScript names beside local names of the same spelling, sockets included', () => {
    const ir = project({
      'main.cddl': 'start = [label, ns.label, $ext, ns.$ext, ns.ext]\nlabel = tstr\n$ext /= 1\n;# include m as ns\n',
      'm.cddl': 'label = int\n$ext /= 2\next = bool\n',
    }).ir();
    const ts = Object.fromEntries(ir.rules.map((r) => [r.name, r.tsName]));
    expect(ts).toEqual({ start: 'Start', label: 'Label', $ext: 'Ext', 'ns.label': 'NsLabel', 'ns.$ext': 'NsExtSocket', 'ns.ext': 'NsExt' });
    expect(ruleOf(ir, 'ns.$ext').socket).toBe(true);
  });

  it('two prefixes of one module are two sets of rules', () => {
    const ir = project({ 'main.cddl': 'x = [a.v, b.v]\n;# import m as a\n;# import m as b\n', 'm.cddl': 'v = [w]\nw = int\n' }).ir();
    expect(names(ir)).toEqual(['x', 'a.v', 'b.v', 'a.w', 'b.w']);
  });
});

describe('modules used together', () => {
  it('takes a module shared by two others once (its /= alternatives are not doubled)', () => {
    const ir = project({
      'main.cddl': 'x = [y, z]\n;# include a\n;# include b\n',
      'a.cddl': 'y = $s\n;# include c\n',
      'b.cddl': 'z = $s\n;# include c\n',
      'c.cddl': '$s /= 1\n$s /= 2\n',
    }).ir();
    expect(ruleOf(ir, '$s').type).toEqual({ kind: 'choice', options: [{ kind: 'literal', value: { type: 'int', value: '1' } }, { kind: 'literal', value: { type: 'int', value: '2' } }] });
    expect(ir.files.map((f) => [f.path, f.module ?? null])).toEqual([
      ['main.cddl', null],
      ['a.cddl', 'a'],
      ['b.cddl', 'b'],
      ['c.cddl', 'c'],
    ]);
  });

  it('resolves a cycle: each module takes what it needs from the other', () => {
    const ir = project({
      'main.cddl': 'r = a1\n;# import a\n',
      'a.cddl': ';# import b\na1 = [* b1]\na2 = tstr\n',
      'b.cddl': 'b1 = int / a2\n;# import a\n',
    }).ir();
    expect(names(ir)).toEqual(['r', 'a1', 'a2', 'b1']);
    const again = project({ 'main.cddl': 'r = a1\n;# import a\n', 'a.cddl': ';# import b\na1 = [* b1]\na2 = tstr\n', 'b.cddl': 'b1 = int / a2\n;# import a\n' }).ir();
    expect(again.rules).toEqual(ir.rules.map((r) => r));
  });

  it('a module that includes itself is one module', () => {
    expect(names(project({ 'main.cddl': 'r = a\n;# include main\na = int\n' }).ir())).toEqual(['r', 'a']);
  });
});

describe('finding modules', () => {
  it('looks in the importing file’s folder first, then -I folders, then the shipped library', () => {
    const files = { 'main.cddl': 'x = a\n;# import M\n', 'inc/m.cddl': 'a = tstr\n', 'other/m.cddl': 'a = int\n' };
    const p = project(files);
    expect(ruleOf(p.ir({ includePath: ['inc', 'other'] }), 'a').span.file).toBe('inc/m.cddl');
    expect(ruleOf(p.ir({ includePath: ['other', 'inc'] }), 'a').span.file).toBe('other/m.cddl');
    const local = project({ ...files, 'm.cddl': 'a = bool\n' });
    expect(ruleOf(local.ir({ includePath: ['inc'] }), 'a').span.file).toBe('m.cddl');
  });

  it('a module’s own imports start from its folder', () => {
    const ir = project({ 'main.cddl': 'x = a\n;# import m\n', 'inc/m.cddl': 'a = [b]\n;# import n\n', 'inc/n.cddl': 'b = int\n' }).ir({ includePath: ['inc'] });
    expect(ruleOf(ir, 'b').span.file).toBe('inc/n.cddl');
  });

  it('finds the MIMI schemas in the library: include mimi-message-status', () => {
    const ir = project({ 'main.cddl': 'Report = MessageStatusReport\n$extStatus /= &( starred: 8 )\n;# include mimi-message-status\n' }).ir();
    expect(ir.files.map((f) => f.path)).toEqual(['main.cddl', 'mimi-codegen/schemas/mimi-message-status.cddl']);
    expect(JSON.stringify(ruleOf(ir, '$extStatus'))).toContain('starred');
  });

  it('a missing module is an error at the directive naming the module and every folder searched', () => {
    const p = project({ 'main.cddl': 'x = int\n\n;# import rfc0000\n', 'inc/.keep': '' });
    const error = schemaError(() => p.ir({ includePath: ['inc'] }));
    expect(error).toMatchObject({ file: 'main.cddl', line: 3, col: 11 });
    expect(error.message).toContain("module 'rfc0000' not found (draft-ietf-cbor-cddl-modules §2.4): no rfc0000.cddl in ./, inc/, mimi-codegen/library/, mimi-codegen/schemas/");
  });

  it('errors in a module point into the module file', () => {
    const error = schemaError(() => project({ 'main.cddl': 'x = a\n;# import m\n', 'm.cddl': 'a = [\n  b,\n]\n' }).ir());
    expect(error).toMatchObject({ file: 'm.cddl', line: 2, col: 3 });
    const syntax = schemaError(() => project({ 'main.cddl': 'x = a\n;# import m\n', 'm.cddl': 'a = = int\n' }).ir());
    expect(syntax.file).toBe('m.cddl');
  });
});

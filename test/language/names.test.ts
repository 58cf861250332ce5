/**
 * Issue 8 item 5: valid CDDL names always get distinct, deterministic TypeScript names (the
 * scheme is in docs/ir.md, "TypeScript names"): names that differ only in case or punctuation
 * (`iodef-Name` / `iodef-name` in RFC 8727), a socket beside a plain rule, namespaced names
 * (`ns.x`, `ns.$x` from `;# import … as ns`) beside local ones.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile, compileIr, type CompileOptions, type SchemaText } from '../../generator/index.js';
import { typecheck } from '../support/typecheck.js';

const TMP = new URL('./__tmp__/names/', import.meta.url);

/** The module `m` that `;# import m as ns` reads, from memory. */
const MODULE: CompileOptions = { readFile: (path) => (path.endsWith('/m.cddl') ? 'x = int\n$x /= 2\nlabel = [x, $x]\n' : undefined) };

function tsNames(schemas: SchemaText[]): Record<string, string> {
  return Object.fromEntries(compileIr(schemas, MODULE).rules.map((r) => [r.name, r.tsName]));
}

const main = (text: string): SchemaText => ({ path: 'main.cddl', text, file: '/virtual/main.cddl' });

describe('TypeScript names of valid CDDL names', () => {
  it('names that differ only in case: ordered by code point, the first keeps the name, the others take _2, _3', () => {
    // RFC 8727 defines both iodef-Name and iodef-name; RFC 9581 etime and Etime.
    const text = 'top = [iodef-name, iodef-Name, iodef_name, IODEF-name]\niodef-name = tstr\niodef-Name = int\niodef_name = bool\nIODEF-name = null\n';
    expect(tsNames([main(text)])).toEqual({
      top: 'Top',
      'iodef-Name': 'IodefName',
      'iodef-name': 'IodefName_2',
      iodef_name: 'Iodef_name',
      'IODEF-name': 'IODEFName',
    });
    const clash = 'top = [iodef-name, iodef-Name, IodefName]\niodef-name = tstr\niodef-Name = int\nIodefName = bool\n';
    expect(tsNames([main(clash)])).toEqual({ top: 'Top', 'iodef-name': 'IodefName_3', 'iodef-Name': 'IodefName_2', IodefName: 'IodefName' });
  });

  it('a suffix never takes a name a rule has by itself', () => {
    const text = 'top = [a-b, A-b, AB_2]\na-b = tstr\nA-b = int\nAB_2 = bool\n';
    expect(tsNames([main(text)])).toEqual({ top: 'Top', 'A-b': 'AB', 'a-b': 'AB_3', AB_2: 'AB_2' });
  });

  it('do not depend on where the rules are written', () => {
    const forward = tsNames([main('top = [etime, Etime]\netime = int\nEtime = tstr\n')]);
    const backward = tsNames([main('top = [etime, Etime]\nEtime = tstr\netime = int\n')]);
    expect(forward).toEqual({ top: 'Top', Etime: 'Etime', etime: 'Etime_2' });
    expect(backward).toEqual(forward);
  });

  it('a socket beside a plain rule, and namespaced names (plain and socket) beside local ones', () => {
    const text = 'top = [x, $x, ns.x, ns.$x, ns-x, ns.label]\nx = tstr\n$x /= 1\nns-x = bool\n;# import m as ns\n';
    expect(tsNames([main(text)])).toEqual({
      top: 'Top',
      x: 'X',
      $x: 'XSocket',
      'ns-x': 'NsX',
      'ns.x': 'NsX_2',
      'ns.$x': 'NsXSocket',
      'ns.label': 'NsLabel',
    });
  });

  it('an inline option of a renamed rule is named after the new name', () => {
    const text = 'top = [a-b, A-b]\na-b = [int] / { x: int }\nA-b = [tstr] / { y: tstr }\n';
    const names = tsNames([main(text)]);
    expect(names).toMatchObject({ 'A-b': 'AB', 'a-b': 'AB_2' });
    expect(Object.values(names).sort()).toEqual(['AB', 'ABOption1', 'ABOption2', 'AB_2', 'AB_2Option1', 'AB_2Option2', 'Top']);
  });

  it('generate a module that type-checks, with functions for each rule', () => {
    const text = 'top = [iodef-name, iodef-Name, x, $x, ns.x, ns.$x, ns-x]\niodef-name = tstr\niodef-Name = int\nx = tstr\n$x /= 1\nns-x = bool\n;# import m as ns\n';
    const files = compile([main(text)], MODULE);
    rmSync(TMP, { recursive: true, force: true });
    mkdirSync(TMP, { recursive: true });
    writeFileSync(new URL('package.json', TMP), '{"type":"module"}\n');
    for (const f of files) writeFileSync(new URL(f.path, TMP), f.contents);
    expect(typecheck(files.map((f) => fileURLToPath(new URL(f.path, TMP))), { moduleResolution: 'nodenext' })).toEqual([]);
    const code = files[0]?.contents ?? '';
    for (const name of ['IodefName', 'IodefName_2', 'X', 'XSocket', 'NsX', 'NsX_2', 'NsXSocket']) {
      expect(code).toContain(`export const decode${name}: Decoder<${name}> = /*#__PURE__*/ decoder(`);
    }
  });
});

/** The one-pass scan that finds which runtime names a generated module uses, for its import list. */
import { describe, expect, it } from 'vitest';
import { identifiersUsed } from '../../generator/emit/identifiers.js';

const WANTED = new Set(['report', 'isBytes', 'CborReader', 'Problem', 'withPath', 'isObject', 'isInteger']);
const used = (code: string): string[] => [...identifiersUsed(code, WANTED)].sort();

describe('identifiersUsed', () => {
  it('finds calls, constructions and types', () => {
    expect(used('const r = new CborReader(bytes); ok = report(problems, path, "x", v); let p: Problem[] = [];')).toEqual(['CborReader', 'Problem', 'report']);
  });

  it('skips comments, strings and template text, but not template substitutions', () => {
    expect(used('// report(x)\n/** isBytes */ const a = "report"; const b = \'isBytes(\';')).toEqual([]);
    expect(used('const m = `report ${isBytes(v) ? `withPath ${isObject(w)}` : "x"} isInteger`;')).toEqual(['isBytes', 'isObject']);
    expect(used('const m = `a\\`report` + withPath(e, "");')).toEqual(['withPath']);
  });

  it('skips regular expressions, even with quotes and slashes inside', () => {
    expect(used('if (!/^["\'/]report[/]$/u.test(s)) isBytes(s);')).toEqual(['isBytes']);
    expect(used('const half = a / report(b) / 2;')).toEqual(['report']);
    expect(used("return /isBytes'/.test(x) && report(p, '', 'y', x);")).toEqual(['report']);
  });

  it('skips property names: after . and ?., object keys and interface members', () => {
    expect(used('Number.isInteger(v); obj?.report; x.isBytes(y);')).toEqual([]);
    expect(used('const built = { report: 1, isBytes, withPath: withPath(e, "") };')).toEqual(['isBytes', 'withPath']);
    expect(used('export interface A {\n  report: number;\n  /** doc */\n  isBytes?: string;\n  readonly isObject: boolean;\n}')).toEqual([]);
    expect(used('type T = { readonly report: 1 };')).toEqual([]);
  });

  it('counts a name in a conditional expression, a spread and a case label', () => {
    expect(used('const f = c ? report : isBytes;')).toEqual(['isBytes', 'report']);
    expect(used('g(...isObject(v)); switch (k) { case isInteger: break; }')).toEqual(['isInteger', 'isObject']);
  });
});

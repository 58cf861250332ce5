/** IR → layouts: every type rule's layout computed once, before emission, and its plain-data JSON view (docs/layout.md). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileIr, type SchemaText } from '../../generator/index.js';
import { computeLayouts, layoutsToJson, type Layouts } from '../../generator/layout/index.js';
import { schemasFor } from '../corpus/corpus-files.js';
import { CONTENT_SCHEMA_PATH, REPO, SHARED, statusSchema } from '../support/schemas.js';

const layoutsOf = (schemas: SchemaText[], general?: ReadonlyMap<string, string>): Layouts => {
  const sources = new Map(schemas.map((s) => [s.path, s.text]));
  return computeLayouts(compileIr(schemas), { sources, ...(general === undefined ? {} : { general }) });
};
const json = (layouts: Layouts): string => `${JSON.stringify(layoutsToJson(layouts), null, 2)}\n`;
const schema = (text: string): SchemaText => ({ path: 'a.cddl', text });

const SNAPSHOTS: [string, () => SchemaText[]][] = [
  ['mimi-message-status', () => [statusSchema()]],
  ['mimi-content', () => [{ path: CONTENT_SCHEMA_PATH, text: readFileSync(`${REPO}${CONTENT_SCHEMA_PATH}`, 'utf8') }]],
  ['cose-rfc9052', () => schemasFor('cose-rfc9052.cddl')],
  ['senml-rfc8428', () => schemasFor('senml-rfc8428.cddl')],
  // Three rules the typed layouts refuse (general), and rules that use them.
  ['rfc9171', () => [{ path: 'rfc9171.cddl', text: readFileSync(`${SHARED}cddl-library/rfc9171.cddl`, 'utf8') }]],
];

describe.each(SNAPSHOTS)('the layouts of %s', (name, schemas) => {
  const layouts = layoutsOf(schemas());

  it('match the reviewed snapshot', async () => {
    await expect(json(layouts)).toMatchFileSnapshot(`__snapshots__/${name}.layout.json`);
  });

  it('are plain JSON data, the same every time they are computed', () => {
    const view = layoutsToJson(layouts);
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
    expect(json(layoutsOf(schemas()))).toBe(json(layouts));
  });

  it('cover every type rule, in IR order, and no group rule', () => {
    const ir = compileIr(schemas());
    expect([...layouts.rules.keys()]).toEqual(ir.rules.filter((r) => r.kind === 'type').map((r) => r.name));
  });
});

describe('a layout', () => {
  it('writes integers as decimal strings, rules by name, IR types as CDDL and spans as file:line:col', () => {
    const view = layoutsToJson(layoutsOf([schema('a = [ n: uint .size 16, m: b ]\nb = #6.1234567890123456789(tstr)\n')]));
    expect(view.rules['a']).toEqual({
      kind: 'typed',
      shape: {
        kind: 'array',
        layout: {
          kind: 'record',
          fields: [
            { name: 'n', span: 'a.cddl:1:7', type: 'uint .size 16', shape: { kind: 'int', intervals: [{ lo: '0', hi: '18446744073709551615' }] }, optional: false, doc: null },
            { name: 'm', span: 'a.cddl:1:25', type: 'b', shape: { kind: 'rule', rule: 'b' }, optional: false, doc: null },
          ],
        },
      },
    });
    expect(view.rules['b']).toEqual({ kind: 'typed', shape: { kind: 'tag', tag: '1234567890123456789', inner: { kind: 'text', values: null, size: null }, innerType: 'tstr' } });
  });

  it('writes numbers JSON cannot hold as strings', () => {
    const view = layoutsToJson(layoutsOf([schema('a = float .ge 0.5\n')]));
    expect(view.rules['a']).toEqual({ kind: 'typed', shape: { kind: 'float', widths: [16, 32, 64], values: null, ranges: [{ min: 0.5, max: 'Infinity', minInclusive: true, maxInclusive: true }] } });
  });

  it('is general, with the reason, when the typed layouts refuse the rule; the rules using it stay typed', () => {
    const layouts = layoutsOf([schema('top = { keys: keyed }\nkeyed = { * int => int, * uint => tstr }\n')]);
    expect(layoutsToJson(layouts).rules['keyed']).toEqual({ kind: 'general', reason: 'a second kind of computed-key entries (uint =>) beside int =>, which may take the same key' });
    expect(layouts.rules.get('top')?.kind).toBe('typed');
    // What other rules see of it: any data item.
    expect(layouts.shapes.get('keyed')).toEqual({ kind: 'any' });
    expect([...layouts.general.keys()]).toEqual(['keyed']);
  });

  it('takes the rules it is given as general, without changing the map it is given', () => {
    const known = new Map([['b', 'what an emitter refused']]);
    const layouts = layoutsOf([schema('a = [ b ]\nb = [ int ]\n')], known);
    expect(layoutsToJson(layouts).rules['b']).toEqual({ kind: 'general', reason: 'what an emitter refused' });
    expect(layouts.rules.get('a')?.kind).toBe('typed');
    expect([...known]).toEqual([['b', 'what an emitter refused']]);
  });

  it('makes general, before emission, alternatives tried in turn that could write one value differently (charged to the rule that has them)', () => {
    const reason = 'alternatives { y } and { y } that the members present cannot tell apart and that can hold the same value written as different data items';
    // `c.option1` is the map hoisted out of `c`: it is general, `c` and `b` stay typed and see it as any data item.
    const layouts = layoutsOf([schema('b = [ c ]\nc = { (y: int) // (y: #6.1(int)) } / tstr\nd = { (y: int) // (y: tstr) }\n')]);
    expect([...layouts.general]).toEqual([['c.option1', reason]]);
    expect(layouts.rules.get('c')?.kind).toBe('typed');
    expect(layouts.rules.get('b')?.kind).toBe('typed');
    expect(layouts.shapes.get('c.option1')).toEqual({ kind: 'any' });
    // Alternatives told apart by their values (int, tstr) stay typed.
    expect(layouts.rules.get('d')?.kind).toBe('typed');
  });
});

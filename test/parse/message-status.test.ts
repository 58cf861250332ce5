import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GroupEntry, Rule, Type } from '../../generator/parse/ast.js';
import { parseCddl } from '../../generator/parse/index.js';
import { strip } from './helpers.js';

const text = readFileSync(new URL('../../schemas/mimi-message-status.cddl', import.meta.url), 'utf8');
const file = parseCddl(text, 'schemas/mimi-message-status.cddl');
const byName = new Map(file.rules.map((r) => [r.name, r]));

function typeOf(name: string): Type {
  const r = byName.get(name) as Rule;
  expect(r.body.kind).toBe('type');
  return strip((r.body as { type: Type }).type);
}

const name = (n: string) => ({ kind: 'name', name: n, genericArgs: [] }) as unknown as Type;
const int = (v: string) => ({ kind: 'literal', value: { type: 'int', value: v, raw: v } }) as unknown as Type;
/** A `key: type` member as it looks with spans stripped. */
const keyed = (key: string, type: Type) =>
  ({ kind: 'member', occurrence: null, key: { kind: 'bareword', name: key }, type, doc: null }) as unknown as GroupEntry;

describe('schemas/mimi-message-status.cddl', () => {
  it('has the five rules of the draft, in order, all "="', () => {
    expect(file.rules.map((r) => [r.name, r.assign, r.genericParams])).toEqual([
      ['MessageStatusReport', '=', []],
      ['PerMessageStatus', '=', []],
      ['baseStatus', '=', []],
      ['unknownStatus', '=', []],
      ['MessageId', '=', []],
    ]);
  });

  it('MessageStatusReport = [ * PerMessageStatus ]', () => {
    expect(typeOf('MessageStatusReport')).toEqual({
      kind: 'array',
      group: {
        kind: 'group',
        choices: [
          {
            kind: 'groupChoice',
            entries: [{ kind: 'member', occurrence: { min: '0', max: null, raw: '*' }, key: null, type: name('PerMessageStatus'), doc: null }],
          },
        ],
      },
    });
  });

  it('PerMessageStatus is an array with bareword keys', () => {
    expect(typeOf('PerMessageStatus')).toEqual({
      kind: 'array',
      group: {
        kind: 'group',
        choices: [
          {
            kind: 'groupChoice',
            entries: [
              keyed('messageId', name('MessageId')),
              keyed('status', { kind: 'choice', options: [name('baseStatus'), name('$extStatus'), name('unknownStatus')] } as Type),
            ],
          },
        ],
      },
    });
  });

  it('baseStatus is an enum of 7 members with int values 0..6', () => {
    const type = typeOf('baseStatus');
    if (type.kind !== 'enum' || type.source.kind !== 'group') throw new Error('shape');
    const entries = type.source.group.choices[0]?.entries ?? [];
    expect(entries).toEqual(
      ['unread', 'delivered', 'read', 'expired', 'deleted', 'hidden', 'error'].map((k, i) => keyed(k, int(String(i)))),
    );
  });

  it('unknownStatus is an enum with the range 7..255', () => {
    expect(typeOf('unknownStatus')).toEqual({
      kind: 'enum',
      source: {
        kind: 'group',
        group: {
          kind: 'group',
          choices: [{ kind: 'groupChoice', entries: [keyed('unknown', { kind: 'range', min: int('7'), max: int('255'), inclusive: true } as Type)] }],
        },
      },
    });
  });

  it('MessageId = bstr .size 32 is a control node', () => {
    expect(typeOf('MessageId')).toEqual({ kind: 'control', op: 'size', target: name('bstr'), controller: int('32') });
    const r = byName.get('MessageId') as Rule;
    if (r.body.kind !== 'type' || r.body.type.kind !== 'control') throw new Error('shape');
    expect(text.slice(r.body.type.opSpan.offset, r.body.type.opSpan.endOffset)).toBe('.size');
  });

  it('rule name spans point at the names', () => {
    for (const r of file.rules) expect(text.slice(r.nameSpan.offset, r.nameSpan.endOffset)).toBe(r.name);
    expect(byName.get('baseStatus')?.nameSpan).toMatchObject({ line: 8, col: 1 });
  });
});

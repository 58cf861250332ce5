import { describe, expect, it } from 'vitest';
import type { GroupEntry, Type } from '../../generator/parse/ast.js';
import { entriesOf, int, name, onlyRule, strip, text, typeOf } from './helpers.js';

const member = (type: Type, extra: Partial<Record<'occurrence' | 'key', unknown>> = {}): GroupEntry =>
  ({ kind: 'member', occurrence: null, key: null, type, doc: null, ...extra }) as GroupEntry;

describe('group entries and separators', () => {
  it('entries separated by commas, with an optional trailing comma', () => {
    expect(entriesOf('int, tstr,')).toEqual([member(name('int')), member(name('tstr'))]);
  });

  it('commas are optional', () => {
    expect(entriesOf('int tstr\n bool')).toEqual([member(name('int')), member(name('tstr')), member(name('bool'))]);
  });

  it('group choices with //', () => {
    const type = typeOf('[ int, tstr // bool // ]');
    expect(type).toMatchObject({
      kind: 'array',
      group: {
        choices: [
          { kind: 'groupChoice', entries: [{ type: name('int') }, { type: name('tstr') }] },
          { entries: [{ type: name('bool') }] },
          { entries: [] },
        ],
      },
    });
  });

  it('a group name as an entry is a member whose type is that name', () => {
    expect(entriesOf('header, * extra<int>')).toEqual([
      member(name('header')),
      member(name('extra', [name('int')]), { occurrence: { min: '0', max: null, raw: '*' } }),
    ]);
  });
});

describe('occurrences', () => {
  it.each([
    ['?', '0', '1'],
    ['*', '0', null],
    ['+', '1', null],
    ['1*3', '1', '3'],
    ['2*', '2', null],
    ['*5', '0', '5'],
    ['0x2*0x10', '2', '16'],
    ['0*1', '0', '1'],
  ])('%s', (raw, min, max) => {
    const [entry] = entriesOf(`${raw} int`);
    expect(entry).toEqual(member(name('int'), { occurrence: { min, max, raw } }));
  });

  it('space after the occurrence is optional', () => {
    expect(entriesOf('?int')[0]).toMatchObject({ occurrence: { min: '0', max: '1' } });
    expect(entriesOf('1*3int')[0]).toMatchObject({ occurrence: { min: '1', max: '3' }, type: name('int') });
    expect(entriesOf('+ a: int')[0]).toMatchObject({ occurrence: { raw: '+' }, key: { kind: 'bareword', name: 'a' } });
  });

  it('applies to inline groups', () => {
    expect(entriesOf('* (a: int, b: tstr)')[0]).toMatchObject({
      kind: 'group',
      occurrence: { min: '0', max: null },
      group: { choices: [{ entries: [{ key: { name: 'a' } }, { key: { name: 'b' } }] }] },
    });
  });
});

describe('member keys', () => {
  it('bareword', () => {
    expect(entriesOf('name: tstr')).toEqual([member(name('tstr'), { key: { kind: 'bareword', name: 'name' } })]);
    expect(entriesOf('name : tstr')[0]).toMatchObject({ key: { kind: 'bareword', name: 'name' } });
    expect(entriesOf('$odd-name.x: tstr')[0]).toMatchObject({ key: { kind: 'bareword', name: '$odd-name.x' } });
  });

  it('value keys', () => {
    expect(entriesOf('"x": int')[0]).toEqual(member(name('int'), { key: { kind: 'value', value: { type: 'text', value: 'x', raw: '"x"' } } }));
    expect(entriesOf('1: int')[0]).toMatchObject({ key: { kind: 'value', value: { type: 'int', value: '1' } } });
    expect(entriesOf('-1: int')[0]).toMatchObject({ key: { kind: 'value', value: { type: 'int', value: '-1' } } });
    expect(entriesOf("h'0102': int")[0]).toMatchObject({ key: { kind: 'value', value: { type: 'bytes', hex: '0102' } } });
    expect(entriesOf('1.5: int')[0]).toMatchObject({ key: { kind: 'value', value: { type: 'float', value: 1.5 } } });
  });

  it('type keys with =>', () => {
    expect(entriesOf('tstr => int')[0]).toEqual(member(name('int'), { key: { kind: 'type', type: name('tstr'), cut: false } }));
    expect(entriesOf('"a" => int')[0]).toMatchObject({ key: { kind: 'type', type: text('a'), cut: false } });
    expect(entriesOf('* tstr => any')[0]).toMatchObject({ occurrence: { raw: '*' }, key: { kind: 'type', type: name('tstr') } });
    expect(entriesOf('(1..3) => int')[0]).toMatchObject({ key: { kind: 'type', type: { kind: 'range' } } });
    expect(entriesOf('tstr .size 3 => int')[0]).toMatchObject({ key: { kind: 'type', type: { kind: 'control', op: 'size' } } });
  });

  it('cut keys with ^ =>', () => {
    expect(entriesOf('"a" ^ => int')[0]).toMatchObject({ key: { kind: 'type', type: text('a'), cut: true } });
    expect(entriesOf('? &(senderUri: 1) ^=> tstr')[0]).toMatchObject({
      occurrence: { raw: '?' },
      key: { kind: 'type', cut: true, type: { kind: 'enum' } },
      type: name('tstr'),
    });
  });

  it('the value after a key is a full type with choices', () => {
    expect(entriesOf('a: int / null')[0]).toMatchObject({ type: { kind: 'choice', options: [name('int'), name('null')] } });
  });
});

describe('inline groups in entry position', () => {
  it('( group ) with several entries is an inline group', () => {
    expect(entriesOf('(a: int, b: tstr)')[0]).toMatchObject({ kind: 'group', occurrence: null, group: { choices: [{ entries: [{}, {}] }] } });
  });

  it('( a // b ) is an inline group with choices', () => {
    expect(entriesOf('( NullPart // SinglePart )')[0]).toMatchObject({
      kind: 'group',
      group: { choices: [{ entries: [{ type: name('NullPart') }] }, { entries: [{ type: name('SinglePart') }] }] },
    });
  });

  it('( key: type ) stays an inline group', () => {
    expect(entriesOf('(a: int)')[0]).toMatchObject({ kind: 'group', group: { choices: [{ entries: [{ key: { name: 'a' } }] }] } });
  });

  it('( type ) with a single keyless entry is read as a member of that type', () => {
    expect(entriesOf('( int / tstr )')[0]).toEqual(member({ kind: 'choice', options: [name('int'), name('tstr')] } as Type));
    expect(entriesOf('? (int)')[0]).toEqual(member(name('int'), { occurrence: { min: '0', max: '1', raw: '?' } }));
  });

  it('a parenthesised type may go on with an operator, a choice or =>', () => {
    expect(entriesOf('(tstr) .size 3')[0]).toMatchObject({ kind: 'member', type: { kind: 'control', target: name('tstr') } });
    expect(entriesOf('(int) / tstr')[0]).toMatchObject({ kind: 'member', type: { kind: 'choice', options: [name('int'), name('tstr')] } });
    expect(entriesOf('(int) => tstr')[0]).toMatchObject({ kind: 'member', key: { kind: 'type', type: name('int') }, type: name('tstr') });
  });

  it('an empty inline group', () => {
    expect(entriesOf('()')[0]).toEqual({ kind: 'group', occurrence: null, doc: null, group: { kind: 'group', choices: [{ kind: 'groupChoice', entries: [] }] } });
  });
});

describe('type rule or group rule', () => {
  const kindOf = (src: string) => onlyRule(src).body.kind;

  it.each([
    ['x = int', 'type'],
    ['x = foo', 'type'],
    ['x = (int / tstr)', 'type'],
    ['x = (foo)', 'type'],
    ['x = [int]', 'type'],
    ['x = a: int', 'group'],
    ['x = "k" => int', 'group'],
    ['x = * foo', 'group'],
    ['x = ? foo', 'group'],
    ['x = (a: int, b: tstr)', 'group'],
    ['x = (a, b)', 'group'],
    ['x = (a // b)', 'group'],
    ['x = (a: int)', 'group'],
    ['$$x //= foo', 'group'],
    ['$x /= foo', 'type'],
  ])('%s is a %s rule', (src, kind) => {
    expect(kindOf(src)).toBe(kind);
  });

  it('a group rule keeps the entry', () => {
    expect(strip(onlyRule('x = ( a: int, ? b: tstr )').body)).toMatchObject({
      kind: 'group',
      entry: { kind: 'group', group: { choices: [{ entries: [{ key: { name: 'a' } }, { occurrence: { raw: '?' } }] }] } },
    });
    expect(strip(onlyRule('x = a: int').body)).toEqual({
      kind: 'group',
      entry: member(name('int'), { key: { kind: 'bareword', name: 'a' } }),
    });
  });

  it('int literals in a value position', () => {
    expect(entriesOf('1')).toEqual([member(int('1'))]);
  });
});

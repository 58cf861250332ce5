import { describe, expect, it } from 'vitest';
import type { Type } from '../../generator/parse/ast.js';
import { int, name, onlyRule, parse, strip, text, typeOf } from './helpers.js';

const range = (min: Type, max: Type, inclusive = true): Type => ({ kind: 'range', min, max, inclusive }) as Type;

describe('type choices', () => {
  it('a / b / c is one choice with three options', () => {
    expect(typeOf('int / tstr / null')).toEqual({ kind: 'choice', options: [name('int'), name('tstr'), name('null')] });
  });

  it('a single type is not wrapped', () => {
    expect(typeOf('int')).toEqual(name('int'));
  });

  it('choices may span lines', () => {
    expect(typeOf('int /\n  tstr')).toEqual({ kind: 'choice', options: [name('int'), name('tstr')] });
  });
});

describe('ranges', () => {
  it.each<[string, Type]>([
    ['1..2', range(int('1'), int('2'))],
    ['1...2', range(int('1'), int('2'), false)],
    ['-1..1', range(int('-1'), int('1'))],
    ['-10..-5', range(int('-10'), int('-5'))],
    ['0x10..0x20', range(int('16', '0x10'), int('32', '0x20'))],
    ['0b1..0b11', range(int('1', '0b1'), int('3', '0b11'))],
    ['1.5..2.5', range({ kind: 'literal', value: { type: 'float', value: 1.5, raw: '1.5' } } as Type, { kind: 'literal', value: { type: 'float', value: 2.5, raw: '2.5' } } as Type)],
    ['0 .. 255', range(int('0'), int('255'))],
    ['min .. max', range(name('min'), name('max'))],
    ['min ... max', range(name('min'), name('max'), false)],
    ['0..max-byte', range(int('0'), name('max-byte'))],
  ])('%s', (src, expected) => {
    expect(typeOf(src)).toEqual(expected);
  });

  it('a..b without spaces is one identifier, as the ABNF id rule says', () => {
    expect(typeOf('a..b')).toEqual(name('a..b'));
    expect(typeOf('min..10')).toEqual(name('min..10'));
  });

  it('binds tighter than /', () => {
    expect(typeOf('1..2 / 5')).toEqual({ kind: 'choice', options: [range(int('1'), int('2')), int('5')] });
  });
});

describe('control operators', () => {
  it('bstr .size 32', () => {
    expect(typeOf('bstr .size 32')).toEqual({ kind: 'control', op: 'size', target: name('bstr'), controller: int('32') });
  });

  it.each(['size', 'bits', 'regexp', 'cbor', 'cborseq', 'within', 'and', 'lt', 'le', 'gt', 'ge', 'eq', 'ne', 'default', 'plus', 'cat', 'det', 'abnf', 'abnfb', 'feature', 'my-future.op', 'b64u'])(
    'any operator name: .%s',
    (op) => {
      expect(typeOf(`a .${op} b`)).toMatchObject({ kind: 'control', op, target: name('a'), controller: name('b') });
    },
  );

  it('takes a parenthesised controller', () => {
    expect(typeOf('tstr .size (1..255)')).toEqual({
      kind: 'control',
      op: 'size',
      target: name('tstr'),
      controller: range(int('1'), int('255')),
    });
  });

  it('follows a non-name token without a space', () => {
    expect(typeOf('"abc".cat "def"')).toMatchObject({ kind: 'control', op: 'cat', target: text('abc'), controller: text('def') });
    expect(typeOf('3.size 4')).toMatchObject({ kind: 'control', op: 'size', target: int('3') });
    expect(typeOf('[int].within any')).toMatchObject({ kind: 'control', op: 'within' });
    expect(typeOf('foo<int>.size 3')).toMatchObject({ kind: 'control', op: 'size', target: name('foo', [name('int')]) });
  });

  it('tstr.size is an identifier, not a control operator', () => {
    expect(typeOf('tstr.size')).toEqual(name('tstr.size'));
  });

  it('binds tighter than /', () => {
    expect(typeOf('bstr .size 8 / tstr')).toMatchObject({ kind: 'choice', options: [{ kind: 'control' }, name('tstr')] });
  });

  it('works on a parenthesised target', () => {
    expect(typeOf('(tstr .size 3) .regexp "a+"')).toMatchObject({
      kind: 'control',
      op: 'regexp',
      target: { kind: 'control', op: 'size' },
      controller: text('a+'),
    });
  });
});

describe('type2 forms', () => {
  it('literals', () => {
    expect(typeOf('"a"')).toEqual(text('a'));
    expect(typeOf('7')).toEqual(int('7'));
  });

  it('names, sockets and plugs', () => {
    expect(typeOf('foo')).toEqual(name('foo'));
    expect(typeOf('$ext')).toEqual(name('$ext'));
    expect(typeOf('$$ext')).toEqual(name('$$ext'));
    expect(typeOf('@at_sign')).toEqual(name('@at_sign'));
    expect(typeOf('_x')).toEqual(name('_x'));
    expect(typeOf('a-b.c-1')).toEqual(name('a-b.c-1'));
    expect(typeOf('a--b')).toEqual(name('a--b'));
  });

  it('names with generic arguments', () => {
    expect(typeOf('pair<int, tstr>')).toEqual(name('pair', [name('int'), name('tstr')]));
    expect(typeOf('wrap< 1..3 >')).toEqual(name('wrap', [range(int('1'), int('3'))]));
    expect(typeOf('outer<inner<int>>')).toEqual(name('outer', [name('inner', [name('int')])]));
    expect(typeOf('g<(a / b)>')).toEqual(name('g', [{ kind: 'choice', options: [name('a'), name('b')] } as Type]));
  });

  it('( type ) is the type itself', () => {
    expect(typeOf('(int / tstr)')).toEqual({ kind: 'choice', options: [name('int'), name('tstr')] });
  });

  it('{ group } and [ group ]', () => {
    expect(typeOf('{ a: int }')).toMatchObject({ kind: 'map', group: { kind: 'group', choices: [{ entries: [{ kind: 'member' }] }] } });
    expect(typeOf('[ int ]')).toMatchObject({ kind: 'array', group: { kind: 'group', choices: [{ entries: [{ type: name('int') }] }] } });
    expect(typeOf('{}')).toEqual({ kind: 'map', group: { kind: 'group', choices: [{ kind: 'groupChoice', entries: [] }] } });
    expect(typeOf('[ ]')).toEqual({ kind: 'array', group: { kind: 'group', choices: [{ kind: 'groupChoice', entries: [] }] } });
  });

  it('~name and ~name<args>', () => {
    expect(typeOf('~foo')).toEqual({ kind: 'unwrap', name: 'foo', genericArgs: [] });
    expect(typeOf('~ foo<int>')).toEqual({ kind: 'unwrap', name: 'foo', genericArgs: [name('int')] });
  });

  it('&( group ), &name and &name<args>', () => {
    expect(typeOf('&( a: 1, b: 2 )')).toMatchObject({
      kind: 'enum',
      source: { kind: 'group', group: { choices: [{ entries: [{ key: { kind: 'bareword', name: 'a' } }, { key: { name: 'b' } }] }] } },
    });
    expect(typeOf('& (a: 1)')).toMatchObject({ kind: 'enum', source: { kind: 'group' } });
    expect(typeOf('&colors')).toEqual({ kind: 'enum', source: { kind: 'name', name: 'colors', genericArgs: [] } });
    expect(typeOf('& colors<int>')).toEqual({ kind: 'enum', source: { kind: 'name', name: 'colors', genericArgs: [name('int')] } });
  });

  it('tags #6.n(T), #6.<T>(T), #6(T)', () => {
    expect(typeOf('#6.32(tstr)')).toEqual({ kind: 'tag', tag: { kind: 'number', value: '32' }, type: name('tstr') });
    expect(typeOf('#6.0x20( tstr )')).toEqual({ kind: 'tag', tag: { kind: 'number', value: '32' }, type: name('tstr') });
    expect(typeOf('#6.<ct-tag-number>(content)')).toEqual({
      kind: 'tag',
      tag: { kind: 'type', type: name('ct-tag-number') },
      type: name('content'),
    });
    expect(typeOf('#6.<1668546817..1668612095>(bstr)')).toMatchObject({
      kind: 'tag',
      tag: { kind: 'type', type: range(int('1668546817'), int('1668612095')) },
    });
    expect(typeOf('#6(any)')).toEqual({ kind: 'tag', tag: null, type: name('any') });
    expect(typeOf('#6.18446744073709551615(int)')).toMatchObject({ tag: { kind: 'number', value: '18446744073709551615' } });
  });

  it('major types #n, #n.ai, #n.<T>', () => {
    expect(typeOf('#0')).toEqual({ kind: 'major', major: 0, info: null });
    expect(typeOf('#7.25')).toEqual({ kind: 'major', major: 7, info: { kind: 'number', value: '25' } });
    expect(typeOf('#7.<20..21>')).toEqual({ kind: 'major', major: 7, info: { kind: 'type', type: range(int('20'), int('21')) } });
    expect(typeOf('#6')).toEqual({ kind: 'major', major: 6, info: null });
    expect(typeOf('#6.32')).toEqual({ kind: 'major', major: 6, info: { kind: 'number', value: '32' } });
    expect(typeOf('#1 / #2')).toEqual({ kind: 'choice', options: [{ kind: 'major', major: 1, info: null }, { kind: 'major', major: 2, info: null }] });
  });

  it('# is any', () => {
    expect(typeOf('#')).toEqual({ kind: 'any' });
  });
});

describe('rules', () => {
  it('=, /= and //=', () => {
    const { assign, body } = onlyRule('$ext /= int');
    expect({ assign, body: strip(body) }).toEqual({ assign: '/=', body: { kind: 'type', type: name('int') } });
    const group = onlyRule('$$ext //= ( a: int )');
    expect(group).toMatchObject({ assign: '//=', body: { kind: 'group', entry: { kind: 'group' } } });
    const bare = onlyRule('$$ext //= foo');
    expect(strip(bare.body)).toEqual({ kind: 'group', entry: { kind: 'member', occurrence: null, key: null, type: name('foo'), doc: null } });
  });

  it('generic parameters', () => {
    expect(onlyRule('pair<A, B> = [A, B]')).toMatchObject({ name: 'pair', genericParams: ['A', 'B'] });
    expect(onlyRule('one< T > = T')).toMatchObject({ genericParams: ['T'] });
    expect(onlyRule('plain = T').genericParams).toEqual([]);
  });

  it('several rules, one after the other, with no separators', () => {
    const { rules } = parse('a = int b = tstr\nc = [a, b] d = 1');
    expect(rules.map((r) => r.name)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('an empty file has no rules (RFC 9682 cddl = S *(rule S))', () => {
    expect(parse('').rules).toEqual([]);
    expect(parse('; just a comment\n\n').rules).toEqual([]);
  });
});

/** AST → IR: resolution, sockets, generics, naming, and the errors that name both places. */
import { describe, expect, it } from 'vitest';
import { compile, compileIr, type SchemaText } from '../../generator/index.js';
import type { IrRule } from '../../generator/ir/types.js';
import { errorOf, statusSchema, VENDOR_EXTENSION } from '../support/schemas.js';

const schema = (text: string, path = 'a.cddl'): SchemaText => ({ path, text });
const rule = (rules: IrRule[], name: string): IrRule => {
  const found = rules.find((r) => r.name === name);
  if (found === undefined) throw new Error(`no rule ${name}`);
  return found;
};

describe('the draft schema', () => {
  const ir = compileIr([statusSchema()]);

  it('matches the reviewed IR snapshot', async () => {
    await expect(`${JSON.stringify(ir, null, 2)}\n`).toMatchFileSnapshot('__snapshots__/mimi-message-status.ir.json');
  });

  it('is plain JSON data', () => {
    expect(JSON.parse(JSON.stringify(ir))).toEqual(ir);
  });

  it('flattens enumerations into named values and keeps the root', () => {
    expect(ir.root).toBe('MessageStatusReport');
    const base = rule(ir.rules, 'baseStatus');
    expect(base.type?.kind).toBe('enum');
    if (base.type?.kind !== 'enum') return;
    expect(base.type.values.map((v) => [v.name, v.type])).toEqual([
      ['unread', { kind: 'literal', value: { type: 'int', value: '0' } }],
      ['delivered', { kind: 'literal', value: { type: 'int', value: '1' } }],
      ['read', { kind: 'literal', value: { type: 'int', value: '2' } }],
      ['expired', { kind: 'literal', value: { type: 'int', value: '3' } }],
      ['deleted', { kind: 'literal', value: { type: 'int', value: '4' } }],
      ['hidden', { kind: 'literal', value: { type: 'int', value: '5' } }],
      ['error', { kind: 'literal', value: { type: 'int', value: '6' } }],
    ]);
  });

  it('makes an unfilled socket an empty enumeration, located at its first use', () => {
    const ext = rule(ir.rules, '$extStatus');
    expect(ext).toMatchObject({ tsName: 'ExtStatus', socket: true, type: { kind: 'enum', values: [] } });
    expect(ext.span).toEqual({ file: 'schemas/mimi-message-status.cddl', line: 5, col: 26 });
  });
});

describe('sockets across files', () => {
  it('merge the values of every file, in file order, each with its origin', () => {
    const ir = compileIr([statusSchema(), VENDOR_EXTENSION, schema('$extStatus /= &( archived: 10 )', 'other.cddl')]);
    const ext = rule(ir.rules, '$extStatus');
    if (ext.type?.kind !== 'enum') throw new Error('expected an enumeration');
    expect(ext.type.values.map((v) => [v.name, v.span.file, v.doc])).toEqual([
      ['starred', 'my-statuses.cddl', 'the user starred the message'],
      ['pinned', 'my-statuses.cddl', null],
      ['archived', 'other.cddl', null],
    ]);
    expect(ext.doc).toBe('Statuses of the ACME client');
  });

  it('merge //= group alternatives into a group socket', () => {
    const ir = compileIr([schema('m = { * $$ext }\n$$ext //= (a: int)\n$$ext //= (b: tstr)\n')]);
    expect(rule(ir.rules, '$$ext')).toMatchObject({ kind: 'group', group: { choices: [{ entries: [{ name: 'a' }] }, { entries: [{ name: 'b' }] }] } });
  });
});

describe('resolution', () => {
  it('tells a group alias from a type alias by what it names', () => {
    const ir = compileIr([schema('a = [ g ]\ng = ( x: int, y: int )\nh = g\nt = int\n')]);
    expect(rule(ir.rules, 'g').kind).toBe('group');
    expect(rule(ir.rules, 'h').kind).toBe('group');
    expect(rule(ir.rules, 't')).toMatchObject({ kind: 'type', type: { kind: 'prim', prim: 'int' } });
    expect(rule(ir.rules, 'a').type).toMatchObject({ kind: 'array', group: { choices: [{ entries: [{ kind: 'group', ref: 'g' }] }] } });
  });

  it('expands prelude names in place and resolves named range bounds', () => {
    const ir = compileIr([schema('a = tdate\nb = 0..max\nmax = 10\n')]);
    expect(rule(ir.rules, 'a').type).toEqual({ kind: 'tag', tag: '0', type: { kind: 'prim', prim: 'tstr' } });
    expect(rule(ir.rules, 'b').type).toEqual({ kind: 'range', min: { type: 'int', value: '0' }, max: { type: 'int', value: '10' }, inclusive: true });
  });

  it('instantiates generics once per argument list, recursively', () => {
    const ir = compileIr([schema('a = [ pair<int, tstr>, pair<int, tstr>, pair<bool, nil> ]\npair<K, V> = [ key: K, value: V ]\n')]);
    expect(ir.rules.map((r) => [r.name, r.tsName])).toEqual([
      ['a', 'A'],
      ['pair<int, tstr>', 'PairOfIntTstr'],
      ['pair<bool, null>', 'PairOfBoolNull'],
    ]);
    expect(rule(ir.rules, 'pair<int, tstr>').type).toMatchObject({
      kind: 'array',
      group: { choices: [{ entries: [{ name: 'key', type: { kind: 'prim', prim: 'int' } }, { name: 'value', type: { kind: 'prim', prim: 'tstr' } }] }] },
    });
  });
});

describe('inline maps and arrays that would be written more than once get a rule of their own', () => {
  const SHARED = `root = { ? defs: { * tstr => { schema } }, schema }
schema = ( a: int // b: tstr // c: { x: int, y: [* int] } )
box = { p: { q: int, r: tstr }, (s: int // t: int) }
g = ( m: { k: int, l: tstr } )
u = { g, v: int }
w = [ g, int ]
once = [ (n: { z: int, zz: int } // o: int) ]
plain = { meta: { * tstr => any }, list: [+ tstr], (e: int // f: int) }
`;

  it('beside a group choice, or in a group rule spliced into two places; not in one alternative, nor a plain list or dictionary', () => {
    const ir = compileIr([schema(SHARED)]);
    const hoisted = ir.rules.filter((r) => r.hoistedFrom !== undefined).map((r) => [r.tsName, r.hoistedFrom?.cddl, r.hoistedFrom !== undefined && 'shared' in r.hoistedFrom]);
    expect(hoisted).toEqual([
      // Beside `schema`'s three alternatives, each of which reads `defs`.
      ['RootNested1', '{* tstr => {schema}}', true],
      // `schema` is spliced into `root` and into the map inside `defs`.
      ['SchemaNested1', '{x: int, y: [* int]}', true],
      ['BoxNested1', '{q: int, r: tstr}', true],
      // `g` is spliced into `u` and `w`.
      ['GNested1', '{k: int, l: tstr}', true],
    ]);
    expect(rule(ir.rules, 'root').type).toMatchObject({ kind: 'map', group: { choices: [{ entries: [{ name: 'defs', type: { kind: 'ref', rule: 'root.nested1' } }, { kind: 'group', ref: 'schema' }] }] } });
  });

  it('one written as another was before it is that one, by reference (RFC 8927: `{ schema }` in six rules)', () => {
    const ir = compileIr([schema('a = { g }\ng = ( ? e: { g }, ? f: { g }, ? h: { g, x: int } )\n')]);
    expect(ir.rules.filter((r) => r.hoistedFrom !== undefined).map((r) => [r.tsName, r.type])).toEqual([
      ['GNested1', expect.objectContaining({ kind: 'map' })],
      ['GNested2', { kind: 'ref', rule: 'g.nested1' }],
      ['GNested3', expect.objectContaining({ kind: 'map' })],
    ]);
    const text = compile([schema('a = { g }\ng = ( ? e: { g }, ? f: { g } )\n')]).find((f) => f.path === 'a.ts')?.contents ?? '';
    expect(text).toContain('/** An inline map in CDDL rule `g`, a group that reaches itself through it (a.cddl:2). */\nexport type GNested2 = GNested1;');
  });

  it('one written before another was given a rule is that rule too (RFC 8927: root-schema\'s definitions hold `{ schema }`)', () => {
    // `root` is walked first: its `{ g }` is no shared member, and `e`'s is given a rule after it.
    const ir = compileIr([schema('root = { ? defs: { * tstr => { g } }, g }\ng = ( ? e: { g } // f: int )\n')]);
    const defs = rule(ir.rules, 'root').type;
    expect(defs).toMatchObject({ kind: 'map', group: { choices: [{ entries: [{ name: 'defs', type: { kind: 'ref' } }, { kind: 'group' }] }] } });
    const dictionary = rule(ir.rules, ((defs as { group: { choices: { entries: { type: { rule: string } }[] }[] } }).group.choices[0]!.entries[0]!.type).rule);
    expect(dictionary.type).toMatchObject({ kind: 'map', group: { choices: [{ entries: [{ type: { kind: 'ref', rule: 'g.nested1' } }] }] } });
    const text = compile([schema('root = { ? defs: { * tstr => { g } }, g }\ng = ( ? e: { g } // f: int )\n')]).find((f) => f.path === 'a.ts')?.contents ?? '';
    expect(text).toContain('= Map<string, GNested1>;');
  });

  it('each is read, checked and written once, and said so', () => {
    const text = compile([schema(SHARED)]).find((f) => f.path === 'a.ts')?.contents ?? '';
    expect(text).toContain('/** An inline map in CDDL rule `root`, the type of a member that several alternatives or places share (a.cddl:1). */\nexport type RootNested1 = Map<string,');
    expect(text).toContain('  | { defs?: RootNested1; a: number | bigint }\n');
    expect(text.match(/const count\d* = reader\.readMapHeader\(\);\n\s*let k: /g)).toHaveLength(1);
  });
});

describe('names of generic instances', () => {
  it('an argument written as an inline map or array is one word for its kind; instances that meet take _2', () => {
    const text = [
      'a = ne<{ x: int, y: tstr }>',
      'b = ne<{ z: int }>',
      'c = ne<[* int]>',
      'd = pair<"a,b", [int, int]>',
      'e = pair<int, (1 / 2)>',
      'f = pair<int, { "=>": int, "}": tstr }>',
      'ne<M> = (M) .and ({ + any => any })',
      'pair<K, V> = [K, V]',
    ].join('\n');
    const ir = compileIr([schema(`${text}\n`)]);
    expect(ir.rules.filter((r) => r.name.includes('<')).map((r) => [r.name, r.tsName])).toEqual([
      ['ne<{x: int, y: tstr}>', 'NeOfMap'],
      ['ne<{z: int}>', 'NeOfMap_2'],
      ['ne<[* int]>', 'NeOfArray'],
      ['pair<"a,b", [int, int]>', 'PairOfABArray'],
      ['pair<int, 1 / 2>', 'PairOfInt12'],
      ['pair<int, {"=>": int, "}": tstr}>', 'PairOfIntMap'],
    ]);
  });
});

describe('errors name every place involved', () => {
  it('an undefined name', () => {
    const { message } = errorOf(() => compileIr([schema('a = [ b ]\n')]));
    expect(message).toBe("a.cddl:1:7: undefined name 'b' (RFC 8610 Appendix C)\n  1 | a = [ b ]\n    |       ^");
  });

  it('an undefined name that is likely a typo, with the name it most likely meant: a rule of the schema or of the prelude', () => {
    expect(errorOf(() => compileIr([schema('a = { x: Messageid }\nMessageId = bstr .size 32\n')])).first).toBe("a.cddl:1:10: undefined name 'Messageid'; did you mean 'MessageId'? (RFC 8610 Appendix C)");
    expect(errorOf(() => compileIr([schema('a = [ tsrt ]\n')])).first).toBe("a.cddl:1:7: undefined name 'tsrt'; did you mean 'tstr'? (RFC 8610 Appendix C)");
    expect(errorOf(() => compileIr([schema('a = &extStatus\n$extStatus /= &( starred: 8 )\n')])).first).toBe("a.cddl:1:6: undefined name 'extStatus'; did you mean '$extStatus'? (RFC 8610 Appendix C)");
    // Nothing near enough: no guess.
    expect(errorOf(() => compileIr([schema('a = [ zebra ]\n')])).first).toBe("a.cddl:1:7: undefined name 'zebra' (RFC 8610 Appendix C)");
  });

  it('every undefined name at once, each at its first use, without the errors that would only follow from them', () => {
    // `&c`, `~e` and `b<int>` of undefined names would each be an error of their own (no group, no map, no generic parameters).
    const { message } = errorOf(() => compileIr([schema('a = &c\nb = [ d, ~e, d ]\nf = { g, x: k<l> }\nh = &(x: 1, i)\n')]));
    expect(message.split('\n').filter((line) => !line.startsWith(' '))).toEqual([
      "a.cddl:1:6: undefined name 'c' (RFC 8610 Appendix C)",
      "a.cddl:2:7: undefined name 'd'",
      "a.cddl:2:10: undefined name 'e'",
      "a.cddl:3:7: undefined name 'g'",
      "a.cddl:3:13: undefined name 'k'",
      "a.cddl:3:15: undefined name 'l'",
      "a.cddl:4:13: undefined name 'i'",
    ]);
    const many = errorOf(() => compileIr([schema(`a = [${Array.from({ length: 25 }, (_, i) => `u${i}`).join(', ')}]\n`)])).message;
    expect(many.split('\n').filter((line) => !line.startsWith(' ')).at(-1)).toBe("a.cddl:1:91: undefined name 'u19' (and 5 more undefined names)");
  });

  it('a range glued to a name is one name, and the message says so (tidoust/cddlparser wrote `min..max...first-non-byte`)', () => {
    expect(errorOf(() => compileIr([schema('lo = 1\nhi = 5\na = lo...hi\nb = 0..hi\n')])).first).toBe(
      "a.cddl:3:5: undefined name 'lo...hi': a name may hold dots, so a range next to a name needs spaces around its '...' ('lo ... hi') (RFC 8610 Appendix C)",
    );
    // A prelude type is no bound: the usual hint.
    expect(errorOf(() => compileIr([schema('a = uint..10\n')])).first).toBe("a.cddl:1:5: undefined name 'uint..10'; did you mean 'uint'? (RFC 8610 Appendix C)");
  });

  it('a duplicate definition, with the first one', () => {
    const { message } = errorOf(() => compileIr([schema('a = int\n'), schema('\na = tstr\n', 'b.cddl')]));
    expect(message).toBe(
      "b.cddl:2:1: duplicate definition of 'a' (RFC 8610 Appendix C)\n  2 | a = tstr\n    | ^\na.cddl:1:1: 'a' is first defined here\n  1 | a = int\n    | ^",
    );
  });

  it('a rule repeated as it was parsed is one rule, however spaced or commented; a different one is a duplicate', () => {
    // anweiss/cddl's CoSWID has `supplemental = 11` and, 77 lines on, `supplemental=11`.
    for (const repeated of ['b = 11\nb=11\n', 'b = 1 / 2 ; one or two\nb = 1/2\n', 'b = { x: int }\nb = {x:int}\n']) {
      expect(compileIr([schema(`a = [b]\n${repeated}`)]).rules.map((r) => r.name)).toEqual(['a', 'b']);
    }
    // Comments folded out of the text cut these two at their ';' alike: they were one rule, the second dropped unsaid.
    for (const different of ['b = "x;y"\nb = "x;z"\n', 'b = 11\nb = 12\n']) {
      expect(errorOf(() => compileIr([schema(`a = [b]\n${different}`)])).first).toMatch(/^a\.cddl:3:1: duplicate definition of 'b'/);
    }
  });

  it('a vendor value colliding with a value the draft names is a warning of the IR, naming both places', () => {
    const ir = compileIr([statusSchema(), schema('$extStatus /= &( clash: 2 )\n', 'clash.cddl')]);
    expect(ir.warnings).toEqual([
      {
        kind: 'value-named-twice',
        span: { file: 'clash.cddl', line: 1, col: 18 },
        message: expect.stringMatching(/^'clash' has the value 2, which 'read' already names \(schemas\/mimi-message-status\.cddl:11:5\)/),
      },
    ]);
  });

  it('two vendors claiming one value: a warning at the later one', () => {
    const ir = compileIr([statusSchema(), VENDOR_EXTENSION, schema('$extStatus /= &( flagged: 8 )\n', 'other.cddl')]);
    expect(ir.warnings?.map((w) => `${w.span.file}:${w.span.line}:${w.span.col}: ${w.message.split(' (')[0]}`)).toEqual(["other.cddl:1:18: 'flagged' has the value 8, which 'starred' already names"]);
  });

  it('a schema without such values has no warnings in its IR', () => {
    expect(compileIr([statusSchema(), VENDOR_EXTENSION])).not.toHaveProperty('warnings');
  });

  it('allows a vendor value inside a named range: that is what the range leaves open', () => {
    expect(() => compileIr([statusSchema(), VENDOR_EXTENSION])).not.toThrow();
  });

  it('a group used as a type', () => {
    const { first } = errorOf(() => compileIr([schema('a = g\nb = [ a ]\nc = g / int\ng = (x: int)\n')]));
    expect(first).toBe("a.cddl:3:5: 'g' is a group, used here as a type; wrap it: '[ g ]', '{ g }' or '&g' (RFC 8610 §2.1)");
  });

  it('the wrong number of generic arguments', () => {
    const { first } = errorOf(() => compileIr([schema('a = p<int>\np<x, y> = [x, y]\n')]));
    expect(first).toBe("a.cddl:1:5: 'p' takes 2 generic argument(s) <x, y>, but 1 are given (RFC 8610 §3.10)");
  });
});

describe('TypeScript names', () => {
  it.each([
    ['baseStatus', 'BaseStatus'],
    ['ext-dispos', 'ExtDispos'],
    ['$extStatus', 'ExtStatus'],
    ['$$otherKnownExtensions', 'OtherKnownExtensions'],
    ['COSE_Key', 'COSE_Key'],
    ['map', 'Map$'],
  ])('%s becomes %s', (name, tsName) => {
    const ir = compileIr([schema(`${name} = int\n`)]);
    expect(ir.rules[0]?.tsName).toBe(tsName);
  });
});

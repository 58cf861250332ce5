/**
 * Issue 8 item 1: `~` on a tag type is the tag's content (RFC 8610 §3.7, whose own example is
 * `field4: ~time`), for rules of the schema, the prelude's tags (`~time`, `~uri`), its bignums
 * (`~biguint` is RFC 8610 Appendix D's `#6.2(bstr)` unwrapped: a byte string) and RFC 9090's
 * `oid = #6.111(bstr)` (not in the prelude: a schema defines or imports it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compileIr } from '../../generator/index.js';
import { load, thrown, typeErrors, type Generated, type Loaded } from '../bounded/module.js';
import { errorOf } from '../support/schemas.js';
import { hex, toHex } from '../support/hex.js';

// RFC 8610 §3.7, word for word, then the issue's own repro and the prelude's tags.
const SCHEMA = `
advanced-header = [ ~basic-header, field3: bytes, field4: ~time ]
basic-header-group = (field1: int, field2: text)
basic-header = [ basic-header-group ]
t = #6.1(number)
m = { when: ~t }
p = { u: ~uri, b: ~biguint, o: ~oid, either: ~tagged }
oid = #6.111(bstr)
tagged = #6.32(tstr) / #6.33(tstr)
`;

type Rules = 'AdvancedHeader' | 'M' | 'P';
let loaded: Loaded<Rules>;
let g: Generated<Rules>;

beforeAll(async () => {
  loaded = await load<Rules>('language-unwrap-tags', SCHEMA);
  g = loaded.module;
});

describe('~ on tag types', () => {
  it('type-checks under strict settings', () => {
    expect(typeErrors(loaded)).toEqual([]);
  });

  it("RFC 8610 §3.7: advanced-header's field4 is the number inside tag 1, not the tag", () => {
    // [1, "a", h'00', 1700000000]
    const bytes = hex('84 01 61 61 41 00 1a 6553f100');
    const value = { field1: 1, field2: 'a', field3: new Uint8Array([0]), field4: 1700000000 };
    expect(g.decodeAdvancedHeader(bytes)).toEqual(value);
    expect(toHex(g.encodeAdvancedHeader(value) as Uint8Array)).toBe(toHex(bytes));
    // [1, "a", h'00', 1(1700000000)]: the tag is not there any more.
    expect((thrown(() => g.decodeAdvancedHeader(hex('84 01 61 61 41 00 c1 1a 6553f100'))) as Error).name).toBe('DecodeError');
  });

  it('m = { when: ~t } with t = #6.1(number): the number itself', () => {
    expect(g.decodeM(hex('a1 64 7768656e 05'))).toEqual({ when: 5 });
    expect((thrown(() => g.decodeM(hex('a1 64 7768656e c1 05'))) as Error).name).toBe('DecodeError');
    expect(g.isM({ when: 7 })).toBe(true);
    expect(g.isM({ when: 'x' })).toBe(false);
  });

  it('~uri is a text string, ~biguint and ~oid byte strings, ~ of a choice of tags the choice of contents', () => {
    const value = { u: 'https://x', b: new Uint8Array([1, 0]), o: new Uint8Array([0x2a]), either: 'y' };
    const bytes = g.encodeP(value) as Uint8Array;
    // {"u": "https://x", "b": h'0100', "o": h'2a', "either": "y"}, keys in RFC 8949 §4.2.1 order.
    expect(toHex(bytes)).toBe('a4 6162 420100 616f 412a 6175 6968747470733a2f2f78 66656974686572 6179'.replaceAll(' ', ''));
    expect(g.decodeP(bytes)).toEqual(value);
    // The tagged forms are not what the schema says any more: {"u": 32("x"), …}
    expect((thrown(() => g.decodeP(hex('a4 6162 420100 616f 412a 6175 d820 6178 66656974686572 6179'))) as Error).name).toBe('DecodeError');
  });

  it('the IR holds the content type where the schema wrote ~', () => {
    const ir = compileIr([{ path: 'a.cddl', text: 'm = { when: ~t, big: ~biguint }\nt = #6.1(number)\n' }]);
    const map = ir.rules[0]?.type;
    expect(map?.kind === 'map' && map.group.choices[0]?.entries.map((e) => (e.kind === 'member' ? e.type : null))).toEqual([
      { kind: 'choice', options: [{ kind: 'prim', prim: 'int' }, { kind: 'prim', prim: 'float' }] },
      { kind: 'prim', prim: 'bstr' },
    ]);
  });
});

describe('a rule that is ~ of a map or array is the group inside it', () => {
  // `DirectUnwrap = ~browsingContext.Info` (a converter's own example): Appendix B reads it as
  // `groupname S assigng S grpent`, and the group is what ~ leaves (§3.7).
  const RULES = `
with-extra = { direct, extra: int }
direct = ~info
info = { context: text, url: text }
row = [ cells, bool ]
cells = ~pair-alias
pair-alias = pair
pair = [ int, text ]
boxed = { ~generic<bool>, n: uint }
generic<T> = { val: T }
tag-content = ~tagged-text
tagged-text = #6.32(tstr)
`;

  it('is a group rule: spliced where it is used, while ~ of a tag stays a type', () => {
    const ir = compileIr([{ path: 'a.cddl', text: RULES }]);
    const kinds = Object.fromEntries(ir.rules.map((r) => [r.name, r.kind]));
    expect(kinds).toMatchObject({ direct: 'group', cells: 'group', 'tag-content': 'type' });
  });

  it('decodes and encodes the maps and arrays it is spliced into, which type-check', async () => {
    const { module: m, files } = await load<'WithExtra' | 'Row' | 'Boxed'>('language-unwrap-rules', RULES);
    expect(typeErrors({ files })).toEqual([]);
    // {"extra": 1, "context": "c", "url": "u"}
    const map = hex('a3 65 6578747261 01 67 636f6e74657874 61 63 63 75726c 61 75');
    expect(m.decodeWithExtra(map)).toEqual({ extra: 1, context: 'c', url: 'u' });
    // Written back in RFC 8949 §4.2.1 order: "url", "extra", "context".
    expect(toHex(m.encodeWithExtra({ context: 'c', url: 'u', extra: 1 }) as Uint8Array)).toBe('a36375726c61756565787472610167636f6e746578746163');
    expect(m.decodeRow(hex('83 05 61 61 f5'))).toEqual([5, 'a', true]);
    expect((thrown(() => m.decodeRow(hex('82 05 61 61'))) as Error).name).toBe('DecodeError');
    expect(m.isBoxed({ val: true, n: 3 })).toBe(true);
    expect(m.isBoxed({ val: 1, n: 3 })).toBe(false);
  });

  it('used where a type is needed, it is refused as a group', () => {
    expect(errorOf(() => compileIr([{ path: 'a.cddl', text: 'a = { x: d }\nd = ~b\nb = { c: int }\n' }])).first).toMatch(
      /^a\.cddl:1:10: 'd' is a group, used here as a type/,
    );
  });
});

describe('~ where it means nothing (RFC 8610 §3.7 defines it for maps, arrays and tags)', () => {
  it('on an integer', () => {
    expect(errorOf(() => compileIr([{ path: 'a.cddl', text: 'a = { x: ~b }\nb = int\n' }])).first).toBe(
      "a.cddl:1:10: '~b' needs a tag, a map or an array (RFC 8610 §3.7), but 'b' is 'int'",
    );
  });

  it('on a map where a type is needed: the unwrapped group is not a type', () => {
    expect(errorOf(() => compileIr([{ path: 'a.cddl', text: 'a = { x: ~b }\nb = { c: int }\n' }])).first).toBe(
      "a.cddl:1:10: '~b' unwraps a map or array into a group (RFC 8610 §3.7), which is not a type: use it as an entry of a map, array or group",
    );
  });
});

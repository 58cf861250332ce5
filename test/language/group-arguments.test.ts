/**
 * Issue 8 item 6: groups as generic arguments (RFC 8610 §3.10), including a group socket that
 * nothing plugs yet (`a = m<$$ext>`: an empty group, RFC 8610 §3.9), and one another file plugs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../generator/index.js';
import { load, thrown, typeErrors, type Generated, type Loaded } from '../bounded/module.js';
import { hex } from '../support/hex.js';

const SCHEMA = `
a = m<$$ext>
m<E> = { id: int, * E }
b = m<named>
named = (? x: tstr)
c = n<named>
n<G> = [* G]
`;

type Rules = 'A' | 'B' | 'C';
let loaded: Loaded<Rules>;
let g: Generated<Rules>;

beforeAll(async () => {
  loaded = await load<Rules>('language-group-arguments', SCHEMA);
  g = loaded.module;
});

describe('groups as generic arguments', () => {
  it('type-checks under strict settings', () => {
    expect(typeErrors(loaded)).toEqual([]);
  });

  it('m<$$ext> with nothing plugged into $$ext is { id: int }', () => {
    expect(g.decodeA(hex('a1 6269 64 01'))).toEqual({ id: 1 });
    // {"id": 1, "x": "y"}: no member x while the socket is empty.
    expect((thrown(() => g.decodeA(hex('a2 626964 01 6178 6179'))) as Error).name).toBe('DecodeError');
  });

  it('m<named> splices the named group into the map, n<named> into an array', () => {
    expect(g.decodeB(hex('a2 626964 01 6178 6179'))).toEqual({ id: 1, x: 'y' });
    expect(g.decodeC(hex('82 6161 6162'))).toEqual(['a', 'b']);
  });

  it('a file that plugs $$ext //= ( flag: bool ) adds the member', () => {
    const files = compile([
      { path: 'x.cddl', text: SCHEMA },
      { path: 'plug.cddl', text: '$$ext //= ( ? flag: bool )\n' },
    ]);
    expect(files[0]?.contents).toMatch(/export interface MOfExt \{\n {2}id: number \| bigint;\n {2}flag\?: boolean;\n\}/);
  });
});

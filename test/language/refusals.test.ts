/**
 * The catalogue of refusals in docs/cddl-support.md ("Refusals"), IR level: each schema is
 * refused with exactly this first line. Every entry but the last is a schema RFC 8610 makes
 * invalid (the section is in the docs table); the last is a generator policy still to lift.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../generator/index.js';
import { errorOf } from '../support/schemas.js';

const CATALOGUE: readonly { what: string; cddl: string; message: string }[] = [
  { what: 'duplicate definition', cddl: 'a = int\na = tstr\n', message: "x.cddl:2:1: duplicate definition of 'a'" },
  { what: 'a type extended with //=', cddl: 'a = int\na //= (b: int)\n', message: "x.cddl:2:1: 'a' is a type, so it cannot be extended with '//='" },
  { what: 'undefined name', cddl: 'a = b\n', message: "x.cddl:1:5: undefined name 'b'" },
  { what: 'generic arity', cddl: 'a = p<int>\np<x, y> = [x, y]\n', message: "x.cddl:1:5: 'p' takes 2 generic argument(s) <x, y>, but 1 are given" },
  {
    what: 'endless generic instances',
    cddl: 'a = g<int>\ng<T> = [ g<[T]> ]\n',
    message: "x.cddl:2:10: instantiating 'g' never ends: g<int> needs g<[int]> needs g<[[int]]> needs … (RFC 8610 §3.10 puts generic arguments in the definition's place, and here each instance asks for a new one)",
  },
  { what: 'range bounds of two kinds', cddl: 'a = 1..10.0\n', message: 'x.cddl:1:5: a range needs bounds of one kind (RFC 8610 §2.2.2.1 calls 0..10.0 NOT DEFINED): 1 is an integer, 10.0 a float' },
  { what: 'a group parameter used as a type', cddl: 'a = m<g>\nm<E> = E / int\ng = (x: int)\n', message: "x.cddl:2:8: generic parameter 'E' stands for a group here, but is used as a type" },
  { what: 'a generic parameter with arguments', cddl: 'a = m<int>\nm<E> = E<int>\n', message: "x.cddl:2:8: generic parameter 'E' cannot take generic arguments" },
  { what: 'a prelude type with arguments', cddl: 'a = int<tstr>\n', message: "x.cddl:1:5: prelude type 'int' takes no generic arguments" },
  { what: 'a group used as a type', cddl: 'a = g / int\ng = (x: int)\n', message: "x.cddl:1:5: 'g' is a group, used here as a type (wrap it: '[ g ]', '{ g }' or '&g')" },
  { what: 'a range bound that is not a number', cddl: 'a = 1..b\nb = tstr\n', message: "x.cddl:1:8: a range bound must be a number or the name of one, not 'b'" },
  { what: '~ of a type that is no tag, map or array', cddl: 'a = { x: ~b }\nb = int\n', message: "x.cddl:1:10: '~b' needs a tag, a map or an array (RFC 8610 §3.7), but 'b' is 'int'" },
  {
    what: '~ of a map where a type is needed',
    cddl: 'a = { x: ~b }\nb = { c: int }\n',
    message: "x.cddl:1:10: '~b' unwraps a map or array into a group (RFC 8610 §3.7), which is not a type: use it as an entry of a map, array or group",
  },
  { what: '~ of itself', cddl: 'a = [~a]\n', message: "x.cddl:1:6: '~a' unwraps itself" },
  { what: '& of a type', cddl: 'a = &b\nb = int\n', message: "x.cddl:1:6: '&b' needs a group, but 'b' is a type" },
  { what: '& of a group containing itself', cddl: 'a = &g\ng = (x: 1, g)\n', message: "x.cddl:1:6: enumeration '&g' contains itself" },
  {
    what: 'a rule defined only in terms of itself',
    cddl: 'a = b\nb = a\n',
    message: "x.cddl:1:1: 'a' is defined only in terms of itself (a → b → a): matching it never reaches a data item (RFC 8610 Appendix C: a name stands for its definition, and replacing these never ends)",
  },
];

describe('the catalogue of refusals (docs/cddl-support.md)', () => {
  it.each(CATALOGUE)('$what', ({ cddl, message }) => {
    expect(errorOf(() => compile([{ path: 'x.cddl', text: cddl }])).first).toBe(message);
  });
});

/**
 * `~name` (RFC 8610 §3.7): what the type a name stands for unwraps to. The rule builder (build.ts)
 * resolves the name, references followed; these say what its type unwraps to, or why it does not.
 */
import type { Citation } from '../diagnostics.js';
import { printType } from './print.js';
import type { IrGroup, IrType } from './types.js';

/** Reports a schema error at the `~name` being unwrapped (never returns). */
export type Fail = (detail: string, cites: Citation | null) => never;

/** `~name` as a group: the group inside the map or array `type` (what `name` stands for). */
export function groupInside(name: string, type: IrType, fail: Fail): IrGroup {
  if (type.kind !== 'map' && type.kind !== 'array') fail(`'~${name}' needs a map or an array, but '${name}' is '${printType(type)}'`, 'RFC 8610 §3.7');
  return structuredClone(type.group);
}

/**
 * `~name` where a type is expected: the content of the tag `type` is (RFC 8610 §3.7's own example:
 * `field4: ~time` is a number), `follow` giving the type of a reference. A choice of tags unwraps to
 * the choice of their contents. A map or array unwraps to a group, which is not a type.
 */
export function tagContent(name: string, type: IrType, follow: (ref: IrType) => IrType, fail: Fail): IrType {
  const content = (t: IrType): IrType | null => {
    if (t.kind === 'tag') return structuredClone(t.type);
    // The prelude's bignums (RFC 8610 Appendix D: biguint = #6.2(bstr), bignint = #6.3(bstr)).
    if (t.kind === 'prim' && (t.prim === 'biguint' || t.prim === 'bignint' || t.prim === 'bigint')) return { kind: 'prim', prim: 'bstr' };
    if (t.kind === 'ref') return content(follow(t));
    if (t.kind === 'choice' && t.options.length > 0) {
      const options = t.options.map(content);
      if (options.every((o): o is IrType => o !== null)) return { kind: 'choice', options: options.flatMap((o) => (o.kind === 'choice' ? o.options : [o])) };
    }
    return null;
  };
  const unwrapped = content(type);
  if (unwrapped !== null) return unwrapped;
  if (type.kind === 'map' || type.kind === 'array') {
    fail(`'~${name}' unwraps a map or array into a group (RFC 8610 §3.7), which is not a type: use it as an entry of a map, array or group`, null);
  }
  return fail(`'~${name}' needs a tag, a map or an array (RFC 8610 §3.7), but '${name}' is '${printType(type)}'`, null);
}

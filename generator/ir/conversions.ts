/**
 * Conversions of the parts of a rule that need no names resolved: literals,
 * occurrences, `#n.ai` major types, and which names are sockets. The rule
 * builder (build.ts) calls them while it resolves everything else.
 */
import type { Literal, Occurrence } from '../parse/ast.js';
import type { IrLiteral, IrOccurrence, IrType } from './types.js';

/** Exactly once: the occurrence of a member without `?`, `*`, `+` or `n*m`. */
export const ONCE: IrOccurrence = { min: 1, max: 1 };

/**
 * `$x` is a type socket and `$$x` a group socket; so are `ns.$x` and `ns.$$x`,
 * which `;# import … as ns` makes of a module's sockets (generator/modules/).
 */
export function socketKind(name: string): 'type' | 'group' | null {
  const base = name.slice(name.lastIndexOf('.$') + 1);
  if (base.startsWith('$$')) return 'group';
  return base.startsWith('$') ? 'type' : null;
}

export function convertLiteral(literal: Literal): IrLiteral {
  switch (literal.type) {
    case 'int':
      return { type: 'int', value: literal.value };
    case 'float':
      // JSON has no Infinity: a literal beyond every binary64 (`1e999`) keeps its text instead.
      return Number.isFinite(literal.value) ? { type: 'float', value: literal.value } : { type: 'float', value: null, text: literal.raw };
    case 'text':
      return { type: 'text', value: literal.value };
    case 'bytes':
      return { type: 'bytes', hex: literal.hex };
  }
}

export function convertOccurrence(occurrence: Occurrence | null): IrOccurrence {
  if (occurrence === null) return ONCE;
  return { min: Number(occurrence.min), max: occurrence.max === null ? null : Number(occurrence.max) };
}

/** `? (a, b)` spliced with `* …`: occurrences multiply. */
export function multiply(outer: IrOccurrence, inner: IrOccurrence): IrOccurrence {
  return { min: outer.min * inner.min, max: outer.max === null || inner.max === null ? null : outer.max * inner.max };
}

/** `#n` and `#n.ai` forms that mean a prelude type. */
export function convertMajor(major: number, info: string | null): IrType {
  const prim = (p: Extract<IrType, { kind: 'prim' }>['prim']): IrType => ({ kind: 'prim', prim: p });
  if (info === null) {
    if (major === 0) return prim('uint');
    if (major === 1) return prim('nint');
    if (major === 2) return prim('bstr');
    if (major === 3) return prim('tstr');
    if (major === 6) return { kind: 'tag', tag: null, type: prim('any') };
    return { kind: 'major', major, info: null };
  }
  if (major === 6) return { kind: 'tag', tag: info, type: prim('any') };
  if (major === 7) {
    const simple: Record<string, IrType> = {
      '20': { kind: 'literal', value: { type: 'bool', value: false } },
      '21': { kind: 'literal', value: { type: 'bool', value: true } },
      '22': prim('null'),
      '23': prim('undefined'),
      '25': prim('float16'),
      '26': prim('float32'),
      '27': prim('float64'),
    };
    const known = simple[info];
    if (known !== undefined) return known;
  }
  return { kind: 'major', major, info };
}

/**
 * The standard prelude (RFC 8610 Appendix D, with RFC 9165's additions where
 * they are types), as IR. Names a schema does not define resolve here; the
 * primitive ones stay primitives, the others are expanded in place so that no
 * prelude rule is ever emitted into a user's module.
 */
import type { IrPrimitive, IrType } from './types.js';

const prim = (p: IrPrimitive): IrType => ({ kind: 'prim', prim: p });
const tag = (n: number, type: IrType): IrType => ({ kind: 'tag', tag: String(n), type });
const choice = (...options: IrType[]): IrType => ({ kind: 'choice', options });
const bool = (value: boolean): IrType => ({ kind: 'literal', value: { type: 'bool', value } });

// Bignums are integers: RFC 8949 §3.4.3 makes the plain integer their preferred serialisation, so
// `biguint` (#6.2(bstr) in RFC 8610) also matches 1, and a decoder gives one integer value either way.
const biguint = prim('biguint');
const bignint = prim('bignint');
const bigint = prim('bigint');
const integer = choice(prim('int'), bigint);
const number = choice(prim('int'), prim('float'));

/** Exponent and mantissa arrays of `decfrac` and `bigfloat` (RFC 8610 Appendix D). */
function fraction(exponentName: string, base: number): IrType {
  const span = { file: '(prelude)', line: 0, col: 0 };
  return tag(base, {
    kind: 'array',
    group: {
      choices: [
        {
          entries: [
            { kind: 'member', name: exponentName, key: null, type: prim('int'), occurrence: { min: 1, max: 1 }, doc: null, span },
            { kind: 'member', name: 'm', key: null, type: integer, occurrence: { min: 1, max: 1 }, doc: null, span },
          ],
        },
      ],
    },
  });
}

const PRELUDE: ReadonlyMap<string, IrType> = new Map<string, IrType>([
  ['any', prim('any')],
  ['uint', prim('uint')],
  ['nint', prim('nint')],
  ['int', prim('int')],
  ['bstr', prim('bstr')],
  ['bytes', prim('bstr')],
  ['tstr', prim('tstr')],
  ['text', prim('tstr')],
  ['tdate', tag(0, prim('tstr'))],
  ['time', tag(1, number)],
  ['number', number],
  ['biguint', biguint],
  ['bignint', bignint],
  ['bigint', bigint],
  ['integer', integer],
  ['unsigned', choice(prim('uint'), biguint)],
  ['decfrac', fraction('e10', 4)],
  ['bigfloat', fraction('e2', 5)],
  ['eb64url', tag(21, prim('any'))],
  ['eb64legacy', tag(22, prim('any'))],
  ['eb16', tag(23, prim('any'))],
  ['encoded-cbor', tag(24, prim('bstr'))],
  ['uri', tag(32, prim('tstr'))],
  ['b64url', tag(33, prim('tstr'))],
  ['b64legacy', tag(34, prim('tstr'))],
  ['regexp', tag(35, prim('tstr'))],
  ['mime-message', tag(36, prim('tstr'))],
  ['cbor-any', tag(55799, prim('any'))],
  ['float16', prim('float16')],
  ['float32', prim('float32')],
  ['float64', prim('float64')],
  ['float16-32', prim('float16-32')],
  ['float32-64', prim('float32-64')],
  ['float', prim('float')],
  ['false', bool(false)],
  ['true', bool(true)],
  ['bool', prim('bool')],
  ['nil', prim('null')],
  ['null', prim('null')],
  ['undefined', prim('undefined')],
]);

/** The prelude's meaning of `name`, or undefined when the prelude does not define it. */
export function preludeType(name: string): IrType | undefined {
  const type = PRELUDE.get(name);
  // A fresh copy, so that no two places in an IR share one object.
  return type === undefined ? undefined : (copyOf(type, new Map()) as IrType);
}

/**
 * A deep copy of plain data (objects, arrays, primitives), sharing inside it
 * what the original shares, as structuredClone does; structuredClone
 * serialises and took more time than anything else in resolving a name
 * (every `uint` and `tstr` of a schema comes here).
 */
function copyOf(value: unknown, copies: Map<object, unknown>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const done = copies.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    copies.set(value, copy);
    for (const item of value) copy.push(copyOf(item, copies));
    return copy;
  }
  const copy: Record<string, unknown> = {};
  copies.set(value, copy);
  for (const [key, item] of Object.entries(value)) copy[key] = copyOf(item, copies);
  return copy;
}

export function isPreludeName(name: string): boolean {
  return PRELUDE.has(name);
}

/** Every name the prelude defines, in its order: what a misspelt name may have meant, beside the schema's own. */
export function preludeNames(): string[] {
  return [...PRELUDE.keys()];
}

/**
 * The generic parameters (RFC 8610 §3.10) of a rule that several definitions make (`=`, `/=`, `//=`), and the names
 * each of them reads its arguments by. Split from build.ts.
 */

/** One definition of a rule, as far as its parameters go. */
interface Defined {
  genericParams: readonly string[];
}

/** A rule's definitions: the `=` one, if any, and the additions in file order. */
interface Definitions {
  base: Defined | null;
  additions: readonly Defined[];
}

/**
 * A rule's generic parameters: its first definition's, which may be an addition (`$s<T> /= [T]`: a socket is
 * often only ever added to, RFC 8610 §3.9).
 */
export function genericParamsOf(def: Definitions): readonly string[] {
  return (def.base ?? def.additions[0])?.genericParams ?? [];
}

/**
 * The bindings one definition of a rule reads its parameters by: its own names, position by position, where it
 * names as many as the rule's first definition (`g<T> = [T]` and `g<U> /= { x: U }`); else those of the first.
 */
export function envOfBody<B>(rule: Defined, def: Definitions, env: ReadonlyMap<string, B>): ReadonlyMap<string, B> {
  const params = genericParamsOf(def);
  const own = rule.genericParams;
  if (own.length !== params.length || own.every((name, i) => name === params[i])) return env;
  const renamed = new Map(env);
  own.forEach((name, i) => {
    const binding = env.get(params[i] as string);
    if (binding !== undefined) renamed.set(name, binding);
  });
  return renamed;
}

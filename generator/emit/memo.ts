/**
 * Which rules' decoders remember what they read where (CborReader.recall).
 *
 * A decoder tries the alternatives of a choice one after another, rewinding
 * between them, where the bytes cannot tell it which one they are. Two
 * alternatives can read the same rule at the same offset (webdriver-bidi's
 * map and object values both read `script.MappingLocalValue`), and in nested
 * data the repeats multiply: 16 levels took 34 s. Remembering every rule read
 * below a point of backtracking makes each rule read at each offset once, so
 * decoding stays linear in the input. Schemas whose decoders never backtrack
 * (the MIMI modules) get none of this.
 */
import type { IrRule } from '../ir/types.js';
import type { EmitContext } from './context.js';
import { directChildren } from './shape-children.js';
import type { Shape } from '../layout/shapes.js';

/**
 * The rules to remember: those read inside an alternative that may be
 * rewound (`tried`, found by a first pass of the decoder emitter), and every
 * rule those read, transitively.
 */
export function memoisedRules(ctx: EmitContext, tried: ReadonlySet<string>): Set<string> {
  const result = new Set<string>();
  const pending = [...tried];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (result.has(name)) continue;
    result.add(name);
    const shape = ctx.shapes.get(name);
    if (shape !== undefined) for (const rule of rulesWithin(shape)) pending.push(rule.name);
  }
  return result;
}

/** The rules a shape reads directly (not through other rules, nor inside embedded CBOR, which has a reader of its own). */
function rulesWithin(shape: Shape, into: IrRule[] = []): IrRule[] {
  if (shape.kind === 'rule') into.push(shape.rule);
  else for (const child of directChildren(shape)) rulesWithin(child, into);
  return into;
}

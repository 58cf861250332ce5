/**
 * Whether a rule name stands for a type or a group. The grammar reads `a = b` either way (RFC 8610
 * Appendix B: `typename S assignt S type` / `groupname S assigng S grpent`), so the builder decides by
 * what the right side is: a group rule, a name that is one (followed through aliases), `~` of a map
 * or array (the group inside it, §3.7), a `$$` socket or a `//=` extension; a type otherwise.
 * Decided once per name, on demand, while the rules are built (ir/build.ts).
 */
import type { Rule } from '../parse/ast.js';
import { socketKind } from './conversions.js';

/** What the files say about one name, as far as its kind goes. */
export interface KindSource {
  base: Rule | null;
  additions: readonly Rule[];
}

export class RuleKinds {
  private readonly kinds = new Map<string, 'type' | 'group'>();
  private readonly definitions: ReadonlyMap<string, KindSource>;

  /** `definitions` is the builder's own table, read as it is when a kind is first asked for. */
  constructor(definitions: ReadonlyMap<string, KindSource>) {
    this.definitions = definitions;
  }

  /** Type or group, deciding `a = b` by what `b` is. */
  of(name: string, visiting: Set<string> = new Set()): 'type' | 'group' {
    const known = this.kinds.get(name);
    if (known !== undefined) return known;
    let kind: 'type' | 'group' = 'type';
    const def = this.definitions.get(name);
    if (socketKind(name) === 'group') kind = 'group';
    else if (socketKind(name) === 'type') kind = 'type';
    else if (def?.base) {
      const body = def.base.body;
      if (body.kind === 'group') kind = 'group';
      // `a = ~m` of a map or array `m` is the group inside it (RFC 8610 §3.7): the rule is that one-entry group
      // (Appendix B: `groupname S assigng S grpent`), as `advanced-header = [ ~basic-header, … ]` splices it.
      else if (body.type.kind === 'unwrap' && this.namesMapOrArray(body.type.name)) kind = 'group';
      else if (body.type.kind === 'name' && !def.base.genericParams.includes(body.type.name) && !visiting.has(name)) {
        visiting.add(name);
        kind = this.definitions.has(body.type.name) ? this.of(body.type.name, visiting) : 'type';
      }
    } else if (def?.additions[0]?.assign === '//=') kind = 'group';
    this.kinds.set(name, kind);
    return kind;
  }

  /** Whether rule `name` is written as a map or an array (maybe under `.default` or `.feature`), aliases followed (what `~name` then unwraps to a group). */
  private namesMapOrArray(name: string, visiting: Set<string> = new Set()): boolean {
    const def = this.definitions.get(name);
    if (def?.base == null || def.additions.length > 0 || visiting.has(name)) return false;
    const body = def.base.body;
    if (body.kind !== 'type') return false;
    let type = body.type;
    // Through `.default` and `.feature`, whose values are their target's (build.ts `unwrapped`).
    while (type.kind === 'control' && (type.op === 'default' || type.op === 'feature')) type = type.target;
    if (type.kind === 'map' || type.kind === 'array') return true;
    visiting.add(name);
    return type.kind === 'name' && !def.base.genericParams.includes(type.name) && this.namesMapOrArray(type.name, visiting);
  }
}

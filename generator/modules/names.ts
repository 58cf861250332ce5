/**
 * The names a rule refers to, and the same rule with names replaced: the two
 * operations the module stage needs on the AST. Generic parameters are not
 * references (`pair<K, V> = [K, V]` uses neither `K` nor `V` from outside).
 */
import type { Group, GroupEntry, MemberKey, Rule, Type } from '../parse/ast.js';

/** Every rule or socket name `rule` refers to (prelude names included; the caller decides about them), in first-use order. */
export function referencedNames(rule: Rule): string[] {
  const seen = new Set<string>();
  renameRule(rule, (name) => {
    seen.add(name);
    return name;
  });
  return [...seen];
}

/**
 * A copy of `rule` named `rename(rule.name)`, with every reference `n` replaced
 * by `rename(n)`; spans are kept, so errors still point into the file the rule
 * was written in. Returns `rule` itself when no name changes.
 */
export function renameRule(rule: Rule, rename: (name: string) => string): Rule {
  const params = new Set(rule.genericParams);
  const ref = (name: string): string => (params.has(name) ? name : rename(name));
  let changed = false;
  const named = (name: string): string => {
    const next = ref(name);
    if (next !== name) changed = true;
    return next;
  };
  const type = (t: Type): Type => {
    switch (t.kind) {
      case 'name':
        return { ...t, name: named(t.name), genericArgs: t.genericArgs.map(type) };
      case 'unwrap':
        return { ...t, name: named(t.name), genericArgs: t.genericArgs.map(type) };
      case 'enum':
        return {
          ...t,
          source: t.source.kind === 'group' ? { kind: 'group', group: group(t.source.group) } : { ...t.source, name: named(t.source.name), genericArgs: t.source.genericArgs.map(type) },
        };
      case 'choice':
        return { ...t, options: t.options.map(type) };
      case 'range':
        return { ...t, min: type(t.min), max: type(t.max) };
      case 'control':
        return { ...t, target: type(t.target), controller: type(t.controller) };
      case 'map':
      case 'array':
        return { ...t, group: group(t.group) };
      case 'tag':
        return { ...t, tag: t.tag?.kind === 'type' ? { kind: 'type', type: type(t.tag.type) } : t.tag, type: type(t.type) };
      case 'major':
        return { ...t, info: t.info?.kind === 'type' ? { kind: 'type', type: type(t.info.type) } : t.info };
      case 'labeled':
        return { ...t, type: type(t.type) };
      case 'literal':
      case 'any':
        return t;
    }
  };
  const group = (g: Group): Group => ({ ...g, choices: g.choices.map((c) => ({ ...c, entries: c.entries.map(entry) })) });
  const entry = (e: GroupEntry): GroupEntry => (e.kind === 'group' ? { ...e, group: group(e.group) } : { ...e, key: e.key === null ? null : key(e.key), type: type(e.type) });
  const key = (k: MemberKey): MemberKey => (k.kind === 'type' ? { ...k, type: type(k.type) } : k);
  const name = rename(rule.name);
  if (name !== rule.name) changed = true;
  const body: Rule['body'] = rule.body.kind === 'type' ? { kind: 'type', type: type(rule.body.type) } : { kind: 'group', entry: entry(rule.body.entry) };
  return changed ? { ...rule, name, body } : rule;
}

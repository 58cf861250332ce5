/**
 * Gives every inline array or map that is an option of a type choice a rule of
 * its own (`one-or-more<T> = T / [2* T]`: the `[2* T]`), so that decoders,
 * encoders and guards can refer to its functions by name when they choose
 * between the options; and likewise the inline type a byte string embeds
 * (`bstr .cbor [* int]`), whose functions check the embedded bytes; an inline
 * array or map in a group that splices itself in through it, where expanding
 * the group must stop at a reference; and the inline map or array of a member
 * the emitters would write more than once (shared-members.ts), which is then
 * written once. The new rule records where it came from; naming.ts names it
 * after its parent (`OneOrMoreOfTOption2`, `AEmbedded1`, `GNested1`).
 */
import { printType } from './print.js';
import { SharedMembers } from './shared-members.js';
import type { HoistedPlace, IrEntry, IrGroup, IrRule, IrType } from './types.js';

export function hoistChoiceOptions(rules: readonly IrRule[]): IrRule[] {
  const taken = new Set(rules.map((r) => r.name));
  const recursive = groupsInlineRecursive(rules);
  const shared = new SharedMembers(rules);
  const written = new Map<string, string>();
  const out: IrRule[] = [];
  for (const rule of rules) {
    const hoister = new RuleHoister(rule, taken, recursive.has(rule.name), shared, written);
    const converted: IrRule = { ...rule };
    if (rule.type !== undefined) converted.type = hoister.visitType(rule.type);
    if (rule.group !== undefined) converted.group = hoister.visitGroup(rule.group);
    out.push(converted, ...hoister.hoisted);
  }
  // Types written before the rule given to one written the same way (RFC 8927's root-schema, walked before the rules
  // whose `{ schema }` gets one) refer to it too, once every rule is walked.
  return written.size === 0 ? out : out.map((rule) => referToWritten(rule, written));
}

/**
 * `rule` with each inline array or map of a member (not the rule's own type) that is written as one given a rule of
 * its own (`written`, by its CDDL) made a reference to that rule: its code is then written once.
 */
function referToWritten(rule: IrRule, written: ReadonlyMap<string, string>): IrRule {
  const inType = (type: IrType): IrType => {
    if (type.kind === 'choice') return { ...type, options: type.options.map(inType) };
    if (type.kind === 'tag') return { ...type, type: inType(type.type) };
    if (type.kind !== 'array' && type.kind !== 'map') return type;
    return { ...type, group: inGroup(type.group) };
  };
  const member = (type: IrType): IrType => {
    const same = type.kind === 'array' || type.kind === 'map' ? written.get(printType(type)) : undefined;
    return same !== undefined && same !== rule.name ? { kind: 'ref', rule: same } : inType(type);
  };
  const inGroup = (group: IrGroup): IrGroup => ({
    choices: group.choices.map((c) => ({
      entries: c.entries.map((entry): IrEntry => {
        if (entry.kind === 'group') return entry.group === null ? entry : { ...entry, group: inGroup(entry.group) };
        return { ...entry, key: entry.key?.kind === 'type' ? { ...entry.key, type: member(entry.key.type) } : entry.key, type: member(entry.type) };
      }),
    })),
  });
  return { ...rule, ...(rule.type !== undefined ? { type: inType(rule.type) } : {}), ...(rule.group !== undefined ? { group: inGroup(rule.group) } : {}) };
}

/**
 * The walk of one rule that hoists its inline options and embedded types
 * (methods of a class, not closures made for each rule: under a loader that
 * keeps function names, such as tsx, each closure is also named at runtime).
 */
class RuleHoister {
  /** The rules made for this rule's inline types, in the order met. */
  readonly hoisted: IrRule[] = [];
  private counter = 0;
  private embedded = 0;
  private nested = 0;
  private readonly rule: IrRule;
  private readonly taken: Set<string>;
  /** Whether the rule is a group that splices itself in through inline arrays or maps (see {@link nest}). */
  private readonly recursive: boolean;
  /** The span of the innermost member being walked: a hoisted type points there, not at its rule's first line. */
  private entrySpan: IrRule['span'] | null = null;

  private readonly shared: SharedMembers;
  /** The first rule given to each nested type, by the type as written (`{schema}`), for every rule of the schema. */
  private readonly written: Map<string, string>;

  constructor(rule: IrRule, taken: Set<string>, recursive: boolean, shared: SharedMembers, written: Map<string, string>) {
    this.rule = rule;
    this.taken = taken;
    this.recursive = recursive;
    this.shared = shared;
    this.written = written;
  }

  /** `type` (as visited) given a rule named after `base`; `written` is the type as the schema wrote it, for messages. */
  private hoist(type: IrType, written: IrType, from: HoistedPlace, base: string): IrType {
    let name = base;
    while (this.taken.has(name)) name = `${name}_`;
    this.taken.add(name);
    this.hoisted.push({ name, tsName: '', kind: 'type', socket: false, type, doc: null, span: this.entrySpan ?? this.rule.span, hoistedFrom: { ...from, cddl: printType(written) } });
    return { kind: 'ref', rule: name };
  }

  visitType(type: IrType): IrType {
    const rule = this.rule;
    switch (type.kind) {
      case 'choice':
        return {
          ...type,
          options: type.options.map((option) => {
            const inner = this.visitType(option);
            // Inside tags too (`set<a> = #6.258([* a]) / [* a]`, Cardano's; `#6.121([* a]) / #6.122([* a])`): the
            // array or map gets the rule, and the option stays its tags around a reference to it.
            // A choice inside tags likewise (`#6.1(int / [int])`), which has no test of its own either.
            // A tag whose number is not fixed (`#6.<safe_tag>(safe_value)`, SD-CWT's) gets the rule as a whole, tags
            // around it included: its value is then `{ tag, value }` with the number checked, like a named one's.
            const inTags = (t: IrType, written: IrType, tagged = false): IrType => {
              if (t.kind === 'tag' && written.kind === 'tag' && typeof t.tag !== 'string') {
                this.counter++;
                return this.hoist(t, written, { rule: rule.name, option: this.counter }, `${rule.name}.option${this.counter}`);
              }
              if (t.kind === 'tag' && written.kind === 'tag') return { ...t, type: inTags(t.type, written.type, true) };
              if (t.kind !== 'array' && t.kind !== 'map' && !(tagged && t.kind === 'choice')) return t;
              this.counter++;
              return this.hoist(t, written, { rule: rule.name, option: this.counter }, `${rule.name}.option${this.counter}`);
            };
            return inTags(inner, option);
          }),
        };
      case 'array':
      case 'map':
        return { ...type, group: this.visitGroup(type.group) };
      case 'tag':
        return { ...type, type: this.visitType(type.type) };
      case 'control': {
        const controller = this.visitType(type.controller);
        // `.json` (RFC 9741) too: its controller's decoder reads the JSON value, converted to CBOR.
        const embeds = (type.op === 'cbor' || type.op === 'cborseq' || type.op === 'json') && controller.kind !== 'ref';
        if (embeds) this.embedded++;
        return { ...type, target: this.visitType(type.target), controller: embeds ? this.hoist(controller, type.controller, { rule: rule.name, embedded: this.embedded }, `${rule.name}.embedded${this.embedded}`) : controller };
      }
      case 'enum':
        return { ...type, values: type.values.map((v) => ({ ...v, type: this.visitType(v.type) })) };
      default:
        return type;
    }
  }

  // In a group that splices itself in through an inline array or map (`g = ( ? e: { g } )`, RFC 8927), each such
  // array or map gets a rule, so that expanding the group stops at a reference: inline, it would expand forever.
  // And a member's inline map or array that the emitters would write more than once (shared-members.ts: a member beside
  // a group choice, or of a group rule spliced into several places) gets one, so that it is written once.
  // A type written the same way as one given a rule before (RFC 8927's `{ schema }`, in six rules) is that rule, by
  // reference: its code is written once (where hoisting it gave rules to types inside it too, it keeps its own).
  private nest(type: IrType, shared = false): IrType {
    const before = this.hoisted.length;
    const inner = this.visitType(type);
    if (inner.kind !== 'array' && inner.kind !== 'map') return inner;
    if (!this.recursive && !(shared && worthSharing(inner))) return inner;
    this.nested++;
    const from: HoistedPlace = this.recursive ? { rule: this.rule.name, nested: this.nested } : { rule: this.rule.name, nested: this.nested, shared: true };
    const cddl = printType(type);
    const same = this.hoisted.length === before ? this.written.get(cddl) : undefined;
    const hoisted = this.hoist(same === undefined ? inner : { kind: 'ref', rule: same }, type, from, `${this.rule.name}.nested${this.nested}`);
    if (same === undefined && hoisted.kind === 'ref') this.written.set(cddl, hoisted.rule);
    return hoisted;
  }

  private visitEntry(entry: IrEntry, shared: boolean): IrEntry {
    const outer = this.entrySpan;
    this.entrySpan = entry.span;
    try {
      if (entry.kind === 'group') return entry.group === null ? entry : { ...entry, group: this.visitGroup(entry.group, shared) };
      const key = entry.key?.kind === 'type' ? { ...entry.key, type: this.nest(entry.key.type) } : entry.key;
      return { ...entry, key, type: this.nest(entry.type, shared) };
    } finally {
      this.entrySpan = outer;
    }
  }

  /** `beside`: the group's entries are written more than once anyway (an inline group beside a group of several alternatives). */
  visitGroup(group: IrGroup, beside = false): IrGroup {
    const everywhere = beside || (group === this.rule.group && this.shared.multipliedRule(this.rule.name));
    return { choices: group.choices.map((c) => ({ entries: c.entries.map((entry) => this.visitEntry(entry, everywhere || this.shared.besideSeveral(entry, c.entries))) })) };
  }
}

/**
 * Whether an inline array or map is worth a rule of its own where it would be written more than once: not a plain
 * list or dictionary (`[+ label]`, `{ * tstr => any }`: one member of a prelude type or a rule, keyed so), whose code
 * is short and whose type, `Label[]` or `Map<string, CborAny>`, says more than a made-up name would.
 */
function worthSharing(type: Extract<IrType, { kind: 'array' | 'map' }>): boolean {
  const entries = type.group.choices.length === 1 ? (type.group.choices[0]?.entries ?? []) : null;
  const only = entries !== null && entries.length === 1 ? entries[0] : undefined;
  if (only?.kind !== 'member') return true;
  const plain = (t: IrType) => t.kind === 'prim' || t.kind === 'ref';
  return !(plain(only.type) && (only.key === null || only.key.kind !== 'type' || plain(only.key.type)));
}

/**
 * The group rules that reach themselves by splicing groups in, through inline arrays, maps and tags
 * but not through a reference to a type rule (where expansion stops).
 */
function groupsInlineRecursive(rules: readonly IrRule[]): Set<string> {
  const groups = new Map(rules.filter((r) => r.kind === 'group' && r.group !== undefined).map((r) => [r.name, r.group as IrGroup]));
  const spliced = new Map<string, Set<string>>();
  for (const [name, group] of groups) {
    const found = new Set<string>();
    const inType = (type: IrType): void => {
      if (type.kind === 'array' || type.kind === 'map') inGroup(type.group);
      else if (type.kind === 'choice') type.options.forEach(inType);
      else if (type.kind === 'tag') inType(type.type);
      else if (type.kind === 'control') [type.target, type.controller].forEach(inType);
      else if (type.kind === 'enum') type.values.forEach((v) => inType(v.type));
    };
    const inGroup = (g: IrGroup): void => {
      for (const entry of g.choices.flatMap((c) => c.entries)) {
        if (entry.kind === 'group') {
          if (entry.ref !== null) found.add(entry.ref);
          if (entry.group !== null) inGroup(entry.group);
        } else {
          if (entry.key?.kind === 'type') inType(entry.key.type);
          inType(entry.type);
        }
      }
    };
    inGroup(group);
    spliced.set(name, found);
  }
  const recursive = new Set<string>();
  for (const start of groups.keys()) {
    const seen = new Set<string>();
    const queue = [...(spliced.get(start) ?? [])];
    while (queue.length > 0) {
      const next = queue.pop() as string;
      if (next === start) {
        recursive.add(start);
        break;
      }
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(spliced.get(next) ?? []));
    }
  }
  return recursive;
}

/** The type as the schema wrote it, with hoisted options put back in place (for messages: `int / [int]`, not `int / a.option1`). */
export function unhoisted(type: IrType, rules: ReadonlyMap<string, IrRule>): IrType {
  const back = (t: IrType): IrType => unhoisted(t, rules);
  switch (type.kind) {
    case 'ref': {
      const rule = rules.get(type.rule);
      return rule?.hoistedFrom !== undefined && rule.type !== undefined ? back(rule.type) : type;
    }
    case 'choice':
      return { ...type, options: type.options.map(back) };
    case 'tag':
      return { ...type, type: back(type.type) };
    case 'control':
      return { ...type, target: back(type.target), controller: back(type.controller) };
    default:
      return type;
  }
}

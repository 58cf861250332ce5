/**
 * What changed between two revisions of a schema, and whether it breaks.
 *
 * `diffSchemas(old, new)` compares two IRs. It walks from the roots of both
 * revisions in parallel, so that every change is named by a path a reader can
 * find (`PerMessageStatus.status`, `MessageStatusReport[1]`), then compares
 * the rules present in both revisions that the walk did not reach, then lists
 * the rules removed and added.
 *
 * ## What "breaking" means
 *
 * A deployment never upgrades all at once: for a while, decoders generated
 * from the OLD schema receive messages encoded by NEW peers, and decoders
 * generated from the NEW schema receive messages from OLD peers. The
 * generated decoders are strict (CDDL maps and arrays are closed: an unknown
 * key or an extra array member is an error). So a change is
 *
 * - **breaking** when some message valid under one revision is rejected (or
 *   read differently) by decoders of the other, in either direction. Every
 *   message says which side rejects what: "old decoders reject …" (the new
 *   schema widened: new senders can send what old receivers refuse) or "new
 *   decoders reject …" (the new schema narrowed: old senders can send what new
 *   receivers refuse);
 * - **compatible** when both revisions accept exactly the same messages and
 *   read them the same way: a rule added, an unreachable rule removed, a
 *   value or member renamed (names are not on the wire: only the generated
 *   TypeScript names change), a root renamed, and an enumeration value added
 *   where the old schema already accepted that value (MIMI's
 *   `unknown: 7..255`: old decoders decode the new `starred: 8` as an
 *   unknown status, which the draft asks them to tolerate).
 *
 * Hence, in detail:
 *
 * - rule added: compatible. Rule removed: breaking when it was reachable from
 *   the old root (the places that used it are reported too), compatible
 *   otherwise. Rule renamed (the old rule gone, a new one used in its place
 *   that encodes the same there): compatible, only the generated TypeScript
 *   name changes.
 * - enumeration value added: compatible when old decoders already accepted
 *   the value (a range such as `unknown: 7..255`, or a plain `uint`), breaking
 *   otherwise (old decoders reject it). Removed: breaking, even when a range
 *   still accepts the value, since its meaning is lost (the message says
 *   so). Renumbered (same name, other value): breaking; a named range changed:
 *   breaking when either side rejects some values. Renamed (same value, other
 *   name): compatible.
 * - a value set narrowed (`bstr .size 32` → `bstr .size 16`): breaking, new
 *   decoders reject old values; widened (`uint .size 4` → `uint .size 8`):
 *   breaking, old decoders reject new values (new decoders accept all old
 *   ones); changed both ways, or to a disjoint type: breaking.
 * - array and map members: added, removed, moved or inserted: breaking (an
 *   optional member at the end of an array, or an optional map member, still
 *   breaks old decoders, which reject the extra member or key, unless an old
 *   wildcard such as `* tstr => any` accepts it); inserting or removing a
 *   positional member before others shifts them: breaking. Made optional:
 *   breaking (old decoders reject messages without it); made required:
 *   breaking (new decoders reject old messages without it). Renamed: compatible.
 * - the shape changed (array ↔ list ↔ map ↔ scalar, as for the draft's root
 *   going from `[ timestamp, [ * status ] ]` to `[ * status ]`): breaking.
 */
import { printType } from '../ir/print.js';
import type { IrRule, IrSchema, IrSpan, IrType } from '../ir/types.js';
import type { ShapeContext } from '../layout/shapes.js';
import type { ChangeKind, Loc, SchemaChange, Severity } from './changes.js';
import { GroupComparison } from './groups.js';
import { memberOfType, options, reachableRules, resolve } from './ir-helpers.js';
import { describeExcess, isSubset, kindsOf, overlaps, sameSet, scalarValues, unionAll, type ScalarValue, type ValueSet } from './values.js';

export type { ChangeKind, SchemaChange, Severity } from './changes.js';

/** Compares two revisions of a schema; pure. Changes come in walk order, then removed and added rules. */
export function diffSchemas(oldIr: IrSchema, newIr: IrSchema): SchemaChange[] {
  return new Differ(oldIr, newIr).run();
}

class Differ extends GroupComparison {
  private readonly changes: SchemaChange[] = [];
  private readonly queue: string[] = [];
  /** Rules whose bodies are compared (or queued to be). */
  private readonly scheduled = new Set<string>();
  /** Pairs of types being compared through references, against cycles. */
  private readonly resolving = new Set<string>();
  /** Old-only rule → new-only rule found in its place at a use (a renamed rule, another generic instance). */
  private readonly counterparts = new Map<string, string>();

  constructor(
    private readonly oldIr: IrSchema,
    private readonly newIr: IrSchema,
  ) {
    super(oldIr, newIr);
  }

  run(): SchemaChange[] {
    const oldRoot = this.oldIr.root;
    const newRoot = this.newIr.root;
    let renamedRoot: string | null = null;
    if (oldRoot !== null && newRoot !== null) {
      if (oldRoot === newRoot) this.schedule(oldRoot);
      else {
        const o = this.oldCtx.rules.get(oldRoot) as IrRule;
        const n = this.newCtx.rules.get(newRoot) as IrRule;
        const renamed = !this.newCtx.rules.has(oldRoot);
        if (renamed) renamedRoot = oldRoot;
        this.add('root-changed', 'compatible', { rule: newRoot, path: newRoot, old: o.span, new: n.span, top: true },
          renamed ? `root rule renamed '${oldRoot}' → '${newRoot}'; the encoding is unchanged unless reported below` : `root changed from '${oldRoot}' to '${newRoot}'`);
        this.scheduled.add(newRoot);
        this.compareRules(o, n, { rule: newRoot, path: newRoot, old: o.span, new: n.span, top: true });
      }
    }
    this.drain();
    for (const rule of this.newIr.rules) {
      if (!this.oldCtx.rules.has(rule.name) || this.scheduled.has(rule.name) || this.covered.has(rule.name)) continue;
      this.schedule(rule.name);
      this.drain();
    }
    const reachable = reachableRules(this.oldIr);
    const replaced = new Set<string>();
    for (const rule of this.oldIr.rules) {
      // A hoisted choice option belongs to its parent, which is compared in its place.
      if (rule.hoistedFrom !== undefined) continue;
      if (this.newCtx.rules.has(rule.name) || rule.name === renamedRoot) continue;
      const counterpart = this.counterparts.get(rule.name);
      const other = counterpart === undefined || replaced.has(counterpart) ? undefined : this.newCtx.rules.get(counterpart);
      if (other !== undefined) {
        replaced.add(other.name);
        this.changes.push({
          kind: 'rule-renamed',
          severity: 'compatible',
          rule: other.name,
          path: other.name,
          message: `rule renamed '${rule.name}' → '${other.name}'; the places that use it encode the same`,
          old: rule.span,
          new: other.span,
        });
        continue;
      }
      const used = reachable.has(rule.name);
      this.changes.push({
        kind: 'rule-removed',
        severity: used ? 'breaking' : 'compatible',
        rule: rule.name,
        path: rule.name,
        message: `rule '${rule.name}' removed; it was ${used ? '' : 'not '}reachable from the root ${this.oldIr.root ?? ''}`.trimEnd(),
        old: rule.span,
      });
    }
    for (const rule of this.newIr.rules) {
      if (rule.hoistedFrom !== undefined) continue;
      if (this.oldCtx.rules.has(rule.name) || replaced.has(rule.name) || (renamedRoot !== null && rule.name === newRoot)) continue;
      this.changes.push({ kind: 'rule-added', severity: 'compatible', rule: rule.name, path: rule.name, message: `rule '${rule.name}' added`, new: rule.span });
    }
    return this.changes;
  }

  protected override add(kind: ChangeKind, severity: Severity, loc: Loc, message: string, spans: { old?: IrSpan | null; new?: IrSpan | null } = {}): void {
    const change: SchemaChange = { kind, severity, rule: loc.rule, path: loc.path, message };
    const oldSpan = spans.old === undefined ? loc.old : spans.old;
    const newSpan = spans.new === undefined ? loc.new : spans.new;
    if (oldSpan !== null) change.old = oldSpan;
    if (newSpan !== null) change.new = newSpan;
    this.changes.push(change);
  }

  private schedule(name: string): void {
    if (this.scheduled.has(name)) return;
    this.scheduled.add(name);
    this.queue.push(name);
  }

  private drain(): void {
    for (let name = this.queue.shift(); name !== undefined; name = this.queue.shift()) {
      const o = this.oldCtx.rules.get(name);
      const n = this.newCtx.rules.get(name);
      if (o === undefined || n === undefined) continue;
      const top = name === this.oldIr.root && name === this.newIr.root;
      this.compareRules(o, n, { rule: name, path: name, old: o.span, new: n.span, top });
    }
  }

  private compareRules(o: IrRule, n: IrRule, loc: Loc): void {
    if (o.type !== undefined && n.type !== undefined) this.compareType(o.type, n.type, loc);
    else if (o.group !== undefined && n.group !== undefined) this.compareGroups(o.group, n.group, loc, 'group');
    else this.add('shape-changed', 'breaking', loc, `rule '${n.name}' changed from a ${o.kind} to a ${n.kind}`);
  }

  // ---- types ---------------------------------------------------------------------

  protected override compareType(o: IrType, n: IrType, loc: Loc): void {
    const before = this.changes.length;
    this.compareTypeBody(o, n, loc);
    // An old-only rule used where a new-only rule is now, with nothing different on the wire: a renamed rule.
    if (o.kind === 'ref' && n.kind === 'ref' && this.changes.length === before && !this.newCtx.rules.has(o.rule) && !this.oldCtx.rules.has(n.rule) && !this.counterparts.has(o.rule)) {
      this.counterparts.set(o.rule, n.rule);
    }
  }

  private compareTypeBody(o: IrType, n: IrType, loc: Loc): void {
    if (o.kind === 'ref' && n.kind === 'ref' && o.rule === n.rule) {
      const ro = this.oldCtx.rules.get(o.rule);
      const rn = this.newCtx.rules.get(n.rule);
      if (ro?.type !== undefined && rn?.type !== undefined) {
        const looked = new Set<string>();
        const scalar = scalarValues(o, this.oldCtx, looked) !== null && scalarValues(n, this.newCtx, looked) !== null;
        if (!scalar) {
          this.schedule(o.rule);
          return;
        }
        // A scalar rule is compared where it is first used, so that the path says where it matters.
        if (this.scheduled.has(o.rule)) return;
        this.scheduled.add(o.rule);
        this.compareScalars(o, n, { ...loc, old: ro.span, new: rn.span });
        return;
      }
    }
    if (this.compareScalars(o, n, loc)) return;
    if (o.kind === 'ref' || n.kind === 'ref') {
      const key = `${printType(o)}\u0000${printType(n)}`;
      const ro = resolve(o, this.oldCtx);
      const rn = resolve(n, this.newCtx);
      if (this.resolving.has(key) || (ro.kind === 'ref' && rn.kind === 'ref')) return;
      if (ro.kind === 'ref' || rn.kind === 'ref') {
        this.shapeChanged(o, n, loc);
        return;
      }
      this.resolving.add(key);
      this.compareType(ro, rn, loc);
      this.resolving.delete(key);
      return;
    }
    const oScalar = scalarValues(o, this.oldCtx, new Set()) !== null;
    const nScalar = scalarValues(n, this.newCtx, new Set()) !== null;
    if (oScalar !== nScalar) {
      this.shapeChanged(o, n, loc);
      return;
    }
    if (o.kind === 'choice' || n.kind === 'choice' || o.kind === 'enum' || n.kind === 'enum') {
      this.compareChoices(o, n, loc);
      return;
    }
    if (o.kind === 'array' && n.kind === 'array') this.compareArrays(o, n, loc);
    else if (o.kind === 'map' && n.kind === 'map') this.compareGroups(o.group, n.group, loc, 'map');
    else if (o.kind === 'tag' && n.kind === 'tag') {
      const ot = printType({ ...o, type: { kind: 'prim', prim: 'any' } });
      const nt = printType({ ...n, type: { kind: 'prim', prim: 'any' } });
      if (ot !== nt) this.add('tag-changed', 'breaking', loc, `tag changed from ${ot.replace('(any)', '')} to ${nt.replace('(any)', '')}; decoders of each revision reject the other's tag`);
      else this.compareType(o.type, n.type, loc);
    } else if (o.kind === 'control' && n.kind === 'control' && o.op === n.op) {
      this.compareType(o.target, n.target, loc);
      this.compareType(o.controller, n.controller, loc);
    } else if (o.kind === 'major' && n.kind === 'major' && printType(o) === printType(n)) {
      // Unchanged.
    } else this.shapeChanged(o, n, loc);
  }

  protected override shapeChanged(o: IrType, n: IrType, loc: Loc): void {
    const ro = resolve(o, this.oldCtx);
    const rn = resolve(n, this.newCtx);
    let hint = '';
    const oldMember = ro.kind === 'array' || ro.kind === 'map' ? memberOfType(ro.group, printType(n)) : null;
    const newMember = rn.kind === 'array' || rn.kind === 'map' ? memberOfType(rn.group, printType(o)) : null;
    if (oldMember !== null) hint = `, the shape the old member '${oldMember}' had`;
    else if (newMember !== null) hint = `, whose member '${newMember}' has the old shape`;
    this.add('shape-changed', 'breaking', loc, `${loc.top ? 'top-level shape' : 'shape'} changed from ${this.describe(o, this.oldCtx)} to ${this.describe(n, this.newCtx)}${hint}`);
  }

  /** "a 2-member array [a: uint, b: tstr]", "a list [* Status]", "a map {…}", "uint". */
  private describe(type: IrType, ctx: ShapeContext): string {
    const resolved = resolve(type, ctx);
    const text = printType(type);
    const shown = type.kind === 'ref' && resolved !== type ? `${text} = ${printType(resolved)}` : text;
    if (resolved.kind === 'array') {
      const layout = this.arrayLayout(resolved.group, ctx, false);
      if (layout.kind === 'list') return `a list ${shown}`;
      if (layout.kind === 'positional') return `a ${layout.members.length}-member array ${shown}`;
      return `an array ${shown}`;
    }
    if (resolved.kind === 'map') return `a map ${shown}`;
    if (resolved.kind === 'tag') return `a tagged value ${shown}`;
    if (resolved.kind === 'choice' || resolved.kind === 'enum') return `a choice ${shown}`;
    return shown;
  }

  // ---- scalars -------------------------------------------------------------------

  /** Compares two scalar types as value sets; false (reporting nothing) when either is not a scalar. */
  private compareScalars(o: IrType, n: IrType, loc: Loc): boolean {
    const looked = new Set<string>();
    const ov = scalarValues(o, this.oldCtx, looked);
    const nv = scalarValues(n, this.newCtx, looked);
    if (ov === null || nv === null) return false;
    for (const name of looked) this.covered.add(name);
    const sOld = unionAll(ov.map((v) => v.set));
    const sNew = unionAll(nv.map((v) => v.set));
    this.compareEnumValues(ov, nv, sOld, sNew, loc);
    // What is left: the values without names (`uint`, `bstr .size 32`, a range without a name).
    const uOld = unionAll(ov.filter((v) => v.name === null).map((v) => v.set));
    const uNew = unionAll(nv.filter((v) => v.name === null).map((v) => v.set));
    if (sameSet(uOld, uNew)) return true;
    const lost = !isSubset(uOld, sNew);
    const gained = !isSubset(uNew, sOld);
    const from = this.printScalar(o, this.oldCtx);
    const to = this.printScalar(n, this.newCtx);
    const lostText = describeExcess(uOld, sNew);
    const gainedText = describeExcess(uNew, sOld);
    if (lost && gained) {
      const oldKinds = kindsOf(sOld);
      const sameKind = [...kindsOf(sNew)].some((k) => oldKinds.has(k));
      if (!sameKind) this.add('type-changed', 'breaking', loc, `type changed from ${from} to ${to}; no value is valid in both`);
      else if (!overlaps(sOld, sNew)) this.add('value-set-changed', 'breaking', loc, `value set changed from ${from} to ${to}; no value is valid in both`);
      else {
        this.add('value-set-changed', 'breaking', loc,
          `value set changed from ${from} to ${to}; old decoders reject some new values${gainedText === null ? '' : ` (${gainedText})`}, new decoders reject some old values${lostText === null ? '' : ` (${lostText})`}`);
      }
    } else if (lost) {
      this.add('value-set-narrowed', 'breaking', loc, `value set narrowed from ${from} to ${to}; new decoders reject old values${lostText === null ? '' : ` (${lostText})`}`);
    } else if (gained) {
      this.add('value-set-widened', 'breaking', loc,
        `value set widened from ${from} to ${to}; old decoders reject the new values${gainedText === null ? '' : ` (${gainedText})`}, new decoders accept all old ones`);
    }
    return true;
  }

  private printScalar(type: IrType, ctx: ShapeContext): string {
    if (type.kind !== 'ref') return printType(type);
    const target = ctx.rules.get(type.rule)?.type;
    return target === undefined ? type.rule : printType(target);
  }

  private compareEnumValues(ov: ScalarValue[], nv: ScalarValue[], sOld: ValueSet, sNew: ValueSet, loc: Loc): void {
    const named = (values: ScalarValue[]) => {
      const map = new Map<string, ScalarValue>();
      for (const v of values) if (v.name !== null && !map.has(v.name)) map.set(v.name, v);
      return map;
    };
    const oldNamed = named(ov);
    const newNamed = named(nv);
    const spans = (o: ScalarValue | null, n: ScalarValue | null) => ({ old: o === null ? null : (o.span ?? loc.old), new: n === null ? null : (n.span ?? loc.new) });
    const holder = (set: ValueSet, values: ScalarValue[]) => {
      const h = values.find((v) => v.name !== null && isSubset(set, v.set));
      return h === undefined ? '' : ` as '${h.name}' (${printType(h.type)})`;
    };
    for (const [name, o] of oldNamed) {
      const n = newNamed.get(name);
      if (n === undefined || sameSet(o.set, n.set)) continue;
      if (o.type.kind === 'literal' && n.type.kind === 'literal') {
        this.add('enum-value-renumbered', 'breaking', loc, `enumeration value '${name}' renumbered ${printType(o.type)} → ${printType(n.type)}`, spans(o, n));
        continue;
      }
      const lostText = isSubset(o.set, sNew) ? null : (describeExcess(o.set, sNew) ?? 'some old values');
      const gainedText = isSubset(n.set, sOld) ? null : (describeExcess(n.set, sOld) ?? 'some new values');
      const effects = [gainedText === null ? null : `old decoders reject ${gainedText}`, lostText === null ? null : `new decoders reject ${lostText}`].filter((e) => e !== null);
      this.add('enum-value-changed', effects.length > 0 ? 'breaking' : 'compatible', loc,
        `enumeration value '${name}' changed ${printType(o.type)} → ${printType(n.type)}; ${effects.length > 0 ? effects.join(', ') : 'both revisions accept the same values'}`, spans(o, n));
    }
    const onlyNew = [...newNamed.values()].filter((v) => !oldNamed.has(v.name as string));
    const onlyOld = [...oldNamed.values()].filter((v) => !newNamed.has(v.name as string));
    const paired = new Set<ScalarValue>();
    const removed: ScalarValue[] = [];
    for (const o of onlyOld) {
      const n = onlyNew.find((c) => !paired.has(c) && sameSet(o.set, c.set));
      if (n === undefined) {
        removed.push(o);
        continue;
      }
      paired.add(n);
      this.add('enum-value-renamed', 'compatible', loc, `enumeration value ${printType(o.type)} renamed '${o.name}' → '${n.name}'; the encoding is unchanged`, spans(o, n));
    }
    for (const n of onlyNew) {
      if (paired.has(n)) continue;
      const value = printType(n.type);
      if (isSubset(n.set, sOld)) {
        this.add('enum-value-added', 'compatible', loc, `enumeration value '${n.name}' (${value}) added; old decoders already accept ${value}${holder(n.set, ov)}`, spans(null, n));
      } else {
        this.add('enum-value-added', 'breaking', loc, `enumeration value '${n.name}' (${value}) added; old decoders reject ${describeExcess(n.set, sOld) ?? value}`, spans(null, n));
      }
    }
    for (const o of removed) {
      const value = printType(o.type);
      const message = isSubset(o.set, sNew)
        ? `enumeration value '${o.name}' (${value}) removed; new decoders still accept ${value}${holder(o.set, nv)}, but no longer by that name`
        : `enumeration value '${o.name}' (${value}) removed; new decoders reject ${describeExcess(o.set, sNew) ?? value}`;
      this.add('enum-value-removed', 'breaking', loc, message, spans(o, null));
    }
  }

  // ---- choices -------------------------------------------------------------------

  private compareChoices(o: IrType, n: IrType, loc: Loc): void {
    // Inline options the IR gave rules of their own are compared as what they are, not by their positional names.
    const unhoist = (type: IrType, rules: ReadonlyMap<string, IrRule>): IrType => {
      const target = type.kind === 'ref' ? rules.get(type.rule) : undefined;
      return target?.hoistedFrom !== undefined && target.type !== undefined ? target.type : type;
    };
    const oldOptions = options(o).map((t) => unhoist(t, this.oldCtx.rules));
    const newOptions = options(n).map((t) => unhoist(t, this.newCtx.rules));
    const oldTexts = oldOptions.map((t) => printType(t));
    const newTexts = newOptions.map((t) => printType(t));
    const removed = oldOptions.filter((_, i) => !newTexts.includes(oldTexts[i] as string));
    const added = newOptions.filter((_, i) => !oldTexts.includes(newTexts[i] as string));
    // Options kept by text can still differ inside (a referenced rule): those rules are compared by name.
    oldOptions.forEach((option, i) => {
      const j = newTexts.indexOf(oldTexts[i] as string);
      const same = newOptions[j];
      if (same !== undefined) this.compareType(option, same, loc);
    });
    const [onlyOld] = removed;
    const [onlyNew] = added;
    if (removed.length === 1 && added.length === 1 && onlyOld !== undefined && onlyNew !== undefined) {
      this.compareType(onlyOld, onlyNew, loc);
      return;
    }
    for (const option of added) this.add('choice-option-added', 'breaking', loc, `alternative ${printType(option)} added; old decoders reject it`);
    for (const option of removed) this.add('choice-option-removed', 'breaking', loc, `alternative ${printType(option)} removed; new decoders reject it`);
  }
}

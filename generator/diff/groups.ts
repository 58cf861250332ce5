/**
 * The comparison of arrays and maps, member by member (diff/index.ts says what breaks): the part of the
 * differ that reads groups, apart so that each file has one job. The differ supplies how a change is
 * recorded and how two member types are compared.
 */
import { printGroup, printLiteral, printType } from '../ir/print.js';
import type { IrGroup, IrOccurrence, IrSchema, IrSpan, IrType } from '../ir/types.js';
import type { ShapeContext } from '../layout/shapes.js';
import type { ChangeKind, Loc, Severity } from './changes.js';
import { align, fixedKey, gaps, keyText, printOccurrence, type Member } from './ir-helpers.js';
import { isSubset, scalarValues, unionAll } from './values.js';

type ArrayLayout = { kind: 'list'; item: Member } | { kind: 'positional'; members: Member[] } | { kind: 'opaque' };

export abstract class GroupComparison {
  protected readonly oldCtx: ShapeContext;
  protected readonly newCtx: ShapeContext;
  /** Rules whose content was compared inline at a use (scalars, spliced groups). */
  protected readonly covered = new Set<string>();

  constructor(oldIr: IrSchema, newIr: IrSchema) {
    this.oldCtx = { rules: new Map(oldIr.rules.map((r) => [r.name, r])), sources: new Map() };
    this.newCtx = { rules: new Map(newIr.rules.map((r) => [r.name, r])), sources: new Map() };
  }

  protected abstract add(kind: ChangeKind, severity: Severity, loc: Loc, message: string, spans?: { old?: IrSpan | null; new?: IrSpan | null }): void;
  protected abstract compareType(o: IrType, n: IrType, loc: Loc): void;
  protected abstract shapeChanged(o: IrType, n: IrType, loc: Loc): void;

  /** `mark`: the spliced group rules count as compared (false when only describing a shape). */
  protected arrayLayout(group: IrGroup, ctx: ShapeContext, mark = true): ArrayLayout {
    const members = this.flatten(group, ctx, new Set(), mark);
    if (members === null) return { kind: 'opaque' };
    const [only] = members;
    if (members.length === 1 && only !== undefined && only.occurrence.max !== 1) return { kind: 'list', item: only };
    return { kind: 'positional', members };
  }

  /** Members with spliced groups expanded; null for group choices (`//`) or repeated spliced groups. */
  private flatten(group: IrGroup, ctx: ShapeContext, seen: Set<string>, mark = true): Member[] | null {
    const [choice] = group.choices;
    if (group.choices.length !== 1 || choice === undefined) return null;
    const out: Member[] = [];
    for (const entry of choice.entries) {
      if (entry.kind === 'member') {
        out.push(entry);
        continue;
      }
      if (entry.occurrence.min !== 1 || entry.occurrence.max !== 1) return null;
      let inner = entry.group;
      if (entry.ref !== null) {
        if (seen.has(entry.ref)) return null;
        inner = ctx.rules.get(entry.ref)?.group ?? null;
        if (mark) this.covered.add(entry.ref);
      }
      if (inner === null) return null;
      if (entry.ref !== null) seen.add(entry.ref);
      const members = this.flatten(inner, ctx, seen, mark);
      if (entry.ref !== null) seen.delete(entry.ref);
      if (members === null) return null;
      out.push(...members);
    }
    return out;
  }

  protected compareArrays(o: Extract<IrType, { kind: 'array' }>, n: Extract<IrType, { kind: 'array' }>, loc: Loc): void {
    const lo = this.arrayLayout(o.group, this.oldCtx);
    const ln = this.arrayLayout(n.group, this.newCtx);
    if (lo.kind === 'list' && ln.kind === 'list') {
      const at = { ...loc, path: `${loc.path}[*]`, old: lo.item.span, new: ln.item.span, top: false };
      this.compareOccurrence(lo.item.occurrence, ln.item.occurrence, at, 'the items');
      this.compareType(lo.item.type, ln.item.type, at);
    } else if (lo.kind === 'positional' && ln.kind === 'positional') {
      this.comparePositional(lo.members, ln.members, loc);
    } else if (lo.kind === 'opaque' && ln.kind === 'opaque') {
      if (printType(o) !== printType(n)) this.add('type-changed', 'breaking', loc, `array changed from ${printType(o)} to ${printType(n)}`);
    } else this.shapeChanged(o, n, loc);
  }

  /** Group rules (compared where they are not spliced in) and maps. */
  protected compareGroups(o: IrGroup, n: IrGroup, loc: Loc, mode: 'group' | 'map'): void {
    const om = this.flatten(o, this.oldCtx, new Set());
    const nm = this.flatten(n, this.newCtx, new Set());
    if (om === null || nm === null) {
      if (printGroup(o) !== printGroup(n)) this.add('type-changed', 'breaking', loc, `group changed from (${printGroup(o)}) to (${printGroup(n)})`);
      return;
    }
    if (mode === 'group') this.comparePositional(om, nm, loc);
    else this.compareMapMembers(om, nm, loc);
  }

  private memberLoc(loc: Loc, label: string, o: Member | null, n: Member | null): Loc {
    return { rule: loc.rule, path: label.startsWith('[') ? `${loc.path}${label}` : `${loc.path}.${label}`, old: o?.span ?? loc.old, new: n?.span ?? loc.new, top: false };
  }

  private compareMember(o: Member, n: Member, at: Loc, label: string): void {
    this.compareOccurrence(o.occurrence, n.occurrence, at, `member '${label}'`);
    this.compareType(o.type, n.type, at);
  }

  private compareOccurrence(o: IrOccurrence, n: IrOccurrence, at: Loc, what: string): void {
    if (o.min === n.min && o.max === n.max) return;
    if (o.min === 1 && o.max === 1 && n.min === 0 && n.max === 1) {
      this.add('member-made-optional', 'breaking', at, `${what} made optional; old decoders reject new messages that leave it out`);
      return;
    }
    if (o.min === 0 && o.max === 1 && n.min === 1 && n.max === 1) {
      this.add('member-made-required', 'breaking', at, `${what} made required; new decoders reject old messages that leave it out`);
      return;
    }
    const within = (a: IrOccurrence, b: IrOccurrence) => a.min >= b.min && (b.max === null || (a.max !== null && a.max <= b.max));
    const effect = within(n, o) ? 'new decoders reject some old messages' : within(o, n) ? 'old decoders reject some new messages' : 'decoders of each revision reject some messages of the other';
    this.add('occurrence-changed', 'breaking', at, `occurrence of ${what} changed from ${printOccurrence(o)} to ${printOccurrence(n)}; ${effect}`);
  }

  private comparePositional(oms: Member[], nms: Member[], loc: Loc): void {
    const ok = oms.map((m, i) => m.name ?? `#${i}`);
    const nk = nms.map((m, i) => m.name ?? `#${i}`);
    const pairs = align(ok, nk);
    const label = (m: Member, i: number) => m.name ?? `[${i}]`;
    const matched = new Map<number, number>(pairs.filter((p) => p.o !== null && p.n !== null).map((p) => [p.o as number, p.n as number]));
    // Unmatched members between the same two anchors, pairwise: renamed in place.
    for (const gap of gaps(pairs)) {
      const count = Math.min(gap.olds.length, gap.news.length);
      for (let k = 0; k < count; k++) {
        const i = gap.olds[k] as number;
        const j = gap.news[k] as number;
        const o = oms[i] as Member;
        const n = nms[j] as Member;
        if (nk.includes(ok[i] as string) || ok.includes(nk[j] as string)) continue; // moved, not renamed
        matched.set(i, j);
        const at = this.memberLoc(loc, label(n, j), o, n);
        const from = o.name === null ? '(unnamed)' : `'${o.name}'`;
        const to = n.name === null ? '(unnamed)' : `'${n.name}'`;
        this.add('member-renamed', 'compatible', at, `member [${i}] renamed ${from} → ${to}; array members are encoded by position, not by name`);
        this.compareMember(o, n, at, label(n, j));
      }
    }
    const movedNote = (after: (i: number, j: number) => boolean) => {
      const moves = [...matched].filter(([i, j]) => i !== j && after(i, j)).map(([i, j]) => `${oms[i]?.name === null ? `[${i}]` : `'${oms[i]?.name}'`} moves from [${i}] to [${j}]`);
      return moves.length === 0 ? '' : `; ${moves.join(', ')}`;
    };
    for (const [i, j] of [...matched].sort((a, b) => a[1] - b[1])) {
      const o = oms[i] as Member;
      const n = nms[j] as Member;
      if (ok[i] !== nk[j]) continue; // renamed pairs were compared above
      const at = this.memberLoc(loc, label(n, j), o, n);
      this.compareMember(o, n, at, label(n, j));
    }
    const matchedOld = new Set(matched.keys());
    const matchedNew = new Set(matched.values());
    for (let i = 0; i < oms.length; i++) {
      if (matchedOld.has(i)) continue;
      const o = oms[i] as Member;
      const j = o.name === null ? -1 : nms.findIndex((m) => m.name === o.name);
      const n = nms[j];
      if (n !== undefined) {
        const at = this.memberLoc(loc, label(n, j), o, n);
        this.add('member-moved', 'breaking', at, `member '${o.name}' moved from [${i}] to [${j}]; decoders of each revision read it at the wrong position`);
        matchedNew.add(j);
        this.compareMember(o, n, at, label(n, j));
        continue;
      }
      const at = this.memberLoc(loc, label(o, i), o, null);
      const atEnd = [...matchedOld].every((k) => k < i);
      const optional = o.occurrence.min === 0;
      const what = `${optional ? 'optional ' : ''}member '${label(o, i)}'`;
      if (!atEnd) this.add('member-removed', 'breaking', at, `${what} removed from [${i}]; the members after it move${movedNote((k) => k > i)}`, { new: null });
      else if (optional) this.add('member-removed', 'breaking', at, `${what} removed from the end; new decoders reject old arrays that carry it`, { new: null });
      else this.add('member-removed', 'breaking', at, `${what} removed from the end; new decoders reject old arrays, old decoders reject new ones`, { new: null });
    }
    for (let j = 0; j < nms.length; j++) {
      if (matchedNew.has(j)) continue;
      const n = nms[j] as Member;
      const at = this.memberLoc(loc, label(n, j), null, n);
      const atEnd = [...matchedNew].every((k) => k < j);
      const optional = n.occurrence.min === 0;
      const what = `${optional ? 'optional ' : ''}member '${label(n, j)}'`;
      if (!atEnd) this.add('member-added', 'breaking', at, `${what} inserted at [${j}]; the members after it move${movedNote((_, k) => k > j)}`, { old: null });
      else if (optional) this.add('member-added', 'breaking', at, `${what} added at the end; old decoders reject arrays that carry it`, { old: null });
      else this.add('member-added', 'breaking', at, `${what} added at the end; old decoders reject new arrays, new decoders reject old ones`, { old: null });
    }
  }

  private compareMapMembers(oms: Member[], nms: Member[], loc: Loc): void {
    const ok = oms.map(keyText);
    const nk = nms.map(keyText);
    const label = (m: Member) => {
      const fixed = fixedKey(m);
      return m.name ?? (fixed !== null ? printLiteral(fixed) : m.key?.kind === 'type' ? `{${printType(m.key.type)}}` : '?');
    };
    oms.forEach((o, i) => {
      const j = nk.indexOf(ok[i] as string);
      const n = nms[j];
      const at = this.memberLoc(loc, label(n ?? o), o, n ?? null);
      if (n === undefined) {
        const optional = o.occurrence.min === 0;
        const wildcard = this.wildcardFor(o, nms, this.newCtx, this.oldCtx);
        const what = `${optional ? 'optional ' : ''}member '${label(o)}'`;
        if (wildcard !== null && optional) this.add('member-removed', 'compatible', at, `${what} removed; new decoders still accept it through ${wildcard}`, { new: null });
        else if (optional) this.add('member-removed', 'breaking', at, `${what} removed; new decoders reject old maps that carry it`, { new: null });
        else this.add('member-removed', 'breaking', at, `${what} removed; new decoders reject old maps, old decoders reject new ones`, { new: null });
        return;
      }
      if (o.name !== null && n.name !== null && o.name !== n.name) {
        this.add('member-renamed', 'compatible', at, `member ${ok[i]} renamed '${o.name}' → '${n.name}'; the encoding is unchanged`);
      }
      this.compareMember(o, n, at, label(n));
    });
    nms.forEach((n, j) => {
      if (ok.includes(nk[j] as string)) return;
      const at = this.memberLoc(loc, label(n), null, n);
      const optional = n.occurrence.min === 0;
      const wildcard = this.wildcardFor(n, oms, this.oldCtx, this.newCtx);
      const what = `${optional ? 'optional ' : ''}member '${label(n)}'`;
      if (wildcard !== null && optional) this.add('member-added', 'compatible', at, `${what} added; old decoders already accept it through ${wildcard}`, { old: null });
      else if (optional) this.add('member-added', 'breaking', at, `${what} added; old decoders reject maps that carry it`, { old: null });
      else this.add('member-added', 'breaking', at, `${what} added; old decoders reject new maps, new decoders reject old ones`, { old: null });
    });
  }

  /** A repeated computed-key entry (`* tstr => any`) of `others` that accepts `member`, printed; or null. */
  private wildcardFor(member: Member, others: Member[], othersCtx: ShapeContext, memberCtx: ShapeContext): string | null {
    const key = fixedKey(member);
    if (key === null) return null;
    const keySet = scalarValues({ kind: 'literal', value: key }, memberCtx, new Set());
    const valueSet = scalarValues(member.type, memberCtx, new Set());
    for (const w of others) {
      if (w.key?.kind !== 'type' || w.occurrence.max === 1) continue;
      const wKeys = scalarValues(w.key.type, othersCtx, new Set());
      const wValues = scalarValues(w.type, othersCtx, new Set());
      if (keySet === null || wKeys === null || wValues === null) continue;
      const acceptsKey = isSubset(unionAll(keySet.map((v) => v.set)), unionAll(wKeys.map((v) => v.set)));
      const wValueSet = unionAll(wValues.map((v) => v.set));
      const acceptsValue = wValueSet.any || (valueSet !== null && isSubset(unionAll(valueSet.map((v) => v.set)), wValueSet));
      if (acceptsKey && acceptsValue) return `'${printType(w.key.type)} => ${printType(w.type)}'`;
    }
    return null;
  }
}

/**
 * The IR lowered to the run-time program (templates/program.ts, described in
 * docs/program.md): plain data that the general matcher (templates/matcher.ts)
 * and the test-data generators interpret.
 *
 * Only the rules reachable from the roots are kept. What can be decided now
 * is decided now, with the same code the typed layouts use, so both paths
 * mean the same thing: enumerations become choices of their values; `.cat`,
 * `.plus` and `.det` between constants are folded into literals (shapes.ts's
 * evaluation); `.regexp` is translated from XSD (xsd-regexp.ts, warnings
 * through the SchemaWarning channel) and `.abnf`/`.abnfb` grammars to
 * regular expressions (abnf.ts), both as `pattern` nodes; a controller that
 * names a rule (`.size max-len`, `.bits flags`) is replaced by what the rule
 * stands for, so that run-time code reads a value, not a name.
 */
import { isSchemaError, type SchemaWarning, type SourceMap } from '../diagnostics.js';
import { printType } from '../ir/print.js';
import type { IrEntry, IrGroup, IrKey, IrLiteral, IrRule, IrSchema, IrSpan, IrType } from '../ir/types.js';
import { KNOWN_CONTROLS } from './control-names.js';
import { type FloatRange, type ShapeContext, UNBOUNDED_MAX, UNBOUNDED_MIN } from './shapes.js';
import { invalid, unsupported } from './layout-diagnostics.js';
import { concatenatedKind, concatenationOptions } from './control-options.js';
import { abnfSource, floatRange, regexpSource, scalarShape, type ScalarShape } from './scalars.js';
import { sizeOnAnyOptions } from './sizes.js';
import { plusProgramParts, scalarParts } from './plus-operands.js';
import { isUndentedSide } from './computed.js';
import { comparisonWithOneBound } from './comparison-bounds.js';
import type { Program, ProgramEntry, ProgramGroup, ProgramKey, ProgramLiteral, ProgramPrimitive, ProgramRule, ProgramType } from '../../templates/program.js';

export interface LowerOptions {
  /** Source texts, so that a refusal quotes the line. */
  sources?: SourceMap;
  /** Where warnings go (a `.regexp` that is not XSD); absent: nowhere. */
  warnings?: SchemaWarning[];
}


/** Controls whose controller is a value (a number, a range, bit positions, a literal): a rule it names is replaced by the rule's type. */
const VALUE_CONTROLLERS: ReadonlySet<string> = new Set(['size', 'bits', 'lt', 'le', 'gt', 'ge', 'eq', 'ne', 'default', 'feature']);

/**
 * The program of the rules reachable from `roots` (CDDL names), in IR order.
 * Throws SchemaError for what is invalid (a `.regexp` that is no regular
 * expression, an ABNF grammar in error, an unknown rule).
 */
export function lowerProgram(ir: IrSchema, roots: string[], options: LowerOptions = {}): Program {
  const rules = new Map(ir.rules.map((r) => [r.name, r]));
  const ctx: ShapeContext = { rules, sources: options.sources ?? new Map(), ...(options.warnings ? { warnings: options.warnings } : {}) };
  const lowering = new Lowering(ctx);
  for (const root of roots) lowering.reach(root, rules.get(root)?.span ?? { file: '', line: 0, col: 0 });
  lowering.drain();
  // fromEntries defines each rule as an own property: `out[name] = …` would set the object's prototype for a rule named `__proto__`.
  const out: Record<string, ProgramRule> = Object.fromEntries(ir.rules.flatMap((rule) => {
    const lowered = lowering.done.get(rule.name);
    return lowered === undefined ? [] : [[rule.name, lowered] as const];
  }));
  return { rules: out };
}

/**
 * A program whose rule `name` (no CDDL name: it has a space) is `type`, with the rules it reaches:
 * to test values of a type while generating (held-literals.ts). Warnings were given where the
 * type's shape was computed, so none are given again.
 */
export function typeProgram(type: IrType, span: IrSpan, ctx: ShapeContext, name: string): Program {
  const lowering = new Lowering({ rules: ctx.rules, sources: ctx.sources });
  const root = lowering.lower(type, span);
  lowering.drain();
  return { rules: { ...Object.fromEntries(lowering.done), [name]: { kind: 'type', type: root } } };
}

class Lowering {
  readonly done = new Map<string, ProgramRule>();
  private readonly pending: IrRule[] = [];
  private readonly queued = new Set<string>();

  constructor(private readonly ctx: ShapeContext) {}

  /** Marks a rule as needed; it is lowered by {@link drain}, so recursion through rules is a loop, not a deep call. */
  reach(name: string, span: IrSpan): void {
    if (this.queued.has(name)) return;
    const rule = this.ctx.rules.get(name);
    if (rule === undefined) unsupported(this.ctx, span, `reference to unknown rule '${name}'`);
    this.queued.add(name);
    this.pending.push(rule);
  }

  drain(): void {
    for (let rule = this.pending.shift(); rule !== undefined; rule = this.pending.shift()) {
      if (rule.kind === 'group') this.done.set(rule.name, { kind: 'group', group: this.group(rule.group ?? { choices: [] }) });
      else this.done.set(rule.name, { kind: 'type', type: this.type(rule.type as IrType, rule.span) });
    }
  }

  /** A type of no rule, lowered (the rules it names are reached). */
  lower(type: IrType, span: IrSpan): ProgramType {
    return this.type(type, span);
  }

  private type(type: IrType, span: IrSpan): ProgramType {
    switch (type.kind) {
      case 'ref': {
        this.reach(type.rule, span);
        // An inline type that got a rule of its own (`a.embedded1`) is shown in messages as the schema wrote it.
        const shown = this.ctx.rules.get(type.rule)?.hoistedFrom?.cddl;
        return shown === undefined ? { kind: 'ref', rule: type.rule } : { kind: 'ref', rule: type.rule, shown };
      }
      case 'prim':
        return { kind: 'prim', prim: type.prim };
      case 'literal':
        // No data item equals a float beyond every binary64 (`1e999`).
        return beyondFloats(type.value) ? NOTHING : { kind: 'literal', value: literal(type.value) };
      case 'range':
        if (type.min.type === 'float' && type.max.type === 'float' && (beyondFloats(type.min) || beyondFloats(type.max))) {
          // A bound beyond every binary64 (`1e999`): the finite floats the range holds (floatRange), or none.
          const range = floatRange(type.min, type.max, type.inclusive);
          return range === null ? NOTHING : { kind: 'range', min: { type: 'float', value: range.min }, max: { type: 'float', value: range.max }, inclusive: range.maxInclusive };
        }
        // An integer bound with one beyond every binary64: no value is of both kinds.
        if (beyondFloats(type.min) || beyondFloats(type.max)) return NOTHING;
        return { kind: 'range', min: literal(type.min), max: literal(type.max), inclusive: type.inclusive };
      case 'choice':
        return { kind: 'choice', options: type.options.map((o) => this.type(o, span)), ...(type.nothing === undefined ? {} : { nothing: type.nothing }) };
      case 'enum':
        return { kind: 'choice', options: type.values.map((v) => this.type(v.type, v.span)) };
      case 'array':
        return { kind: 'array', group: this.group(type.group) };
      case 'map':
        return { kind: 'map', group: this.group(type.group) };
      case 'tag':
        return { kind: 'tag', tag: type.tag === null || typeof type.tag === 'string' ? type.tag : this.type(type.tag, span), type: this.type(type.type, span) };
      case 'major':
        return { kind: 'major', major: type.major, info: type.info };
      case 'control':
        return this.control(type);
    }
  }

  private control(type: Extract<IrType, { kind: 'control' }>): ProgramType {
    switch (type.op) {
      case 'cat':
      case 'det':
      case 'plus':
        return this.computed(type);
      case 'regexp':
        return { kind: 'pattern', target: this.type(type.target, type.span), source: regexpSource(this.text(type), type.span, this.ctx), alphabet: 'text' };
      case 'abnf':
      case 'abnfb': {
        const target = this.type(type.target, type.span);
        const check = abnfSource(type, this.text(type), this.ctx);
        const alphabet = type.op === 'abnf' ? 'text' : 'bytes';
        return 'pattern' in check ? { kind: 'pattern', target, source: check.pattern, alphabet } : { kind: 'pattern', target, grammar: check.grammar, alphabet };
      }
      default: {
        if (!KNOWN_CONTROLS.has(type.op)) invalid(this.ctx, type.span, `control operator .${type.op} on ${printType(type.target)}, which is not a registered control operator (RFC 8610 §3.8)`);
        // `.lt (1 / 5)` is `.lt 5`, as the typed layouts read it (comparison-bounds.ts): the matcher compares with one number.
        const oneBound = comparisonWithOneBound(type, this.ctx);
        if (oneBound !== null) return this.type(oneBound, type.span);
        // `any .size R` is `uint .size R / bstr .size R / tstr .size R`, as the typed layouts read it (sizeOnAnyOptions says why): no negative integer, bignum or other kind.
        const sizedKinds = type.op === 'size' ? sizeOnAnyOptions(type, this.ctx) : null;
        if (sizedKinds !== null) return { kind: 'choice', options: sizedKinds.map((option) => this.control(option)) };
        const controller = VALUE_CONTROLLERS.has(type.op) ? this.resolved(type.controller, new Set()) : type.controller;
        return { kind: 'control', op: type.op, target: this.type(type.target, type.span), controller: this.type(controller, type.span) };
      }
    }
  }

  /**
   * `.cat`, `.det`, `.plus`, computed as the typed layouts compute them (computed.ts): literals, ranges
   * or a pattern; a `.cat` that only some split of the string can check stays a `cat` control, which
   * the matcher checks as the two-part `.join` it is.
   */
  private computed(type: Extract<IrType, { kind: 'control' }>): ProgramType {
    if (type.op === 'plus') return this.sum(type);
    try {
      return this.computedAsLaidOut(type);
    } catch (error) {
      // An operand the typed layouts refuse but the matcher checks (a `.printf` argument that is a choice they keep as
      // several shapes): the matcher checks some split of the string, as below.
      if (isSchemaError(error) && error.kind === 'unsupported' && type.op === 'cat' && concatenatedKind(type, this.ctx) !== null) return this.catControl(type);
      throw error;
    }
  }

  private computedAsLaidOut(type: Extract<IrType, { kind: 'control' }>): ProgramType {
    // Operands of text and bytes both: a choice of the concatenations of each pair of kinds (control-options.ts).
    const options = concatenationOptions(type, this.ctx);
    if (options !== null) return { kind: 'choice', options: options.map((option) => this.computed(option)) };
    const shape = scalarShape(type, this.ctx, type.span, new Set());
    const join = (shape?.kind === 'text' || shape?.kind === 'bytes') && shape.checks?.find((c) => c.kind === 'join');
    if ((type.op === 'cat' || type.op === 'det') && join && join.kind === 'join') {
      // A .det side with a pattern: the pattern, which the matcher cannot always read from the side's node (`.and`, `.ne`).
      const patterns = type.op === 'det' ? join.parts.map((part) => part.checks?.find((c) => c.kind === 'dedentedPattern')) : [];
      const sources = patterns.map((c) => (c?.kind === 'dedentedPattern' ? c.pattern : null));
      const undented = type.op === 'det' ? join.parts.map(isUndentedSide) : [];
      // A JSON side with a size (undented): the size its re-indentations must have.
      const resized = undented.map((u, i) => (u ? join.parts[i]?.checks?.find((c) => c.kind === 'dedented') : undefined));
      const sizes = patterns.map((c, i) => {
        const size = c?.kind === 'dedentedPattern' ? c.size : resized[i]?.kind === 'dedented' ? resized[i].size : undefined;
        return size === undefined ? null : ([size.min, size.max] as [number, number | null]);
      });
      // A .b45 side: the most spaces its one-line values start with.
      const leading = type.op === 'det' ? join.parts.map((part) => { const c = part.checks?.find((x) => x.kind === 'dedentedLine'); return c?.kind === 'dedentedLine' ? c.most : null; }) : [];
      return {
        kind: 'control',
        op: type.op,
        target: this.type(type.target, type.span),
        controller: this.type(type.controller, type.span),
        ...(sources.some((s) => s !== null) ? { patterns: sources } : {}),
        ...(sizes.some((s) => s !== null) ? { sizes } : {}),
        ...(undented.some((u) => u) ? { undented } : {}),
        ...(leading.some((l) => l !== null) ? { leading } : {}),
      };
    }
    const lowered = shape === null ? null : scalarProgram(shape);
    if (lowered !== null) return lowered;
    // Strings of one kind whose values the layouts do not compute (an operand that is a choice of literals and a
    // pattern): the matcher checks some split of the string, as it does the two-part `.join` the control is.
    if (type.op === 'cat' && concatenatedKind(type, this.ctx) !== null) return this.catControl(type);
    const perOption = this.perOption(type);
    if (perOption !== null) return perOption;
    return invalid(this.ctx, type.span, `.${type.op} between types that are not both strings or both numbers (RFC 9165 §2): ${printType(type)}`);
  }

  /**
   * A `.cat` or `.det` with an operand that is a choice the layouts keep as several shapes (`("a" / (tstr .size 2)) .det
   * "b"`): the choice of the control on each option, since RFC 9165 §2.2 and §2.3 concatenate (and dedent) value by
   * value; null where each operand is one shape.
   */
  private perOption(type: Extract<IrType, { kind: 'control' }>): ProgramType | null {
    for (const side of ['target', 'controller'] as const) {
      const parts = scalarParts(type[side], this.ctx, new Set());
      if (parts !== null && parts.length > 1) return { kind: 'choice', options: parts.map((part) => this.computed({ ...type, [side]: part.type })) };
    }
    return null;
  }

  /** A `.cat` the matcher checks by trying the splits of the string, as it does the two-part `.join` the control is. */
  private catControl(type: Extract<IrType, { kind: 'control' }>): ProgramType {
    return { kind: 'control', op: 'cat', target: this.type(type.target, type.span), controller: this.type(type.controller, type.span) };
  }

  /**
   * `.plus`, as the typed layouts compute it (plus-operands.ts), with what they refuse: a choice of the results of
   * several target groups (`(1 / 2.5) .plus 1`), and integers in evenly spaced runs (`(1..3) .plus float`) as a `steps` node.
   */
  private sum(type: Extract<IrType, { kind: 'control' }>): ProgramType {
    const parts = plusProgramParts(type, this.ctx);
    const options = (parts ?? []).flatMap(({ sum, steps }) => {
      const run = (s: (typeof steps)[number]) => ({ lo: s.lo.toString(), hi: s.hi.toString(), step: s.step.toString(), width: s.width.toString() });
      const lowered = sum.kind === 'int' && sum.intervals.length === 0 ? [] : [scalarProgram(sum)];
      // The runs of one target are all plain or all bignum-taking (floor-sums.ts).
      const bignum = steps.some((s) => s.bignum === true);
      return steps.length === 0 ? lowered : [...lowered, { kind: 'steps' as const, runs: steps.map(run), ...(bignum ? { bignum: true as const } : {}) }];
    });
    if (parts === null || options.some((o) => o === null)) return invalid(this.ctx, type.span, `.plus between types that are not both numbers (RFC 9165 §2.1): ${printType(type)}`);
    return options.length === 1 ? (options[0] as ProgramType) : { kind: 'choice', options: options as ProgramType[] };
  }

  /** The literal text a pattern or grammar controller stands for (`"[a-z]+"`, `("rule" .det grammar)`, a rule naming one). */
  private text(type: Extract<IrType, { kind: 'control' }>): string {
    const value = singleLiteral(scalarShape(type.controller, this.ctx, type.span, new Set()));
    if (value?.type !== 'text') {
      // A pattern or grammar is one text string (RFC 8610 §3.8.3, RFC 9165 §3): `tstr .regexp 1234` is no schema to match by.
      const where = type.op === 'regexp' ? 'RFC 8610 §3.8.3' : 'RFC 9165 §3';
      return invalid(this.ctx, type.span, `.${type.op} needs one text string as its controller (${where}), and ${printType(type.controller)} is not one: ${printType(type)}`);
    }
    return value.value;
  }

  /** A controller that names a rule, as the rule's type (through chains of names); a name that leads back to itself stays. */
  private resolved(type: IrType, seen: Set<string>): IrType {
    if (type.kind !== 'ref' || seen.has(type.rule)) return type;
    const target = this.ctx.rules.get(type.rule)?.type;
    return target === undefined ? type : this.resolved(target, new Set([...seen, type.rule]));
  }

  private group(group: IrGroup): ProgramGroup {
    return { choices: group.choices.map((choice) => choice.entries.map((entry) => this.entry(entry))) };
  }

  private entry(entry: IrEntry): ProgramEntry {
    const { min, max } = entry.occurrence;
    if (entry.kind === 'group') {
      if (entry.ref !== null) this.reach(entry.ref, entry.span);
      return { kind: 'group', ref: entry.ref, group: entry.group === null ? null : this.group(entry.group), min, max };
    }
    return { kind: 'member', name: entry.name, key: entry.key === null ? null : this.key(entry.key, entry.span), type: this.type(entry.type, entry.span), min, max };
  }

  private key(key: IrKey, span: IrSpan): ProgramKey {
    if (key.kind === 'value') return beyondFloats(key.value) ? { kind: 'type', type: NOTHING, cut: true } : { kind: 'value', value: literal(key.value) };
    return { kind: 'type', type: this.type(key.type, span), cut: key.cut };
  }
}

/** A choice of no options: what a float beyond every binary64 matches. */
const NOTHING: ProgramType = { kind: 'choice', options: [] };

type BeyondFloats = Extract<IrLiteral, { value: null }>;

/** A float literal beyond every binary64 (`1e999`), kept as text in the IR. */
function beyondFloats(value: IrLiteral): value is BeyondFloats {
  return value.type === 'float' && value.value === null;
}

function literal(value: Exclude<IrLiteral, BeyondFloats>): ProgramLiteral {
  switch (value.type) {
    case 'int':
      return { type: 'int', value: value.value };
    case 'float':
      return { type: 'float', value: value.value };
    case 'text':
      return { type: 'text', value: value.value };
    case 'bytes':
      return { type: 'bytes', hex: value.hex };
    case 'bool':
      return { type: 'bool', value: value.value };
  }
}

/** What `.cat`, `.det`, `.plus` compute (computed.ts), as a program type: a choice of integer ranges, of strings, or a pattern. */
function scalarProgram(shape: ScalarShape): ProgramType | null {
  const choice = (options: ProgramType[]): ProgramType => (options.length === 1 ? (options[0] as ProgramType) : { kind: 'choice', options });
  // A side with no values (a rule without any, ir/unproductive.ts) leaves none.
  if (shape.kind === 'never') return { kind: 'choice', options: [], ...(shape.reason === undefined ? {} : { nothing: shape.reason }) };
  if (shape.kind === 'int' && shape.bits === undefined && !shape.bignum) {
    return choice(
      shape.intervals.map(({ lo, hi }): ProgramType => (lo === hi ? { kind: 'literal', value: { type: 'int', value: lo.toString() } } : { kind: 'range', min: { type: 'int', value: lo.toString() }, max: { type: 'int', value: hi.toString() }, inclusive: true })),
    );
  }
  if (shape.kind === 'int' && shape.bits === undefined && shape.bignum === true) {
    // A sum of a type that takes bignums (sums.ts): its integers as plain items or bignums, which a literal or range
    // does not say (within 64 bits it is the plain item), so compared by value: `bigint .ge lo .le hi`.
    const bound = (n: bigint): ProgramType => ({ kind: 'literal', value: { type: 'int', value: n.toString() } });
    return choice(
      shape.intervals.map(({ lo, hi }): ProgramType => {
        let type: ProgramType = { kind: 'prim', prim: 'bigint' };
        if (lo > UNBOUNDED_MIN) type = { kind: 'control', op: 'ge', target: type, controller: bound(lo) };
        if (hi < UNBOUNDED_MAX) type = { kind: 'control', op: 'le', target: type, controller: bound(hi) };
        return type;
      }),
    );
  }
  if (shape.kind === 'float') return floatProgram(shape);
  if ((shape.kind === 'text' || shape.kind === 'bytes') && shape.size === null && shape.checks === undefined) {
    if (shape.pattern !== undefined) return { kind: 'pattern', target: { kind: 'prim', prim: shape.kind === 'text' ? 'tstr' : 'bstr' }, source: shape.pattern, alphabet: shape.kind };
    if (shape.values !== null) return choice(shape.values.map((v): ProgramType => ({ kind: 'literal', value: shape.kind === 'text' ? { type: 'text', value: v } : { type: 'bytes', hex: v } })));
  }
  return null;
}

/** A float type `.plus` computed (sums.ts): the floats of its widths, those values or within its range (comparisons, as JSON holds no infinity). */
function floatProgram(shape: Extract<ScalarShape, { kind: 'float' }>): ProgramType {
  const prims: Record<string, ProgramPrimitive> = { '16': 'float16', '32': 'float32', '64': 'float64', '16,32': 'float16-32', '32,64': 'float32-64', '16,32,64': 'float' };
  const widths = [...shape.widths].sort((a, b) => a - b);
  const whole = prims[widths.join(',')];
  const base: ProgramType = whole !== undefined ? { kind: 'prim', prim: whole } : { kind: 'choice', options: widths.map((w): ProgramType => ({ kind: 'prim', prim: prims[String(w)] as ProgramPrimitive })) };
  const float = (value: number): ProgramType => ({ kind: 'literal', value: { type: 'float', value } });
  if (shape.values !== null) {
    // A float literal matches a float of any width with its value; fewer widths keep the type beside it.
    const values: ProgramType = shape.values.length === 1 ? float(shape.values[0] as number) : { kind: 'choice', options: shape.values.map(float) };
    return whole === 'float' ? values : { kind: 'control', op: 'and', target: base, controller: values };
  }
  // One option per range (several: a union, `(0.5..0.7) .plus (1..2)`); no range at all is every float of the widths.
  const within = (range: FloatRange): ProgramType => {
    let type: ProgramType = base;
    if (Number.isFinite(range.min)) type = { kind: 'control', op: range.minInclusive ? 'ge' : 'gt', target: type, controller: float(range.min) };
    if (Number.isFinite(range.max)) type = { kind: 'control', op: range.maxInclusive ? 'le' : 'lt', target: type, controller: float(range.max) };
    return type;
  };
  if (shape.ranges === undefined) return base;
  return shape.ranges.length === 1 ? within(shape.ranges[0] as FloatRange) : { kind: 'choice', options: shape.ranges.map(within) };
}

/** The one value a scalar shape holds, as a literal (an integer, a text or byte string), or null. */
function singleLiteral(shape: ScalarShape | null): ProgramLiteral | null {
  if (shape === null) return null;
  if (shape.kind === 'int' && shape.bits === undefined && !shape.bignum && shape.intervals.length === 1) {
    const [only] = shape.intervals;
    return only !== undefined && only.lo === only.hi ? { type: 'int', value: only.lo.toString() } : null;
  }
  if (shape.kind === 'text' && shape.values?.length === 1 && shape.size === null && shape.pattern === undefined && shape.checks === undefined) return { type: 'text', value: shape.values[0] as string };
  if (shape.kind === 'bytes' && shape.values?.length === 1 && shape.size === null && shape.embedded === undefined && shape.bits === undefined && shape.pattern === undefined && shape.checks === undefined) {
    return { type: 'bytes', hex: shape.values[0] as string };
  }
  return null;
}

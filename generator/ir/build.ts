/**
 * AST → IR: gathers the rules of all input files, merges `/=` and `//=` into
 * their rules and sockets, tells types from groups, resolves every name
 * (rules, generic parameters, the prelude), instantiates generics and
 * flattens enumerations. Naming and consistency checks run after this, in
 * their own passes (see index.ts).
 */
import type {
  CddlFile,
  Group,
  GroupEntry,
  MemberKey,
  Rule,
  Type,
} from '../parse/ast.js';
import { type Citation, citing, isSchemaError, SchemaError, type SourceMap, type Span } from '../diagnostics.js';
import { preludeType } from './prelude.js';
import { undefinedNameMessages, type NameUse } from './undefined-names.js';
import { valuesNamedTwice } from './enumerations.js';
import { printLiteral, printType } from './print.js';
import { type Fail, groupInside, tagContent } from './unwrap.js';
import { RuleKinds } from './rule-kinds.js';
import { ONCE, convertLiteral, convertMajor, convertOccurrence, multiply, socketKind } from './conversions.js';
import { majorWithComputedInfo } from './computed-info.js';
import { envOfBody, genericParamsOf } from './generic-params.js';
import type { IrEntry, IrEnumValue, IrGroup, IrKey, IrLiteral, IrRule, IrSpan, IrType, IrWarning } from './types.js';

/** One rule name and everything the files say about it. */
interface Definition {
  name: string;
  /** The `=` rule, if any file has one. */
  base: Rule | null;
  /** `/=` and `//=` rules, in file order. */
  additions: Rule[];
  /** Where the name was first used, for sockets no file defines. */
  firstUse: Span | null;
}

/** What a generic parameter stands for inside one instantiation. */
type Binding = { kind: 'type'; type: IrType } | { kind: 'group'; entry: IrEntry & { kind: 'group' } };
type Env = ReadonlyMap<string, Binding>;
const EMPTY_ENV: Env = new Map();


/**
 * How many instances of one generic rule may be converted inside each other: a definition that
 * refers to itself with other arguments (`g<T> = [ g<[T]> ]`) would otherwise make instances
 * without end. Real schemas nest a generic in itself once or twice.
 */
const MAX_GENERIC_NESTING = 32;


export function toIrSpan(span: Span): IrSpan {
  return { file: span.file, line: span.line, col: span.col };
}

export interface BuildResult {
  rules: IrRule[];
  root: string | null;
  warnings: IrWarning[];
}

/**
 * Builds the IR rules of `files` (in order). Throws {@link SchemaError} on the first resolution error, except that
 * undefined names are gathered: one error lists them all (the first, then the rest as related places), each with
 * the defined, prelude or `importable` name it most likely misspells.
 */
export function buildRules(files: readonly CddlFile[], sources: SourceMap, importable: readonly string[] = []): BuildResult {
  return new RuleBuilder(files, sources, importable).build();
}

class RuleBuilder {
  private readonly definitions = new Map<string, Definition>();
  private readonly kinds = new RuleKinds(this.definitions);
  private readonly instances = new Map<string, IrRule>();
  private readonly instanceOrder: IrRule[] = [];
  /** The generic rules whose instances are being converted, innermost last. */
  private readonly instantiating: { generic: string; instance: string }[] = [];
  /** Rules whose group is being expanded for `~` or `&`, to stop a rule from unwrapping itself. */
  private readonly expanding = new Set<string>();
  private readonly warnings: IrWarning[] = [];
  /**
   * Names no rule defines, at their first use, in the order met. Each gets an empty definition and
   * building goes on, so that one error lists them all; any other error met while there are some may
   * follow from them, and gives way to them.
   */
  private readonly undefinedNames: NameUse[] = [];

  constructor(
    private readonly files: readonly CddlFile[],
    private readonly sources: SourceMap,
    /** Names imports offer beyond what the schema took, for the hints of the undefined-names error. */
    private readonly importable: readonly string[] = [],
  ) {}

  build(): BuildResult {
    let result: BuildResult;
    try {
      result = this.buildAll();
    } catch (error) {
      throw this.undefinedNames.length > 0 && isSchemaError(error) ? this.undefinedNamesError() : error;
    }
    if (this.undefinedNames.length > 0) throw this.undefinedNamesError();
    return result;
  }

  private buildAll(): BuildResult {
    for (const file of this.files) for (const rule of file.rules) this.collect(rule);
    const start = this.files[0]?.span;
    // Several files are one specification, so one of them may hold none (a vendor's emptied extension file).
    if (this.definitions.size === 0 && start !== undefined) {
      throw this.error({ ...start, endOffset: start.offset }, 'no rules: a CDDL specification has at least one (cddl = S 1*(rule S))', 'RFC 8610 Appendix B');
    }
    for (const def of this.definitions.values()) this.checkDefinition(def);
    const rules: IrRule[] = [];
    for (const def of this.definitions.values()) {
      const generic = genericParamsOf(def).length > 0;
      if (!generic) rules.push(this.convertRule(def, def.name, EMPTY_ENV));
    }
    // Sockets that are only used (never defined) come after the defined rules, in order of first use.
    rules.sort((a, b) => spanOrder(this.files, a.span) - spanOrder(this.files, b.span));
    const first = this.files[0]?.rules.find((r) => r.genericParams.length === 0);
    return { rules: [...rules, ...this.instanceOrder], root: first?.name ?? null, warnings: this.warnings };
  }

  /** An error in the schema; the message cites the rule it breaks, or `null` when `detail` cites it already. */
  private error(span: Span, detail: string, cites: Citation | null, related: { span: Span; message: string }[] = []): SchemaError {
    return new SchemaError('resolve', span, cites === null ? detail : citing(detail, cites), { sources: this.sources, related });
  }

  // ---- gathering -------------------------------------------------------------

  private collect(rule: Rule): void {
    let def = this.definitions.get(rule.name);
    if (def === undefined) {
      def = { name: rule.name, base: null, additions: [], firstUse: null };
      this.definitions.set(rule.name, def);
    }
    if (rule.assign !== '=') {
      def.additions.push(rule);
      return;
    }
    if (def.base !== null) {
      // Schemas assembled from several documents repeat shared rules word for word (RFC 9393's four files); that is one definition.
      if (this.ruleText(def.base) === this.ruleText(rule)) return;
      throw this.error(rule.nameSpan, `duplicate definition of '${rule.name}'`, 'RFC 8610 Appendix C', [
        { span: def.base.nameSpan, message: `'${rule.name}' is first defined here` },
      ]);
    }
    def.base = rule;
  }

  /**
   * A rule as parsed, without where it was written or its comments, to tell a repetition of it: `b=11` and `b = 11`
   * (anweiss/cddl's CoSWID has both) are one rule, `"x;y"` and `"x;z"` two (folding the text would cut both at ';').
   */
  private ruleText(rule: Rule): string {
    return JSON.stringify(rule, (key, value: unknown) => (key === 'doc' || /span$/i.test(key) ? undefined : value));
  }

  private checkDefinition(def: Definition): void {
    // RFC 8610 §3.7: a name may be first (or only) defined with '/=' or '//='; there is no need to create it with '='.
    const first = def.additions[0];
    const kind = this.kinds.of(def.name);
    for (const addition of def.additions) {
      const additionKind = addition.assign === '//=' ? 'group' : 'type';
      if (additionKind !== kind) {
        // A socket is a type or a group by its name's '$' or '$$' (§3.9), not by a definition to point at.
        const socket = socketKind(def.name);
        if (socket !== null) {
          const [prefix, extend] = socket === 'group' ? ['$$', '//='] : ['$', '/='];
          throw this.error(addition.nameSpan, `'${def.name}' is a ${socket} socket, its name beginning with '${prefix}', so it is extended with '${extend}', not '${addition.assign}'`, 'RFC 8610 §3.9');
        }
        throw this.error(addition.nameSpan, `'${def.name}' is a ${kind}, so it cannot be extended with '${addition.assign}'`, 'RFC 8610 §2.2.2', [
          { span: (def.base ?? first ?? addition).nameSpan, message: `'${def.name}' is defined here` },
        ]);
      }
    }
  }

  // ---- rules ---------------------------------------------------------------

  /** Converts one definition (or one instance of a generic one, `env` binding its parameters). */
  private convertRule(def: Definition, name: string, env: Env, target?: IrRule): IrRule {
    const kind = this.kinds.of(def.name);
    const socket = socketKind(def.name) !== null;
    const anchor = def.base ?? def.additions[0];
    const span = anchor ? anchor.nameSpan : (def.firstUse ?? this.fallbackSpan());
    const rule: IrRule = target ?? { name, tsName: '', kind, socket, doc: null, span: toIrSpan(span) };
    rule.doc = joinDocs([def.base, ...def.additions].map((r) => r?.doc ?? null));
    if (kind === 'group') rule.group = this.convertGroupRule(def, env);
    else rule.type = this.convertTypeRule(def, env);
    return rule;
  }

  private fallbackSpan(): Span {
    const file = this.files[0]?.file ?? '(input)';
    return { file, line: 1, col: 1, offset: 0, endOffset: 0 };
  }

  private convertTypeRule(def: Definition, env: Env): IrType {
    const bodies = [def.base, ...def.additions].filter((r): r is Rule => r !== null);
    const options = bodies.map((rule) => {
      if (rule.body.kind !== 'type') throw this.error(rule.nameSpan, `'${def.name}' is a type, but this defines a group`, 'RFC 8610 §2.2.2');
      return this.convertType(rule.body.type, envOfBody(rule, def, env));
    });
    if (options.length === 1 && options[0] !== undefined) return options[0];
    // An empty socket, or one whose every alternative is an enumeration, is one enumeration.
    if (options.every((o) => o.kind === 'enum')) {
      const enumerations = options.map((o) => (o.kind === 'enum' ? o.values : []));
      // Per enumeration as written, before they are merged (enumerations.ts valuesNamedTwice).
      this.warnings.push(...valuesNamedTwice(enumerations, (type) => this.constantOf(type, new Set())));
      return { kind: 'enum', values: enumerations.flat() };
    }
    return { kind: 'choice', options: options.flatMap((o) => (o.kind === 'choice' ? o.options : [o])) };
  }

  private convertGroupRule(def: Definition, env: Env): IrGroup {
    const choices = [def.base, ...def.additions]
      .filter((r): r is Rule => r !== null)
      .flatMap((rule) => this.ruleBodyAsGroup(rule, envOfBody(rule, def, env)).choices);
    return { choices };
  }

  /** The group a rule body stands for: `( … )` unwrapped, a single entry, or an alias of a group rule. */
  private ruleBodyAsGroup(rule: Rule, env: Env): IrGroup {
    if (rule.body.kind === 'type') {
      const entry = this.convertEntry(
        { kind: 'member', occurrence: null, key: null, type: rule.body.type, doc: null, span: rule.body.type.span },
        env,
      );
      return { choices: [{ entries: [entry] }] };
    }
    const entry = rule.body.entry;
    if (entry.kind === 'group' && entry.occurrence === null) return this.convertGroup(entry.group, env);
    return { choices: [{ entries: [this.convertEntry(entry, env)] }] };
  }

  // ---- names ---------------------------------------------------------------

  private lookup(name: string, span: Span): Definition {
    const def = this.definitions.get(name);
    if (def !== undefined) {
      def.firstUse ??= span;
      return def;
    }
    // A socket nobody fills is an empty choice (RFC 8610 §3.9); an undefined name is an error, said once all are known.
    if (socketKind(name) === null) this.undefinedNames.push({ span, name });
    const empty: Definition = { name, base: null, additions: [], firstUse: span };
    this.definitions.set(name, empty);
    return empty;
  }

  /** One error for every name no rule defines: the first, then the others as related places. */
  private undefinedNamesError(): SchemaError {
    const [first, ...others] = undefinedNameMessages(this.undefinedNames, [...this.definitions.keys(), ...this.importable]);
    return this.error(first.span, first.message, 'RFC 8610 Appendix C', others);
  }

  /** True for the empty definition an undefined name gets (see {@link undefinedNames}). */
  private isUndefined(def: Definition): boolean {
    return def.base === null && def.additions.length === 0 && socketKind(def.name) === null;
  }

  /**
   * True when `type` is what an undefined name stands for while the build goes on to find the others, nothing
   * (an empty choice or enumeration; an empty socket is one too, but then the error that lists the undefined
   * names is coming anyway).
   */
  private followsUndefined(type: IrType): boolean {
    const empty = (type.kind === 'choice' && type.options.length === 0) || (type.kind === 'enum' && type.values.length === 0);
    return empty && this.undefinedNames.length > 0;
  }

  /** A reference to rule `name` with `args`: the rule itself, or the instance of a generic rule. */
  private reference(name: string, args: readonly Type[], span: Span, env: Env): { def: Definition; rule: string } {
    const def = this.lookup(name, span);
    const params = genericParamsOf(def);
    // An undefined name takes whatever arguments it is given (converted only to find undefined names in them too):
    // the error that lists the undefined names says what is wrong.
    if (this.isUndefined(def)) {
      for (const arg of args) this.bindArgument(arg, env);
      return { def, rule: name };
    }
    if (params.length !== args.length) {
      const expected = params.length === 0 ? 'no generic arguments' : `${params.length} generic argument(s) <${params.join(', ')}>`;
      throw this.error(span, `'${name}' takes ${expected}, but ${args.length} are given`, 'RFC 8610 §3.10', [
        { span: (def.base ?? def.additions[0])?.nameSpan ?? span, message: `'${name}' is defined here` },
      ]);
    }
    if (params.length === 0) return { def, rule: name };
    const bindings = new Map<string, Binding>();
    params.forEach((param, i) => bindings.set(param, this.bindArgument(args[i] as Type, env)));
    const instanceName = `${name}<${[...bindings.values()].map(printBinding).join(', ')}>`;
    if (!this.instances.has(instanceName)) {
      // Registered before its body is converted, so that a recursive instance refers to itself.
      const kind = this.kinds.of(name);
      const anchor = (def.base ?? def.additions[0]) as Rule;
      const nested = this.instantiating.filter((n) => n.generic === name).map((n) => n.instance);
      if (nested.length >= MAX_GENERIC_NESTING) {
        const chain = `${nested.slice(0, 3).join(' needs ')} needs …`;
        throw this.error(span, `instantiating '${name}' never ends: ${chain} (RFC 8610 §3.10 puts generic arguments in the definition's place, and here each instance asks for a new one)`, null, [
          { span: anchor.nameSpan, message: `'${name}' is defined here` },
        ]);
      }
      const placeholder: IrRule = { name: instanceName, tsName: '', kind, socket: false, doc: null, span: toIrSpan(anchor.nameSpan) };
      this.instances.set(instanceName, placeholder);
      this.instanceOrder.push(placeholder);
      this.instantiating.push({ generic: name, instance: instanceName });
      try {
        this.convertRule(def, instanceName, bindings, placeholder);
      } finally {
        this.instantiating.pop();
      }
    }
    return { def, rule: instanceName };
  }

  private bindArgument(arg: Type, env: Env): Binding {
    // A group socket nothing plugs yet (`m<$$ext>`) is still a group: an empty one.
    if (arg.kind === 'name' && !env.has(arg.name) && socketKind(arg.name) === 'group') this.lookup(arg.name, arg.span);
    if (arg.kind === 'name' && !env.has(arg.name) && this.definitions.has(arg.name) && this.kinds.of(arg.name) === 'group') {
      const { rule } = this.reference(arg.name, arg.genericArgs, arg.span, env);
      return { kind: 'group', entry: { kind: 'group', ref: rule, group: null, occurrence: ONCE, doc: null, span: toIrSpan(arg.span) } };
    }
    return { kind: 'type', type: this.convertType(arg, env) };
  }

  // ---- types ---------------------------------------------------------------

  convertType(type: Type, env: Env): IrType {
    switch (type.kind) {
      case 'choice':
        return { kind: 'choice', options: type.options.map((o) => this.convertType(o, env)) };
      case 'literal':
        return { kind: 'literal', value: convertLiteral(type.value) };
      case 'range': {
        const min = this.rangeBound(type.min, env);
        const max = this.rangeBound(type.max, env);
        if (min.type !== max.type) {
          throw this.error(type.span, `a range needs bounds of one kind (RFC 8610 §2.2.2.1 calls 0..10.0 NOT DEFINED): ${printLiteral(min)} is ${min.type === 'int' ? 'an integer' : 'a float'}, ${printLiteral(max)} ${max.type === 'int' ? 'an integer' : 'a float'}`, null);
        }
        return { kind: 'range', min, max, inclusive: type.inclusive };
      }
      case 'control':
        return {
          kind: 'control',
          op: type.op,
          target: this.convertType(type.target, env),
          controller: this.convertType(type.controller, env),
          span: toIrSpan(type.opSpan),
        };
      case 'name':
        return this.convertName(type.name, type.genericArgs, type.span, env);
      case 'map':
        return { kind: 'map', group: this.convertGroup(type.group, env) };
      case 'array':
        return { kind: 'array', group: this.convertGroup(type.group, env) };
      case 'unwrap':
        return this.unwrapTag(type.name, type.genericArgs, type.span, env);
      case 'enum':
        return { kind: 'enum', values: this.enumValues(type.source, env) };
      case 'tag': {
        const inner = this.convertType(type.type, env);
        if (type.tag === null) return { kind: 'tag', tag: null, type: inner };
        if (type.tag.kind === 'number') return { kind: 'tag', tag: type.tag.value, type: inner };
        return { kind: 'tag', tag: this.convertType(type.tag.type, env), type: inner };
      }
      case 'major': {
        if (type.info === null || type.info.kind === 'number') return convertMajor(type.major, type.info?.value ?? null);
        const info = this.convertType(type.info.type, env);
        const major = majorWithComputedInfo(type.major, info, (rule) => this.plainTypeOf(rule));
        if (major === null) {
          throw new SchemaError('resolve', type.span, `#${type.major}.<${printType(info)}>: the additional information must be an unsigned integer type (RFC 8610 §2.2.3, RFC 9682 §3.2)`, { sources: this.sources });
        }
        if (major.kind === 'choice' && major.options.length === 0) {
          // `#7.<nint>`: an integer type none of whose integers a head holds, as an empty range has none.
          const nothing = `#${type.major}.<${printType(info)}> has no data item: ${printType(info)} has no integer from 0 to 255 (RFC 9682 §3.2)`;
          this.warnings.push({ kind: 'matches-nothing', span: toIrSpan(type.span), message: `${nothing}, so no data item matches it: it is typed never, and decoding it always fails` });
          return { kind: 'choice', options: [], nothing };
        }
        return major;
      }
      case 'any':
        return { kind: 'prim', prim: 'any' };
      case 'labeled':
        throw new SchemaError('invalid', type.span, `zcbor's labelled type-choice option '${type.label}:' is not CDDL, whose type choices have no labels (RFC 8610 Appendix B: type); write the choice without labels, or the alternatives as a group choice with //`, { sources: this.sources });
    }
  }

  private convertName(name: string, args: readonly Type[], span: Span, env: Env): IrType {
    const bound = env.get(name);
    if (bound !== undefined) {
      if (bound.kind === 'group') throw this.error(span, `generic parameter '${name}' stands for a group here, but is used as a type`, 'RFC 8610 §2.1');
      if (args.length > 0) throw this.error(span, `generic parameter '${name}' cannot take generic arguments`, 'RFC 8610 §3.10');
      return structuredClone(bound.type);
    }
    if (!this.definitions.has(name) && socketKind(name) === null) {
      const prelude = preludeType(name);
      if (prelude !== undefined) {
        if (args.length > 0) throw this.error(span, `prelude type '${name}' takes no generic arguments`, 'RFC 8610 Appendix D');
        return prelude;
      }
    }
    const { def, rule } = this.reference(name, args, span, env);
    if (this.kinds.of(def.name) === 'group') {
      if (socketKind(def.name) === 'group') {
        throw this.error(span, `'${name}' is a group socket, its name beginning with '$$' (RFC 8610 §3.9), used here as a type; wrap it: '[ ${name} ]', '{ ${name} }' or '&${name}', or name a type socket '${name.replace(/(^|\.)\$\$/, '$1$')}'`, null);
      }
      throw this.error(span, `'${name}' is a group, used here as a type; wrap it: '[ ${name} ]', '{ ${name} }' or '&${name}'`, 'RFC 8610 §2.1', [
        { span: (def.base ?? def.additions[0])?.nameSpan ?? span, message: `'${name}' is defined here` },
      ]);
    }
    return { kind: 'ref', rule };
  }

  private rangeBound(bound: Type, env: Env): IrLiteral {
    const type = this.convertType(bound, env);
    const literal = this.constantOf(type, new Set());
    if (literal === null || (literal.type !== 'int' && literal.type !== 'float')) {
      throw this.error(bound.span, `a range bound must be a number or the name of one, not '${printType(type)}'`, 'RFC 8610 §2.2.2.1');
    }
    return literal;
  }

  /** The literal a type stands for, following rule references (`max = 10`), or null. */
  private constantOf(type: IrType, seen: Set<string>): IrLiteral | null {
    if (type.kind === 'literal') return type.value;
    if (type.kind !== 'ref' || seen.has(type.rule)) return null;
    seen.add(type.rule);
    const body = this.plainTypeOf(type.rule);
    return body === null ? null : this.constantOf(body, seen);
  }

  /** The type a rule is when it is one plain type (no `/=` additions, not a group), converted with no generic bindings; else null. */
  private plainTypeOf(rule: string): IrType | null {
    const def = this.definitions.get(rule);
    const body = def?.base?.body;
    if (def === undefined || def.additions.length > 0 || body?.kind !== 'type') return null;
    return this.convertType(body.type, EMPTY_ENV);
  }

  // ---- groups --------------------------------------------------------------

  convertGroup(group: Group, env: Env): IrGroup {
    return {
      choices: group.choices.map((c) => {
        if (c.zcborSlash !== undefined) {
          throw new SchemaError('invalid', c.zcborSlash, "zcbor's '/' between group alternatives is not CDDL, whose group choices are separated by '//' (RFC 8610 Appendix B: group); write //", { sources: this.sources });
        }
        return { entries: c.entries.map((e) => this.convertEntry(e, env)) };
      }),
    };
  }

  private convertEntry(entry: GroupEntry, env: Env): IrEntry {
    const occurrence = convertOccurrence(entry.occurrence);
    const span = toIrSpan(entry.span);
    if (occurrence.max !== null && occurrence.min > occurrence.max) {
      // `5*3 int`: no number of occurrences is at least 5 and at most 3, as no integer is in 5..3. The entry is one that
      // must occur once and has no value, which the layouts read as such (an array or map that requires it has none).
      const nothing = `a group entry that occurs ${occurrence.min}*${occurrence.max} times, at least ${occurrence.min} and at most ${occurrence.max}, which no number is (RFC 8610 §3.2)`;
      this.warnings.push({ kind: 'matches-nothing', span, message: `${nothing}, so no data item matches it: an array, map or group that requires it is typed never, and decoding it always fails` });
      const key = entry.kind === 'member' && entry.key !== null ? this.convertKey(entry.key, env) : null;
      return { kind: 'member', name: entry.kind === 'member' && entry.key?.kind === 'bareword' ? entry.key.name : null, key, type: { kind: 'choice', options: [], nothing }, occurrence: ONCE, doc: entry.doc, span };
    }
    if (entry.kind === 'group') {
      return { kind: 'group', ref: null, group: this.convertGroup(entry.group, env), occurrence, doc: entry.doc, span };
    }
    if (entry.key === null) {
      const spliced = this.groupReference(entry.type, env);
      if (spliced !== null) return { ...spliced, occurrence: multiply(occurrence, spliced.occurrence), doc: entry.doc, span };
    }
    const key = entry.key === null ? null : this.convertKey(entry.key, env);
    const name = entry.key?.kind === 'bareword' ? entry.key.name : null;
    return { kind: 'member', name, key, type: this.convertType(entry.type, env), occurrence, doc: entry.doc, span };
  }

  /** A keyless entry that names a group (or unwraps a map or array) is that group spliced in; otherwise null. */
  private groupReference(type: Type, env: Env): (IrEntry & { kind: 'group' }) | null {
    const span = toIrSpan(type.span);
    if (type.kind === 'unwrap') {
      // `~t` of a tag is its content, a type: the entry is a member of that type.
      const target = this.unwrapped(type.name, type.genericArgs, type.span, env);
      if (target.kind !== 'map' && target.kind !== 'array') return null;
      return { kind: 'group', ref: null, group: this.unwrap(type.name, type.genericArgs, type.span, env), occurrence: ONCE, doc: null, span };
    }
    if (type.kind !== 'name') return null;
    const bound = env.get(type.name);
    if (bound !== undefined) return bound.kind === 'group' ? structuredClone(bound.entry) : null;
    // A group socket nobody fills (`* $$ext`) is still a group: an empty one.
    if (socketKind(type.name) === 'group') this.lookup(type.name, type.span);
    if (!this.definitions.has(type.name) || this.kinds.of(type.name) !== 'group') return null;
    const { rule } = this.reference(type.name, type.genericArgs, type.span, env);
    return { kind: 'group', ref: rule, group: null, occurrence: ONCE, doc: null, span };
  }

  /** `~name`: the group inside the map or array that `name` is (unwrap.ts). */
  private unwrap(name: string, args: readonly Type[], span: Span, env: Env): IrGroup {
    const type = this.unwrapped(name, args, span, env);
    if (this.followsUndefined(type)) return { choices: [] };
    return groupInside(name, type, this.failAt(span));
  }

  /** `~name` where a type is expected: the content of the tag that `name` is (unwrap.ts). */
  private unwrapTag(name: string, args: readonly Type[], span: Span, env: Env): IrType {
    const type = this.unwrapped(name, args, span, env);
    if (this.followsUndefined(type)) return type;
    return tagContent(name, type, (ref) => this.followRefs(ref, span), this.failAt(span));
  }

  /** Throws the schema error at `span` (unwrap.ts reports through it). */
  private failAt(span: Span): Fail {
    return (detail, cites) => {
      throw this.error(span, detail, cites);
    };
  }

  /**
   * What `name` stands for, with references followed (a rule that unwraps itself is an error), and through `.default`
   * and `.feature`, whose values are their target's (RFC 8610 §3.8.7, RFC 9165 §4): `~b` with `b = { x: int } .feature
   * "f"` is the group of the map.
   */
  private unwrapped(name: string, args: readonly Type[], span: Span, env: Env): IrType {
    if (this.expanding.has(name)) throw this.error(span, `'~${name}' unwraps itself`, 'RFC 8610 §3.7');
    this.expanding.add(name);
    try {
      let type = this.followRefs(this.convertName(name, args, span, env), span);
      while (type.kind === 'control' && (type.op === 'default' || type.op === 'feature')) type = this.followRefs(type.target, span);
      return type;
    } finally {
      this.expanding.delete(name);
    }
  }

  private followRefs(start: IrType, span: Span): IrType {
    let type = start;
    const seen = new Set<string>();
    while (type.kind === 'ref' && !seen.has(type.rule)) {
      seen.add(type.rule);
      type = this.ruleType(type.rule, span);
    }
    return type;
  }

  /** The type of a (possibly instantiated) type rule. */
  private ruleType(rule: string, span: Span): IrType {
    const instance = this.instances.get(rule);
    if (instance !== undefined) return instance.type ?? { kind: 'choice', options: [] };
    const def = this.definitions.get(rule) ?? this.lookup(rule, span);
    return this.convertTypeRule(def, EMPTY_ENV);
  }

  private convertKey(key: MemberKey, env: Env): IrKey {
    switch (key.kind) {
      case 'bareword':
        return { kind: 'value', value: { type: 'text', value: key.name }, bareword: true };
      case 'value':
        return { kind: 'value', value: convertLiteral(key.value), bareword: false };
      case 'type':
        return { kind: 'type', type: this.convertType(key.type, env), cut: key.cut };
    }
  }

  // ---- enumerations --------------------------------------------------------

  private enumValues(source: Extract<Type, { kind: 'enum' }>['source'], env: Env): IrEnumValue[] {
    if (source.kind === 'group') return this.flattenEnum(this.convertGroup(source.group, env), source.group.span);
    const def = this.lookup(source.name, source.span);
    // An undefined name is said by the error that lists them all; `&` of it is no second error.
    if (this.isUndefined(def)) return [];
    if (this.kinds.of(def.name) !== 'group') throw this.error(source.span, `'&${source.name}' needs a group, but '${source.name}' is a type`, 'RFC 8610 §2.2.2.2');
    const { rule } = this.reference(source.name, source.genericArgs, source.span, env);
    return this.flattenEnum({ choices: [{ entries: [{ kind: 'group', ref: rule, group: null, occurrence: ONCE, doc: null, span: toIrSpan(source.span) }] }] }, source.span);
  }

  /** The values of `&( group )`: every member's type, named after its key; spliced groups contribute theirs. */
  private flattenEnum(group: IrGroup, span: Span): IrEnumValue[] {
    const values: IrEnumValue[] = [];
    for (const entry of group.choices.flatMap((c) => c.entries)) {
      if (entry.kind === 'member') {
        values.push({ name: entry.name, type: entry.type, doc: entry.doc, span: entry.span });
        continue;
      }
      if (entry.group !== null) {
        values.push(...this.flattenEnum(entry.group, span));
        continue;
      }
      const ref = entry.ref as string;
      if (this.expanding.has(ref)) throw this.error(span, `enumeration '&${ref}' contains itself`, 'RFC 8610 §2.2.2.2');
      this.expanding.add(ref);
      try {
        const instance = this.instances.get(ref);
        const def = this.definitions.get(ref);
        const inner = instance?.group ?? this.convertGroupRule(def ?? this.lookup(ref, span), EMPTY_ENV);
        values.push(...this.flattenEnum(inner, span));
      } finally {
        this.expanding.delete(ref);
      }
    }
    return values;
  }
}

// ---- small conversions -------------------------------------------------------

function printBinding(binding: Binding): string {
  return binding.kind === 'type' ? printType(binding.type) : (binding.entry.ref ?? '(group)');
}

function joinDocs(docs: (string | null)[]): string | null {
  const present = docs.filter((d): d is string => d !== null && d !== '');
  return present.length === 0 ? null : present.join('\n');
}

function spanOrder(files: readonly CddlFile[], span: IrSpan): number {
  const index = files.findIndex((f) => f.file === span.file);
  return (index < 0 ? files.length : index) * 1e9 + span.line * 1e4 + span.col;
}


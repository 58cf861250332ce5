/**
 * Module directives → the rules to build (draft-ietf-cbor-cddl-modules).
 *
 * A module is a file's own rules plus what its directives bring in:
 * - `include M`: every rule of M; `include a, b from M`: exactly those.
 * - `import M`: the names the module so far uses but does not define (prelude
 *   names excepted), then what those rules use, until nothing new is needed.
 *   `import a, b from M` starts from the listed names instead. A name the
 *   importer defines is never pulled in (RFC 9338 defines its own `start`).
 * - `as NS`: every rule M defines is named `NS.x` (`NS.$x`), and so is every
 *   reference to it; prelude and undefined names keep theirs. A `from` name
 *   written without the prefix (`a from M as NS`) also gets the rule `a = NS.a`.
 *
 * The root schema files form one module. Since a module's meaning must not
 * depend on who imports it, and modules may import each other in a cycle,
 * every module is computed from the others' current rule sets, round after
 * round, until no set changes (each set only grows as the others do, so this
 * settles; a bound guards against directives that keep trading names).
 * Rules keep the spans of the file they were written in, so every later error
 * points into that file; the same rule reached twice (two routes to a shared
 * module) is taken once.
 */
import { SchemaError, type SourceMap, type Span } from '../diagnostics.js';
import { isPreludeName } from '../ir/prelude.js';
import type { CddlFile, Directive, Rule } from '../parse/ast.js';
import { parseCddl } from '../parse/index.js';
import type { ModuleFile, ModuleLocator } from './locate.js';
import { referencedNames, renameRule } from './names.js';

/** One root schema file, parsed. */
export interface RootFile {
  path: string;
  text: string;
  ast: CddlFile;
  /** Folder its modules are searched from first. */
  dir: string;
  /** Its absolute path, when it is a file. */
  location?: string;
}

/** A file the schema is built from: a root, or a module it reached. */
export interface ResolvedFile {
  path: string;
  text: string;
  /** The file's AST with exactly the rules the schema takes from it (renamed where `as` says so). */
  ast: CddlFile;
  /** The module name it was reached by (`rfc9052`), null for a root file. */
  module: string | null;
  /** Its absolute path when it is a file (what `--watch` watches), else null. */
  location: string | null;
  /**
   * For a root file: the names its `import M` directives (those without a `from` list) offer and the schema did
   * not take, which an undefined name may be a misspelling of (`COSE_Sign1x`: did you mean 'COSE_Sign1'?).
   */
  importable?: string[];
}

/** A rule and where it comes from. `key` tells two arrivals of the same written rule (under the same prefixes) apart from different rules. */
interface RuleInstance {
  rule: Rule;
  key: string;
}

interface Unit {
  id: string;
  /** The module name (file name without `.cddl`); null for the roots. */
  module: string | null;
  files: { path: string; text: string; ast: CddlFile; location: string | null }[];
  directives: { directive: Directive; dir: string }[];
  own: RuleInstance[];
}

/** The rule sets can trade names back and forth only if directives disagree; this many rounds is far beyond any settling schema. */
const MAX_ROUNDS = 64;

/**
 * Resolves every directive reachable from `roots`. Files without directives
 * come back as they were. Throws {@link SchemaError} for a module that is not
 * found, a `from` name the module lacks, or a syntax error in a module.
 */
export function resolveModules(roots: readonly RootFile[], locator: ModuleLocator): ResolvedFile[] {
  return new ModuleResolver(roots, locator).resolve();
}

class ModuleResolver {
  private readonly units: Unit[] = [];
  private readonly unitsById = new Map<string, Unit>();
  private readonly located = new Map<string, ModuleFile>();
  private readonly sources = new Map<string, string>();
  private current = new Map<string, RuleInstance[]>();

  constructor(
    private readonly roots: readonly RootFile[],
    private readonly locator: ModuleLocator,
  ) {
    for (const r of roots) this.sources.set(r.path, r.text);
    const root: Unit = {
      id: '',
      module: null,
      files: roots.map((r) => ({ path: r.path, text: r.text, ast: r.ast, location: r.location ?? null })),
      directives: roots.flatMap((r) => r.ast.directives.map((directive) => ({ directive, dir: r.dir }))),
      own: roots.flatMap((r) => ownInstances(r.ast, r.path)),
    };
    this.addUnit(root);
  }

  resolve(): ResolvedFile[] {
    if (this.units.every((u) => u.directives.length === 0)) return this.roots.map((r) => ({ path: r.path, text: r.text, ast: r.ast, module: null, location: r.location ?? null }));
    for (let round = 0; ; round++) {
      const next = new Map<string, RuleInstance[]>();
      let changed = false;
      // Units found during this round are added to `this.units` and resolved in it too.
      for (let i = 0; i < this.units.length; i++) {
        const unit = this.units[i] as Unit;
        const rules = this.resolveUnit(unit);
        next.set(unit.id, rules);
        if (!sameKeys(rules, this.current.get(unit.id))) changed = true;
      }
      this.current = next;
      if (!changed) break;
      if (round === MAX_ROUNDS) {
        const root = this.units[0] as Unit;
        const first = root.directives[0]?.directive.span ?? root.files[0]?.ast.span;
        throw new SchemaError('resolve', first as Span, `the modules import each other in a way that never settles (after ${MAX_ROUNDS} rounds the rules taken still change)`, { sources: this.sources });
      }
    }
    return this.withImportable(this.output(this.current.get('') ?? []));
  }

  /** The root files of `files` with the names their `import M` directives offer beyond what the schema took ({@link ResolvedFile.importable}). */
  private withImportable(files: ResolvedFile[]): ResolvedFile[] {
    const taken = new Set(files.flatMap((f) => f.ast.rules.map((r) => r.name)));
    return files.map((file) => {
      const root = this.roots.find((r) => r.path === file.path);
      if (root === undefined || file.module !== null) return file;
      const offered = new Set<string>();
      for (const directive of root.ast.directives) {
        if (directive.kind !== 'import' || directive.names !== null) continue;
        const target = this.unitFor(directive, root.dir);
        const available = this.current.get(target.id) ?? target.own;
        const pool = directive.prefix === null ? available : withPrefix(available, directive.prefix.name);
        for (const { rule } of pool) if (!taken.has(rule.name)) offered.add(rule.name);
      }
      return offered.size === 0 ? file : { ...file, importable: [...offered] };
    });
  }

  /** The files the schema is built from, roots first, then modules in the order they were reached, each with its rules in the order they arrived. */
  private output(rules: readonly RuleInstance[]): ResolvedFile[] {
    const byFile = new Map<string, Rule[]>();
    for (const { rule } of rules) {
      const list = byFile.get(rule.span.file);
      if (list === undefined) byFile.set(rule.span.file, [rule]);
      else list.push(rule);
    }
    // Source order within each file (a stable sort keeps two prefixes of one rule in arrival order).
    for (const list of byFile.values()) list.sort((a, b) => a.span.offset - b.span.offset);
    const files: ResolvedFile[] = [];
    for (const unit of this.units) {
      for (const file of unit.files) {
        if (files.some((f) => f.path === file.path)) continue;
        files.push({ path: file.path, text: file.text, ast: { ...file.ast, rules: byFile.get(file.path) ?? [] }, module: unit.module, location: file.location });
      }
    }
    return files;
  }

  private addUnit(unit: Unit): void {
    this.units.push(unit);
    this.unitsById.set(unit.id, unit);
    this.current.set(unit.id, unit.own);
  }

  /** The module a directive names, parsed and registered on first sight. */
  private unitFor(directive: Directive, dir: string): Unit {
    const cacheKey = `${dir}\u0000${directive.module.toLowerCase()}`;
    let file = this.located.get(cacheKey);
    if (file === undefined) {
      const { found, searched } = this.locator.locate(directive.module, dir);
      if (found === null) {
        throw new SchemaError(
          'resolve',
          directive.moduleSpan,
          `module '${directive.module}' not found (draft-ietf-cbor-cddl-modules §2.4): no ${directive.module.toLowerCase()}.cddl in ${searched.join(', ')}; add its folder with -I DIR or the config's "includePath"`,
          { sources: this.sources },
        );
      }
      file = found;
      this.located.set(cacheKey, file);
    }
    const known = this.unitsById.get(file.id) ?? this.rootUnitFor(file);
    if (known !== undefined) return known;
    this.sources.set(file.shown, file.text);
    const ast = parseCddl(file.text, file.shown);
    const unit: Unit = {
      id: file.id,
      module: file.shown.split('/').pop()?.replace(/\.cddl$/i, '') ?? directive.module,
      files: [{ path: file.shown, text: file.text, ast, location: file.id }],
      directives: ast.directives.map((d) => ({ directive: d, dir: file.dir })),
      own: ownInstances(ast, file.id),
    };
    this.addUnit(unit);
    return unit;
  }

  /** A module that is one of the root files (`;# include mimi-message-status` beside the schema itself) is that root, rules and all. */
  private rootUnitFor(file: ModuleFile): Unit | undefined {
    const root = this.roots.find((r) => r.path === file.shown);
    if (root === undefined) return undefined;
    const unit: Unit = {
      id: file.id,
      module: file.shown.split('/').pop()?.replace(/\.cddl$/i, '') ?? null,
      files: [{ path: root.path, text: root.text, ast: root.ast, location: root.location ?? null }],
      directives: root.ast.directives.map((d) => ({ directive: d, dir: root.dir })),
      own: ownInstances(root.ast, root.path),
    };
    this.addUnit(unit);
    return unit;
  }

  private resolveUnit(unit: Unit): RuleInstance[] {
    const set = new RuleSet(unit.own);
    for (const { directive, dir } of unit.directives) {
      const target = this.unitFor(directive, dir);
      const available = this.current.get(target.id) ?? target.own;
      const pool = directive.prefix === null ? available : withPrefix(available, directive.prefix.name);
      const byName = groupByName(pool);
      const listed = directive.names === null ? null : directive.names.map((n) => this.listedName(n, directive, byName, set));
      if (directive.kind === 'include') {
        if (listed === null) for (const rule of pool) set.add(rule);
        else for (const name of listed) for (const rule of byName.get(name) ?? []) set.add(rule);
      } else {
        this.importClosure(set, byName, listed ?? set.undefinedNames());
      }
    }
    return set.rules;
  }

  /**
   * The pool name a `from` entry asks for. With `as NS`, `NS.a` names the
   * prefixed rule, and a bare `a` asks for `NS.a` plus the alias `a = NS.a`
   * (added to `set` here). A name the module does not define is an error.
   */
  private listedName(entry: { name: string; span: Span }, directive: Directive, byName: ReadonlyMap<string, RuleInstance[]>, set: RuleSet): string {
    const prefix = directive.prefix?.name;
    const aliased = prefix !== undefined && !entry.name.startsWith(`${prefix}.`);
    const name = aliased ? `${prefix}.${entry.name}` : entry.name;
    const rules = byName.get(name);
    if (rules === undefined) {
      throw new SchemaError('resolve', entry.span, `module '${directive.module}' defines no rule '${aliased ? entry.name : name}' (draft-ietf-cbor-cddl-modules §2.6)`, { sources: this.sources });
    }
    if (aliased) set.add(aliasRule(entry, name, rules[0] as RuleInstance, directive));
    return name;
  }

  private importClosure(set: RuleSet, byName: ReadonlyMap<string, RuleInstance[]>, wanted: readonly string[]): void {
    const queue = [...wanted];
    const asked = new Set<string>();
    while (queue.length > 0) {
      const name = queue.shift() as string;
      if (asked.has(name)) continue;
      asked.add(name);
      const rules = byName.get(name);
      // The importer's own definition wins, and a name the module lacks stays for a later directive (or for the undefined-name error).
      if (rules === undefined || set.defines(name)) continue;
      for (const rule of rules) {
        set.add(rule);
        for (const used of referencedNames(rule.rule)) if (!set.defines(used) && !isPreludeName(used)) queue.push(used);
      }
    }
  }
}

/** An ordered set of rule instances, with the names it defines. */
class RuleSet {
  readonly rules: RuleInstance[] = [];
  private readonly keys = new Set<string>();
  private readonly names = new Set<string>();

  constructor(initial: readonly RuleInstance[]) {
    for (const rule of initial) this.add(rule);
  }

  add(rule: RuleInstance): void {
    if (this.keys.has(rule.key)) return;
    this.keys.add(rule.key);
    this.names.add(rule.rule.name);
    this.rules.push(rule);
  }

  defines(name: string): boolean {
    return this.names.has(name);
  }

  /** Names used and not defined (prelude names excepted), in order of first use. */
  undefinedNames(): string[] {
    const out = new Set<string>();
    for (const { rule } of this.rules) for (const name of referencedNames(rule)) if (!this.names.has(name) && !isPreludeName(name)) out.add(name);
    return [...out];
  }
}

function ownInstances(ast: CddlFile, id: string): RuleInstance[] {
  return ast.rules.map((rule) => ({ rule, key: `${id}@${rule.span.offset}` }));
}

/** `as NS`: each name the rules define becomes `NS.name`, in definitions and references alike. */
function withPrefix(rules: readonly RuleInstance[], prefix: string): RuleInstance[] {
  const defined = new Set(rules.map((r) => r.rule.name));
  const rename = (name: string) => (defined.has(name) ? `${prefix}.${name}` : name);
  return rules.map((r) => ({ rule: renameRule(r.rule, rename), key: `${r.key} as ${prefix}` }));
}

function groupByName(rules: readonly RuleInstance[]): Map<string, RuleInstance[]> {
  const byName = new Map<string, RuleInstance[]>();
  for (const rule of rules) {
    const list = byName.get(rule.rule.name);
    if (list === undefined) byName.set(rule.rule.name, [rule]);
    else list.push(rule);
  }
  return byName;
}

/** `a = NS.a` (with `a`'s generic parameters passed on), written where the directive names `a`. */
function aliasRule(entry: { name: string; span: Span }, target: string, example: RuleInstance, directive: Directive): RuleInstance {
  const params = example.rule.genericParams;
  const span = entry.span;
  const rule: Rule = {
    kind: 'rule',
    name: entry.name,
    nameSpan: span,
    genericParams: [...params],
    assign: '=',
    body: { kind: 'type', type: { kind: 'name', name: target, genericArgs: params.map((p) => ({ kind: 'name', name: p, genericArgs: [], span })), span } },
    doc: `Alias of ${target}, made by '${directive.kind} ${entry.name} from ${directive.module} as ${directive.prefix?.name ?? ''}'.`,
    span,
  };
  return { rule, key: `${span.file}@${span.offset} alias ${entry.name}` };
}

function sameKeys(a: readonly RuleInstance[], b: readonly RuleInstance[] | undefined): boolean {
  if (b === undefined || a.length !== b.length) return false;
  return a.every((r, i) => r.key === (b[i] as RuleInstance).key);
}

/** Source texts of every resolved file, for error excerpts. */
export function sourcesOf(files: readonly ResolvedFile[]): SourceMap {
  return new Map(files.map((f) => [f.path, f.text]));
}

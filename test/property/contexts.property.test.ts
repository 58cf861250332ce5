/**
 * Every schema's rules in the places other schemas put rules: for a sample of each corpus and library schema's
 * rules X, rules that hold X in a context (a recursive list, a map key and value, an optional member before a
 * required one, embedded CBOR, a group choice, tags around X beside X, …) are generated with the schema, and the
 * property of check-module.ts holds for them: drawn items decode, pass the guard and re-encode to their bytes, and
 * edited ones give a DecodeError or a value the guard passes and the encoder writes.
 *
 * This found a generator crash (a float rule naming another float rule, boxed beside an integer) and code that did
 * not compile (a list of a rule beside a rule that is nil). `CONTEXTS_WIDE=1` takes every rule (up to 60) in every
 * context and type-checks the modules under the strictest settings, which takes some minutes; CI runs a sample.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, compileIr, type EmittedFile, type SchemaText } from '../../generator/index.js';
import { scratchFolder } from '../support/scratch.js';
import { typecheck } from '../support/typecheck.js';
import { checkModule, sample, type RuleName } from './check-module.js';
import { addModuleFiles, propertySchemas } from './schemas.js';

const TMP = new URL('./__tmp__/contexts/', import.meta.url);
const WIDE = process.env.CONTEXTS_WIDE === '1';
/** Rules of each schema put in contexts, and items drawn for each context rule. */
const RULES = WIDE ? 60 : 6;
const SEEDS = WIDE ? 6 : 3;

/**
 * The contexts, each a rule named `n` holding the rule `x`. `byLength`: an array the typed code reads by its length
 * where RFC 8610 Appendix A's greedy match does not (`[? X, int]` given one item X could be, `[ (X // int, tstr) ]`;
 * the generator warns, and `arrayMatching`, docs/cddl-support.md, says why), so that an edited item the decoder takes
 * there may be one the general matcher refuses.
 */
const CONTEXTS: readonly { rule: (x: string, n: string) => string; byLength?: true }[] = [
  { rule: (x, n) => `${n} = [* (${n} / ${x})]` },
  { rule: (x, n) => `${n} = { ? m: ${n}, * tstr => ${x} }` },
  { rule: (x, n) => `${n} = { * ${x} => int }` },
  { rule: (x, n) => `${n} = ${x} / int / tstr / nil` },
  { rule: (x, n) => `${n} = [? ${x}, int]`, byLength: true },
  { rule: (x, n) => `${n} = bstr .cbor ${x}` },
  { rule: (x, n) => `${n} = [ (${x} // int, tstr) ]`, byLength: true },
  { rule: (x, n) => `${n} = [* (a: ${x}, b: int)]` },
  { rule: (x, n) => `${n} = #6.99(${x}) / #6.98([${x}])` },
  { rule: (x, n) => `${n} = [* ${x}] / [* int]` },
  { rule: (x, n) => `${n} = { a: ${x}, ? b: ${x} } / { a: int }` },
  { rule: (x, n) => `${n} = tstr .b64u (bstr .cbor ${x})` },
];

/** Schemas that do not generate (the property test lists why). */
const NOT_GENERATED = new Set(['corpus/zcbor-everything.cddl', 'corpus/cddlc-tests/11-badrange.cddl']);

const schemas = propertySchemas().filter((s) => !NOT_GENERATED.has(s.name));
const built = new Map<string, { files: EmittedFile[]; rules: RuleName[] }>();
let modules: URL;

beforeAll(() => {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  const written = new Map<string, string>();
  for (const schema of schemas) {
    // The schema's own type rules a context can name (not a generic's instance, not another module's name).
    const names = compileIr(schema.schemas).rules.filter((r) => r.kind === 'type' && /^[$A-Za-z@_][\w@$-]*$/.test(r.name)).map((r) => r.name);
    const targets = WIDE ? names.slice(0, RULES) : sample(names, RULES);
    const text = targets.flatMap((x, i) => CONTEXTS.map((context, k) => context.rule(x, `mimi-context-${k}-${i}`))).join('\n');
    const texts: SchemaText[] = [...schema.schemas, { path: 'mimi-contexts.cddl', text: `${text}\n` }];
    const files = compile(texts, { arbitrary: true });
    const rules = compileIr(texts).rules.flatMap((r) => (r.kind === 'type' && r.name.startsWith('mimi-context-') ? [{ name: r.name, tsName: r.tsName }] : []));
    built.set(schema.name, { files, rules });
    addModuleFiles(written, schema.name, files);
  }
  modules = scratchFolder(TMP, 'modules', [...written].map(([path, contents]) => ({ path, contents })));
}, 600_000);

describe.each(schemas.map((s) => s.name))('%s', (name) => {
  it('its rules in contexts: drawn items decode, pass the guard and re-encode; edits give DecodeError or a valid value', async () => {
    const { files, rules } = built.get(name)!;
    const main = files[0]!.path;
    const mod = (await import(/* @vite-ignore */ new URL(main, modules).href)) as Record<string, unknown>;
    const arbitrary = (await import(/* @vite-ignore */ new URL(main.replace(/\.ts$/, '.arbitrary.ts'), modules).href)) as Record<string, unknown>;
    const report = checkModule(mod, arbitrary, rules, { seeds: SEEDS, edits: 3, maxRules: rules.length });
    const byLength = new Set(rules.filter((r) => CONTEXTS[Number(/^mimi-context-(\d+)-/.exec(r.name)?.[1])]?.byLength === true).map((r) => r.tsName));
    const failures = report.failures.filter((f) => !((f.kind === 'edit-matcher' || f.kind === 'edit-refused') && byLength.has(f.rule)));
    expect(failures.map((f) => `${f.rule} ${f.kind}: ${f.message} (seed ${f.seed}, ${f.hex})`)).toEqual([]);
    expect(report.items).toBeGreaterThan(0);
    if (WIDE) {
      const paths = files.filter((f) => f.path.endsWith('.ts')).map((f) => fileURLToPath(new URL(f.path, modules)));
      expect(typecheck(paths, { moduleResolution: 'nodenext' })).toEqual([]);
    }
  }, WIDE ? 600_000 : 60_000);
});

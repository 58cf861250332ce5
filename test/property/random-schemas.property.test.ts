/**
 * Valid CDDL generates, and what it generates is right, on schemas nobody wrote: small random schemas
 * (random-schemas.ts) each either generate or are refused with a SchemaError (never another error), the modules
 * type-check under the strictest settings, and the property of check-module.ts holds for every rule (drawn items
 * decode, pass the guard and re-encode to their bytes; edited ones, and the first two items of every other rule,
 * give a DecodeError or a value the guard passes and the encoder writes, the typed decoder taking exactly what the
 * general matcher takes but where a warning says it reads otherwise: departures.ts).
 *
 * A campaign of these found eleven generator faults in December 2026: stack overflows on rules that recur through
 * `.and` or `.within`, a crash on computed keys of a type no value has, an empty map beside a map with members
 * written as `{}`, test-data generators that never ended, and encoders that did not compile (a branch for an option
 * no value has, `true` tested after `bool`). Each has its own test besides; this one keeps looking.
 * A wider grammar (random-wide-schemas.ts) found seven more, and a map whose answer depended on the order of its
 * entries; a structural one (random-structural-schemas.ts: how arrays, maps, tags, choices, `.and`, unwrapping,
 * group choices, recursion and generics combine) found twelve more. Later runs with new seeds found five (structural:
 * a generator crash comparing a rule inside its own tags for floats, test data drawn without end through a group
 * spliced three times in one choice, circular type aliases, an array check with unreachable code; wide: an encoder
 * branch TypeScript refused). Rules that name each other inside tags (random-recursive-tags.ts) overflowed the stack
 * in 45 of 400 schemas and took a minute in others (boxing floats through copies of the rules' choices, level by level),
 * and the choice planner's time grew factorially with such rules. `RANDOM_SCHEMAS=n` draws n narrower schemas (default
 * 60), `RANDOM_WIDE_SCHEMAS=n` n wider ones (default 40), `RANDOM_STRUCTURAL_SCHEMAS=n` n structural ones (default 25),
 * `RANDOM_RECURSIVE_TAG_SCHEMAS=n` n of those (default 15), `RANDOM_SCHEMAS_SEED` moves them all to seeds no run has tried.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { isSchemaError } from '../../generator/diagnostics.js';
import { compile, compileIr, type EmittedFile, type SchemaWarning } from '../../generator/index.js';
import { departingRules, withoutDepartures } from './departures.js';
import { scratchFolder } from '../support/scratch.js';
import { typecheck } from '../support/typecheck.js';
import { checkModule, type RuleName } from './check-module.js';
import { addModuleFiles } from './schemas.js';
import { randomSchema } from './random-schemas.js';
import { randomWideSchema } from './random-wide-schemas.js';
import { randomStructuralSchema } from './random-structural-schemas.js';
import { randomRecursiveTagsSchema } from './random-recursive-tags.js';

const TMP = new URL('./__tmp__/random-schemas/', import.meta.url);
const FIRST_SEED = Number(process.env.RANDOM_SCHEMAS_SEED ?? 1);
/** The schemas drawn: the narrower ones (random-schemas.ts), the wider ones (random-wide-schemas.ts), then the structural ones (random-structural-schemas.ts), each from FIRST_SEED on. */
const SCHEMAS = [
  ...Array.from({ length: Number(process.env.RANDOM_SCHEMAS ?? 60) }, (_, k) => ({ name: `random-${FIRST_SEED + k}`, text: randomSchema(FIRST_SEED + k) })),
  ...Array.from({ length: Number(process.env.RANDOM_WIDE_SCHEMAS ?? 40) }, (_, k) => ({ name: `random-wide-${FIRST_SEED + k}`, text: randomWideSchema(FIRST_SEED + k) })),
  ...Array.from({ length: Number(process.env.RANDOM_STRUCTURAL_SCHEMAS ?? 25) }, (_, k) => ({ name: `random-structural-${FIRST_SEED + k}`, text: randomStructuralSchema(FIRST_SEED + k) })),
  ...Array.from({ length: Number(process.env.RANDOM_RECURSIVE_TAG_SCHEMAS ?? 15) }, (_, k) => ({ name: `random-recursive-tags-${FIRST_SEED + k}`, text: randomRecursiveTagsSchema(FIRST_SEED + k) })),
];
const COUNT = SCHEMAS.length;

interface Built {
  text: string;
  main: string;
  rules: RuleName[];
  /** Rules whose typed decoders read some data otherwise than the general matcher, as a warning says (departures.ts). */
  departing: Set<string>;
}

const built: Built[] = [];
const crashes: string[] = [];
let refused = 0;
let modules: URL;

beforeAll(() => {
  rmSync(TMP, { recursive: true, force: true });
  mkdirSync(TMP, { recursive: true });
  const written = new Map<string, string>();
  for (const { name, text } of SCHEMAS) {
    const texts = [{ path: `${name}.cddl`, text }];
    let files: EmittedFile[];
    const warnings: SchemaWarning[] = [];
    try {
      files = compile(texts, { arbitrary: true, onWarning: (w) => warnings.push(w) });
    } catch (error) {
      if (isSchemaError(error)) refused++;
      else crashes.push(`${name}:\n${text}${String((error as Error).stack ?? error).split('\n').slice(0, 4).join('\n')}`);
      continue;
    }
    // Generic rules are no rules of their own: their instances are.
    const ir = compileIr(texts);
    const rules = ir.rules.flatMap((r) => (r.kind === 'type' && !r.name.includes('<') ? [{ name: r.name, tsName: r.tsName }] : []));
    built.push({ text, main: (files[0] as EmittedFile).path, rules, departing: departingRules(ir, warnings) });
    addModuleFiles(written, name, files);
  }
  modules = scratchFolder(TMP, 'modules', [...written].map(([path, contents]) => ({ path, contents })));
}, 300_000);

it('every schema generates or is refused with a SchemaError, never another error', () => {
  expect(crashes).toEqual([]);
  // Most generate: a run that refused them all would test nothing.
  expect(built.length).toBeGreaterThan(COUNT / 2);
  expect(refused + built.length + crashes.length).toBe(COUNT);
});

it('the modules type-check under the strictest settings', () => {
  const paths = built.map((b) => fileURLToPath(new URL(b.main, modules)));
  expect(typecheck(paths, { moduleResolution: 'nodenext' })).toEqual([]);
}, 300_000);

it('their rules: drawn items decode, pass the guard and re-encode; edits, and items of the other rules, give DecodeError or a valid value', async () => {
  const failures: string[] = [];
  let items = 0;
  let crossed = 0;
  for (const b of built) {
    const mod = (await import(/* @vite-ignore */ new URL(b.main, modules).href)) as Record<string, unknown>;
    const arbitrary = (await import(/* @vite-ignore */ new URL(b.main.replace(/\.ts$/, '.arbitrary.ts'), modules).href)) as Record<string, unknown>;
    const report = checkModule(mod, arbitrary, b.rules, { seeds: 6, edits: 3, maxRules: b.rules.length, crossItems: 2 });
    items += report.items;
    crossed += report.crossed;
    for (const f of withoutDepartures(report.failures, b.departing)) failures.push(`${b.text}  ${f.rule} ${f.kind}: ${f.message} (seed ${f.seed}, ${f.hex})`);
  }
  expect(failures).toEqual([]);
  expect(items).toBeGreaterThan(0);
  expect(crossed).toBeGreaterThan(0);
}, 300_000);

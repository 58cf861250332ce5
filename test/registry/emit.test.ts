/**
 * The registries in the generated module: for the draft alone and with a
 * vendor extension (origins, comments), the name ↔ value lookups (an unknown
 * value or name reads as undefined, never as an error), the combined registry
 * of a choice of enumerations, naming collisions as SchemaErrors, a strict
 * compile, and that a bundler keeps only what is imported.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, type SchemaText } from '../../generator/index.js';
import { CONTENT_SCHEMA_PATH, REPO, statusSchema, VENDOR_EXTENSION } from '../support/schemas.js';
import { identifiersIn, typecheck } from '../support/typecheck.js';
import { declarationText, fn, generateAndImport, TMP, writeOut, type RegistryModule } from './helpers.js';

afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const DRAFT = 'schemas/mimi-message-status.cddl';
const BASE_NAMES = ['unread', 'delivered', 'read', 'expired', 'deleted', 'hidden', 'error'];

describe('the registries of the draft schema alone', () => {
  let m: RegistryModule;
  let text: string;
  beforeAll(async () => {
    ({ module: m, text } = await generateAndImport('draft', [statusSchema()]));
  });

  it('are emitted as plain, readable code', () => {
    expect(declarationText(text, 'export const BaseStatusRegistry')).toBe(
      [
        '/**',
        ' * The registry of `baseStatus`: every named value with its name, value, origin (the file that defines it) and CDDL comment.',
        ' *',
        ' * CDDL rule `baseStatus` (schemas/mimi-message-status.cddl:8).',
        ' */',
        'export const BaseStatusRegistry = [',
        ...BASE_NAMES.map((name, value) => `  { name: '${name}', value: ${value}, origin: '${DRAFT}', doc: null },`),
        '] as const;',
      ].join('\n'),
    );
    // A registry of single values: the runtime's lookups over it, their types named after the enumeration's const
    // object and type, whose keys and values are exactly the registry's names and values.
    expect(declarationText(text, 'export const nameOfBaseStatus:')).toBe(
      [
        '/** The name of a value of `baseStatus`, or `undefined` for a value it does not name. */',
        'export const nameOfBaseStatus: (value: number) => keyof typeof BaseStatus | undefined = /*#__PURE__*/ nameLookup(BaseStatusRegistry);',
      ].join('\n'),
    );
    expect(declarationText(text, 'export const valueOfBaseStatus:')).toBe(
      [
        '/** The value `baseStatus` gives a name, or `undefined` for a name it does not define. */',
        'export const valueOfBaseStatus: (name: string) => BaseStatus | undefined = /*#__PURE__*/ valueLookup(BaseStatusRegistry);',
      ].join('\n'),
    );
    // A registry with a named range keeps switches of its own.
    expect(declarationText(text, 'export function valueOfUnknownStatus(')).toBe(
      [
        '/** The value `unknownStatus` gives a name (`{ min, max }` for a named range, bounds included), or `undefined` for a name it does not define. */',
        'export function valueOfUnknownStatus(name: string): { readonly min: 7; readonly max: 255 } | undefined {',
        '  switch (name) {',
        "    case 'unknown': return { min: 7, max: 255 };",
        '  }',
        '  return undefined;',
        '}',
      ].join('\n'),
    );
    expect(text).toContain('  if (Number.isInteger(value) && value >= 7 && value <= 255) return \'unknown\';\n');
  });

  it('hold every named value with its value, origin and comment, ranges as { min, max }', () => {
    expect(m.BaseStatusRegistry).toEqual(BASE_NAMES.map((name, value) => ({ name, value, origin: DRAFT, doc: null })));
    expect(m.UnknownStatusRegistry).toEqual([{ name: 'unknown', value: { min: 7, max: 255 }, origin: DRAFT, doc: null }]);
    // The socket nobody fills yet: an empty registry, and lookups that name nothing.
    expect(m.ExtStatusRegistry).toEqual([]);
    expect(fn(m, 'nameOfExtStatus')(8)).toBeUndefined();
    expect(fn(m, 'valueOfExtStatus')('starred')).toBeUndefined();
  });

  it('look up value → name and back; what the schema does not name reads as undefined', () => {
    const nameOf = fn(m, 'nameOfBaseStatus');
    const valueOf = fn(m, 'valueOfBaseStatus');
    BASE_NAMES.forEach((name, value) => {
      expect(nameOf(value)).toBe(name);
      expect(valueOf(name)).toBe(value);
    });
    for (const value of [7, 200, -1, 0.5, Number.NaN, Infinity]) expect(nameOf(value)).toBeUndefined();
    for (const name of ['unknown', 'Read', '', 'toString', '__proto__', 'constructor', 'hasOwnProperty']) expect(valueOf(name)).toBeUndefined();
    const nameOfUnknown = fn(m, 'nameOfUnknownStatus');
    expect([6, 7, 100, 255, 256, 7.5].map(nameOfUnknown)).toEqual([undefined, 'unknown', 'unknown', 'unknown', undefined, undefined]);
  });

  it('combine the options of `baseStatus / $extStatus / unknownStatus` in one registry, named after baseStatus', () => {
    expect(m.BaseStatusChoiceRegistry).toEqual([...(m.BaseStatusRegistry as unknown[]), ...(m.UnknownStatusRegistry as unknown[])]);
    const nameOf = fn(m, 'nameOfBaseStatusChoice');
    expect([0, 2, 6, 7, 200, 255, 256, -1].map(nameOf)).toEqual(['unread', 'read', 'error', 'unknown', 'unknown', 'unknown', undefined, undefined]);
    expect(fn(m, 'valueOfBaseStatusChoice')('unknown')).toEqual({ min: 7, max: 255 });
    expect(text).toContain(
      '/** The registry of the choice `baseStatus / $extStatus / unknownStatus` (schemas/mimi-message-status.cddl:5): the named values of its options, in order, each with its name, value, origin (the file that defines it) and CDDL comment. */\nexport const BaseStatusChoiceRegistry = [',
    );
  });

  it('never throw, whatever they are given', () => {
    const lookups = ['nameOfBaseStatus', 'valueOfBaseStatus', 'nameOfUnknownStatus', 'valueOfUnknownStatus', 'nameOfExtStatus', 'valueOfExtStatus', 'nameOfBaseStatusChoice', 'valueOfBaseStatusChoice'].map((name) => fn(m, name));
    fc.assert(
      fc.property(fc.anything(), (input) => {
        for (const lookup of lookups) {
          const out = lookup(input);
          expect(out === undefined || typeof out === 'string' || typeof out === 'number' || typeof out === 'object').toBe(true);
        }
      }),
    );
  });

  it('name ↔ value round-trips for every named value of the choice', () => {
    const nameOf = fn(m, 'nameOfBaseStatusChoice');
    const valueOf = fn(m, 'valueOfBaseStatusChoice');
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 300 }), (value) => {
        const name = nameOf(value);
        const back = name === undefined ? undefined : valueOf(name);
        if (name === undefined) expect(value < 0 || value > 255).toBe(true);
        else if (typeof back === 'number') expect(back).toBe(value);
        else expect(back).toEqual({ min: 7, max: 255 });
      }),
    );
  });
});

describe('the registries with a vendor extension', () => {
  let m: RegistryModule;
  beforeAll(async () => {
    ({ module: m } = await generateAndImport('extension', [statusSchema(), VENDOR_EXTENSION]));
  });

  it('give each value its origin file and its comment', () => {
    expect(m.ExtStatusRegistry).toEqual([
      { name: 'starred', value: 8, origin: 'my-statuses.cddl', doc: 'the user starred the message' },
      { name: 'pinned', value: 9, origin: 'my-statuses.cddl', doc: null },
    ]);
    expect(m.BaseStatusRegistry).toEqual(BASE_NAMES.map((name, value) => ({ name, value, origin: DRAFT, doc: null })));
  });

  it('combine the draft, the vendor and the range, a named value winning over the range it lies in', () => {
    expect((m.BaseStatusChoiceRegistry as readonly { name: string; origin: string }[]).map((e) => `${e.name}@${e.origin}`)).toEqual([
      ...BASE_NAMES.map((n) => `${n}@${DRAFT}`),
      'starred@my-statuses.cddl',
      'pinned@my-statuses.cddl',
      `unknown@${DRAFT}`,
    ]);
    const nameOf = fn(m, 'nameOfBaseStatusChoice');
    expect([2, 7, 8, 9, 10, 200, 256].map(nameOf)).toEqual(['read', 'unknown', 'starred', 'pinned', 'unknown', 'unknown', undefined]);
    expect(fn(m, 'valueOfBaseStatusChoice')('starred')).toBe(8);
    expect(fn(m, 'nameOfExtStatus')(8)).toBe('starred');
    expect(fn(m, 'nameOfExtStatus')(2)).toBeUndefined();
  });
});

describe('other enumerations', () => {
  it('a rule whose type is the choice names the combined registry', async () => {
    const schema: SchemaText = {
      path: 'named.cddl',
      text: 'report = [ * status ]\nstatus = baseStatus / unknownStatus\nbaseStatus = &( unread: 0, read: 1 )\nunknownStatus = &( unknown: 2..9 )\n',
    };
    const { module: m } = await generateAndImport('named', [schema]);
    expect(m.StatusRegistry).toHaveLength(3);
    expect([1, 5, 10].map(fn(m, 'nameOfStatus'))).toEqual(['read', 'unknown', undefined]);
    expect(m.BaseStatusChoiceRegistry).toBeUndefined();
  });

  it('text, boolean, big, negative and float values, and an exclusive range, are looked up exactly', async () => {
    const schema: SchemaText = {
      path: 'mixed.cddl',
      text: [
        'thing = [ kind: kind, size: size, part: part ]',
        'kind = &(',
        '  red: "r",   ; warm',
        '  green: "g",',
        '  ; on or off',
        '  lit: true',
        ')',
        'size = &( huge: 18446744073709551615, minus: -1, small: 0...10 )',
        'part = &( half: 0.5, quarter: 0.25 )',
        '',
      ].join('\n'),
    };
    const { module: m, paths, text } = await generateAndImport('mixed', [schema]);
    expect(m.KindRegistry).toEqual([
      { name: 'red', value: 'r', origin: 'mixed.cddl', doc: 'warm' },
      { name: 'green', value: 'g', origin: 'mixed.cddl', doc: null },
      { name: 'lit', value: true, origin: 'mixed.cddl', doc: 'on or off' },
    ]);
    expect(text).toContain('export const nameOfKind: (value: string | boolean) => keyof typeof Kind | undefined = /*#__PURE__*/ nameLookup(KindRegistry);');
    expect(['g', true, false, 1, 'x'].map(fn(m, 'nameOfKind'))).toEqual(['green', 'lit', undefined, undefined, undefined]);
    expect(['red', 'lit', 'blue', 'name', '__proto__'].map(fn(m, 'valueOfKind'))).toEqual(['r', true, undefined, undefined, undefined]);
    expect(text).toContain('export function nameOfSize(value: number | bigint): \'huge\' | \'minus\' | \'small\' | undefined {');
    expect([18446744073709551615n, -1, 0, 9, 10, 9n, 2 ** 64, 0.5].map(fn(m, 'nameOfSize'))).toEqual(['huge', 'minus', 'small', 'small', undefined, 'small', undefined, undefined]);
    // An integer range that excludes its bound is written as the inclusive one below.
    expect(fn(m, 'valueOfSize')('small')).toEqual({ min: 0, max: 9 });
    expect(fn(m, 'valueOfSize')('huge')).toBe(18446744073709551615n);
    expect([0.5, 0.25, 1].map(fn(m, 'nameOfPart'))).toEqual(['half', 'quarter', undefined]);
    expect(typecheck(paths, { moduleResolution: 'nodenext' })).toEqual([]);
  });

  it('the MIMI content schema gets the dispositions and their combined registry', () => {
    const module = compile([{ path: CONTENT_SCHEMA_PATH, text: readFileSync(join(REPO, CONTENT_SCHEMA_PATH), 'utf8') }])[0]!;
    for (const name of ['BaseDisposRegistry', 'nameOfBaseDispos', 'valueOfUnknownDispos', 'ExtDisposRegistry', 'BaseDisposChoiceRegistry', 'nameOfBaseDisposChoice']) {
      expect(module.contents).toMatch(new RegExp(`^export (const|function) ${name}\\b`, 'm'));
    }
  });
});

describe('names that would collide', () => {
  /** Compiles, collecting the warnings' messages. */
  const compileWarning = (path: string, text: string) => {
    const warnings: string[] = [];
    const files = compile([{ path, text }], { onWarning: (w) => warnings.push(`${w.span.file}:${w.span.line}:${w.span.col}: ${w.message}`) });
    return { files, text: files[0]!.contents, warnings };
  };

  it('a rule taking a registry name keeps it; the registry takes _2, with a warning naming both', () => {
    const { files, text, warnings } = compileWarning('clash.cddl', 'thing = [ s: baseStatus, r: baseStatusRegistry ]\nbaseStatus = &( a: 0, b: 1 )\nbaseStatusRegistry = tstr\n');
    expect(warnings).toEqual([
      "clash.cddl:2:1: the registry of 'baseStatus' exports 'BaseStatusRegistry_2', because 'baseStatusRegistry' has the name 'BaseStatusRegistry' (rules keep their names; a registry's name takes _2, _3, … as rules that meet in one name do)",
    ]);
    expect(text).toMatch(/^export type BaseStatusRegistry = string;$/m);
    expect(text).toMatch(/^export const BaseStatusRegistry_2 = \[$/m);
    // The lookups' names were free: they keep them.
    expect(text).toMatch(/^export const nameOfBaseStatus: .* = \/\*#__PURE__\*\/ nameLookup\(BaseStatusRegistry_2\);$/m);
    expect(text).toMatch(/^export const valueOfBaseStatus: .* = \/\*#__PURE__\*\/ valueLookup\(BaseStatusRegistry_2\);$/m);
    expect(typecheck(writeOut('registry-clash', files), { moduleResolution: 'nodenext' })).toEqual([]);
  });

  it('two different choices named after the same rule: the later one takes _2 for each of its names', () => {
    const { files, text, warnings } = compileWarning('two.cddl', 'a = [ s: baseStatus / more ]\nb = [ s: baseStatus / other ]\nbaseStatus = &( x: 0 )\nmore = &( y: 1 )\nother = &( z: 2 )\n');
    expect(warnings.map((w) => w.split(', because')[0])).toEqual([
      "two.cddl:2:7: the registry of the choice 'baseStatus / other', named after 'baseStatus', exports 'BaseStatusChoiceRegistry_2'",
      "two.cddl:2:7: the registry of the choice 'baseStatus / other', named after 'baseStatus', exports 'nameOfBaseStatusChoice_2'",
      "two.cddl:2:7: the registry of the choice 'baseStatus / other', named after 'baseStatus', exports 'valueOfBaseStatusChoice_2'",
    ]);
    for (const name of ['BaseStatusChoiceRegistry', 'BaseStatusChoiceRegistry_2', 'nameOfBaseStatusChoice', 'nameOfBaseStatusChoice_2']) expect(text).toMatch(new RegExp(`^export (const|function) ${name}\\b`, 'm'));
    expect(typecheck(writeOut('registry-two-choices', files), { moduleResolution: 'nodenext' })).toEqual([]);
  });

  it('an enumeration named like a choice registry: the enumeration, a rule, keeps its name', () => {
    const { text, warnings } = compileWarning('c.cddl', 'a = [ s: baseStatus / more ]\nbaseStatus = &( x: 0 )\nmore = &( y: 1 )\nbaseStatusChoice = &( z: 2 )\n');
    // Enumerations' registries are named before choices', so all three names of the choice's registry move.
    expect(warnings.map((w) => w.split(', because')[0])).toEqual(
      ['BaseStatusChoiceRegistry_2', 'nameOfBaseStatusChoice_2', 'valueOfBaseStatusChoice_2'].map((name) => `c.cddl:1:7: the registry of the choice 'baseStatus / more', named after 'baseStatus', exports '${name}'`),
    );
    expect(text).toMatch(/^export const BaseStatusChoiceRegistry = \[\n {2}\{ name: 'z'/m);
    expect(text).toMatch(/^export const BaseStatusChoiceRegistry_2 = \[\n {2}\{ name: 'x'/m);
  });
});

describe('the module with registries', () => {
  const files = compile([statusSchema(), VENDOR_EXTENSION]);
  const module = files[0]!;

  it('compiles under strict settings, and its registry types are exact', () => {
    const paths = writeOut('typed', files);
    const use = join(paths[0]!, '../use.ts');
    const usage = [
      "import { BaseStatusChoiceRegistry, ExtStatusRegistry, nameOfBaseStatusChoice, valueOfExtStatus, type PerMessageStatus } from './mimi-message-status.js';",
      "export function label(s: PerMessageStatus): 'read' | 'starred' | 'unknown' | (string & {}) {",
      "  return nameOfBaseStatusChoice(s.status) ?? 'unnamed';",
      '}',
      "export const starred: 8 | 9 | undefined = valueOfExtStatus('starred');",
      "export const origins: readonly ('schemas/mimi-message-status.cddl' | 'my-statuses.cddl')[] = BaseStatusChoiceRegistry.map((e) => e.origin);",
      "export const doc: 'the user starred the message' | null = ExtStatusRegistry[0].doc;",
      '',
    ].join('\n');
    // A file beside the generated module, importing it as a user would.
    writeFileSync(use, usage);
    expect(typecheck([...paths, use], { moduleResolution: 'nodenext' })).toEqual([]);
    expect(typecheck(paths, { moduleResolution: 'bundler' })).toEqual([]);
  });

  it('uses no Node API and nothing of the runtime in its registries', () => {
    const section = module.contents.slice(module.contents.indexOf('// ---- Registries'));
    const used = identifiersIn(section);
    for (const name of ['Buffer', 'process', 'require', 'CborReader', 'CborWriter', 'report', 'withPath']) expect(used).not.toContain(name);
  });

  it('lets a bundler keep only what is imported', async () => {
    // esbuild comes with vitest (through vite); it stands in for any tree-shaking bundler.
    const { build } = await import('esbuild');
    const paths = writeOut('shake', files);
    const bundle = async (names: string) =>
      (
        await build({
          stdin: { contents: `export { ${names} } from './mimi-message-status.js';`, resolveDir: join(paths[0]!, '..'), loader: 'ts' },
          bundle: true,
          format: 'esm',
          write: false,
          treeShaking: true,
          logLevel: 'silent',
        })
      ).outputFiles[0]!.text;
    const nameOnly = await bundle('nameOfBaseStatusChoice');
    expect(nameOnly).toContain('return "starred"');
    expect(nameOnly).not.toContain('origin');
    expect(nameOnly).not.toMatch(/CborReader|DecodeError|function decode/);
    const registryOnly = await bundle('ExtStatusRegistry');
    expect(registryOnly).toContain('the user starred the message');
    expect(registryOnly).not.toMatch(/function nameOf|unread/);
  });
});


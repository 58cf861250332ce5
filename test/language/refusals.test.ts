/**
 * The catalogue of refusals in docs/cddl-support.md ("Refusals"), enforced both ways:
 * - every row's example, compiled, gives exactly the row's message (an error, a warning, or the
 *   reason a rule is general), so the docs cannot say what the generator does not do (a row whose
 *   first cell says "(with `arrayMatching: 'greedy'`)" is compiled with that option);
 * - every refusal written in generator/ (test/support/refusal-sites.ts) has a row whose message it
 *   produces, so a new refusal cannot go undocumented.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile, type CompileOptions } from '../../generator/index.js';
import { ARRAY_MATCHINGS } from '../../generator/config.js';
import { refusalSites } from '../support/refusal-sites.js';
import { REPO } from '../support/schemas.js';

type Mode = 'error' | 'warning' | 'general';

interface Row {
  section: string;
  mode: Mode;
  what: string;
  cddl: string;
  message: string;
  why: string;
}

const MODES: Record<string, Mode> = {
  'Refused: invalid CDDL': 'error',
  'Refused: resource limits': 'error',
  'Refused: valid CDDL not handled yet': 'error',
  'Accepted with a warning': 'warning',
  'What makes a rule general': 'general',
};

/**
 * Refusals with no example yet: defensive checks behind earlier ones (the IR refuses an undefined
 * name before a layout could), or cases no schema tried so far reaches. Each must still be in the
 * source (the test fails when one is gone), so the list only shrinks.
 */
const NO_EXAMPLE_YET: readonly string[] = [
  'the modules import each other in a way that never settles (after ${MAX_ROUNDS} rounds the rules taken still change)',
  "'${def.name}' is a type, but this defines a group",
  "'~${name}' needs a map or an array, but '${name}' is '${printType(type)}'",
  'expected the element to match (a rule name, for instance) before the grammar',
  'expected a rule name at the start of the line, not ${this.describe(this.pos)}${hint}',
  'more than ${MAX_ALTERNATIVES} alternatives from group choices and optional members',
  'a required array member after an optional one',
  "unknown group '${entry.ref}'",
  '.${type.op} whose result is two ${meet.kind} types that one type cannot say: ${printType(type)}',
  '.${type.op} with a major type: ${printType(type)}',
  // Inline arrays, maps and choices as options, inside tags of fixed numbers too, and tags without a fixed number, get
  // rules of their own (ir/hoist.ts).
  'an inline ${shape.kind} as one option of a type choice (give it a rule name)',
  'an inline tag without a fixed number as one option of a type choice (give it a rule name)',
  'the key ${keyShown(f.key)} twice in one map',
  "a map member named '${rest.name}' beside computed-key entries of that name",
  "reference to unknown rule '${name}'",
  'a range of ${type.min.type} and ${type.max.type} values: ${printType(type)}',
  '.bits on ${printType(type.target)}',
  '.${type.op} with a controller that is not a number: ${printType(type)}',
  "group rule '${rule.name}' used as a type",
  "reference to unknown rule '${type.rule}'",
  'literal or range ${printType(type)}',
  '\\c followed by a character that is not printable ASCII',
  'an escape PCRE does not allow inside a class',
];

/** The rows of the catalogue's tables, read from the docs. */
function catalogue(): Row[] {
  const docs = readFileSync(`${REPO}docs/cddl-support.md`, 'utf8');
  const start = docs.indexOf('\n## Refusals\n');
  const section = docs.slice(start, docs.indexOf('\n## ', start + 1));
  const rows: Row[] = [];
  let heading = '';
  for (const line of section.split('\n')) {
    if (line.startsWith('### ')) heading = line.slice(4);
    if (!line.startsWith('| ') || line.startsWith('| what ') || line.startsWith('| ---')) continue;
    const cells = line
      .slice(2, -2)
      .split(/ (?<!\\)\| /)
      .map((c) => c.replace(/\\\|/g, '|'));
    const code = (c: string | undefined) => /^`(.*)`$/s.exec(c ?? '')?.[1] ?? '';
    const mode = MODES[heading];
    if (mode === undefined) throw new Error(`a table under '### ${heading}', which the test does not know`);
    rows.push({ section: heading, mode, what: cells[0] ?? '', cddl: JSON.parse(code(cells[1])) as string, message: code(cells[2]), why: cells[3] ?? '' });
  }
  return rows;
}

/** The generator options a row's first cell names, as "(with `arrayMatching: 'greedy'`)": its example is compiled with them. */
function optionsOf(what: string): CompileOptions {
  const named = /\(with `arrayMatching: '([\w-]+)'`\)/.exec(what)?.[1];
  const arrayMatching = ARRAY_MATCHINGS.find((reading) => reading === named);
  if (named !== undefined && arrayMatching === undefined) throw new Error(`'${what}' names an arrayMatching reading there is not`);
  return arrayMatching === undefined ? {} : { arrayMatching };
}

/** What compiling the example gives: the error's first line without its location, or the warnings. */
function outcome(cddl: string, options: CompileOptions = {}): { error: string | null; kind?: string; warnings: string[] } {
  const warnings: string[] = [];
  const modules: Record<string, string> = { '/v/lib/m.cddl': 'x = int\n' };
  try {
    compile([{ path: 'x.cddl', text: `${cddl}\n` }], { ...options, cwd: '/v', includePath: ['lib'], readFile: (path) => modules[path], onWarning: (w) => warnings.push(w.message) });
    return { error: null, warnings };
  } catch (error) {
    return { error: ((error as Error).message.split('\n')[0] ?? '').replace(/^x\.cddl:\d+:\d+: /, ''), kind: (error as { kind?: string }).kind, warnings };
  }
}

const ROWS = catalogue();

/** A citation of where a rule of CDDL is written: a section or appendix of an RFC, or of the modules draft. */
const CITATION = /\b(?:RFC \d{4}|draft-ietf-cbor-cddl-modules) (?:§\d|Appendix [A-Z])/;
const GENERAL = "'a' is typed as CborValue (any data item) and checked exactly by the general matcher, because the typed layouts do not cover ";

describe('the catalogue of refusals (docs/cddl-support.md)', () => {
  it('has every table, each row with a reason', () => {
    expect(new Set(ROWS.map((r) => r.section))).toEqual(new Set(Object.keys(MODES)));
    for (const row of ROWS) expect(row.why.trim(), row.what).not.toBe('');
  });

  it('cites, in every message refusing invalid CDDL, the section or production that makes it invalid', () => {
    const uncited = ROWS.filter((r) => r.section === 'Refused: invalid CDDL' && !CITATION.test(r.message));
    expect(uncited.map((r) => `${r.what}: ${r.message}`)).toEqual([]);
  });

  it.each(ROWS.map((row) => [`${row.section}: ${row.what}`, row] as const))('%s', (_name, row) => {
    const { error, kind, warnings } = outcome(row.cddl, optionsOf(row.what));
    if (row.mode === 'error') {
      expect(error).toBe(row.message);
      // Invalid CDDL is the schema's fault, said without `unsupported: `; a limit or a gap is the generator's.
      if (row.section === 'Refused: invalid CDDL') expect(kind).not.toBe('unsupported');
      else expect(kind).toBe('unsupported');
    }
    else {
      expect(error).toBeNull();
      expect(warnings).toContain(row.mode === 'general' ? GENERAL + row.message : row.message);
    }
  });

  it('has a row for every refusal in the generator', () => {
    const messages = ROWS.map((r) => r.message);
    const sites = refusalSites();
    const missing = sites.filter((site) => !NO_EXAMPLE_YET.includes(site.text) && !messages.some((m) => site.pattern.test(m)));
    expect(missing.map((s) => `${s.where}: ${s.text}`)).toEqual([]);
    const gone = NO_EXAMPLE_YET.filter((text) => !sites.some((s) => s.text === text));
    expect(gone).toEqual([]);
  });
});

describe('valid CDDL that was refused, now generated', () => {
  it('one value with two names in one enumeration: both constants, one data item', () => {
    const module = compile([{ path: 'x.cddl', text: 'a = &(x: 1, y: 1)\n' }]).find((f) => f.path === 'x.ts');
    expect(module?.contents).toContain('export const A = {\n  x: 1,\n  y: 1,\n} as const;');
    // nameOfA answers the first entry of the value: x.
    expect(module?.contents).toMatch(/\{ name: 'x', value: 1, .*\n\s*\{ name: 'y', value: 1, /);
    // Its type names both: the const object's keys, 'x' | 'y'.
    expect(module?.contents).toContain('export const nameOfA: (value: number) => keyof typeof A | undefined = /*#__PURE__*/ nameLookup(ARegistry);');
  });

  it('#7.<T> with any unsigned integer type: its additional information is five bits', () => {
    expect(outcome('a = #7.<r>\nr = 20..21')).toEqual({ error: null, warnings: [] });
  });

  it('.cat, .plus and .det between types with many values (RFC 9165 §2)', () => {
    for (const cddl of ['a = ("a" / "b") .cat ("c" / "d")', 'a = uint .plus 5', 'b = tstr\na = b .cat "x"', 'a = (tstr .regexp "[a-z]+") .cat "!"', "a = bstr .cat h'00'"]) {
      expect(outcome(cddl), cddl).toEqual({ error: null, warnings: [] });
    }
  });
});

/**
 * An optional group of members of one key each, all with a cut, beside computed keys that take their
 * entries: WebDriver BiDi's `? (socksProxy: text, socksVersion: 0..255)` beside `Extensible = (* text
 * => any)`. The matcher tries the group and reads its members in order: a key there with a value of
 * another type fails the map (the cut, RFC 8610 §3.5.4); the first member it needs that is missing
 * ends the group, and the computed keys take every entry it did not, whatever the value of a member
 * it never read. The typed layout reads such a group as those readings (generator/layout/groups.ts
 * `cutGroupReadings`): the members as written; and, for each member the group needs, the members
 * before it as written, it absent (`never`), those after it of any value the computed keys take.
 * Compared here with the matcher on WebDriver BiDi's rule and on random groups and maps.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, compileIr, type SchemaWarning } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { seededRandom, type Random } from '../../templates/arbitrary.js';
import { CborAny, CborMap, type CborValue } from '../../templates/cbor-any.js';
import { load, thrown, type Generated } from '../bounded/module.js';
import { isDeterministic } from '../choices/deterministic.js';
import { toHex } from '../support/hex.js';
import { fixedRules, matcherTakes, roundTrips } from '../support/pairs-differential.js';

const PROXY = `
proxy = { autodetect // manual }
autodetect = ( proxyType: "autodetect", Extensible )
manual = (
   proxyType: "manual",
   ? httpProxy: text,
   ? socks,
   ? noProxy: [*text],
   Extensible
)
socks = ( socksProxy: text, socksVersion: 0..255 )
Extensible = (*text => any)
`;

/** A map's deterministic encoding, its entries in the order given. */
function mapBytes(entries: readonly [CborValue, CborValue][]): string {
  return toHex(CborAny.of(new CborMap([...entries])).encoded);
}

describe("WebDriver BiDi's proxy configuration: an optional group of two needed members with cuts, beside Extensible", () => {
  const fixture = fixedRules<'Proxy'>('cut-group-proxy', PROXY, ['proxy']);
  const manual = (...entries: [string, CborValue][]): string => mapBytes([['proxyType', 'manual'], ...entries]);

  it('is typed: the group whole, without its first member (the second of any value), and without its second', () => {
    expect(fixture.warnings.map((w) => w.message)).toEqual([]);
    expect(fixture.text).toContain('| { proxyType: "manual"; httpProxy?: string; socksProxy: string; socksVersion: number; noProxy?: string[]; Extensible?: Map<string, CborAny> }');
    expect(fixture.text).toContain('| { proxyType: "manual"; httpProxy?: string; socksProxy?: never; socksVersion?: CborAny; noProxy?: string[]; Extensible?: Map<string, CborAny> }');
    expect(fixture.text).toContain('| { proxyType: "manual"; httpProxy?: string; socksProxy: string; socksVersion?: never; noProxy?: string[]; Extensible?: Map<string, CborAny> }');
  });

  it.each([
    ['both members', manual(['socksProxy', 'h'], ['socksVersion', 5]), true],
    ['socksVersion of any value without socksProxy (Extensible takes it)', manual(['socksVersion', 'x']), true],
    ['socksProxy without socksVersion (Extensible takes it)', manual(['socksProxy', 'h']), true],
    ['socksProxy of another type (its cut)', manual(['socksProxy', 5]), false],
    ['socksVersion out of range after socksProxy (its cut)', manual(['socksProxy', 'h'], ['socksVersion', 300]), false],
    ['socksVersion not an integer after socksProxy (its cut)', manual(['socksProxy', 'h'], ['socksVersion', 'x']), false],
    ['another key beside them', manual(['socksProxy', 'h'], ['socksVersion', 5], ['other', null]), true],
  ])('%s: taken as the matcher takes it, and written back', (_, bytes, taken) => {
    expect(fixture.oracle('proxy', bytes)).toBe(taken);
    expect(fixture.roundTrips('Proxy', bytes)).toBe(taken);
  });

  it('refuses a value whose Extensible holds a key of the group that a reading names (it would decode otherwise)', () => {
    const is = fixture.g.isProxy as (value: unknown) => boolean;
    const extra = (key: string, value: CborValue) => new Map([[key, CborAny.of(value)]]);
    expect(is({ proxyType: 'manual', socksProxy: 'h', socksVersion: 5 })).toBe(true);
    expect(is({ proxyType: 'manual', socksVersion: CborAny.of('x') })).toBe(true);
    expect(is({ proxyType: 'manual', socksProxy: 'h', Extensible: extra('socksVersion', 5) })).toBe(false);
    expect(is({ proxyType: 'manual', socksVersion: CborAny.of(5), Extensible: extra('socksProxy', 'h') })).toBe(false);
    expect(is({ proxyType: 'manual', Extensible: extra('socksProxy', 'h') })).toBe(false);
  });
});

const VCON = `
redacted_object = {
  ? uuid: tstr,
  type: tstr,
  ? ( redacted: redacted_ref // amended: amended_ref ),
  extension_parameters
}
redacted_ref = { uuid: tstr }
amended_ref = { url: tstr }
extension_parameters = ( * tstr => any )
`;

describe("vCon's optional choice of two members with cuts, beside extension parameters", () => {
  const fixture = fixedRules<'Redacted_object'>('cut-group-vcon', VCON, ['redacted_object']);
  const object = (...entries: [string, CborValue][]): string => mapBytes([['type', 't'], ...entries]);
  const ref = (key: string, value: string) => new CborMap([[key, value]]);

  it('is typed: one reading per alternative, and one with neither', () => {
    expect(fixture.warnings.map((w) => w.message)).toEqual([]);
    expect(fixture.text).toContain('| { uuid?: string; type: string; redacted: Redacted_ref; amended?: CborAny; extension_parameters?: Map<string, CborAny> }');
    expect(fixture.text).toContain('| { uuid?: string; type: string; redacted?: CborAny; amended: Amended_ref; extension_parameters?: Map<string, CborAny> }');
    expect(fixture.text).toContain('| { uuid?: string; type: string; redacted?: never; amended?: never; extension_parameters?: Map<string, CborAny> };');
  });

  it.each([
    ['redacted', object(['redacted', ref('uuid', 'u')]), true],
    ['amended', object(['amended', ref('url', 'h')]), true],
    ['neither', object(), true],
    ['both (amended then the extension parameters\')', object(['redacted', ref('uuid', 'u')], ['amended', ref('url', 'h')]), true],
    ['amended, and redacted of another type (its cut undone by amended)', object(['redacted', 5], ['amended', ref('url', 'h')]), true],
    ['redacted of another type alone (its cut)', object(['redacted', 5]), false],
    ['amended of another type alone (its cut)', object(['amended', 5]), false],
    ['redacted, and amended of any value', object(['redacted', ref('uuid', 'u')], ['amended', 5]), true],
  ])('%s: taken as the matcher takes it, and written back', (_, bytes, taken) => {
    expect(fixture.oracle('redacted_object', bytes)).toBe(taken);
    expect(fixture.roundTrips('Redacted_object', bytes)).toBe(taken);
  });

  it('refuses a redacted beside amended that would be read back as the redacted alternative', () => {
    const is = fixture.g.isRedacted_object as (value: unknown) => boolean;
    const validate = fixture.g.validateRedacted_object as (value: unknown) => { path: string; message: string }[];
    const amended = { url: 'h' };
    expect(is({ type: 't', amended, redacted: CborAny.of(5) })).toBe(true);
    expect(is({ type: 't', amended, redacted: CborAny.of(ref('uuid', 'u')) })).toBe(false);
    expect(validate({ type: 't', amended, redacted: CborAny.of(ref('uuid', 'u')) })).toContainEqual({
      path: '.redacted',
      message: expect.stringContaining('no value of type redacted_ref (it would be read back as the alternative with redacted as its member)') as unknown as string,
    });
  });
});

const RULES = 100;
const MAPS_PER_RULE = 200;
const KEYS: CborValue[] = ['x', 'z', 'q', 'w', 1, -6];
const VALUES: CborValue[] = [null, 1, -1, 's', 300, [1]];

/**
 * `{ [a member of one key,] ? (two to four members of one key each, with cuts, some optional), computed keys }`, the
 * computed keys taking text keys (any value or some) or text and integer keys, a few with a second computed-key
 * member of integer keys.
 */
function randomRule(random: Random, choices: boolean): string {
  const pick = <T,>(items: readonly T[]): T => items[random(items.length)] as T;
  const rests = pick(['* tstr => any', '* tstr => any', '* (tstr / int) => any', '* (tstr / int) => any', '* tstr => int / tstr / nil', '* tstr => any, * int => tstr']);
  // Integer keys where the computed keys may take them, text keys otherwise.
  const keys = ['"x"', '"z"', '"q"', '"w"', ...(rests.includes('int) =>') ? ['1', '-6'] : [])].sort(() => random(3) - 1);
  // An optional member: one in three; in alternatives, one in ten (the rule is general then, as the matcher's first
  // alternative takes the map whenever it leaves its member out).
  const member = (key: string, optionalOdds = 3): string => {
    const written = key.startsWith('"') && random(2) === 0 ? `${key.slice(1, -1)}: ` : `${key} ^ => `;
    return `${random(optionalOdds) === 0 ? '? ' : ''}${written}${pick(['int', 'nil', 'tstr', 'uint', '1', 'any', 'int / tstr'])}`;
  };
  const inGroup = keys.slice(1, 3 + random(3)).map((key) => member(key, choices ? 10 : 3));
  const parts = [`? (${inGroup.join(choices ? ' // ' : ', ')})`, rests];
  if (random(2) === 0) parts.unshift(member(keys[0] as string));
  return `{ ${parts.join(', ')} }`;
}

function randomMap(random: Random): Uint8Array {
  const entries = new Map<string, [CborValue, CborValue]>();
  for (let n = random(6); n > 0; n--) {
    const key = KEYS[random(KEYS.length)] as CborValue;
    entries.set(`${typeof key}:${String(key)}`, [key, VALUES[random(VALUES.length)] as CborValue]);
  }
  return CborAny.of(new CborMap([...entries.values()])).encoded;
}

describe.each([
  ['members', false, 'types most of them: those of needed members after the first are new'],
  // `? (redacted: R // amended: A)` beside `* tstr => any` (vCon's): the first alternative whose key holds a value of its type takes it.
  ['alternatives of one member each', true, 'types most of them: those of required members with cuts are new'],
] as const)('random optional groups of %s with cuts beside computed keys', (what, choices, most) => {
  const random = seededRandom(Number(process.env.CUT_GROUP_SEED ?? 1));
  const lines = Array.from({ length: RULES }, (_, r) => `c${r} = ${randomRule(random, choices)}`);
  const schema = `${lines.join('\n')}\n`;
  const names = lines.map((_, r) => `c${r}`);
  const program = lowerProgram(compileIr([{ path: 'cut-group-readings.cddl', text: schema }]), names);
  const general = new Set<number>();
  let g: Generated;
  beforeAll(async () => {
    const onWarning = (w: SchemaWarning) => {
      if (/is typed as CborValue/.test(w.message)) general.add(w.span.line);
    };
    compile([{ path: 'cut-group-readings.cddl', text: schema }], { onWarning });
    g = (await load(`language-cut-group-readings-${choices ? 'choices' : 'members'}`, schema)).module;
  }, 120_000);

  it(most, () => {
    expect(RULES - general.size, what).toBeGreaterThan(RULES / 2);
  });

  it.each(names.map((name, r) => [name, lines[r] as string]))('%s: %s', (name) => {
    const line = Number(name.slice(1)) + 1;
    if (general.has(line)) return;
    const typed = `C${name.slice(1)}`;
    const own = seededRandom(line);
    const problems: string[] = [];
    for (let n = 0; n < MAPS_PER_RULE; n++) {
      const bytes = randomMap(own);
      const matcher = matcherTakes(program, name, bytes);
      const decoded = thrown(() => (g[`decode${typed}`] as (b: Uint8Array) => unknown)(bytes)) === undefined;
      if (decoded !== matcher) problems.push(`${toHex(bytes)}: matcher ${matcher ? 'takes' : 'refuses'}, typed ${decoded ? 'takes' : 'refuses'}`);
      // What decodes passes the guard and is written back byte for byte (random maps are written deterministically).
      else if (decoded && isDeterministic(bytes) && !roundTrips(g, typed, toHex(bytes))) problems.push(`${toHex(bytes)}: not written back`);
    }
    expect(problems).toEqual([]);
  });
});

/**
 * An optional array member before a required one whose items it could also be (`[int, ? int, int]`,
 * RFC 9052's Sig_structure): the typed code reads such an array by its length, RFC 8610 Appendix A's
 * greedy match (the general matcher's) gives the item to the optional member and then fails. The
 * `arrayMatching` option says which stands (docs/cddl-support.md, "Optional array members before
 * required ones"): `by-length`, the default, with a warning where the two differ and nowhere else;
 * `greedy`, Appendix A to the letter, through the general matcher.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, compileIr, type SchemaWarning } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { readCborValue } from '../../templates/cbor-any.js';
import { explain } from '../../templates/matcher.js';
import { CborReader } from '../../templates/runtime.js';
import { load, type Generated } from '../bounded/module.js';
import { hex } from '../support/hex.js';

const SCHEMA = `
overlapping = [int, ? int, int]
apart = [tstr, ? int, bstr]
second = [int, ? bstr, ? int, int]
sig = [context: "Signature1", body: empty-or-map, ? sign: empty-or-map, aad: bstr, payload: bstr]
empty-or-map = bstr .cbor { * int => any } / bstr .size 0
choice = [ (1 // 1, 2) ]
told = [ (int // tstr), int ]
empty = [ ( // 1 ) ]
`;

type Rules = 'Overlapping' | 'Apart' | 'Second' | 'Sig' | 'Choice' | 'Told' | 'Empty';
let g: Generated<Rules>;
let greedy: Generated<Rules>;
const warnings: SchemaWarning[] = [];
const greedyWarnings: SchemaWarning[] = [];
const program = lowerProgram(compileIr([{ path: 'optional-before-required.cddl', text: SCHEMA }]), ['overlapping', 'apart', 'second', 'sig', 'choice', 'told', 'empty']);

beforeAll(async () => {
  compile([{ path: 'optional-before-required.cddl', text: SCHEMA }], { onWarning: (w) => warnings.push(w) });
  g = (await load<Rules>('language-optional-before-required', SCHEMA)).module;
  greedy = (await load<Rules>('language-optional-before-required-greedy', SCHEMA, { arrayMatching: 'greedy', onWarning: (w) => greedyWarnings.push(w) })).module;
});

/** Whether the module's decoder of the rule takes the bytes. */
const takes = (module: Generated<Rules>, rule: Rules, bytes: string): boolean => {
  try {
    module[`decode${rule}`](hex(bytes));
    return true;
  } catch {
    return false;
  }
};
const typed = (rule: Rules, bytes: string): boolean => takes(g, rule, bytes);
const peg = (rule: string, bytes: string) => explain(program, rule, readCborValue(new CborReader(hex(bytes)))) === null;

describe('an optional array member before a required one', () => {
  it('is warned about on the optional member where the readings differ, and only there', () => {
    const places = warnings.filter((w) => w.message.startsWith('an optional array member before a required one')).map((w) => `${w.span.line}:${w.span.col} ${/\((.*?)\)/.exec(w.message)?.[1]}`);
    // `second`: the ? bstr is apart from the int after it, the ? int is not.
    expect(places).toEqual(['2:21 int before int', '4:24 int before int', '5:51 empty-or-map before bstr']);
    const choices = warnings.filter((w) => w.message.startsWith('a group choice or an optional group in an array')).map((w) => `${w.span.line}:${w.span.col}`);
    // An empty earlier alternative in an array of no other member is pointed at by the later one's item.
    expect(choices).toEqual(['7:13', '9:16']);
  });

  // Found with a differential fuzz of embedded CBOR (test/fuzztmp constructs variant): the warning was given only for
  // rules that are not general, the rule found by its position, here the general type embedded before it (`r.embedded1`).
  it('is warned about in a typed rule after a general type embedded in it', () => {
    const found: string[] = [];
    compile([{ path: 'x.cddl', text: 'r = [ bstr .cbor [* int, tstr // bool], int, ? int, int ]' }], { onWarning: (w) => found.push(w.message) });
    expect(found.filter((m) => m.startsWith('an optional array member before a required one'))).toHaveLength(1);
  });

  it('is warned about where the optional member is written, not in the rule it unwraps (structural seed 93)', () => {
    const found: SchemaWarning[] = [];
    compile([{ path: 'x.cddl', text: 'r = { c: [? ~u, int] }\nu = [int]' }], { onWarning: (w) => found.push(w) });
    const places = found.filter((w) => w.message.startsWith('an optional array member before a required one')).map((w) => `${w.span.line}:${w.span.col}`);
    expect(places).toEqual(['1:11']);
  });

  it('reads a group choice by length in typed code, in order in the matcher, where it was warned about', () => {
    expect(typed('Choice', '820102')).toBe(true);
    expect(peg('choice', '820102')).toBe(false);
    expect(typed('Choice', '8101')).toBe(true);
    expect(peg('choice', '8101')).toBe(true);
    // Alternatives whose items are apart read alike both ways, and were not warned about.
    for (const bytes of ['820101', '82616101', '8101', '83010101']) expect(typed('Told', bytes), bytes).toBe(peg('told', bytes));
  });

  it('reads by length in typed code, greedily in the general matcher, where it was warned about', () => {
    expect(typed('Overlapping', '820102')).toBe(true);
    expect(peg('overlapping', '820102')).toBe(false);
    expect(typed('Second', '820102')).toBe(true);
    expect(peg('second', '820102')).toBe(false);
    // A Signature1 Sig_structure with an empty external_aad (84 6a "Signature1" 40 40 41 00: body h'', aad h'', payload h'00').
    expect(typed('Sig', '846a5369676e6174757265314040' + '4100')).toBe(true);
    expect(peg('sig', '846a5369676e6174757265314040' + '4100')).toBe(false);
    // With every member present both readings agree.
    expect(typed('Overlapping', '83010203')).toBe(true);
    expect(peg('overlapping', '83010203')).toBe(true);
  });

  it('reads alike both ways where the members are apart', () => {
    for (const bytes of ['826161' + '40', '836161' + '01' + '40', '826161' + '01', '836161' + '40' + '40']) {
      expect(typed('Apart', bytes), bytes).toBe(peg('apart', bytes));
    }
    expect(typed('Apart', '82616140')).toBe(true);
  });
});

describe("arrayMatching: 'greedy', RFC 8610 Appendix A to the letter", () => {
  const decodes = (rule: Rules, bytes: string): boolean => takes(greedy, rule, bytes);

  it('rejects [1, 2] for [int, ? int, int] and a Signature1 Sig_structure one item short, as the matcher does', () => {
    for (const [rule, bytes] of [
      ['Overlapping', '820102'],
      ['Overlapping', '83010203'],
      ['Overlapping', '8401020304'],
      ['Second', '820102'],
      ['Second', '83014002'],
      ['Sig', '846a5369676e6174757265314040' + '4100'],
      ['Sig', '856a5369676e617475726531404040' + '4100'],
      ['Apart', '82616140'],
      ['Apart', '836161' + '01' + '40'],
      ['Choice', '820102'],
      ['Choice', '8101'],
      ['Told', '820101'],
      ['Empty', '8101'],
      ['Empty', '80'],
    ] as const) {
      expect(decodes(rule, bytes), `${rule} ${bytes}`).toBe(peg(rule.toLowerCase(), bytes));
    }
    expect(decodes('Overlapping', '820102')).toBe(false);
    expect(decodes('Overlapping', '83010203')).toBe(true);
    expect(decodes('Sig', '846a5369676e6174757265314040' + '4100')).toBe(false);
  });

  it('leaves the rules where the readings differ to the general matcher, and types the others', () => {
    const general = greedyWarnings.filter((w) => w.message.includes("read greedily as RFC 8610 Appendix A says (arrayMatching: 'greedy')")).map((w) => /'(\w+)' is typed as CborValue/.exec(w.message)?.[1]);
    expect(general).toEqual(['overlapping', 'second', 'sig', 'choice', 'empty']);
    expect(greedyWarnings.some((w) => w.message.startsWith('an optional array member before a required one'))).toBe(false);
    // Typed where the readings agree: the guard tells a tuple's shape, not any data item.
    expect(greedy.isApart(['a', new Uint8Array()])).toBe(true);
    expect(greedy.isApart([1, 2])).toBe(false);
    // A general rule round-trips what it decoded.
    const bytes = hex('856a5369676e617475726531404040' + '4100');
    expect(greedy.encodeSig(greedy.decodeSig(bytes))).toEqual(bytes);
  });
});

describe('a group choice in a map that the typed code and the matcher may read otherwise', () => {
  const MAPS = `
first = { (? int => nil // "z" => uint) }
tagged = { (type: 1, x: int // type: 2, y: tstr) }
absorbed = { (? a: int // b: tstr), * tstr => any }
; SenML's record (RFC 8428): what the later alternatives take, the spliced * key-value-pair takes too
record = { ? (v => int // vs => tstr // vb => bool), * key-value-pair }
key-value-pair = ( label => value )
label = tstr / uint / nint
value = tstr / bstr / int / bool
v = 2
vs = 3
vb = 4
; RFC 8927's schema forms: each alternative needs a key of its own, some through a spliced group choice,
; and two alternatives share keys whose entries the earlier one's members take
jtd = { ? definitions: tstr, form }
form = ( ref // props // values )
ref = ( ref: tstr, ? nullable: bool )
props = ( with-props // with-optional )
with-props = ( properties: int, ? optionalProperties: int )
with-optional = ( ? properties: int, optionalProperties: int )
values = ( values: int )
; the earlier alternative takes a, and leaves b
keyed = { (? a: int // a: int, b: tstr) }
; RFC 8927's properties forms: the members of one key hold two inline copies of a recursive map, one type
node = { node-forms }
node-forms = ( with-kids // with-extra )
with-kids = ( kids: { * tstr => { node-forms } }, ? extra: int )
with-extra = ( ? kids: { * tstr => { node-forms } }, extra: int )
; an optional group of several members, and an empty alternative after one: what the group takes, the needed nint => any then lacks
optional-group = { ? (-6 => nil, ? "z" => int), nint => any }
empty-alternative = { (-6 => nil // ), nint => any }
; a later alternative that gives the needed member an entry back, and a member that needs none: nothing to say
given-back = { (x: 1 // y: 2), + tstr => any }
unneeded = { ? (-6 => nil, ? "z" => int), * nint => any }
; a member an optional group after needs: without it that group fails and leaves "q" over
two-groups = { ? (-6 => nil, ? "z" => int), ? (nint => any, tstr => int) }
; the same inside an alternative of a choice: the members it needs stand beside the choices in it
nested = { ((-6 => nil // ), nint => any // "z" ^ => uint) }
; an unbounded member of the earlier alternative in a choice of its own, which matches as its empty alternative and leaves "z" over (MAP_DIFFERENTIAL_SEED=195, m43)
inner-empty = { (z: 1, + tstr => any // ) // "z" => uint }
`;
  it('is warned about on the earlier alternative, and only where a map of the later one can be left with entries (not where an unbounded member, spliced from a group rule or not, takes them) or a member it needs with none', () => {
    const found: SchemaWarning[] = [];
    compile([{ path: 'map-choices.cddl', text: MAPS }], { onWarning: (w) => found.push(w) });
    expect(found.map((w) => `${w.span.line}:${w.span.col} ${w.message.split(': the typed code takes')[0]}`)).toEqual([
      '2:12 a group choice in a map whose earlier alternative (? int => null) can match a map that a later one reads ("z" => uint)',
      '23:12 a group choice in a map whose earlier alternative (? a: int) can match a map that a later one reads (b: tstr)',
      '30:23 an optional group in a map (-6 => null, ? "z" => int) that can take the entries that nint => any takes when it is left out',
      '31:24 a group choice in a map whose earlier alternative (-6 => null) can take the entries that nint => any takes when a later one is read',
      // Not the second group: the matcher reads the groups in the order written, so the second cannot take -6 from the first.
      '36:19 an optional group in a map (-6 => null, ? "z" => int) that can take the entries that nint => any takes when it is left out',
      '38:14 a group choice in a map whose earlier alternative (-6 => null) can take the entries that nint => any takes when a later one is read',
      '40:18 a group choice in a map whose earlier alternative (z: 1, + tstr => any) can match a map that a later one reads ("z" => uint)',
    ]);
    const maps = lowerProgram(compileIr([{ path: 'map-choices.cddl', text: MAPS }]), ['first']);
    // {"z": 2}: the matcher commits to the first alternative (it takes nothing) and is left with "z".
    expect(explain(maps, 'first', readCborValue(new CborReader(hex('a1617a02'))))).not.toBeNull();
    // {-6: nil}: the matcher commits to the group (or the first alternative), which takes -6, and nint => any finds no entry.
    const starved = lowerProgram(compileIr([{ path: 'map-choices.cddl', text: MAPS }]), ['optional-group', 'empty-alternative', 'unneeded', 'two-groups', 'nested']);
    for (const rule of ['optional-group', 'empty-alternative', 'nested']) expect(explain(starved, rule, readCborValue(new CborReader(hex('a125f6'))))).not.toBeNull();
    // {-6: nil, "q": 1}: the first group takes -6, the second then fails without an nint key, and "q" is left over.
    expect(explain(starved, 'two-groups', readCborValue(new CborReader(hex('a225f6617101'))))).not.toBeNull();
    expect(explain(starved, 'unneeded', readCborValue(new CborReader(hex('a125f6'))))).toBeNull();
    // {"z": 1}: z: 1 takes "z", + tstr => any then finds none, so the inner choice matches as its empty alternative and "z" is left over.
    const innerEmpty = lowerProgram(compileIr([{ path: 'map-choices.cddl', text: MAPS }]), ['inner-empty']);
    expect(explain(innerEmpty, 'inner-empty', readCborValue(new CborReader(hex('a1617a01'))))).not.toBeNull();
  });
});

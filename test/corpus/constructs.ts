/**
 * One small schema per CDDL construct (RFC 8610, RFC 9165, RFC 9682), with what the generator
 * does with it: either the TypeScript type it emits and EDN vectors its decoder must accept and
 * reject, or the exact `unsupported` (or schema) message it refuses it with. constructs.test.ts
 * runs every row; docs/cddl-support.md cites the rows by name. The root rule is always `a`.
 */
export interface Construct {
  /** The test name (cited by docs/cddl-support.md). */
  name: string;
  cddl: string;
  /** The exported `A` type (the text after `export type A = ` / `export interface A `), when generated. */
  ts?: string;
  accept?: string[];
  reject?: string[];
  /** The exact first line of the error, when refused. */
  refused?: string;
}

const prelude = (p: string, ts: string, accept: string[], reject: string[]): Construct => ({ name: `prelude ${p}`, cddl: `a = ${p}`, ts, accept, reject });

export const CONSTRUCTS: readonly Construct[] = [
  // ---- RFC 8610 Appendix D: the prelude
  prelude('any', 'CborAny;', ['1', '1.5', '"x"', '[1, {2: h\'03\'}]', '6(null)'], []),
  prelude('uint', 'number | bigint;', ['0', '18446744073709551615'], ['-1', '1.0', '"1"']),
  prelude('nint', 'number | bigint;', ['-1', '-18446744073709551616'], ['0', '-1.0']),
  prelude('int', 'number | bigint;', ['0', '-5', '18446744073709551615'], ['1.0', '2(h\'01\')']),
  prelude('bstr', 'Uint8Array;', ["h''", "h'0102'", "(_ h'01', h'02')"], ['""', '0']),
  prelude('bytes', 'Uint8Array;', ["h'01'"], ['"x"']),
  prelude('tstr', 'string;', ['""', '"ä"'], ["h''", '0']),
  prelude('text', 'string;', ['"x"'], ["h''"]),
  prelude('tdate', 'string;', ['0("2013-03-21T20:04:00Z")'], ['"2013-03-21T20:04:00Z"', '1(0)']),
  prelude('time', 'number | bigint | CborFloat;', ['1(1363896240)', '1(1363896240.5)'], ['1363896240', '0("x")']),
  prelude('number', 'number | bigint | CborFloat;', ['1', '-1', '1.5'], ['"1"']),
  // Bignums are integers of any size; a plain integer is their preferred serialisation (RFC 8949 §3.4.3).
  prelude('biguint', 'number | bigint;', ["2(h'0100')", '1', "2(h'010000000000000000')"], ["3(h'01')", '-1']),
  prelude('bignint', 'number | bigint;', ["3(h'0100')", '-1'], ["2(h'01')", '1']),
  prelude('bigint', 'number | bigint;', ["2(h'0100')", '1', "3(h'01')"], ["h'01'", '1.5']),
  prelude('integer', 'number | bigint;', ['1', '-1', "2(h'0100')"], ['1.5']),
  prelude('unsigned', 'number | bigint;', ['1', "2(h'0100')"], ['-1', "3(h'01')"]),
  prelude('decfrac', '{ e10: number | bigint; m: number | bigint };', ['4([-2, 27315])', "4([1, 2(h'0100')])"], ['[-2, 27315]', '4([1.5, 1])']),
  prelude('bigfloat', '{ e2: number | bigint; m: number | bigint };', ['5([-1, 3])'], ['4([-1, 3])']),
  prelude('eb64url', 'CborAny;', ["21(h'01')", '21("x")'], ["h'01'"]),
  prelude('eb64legacy', 'CborAny;', ["22(h'01')"], ["21(h'01')"]),
  prelude('eb16', 'CborAny;', ["23(h'01')"], ["22(h'01')"]),
  prelude('encoded-cbor', 'Uint8Array;', ["24(h'01')"], ["h'01'"]),
  prelude('uri', 'string;', ['32("https://example.com/")'], ['"https://example.com/"']),
  prelude('b64url', 'string;', ['33("AQI")'], ['34("AQI")']),
  prelude('b64legacy', 'string;', ['34("AQI=")'], ['33("AQI")']),
  prelude('regexp', 'string;', ['35("a+")'], ['"a+"']),
  prelude('mime-message', 'string;', ['36("MIME-Version: 1.0\\r\\n")'], ['35("x")']),
  prelude('cbor-any', 'CborAny;', ['55799(1)'], ['1']),
  prelude('float16', 'number;', ['1.5'], ['1', '"1.5"']),
  prelude('float32', 'number;', ['1.5_2', '100000.0_2'], ['1', '"x"']),
  prelude('float64', 'number;', ['1.5_3', '1.1'], ['1']),
  prelude('float16-32', 'number;', ['1.5', '100000.0_2'], ['1']),
  prelude('float32-64', 'number;', ['100000.0_2', '1.1'], ['1']),
  prelude('float', 'number;', ['1.5', '1.1', '100000.0_2'], ['1', '"x"']),
  prelude('false', 'false;', ['false'], ['true', '0']),
  prelude('true', 'true;', ['true'], ['false', '1']),
  prelude('bool', 'boolean;', ['true', 'false'], ['null', '0']),
  prelude('nil', 'null;', ['null'], ['undefined', 'false']),
  prelude('null', 'null;', ['null'], ['undefined']),
  prelude('undefined', 'undefined;', ['undefined'], ['null']),

  // ---- Literals (RFC 8610 §3.1, RFC 9682 §2)
  { name: 'literal uint', cddl: 'a = 1', ts: '1;', accept: ['1'], reject: ['2', '1.0'] },
  { name: 'literal nint', cddl: 'a = -1', ts: '-1;', accept: ['-1'], reject: ['1'] },
  { name: 'literal hex int', cddl: 'a = 0x10', ts: '16;', accept: ['16'], reject: ['10'] },
  { name: 'literal binary int', cddl: 'a = 0b101', ts: '5;', accept: ['5'], reject: ['101'] },
  { name: 'literal float', cddl: 'a = 1.5', ts: 'number;', accept: ['1.5', '1.5_3'], reject: ['1.25', '1'] },
  { name: 'literal float exponent', cddl: 'a = 1e3', ts: 'number;', accept: ['1000.0'], reject: ['1000'] },
  { name: 'literal text', cddl: 'a = "x"', ts: '"x";', accept: ['"x"'], reject: ['"y"', "'x'"] },
  { name: 'literal text with \\u{…} escape (RFC 9682)', cddl: 'a = "\\u{1F600}"', ts: '"😀";', accept: ['"😀"'], reject: ['"x"'] },
  { name: "literal bytes h''", cddl: "a = h'0102'", ts: 'Uint8Array;', accept: ["h'0102'"], reject: ["h'01'", '"\\u0001\\u0002"'] },
  { name: "literal bytes h'' with spaces and a comment (RFC 9682)", cddl: "a = h'01 02 ; c\n 03'", ts: 'Uint8Array;', accept: ["h'010203'"], reject: ["h'0102'"] },
  { name: "literal bytes b64''", cddl: "a = b64'AQI'", ts: 'Uint8Array;', accept: ["h'0102'"], reject: ["h'01'"] },
  { name: "literal bytes '' (text as bytes, UTF-8)", cddl: "a = 'aä'", ts: 'Uint8Array;', accept: ["h'61c3a4'"], reject: ['"aä"'] },
  { name: 'literal true', cddl: 'a = true', ts: 'true;', accept: ['true'], reject: ['false'] },

  // ---- Ranges (§2.2.2.1)
  { name: 'range inclusive ..', cddl: 'a = 1..10', ts: 'number;', accept: ['1', '10'], reject: ['0', '11', '5.0'] },
  { name: 'range exclusive ...', cddl: 'a = 1...10', ts: 'number;', accept: ['1', '9'], reject: ['10'] },
  { name: 'range negative', cddl: 'a = -10..-1', ts: 'number;', accept: ['-10', '-1'], reject: ['0', '-11'] },
  { name: 'range with named bounds', cddl: 'a = lo .. hi\nlo = 0\nhi = 255', ts: 'number;', accept: ['0', '255'], reject: ['256', '-1'] },
  { name: 'range of floats', cddl: 'a = 0.0..1.0', ts: 'number;', accept: ['0.0', '0.5', '1.0'], reject: ['1.5', '0', '-0.5'] },
  { name: 'range with an int and a float bound', cddl: 'a = 1..10.0', refused: 'x.cddl:1:5: a range needs bounds of one kind (RFC 8610 §2.2.2.1 calls 0..10.0 NOT DEFINED): 1 is an integer, 10.0 a float' },

  // ---- Choices (§2.2.2)
  { name: 'type choice', cddl: 'a = int / tstr', ts: 'number | bigint | string;', accept: ['1', '"x"'], reject: ['true'] },
  { name: 'literal choice', cddl: 'a = 1 / 2 / "x"', ts: '1 | 2 | "x";', accept: ['1', '2', '"x"'], reject: ['3', '"y"'] },
  // Arrays that start with distinct values (RFC 8990's messages): the first item picks the option (read-emitter.ts readByFirstItem).
  { name: 'type choice of arrays told by their first item', cddl: 'a = [1, int] / [2, tstr] / ["t", bool] / [* bool]', ts: 'AOption1 | AOption2 | AOption3 | AOption4;', accept: ['[1, 5]', '[2, "x"]', '["t", true]', '[]', '[false, true]', '[_ 2, "x"]'], reject: ['[1, "x"]', '[3, 1]', '["u", true]', '[2]', '[1.0, 5]'] },
  { name: 'type choice extended with /=', cddl: 'a = 1\na /= 2', ts: '1 | 2;', accept: ['1', '2'], reject: ['3'] },
  { name: 'inline map as a type choice option', cddl: 'a = { x: int } / { y: tstr }', ts: 'AOption1 | AOption2;', accept: ['{"x": 1}', '{"y": "z"}'], reject: ['{}', '{"x": "1"}'] },
  { name: 'inline array as a type choice option', cddl: 'a = [int] / [tstr, tstr]', ts: 'AOption1 | AOption2;', accept: ['[1]', '["a", "b"]'], reject: ['["a"]', '[1, 2]'] },
  { name: 'recursive rule through an inline array', cddl: 'a = [* a] / int', ts: 'AOption1 | number | bigint;', accept: ['1', '[1, [2, []]]'], reject: ['[1, "x"]'] },
  { name: 'recursive rule through a named array', cddl: 'a = b / int\nb = [* a]', ts: 'B | number | bigint;', accept: ['1', '[1, [2, []]]'], reject: ['[1, "x"]'] },
  // Its least solution, with a warning (ir/least-solutions.ts): what it matches without coming back to itself.
  { name: 'a rule that is one of its own options (warning)', cddl: 'a = b / int\nb = a / tstr', ts: 'string | number | bigint;', accept: ['1', '"x"'], reject: ['true', '[1]'] },
  { name: 'a rule that refers to itself through a control (warning)', cddl: 'a = (uint / a) .size 1', ts: 'number;', accept: ['0', '255'], reject: ['256', '-1'] },

  // ---- Arrays (§2.1, §3.4)
  { name: 'array positional', cddl: 'a = [int, tstr]', ts: '[number | bigint, string];', accept: ['[1, "x"]', '[_ 1, "x"]'], reject: ['[1]', '[1, "x", 2]', '["x", 1]'] },
  { name: 'array with named positions', cddl: 'a = [x: int, y: tstr]', ts: '{ x: number | bigint; y: string; }', accept: ['[1, "x"]'], reject: ['{"x": 1, "y": "x"}'] },
  // A required member that may be undefined: undefined is one of its values (the guard took it for the member missing).
  { name: 'array with a named position that may be undefined', cddl: 'a = [x: int / undefined, y: tstr]', ts: '{ x: number | bigint | undefined; y: string; }', accept: ['[undefined, "x"]', '[1, "x"]'], reject: ['[null, "x"]', '["x"]'] },
  // Beside an optional member the alternatives are told apart by the members present: one that may be undefined is in every
  // alternative, and its presence is not tested (undefined looked absent, and the guard refused the decoded value).
  { name: 'array with two members of one name', cddl: 'a = [k: int, k: tstr]', ts: '[number | bigint, string];', accept: ['[1, "x"]'], reject: ['["x", 1]', '[1]', '[1, "x", 2]'] },
  { name: 'array with a named position that may be undefined, beside an optional one', cddl: 'a = [x: int / undefined, ? y: bstr, z: bstr]', ts: '| { x: number | bigint | undefined; y: Uint8Array; z: Uint8Array } | { x: number | bigint | undefined; z: Uint8Array };', accept: ["[undefined, h'01', h'02']", "[undefined, h'02']", "[1, h'02']"], reject: ["[null, h'02']", "[h'02']"] },
  // An optional member that may be undefined, read by length beside required ones: general, since undefined would look absent.
  { name: 'array with an optional member that may be undefined before a required one', cddl: 'a = [x: bstr, ? y: int / undefined, z: bstr]', ts: 'CborValue;', accept: ["[h'01', undefined, h'02']", "[h'01', 1, h'02']", "[h'01', h'02']"], reject: ["[h'01', null, h'02']", "[h'01']"] },
  { name: 'array optional member whose value may be undefined', cddl: 'a = [int, ? u]\nu = undefined', ts: 'CborValue;', accept: ['[1]', '[1, undefined]'], reject: ['[1, null]', '[]'] },
  { name: 'array optional trailing member', cddl: 'a = [int, ? tstr]', ts: '[number | bigint, string?];', accept: ['[1]', '[1, "x"]'], reject: ['[]', '[1, 2]'] },
  { name: 'array optional member before a required one', cddl: 'a = [int, ? tstr, bool]', ts: '[number | bigint, string, boolean] | [number | bigint, boolean];', accept: ['[1, "x", true]', '[1, false]', '[_ 1, false]'], reject: ['[1, "x"]', '[1, true, "x"]', '[1]', '[1, "x", true, 2]', '[_ 1, false, 2]'] },
  { name: 'array list *', cddl: 'a = [* int]', ts: '(number | bigint)[];', accept: ['[]', '[1, 2]', '[_ 1]'], reject: ['[1, "x"]'] },
  { name: 'array list +', cddl: 'a = [+ int]', ts: '(number | bigint)[];', accept: ['[1]'], reject: ['[]'] },
  { name: 'array n*m', cddl: 'a = [2*3 int]', ts: '(number | bigint)[];', accept: ['[1, 2]', '[1, 2, 3]'], reject: ['[1]', '[1, 2, 3, 4]'] },
  { name: 'array n*', cddl: 'a = [2* int]', ts: '(number | bigint)[];', accept: ['[1, 2, 3]'], reject: ['[1]'] },
  { name: 'array *m', cddl: 'a = [*3 int]', ts: '(number | bigint)[];', accept: ['[]', '[1, 2, 3]'], reject: ['[1, 2, 3, 4]'] },
  { name: 'array fixed members then a list', cddl: 'a = [tstr, * int]', ts: '[string, ...(number | bigint)[]];', accept: ['["a"]', '["a", 1, 2]'], reject: ['[]', '["a", "b"]', '[1]'] },
  { name: 'array named fixed members then a list', cddl: 'a = [n: tstr, + v: int]', ts: '{ n: string; v: (number | bigint)[]; }', accept: ['["a", 1]', '["a", 1, 2]'], reject: ['["a"]', '["a", "b"]'] },
  { name: 'array group choice with unnamed members', cddl: 'a = [int // tstr, tstr]', ts: '[number | bigint] | [string, string];', accept: ['[1]', '["a", "b"]'], reject: ['["a"]', '[1, "b"]', '[]'] },
  // RFC 8990's response-message: the item after the shared members is a locator or a divert, which says which alternative the array is.
  { name: 'array group choice of a repeated member and another', cddl: 'a = [2, (+ l // d), ? tstr]\nl = [1, int]\nd = [100, + l]', ts: '[2, ...L[]] | [2, ...L[], string] | [2, D, string?];', accept: ['[2, [1, 5]]', '[2, [1, 5], [1, 6], "x"]', '[2, [100, [1, 5]]]', '[2, [100, [1, 5]], "x"]'], reject: ['[2]', '[2, [100, [1, 5]], [1, 5]]', '[2, "x"]'] },
  { name: 'array group choice with an empty alternative', cddl: 'a = [ // 1, tstr // 2, [* int]]', ts: '[] | [1, string] | [2, (number | bigint)[]];', accept: ['[]', '[1, "a"]', '[2, [3]]', '[_ ]'], reject: ['[1]', '[3, "a"]', '[2, "a"]'] },
  { name: 'array group choice of named and unnamed members', cddl: 'a = [(x: 1, y: tstr) // (2, [* int]) // (nint, bool)]', ts: '{ x: 1; y: string } | [2, (number | bigint)[]] | [number | bigint, boolean];', accept: ['[1, "a"]', '[2, [3]]', '[-1, true]'], reject: ['[1, [3]]', '[2, "a"]', '[3, true]', '[-1]', '[]'] },
  { name: 'array group choice with named members', cddl: 'a = [x: int // y: tstr, z: tstr]', ts: '{ x: number | bigint } | { y: string; z: string };', accept: ['[1]', '["a", "b"]'], reject: ['["a"]', '[1, "b"]'] },
  { name: 'array with a named group spliced in', cddl: 'a = [g, bool]\ng = (int, tstr)', ts: '[number | bigint, string, boolean];', accept: ['[1, "x", true]'], reject: ['[1, true]'] },
  { name: 'array repeating a group of several members', cddl: 'a = [* (int, tstr)]', ts: '[number | bigint, string][];', accept: ['[]', '[1, "a"]', '[1, "a", 2, "b"]', '[_ 1, "a"]'], reject: ['[1]', '[1, "a", 2]', '["a", 1]', '[_ 1]'] },
  { name: 'array repeating a group of named members', cddl: 'a = [+ (key: tstr, value: uint)]', ts: '{ key: string; value: number | bigint }[];', accept: ['["a", 1]', '["a", 1, "b", 2]'], reject: ['[]', '["a", -1]', '["a"]'] },
  { name: 'array repeating a group choice', cddl: 'a = [+ (cond // cmd // custom)]\ncond = (1, uint)\ncmd = ((2, tstr) // (3, [* uint]))\ncustom = (nint, bstr / nil)', ts: '([1, number | bigint] | [2, string] | [3, (number | bigint)[]] | [number | bigint, Uint8Array | null])[];', accept: ['[1, 5]', '[2, "x", 3, [1, 2], -7, null]', '[-1, h\'01\', 1, 0]', '[_ 3, [], 2, ""]'], reject: ['[]', '[1, "x"]', '[4, 1]', '[3, [-1]]', '[1, 5, 2]', '[-1, 1]'] },
  { name: 'array repeating a group n*m', cddl: 'a = [1*2 (int, tstr)]', ts: '[number | bigint, string][];', accept: ['[1, "a"]', '[1, "a", 2, "b"]'], reject: ['[]', '[1, "a", 2, "b", 3, "c"]'] },
  { name: 'array repeating a group after members that occur once', cddl: 'a = [uint, * (tstr, int)]', ts: '[number | bigint, ...[string, number | bigint][]];', accept: ['[1]', '[1, "a", 2]', '[_ 1, "a", 2, "b", 3]'], reject: ['[]', '["a", 2]', '[1, "a"]', '[1, 2, "a"]'] },
  { name: 'array repeating a group before members that occur once', cddl: 'a = [1*2 (int, tstr), bool]', ts: '[...[number | bigint, string][], boolean];', accept: ['[1, "a", true]', '[1, "a", 2, "b", false]', '[_ 1, "a", true]'], reject: ['[true]', '[1, "a"]', '[1, "a", 2, "b", 3, "c", true]', '[1, "a", true, 2]'] },
  // Optional members after the repetitions: a bool starts no repetition, so the first one ends them (RFC 8610 Appendix A).
  { name: 'array repeating a group before optional members', cddl: 'a = [+ (id: uint, name: tstr), ? bool]', ts: '{ id: number | bigint; name: string }[] | [...{ id: number | bigint; name: string }[], boolean];', accept: ['[1, "a"]', '[1, "a", true]', '[1, "a", 2, "b", false]', '[_ 1, "a", false]'], reject: ['[true]', '[]', '[1, "a", true, true]', '[1, "a", true, 2, "b"]', '[1, "a", 2]'] },
  { name: 'array repeating a group after an optional member', cddl: 'a = [? bool, * (int, tstr)]', ts: '[boolean, ...[number | bigint, string][]] | [number | bigint, string][];', accept: ['[]', '[true]', '[true, 1, "a"]', '[1, "a", 2, "b"]', '[_ false, 1, "a"]'], reject: ['[true, false]', '[1]', '[true, "a", 1]', '[1, "a", true]'] },
  { name: 'array repeating a group before members that may start like it', cddl: 'a = [* (int, tstr), int]', ts: '[...[number | bigint, string][], number | bigint];', accept: ['[1]', '[1, "a", 2]', '[_ 1, "a", 2]'], reject: ['[1, "a"]', '[1, "a", 2, "b"]', '[1, 2]', '[]'] },
  { name: 'array repeating a group without bound before members it always reads as one more', cddl: 'a = [* (int, tstr), int, tstr]', ts: 'never;', accept: [], reject: ['[2, "b"]', '[1, "a", 2, "b"]', '[1, "a", 2]'] },
  { name: 'array repeating a group before members it would read as one more', cddl: 'a = [0*2 (int, tstr), int, tstr]', ts: '[...[number | bigint, string][], number | bigint, string];', accept: ['[1, "a", 2, "b", 3, "c"]', '[_ 1, "a", 2, "b", 3, "c"]'], reject: ['[1, "a"]', '[1, "a", 2, "b"]', '[2, "b"]'] },
  { name: 'array repeating alternatives where an earlier one reads a later one\'s first items', cddl: 'a = [+ (uint // 0, int)]', ts: 'CborValue;', accept: ['[0]', '[0, 1]'], reject: ['[0, -1]', '[]'] },
  { name: 'array repeating a group with an optional member', cddl: 'a = [* (int, ? tstr)]', ts: '([number | bigint, string] | [number | bigint])[];', accept: ['[]', '[1, "a", 2]', '[1, 2, "b"]'], reject: ['["a"]', '[1, "a", "b"]'] },
  { name: 'array repeating a group with optional members out of order', cddl: 'a = [* (int, ? tstr, ? (bool / ""))]', ts: 'CborValue;', accept: ['[1, true]', '[1, "a", true, 2]', '[1, ""]'], reject: ['[1, true, "a"]'] },
  { name: 'array repeating a group with named optional members that take items by type', cddl: 'a = [* (id: int, ? name: tstr, ? hidden: bool)]', ts: '{ id: number | bigint; name?: string; hidden?: boolean }[];', accept: ['[1, true]', '[1, "a", true, 2]'], reject: ['[1, true, "a"]'] },
  // Optional members no two of which take one item: one tuple per set of them present, each tried where the one before failed.
  { name: 'array repeating a group with optional members that take items by type', cddl: 'a = [* (int, ? tstr, ? bool)]', ts: '([number | bigint, string, boolean] | [number | bigint, string] | [number | bigint, boolean] | [number | bigint])[];', accept: ['[1, true]', '[1, "a", true, 2]', '[1, "a", 2, false]'], reject: ['[1, true, "a"]', '[true]'] },
  { name: 'array named optional members that take items by type', cddl: 'a = [v: uint, ? label: tstr, ? urgent: bool]', ts: '{ v: number | bigint; label?: string; urgent?: boolean; }', accept: ['[1]', '[1, true]', '[1, "a"]', '[1, "a", false]'], reject: ['[1, true, "a"]', '[1, 2]', '[]'] },
  { name: 'array optional members that take items by type', cddl: 'a = [int, ? tstr, ? bool]', ts: '| [number | bigint, string, boolean] | [number | bigint, string] | [number | bigint, boolean] | [number | bigint];', accept: ['[1]', '[1, true]', '[1, "a", false]'], reject: ['[1, true, "a"]', '[1, 2]', '[]'] },
  { name: 'array repeating alternatives that differ only inside inline arrays', cddl: 'a = [* ((1, [int]) // (1, [tstr]))]', ts: 'CborValue;', accept: ['[1, [2], 1, ["x"]]'], reject: ['[1, [true]]', '[1]'] },
  { name: 'array repeated member then an optional one', cddl: 'a = [2* bstr, ? null]', ts: 'Uint8Array[] | [...Uint8Array[], null];', accept: ["[h'', h'']", "[h'01', h'02', null]", "[_ h'', h'', null]"], reject: ["[h'']", "[h'', null]", "[h'', h'', null, null]", "[null]"] },
  { name: 'array repeated member then a required one', cddl: 'a = [tstr, * int, bstr]', ts: '[string, ...(number | bigint)[], Uint8Array];', accept: ["[\"a\", h'']", "[\"a\", 1, 2, h'']"], reject: ['["a", 1]', "[\"a\", h'', 1]", "[h'']"] },
  { name: 'array named members around a repeated one', cddl: 'a = [n: tstr, * v: int, ? z: bool]', ts: '{ n: string; v: (number | bigint)[]; z?: boolean; }', accept: ['["a"]', '["a", 1, 2, true]', '["a", false]'], reject: ['["a", true, 1]', '["a", 1, "b"]'] },
  // An optional member before a repetition takes the next item when it reads as one (RFC 8610 Appendix A): "x" is the tstr, 1 an int.
  { name: 'array optional members before a repeated one', cddl: 'a = [int, ? tstr, * int]', ts: '[number | bigint, string, ...(number | bigint)[]] | [number | bigint, ...(number | bigint)[]];', accept: ['[1]', '[1, "x"]', '[1, "x", 2, 3]', '[1, 2, 3]'], reject: ['[1, 2, "x"]', '[1, "x", "y"]', '[]'] },
  { name: 'array named optional member before a repeated one', cddl: 'a = [n: int, ? s: tstr, + v: int]', ts: '{ n: number | bigint; s?: string; v: (number | bigint)[]; }', accept: ['[1, 2]', '[1, "x", 2]'], reject: ['[1, "x"]', '[1]', '[1, 2, "x"]'] },
  // Optional members before a repetition that a member follows: each takes the next item when it reads as one, and the repetition ends at the bstr.
  { name: 'array optional members before a repeated one that members follow', cddl: 'a = [int, ? tstr, * bool, bstr]', ts: '[number | bigint, string, ...boolean[], Uint8Array] | [number | bigint, ...boolean[], Uint8Array];', accept: ["[1, h'']", '[1, "x", true, false, h\'\']', "[1, true, h'']", "[_ 1, \"x\", h'']"], reject: ['[1, "x"]', "[1, \"x\", \"y\", h'']", "[1, h'', true]", "[1, h'', h'']"] },
  { name: 'array named optional member before a repeated one that members follow', cddl: 'a = [a: int, ? b: tstr, * c: bool, d: bstr]', ts: '{ a: number | bigint; b?: string; c: boolean[]; d: Uint8Array; }', accept: ["[1, h'']", "[1, \"x\", true, h'']", "[1, false, h'']"], reject: ['[1]', "[1, h'', true]", "[1, \"x\", \"y\", h'']"] },
  { name: 'array several repeated members one after another', cddl: 'a = [* int, + tstr, * bool]', ts: '(number | bigint | string | boolean)[];', accept: ['["x"]', '[1, -2, "x", "y", true]', '[_ 1, "x", false]'], reject: ['[]', '[1]', '["x", 1]', '[1, "x", true, "y"]', '[1, h\'\', "x"]'] },
  { name: 'array repeated group and repeated member one after another', cddl: 'a = [* (int, tstr), + bool]', ts: '([number | bigint, string] | boolean)[];', accept: ['[true]', '[1, "a", 2, "b", false]', '[_ 1, "a", true]'], reject: ['[]', '[1, "a"]', '[1, true]', '[true, 1, "a"]', '[1, "a", true, 2]'] },
  { name: 'array several named repeated members one after another', cddl: 'a = [v: uint, * names: tstr, 1*2 keys: bstr]', ts: '{ v: number | bigint; names: string[]; keys: Uint8Array[]; }', accept: ["[1, h'']", "[1, \"x\", \"y\", h'01', h'02']"], reject: ['[1]', "[1, h'', \"x\"]", "[1, h'', h'', h'']"] },
  // Arrays match as a PEG (RFC 8610 Appendix A): the repetition takes every int, leaving none for the member after it.
  { name: 'array member after an unbounded repeated one that takes all it could be', cddl: 'a = [* int, int]', ts: 'never;', accept: [], reject: ['[]', '[1]', '[1, 2]'] },
  { name: 'array alternative that matches nothing', cddl: 'a = [* int, int // tstr]', ts: '[string];', accept: ['["a"]'], reject: ['[1]', '[]'] },
  { name: 'array member after a repeated one it could be', cddl: 'a = [* int, ? uint]', ts: '(number | bigint)[] | [...(number | bigint)[], number | bigint];', accept: ['[]', '[1, -2]', '[-1, 2]'], reject: ['["x"]', '[1, "x"]'] },
  { name: 'array member after a repeated one it overlaps', cddl: 'a = [int, * tstr, tstr / int]', ts: '[number | bigint, ...string[], string | number | bigint];', accept: ['[1, 2]', '[1, "x", 2]'], reject: ['[1, "x"]', '[1, "x", "y"]', '[1, 2, 3]'] },
  { name: 'array occurrence whose least is above its most', cddl: 'a = [5*3 int]', ts: 'never;', accept: [], reject: ['[]', '[1, 2, 3, 4]'] },
  { name: 'optional group of an occurrence whose least is above its most', cddl: 'a = [? (5*3 int)]', ts: '[];', accept: ['[]'], reject: ['[1]'] },
  { name: 'array unwrap ~', cddl: 'a = [~b, bool]\nb = [int, tstr]', ts: '[number | bigint, string, boolean];', accept: ['[1, "x", true]'], reject: ['[[1, "x"], true]'] },
  { name: 'array group socket nobody fills, required', cddl: 'a = [$$g]', ts: 'never;', accept: [], reject: ['[]', '[1]'] },
  { name: 'array group socket nobody fills, repeated at least once', cddl: 'a = [+ $$g]', ts: 'never;', accept: [], reject: ['[]'] },
  { name: 'array group socket nobody fills, repeated any number of times', cddl: 'a = [* $$g]', ts: '[];', accept: ['[]'], reject: ['[1]'] },
  { name: 'array group socket $$', cddl: 'a = [$$g]\n$$g //= (int)\n$$g //= (tstr, tstr)', ts: '[number | bigint] | [string, string];', accept: ['[1]', '["a", "b"]'], reject: ['["a"]', '[]'] },

  // ---- Maps (§3.5)
  { name: 'map with bareword keys', cddl: 'a = { x: int, y: tstr }', ts: '{ x: number | bigint; y: string; }', accept: ['{"x": 1, "y": "z"}', '{"y": "z", "x": 1}', '{_ "x": 1, "y": "z"}'], reject: ['{"x": 1}', '{"x": 1, "y": "z", "q": 0}', '{"x": 1, "x": 2, "y": "z"}'] },
  { name: 'map with int keys', cddl: 'a = { 1: int, 2: tstr }', ts: '{ "1": number | bigint; "2": string; }', accept: ['{1: 5, 2: "z"}'], reject: ['{"1": 5, "2": "z"}', '{1: 5}'] },
  { name: 'map with text keys', cddl: 'a = { "x": int }', ts: '{ x: number | bigint; }', accept: ['{"x": 1}'], reject: ['{"x": "1"}'] },
  { name: 'map optional member', cddl: 'a = { x: int, ? y: tstr }', ts: '{ x: number | bigint; y?: string; }', accept: ['{"x": 1}', '{"x": 1, "y": "z"}'], reject: ['{"y": "z"}'] },
  { name: 'map member with an occurrence other than ?', cddl: 'a = { * x: int, + y: tstr }', ts: '{ x?: number | bigint; y: string; }', accept: ['{"y": "a"}', '{"x": 1, "y": "a"}'], reject: ['{"x": 1}', '{"y": "a", "y": "b"}'] },
  // A map holds a key once (RFC 8610 §3.5.4, RFC 8949 §5.6): these match nothing, so the type is never (with a warning).
  { name: 'map member with a fixed key that must repeat', cddl: 'a = { 2* x: int }', ts: 'never;', accept: [], reject: ['{"x": 1}', '{}'] },
  { name: 'map member with a fixed key that must occur n*m times', cddl: 'a = { 2*3 "k" => int }', ts: 'never;', accept: [], reject: ['{"k": 1}', '{}'] },
  { name: 'map with one key in two required members', cddl: 'a = { x: int, x: tstr }', ts: 'never;', accept: [], reject: ['{"x": 1}', '{"x": "a"}'] },
  { name: 'map repeated choice of keyed members that needs more keys than it has', cddl: 'a = { 3* (x: int // y: int) }', ts: 'never;', accept: [], reject: ['{"x": 1, "y": 2}'] },
  { name: 'map alternative that matches nothing', cddl: 'a = { 2* x: int // y: tstr }', ts: '{ y: string; }', accept: ['{"y": "a"}'], reject: ['{"x": 1}', '{}'] },
  { name: 'map computed keys * tstr => T', cddl: 'a = { * tstr => int }', ts: 'Map<string, number | bigint>;', accept: ['{}', '{"a": 1, "b": 2}'], reject: ['{1: 1}', '{"a": "b"}'] },
  { name: 'map computed keys + tstr => T', cddl: 'a = { + tstr => int }', ts: 'Map<string, number | bigint>;', accept: ['{"a": 1}'], reject: ['{}'] },
  { name: 'map computed unsigned keys', cddl: 'a = { * uint => tstr }', ts: 'Map<number | bigint, string>;', accept: ['{}', '{0: "a", 1: "b"}'], reject: ['{-1: "a"}', '{"1": "a"}'] },
  { name: 'map computed int keys', cddl: 'a = { * int => tstr }', ts: 'Map<number | bigint, string>;', accept: ['{1: "a", -1: "b"}'], reject: ['{"1": "a"}'] },
  { name: 'map computed keys of a type choice', cddl: 'a = { * (int / tstr) => bool }', ts: 'Map<number | bigint | string, boolean>;', accept: ['{1: true, "a": false}'], reject: ['{h\'01\': true}'] },
  { name: 'map one member with a type key', cddl: 'a = { int => tstr }', ts: 'Map<number | bigint, string>;', accept: ['{1: "a"}'], reject: ['{}', '{1: "a", 2: "b"}'] },
  { name: 'map fixed keys plus computed keys', cddl: 'a = { x: int, * tstr => any }', ts: '{ x: number | bigint; /** Entries whose keys the schema does not name, in the order read; encoded with the others in deterministic key order. */ rest?: Map<string, CborAny>; }', accept: ['{"x": 1}', '{"x": 1, "y": [2]}'], reject: ['{"y": 2}', '{"x": 1, 2: 3}'] },
  { name: 'map cut ^=>', cddl: 'a = { 1 ^=> int, * int => any }', ts: '{ "1": number | bigint; /** Entries whose keys the schema does not name, in the order read; encoded with the others in deterministic key order. */ rest?: Map<number | bigint, CborAny>; }', accept: ['{1: 1, 2: "x"}'], reject: ['{1: "x"}', '{2: "x"}'] },
  { name: 'map cut by the colon', cddl: 'a = { "x": int, * tstr => any }', ts: '{ x: number | bigint; /** Entries whose keys the schema does not name, in the order read; encoded with the others in deterministic key order. */ rest?: Map<string, CborAny>; }', accept: ['{"x": 1, "y": 2}'], reject: ['{"x": "1"}'] },
  { name: 'map with a named group spliced in', cddl: 'a = { g, z: bool }\ng = (x: int, ? y: tstr)', ts: '{ x: number | bigint; y?: string; z: boolean; }', accept: ['{"x": 1, "z": true}', '{"x": 1, "y": "q", "z": true}'], reject: ['{"z": true}'] },
  { name: 'map unwrap ~', cddl: 'a = { ~b, z: bool }\nb = { x: int }', ts: '{ x: number | bigint; z: boolean; }', accept: ['{"x": 1, "z": true}'], reject: ['{"x": 1}'] },
  { name: 'map unwrap ~ of a map under .feature', cddl: 'a = { ~b, z: bool }\nb = { x: int } .feature "f"', ts: '{ x: number | bigint; z: boolean; }', accept: ['{"x": 1, "z": true}'], reject: ['{"x": 1}'] },
  { name: 'unwrap ~ of an array under .default, as a group rule', cddl: 'a = [g, bool]\ng = ~b\nb = [int, tstr] .default [1, "x"]', ts: '[number | bigint, string, boolean];', accept: ['[1, "x", true]'], reject: ['[[1, "x"], true]'] },
  { name: 'map group choice //', cddl: 'a = { x: int // y: tstr }', ts: '{ x: number | bigint } | { y: string };', accept: ['{"x": 1}', '{"y": "z"}'], reject: ['{"x": 1, "y": "z"}', '{}'] },
  { name: 'map repeated choice of keyed members +', cddl: 'a = { + (1 => int // 2 => tstr) }', ts: '{ "1"?: number | bigint; "2"?: string; }', accept: ['{1: 1}', '{2: "x"}', '{1: 1, 2: "x"}'], reject: ['{}', '{1: "x"}', '{3: 1}'] },
  { name: 'map repeated choice of keyed members n*m', cddl: 'a = { 1*2 (1 => int // 2 => int // 3 => int) }', ts: '{ "1"?: number | bigint; "2"?: number | bigint; "3"?: number | bigint; }', accept: ['{1: 1}', '{1: 1, 3: 3}'], reject: ['{}', '{1: 1, 2: 2, 3: 3}'] },
  { name: 'map repeated choice with computed keys +', cddl: 'a = { + (1 => int // nint => tstr) }', ts: '{ "1"?: number | bigint; /** Entries whose keys the schema does not name, in the order read; encoded with the others in deterministic key order. */ rest?: Map<number | bigint, string>; }', accept: ['{1: 1}', '{-1: "a"}', '{1: 1, -1: "a", -2: "b"}'], reject: ['{}', '{-1: 1}'] },
  { name: 'map repeated group of several keyed members', cddl: 'a = { * (x: int, y: int) }', ts: 'Record<string, never> | { x: number | bigint; y: number | bigint };', accept: ['{}', '{"x": 1, "y": 2}'], reject: ['{"x": 1}'] },
  { name: 'map computed keys that are arrays', cddl: 'a = { * [* bstr] => int }', ts: 'Map<Uint8Array[], number | bigint>;', accept: ['{}', "{[]: 2, [h'01']: 1}"], reject: ["{[]: 1, []: 2}", "{[1]: 1}", "{h'01': 1}"] },
  { name: 'map fixed keys plus computed keys that are arrays', cddl: 'a = { 1 => tstr, * [int] => int }', ts: '{ "1": string; /** Entries whose keys the schema does not name, in the order read; encoded with the others in deterministic key order. */ rest?: Map<[number | bigint], number | bigint>; }', accept: ['{1: "a"}', '{1: "a", [2]: 3}'], reject: ['{[2]: 3}', '{1: "a", [2]: 3, [2]: 4}', '{1: "a", 2: 3}'] },
  { name: 'map computed keys of mixed kinds', cddl: 'a = { * (int / [int]) => int }', ts: 'Map<number | bigint | AOption1, number | bigint>;', accept: ['{1: 2, [3]: 4}'], reject: ['{"x": 1}', '{["x"]: 1}', '{1: 2, 1: 3}'] },
  { name: 'map computed keys of any type', cddl: 'a = { * any => any }', ts: 'Map<CborAny, CborAny>;', accept: ['{}', '{1: 2, "a": h\'01\', [1]: {}, 1.0: null}'], reject: ['{1: 2, 1: 3}', '{[1]: 2, [1]: 3}'] },
  { name: 'map computed byte-string keys beside a fixed key', cddl: 'a = { x: int, * bstr => tstr }', ts: '{ x: number | bigint; /** Entries whose keys the schema does not name, in the order read; encoded with the others in deterministic key order. */ rest?: Map<Uint8Array, string>; }', accept: ['{"x": 1}', '{"x": 1, h\'\': "b", h\'01\': "a"}'], reject: ['{"x": 1, "y": "a"}', '{"x": 1, h\'01\': 2}', '{"x": 1, h\'01\': "a", h\'01\': "b"}'] },
  { name: 'map fixed key without a cut beside keys of any type', cddl: 'a = { ? "x" => int, * any => any }', ts: '{ x?: number | bigint; /** Entries whose keys the schema does not name (also "x" when its value is not of the member\'s type: the schema names that key without a cut), in the order read; encoded with the others in deterministic key order. */ rest?: Map<CborAny, CborAny>; }', accept: ['{}', '{"x": 1}', '{"x": "s"}', '{1: 2, "x": 3}'], reject: ['{"x": 1, "x": "s"}'] },
  { name: 'map computed float keys', cddl: 'a = { * float => int }', ts: 'Map<CborFloat, number | bigint>;', accept: ['{1.5: 1, -0.0: 2}'], reject: ['{1: 1}'] },
  // Computed keys of a type no value has take no entry (the decoder's emitter stopped on them).
  { name: 'map with computed keys of a type no value has', cddl: 'a = { * k => int, ? "x" => int }\nk = bstr .and int', ts: '{ x?: number | bigint; }', accept: ['{}', '{"x": 1}'], reject: ["{h'01': 1}", '{1: 1}'] },
  { name: 'map with computed keys of two major types', cddl: 'a = { * int => int, * bstr => tstr }', ts: '{ /** Entries whose keys are of type int and not named by the schema, in the order read; encoded with the others in deterministic key order. */ rest?: Map<number | bigint, number | bigint>; /** Entries whose keys are of type bstr and not named by the schema, in the order read; encoded with the others in deterministic key order. */ rest2?: Map<Uint8Array, string>; }', accept: ['{}', '{1: 2, h\'01\': "b"}'], reject: ['{1: "b"}', '{h\'01\': 2}', '{"a": 1}'] },
  { name: 'map counted by .and with a map of any entries', cddl: 'a = { ? x: int, ? y: tstr } .and { + any => any }', ts: '{ x?: number | bigint; y?: string; }', accept: ['{"x": 1}', '{"x": 1, "y": "a"}'], reject: ['{}'] },
  { name: 'map with two kinds of computed keys', cddl: 'a = { * int => int, * tstr => tstr }', ts: '{ /** Entries whose keys are of type int and not named by the schema, in the order read; encoded with the others in deterministic key order. */ rest?: Map<number | bigint, number | bigint>; /** Entries whose keys are of type tstr and not named by the schema, in the order read; encoded with the others in deterministic key order. */ rest2?: Map<string, string>; }', accept: ['{}', '{1: 2, "a": "b"}', '{-1: 2}'], reject: ['{1: "b"}', '{"a": 2}', "{h'01': 1}"] },
  { name: 'map with fixed keys and two kinds of computed keys', cddl: 'a = { x: 1, * nint => any, * (uint / tstr) => bstr }', ts: '{ x: 1; /** Entries whose keys are of type nint and not named by the schema, in the order read; encoded with the others in deterministic key order. */ rest?: Map<number | bigint, CborAny>; /** Entries whose keys are of type uint / tstr and not named by the schema, in the order read; encoded with the others in deterministic key order. */ rest2?: Map<number | bigint | string, Uint8Array>; }', accept: ['{"x": 1}', '{"x": 1, -1: [2], 2: h\'03\', "y": h\'\'}'], reject: ['{}', '{"x": 1, 2: 3}', '{"x": h\'01\'}', '{"x": 1, 1.5: h\'\'}'] },
  { name: 'map with byte-string keys of one major type and no value in common', cddl: "a = { h'01' => int, ? h'02' => tstr }", ts: "{ /** Entries whose keys are of type h'01' and not named by the schema, in the order read; encoded with the others in deterministic key order. */ rest: Map<Uint8Array, number | bigint>; /** Entries whose keys are of type h'02' and not named by the schema, in the order read; encoded with the others in deterministic key order. */ rest2?: Map<Uint8Array, string>; }", accept: ["{h'01': 1}", "{h'01': 1, h'02': \"x\"}"], reject: ['{}', "{h'01': \"x\"}", "{h'01': 1, h'02': 2}", "{h'01': 1, h'03': \"x\"}"] },
  { name: 'map with float and simple-value keys', cddl: 'a = { ? 1.5 => int, ? true => bool, ? null => tstr }', ts: '{ /** Entries whose keys are of type 1.5 and not named by the schema, in the order read; encoded with the others in deterministic key order. */ rest?: Map<number, number | bigint>; /** Entries whose keys are of type true and not named by the schema, in the order read; encoded with the others in deterministic key order. */ rest2?: Map<true, boolean>; /** Entries whose keys are of type null and not named by the schema, in the order read; encoded with the others in deterministic key order. */ rest3?: Map<null, string>; }', accept: ['{}', '{1.5: 1, true: false, null: "x"}'], reject: ['{1.5: "x"}', '{false: true}', '{2.5: 1}'] },
  { name: 'map with two kinds of computed keys that may take one key', cddl: 'a = { * int => int, * uint => tstr }', ts: 'CborValue;', accept: ['{1: 2, 3: "x", -1: 4}'], reject: ['{"x": 1}', '{-1: "x"}'] },
  { name: 'map optional group of several members', cddl: 'a = { ? (x: int, y: int) }', ts: 'Record<string, never> | { x: number | bigint; y: number | bigint };', accept: ['{}', '{"x": 1, "y": 2}'], reject: ['{"x": 1}'] },
  { name: 'map group socket * $$g', cddl: 'a = { x: int, * $$ext }\n$$ext //= (y: tstr)', ts: '{ x: number | bigint; y?: string; }', accept: ['{"x": 1}', '{"x": 1, "y": "z"}'], reject: ['{"x": 1, "y": 2}'] },
  { name: 'map group socket nobody fills', cddl: 'a = { x: int, * $$ext }', ts: '{ x: number | bigint; }', accept: ['{"x": 1}'], reject: ['{"x": 1, "y": 2}'] },
  { name: 'map group socket nobody fills, required', cddl: 'a = { $$g }', ts: 'never;', accept: [], reject: ['{}'] },
  { name: 'map group socket as the whole map', cddl: 'a = { $$g }\n$$g //= (x: int)\n$$g //= (y: tstr)', ts: '{ x: number | bigint } | { y: string };', accept: ['{"x": 1}', '{"y": "z"}'], reject: ['{}'] },
  { name: 'map member whose value may be undefined', cddl: 'a = { x: int / undefined }', ts: 'CborValue;', accept: ['{"x": undefined}', '{"x": 1}'], reject: ['{}', '{"x": null}'] },
  { name: 'map nested inline', cddl: 'a = { x: { y: int } }', ts: '{ x: { y: number | bigint }; }', accept: ['{"x": {"y": 1}}'], reject: ['{"x": {}}'] },

  // ---- Tags and major types (§3.6, §2.2.3)
  { name: 'tag #6.n(T)', cddl: 'a = #6.32(tstr)', ts: 'string;', accept: ['32("x")'], reject: ['"x"', '33("x")'] },
  { name: 'tag choice', cddl: 'a = #6.1(int) / #6.2(bstr)', ts: 'number | bigint | Uint8Array;', accept: ['1(5)', "2(h'01')"], reject: ['5', "1(h'01')"] },
  { name: 'tag without a number #6', cddl: 'a = #6', ts: '{ tag: number | bigint; value: CborAny };', accept: ['1(0)', '55799("x")', "24(h'01')", '100000([])'], reject: ['1', '"x"'] },
  { name: 'tag with a type as its number #6.<T>', cddl: 'a = #6.<1..3>(int)', ts: '{ tag: number | bigint; value: number | bigint };', accept: ['1(5)', '3(-1)'], reject: ['4(5)', '0(5)', '1("x")', '5'] },
  { name: 'tag with a rule as its number #6.<name>', cddl: 'a = #6.<t>(tstr)\nt = 32', ts: 'string;', accept: ['32("x")'], reject: ['33("x")', '"x"'] },
  { name: 'tag with a choice of numbers as an array member', cddl: 'a = [#6.<2 / 3>(bstr), int]', ts: '[{ tag: number | bigint; value: Uint8Array }, number | bigint];', accept: ["[2(h'01'), 1]", "[3(h''), 1]"], reject: ["[4(h''), 1]", "[h'', 1]"] },
  { name: 'tag with only negative numbers', cddl: 'a = #6.<-5..-1>(int)', ts: 'never;', accept: [], reject: ['1(1)', '1'] },
  { name: 'tag with a negative number', cddl: 'a = #6.<-1..2>(int)', ts: '{ tag: number | bigint; value: number | bigint };', accept: ['0(1)', '2(1)'], reject: ['3(1)'] },
  { name: 'major type #0', cddl: 'a = #0', ts: 'number | bigint;', accept: ['0', '18446744073709551615'], reject: ['-1'] },
  { name: 'major type #1', cddl: 'a = #1', ts: 'number | bigint;', accept: ['-1'], reject: ['0'] },
  { name: 'major type #2', cddl: 'a = #2', ts: 'Uint8Array;', accept: ["h'01'"], reject: ['"x"'] },
  { name: 'major type #3', cddl: 'a = #3', ts: 'string;', accept: ['"x"'], reject: ["h'01'"] },
  { name: 'major type #4', cddl: 'a = #4', ts: 'CborAny;', accept: ['[]', '[1, "x"]', '[_ 1]'], reject: ['{}', '1'] },
  { name: 'major type #5', cddl: 'a = #5', ts: 'CborAny;', accept: ['{}', '{1: [2]}'], reject: ['[]', '"x"'] },
  { name: 'major type #7', cddl: 'a = #7', ts: 'CborAny;', accept: ['true', 'null', 'undefined', '1.5'], reject: ['1', '"x"'] },
  { name: 'major type with additional information #0.5', cddl: 'a = #0.5', ts: 'CborAny;', accept: ['5'], reject: ['6', '5_0', '-6'] },
  { name: 'major type with additional information #0.24', cddl: 'a = #0.24', ts: 'CborAny;', accept: ['24', '255', '5_0'], reject: ['23', '256'] },
  { name: 'major type #4 as an array member and a choice option', cddl: 'a = [#4 / int]', ts: '[CborAny | number | bigint];', accept: ['[[1]]', '[1]'], reject: ['[{}]'] },
  { name: 'major type with additional information #7.25', cddl: 'a = #7.25', ts: 'number;', accept: ['1.5'], reject: ['1.5_2'] },
  { name: 'major type with a range of additional information #7.<20..21>', cddl: 'a = #7.<20..21>', ts: 'false | true;', accept: ['false', 'true'], reject: ['null'] },
  { name: 'major type with a wide range of additional information #0.24 / #0.25 / #0.26', cddl: 'a = #0.24 / #0.25 / #0.26', ts: 'CborAny;', accept: ['24', '255', '65535', '5_0'], reject: ['-1', '"x"', '23', '5'] },
  { name: 'a type in angle brackets after #0 (RFC 9682 §3.2: #6 and #7 only)', cddl: 'a = #0.<0..100>', refused: "x.cddl:1:5: '#0.<' is no CDDL: a type in angle brackets gives the number of a tag (#6.<…>(…)) or a simple value (#7.<…>) only; another major type takes its additional information as a number (#0.24), or a choice of them (#0.24 / #0.25) (RFC 9682 Appendix A: type2)" },
  { name: 'a tag whose number is a type, without its content', cddl: 'a = #6.<1..3>', refused: "x.cddl:2:1: expected '(' after '#6.<1..3>': a tag whose number is a type needs its content in parentheses right after it ('(any)' for any content) (RFC 9682 Appendix A: type2)" },
  { name: 'simple value above 31 #7.40 (RFC 9682 §3.2)', cddl: 'a = #7.40', ts: 'CborAny;', accept: ['simple(40)'], reject: ['simple(41)', 'simple(8)', '40'] },
  { name: 'simple values of an enumeration #7.<&(…)>', cddl: 'a = #7.<&(no: 20, yes: 21)>', ts: 'false | true;', accept: ['false', 'true'], reject: ['null', '20'] },
  { name: 'simple values of a controlled range #7.<(20..23) .ne 22>', cddl: 'a = #7.<(20..23) .ne 22>', ts: 'false | true | undefined;', accept: ['false', 'true', 'undefined'], reject: ['null'] },
  { name: 'simple values of a type that takes bignums #7.<biguint .lt 2>', cddl: 'a = #7.<biguint .lt 2>', ts: 'CborAny;', accept: ['simple(0)', 'simple(1)'], reject: ['simple(2)', 'false', '0'] },
  { name: 'simple values of an integer type with none from 0 to 255 #7.<nint>', cddl: 'a = #7.<nint>', ts: 'never;', accept: [], reject: ['simple(0)', 'false', '-1'] },
  { name: 'simple values 32..255 #7.<32..255>, one option like #7.24', cddl: 'a = #7.<32..255>', ts: 'CborAny;', accept: ['simple(32)', 'simple(255)'], reject: ['simple(19)', 'true', '1.5'] },

  // ---- Generics and sockets (§3.10, §3.9)
  { name: 'generic type', cddl: 'a = pair<int, tstr>\npair<A, B> = [A, B]', ts: 'PairOfIntTstr;', accept: ['[1, "x"]'], reject: ['["x", 1]'] },
  { name: 'generic group', cddl: 'a = { g<int> }\ng<T> = (x: T)', ts: '{ x: number | bigint; }', accept: ['{"x": 1}'], reject: ['{"x": "1"}'] },
  { name: 'type socket $s /=', cddl: 'a = $s\n$s /= int\n$s /= tstr', ts: 'S;', accept: ['1', '"x"'], reject: ['true'] },
  { name: 'type socket of values', cddl: 'a = $s\n$s /= 1\n$s /= 2', ts: 'S;', accept: ['1', '2'], reject: ['3'] },
  { name: 'type socket nobody fills', cddl: 'a = $s', ts: 'S;', accept: [], reject: ['1', 'null'] },
  { name: 'generic type socket, added to only', cddl: 'a = $s<int>\n$s<T> /= [T]\n$s<T> /= { x: T }', ts: 'SOfInt;', accept: ['[1]', '{"x": 1}'], reject: ['["1"]', '{"x": "1"}'] },
  { name: 'generic group socket, added to only', cddl: 'a = { $$g<int> }\n$$g<T> //= (x: T)', ts: '{ x: number | bigint; }', accept: ['{"x": 1}'], reject: ['{"x": "1"}'] },
  { name: 'generic rule added to with other parameter names', cddl: 'a = g<int>\ng<T> = [T]\ng<U> /= { x: U }', ts: 'GOfInt;', accept: ['[1]', '{"x": 1}'], reject: ['{"x": "1"}'] },

  // ---- Enumerations (§3.5.4, `&`)
  { name: 'enumeration &( … )', cddl: 'a = &( x: 1, y: 2 )', ts: '(typeof A)[keyof typeof A];', accept: ['1', '2'], reject: ['3'] },
  { name: 'enumeration naming one value twice', cddl: 'a = &( x: 1, y: 1 )', ts: '(typeof A)[keyof typeof A];', accept: ['1'], reject: ['2'] },
  { name: 'enumeration &group', cddl: 'a = &g\ng = ( x: 1, y: 2 )', ts: '(typeof A)[keyof typeof A];', accept: ['1'], reject: ['0'] },
  { name: 'enumeration with a named range', cddl: 'a = &( x: 1, rest: 2..9 )', ts: '(typeof A)[keyof typeof A] | (number & { readonly __range: "rest: 2..9" });', accept: ['1', '9'], reject: ['10'] },

  // ---- Control operators (§3.8, RFC 9165)
  { name: '.size on tstr', cddl: 'a = tstr .size (1..3)', ts: 'string;', accept: ['"a"', '"abc"', '"ä"'], reject: ['""', '"abcd"', '"ää"'] },
  { name: '.size on bstr', cddl: 'a = bstr .size 4', ts: 'Uint8Array;', accept: ["h'01020304'"], reject: ["h'010203'"] },
  { name: '.size on a target of two string kinds', cddl: 'a = (tstr / bstr) .size (1..3)', ts: 'string | Uint8Array;', accept: ['"a"', "h'010203'"], reject: ['""', "h'01020304'", '1'] },
  { name: '.size on a target of any and text', cddl: 'a = (any / tstr) .size 2', ts: 'number | Uint8Array | string;', accept: ['65535', "h'0102'", '"ab"'], reject: ['65536', '"abc"', '[1]'] },
  { name: 'comparison on number', cddl: 'a = number .ge 0', ts: 'number | bigint | CborFloat;', accept: ['0', '5', '0.5', '18446744073709551615'], reject: ['-1', '-0.5', '"0"'] },
  { name: '.size with a comparison controller', cddl: 'a = bstr .size (uint .ge 3)', ts: 'Uint8Array;', accept: ["h'010203'", "h'0102030405'"], reject: ["h'0102'"] },
  { name: '.size with a controller that starts below 0', cddl: 'a = tstr .size (-3..2)', ts: 'string;', accept: ['""', '"ab"'], reject: ['"abc"'] },
  { name: '.size with a controller of negative integers only', cddl: 'a = bstr .size (-3..-1)', ts: 'never;', accept: [], reject: ["h''", "h'01'"] },
  // A string meets .size when its length is one of the controller's values (§3.8.1): sizes in several ranges are a choice of them (they were the general matcher's, typed CborValue).
  // An array or a map holds no number (RFC 8610 §3.8.6 compares numbers): nothing meets the comparison (it was the general matcher's, typed CborValue, taking nothing).
  { name: 'a comparison whose controller is an array', cddl: 'a = int .lt [1]', ts: 'never;', accept: [], reject: ['0', '-5', '[1]'] },
  { name: '.size with a choice of sizes', cddl: 'a = bstr .size (16 / 32)', ts: 'Uint8Array;', accept: ["h'000102030405060708090a0b0c0d0e0f'", "h'000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f'"], reject: ["h''", "h'0001020304050607080910111213141516171819'", '"0123456789abcdef"'] },
  { name: '.size of text with sizes in several ranges', cddl: 'a = tstr .size (0 / 2..4 / uint .ge 8)', ts: 'string;', accept: ['""', '"ab"', '"ä"', '"ää"', '"abcdefgh"', '(_ "ab", "cdefgh")'], reject: ['"a"', '"abcde"', '"ééé"', '(_ "a", "bcde")'] },
  // Literals of the lengths the controller holds; a size on a sized string, within it; a controller's parts that are no integer hold no size (all were the general matcher's).
  { name: '.size on literals', cddl: 'a = ("ab" / "abc" / "é") .size 2', ts: '"ab" | "é";', accept: ['"ab"', '"é"'], reject: ['"abc"', '"a"'] },
  { name: '.size on a string of a size already', cddl: 'a = (tstr .size (1..5)) .size (1 / 3 / 7)', ts: 'string;', accept: ['"a"', '"abc"'], reject: ['""', '"ab"', '"abcdefg"'] },
  { name: '.size with a controller of an integer and text', cddl: 'a = tstr .size (1 / tstr)', ts: 'string;', accept: ['"a"'], reject: ['""', '"ab"'] },
  // RFC 8610 §3.8.1 measures unsigned integers and strings: nothing else has a size (never, with a warning).
  { name: '.size on a float', cddl: 'a = float .size 2', ts: 'never;', accept: [], reject: ['1.5', '2'] },
  { name: '.size on an array', cddl: 'a = [* int] .size 2', ts: 'never;', accept: [], reject: ['[1, 2]', '[]'] },
  { name: '.size on a tag', cddl: 'a = tdate .size 20', ts: 'never;', accept: [], reject: ['0("2020-01-01T00:00:00Z")', '"2020-01-01T00:00:00Z"'] },
  { name: '.size on any with a choice of sizes', cddl: 'a = any .size (1 / 3)', ts: 'number | Uint8Array | string;', accept: ['255', '300', '16777215', '"a"', "h'010203'"], reject: ['16777216', '"ab"', "h'0102'", '-1'] },
  { name: '.size on uint', cddl: 'a = uint .size 2', ts: 'number;', accept: ['65535'], reject: ['65536'] },
  { name: '.size on int', cddl: 'a = int .size 2', ts: 'number;', accept: ['65535', '-65536'], reject: ['65536', '-65537'] },
  // RFC 8610 §3.8.1 defines .size for uint, bstr and tstr; on any it is the choice of those three (the cddl gem checks .size by the value's kind).
  {
    name: '.size on any',
    cddl: 'a = any .size 2',
    ts: 'number | Uint8Array | string;',
    accept: ['0', '65535', "h'0102'", '"ab"'],
    reject: ['65536', "h'01'", "h'010203'", '"a"', '"abc"', '[1]', '{1: 2}', '1.5', '-1', 'true', 'null', "2(h'01')"],
  },
  {
    name: '.size on any with a range',
    cddl: 'a = any .size (0..4)',
    ts: 'number | Uint8Array | string;',
    accept: ['0', '65536', '4294967295', "h''", "h'010203'", '""', '"abcd"', '"ää"'],
    reject: ['4294967296', "h'0102030405'", '"abcde"', '"äää"', '[1]', '[]', '{}', '1.5', '-1', 'true', 'undefined'],
  },
  { name: '.size on any wider than a safe integer', cddl: 'a = any .size 8', ts: 'number | bigint | Uint8Array | string;', accept: ['18446744073709551615', "h'0102030405060708'"], reject: ['-1', "2(h'010000000000000000')", '1.0'] },
  { name: '.size on a rule that is any', cddl: 'a = x .size 2\nx = any', ts: 'number | Uint8Array | string;', accept: ['65535', "h'0102'", '"ab"'], reject: ['65536', '[1]', '1.5'] },
  { name: '.size on any inside a map and a choice', cddl: 'a = { k: any .size 1 / bool }', ts: '{ k: number | Uint8Array | string | boolean; }', accept: ['{"k": 255}', '{"k": "a"}', '{"k": true}'], reject: ['{"k": 256}', '{"k": null}'] },
  { name: '.size on a rule that is any .size', cddl: 'a = x .size 2\nx = any .size 4', ts: 'CborValue;', accept: [], reject: ['"ab"', '"abcd"'] },
  // The numbers below 3: integers (bignums among them) and floats, `(bigint .lt 3) / (float .lt 3)`.
  { name: '.lt on any', cddl: 'a = any .lt 3', ts: 'number | bigint | CborFloat;', accept: ['2', '2.5', '-1', '-1.5', '-18446744073709551616'], reject: ['3', '3.0', '"a"', 'true', 'NaN'] },
  { name: '.bits on uint', cddl: 'a = uint .bits (0 / 2)', ts: 'number | bigint;', accept: ['0', '5'], reject: ['2'] },
  // A byte string's bit n is (str[n >> 3] >> (n & 7)) & 1 (RFC 8610 §3.8.2); any length, bytes past the allowed bits all zero.
  { name: '.bits on bstr', cddl: 'a = bstr .bits f\nf = &( b0: 0, b3: 3 )', ts: 'Uint8Array;', accept: ["h''", "h'00'", "h'09'", "h'0800'", "h'010000'"], reject: ["h'02'", "h'0001'", "h'000080'", '9'] },
  {
    name: '.bits on bstr (RFC 8610 tcpflagbytes)',
    cddl: 'a = bstr .bits flags\nflags = &( fin: 8, syn: 9, rst: 10, psh: 11, ack: 12, urg: 13, ece: 14, cwr: 15, ns: 0 ) / (4..7)',
    ts: 'Uint8Array;',
    accept: ["h'906d'", "h'01fc'", "h'c05f'", "h''", "h'0000'"],
    reject: ["h'02'", "h'0e00'", "h'000001'"],
  },
  // An integer of major type 0 has no bit 2000: only bit 1 may be set.
  { name: '.bits on uint with a position above 63', cddl: 'a = uint .bits (1 / 2000)', ts: 'number | bigint;', accept: ['0', '2'], reject: ['1', '4', '18446744073709551615'] },
  // Bit 2000 is bit 0 of byte 250: beyond the typed check's 1024-bit mask, so the general matcher checks it.
  { name: '.bits on bstr with a position above 1023', cddl: 'a = bstr .bits (0 / 2000)', ts: 'CborValue;', accept: ["h'01'", `h'${'00'.repeat(250)}01'`], reject: ["h'02'", `h'${'00'.repeat(250)}02'`, `h'${'00'.repeat(251)}01'`, '1'] },
  { name: '.bits on a bstr literal', cddl: "a = h'0901' .bits (0 / 3 / 8)", ts: 'Uint8Array;', accept: ["h'0901'"], reject: ["h'09'"] },
  { name: '.bits on tstr', cddl: 'a = tstr .bits 1', refused: 'x.cddl:1:10: .bits other than on an unsigned integer or a byte string with unsigned bit positions (RFC 8610 §3.8.2): tstr .bits 1' },
  { name: '.regexp', cddl: 'a = tstr .regexp "[a-z]+"', ts: 'string;', accept: ['"abc"'], reject: ['"abc1"', '""'] },
  // XSD regular expressions (RFC 8610 §3.8.3, XSD Part 2 Appendix F): matched whole, `^` and `$` ordinary, Unicode \d and \w.
  { name: '.regexp: ^ and $ are ordinary characters (XSD)', cddl: 'a = tstr .regexp "^a$"', ts: 'string;', accept: ['"^a$"'], reject: ['"a"'] },
  { name: '.regexp: \\d is any Unicode decimal digit (XSD)', cddl: 'a = tstr .regexp "\\\\d+"', ts: 'string;', accept: ['"123"', '"١٢٣"'], reject: ['"a"', '"²"'] },
  { name: '.regexp: \\w excludes only punctuation, separators and other (XSD)', cddl: 'a = tstr .regexp "\\\\w+"', ts: 'string;', accept: ['"aé中+"'], reject: ['"a-b"', '"a b"', '"_"'] },
  { name: '.regexp: . excludes only \\n and \\r (XSD)', cddl: 'a = tstr .regexp "a.b"', ts: 'string;', accept: ['"a\\u2028b"', '"a\\tb"'], reject: ['"a\\nb"', '"a\\rb"'] },
  { name: '.regexp: class subtraction (XSD)', cddl: 'a = tstr .regexp "[a-z-[aeiou]]+"', ts: 'string;', accept: ['"bcd"'], reject: ['"bad"'] },
  { name: '.regexp: block escape (XSD)', cddl: 'a = tstr .regexp "\\\\p{IsBasicLatin}+"', ts: 'string;', accept: ['"abc"'], reject: ['"ä"'] },
  { name: '.regexp: \\i and \\c are XML name characters (XSD)', cddl: 'a = tstr .regexp "\\\\i\\\\c*"', ts: 'string;', accept: ['"_x-1"'], reject: ['"1x"'] },
  { name: '.regexp: single-character escapes and a line feed (XSD)', cddl: 'a = tstr .regexp "x\\\\-\\u000a"', ts: 'string;', accept: ['"x-\\n"'], reject: ['"x-"'] },
  // Not XSD, but PCRE: generated with PCRE's meaning and a warning (test/emit/xsd-regexp.test.ts checks the warning).
  { name: '.regexp: a PCRE escape \\/ (warning)', cddl: 'a = tstr .regexp "x\\\\/y"', ts: 'string;', accept: ['"x/y"'], reject: ['"x\\\\/y"'] },
  { name: '.regexp: a PCRE named group and anchors (warning)', cddl: 'a = tstr .regexp "^(?<n>a+)\\\\:$"', ts: 'string;', accept: ['"aa:"'], reject: ['"^a:$"'] },
  // A size or an RFC 9741 control on the text stays beside the pattern (these were the general matcher's, typed CborValue).
  { name: '.regexp on a sized text', cddl: 'a = (tstr .size (1..3)) .regexp "a+"', ts: 'string;', accept: ['"a"', '"aaa"', '(_ "a", "aa")'], reject: ['""', '"aaaa"', '"ab"'] },
  { name: '.regexp on literals', cddl: 'a = ("ab" / "cd" / "ax") .regexp "a."', ts: '"ab" | "ax";', accept: ['"ab"', '"ax"'], reject: ['"cd"', '"ay"'] },
  { name: '.regexp on a text of several sizes', cddl: 'a = (tstr .size (1 / 3)) .regexp "a+"', ts: 'string;', accept: ['"a"', '"aaa"'], reject: ['"aa"', '"b"', '"aab"'] },
  { name: '.regexp on text with a control (RFC 9741)', cddl: 'a = (tstr .b64u bstr) .regexp "A.*"', ts: 'string;', accept: ['"AQI"', '"AA"'], reject: ['"BQI"', '"A"'] },
  { name: '.regexp that is not a regular expression', cddl: 'a = tstr .regexp "(a"', refused: `x.cddl:1:10: .regexp pattern that is not a regular expression (RFC 8610 §3.8.3: XSD Part 2 Appendix F): '(' without its ')' at offset 0 of "(a", and read as PCRE: '(' without its ')' at offset 0 of "(a"` },
  { name: '.cbor on bstr with a rule name', cddl: 'a = bstr .cbor b\nb = int', ts: 'Uint8Array;', accept: ["h'01'", "h'1818'"], reject: ["h'61'", "h''", "h'0101'"] },
  { name: '.cbor on bstr with an inline type', cddl: 'a = bstr .cbor int', ts: 'Uint8Array;', accept: ["h'01'", "h'3818'", "<< 1000 >>"], reject: ["h'60'", "h''", "h'0101'"] },
  { name: '.cbor inside tag 24', cddl: 'a = #6.24(bstr .cbor b)\nb = int', ts: 'Uint8Array;', accept: ["24(h'01')"], reject: ["h'01'", "24(h'61')"] },
  { name: '.cborseq with a rule name', cddl: 'a = bstr .cborseq b\nb = [* int]', ts: 'Uint8Array;', accept: ["h''", "h'0102'"], reject: ["h'61'"] },
  { name: '.cborseq with an inline type', cddl: 'a = bstr .cborseq [* int]', ts: 'Uint8Array;', accept: ["h''", "h'0102'", "h'0120'"], reject: ["h'61'", "h'8101'"] },
  { name: '.cbor with an inline choice of arrays', cddl: 'a = [bstr .cbor (tstr / [int])]', ts: '[Uint8Array];', accept: ["[h'6161']", "[h'8101']"], reject: ["[h'01']", "[h'8161']"] },
  // .and and .within (RFC 8610 §3.8.5) are both the intersection of two types; .within only adds the intent that the left one is within the right.
  { name: '.within', cddl: 'a = int .within uint', ts: 'number | bigint;', accept: ['0', '18446744073709551615'], reject: ['-1', '1.0', '"1"'] },
  { name: '.within on a range', cddl: 'a = uint .within (0..255)', ts: 'number;', accept: ['0', '255'], reject: ['256', '-1'] },
  { name: '.and', cddl: 'a = int .and uint', ts: 'number | bigint;', accept: ['0', '18446744073709551615'], reject: ['-1', '1.0'] },
  { name: '.and with a text size and a literal choice', cddl: 'a = s .and ("a" / "abcd" / "bc")\ns = tstr .size (1..3)', ts: '"a" | "bc";', accept: ['"a"', '"bc"'], reject: ['"abcd"', '"b"', '""'] },
  { name: '.and of two regular expressions', cddl: 'a = (tstr .regexp "[a-z]+") .and (tstr .regexp ".{3}")', ts: 'string;', accept: ['"abc"'], reject: ['"ab"', '"ab1"', '"abcd"'] },
  { name: '.and of float ranges and widths', cddl: 'a = (float .ge 0.0) .and (float16 .lt 1.0)', ts: 'number;', accept: ['0.0', '0.5'], reject: ['1.0', '-0.5', '0.5_2'] },
  { name: '.and of choices of several kinds', cddl: 'a = (int / tstr) .and (uint / "a")', ts: 'number | bigint | "a";', accept: ['1', '"a"'], reject: ['-1', '"b"', '1.5'] },
  // Different kinds share no value: the type is never and the decoder rejects everything.
  { name: '.and of two kinds', cddl: 'a = int .and tstr', ts: 'never;', accept: [], reject: ['1', '"a"', 'null'] },
  { name: '.and of two kinds inside an array', cddl: 'a = [x]\nx = int .and tstr', ts: '[X];', accept: [], reject: ['[1]', '["a"]', '[]'] },
  { name: '.and between maps, neither within the other', cddl: 'a = {x: int} .and {y: int}', ts: 'never;', accept: [], reject: ['{"x": 1}', '{"x": 1, "y": 2}'] },
  { name: '.within between arrays', cddl: 'a = [1, tstr / 0] .within [uint, any]', ts: '[1, string | 0];', accept: ['[1, "x"]', '[1, 0]'], reject: ['[2, "x"]', '[1, 1]', '[1]'] },
  { name: '.and between arrays of members', cddl: 'a = [x: int, tstr] .and [0..10, y: tstr .size 1]', ts: '{ x: number; y: string; }', accept: ['[3, "a"]', '[_ 0, "b"]'], reject: ['[11, "a"]', '[3, "ab"]', '[3]', '[3, "a", 1]'] },
  { name: '.and between maps of fixed keys', cddl: 'a = { x: int, ? y: tstr, ? w: int } .and { x: 0..5, ? y: "q", ? z: bool }', ts: '{ x: number; y?: "q"; }', accept: ['{"x": 3}', '{"x": 0, "y": "q"}'], reject: ['{"x": 6}', '{"x": 1, "y": "r"}', '{"x": 1, "z": true}', '{"x": 1, "w": 2}', '{}'] },
  { name: '.and between lists', cddl: 'a = [* int] .and [1*2 uint]', ts: '(number | bigint)[];', accept: ['[1]', '[1, 2]'], reject: ['[]', '[1, 2, 3]', '[-1]'] },
  { name: '.and between a list and members', cddl: 'a = [* tstr] .and [tstr, "b"]', ts: '[string, "b"];', accept: ['["a", "b"]'], reject: ['["a", "c"]', '["a"]', '[1, "b"]'] },
  { name: '.and between a map and a non-empty map', cddl: 'a = {x: int} .and {+ tstr => any}', ts: '{ x: number | bigint; }', accept: ['{"x": 1}'], reject: ['{}', '{"x": 1, "y": 2}'] },
  { name: '.lt', cddl: 'a = int .lt 10', ts: 'number | bigint;', accept: ['9', '-100'], reject: ['10'] },
  { name: '.le', cddl: 'a = int .le 10', ts: 'number | bigint;', accept: ['10'], reject: ['11'] },
  { name: '.gt', cddl: 'a = int .gt 10', ts: 'number | bigint;', accept: ['11'], reject: ['10'] },
  { name: '.ge', cddl: 'a = int .ge 10', ts: 'number | bigint;', accept: ['10'], reject: ['9'] },
  // No integer meets it: never (with a warning), where the type said number and the decoder's local number | bigint.
  { name: '.lt that no integer meets', cddl: 'a = uint .lt -3', ts: 'never;', accept: [], reject: ['0', '-4', '1'] },
  { name: '.lt of an integer type with a float', cddl: 'a = int .lt 1.5', ts: 'number | bigint;', accept: ['1', '-7'], reject: ['2', '1.0'] },
  // A controller of several numbers is their union (RFC 8610 §2.2.2): the control holds against one of them, the greatest
  // for .lt and .le, the least for .gt and .ge (generator/layout/comparison-bounds.ts).
  { name: '.lt of several numbers', cddl: 'a = int .lt (1 / 5)', ts: 'number | bigint;', accept: ['4', '0', '-7'], reject: ['5', '6'] },
  { name: '.ge of a range', cddl: 'a = uint .ge (n .. 9)\nn = 2', ts: 'number | bigint;', accept: ['2', '100'], reject: ['1', '0'] },
  { name: '.gt of an integer type', cddl: 'a = int .gt uint', ts: 'number | bigint;', accept: ['1', '18446744073709551615'], reject: ['0', '-1'] },
  { name: '.lt of integers and floats', cddl: 'a = float .lt (1 / 2.5)', ts: 'number;', accept: ['2.25', '-1.5'], reject: ['2.5', '3.0'] },
  { name: '.le of a range with an open end', cddl: 'a = float .le (0.0...2.0)', ts: 'number;', accept: ['1.9999999999999998', '-1.0'], reject: ['2.0'] },
  { name: '.lt of integers without end', cddl: 'a = int .lt biguint', ts: 'number | bigint;', accept: ['1', '-1', '18446744073709551615'], reject: ['1.0'] },
  // Its integers are the positions; the text option allows none. Refused as invalid CDDL before.
  { name: '.bits with a controller of integers and text', cddl: 'a = uint .bits (1 / tstr)', ts: 'CborValue;', accept: ['2', '0'], reject: ['1', '3'] },
  // A size controller with .bits has only the integers that set no other bit: (0..8) .bits 0 is 0 and 1 (both were 0..8).
  { name: '.size with a controller under .bits', cddl: 'a = tstr .size ((0..8) .bits 0)', ts: 'string;', accept: ['"a"', '""'], reject: ['"aa"'] },
  { name: 'tag number type with .bits', cddl: 'a = #6.<((0..9) .bits 1)>(int)', ts: '{ tag: number | bigint; value: number | bigint };', accept: ['0(1)', '2(1)'], reject: ['1(1)', '3(1)'] },
  { name: '.bits with a controller under .bits', cddl: 'a = uint .bits ((0..9) .bits 1)', ts: 'number | bigint;', accept: ['0', '1', '4', '5'], reject: ['2', '8'] },
  { name: '.bits on bytes with a controller under .bits', cddl: 'a = bstr .bits ((0..9) .bits 1)', ts: 'Uint8Array;', accept: ["h''", "h'05'", "h'0500'"], reject: ["h'02'", "h'0001'"] },
  { name: '.size of an integer type with a controller under .bits', cddl: 'a = uint .size ((0..8) .bits 0)', ts: 'number;', accept: ['255', '0'], reject: ['256'] },
  // A controller with no value (an empty range) leaves no value.
  { name: '.size with an empty controller', cddl: 'a = uint .size (2 ... 2)', ts: 'never;', accept: [], reject: ['0', '1'] },
  // A value differs from every value of a controller that has none.
  { name: '.ne with a controller of no value', cddl: 'a = (0 .. 9) .ne ((0 ... 0) .lt 0)', ts: 'number;', accept: ['0', '9'], reject: ['10'] },
  // .ne takes a value equal to none of the controller's, for booleans and strings as for integers.
  { name: '.ne of bool with both', cddl: 'a = bool .ne (true / false)', ts: 'never;', accept: [], reject: ['true', 'false'] },
  { name: '.ne of text with several literals', cddl: 'a = tstr .ne ("a" / "b")', ts: 'string;', accept: ['"c"', '""'], reject: ['"a"', '"b"'] },
  // Literals under .eq or .ne whose controller has no shape are decided while generating, so .cat can join them.
  { name: '.eq of literals inside .cat', cddl: 'a = (("a" / "b") .eq ("a" / (tstr .size 3))) .cat "!"', ts: '"a!";', accept: ['"a!"'], reject: ['"b!"'] },
  // Refused as invalid CDDL before (the operand's kind was not known).
  { name: '.eq of a choice inside .cat', cddl: 'a = ((tstr .size (0..0) / "x") .eq "x") .cat "!"', ts: 'CborValue;', accept: ['"x!"'], reject: ['"!"'] },
  { name: '.ne of an integer type with a float', cddl: 'a = (0..3) .ne 2.0', ts: 'number;', accept: ['2', '0'], reject: ['2.0', '4'] },
  { name: '.size of a bignum type', cddl: 'a = biguint .size 2', ts: 'number;', accept: ['300', "2(h'0100')", "2(h'01')"], reject: ['65536', "2(h'010000')", "3(h'00')"] },
  { name: '.ge of a bignum type', cddl: 'a = biguint .ge 256', ts: 'number | bigint;', accept: ['256', "2(h'0100')", "2(h'010000000000000000')"], reject: ['255', "2(h'ff')"] },
  { name: '.eq', cddl: 'a = int .eq 10', ts: '10;', accept: ['10'], reject: ['9'] },
  { name: '.ne', cddl: 'a = int .ne 10', ts: 'number | bigint;', accept: ['9'], reject: ['10'] },
  // draft-ietf-spice-sd-cwt: `safe_tag = uint .ne (58 / 60 / 62)`, the integers the controller does not take.
  { name: '.ne of an integer type with a choice', cddl: 'a = uint .ne (58 / 60)', ts: 'number | bigint;', accept: ['57', '59', '61'], reject: ['58', '60', '-1'] },
  { name: '.eq of an integer type with a choice', cddl: 'a = int .eq (-1 / 1..2)', ts: 'number;', accept: ['-1', '1', '2'], reject: ['0', '3'] },
  // catalyst-libs' signed documents: a few integers, each its own, are their literals, as `0 / 50` is (it was `number`).
  { name: '.eq of an integer type with integers', cddl: 'a = uint .eq (0 / 50 / 60 / 20000)', ts: '0 | 50 | 60 | 20000;', accept: ['0', '50', '20000'], reject: ['1', '-1', '20001'] },
  // .eq and .ne compare data items of any kind (RFC 8610 §3.8.6).
  { name: '.ne on text', cddl: 'a = tstr .ne "x"', ts: 'string;', accept: ['"y"', '""', '"xx"', '"x\\n"'], reject: ['"x"', '1'] },
  { name: '.ne on bytes', cddl: "a = bstr .ne h'01'", ts: 'Uint8Array;', accept: ["h''", "h'0101'"], reject: ["h'01'"] },
  { name: '.ne on bool', cddl: 'a = bool .ne true', ts: 'false;', accept: ['false'], reject: ['true'] },
  { name: '.ne on a text choice', cddl: 'a = ("a" / "b") .ne "a"', ts: '"b";', accept: ['"b"'], reject: ['"a"'] },
  { name: '.eq on text', cddl: 'a = tstr .eq "x"', ts: '"x";', accept: ['"x"'], reject: ['"y"'] },
  { name: '.ne undefined on any', cddl: 'a = any .ne undefined', ts: 'CborAny;', accept: ['1', 'null', 'false', '[undefined]', "h'f7'", '24(undefined)'], reject: ['undefined'] },
  { name: '.ne null on any in an array', cddl: 'a = [* any .ne null]', ts: 'CborAny[];', accept: ['[1, undefined, "x"]'], reject: ['[1, null]'] },
  { name: '.and with any .ne undefined', cddl: 'a = (any .ne undefined) .and (undefined / bool)', ts: 'boolean;', accept: ['true', 'false'], reject: ['undefined', '1'] },
  // RFC 9741 text conversions: the text is the encoding of bytes the controller describes, strictly (padding, alphabet, zero bits).
  { name: '.b64u (RFC 9741)', cddl: 'a = text .b64u b\nb = bytes .size 2', ts: 'string;', accept: ['"AQI"', '"__8"'], reject: ['"AQI="', '"AQ"', '"AQJ"', '"+/8"', "h'0102'"] },
  { name: '.b64u-sloppy (RFC 9741)', cddl: 'a = text .b64u-sloppy bytes', ts: 'string;', accept: ['"AQJ"', '""'], reject: ['"A"', '"AQ=="'] },
  { name: '.b64c (RFC 9741)', cddl: 'a = text .b64c bytes', ts: 'string;', accept: ['"AQI="', '"Zm9vYg=="', '""'], reject: ['"AQI"', '"AQJ="', '"Zm9vYg="', '"__8="'] },
  { name: '.b64c-sloppy (RFC 9741)', cddl: 'a = text .b64c-sloppy bytes', ts: 'string;', accept: ['"AQJ="', '"Zh=="'], reject: ['"AQJ"'] },
  { name: '.b32 (RFC 9741)', cddl: 'a = text .b32 bytes', ts: 'string;', accept: ['"MZXW6YQ"', '"MZXW6YTBOI"'], reject: ['"mzxw6yq"', '"MZXW6YQ="', '"MZXW6YR"', '"M"'] },
  { name: '.h32 (RFC 9741)', cddl: 'a = text .h32 bytes', ts: 'string;', accept: ['"CPNMUOG"'], reject: ['"CPNMUOW"', '"MZXW6YQ"'] },
  { name: '.hex (RFC 9741)', cddl: 'a = text .hex (bytes .size 2)', ts: 'string;', accept: ['"0aFF"', '"0AFF"'], reject: ['"0aF"', '"0g00"', '"0a"'] },
  { name: '.hexlc (RFC 9741)', cddl: 'a = text .hexlc bytes', ts: 'string;', accept: ['"0aff"'], reject: ['"0AFF"'] },
  { name: '.hexuc (RFC 9741)', cddl: 'a = text .hexuc bytes', ts: 'string;', accept: ['"0AFF"'], reject: ['"0aff"'] },
  { name: '.b45 (RFC 9741)', cddl: 'a = text .b45 bytes', ts: 'string;', accept: ['"BB8"', '"%69 VD92EX0"', '"QED8WEX0"'], reject: ['"GGW"', '"B"', '"bb8"'] },
  { name: '.b64u of embedded CBOR (RFC 9741)', cddl: 'a = text .b64u s\ns = bytes .cbor int', ts: 'string;', accept: ['"AQ"', '"GBg"'], reject: ['"YQ"', '""'] },
  { name: '.decimal (RFC 9741)', cddl: 'a = text .decimal (0..255)', ts: 'string;', accept: ['"0"', '"255"'], reject: ['"256"', '"007"', '"-0"', '"+1"', '"1.0"', '" 1"'] },
  { name: '.base10 (RFC 9741 drafts)', cddl: 'a = text .base10 int', ts: 'string;', accept: ['"-12"', '"18446744073709551615"'], reject: ['"18446744073709551616"', '"1e3"'] },
  { name: '.printf (RFC 9741)', cddl: 'a = hexlabel<1..20>\nhexlabel<K> = text .printf (["0x%04x", K])', ts: 'HexlabelOf120;', accept: ['"0x0013"', '"0x0001"'], reject: ['"0x1234"', '"0x13"', '"0x0000"', '"0X0013"'] },
  { name: '.printf with several conversions (RFC 9741)', cddl: 'a = text .printf (["%d-%s|%-3c|%+i%%", uint, tstr .size 2, 0x41..0x5a, int])', ts: 'string;', accept: ['"12-ab|Q  |+0%"', '"0-a-|A  |-5%"'], reject: ['"12-abc|Q  |+0%"', '"-1-ab|Q  |+0%"', '"12-ab|a  |+0%"', '"12-ab|Q|+0%"', '"12-ab|Q  |0%"'] },
  { name: '.printf with a floating-point conversion (RFC 9741)', cddl: 'a = text .printf (["%.2f", float])', ts: 'string;', accept: ['"3.14"', '"-0.00"', '"inf"', '"-nan"'], reject: ['"3.1"', '"3.141"', '"+3.14"', '"Inf"'] },
  { name: ".printf with a '*' width and a cut %s (RFC 9741)", cddl: 'a = text .printf (["%*d|%.2s", 1..3, uint, tstr])', ts: 'string;', accept: ['"  7|ab"', '"1234|"', '"7|é"'], reject: ['"   7|ab"', '"7|abc"', '"-7|ab"'] },
  // The cut text is "ab" itself or the start of "aab…": a proper prefix of a word of the pattern.
  { name: '.printf with a cut %s of a text with a pattern (RFC 9741)', cddl: 'a = text .printf (["%.2s", tstr .regexp "a+b"])', ts: 'string;', accept: ['"aa"', '"ab"'], reject: ['"ba"', '"a"', '"b"'] },
  { name: '.printf with a length modifier', cddl: 'a = text .printf (["%ld", int])', refused: 'x.cddl:1:10: .printf format with a length modifier (RFC 9741 §2.3 forbids them) in "%ld" at %ld' },
  { name: '.json (RFC 9741)', cddl: 'a = text .json claims\nclaims = {iss: text, exp: int}', ts: 'string;', accept: ['"{\\"iss\\": \\"me\\", \\"exp\\": 1}"', '"{\\"exp\\":18446744073709551615,\\"iss\\":\\"\\\\u00e9\\"}"'], reject: ['"{\\"iss\\": \\"me\\"}"', '"{\\"iss\\": \\"me\\", \\"exp\\": 1.5}"', '"{\\"iss\\": \\"me\\", \\"exp\\": 1, \\"exp\\": 2}"', '"{iss: 1}"'] },
  { name: '.json with an inline type (RFC 9741)', cddl: 'a = text .json [* int]', ts: 'string;', accept: ['"[1, -2]"', '" [ ] "'], reject: ['"[1.0]"', '"[1,]"', '"[\\"\\\\ud800\\"]"', '""'] },
  {
    name: '.join (RFC 9741 dotted-decimal IPv4)',
    cddl: 'a = text .join e\ne = [bytetext, ".", bytetext, ".", bytetext, ".", bytetext]\nbytetext = text .base10 byte\nbyte = 0..255',
    ts: 'string;',
    accept: ['"192.0.2.1"', '"255.255.255.255"'],
    reject: ['"192.0.2"', '"256.0.0.1"', '"01.0.0.1"', '"1.2.3.4."'],
  },
  { name: '.join on bytes (RFC 9741)', cddl: "a = bytes .join [h'01', bytes .size 1, 'x']", ts: 'Uint8Array;', accept: ["h'010278'"], reject: ["h'0178'", "h'02020278'", "h'0102'"] },
  { name: '.join with adjacent variable parts (RFC 9741)', cddl: 'a = text .join [text .regexp "a+", text .regexp "a?b"]', ts: 'string;', accept: ['"ab"', '"aab"'], reject: ['"b"', '"abb"'] },
  { name: '.join whose first member is bytes, on text', cddl: "a = text .join [h'61']", ts: 'never;', accept: [], reject: ['"a"'] },
  { name: '.default on an optional map member', cddl: 'a = { ? x: int .default 3 }', ts: '{ /** @defaultValue 3 */ x?: number | bigint; }', accept: ['{}', '{"x": 3}'], reject: ['{"x": "3"}'] },
  { name: '.default elsewhere', cddl: 'a = uint .default 3', ts: 'number | bigint;', accept: ['3', '8'], reject: ['-1'] },
  { name: '.plus (RFC 9165)', cddl: 'a = 3 .plus 5', ts: '8;', accept: ['8'], reject: ['3', '8.0'] },
  { name: '.cat on text (RFC 9165)', cddl: 'a = "a" .cat "b"', ts: '"ab";', accept: ['"ab"'], reject: ['"a"'] },
  { name: '.cat on bytes (RFC 9165)', cddl: "a = 'a' .cat h'62'", ts: 'Uint8Array;', accept: ["'ab'"], reject: ['"ab"'] },
  { name: '.det (RFC 9165)', cddl: 'a = "  a" .det "      b"', ts: '"ab";', accept: ['"ab"'], reject: ['"  a      b"'] },
  { name: '.cat of choices (RFC 9165 §2: every concatenation)', cddl: 'a = ("a" / "b") .cat ("c" / "d")', ts: '"ac" | "ad" | "bc" | "bd";', accept: ['"ac"', '"bd"'], reject: ['"ab"', '"a"'] },
  { name: '.cat of tstr and a literal (RFC 9165 §2)', cddl: 'a = tstr .cat "!"', ts: 'string;', accept: ['"x!"', '"!"'], reject: ['"x"', "h'21'"] },
  { name: '.plus of a range (RFC 9165 §2)', cddl: 'a = r .plus 10\nr = 1..3', ts: 'number;', accept: ['11', '13'], reject: ['10', '14'] },
  { name: '.plus with a float (RFC 9165 §2.1)', cddl: 'a = 1.5 .plus 1', ts: 'number;', accept: ['2.5'], reject: ['1.5', '3.5', '2'] },
  { name: '.plus of a float range (RFC 9165 §2.1)', cddl: 'a = (0.5..1.5) .plus 1', ts: 'number;', accept: ['1.5', '2.0', '2.5'], reject: ['1.25', '2.75', '2'] },
  // Two integers added to a range narrower than 1: two ranges, 1.5..1.7 and 2.5..2.7.
  { name: '.plus of a float range in separate ranges (RFC 9165 §2.1)', cddl: 'a = (0.5..0.7) .plus (1..2)', ts: 'number;', accept: ['1.5', '1.7', '2.5', '2.625'], reject: ['1.75', '2.0', '2.75', '2'] },
  // The sum takes the target's type: an integer, the floor of n − 1.5.
  { name: '.plus of integers and a float: the floor (RFC 9165 §2.1)', cddl: 'a = (1..3) .plus -1.5', ts: 'number;', accept: ['-1', '1'], reject: ['-2', '2', '0.5'] },
  // Operands are types (§2): a choice of floats, or of integers and floats, is one like any; each target alternative's sums take its type.
  { name: '.plus of a choice of floats (RFC 9165 §2.1)', cddl: 'a = (0.25..0.5) .plus (0.25 / 10.25)', ts: 'number;', accept: ['0.5', '0.75', '10.5', '10.75'], reject: ['0.25', '1.0', '10.25', '11.0', '1'] },
  { name: '.plus of a choice of an integer and a float (RFC 9165 §2.1)', cddl: 'a = (1 / 2.5) .plus 1', ts: '2 | number;', accept: ['2', '3.5'], reject: ['2.0', '3', '2.5', '1'] },
  // .size counts bytes: é is two.
  // 65 × 65 concatenations, more than are listed: a pattern, one of the texts then one of the texts.
  { name: '.cat with more results than are listed (RFC 9165 §2.2)', cddl: `a = v .cat v\nv = ${Array.from({ length: 65 }, (_, i) => `"v${i}"`).join(' / ')}`, ts: 'string;', accept: ['"v0v64"', '"v10v1"'], reject: ['"v0"', '"v65v0"'] },
  { name: '.cat of a string with a size (RFC 9165 §2.2)', cddl: 'a = (tstr .size 3) .cat "x"', ts: 'string;', accept: ['"abcx"', '"éax"'], reject: ['"abx"', '"éabx"', '"abcy"'] },
  { name: '.cat of text and bytes (RFC 9165 §2.2)', cddl: "a = tstr .cat h'00'", ts: 'string;', accept: ['"a\\u0000"', '"\\u0000"'], reject: ['"a"', "h'6100'"] },
  { name: '.cat of a choice of text and bytes (RFC 9165 §2.2: each value has its kind)', cddl: 'a = (tstr / bstr) .cat "x"', ts: 'string | Uint8Array;', accept: ['"ax"', "h'0178'"], reject: ['"a"', "h'01'", "h'7801'"] },
  // Any text dedented: its non-blank lines do not all start with a space (or all its lines are blank).
  { name: '.det of endlessly many texts (RFC 9165 §2.3)', cddl: 'a = tstr .det "x"', ts: 'string;', accept: ['"ax"', '"  x"', '"a\\n  bx"'], reject: ['"  ax"', '"y"'] },
  // The dedenting of a 3-byte text: "  a" gives "a", so "ax" is in; " a" is no dedented text.
  { name: '.det of a string with a size (RFC 9165 §2.3)', cddl: 'a = (tstr .size 3) .det "x"', ts: 'string;', accept: ['"abcx"', '"ax"', '"   x"'], reject: ['" ax"', '"abcdx"', '"x"'] },
  // The dedenting of a word of a pattern, one indentation for every line: "  ab\n  c" gives "ab\nc".
  { name: '.det of a string with a pattern (RFC 9165 §2.3)', cddl: 'a = (tstr .regexp "  [a-z]+(\\n  [a-z]+)*") .det "x"', ts: 'string;', accept: ['"abx"', '"ab\\ncx"'], reject: ['"  abx"', '"ab\\n cx"', '"x"'] },
  // A pattern and a size: the dedenting of a word of 4 bytes, "  ab" gives "ab"; "abcd" has 4 already.
  { name: '.det of a string with a pattern and a size (RFC 9165 §2.3)', cddl: 'a = ((tstr .regexp " *[a-z]+") .and (tstr .size 4)) .det "x"', ts: 'string;', accept: ['"abx"', '"abcdx"', '"ax"'], reject: ['"abcdex"', '" abx"', '"x"'] },
  // A PCRE pattern (read with a warning) with anchors and a lookahead: lines of letters, none starting with "b".
  { name: '.det of a pattern with lookarounds (RFC 9165 §2.3)', cddl: 'a = (tstr .regexp "^(?:(?!b)[a-z]+\\n?)+$") .det "x"', ts: 'string;', accept: ['"ax"', '"ab\\ncx"'], reject: ['"bx"', '"a\\nbx"', '" ax"'] },
  // JSON text keeps its value when dedented: its texts that dedenting leaves alone.
  { name: '.det of JSON text (RFC 9165 §2.3)', cddl: 'a = (tstr .json [* int]) .det "x"', ts: 'string;', accept: ['"[1,\\n  2]x"', '"[]x"'], reject: ['"  [1,\\n  2]x"', '" []x"', '"[x"'] },
  // .printf and .join whose arguments and parts are regular: a pattern of their values, dedented as a pattern side is.
  { name: '.det of .printf (RFC 9165 §2.3, RFC 9741 §2.3)', cddl: 'a = (tstr .printf ["  %d:\\n  %-3x", (0..99), uint]) .det "x"', ts: 'string;', accept: ['"7:\\nff x"', '"42:\\n100x"'], reject: ['"  7:\\n  ff x"', '"100:\\nff x"', '"7:\\nffx"'] },
  { name: '.det of .join (RFC 9165 §2.3, RFC 9741 §3.1)', cddl: 'a = (tstr .join ["  ", tstr .regexp "[a-z]+", "\\n  ", ("b" / " c")]) .det "x"', ts: 'string;', accept: ['"a\\nbx"', '"ab\\n cx"'], reject: ['"  a\\n  bx"', '"a\\ncx"'] },
  // Literals with a control on them: those the side holds, decided while generating, each dedented.
  { name: '.det of .json with literals (RFC 9165 §2.3)', cddl: 'a = ((tstr .json [* int]) .and ("[1]" / "  [2]" / "x")) .det "x"', ts: '"[1]x" | "[2]x";', accept: ['"[1]x"', '"[2]x"'], reject: ['"  [2]x"', '"xx"'] },
  // The controller is an element (the rule to match), a newline, then the rules (RFC 9165 §3).
  { name: '.abnf (RFC 9165)', cddl: 'a = tstr .abnf ("x" .det r)\nr = "\\nx = 1*DIGIT [%x2E 1*DIGIT]\\nDIGIT = %x30-39"', ts: 'string;', accept: ['"1"', '"12.50"'], reject: ['""', '"1."', '"1.5.0"', '"a"', '"１"', "h'31'"] },
  {
    name: '.abnfb (RFC 9165)',
    cddl: 'a = bstr .abnfb ("oid" .det r)\nr = "\\noid = 1*arc\\narc = [nlsb] %x00-7f\\nnlsb = %x81-ff *%x80-ff"',
    ts: 'Uint8Array;',
    accept: ["h'2b0601'", "h'2a864886f70d'"],
    reject: ["h''", "h'2a86'", "h'8001'", '"+"'],
  },
  {
    name: '.abnf with a grammar assembled by .cat (RFC 9165)',
    cddl: 'a = tstr .abnf ("date" .cat g)\ng = d .cat core\nd = \'\\ndate = 4DIGIT "-" 2DIGIT "-" 2DIGIT [time]\\ntime = "T" 2DIGIT ":" 2DIGIT\'\ncore = "\\nDIGIT = %x30-39"',
    ts: 'string;',
    accept: ['"2024-01-31"', '"2024-01-31T12:00"', '"2024-01-31t12:00"'],
    reject: ['"2024-1-31"', '"2024-01-31T12"', '"2024-01-31 12:00"'],
  },
  // A recursive rule is no regular expression: the grammar is data for the recogniser (templates/abnf-recogniser.ts).
  { name: '.abnf with a recursive rule (RFC 9165)', cddl: 'a = tstr .abnf ("p" .det r)\nr = "\\np = %x28 [p] %x29"', ts: 'string;', accept: ['"()"', '"((()))"'], reject: ['""', '"(()"', '")("', '"()()"'] },
  { name: '.abnfb with a recursive rule (RFC 9165)', cddl: 'a = bstr .abnfb ("v" .det r)\nr = "\\nv = %x81-FF v / %x00-7F"', ts: 'Uint8Array;', accept: ["h'00'", "h'81ff7f'"], reject: ["h''", "h'80'", "h'0000'", '"a"'] },
  // On a string type with more on it, the grammar is one more check: literals keep those it matches (decided while
  // generating), a pattern or a control keeps its own check beside the grammar's.
  { name: '.abnf on literals (RFC 9165)', cddl: 'a = ("ab" / "cd" / "abab") .abnf ("x" .det r)\nr = "\\nx = 1*%x61-62"', ts: '"ab" | "abab";', accept: ['"ab"', '"abab"'], reject: ['"cd"', '"a"', '"ba"'] },
  { name: '.abnf on a string with a pattern (RFC 9165)', cddl: 'a = (tstr .regexp "[a-c]+") .abnf ("x" .det r)\nr = "\\nx = 2%x61-62"', ts: 'string;', accept: ['"ab"', '"bb"'], reject: ['"abc"', '"cc"', '"a"', '"aaa"'] },
  { name: '.abnf on JSON text (RFC 9165, RFC 9741 §4)', cddl: 'a = (tstr .json tstr) .abnf ("x" .det r)\nr = "\\nx = %x22 1*%x61 %x22"', ts: 'string;', accept: ['"\\"a\\""', '"\\"aaa\\""'], reject: ['"\\"b\\""', '" \\"a\\""', '"\\"\\""'] },
  { name: '.abnfb on embedded CBOR (RFC 9165, RFC 8610 §3.8.4)', cddl: 'a = (bstr .cbor uint) .abnfb ("x" .det r)\nr = "\\nx = %x00-17"', ts: 'Uint8Array;', accept: ["h'00'", "h'17'"], reject: ["h'1818'", "h'20'", "h''"] },
  {
    name: '.abnf with a core rule it does not define (RFC 9165)',
    cddl: 'a = tstr .abnf ("x" .det r)\nr = "\\nx = 1*DIGIT"',
    refused: "x.cddl:1:10: .abnf grammar 2:7: rule 'DIGIT' is not defined (RFC 9165 §3: core rules are not imported implicitly; add 'DIGIT = %x30-39' to the grammar, with .cat for instance)",
  },
  { name: '.abnfb on a text string', cddl: 'a = tstr .abnfb ("x" .det r)\nr = "\\nx = %x61"', refused: 'x.cddl:1:10: .abnfb other than on a byte string type with a literal text grammar (RFC 9165 §3): tstr .abnfb ("x" .det r)' },
  { name: '.feature (RFC 9165)', cddl: 'a = uint .feature "f"', ts: 'number | bigint;', accept: ['1'], reject: ['-1'] },
  { name: 'an unknown control operator', cddl: 'a = int .foo 3', refused: 'x.cddl:1:9: control operator .foo on int, which is not a registered control operator (RFC 8610 §3.8)' },

  // ---- Group rules
  { name: 'parenthesised single type used as a type', cddl: 'a = g\ng = (int)', ts: 'G;', accept: ['1'], reject: ['"1"'] },
];

/**
 * The row of docs/cddl-support.md for a construct: its name, schema, type (JSDoc left out) or
 * refusal, and the test that proves it. constructs.test.ts checks the document has exactly these.
 */
export function docsRow(c: Construct): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const result = c.refused !== undefined ? `refused: \`${cell(c.refused)}\`` : `\`${cell((c.ts ?? '').replace(/\/\*\*.*?\*\/ /g, ''))}\``;
  const proof = `constructs.test.ts › ${c.name}${c.refused !== undefined ? ' › is refused…' : ''}`;
  return `| ${cell(c.name)} | \`${cell(c.cddl.replaceAll('\n', '; '))}\` | ${result} | ${proof} |`;
}

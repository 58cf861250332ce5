/**
 * A type choice of arrays that start with members of distinct single values (`[1, …] / [2, …]`, RFC 8990's GRASP
 * messages, RFC 9171's endpoint IDs), or of maps with a member of one key and distinct single values (`{ type:
 * "array", … } / { type: "date", … }`, WebDriver BiDi's values): the decoder peeks at the array's first item, or the
 * map's value of that key, and reads the options it names, with those that have no such member, instead of trying
 * every option in turn (one exception per option passed, and code nested one level deeper per option: 400 options
 * made 2.3 MB). Trying them in order and picking this way take the same items (an option whose member has another
 * value fails on that item); the general matcher is the oracle here. The errors are the named option's, or say which
 * values start one. Guards and encoders test a map's naming member before an option's check. And decoders that still
 * try alternatives make their errors without a stack, giving the one that reaches the caller the stack of the call.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, compileIr } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { readCborValue } from '../../templates/cbor-any.js';
import { explain } from '../../templates/matcher.js';
import { CborReader } from '../../templates/runtime.js';
import { parseEDN } from 'cbor-edn';
import { hex, toHex } from '../support/hex.js';
import { cddl, generateModule, type GeneratedModule } from './generate.js';
import { itemsTaken } from './matcher-agreement.js';

type Fn = (value: unknown) => unknown;

const RULES: Record<string, string> = {
  // `[* int]` has no first value: it is read beside the option the first item names, and alone for other first items.
  Message: '[1, int] / [2, tstr, ? bool] / ["t", bool] / [* int] / [9, [* int]] / [2, bstr]',
  Closed: '[1, int] / [2, tstr, ? bool] / [9, [* int]]',
  // Through rules and alternatives that share their first member (`forks`, parting after it).
  Named: 'one / two / three',
  Deep: '[0, deep] / [1]',
  // Maps, through a choice of them (`value`, each with its own "type"), beside one without the key (`ref`).
  Local: 'ref / value / {type: "array", value: [* local]}',
  Keyed: '{1: 1, 2: int} / {1: 2, 3: tstr} / {1: 3, ? 4: bool} / {1: 1, 2: tstr}',
  // Maps no key's value names, which need keys of their own (BiDi's script.Target): tried only where the map has them.
  Target: 'context / realm',
  // A group choice in a map: by the keys of each alternative's required members; and by a key of one value in each that
  // two alternatives share (BiDi's session.ProxyConfiguration, whose "manual" alternative holds an optional group).
  Pair: '{ (p: int, q: int // p: int, r: tstr // s: bool) }',
  Proxy: '{ auto // manual // sys }',
  // A map of a group choice whose alternatives all have "type": "event" is named by it (BiDi's Message and Event).
  Msg: '{type: "success", id: int} / {type: "event", (m: "a" // m: "b", p: int)}',
};
const SCHEMA = `${Object.entries(RULES).map(([name, type]) => `${name.toLowerCase()} = ${type}`).join('\n')}
one = [1, a: int]
two = [2, b: tstr] / [2, c: int, d: int]
three = [3, x: int, (* tstr // bool)]
ref = {handle: tstr, * tstr => any}
context = {context: tstr, ? sandbox: tstr}
realm = {realm: tstr}
auto = (kind: "a", ext)
manual = (kind: "m", ? socks, ext)
socks = (x: tstr, y: 0..255)
sys = (kind: "s", ext)
ext = (* tstr => any)
value = {type: "string", value: tstr} / {type: "number", value: int / float} / {type: "null"}
`;
const PROGRAM = lowerProgram(compileIr(cddl(SCHEMA)), Object.keys(RULES).map((name) => name.toLowerCase()));

/** Arrays whose first item is a value some option names or none does, of every length, and other items. */
const ITEMS = [
  '80', '8101', '820105', '820120', '82016178', '9f0105ff', '83010203', '820241ff', '82026178', '83026178f5', '8302617801', '820240', '820241ff',
  '8102', '8261746179', '826174f5', '8261756179', '82f5f4', '8109', '820980', '8209820102', '820905', '820300', '830301f5', '8403016161617a',
  '820363616263',
 '81f93c00', '8107', '81c101', '8200810f', '820082008101', '8200820082008101', '82008102', '83008101f6', 'f6', '01', 'a0',
];

/** Maps of each "type", without it, of another, with the key last or twice, through `ref`, and of integer keys. */
const MAP_ITEMS = [
  '{"type": "string", "value": "a"}', '{"type": "number", "value": 1}', '{"type": "number", "value": 1.5}', '{"type": "null"}', '{"type": "array", "value": []}',
  '{"type": "array", "value": [{"type": "null"}, {"handle": "h"}]}', '{"value": "a", "type": "string"}', '{"type": "date", "value": "a"}',
  '{"handle": "x", "type": false}', '{"handle": "x"}', '{"handle": "h", "type": "null"}', '{"type": "string", "value": "a", "handle": "h"}',
  '{"type": "string", "value": 1, "handle": "h"}', '{"type": "null", "handle": 1}', '{1: 2, "type": "null"}', '{"type": "null", h\'01\': "handle"}', '{"type": "null", "type": "null"}', '{}', '{"type": 1}', '{_ "type": "null"}',
  '{"context": "c"}', '{"realm": "r"}', '{"context": "c", "sandbox": "s"}', '{"realm": "r", "context": "c"}', '{"realm": 1}', '{"sandbox": "s"}',
  '{"kind": "m", "x": "h", "y": 2}', '{"kind": "m", "x": "h"}', '{"kind": "m", "x": 1, "y": 2}', '{"kind": "m", "z": 1}', '{"kind": "s"}', '{"kind": "s", "z": 1}',
  '{"kind": "a", "x": "y"}', '{"kind": "b"}', '{"kind": "m", "y": 300}', '{"x": "h", "kind": "m", "y": 3}',
  '{"type": "event", "m": "a"}', '{"type": "event", "m": "b", "p": 1}', '{"type": "event", "m": "c"}', '{"type": "success", "id": 1}', '{"type": "success", "m": "a"}',
  '{"p": 1, "q": 2}', '{"p": 1, "r": "x"}', '{"s": true}', '{"p": 1}', '{"p": 1, "q": "x"}', '{"q": 1, "r": "x", "p": 2}', '{1.5: 1, "s": true}',
  '{1: 1, 2: 5}', '{1: 1, 2: "x"}', '{2: 5, 1: 1}', '{1: 2, 3: "z"}', '{1: 3}', '{1: 3, 4: true}', '{1: 4}', '{1: 2, 3: 4}', '{2: 1}',
].map((edn) => toHex(parseEDN(edn, {})));

let mod: GeneratedModule;
let text: string;

beforeAll(async () => {
  text = compile(cddl(SCHEMA))[0]?.contents ?? '';
  mod = await generateModule('choice-dispatch', cddl(SCHEMA));
});

/** The outcome of decoding `item` (hex) as `name`: the bytes written back, or the error with its path and offset. */
function outcome(name: string, item: string): string {
  try {
    return toHex((mod[`encode${name}`] as Fn)((mod[`decode${name}`] as Fn)(hex(item))) as Uint8Array);
  } catch (error) {
    const e = error as { name: string; message: string; path: string; offset: number };
    expect(e.name).toBe('DecodeError');
    return `${e.path} @${e.offset}: ${e.message.replace(/^.* at byte \d+: /, '')}`;
  }
}

describe('a type choice of arrays told by their first item, or of maps by the value of a key', () => {
  it('peeks at the first item instead of trying each option', () => {
    const readMessage = text.slice(text.indexOf('function readMessage('), text.indexOf('export const decodeMessage'));
    expect(readMessage).toContain('switch (peekFirstOfArray(reader))');
    const readClosed = text.slice(text.indexOf('function readClosed('), text.indexOf('export const decodeClosed'));
    expect(readClosed).not.toContain('reader.mark()');
    expect(readClosed).toContain('failFirstItem(reader, "one of 1, 2, 9")');
  });

  it.each(Object.keys(RULES))('%s takes exactly the items the matcher takes, and writes each back as the matcher takes it', (name) => {
    const takes = (bytes: Uint8Array) => explain(PROGRAM, name.toLowerCase(), readCborValue(new CborReader(bytes))) === null;
    const items = [...ITEMS, ...MAP_ITEMS];
    const taken = itemsTaken(mod, name, items, takes);
    expect(taken).toEqual(items.filter((item) => takes(hex(item))));
    expect(taken.length).toBeGreaterThan(2);
  });

  it('reads an option without a first value beside the one the first item names, and for other first items', () => {
    expect(outcome('Message', '820105')).toBe('820105');
    expect(outcome('Message', '820120')).toBe('820120');
    expect(outcome('Message', '83026178f5')).toBe('83026178f5');
    expect(outcome('Message', '820240')).toBe('820240');
    expect(outcome('Message', '8107')).toBe('8107');
    expect(outcome('Message', '80')).toBe('80');
  });

  it('says what the named option expected, or which values start one', () => {
    expect(outcome('Closed', '820241ff')).toBe('[1] @2: expected a text string, got a byte string');
    expect(outcome('Closed', '83026178f6')).toBe('[2] @4: expected a boolean, got null');
    expect(outcome('Closed', '8107')).toBe('[0] @1: expected one of 1, 2, 9, got 7');
    expect(outcome('Closed', '81c101')).toBe('[0] @1: expected one of 1, 2, 9, got tag 1');
    expect(outcome('Closed', '80')).toBe('[0] @1: expected one of 1, 2, 9, got the end of the array');
    expect(outcome('Closed', 'f6')).toBe(' @0: expected [1, int] or [2, tstr, ? bool] or [9, [* int]], got null');
    // A first item no option names, where one has no first value: that option's error.
    expect(outcome('Message', '81f93c00')).toBe('[0] @1: expected an integer, got a float');
  });

  it('picks maps by the value of a key, through choices of them', () => {
    const readLocal = text.slice(text.indexOf('function firstReadLocal('), text.indexOf('export const decodeLocal'));
    // `ref` has no "type" of one value, but needs a "handle": a map without one is read as the option its "type" names
    // alone, with no error thrown by `ref` first; a map with one is tried as every option, in order.
    expect(readLocal).toContain('switch (peekMapValue(reader, "type", ["handle"]))');
    const stringCase = readLocal.slice(readLocal.indexOf('case "string":'), readLocal.indexOf('case "array":'));
    expect(stringCase).toMatch(/^case "string":\s+case "number":\s+case "null": \{\s+value = readValue\(reader\);\s+break;\s+\}\s+$/);
    // Guards and encoders test that member before calling an option's check.
    expect(text).toContain('memberOf(value, "type") === "array" && checkLocalOption1(value');
    expect(text).toContain('["string", "number", "null"].includes(memberOf(value, "type") as string) && checkValue(value');
    const readKeyed = text.slice(text.indexOf('function readKeyed('), text.indexOf('export const decodeKeyed'));
    expect(readKeyed).toContain('switch (peekMapValue(reader, 1))');
    const edn = (e: string) => toHex(parseEDN(e, {}));
    // The option the value names says what is wrong; a value no option has, as trying each did.
    expect(outcome('Local', edn('{"type": "number", "value": "x"}'))).toBe('.value @19: expected an integer or a float, got a text string');
    expect(outcome('Keyed', edn('{1: 3, 4: 5}'))).toBe('["4"] @4: expected a boolean, got an unsigned integer');
  });

  it('tries an option or alternative of a map only where the map has the keys its required members need', () => {
    const read = (name: string) => text.slice(text.indexOf(`function firstRead${name}(`) >= 0 ? text.indexOf(`function firstRead${name}(`) : text.indexOf(`function read${name}(`), text.indexOf(`export const decode${name}`));
    const target = read('Target');
    expect(target).toContain('const keys = peekMapKeys(reader, ["context", "realm"]);');
    expect(target).toContain('const picked = (keys & 1) !== 0 || (keys & 2) !== 0;');
    expect(target).toContain('if (!picked || (keys & 1) !== 0) {');
    // The last option is always tried, so the error so far may be none.
    expect(target).toContain('throw failed === undefined ? error2 : furthestError(error2, failed);');
    const pair = read('Pair');
    expect(pair).toContain('const keys = peekMapKeys(reader, ["p", "q", "r", "s"]);');
    expect(pair).toContain('if (!picked || (keys & 3) === 3) {');
    expect(pair).toContain('if (!picked || (keys & 5) === 5) {');
    // The values of "kind" pick the alternatives that have them ("m" is two: with the optional group and without).
    const proxy = read('Proxy');
    expect(proxy).toMatch(/switch \(kind\) \{\s+case "a":/);
    expect(proxy).toContain("expected the key \"kind\" to be one of \"a\", \"m\", \"s\", got");
    const msg = read('Msg');
    expect(msg).toMatch(/switch \(peekMapValue\(reader, "type"\)\) \{\s+case "success": \{\s+value = readMsgOption\d*\(reader\);\s+break;\s+\}\s+case "event": \{/);
    const edn = (e: string) => toHex(parseEDN(e, {}));
    expect(outcome('Target', edn('{"realm": "r"}'))).toBe(edn('{"realm": "r"}'));
    // A map with the keys of neither is tried as both, as before: the furthest error stands.
    expect(outcome('Target', edn('{"sandbox": "s"}'))).toBe(' @9: missing key "context"');
    expect(outcome('Target', edn('{"realm": 1}'))).toBe('.realm @7: expected a text string, got an unsigned integer');
    expect(outcome('Proxy', edn('{"kind": "m", "z": 1}'))).toBe(edn('{"z": 1, "kind": "m"}'));
    expect(outcome('Proxy', edn('{"kind": "b"}'))).toBe(' @0: expected the key "kind" to be one of "a", "m", "s", got "b"');
  });

  it('gives an error that leaves a decoder that tries alternatives the stack of the call, and keeps the stack limit', () => {
    const limit = Error.stackTraceLimit;
    expect(text).toMatch(/export const decodeLocal: Decoder<Local> = \/\*#__PURE__\*\/ backtrackingDecoder\(readLocal\);/);
    function callerOfDecode(): unknown {
      return (mod['decodeLocal'] as Fn)(hex('a1647479706565617272617901'));
    }
    let caught: unknown;
    try {
      callerOfDecode();
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).name).toBe('DecodeError');
    expect((caught as Error).stack).toMatch(/^DecodeError: [^\n]*\n\s+at callerOfDecode /);
    expect(Error.stackTraceLimit).toBe(limit);
    expect((mod['decodeLocal'] as Fn)(hex('a1647479706564 6e756c6c'.replace(' ', '')))).toEqual({ type: 'null' });
    expect(Error.stackTraceLimit).toBe(limit);
    // Where the limit cannot be set (a hardened realm), decoding goes on, with stacks, and throws only DecodeErrors.
    const own = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
    Object.defineProperty(Error, 'stackTraceLimit', { value: 7, writable: false, configurable: true });
    try {
      expect((mod['decodeLocal'] as Fn)(hex('a1647479706564 6e756c6c'.replace(' ', '')))).toEqual({ type: 'null' });
      expect(() => callerOfDecode()).toThrow(/missing key/);
      expect((() => { try { callerOfDecode(); } catch (error) { return (error as Error).name; } })()).toBe('DecodeError');
      expect(Error.stackTraceLimit).toBe(7);
    } finally {
      if (own !== undefined) Object.defineProperty(Error, 'stackTraceLimit', own);
    }
    expect(Error.stackTraceLimit).toBe(limit);
  });

  it('leaves the depth limit and malformed heads to the reader', () => {
    expect(outcome('Deep', '8200'.repeat(200) + '8101')).toBe('8200'.repeat(200) + '8101');
    // Beyond the limit the peek sees no array, and reading the one there says why.
    expect(outcome('Deep', '8200'.repeat(300) + '8101')).toMatch(/^(\[1\]){256} @512: nesting deeper than the limit of 256$/);
    expect(outcome('Closed', '9b')).toBe(' @1: unexpected end of input');
  });
});

/**
 * Strings with a lone surrogate ("\uD800", "a\uDC00b"), built by hand: no UTF-8 text string can carry
 * one (TextEncoder writes U+FFFD instead, another text), so decoders never produce them. Guards and
 * validators refuse them wherever a text string goes (members, items, map keys, sized text, text in
 * `any` and in general rules), saying which unit and where; encoders throw the EncodeError with the
 * path, never a RangeError or a TypeError, and never write U+FFFD. Text with surrogate pairs ("😀")
 * is Unicode and round-trips.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, type SchemaWarning } from '../../generator/index.js';
import { load, thrown, typeErrors, type Generated } from '../bounded/module.js';
import { toHex } from '../support/hex.js';
import { CborWriter, wellFormedText } from '../../templates/runtime.js';
import { loneSurrogateIndex, notUnicodeText } from '../../templates/cbor-text.js';
import { describeValue } from '../../templates/cbor-errors.js';
import fc from 'fast-check';

const SCHEMA = `
text = tstr
rec = { x: tstr, ? y: tstr .size (1..5) }
open = { a: int, * tstr => int }
dictionary = { * tstr => int }
sized = tstr .size (1..8)
list = [* tstr]
; items after a repetition that takes text: written by a loop over value[end]
tail = [* int, ? tstr]
choice = tstr / int
anything = any
holder = { a: any }
literal = "abc"
; a group of an int and optional members, repeated, where an empty text may be either optional member's: outside the typed layouts (a general rule)
pairs = [* (x: int, ? y: tstr, ? z: bool / "")]
; a typed rule with a general one inside
top = { name: tstr, pairs: pairs }
`;

type Rules = 'Text' | 'Rec' | 'Open' | 'Dictionary' | 'Sized' | 'List' | 'Tail' | 'Choice' | 'Anything' | 'Holder' | 'Literal' | 'Pairs' | 'Top';
let g: Generated<Rules>;
/** The module's own CborAny (guards test with instanceof). */
let CborAny: { of(value: unknown): { encoded: Uint8Array } };

const HIGH = '\uD800';
const LOW_INSIDE = 'a\uDC00b';
/** What every problem about "\uD800" at index 0 says, after "expected …, got ". */
const NOT_UNICODE = 'a string with a lone surrogate (U+D800 at index 0), which no UTF-8 text string can carry';

beforeAll(async () => {
  const warnings: SchemaWarning[] = [];
  compile([{ path: 'x.cddl', text: SCHEMA }], { onWarning: (w) => warnings.push(w) });
  // `pairs` must be a general rule, or this file does not test the general matcher.
  expect(warnings.map((w) => w.message.split(' ').slice(0, 2).join(' '))).toContain("'pairs' is");
  const loaded = await load<Rules>('lone-surrogates', SCHEMA);
  // The test narrows by typeof only names: `list[end]` is cast for wellFormedText.
  expect(typeErrors(loaded)).toEqual([]);
  g = loaded.module;
  CborAny = g.CborAny as typeof CborAny;
});

/** isX false, validateX exactly `problems`, encodeX an EncodeError with those problems. */
function refused(rule: Rules, value: unknown, problems: { path: string; message: string }[]): void {
  expect(g[`is${rule}`](value), `is${rule}`).toBe(false);
  expect(g[`validate${rule}`](value), `validate${rule}`).toEqual(problems);
  const error = thrown(() => g[`encode${rule}`](value)) as { name?: string; problems?: unknown } | undefined;
  expect(error?.name, `encode${rule} throws`).toBe('EncodeError');
  expect(error?.problems, `encode${rule}'s problems`).toEqual(problems);
}

describe('guards, validators and encoders refuse a lone surrogate wherever a text string goes', () => {
  it('a text rule, and a lone surrogate anywhere in the string (high, low, at the end, before a pair)', () => {
    refused('Text', HIGH, [{ path: '', message: `expected a text string, got ${NOT_UNICODE}` }]);
    refused('Text', LOW_INSIDE, [{ path: '', message: 'expected a text string, got a string with a lone surrogate (U+DC00 at index 1), which no UTF-8 text string can carry' }]);
    for (const s of ['x\uD83D', '\uDE00\uD83D', '\uD83D\uD83D\uDE00', 'é\uDFFF€']) expect(g.isText(s), JSON.stringify(s)).toBe(false);
  });

  it('members of a record, sized or not', () => {
    refused('Rec', { x: HIGH }, [{ path: '.x', message: `expected a text string, got ${NOT_UNICODE}` }]);
    refused('Rec', { x: 'ok', y: HIGH }, [{ path: '.y', message: `expected a text string of 1 to 5 bytes, got ${NOT_UNICODE}` }]);
    refused('Sized', HIGH, [{ path: '', message: `expected a text string of 1 to 8 bytes, got ${NOT_UNICODE}` }]);
  });

  it('a text map key, and a text value', () => {
    refused('Dictionary', new Map([[HIGH, 1]]), [{ path: '["\\ud800"]', message: `expected a key of type tstr, got ${NOT_UNICODE}` }]);
    refused('Open', { a: 1, rest: new Map([[HIGH, 2]]) }, [{ path: '.rest["\\ud800"]', message: `expected a key of type tstr, got ${NOT_UNICODE}` }]);
  });

  it('items of an array, and an option of a type choice', () => {
    refused('List', ['a', HIGH], [{ path: '[1]', message: `expected a text string, got ${NOT_UNICODE}` }]);
    // No text, so the repetition of integers is where it falls: the message says what it is all the same.
    refused('Tail', [1, HIGH], [{ path: '[1]', message: `expected an integer, got ${NOT_UNICODE}` }]);
    expect(g.isChoice(HIGH)).toBe(false);
    expect(g.validateChoice(HIGH)).toHaveLength(1);
    expect(thrown(() => g.encodeChoice(HIGH))).toMatchObject({ name: 'EncodeError' });
  });

  it('text in a general rule, at its path (items, and through a typed rule)', () => {
    refused('Pairs', [1, HIGH], [{ path: '[1]', message: `expected Unicode text, got ${NOT_UNICODE}` }]);
    refused('Top', { name: 'n', pairs: [1, 'a', 2, HIGH] }, [{ path: '.pairs[3]', message: `expected Unicode text, got ${NOT_UNICODE}` }]);
    refused('Top', { name: HIGH, pairs: [] }, [{ path: '.name', message: `expected a text string, got ${NOT_UNICODE}` }]);
  });

  it('CborAny.of refuses it with an EncodeError at its path, so no `any` holds it', () => {
    expect(thrown(() => CborAny.of(HIGH))).toMatchObject({ name: 'EncodeError', problems: [{ path: '', message: `expected Unicode text, got ${NOT_UNICODE}` }] });
    const MapClass = g.CborMap as new (entries: Iterable<readonly [unknown, unknown]>) => object;
    expect(thrown(() => CborAny.of([1, new MapClass([['k', [HIGH]]])]))).toMatchObject({ name: 'EncodeError', problems: [{ path: '[1]{value 0}[0]' }] });
    expect(thrown(() => CborAny.of(new MapClass([[HIGH, 1]])))).toMatchObject({ name: 'EncodeError', problems: [{ path: '{key 0}' }] });
    // A value the guard refuses (not a CborAny) is refused as before.
    refused('Holder', { a: HIGH }, [{ path: '.a', message: 'expected a CborAny (make one with CborAny.of(value) or CborAny.fromEncoded(bytes)), got a string with a lone surrogate (U+D800 at index 0), which no UTF-8 text string can carry' }]);
  });

  it('a literal text is compared as it is: a lone surrogate is simply not it', () => {
    expect(g.isLiteral(HIGH)).toBe(false);
    expect(thrown(() => g.encodeLiteral(HIGH))).toMatchObject({ name: 'EncodeError' });
  });
});

describe('Unicode text, surrogate pairs included, is unchanged', () => {
  it('round-trips "😀" and text around it through every rule', () => {
    const roundTrip = (rule: Rules, value: unknown) => {
      expect(g[`is${rule}`](value), `is${rule}`).toBe(true);
      expect(g[`decode${rule}`](g[`encode${rule}`](value) as Uint8Array), `decode${rule}`).toEqual(value);
    };
    roundTrip('Text', '😀');
    roundTrip('Text', 'é😀中\u{10FFFF}');
    roundTrip('Rec', { x: '😀', y: 'a😀' });
    roundTrip('Dictionary', new Map([['😀', 1]]));
    roundTrip('Open', { a: 1, rest: new Map([['😀', 2]]) });
    roundTrip('Sized', '😀😀');
    roundTrip('List', ['😀', '', 'x'.repeat(30) + '😀']);
    roundTrip('Choice', '😀');
    roundTrip('Tail', [1, 2, '😀']);
    roundTrip('Pairs', [1, '😀', 2]);
    expect(toHex(g.encodeText('😀') as Uint8Array)).toBe('64f09f9880');
    expect(toHex(CborAny.of(['😀']).encoded)).toBe('8164f09f9880');
  });
});

describe('the runtime', () => {
  it('wellFormedText and loneSurrogateIndex (the fallback of engines without isWellFormed) agree with String.prototype.isWellFormed, and with a loop', () => {
    /** The first lone surrogate by the definition, unit by unit. */
    const byLoop = (s: string): number => {
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0xdc00 && c <= 0xdfff) return i;
        if (c >= 0xd800 && c <= 0xdbff) {
          const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
          if (next < 0xdc00 || next > 0xdfff) return i;
          i++;
        }
      }
      return -1;
    };
    const units = fc.constantFrom('a', 'é', '€', '😀', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '\uDE00', '');
    fc.assert(
      fc.property(fc.array(units, { maxLength: 8 }), (parts) => {
        const s = parts.join('');
        const native = (s as unknown as { isWellFormed(): boolean }).isWellFormed();
        expect(wellFormedText(s)).toBe(native);
        expect(loneSurrogateIndex(s) < 0).toBe(native);
        expect(loneSurrogateIndex(s)).toBe(byLoop(s));
        if (!native) expect((s as unknown as { toWellFormed(): string }).toWellFormed().charAt(loneSurrogateIndex(s))).toBe('\uFFFD');
      }),
    );
  });

  it('the u flag is what makes a class of surrogates match lone ones only (loneSurrogateIndex relies on it)', () => {
    // Without it, the class matches the halves of pairs too.
    expect(/[\uD800-\uDFFF]/u.test('😀')).toBe(false);
    expect(/[\uD800-\uDFFF]/u.test(LOW_INSIDE)).toBe(true);
    expect(/[\uD800-\uDFFF]/.test('😀')).toBe(true);
  });

  it('CborWriter.text throws the EncodeError instead of writing U+FFFD, short or long text, and writes pairs', () => {
    for (const s of [HIGH, LOW_INSIDE, 'x'.repeat(40) + HIGH, 'é' + HIGH]) {
      const error = thrown(() => new CborWriter(8).text(s)) as { name?: string; problems?: { path: string; message: string }[] };
      expect(error?.name, JSON.stringify(s)).toBe('EncodeError');
      expect(error.problems?.[0]?.message).toMatch(/^expected Unicode text, got a string with a lone surrogate \(U\+D[89A-F][0-9A-F]{2} at index \d+\), which no UTF-8 text string can carry$/);
    }
    const w = new CborWriter(8);
    w.text('😀');
    expect(toHex(w.finish())).toBe('64f09f9880');
  });

  it('notUnicodeText names the unit and its index (describeValue, which decoders\' bundles hold, does not look)', () => {
    expect(notUnicodeText('ab\uDFFF')).toBe('a string with a lone surrogate (U+DFFF at index 2), which no UTF-8 text string can carry');
    expect(notUnicodeText('\uDBFF\uDBFF\uDFFF')).toBe('a string with a lone surrogate (U+DBFF at index 0), which no UTF-8 text string can carry');
    expect(describeValue('ab\uDFFF')).toBe('a string');
  });
});

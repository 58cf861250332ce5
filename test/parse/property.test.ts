import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isSchemaError } from '../../generator/diagnostics.js';
import type { Literal } from '../../generator/parse/ast.js';
import { parseCddl } from '../../generator/parse/index.js';

function literal(src: string): Literal {
  const [rule] = parseCddl(`x = ${src}\n`, 'prop.cddl').rules;
  if (rule?.body.kind !== 'type' || rule.body.type.kind !== 'literal') throw new Error(`not a literal: ${src}`);
  return rule.body.type.value;
}

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** A text or byte string literal for `s`, escaping characters in one of the allowed ways. */
function quote(s: string, q: '"' | "'", choices: number[]): string {
  let out = '';
  let k = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    const pick = choices[k++ % Math.max(1, choices.length)] ?? 0;
    const simple: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '/': '\\/' };
    const printable = (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0x10fffd);
    if (ch === q || ch === '\\') out += q === "'" && ch === "'" ? "\\'" : (simple[ch] as string);
    else if (printable && pick % 3 !== 0) out += ch;
    else if (simple[ch] && pick % 2 === 0) out += simple[ch];
    else if (pick % 2 === 0 || cp > 0xffff) {
      out += `\\u{${'0'.repeat(pick % 3)}${cp.toString(16)}}`;
      if (cp > 0xffff && pick % 4 === 1) {
        out = out.slice(0, out.lastIndexOf('\\u{'));
        const hi = 0xd800 + ((cp - 0x10000) >> 10);
        const lo = 0xdc00 + ((cp - 0x10000) & 0x3ff);
        out += `\\u${hi.toString(16).toUpperCase()}\\u${lo.toString(16)}`;
      }
    } else out += `\\u${cp.toString(16).padStart(4, '0')}`;
  }
  return `${q}${out}${q}`;
}

/** Strings of Unicode scalar values (no lone surrogates). */
const scalarString = fc.string({ unit: 'binary' }).filter((s) => !/[\uD800-\uDFFF]/.test(s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '')));

describe('literal round trips', () => {
  it('integers in decimal, hex and binary', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 130n), max: 2n ** 130n }), fc.constantFrom(10, 16, 2), (n, radix) => {
        const prefix = radix === 16 ? '0x' : radix === 2 ? '0b' : '';
        const raw = `${n < 0n ? '-' : ''}${prefix}${(n < 0n ? -n : n).toString(radix)}`;
        expect(literal(raw)).toEqual({ type: 'int', value: n.toString(), raw });
      }),
    );
  });

  it('decimal floats', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const raw = x.toExponential(); // always has an exponent, so always a float; -0 prints as 0e+0
        expect(literal(raw)).toEqual({ type: 'float', value: Object.is(x, -0) ? 0 : x, raw });
      }),
    );
  });

  it('hexadecimal floats', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: -60, max: 60 }), fc.boolean(), (m, e, neg) => {
        const raw = `${neg ? '-' : ''}0x${m.toString(16)}p${e}`;
        const value = (neg ? -1 : 1) * m * 2 ** e;
        expect(literal(raw)).toMatchObject({ type: 'float', value });
      }),
    );
  });

  it('text strings with any mix of escapes', () => {
    fc.assert(
      fc.property(scalarString, fc.array(fc.nat(11)), (s, choices) => {
        const raw = quote(s, '"', choices);
        expect(literal(raw)).toEqual({ type: 'text', value: s, raw });
      }),
    );
  });

  it("byte strings written as text '…'", () => {
    fc.assert(
      fc.property(scalarString, fc.array(fc.nat(11)), (s, choices) => {
        const raw = quote(s, "'", choices);
        expect(literal(raw)).toEqual({ type: 'bytes', hex: toHex(new TextEncoder().encode(s)), raw });
      }),
    );
  });

  it("h'…' with whitespace and comments anywhere between digits", () => {
    const filler = fc.constantFrom('', ' ', '  ', '\n', '\r\n', '\t', ' ; note\n', ';\n  ');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.array(filler), fc.boolean(), (bytes, fills, upper) => {
        let hex = toHex(bytes);
        if (upper) hex = hex.toUpperCase();
        let body = '';
        [...hex].forEach((d, i) => {
          body += (fills[i % Math.max(1, fills.length)] ?? '') + d;
        });
        expect(literal(`h'${body}\n'`)).toMatchObject({ type: 'bytes', hex: toHex(bytes) });
      }),
    );
  });

  it("b64'…' in base64 and base64url, with and without padding", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.boolean(), fc.boolean(), (bytes, url, pad) => {
        let b64 = Buffer.from(bytes).toString(url ? 'base64url' : 'base64');
        b64 = pad ? b64.padEnd(Math.ceil(b64.length / 4) * 4, '=') : b64.replace(/=+$/, '');
        expect(literal(`b64'${b64}'`)).toMatchObject({ type: 'bytes', hex: toHex(bytes) });
      }),
    );
  });
});

/** Parses `text`; the only error allowed is a SchemaError. */
function parsesOrSchemaError(text: string): void {
  try {
    parseCddl(text, 'fuzz.cddl');
  } catch (error) {
    if (!isSchemaError(error)) throw error;
    expect(error.kind).toBe('syntax');
    expect(error.message.startsWith(`fuzz.cddl:${error.span.line}:${error.span.col}: `)).toBe(true);
  }
}

describe('garbage never throws anything but SchemaError', () => {
  const pieces = [
    'a', 'b-c', '$x', '$$y', '=', '/=', '//=', '/', '//', '(', ')', '{', '}', '[', ']', '<', '>', ',', ':', '=>', '^', '~', '&',
    '*', '+', '?', '..', '...', '.size', '.', '#', '#6', '#6.', '#7.<', '#6.32', '1', '-1', '0x1F', '0b1', '1.5', '1e3', '0x1p3',
    '"t"', '"\\u{41}"', '"\\', "'b'", "h'00'", "h'0", "b64'AQ=='", "b64'", ';c\n', '\n', ' ', '\t', '\r\n', '\uFEFF', 'é', '\u0000',
  ];
  it('random token soup', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => parsesOrSchemaError(parts.join(''))), {
      numRuns: 2000,
    });
  });

  it('random strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), parsesOrSchemaError), { numRuns: 1000 });
  });

  it('mutated corpus files', () => {
    const dir = fileURLToPath(new URL('../../../shared/upstream/', import.meta.url));
    const texts = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.cddl'))
      .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
    fc.assert(
      fc.property(
        fc.constantFrom(...texts),
        fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom(...pieces)), { minLength: 1, maxLength: 4 }),
        (text, edits) => {
          let t = text;
          for (const [at, del, ins] of edits) {
            const i = at % (t.length + 1);
            t = t.slice(0, i) + ins + t.slice(i + del);
          }
          parsesOrSchemaError(t);
        },
      ),
      { numRuns: 500 },
    );
  });
});

/**
 * Writes vectors.json: what glibc's printf writes for random conversions (flags, widths, precisions, `*` arguments)
 * of integers, doubles and texts, for test/controls/printf-glibc.test.ts. Run from the repository:
 *   cc -O1 -Wno-format-security -o /tmp/writer test/controls/glibc-printf/writer.c
 *   npx tsx test/controls/glibc-printf/vectors.mts /tmp/writer
 * Seeded: the same glibc writes the same file. Left out: `#` with g and G, where glibc drops the zeros after a
 * rounding carry (`%#.2g` of 99.5 is "1.e+02" there, "1.0e+02" by C17 7.21.6.1, which templates/printf.ts follows:
 * printf.test.ts has that case), what C leaves undefined (`#` on d i u s, `0` on s, `%c`), and half a character.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

export interface Vector {
  /** The format as RFC 9741 writes it (no length modifier). */
  format: string;
  /** i: an integer; f: a double (value: its 64 bits in hex); s: a text; W: `*` width, `*` precision, an integer ("w,p,v"). */
  kind: 'i' | 'f' | 's' | 'W';
  value: string;
  /** What glibc wrote. */
  text: string;
}

const writer = process.argv[2];
if (writer === undefined) throw new Error('usage: vectors.mts PATH-OF-COMPILED-writer.c');
let state = 20261207;
const random = () => ((state = (Math.imul(state ^ (state >>> 15), 2246822507) + 0x6d2b79f5) >>> 0), state / 2 ** 32);
const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const someOf = (flags: string) => [...flags].filter(() => random() < 0.35).join('');
const width = () => pick(['', '', '1', '5', '12']);
const precision = (more: string[]) => pick(['', '', ...more]);
const bits = (x: number) => {
  const b = new DataView(new ArrayBuffer(8));
  b.setFloat64(0, x);
  return b.getBigUint64(0).toString(16).padStart(16, '0');
};

const SIGNED = ['0', '1', '-1', '7', '9', '10', '15', '16', '99', '100', '255', '-255', '1000', '12345', '-12345', '9007199254740993', '-9223372036854775808', '9223372036854775807'];
const UNSIGNED = ['0', '1', '7', '8', '15', '16', '255', '256', '4095', '65535', '9007199254740993', '18446744073709551615'];
const DOUBLES = [0, -0, 0.5, 1, -1, 1.5, 2.5, 0.125, 1e-5, 123.456, 1e21, 5e-324, 2.2250738585072014e-308, Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity, NaN, 0.1, 9.5, 99.5, 999999.5, 1e16, 0.05, 0.15, 0.25, 1e-10, 123456789.125, 9.999999, 0.0009999, 1e100, -2.5e-7, 65504, 3.4028234663852886e38];
const TEXTS = ['', 'a', 'ab', ' a', 'a ', 'hello', '  ', 'x y', 'é'];

const rows: { kind: Vector['kind']; format: string; c: string; value: string }[] = [];
const seen = new Set<string>();
while (rows.length < 1500) {
  const r = random();
  let row: (typeof rows)[number];
  if (r < 0.35) {
    const conversion = pick(['d', 'i', 'u', 'o', 'x', 'X']);
    const signed = conversion === 'd' || conversion === 'i';
    const spec = `%${someOf(signed ? '-+ 0' : conversion === 'u' ? '-0' : '-#0')}${width()}${precision(['.', '.0', '.1', '.3', '.8'])}`;
    row = { kind: 'i', format: spec + conversion, c: `${spec}ll${conversion}`, value: pick(signed ? SIGNED : UNSIGNED) };
  } else if (r < 0.8) {
    const conversion = pick(['f', 'F', 'e', 'E', 'g', 'G', 'a', 'A']);
    const flags = someOf('-+ #0');
    if (flags.includes('#') && 'gG'.includes(conversion)) continue;
    const spec = `%${flags}${width()}${precision(['.', '.0', '.1', '.2', '.6', '.17', '.20'])}`;
    row = { kind: 'f', format: spec + conversion, c: spec + conversion, value: bits(pick(DOUBLES)) };
  } else if (r < 0.9) {
    const spec = `%${someOf('-')}${width()}${precision(['.', '.0', '.1', '.3'])}`;
    row = { kind: 's', format: `${spec}s`, c: `${spec}s`, value: pick(TEXTS) };
  } else {
    const conversion = pick(['d', 'x', 'o']);
    const flags = someOf(conversion === 'd' ? '-+ 0' : '-#0');
    const value = conversion === 'd' ? pick(['0', '1', '-1', '42', '-42', '100000']) : pick(['0', '1', '8', '42', '255']);
    row = { kind: 'W', format: `%${flags}*.*${conversion}`, c: `%${flags}*.*ll${conversion}`, value: `${pick([-7, -3, -1, 0, 1, 2, 5, 9])},${pick([-5, -1, 0, 1, 2, 4, 9])},${value}` };
  }
  const key = `${row.format}\t${row.value}`;
  if (seen.has(key)) continue;
  seen.add(key);
  rows.push(row);
}
// The writer reads unsigned values with strtoull, signed ones with strtoll: tell it which.
const input = rows.map((row) => `${row.kind === 'i' && /ll[uoxX]$/.test(row.c) ? 'u' : row.kind}\t${row.c}\t${row.value}`).join('\n') + '\n';
const written = execFileSync(writer, { input }).toString().trim().split('\n');
// A precision may cut a text inside a character (`%.1s` of "é"): C writes half of it, which is no text: left out.
const utf8 = new TextDecoder('utf-8', { fatal: true });
const vectors: Vector[] = rows.flatMap((row, i) => {
  try {
    return [{ format: row.format, kind: row.kind, value: row.value, text: utf8.decode(Buffer.from(written[i] as string, 'hex')) }];
  } catch {
    return [];
  }
});
writeFileSync(new URL('./vectors.json', import.meta.url), `${JSON.stringify(vectors, null, 0).replace(/\},\{/g, '},\n{')}\n`);
console.log(`${vectors.length} vectors`);

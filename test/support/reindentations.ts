/**
 * The re-indentations of a text, for brute-force checks of `.det` (RFC 9165 §2.3): which texts
 * dedent to a given one.
 */

/**
 * Every re-indentation of `d` by k ≤ `most` spaces: k before each line that is not empty, 0..k before
 * each empty one, as long as the lines that are not empty make it no longer than `maxBytes` in UTF-8
 * (larger k only make it longer). A text of empty lines only is its own dedenting only: it yields
 * k = 0 alone. The caller checks which of them dedent back to `d`.
 */
export function* reindentations(d: string, most: number, maxBytes = Infinity): Generator<string> {
  const lines = d.split('\n');
  const empties = lines.flatMap((line, i) => (line.length === 0 ? [i] : []));
  const filled = lines.length - empties.length;
  const bytes = new TextEncoder().encode(d).length;
  for (let k = 0; k <= (filled === 0 ? 0 : most) && bytes + k * filled <= maxBytes; k++) {
    for (let m = 0; m < (k + 1) ** empties.length; m++) {
      const out = lines.map((line) => (line.length === 0 ? '' : ' '.repeat(k) + line));
      let x = m;
      for (const i of empties) {
        out[i] = ' '.repeat(x % (k + 1));
        x = Math.floor(x / (k + 1));
      }
      yield out.join('\n');
    }
  }
}

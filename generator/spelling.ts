/**
 * Likely typos: the name a misspelt one most likely meant, for the "did you mean" of messages about
 * unknown config keys, commands, options, built-in schemas and undefined CDDL names.
 */

/**
 * The candidate closest to `word` when it is close enough to be a likely typo
 * (edit distance at most a third of the word, and at least 1 allowed, but less than the word's
 * length), else null.
 */
export function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  let bestEdits = Infinity;
  for (const candidate of candidates) {
    const [a, b] = [word.toLowerCase(), candidate.toLowerCase()];
    const edits = editDistance(a, b);
    // A longer or shorter spelling of a name (`outDir` for `out`) is as likely a slip as a typo; among such
    // candidates, the fewest edits win (`COSE_Sign1x` means `COSE_Sign1`, not `COSE_Sign`).
    const prefix = Math.min(a.length, b.length) >= 3 && (a.startsWith(b) || b.startsWith(a));
    const d = prefix ? 1 : edits;
    if (d < bestDistance || (d === bestDistance && edits < bestEdits)) {
      best = candidate;
      bestDistance = d;
      bestEdits = edits;
    }
  }
  // A guess must keep some of the word: `a` is no likely typo of `b`.
  return best !== null && bestDistance <= Math.max(1, Math.floor(word.length / 3)) && bestDistance < word.length ? best : null;
}

/** Damerau–Levenshtein distance (adjacent transpositions count once), O(|a|·|b|) for short words. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i]!;
      const above = rows[i - 1]!;
      row[j] = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * Answers to a question about pairs of shapes that is asked again inside itself: do two shapes share
 * a value (option-forms.ts `shapesOverlap`), can they write one differently (`shapesConflict`)? Such
 * a value is finite, so a pair met again while it is being answered (open) adds nothing and is taken
 * as no; the questions only ever turn a no below into a yes above (they are monotone), so their
 * answers are the least fixed point, the one a finite value gives.
 *
 * Asked afresh on every path, through rules that name each other (`rK = #6.1(r1) / … / #6.K(rK) /
 * int`) the pairs met were factorially many. So answers are kept:
 * - A yes is a value found, whatever was taken as no on the way: kept for good.
 * - A no may have leaned on an open pair being no. Such a pair is the only kind whose answer can
 *   still change, and only when it turns out yes, which happens as it closes; every no found while
 *   it was open lies inside it. So the noes found since the last yes are kept for as long as no new
 *   yes comes (one clears them all), and for good once no pair is open: every pair they leaned on
 *   closed as no, so together with the yeses they are a fixed point, and the yeses being true ones,
 *   the least.
 * Each pair is then answered at most once between two yeses, and a pair asked with nothing open gets
 * the answer a walk of every path gives.
 */
export class PairMemo {
  /** The pairs being answered. */
  private readonly open = new Set<string>();
  /** Answers for good. */
  private readonly known = new Map<string, boolean>();
  /** The noes found since the last yes, while some pair is open. */
  private readonly noesSinceYes = new Set<string>();

  ask(key: string, answer: () => boolean): boolean {
    if (this.open.has(key) || this.noesSinceYes.has(key)) return false;
    const known = this.known.get(key);
    if (known !== undefined) return known;
    this.open.add(key);
    let result: boolean;
    try {
      result = answer();
    } finally {
      this.open.delete(key);
    }
    if (result) {
      this.known.set(key, true);
      this.noesSinceYes.clear();
    } else {
      this.noesSinceYes.add(key);
    }
    if (this.open.size === 0) {
      for (const no of this.noesSinceYes) this.known.set(no, false);
      this.noesSinceYes.clear();
    }
    return result;
  }
}

/**
 * What bounds one walk of the forms of a type (option-forms.ts `Analysis.forms`) through rules,
 * choices and fixed tags.
 *
 * The walk follows every path that enters no rule twice, so a value's tags are known path by path.
 * Through rules that name each other inside tags (`rK = #6.1(r1) / … / #6.K(rK) / int`, each rule
 * naming all the others) those paths are factorially many, and so were the forms: five such rules took
 * fifteen seconds to generate, six more than fifteen minutes. What the planner asks of two lists of
 * forms is whether some pair of them shares a value (their tags aside) and is written differently: a
 * pair with different tags always is, so a leaf (a form without its tags) found with two different tag
 * words already differs in its tags from every form of the other list, and a third word tells nothing
 * the first two did not. Once every leaf a rule reaches from where the walk stands (entering none of
 * the rules on its path again) has two words, entering the rule can only give such leaves more, and
 * the walk skips it.
 *
 * What is kept is exact for those questions, first pair found included (a skipped form's pair has a
 * pair of the same answer earlier in the lists, with one of the two words kept). A question about
 * one word (is there an integer in exactly these tags?) asks for that word alone ({@link FormWalk}
 * `want`), which no skipping touches. The pairs of shapes those questions lead to are kept as they
 * are answered (pair-memo.ts).
 */
import { isBeingPlanned, knownPlan, type PlanContext } from './choice-plans.js';
import type { Shape } from './shapes.js';

/**
 * Where a leaf's forms are made: the shape of a scalar, array, map or tag without a fixed number,
 * or the planned option whose values are kept as `{ tag, value }` or as CborFloat. All the forms
 * made there at once carry the same tags.
 */
export type LeafAnchor = object;

export class FormWalk {
  /** The rules entered so far, until one is entered a second time: only then can paths multiply. */
  private readonly entered = new Set<string>();
  private tracking = false;
  /** The different tag words each leaf was found with since tracking began, at most two. */
  private readonly words = new Map<LeafAnchor, string[]>();
  /** How many leaves have two. */
  private saturated = 0;

  /** `want`: only forms whose tags are exactly these (a question about one tag word), else null. */
  constructor(
    private readonly ctx: PlanContext,
    private readonly want: readonly bigint[] | null = null,
  ) {}

  /** Whether to walk into a rule the path has not entered yet (`seen`: the rules it has): not when every leaf the rule reaches without them has two tag words. */
  enter(name: string, seen: ReadonlySet<string>): boolean {
    if (!this.tracking) {
      if (!this.entered.has(name)) {
        this.entered.add(name);
        return true;
      }
      this.tracking = true;
    }
    if (this.saturated === 0) return true;
    const leaves = this.reachOf(name, seen);
    if (leaves === null) return true;
    for (const leaf of leaves) if ((this.words.get(leaf)?.length ?? 0) < 2) return true;
    return false;
  }

  /** Whether tag `tag`, at position `depth` of the tags, can lead to a wanted form. */
  admitsTag(depth: number, tag: bigint): boolean {
    return this.want === null || (depth < this.want.length && this.want[depth] === tag);
  }

  /** The forms a leaf makes at `tags` (`make`), once the walk has noted them; none when other tags are wanted. */
  leaf<T>(anchor: LeafAnchor, tags: readonly bigint[], make: () => T[]): T[] {
    if (this.want !== null) return tags.length === this.want.length ? make() : [];
    if (this.tracking) {
      const word = tags.join(',');
      const words = this.words.get(anchor);
      if (words === undefined) this.words.set(anchor, [word]);
      else if (words.length === 1 && words[0] !== word) {
        words.push(word);
        this.saturated++;
      }
    }
    return make();
  }

  /**
   * The leaves rule `name` reaches through rules, choices and tags without entering a rule of `seen`
   * (as the walk goes on from it), or null when a choice on the way has no plan yet (the walk plans
   * it when it gets there, and which options are leaves depends on the plan). A choice being planned
   * further up is its options, as the walk takes it.
   */
  private reachOf(name: string, seen: ReadonlySet<string>): ReadonlySet<LeafAnchor> | null {
    const leaves = new Set<LeafAnchor>();
    const visited = new Set<string>([...seen, name]);
    const start = this.ctx.shapes.get(name);
    // A stack, not recursion: chains of rules may be as long as the schema.
    const pending: Shape[] = start === undefined ? [] : [start];
    for (let shape = pending.pop(); shape !== undefined; shape = pending.pop()) {
      switch (shape.kind) {
        case 'rule': {
          const target = visited.has(shape.rule.name) ? undefined : this.ctx.shapes.get(shape.rule.name);
          visited.add(shape.rule.name);
          if (target !== undefined) pending.push(target);
          break;
        }
        case 'choice': {
          if (isBeingPlanned(shape)) {
            for (const option of shape.options) pending.push(option.shape);
            break;
          }
          const plan = knownPlan(shape, this.ctx);
          if (plan === undefined) return null;
          for (const option of plan) {
            if (option.float || option.wrap !== null) leaves.add(option);
            else pending.push(option.shape);
          }
          break;
        }
        case 'tag':
          pending.push(shape.inner);
          break;
        case 'never':
          break;
        default:
          leaves.add(shape);
      }
    }
    return leaves;
  }
}

/**
 * The order in which an encoder tries a type choice's float options, and the
 * choices no order makes exact.
 *
 * A number two float options take is one data item in either, and
 * deterministic encoding (RFC 8949 §4.2.1) writes it in the shortest width
 * that holds it exactly. The encoder writes the first option whose test
 * passes, each option in the shortest of its own widths that holds the value;
 * so the options are tried by the narrowest width each allows
 * (`float64 / float16-32`: 1.5 read as a 32-bit float is written so again,
 * not in 64 bits), in the places the float options hold, the rest where they
 * are. An option that is a rule whose choice has floats outside tags counts
 * with its narrowest float type (`r / 0.0..2.0` with `r = -5..5 / float64`);
 * float literals count only where an option has no float type (a literal
 * writes its own value in the shortest width: it never writes wider than
 * another option would).
 *
 * That order is exact when each option writes every value it takes in a width
 * no wider than the narrowest of every option after it: with one float type
 * per option, always. An option with several float types of different widths
 * may take, through a wide one, a value a later option writes narrower
 * (`r / float32` with `r = float64 .ge 1000.0 / float16`: 100000.0, read as a
 * 32-bit float, was written in 64 bits), and a literal in a later option may be
 * a value an earlier option writes wider (`r / float32` with
 * `r = float64 / 2.0`: 2.0, read in 16 bits, was written in 32). Such a pair
 * is a conflict (choice-plans.ts makes the rule general): which option a value
 * needs depends on its width, which a number does not have.
 */
import { fitsFloat16, fitsFloat32 } from '../../templates/cbor-numbers.js';
import type { FloatWidth, Shape } from './shapes.js';

type FloatShape = Extract<Shape, { kind: 'float' }>;

/** What the order reads of an option: its shape, and whether it is kept as `{ tag, value }`. */
export interface OrderedOption {
  shape: Shape;
  /** Kept as `{ tag, value }`: tested per tag, in place. */
  wrap: unknown[] | null;
}

/** Every type rule's shape, as the planner reads them. */
export interface FloatOrderContext {
  shapes: ReadonlyMap<string, Shape>;
}

/** The options' indices in the order the encoder tries them, and the first pair no order makes exact (else null). */
export interface FloatOrder {
  order: number[];
  conflict: [number, number] | null;
}

/** One option's float types, where they are: the tags around them, or '' outside tags through rules and choices. */
interface OptionFloats {
  place: string;
  leaves: FloatShape[];
  /** The narrowest width of its float types (of its literals when it has no type): where it is tried. */
  narrowest: number;
}

/**
 * The order of a choice's options for encoding (see above), and its first
 * conflict. `floatInTags` is the planner's (an option that is a float type
 * through rules and fixed tags, with those tags).
 */
export function floatOrder(options: readonly OrderedOption[], ctx: FloatOrderContext, floatInTags: (shape: Shape) => { float: FloatShape; tags: bigint[] } | null): FloatOrder {
  const floats = options.map((o): OptionFloats | null => {
    if (o.wrap !== null) return null;
    const direct = floatInTags(o.shape);
    if (direct !== null) return { place: direct.tags.join(','), leaves: [direct.float], narrowest: Math.min(...direct.float.widths) };
    const leaves = untaggedFloats(o.shape, ctx);
    if (leaves.length === 0) return null;
    // A literal (-0.0, 2.0) takes few values: the float types beside it decide, when there are any.
    const types = leaves.some((f) => f.values === null) ? leaves.filter((f) => f.values === null) : leaves;
    return { place: '', leaves, narrowest: Math.min(...types.flatMap((f) => f.widths)) };
  });
  const places = new Map<string, number[]>();
  floats.forEach((f, i) => {
    if (f !== null) places.set(f.place, [...(places.get(f.place) ?? []), i]);
  });
  const order = options.map((_, i) => i);
  let conflict: [number, number] | null = null;
  for (const indices of places.values()) {
    const narrowest = (i: number) => floats[i]?.narrowest ?? 64;
    const sorted = [...indices].sort((a, b) => narrowest(a) - narrowest(b) || a - b);
    indices.forEach((place, k) => {
      order[place] = sorted[k] as number;
    });
    // Every pair, options kept as CborFloat too: a rule option's floats may be CborFloats of its own plan
    // (`float32 / s` with `s = 1 / float16 / float64`: s's float64 took a 32-bit 0.1 first and wrote it in 64 bits).
    for (let p = 0; p < sorted.length && conflict === null; p++) {
      for (let q = p + 1; q < sorted.length && conflict === null; q++) {
        const [x, y] = [sorted[p] as number, sorted[q] as number];
        if (writesWider(floats[x] as OptionFloats, floats[y] as OptionFloats)) conflict = x < y ? [x, y] : [y, x];
      }
    }
  }
  return { order, conflict };
}

/**
 * Whether `earlier`, tried first, may write a value in a wider width than
 * `later` would: one of its float types starts wider than a width `later`
 * writes some value in (its types' narrowest widths; each of its literals in
 * the shortest width of its widths that holds it).
 */
function writesWider(earlier: OptionFloats, later: OptionFloats): boolean {
  const laterWidths = later.leaves.flatMap((f) => (f.values === null ? [minWidth(f)] : f.values.map((v) => literalWidth(f, v))));
  const narrowestLater = Math.min(...laterWidths);
  return earlier.leaves.some((f) => minWidth(f) > narrowestLater);
}

function minWidth(f: FloatShape): number {
  return Math.min(...f.widths);
}

/** The width a literal's value is written in: the narrowest of its widths that holds it. */
function literalWidth(f: FloatShape, value: number): number {
  const holds = (w: FloatWidth) => w === 64 || (w === 32 ? fitsFloat32(value) : fitsFloat16(value));
  return [...f.widths].sort((a, b) => a - b).find(holds) ?? 64;
}

/** untaggedFloats of each rule, by rule table: rules whose choices name other rules are walked once each, not once per path. */
const rulesFloats = new WeakMap<ReadonlyMap<string, Shape>, Map<string, FloatShape[] | null>>();

/** The float types a shape's values can be outside tags, arrays and maps, as numbers (not CborFloats): through rules and choices. */
export function untaggedFloats(shape: Shape, ctx: FloatOrderContext): FloatShape[] {
  if (shape.kind === 'float') return shape.boxed === true ? [] : [shape];
  if (shape.kind === 'choice') return shape.options.flatMap((o) => untaggedFloats(o.shape, ctx));
  if (shape.kind !== 'rule') return [];
  let known = rulesFloats.get(ctx.shapes);
  if (known === undefined) rulesFloats.set(ctx.shapes, (known = new Map()));
  const name = shape.rule.name;
  if (known.has(name)) return known.get(name) ?? []; // null: being walked further up (a rule inside itself adds nothing)
  known.set(name, null);
  const target = ctx.shapes.get(name);
  const floats = target === undefined ? [] : untaggedFloats(target, ctx);
  known.set(name, floats);
  return floats;
}

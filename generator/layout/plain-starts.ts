/**
 * Sides of `.det` (RFC 9165 §2.3) that are their own dedenting because no value starts with a space
 * or a line feed: a value that starts with any other character has a first line that is not blank
 * and not indented, so the common indentation is none and dedenting leaves every line as it is (and
 * the empty string is its own dedenting too). Such a side is checked as it is, whatever its values
 * are: `.printf` of a float (`"%.2f"`), of an integer with `.bits` of many bits, `.join` whose first
 * part is literals or an encoding, a recursive `.abnf` grammar whose words start so (`b = "x" b / "y"`),
 * a `.det` inside whose first side is a pattern no word of which starts so (its automaton says).
 * More generally a value is its own dedenting when one of its lines is not blank and starts with no
 * space (`anchored`), which a text after it cannot change: so is the dedenting of any word with a
 * line that is not blank, and a `.det` inside whose first side is a pattern none of whose words is
 * blank (`((tstr .regexp " *a+") .det "x") .det "y"`: its automaton says, blankWords) gives only such
 * values. The analysis is of the first characters and the first part, and conservative: where a value
 * might start otherwise (a width that pads on the left, the space flag, `%c`, JSON, a pattern), it
 * says so, and computed.ts takes the other ways it has.
 */
import type { ScalarShape } from './scalars.js';
import { parseFormat } from '../../templates/printf.js';
import type { AbnfGrammarData, AbnfItem } from './abnf-data.js';
import { blankWords, mayStartSpaced } from '../../templates/dedented-patterns.js';

type StringShape = Extract<ScalarShape, { kind: 'text' | 'bytes' }>;
type Check = NonNullable<StringShape['checks']>[number];

/**
 * How a set of strings starts: never empty and never with a space or a line feed (`plain`); never
 * empty, with a line that is not blank and starts with no space (`anchored`: a plain one is, its
 * first line; dedenting removes nothing from such a text, and a text after it keeps the line so);
 * either of those or empty; or perhaps otherwise.
 */
type Start = 'plain' | 'anchored' | 'emptyOrPlain' | 'emptyOrAnchored' | 'unknown';

/** Whether every value of the side has a line that is not blank and starts with no space, or is empty: then it is its own dedenting. */
export function startsPlainly(shape: StringShape): boolean {
  return startOf(shape) !== 'unknown';
}

/** What holds of a string of either start (one part's values, or another's): the less each says. */
function weaker(a: Start, b: Start): Start {
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  const anchored = a === 'anchored' || a === 'emptyOrAnchored' || b === 'anchored' || b === 'emptyOrAnchored';
  const empty = a.startsWith('empty') || b.startsWith('empty');
  return empty ? (anchored ? 'emptyOrAnchored' : 'emptyOrPlain') : anchored ? 'anchored' : 'plain';
}

/** What holds of a string of which both hold (two checks on one side). */
function stronger(a: Start, b: Start): Start {
  if (a === 'unknown') return b;
  if (b === 'unknown') return a;
  const plain = a === 'plain' || a === 'emptyOrPlain' || b === 'plain' || b === 'emptyOrPlain';
  const nonEmpty = a === 'plain' || a === 'anchored' || b === 'plain' || b === 'anchored';
  return nonEmpty ? (plain ? 'plain' : 'anchored') : plain ? 'emptyOrPlain' : 'emptyOrAnchored';
}

function startOf(shape: ScalarShape): Start {
  if (shape.kind !== 'text' && shape.kind !== 'bytes') return 'unknown';
  if (shape.values !== null) return valuesStart(shape.kind === 'text' ? shape.values.map((v) => v.codePointAt(0)) : shape.values.map((hex) => (hex === '' ? undefined : parseInt(hex.slice(0, 2), 16))));
  // Every check holds of every value, and the pattern: the best any of them says holds of all.
  let best: Start = shape.pattern !== undefined && !mayStartSpaced(shape.pattern, shape.kind === 'text') ? 'emptyOrPlain' : 'unknown';
  for (const check of shape.checks ?? []) best = stronger(best, checkStart(check, shape.kind === 'text'));
  return best;
}

/** Of strings by their first characters (undefined: the empty string). */
function valuesStart(firsts: (number | undefined)[]): Start {
  if (firsts.some((c) => c === 0x20 || c === 0x0a)) return 'unknown';
  return firsts.includes(undefined) ? 'emptyOrPlain' : 'plain';
}

function checkStart(check: Check, text: boolean): Start {
  switch (check.kind) {
    // The dedenting of a word of a pattern (a `.det` inside): where no word starts with a space or a line feed, each is its own;
    // where no word is blank, each dedents to one with a line not blank that starts with no space (blankWords).
    case 'dedentedPattern': {
      if (!mayStartSpaced(check.pattern, text)) return 'emptyOrPlain';
      const blank = blankWords(check.pattern, check.size === undefined ? undefined : [check.size.min, check.size.max], text);
      return blank === 'none' ? 'anchored' : blank === 'empty' ? 'emptyOrAnchored' : 'unknown';
    }
    // RFC 4648's alphabets have no space (base45's has: its values are dedented lines, computed.ts); a numeral starts with a digit or a sign.
    case 'base':
      return check.encoding === 'b45' ? 'unknown' : 'emptyOrPlain';
    case 'base10':
      return 'plain';
    case 'join':
      return sequenceStart(check.parts.map((part) => () => startOf(part)));
    case 'printf':
      return printfStart(check.format, check.args);
    case 'abnf':
      return grammarStart(check.grammar);
    default:
      return 'unknown';
  }
}

/** A concatenation: its first part that is never empty decides, and each before it that may be empty, unless one may start otherwise. */
function sequenceStart(parts: (() => Start)[]): Start {
  let before: Start = 'emptyOrPlain';
  for (const part of parts) {
    const start = part();
    if (start === 'unknown') return 'unknown';
    // Of the parts so far, either the first that is not empty starts the text, or all are empty and this one does.
    before = start === 'plain' || start === 'anchored' ? weaker(before === 'emptyOrPlain' ? 'plain' : 'anchored', start) : weaker(before, start);
    if (!before.startsWith('empty')) return before;
  }
  return before;
}

/**
 * What printf writes starts as its format does: literal text with its first character; a numeric
 * conversion with a sign, a digit or a letter (`inf`, `0x`), unless the space flag or a width that
 * pads on the left (no `-` flag; `0` is not trusted, since it pads `inf` with spaces and is ignored
 * beside a precision) puts a space first; `%s` with its argument's first character, when it pads
 * nothing before it (a `-` flag pads after, unless the text is empty); `%c` perhaps with a space.
 */
function printfStart(format: string, args: ScalarShape[]): Start {
  const parts = printfParts(format, args);
  return parts === undefined ? 'unknown' : sequenceStart(parts.map((part) => part.start));
}

/** One piece of what a format writes, in order: how it starts, whether it never holds a line feed, whether it is any text at all. */
interface WrittenPart {
  start: () => Start;
  oneLine: boolean;
  anyText: boolean;
}

function printfParts(format: string, args: ScalarShape[]): WrittenPart[] | undefined {
  const tokens = parseFormat(format);
  if (tokens === undefined) return undefined;
  let next = 0;
  const parts: WrittenPart[] = [];
  for (const token of tokens) {
    if (typeof token === 'string') {
      parts.push({ start: () => valuesStart([token.codePointAt(0)]), oneLine: !token.includes('\n'), anyText: false });
      continue;
    }
    if (token.width === '*') next++;
    if (token.precision === '*') next++;
    const arg = args[next++];
    const leftAligned = token.flags.includes('-');
    // A `*` width may be positive (padding on the left) unless the flag aligns left; a negative one aligns left.
    const widened = token.width === '*' || token.width > 0;
    const padsLeft = widened && !leftAligned;
    if (token.conversion === 's') {
      const start = (): Start => {
        const whole = arg === undefined ? 'unknown' : startOf(arg);
        // A precision may cut it to nothing (the start of a character of more bytes than it keeps), or an anchored text to its blank first lines.
        const cut = token.precision === null ? whole : whole === 'plain' || whole === 'emptyOrPlain' ? 'emptyOrPlain' : 'unknown';
        // Padded on the left; or on the right of a text that may be empty, which is then all spaces.
        return cut === 'unknown' || padsLeft || (widened && cut.startsWith('empty')) ? 'unknown' : cut;
      };
      const plainArg = arg !== undefined && isAnyText(arg);
      parts.push({ start, oneLine: arg !== undefined && isOneLine(arg), anyText: plainArg && token.flags === '' && token.width === 0 && token.precision === null });
      continue;
    }
    // A numeric conversion writes a sign, digits, letters and padding, never a line feed; %c may write one.
    const numeric = token.conversion !== 'c';
    parts.push({ start: () => (numeric && !token.flags.includes(' ') && !padsLeft ? 'plain' : 'unknown'), oneLine: numeric, anyText: false });
  }
  return parts;
}

/** A text type of every text: no literals, size, pattern or control. */
function isAnyText(shape: ScalarShape): boolean {
  return shape.kind === 'text' && shape.values === null && shape.size === null && shape.pattern === undefined && (shape.checks ?? []).length === 0;
}

/** Whether no value of the string type holds a line feed: literals without one, an encoding or a numeral (whose alphabets have none). Conservative: a pattern is not asked. */
function isOneLine(shape: ScalarShape): boolean {
  if (shape.kind !== 'text') return false;
  if (shape.values !== null) return shape.values.every((v) => !v.includes('\n'));
  return (shape.checks ?? []).some((c) => c.kind === 'base' || c.kind === 'base10');
}

/**
 * Whether dedenting (RFC 9165 §2.3) a value of the side gives a value of it: a `.printf` or `.join`
 * whose first part is any text (`%s` of `tstr`, nothing else on it) and whose other parts hold no
 * line feed and, together, start with something other than a space or are empty (`"%s%f"`, `"%s:
 * %d"`). Then a value is t·r, and r is on t's last line or is the whole text, one line: when r
 * starts the line, that line is not blank and has no space before it, so dedenting removes nothing;
 * else the spaces it removes from that line are t's (r starts with no space), and those from other
 * lines are t's too, so dedenting gives t'·r with t' a text, a value. So the side's dedenting is
 * exactly its values that dedenting leaves alone (computed.ts, as for JSON), without a pattern of
 * its values (a float conversion, `.bits` of many bits).
 */
export function dedentsWithin(shape: StringShape): boolean {
  if (shape.kind !== 'text' || shape.values !== null || shape.size !== null || shape.pattern !== undefined || shape.checks?.length !== 1) return false;
  const check = shape.checks[0] as Check;
  const parts: WrittenPart[] | undefined =
    check.kind === 'printf'
      ? printfParts(check.format, check.args)
      : check.kind === 'join'
        ? check.parts.map((part) => ({ start: () => startOf(part), oneLine: isOneLine(part), anyText: isAnyText(part) }))
        : undefined;
  if (parts === undefined || parts.length === 0 || !(parts[0] as WrittenPart).anyText) return false;
  const rest = parts.slice(1);
  if (!rest.every((part) => part.oneLine)) return false;
  const start = sequenceStart(rest.map((part) => part.start));
  return start === 'plain' || start === 'emptyOrPlain';
}

/**
 * Of a recursive ABNF grammar's words (templates/abnf-recogniser.ts reads it): whether one may start
 * with a space or a line feed, and whether one is empty, each rule's answers taken to their fixed
 * point (both only grow, from false). A string's first character in either case (RFC 5234 §2.3:
 * neither a space nor a line feed has another); a rule no definition names matches nothing.
 */
function grammarStart(grammar: AbnfGrammarData): Start {
  const names = Object.keys(grammar.rules);
  const empty = new Set<string>();
  const spaced = new Set<string>();
  const nullable = (item: AbnfItem): boolean => {
    if ('rule' in item) return empty.has(item.rule);
    if ('text' in item) return item.text === '';
    if ('range' in item) return false;
    if ('repeat' in item) return item.min === 0 || nullable(item.repeat);
    return item.oneOf.some((sequence) => sequence.every(nullable));
  };
  const startsSpaced = (item: AbnfItem): boolean => {
    if ('rule' in item) return spaced.has(item.rule);
    if ('text' in item) return item.text.startsWith(' ') || item.text.startsWith('\n');
    if ('range' in item) return [0x20, 0x0a].some((c) => item.range[0] <= c && c <= item.range[1]);
    if ('repeat' in item) return item.max !== 0 && startsSpaced(item.repeat);
    return item.oneOf.some(sequenceSpaced);
  };
  // A sequence starts as its first item that is never empty does, or as an empty one before it.
  const sequenceSpaced = (sequence: readonly AbnfItem[]): boolean => {
    for (const item of sequence) {
      if (startsSpaced(item)) return true;
      if (!nullable(item)) return false;
    }
    return false;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const name of names) {
      const alternatives = grammar.rules[name] ?? [];
      if (!empty.has(name) && alternatives.some((sequence) => sequence.every(nullable))) {
        empty.add(name);
        changed = true;
      }
      if (!spaced.has(name) && alternatives.some(sequenceSpaced)) {
        spaced.add(name);
        changed = true;
      }
    }
  }
  if (startsSpaced(grammar.element)) return 'unknown';
  return nullable(grammar.element) ? 'emptyOrPlain' : 'plain';
}

/**
 * For a `.printf` or `.join` side whose values are each one line (literal text without a line feed,
 * numeric conversions: a sign, digits, letters; literals, encodings and numerals as arguments or
 * parts) with a bounded run of spaces before the rest (literal spaces, the space flag, a width that
 * pads on the left, base45's up to two): the most spaces one starts with. Dedenting one line removes
 * them all, so the side's dedenting is its values without them, and `most` + 1 texts to try decide it
 * (text-controls.ts isDedentedLine). Null for anything else (`%c`, a `*` width, a width or precision
 * on `%s`, an argument or part that may hold a line feed or start with spaces without bound).
 */
export function oneLineIndent(shape: StringShape): number | null {
  if (shape.kind !== 'text' || shape.values !== null) return null;
  const check = (shape.checks ?? []).find((c) => c.kind === 'printf' || c.kind === 'join');
  if (check?.kind === 'join') return leadingRun(check.parts.map(lineRun));
  if (check?.kind !== 'printf') return null;
  const tokens = parseFormat(check.format);
  if (tokens === undefined) return null;
  let next = 0;
  const runs: (LineRun | null)[] = [];
  for (const token of tokens) {
    if (typeof token === 'string') {
      runs.push(literalsRun([token]));
      continue;
    }
    if (token.conversion === 'c' || token.width === '*' || token.precision === '*') return null;
    const arg = check.args[next++];
    if (token.conversion === 's') {
      runs.push(token.width === 0 && token.precision === null && arg !== undefined ? lineRun(arg) : null);
      continue;
    }
    // What pads it comes first, then a sign, a digit or a letter.
    runs.push({ lead: (token.flags.includes(' ') ? 1 : 0) + (token.flags.includes('-') ? 0 : token.width), blank: null });
  }
  return leadingRun(runs);
}

/**
 * Of a part that never holds a line feed: the most spaces a value starts with (null: no bound
 * known), and the most spaces a value that is all spaces has (null: no value is; undefined: no bound
 * known). Null for a part that may hold a line feed.
 */
interface LineRun {
  lead: number | null;
  blank: number | null | undefined;
}

/** Of literal texts: their leading spaces, and the length of those that are all spaces. */
function literalsRun(values: readonly string[]): LineRun | null {
  if (values.some((v) => v.includes('\n'))) return null;
  const blanks = values.filter((v) => /^ *$/.test(v)).map((v) => v.length);
  return { lead: Math.max(0, ...values.map((v) => (/^ */.exec(v) as RegExpExecArray)[0].length)), blank: blanks.length === 0 ? null : Math.max(...blanks) };
}

/** A part of `.join`, or `%s`'s argument: literals (whatever controls are on them: the values are among them), an encoding or a numeral; null for the rest. */
function lineRun(part: ScalarShape): LineRun | null {
  if (part.kind !== 'text') return null;
  if (part.values !== null) return literalsRun(part.values);
  const checks = part.checks ?? [];
  // RFC 4648's alphabets and numerals have neither a space nor a line feed (an encoding of no bytes is empty); base45's has the space, two at most before the rest (computed.ts B45_MOST_SPACES).
  if (checks.some((c) => c.kind === 'base10')) return { lead: 0, blank: null };
  if (checks.some((c) => c.kind === 'base' && c.encoding !== 'b45')) return { lead: 0, blank: 0 };
  if (checks.some((c) => c.kind === 'base')) return { lead: 2, blank: 0 };
  return null;
}

/** The most spaces a concatenation of such parts starts with: those of each part that may be all spaces, then the first that may not. */
function leadingRun(runs: readonly (LineRun | null)[]): number | null {
  if (runs.some((run) => run === null)) return null;
  let before = 0;
  let most = 0;
  for (const run of runs as LineRun[]) {
    if (run.lead === null) return null;
    most = Math.max(most, before + run.lead);
    if (run.blank === null) return most;
    if (run.blank === undefined) return null;
    before += run.blank;
  }
  return Math.max(most, before);
}

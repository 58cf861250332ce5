/**
 * Which of some names a generated module's code uses, found by one pass over
 * its text, for the import list. Parsing the module into a syntax tree and
 * walking it did the same and cost more than the rest of emitting together.
 *
 * A name counts where it is an identifier in code: not in comments, strings,
 * template text or regular expressions, not a property name after `.` or
 * `?.`, and not the key of an object literal or the member of an interface or
 * type literal (`name:` or `name?:` right after `{`, `,`, `;` or
 * `readonly`). That is what the names it is asked about (the runtime's
 * exports, which no rule may take as its name) can be in generated code:
 * they are called, constructed, used as types, or sit in object keys and
 * property accesses as schema member names.
 */

/** After these words a `/` starts a regular expression, not a division. */
const EXPRESSION_KEYWORDS = new Set(['return', 'typeof', 'case', 'in', 'of', 'instanceof', 'new', 'delete', 'void', 'throw', 'else', 'do', 'yield', 'await']);

const enum Prev {
  /** Start, an operator or an opening bracket: an expression may start here. */
  Operator,
  /** An identifier, number, string or closing bracket: a `/` here divides. */
  Value,
  /** `{`, `,`, `;` or `readonly`: a following `name:` is a key or member. */
  MemberStart,
  /** `.` or `?.`: a following name is a property. */
  Dot,
}

/** ASCII characters by what they can be in a word: bit 1 starts one (a letter, `_`, `$`), bit 2 continues one (those and digits). */
const WORD_CHARS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const start = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
  WORD_CHARS[c] = (start ? 1 : 0) | (start || (c >= 48 && c <= 57) ? 2 : 0);
}

function isIdentifierStart(c: number): boolean {
  return c > 127 || (WORD_CHARS[c]! & 1) !== 0;
}

function isIdentifierPart(c: number): boolean {
  return c > 127 || (WORD_CHARS[c]! & 2) !== 0;
}

/** Word lengths at or past this share one bucket of {@link WordFilter}. */
const LONGEST = 63;

/**
 * Which words may be worth looking up, by first character and length: most
 * words of a module are local names, member names and keywords that matter
 * to no decision here, and cutting each out of the text to look it up made
 * the garbage that was most of this scan's cost.
 */
class WordFilter {
  private readonly table = new Uint8Array(128 * (LONGEST + 1));

  constructor(words: Iterable<string>) {
    for (const word of words) {
      const first = word.charCodeAt(0);
      if (first < 128) this.table[first * (LONGEST + 1) + Math.min(word.length, LONGEST)] = 1;
    }
  }

  /** False only when no word of the filter starts with `first` and has `length` characters. */
  mayHave(first: number, length: number): boolean {
    return first >= 128 || this.table[first * (LONGEST + 1) + Math.min(length, LONGEST)] === 1;
  }
}

/**
 * The words that change what a following `/` or `name:` is, by first
 * character and length (no two share both): a word of another first
 * character or length is none of them.
 */
const KEYWORDS = [...EXPRESSION_KEYWORDS, 'readonly'];
/** 1 + the index in KEYWORDS of the keyword of that first character and length, or 0. */
const KEYWORD_AT = new Uint8Array(128 * (LONGEST + 1));
KEYWORDS.forEach((keyword, k) => {
  const at = keyword.charCodeAt(0) * (LONGEST + 1) + keyword.length;
  if (KEYWORD_AT[at] !== 0) throw new Error(`internal: the keywords ${KEYWORDS[KEYWORD_AT[at]! - 1]} and ${keyword} share a first letter and a length`);
  KEYWORD_AT[at] = k + 1;
});

// The scanners below take the text and a position and return one: the scan's own position
// stays a local of identifiersUsed, which closures that moved it kept in memory instead.

/** Where the template text from `from` ends: its closing backtick, the `$` of its next `${`, or the end of `text`. */
function templateTextEnd(text: string, from: number): number {
  const n = text.length;
  let i = from;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 92) i += 2; // backslash escape
    else if (c === 96 || (c === 36 && text.charCodeAt(i + 1) === 123)) return i;
    else i++;
  }
  return n;
}

function skipWhitespaceAndComments(text: string, from: number): number {
  let j = from;
  for (;;) {
    const c = text.charCodeAt(j);
    if (c === 32 || c === 10 || c === 13 || c === 9) j++;
    else if (c === 47 && text.charCodeAt(j + 1) === 47) {
      const end = text.indexOf('\n', j);
      j = end < 0 ? text.length : end;
    } else if (c === 47 && text.charCodeAt(j + 1) === 42) {
      const end = text.indexOf('*/', j + 2);
      j = end < 0 ? text.length : end + 2;
    } else return j;
  }
}

export function identifiersUsed(text: string, wanted: ReadonlySet<string>): Set<string> {
  const used = new Set<string>();
  const wantedFilter = new WordFilter(wanted);
  const n = text.length;
  let i = 0;
  let prev = Prev.Operator;
  /** Brace depth of code; each open `${` of a template literal records the depth its `}` returns to. */
  let depth = 0;
  const templateDepths: number[] = [];

  /** Set where template text starts at i (after a backtick, or the `}` of a substitution). */
  let inTemplateText = false;
  while (i < n) {
    if (inTemplateText) {
      inTemplateText = false;
      const end = templateTextEnd(text, i);
      if (end < n && text.charCodeAt(end) === 36) {
        i = end + 2; // past `${`
        templateDepths.push(depth);
        depth++;
        prev = Prev.Operator;
      } else {
        i = end + 1;
        prev = Prev.Value;
      }
      continue;
    }
    let c = text.charCodeAt(i);
    // Only white space and `/` can start what skipWhitespaceAndComments skips; most tokens follow none.
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 47) {
      i = skipWhitespaceAndComments(text, i);
      if (i >= n) break;
      c = text.charCodeAt(i);
    }
    if (isIdentifierStart(c)) {
      const start = i;
      i++;
      while (i < n && isIdentifierPart(text.charCodeAt(i))) i++;
      const length = i - start;
      if (prev !== Prev.Dot && wantedFilter.mayHave(c, length)) {
        const word = text.slice(start, i);
        if (wanted.has(word)) {
          let isKey = false;
          if (prev === Prev.MemberStart) {
            const j = skipWhitespaceAndComments(text, i);
            const next = text.charCodeAt(j);
            isKey = next === 58 || (next === 63 && text.charCodeAt(j + 1) === 58); // `:` or `?:`
          }
          if (!isKey) used.add(word);
        }
      }
      // A keyword is compared where it stands, not cut out: words of a keyword's first letter and length are common (`reader`, `if`).
      const k = c < 128 && length <= LONGEST ? KEYWORD_AT[c * (LONGEST + 1) + length]! : 0;
      const keyword = k === 0 ? '' : KEYWORDS[k - 1]!;
      prev = k === 0 || !text.startsWith(keyword, start) ? Prev.Value : keyword === 'readonly' ? Prev.MemberStart : Prev.Operator;
      continue;
    }
    if (c >= 48 && c <= 57) {
      while (i < n && (isIdentifierPart(text.charCodeAt(i)) || text.charCodeAt(i) === 46)) i++;
      prev = Prev.Value;
      continue;
    }
    switch (c) {
      case 34: // "
      case 39: {
        // '
        i++;
        while (i < n && text.charCodeAt(i) !== c) i += text.charCodeAt(i) === 92 ? 2 : 1;
        i++;
        prev = Prev.Value;
        break;
      }
      case 96: // `
        i++;
        inTemplateText = true;
        break;
      case 47: {
        // `/`: comments were skipped, so a regular expression or a division
        if (prev === Prev.Value) {
          i++;
          prev = Prev.Operator;
          break;
        }
        i++;
        let inClass = false;
        while (i < n) {
          const r = text.charCodeAt(i);
          if (r === 92) i += 2;
          else {
            i++;
            if (r === 91) inClass = true;
            else if (r === 93) inClass = false;
            else if (r === 47 && !inClass) break;
          }
        }
        while (i < n && isIdentifierPart(text.charCodeAt(i))) i++; // flags
        prev = Prev.Value;
        break;
      }
      case 123: // {
        depth++;
        i++;
        prev = Prev.MemberStart;
        break;
      case 125: // }
        i++;
        if (templateDepths.length > 0 && templateDepths[templateDepths.length - 1] === depth - 1) {
          templateDepths.pop();
          depth--;
          inTemplateText = true;
        } else {
          depth--;
          prev = Prev.Value;
        }
        break;
      case 44: // ,
      case 59: // ;
        i++;
        prev = Prev.MemberStart;
        break;
      case 41: // )
      case 93: // ]
        i++;
        prev = Prev.Value;
        break;
      case 46: // .
        if (text.charCodeAt(i + 1) === 46 && text.charCodeAt(i + 2) === 46) {
          i += 3; // spread: what follows is a value, not a property
          prev = Prev.Operator;
        } else {
          i++;
          prev = Prev.Dot;
        }
        break;
      case 63: // ?
        if (text.charCodeAt(i + 1) === 46 && !(text.charCodeAt(i + 2) >= 48 && text.charCodeAt(i + 2) <= 57)) {
          i += 2; // `?.`
          prev = Prev.Dot;
        } else {
          i++;
          prev = Prev.Operator;
        }
        break;
      default:
        i++;
        prev = Prev.Operator;
    }
  }
  return used;
}

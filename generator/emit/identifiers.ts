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

function isIdentifierStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c > 127;
}

function isIdentifierPart(c: number): boolean {
  return isIdentifierStart(c) || (c >= 48 && c <= 57);
}

export function identifiersUsed(text: string, wanted: ReadonlySet<string>): Set<string> {
  const used = new Set<string>();
  const n = text.length;
  let i = 0;
  let prev = Prev.Operator;
  /** Brace depth of code; each open `${` of a template literal records the depth its `}` returns to. */
  let depth = 0;
  const templateDepths: number[] = [];

  /** Scans template text from i (just past a backtick or a substitution's `}`) to the closing backtick or the next `${`. */
  const templateText = (): void => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 92) i += 2; // backslash escape
      else if (c === 96) {
        i++;
        prev = Prev.Value;
        return;
      } else if (c === 36 && text.charCodeAt(i + 1) === 123) {
        i += 2;
        templateDepths.push(depth);
        depth++;
        prev = Prev.Operator;
        return;
      } else i++;
    }
  };

  const skipWhitespaceAndComments = (from: number): number => {
    let j = from;
    for (;;) {
      const c = text.charCodeAt(j);
      if (c === 32 || c === 10 || c === 13 || c === 9) j++;
      else if (c === 47 && text.charCodeAt(j + 1) === 47) {
        const end = text.indexOf('\n', j);
        j = end < 0 ? n : end;
      } else if (c === 47 && text.charCodeAt(j + 1) === 42) {
        const end = text.indexOf('*/', j + 2);
        j = end < 0 ? n : end + 2;
      } else return j;
    }
  };

  while (i < n) {
    i = skipWhitespaceAndComments(i);
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (isIdentifierStart(c)) {
      const start = i;
      i++;
      while (i < n && isIdentifierPart(text.charCodeAt(i))) i++;
      const word = text.slice(start, i);
      if (prev !== Prev.Dot && wanted.has(word)) {
        let isKey = false;
        if (prev === Prev.MemberStart) {
          const j = skipWhitespaceAndComments(i);
          const next = text.charCodeAt(j);
          isKey = next === 58 || (next === 63 && text.charCodeAt(j + 1) === 58); // `:` or `?:`
        }
        if (!isKey) used.add(word);
      }
      prev = word === 'readonly' ? Prev.MemberStart : EXPRESSION_KEYWORDS.has(word) ? Prev.Operator : Prev.Value;
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
        templateText();
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
          templateText();
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

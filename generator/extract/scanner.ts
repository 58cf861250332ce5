/**
 * A small CDDL (RFC 8610) scanner used to *recognise* CDDL in unmarked text:
 * it tokenises, tracks (), [], {}, <> nesting and string/byte literals and
 * `;` comments, and follows just enough of the grammar at nesting depth 0 to
 * tell where one rule ends, where the next one starts (an identifier, optional
 * generic parameters, then `=`, `/=` or `//=`), and where the CDDL stops.
 *
 * It is not a parser: inside brackets any CDDL token is accepted, and only the
 * bracket structure is checked.
 */

export type TokenKind = 'id' | 'num' | 'text' | 'bytes' | 'ctl' | 'punct';

export interface Token {
  kind: TokenKind;
  value: string;
  start: number;
  end: number;
}

/** A complete rule found by {@link scanRules}: `[start, end)` offsets in the text. */
export interface RuleSpan {
  start: number;
  end: number;
}

export interface ScanResult {
  /** Complete rules, in order; the CDDL ends at the last one's `end`. */
  rules: RuleSpan[];
  /** Offset of the token the scanner stopped at (the text length at the end of input). */
  stop: number;
  /** Why scanning stopped: end of input, or a token that cannot continue the CDDL. */
  stoppedAt: 'eof' | 'token';
  /**
   * True when the scan stopped in the middle of a rule (inside brackets or
   * after an operator); that rule is then left out of `rules`.
   */
  dangling: boolean;
}

const ID = /[A-Za-z@_$](?:[-.]*[A-Za-z0-9@_$])*/y;
const NUM = /-?(?:0[xX][0-9a-fA-F]+(?:\.[0-9a-fA-F]+)?(?:[pP][+-]?[0-9]+)?|0[bB][01]+|[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)/y;
const TEXT = /"(?:[^"\\\n]|\\[^\n])*"/y;
const BYTES = /(?:h|b64)?'(?:[^'\\]|\\[\s\S])*'/y;
const CTL = /\.[A-Za-z@_$](?:[-.]*[A-Za-z0-9@_$])*/y;
const PUNCT = ['//=', '/=', '//', '/', '=>', '=', '...', '..', '(', ')', '[', ']', '{', '}', '<', '>', ',', ':', '?', '*', '+', '~', '&', '^', '#'];
const OPEN: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}', '<': '>' };
const ASSIGN = new Set(['=', '/=', '//=']);

function stickyMatch(re: RegExp, text: string, pos: number): string | undefined {
  re.lastIndex = pos;
  return re.exec(text)?.[0];
}

/** Skips whitespace and `;` comments. */
export function skipSpace(text: string, pos: number): number {
  while (pos < text.length) {
    const ch = text[pos];
    if (ch === ';') {
      const nl = text.indexOf('\n', pos);
      pos = nl < 0 ? text.length : nl;
    } else if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f') pos++;
    else break;
  }
  return pos;
}

/**
 * Reads the token at `pos` (after whitespace and comments). Returns `'eof'`
 * at the end of input and `undefined` for text that is not a CDDL token
 * (including a number glued to letters, like `2nd`, and a byte string that
 * runs over a blank line).
 */
export function readToken(text: string, from: number): Token | 'eof' | undefined {
  const pos = skipSpace(text, from);
  if (pos >= text.length) return 'eof';
  const tok = (kind: TokenKind, value: string): Token => ({ kind, value, start: pos, end: pos + value.length });
  const bytes = stickyMatch(BYTES, text, pos);
  if (bytes !== undefined) return /\n[ \t]*\n/.test(bytes) ? undefined : tok('bytes', bytes);
  const id = stickyMatch(ID, text, pos);
  if (id !== undefined) return tok('id', id);
  const num = stickyMatch(NUM, text, pos);
  if (num !== undefined) {
    const after = text[pos + num.length];
    return after !== undefined && /[A-Za-z0-9@_$]/.test(after) ? undefined : tok('num', num);
  }
  const str = stickyMatch(TEXT, text, pos);
  if (str !== undefined) return tok('text', str);
  if (!text.startsWith('..', pos)) {
    const ctl = stickyMatch(CTL, text, pos);
    if (ctl !== undefined) return tok('ctl', ctl);
  }
  for (const p of PUNCT) if (text.startsWith(p, pos)) return tok('punct', p);
  return undefined;
}

const isPunct = (t: Token, ...values: string[]): boolean => t.kind === 'punct' && values.includes(t.value);

/**
 * If an identifier token starts a rule (`name<params> =`, `/=` or `//=`),
 * returns the end offset of the assignment operator.
 */
export function ruleHeadEnd(text: string, name: Token): number | undefined {
  if (name.kind !== 'id') return undefined;
  let pos = name.end;
  if (text[pos] === '<') {
    // genericparm = "<" S id S *("," S id S ) ">"
    const m = /<\s*[A-Za-z@_$](?:[-.]*[A-Za-z0-9@_$])*\s*(?:,\s*[A-Za-z@_$](?:[-.]*[A-Za-z0-9@_$])*\s*)*>/y;
    m.lastIndex = pos;
    const g = m.exec(text);
    if (!g) return undefined;
    pos += g[0].length;
  }
  const op = readToken(text, pos);
  return op !== 'eof' && op !== undefined && op.kind === 'punct' && ASSIGN.has(op.value) ? op.end : undefined;
}

/**
 * Scans CDDL rules starting at `start` (which should be a rule name) until
 * the text stops being CDDL. At depth 0 it alternates between expecting an
 * operand (a value, a name, a bracketed group, with occurrence and `~ & #`
 * prefixes) and an operator (`/ // .. ... .ctl : => , ^`) or the head of the
 * next rule; anything else ends the scan. Incomplete trailing rules are dropped.
 */
export function scanRules(text: string, start: number): ScanResult {
  const rules: RuleSpan[] = [];
  const stack: string[] = [];
  let state = 'head' as 'head' | 'operand' | 'operator'; // widened: `complete` changes it
  let ruleStart = -1;
  let lastGoodEnd = -1;
  let prev: Token | undefined;
  let pos = start;

  const complete = (end: number): void => {
    state = 'operator';
    lastGoodEnd = end;
  };
  const finish = (stop: number, stoppedAt: ScanResult['stoppedAt']): ScanResult => {
    const dangling = ruleStart >= 0 && (stack.length > 0 || state !== 'operator');
    if (!dangling && ruleStart >= 0) rules.push({ start: ruleStart, end: lastGoodEnd });
    return { rules, stop, stoppedAt, dangling };
  };

  for (;;) {
    const t = readToken(text, pos);
    if (t === 'eof') return finish(text.length, 'eof');
    if (t === undefined) return finish(skipSpace(text, pos), 'token');

    if (stack.length > 0) {
      // Inside brackets: any token, as long as brackets match.
      if (t.kind === 'punct' && t.value in OPEN) {
        // `<` only opens generic arguments glued to a name.
        if (t.value === '<' && !(prev?.kind === 'id' && prev.end === t.start)) return finish(t.start, 'token');
        stack.push(OPEN[t.value] as string);
      } else if (isPunct(t, ')', ']', '}', '>')) {
        if (stack[stack.length - 1] !== t.value) return finish(t.start, 'token');
        stack.pop();
        if (stack.length === 0) complete(t.end);
      } else if (t.kind === 'punct' && ASSIGN.has(t.value)) {
        return finish(t.start, 'token');
      }
      prev = t;
      pos = t.end;
      continue;
    }

    if (state === 'head' || state === 'operator') {
      if (state === 'operator' && (t.kind === 'ctl' || isPunct(t, '/', '//', '..', '...', ':', '=>', ','))) {
        state = 'operand';
      } else if (state === 'operator' && isPunct(t, '^')) {
        // `^ =>`: stay, the arrow follows
      } else {
        const headEnd = ruleHeadEnd(text, t);
        if (headEnd === undefined) return finish(t.start, 'token');
        if (ruleStart >= 0 && lastGoodEnd > ruleStart) rules.push({ start: ruleStart, end: lastGoodEnd });
        ruleStart = t.start;
        state = 'operand';
        prev = undefined;
        pos = headEnd;
        continue;
      }
      prev = t;
      pos = t.end;
      continue;
    }

    // state === 'operand'
    if (isPunct(t, '?', '*', '+', '~', '&')) {
      prev = t;
      pos = t.end;
      continue;
    }
    if (t.kind === 'punct' && (t.value === '(' || t.value === '[' || t.value === '{')) {
      stack.push(OPEN[t.value] as string);
      prev = t;
      pos = t.end;
      continue;
    }
    if (isPunct(t, '#')) {
      // `#`, `#6`, `#6.32(type)`
      let p = t.end;
      const major = readToken(text, p);
      if (major !== 'eof' && major?.kind === 'num' && major.start === p) p = major.end;
      if (text[p] === '(') {
        stack.push(')');
        prev = { kind: 'punct', value: '(', start: p, end: p + 1 };
        pos = p + 1;
      } else {
        complete(p);
        pos = p;
      }
      continue;
    }
    if (t.kind === 'num' && text[t.end] === '*') {
      // occurrence `n*m`
      let p = t.end + 1;
      const max = readToken(text, p);
      if (max !== 'eof' && max?.kind === 'num' && max.start === p) p = max.end;
      prev = undefined;
      pos = p;
      continue;
    }
    if (t.kind === 'num' || t.kind === 'text' || t.kind === 'bytes') {
      complete(t.end);
      prev = t;
      pos = t.end;
      continue;
    }
    if (t.kind === 'id') {
      prev = t;
      if (text[t.end] === '<') {
        stack.push('>');
        pos = t.end + 1;
      } else {
        complete(t.end);
        pos = t.end;
      }
      continue;
    }
    return finish(t.start, 'token');
  }
}

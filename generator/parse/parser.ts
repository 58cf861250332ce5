/**
 * Recursive-descent parser over the token stream: RFC 8610 Appendix B as
 * updated by RFC 9682 Appendix A. Each method is named after the production
 * it reads.
 */
import type { Span } from '../diagnostics.js';
import type {
  CddlFile,
  Directive,
  Group,
  GroupChoice,
  GroupEntry,
  MemberEntry,
  MemberKey,
  Occurrence,
  Rule,
  Type,
} from './ast.js';
import { isDirectiveComment, parseDirectives } from './directives.js';
import { DocComments } from './docs.js';
import type { Production } from './grammar.js';
import type { Comment, Punct, Token } from './lexer.js';
import type { SourceText } from './source.js';

type TokenOf<K extends Token['kind']> = Extract<Token, { kind: K }>;

/** Tokens that can begin a group entry (an occurrence, a member key or a type). */
const ENTRY_START: ReadonlySet<Punct> = new Set<Punct>(['(', '{', '[', '~', '&', '?', '*', '+']);

/** How deep types and groups may nest before the parser gives up (instead of overflowing the stack). */
export const MAX_NESTING = 256;

export class Parser {
  private index = 0;
  /** Current nesting of type2 and group productions. */
  private depth = 0;
  /** End offset of the last token consumed. */
  private lastEnd = 0;
  private readonly docs: DocComments;
  private readonly directives: Directive[];

  constructor(
    private readonly src: SourceText,
    private readonly tokens: readonly Token[],
    comments: readonly Comment[],
  ) {
    // A directive is not documentation of the rule below it.
    this.docs = new DocComments(
      comments.filter((c) => !isDirectiveComment(c, src)),
      tokens,
      src,
    );
    this.directives = parseDirectives(comments, src);
  }

  // ---- cddl = S *(rule S) ----

  file(): CddlFile {
    const rules: Rule[] = [];
    while (this.peek().kind !== 'eof') rules.push(this.rule());
    return {
      kind: 'file',
      file: this.src.file,
      rules,
      directives: this.directives,
      span: this.src.span(this.src.bodyStart, this.src.text.length),
    };
  }

  /** rule = typename [genericparm] S assignt S type / groupname [genericparm] S assigng S grpent */
  private rule(): Rule {
    const first = this.index;
    const nameToken = this.peek();
    if (nameToken.kind !== 'id') this.unexpected(nameToken, 'a rule name', 'rule');
    this.next();
    const genericParams = this.adjacent('<', nameToken) ? this.genericParams() : [];
    const assign = this.peek();
    if (!this.isPunct(assign, '=', '/=', '//=')) {
      this.fail(assign, `expected '=', '/=' or '//=' after rule name '${nameToken.name}'`, 'rule');
    }
    this.next();
    const entryStart = this.peek();
    if (!this.startsEntry(entryStart)) {
      this.unexpected(entryStart, assign.op === '/=' ? 'a type' : 'a type or a group entry', 'rule');
    }
    const entry = this.grpent();
    let body: Rule['body'];
    if (assign.op === '//=') {
      body = { kind: 'group', entry };
    } else if (entry.kind === 'member' && !entry.key && !entry.occurrence) {
      body = { kind: 'type', type: entry.type };
    } else if (assign.op === '/=') {
      throw this.src.syntaxError(
        entry.span.offset,
        entry.span.endOffset,
        `'/=' adds choices to a type, but this is a group entry; use '//=' to add group choices`,
        'rule',
      );
    } else {
      body = { kind: 'group', entry };
    }
    return {
      kind: 'rule',
      name: nameToken.name,
      nameSpan: this.spanOf(nameToken),
      genericParams,
      assign: assign.op,
      body,
      doc: this.docs.docFor(first, this.index - 1),
      span: this.spanFrom(nameToken.start),
    };
  }

  /** genericparm = "<" S id S *("," S id S) ">" */
  private genericParams(): string[] {
    const open = this.next();
    const names: string[] = [];
    for (;;) {
      const name = this.peek();
      if (name.kind !== 'id') this.unexpected(name, 'a generic parameter name', 'genericparm');
      this.next();
      names.push(name.name);
      if (this.closeList(open, 'generic parameters', 'genericparm')) return names;
    }
  }

  /** genericarg = "<" S type1 S *("," S type1 S) ">", when `<` directly follows the name. */
  private genericArgs(name: Token): Type[] {
    if (!this.adjacent('<', name)) return [];
    const open = this.next();
    const args: Type[] = [];
    for (;;) {
      args.push(this.type1());
      if (this.closeList(open, 'generic arguments', 'genericarg')) return args;
    }
  }

  /** After one item of a `<…>` list: true at `>`, false after `,`, else an error. */
  private closeList(open: Token, what: string, production: Production): boolean {
    const token = this.peek();
    if (this.isPunct(token, '>')) {
      this.next();
      return true;
    }
    if (this.isPunct(token, ',')) {
      this.next();
      return false;
    }
    return this.fail(token, `expected ',' or '>' to close the ${what} opened at ${this.src.where(open.start)}`, production);
  }

  // ---- types ----

  /** type = type1 *(S "/" S type1) */
  private type(): Type {
    const start = this.peek().start;
    return this.typeRest(this.type1(), start);
  }

  private typeRest(first: Type, start: number): Type {
    const options = [first];
    while (this.isPunct(this.peek(), '/')) {
      this.next();
      options.push(this.choiceOption());
    }
    return options.length === 1 ? first : { kind: 'choice', options, span: this.spanFrom(start) };
  }

  /**
   * An option after `/`: a type1, or zcbor's labelled option (`label: [occur] type1`),
   * which standard CDDL never has there (see LabeledType).
   */
  private choiceOption(): Type {
    const token = this.peek();
    if ((token.kind === 'id' || token.kind === 'literal') && this.isPunct(this.peek(1), ':')) {
      this.next();
      this.next();
      const occurrence = this.occurrence();
      const type = this.type1();
      const label = token.kind === 'id' ? token.name : token.literal.raw;
      return { kind: 'labeled', label, occurrence, type, span: this.spanFrom(token.start) };
    }
    return this.type1();
  }

  /** type1 = type2 [S (rangeop / ctlop) S type2] */
  private type1(): Type {
    const start = this.peek().start;
    return this.type1Rest(this.type2(), start);
  }

  private type1Rest(left: Type, start: number): Type {
    const op = this.peek();
    let result: Type;
    if (this.isPunct(op, '..', '...')) {
      this.next();
      const max = this.type2();
      result = { kind: 'range', min: left, max, inclusive: op.op === '..', span: this.spanFrom(start) };
    } else if (op.kind === 'ctl') {
      this.next();
      const controller = this.type2();
      result = {
        kind: 'control',
        op: op.name,
        opSpan: this.spanOf(op),
        target: left,
        controller,
        span: this.spanFrom(start),
      };
    } else {
      return left;
    }
    const again = this.peek();
    if (again.kind === 'ctl' || this.isPunct(again, '..', '...')) {
      this.fail(again, `unexpected ${this.describe(again)}: operators do not chain; put parentheses around the left part`, 'type1');
    }
    return result;
  }

  private type2(): Type {
    return this.nested(() => this.type2Inner());
  }

  private type2Inner(): Type {
    const token = this.peek();
    const start = token.start;
    switch (token.kind) {
      case 'literal':
        this.next();
        return { kind: 'literal', value: token.literal, span: this.spanOf(token) };
      case 'id': {
        this.next();
        const genericArgs = this.genericArgs(token);
        return { kind: 'name', name: token.name, genericArgs, span: this.spanFrom(start) };
      }
      case 'hash':
        return this.hashType(token);
      case 'punct':
        break;
      default:
        return this.unexpected(token, 'a type', 'type2');
    }
    switch (token.op) {
      case '(': {
        this.next();
        const inner = this.type();
        this.close(')', token, 'parenthesised type', 'type2');
        return inner;
      }
      case '{':
        this.next();
        return { kind: 'map', group: this.group('}', token, 'map', 'type2'), span: this.spanFrom(start) };
      case '[':
        this.next();
        return { kind: 'array', group: this.group(']', token, 'array', 'type2'), span: this.spanFrom(start) };
      case '~': {
        this.next();
        const name = this.peek();
        if (name.kind !== 'id') this.unexpected(name, "a name after '~'", 'type2');
        this.next();
        const genericArgs = this.genericArgs(name);
        return { kind: 'unwrap', name: name.name, genericArgs, span: this.spanFrom(start) };
      }
      case '&': {
        this.next();
        const next = this.peek();
        if (this.isPunct(next, '(')) {
          this.next();
          const group = this.group(')', next, 'group', 'type2');
          return { kind: 'enum', source: { kind: 'group', group }, span: this.spanFrom(start) };
        }
        if (next.kind !== 'id') this.unexpected(next, "'(' or a group name after '&'", 'type2');
        this.next();
        const genericArgs = this.genericArgs(next);
        const source = { kind: 'name' as const, name: next.name, genericArgs, span: this.spanFrom(next.start) };
        return { kind: 'enum', source, span: this.spanFrom(start) };
      }
      default:
        return this.unexpected(token, 'a type', 'type2');
    }
  }

  /** `#`, `#n`, `#n.uint`, `#n.<type>`, `#6(type)`, `#6.n(type)`, `#6.<type>(type)`. */
  private hashType(token: TokenOf<'hash'>): Type {
    this.next();
    if (token.major === null) return { kind: 'any', span: this.spanOf(token) };
    let info: { kind: 'number'; value: string } | { kind: 'type'; type: Type } | null = null;
    if (token.info === 'type') {
      const open = this.next(); // the lexer saw '<' right after '#n.'
      // head-number = uint / ("<" type ">"): no S inside the brackets, unlike genericarg's (RFC 9682 Appendix A).
      if (this.peek().start !== open.end) this.fail(this.peek(), `unexpected space after '<' in '#${token.major}.<': the type of a head number stands right inside its brackets`, 'head-number');
      info = { kind: 'type', type: this.type() };
      const close = this.peek();
      if (this.isPunct(close, '>') && close.start !== this.lastEnd) this.fail(close, `unexpected space before the '>' of '#${token.major}.<…>': the type of a head number stands right inside its brackets`, 'head-number');
      this.close('>', open, 'head number', 'head-number');
    } else {
      info = token.info;
    }
    const paren = this.peek();
    if (token.major === 6 && info?.kind === 'type' && !this.isPunct(paren, '(')) {
      // RFC 9682 §3.2 gives `#6.<type>` only with the tag's content: "#" "6" ["." head-number] "(" S type S ")".
      this.fail(paren, `expected '(' after '${this.src.text.slice(token.start, this.lastEnd)}': a tag whose number is a type needs its content in parentheses right after it ('(any)' for any content)`, 'type2');
    }
    if (token.major === 6 && this.isPunct(paren, '(') && paren.start !== this.lastEnd) {
      const tag = this.src.text.slice(token.start, this.lastEnd);
      this.fail(paren, `unexpected space between '${tag}' and '(': the '(' of a tag must follow directly`, 'type2');
    }
    if (token.major === 6 && this.isPunct(paren, '(')) {
      this.next();
      const type = this.type();
      this.close(')', paren, 'tag content', 'type2');
      return { kind: 'tag', tag: info, type, span: this.spanFrom(token.start) };
    }
    return { kind: 'major', major: token.major, info, span: this.spanFrom(token.start) };
  }

  // ---- groups ----

  /** group = grpchoice *(S "//" S grpchoice), up to and including the `close` delimiter of `production`. */
  private group(close: ')' | ']' | '}', open: Token, what: string, production: Production): Group {
    return this.nested(() => this.groupInner(close, open, what, production));
  }

  private groupInner(close: ')' | ']' | '}', open: Token, what: string, production: Production): Group {
    const contentStart = this.peek().start;
    const choices: GroupChoice[] = [];
    let slash: Span | undefined;
    for (;;) {
      const choiceStart = this.peek().start;
      const entries: GroupEntry[] = [];
      for (;;) {
        const token = this.peek();
        if (this.isPunct(token, close, '//', '/')) break;
        if (!this.startsEntry(token)) {
          this.fail(token, `expected '${close}' to close the ${what} opened at ${this.src.where(open.start)}`, production);
        }
        const first = this.index;
        const entry = this.grpent();
        const last = this.index - 1;
        let comma: number | undefined;
        if (this.isPunct(this.peek(), ',')) {
          comma = this.index;
          this.next();
        }
        entry.doc = this.docs.docFor(first, last, comma);
        entries.push(entry);
      }
      const span = entries.length > 0 ? this.src.span(choiceStart, (entries.at(-1) as GroupEntry).span.endOffset) : this.emptySpan();
      choices.push(slash === undefined ? { kind: 'groupChoice', entries, span } : { kind: 'groupChoice', entries, span, zcborSlash: slash });
      // zcbor's dialect separates group alternatives with '/' (`(1 => "one") / (2 => "two")`); standard CDDL cannot have '/' here.
      const separator = this.peek();
      if (!this.isPunct(separator, '//', '/')) break;
      slash = this.isPunct(separator, '/') ? this.src.span(separator.start, separator.end) : undefined;
      this.next();
    }
    const span = this.peek().start === contentStart ? this.emptySpan() : this.src.span(contentStart, this.lastEnd);
    this.next(); // the close delimiter, which ended the loop above
    return { kind: 'group', choices, span };
  }

  /**
   * grpent = [occur S] [memberkey S] type / [occur S] groupname [genericarg] / [occur S] "(" S group S ")"
   * The `doc` is filled in by the caller, who knows about a following comma.
   */
  private grpent(): GroupEntry {
    const start = this.peek().start;
    const occurrence = this.occurrence();
    const token = this.peek();
    if (this.isPunct(token, '(')) {
      this.next();
      const group = this.group(')', token, 'group', 'grpent');
      const sole = soleKeylessMember(group);
      if (!sole) return { kind: 'group', occurrence, group, doc: null, span: this.spanFrom(start) };
      // `( type )`: the parenthesised type may go on as a type1, a choice or a member key.
      return this.memberRest(start, occurrence, this.type1Rest(sole.type, token.start), token.start);
    }
    const colon = this.peek(1);
    if ((token.kind === 'id' || token.kind === 'literal') && this.isPunct(colon, ':')) {
      this.next();
      this.next();
      const key: MemberKey =
        token.kind === 'id'
          ? { kind: 'bareword', name: token.name, span: this.spanOf(token) }
          : { kind: 'value', value: token.literal, span: this.spanOf(token) };
      return this.member(start, occurrence, key, this.type());
    }
    return this.memberRest(start, occurrence, this.type1(), token.start);
  }

  /** After a type1 in an entry: `[^] => type` makes it a key, else it is (the start of) the entry's type. */
  private memberRest(start: number, occurrence: Occurrence | null, type1: Type, type1Start: number): MemberEntry {
    const keyEnd = this.lastEnd;
    const cut = this.peek();
    if (this.isPunct(cut, '^')) {
      this.next();
      const arrow = this.peek();
      if (!this.isPunct(arrow, '=>')) this.fail(arrow, `expected '=>' after the cut '^'`, 'memberkey');
    }
    if (this.isPunct(this.peek(), '=>')) {
      this.next();
      const key: MemberKey = {
        kind: 'type',
        type: type1,
        cut: this.isPunct(cut, '^'),
        span: this.src.span(type1Start, keyEnd),
      };
      return this.member(start, occurrence, key, this.type());
    }
    const colon = this.peek();
    if (this.isPunct(colon, ':')) {
      // `&(alg: 1): int`, `#6.1(x): y`: only a bareword or a single value takes a ':' (memberkey), so the
      // map would otherwise end "expected '}'" at this colon, which names the symptom, not the cause.
      const key = this.src.text.slice(type1Start, keyEnd);
      this.fail(colon, `a ':' follows only a bareword or a value in a member key; for the key '${key}' write '${key} =>'`, 'memberkey');
    }
    return this.member(start, occurrence, null, this.typeRest(type1, type1Start));
  }

  private member(start: number, occurrence: Occurrence | null, key: MemberKey | null, type: Type): MemberEntry {
    return { kind: 'member', occurrence, key, type, doc: null, span: this.spanFrom(start) };
  }

  /** occur = [uint] "*" [uint] / "+" / "?" (no space inside `n*m`). */
  private occurrence(): Occurrence | null {
    const token = this.peek();
    const start = token.start;
    let min: string;
    let max: string | null;
    if (this.isPunct(token, '?', '+')) {
      this.next();
      [min, max] = token.op === '?' ? ['0', '1'] : ['1', null];
    } else if (this.isPunct(token, '*')) {
      this.next();
      min = '0';
      max = this.adjacentUint();
    } else if (isUint(token) && this.isPunct(this.peek(1), '*') && this.peek(1).start === token.end) {
      this.next();
      this.next();
      min = token.literal.value;
      max = this.adjacentUint();
    } else {
      return null;
    }
    return { min, max, raw: this.src.text.slice(start, this.lastEnd), span: this.spanFrom(start) };
  }

  private adjacentUint(): string | null {
    const token = this.peek();
    if (!isUint(token) || token.start !== this.lastEnd) return null;
    this.next();
    return token.literal.value;
  }

  private startsEntry(token: Token): boolean {
    if (token.kind === 'punct') return ENTRY_START.has(token.op);
    return token.kind === 'id' || token.kind === 'literal' || token.kind === 'hash';
  }

  // ---- tokens, spans and errors ----

  /** Runs a production one level deeper; every recursive path passes through type2 or group. */
  private nested<T>(production: () => T): T {
    if (this.depth >= MAX_NESTING) {
      const token = this.peek();
      // A resource limit, not a rule of the grammar.
      throw this.src.error(token.start, token.end, `types and groups are nested more than ${MAX_NESTING} levels deep`, 'unsupported');
    }
    this.depth++;
    try {
      return production();
    } finally {
      this.depth--;
    }
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    this.lastEnd = token.end;
    return token;
  }

  private isPunct<P extends Punct>(token: Token, ...ops: P[]): token is TokenOf<'punct'> & { op: P } {
    return token.kind === 'punct' && (ops as Punct[]).includes(token.op);
  }

  /** True when the next token is `op` with no space between it and `before`. */
  private adjacent(op: Punct, before: Token): boolean {
    const token = this.peek();
    return this.isPunct(token, op) && token.start === before.end;
  }

  /** Consumes the `op` that closes what `open` opened in `production`, or fails. */
  private close(op: ')' | ']' | '}' | '>', open: Token, what: string, production: Production): void {
    if (!this.isPunct(this.peek(), op)) {
      this.fail(this.peek(), `expected '${op}' to close the ${what} opened at ${this.src.where(open.start)}`, production);
    }
    this.next();
  }

  private spanOf(token: Token): Span {
    return this.src.span(token.start, token.end);
  }

  private spanFrom(start: number): Span {
    return this.src.span(start, this.lastEnd);
  }

  /** A zero-length span at the next token (for an empty group or choice). */
  private emptySpan(): Span {
    const at = this.peek().start;
    return this.src.span(at, at);
  }

  private describe(token: Token): string {
    if (token.kind === 'eof') return 'end of file';
    const raw = this.src.text.slice(token.start, token.end).split(/\r?\n|\r/)[0] as string;
    return `'${raw.length > 30 ? `${raw.slice(0, 30)}…` : raw}'`;
  }

  private unexpected(token: Token, expected: string, production: Production): never {
    let detail = `unexpected ${this.describe(token)}: expected ${expected}`;
    const previous = this.tokens[this.index - 1];
    if (previous?.kind === 'id' && previous.end === this.lastEnd && /\.[A-Za-z@_$]/.test(previous.name)) {
      detail += `; '${previous.name}' is one name, a control operator needs a space before its '.'`;
    }
    return this.fail(token, detail, production);
  }

  /** A syntax error at `token` against `production`, which the message cites. */
  private fail(token: Token, detail: string, production: Production): never {
    throw this.src.syntaxError(token.start, token.end, detail, production);
  }
}

function isUint(token: Token): token is TokenOf<'literal'> & { literal: { type: 'int' } } {
  return token.kind === 'literal' && token.literal.type === 'int' && !token.literal.raw.startsWith('-');
}

/** The only entry of a one-choice group when it is a keyless member with no occurrence: `( type )`. */
function soleKeylessMember(group: Group): MemberEntry | undefined {
  const [choice, ...more] = group.choices;
  if (!choice || more.length > 0 || choice.entries.length !== 1) return undefined;
  const entry = choice.entries[0] as GroupEntry;
  return entry.kind === 'member' && !entry.key && !entry.occurrence ? entry : undefined;
}

/**
 * The writer generated code is printed to: the methods of code-block-writer's
 * `CodeBlockWriter` (13.x) that the printer and the emitters use, giving the
 * same text call for call, but with the cost of a write proportional to the
 * characters that matter.
 *
 * CodeBlockWriter keeps every piece in an array and looks back through it
 * for the last characters; it splits each text at newlines with a regular
 * expression and tests each character against a Set to follow strings,
 * comments and regular expressions. That bookkeeping was about 40% of
 * compiling a large schema. This writer follows the same lexical state with
 * the same rules (they decide where indentation goes: a line that starts
 * inside a string is not indented), but keeps the last two characters,
 * the run of trailing newlines and the last non-white-space character in
 * fields, joins the pieces a couple of thousand at a time, and looks a
 * character up in a table.
 *
 * Only what the emitters need is here: integer indentation levels, `\n`
 * newlines, spaces for indentation. test/emit/writer.test.ts holds it to
 * CodeBlockWriter's output, on samples and on every emitter's output for the
 * schemas in the corpus.
 */

/** The methods of CodeBlockWriter the emitters and the printer call; CodeBlockWriter itself has them all. */
export interface CodeWriter {
  write(text: string): this;
  writeLine(text: string): this;
  newLine(): this;
  newLineIfLastNot(): this;
  blankLine(): this;
  blankLineIfLastNot(): this;
  block(block?: () => void): this;
  inlineBlock(block?: () => void): this;
  indent(times?: number): this;
  indent(block: () => void): this;
  space(times?: number): this;
  spaceIfLastNot(): this;
  conditionalWrite(condition: boolean | undefined, text: string): this;
  conditionalNewLine(condition: boolean | undefined): this;
  closeComment(): this;
  hangingIndent(action: () => void): this;
  isAtStartOfFirstLineOfBlock(): boolean;
  toString(): string;
}

const enum Char {
  Tab = 9,
  NewLine = 10,
  VerticalTab = 11,
  FormFeed = 12,
  CarriageReturn = 13,
  Space = 32,
  DoubleQuote = 34,
  DollarSign = 36,
  SingleQuote = 39,
  Asterisk = 42,
  ForwardSlash = 47,
  BackSlash = 92,
  BackTick = 96,
  OpenBrace = 123,
  CloseBrace = 125,
  NoBreakSpace = 0xa0,
  ByteOrderMark = 0xfeff,
}

/** The characters that can change the lexical state (CodeBlockWriter's `isCharToHandle`). */
const HANDLED = new Uint8Array(128);
for (const c of [Char.BackSlash, Char.ForwardSlash, Char.NewLine, Char.CarriageReturn, Char.Asterisk, Char.DoubleQuote, Char.SingleQuote, Char.BackTick, Char.OpenBrace, Char.CloseBrace]) HANDLED[c] = 1;

/** The same characters, for `search`. */
const HANDLED_PATTERN = /[\\/\n\r*"'`{}]/;

/** White space as the printer's "last non-white-space character" check counts it. */
function isWhiteSpace(c: number): boolean {
  return c === Char.Space || c === Char.Tab || c === Char.NewLine || c === Char.CarriageReturn || c === Char.VerticalTab || c === Char.FormFeed || c === Char.NoBreakSpace || c === Char.ByteOrderMark;
}

const enum Comment {
  None,
  Line,
  Star,
}

/** No character yet (CodeBlockWriter's `undefined` last character). */
const NONE = -1;

const INDENT = '  ';

/** Indentation strings by level, made once: a line's indentation was a new string per line. */
const INDENTS: string[] = [''];
function indentation(level: number): string {
  while (INDENTS.length <= level) INDENTS.push(INDENT.repeat(INDENTS.length));
  return INDENTS[level]!;
}

/** How many pieces are joined into one string at a time (see {@link TextWriter.append}). */
const PIECES_PER_CHUNK = 2048;

/**
 * Everything that decides what a TextWriter does with the next call, apart
 * from the text itself: two writers in equal states write the same text for
 * the same calls, and end in equal states.
 */
export interface WriterState {
  /** Whether anything was written (`block` asks). */
  readonly started: boolean;
  readonly last: number;
  readonly beforeLast: number;
  readonly trailingNewLines: number;
  readonly lastSignificant: number;
  readonly indentation: number;
  readonly queuedIndentation: number | undefined;
  readonly newLineOnNextWrite: boolean;
  readonly comment: number;
  readonly stringChars: readonly number[];
  readonly inRegExp: boolean;
  readonly onFirstLineOfBlock: boolean;
}

/** Text written ahead by a writer resumed from `start` ({@link TextWriter.resuming}), and the state it ended in. */
export interface WrittenAhead {
  readonly start: WriterState;
  readonly text: string;
  readonly end: WriterState;
}

/** Whether two states are equal, field by field ({@link TextWriter.state} is the one list of the fields). */
function sameState(a: WriterState, b: WriterState): boolean {
  for (const key of Object.keys(a) as (keyof WriterState)[]) {
    const x = a[key];
    const y = b[key];
    if (Array.isArray(x) && Array.isArray(y) ? x.length !== y.length || x.some((c, i) => c !== y[i]) : x !== y) return false;
  }
  return true;
}

export class TextWriter implements CodeWriter {
  /**
   * The text: joined chunks, then the pieces written since. Joining every
   * couple of thousand pieces lets the small strings die young, where one
   * string grown by `+=` kept them all alive to the end (and the garbage
   * collector marking them again and again).
   */
  private readonly chunks: string[] = [];
  private readonly pieces: string[] = [];
  /** Whether anything was written. */
  private started = false;
  /** The last character code written and the one before it, or NONE. */
  private last = NONE;
  private beforeLast = NONE;
  /** How many `\n` end the text, with any `\r` between them (for blank-line checks). */
  private trailingNewLines = 0;
  /** The last character that is not white space, or NONE. */
  private lastSignificant = NONE;

  private indentation = 0;
  private queuedIndentation: number | undefined = undefined;
  private newLineOnNextWrite = false;
  private comment = Comment.None;
  private stringChars: number[] = [];
  private inRegExp = false;
  private onFirstLineOfBlock = true;

  /** A writer in `state` with no text yet: what it writes is what a writer in that state would write next (see {@link splice}). */
  static resuming(state: WriterState): TextWriter {
    const writer = new TextWriter();
    writer.restore(state);
    return writer;
  }

  /** What decides how the writer goes on (see {@link WriterState}): the one list of those fields, which splicing compares and restores. */
  state(): WriterState {
    return {
      started: this.started,
      last: this.last,
      beforeLast: this.beforeLast,
      trailingNewLines: this.trailingNewLines,
      lastSignificant: this.lastSignificant,
      indentation: this.indentation,
      queuedIndentation: this.queuedIndentation,
      newLineOnNextWrite: this.newLineOnNextWrite,
      comment: this.comment,
      stringChars: [...this.stringChars],
      inRegExp: this.inRegExp,
      onFirstLineOfBlock: this.onFirstLineOfBlock,
    };
  }

  /** Takes every field of `state` ({@link state} lists them), with a copy of its open string's characters. */
  private restore(state: WriterState): void {
    Object.assign(this, state, { stringChars: [...state.stringChars] });
  }

  /**
   * Appends text written ahead, if this writer is in the state it was
   * written from (then the calls that wrote it would write the same text
   * here), and takes the state it ended in; false, writing nothing, if not.
   */
  splice(ahead: WrittenAhead): boolean {
    if (!sameState(this.state(), ahead.start)) return false;
    if (ahead.text.length > 0) {
      this.pieces.push(ahead.text);
      if (this.pieces.length === PIECES_PER_CHUNK) this.joinPieces();
    }
    this.restore(ahead.end);
    return true;
  }

  toString(): string {
    if (this.pieces.length > 0) this.joinPieces();
    if (this.chunks.length > 1) this.chunks.splice(0, this.chunks.length, this.chunks.join(''));
    return this.chunks[0] ?? '';
  }

  private joinPieces(): void {
    this.chunks.push(this.pieces.join(''));
    this.pieces.length = 0;
  }

  /** Whether the last character that is not white space is `}` (what ts-morph's statement printer asks before a statement). */
  isLastSignificantCloseBrace(): boolean {
    return this.lastSignificant === Char.CloseBrace;
  }

  write(text: string): this {
    this.newLineIfNewLineOnNextWrite();
    this.writeIndentingNewLines(text);
    return this;
  }

  writeLine(text: string): this {
    this.newLineIfNewLineOnNextWrite();
    if (this.last !== NONE) this.newLineIfLastNot();
    this.writeIndentingNewLines(text);
    this.newLine();
    return this;
  }

  newLine(): this {
    this.newLineOnNextWrite = false;
    this.baseWriteNewLine();
    return this;
  }

  newLineIfLastNot(): this {
    this.newLineIfNewLineOnNextWrite();
    if (!this.isLastNewLine()) this.newLine();
    return this;
  }

  blankLine(): this {
    return this.newLineIfLastNot().newLine();
  }

  blankLineIfLastNot(): this {
    if (this.trailingNewLines < 2) this.blankLine();
    return this;
  }

  block(block?: () => void): this {
    this.newLineIfNewLineOnNextWrite();
    if (this.started && !this.isLastNewLine()) this.spaceIfLastNot();
    this.inlineBlock(block);
    this.newLineOnNextWrite = true;
    return this;
  }

  inlineBlock(block?: () => void): this {
    this.newLineIfNewLineOnNextWrite();
    this.write('{');
    this.indentBlock(block);
    this.newLineIfLastNot().write('}');
    return this;
  }

  indent(times?: number): this;
  indent(block: () => void): this;
  indent(timesOrBlock: number | (() => void) = 1): this {
    if (typeof timesOrBlock === 'number') {
      this.newLineIfNewLineOnNextWrite();
      return this.write(INDENT.repeat(timesOrBlock));
    }
    this.indentBlock(timesOrBlock);
    if (!this.isLastNewLine()) this.newLineOnNextWrite = true;
    return this;
  }

  space(times = 1): this {
    this.newLineIfNewLineOnNextWrite();
    this.writeIndentingNewLines(times === 1 ? ' ' : ' '.repeat(times));
    return this;
  }

  spaceIfLastNot(): this {
    this.newLineIfNewLineOnNextWrite();
    if (this.last !== Char.Space) this.writeIndentingNewLines(' ');
    return this;
  }

  conditionalWrite(condition: boolean | undefined, text: string): this {
    if (condition) this.write(text);
    return this;
  }

  conditionalNewLine(condition: boolean | undefined): this {
    if (condition) this.newLine();
    return this;
  }

  closeComment(): this {
    if (this.comment === Comment.Line) this.newLine();
    else if (this.comment === Comment.Star) {
      if (!this.isLastNewLine()) this.spaceIfLastNot();
      this.write('*/');
    }
    return this;
  }

  hangingIndent(action: () => void): this {
    const level = this.indentation;
    const queued = this.queuedIndentation;
    this.queuedIndentation = level + 1;
    try {
      action();
    } finally {
      this.indentation = level;
      this.queuedIndentation = queued;
    }
    return this;
  }

  isAtStartOfFirstLineOfBlock(): boolean {
    return this.onFirstLineOfBlock && (this.isLastNewLine() || this.last === NONE);
  }

  // ---- CodeBlockWriter's internals, in the same order of effects --------------

  private isLastNewLine(): boolean {
    return this.last === Char.NewLine || this.last === Char.CarriageReturn;
  }

  private isInString(): boolean {
    const n = this.stringChars.length;
    return n > 0 && this.stringChars[n - 1] !== Char.OpenBrace;
  }

  private newLineIfNewLineOnNextWrite(): void {
    if (!this.newLineOnNextWrite) return;
    this.newLineOnNextWrite = false;
    this.newLine();
  }

  private indentBlock(block: (() => void) | undefined): void {
    if (this.last !== NONE) this.newLineIfLastNot();
    this.indentation++;
    this.onFirstLineOfBlock = true;
    block?.();
    this.onFirstLineOfBlock = false;
    this.indentation = Math.max(0, this.indentation - 1);
  }

  /** Each line of `text` (split at `\n` and `\r\n`), with a newline between them, as CodeBlockWriter's `_writeIndentingNewLines`. */
  private writeIndentingNewLines(text: string): void {
    if (text.length === 0) {
      this.writePiece('');
      return;
    }
    let start = 0;
    for (;;) {
      const newLine = text.indexOf('\n', start);
      if (newLine < 0) {
        if (start < text.length) this.writePiece(start === 0 ? text : text.slice(start));
        return;
      }
      const end = newLine > start && text.charCodeAt(newLine - 1) === Char.CarriageReturn ? newLine - 1 : newLine;
      if (end > start) this.writePiece(text.slice(start, end));
      this.baseWriteNewLine();
      start = newLine + 1;
    }
  }

  /** One piece without newlines: the indentation first when it starts a line outside a string. */
  private writePiece(piece: string): void {
    if (!this.isInString() && (this.isLastNewLine() || this.last === NONE) && this.indentation > 0) this.append(indentation(this.indentation));
    this.updateLexicalState(piece);
    this.append(piece);
  }

  private baseWriteNewLine(): void {
    if (this.comment === Comment.Line) this.comment = Comment.None;
    // Not `stringChars[length - 1]` when empty: reading index -1 looked the name '-1' up the prototype chain, the writer's hottest line.
    const depth = this.stringChars.length;
    const top = depth === 0 ? undefined : this.stringChars[depth - 1];
    if ((top === Char.DoubleQuote || top === Char.SingleQuote) && this.last !== Char.BackSlash) this.stringChars.pop();
    this.append('\n');
    this.onFirstLineOfBlock = false;
    if (this.queuedIndentation !== undefined) {
      this.indentation = this.queuedIndentation;
      this.queuedIndentation = undefined;
    }
  }

  private append(piece: string): void {
    const n = piece.length;
    if (n === 0) return;
    this.pieces.push(piece);
    this.started = true;
    if (this.pieces.length === PIECES_PER_CHUNK) this.joinPieces();
    const last = piece.charCodeAt(n - 1);
    this.beforeLast = n > 1 ? piece.charCodeAt(n - 2) : this.last;
    this.last = last;
    // The run of newlines (and carriage returns) at the end, and the last character that is not white space.
    let i = n - 1;
    let newLines = 0;
    for (; i >= 0; i--) {
      const c = piece.charCodeAt(i);
      if (c === Char.NewLine) newLines++;
      else if (c !== Char.CarriageReturn) break;
    }
    this.trailingNewLines = i < 0 ? this.trailingNewLines + newLines : newLines;
    for (; i >= 0; i--) {
      const c = piece.charCodeAt(i);
      if (!isWhiteSpace(c)) {
        this.lastSignificant = c;
        break;
      }
    }
  }

  /** CodeBlockWriter's `_updateInternalState`: strings, comments and what it takes for regular expressions, character by character. */
  private updateLexicalState(piece: string): void {
    // The loop below skips every other character; most pieces have none of these, or few, late.
    const first = piece.search(HANDLED_PATTERN);
    if (first < 0) return;
    for (let i = first; i < piece.length; i++) {
      const current = piece.charCodeAt(i);
      if (current >= 128 || HANDLED[current] === 0) continue;
      const past = i === 0 ? this.last : piece.charCodeAt(i - 1);
      const pastPast = i === 0 ? this.beforeLast : i === 1 ? this.last : piece.charCodeAt(i - 2);
      if (this.inRegExp) {
        if ((past === Char.ForwardSlash && pastPast !== Char.BackSlash) || past === Char.NewLine) this.inRegExp = false;
        else continue;
      } else if (!this.isInString() && this.comment === Comment.None && isRegExpStart(current, past, pastPast)) {
        this.inRegExp = true;
        continue;
      }
      if (!this.isInString()) {
        if (this.comment === Comment.None && past === Char.ForwardSlash && current === Char.ForwardSlash) this.comment = Comment.Line;
        else if (this.comment === Comment.None && past === Char.ForwardSlash && current === Char.Asterisk) this.comment = Comment.Star;
        else if (this.comment === Comment.Star && past === Char.Asterisk && current === Char.ForwardSlash) this.comment = Comment.None;
      }
      if (this.comment !== Comment.None) continue;
      const stack = this.stringChars;
      const top = stack.length === 0 ? undefined : stack[stack.length - 1];
      if (past !== Char.BackSlash && (current === Char.DoubleQuote || current === Char.SingleQuote || current === Char.BackTick)) {
        if (top === current) stack.pop();
        else if (top === Char.OpenBrace || top === undefined) stack.push(current);
      } else if (pastPast !== Char.BackSlash && past === Char.DollarSign && current === Char.OpenBrace && top === Char.BackTick) stack.push(current);
      else if (current === Char.CloseBrace && top === Char.OpenBrace) stack.pop();
    }
  }
}

function isRegExpStart(current: number, past: number, pastPast: number): boolean {
  return past === Char.ForwardSlash && current !== Char.ForwardSlash && current !== Char.Asterisk && pastPast !== Char.Asterisk && pastPast !== Char.ForwardSlash;
}

/**
 * A writer that runs every block it is given but keeps no text, for a pass
 * whose output is thrown away (decoders.ts emits every decoder once first,
 * only to learn which rules alternatives may rewind).
 */
export class DiscardingWriter extends TextWriter {
  override write(): this {
    return this;
  }
  override writeLine(): this {
    return this;
  }
  override newLine(): this {
    return this;
  }
  override block(block?: () => void): this {
    block?.();
    return this;
  }
  override inlineBlock(block?: () => void): this {
    block?.();
    return this;
  }
  override indent(times?: number | (() => void)): this {
    if (typeof times === 'function') times();
    return this;
  }
  // The rest keep no state worth keeping either: the text they would shape is thrown away.
  override newLineIfLastNot(): this {
    return this;
  }
  override blankLine(): this {
    return this;
  }
  override blankLineIfLastNot(): this {
    return this;
  }
  override space(): this {
    return this;
  }
  override spaceIfLastNot(): this {
    return this;
  }
  override closeComment(): this {
    return this;
  }
  override hangingIndent(action: () => void): this {
    action();
    return this;
  }
}

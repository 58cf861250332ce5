/**
 * The parser against the normative grammar: RFC 9682 Appendix A's collected ABNF for CDDL (RFC 8610 Appendix B as
 * updated; `rfc9682-cddl.abnf`, verbatim), run by the generator's ABNF recogniser (templates/abnf-recogniser.ts,
 * itself held to brute force by test/controls/abnf-grammars.property.test.ts), which shares no code with
 * generator/parse/. Both directions, in four ways:
 *
 * - **Nothing invalid is accepted.** Snippets of every schema in the corpus, the RFC library, schemas/ and every
 *   revision of the MIMI drafts (../shared/upstream/), edited at random (characters deleted, inserted or replaced
 *   from an alphabet of CDDL's own tokens and of characters the grammar excludes, runs repeated): whatever the
 *   parser accepts, the grammar derives, once the parser's documented
 *   leniencies are in it (generator/parse/lexer.ts: a tab is white space, in a comment too; a lone CR ends a line;
 *   the last line needs no line end). zcbor's dialect, which the parser reads so that the IR can refuse it with its
 *   location, counts as refused.
 * - **Nothing valid is refused.** Words drawn from the grammar parse. The grammar lets words touch where it allows
 *   white space (`cddl = S *(rule S)`, `optcom = S ["," S]`, `S ctlop`): to it, `a = bigned = uint` is the rules
 *   `a = b` and `igned = uint`, and `a = b.size 3` is `.size` on `b`, where the parser, as every CDDL tool, reads a
 *   name or a number whole (RFC 8610 Appendix B: "space may be needed before the operator if type2 ends in a
 *   name"). So the words are drawn from the grammar with white space where two words could touch, and without
 *   `h''` and `b64''`, whose contents are read after the grammar (RFC 9682 Appendix B.2; their errors are
 *   test/parse/literals.test.ts's), without comments that are directives (`;#`, the modules draft's), and without
 *   the numbers the grammar derives that have no value (a decimal fraction or exponent after a hexadecimal or binary
 *   integer, `0x1.8`, `0b1e3`: RFC 8610 §2.2.1 writes numbers as C does; the parser says so, errors.test.ts).
 * - **Both ways, one literal or number at a time**, where no two words can touch: text and byte strings of escapes,
 *   surrogates and characters the grammar leaves out (RFC 9682 §2), and numbers in every notation, are read by the
 *   parser exactly when the grammar derives them (numbers without a value aside, refused with that reason).
 *
 * When written, it found five things, all fixed in the parser: `0b1.6e5` and `0x1.8`, which the grammar derives
 * and the parser refused with the wrong reasons ("expected a control operator name"; "a hexadecimal float needs a
 * 'p' exponent (RFC 8610 Appendix B: hexfloat)", as if the grammar did); `(1 => "one") / (2 => "two")` in a map,
 * zcbor's `/` between group alternatives, taken as `//` without a word; `#6.<x\n>(bstr)`, white space inside a
 * head number's brackets, which `head-number = uint / ("<" type ">")` has none of; and `#6.<_X>` without the tag's
 * content, and `#0.<0..100>`, a type in angle brackets after a major type other than 6 and 7, an extension of this
 * generator's. Nothing else, in 20,000 of each kind of text (PROPERTY_WIDE) and 1,500 for several other seeds. It
 * fails when the lexer takes `\x` as an escape in a text, or refuses `#7.<type>` (tried).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCddl } from '../../generator/parse/index.js';
import { type AbnfGrammar, matchesAbnf } from '../../templates/abnf-recogniser.js';
import { corpusFiles, readCorpus } from '../corpus/corpus-files.js';
import { applyTextEdits, changed, checkDrawnWords, checkTakenAreDerived, grammarOf, textEdit } from '../support/grammar-oracle.js';

const FIGURE_11 = readFileSync(fileURLToPath(new URL('./rfc9682-cddl.abnf', import.meta.url)), 'utf8');

/** Figure 11 with each of `changes` made (each `from` must be there: the grammar cannot drift from what is changed). */
function grammarWith(changes: readonly (readonly [from: string | RegExp, to: string])[]): AbnfGrammar {
  return grammarOf('cddl', changed(FIGURE_11, changes));
}

/** The grammar with the parser's leniencies (generator/parse/lexer.ts). */
const LENIENT = grammarWith([
  ['WS = SP / NL', 'WS = SP / %x09 / NL'],
  // A lone CR ends a line (and a comment), not a byte string's line: BCHAR's CRLF stays as it is.
  ['NL = COMMENT / CRLF', 'NL = COMMENT / CRLF / %x0D'],
  ['COMMENT = ";" *PCHAR CRLF', 'COMMENT = ";" *PCHAR (CRLF / %x0D)'],
  ['PCHAR = %x20-7E / NONASCII', 'PCHAR = %x09 / %x20-7E / NONASCII'],
]);

/** The grammar with white space wherever two words could touch, no qualified byte strings and no directives. */
const SPACED = grammarWith([
  ['cddl = S *(rule S)', 'cddl = S *(rule 1*WS)'],
  ['type1 = type2 [S (rangeop / ctlop) S type2]', 'type1 = type2 [1*WS (rangeop / ctlop) 1*WS type2]'],
  [/\[occur S\]/g, '[occur 1*WS]'],
  ['optcom = S ["," S]', 'optcom = 1*WS ["," S] / S "," S'],
  ['bytes = [bsqual] %x27 *BCHAR %x27', 'bytes = %x27 *BCHAR %x27'],
  ['COMMENT = ";" *PCHAR CRLF', 'COMMENT = ";" [(%x20-22 / %x24-7E / NONASCII) *PCHAR] CRLF'],
  // A decimal fraction or exponent only after a decimal integer: after `0x` or `0b` the grammar's number has no value (RFC 8610 §2.2.1).
  ['number = hexfloat / (int ["." fraction] ["e" exponent ])', 'number = hexfloat / int / (["-"] (DIGIT1 *DIGIT / "0") ("." fraction ["e" exponent] / "e" exponent))'],
]);

/**
 * The parser's first line of complaint, or null when it reads the text. zcbor's dialect (a labelled type-choice
 * option, `/` between group alternatives) is parsed so that the IR can refuse it with its location: it counts as
 * refused here.
 */
function refusal(text: string): string | null {
  try {
    const ast = JSON.stringify(parseCddl(text, 'grammar.cddl'));
    return ast.includes('"kind":"labeled"') || ast.includes('"zcborSlash"') ? "zcbor's dialect, which the IR refuses" : null;
  } catch (error) {
    return (error as Error).message.split('\n')[0] ?? '';
  }
}

const SCHEMAS: readonly string[] = [
  ...corpusFiles().map(readCorpus),
  ...['../../../shared/cddl-library/', '../../schemas/', '../../../shared/upstream/mimi-content/', '../../../shared/upstream/mimi-message-status/'].flatMap((dir) => {
    const url = new URL(dir, import.meta.url);
    return readdirSync(fileURLToPath(url))
      .filter((f) => f.endsWith('.cddl'))
      .sort()
      .map((f) => readFileSync(fileURLToPath(new URL(f, url)), 'utf8'));
  }),
];

/** What an edit inserts: CDDL's tokens, and characters the grammar leaves out (DEL, C1, a lone surrogate, NUL). */
const INSERTS = [
  ...'abzAZ019_-$@.,;:=/<>()[]{}#&~^*+?"\'\\ \n\t\r',
  ...['..', '...', '//', '=>', '/=', '//=', '0x', '0b', "h'", "b64'", '#6.', '#7.<', '.size ', 'e', 'p', '\\u', '\\u{', 'é'],
  ...['\u007f', '\u0085', '\ud800', '\u0000', '\u000c', '\ufffe'],
];

/** A run of a schema's lines, edited. */
const snippet = fc
  .record({ schema: fc.nat(), line: fc.nat(), lines: fc.integer({ min: 1, max: 6 }), edits: fc.array(textEdit(INSERTS), { minLength: 1, maxLength: 3 }) })
  .map(({ schema, line, lines, edits }) => {
    const all = (SCHEMAS[schema % SCHEMAS.length] as string).split('\n');
    const from = line % all.length;
    return applyTextEdits(`${all.slice(from, from + lines).join('\n')}\n`, edits);
  });

// CI's share of the 15 minutes (about 2 s); PROPERTY_WIDE=1 (and PROPERTY_SEED=n for other texts) searches wider.
const RUNS = process.env.PROPERTY_WIDE ? 20_000 : 1_500;
const SEED = Number(process.env.PROPERTY_SEED ?? 20261207);

describe('the parser and RFC 9682 Appendix A', () => {
  it('reads every schema of the corpus, the library, schemas/ and the MIMI drafts as the grammar (with the lexer’s leniencies) does', () => {
    for (const text of SCHEMAS) {
      const read = refusal(text) === null;
      // The recogniser takes about 7 s on the 54 KB WebDriver BiDi schema: the largest are asked in wide runs only.
      if (text.length <= 30_000 || process.env.PROPERTY_WIDE) expect(matchesAbnf(text.endsWith('\n') ? text : `${text}\n`, LENIENT), text.slice(0, 80)).toBe(read);
      // Every schema is CDDL but one, zcbor's own test file (docs/cddl-support.md, the corpus table).
      if (!text.includes('EverythingUnion')) expect(read).toBe(true);
    }
  });

  it('accepts only what the grammar derives: edited snippets of real schemas', () => {
    // The last line needs no line end (a leniency): the grammar is given one.
    const accepted = checkTakenAreDerived(snippet, { runs: RUNS, seed: SEED }, (text) => refusal(text) === null, (text) => matchesAbnf(text.endsWith('\n') ? text : `${text}\n`, LENIENT));
    // The edits leave enough texts valid for the check to mean something (about a third, when written).
    expect(accepted).toBeGreaterThan(RUNS / 10);
  });

  it('refuses nothing the grammar derives: words drawn from it, with white space where words could touch', () => {
    const drawn = checkDrawnWords(SPACED, { runs: RUNS, seed: SEED + 1 }, (text) => {
      expect(matchesAbnf(text, LENIENT), 'the drawn word is the grammar’s').toBe(true);
      expect(refusal(text), JSON.stringify(text)).toBeNull();
    });
    expect(drawn).toBeGreaterThan(RUNS / 2);
  });

  it('reads a text or byte string literal exactly when the grammar does: escapes, surrogates, characters left out', () => {
    // Every rule of RFC 9682 §2 (SESC, hexchar, the surrogate pairs, SCHAR, BCHAR, NONASCII) at the level of one
    // literal, where no two words can touch: the grammar's answer and the parser's must agree both ways.
    const pieces = [
      ...['\\', '"', "'", 'u', 'U', '{', '}', '0', '1', '7', 'a', 'F', 'D8', 'DC', 'd9', 'Dc', '10', 'ffff', '0000', '110000'],
      ...['b', 'f', 'n', 'r', 't', 'x', '/', ' ', '\n', '\r', '\t', '\u0000', '\u001f', '\u007f', '\u0085', '\u009f', '\u00a0'],
      ...['é', '😀', '\ud83d', '\ude00', '\ufdd0', '\ufffe', '\uffff', ';', '#'],
    ];
    fc.assert(
      fc.property(fc.constantFrom('"', "'"), fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (quote, content) => {
        const text = `a = ${quote}${content.join('')}${quote}\n`;
        expect(refusal(text) === null, JSON.stringify(text)).toBe(matchesAbnf(text, LENIENT));
      }),
      { numRuns: RUNS * 2, seed: SEED + 2 },
    );
  });

  it('reads a number exactly when the grammar does, where no control operator can be split off', () => {
    const pieces = ['0', '1', '2', '9', '-', '+', '.', '..', 'e', 'E', 'p', 'P', 'x', 'X', 'b', 'B', 'a', 'f', '0x', '0b', '0x1', '0b1', '1.5'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 8 }), (parts) => {
        const number = parts.join('');
        // `0x1.abc` is `0x1 .ab c` to the grammar (a control with its controller touching it): words split again.
        fc.pre(!/\.[A-Za-z]/.test(number));
        const text = `a = ${number}\n`;
        const [derived, refused] = [matchesAbnf(text, LENIENT), refusal(text)];
        // A decimal fraction or exponent after a hexadecimal or binary integer is derived, and has no value (RFC 8610 §2.2.1).
        if (derived && refused !== null) expect(refused, JSON.stringify(text)).toMatch(/which has no value(; .*)? \(RFC 8610 §2\.2\.1/);
        else expect(refused === null, JSON.stringify(text)).toBe(derived);
      }),
      { numRuns: RUNS * 2, seed: SEED + 3 },
    );
  });

  // The grammar's reading where words touch, which the parser does not share (above): said here, so that it stays known.
  it.each([
    ['a = bigned = uint', "grammar.cddl:1:12: unexpected '=': expected a rule name (RFC 8610 Appendix B: rule)"],
    ['a = b.size 3', "grammar.cddl:1:12: unexpected '3': expected a rule name; 'b.size' is one name, a control operator needs a space before its '.' (RFC 8610 Appendix B: rule)"],
    ['a = 0b = 1', "grammar.cddl:1:5: expected binary digits after '0b' (RFC 8610 Appendix B: uint)"],
  ])('%s: the grammar splits a word, the parser reads it whole', (text, message) => {
    expect(matchesAbnf(`${text}\n`, LENIENT)).toBe(true);
    expect(refusal(`${text}\n`)).toBe(message);
  });
});

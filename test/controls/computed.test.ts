/**
 * `.plus`, `.cat` and `.det` (RFC 9165 §2) of types with endlessly many values: a float operand
 * (§2.1: the sum takes the target's type, a float becomes an integer by its floor), a string side
 * with a size (§2.2: some split of the bytes), text and bytes with one side endless (§2.2: the
 * result has the target's kind and a text must stay UTF-8), and `.det` of a plain text type (§2.3:
 * both sides dedented, then concatenated; a side with a size: the dedenting of some string of that size;
 * with a pattern: the dedenting of one of its words, one indentation for every line). Each rule is generated, type-checked, and its decoder,
 * guard, validator and encoder asked about values in the set and out of it; the general matcher is
 * asked about the same data items; the test-data generators draw only values in the set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, compileIr } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { readCborValue } from '../../templates/cbor-any.js';
import { explain } from '../../templates/matcher.js';
import { CborReader } from '../../templates/runtime.js';
import { dedent, encodesBytes, matchesJoin, matchesPrintf } from '../../templates/text-controls.js';
import { checkModule } from '../property/check-module.js';
import { reindentations } from '../support/reindentations.js';
import { errorOf } from '../support/schemas.js';
import { loadGeneratedModule, type GeneratedModule } from '../support/generated-module.js';

type Value = number | string | Uint8Array;

/** A CDDL rule, values in its set and values out of it (of the kind its TypeScript type names). */
interface Case {
  rule: string;
  cddl: string;
  good: Value[];
  bad: Value[];
  /** Integers and floats both (a `.plus` whose target is a choice of the two): a value is written as a float when it is not integral. */
  mixed?: true;
  /** A mixed rule whose floats are kept as CborFloat (a float option that may be integral, beside an integer one). */
  boxed?: true;
}

const bytes = (...b: number[]) => Uint8Array.from(b);
/**
 * How long the strings of the brute-force searches over re-indentations get, past their shortest:
 * one character less than the full search by default, which takes a fifth of the time and keeps
 * CI within its 15 minutes; PROPERTY_WIDE=1 searches every length (as the property test widens).
 */
const SEARCH_LESS = process.env.PROPERTY_WIDE ? 0 : 1;

/** 65 texts, whose concatenations with themselves (4225) are more than are listed: a pattern of the two lists. */
const MANY = Array.from({ length: 65 }, (_, i) => `"v${i}"`).join(' / ');

/** The even numbers to 128: their sums with themselves are 4225 pairs of ranges, but only the 129 even numbers to 256. */
const EVENS = Array.from({ length: 65 }, (_, i) => String(2 * i)).join(' / ');

const CASES: Case[] = [
  // §2.1: a float target and an integer controller: the float sum.
  { rule: 'plus-float', cddl: '1.5 .plus 1', good: [2.5], bad: [1.5, 2.4, 3.5] },
  // Every float of 0.5..1.5, plus one.
  { rule: 'plus-float-range', cddl: '(0.5..1.5) .plus 1', good: [1.5, 2, 2.25, 2.5], bad: [1.4375, 2.5625, 0.5] },
  // Each integer of 1..3 added to a range 1 wide: the sums meet, 1.5..4.5.
  { rule: 'plus-ranges', cddl: '(0.5..1.5) .plus (1..3)', good: [1.5, 3.125, 4.5], bad: [1.25, 4.75] },
  // Each integer of 1..2 added to a range narrower than 1: two ranges, 1.5..1.7 and 2.5..2.7; the
  // float 0.7 is a little below 0.7, and 2 plus it a little below the float 2.7, which is out.
  { rule: 'plus-float-separate', cddl: '(0.5..0.7) .plus (1..2)', good: [1.5, 1.625, 1.7, 2.5, 2.6999999999999997], bad: [1.4375, 1.75, 2, 2.4375, 2.7, 2.75, 0.5] },
  // The sum 1 + 1e-20 of the least bound is no float: rounded it is 1, which is below it, so 1 is out and the next float in.
  { rule: 'plus-float-exact-bound', cddl: '(1e-20..1.0) .plus 1', good: [1.0000000000000002, 2], bad: [1, 2.0000000000000004] },
  // A float range added to a float: 1.75..2.0.
  { rule: 'plus-float-float-range', cddl: '1.5 .plus (0.25..0.5)', good: [1.75, 2], bad: [1.5, 2.25] },
  // Integer sums from many pairs of ranges, merged.
  { rule: 'plus-many-pairs', cddl: `(${EVENS}) .plus (${EVENS})`, good: [0, 2, 130, 256], bad: [1, 129, 257, 258, -2] },
  // §2.1: an integer target and a float controller: the floor of the sum, n + floor(-1.5) = n − 2.
  { rule: 'plus-floor', cddl: '(1..3) .plus -1.5', good: [-1, 0, 1], bad: [-2, 2, 3] },
  // The floors of the floats from 0.0 up to (not including) 2.0 are 0 and 1.
  { rule: 'plus-floor-range', cddl: '10 .plus (0.0...2.0)', good: [10, 11], bad: [9, 12] },
  // Every float's floor: 0 among them, and every gap between sparse floats narrower than int: every integer CBOR holds.
  { rule: 'plus-floor-every', cddl: 'int .plus float', good: [-65536, -1, 0, 65535], bad: ['1', bytes(1)] },
  // float16 from 65000.0: multiples of 32 from 65024 to 65504, each plus 0..30, leaving 31 out of every 32.
  { rule: 'plus-floor-sparse', cddl: '(0..30) .plus (float16 .ge 65000.0)', good: [65024, 65054, 65056, 65504, 65534], bad: [65023, 65055, 65087, 65535, 0] },
  // Every form of either operand of .plus (an integer or float literal, a range of either, a choice of them), each with each (issue 8).
  // Integer target: n + m, and n + floor(x) (§2.1).
  { rule: 'plus-int-lit-int', cddl: '3 .plus 5', good: [8], bad: [7, 9, 3] },
  // .bits on an integer operand: the ranges of its values (0, 1, 8, 9), each plus 1. It was refused as "not both numbers".
  { rule: 'plus-bits', cddl: '(uint .bits (0 / 3)) .plus 1', good: [1, 2, 9, 10], bad: [0, 3, 8, 11] },
  { rule: 'plus-bits-choice', cddl: '(1 / (uint .bits 3)) .plus 1', good: [1, 2, 9], bad: [0, 3, 10] },
  // A side that is a choice the layouts keep as several shapes: the control on each option (the general matcher), where
  // it was refused as "not both strings".
  { rule: 'det-choice-sized', cddl: '("a" / (tstr .size 2)) .det "b"', good: ['ab', 'xyb', 'éb'], bad: ['xyzb', 'a', 'b c'] },
  { rule: 'det-choice-json', cddl: '"c" .det ("a" / (tstr .json int))', good: ['ca', 'c12', 'c-3'], bad: ['cb', 'c1.5', 'a'] },
  { rule: 'plus-int-lit-range', cddl: '10 .plus (1..3)', good: [11, 13], bad: [10, 14] },
  { rule: 'plus-int-lit-choice', cddl: '10 .plus (1 / 5.5 / (20.25..21.5))', good: [11, 15, 30, 31], bad: [10, 12, 14, 16, 29, 32] },
  { rule: 'plus-int-range-int', cddl: '(1..3) .plus 10', good: [11, 13], bad: [10, 14] },
  { rule: 'plus-int-range-range', cddl: '(1..3) .plus (10..20)', good: [11, 23], bad: [10, 24] },
  // floor(0.5) = 0 to floor(2.0) = 2: 1..5.
  { rule: 'plus-int-range-float-range', cddl: '(1..3) .plus (0.5..2.0)', good: [1, 5], bad: [0, 6] },
  { rule: 'plus-int-range-choice', cddl: '(1..3) .plus (0 / 10.5 / (100.0..100.5))', good: [1, 3, 11, 13, 101, 103], bad: [0, 4, 10, 14, 100, 104] },
  // Float target: the real sums.
  { rule: 'plus-float-lit-range', cddl: '1.5 .plus (1..3)', good: [2.5, 3.5, 4.5], bad: [1.5, 3, 5.5] },
  { rule: 'plus-float-lit-float', cddl: '1.5 .plus 0.25', good: [1.75], bad: [1.5, 1.7499999999999998, 1.7500000000000002] },
  { rule: 'plus-float-lit-choice', cddl: '1.5 .plus (1 / 2.5)', good: [2.5, 4], bad: [1.5, 3.5, 3.9999999999999996, 4.000000000000001] },
  { rule: 'plus-float-range-float', cddl: '(0.5..1.5) .plus 0.25', good: [0.75, 1.75], bad: [0.7499999999999999, 1.7500000000000002] },
  { rule: 'plus-float-range-float-range', cddl: '(0.5..1.5) .plus (0.25...0.5)', good: [0.75, 1.9999999999999998], bad: [0.7499999999999999, 2] },
  { rule: 'plus-float-range-choice', cddl: '(0.25..0.5) .plus (0.25 / 10.25)', good: [0.5, 0.75, 10.5, 10.75], bad: [0.49999999999999994, 0.7500000000000001, 10.499999999999998, 10.750000000000002, 5] },
  { rule: 'plus-float-range-mixed-choice', cddl: '(0.25..0.5) .plus (1 / 10.25 / (100.0...101.0))', good: [1.25, 1.5, 10.5, 10.75, 100.25, 101.49999999999999], bad: [1.2499999999999998, 1.5000000000000002, 10.75000000000002, 100.24999999999999, 101.5] },
  { rule: 'plus-float-choice-int', cddl: '(0.25 / 10.25) .plus 1', good: [1.25, 11.25], bad: [0.25, 10.25, 2.25] },
  // A float literal beside a float range: one float type, the value a range of one point.
  { rule: 'plus-float-choice-range', cddl: '(0.25 / (20.0..21.0)) .plus 1', good: [1.25, 21, 21.5, 22], bad: [1.2499999999999998, 1.2500000000000002, 20.999999999999996, 22.000000000000004] },
  // A target of integers and floats: each gives sums of its own type (§2.1), a choice of the two.
  { rule: 'plus-mixed-int', cddl: '(1 / 2.5) .plus 1', good: [2, 3.5], bad: [1, 3, 2.5, 4.5], mixed: true },
  { rule: 'plus-mixed-range', cddl: '(1 / 2.5) .plus (1..2)', good: [2, 3, 3.5, 4.5], bad: [1, 4, 2.5, 4.25, 5.5], mixed: true },
  // floor(1 + 0.5) = 1; 2.25 + 0.5 = 2.75.
  { rule: 'plus-mixed-float', cddl: '(1 / 2.25) .plus 0.5', good: [1, 2.75], bad: [2, 1.5, 2.25], mixed: true },
  { rule: 'plus-mixed-float-range', cddl: '(1 / 2.125) .plus (0.5..0.75)', good: [1, 2.625, 2.875], bad: [0, 2, 2.6249999999999996, 2.8750000000000004], mixed: true, boxed: true },
  { rule: 'plus-mixed-choice', cddl: '(1 / 2.125) .plus (1 / 0.5)', good: [1, 2, 2.625, 3.125], bad: [0, 3, 2.125, 3.625], mixed: true },
  // §2.2 with a size (in bytes: é is two): three bytes of text, then "x".
  { rule: 'cat-sized', cddl: '(tstr .size 3) .cat "x"', good: ['abcx', 'éax', 'xxxx'], bad: ['abx', 'abcdx', 'éabx', 'abcy', ''] },
  { rule: 'cat-sized-bytes', cddl: "(bstr .size 2) .cat h'ff'", good: [bytes(1, 2, 0xff), bytes(0xff, 0xff, 0xff)], bad: [bytes(1, 0xff), bytes(1, 2, 3, 0xff), bytes(1, 2, 3)] },
  // A size on the controller, and a regular expression on the target: some split matches both.
  { rule: 'cat-regexp-sized', cddl: '(tstr .regexp "a+") .cat (tstr .size (1..2))', good: ['ab', 'aaab', 'aaa', 'aé'], bad: ['a', 'b', 'abbb', 'aabéb'] },
  // A side whose pattern anchors at its end (.ne's): "x" is no value of the target, so "xy" is no concatenation.
  { rule: 'cat-ne', cddl: '(tstr .ne "x") .cat "y"', good: ['y', 'ay', 'xxy'], bad: ['xy', 'a'] },
  // A side whose lookahead looks past its end (PCRE, read with a warning): "ab" holds no x, though "abx" does, so "abx" is a concatenation.
  { rule: 'cat-lookahead', cddl: '(tstr .regexp "(?!.*x)[a-z]*") .cat "x"', good: ['abx', 'x'], bad: ['xx', 'axbx', 'ab'] },
  // §2.2 with more concatenations than are listed: each of 65 texts then each of 65 texts.
  { rule: 'cat-many', cddl: `(${MANY}) .cat (${MANY})`, good: ['v0v0', 'v64v12', 'v1v10', 'v10v1'], bad: ['v0', 'v65v0', 'v0v', 'xv0v0', 'v0v0v0'] },
  // §2.2: text, then bytes; the result is text, ending in NUL.
  { rule: 'cat-text-bytes', cddl: "tstr .cat h'00'", good: ['\u0000', 'ab\u0000'], bad: ['ab', 'a\u0000b', ''] },
  // A text of one byte, then any bytes that keep it UTF-8.
  { rule: 'cat-sized-text-bytes', cddl: '(tstr .size 1) .cat bstr', good: ['a', 'ab', 'aé'], bad: ['', 'é', 'éa'] },
  // §2.2: bytes, then text: the text's UTF-8 bytes.
  { rule: 'cat-bytes-text', cddl: "h'ff' .cat tstr", good: [bytes(0xff), bytes(0xff, 0x61), bytes(0xff, 0xc3, 0xa9)], bad: [bytes(0xff, 0xc3), bytes(0x00, 0x61), bytes(0xff, 0xff), bytes()] },
  // §2.3: any text, dedented, then "x": no line of the first part is indented unless all of them are blank.
  { rule: 'det-endless', cddl: 'tstr .det "x"', good: ['x', 'ax', 'a\n  bx', '  x', '\n\nx', '\tax', ' \nax'], bad: ['  ax', ' a\n bx', 'y', ''] },
  // The controller dedented too: "  y\n   z" is "y\n z".
  { rule: 'det-controller', cddl: 'tstr .det "  y\n   z"', good: ['y\n z', 'ay\n z', 'a\n  by\n z'], bad: ['  y\n   z', 'y\n   z', ' ay\n z'] },
  // §2.3 with a size: the dedenting of some 3-byte text ("  a" gives "a", " a\n" gives "a\n", "   " itself), then "x".
  { rule: 'det-sized', cddl: '(tstr .size 3) .det "x"', good: ['abcx', 'ax', 'abx', '   x', 'a\nx', 'éx', 'aéx'], bad: ['x', ' ax', 'abcdx', 'abcy', '', ' \nx'] },
  // The controller sized: "y", then the dedenting of a text of 2 or 3 bytes.
  { rule: 'det-sized-controller', cddl: '"y" .det (tstr .size (2..3))', good: ['yab', 'ya', 'y  ', 'yabc'], bad: ['y', 'y a', 'yabcd', 'y '] },
  // §2.3 with a pattern: the dedenting of one of its words. "a+" has no spaces: its words are their own dedenting.
  { rule: 'det-pattern', cddl: '(tstr .regexp "a+") .det "x"', good: ['ax', 'aaax'], bad: ['x', ' ax', 'bx', 'a x', 'a\nax'] },
  // A pattern that wants the same indentation on every line: its words dedent to lines of letters.
  { rule: 'det-pattern-indented', cddl: '"y" .det (tstr .regexp "  [a-z]+(\n  [a-z]+)*")', good: ['yab', 'yab\ncd', 'ya\nb\nc'], bad: ['y', 'y  ab', 'yab\n cd', ' yab', 'yab\n\ncd', 'yAb'] },
  // Each line its own indentation: 2 then 4 spaces dedent to 0 then 2, never to 0 then 0.
  { rule: 'det-pattern-two-indents', cddl: '(tstr .regexp " {2}a\n {4}b") .det "x"', good: ['a\n  bx'], bad: ['a\nbx', '  a\n    bx', 'a\n bx'] },
  // A tab is no space: only two spaces come off; a tab on a line keeps every line's indentation.
  { rule: 'det-pattern-tabs', cddl: '(tstr .regexp "[ \\t]a\n[ \\t]b") .det "x"', good: ['a\nbx', ' a\n\tbx', '\ta\n bx', '\ta\n\tbx'], bad: [' a\n bx', 'a\n\tbx', '\ta\nbx', 'a\nb'] },
  // A blank line between: fewer spaces than the indentation leave it empty, more keep the rest.
  { rule: 'det-pattern-blank-line', cddl: '(tstr .regexp "  a\n {0,3}\n  b") .det "x"', good: ['a\n\nbx', 'a\n \nbx'], bad: ['a\n  \nbx', '  a\n\n  bx', 'a\nbx'] },
  // Only blank lines: dedenting leaves them as they are.
  { rule: 'det-pattern-blank', cddl: '(tstr .regexp " +(\n +)?") .det "x"', good: [' x', '   x', ' \n  x'], bad: ['x', ' \nx', '\n x'] },
  // .and of two patterns (written with a lookahead over the whole text): spaces then one letter, dedented to the letter.
  { rule: 'det-pattern-and', cddl: '((tstr .regexp "[a-z ]+") .and (tstr .regexp " *[a-z]")) .det "x"', good: ['ax', 'zx'], bad: [' ax', 'abx', 'x', '\nax'] },
  // .ne of a literal (a lookahead too): " " is its own only undented form, so it alone is gone.
  { rule: 'det-pattern-ne', cddl: '(tstr .ne " ") .det "x"', good: ['x', 'ax', '  x', 'a\n  bx'], bad: [' x', ' ax'] },
  // A byte string with a pattern (.abnfb: over the bytes read as latin1): "  a\n  a" dedents to "a\na".
  { rule: 'det-pattern-bytes', cddl: '(bstr .abnfb ("x" .det "\nx = 2%x20 %x61 *(%x0A 2%x20 %x61)")) .det h\'7a\'', good: [bytes(0x61, 0x7a), bytes(0x61, 0x0a, 0x61, 0x7a)], bad: [bytes(0x20, 0x20, 0x61, 0x7a), bytes(0x61, 0x0a, 0x20, 0x61, 0x7a), bytes(0x7a)] },
  // A pattern and a size (in UTF-8 bytes, é has 2): the dedenting of a word of 1 to 5 bytes; "  " is its own, "" is too short.
  { rule: 'det-pattern-sized', cddl: '((tstr .size (1..5)) .and (tstr .regexp "[a-zé\n ]*")) .det "x"', good: ['ax', 'abcdex', 'a\nbx', '  x', 'a\n\nbx', 'éx', 'aééx'], bad: ['x', 'abcdefx', ' ax', 'Ax', 'a\n  b\n cx', 'éééx'] },
  // Two spaces on every line, 8 bytes in all: "  abcdef" and "  ab\n  c" dedent to "abcdef" and "ab\nc".
  { rule: 'det-pattern-sized-controller', cddl: '"y" .det ((tstr .regexp "(?:  [a-z]+\n?)*") .and (tstr .size 8))', good: ['yabcdef', 'yab\nc', 'ya\nbc', 'yabcde\n'], bad: ['yabcde', 'yabcdefg', 'y  abcdef', 'yab\ncd', 'y'] },
  // A byte string side with a pattern and a size: two spaces, then up to 2 bytes ("  " and "   " are their own dedenting).
  { rule: 'det-pattern-sized-bytes', cddl: "(('  ' .cat bstr) .size (1..4)) .det 'x'", good: [bytes(0x61, 0x78), bytes(0x61, 0x62, 0x78), bytes(0x20, 0x20, 0x78), bytes(0x20, 0x20, 0x20, 0x78), bytes(0x20, 0x20, 0x0a, 0x61, 0x78)], bad: [bytes(0x61, 0x62, 0x63, 0x78), bytes(0x20, 0x61, 0x78), bytes(0x20, 0x78), bytes(0x78)] },
  // A PCRE pattern with anchors (not XSD for its (?:, so read as PCRE with a warning): spaces then "a" on each line, dedented to "a" lines.
  { rule: 'det-pattern-anchors', cddl: '(tstr .regexp "^ *a(?:\n *a)*$") .det "x"', good: ['ax', 'a\nax', 'a\n  ax'], bad: ['x', ' ax', 'a\nbx', 'a\n\nax'] },
  // A guard before a repeated class holds at the first character only: no word starts with a space, so none is indented.
  { rule: 'det-pattern-guard', cddl: '"y" .det (tstr .regexp "(?! )[a-z \n]+")', good: ['yab', 'yb a', 'ya\n  b', 'y\na'], bad: ['y', 'y  a\nb', 'y a', 'y  '] },
  // JSON text: a line feed only in white space, so dedenting keeps the value; its values that dedenting leaves alone.
  { rule: 'det-json', cddl: '(tstr .json [* int]) .det "x"', good: ['[1,2]x', '[1,\n  2]x', '[\n1]x', ' \n[1]x'], bad: [' [1]x', '  [1,\n  2]x', '[1,x', 'x', '["a"]x'] },
  // base64url has neither space nor line feed: its texts are their own dedenting.
  { rule: 'det-b64u', cddl: '"y" .det (tstr .b64u bstr)', good: ['yAQID', 'y'], bad: ['y AQID', 'yAQ=', 'y\nAQID'] },
  // An encoding with a size: dedenting leaves it as it is; 4 to 8 characters.
  { rule: 'det-b64u-sized', cddl: '((tstr .b64u bstr) .size (4..8)) .det "y"', good: ['AQIDy', 'AQIDBAy'], bad: ['AQy', 'AQIDBAUGBy', ' AQIDy', 'y'] },
  // A choice of literals then a side with a size: each literal dedented.
  // JSON with a size: the dedented text is JSON of the same value, and some re-indentation of it (k spaces before each line that is not empty, 0..k before each empty one) has the size.
  { rule: 'det-json-sized', cddl: '((tstr .json [* int]) .size (4..8)) .det "x"', good: ['[1,2]x', '[1]x', '[]x', '[1,\n2]x', '[\n1]x', '[1,\n\n2]x'], bad: ['[1,2,3,4]x', ' [1]x', '[1,x', '[1,\n22,\n3]x', '["a"]x', 'x'] },
  // Exactly 10 bytes: 8 + 2·1 from k = 1 over two lines, 7 + 2·1 + 1 with a space on the empty line; 7 bytes over two lines reach 9 or 11, never 10.
  { rule: 'det-json-exact-size', cddl: '((tstr .json [* int]) .size 10) .det "x"', good: ['[1,\n\n2]x', '[1,\n2]x', '[1,2]x', '[1,\n\n22]x'], bad: ['[1,\n22]x', '[1,2,3,4,5]x', '[1,\n\n\n\n2]x', '  [1,\n  22]x'] },
  // JSON with a pattern (and a size): JSON, and the dedenting of a word of the pattern, here every line two spaces in (k = 2) and then no space.
  { rule: 'det-json-pattern', cddl: '((tstr .json [* int]) .and (tstr .regexp "(?:  [^ \n][^\n]*\n?)*")) .det "x"', good: ['[1]x', '[1,\n2]x', '[\n1,\n2\n]x'], bad: [' [1]x', '[1,\n 2]x', '[1,\n\n2]x', '[1,x', '["a"]x'] },
  { rule: 'det-json-pattern-sized', cddl: '(((tstr .json [* int]) .and (tstr .regexp "(?:  [^ \n][^\n]*\n?)*")) .size (5..7)) .det "x"', good: ['[1]x', '[1,2]x'], bad: ['[]x', '[1,\n2]x', '[10,2]x', '[1,x', ' [1]x'] },
  // Base45 (RFC 9285): "A" is no base45 text, but "  A" is, and dedents to it; " AB" too; "ZZ", " ZZ", "  ZZ" are none.
  { rule: 'det-b45', cddl: '"y" .det (tstr .b45 bstr)', good: ['y', 'yA', 'yAB', 'y00', 'yA B'], bad: ['yZZ', 'y  A', 'y A', 'y\nA', 'y00\n'] },
  // Three characters: "  A", " AB", " 00" and "000" are; "ZZ" and four characters are not.
  { rule: 'det-b45-sized', cddl: '((tstr .b45 bstr) .size 3) .det "y"', good: ['Ay', 'ABy', '00y', '000y'], bad: ['ZZy', '0000y', ' Ay', 'y', 'Zy'] },
  // .printf or .join whose values start with no space and no line feed are their own dedenting: floats, integers with .bits of many bits, an encoding, literals with a control.
  { rule: 'det-printf-float', cddl: '(tstr .printf ["%.2f|%f", float, float32]) .det "y"', good: ['1.50|2.000000y', '-3.25|0.500000y', '100.00|-1.000000y'], bad: [' 1.50|2.000000y', '1.5|2.000000y', '1.50|2.0y', '1.50|0.1000000y'] },
  { rule: 'det-printf-rounded', cddl: '(tstr .printf ["%.0f", float]) .det "y"', good: ['1y', '-0y', '10y', 'infy', '-infy', 'nany'], bad: [' 1y', '1.0y', '01y', 'y', '\n1y'] },
  // A recursive .abnf grammar whose words start with x or y: each its own dedenting.
  { rule: 'det-abnf-recursive', cddl: '(tstr .abnf ("b" .det "\nb = \\"x\\" b / \\"y\\"")) .det "z"', good: ['yz', 'xxyz'], bad: ['z', ' yz', 'xyyz', 'x\nyz'] },
  // A .det inside whose pattern has no word that starts with a space or a line feed: "a…ax" is its own dedenting.
  { rule: 'det-nested', cddl: '((tstr .regexp "a+") .det "x") .det "y"', good: ['axy', 'aaaxy'], bad: ['xy', ' axy', 'ax', 'a\nxy', 'axxy'] },
  // A .det inside whose pattern has no blank word: each dedents to a text with a line that is not blank and starts with no space, its own dedenting whatever follows.
  { rule: 'det-nested-spaced', cddl: '((tstr .regexp " *a+") .det "x") .det "y"', good: ['axy', 'aaaxy'], bad: ['xy', ' axy', '  aaxy', 'ax', 'a\nxy', 'axxy'] },
  { rule: 'det-nested-lines', cddl: '((tstr .regexp "( *\n)*a") .det "x") .det "y"', good: ['axy', '\naxy', '  \naxy', ' \n\n   \naxy'], bad: [' axy', '\n axy', 'xy', '  \n  axy', 'a\nxy'] },
  // One line with a bounded run of spaces before it (a width, literal spaces): dedenting removes them all.
  // After any text, parts with no line feed that start with no space: dedenting a value gives a value, so the side's dedenting is its values that dedenting leaves alone.
  { rule: 'det-printf-float-after-text', cddl: '(tstr .printf ["%s%f", tstr, float]) .det "x"', good: ['1.500000x', 'ab-1.000000x', '  \n1.000000x', 'a\n b: 0.250000x'], bad: [' 1.500000x', ' a\n 1.000000x', 'x', 'ab1.5x', '1.500000 x'] },
  { rule: 'det-printf-bits-after-text', cddl: '(tstr .printf ["%s: %d", tstr, uint .bits (0..20)]) .det "y"', good: [': 5y', 'n: 2097151y', '\n a\nb: 0y', 'a\n : 7y'], bad: [' : 5y', ' a\n : 5y', 'y', 'n: 2097152y', 'n:  5y'] },
  // One line with a bounded run of spaces before it from .join's or %s's literals and encodings: dedenting removes them all.
  { rule: 'det-join-spaced-held', cddl: '(tstr .join [" ", (tstr .json int) .and ("1" / "2")]) .det "x"', good: ['1x', '2x'], bad: [' 1x', '3x', 'x', '12x', '\n1x'] },
  { rule: 'det-join-spaced-encoded', cddl: '(tstr .join [" ", tstr .b64u bstr]) .det "x"', good: ['AQIDx', 'AQx', ' x'], bad: [' AQIDx', 'AQ=x', 'x', '  x'] },
  { rule: 'det-printf-b45-run', cddl: '(tstr .printf [" %s|%s", tstr .b45 bstr, "a" / "  b"]) .det "x"', good: ['00|ax', '|ax', '|  bx', '0|ax'], bad: [' |ax', '00|bx', '00|  ax', '|x'] },
  { rule: 'det-printf-padded', cddl: '(tstr .printf ["%10f", float]) .det "x"', good: ['1.500000x', '-1.000000x', '123456789.000000x'], bad: ['  1.500000x', '1.5x', 'x', ' -1.000000x'] },
  { rule: 'det-printf-spaced', cddl: '(tstr .printf [" % 3d|", (-20..20)]) .det "y"', good: ['5|y', '-20|y', '0|y'], bad: [' 5|y', '21|y', '5y', '+5|y'] },
  // A pattern no word of which starts with a space or a line feed is its own dedenting, with lookarounds no automaton follows, or past the automaton's limit.
  { rule: 'det-pattern-lookbehind', cddl: '(tstr .regexp "(?<=a(?=b))b|a") .det "x"', good: ['ax'], bad: ['bx', ' ax', 'x', 'aax'] },
  { rule: 'det-pattern-long', cddl: '(tstr .regexp "a{5000}") .det "x"', good: [`${'a'.repeat(5000)}x`], bad: [`${'a'.repeat(4999)}x`, ` ${'a'.repeat(5000)}x`] },
  { rule: 'det-printf-many-bits', cddl: '(tstr .printf ["%d", uint .bits (0..20)]) .det "y"', good: ['5y', '1048576y', '2097151y', '0y'], bad: ['2097152y', ' 5y', 'y', '-1y'] },
  { rule: 'det-join-encoded', cddl: '(tstr .join [tstr .b64u bstr, "x"]) .det "y"', good: ['AQIDxy', 'xy'], bad: [' AQIDxy', 'AQ=xy', 'y', 'AQID xy'] },
  { rule: 'det-join-held', cddl: '(tstr .join [(tstr .json int) .and ("1" / "2"), "x"]) .det "y"', good: ['1xy', '2xy'], bad: ['3xy', ' 1xy', 'xy'] },
  // .cbor, one data item: its first line starts with no space unless the item is that byte alone (0x20 is -1, 0x0a is 10), so each is its own dedenting.
  { rule: 'det-cbor', cddl: "(bstr .cbor int) .det 'x'", good: [bytes(0x01, 0x78), bytes(0x20, 0x78), bytes(0x0a, 0x78), bytes(0x18, 0x78, 0x78)], bad: [bytes(0x78), bytes(0x21), bytes(0x20, 0x20, 0x78), bytes(0x60, 0x78), bytes(0x18, 0x78)] },
  // An encoded text with lines in it: "\n  a" stays indented, as the item starts with its head.
  { rule: 'det-cbor-lines', cddl: "(bstr .cbor tstr) .det 'x'", good: [bytes(0x64, 0x0a, 0x20, 0x20, 0x61, 0x78), bytes(0x60, 0x78)], bad: [bytes(0x64, 0x0a, 0x61, 0x78), bytes(0x20, 0x60, 0x78), bytes(0x01, 0x78)] },
  // An encoding with a pattern too: no value has a space or a line feed, so each is its own dedenting.
  { rule: 'det-b64u-pattern', cddl: '((tstr .b64u bstr) .and (tstr .regexp "A.*")) .det "y"', good: ['AQIDy', 'AQy'], bad: ['BQIDy', ' AQIDy', 'y', 'AQ=y', 'Ay'] },
  { rule: 'det-literals-sized', cddl: '("a" / "  b") .det (tstr .size 3)', good: ['aabc', 'babc', 'ba\nb', 'a   '], bad: ['  babc', 'cabc', 'babcd', 'a  b'] },
  // The same with byte strings: h'202062' dedents to "b".
  { rule: 'det-byte-literals-sized', cddl: "(h'61' / h'202062') .det (bstr .size 2)", good: [bytes(0x61, 0x61, 0x62), bytes(0x62, 0x20, 0x20), bytes(0x61, 0x61)], bad: [bytes(0x20, 0x20, 0x62, 0x61, 0x61), bytes(0x63, 0x61, 0x61), bytes(0x61)] },
  // .json with literals: those that are JSON of the controller (decided while generating), each dedented: "[1]", "[2]", "[\n  3]", "[4,\n5]"; "x" is no JSON, "{}" no array.
  { rule: 'det-json-literals', cddl: '((tstr .json [* int]) .and ("[1]" / " [2]" / "x" / "{}" / "[\n  3]" / "  [4,\n  5]")) .det "x"', good: ['[1]x', '[2]x', '[\n  3]x', '[4,\n5]x'], bad: [' [2]x', 'xx', '{}x', '[\n3]x', '  [4,\n  5]x', '[4,\n  5]x'] },
  // The same beside a side only a split checks: the literals' dedentings, then the dedenting of a text of one byte.
  { rule: 'det-json-literals-sized', cddl: '((tstr .json [* int]) .and ("[1]" / " [2]" / "x")) .det (tstr .size 1)', good: ['[1]a', '[2] ', '[1]\n'], bad: ['[1]', ' [2]a', '[1]ab', 'xa', '[3]a'] },
  // .printf of integers: each conversion's layout around a range of digit strings; every line two spaces in, dedented to none.
  { rule: 'det-printf', cddl: '(tstr .printf ["  %d,\n  %-3x", (-12..12), uint]) .det "y"', good: ['5,\nff y', '-12,\n1000y', '0,\n0  y', '12,\n10 y'], bad: ['  5,\n  ff y', '13,\nff y', '5,\nffy', '5,\nFF y', '5,\n-1 y', '-0,\n0  y', '5,\n010y'] },
  // %s of a pattern (spaces may indent the first line) and a padded %5s of literals (three spaces before "ab", "é" has two bytes).
  { rule: 'det-printf-text', cddl: '(tstr .printf ["%s:\n%5s", tstr .regexp " *[a-z]+", ("ab" / "é")]) .det "y"', good: ['a:\n   aby', 'a:\n  aby', 'a:\n aby', 'a:\naby', ' a:\naby', 'bc:\néy', 'a:\n  éy'], bad: [' a:\n   aby', ' a:\n aby', 'a:\n    aby', 'A:\naby', 'a:\nacy', 'a:\n    éy'] },
  // Zero flag, precision, sign, alternate forms, and bignums (digits beyond any width: one pattern for every length).
  { rule: 'det-printf-flags', cddl: '(tstr .printf ["%05d|%.3u|%+i|%#x|%#o", (-5..300), (0..10), bigint, biguint, uint]) .det "y"', good: ['-0005|000|+0|0|0y', '00300|010|-123456789012345678901234567890|0x1f|017y'], bad: ['-5|000|+0|0|0y', '00300|10|+0|0|0y', '00300|010|0|0|0y', '00300|010|+0|1f|0y', '00300|010|+0|0|17y'] },
  // A '*' width of a few values: each of them, -3 the - flag.
  { rule: 'det-printf-star', cddl: '(tstr .printf ["  %*d\\n  x", (-3 / 3), (0..20)]) .det "y"', good: ['  5\nxy', '5  \nxy', ' 20\nxy', '20 \nxy'], bad: ['5\nxy', '    5\n  xy', '  5\n xy', ' 21\nxy', '  5 \nxy'] },
  // A `*` width of every size (int): any run of spaces before the number (a width) or after it (a negative one).
  { rule: 'det-printf-star-every', cddl: '(tstr .printf ["  %*d\\n  x", int, (0..20)]) .det "y"', good: ['5\nxy', '   5\nxy', '5   \nxy', '20\nxy', '          7\nxy'], bad: ['21\nxy', ' 5\n xy', '-1\nxy', '5\nx', ' 5 \nxy'] },
  // A width or precision on %s of any text: the texts of so many bytes (a value of fewer is padded to them).
  { rule: 'det-printf-width-any', cddl: '(tstr .printf ["%3s", tstr]) .det "y"', good: ['abcy', 'ay', '   y', 'éy', 'a\nby'], bad: ['y', '\ny'] },
  { rule: 'det-printf-cut-any', cddl: '(tstr .printf [" %-4.2s", tstr]) .det "y"', good: ['ab  y', 'a   y', 'a  y', 'é  y', '     y'], bad: ['abc y', 'ab y', 'abc  y'] },
  { rule: 'det-json-printf-width', cddl: '((tstr .json any) .and (tstr .printf ["%4s", tstr])) .det "x"', good: ['[1,2]x', 'truex', '1x'], bad: ['[x', '[1,x'] },
  // .bits on an integer argument: every set of its bits (0..7 here), each a value.
  { rule: 'det-printf-bits', cddl: '(tstr .printf [" %d\\n %d", uint .bits (0..2), (0..1)]) .det "y"', good: ['5\n1y', '7\n0y', '0\n0y'], bad: ['8\n0y', ' 5\n 1y', '5\n2y'] },
  // Many bits, most of them a run from bit 0: two ranges, 0..8191 and 1048576..1056767 (it was refused past 12 bits).
  { rule: 'det-printf-bit-ranges', cddl: '(tstr .printf [" %d\\n %d", uint .bits (0..12 / 20), (0..1)]) .det "y"', good: ['5\n1y', '8191\n0y', '1048576\n1y', '1056767\n0y'], bad: ['8192\n0y', '1048575\n0y', '1056768\n1y', ' 5\n 1y'] },
  // .bits on bytes: byte 0 may set bits 0 and 5 (0x21), byte 1 bit 5 (0x20), later bytes none; " \0" dedents to "\0", "  " (blank) stays.
  { rule: 'det-bits', cddl: "(bstr .bits (0 / 5 / 13)) .det 'x'", good: [bytes(0x00, 0x78), bytes(0x20, 0x20, 0x78), bytes(0x01, 0x20, 0x78), bytes(0x78), bytes(0x21, 0x00, 0x00, 0x78)], bad: [bytes(0x20, 0x00, 0x78), bytes(0x02, 0x78), bytes(0x01, 0x01, 0x78), bytes(0x01, 0x20, 0x01, 0x78)] },
  // JSON text that .printf writes too: JSON with the pattern of printf's values. " 3" dedents to "3", " [ 1,\n  3]" to "[ 1,\n 3]"; " 3]" is no JSON.
  { rule: 'det-json-printf', cddl: '((tstr .json any) .and (tstr .printf [" %s%d%s", ("" / "[ 1,\\n  "), (-5..5), ("" / "]")])) .det "x"', good: ['3x', '-5x', '[ 1,\n 3]x'], bad: [' 3x', '6x', '[ 1,\n  3]x', '3]x', '[ 1,\n 3x', ' [ 1,\n  3]x'] },
  // A smaller one, for the search below: " N\n H " dedented.
  { rule: 'det-printf-small', cddl: '(tstr .printf [" %d\n %-2x", (-1..11), uint]) .det "y"', good: ['5\nf y', '-1\n10y', '11\nb y'], bad: [' 5\n f y', '5\nfy', '12\nf y', '5\n f y'] },
  // .join of literals, a pattern and a choice: "  a…\n  d" and "  a…\n   e" dedented.
  { rule: 'det-join', cddl: '(tstr .join ["  a", tstr .regexp "[bc]*", "\n  ", ("d" / " e")]) .det "x"', good: ['a\ndx', 'abcb\n ex', 'a\n ex'], bad: ['  a\n  dx', 'a\n  ex', 'a\nex', 'ab\ndy', 'ad\ndx'] },
  // Bytes dedented, then text's UTF-8 bytes dedented.
  { rule: 'det-bytes-text', cddl: "h'2020' .det tstr", good: [bytes(0x20, 0x20), bytes(0x20, 0x20, 0x61), bytes(0x20, 0x20, 0x0a, 0x61)], bad: [bytes(0x20, 0x20, 0x20, 0x61), bytes(0x20, 0x20, 0xff), bytes(0x20)] },
  // §2.2 and §2.3 per value: operands of text and bytes both give a text for each text target value, bytes for each bytes one.
  { rule: 'cat-either-target', cddl: '(tstr / bstr) .cat "x"', good: ['ax', 'x', bytes(1, 0x78), bytes(0x78)], bad: ['a', 'xa', bytes(1), bytes(0x78, 1)] },
  { rule: 'cat-either-controller', cddl: '"a" .cat ("b" / h\'63\')', good: ['ab', 'ac'], bad: ['a', 'ad', bytes(0x61, 0x63)] },
  { rule: 'cat-either-both', cddl: '(("a" / h\'01\') .cat ("b" / h\'63\')) .cat "!"', good: ['ab!', 'ac!', bytes(1, 0x62, 0x21), bytes(1, 0x63, 0x21)], bad: ['ab', bytes(0x61, 0x62, 0x21), bytes(1, 0x21)] },
  { rule: 'det-either-target', cddl: '("  a" / h\'2020\') .det "x"', good: ['ax', bytes(0x20, 0x20, 0x78)], bad: ['  ax', bytes(0x78), 'x'] },
];

/** Text from a CDDL text literal written in a test: escapes for the newlines. */
const schema = CASES.map((c) => `${c.rule} = ${c.cddl.replace(/\n/g, '\\n')}`).join('\n') + '\n';
const tsName = (rule: string) => rule.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());

/** The deterministic encoding of a test value: a float as binary64 (the decoder reads every width), an integer, a text or byte string. */
function encodeItem(value: Value, float: boolean): Uint8Array {
  const head = (major: number, n: number) => (n < 24 ? [(major << 5) | n] : n < 256 ? [(major << 5) | 24, n] : [(major << 5) | 25, n >> 8, n & 0xff]);
  if (typeof value === 'string') {
    const utf8 = new TextEncoder().encode(value);
    return Uint8Array.from([...head(3, utf8.length), ...utf8]);
  }
  if (value instanceof Uint8Array) return Uint8Array.from([...head(2, value.length), ...value]);
  if (float) {
    const out = new Uint8Array(9);
    out[0] = 0xfb;
    new DataView(out.buffer).setFloat64(1, value);
    return out;
  }
  return Uint8Array.from(value >= 0 ? head(0, value) : head(1, -1 - value));
}

/** Every string of up to `most` characters of `alphabet`. */
function strings(alphabet: readonly string[], most: number): string[] {
  const all = [''];
  for (let i = 0; i < all.length; i++) if ((all[i] as string).length < most) for (const c of alphabet) all.push(all[i] + c);
  return all;
}

/** Whether `d` is the dedenting (RFC 9165 §2.3) of a text `side` holds, by trying its re-indentations by k ≤ `most` spaces no longer than `maxBytes`. */
function byReindenting(d: string, side: (a: string) => boolean, most: number, maxBytes = Infinity): boolean {
  for (const a of reindentations(d, most, maxBytes)) if (dedent(a) === d && side(a)) return true;
  return false;
}

/** What a call throws (undefined when it returns). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Whether a case's value is written as a float: every value of a float rule, and a mixed rule's values that are not integral. */
const asFloat = (c: Case, value: Value) => c.rule.startsWith('plus-float') || c.rule === 'plus-ranges' || (c.mixed === true && typeof value === 'number' && !Number.isInteger(value));

describe('generated code: decoder, guard, validator and encoder agree on the set RFC 9165 defines', () => {
  let mod: GeneratedModule['mod'] = {};
  let arbitrary: GeneratedModule['arbitrary'] = {};
  let remove = () => {};

  beforeAll(async () => {
    ({ mod, arbitrary, remove } = await loadGeneratedModule(schema, 'computed'));
  }, 120_000);
  afterAll(() => remove());

  /** A test value as the generated code holds it: a boxed rule's float as the module's CborFloat, read in 64 bits (as encodeItem writes it) or, by default, the shortest width (as the encoder does). */
  const jsValue = (c: Case, item: Value, width?: 64): unknown => {
    if (c.boxed !== true || !asFloat(c, item)) return item;
    const Boxed = mod.CborFloat as unknown as new (value: number, width?: 64) => unknown;
    return new Boxed(item as number, width);
  };

  it.each(CASES)('$rule = $cddl: the values in the set pass and re-encode', (c) => {
    const name = tsName(c.rule);
    for (const item of c.good) {
      const value = jsValue(c, item, 64);
      expect(mod[`is${name}`]?.(value), `guard ${String(item)}`).toBe(true);
      expect(mod[`validate${name}`]?.(value), `validate ${String(item)}`).toEqual([]);
      const encoded = mod[`encode${name}`]?.(value) as Uint8Array;
      expect(mod[`decode${name}`]?.(encoded)).toEqual(jsValue(c, item));
      expect(mod[`decode${name}`]?.(encodeItem(item, asFloat(c, item)))).toEqual(value);
    }
  });

  it.each(CASES)('$rule = $cddl: the values out of it fail everywhere', (c) => {
    const name = tsName(c.rule);
    for (const item of c.bad) {
      const value = jsValue(c, item);
      expect(mod[`is${name}`]?.(value), `guard ${String(item)}`).toBe(false);
      expect((mod[`validate${name}`]?.(value) as unknown[]).length, `validate ${String(item)}`).toBeGreaterThan(0);
      expect(mod.isEncodeError?.(thrown(() => mod[`encode${name}`]?.(value))), `encoder ${String(item)}`).toBe(true);
      expect(mod.isDecodeError?.(thrown(() => mod[`decode${name}`]?.(encodeItem(item, asFloat(c, item))))), `decoder ${String(item)}`).toBe(true);
    }
  });

  it('.det of .json with a size or a pattern and of .b45: the guard and the general matcher agree with a search over re-indentations of every short string', () => {
    const program = lowerProgram(compileIr([{ path: 'x.cddl', text: schema }]), CASES.map((c) => c.rule));
    const jsonInts = (size: (n: number) => boolean) => (a: string) => {
      try {
        const value: unknown = JSON.parse(a);
        return Array.isArray(value) && value.every((n) => Number.isInteger(n)) && size(new TextEncoder().encode(a).length);
      } catch {
        return false;
      }
    };
    const base45 = (size: (n: number) => boolean) => (a: string) => encodesBytes(a, 'b45') && size(a.length);
    const sides: { rule: string; side: (a: string) => boolean; alphabet: string[]; most: number; maxBytes?: number; value: (d: string) => string }[] = [
      { rule: 'det-json-sized', side: jsonInts((n) => n >= 4 && n <= 8), alphabet: ['[', ']', '1', ',', ' ', '\n'], most: 8, maxBytes: 8, value: (d) => `${d}x` },
      { rule: 'det-json-exact-size', side: jsonInts((n) => n === 10), alphabet: ['[', ']', '1', ',', ' ', '\n'], most: 10, maxBytes: 10, value: (d) => `${d}x` },
      { rule: 'det-json-pattern', side: (a) => jsonInts(() => true)(a) && /^(?:  [^ \n][^\n]*\n?)*$/.test(a), alphabet: ['[', ']', '1', ',', ' ', '\n'], most: 6, value: (d) => `${d}x` },
      { rule: 'det-json-pattern-sized', side: (a) => jsonInts((n) => n >= 5 && n <= 7)(a) && /^(?:  [^ \n][^\n]*\n?)*$/.test(a), alphabet: ['[', ']', '1', ',', ' ', '\n'], most: 7, maxBytes: 7, value: (d) => `${d}x` },
      { rule: 'det-b45', side: base45(() => true), alphabet: [' ', 'A', '0', 'Z', ':', '\n'], most: 6, value: (d) => `y${d}` },
      { rule: 'det-b45-sized', side: base45((n) => n === 3), alphabet: [' ', 'A', '0', 'Z', ':', '\n'], most: 6, value: (d) => `${d}y` },
    ];
    for (const { rule, side, alphabet, most, maxBytes, value } of sides) {
      const name = tsName(rule);
      const wrong = strings(alphabet, 5 - SEARCH_LESS).filter((d) => {
        const expected = byReindenting(d, side, most, maxBytes);
        return mod[`is${name}`]?.(value(d)) !== expected || (explain(program, rule, value(d)) === null) !== expected;
      });
      expect(wrong, rule).toEqual([]);
    }
  });

  it('.det of .printf, .join and .json with literals: the guard and the general matcher agree with a search over re-indentations of every short string', () => {
    const program = lowerProgram(compileIr([{ path: 'x.cddl', text: schema }]), CASES.map((c) => c.rule));
    const int = (lo: number, hi: number) => (x: unknown) => (typeof x === 'number' || typeof x === 'bigint') && x >= lo && x <= hi;
    const held = new Set(['[1]', ' [2]', '[\n  3]', '  [4,\n  5]']);
    const isJson = (a: string) => {
      try {
        JSON.parse(a);
        return true;
      } catch {
        return false;
      }
    };
    const sides: { rule: string; side: (a: string) => boolean; alphabet: string[]; most: number; length: number; value: (d: string) => string }[] = [
      { rule: 'det-printf-small', side: (a) => matchesPrintf(a, ' %d\n %-2x', [int(-1, 11), int(0, Infinity)]), alphabet: ['1', 'f', '-', ' ', '\n'], most: 4, length: 5, value: (d) => `${d}y` },
      { rule: 'det-printf-text', side: (a) => matchesPrintf(a, '%s:\n%5s', [(x) => typeof x === 'string' && /^ *[a-z]+$/u.test(x), (x) => x === 'ab' || x === 'é']), alphabet: [' ', 'a', ':', '\n', 'é'], most: 6, length: 6, value: (d) => `${d}y` },
      { rule: 'det-join', side: (a) => matchesJoin(a, [{ text: true, literal: '  a' }, { text: true, test: (x) => typeof x === 'string' && /^[bc]*$/.test(x) }, { text: true, literal: '\n  ' }, { text: true, test: (x) => x === 'd' || x === ' e' }]), alphabet: ['a', 'b', 'd', 'e', ' ', '\n'], most: 4, length: 5, value: (d) => `${d}x` },
      { rule: 'det-json-printf', side: (a) => isJson(a) && matchesPrintf(a, ' %s%d%s', [(x) => x === '' || x === '[ 1,\n  ', int(-5, 5), (x) => x === '' || x === ']']), alphabet: ['[', ']', '1', '3', '-', ' ', '\n'], most: 3, length: 5, value: (d) => `${d}x` },
      // A `*` width of every size: the number with any run of spaces before or after it.
      { rule: 'det-printf-star-every', side: (a) => matchesPrintf(a, '  %*d\n  x', [int(-Infinity, Infinity), int(0, 20)]), alphabet: ['1', '2', ' ', '\n', 'x'], most: 4, length: 5, value: (d) => `${d}y` },
      // A width or precision on %s of any text: a width pads, a precision cuts (the start of a longer text).
      { rule: 'det-printf-width-any', side: (a) => matchesPrintf(a, '%3s', [(x) => typeof x === 'string']), alphabet: ['a', 'é', ' ', '\n'], most: 3, length: 5, value: (d) => `${d}y` },
      { rule: 'det-printf-cut-any', side: (a) => matchesPrintf(a, ' %-4.2s', [{ test: (x) => typeof x === 'string', longer: () => true }]), alphabet: ['a', 'é', ' ', '\n'], most: 3, length: 6, value: (d) => `${d}y` },
      { rule: 'det-json-printf-width', side: (a) => isJson(a) && matchesPrintf(a, '%4s', [(x) => typeof x === 'string']), alphabet: ['[', ']', '1', ',', ' ', '\n'], most: 3, length: 5, value: (d) => `${d}x` },
      { rule: 'det-json-literals', side: (a) => held.has(a), alphabet: ['[', ']', '1', '2', '3', ' ', '\n'], most: 3, length: 5, value: (d) => `${d}x` },
      // Sides whose values start with no space and no line feed (plain-starts.ts): each its own dedenting.
      { rule: 'det-printf-rounded', side: (a) => matchesPrintf(a, '%.0f', [(x) => typeof x === 'number']), alphabet: ['1', '0', '-', '.', ' ', '\n'], most: 3, length: 5, value: (d) => `${d}y` },
      { rule: 'det-abnf-recursive', side: (a) => /^x*y$/.test(a), alphabet: ['x', 'y', ' ', '\n'], most: 3, length: 5, value: (d) => `${d}z` },
      { rule: 'det-nested', side: (a) => /^a+x$/.test(a), alphabet: ['a', 'x', ' ', '\n'], most: 3, length: 5, value: (d) => `${d}y` },
      // A .det inside whose pattern has no blank word (plain-starts.ts 'anchored'): its values keep a line with no space before it.
      { rule: 'det-nested-spaced', side: (a) => /^a+x$/.test(a), alphabet: ['a', 'x', ' ', '\n'], most: 3, length: 5, value: (d) => `${d}y` },
      { rule: 'det-nested-lines', side: (a) => /^( *\n)*ax$/.test(a), alphabet: ['a', 'x', ' ', '\n'], most: 3, length: 5, value: (d) => `${d}y` },
      // After any text, a part with no line feed that starts with no space (plain-starts.ts dedentsWithin): its values dedenting leaves alone.
      { rule: 'det-printf-bits-after-text', side: (a) => matchesPrintf(a, '%s: %d', [(x) => typeof x === 'string', int(0, 2 ** 21 - 1)]), alphabet: [':', ' ', '5', 'a', '\n'], most: 3, length: 5, value: (d) => `${d}y` },
      { rule: 'det-printf-spaced', side: (a) => matchesPrintf(a, ' % 3d|', [int(-20, 20)]), alphabet: ['1', '-', '|', ' ', '\n'], most: 5, length: 6, value: (d) => `${d}y` },
      { rule: 'det-join-spaced-encoded', side: (a) => a.startsWith(' ') && encodesBytes(a.slice(1), 'b64u'), alphabet: ['A', 'Q', 'x', '=', ' ', '\n'], most: 3, length: 5, value: (d) => `${d}x` },
      { rule: 'det-join-encoded', side: (a) => matchesJoin(a, [{ text: true, test: (x) => typeof x === 'string' && encodesBytes(x, 'b64u') }, { text: true, literal: 'x' }]), alphabet: ['A', 'Q', 'x', '=', ' ', '\n'], most: 3, length: 5, value: (d) => `${d}y` },
    ];
    for (const { rule, side, alphabet, most, length, value } of sides) {
      const name = tsName(rule);
      const wrong = strings(alphabet, length - SEARCH_LESS).filter((d) => {
        const expected = byReindenting(d, side, most);
        return mod[`is${name}`]?.(value(d)) !== expected || (explain(program, rule, value(d)) === null) !== expected;
      });
      expect(wrong, rule).toEqual([]);
    }
  });

  it('the test-data generators draw only values in the set, which decode, pass the guard and re-encode', () => {
    const rules = compileIr([{ path: 'x.cddl', text: schema }]).rules.flatMap((r) => (r.kind === 'type' ? [{ name: r.name, tsName: r.tsName }] : []));
    const report = checkModule(mod, arbitrary, rules, { seeds: 30, edits: 2, maxRules: 1000 });
    expect(report.failures).toEqual([]);
    // A JSON text that also matches a pattern (`.and` of the two), and a .printf text, are ones the generators do not draw: those cases rest on their values above and the searches.
    // (JSON texts `.and` literals are drawn: the literals are drawn and the JSON asked, as for any `.and`.)
    const cannot = ['DetJsonPattern', 'DetJsonPatternSized', 'DetPrintfFloat', 'DetPrintfRounded', 'DetPrintfFloatAfterText', 'DetPrintfBitsAfterText', 'DetPrintfB45Run', 'DetPrintfPadded', 'DetPrintfSpaced', 'DetPrintfManyBits', 'DetPrintf', 'DetPrintfText', 'DetPrintfFlags', 'DetPrintfStar', 'DetPrintfStarEvery', 'DetPrintfWidthAny', 'DetPrintfCutAny', 'DetPrintfBits', 'DetPrintfBitRanges', 'DetJsonPrintf', 'DetPrintfSmall'];
    expect([...report.cannot].map(([name]) => name)).toEqual(cannot);
    // Each case but those, and the embedded types of the twelve cases with .json and the two with .cbor, which they make rules of their own.
    expect(report.covered).toBe(CASES.length - cannot.length + 14);
  });
});

describe('the general matcher: the same data items', () => {
  const ir = compileIr([{ path: 'x.cddl', text: schema }]);
  const program = lowerProgram(ir, CASES.map((c) => c.rule));
  const matches = (c: Case, value: Value) => explain(program, c.rule, readCborValue(new CborReader(encodeItem(value, asFloat(c, value))))) === null;

  it.each(CASES)('$rule = $cddl', (c) => {
    for (const value of c.good) expect(matches(c, value), `accepts ${String(value)}`).toBe(true);
    for (const value of c.bad) expect(matches(c, value), `rejects ${String(value)}`).toBe(false);
  });
});

describe('what is still refused, and what matches nothing', () => {
  const refusal = (cddl: string) => errorOf(() => compile([{ path: 'x.cddl', text: cddl }])).first;

  it('float sums in more than 4096 separate ranges', () => {
    expect(refusal('a = (0.5..0.7) .plus (1..5000)')).toContain('more than 4096 separate values or ranges');
  });

  it('float literals whose sum is beyond every finite float: nothing (binary64 would round it to Infinity, which is no real sum)', () => {
    const text = 'a = 1.7976931348623157e308 .plus 1.7976931348623157e308\n';
    const program = lowerProgram(compileIr([{ path: 'x.cddl', text }]), ['a']);
    for (const value of [Infinity, Number.MAX_VALUE]) expect(explain(program, 'a', readCborValue(new CborReader(encodeItem(value, true))))).not.toBeNull();
    expect(compile([{ path: 'x.cddl', text }]).find((f) => f.path === 'x.ts')?.contents).toContain('no float (the range is empty)');
  });

  it('.det of a pattern past the automaton\'s limits, or with syntax it builds none for', () => {
    expect(refusal('a = (tstr .regexp " a{5000}") .det "x"')).toContain('automaton has more than 4096 states (resource limit)');
    expect(refusal('a = (tstr .regexp " {1100}a") .det "x"')).toContain('more than 1024 indentations act differently');
    expect(refusal('a = ((tstr .size (0..5000)) .and (tstr .regexp "[a-z ]*")) .det "x"')).toContain('counting the bytes read up to the size\'s bound, has more than 4096 states (resource limit)');
    const unwritten = 'whose values this generator writes no regular expression for, so does not dedent';
    expect(refusal('a = (tstr .printf ["%s%10f", tstr, float]) .det "x"')).toContain(`a %f conversion in .printf (the decimal expansions of floats), ${unwritten}`);
    expect(refusal('a = (tstr .printf ["%*d", 0..5000, int]) .det "x"')).toContain("a '*' width or precision in .printf's format whose argument is not a few integers");
    expect(refusal('a = (tstr .printf ["%5s|%s", tstr, tstr]) .det "x"')).toContain(`a width or precision on .printf's %s of a text type with endlessly many values`);
    expect(refusal('a = (tstr .join [tstr .size 3, "x"]) .det "x"')).toContain(`a size on an argument of .printf or a part of .join, ${unwritten}`);
    expect(refusal('a = (tstr .printf ["%s%5d", tstr, uint .bits (0 / 2 / 4 / 6 / 8 / 10 / 12 / 14 / 16 / 18 / 20 / 22 / 24 / 26)]) .det "x"')).toContain(
      `.printf's %d of an integer type with .bits whose values are more than 4096 separate ranges, ${unwritten}`,
    );
    expect(refusal('a = (bstr .cborseq [* int]) .det \'x\'')).toContain(`.cborseq (encoded data items, which no regular expression this generator writes says), ${unwritten}`);
    expect(refusal('a = (tstr .regexp "(?<=a(?=b))b| a") .det "x"')).toContain('a lookahead inside a lookbehind, or a negative lookahead holding a lookahead (other than `$`) and a lookbehind (`^`, `\\b`) both, whose automaton this generator does not build');
  });

  it('text then bytes that are no UTF-8 after any text: nothing', () => {
    const ir = compileIr([{ path: 'x.cddl', text: "a = tstr .cat h'ff'\n" }]);
    const program = lowerProgram(ir, ['a']);
    for (const text of ['', 'a', 'ÿ']) expect(explain(program, 'a', text)).not.toBeNull();
  });
});

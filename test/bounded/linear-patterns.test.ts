/**
 * Patterns a backtracking engine may take exponential (or polynomial) time on are matched by following
 * their automaton (templates/pattern-automata.ts `matchesWhole`), in time linear in the text: in
 * generated decoders and guards, the general matcher and the test-data generator. RFC 9193's
 * Content-Type ABNF, as draft-ietf-rats-msg-wrap wrote it, once made a 55-byte media type take V8 66 s
 * (note 41); `(a|a)*b` is the textbook case. What `matchesWhole` answers is held to RegExp's answer on
 * short texts, where backtracking is still cheap.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backtracksBadly, matchesWhole } from '../../templates/pattern-automata.js';
import { translateRegexp } from '../../generator/layout/xsd-regexp.js';
import { compile, compileIr } from '../../generator/index.js';
import { lowerProgram } from '../../generator/layout/program.js';
import { explain } from '../../templates/matcher.js';
import { PatternSampler } from '../../templates/regexp-sampler.js';
import { decodeError, load } from './module.js';

/** XSD patterns (as a schema writes them), each translated as the generator does. */
const PATTERNS = ['(a|a)*b', '(a|ab)*c', '(a+)+b', '\\d*\\d*x', '([a-c]|b)*', 'a{0,5}(b|a){2,4}', '(ab|a)(c|bc)', '[a-z]+', 'x?y*', '(a|b)c{2}'].map((p) => translateRegexp(p).source);

describe('matchesWhole', () => {
  it('answers as RegExp does, on short texts of the patterns’ letters', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PATTERNS), fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'x', 'y', '1', '2'), maxLength: 12 }), (source, text) => {
        expect(matchesWhole(source, text)).toBe(new RegExp(`^(?:${source})$`, 'u').test(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('says which patterns backtrack badly: repeated alternatives or repetitions, or two unbounded repetitions', () => {
    expect(PATTERNS.map(backtracksBadly)).toEqual([true, true, true, true, true, true, false, false, false, false]);
  });
});

describe('the general matcher and the test-data generator', () => {
  it('match such a pattern by its automaton too: forty letters against (a|a)*b', () => {
    // A rule the typed layouts leave to the general matcher (`uint .regexp`), with the pattern on a text inside it.
    const text = 'a'.repeat(40);
    const program = lowerProgram(compileIr([{ path: 'g.cddl', text: 'g = [tstr .regexp "(a|a)*b"] .and [* any]\n' }]), ['g']);
    expect(explain(program, 'g', [text])).not.toBeNull();
    expect(explain(program, 'g', [`${text}b`])).toBeNull();
    const sampler = new PatternSampler(translateRegexp('(a|a)*b').source, 'text');
    expect(sampler.matches(text)).toBe(false);
    expect(sampler.matches(`${text}b`)).toBe(true);
  });
});

describe('generated code', () => {
  const SCHEMA = 'evil = tstr .regexp "(a|a)*b"\nplain = tstr .regexp "[a-z]+"\nlist = [* tstr .regexp "(a|a)*b"]\n';

  it('uses the automaton where the pattern backtracks badly, the RegExp literal elsewhere', () => {
    const module = compile([{ path: 'p.cddl', text: SCHEMA }])[0]!.contents;
    expect(module).toContain('matchesWhole("(?:a|a)*b", value)');
    expect(module).toContain('/^(?:[a-z]+)$/u.test(value)');
    expect(module).toContain("import { matchesWhole } from './pattern-automata.js';");
  });

  it('decodes and checks a text of 40 letters that would take a backtracking engine 2^40 steps', async () => {
    const { module: m } = await load<'Evil' | 'List'>('bounded-linear-patterns', SCHEMA);
    const text = 'a'.repeat(40);
    const encoded = new Uint8Array([0x78, 40, ...new TextEncoder().encode(text)]);
    expect(decodeError(() => m.decodeEvil(encoded))).toBe(`(root) at byte 0: expected a text string matching "(a|a)*b", got ${JSON.stringify(text).slice(0, 40)}`);
    expect(m.isEvil(text)).toBe(false);
    expect(m.isEvil(`${text}b`)).toBe(true);
    expect(m.isList([text, 'ab'])).toBe(false);
    expect(m.validateList(['ab', text])).toEqual([{ path: '[1]', message: 'expected a text string matching "(a|a)*b", got a string' }]);
  });
});

/**
 * The shared real-world corpus (`../shared/corpus/`), listed at run time, and how each file is
 * compiled. Not a test file itself: the corpus, vector and oracle tests share it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile, type EmittedFile, type SchemaText, type SchemaWarning } from '../../generator/index.js';

/** The corpus folder. */
export const CORPUS_DIR = new URL('../../../shared/corpus/', import.meta.url);

/** Where the generated modules are written (ignored by vitest and tsc). */
export const TMP_DIR = new URL('./__tmp__/', import.meta.url);

/**
 * Corpus files (relative to CORPUS_DIR: `cose-rfc9052.cddl`, `cddlc-tests/1.cddl`), sorted.
 * Read from the folder each run, so a file added there is covered without changing any test.
 */
export function corpusFiles(): string[] {
  const top = readdirSync(fileURLToPath(CORPUS_DIR)).filter((f) => f.endsWith('.cddl'));
  const cddlc = readdirSync(fileURLToPath(new URL('cddlc-tests/', CORPUS_DIR)))
    .filter((f) => f.endsWith('.cddl'))
    .map((f) => `cddlc-tests/${f}`);
  return [...top.sort(), ...cddlc.sort()];
}

export function isCddlcTest(file: string): boolean {
  return file.startsWith('cddlc-tests/');
}

/** The text of a corpus file. */
export function readCorpus(file: string): string {
  return readFileSync(fileURLToPath(new URL(file, CORPUS_DIR)), 'utf8');
}

/** The folder name under `__tmp__/` for a corpus file: `cose-rfc9052`, `cddlc-tests-1`. */
export function tmpName(file: string): string {
  return file.replace(/\.cddl$/, '').replaceAll('/', '-');
}

/**
 * Files that are not complete schemas on their own: they use rules defined in another RFC, as
 * the RFC itself says. They are compiled together with those (after them: the first file names
 * the module and its first rule is the root). Without these, the result would only be
 * "undefined name", which says nothing about the generator.
 */
export const COMPANIONS: Readonly<Record<string, { files: string[]; why: string }>> = {
  'cose-algs-rfc9053.cddl': {
    files: ['cose-rfc9052.cddl'],
    why: 'the file ends with `;# import rfc9052` (empty_or_serialized_map, header_map are RFC 9052 rules)',
  },
  'edhoc-rfc9528.cddl': {
    files: ['cose-rfc9052.cddl'],
    why: 'RFC 9528 uses header_map from COSE (RFC 9052)',
  },
  'suit-manifest.cddl': {
    files: ['cose-rfc9052.cddl'],
    why: 'SUIT_Authentication_Block is made of COSE_*_Tagged from RFC 9052',
  },
};

/** The schema texts for one corpus file: itself first, then its companions. */
export function schemasFor(file: string): SchemaText[] {
  const names = [file, ...(COMPANIONS[file]?.files ?? [])];
  return names.map((name) => ({ path: name.split('/').pop() ?? name, text: readCorpus(name) }));
}

/** The result of compiling one corpus file: the files and the rules left to the general matcher, or the first line of the error. */
export type CompileOutcome = { ok: true; files: EmittedFile[]; general: string[] } | { ok: false; error: string };

/** The warning that says a rule is typed CborValue and checked by the general matcher: its rule's name. */
export function generalRule(warning: SchemaWarning): string | null {
  return /^'([^']+)' is typed as CborValue/.exec(warning.message)?.[1] ?? null;
}

export function compileCorpus(file: string): CompileOutcome {
  const general: string[] = [];
  try {
    const files = compile(schemasFor(file), { onWarning: (w) => void (generalRule(w) !== null && general.push(generalRule(w) as string)) });
    return { ok: true, files, general };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: message.split('\n')[0] ?? '' };
  }
}

/**
 * Corpus files that do not generate today, each with the exact first line of the error the
 * generator gives, and what kind of problem it is:
 * - `unsupported`: a construct the emitter cannot honour exactly (a generator gap);
 * - `parse`: CDDL that is not RFC 8610 syntax (a dialect);
 * - `schema`: the file itself breaks an RFC 8610 rule as our IR builder reads it.
 *
 * The corpus test fails when one of these generates (remove it from here) or fails differently
 * (update the message after checking that the new one is right).
 */
export const KNOWN_GAPS: Readonly<Record<string, { error: string; kind: 'unsupported' | 'parse' | 'schema'; note: string }>> = {
  'zcbor-everything.cddl': {
    error: "zcbor-everything.cddl:3:2: zcbor's labelled type-choice option 'uint_single:' is not CDDL, whose type choices have no labels (RFC 8610 Appendix B: type); write the choice without labels, or the alternatives as a group choice with //",
    kind: 'schema',
    note: 'zcbor dialect: `uint_single: 10 /` labels options of a type choice, which RFC 8610 does not allow; the parser reads it, the IR refuses it',
  },
  'cddlc-tests/11-badrange.cddl': {
    error: '11-badrange.cddl:1:5: a range needs bounds of one kind (RFC 8610 §2.2.2.1 calls 0..10.0 NOT DEFINED): 1 is an integer, 100.0 a float',
    kind: 'schema',
    note: '1..10e1 mixes an int and a float bound; cddlc accepts the schema but every vector is `;;-` (it matches nothing)',
  },
};

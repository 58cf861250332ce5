/**
 * What the checks of one call of a generated isX, validateX or encodeX found,
 * remembered so that checks stay linear in the value where they would meet
 * one value again and again (nested alternatives tried in turn, one object in
 * several places). Part of the runtime (see runtime.ts), copied verbatim
 * beside the generated modules.
 */
import type { Problem } from './cbor-errors.js';

/**
 * What the checks of one call of isX, validateX or encodeX found, by value
 * and check function: the deepest level at which it passed and the
 * shallowest at which it failed (a value that passes at a level passes
 * higher up, one that fails fails deeper down). Each rule that can recur
 * checks each value once this way, where a check would otherwise meet the
 * same value again and again:
 * - alternatives tried in turn on one value, nested (2^depth checks);
 * - a value that holds one object in several places (`parts: [p, p]`, each
 *   `p` the same, 30 levels deep: 2^30 checks of a value of 31 objects),
 *   which a structured clone or a caller's own code can build.
 * Open only between {@link openChecks} and {@link closeChecks}: values may
 * change between calls. Nothing is remembered for the first
 * {@link CHECKS_BEFORE_REMEMBERING} checks of a call, so that the usual
 * small value costs a count, not a Map; past them, the repeats are bounded
 * by that many. One Map by value, each value's checks in a short list: the
 * options of a choice check one value in turn, and a Map per check function
 * made for each call was a third of such a guard's time (BiDi's
 * `script.LocalValue`). A list is as long as the number of rules that check
 * one value, which the schema bounds.
 */
let checked: Map<unknown, KnownCheck> | null = null;
let checksOpen = false;

/** Checks of rules that recur, in one call, before what they find is remembered. */
export const CHECKS_BEFORE_REMEMBERING = 256;
/** Outside a call that remembers: a count that takes 2^30 checks to run out, when it is set again. */
const NOT_COUNTING = 2 ** 30;
/** Checks left before remembering starts: below 1 once it has (one count, so that the usual check tests one number). */
let checksLeft = NOT_COUNTING;

/** What one check found for one value, and the value's next check. */
interface KnownCheck {
  readonly check: unknown;
  passed: number;
  failed: number;
  /** Where a check that reports problems first met the value (see {@link recallCheck}), or null. */
  reportedAt: string | null;
  readonly next: KnownCheck | undefined;
}

/** -0 apart from 0 (a Map takes them as one key), for checks that tell them apart. */
const NEGATIVE_ZERO = Symbol('-0');

function checkedKey(value: unknown): unknown {
  return value === 0 && Object.is(value, -0) ? NEGATIVE_ZERO : value;
}

/** Starts remembering checks, unless already started; true when this call started it (and so must close it). */
export function openChecks(): boolean {
  if (checksOpen) return false;
  checksOpen = true;
  checksLeft = CHECKS_BEFORE_REMEMBERING;
  return true;
}

/** Forgets what the checks found, when `opened` (the call that started remembering). */
export function closeChecks(opened: boolean): void {
  if (!opened) return;
  checksOpen = false;
  checked = null;
  checksLeft = NOT_COUNTING;
}

/**
 * What `check` found for `value` at level `depth` before, when that tells: true, false, or undefined. A check that
 * reports problems (`problems`, at `path`) learns of a pass, which has none to report; a value that failed where it
 * was met before gets one problem here, that it is the same value as there, whose problems are listed at that path
 * (a value that holds one failing object in 2^30 places would otherwise list 2^30 times its problems).
 */
export function recallCheck(check: unknown, value: unknown, depth: number, problems: Problem[] | null, path: string): boolean | undefined {
  // Counting down to remembering: the first checks of a call are not remembered (see `checked`).
  return --checksLeft > 0 ? undefined : recalled(check, value, depth, problems, path);
}

/** {@link recallCheck} once the count has run out (out of line, so that the count stays small enough to inline). */
function recalled(check: unknown, value: unknown, depth: number, problems: Problem[] | null, path: string): boolean | undefined {
  if (!checksOpen) {
    checksLeft = NOT_COUNTING;
    return undefined;
  }
  checked ??= new Map();
  const known = knownCheck(checked, check, value);
  if (depth <= known.passed) return true;
  if (problems === null) return depth >= known.failed ? false : undefined;
  // Met first here, or again at the same path (an alternative that reports its problems after others were tried):
  // checked again, its problems reported here.
  if (known.reportedAt === null || known.reportedAt === path || depth < known.failed) {
    known.reportedAt ??= path;
    return undefined;
  }
  problems.push({ path, message: `the same value as at ${known.reportedAt === '' ? 'the top' : known.reportedAt}, whose problems are listed there` });
  return false;
}

/** `check`'s entry in the list of `value`'s checks, made if there is none. */
function knownCheck(checked: Map<unknown, KnownCheck>, check: unknown, value: unknown): KnownCheck {
  const key = checkedKey(value);
  const list = checked.get(key);
  let known = list;
  while (known !== undefined && known.check !== check) known = known.next;
  if (known === undefined) checked.set(key, (known = { check, passed: -1, failed: Infinity, reportedAt: null, next: list }));
  return known;
}

/** Notes that `check` found `ok` for `value` at level `depth` (while checks are remembered), and returns `ok`. */
export function rememberCheck(check: unknown, value: unknown, depth: number, ok: boolean): boolean {
  return checked === null ? ok : remembered(checked, check, value, depth, ok);
}

/** {@link rememberCheck} once checks are remembered (out of line, as {@link recalled}). */
function remembered(checked: Map<unknown, KnownCheck>, check: unknown, value: unknown, depth: number, ok: boolean): boolean {
  const known = knownCheck(checked, check, value);
  if (ok) known.passed = Math.max(known.passed, depth);
  else known.failed = Math.min(known.failed, depth);
  return ok;
}

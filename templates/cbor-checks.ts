/**
 * What the checks of one call of a generated isX, validateX or encodeX found,
 * for guards that try alternatives on one value: remembered so that nested
 * alternatives keep checks linear in the value. Part of the runtime (see
 * runtime.ts), copied verbatim beside the generated modules.
 */

/**
 * What the checks of one call of isX, validateX or encodeX found, by value
 * and check function: the deepest level at which it passed and the
 * shallowest at which it failed (a value that passes at a level passes
 * higher up, one that fails fails deeper down). Where alternatives are tried
 * in turn on the same value, each rule checks each value once this way, so
 * that nested alternatives keep the checks linear in the value. Open only
 * between {@link openChecks} and {@link closeChecks}: values may change
 * between calls. One Map by value, each value's checks in a short list: the
 * options of a choice check one value in turn, and a Map per check function
 * made for each call was a third of such a guard's time (BiDi's
 * `script.LocalValue`). A list is as long as the number of rules that check
 * one value, which the schema bounds.
 */
let checked: Map<unknown, KnownCheck> | null = null;
let checksOpen = false;

/** What one check found for one value, and the value's next check. */
interface KnownCheck {
  readonly check: unknown;
  passed: number;
  failed: number;
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
  return true;
}

/** Forgets what the checks found, when `opened` (the call that started remembering). */
export function closeChecks(opened: boolean): void {
  if (!opened) return;
  checksOpen = false;
  checked = null;
}

/** What `check` found for `value` at level `depth` before, when that tells: true, false, or undefined. */
export function recallCheck(check: unknown, value: unknown, depth: number): boolean | undefined {
  if (checked === null) return undefined;
  // The value's list of checks, to `check`'s entry.
  let known = checked.get(checkedKey(value));
  while (known !== undefined && known.check !== check) known = known.next;
  if (known === undefined) return undefined;
  if (depth <= known.passed) return true;
  if (depth >= known.failed) return false;
  return undefined;
}

/** Notes that `check` found `ok` for `value` at level `depth` (while checks are remembered), and returns `ok`. */
export function rememberCheck(check: unknown, value: unknown, depth: number, ok: boolean): boolean {
  if (!checksOpen) return ok;
  checked ??= new Map();
  const key = checkedKey(value);
  const list = checked.get(key);
  let known = list;
  while (known !== undefined && known.check !== check) known = known.next;
  if (known === undefined) checked.set(key, (known = { check, passed: -1, failed: Infinity, next: list }));
  if (ok) known.passed = Math.max(known.passed, depth);
  else known.failed = Math.min(known.failed, depth);
  return ok;
}

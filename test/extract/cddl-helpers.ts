/**
 * Test helpers for comparing extracted CDDL. `ruleNames` is a regex stand-in
 * for the real parser (to be replaced by a comparison of parsed rule names).
 */

/**
 * Names of the rules defined at the start of a line (`name =`, `name /=`,
 * `name //=`, with generic parameters). A stand-in for the real parser.
 */
export function ruleNames(cddl: string): string[] {
  const re = /^([A-Za-z@_$](?:[-.]*[A-Za-z0-9@_$])*)(?:<[^<>\n]*>)?\s*(?:\/\/=|\/=|=(?!>))/gm;
  return [...cddl.matchAll(re)].map((m) => m[1] as string);
}

/** CDDL with `;` comments (outside strings) removed and all whitespace collapsed to single spaces. */
export function normalizeCddl(cddl: string): string {
  const noComments = cddl.replace(/("(?:[^"\\\n]|\\.)*"|'(?:[^'\\]|\\.)*')|;[^\n]*/g, (_all, literal?: string) => literal ?? '');
  return noComments.replace(/\s+/g, ' ').trim();
}

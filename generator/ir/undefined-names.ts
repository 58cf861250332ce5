/**
 * What the one error about a schema's undefined names says of each (ir/build.ts gathers them): where it is
 * first used, and the defined name it most likely misspells.
 */
import type { Span } from '../diagnostics.js';
import { closest } from '../spelling.js';
import { preludeNames } from './prelude.js';

/** A name no rule defines, where it is first used. */
export interface NameUse {
  span: Span;
  name: string;
}

/** How many undefined names one error shows, with their places; the last one shown counts the rest. */
export const MAX_UNDEFINED_SHOWN = 20;

/**
 * A message per undefined name (at least one), in the order met, with the defined name or prelude name it
 * is most likely a typo of (`undefined name 'tsrt'; did you mean 'tstr'?`); `defined` is every name the
 * schema defines or uses, the undefined ones among them.
 */
export function undefinedNameMessages(uses: readonly NameUse[], defined: readonly string[]): [{ span: Span; message: string }, ...{ span: Span; message: string }[]] {
  const undefinedNames = new Set(uses.map((u) => u.name));
  const candidates = [...defined.filter((name) => !undefinedNames.has(name)), ...preludeNames()];
  const schemaNames = new Set(defined.filter((name) => !undefinedNames.has(name)));
  const messages = uses.slice(0, MAX_UNDEFINED_SHOWN).map(({ span, name }) => {
    // `uint..10` is one name (a name may hold dots, RFC 8610 Appendix B: id): meant as a range, it needs a space.
    const range = /^(.+?)(\.\.\.?)(.+)$/.exec(name);
    const bound = (part: string) => schemaNames.has(part) || /^-?\d/.test(part);
    if (range !== null && bound(range[1] as string) && bound(range[3] as string)) {
      return { span, message: `undefined name '${name}': a name may hold dots, so a range next to a name needs spaces around its '${range[2]}' ('${range[1]} ${range[2]} ${range[3]}')` };
    }
    const hint = closest(name, candidates);
    return { span, message: `undefined name '${name}'${hint === null ? '' : `; did you mean '${hint}'?`}` };
  });
  const more = uses.length - messages.length;
  const last = messages.at(-1);
  if (last !== undefined && more > 0 && messages.length > 1) last.message += ` (and ${more} more undefined name${more === 1 ? '' : 's'})`;
  return messages as [{ span: Span; message: string }, ...{ span: Span; message: string }[]];
}

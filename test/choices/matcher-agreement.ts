/**
 * The loop of the tests that hold typed code to the general matcher on fixed items (bignum-choices, fixed-items-probe,
 * choice-dispatch): each item decoded as one rule, and what it read checked. Not a test file itself.
 */
import { expect } from 'vitest';
import { hex, toHex } from '../support/hex.js';
import type { GeneratedModule } from './generate.js';

type Fn = (value: unknown) => unknown;

/**
 * The items (hex) that `decode<name>` of `mod` takes; a refusal must be a DecodeError. For each taken: `is<name>`
 * passes what it read, and what `encode<name>` writes back the matcher takes (`matcherTakes`); `more` checks the
 * rest (the value read, and the bytes written back). `refused` gets each item refused, with its error.
 */
export function itemsTaken(mod: GeneratedModule, name: string, items: readonly string[], matcherTakes: (bytes: Uint8Array) => boolean, more?: (item: string, value: unknown, again: Uint8Array) => void, refused?: (item: string, error: Error) => void): string[] {
  const taken: string[] = [];
  for (const item of items) {
    let value: unknown;
    try {
      value = (mod[`decode${name}`] as Fn)(hex(item));
    } catch (error) {
      expect((error as Error).name, item).toBe('DecodeError');
      refused?.(item, error as Error);
      continue;
    }
    taken.push(item);
    expect((mod[`is${name}`] as Fn)(value), item).toBe(true);
    const again = (mod[`encode${name}`] as Fn)(value) as Uint8Array;
    expect(matcherTakes(again), `${item} written as ${toHex(again)}`).toBe(true);
    more?.(item, value, again);
  }
  return taken;
}

/** Whether `decode<name>` of `mod` takes `item` (hex). */
export function decodes(mod: GeneratedModule, name: string, item: string): boolean {
  try {
    (mod[`decode${name}`] as Fn)(hex(item));
    return true;
  } catch {
    return false;
  }
}

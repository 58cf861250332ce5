/** The internal function names of a rule, derived from its one TypeScript name (assigned in ir/naming.ts). */
import type { IrRule } from '../ir/types.js';

export function readFunctionName(rule: IrRule): string {
  return `read${rule.tsName}`;
}

export function writeFunctionName(rule: IrRule): string {
  return `write${rule.tsName}`;
}

export function checkFunctionName(rule: IrRule): string {
  return `check${rule.tsName}`;
}

/**
 * Before a call that makes a public function (`decoder(readX)`, runtime.ts): tells bundlers the call has no side
 * effects, so that an export nobody imports is left out of a bundle, as an unused function declaration is.
 */
export const PURE = '/*#__PURE__*/';

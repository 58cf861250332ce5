/** Text output of `mimi-codegen diff`: one line per change, then a summary. */
import { formatLocation } from '../diagnostics.js';
import type { SchemaChange } from './index.js';

/**
 * `BREAKING  PerMessageStatus.status  enumeration value 'read' renumbered 2 → 9  (new.cddl:11:5)`
 * per change (the location is the new definition, or the old one for removals),
 * then `2 breaking, 1 compatible`.
 */
export function formatChanges(changes: readonly SchemaChange[]): string {
  const lines = changes.map((c) => {
    const span = c.new ?? c.old;
    const where = span === undefined ? '' : `  (${formatLocation(span)})`;
    return `${c.severity === 'breaking' ? 'BREAKING' : 'compatible'}  ${c.path}  ${c.message}${where}`;
  });
  const breaking = changes.filter((c) => c.severity === 'breaking').length;
  lines.push(changes.length === 0 ? 'no changes' : `${breaking} breaking, ${changes.length - breaking} compatible`);
  return `${lines.join('\n')}\n`;
}

export function hasBreaking(changes: readonly SchemaChange[]): boolean {
  return changes.some((c) => c.severity === 'breaking');
}

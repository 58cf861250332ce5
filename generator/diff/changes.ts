/** What `diffSchemas` reports: one change, its kind, and whether it breaks (docs/diff.md, and diff/index.ts's header). */
import type { IrSpan } from '../ir/types.js';

export type Severity = 'breaking' | 'compatible';

export type ChangeKind =
  | 'rule-added'
  | 'rule-removed'
  | 'rule-renamed'
  | 'root-changed'
  | 'shape-changed'
  | 'type-changed'
  | 'tag-changed'
  | 'value-set-narrowed'
  | 'value-set-widened'
  | 'value-set-changed'
  | 'enum-value-added'
  | 'enum-value-removed'
  | 'enum-value-renumbered'
  | 'enum-value-renamed'
  | 'enum-value-changed'
  | 'member-added'
  | 'member-removed'
  | 'member-moved'
  | 'member-renamed'
  | 'member-made-optional'
  | 'member-made-required'
  | 'occurrence-changed'
  | 'choice-option-added'
  | 'choice-option-removed';

export interface SchemaChange {
  kind: ChangeKind;
  severity: Severity;
  /** The rule being compared when the change was found (the new name when the root was renamed). */
  rule: string;
  /** Where in that rule: `PerMessageStatus.status`, `Report[1]`, `Report.items[*]`. */
  path: string;
  message: string;
  /** Where the changed thing is defined in the old revision (absent for additions). */
  old?: IrSpan;
  /** Where it is defined in the new revision (absent for removals). */
  new?: IrSpan;
}

/** Where a comparison is: the rule, the path in it, both revisions' places. */
export interface Loc {
  rule: string;
  path: string;
  old: IrSpan;
  new: IrSpan;
  /** The root rule's own type: shape changes there are "top-level". */
  top: boolean;
}

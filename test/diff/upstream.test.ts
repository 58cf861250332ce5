/** The diff on real revisions of the MIMI message-status schema, as published. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diffSchemas } from '../../generator/diff/index.js';
import { formatChanges } from '../../generator/diff/format.js';
import { compileIr } from '../../generator/index.js';

const UPSTREAM = fileURLToPath(new URL('../../../shared/upstream/mimi-message-status/', import.meta.url));
const CONTENT_05 = 'draft-ietf-mimi-content-05-delivery-report.cddl';
const STATUS_00 = 'draft-mahy-mimi-message-status-00.cddl';
const STATUS_01 = 'draft-mahy-mimi-message-status-01.cddl';

function ir(file: string) {
  return compileIr([{ path: file, text: readFileSync(`${UPSTREAM}${file}`, 'utf8') }]);
}

describe('draft-ietf-mimi-content-05 delivery report → draft-mahy-mimi-message-status-00', () => {
  const changes = diffSchemas(ir(CONTENT_05), ir(STATUS_00));

  it('is breaking: the root lost its timestamp and became the list of statuses, and Timestamp is gone', () => {
    expect(changes).toEqual([
      {
        kind: 'shape-changed',
        severity: 'breaking',
        rule: 'MessageStatusReport',
        path: 'MessageStatusReport',
        message:
          "top-level shape changed from a 2-member array [timestamp: Timestamp, statuses: [* PerMessageStatus]] to a list [* PerMessageStatus], the shape the old member 'statuses' had",
        old: { file: CONTENT_05, line: 1, col: 1 },
        new: { file: STATUS_00, line: 1, col: 1 },
      },
      {
        kind: 'rule-removed',
        severity: 'breaking',
        rule: 'Timestamp',
        path: 'Timestamp',
        message: "rule 'Timestamp' removed; it was reachable from the root MessageStatusReport",
        old: { file: CONTENT_05, line: 23, col: 1 },
      },
    ]);
  });

  it('compares PerMessageStatus, the statuses and MessageId too, and finds them unchanged', () => {
    expect(changes.filter((c) => ['PerMessageStatus', 'baseStatus', 'unknownStatus', 'MessageId'].includes(c.rule))).toEqual([]);
  });

  it('prints one line per change and a summary', () => {
    expect(formatChanges(changes)).toBe(
      [
        `BREAKING  MessageStatusReport  top-level shape changed from a 2-member array [timestamp: Timestamp, statuses: [* PerMessageStatus]] to a list [* PerMessageStatus], the shape the old member 'statuses' had  (${STATUS_00}:1:1)`,
        `BREAKING  Timestamp  rule 'Timestamp' removed; it was reachable from the root MessageStatusReport  (${CONTENT_05}:23:1)`,
        '2 breaking, 0 compatible',
        '',
      ].join('\n'),
    );
  });

  it('the other way round, the timestamp array is named as the old shape wrapped', () => {
    const back = diffSchemas(ir(STATUS_00), ir(CONTENT_05));
    expect(back.map((c) => [c.kind, c.severity, c.path, c.message])).toEqual([
      [
        'shape-changed',
        'breaking',
        'MessageStatusReport',
        "top-level shape changed from a list [* PerMessageStatus] to a 2-member array [timestamp: Timestamp, statuses: [* PerMessageStatus]], whose member 'statuses' has the old shape",
      ],
      ['rule-added', 'compatible', 'Timestamp', "rule 'Timestamp' added"],
    ]);
  });
});

describe('draft-mahy-mimi-message-status-00 → -01', () => {
  it('has no changes', () => {
    const changes = diffSchemas(ir(STATUS_00), ir(STATUS_01));
    expect(changes).toEqual([]);
    expect(formatChanges(changes)).toBe('no changes\n');
  });
});

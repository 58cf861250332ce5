/** Each kind of change, on crafted pairs of schemas: kind, severity, path, message and locations. */
import { describe, expect, it } from 'vitest';
import { diffSchemas, type SchemaChange } from '../../generator/diff/index.js';
import { compileIr } from '../../generator/index.js';

function diff(oldText: string, newText: string): SchemaChange[] {
  return diffSchemas(compileIr([{ path: 'old.cddl', text: oldText }]), compileIr([{ path: 'new.cddl', text: newText }]));
}

/** The changes without their locations: [severity, kind, path, message]. */
function brief(oldText: string, newText: string): [string, string, string, string][] {
  return diff(oldText, newText).map((c) => [c.severity, c.kind, c.path, c.message]);
}

const STATUS = `Report = [ * PerMessageStatus ]
PerMessageStatus = [
    messageId: MessageId,
    status: baseStatus / $extStatus / unknownStatus
]
baseStatus = &(
    unread: 0,
    delivered: 1,
    read: 2,
)
unknownStatus = &( unknown: 7..255 )
MessageId = bstr .size 32
`;

function status(edit: (text: string) => string): [string, string] {
  const edited = edit(STATUS);
  expect(edited).not.toBe(STATUS);
  return [STATUS, edited];
}

describe('identical schemas', () => {
  it('have no changes, whatever the comments and layout', () => {
    expect(diff(STATUS, `; a comment\n${STATUS.replace('[ * PerMessageStatus ]', '[\n  * PerMessageStatus\n]\n')}`)).toEqual([]);
  });
});

describe('rules', () => {
  it('added: compatible', () => {
    expect(diff('R = [ a: uint ]', 'R = [ a: uint ]\nExtra = tstr')).toEqual([
      { kind: 'rule-added', severity: 'compatible', rule: 'Extra', path: 'Extra', message: "rule 'Extra' added", new: { file: 'new.cddl', line: 2, col: 1 } },
    ]);
  });

  it('removed: breaking when it was reachable from the root', () => {
    expect(brief('R = [ a: A ]\nA = [ x: uint ]', 'R = [ a: [ x: uint ] ]')).toEqual([
      ['breaking', 'rule-removed', 'A', "rule 'A' removed; it was reachable from the root R"],
    ]);
  });

  it('removed: compatible when nothing reached it', () => {
    expect(diff('R = [ a: uint ]\nU = tstr', 'R = [ a: uint ]')).toEqual([
      { kind: 'rule-removed', severity: 'compatible', rule: 'U', path: 'U', message: "rule 'U' removed; it was not reachable from the root R", old: { file: 'old.cddl', line: 2, col: 1 } },
    ]);
  });

  it('renamed (the old one gone, a new one that encodes the same used in its place): compatible', () => {
    expect(diff('A = [ b: B ]\nB = { ? next: A, x: uint }', 'A = [ b: C ]\nC = { ? next: A, x: uint }')).toEqual([
      {
        kind: 'rule-renamed',
        severity: 'compatible',
        rule: 'C',
        path: 'C',
        message: "rule renamed 'B' → 'C'; the places that use it encode the same",
        old: { file: 'old.cddl', line: 2, col: 1 },
        new: { file: 'new.cddl', line: 2, col: 1 },
      },
    ]);
    expect(brief('R = [ id: MessageId ]\nMessageId = bstr .size 32', 'R = [ id: MsgId ]\nMsgId = bstr .size 32')).toEqual([
      ['compatible', 'rule-renamed', 'MsgId', "rule renamed 'MessageId' → 'MsgId'; the places that use it encode the same"],
    ]);
  });

  it('replaced by a rule that encodes differently: the difference where it is used, the old rule removed, the new one added', () => {
    expect(brief('A = [ a: pair<uint, tstr> ]\npair<K, V> = [ k: K, v: V ]', 'A = [ a: pair<uint, bstr> ]\npair<K, V> = [ k: K, v: V ]')).toEqual([
      ['breaking', 'type-changed', 'A.a.v', 'type changed from tstr to bstr; no value is valid in both'],
      ['breaking', 'rule-removed', 'pair<uint, tstr>', "rule 'pair<uint, tstr>' removed; it was reachable from the root A"],
      ['compatible', 'rule-added', 'pair<uint, bstr>', "rule 'pair<uint, bstr>' added"],
    ]);
  });

  it('another rule first: the root changed, compared with the old root', () => {
    expect(brief('R = [ a: uint ]\nS = [ a: uint ]', 'S = [ a: uint ]\nR = [ a: uint ]')).toEqual([['compatible', 'root-changed', 'S', "root changed from 'R' to 'S'"]]);
    expect(brief('R = [ a: uint ]\nS = { a: uint }', 'S = { a: uint }\nR = [ a: uint ]')).toEqual([
      ['compatible', 'root-changed', 'S', "root changed from 'R' to 'S'"],
      ['breaking', 'shape-changed', 'S', 'top-level shape changed from a 1-member array [a: uint] to a map {a: uint}'],
    ]);
  });

  it('the root renamed: compatible, and its content is compared', () => {
    expect(brief('R = [ a: uint ]', 'S = [ a: uint, b: uint ]')).toEqual([
      ['compatible', 'root-changed', 'S', "root rule renamed 'R' → 'S'; the encoding is unchanged unless reported below"],
      ['breaking', 'member-added', 'S.b', "member 'b' added at the end; old decoders reject new arrays, new decoders reject old ones"],
    ]);
  });
});

describe('enumeration values', () => {
  it('renumbered (same name, other value): breaking, located at the value', () => {
    expect(diff(...status((t) => t.replace('read: 2', 'read: 9')))).toEqual([
      {
        kind: 'enum-value-renumbered',
        severity: 'breaking',
        rule: 'PerMessageStatus',
        path: 'PerMessageStatus.status',
        message: "enumeration value 'read' renumbered 2 → 9",
        old: { file: 'old.cddl', line: 9, col: 5 },
        new: { file: 'new.cddl', line: 9, col: 5 },
      },
    ]);
  });

  it('renamed (same value, other name): compatible', () => {
    expect(brief(...status((t) => t.replace('read: 2', 'seen: 2')))).toEqual([
      ['compatible', 'enum-value-renamed', 'PerMessageStatus.status', "enumeration value 2 renamed 'read' → 'seen'; the encoding is unchanged"],
    ]);
  });

  it('added inside a range old decoders accept (unknown: 7..255): compatible', () => {
    expect(diff(...status((t) => t.replace('read: 2,', 'read: 2,\n    starred: 8,')))).toEqual([
      {
        kind: 'enum-value-added',
        severity: 'compatible',
        rule: 'PerMessageStatus',
        path: 'PerMessageStatus.status',
        message: "enumeration value 'starred' (8) added; old decoders already accept 8 as 'unknown' (7..255)",
        new: { file: 'new.cddl', line: 10, col: 5 },
      },
    ]);
  });

  it('added by an extension file into the socket: compatible for the same reason', () => {
    const changes = diffSchemas(
      compileIr([{ path: 'old.cddl', text: STATUS }]),
      compileIr([
        { path: 'new.cddl', text: STATUS },
        { path: 'acme.cddl', text: '$extStatus /= &( starred: 8 )\n' },
      ]),
    );
    expect(changes).toEqual([
      {
        kind: 'enum-value-added',
        severity: 'compatible',
        rule: 'PerMessageStatus',
        path: 'PerMessageStatus.status',
        message: "enumeration value 'starred' (8) added; old decoders already accept 8 as 'unknown' (7..255)",
        new: { file: 'acme.cddl', line: 1, col: 18 },
      },
    ]);
  });

  it('added outside every value old decoders accept: breaking', () => {
    expect(brief(...status((t) => t.replace('read: 2,', 'read: 2,\n    huge: 300,')))).toEqual([
      ['breaking', 'enum-value-added', 'PerMessageStatus.status', "enumeration value 'huge' (300) added; old decoders reject 300"],
    ]);
    // 3..6 is in no old value either: a gap is not an "unknown" range.
    expect(brief(...status((t) => t.replace('read: 2,', 'read: 2,\n    gap: 4,')))).toEqual([
      ['breaking', 'enum-value-added', 'PerMessageStatus.status', "enumeration value 'gap' (4) added; old decoders reject 4"],
    ]);
  });

  it('added where the old schema had no open range: breaking', () => {
    expect(brief('S = &( a: 0, b: 1 )', 'S = &( a: 0, b: 1, c: 2 )')).toEqual([['breaking', 'enum-value-added', 'S', "enumeration value 'c' (2) added; old decoders reject 2"]]);
  });

  it('removed: breaking, and the message says whether the value is still accepted', () => {
    expect(diff(...status((t) => t.replace('    read: 2,\n', '')))).toEqual([
      {
        kind: 'enum-value-removed',
        severity: 'breaking',
        rule: 'PerMessageStatus',
        path: 'PerMessageStatus.status',
        message: "enumeration value 'read' (2) removed; new decoders reject 2",
        old: { file: 'old.cddl', line: 9, col: 5 },
      },
    ]);
    // The range grew to take the value in: the range itself accepts nothing new, but 'b' lost its meaning.
    expect(brief('S = &( a: 0, b: 1, other: 2..9 )', 'S = &( a: 0, other: 1..9 )')).toEqual([
      ['compatible', 'enum-value-changed', 'S', "enumeration value 'other' changed 2..9 → 1..9; both revisions accept the same values"],
      ['breaking', 'enum-value-removed', 'S', "enumeration value 'b' (1) removed; new decoders still accept 1 as 'other' (1..9), but no longer by that name"],
    ]);
  });

  it('a named range narrowed: breaking, naming the values lost', () => {
    expect(brief(...status((t) => t.replace('7..255', '7..127')))).toEqual([
      ['breaking', 'enum-value-changed', 'PerMessageStatus.status', "enumeration value 'unknown' changed 7..255 → 7..127; new decoders reject 128..255"],
    ]);
  });

  it('a named range widened: breaking for old decoders', () => {
    expect(brief(...status((t) => t.replace('7..255', '7..65535')))).toEqual([
      ['breaking', 'enum-value-changed', 'PerMessageStatus.status', "enumeration value 'unknown' changed 7..255 → 7..65535; old decoders reject 256..65535"],
    ]);
  });

  it('text values renumbered', () => {
    expect(brief('A = &( a: "x", b: "y" )', 'A = &( a: "x", b: "z" )')).toEqual([['breaking', 'enum-value-renumbered', 'A', `enumeration value 'b' renumbered "y" → "z"`]]);
  });

  it('a change in a shared enumeration is reported once per place that uses it', () => {
    const two = (v: string) => `R = [ a: S, b: [ * S ] ]\nS = &( x: 0, y: ${v} )`;
    expect(brief(two('1'), two('2'))).toEqual([['breaking', 'enum-value-renumbered', 'R.a', "enumeration value 'y' renumbered 1 → 2"]]);
  });
});

describe('value sets', () => {
  it('`any .size R` is compared as the emitter reads it: uint .size R / bstr .size R / tstr .size R', () => {
    expect(brief('T = any .size 2', 'T = uint .size 2 / bstr .size 2 / tstr .size 2')).toEqual([]);
    expect(brief('T = any .size 4', 'T = uint .size 4')).toEqual([['breaking', 'value-set-narrowed', 'T', 'value set narrowed from any .size 4 to uint .size 4; new decoders reject old values']]);
    expect(brief('T = any .size (0..4)', 'T = any .size (0..8)')).toEqual([
      ['breaking', 'value-set-widened', 'T', 'value set widened from any .size (0..4) to any .size (0..8); old decoders reject the new values, new decoders accept all old ones'],
    ]);
  });

  it('narrowed: breaking, new decoders reject old values', () => {
    expect(diff('R = [ t: Ts ]\nTs = uint .size 8', 'R = [ t: Ts ]\nTs = uint .size 4')).toEqual([
      {
        kind: 'value-set-narrowed',
        severity: 'breaking',
        rule: 'R',
        path: 'R.t',
        message: 'value set narrowed from uint .size 8 to uint .size 4; new decoders reject old values (4294967296..18446744073709551615)',
        old: { file: 'old.cddl', line: 2, col: 1 },
        new: { file: 'new.cddl', line: 2, col: 1 },
      },
    ]);
    expect(brief('T = bstr .size (1..32)', 'T = bstr .size (1..16)')).toEqual([
      ['breaking', 'value-set-narrowed', 'T', 'value set narrowed from bstr .size (1..32) to bstr .size (1..16); new decoders reject old values'],
    ]);
    expect(brief('A = [ x: uint / null ]', 'A = [ x: uint ]')).toEqual([['breaking', 'value-set-narrowed', 'A.x', 'value set narrowed from uint / null to uint; new decoders reject old values']]);
  });

  it('widened: breaking, old decoders reject new values (new decoders accept all old ones)', () => {
    expect(brief('T = uint .size 4', 'T = uint .size 8')).toEqual([
      ['breaking', 'value-set-widened', 'T', 'value set widened from uint .size 4 to uint .size 8; old decoders reject the new values (4294967296..18446744073709551615), new decoders accept all old ones'],
    ]);
    expect(brief('Tree = [ v: uint, kids: [ * Tree ] ]', 'Tree = [ v: int, kids: [ * Tree ] ]')).toEqual([
      ['breaking', 'value-set-widened', 'Tree.v', 'value set widened from uint to int; old decoders reject the new values (-18446744073709551616..-1), new decoders accept all old ones'],
    ]);
  });

  it('a range moved: breaking both ways', () => {
    expect(brief('T = 0..10', 'T = 5..20')).toEqual([
      ['breaking', 'value-set-changed', 'T', 'value set changed from 0..10 to 5..20; old decoders reject some new values (11..20), new decoders reject some old values (0..4)'],
    ]);
  });

  it('an exact size changed: the same type, but no value in common', () => {
    expect(diff('R = [ id: MessageId ]\nMessageId = bstr .size 32', 'R = [ id: MessageId ]\nMessageId = bstr .size 16')).toEqual([
      {
        kind: 'value-set-changed',
        severity: 'breaking',
        rule: 'R',
        path: 'R.id',
        message: 'value set changed from bstr .size 32 to bstr .size 16; no value is valid in both',
        old: { file: 'old.cddl', line: 2, col: 1 },
        new: { file: 'new.cddl', line: 2, col: 1 },
      },
    ]);
  });

  it('another type altogether: type-changed', () => {
    expect(brief('T = uint', 'T = tstr')).toEqual([['breaking', 'type-changed', 'T', 'type changed from uint to tstr; no value is valid in both']]);
  });

  it('inside a tag, and the tag number itself', () => {
    const ts = (t: string) => `R = [ t: Ts ]\nTs = ${t}`;
    expect(brief(ts('#6.62(uint .size 8)'), ts('#6.62(uint .size 4)'))).toEqual([
      ['breaking', 'value-set-narrowed', 'R.t', 'value set narrowed from #6.62(uint .size 8) to #6.62(uint .size 4); new decoders reject old values'],
    ]);
    expect(brief(ts('#6.62(uint)'), ts('#6.1(uint)'))).toEqual([['breaking', 'type-changed', 'R.t', 'type changed from #6.62(uint) to #6.1(uint); no value is valid in both']]);
    expect(brief('R = #6.62([ a: uint ])', 'R = #6.63([ a: uint ])')).toEqual([
      ['breaking', 'tag-changed', 'R', "tag changed from #6.62 to #6.63; decoders of each revision reject the other's tag"],
    ]);
  });
});

describe('array members', () => {
  it('an optional member added at the end: breaking for old decoders', () => {
    expect(diff(...status((t) => t.replace('unknownStatus\n]', 'unknownStatus,\n    ? note: tstr\n]')))).toEqual([
      {
        kind: 'member-added',
        severity: 'breaking',
        rule: 'PerMessageStatus',
        path: 'PerMessageStatus.note',
        message: "optional member 'note' added at the end; old decoders reject arrays that carry it",
        new: { file: 'new.cddl', line: 5, col: 5 },
      },
    ]);
  });

  it('a required member added at the end: breaking both ways', () => {
    expect(brief('R = [ a: uint ]', 'R = [ a: uint, b: tstr ]')).toEqual([
      ['breaking', 'member-added', 'R.b', "member 'b' added at the end; old decoders reject new arrays, new decoders reject old ones"],
    ]);
  });

  it('inserted before others: breaking, naming the members that shift', () => {
    expect(brief(...status((t) => t.replace('    status:', '    flags: uint,\n    status:')))).toEqual([
      ['breaking', 'member-added', 'PerMessageStatus.flags', "member 'flags' inserted at [1]; the members after it move; 'status' moves from [1] to [2]"],
    ]);
    // Through a spliced group.
    expect(brief('A = [ G, z: uint ]\nG = ( x: uint, y: tstr )', 'A = [ G, z: uint ]\nG = ( x: uint, w: uint, y: tstr )')).toEqual([
      ['breaking', 'member-added', 'A.w', "member 'w' inserted at [1]; the members after it move; 'y' moves from [1] to [2], 'z' moves from [2] to [3]"],
    ]);
  });

  it('removed: breaking, from the front (the rest shift) or the end', () => {
    expect(diff(...status((t) => t.replace('    messageId: MessageId,\n', '')))).toEqual([
      {
        kind: 'member-removed',
        severity: 'breaking',
        rule: 'PerMessageStatus',
        path: 'PerMessageStatus.messageId',
        message: "member 'messageId' removed from [0]; the members after it move; 'status' moves from [1] to [0]",
        old: { file: 'old.cddl', line: 3, col: 5 },
      },
    ]);
    expect(brief('R = [ a: uint, b: tstr ]', 'R = [ a: uint ]')).toEqual([
      ['breaking', 'member-removed', 'R.b', "member 'b' removed from the end; new decoders reject old arrays, old decoders reject new ones"],
    ]);
    expect(brief('R = [ a: uint, ? b: tstr ]', 'R = [ a: uint ]')).toEqual([
      ['breaking', 'member-removed', 'R.b', "optional member 'b' removed from the end; new decoders reject old arrays that carry it"],
    ]);
  });

  it('unnamed members are named by position', () => {
    expect(brief('R = [ uint, tstr ]', 'R = [ uint, bstr ]')).toEqual([['breaking', 'type-changed', 'R[1]', 'type changed from tstr to bstr; no value is valid in both']]);
    expect(brief('R = [ uint ]', 'R = [ uint, bstr ]')).toEqual([
      ['breaking', 'member-added', 'R[1]', "member '[1]' added at the end; old decoders reject new arrays, new decoders reject old ones"],
    ]);
  });

  it('retyped: the member path and the type change', () => {
    expect(diff(...status((t) => t.replace('messageId: MessageId', 'messageId: tstr')))).toEqual([
      {
        kind: 'type-changed',
        severity: 'breaking',
        rule: 'PerMessageStatus',
        path: 'PerMessageStatus.messageId',
        message: 'type changed from bstr .size 32 to tstr; no value is valid in both',
        old: { file: 'old.cddl', line: 3, col: 5 },
        new: { file: 'new.cddl', line: 3, col: 5 },
      },
    ]);
  });

  it('renamed in place: compatible', () => {
    expect(brief(...status((t) => t.replace('messageId: MessageId', 'id: MessageId')))).toEqual([
      ['compatible', 'member-renamed', 'PerMessageStatus.id', "member [0] renamed 'messageId' → 'id'; array members are encoded by position, not by name"],
    ]);
  });

  it('moved: breaking', () => {
    const swapped = STATUS.replace(
      '    messageId: MessageId,\n    status: baseStatus / $extStatus / unknownStatus',
      '    status: baseStatus / $extStatus / unknownStatus,\n    messageId: MessageId',
    );
    expect(brief(STATUS, swapped)).toEqual([
      ['breaking', 'member-moved', 'PerMessageStatus.messageId', "member 'messageId' moved from [0] to [1]; decoders of each revision read it at the wrong position"],
    ]);
  });

  it('made optional / made required: breaking for old / new decoders', () => {
    expect(brief(...status((t) => t.replace('messageId: MessageId', '? messageId: MessageId')))).toEqual([
      ['breaking', 'member-made-optional', 'PerMessageStatus.messageId', "member 'messageId' made optional; old decoders reject new messages that leave it out"],
    ]);
    expect(brief('R = [ a: uint, ? b: uint ]', 'R = [ a: uint, b: uint ]')).toEqual([
      ['breaking', 'member-made-required', 'R.b', "member 'b' made required; new decoders reject old messages that leave it out"],
    ]);
  });

  it('the number of items of a list changed', () => {
    expect(brief(...status((t) => t.replace('[ * PerMessageStatus ]', '[ + PerMessageStatus ]')))).toEqual([
      ['breaking', 'occurrence-changed', 'Report[*]', 'occurrence of the items changed from * to +; new decoders reject some old messages'],
    ]);
    expect(brief('R = [ 1*4 uint ]', 'R = [ 1*8 uint ]')).toEqual([
      ['breaking', 'occurrence-changed', 'R[*]', 'occurrence of the items changed from 1*4 to 1*8; old decoders reject some new messages'],
    ]);
  });
});

describe('map members', () => {
  it('added and removed; keys compared as written on the wire', () => {
    expect(brief('M = { a: uint, ? b: tstr }', 'M = { a: uint, ? c: tstr, d: int }')).toEqual([
      ['breaking', 'member-removed', 'M.b', "optional member 'b' removed; new decoders reject old maps that carry it"],
      ['breaking', 'member-added', 'M.c', "optional member 'c' added; old decoders reject maps that carry it"],
      ['breaking', 'member-added', 'M.d', "member 'd' added; old decoders reject new maps, new decoders reject old ones"],
    ]);
    expect(brief('M = { 1 => uint }', 'M = { ? 1 => uint }')).toEqual([['breaking', 'member-made-optional', 'M.1', "member '1' made optional; old decoders reject new messages that leave it out"]]);
    // The same key written two ways.
    expect(brief('M = { 1 => uint, "a" => tstr }', 'M = { 1: uint, a: tstr }')).toEqual([]);
    // A text key is the name: renaming it changes the wire.
    expect(brief('M = { a: uint }', 'M = { b: uint }')).toEqual([
      ['breaking', 'member-removed', 'M.a', "member 'a' removed; new decoders reject old maps, old decoders reject new ones"],
      ['breaking', 'member-added', 'M.b', "member 'b' added; old decoders reject new maps, new decoders reject old ones"],
    ]);
  });

  it('an optional member added where the old map had a wildcard: compatible', () => {
    expect(diff('M = { a: uint, * tstr => any }', 'M = { a: uint, ? c: tstr, * tstr => any }')).toEqual([
      {
        kind: 'member-added',
        severity: 'compatible',
        rule: 'M',
        path: 'M.c',
        message: "optional member 'c' added; old decoders already accept it through 'tstr => any'",
        new: { file: 'new.cddl', line: 1, col: 16 },
      },
    ]);
  });

  it('a member retyped', () => {
    expect(brief('M = { a: uint }', 'M = { a: uint .size 2 }')).toEqual([
      ['breaking', 'value-set-narrowed', 'M.a', 'value set narrowed from uint to uint .size 2; new decoders reject old values (65536..18446744073709551615)'],
    ]);
  });
});

describe('shapes', () => {
  it('the top level changed from a positional array to a map', () => {
    expect(brief('R = [ a: uint, b: tstr ]', 'R = { a: uint, b: tstr }')).toEqual([
      ['breaking', 'shape-changed', 'R', 'top-level shape changed from a 2-member array [a: uint, b: tstr] to a map {a: uint, b: tstr}'],
    ]);
  });

  it('a member changed from a scalar to an array', () => {
    expect(brief('R = [ a: uint ]', 'R = [ a: [ * uint ] ]')).toEqual([['breaking', 'shape-changed', 'R.a', 'shape changed from uint to a list [* uint]']]);
  });

  it('an alternative added to a choice of arrays and maps', () => {
    expect(brief('R = [ a: X ]\nX = [ b: uint ] / { c: uint }', 'R = [ a: X ]\nX = [ b: uint ] / { c: uint } / [ d: tstr, e: tstr ]')).toEqual([
      ['breaking', 'choice-option-added', 'X', 'alternative [d: tstr, e: tstr] added; old decoders reject it'],
    ]);
    expect(brief('R = [ a: uint ] / { b: uint }', 'R = [ a: uint ]')).toEqual([['breaking', 'choice-option-removed', 'R', 'alternative {b: uint} removed; new decoders reject it']]);
  });

  it('a rule reached only through a changed shape is still compared, at its own name', () => {
    expect(brief('R = [ a: [ x: P ] ]\nP = [ n: uint ]', 'R = [ a: { x: P } ]\nP = [ n: uint, m: uint ]')).toEqual([
      ['breaking', 'shape-changed', 'R.a', 'shape changed from a 1-member array [x: P] to a map {x: P}'],
      ['breaking', 'member-added', 'P.m', "member 'm' added at the end; old decoders reject new arrays, new decoders reject old ones"],
    ]);
  });
});

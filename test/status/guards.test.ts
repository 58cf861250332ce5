/**
 * Encoders refuse invalid values with an EncodeError listing every problem;
 * validateX lists every problem with its path; isX agrees with validateX.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BaseStatus,
  EncodeError,
  decodeMessageStatusReport,
  encodeMessageId,
  encodeMessageStatusReport,
  encodePerMessageStatus,
  isBaseStatus,
  isDecodeError,
  isEncodeError,
  isMessageId,
  isMessageStatusReport,
  isPerMessageStatus,
  isUnknownStatus,
  validateBaseStatus,
  validateMessageId,
  validateMessageStatusReport,
  validatePerMessageStatus,
  validateUnknownStatus,
  type MessageStatusReport,
} from '../../generated/mimi-message-status.js';
import { id32 } from './helpers.js';

/** Runs `f`, asserts it throws an EncodeError, and returns it. */
function encodeErrorOf(f: () => unknown): EncodeError {
  let thrown: unknown;
  try {
    f();
  } catch (e) {
    thrown = e;
  }
  if (thrown === undefined) throw new Error('expected an EncodeError, nothing was thrown');
  if (!(thrown instanceof EncodeError)) throw new Error(`expected an EncodeError, got ${String(thrown)}`);
  expect(isEncodeError(thrown)).toBe(true);
  expect(isDecodeError(thrown)).toBe(false);
  return thrown;
}

/** The encoder's signature is typed; these tests deliberately pass anything. */
const encodeAny = (v: unknown): Uint8Array => encodeMessageStatusReport(v as MessageStatusReport);

const good = (i: number, status = 2): { messageId: Uint8Array; status: number } => ({ messageId: id32(i), status });

interface Case {
  name: string;
  value: unknown;
  problems: { path: string; message: RegExp }[];
}

const cases: Case[] = [
  { name: 'ID of 31 bytes', value: [good(0), { messageId: new Uint8Array(31), status: 1 }], problems: [{ path: '[1].messageId', message: /expected a byte string of 32 bytes, got a Uint8Array of 31 bytes/ }] },
  { name: 'ID of 33 bytes', value: [{ messageId: new Uint8Array(33), status: 1 }], problems: [{ path: '[0].messageId', message: /got a Uint8Array of 33 bytes/ }] },
  { name: 'ID as an array of numbers', value: [{ messageId: Array.from(id32(1)), status: 1 }], problems: [{ path: '[0].messageId', message: /got an array/ }] },
  { name: 'ID as a Uint16Array', value: [{ messageId: new Uint16Array(32), status: 1 }], problems: [{ path: '[0].messageId', message: /expected a byte string of 32 bytes/ }] },
  { name: 'status 256', value: [good(0), good(1), { messageId: id32(2), status: 256 }], problems: [{ path: '[2].status', message: /expected an integer in 0\.\.255, got the number 256/ }] },
  { name: 'status -1', value: [{ messageId: id32(2), status: -1 }], problems: [{ path: '[0].status', message: /got the number -1/ }] },
  { name: 'status 2.5', value: [{ messageId: id32(2), status: 2.5 }], problems: [{ path: '[0].status', message: /got the number 2\.5/ }] },
  { name: 'status NaN', value: [{ messageId: id32(2), status: NaN }], problems: [{ path: '[0].status', message: /got the number NaN/ }] },
  { name: 'status as a string', value: [{ messageId: id32(2), status: '2' }], problems: [{ path: '[0].status', message: /got a string/ }] },
  { name: 'status as a bigint', value: [{ messageId: id32(2), status: 2n }], problems: [{ path: '[0].status', message: /got the bigint 2/ }] },
  { name: 'missing status', value: [{ messageId: id32(2) }], problems: [{ path: '[0].status', message: /status is required/ }] },
  { name: 'missing messageId', value: [good(0), { status: 2 }], problems: [{ path: '[1].messageId', message: /messageId is required/ }] },
  { name: 'entry as a positional array', value: [[id32(0), 2]], problems: [{ path: '[0]', message: /expected an object, got an array/ }] },
  { name: 'entry null', value: [null], problems: [{ path: '[0]', message: /expected an object, got null/ }] },
  { name: 'not an array', value: { 0: good(0), length: 1 }, problems: [{ path: '', message: /expected an array, got an object/ }] },
  { name: 'null', value: null, problems: [{ path: '', message: /expected an array, got null/ }] },
  { name: 'undefined', value: undefined, problems: [{ path: '', message: /expected an array, got undefined/ }] },
  {
    name: 'two bad entries among good ones',
    value: [{ messageId: id32(0), status: 300 }, good(1), good(2), { messageId: new Uint8Array(5), status: 0 }],
    problems: [
      { path: '[0].status', message: /got the number 300/ },
      { path: '[3].messageId', message: /got a Uint8Array of 5 bytes/ },
    ],
  },
  {
    name: 'both fields of one entry wrong, plus a missing field elsewhere',
    value: [{ messageId: 'abc', status: 1.5 }, { messageId: id32(1) }],
    problems: [
      { path: '[0].messageId', message: /got a string/ },
      { path: '[0].status', message: /got the number 1\.5/ },
      { path: '[1].status', message: /required/ },
    ],
  },
];

describe('encodeMessageStatusReport on invalid values', () => {
  it.each(cases)('$name → EncodeError listing every problem', ({ value, problems }) => {
    const e = encodeErrorOf(() => encodeAny(value));
    expect(e.problems.map((p) => p.path)).toEqual(problems.map((p) => p.path));
    e.problems.forEach((p, i) => expect(p.message).toMatch(problems[i]!.message));
    expect(e.path).toBe(problems[0]!.path);
    // The message spells out the first problem with its path.
    const first = problems[0]!.path === '' ? '(root)' : problems[0]!.path;
    expect(e.message.startsWith(`${first}: ${e.problems[0]!.message}`)).toBe(true);
  });

  it.each(cases)('$name → validateMessageStatusReport gives the same list, isMessageStatusReport says no', ({ value }) => {
    const e = encodeErrorOf(() => encodeAny(value));
    expect(validateMessageStatusReport(value)).toEqual(e.problems);
    expect(isMessageStatusReport(value)).toBe(false);
  });

  it('more than three problems: the message lists three and counts the rest', () => {
    const value = Array.from({ length: 5 }, (_, i) => ({ messageId: id32(i), status: 1000 + i }));
    const e = encodeErrorOf(() => encodeAny(value));
    expect(e.problems.map((p) => p.path)).toEqual(['[0].status', '[1].status', '[2].status', '[3].status', '[4].status']);
    expect(e.message).toMatch(/\[2\]\.status: .*; and 2 more$/);
  });

  it('a hole in a sparse array is a problem at its index', () => {
    const value: unknown[] = [good(0)];
    value[2] = good(2);
    expect(validateMessageStatusReport(value).map((p) => p.path)).toEqual(['[1]']);
  });
});

describe('the per-rule guards and encoders', () => {
  it('encodePerMessageStatus and encodeMessageId refuse bad values with rooted paths', () => {
    expect(encodeErrorOf(() => encodePerMessageStatus({ messageId: id32(0), status: 256 } as never)).problems.map((p) => p.path)).toEqual(['.status']);
    expect(encodeErrorOf(() => encodeMessageId(new Uint8Array(3))).problems.map((p) => p.path)).toEqual(['']);
  });

  it('BaseStatus, UnknownStatus and MessageId guards follow the schema ranges', () => {
    for (let s = -2; s <= 258; s++) {
      expect(isBaseStatus(s), `base ${s}`).toBe(s >= 0 && s <= 6);
      expect(isUnknownStatus(s), `unknown ${s}`).toBe(s >= 7 && s <= 255);
      expect(validateBaseStatus(s).length === 0).toBe(isBaseStatus(s));
      expect(validateUnknownStatus(s).length === 0).toBe(isUnknownStatus(s));
    }
    expect(Object.values(BaseStatus)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(isMessageId(id32(0))).toBe(true);
    expect(isMessageId(Buffer.alloc(32))).toBe(true);
    expect(validateMessageId(new Uint8Array(0))).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------
// Properties: valid values never throw; isX agrees with validateX on mutants.
// ---------------------------------------------------------------------------

const entryArb = fc.record({ messageId: fc.uint8Array({ minLength: 32, maxLength: 32 }), status: fc.integer({ min: 0, max: 255 }) });
const reportArb = fc.array(entryArb, { maxLength: 20 });

/** Something that is probably not what the schema wants in a given place. */
const junkArb = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.double(),
  fc.string({ maxLength: 3 }),
  fc.constantFrom(null, undefined, true, 256, -1, 2.5, 2n, NaN, Infinity, -0),
  fc.uint8Array({ maxLength: 40 }),
  fc.constant([]),
  fc.constant({}),
);

type Mutation =
  | { kind: 'status'; at: number; to: unknown }
  | { kind: 'messageId'; at: number; to: unknown }
  | { kind: 'dropField'; at: number; field: 'messageId' | 'status' }
  | { kind: 'entry'; at: number; to: unknown }
  | { kind: 'root'; to: unknown };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('status' as const), at: fc.nat(), to: junkArb }),
  fc.record({ kind: fc.constant('messageId' as const), at: fc.nat(), to: junkArb }),
  fc.record({ kind: fc.constant('dropField' as const), at: fc.nat(), field: fc.constantFrom('messageId' as const, 'status' as const) }),
  fc.record({ kind: fc.constant('entry' as const), at: fc.nat(), to: junkArb }),
  fc.record({ kind: fc.constant('root' as const), to: junkArb }),
);

function mutate(report: { messageId: Uint8Array; status: number }[], ms: Mutation[]): unknown {
  let root: unknown = report.map((e) => ({ ...e }));
  for (const m of ms) {
    if (m.kind === 'root') {
      root = m.to;
      continue;
    }
    if (!Array.isArray(root) || root.length === 0) continue;
    const list = root as unknown[];
    const i = m.at % list.length;
    const entry = list[i];
    if (m.kind === 'entry') list[i] = m.to;
    else if (typeof entry === 'object' && entry !== null && !Array.isArray(entry) && !ArrayBuffer.isView(entry)) {
      const obj = entry as Record<string, unknown>;
      if (m.kind === 'dropField') delete obj[m.field];
      else obj[m.kind] = m.to;
    }
  }
  return root;
}

/** An independent reading of the schema, for the property below. */
function modelValid(v: unknown): boolean {
  return (
    Array.isArray(v) &&
    Array.from({ length: v.length }, (_, i) => (v as unknown[])[i]).every((e) => {
      if (typeof e !== 'object' || e === null || Array.isArray(e) || ArrayBuffer.isView(e)) return false;
      const o = e as Record<string, unknown>;
      const id = o.messageId;
      const s = o.status;
      return id instanceof Uint8Array && id.length === 32 && typeof s === 'number' && Number.isInteger(s) && s >= 0 && s <= 255;
    })
  );
}

describe('properties', () => {
  it('valid reports: isX is true, validateX is empty, encoding never throws and round-trips', () => {
    fc.assert(
      fc.property(reportArb, (r) => {
        expect(isMessageStatusReport(r)).toBe(true);
        expect(validateMessageStatusReport(r)).toEqual([]);
        expect(decodeMessageStatusReport(encodeAny(r))).toEqual(r);
        for (const e of r) expect(isPerMessageStatus(e) && validatePerMessageStatus(e).length === 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('mutated reports: isX ⇔ validateX is empty ⇔ encoding succeeds ⇔ the model says valid', () => {
    fc.assert(
      fc.property(reportArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (r, ms) => {
        const v = mutate(r, ms);
        const problems = validateMessageStatusReport(v);
        const is = isMessageStatusReport(v);
        expect(is).toBe(problems.length === 0);
        expect(is).toBe(modelValid(v));
        let threw: unknown = null;
        try {
          encodeAny(v);
        } catch (e) {
          threw = e;
        }
        if (is) expect(threw).toBeNull();
        else {
          expect(threw).toBeInstanceOf(EncodeError);
          expect((threw as EncodeError).problems).toEqual(problems);
        }
        // Paths name real places: the root, an entry, or an entry's field.
        for (const p of problems) expect(p.path).toMatch(/^(\[\d+\](\.messageId|\.status)?)?$/);
      }),
      { numRuns: 1000 },
    );
  });
});

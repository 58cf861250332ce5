import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isSchemaError } from '../../generator/diagnostics.js';
import type { GroupEntry, Rule, Type } from '../../generator/parse/ast.js';
import { parseCddl } from '../../generator/parse/index.js';
import { strip } from './helpers.js';

const shared = fileURLToPath(new URL('../../../shared/', import.meta.url));
const repoSchema = fileURLToPath(new URL('../../schemas/mimi-message-status.cddl', import.meta.url));

/** Every `.cddl` file under `dir`, found by listing, so that new files are covered. */
function cddlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.cddl'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * Files that are not RFC 8610 / RFC 9682 CDDL and do not parse, with the error they must give.
 * (zcbor's labelled type choices parse as LabeledType nodes, refused later by the IR.)
 */
const NOT_RFC_CDDL: Record<string, string> = {};

const files = [...cddlFiles(join(shared, 'corpus')), ...cddlFiles(join(shared, 'upstream')), repoSchema];

function read(path: string) {
  return readFileSync(path, 'utf8');
}

function rulesOf(path: string): Rule[] {
  return parseCddl(read(path), relative(shared, path)).rules;
}

function rule(rules: Rule[], name: string): Rule {
  const found = rules.find((r) => r.name === name);
  if (!found) throw new Error(`no rule ${name}`);
  return found;
}

function typeOfRule(r: Rule): Type {
  if (r.body.kind !== 'type') throw new Error(`${r.name} is a group rule`);
  return strip(r.body.type);
}

function entriesOfType(t: Type): GroupEntry[] {
  if (t.kind !== 'map' && t.kind !== 'array') throw new Error(`not a map or array: ${t.kind}`);
  return t.group.choices.flatMap((c) => c.entries);
}

describe('corpus', () => {
  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each(files.map((f) => [relative(shared, f), f]))('%s', (name, path) => {
    const expected = NOT_RFC_CDDL[name];
    if (expected === undefined) {
      const result = parseCddl(read(path), name);
      expect(result.kind).toBe('file');
      expect(result.rules.length).toBeGreaterThan(0);
      return;
    }
    try {
      parseCddl(read(path), name);
      expect.fail(`${name} is listed as not RFC CDDL but parsed`);
    } catch (error) {
      expect(isSchemaError(error)).toBe(true);
      expect((error as Error).message.split('\n')[0]).toBe(`${name}:${expected}`);
    }
  });

  it('draft-mahy-mimi-message-status-01 has its 5 rules', () => {
    const rules = rulesOf(join(shared, 'upstream/mimi-message-status/draft-mahy-mimi-message-status-01.cddl'));
    expect(rules.map((r) => r.name)).toEqual(['MessageStatusReport', 'PerMessageStatus', 'baseStatus', 'unknownStatus', 'MessageId']);
  });

  it('the RFC 8610 prelude', () => {
    const rules = rulesOf(join(shared, 'corpus/rfc8610-prelude.cddl'));
    expect(typeOfRule(rule(rules, 'biguint'))).toEqual({
      kind: 'tag',
      tag: { kind: 'number', value: '2' },
      type: { kind: 'name', name: 'bstr', genericArgs: [] },
    });
    expect(typeOfRule(rule(rules, 'uint'))).toEqual({ kind: 'major', major: 0, info: null });
    expect(typeOfRule(rule(rules, 'float16'))).toEqual({ kind: 'major', major: 7, info: { kind: 'number', value: '25' } });
    expect(typeOfRule(rule(rules, 'any'))).toEqual({ kind: 'any' });
  });

  describe('draft-ietf-mimi-content-09', () => {
    const rules = rulesOf(join(shared, 'upstream/mimi-content/draft-ietf-mimi-content-09.cddl'));

    it('has its rules', () => {
      expect(rules).toHaveLength(21);
      expect(rules.slice(0, 3).map((r) => r.name)).toEqual(['mimiContent', 'NestedPart', 'NullPart']);
    });

    it('mimiContent is an array with bareword keys', () => {
      const entries = entriesOfType(typeOfRule(rule(rules, 'mimiContent')));
      expect(entries.map((e) => e.kind === 'member' && e.key?.kind === 'bareword' && e.key.name)).toEqual([
        'salt',
        'replaces',
        'topicId',
        'expires',
        'inReplyTo',
        'mimiExtensions',
        'nestedPart',
      ]);
      expect(entries[0]).toMatchObject({ type: { kind: 'control', op: 'size', controller: { value: { value: '16' } } } });
    });

    it('NestedPart ends with an inline group choice of four parts', () => {
      const entries = entriesOfType(typeOfRule(rule(rules, 'NestedPart')));
      const last = entries.at(-1);
      expect(last?.kind).toBe('group');
      if (last?.kind !== 'group') return;
      expect(last.group.choices.map((c) => c.entries.map((e) => e.kind === 'member' && e.type.kind === 'name' && e.type.name))).toEqual([
        ['NullPart'],
        ['SinglePart'],
        ['ExternalPart'],
        ['MultiPart'],
      ]);
    });

    it('group rules, a [2* …] occurrence, cut keys and doc comments', () => {
      expect(rule(rules, 'NullPart').body.kind).toBe('group');
      expect(rule(rules, 'SinglePart').body).toMatchObject({ kind: 'group', entry: { kind: 'group' } });
      const multi = rule(rules, 'MultiPart');
      if (multi.body.kind !== 'group' || multi.body.entry.kind !== 'group') throw new Error('shape');
      expect(multi.body.entry.group.choices[0]?.entries[2]).toMatchObject({
        key: { name: 'parts' },
        type: { kind: 'array', group: { choices: [{ entries: [{ occurrence: { min: '2', max: null, raw: '2*' } }] }] } },
      });
      const ext = entriesOfType(typeOfRule(rule(rules, 'extensions')));
      expect(ext[0]).toMatchObject({
        occurrence: { raw: '?' },
        key: { kind: 'type', cut: true, type: { kind: 'enum', source: { kind: 'group' } } },
      });
      expect(ext[2]).toMatchObject({ occurrence: { raw: '*' }, type: { kind: 'name', name: '$$otherKnownExtensions' } });
      expect(rule(rules, 'unknownDispos').doc).toBe('Note: any ext_dispos take precedence');
      expect(rule(rules, 'MessageId').doc).toBe('MessageId is derived from SHA256 hash');
      expect(typeOfRule(rule(rules, 'name'))).toMatchObject({
        kind: 'choice',
        options: [{ name: 'int' }, { kind: 'control', op: 'size', controller: { kind: 'range' } }],
      });
    });
  });
});

describe("zcbor's dialect", () => {
  it('parses: labelled choice options become LabeledType nodes, with their occurrence', () => {
    const [union] = rulesOf(join(shared, 'corpus/zcbor-everything.cddl'));
    expect(union?.name).toBe('EverythingUnion');
    // `( one keyless entry )` is a parenthesised type, so the rule is that type choice.
    const body = union?.body;
    if (body?.kind !== 'type' || body.type.kind !== 'choice') throw new Error('expected a type choice');
    const labels = body.type.options.flatMap((o) => (o.kind === 'labeled' ? [o.label] : []));
    expect(labels).toContain('uint_single');
    expect(labels).toContain('repeated');
    const repeated = body.type.options.find((o) => o.kind === 'labeled' && o.label === 'repeated');
    expect(repeated).toMatchObject({ kind: 'labeled', occurrence: { min: '0', max: null }, type: { kind: 'name', name: 'uint' } });
  });

  it("reads '/' between group entries as a group choice", () => {
    const [rule] = parseCddl('m = { (1 => "one") / (2 => "two") }\n', 'z.cddl').rules;
    if (rule?.body.kind !== 'type' || rule.body.type.kind !== 'map') throw new Error('expected a map');
    expect(rule.body.type.group.choices).toHaveLength(2);
  });
});

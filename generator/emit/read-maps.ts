/** The decoder emitter's map reads (a part of {@link ReadEmitter}, read-emitter.ts). */
import { castTo, scalarCondition } from './scalars.js';
import { isDictionary, type DiscriminantValue, type MapField, type MapKey, type MapLayout, type MapStruct, type MapRest } from '../layout/shapes.js';
import type { ScalarShape } from '../layout/scalars.js';
import { fitsNumber, isUnsigned } from '../layout/intervals.js';
import { printType } from '../ir/print.js';
import { keysSharedWithRest, restKeyParts, partTakesKey } from '../layout/maps.js';
import { keyMajors } from '../layout/map-rests.js';
import { membersOf } from '../layout/choices.js';
import { countCondition, describeCount, describeEntryCount, discriminantLiteral, discriminantText, escapeTemplate, intLiteral, memberAssignment, not, oneOf, pathSegment } from './syntax.js';
import { mapType, mapVariantType, shapeType, tsType } from './types.js';
import { type Attempt, embeddedLevel, READER } from './read-base.js';
import { discriminantId, groupedInOrder, structRequiredKeys, uniqueKeys } from './choice-dispatch.js';
import { ArrayReadEmitter } from './read-arrays.js';

/** How maps are read: structs, dictionaries with computed keys, and alternatives of maps. */
export abstract class MapReadEmitter extends ArrayReadEmitter {
  protected readMap(layout: MapLayout, typeText: string, hint: string): string {
    if (layout.kind === 'variants') return this.readMapVariants(layout, typeText, hint);
    return this.readMapStruct(layout, typeText, hint, isDictionary(layout));
  }

  /**
   * Attempts `reads` (each the reading of one option or alternative of a map, in order), each made conditional on the map
   * having every key of one of the key sets `needed` gives it (null: no condition), by one look at the map first:
   * `const keys = peekMapKeys(reader, [...])`, a bit per key (at most 30), and `picked`, whether any attempt's keys are
   * there. Where none's are, every attempt is made, as without this, so that a map that is none of them fails with
   * the same error; null where there are more keys.
   */
  protected byKeyPresence(reads: (() => void)[], needed: (MapKey[][] | null)[]): Attempt[] | null {
    const keys = uniqueKeys(needed.flatMap((sets) => (sets ?? []).flat())).map(mapKeyLiteral);
    if (keys.length === 0 || keys.length > 30) return null;
    const present = this.locals.take('keys');
    const picked = this.locals.take('picked');
    const condition = (sets: MapKey[][]): string =>
      [...new Set(sets.map((all) => all.reduce((mask, key) => mask | (1 << keys.indexOf(mapKeyLiteral(key))), 0)))]
        .map((mask) => ((mask & (mask - 1)) === 0 ? `(${present} & ${mask}) !== 0` : `(${present} & ${mask}) === ${mask}`))
        .join(' || ');
    const conditions = needed.map((sets) => (sets === null ? null : condition(sets)));
    this.w.writeLine(`const ${present} = peekMapKeys(${READER}, [${keys.join(', ')}]);`);
    this.w.writeLine(`const ${picked} = ${[...new Set(conditions.filter((c) => c !== null))].join(' || ')};`);
    return reads.map((read, k) => {
      const when = conditions[k];
      return when === null || when === undefined ? read : Object.assign(() => read(), { when: `!${picked} || ${when}` });
    });
  }

  /**
   * Alternatives of a map. With a discriminant key, a first pass finds its
   * value (skipping the other entries), the reader rewinds, and the
   * alternative it names is read strictly; without, each alternative is
   * tried, rewinding on failure. A key of a single value in every alternative
   * that some share (the layout's `tag`: BiDi's `proxyType: "manual"`, whose
   * alternative holds an optional group, so is two) picks those the same way,
   * tried in turn: the key is a required member of each, so a map whose entry
   * of that key has another value matches none of the others.
   */
  protected readMapVariants(layout: Extract<MapLayout, { kind: 'variants' }>, typeText: string, hint: string): string {
    const w = this.w;
    const result = this.locals.take(hint);
    w.writeLine(`let ${result}: ${typeText};`);
    const d = layout.discriminant ?? layout.tag;
    // Each alternative is built as its own object type: built as the union, TypeScript would narrow the
    // empty start `{}` to whichever alternatives have only optional members, and then refuse their other keys.
    const read = (struct: MapStruct) => w.writeLine(`${result} = ${this.readMapStruct(struct, mapVariantType(struct, this.ctx), 'variant', false)};`);
    if (d === null || new Set(d.values.map((v) => v.type)).size !== 1) {
      // An alternative is tried only where the map has all the keys of its required members (as readByRequiredKeys).
      const needed = layout.variants.map((struct) => structRequiredKeys(struct));
      const reads = layout.variants.map((struct) => () => read(struct));
      const conditional = needed.slice(0, -1).some((keys) => keys.length > 0) ? this.byKeyPresence(reads, needed.map((keys) => (keys.length === 0 ? null : [keys]))) : null;
      this.tryAlternatives(conditional ?? reads);
      return result;
    }
    const mark = this.locals.take('mark');
    const tag = this.locals.take(d.name);
    const count = this.locals.take('count');
    const index = this.locals.take('i');
    const found = this.locals.take('found');
    const text = d.values[0]?.type === 'text';
    const [major, readKey, key] = d.key.type === 'text' ? ['=== 3', 'readText', JSON.stringify(d.key.value)] : ['<= 1', 'readInt', intLiteral(BigInt(d.key.value))];
    w.writeLine(`const ${mark} = ${READER}.mark();`);
    w.writeLine(`let ${tag}: ${text ? 'string' : 'number | bigint'} | undefined;`);
    w.writeLine(`const ${count} = ${READER}.readMapHeader();`);
    w.write(`for (let ${index} = 0; ${tag} === undefined && ${READER}.hasMoreItems(${count}, ${index}); ${index}++)`).block(() => {
      // Every key is consumed (read if it can be the discriminant, else skipped); then its value is read or skipped.
      w.writeLine(`const ${found} = ${READER}.peekMajor() ${major} ? ${READER}.${readKey}() === ${key} : (${READER}.skip(), false);`);
      w.writeLine(`if (${found}) ${tag} = ${READER}.${text ? 'readText' : 'readInt'}();`);
      w.writeLine(`else ${READER}.skip();`);
    });
    w.writeLine(`${READER}.reset(${mark});`);
    const shown = oneOf([...new Set(d.values.map(discriminantText))], Infinity);
    const keyShown = d.key.type === 'text' ? JSON.stringify(d.key.value) : d.key.value;
    // The alternatives of each value, in the order met.
    const withValues = layout.variants.map((struct, k) => ({ struct, value: d.values[k] as DiscriminantValue }));
    const byValue = groupedInOrder(withValues, ({ value }) => discriminantId(value)).map((group) => ({ value: group[0]!.value, structs: group.map((v) => v.struct) }));
    w.write(`switch (${tag})`).block(() => {
      for (const { value, structs } of byValue) {
        w.write(`case ${discriminantLiteral(value)}:`).block(() => {
          if (structs.length === 1) read(structs[0]!);
          else this.tryAlternatives(structs.map((struct) => () => read(struct)));
          w.writeLine('break;');
        });
      }
      w.writeLine('default:');
      w.indent().write(`${READER}.fail(${tag} === undefined ? ${JSON.stringify(`missing key ${keyShown}`)} : \`expected the key ${escapeTemplate(keyShown)} to be ${escapeTemplate(shown)}, got \${${text ? `JSON.stringify(${tag})` : tag}}\`);`).newLine();
    });
    return result;
  }

  /**
   * A map of fixed keys and computed-key entries. `dictionary`: the value is the Map of its one
   * kind of entries itself (a whole rule's `{ * tstr => int }`), not an object with that Map as a
   * member, as an alternative of a group choice always is (its type tells the alternatives apart).
   */
  protected readMapStruct(layout: MapStruct, typeText: string, hint: string, dictionary: boolean): string {
    const w = this.w;
    const count = this.locals.take('count');
    w.writeLine(`const ${count} = ${READER}.readMapHeader();`);
    const slots = layout.fields.map((f) => {
      const v = this.locals.take(f.name);
      w.writeLine(`let ${v}: ${shapeType(f.shape, f.type, this.ctx)} | undefined;`);
      return v;
    });
    // Each kind of computed-key entries, in its local; arrays, maps or tags as keys are a kind alone (layout/maps.ts).
    const rests: RestRead[] = layout.rests.map((rest) => ({
      rest,
      keys: rest.keysByEncoding ? { text: null, int: null } : restKeyParts(rest, this.ctx),
      entries: this.locals.take(rest.name),
      // Entries are the map itself, or its rest property (`.rest[…]`, as the guards say).
      path: dictionary ? '' : `${pathSegment(rest.name)} + `,
    }));
    // Kinds whose keys are not solely integers and text strings (keysByEncoding) are Maps too, keys told apart by their
    // encodings.
    const pairKinds = rests.filter((r) => r.rest.keysByEncoding);
    const mapKinds = rests.filter((r) => !r.rest.keysByEncoding);
    const majorsOf = new Map(pairKinds.map((r) => [r, keyMajors(r.rest.keyType, this.ctx)]));
    const seenKeys = pairKinds.length === 0 ? null : this.locals.take('seenKeys');
    // Pair kinds that take tags as keys may take a bignum whose integer is a fixed member's key.
    const bignumKeys = pairKinds.some((r) => majorsOf.get(r)?.has(6) === true);
    for (const { rest, entries } of rests) {
      // The Map is made by the first entry: most maps of this kind have none, and a Map is a costly allocation.
      w.writeLine(`let ${entries}: ${mapType(rest, this.ctx)} | undefined;`);
    }
    if (seenKeys !== null) w.writeLine(`const ${seenKeys} = new Set<string>();`);
    // A key without a cut (`"k" => int`) that the computed keys also take: its entry is the field's when the value reads as the field's type, else a computed-key entry (RFC 8610 §3.5.4).
    const shared = new Set(rests.flatMap(({ rest }) => keysSharedWithRest(layout.fields, rest, this.ctx)).filter((f) => !f.cut));
    const seen = layout.fields.map((f) => {
      if (!shared.has(f)) return null;
      const flag = this.locals.take('seen');
      w.writeLine(`let ${flag} = false;`);
      return flag;
    });
    const sizeOf = ({ entries }: RestRead) => `(${entries}?.size ?? 0)`;
    /** The entries as a value: an empty Map where none was read. */
    const entriesValue = ({ rest, entries }: RestRead) => `${entries} ?? new ${mapType(rest, this.ctx)}()`;
    const outer = this.at;
    this.at = null;
    this.withSegments(() => {
      const index = this.locals.take('i');
      w.write(`for (let ${index} = 0; ${READER}.hasMoreItems(${count}, ${index}); ${index}++)`).block(() => {
        const byKind = { text: [] as number[], int: [] as number[] };
        layout.fields.forEach((f, i) => byKind[f.key.type].push(i));
        // Keys read as a text string or an integer first: fixed keys, and the kinds that Maps hold.
        const kinds = (['text', 'int'] as const).filter((k) => byKind[k].length > 0 || mapKinds.some((r) => r.keys[k] !== null));
        this.segment("''");
        if (kinds.length === 0 && pairKinds.length === 0) {
          w.writeLine(`${READER}.fail(${JSON.stringify('expected an empty map')});`);
          return;
        }
        // Where the key starts, for errors about it; with fixed keys only, those are found while the reader's
        // itemStart is still the key's (right after reading it), so that a local is needed only for computed keys.
        const keyStart = rests.length === 0 ? null : this.locals.take('keyStart');
        if (keyStart !== null) w.writeLine(`const ${keyStart} = ${READER}.pos;`);
        const readPair = (r: RestRead) => this.readPair(r, keyStart as string, seenKeys as string);
        const pairTakers = (majors: readonly number[]) => pairKinds.filter((r) => majors.some((m) => majorsOf.get(r)?.has(m)));
        /** The pair kinds that take keys of major type `m`. */
        const takersOf = (m: number) => pairKinds.filter((r) => majorsOf.get(r)?.has(m) === true);
        /**
         * A key of these pair kinds, which share a major type: their keys are disjoint by value (layout/map-rests.ts
         * disjointRests), so each kind's key is tried in turn, the duplicate found first, by the key's encoding. The
         * value of the one that takes the key fails past the key, so its error stands; where every kind's key fails,
         * the key is unexpected (keyOfNoKind).
         */
        const readSharedPairs = (takers: RestRead[]) => {
          const id = this.locals.take('keyId');
          const keyEnd = this.locals.take('keyEnd');
          w.writeLine(`${READER}.skip();`);
          w.writeLine(`const ${keyEnd} = ${READER}.pos;`);
          w.writeLine(`const ${id} = deterministicKey(${READER}.bytes, ${keyStart}, ${keyEnd});`);
          w.writeLine(`if (${seenKeys}.has(${id})) ${READER}.fail(duplicateKeyMessage(${id}), '', ${keyStart});`);
          w.writeLine(`${seenKeys}.add(${id});`);
          w.writeLine(`${READER}.rewind(${keyStart});`);
          const error = this.locals.take('error');
          w.write('try ').inlineBlock(() => {
            // Each in a path scope of its own: the attempts' reads name no path of the map's (tryInTurn).
            this.tryAlternatives(takers.map((r): Attempt => () => this.withSegments(() => this.readPair(r, keyStart as string, null))));
          });
          w.write(` catch (${error})`).block(() => w.writeLine(`throw keyOfNoKind(${READER}, ${error}, ${keyStart}, ${keyEnd});`));
        };
        /** The kinds that take keys of these major types, grouped by major types they take alike, in the order of the kinds. */
        const groupsOf = (majors: readonly number[]) => {
          const groups: { majors: number[]; takers: RestRead[] }[] = [];
          for (const r of pairKinds) {
            for (const m of majorsOf.get(r) as Set<number>) {
              if (!majors.includes(m)) continue;
              const takers = takersOf(m);
              const group = groups.find((g) => g.takers.length === takers.length && g.takers.every((t, i) => t === takers[i]));
              if (group === undefined) groups.push({ majors: [m], takers });
              else if (!group.majors.includes(m)) group.majors.push(m);
            }
          }
          return groups;
        };
        const readGroup = (takers: RestRead[]) => (takers.length === 1 ? readPair(takers[0] as RestRead) : readSharedPairs(takers));
        /** A key that is one of these pair kinds' (told apart by the major type when several are, else by trying them). */
        const readPairs = (takers: RestRead[], majors: readonly number[]) => {
          const shared = majors.some((m) => takersOf(m).length > 1);
          if (takers.length === 1 || (shared && groupsOf(majors).length === 1)) {
            readGroup(takers);
            return;
          }
          const major = this.locals.take('major');
          w.writeLine(`const ${major} = ${READER}.peekMajor();`);
          if (shared) groupsOf(majors).forEach((g, k) => w.write(`${k === 0 ? 'if' : 'else if'} (${majorCondition(major, g.majors)})`).block(() => readGroup(g.takers)));
          else takers.forEach((r, k) => w.write(`${k === 0 ? 'if' : 'else if'} (${majorCondition(major, [...(majorsOf.get(r) as Set<number>)])})`).block(() => readPair(r)));
          w.writeLine(`else ${READER}.fail(\`unexpected key: \${${READER}.describeNext()}\`);`);
        };
        const readKeys = (kind: 'text' | 'int') => {
          const key = this.locals.take('key');
          const takers = mapKinds.filter((r) => r.keys[kind] !== null);
          const pairMajors = kind === 'text' ? [3] : [0, 1];
          const pairs = pairTakers(pairMajors);
          // A text key that is not UTF-8 is no named key's: where only computed-key entries read as pairs (`* any =>`)
          // take text keys, it is theirs to take or refuse (null, read again as a pair), not an error of this read.
          const tolerant = kind === 'text' && takers.length === 0 && pairs.length > 0;
          w.writeLine(`const ${key} = ${tolerant ? `readTextKey(${READER})` : `${READER}.${kind === 'text' ? 'readText' : 'readInt'}()`};`);
          // `known`: the fixed key of the member whose case reads the entry again as a computed-key one (narrowed to it in TypeScript).
          const other = (known: MapKey | null = null) => {
            if ((takers.length === 0 && pairs.length === 0) || keyStart === null) w.writeLine(`unexpectedKey(${READER}, ${key}${keyStart === null ? '' : `, ${keyStart}`});`);
            else {
              // A key no Map kind takes is read again, as a pair kind's.
              const again = pairs.length === 0 ? null : () => {
                w.writeLine(`${READER}.rewind(${keyStart});`);
                readPairs(pairs, pairMajors);
              };
              this.readRestEntries(takers, kind, key, keyStart, again, known);
            }
          };
          if (byKind[kind].length === 0) {
            other();
            return;
          }
          w.write(`switch (${key})`).block(() => {
            for (const i of byKind[kind]) {
              const flag = seen[i];
              const orEntry = flag == null || (takers.length === 0 && pairs.length === 0) ? null : { flag, read: () => other((layout.fields[i] as MapField).key) };
              const field = layout.fields[i] as MapField;
              // A bignum key (a tag) is the integer it stands for (RFC 8949 §3.4.3): one a pair kind took is this member's key again.
              const sameKeys = kind === 'int' && bignumKeys && seenKeys !== null ? { seenKeys, id: intKeyId(BigInt(field.key.value)) } : null;
              this.readMapMember(field, slots[i] as string, key, keyStart, orEntry, sameKeys);
            }
            // An unexpected key fails in one statement, which needs no block; a computed-key entry's read may declare locals.
            if (rests.length === 0) {
              w.writeLine('default:');
              w.indent(other);
            } else w.write('default:').block(other);
          });
        };
        // Major types read as scalars first; the pair kinds' other major types, each kind's own branch.
        const covered = kinds.flatMap((k) => (k === 'text' ? [3] : [0, 1]));
        const branches: { majors: number[]; read: () => void }[] = [
          ...kinds.map((kind) => ({ majors: kind === 'text' ? [3] : [0, 1], read: () => readKeys(kind) })),
          // Kinds that share a major type are one branch of it, which tries them.
          ...groupsOf([0, 1, 2, 3, 4, 5, 6, 7].filter((m) => !covered.includes(m))).map((g) => ({ majors: g.majors, read: () => readGroup(g.takers) })),
        ];
        if (branches.length === 1 && (pairKinds.length === 0 || kinds.length === 0)) {
          // One way to read every key: its reader fails on a key of another type.
          (branches[0] as { read: () => void }).read();
          return;
        }
        const major = this.locals.take('major');
        w.writeLine(`const ${major} = ${READER}.peekMajor();`);
        const last = branches[branches.length - 1] as { majors: number[] };
        // The last branch takes every major type left, so that it needs no test of its own.
        const rest = [0, 1, 2, 3, 4, 5, 6, 7].filter((m) => !branches.slice(0, -1).some((b) => b.majors.includes(m)));
        const lastIsElse = rest.every((m) => last.majors.includes(m));
        branches.forEach((b, k) => {
          if (k === branches.length - 1 && lastIsElse && k > 0) w.write('else').block(b.read);
          else w.write(`${k === 0 ? 'if' : 'else if'} (${majorCondition(major, b.majors)})`).block(b.read);
        });
        if (!lastIsElse || branches.length === 1) w.writeLine(`else ${READER}.fail(\`unexpected key: \${${READER}.describeNext()}\`);`);
      });
    });
    this.at = outer;
    w.writeLine(`${READER}.endContainer(${count});`);
    // Every required key present: one test of them all, and the first one absent named only when it fails.
    const requiredKeys = layout.fields.flatMap((f, i) => (f.optional ? [] : [{ key: keyLiteral(f), slot: slots[i] as string }]));
    const [only] = requiredKeys;
    if (requiredKeys.length === 1 && only !== undefined) w.writeLine(`if (${only.slot} === undefined) missingKey(${READER}, ${only.key});`);
    else if (requiredKeys.length > 1) {
      const absent = requiredKeys.map((r) => `${r.slot} === undefined`).join(' || ');
      w.writeLine(`if (${absent}) missingKeys(${READER}, ${requiredKeys.map((r) => `${r.key}, ${r.slot}`).join(', ')});`);
    }
    for (const c of layout.counts) {
      const present = this.locals.take('present');
      const slotOf = (name: string) => slots[layout.fields.findIndex((f) => f.name === name)];
      const terms = c.names.map((n) => `(${slotOf(n)} === undefined ? 0 : 1)`);
      for (const r of rests) if (c.rests.includes(r.rest.name)) terms.push(sizeOf(r));
      w.writeLine(`const ${present} = ${terms.join(' + ')};`);
      w.writeLine(`if (${countCondition(present, c.min, c.max)}) ${READER}.fail(\`expected a map with ${escapeTemplate(describeEntryCount(c))}, got \${${present}}\`);`);
    }
    for (const r of rests) {
      const rest = r.rest;
      const bounds = countCondition(sizeOf(r), rest.min, rest.max);
      // A map holds entries (key and value), not items.
      const expected = `${describeCount(rest.min, rest.max, 'entry')} with ${rests.length === 1 ? 'keys the schema does not name' : `keys of type ${printType(rest.keyType)} the schema does not name`}`;
      if (bounds !== null) w.writeLine(`if (${bounds}) ${READER}.fail(\`expected ${escapeTemplate(expected)}, got \${${sizeOf(r)}}\`);`);
    }
    if (dictionary) {
      const only = rests[0] as RestRead;
      const map = this.locals.take(hint);
      w.writeLine(`const ${map} = ${entriesValue(only)};`);
      return map;
    }
    const result = this.locals.take(hint);
    // Required kinds of entries are members of the object from the start, as required fields are (the type demands them).
    const required = rests.filter((r) => r.rest.min > 0);
    const members = membersOf(layout.fields, required.map((r) => r.rest));
    this.buildObject(result, members, [...slots, ...required.map(entriesValue)], typeText);
    for (const r of rests) {
      if (r.rest.min === 0) w.writeLine(`if (${r.entries} !== undefined) ${memberAssignment(result, r.rest.name, r.entries)}`);
    }
    return result;
  }

  /**
   * One fixed-key member of a map. With `orEntry` (no cut, and the computed keys take the key),
   * a value that does not read as the member's type is read as a computed-key entry instead;
   * `orEntry.flag` says the key was met, so that a second one is a duplicate either way.
   */
  protected readMapMember(field: MapField, slot: string, key: string, keyStart: string | null, orEntry: { flag: string; read: () => void } | null, sameKeys: { seenKeys: string; id: string } | null = null): void {
    const w = this.w;
    const label = `case ${keyLiteral(field)}:`;
    const body = () => {
      const id = sameKeys === null ? '' : JSON.stringify(sameKeys.id);
      // With `sameKeys`: a bignum of this key read before is a duplicate; the member's key, once read, is one for later bignums.
      if (sameKeys !== null) w.writeLine(`if (${sameKeys.seenKeys}.has(${id})) ${READER}.fail(duplicateKeyMessage(${id}), '', ${keyStart});`);
      const readField = () => {
        this.readInto(slot, field.shape, field.type, field.name);
        if (sameKeys !== null) w.writeLine(`${sameKeys.seenKeys}.add(${id});`);
      };
      const atKey = keyStart === null ? '' : `, ${keyStart}`;
      if (orEntry === null && this.at !== null) {
        // One line notes the member's path, or fails on a duplicate.
        w.writeLine(`${this.at} = firstKeyPath(${READER}, ${key}, ${slot}, ${pathSegment(field.name)}${atKey});`);
        readField();
        w.writeLine('break;');
        return;
      }
      w.writeLine(`if (${orEntry?.flag ?? `${slot} !== undefined`}) duplicateKey(${READER}, ${key}${atKey});`);
      if (orEntry !== null) w.writeLine(`${orEntry.flag} = true;`);
      // Both ways of reading the entry fail at the member's path.
      this.segment(pathSegment(field.name));
      if (orEntry === null) readField();
      // Where neither reads, the member's error is the one to show.
      else this.tryAlternatives([readField, orEntry.read], true);
      w.writeLine('break;');
    };
    // A read that declares locals gets the case's own block to scope them; a read straight into the slot needs none.
    if (orEntry === null && this.directRead(field.shape, field.type) !== null) {
      w.writeLine(label);
      w.indent(body);
    } else w.write(label).block(body);
  }

  /**
   * One computed-key entry of a map, its key read: the kind whose key type takes it (their key
   * types are disjoint, so one at most; none fails), no duplicate, the value read into its Map.
   */
  protected readRestEntries(all: RestRead[], kind: 'text' | 'int', key: string, keyStart: string, otherwise: (() => void) | null = null, known: MapKey | null = null): void {
    const w = this.w;
    const shown = kind === 'text' ? `JSON.stringify(${key})` : key;
    const unexpected = `${READER}.fail(\`unexpected key \${${shown}}\`, '', ${keyStart});`;
    // A key known while generating (a fixed key's case) is tested only where the kind's values cannot say whether they
    // take it: TypeScript, having narrowed the key to it, refuses comparisons with other values.
    const decided = (r: RestRead) => (known === null ? null : partTakesKey(r.keys[kind] as ScalarShape, known));
    // The kinds' key types are disjoint: one that takes the key is the only one to read it.
    const sure = all.find((r) => decided(r) === true);
    const takers = sure !== undefined ? [sure] : all.filter((r) => decided(r) !== false);
    if (takers.length === 0 && otherwise !== null) {
      otherwise();
      return;
    }
    if (takers.length === 0) {
      w.writeLine(unexpected);
      return;
    }
    const conditions = takers.map((r) => {
      if (decided(r) === true) return '';
      const accepted = r.keys[kind] as ScalarShape;
      // Integer keys were read with readInt (fixed keys may be negative), so an unsigned key type still needs its sign tested.
      const sign = accepted.kind === 'int' && isUnsigned(accepted.intervals) ? `${key} >= 0` : null;
      return [sign, scalarCondition(accepted, key, false, embeddedLevel(accepted))].filter((c) => c !== null && c !== '').join(' && ');
    });
    const only = takers.length === 1 ? (takers[0] as RestRead) : null;
    if (only !== null) {
      const condition = conditions[0] as string;
      if (otherwise !== null && condition !== '') {
        w.write(`if (${condition})`).block(() => this.readRestEntry(only, kind, key, keyStart));
        w.write('else').block(otherwise);
        return;
      }
      if (condition !== '') w.writeLine(`if (${not(condition)}) ${unexpected}`);
      this.readRestEntry(only, kind, key, keyStart);
      return;
    }
    takers.forEach((r, k) => {
      w.write(`${k === 0 ? 'if' : 'else if'} (${conditions[k] || 'true'})`).block(() => this.readRestEntry(r, kind, key, keyStart));
    });
    if (otherwise !== null) w.write('else').block(otherwise);
    else w.writeLine(`else ${unexpected}`);
  }

  /**
   * A computed-key entry of a kind whose keys are not solely integers and texts (MapRest.keysByEncoding): the key read and
   * checked, no key twice (by its encoding: a Map would tell two arrays apart by identity), the value read. Its path is
   * the entry's place in the Map, `[i][0]` for the key and `[i][1]` for the value, as the guards name them.
   */
  private readPair({ rest, entries, path }: RestRead, keyStart: string, seenKeys: string | null): void {
    const w = this.w;
    this.segment(`${path}'[' + (${entries}?.size ?? 0) + '][0]'`);
    const key = this.read(rest.key, rest.keyType, 'key');
    // By its deterministic encoding, as the encoder writes it: another encoding of the same key is a duplicate too.
    // (`seenKeys` null: the caller has looked for the duplicate already.)
    if (seenKeys !== null) {
      const id = this.locals.take('keyId');
      w.writeLine(`const ${id} = deterministicKey(${READER}.bytes, ${keyStart}, ${READER}.pos);`);
      w.writeLine(`if (${seenKeys}.has(${id})) ${READER}.fail(duplicateKeyMessage(${id}), '', ${keyStart});`);
      w.writeLine(`${seenKeys}.add(${id});`);
    }
    this.segment(`${path}'[' + (${entries}?.size ?? 0) + '][1]'`);
    w.writeLine(`(${entries} ??= new ${mapType(rest, this.ctx)}()).set(${key}, ${this.read(rest.value, rest.valueType, 'entry')});`);
  }

  /** A computed-key entry whose key its kind takes: no duplicate, the value read into the Map. */
  private readRestEntry({ rest, keys, entries, path }: RestRead, kind: 'text' | 'int', key: string, keyStart: string): void {
    const w = this.w;
    const accepted = keys[kind] as ScalarShape;
    const shown = kind === 'text' ? `JSON.stringify(${key})` : key;
    // The duplicate's message shows the key as read, not as typed below.
    const asRead = key;
    // The key as the `integers` option types it, before the duplicate test (a Map tells 1 from 1n).
    if (accepted.kind === 'int' && !fitsNumber(accepted.intervals) && this.ctx.integers !== undefined) {
      const typed = this.locals.take('typedKey');
      w.writeLine(`const ${typed} = ${this.ctx.integers === 'bigint' ? `BigInt(${key})` : `safeInteger(${keyStart}, ${key})`};`);
      key = typed;
    }
    // As the Map's key type (`0 | 1 | 2` for `* (0 / 1 / 2) =>`), which the test above has just held the key to.
    const typedKey = castTo(key, kind === 'text' ? 'string' : 'number | bigint', tsType(rest.keyType, this.ctx));
    w.writeLine(`if (${entries}?.has(${typedKey}) === true) duplicateKey(${READER}, ${asRead}, ${keyStart});`);
    this.segment(`${path}'[' + ${kind === 'text' ? shown : `String(${key})`} + ']'`);
    const value = this.read(rest.value, rest.valueType, 'entry');
    w.writeLine(`(${entries} ??= new ${mapType(rest, this.ctx)}()).set(${typedKey}, ${value});`);
  }
}

/** A kind of computed-key entries as a map's read holds them: its key shapes by kind, the local of its entries, its path segment. */
interface RestRead {
  rest: MapRest;
  keys: { text: ScalarShape | null; int: ScalarShape | null };
  entries: string;
  path: string;
}

/** A member's key as a TypeScript literal: the string, or the integer (a bigint literal beyond the safe ones). */
function keyLiteral(field: MapField): string {
  return field.key.type === 'text' ? JSON.stringify(field.key.value) : intLiteral(BigInt(field.key.value));
}

/** A test that the major type in `major` is one of `majors`. */
function majorCondition(major: string, majors: readonly number[]): string {
  return [...majors]
    .sort((a, b) => a - b)
    .map((m) => `${major} === ${m}`)
    .join(' || ');
}


/** A map key as the argument of the runtime's peeks: a text string's JSON, or an integer's digits (a JavaScript number). */
export function mapKeyLiteral(key: MapKey): string {
  return key.type === 'text' ? JSON.stringify(key.value) : String(key.value);
}

/**
 * Integer key `n` as the runtime's deterministicKey gives it (cbor-deterministic.ts): the characters of its preferred
 * encoding, one per byte. A bignum key of the same integer has the same one, so the two are one key twice.
 */
function intKeyId(n: bigint): string {
  const major = n < 0n ? 1 : 0;
  const argument = n < 0n ? -1n - n : n;
  const [info, width] = argument < 24n ? [Number(argument), 0] : argument < 0x100n ? [24, 1] : argument < 0x10000n ? [25, 2] : argument < 0x100000000n ? [26, 4] : [27, 8];
  let id = String.fromCharCode((major << 5) | info);
  for (let i = width - 1; i >= 0; i--) id += String.fromCharCode(Number((argument >> BigInt(8 * i)) & 0xffn));
  return id;
}

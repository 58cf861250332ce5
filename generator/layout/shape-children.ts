/**
 * The shapes one shape reads directly: a choice's options, a tag's content,
 * an array's members and a map's members, keys and values. Not through other
 * rules (a `rule` shape has no children here), and not inside embedded CBOR,
 * which has a reader of its own. The walks over shapes (choices to plan,
 * rules a decoder reads) go through this one list so they cannot disagree.
 */
import type { IrRule } from '../ir/types.js';
import type { Field, Shape, StringCheck } from './shapes.js';

export function directChildren(shape: Shape): Shape[] {
  const children: Shape[] = [];
  switch (shape.kind) {
    case 'choice':
      for (const option of shape.options) children.push(option.shape);
      break;
    case 'tag':
    case 'tagged':
      children.push(shape.inner);
      break;
    case 'array': {
      const layout = shape.layout;
      if (layout.kind === 'list') children.push(layout.item);
      else if (layout.kind === 'record' || layout.kind === 'tuple') {
        pushFields(children, layout.fields);
        if (layout.rest !== undefined) children.push(layout.rest.item);
        if (layout.after !== undefined) pushFields(children, layout.after);
      } else if (layout.kind === 'variants') for (const variant of layout.variants) pushFields(children, variant);
      else if (layout.kind === 'forks') for (const variant of layout.variants) children.push(...directChildren({ kind: 'array', layout: variant }));
      else if (layout.kind === 'runs') for (const run of layout.runs) run.group === undefined ? children.push(run.item) : pushFields(children, run.group.fields);
      else {
        if (layout.kind === 'groups' && layout.fields !== undefined) pushFields(children, layout.fields);
        for (const variant of layout.variants) pushFields(children, variant.fields);
        if (layout.kind === 'groups' && layout.after !== undefined) pushFields(children, layout.after);
      }
      break;
    }
    case 'map': {
      const structs = shape.layout.kind === 'struct' ? [shape.layout] : shape.layout.variants;
      for (const struct of structs) {
        pushFields(children, struct.fields);
        for (const rest of struct.rests) children.push(rest.key, rest.value);
      }
      break;
    }
    default:
      break;
  }
  return children;
}

/**
 * Each field's shape onto `children`. A function of the module, not a closure
 * made per call: directChildren runs for every shape of every walk.
 */
function pushFields(children: Shape[], list: readonly Field[]): void {
  for (const field of list) children.push(field.shape);
}

/**
 * The rules whose readers a shape's scalar tests call by name, at any depth of it (not through other rules): the
 * content of embedded CBOR (`.cbor`, `.cborseq`: bytes `embedded`) and of `.json` checks, also where they sit inside
 * another check (`tstr .b64u (bstr .cbor x)`). Each is read whole, by a reader of its own, every time the test runs.
 */
export function rulesReadByScalars(shape: Shape | readonly StringCheck[], into: IrRule[] = []): IrRule[] {
  const seen = new Set<object>();
  const visit = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    const record = node as { kind?: unknown; rule?: unknown; embedded?: { rule: IrRule } };
    if (record.kind === 'json') into.push(record.rule as IrRule);
    if (record.embedded !== undefined) into.push(record.embedded.rule);
    // A `rule` property is an IrRule (a `rule` shape's, an embedded one's, a check's), whose IR is no shape: not walked.
    for (const [key, value] of Object.entries(node)) if (key !== 'rule') visit(value);
  };
  visit(shape);
  return into;
}

/**
 * The shapes one shape reads directly: a choice's options, a tag's content,
 * an array's members and a map's members, keys and values. Not through other
 * rules (a `rule` shape has no children here), and not inside embedded CBOR,
 * which has a reader of its own. The walks over shapes (choices to plan,
 * rules a decoder reads) go through this one list so they cannot disagree.
 */
import type { Field, Shape } from './shapes.js';

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

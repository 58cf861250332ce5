/**
 * The choice planner's lossless check (layout/choice-plans.ts, option-forms.ts) on choices built by hand, so that
 * it is tested on its own and not through what the layout did first: the layout boxes every float an integer could
 * be confused with (coinciding-floats.ts, hidden-floats.ts), and the check is what catches a float it missed.
 */
import { describe, expect, it } from 'vitest';
import { compileIr } from '../../generator/index.js';
import { conflictingOptions } from '../../generator/layout/choice-plans.js';
import { computeLayouts } from '../../generator/layout/index.js';
import type { Shape } from '../../generator/layout/shapes.js';

/** The choice `a / b` of the schema's rules `a` and `b`, their shapes as the layout made them apart, with no exposing of one to the other. */
function conflictOf(schema: string): ReturnType<typeof conflictingOptions> {
  const ir = compileIr([{ path: 'x.cddl', text: schema }]);
  const layouts = computeLayouts(ir);
  const option = (rule: string) => ({ shape: layouts.shapes.get(rule) as Shape, type: { kind: 'ref' as const, rule } });
  return conflictingOptions({ kind: 'choice', options: [option('a'), option('b')] }, { shapes: layouts.shapes });
}

describe('the planner’s check of a float and an integer in one tag', () => {
  it('finds a float the layout left a plain number beside an integer in the same tag: 1(1) and 1(1.0) are both 1', () => {
    // Before hidden-floats.ts, `#6.1(float / tstr) / #6.1(1)` came to the planner as these two shapes, and the check took
    // the float and the integer as one number written alike: 1(1.0) was written back as 1(1) (recursive-tag seed 1428).
    const conflict = conflictOf('a = #6.1(float / tstr)\nb = #6.1(1)\n');
    expect(conflict?.pair).toEqual([0, 1]);
    expect(conflict?.why).toBe('one value both take, written as different data items');
  });

  it('does not take a float literal that is no integer for one (2.5 and 1 in the same tags)', () => {
    expect(conflictOf('a = #6.1(#6.1(2.5) / tstr)\nb = #6.1(#6.1(1))\n')).toBeNull();
    // An integral float literal outside the integer's range neither.
    expect(conflictOf('a = #6.1(#6.1(2.0) / tstr)\nb = #6.1(#6.1(0..1))\n')).toBeNull();
    expect(conflictOf('a = #6.1(#6.1(2.0) / tstr)\nb = #6.1(#6.1(0..2))\n')?.pair).toEqual([0, 1]);
  });
});

import { describe, expect, it } from 'vitest';
import { not } from '../../generator/emit/syntax.js';

describe('not: the negation of a condition as one would write it', () => {
  it('turns one typeof test around', () => {
    expect(not("typeof name === 'string'")).toBe("typeof name !== 'string'");
    expect(not("typeof list[i] === 'string'")).toBe("typeof list[i] !== 'string'");
  });
  it('puts ! before one call, or before a condition already in parentheses', () => {
    expect(not('isCborUint(id)')).toBe('!isCborUint(id)');
    expect(not('(parent instanceof Uint8Array || isBytes(parent))')).toBe('!(parent instanceof Uint8Array || isBytes(parent))');
    expect(not("(typeof v === 'string' && v !== ')')")).toBe("!(typeof v === 'string' && v !== ')')");
  });
  it('wraps anything else', () => {
    expect(not("typeof v === 'number' && v >= 0")).toBe("!(typeof v === 'number' && v >= 0)");
    expect(not('(a) || (b)')).toBe('!((a) || (b))');
    expect(not("(v === '(') || f(v)")).toBe("!((v === '(') || f(v))");
    expect(not('f(a) || g(b)')).toBe('!(f(a) || g(b))');
    expect(not('(/\\(/.test(v))')).toBe('!((/\\(/.test(v)))');
    expect(not('isX(v, f(w))')).toBe('!(isX(v, f(w)))');
  });
});

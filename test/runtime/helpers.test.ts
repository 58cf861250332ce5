import { describe, expect, it } from 'vitest';
import {
  bytesEqual,
  compareBytes,
  DecodeError,
  describeValue,
  EncodeError,
  isBytes,
  isDecodeError,
  isEncodeError,
  isInteger,
} from '../../templates/runtime.js';

describe('errors', () => {
  it('DecodeError carries path, offset and reason', () => {
    const e = new DecodeError('expected a map, got an array', '.a[2]', 17);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('DecodeError');
    expect(e.message).toBe('.a[2] at byte 17: expected a map, got an array');
    expect(e.reason).toBe('expected a map, got an array');
    expect(e.path).toBe('.a[2]');
    expect(e.offset).toBe(17);
    expect(new DecodeError('x', '', 0).message).toBe('(root) at byte 0: x');
  });

  it('EncodeError lists the first problems', () => {
    const one = new EncodeError([{ path: '[3].status', message: 'expected an integer in 0..255, got 256' }]);
    expect(one.name).toBe('EncodeError');
    expect(one.message).toBe('[3].status: expected an integer in 0..255, got 256');
    expect(one.path).toBe('[3].status');
    const many = new EncodeError([
      { path: '', message: 'a' },
      { path: '.b', message: 'b' },
      { path: '.c', message: 'c' },
      { path: '.d', message: 'd' },
      { path: '.e', message: 'e' },
    ]);
    expect(many.message).toBe('(root): a; .b: b; .c: c; and 2 more');
    expect(many.problems.length).toBe(5);
    expect(many.path).toBe('');
    expect(new EncodeError([]).message).toBe('invalid value');
  });

  it('type guards judge by shape', () => {
    expect(isDecodeError(new DecodeError('x', '', 0))).toBe(true);
    expect(isDecodeError({ name: 'DecodeError', path: '', offset: 3, message: 'm' })).toBe(true);
    expect(isDecodeError(new Error('x'))).toBe(false);
    expect(isDecodeError(new EncodeError([]))).toBe(false);
    expect(isDecodeError(null)).toBe(false);
    expect(isDecodeError('DecodeError')).toBe(false);
    expect(isEncodeError(new EncodeError([{ path: '', message: 'x' }]))).toBe(true);
    expect(isEncodeError({ name: 'EncodeError', path: '', problems: [] })).toBe(true);
    expect(isEncodeError(new DecodeError('x', '', 0))).toBe(false);
    expect(isEncodeError(undefined)).toBe(false);
  });
});

describe('byte helpers', () => {
  it('compareBytes is bytewise lexicographic', () => {
    const b = (...x: number[]) => new Uint8Array(x);
    expect(compareBytes(b(), b())).toBe(0);
    expect(compareBytes(b(1), b(1))).toBe(0);
    expect(compareBytes(b(1), b(2))).toBeLessThan(0);
    expect(compareBytes(b(0x19, 0x01, 0x00), b(0x20))).toBeLessThan(0); // longer but smaller first byte
    expect(compareBytes(b(0x61, 0x61), b(0x61))).toBeGreaterThan(0); // prefix sorts first
    expect(compareBytes(b(0xff), b(0x00, 0x00))).toBeGreaterThan(0);
    const keys = [b(0x64, 0x61), b(0x0a), b(0x18, 0x64), b(0x20), b(0x62, 0x7a), b(0x81, 0x18, 0x64), b(0xf4)];
    expect(keys.slice().reverse().sort(compareBytes)).toEqual(keys.slice().sort(compareBytes));
    expect(keys.slice().sort(compareBytes).map((k) => k[0])).toEqual([0x0a, 0x18, 0x20, 0x62, 0x64, 0x81, 0xf4]);
  });

  it('bytesEqual', () => {
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(bytesEqual(new Uint8Array([1]), new Uint8Array([1, 2]))).toBe(false);
    expect(bytesEqual(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });

  it('isBytes and isInteger', () => {
    expect(isBytes(new Uint8Array(1))).toBe(true);
    expect(isBytes(Buffer.from('ab'))).toBe(true);
    expect(isBytes(new Uint16Array(1))).toBe(false);
    expect(isBytes([1, 2])).toBe(false);
    expect(isBytes(new ArrayBuffer(2))).toBe(false);
    expect(isInteger(1)).toBe(true);
    expect(isInteger(-0)).toBe(true);
    expect(isInteger(2n ** 70n)).toBe(true);
    expect(isInteger(1.5)).toBe(false);
    expect(isInteger(2 ** 53)).toBe(false);
    expect(isInteger(NaN)).toBe(false);
    expect(isInteger('1')).toBe(false);
  });
});

describe('describeValue', () => {
  it.each([
    ['x', 'a string'],
    [2.5, 'the number 2.5'],
    [-0, 'the number -0'],
    [NaN, 'the number NaN'],
    [10n, 'the bigint 10'],
    [true, 'true'],
    [null, 'null'],
    [undefined, 'undefined'],
    [[1], 'an array'],
    [new Uint8Array(31), 'a Uint8Array of 31 bytes'],
    [new Uint8Array(1), 'a Uint8Array of 1 byte'],
    [{ a: 1 }, 'an object'],
    [Object.create(null), 'an object'],
    [new Map(), 'a Map'],
    [new Date(0), 'a Date'],
    [new Int8Array(2), 'an Int8Array'],
    [Symbol('s'), 'a symbol'],
    [() => 1, 'a function'],
  ] as [unknown, string][])('%s → %s', (v, d) => {
    expect(describeValue(v)).toBe(d);
  });
});

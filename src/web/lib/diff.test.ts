import { describe, expect, it } from 'vitest';
import { changedFields, changedKeys } from './diff.ts';

describe('diff', () => {
  it('lists keys whose values differ, arrays compared by content', () => {
    expect(changedKeys({ a: 1, b: ['x'], c: null }, { a: 1, b: ['x', 'y'], d: 2 })).toEqual(['b', 'd']);
    expect(changedKeys(null, { a: 1 })).toEqual(['a']);
  });
  it('keeps only the changed fields, treating undefined as null', () => {
    expect(changedFields({ a: 'x', b: null }, { a: 'x', b: undefined, c: 'z' })).toEqual({ c: 'z' });
  });
});

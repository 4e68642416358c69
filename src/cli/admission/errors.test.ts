import { describe, expect, it } from 'vitest';
import { ErrorList, formatErrors, MESSAGES, messageOf } from './errors.ts';

describe('errors', () => {
  it('formats files in the order read, lines ascending, with codes', () => {
    const e = new ErrorList();
    e.add('a.csv', 9, 'UNKNOWN_PROGRAM', { value: 'P9' }, 'program_id');
    e.add('b.csv', 3, 'NOT_A_NUMBER', { value: 'x' }, 'score');
    e.add('a.csv', 2, 'EMPTY_FILE');
    e.add('a.csv', 0, 'MISSING_FILE', { detail: 'ENOENT' });
    expect(formatErrors(e.items).split('\n')).toEqual([
      'a.csv: cannot read the file: ENOENT [MISSING_FILE]',
      'a.csv:2: the file is empty (a header row is required) [EMPTY_FILE]',
      'a.csv:9: column "program_id": unknown program "P9" (not in programs.csv) [UNKNOWN_PROGRAM]',
      'b.csv:3: column "score": "x" is not a number [NOT_A_NUMBER]',
    ]);
  });
  it('every message fills its placeholders', () => {
    for (const code of Object.keys(MESSAGES) as (keyof typeof MESSAGES)[]) {
      const params = Object.fromEntries(
        ['value', 'column', 'detail', 'expected', 'found', 'other', 'candidate', 'line2', 'hint'].map((k) => [k, 'v']),
      );
      expect(messageOf({ file: 'f', line: 1, code, params })).not.toMatch(/\{\w+\}/);
    }
  });
});

import type { TFunction } from 'i18next';
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../lib/i18n.ts', () => ({
  i18n: { t: (key: string) => (key.startsWith('fields.') ? key.slice(7).toUpperCase() : key), exists: (key: string) => key.startsWith('fields.'), language: 'vi' },
  currentLanguage: () => 'vi',
}));

const { emptyValues, newArea, newTarget } = await import('./editor-model.ts');
const { describeProblems } = await import('./describe-problems.ts');

const t = ((key: string, params?: Record<string, unknown>) => `${key}${params ? JSON.stringify(params) : ''}`) as unknown as TFunction;

describe('the editor problem list', () => {
  it('says in which area and item a problem is and names its field once, and lists a message once', () => {
    const values = emptyValues('3c4ef294-bc9c-4baf-957a-e3eedd4defbb');
    const area = newArea('training', values.areas);
    area.targets.push(newTarget(area, values));
    values.areas.push(area);
    const problems = describeProblems(
      t,
      {
        titleVi: 'Required.',
        startDate: 'Required.',
        'areas.0.titleEn': 'Too short.',
        'areas.0.targets.0.value': 'Required.',
        'areas.0.contacts.3c4ef294-bc9c-4baf-957a-e3eedd4defbb': 'Does not exist.',
      },
      values,
    );
    expect(problems).toEqual([
      'TITLEVI: required.',
      'STARTDATE: required.',
      'agreements.editor.areaNumber{"n":1} — TITLEEN: too short.',
      'agreements.editor.areaNumber{"n":1} · agreements.diff.target{"key":1} — VALUE: required.',
      'agreements.editor.areaNumber{"n":1} — CONTACTS: does not exist.',
    ]);
  });
});

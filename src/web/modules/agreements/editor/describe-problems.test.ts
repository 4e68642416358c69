import type { TFunction } from 'i18next';
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../lib/i18n.ts', () => ({ i18n: { t: (key: string) => key, language: 'vi' }, currentLanguage: () => 'vi' }));

const { emptyValues, newArea, newTarget } = await import('./editor-model.ts');
const { describeProblems } = await import('./describe-problems.ts');

const t = ((key: string, params?: Record<string, unknown>) => `${key}${params ? JSON.stringify(params) : ''}`) as unknown as TFunction;

describe('the editor problem list', () => {
  it('says in which area and item a problem is, and lists a message once', () => {
    const values = emptyValues('3c4ef294-bc9c-4baf-957a-e3eedd4defbb');
    const area = newArea('training', values.areas);
    area.targets.push(newTarget(area, values));
    values.areas.push(area);
    const problems = describeProblems(
      t,
      { titleVi: 'required', startDate: 'required', 'areas.0.titleEn': 'too short', 'areas.0.targets.0.value': 'required' },
      values,
    );
    expect(problems).toEqual([
      'required',
      'agreements.editor.areaNumber{"n":1} — too short',
      `agreements.editor.areaNumber{"n":1} · agreements.diff.target{"key":"${area.targets[0].key}"} — required`,
    ]);
  });
});

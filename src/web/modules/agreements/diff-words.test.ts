import { describe, expect, it, vi } from 'vitest';

vi.mock('../../lib/i18n.ts', () => ({ currentLanguage: () => 'en' }));

const { describeEntry, parsePath, sentence } = await import('./diff-words.ts');
const { translate } = await import('../../../locales/index.ts');
const t = ((key: string, params?: Record<string, unknown>) => translate('en', key, params)) as never;

const HUST = '3c4ef294-bc9c-4baf-957a-e3eedd4defbb';
const names = {
  codes: { [HUST]: 'HUST' },
  people: { p1: { fullName: 'Đào Xuân Cơ', title: 'PGS.TS.' } },
  contents: [{ areas: [{ key: 'training', titleVi: 'Đào tạo', titleEn: 'Training' }] } as never],
};

describe('diff in words', () => {
  it('splits paths into named segments', () => {
    expect(parsePath('areas[training].targets[t1].value')).toEqual([{ name: 'areas', key: 'training' }, { name: 'targets', key: 't1' }, { name: 'value' }]);
  });

  it('says which target of which area changed, and how', () => {
    const row = describeEntry(t, names, { path: 'areas[training].targets[t1].value', change: 'changed', before: 100, after: 150 });
    expect(sentence(t, row)).toBe('Target t1 · area “Training” — Value: 100 → 150');
  });

  it('names parties, people, dates and whole items', () => {
    expect(describeEntry(t, names, { path: 'areas[training].contacts[' + HUST + '].personId', change: 'changed', before: 'x', after: 'p1' })).toMatchObject({
      where: 'Point of contact of HUST · area “Training”',
      after: 'PGS.TS. Đào Xuân Cơ',
    });
    expect(describeEntry(t, names, { path: 'endDate', change: 'changed', before: '2030-10-01', after: null })).toMatchObject({
      where: 'Ends on',
      before: '01/10/2030',
      after: 'open-ended',
    });
    const added = describeEntry(t, names, {
      path: 'areas[training].targets[t2]',
      change: 'added',
      after: { key: 't2', metric: 'staff_trained', periodStart: '2025-10-02', periodEnd: '2026-10-01', value: 20 },
    });
    expect(sentence(t, added)).toBe('Added Target t2 · area “Training”: Staff trained: 20 (02/10/2025 – 01/10/2026)');
  });
});

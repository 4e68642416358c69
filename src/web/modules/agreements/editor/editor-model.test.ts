import { describe, expect, it, vi } from 'vitest';

// The real English strings (the messages are what is tested).
vi.mock('../../../lib/i18n.ts', async () => {
  const { hasKey, translate } = await import('../../../../locales/index.ts');
  return {
    i18n: { t: (key: string, params?: Record<string, unknown>) => translate('en', key, params), exists: (key: string) => hasKey('en', key), language: 'en' },
    currentLanguage: () => 'en',
  };
});

const { areaKey, editorPath, emptyValues, fromContent, itemKey, mergeContent, newArea, newTarget, proposedTitles, toPayload, validateValues } = await import(
  './editor-model.ts'
);

const HUST = '3c4ef294-bc9c-4baf-957a-e3eedd4defbb';
const BMH = '00d9e995-cfaa-4a6d-a769-4a076ae9617f';
const PERSON_HUST = '9d9e5efe-eec8-4ac4-8131-becc32c7c765';
const PERSON_BMH = '1ec140ea-b07e-4be6-b421-556f91d71be6';

function filled() {
  const values = emptyValues(HUST);
  values.titleVi = 'Thỏa thuận';
  values.titleEn = 'Agreement';
  values.startDate = '2025-10-02';
  values.parties.push({ institutionId: BMH, unitId: null });
  const area = newArea('training', values.areas);
  area.titleVi = 'Đào tạo';
  area.titleEn = 'Training';
  area.contacts = { [HUST]: PERSON_HUST, [BMH]: null };
  const target = newTarget(area, values);
  target.metric = 'staff_trained';
  target.value = 100;
  area.targets.push(target);
  values.areas.push(area);
  return values;
}

describe('agreement editor model', () => {
  it('generates slug keys, numbered when taken', () => {
    expect(areaKey('training', [])).toBe('training');
    expect(areaKey('training', ['training', 'training-2'])).toBe('training-3');
    expect(areaKey('digital_transformation', [])).toBe('digital-transformation');
    expect(itemKey('t', ['t1', 't3'])).toBe('t2');
  });

  it('sends contacts chosen for current parties only, empty numbers and texts as null', () => {
    const values = filled();
    values.areas[0].contacts['11111111-1111-4111-8111-111111111111'] = PERSON_BMH;
    const { content } = toPayload(values);
    expect(content.areas[0].contacts).toEqual([{ institutionId: HUST, personId: PERSON_HUST }]);
    expect(content.signingPlace).toBeNull();
    expect(content.endDate).toBeNull();
    expect(content.renewalYears).toBeNull();
    expect(content.areas[0].targets[0]).toEqual({ key: 't1', metric: 'staff_trained', periodStart: '2025-10-02', periodEnd: null, value: 100 });
  });

  it('round-trips content through the form values', () => {
    const { content } = toPayload({ ...filled(), endDate: '2030-10-01' });
    const again = toPayload(fromContent(content, 'parties')).content;
    expect(again).toEqual(content);
  });

  it('validates with the contract, errors under the inputs’ paths', () => {
    const values = filled();
    values.titleEn = '';
    values.areas[0].targets[0].value = '';
    values.endDate = '2020-01-01';
    const errors = validateValues(values);
    expect(Object.keys(errors).sort()).toEqual(['areas.0.targets.0.periodEnd', 'areas.0.targets.0.value', 'endDate', 'titleEn']);
    expect(validateValues({ ...filled(), parties: filled().parties.slice(0, 1) })).toHaveProperty('parties');
  });

  it('holds dates to the years and today it is given, and reports text that is not a date', () => {
    const rules = { minYear: 1990, maxYear: 2100, today: '2026-11-27' };
    const values = filled();
    values.startDate = '1985-01-01';
    values.signingDate = '2026-11-28';
    values.areas[0].targets[0].periodEnd = '2101-01-01';
    const errors = validateValues(values, rules);
    expect(errors.startDate).toBe('Must be a date between the years 1990 and 2100.');
    expect(errors.signingDate).toBe('Cannot be later than today.');
    expect(errors['areas.0.targets.0.periodEnd']).toBe('Must be a date between the years 1990 and 2100.');
    const fine = filled();
    fine.signingDate = '2026-11-27';
    fine.areas[0].targets[0].periodEnd = '2026-12-31';
    expect(validateValues(fine, rules)).toEqual({});
    // A date typed by hand that is not one stays in the form as typed (DateField) and is reported.
    expect(validateValues({ ...filled(), signingDate: '31/02/2025' }, rules).signingDate).toBe('Not a valid date — type it as dd/mm/yyyy.');
  });

  it('says a number below its minimum in words', () => {
    const values = filled();
    values.areas[0].targets[0].value = -5;
    values.renewal = 'automatic';
    values.renewalYears = 0;
    const errors = validateValues(values);
    expect(errors['areas.0.targets.0.value']).toBe('Must be greater than 0.');
    expect(errors.renewalYears).toBe('At least 1 year.');
    expect(validateValues({ ...filled(), parties: filled().parties.slice(0, 1) }).parties).toBe(
      'An agreement needs at least 2 parties — add the partner institution.',
    );
  });

  it('proposes an area kind\'s name as its titles in both languages, keeping titles the user wrote', () => {
    const names = (kind: string) => ({ vi: `vi:${kind}`, en: `en:${kind}` });
    const area = newArea('training', [], names);
    expect([area.titleVi, area.titleEn]).toEqual(['vi:training', 'en:training']);
    expect(proposedTitles(area, 'research', names)).toEqual({ titleVi: 'vi:research', titleEn: 'en:research' });
    expect(proposedTitles({ ...area, titleVi: 'Đào tạo kỹ sư' }, 'research', names)).toEqual({ titleVi: 'Đào tạo kỹ sư', titleEn: 'en:research' });
    expect(proposedTitles({ kind: 'training', titleVi: '', titleEn: '' }, 'custom', names)).toEqual({ titleVi: '', titleEn: '' });
  });

  it('shows a contact problem at the picker of its party', () => {
    const values = filled();
    values.areas[0].contacts[BMH] = PERSON_BMH;
    const payload = toPayload(values);
    expect(editorPath('content.areas.0.contacts.1.personId', payload)).toBe(`areas.0.contacts.${BMH}`);
    expect(editorPath('content.areas.0.titleVi', payload)).toBe('areas.0.titleVi');
  });
});

describe('re-applying my edits on their version', () => {
  it('keeps what only they changed and what I changed, item by item', () => {
    const base = toPayload({ ...filled(), endDate: '2030-10-01' }).content;
    const theirs = structuredClone(base);
    theirs.areas[0].targets[0].value = 150;
    theirs.summaryEn = 'Their summary';
    const mine = structuredClone(base);
    mine.titleEn = 'My title';
    mine.areas[0].titleEn = 'My training';
    mine.areas[0].targets.push({ key: 't2', metric: 'seminars_held', periodStart: '2025-10-02', periodEnd: '2026-10-01', value: 4 });
    const merged = mergeContent(base, mine, theirs);
    expect(merged.titleEn).toBe('My title');
    expect(merged.summaryEn).toBe('Their summary');
    expect(merged.areas[0].titleEn).toBe('My training');
    expect(merged.areas[0].targets.map((t) => [t.key, t.value])).toEqual([
      ['t1', 150],
      ['t2', 4],
    ]);
  });
});

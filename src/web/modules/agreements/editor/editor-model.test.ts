import { describe, expect, it, vi } from 'vitest';

vi.mock('../../../lib/i18n.ts', () => ({ i18n: { t: (key: string) => key, language: 'vi' }, currentLanguage: () => 'vi' }));

const { areaKey, editorPath, emptyValues, fromContent, itemKey, mergeContent, newArea, newTarget, toPayload, validateValues } = await import('./editor-model.ts');

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

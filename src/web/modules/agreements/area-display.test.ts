import { describe, expect, it, vi } from 'vitest';

vi.mock('../../lib/i18n.ts', () => ({ i18n: { t: (key: string) => key, language: 'vi' }, currentLanguage: () => 'vi' }));

const { commitmentRecipient, showsKind } = await import('./area-display.ts');

describe('area cards', () => {
  it('does not repeat the kind when the title is the kind', () => {
    expect(showsKind('Đào tạo', 'Đào tạo')).toBe(false);
    expect(showsKind('dao tao ', 'Đào tạo')).toBe(false);
    expect(showsKind('Training', 'Training')).toBe(false);
    expect(showsKind('Thực hành, thực tập và tham quan kiến tập', 'Thực tập / thực hành lâm sàng')).toBe(true);
  });

  it('names the other party of a bilateral commitment to "all other parties"', () => {
    expect(commitmentRecipient({ fromInstitutionId: 'hust', toInstitutionId: null }, ['hust', 'bmh'])).toBe('bmh');
    expect(commitmentRecipient({ fromInstitutionId: 'bmh', toInstitutionId: null }, ['hust', 'bmh'])).toBe('hust');
    expect(commitmentRecipient({ fromInstitutionId: 'hust', toInstitutionId: null }, ['hust', 'bmh', 'hmu'])).toBeNull();
    expect(commitmentRecipient({ fromInstitutionId: 'hust', toInstitutionId: 'hmu' }, ['hust', 'bmh', 'hmu'])).toBe('hmu');
  });
});

import { describe, expect, it, vi } from 'vitest';

vi.mock('./i18n.ts', () => ({ currentLanguage: vi.fn(() => 'vi') }));

const { formatDate, formatNumber } = await import('./format.ts');
const { currentLanguage } = await import('./i18n.ts');

describe('format', () => {
  it('writes Vietnamese dates and numbers in vi', () => {
    expect(formatDate('2025-10-02T08:00:00Z')).toBe('02/10/2025');
    expect(formatNumber(1234.5)).toBe('1.234,5');
  });
  it('writes English numbers in en', () => {
    vi.mocked(currentLanguage).mockReturnValue('en');
    expect(formatNumber(1234.5)).toBe('1,234.5');
    expect(formatDate('2025-10-02T08:00:00Z')).toBe('02/10/2025');
  });
});

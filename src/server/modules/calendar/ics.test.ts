import ical, { type VEvent } from 'node-ical';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, icsText } from './ics.ts';

// The feed's iCalendar writer (ics.ts): RFC 5545 lines, escaping and folding, read back by a real parser.

const octets = (s: string) => Buffer.byteLength(s, 'utf8');
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, '');

describe('the iCalendar writer', () => {
  it('escapes TEXT values', () => {
    expect(escapeText('Hà Nội')).toBe('Hà Nội');
    expect(escapeText('a, b; c\\d\r\ne\nf')).toBe('a\\, b\\; c\\\\d\\ne\\nf');
  });

  it('folds at 75 octets without splitting a character, and unfolds to the same line', () => {
    const lines = [
      `SUMMARY:${'Hội thảo khoa học quốc tế về trí tuệ nhân tạo '.repeat(6)}`,
      `DESCRIPTION:${'x'.repeat(300)}`,
      `SUMMARY:${'😀é'.repeat(50)}`,
      'SUMMARY:short',
    ];
    for (const line of lines) {
      const folded = foldLine(line);
      for (const physical of folded.split('\r\n')) expect(octets(physical)).toBeLessThanOrEqual(75);
      expect(folded.split('\r\n').slice(1).every((l) => l.startsWith(' '))).toBe(true);
      expect(unfold(folded)).toBe(line);
      expect(folded).not.toContain('\uFFFD');
    }
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short');
  });

  it('writes a calendar node-ical reads back event by event', () => {
    const events = [
      {
        uid: 'activity:1',
        start: '2026-07-10',
        endExclusive: '2026-07-13',
        summary: 'Hội thảo Việt–Nga, y học; cổ truyền',
        description: 'Thỏa thuận hợp tác Bách khoa – Bạch Mai\nTrạng thái: dự kiến',
        location: 'Bệnh viện Bạch Mai, Hà Nội',
        url: 'https://hoptac.test/agreements/a?activity=1',
      },
      { uid: 'delegation:2', start: '2026-12-31', endExclusive: '2027-01-01', summary: 'x'.repeat(200), description: null, location: null, url: 'https://hoptac.test/delegations/2' },
    ];
    const text = icsText({ name: 'Lịch hợp tác hoptac', description: 'Các hoạt động, đoàn công tác', prodId: '-//hoptac//calendar//VI', ttlSeconds: 3600 }, events, new Date('2026-07-01T05:00:00.123Z'));
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//hoptac//calendar//VI\r\n')).toBe(true);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(text).toContain('DTSTAMP:20260701T050000Z');
    expect(text).toContain('DTSTART;VALUE=DATE:20260710\r\nDTEND;VALUE=DATE:20260713');
    expect(text).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H');
    expect(unfold(text)).toContain('X-WR-CALDESC:Các hoạt động\\, đoàn công tác');
    const parsed = Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');
    expect(parsed.map((e) => e.uid)).toEqual(['activity:1', 'delegation:2']);
    const [seminar, delegation] = parsed;
    expect(seminar.summary).toBe('Hội thảo Việt–Nga, y học; cổ truyền');
    expect(seminar.location).toBe('Bệnh viện Bạch Mai, Hà Nội');
    expect(String(seminar.description)).toBe('Thỏa thuận hợp tác Bách khoa – Bạch Mai\nTrạng thái: dự kiến');
    expect(seminar.datetype).toBe('date');
    expect(delegation.summary).toBe('x'.repeat(200));
    expect(delegation.location).toBeUndefined();
    expect(delegation.description).toBeUndefined();
  });
});

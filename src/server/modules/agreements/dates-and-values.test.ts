import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.ts';
import { buildTenant, buildUser } from '../../testing/factories.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../testing/test-app.ts';

// Dates and values that make sense (issue 9, item 6): dates within the configured years, no signing date after
// today, specific messages for sizes ("at least 2 parties", "greater than 0"), and no agreement in force without
// its signing date. The platform's day is 27/11/2026 (a fixed clock).
const now = new Date('2026-11-27T03:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ clock: { now: () => now } });
});
afterAll(() => t.close());

type Tenant = Awaited<ReturnType<typeof buildTenant>>;

async function parties() {
  const a = await buildTenant(t.database.db);
  const b = await buildTenant(t.database.db);
  const officerA = await t.login(a.officer.email);
  const officerB = await t.login(b.officer.email);
  const english = await t.login((await buildUser(t.database.db, a.institution.id, ['cooperation_officer'], { language: 'en' })).email);
  return { a, b, officerA, officerB, english };
}

const content = (a: Tenant, b: Tenant, overrides: Record<string, unknown> = {}) => ({
  kind: 'cooperation',
  titleVi: 'Thỏa thuận ngày tháng',
  titleEn: 'Dates agreement',
  startDate: '2026-01-01',
  endDate: '2028-12-31',
  parties: [{ institutionId: a.institution.id }, { institutionId: b.institution.id }],
  ...overrides,
});

const fields = (res: { body: { error: { details?: { fields?: { field: string; code: string; message: string }[] } } } }) =>
  (res.body.error.details?.fields ?? []).map((f) => [f.field, f.code, f.message]);

async function uploadSigned(c: ApiClient, id: string) {
  const boundary = 'b0undary';
  const body = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nsigned\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="s.pdf"\r\n\r\n%PDF-1.4\n% ${id}\n%%EOF\r\n--${boundary}--\r\n`,
  );
  const res = await c.request('POST', `/api/v1/agreements/${id}/documents`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

describe('dates', () => {
  it('refuses dates outside 1990–2100 and a signing date after today, naming each field once', async () => {
    const { a, b, english } = await parties();
    const res = await english.post('/api/v1/agreements', {
      content: content(a, b, {
        startDate: '1989-12-31',
        endDate: '2101-01-01',
        signingDate: '2026-11-28',
        areas: [
          {
            key: 'training',
            kind: 'training',
            titleVi: 'Đào tạo',
            titleEn: 'Training',
            targets: [{ key: 't1', metric: 'staff_trained', periodStart: '2026-01-01', periodEnd: '2150-12-31', value: 10 }],
          },
        ],
      }),
    });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual([
      ['content.signingDate', 'future_date', 'Date of signing: cannot be later than today.'],
      ['content.startDate', 'date_range', 'Effective from: must be a date between the years 1990 and 2100.'],
      ['content.endDate', 'date_range', 'Ends on: must be a date between the years 1990 and 2100.'],
      ['content.areas.0.targets.0.periodEnd', 'date_range', 'Period end (Areas of cooperation #1 › Targets #1): must be a date between the years 1990 and 2100.'],
    ]);
    // Today is fine, and so are the first and last allowed years.
    const ok = await english.post('/api/v1/agreements', { content: content(a, b, { signingDate: '2026-11-27', startDate: '1990-01-01', endDate: '2100-12-31' }) });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });

  it('holds a renewal to the same years', async () => {
    const { a, b, officerA } = await parties();
    const created = await officerA.post('/api/v1/agreements', { content: content(a, b) });
    const id = created.body.id as string;
    const renewal = await officerA.post(`/api/v1/agreements/${id}/renewal`, { startDate: '2029-01-01', endDate: '2120-12-31' });
    expect(renewal.status).toBe(400);
    expect(fields(renewal)).toEqual([['endDate', 'date_range', 'Ngày hết hạn: phải là một ngày trong khoảng năm 1990–2100.']]);
  });

  it('takes the years from DATE_MIN_YEAR and DATE_MAX_YEAR, and answers them in /me', async () => {
    const narrow = await startTestApp({ env: { DATE_MIN_YEAR: '2000', DATE_MAX_YEAR: '2050' }, clock: { now: () => now } });
    try {
      const a = await buildTenant(narrow.database.db);
      const b = await buildTenant(narrow.database.db);
      const officer = await narrow.login(a.officer.email);
      expect((await officer.get('/api/v1/me')).body.dates).toEqual({ minYear: 2000, maxYear: 2050 });
      const res = await officer.post('/api/v1/agreements', { content: content(a, b, { startDate: '1995-01-01', endDate: null }) });
      expect(fields(res)).toEqual([['content.startDate', 'date_range', 'Ngày hiệu lực: phải là một ngày trong khoảng năm 2000–2050.']]);
    } finally {
      await narrow.close();
    }
    expect((await (await t.login((await buildTenant(t.database.db)).officer.email)).get('/api/v1/me')).body.dates).toEqual({ minYear: 1990, maxYear: 2100 });
  });

  it('refuses a configuration whose years are out of order or beyond what can be stored', () => {
    expect(() => loadConfig({ DATE_MIN_YEAR: '2050', DATE_MAX_YEAR: '2000' })).toThrow(/DATE_MIN_YEAR: must not be after DATE_MAX_YEAR/);
    expect(() => loadConfig({ DATE_MAX_YEAR: '2300' })).toThrow(/DATE_MAX_YEAR/);
    expect(() => loadConfig({ DATE_MIN_YEAR: 'soon' })).toThrow(/DATE_MIN_YEAR/);
  });
});

describe('values', () => {
  it('says what is wrong with a size or a number in words', async () => {
    const { a, b, officerA, english } = await parties();
    const body = content(a, b, {
      parties: [{ institutionId: a.institution.id }],
      renewal: 'automatic',
      renewalYears: 0,
      areas: [
        {
          key: 'training',
          kind: 'training',
          titleVi: 'Đào tạo',
          titleEn: 'Training',
          commitments: [{ key: 'c1', fromInstitutionId: a.institution.id, textVi: 'Hỗ trợ', textEn: 'Supports', quantity: -5 }],
        },
      ],
    });
    expect(fields(await english.post('/api/v1/agreements', { content: body }))).toEqual([
      ['content.renewalYears', 'too_small', 'Renewal years: at least 1 year.'],
      ['content.parties', 'too_small', 'Parties: an agreement needs at least 2 parties — add the partner institution.'],
      ['content.areas.0.commitments.0.quantity', 'too_small', 'Quantity (Areas of cooperation #1 › Commitments #1): must be greater than 0.'],
    ]);
    const vi = fields(await officerA.post('/api/v1/agreements', { content: body }));
    expect(vi.map((f) => f[2])).toEqual([
      'Số năm gia hạn: ít nhất 1 năm.',
      'Các bên: thỏa thuận cần ít nhất 2 bên — hãy thêm cơ sở đối tác.',
      'Số lượng (Lĩnh vực hợp tác #1 › Cam kết #1): phải lớn hơn 0.',
    ]);
    for (const message of vi.map((f) => f[2])) expect(message).not.toMatch(/quá ngắn hoặc quá nhỏ/);
    const long = fields(await english.post('/api/v1/agreements', { content: content(a, b, { titleEn: 'x'.repeat(501) }) }));
    expect(long).toEqual([['content.titleEn', 'too_big', 'English title: at most 500 characters.']]);
  });
});

describe('coming into force', () => {
  it('needs the signing date: approved and signed without one, it waits; with it, it is in force', async () => {
    const { a, b, officerA, officerB } = await parties();
    const created = await officerA.post('/api/v1/agreements', { content: content(a, b) });
    const id = created.body.id as string;
    await officerA.post(`/api/v1/agreements/${id}/approvals`, { contentHash: created.body.contentHash });
    await officerB.post(`/api/v1/agreements/${id}/approvals`, { contentHash: created.body.contentHash });
    await uploadSigned(officerA, id);
    const waiting = (await officerA.get(`/api/v1/agreements/${id}`)).body;
    expect(waiting.fullyApproved).toBe(true);
    expect(waiting.signedDocumentId).not.toBeNull();
    expect(waiting.status).toBe('awaiting_approval');

    // The daily job does not bring it into force either.
    const { runAgreementLifecycle } = await import('./lifecycle-job.ts');
    await runAgreementLifecycle(t.deps, now);
    expect((await officerA.get(`/api/v1/agreements/${id}`)).body.status).toBe('awaiting_approval');

    // The signing date is recorded (a new version), the parties approve it: in force.
    const edited = await officerA.patch(`/api/v1/agreements/${id}`, { baseVersion: waiting.versionNo, content: { ...waiting.content, signingDate: '2026-11-20' } });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    await officerA.post(`/api/v1/agreements/${id}/approvals`, { contentHash: edited.body.contentHash });
    await officerB.post(`/api/v1/agreements/${id}/approvals`, { contentHash: edited.body.contentHash });
    expect((await officerA.get(`/api/v1/agreements/${id}`)).body.status).toBe('active');

    // A termination notice is held to the same years.
    const terminated = await officerA.post(`/api/v1/agreements/${id}/transitions`, { to: 'terminated', reason: 'Thử', noticeDate: '1980-01-01' });
    expect(fields(terminated)).toEqual([['noticeDate', 'date_range', 'Ngày thông báo: phải là một ngày trong khoảng năm 1990–2100.']]);
  });
});
